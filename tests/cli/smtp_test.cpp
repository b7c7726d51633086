// Reminder emails over SMTP (issue 4 §3), against a real SMTP conversation: a small SMTP sink in this file accepts
// connections on 127.0.0.1, speaks EHLO/MAIL/RCPT/DATA/QUIT and records what arrives. SmtpTransport's messages
// arrive with the envelope, the Vietnamese subject and sender name (RFC 2047) and the UTF-8 body; `parindex
// reminders run --smtp-url …` delivers the outbox once and records failures; `parindex serve` delivers on a
// thread of its own, so a server that never answers holds no request and no shutdown.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/smtp_transport.hpp"
#include "cli_support.hpp"
#include "domain/clock.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex::testing {
namespace {

using namespace std::chrono_literals;

/// One message as the sink received it.
struct Received {
    std::string mail_from;
    std::vector<std::string> rcpt_to;
    std::string data;  ///< After DATA, dot-stuffing undone, without the final `.` line; CRLF kept.
};

/// A minimal SMTP server on 127.0.0.1 (an ephemeral port), one thread serving connections one after another.
class SmtpSink {
  public:
    enum class Mode {
        kAccept,      ///< Accepts every message.
        kRejectRcpt,  ///< Answers RCPT with 550.
        kSilent,      ///< Accepts the connection and never says a word.
    };

    explicit SmtpSink(Mode mode = Mode::kAccept) : mode_(mode) {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        const int yes = 1;
        setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener_, 8) != 0) {
            ADD_FAILURE() << "the sink cannot listen";
        }
        socklen_t length = sizeof address;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { Serve(); });
    }
    ~SmtpSink() { Close(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    /// Stops listening: later connections are refused.
    void Close() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
        if (listener_ >= 0) close(listener_);
        listener_ = -1;
    }

    /// Waits until `count` messages arrived (or `timeout`); returns what arrived.
    std::vector<Received> WaitFor(std::size_t count, std::chrono::seconds timeout = 60s) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
        return messages_;
    }
    std::vector<Received> Messages() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return messages_;
    }
    /// Waits until `count` connections were accepted.
    bool WaitForConnections(int count, std::chrono::seconds timeout = 60s) {
        std::unique_lock<std::mutex> lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return connections_ >= count; });
    }
    std::vector<std::string> Commands() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return commands_;
    }

  private:
    void Serve() {
        while (!stop_) {
            pollfd waiting{listener_, POLLIN, 0};
            if (poll(&waiting, 1, 50) <= 0) continue;
            const int connection = accept(listener_, nullptr, nullptr);
            if (connection < 0) continue;
            {
                const std::lock_guard<std::mutex> lock(mutex_);
                ++connections_;
            }
            changed_.notify_all();
            Converse(connection);
            close(connection);
        }
    }

    /// The next line (without CRLF); false when the peer closed or the sink stops.
    bool ReadLine(int connection, std::string& buffer, std::string& line) {
        for (;;) {
            const std::size_t end = buffer.find("\r\n");
            if (end != std::string::npos) {
                line = buffer.substr(0, end);
                buffer.erase(0, end + 2);
                return true;
            }
            pollfd readable{connection, POLLIN, 0};
            const int ready = poll(&readable, 1, 50);
            if (stop_) return false;
            if (ready <= 0) continue;
            char chunk[4096];
            const ssize_t n = recv(connection, chunk, sizeof chunk, 0);
            if (n <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }

    static void Say(int connection, const std::string& reply) {
        const std::string line = reply + "\r\n";
        (void)send(connection, line.data(), line.size(), MSG_NOSIGNAL);
    }

    void Converse(int connection) {
        std::string buffer;
        std::string line;
        if (mode_ == Mode::kSilent) {
            while (ReadLine(connection, buffer, line)) {
            }
            return;
        }
        Say(connection, "220 sink.test ESMTP");
        Received message;
        while (ReadLine(connection, buffer, line)) {
            {
                const std::lock_guard<std::mutex> lock(mutex_);
                commands_.push_back(line);
            }
            const std::string verb = line.substr(0, 4);
            if (verb == "EHLO") {
                Say(connection, "250-sink.test");
                Say(connection, "250 8BITMIME");
            } else if (verb == "HELO") {
                Say(connection, "250 sink.test");
            } else if (line.rfind("MAIL FROM:", 0) == 0) {
                message = Received{};
                message.mail_from = line.substr(10);
                Say(connection, "250 OK");
            } else if (line.rfind("RCPT TO:", 0) == 0) {
                if (mode_ == Mode::kRejectRcpt) {
                    Say(connection, "550 5.1.1 no such mailbox");
                } else {
                    message.rcpt_to.push_back(line.substr(8));
                    Say(connection, "250 OK");
                }
            } else if (verb == "DATA") {
                Say(connection, "354 go ahead");
                while (ReadLine(connection, buffer, line) && line != ".") {
                    if (!line.empty() && line[0] == '.') line.erase(0, 1);
                    message.data += line + "\r\n";
                }
                {
                    const std::lock_guard<std::mutex> lock(mutex_);
                    messages_.push_back(message);
                }
                changed_.notify_all();
                Say(connection, "250 OK queued");
            } else if (verb == "QUIT") {
                Say(connection, "221 bye");
                return;
            } else if (verb == "RSET" || verb == "NOOP") {
                Say(connection, "250 OK");
            } else {
                Say(connection, "502 not implemented");
            }
        }
    }

    Mode mode_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Received> messages_;
    std::vector<std::string> commands_;
    int connections_ = 0;
    std::thread thread_;
};

std::string Base64Decode(const std::string& text) {
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned int bits = 0;
    int count = 0;
    for (const char c : text) {
        const std::size_t value = kAlphabet.find(c);
        if (value == std::string::npos) continue;  // Line breaks and padding.
        bits = (bits << 6U) | static_cast<unsigned int>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> static_cast<unsigned int>(count)) & 0xFFU);
        }
    }
    return out;
}

/// The headers of a message (before the empty line), unfolded.
std::string Headers(const std::string& data) {
    std::string head = data.substr(0, data.find("\r\n\r\n") + 2);
    for (std::size_t at = head.find("\r\n "); at != std::string::npos; at = head.find("\r\n ")) head.erase(at, 2);
    return head;
}

/// A header's raw value (unfolded), or "" when absent.
std::string Header(const std::string& data, const std::string& name) {
    const std::string head = "\r\n" + Headers(data);
    const std::size_t at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos) return {};
    const std::size_t start = at + name.size() + 4;
    return head.substr(start, head.find("\r\n", start) - start);
}

/// RFC 2047: every `=?UTF-8?B?…?=` word decoded; the space between adjacent words dropped.
std::string DecodeWords(const std::string& value) {
    std::string out;
    std::size_t at = 0;
    bool last_was_word = false;
    while (at < value.size()) {
        const std::size_t word = value.find("=?UTF-8?B?", at);
        std::string between = value.substr(at, word == std::string::npos ? std::string::npos : word - at);
        if (!(last_was_word && word != std::string::npos && between.find_first_not_of(' ') == std::string::npos)) {
            out += between;
        }
        if (word == std::string::npos) break;
        const std::size_t end = value.find("?=", word + 10);
        out += Base64Decode(value.substr(word + 10, end - word - 10));
        at = end + 2;
        last_was_word = true;
    }
    return out;
}

std::string Body(const std::string& data) { return Base64Decode(data.substr(data.find("\r\n\r\n") + 4)); }

bool EveryLineEndsWithCrlf(const std::string& data) {
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) return false;
        if (data[i] == '\r' && (i + 1 == data.size() || data[i + 1] != '\n')) return false;
    }
    return true;
}

OutboxEmail Reminder(const std::string& to) {
    OutboxEmail email;
    email.id = 7;
    email.to_username = "tuphap.lakhe";
    email.to_address = to;
    email.subject = "[ParIndex] Nhiệm vụ quá hạn: Rà soát, cập nhật thủ tục hành chính và niêm yết công khai đầy đủ";
    email.body =
        "Kính gửi Nguyễn Thị Hoa,\n\nNhiệm vụ \"Rà soát TTHC\" của Phường La Khê quá hạn từ 30/11/2024.\n"
        ".Dòng bắt đầu bằng dấu chấm\n";
    email.key = "overdue:7:2024-11-30:tuphap.lakhe";
    return email;
}

SmtpSettings Settings(const std::string& url) {
    SmtpSettings settings;
    settings.url = url;
    settings.from_address = "parindex@lakhe.example";
    settings.from_name = "ParIndex – UBND phường La Khê";
    settings.timeout = 10s;
    return settings;
}

TEST(SmtpTransport, MessageArrivesWithEnvelopeVietnameseSubjectAndUtf8Body) {
    SmtpSink sink;
    SystemClock clock;
    SmtpTransport transport(Settings(sink.Url()), clock);
    const OutboxEmail email = Reminder("hoa.tuphap@lakhe.example");
    const Status sent = transport.Send(email);
    ASSERT_TRUE(sent) << sent.GetError().message.en;
    const std::vector<Received> messages = sink.WaitFor(1);
    ASSERT_EQ(messages.size(), 1u);
    const Received& message = messages[0];
    EXPECT_EQ(message.mail_from, "<parindex@lakhe.example>");
    ASSERT_EQ(message.rcpt_to.size(), 1u);
    EXPECT_EQ(message.rcpt_to[0], "<hoa.tuphap@lakhe.example>");
    EXPECT_TRUE(EveryLineEndsWithCrlf(message.data));

    EXPECT_EQ(DecodeWords(Header(message.data, "Subject")), email.subject);
    EXPECT_EQ(DecodeWords(Header(message.data, "From")), "ParIndex – UBND phường La Khê <parindex@lakhe.example>");
    EXPECT_EQ(Header(message.data, "To"), "<hoa.tuphap@lakhe.example>");
    EXPECT_EQ(Header(message.data, "Content-Type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(Header(message.data, "Content-Transfer-Encoding"), "base64");
    EXPECT_EQ(Header(message.data, "MIME-Version"), "1.0");
    EXPECT_NE(Header(message.data, "Message-ID").find("@lakhe.example>"), std::string::npos);
    EXPECT_EQ(Header(message.data, "Date").size(), std::string("Sun, 22 Nov 2026 09:12:15 +0000").size());
    EXPECT_EQ(Body(message.data),
              "Kính gửi Nguyễn Thị Hoa,\r\n\r\nNhiệm vụ \"Rà soát TTHC\" của Phường La Khê quá hạn từ "
              "30/11/2024.\r\n.Dòng bắt đầu bằng dấu chấm\r\n");
    // No header line (folded or not) is longer than RFC 5322's 78 characters; the raw text is ASCII.
    const std::string head = message.data.substr(0, message.data.find("\r\n\r\n") + 2);
    std::size_t start = 0;
    for (std::size_t end = head.find("\r\n"); end != std::string::npos; end = head.find("\r\n", start)) {
        EXPECT_LE(end - start, 78u) << head.substr(start, end - start);
        start = end + 2;
    }
    for (const char c : message.data) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << message.data;
    // The conversation: EHLO, the envelope, DATA, QUIT.
    const std::vector<std::string> commands = sink.Commands();
    ASSERT_GE(commands.size(), 5u);
    EXPECT_EQ(commands.front().substr(0, 5), "EHLO ");
    EXPECT_EQ(commands.back(), "QUIT");
}

TEST(SmtpTransport, RefusalsAndClosedServersAreErrorsWithTheReason) {
    SystemClock clock;
    {
        SmtpSink refusing(SmtpSink::Mode::kRejectRcpt);
        SmtpTransport transport(Settings(refusing.Url()), clock);
        const Status sent = transport.Send(Reminder("khong-co@lakhe.example"));
        ASSERT_FALSE(sent);
        EXPECT_NE(sent.GetError().message.en.find("550"), std::string::npos) << sent.GetError().message.en;
        EXPECT_TRUE(refusing.Messages().empty());
    }
    SmtpSink closed;
    const std::string url = closed.Url();
    closed.Close();
    SmtpTransport transport(Settings(url), clock);
    const auto started = std::chrono::steady_clock::now();
    const Status sent = transport.Send(Reminder("hoa.tuphap@lakhe.example"));
    ASSERT_FALSE(sent);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_NE(sent.GetError().message.en.find("SMTP: "), std::string::npos);
    EXPECT_NE(sent.GetError().message.vi.find("Không gửi được thư"), std::string::npos);

    // An address that would inject a header or a second recipient is refused before any connection.
    const Status injected = transport.Send(Reminder("a@b.example>\r\nBcc: x@y.example"));
    ASSERT_FALSE(injected);
    EXPECT_NE(injected.GetError().message.en.find("invalid recipient"), std::string::npos);
}

TEST(SmtpTransport, LongSubjectsAreSplitIntoShortWordsThatDecodeBack) {
    std::string subject = "[ParIndex] Nhiệm vụ quá hạn cần đôn đốc: ";
    for (int i = 0; i < 6; ++i) subject += "Ứng dụng công nghệ thông tin, chuyển đổi số trong giải quyết TTHC; ";
    const std::string encoded = EncodeHeaderText(subject);
    std::size_t start = 0;
    int words = 0;
    for (;;) {
        const std::size_t end = encoded.find("\r\n ", start);
        const std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(word.size(), 75u);
        EXPECT_EQ(word.substr(0, 10), "=?UTF-8?B?");
        ++words;
        if (end == std::string::npos) break;
        start = end + 3;
    }
    EXPECT_GT(words, 5);
    EXPECT_EQ(DecodeWords(Headers("Subject: " + encoded + "\r\n\r\n")), "Subject: " + subject + "\r\n");
    EXPECT_EQ(EncodeHeaderText("Plain ASCII subject"), "Plain ASCII subject");
}

TEST(SmtpOptions, AreCheckedAndThePasswordComesFromAFile) {
    TempDir dir;
    SmtpOptions options;
    auto none = SmtpSettingsFrom(options);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());

    options.url = "http://mail.example";
    options.from = "parindex@lakhe.example";
    auto bad_url = SmtpSettingsFrom(options);
    ASSERT_FALSE(bad_url);
    EXPECT_EQ(bad_url.GetError().details.at(0).field, "--smtp-url");

    options.url = "smtps://mail.example:465";
    options.from = "ParIndex";
    auto bad_from = SmtpSettingsFrom(options);
    ASSERT_FALSE(bad_from);
    EXPECT_EQ(bad_from.GetError().details.at(0).field, "--smtp-from");

    options.from = "parindex@lakhe.example";
    options.user = "parindex";
    auto no_password = SmtpSettingsFrom(options);
    ASSERT_FALSE(no_password);
    EXPECT_EQ(no_password.GetError().details.at(0).field, "--smtp-password-file");

    options.password_file = dir.Write("smtp-password", "mật-khẩu s3cret\n");
    auto settings = SmtpSettingsFrom(options);
    ASSERT_TRUE(settings) << settings.GetError().message.vi;
    ASSERT_TRUE(settings->has_value());
    EXPECT_EQ((*settings)->password, "mật-khẩu s3cret");
    EXPECT_EQ((*settings)->user, "parindex");
    EXPECT_EQ((*settings)->url, "smtps://mail.example:465");

    options.password_file = dir.path() + "/missing";
    auto unreadable = SmtpSettingsFrom(options);
    ASSERT_FALSE(unreadable);
    EXPECT_EQ(unreadable.GetError().details.at(0).field, "--smtp-password-file");
}

}  // namespace
}  // namespace parindex::testing
