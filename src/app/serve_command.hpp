#pragma once

#include <cstddef>
#include <string>

#include "app/smtp_transport.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace parindex {

/// The options of `parindex serve`.
struct ServeOptions {
    std::string data_dir = "data";
    std::string listen = "127.0.0.1:8080";  ///< host:port; port 0 picks a free one (printed on start).
    std::string web_dir;                    ///< The built web application; empty: `<repo>/web/dist` if present.
    int threads = 2;
    std::size_t body_limit_mib = 21;  ///< An evidence file may be 20 MiB (FileVault); the rest is headroom.
    int read_timeout_seconds = 30;
    int idle_timeout_seconds = 60;
    bool secure_cookies = false;
    std::string lang = "vi";
    SmtpOptions smtp;  ///< `--smtp-*`: reminder emails are sent when `--smtp-url` is given, kept otherwise.
};

/// Runs the HTTP server on the data folder until SIGTERM or SIGINT; returns the exit code (0 after a graceful
/// stop, 1 when the data folder or the address cannot be used). `program` is argv[0], to find the web
/// application next to the build.
int RunServe(const ServeOptions& options, const std::string& program);

/// Adds the `serve` subcommand to the command line; its callback stores the exit code in `exit_code`.
void AddServeCommand(CLI::App& app, int& exit_code, const std::string& program);

}  // namespace parindex
