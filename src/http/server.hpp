#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "domain/result.hpp"
#include "http/http_types.hpp"
#include "http/log.hpp"

namespace parindex::http {

/// Limits and timeouts of the HTTP server.
struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;                              ///< 0 picks a free port.
    int threads = 2;                                         ///< Threads running the io_context.
    std::size_t body_limit = std::size_t{21} * 1024 * 1024;  ///< Larger bodies get a 413 (evidence files: 20 MiB).
    std::size_t header_limit = 16 * 1024;                    ///< Larger headers get a 431.
    std::chrono::seconds read_timeout{30};                   ///< Time to receive one whole request.
    std::chrono::seconds idle_timeout{60};                   ///< Time a keep-alive connection may wait for a request.
    std::chrono::seconds shutdown_grace{10};                 ///< Longest wait for requests in flight on SIGTERM.
};

/// Handles one request (the Dispatcher); called on the server's threads, concurrently.
using RequestHandler = std::function<Response(Request&)>;

/// Called once the server listens, with the port it really listens on (useful with port 0).
using ListeningCallback = std::function<void(unsigned short port)>;

/// Runs an asynchronous HTTP/1.1 server (Boost.Beast, keep-alive) until SIGTERM or SIGINT: then it stops
/// accepting, finishes the requests in flight, closes idle connections and returns Ok. Every response carries
/// X-Request-Id (the client's, when it sends a sane one, or 16 random hex digits), and each request is logged as
/// one line: time, request id, method, path, status, microseconds. An error when it cannot listen.
Status RunServer(const ServerOptions& options, RequestHandler handler, const ListeningCallback& on_listening,
                 LogSink log);

}  // namespace parindex::http
