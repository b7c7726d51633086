#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "domain/clock.hpp"
#include "domain/mail.hpp"
#include "domain/plan.hpp"
#include "domain/plan_store.hpp"
#include "domain/result.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace parindex {

/// Where and as whom the reminder emails are sent (issue 4 §3).
struct SmtpSettings {
    std::string url;                     ///< `smtp://host:port` (STARTTLS when offered) or `smtps://host:port`.
    std::string from_address;            ///< The envelope sender and the From address.
    std::string from_name = "ParIndex";  ///< The From display name (UTF-8; encoded per RFC 2047).
    std::string user;                    ///< "" sends without authentication.
    std::string password;                ///< Read from a file, never from the command line.
    std::chrono::seconds timeout{30};    ///< For the connection and for the whole transfer of one email.
};

/// The `--smtp-*` options shared by `parindex serve` and `parindex reminders run`.
struct SmtpOptions {
    std::string url;
    std::string from;
    std::string from_name = "ParIndex";
    std::string user;
    std::string password_file;
    int timeout_seconds = 30;
};

/// Adds the `--smtp-*` options to a command.
void AddSmtpOptions(CLI::App& command, SmtpOptions& options);

/// The settings the options name: nothing when `--smtp-url` is not given (emails stay in the outbox); an
/// invalid-input error naming the option when the URL is not smtp:// or smtps://, `--smtp-from` is missing or not
/// an address, `--smtp-user` comes without `--smtp-password-file`, or that file cannot be read. The password file's
/// trailing line break is dropped.
Result<std::optional<SmtpSettings>> SmtpSettingsFrom(const SmtpOptions& options);

/// An RFC 2047 header text: the text itself when it is short printable ASCII, else `=?UTF-8?B?…?=` words (never
/// splitting a UTF-8 sequence) folded with CRLF and a space so that no line passes 76 characters, given that
/// `used` characters (the header's name) precede it on the first line.
std::string EncodeHeaderText(std::string_view text, std::size_t used = 0);

/// The RFC 5322 message of an email: Date (UTC), From (encoded name and address), To, Subject (encoded),
/// Message-ID, MIME-Version, `Content-Type: text/plain; charset=UTF-8` and a base64 body (the text with CRLF
/// line endings, 76-character lines); every line ends with CRLF.
std::string ComposeMessage(const OutboxEmail& email, const SmtpSettings& settings,
                           std::chrono::system_clock::time_point now, std::string_view message_id);

/// Sends emails through an SMTP server with libcurl, one connection per email.
class SmtpTransport final : public MailTransport {
  public:
    SmtpTransport(SmtpSettings settings, const Clock& clock);
    /// Sends `email`; the error carries curl's reason and the server's last reply code.
    Status Send(const OutboxEmail& email) override;
    /// Aborts a transfer in progress and refuses later sends (the server is stopping). Thread-safe.
    void Cancel() { cancelled_ = true; }

  private:
    SmtpSettings settings_;
    const Clock& clock_;
    std::atomic<bool> cancelled_{false};
};

/// The server's delivery of the outbox on a thread of its own, so that a slow or unreachable SMTP server never
/// holds a request: at start and then every `new_mail_period` it sends the emails never attempted (those the
/// hourly reminder run or an administrator's run just queued); every `retry_period` it also retries the failed
/// ones (up to 5 attempts each). Stops (and aborts a transfer in progress) when destroyed or stopped.
class OutboxDelivery {
  public:
    using Log = std::function<void(std::string_view line)>;
    OutboxDelivery(PlanStore& plans, SmtpSettings settings, const Clock& clock, Log log,
                   std::chrono::milliseconds new_mail_period = std::chrono::minutes(1),
                   std::chrono::milliseconds retry_period = std::chrono::hours(1));
    OutboxDelivery(const OutboxDelivery&) = delete;
    OutboxDelivery& operator=(const OutboxDelivery&) = delete;
    ~OutboxDelivery() { Stop(); }

    /// Delivers the new emails now rather than at the next period (e.g. right after a reminder run).
    void Wake();
    void Stop();

  private:
    void Run();

    PlanStore& plans_;
    const Clock& clock_;
    SmtpTransport transport_;
    Log log_;
    std::chrono::milliseconds new_mail_period_;
    std::chrono::milliseconds retry_period_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    bool stopped_ = false;
    std::thread thread_;  ///< Last: started once the members above exist.
};

}  // namespace parindex
