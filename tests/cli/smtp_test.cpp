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

#include <algorithm>
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

// ---- The command line and the server on the demo data folder --------------------------------------------------

/// One demo data folder for the tests below (the demo takes a while under the sanitizers).
class ReminderEmails : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        data_ = dir_->path() + "/data";
        ASSERT_EQ(RunParindex({"init", "--data", data_}).exit_code, 0);
        const RunOutput demo = RunParindex({"demo", "--data", data_});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    /// `parindex user add` with a password on standard input.
    static void AddUser(const std::string& username, const std::string& role, const std::string& name,
                        const std::string& email) {
        const std::string command = "printf 'thu-nghiem-smtp-2024\\n' | '" + std::string(PARINDEX_BINARY) +
                                    "' user add " + username + " --role " + role + " --unit lakhe --name '" + name +
                                    "' --email " + email + " --password-stdin --data '" + data_ + "' >/dev/null";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }

    /// The outbox rows of one user, read from the data folder's database.
    static std::vector<OutboxEmail> OutboxOf(const std::string& username) {
        SystemClock clock;
        auto store = SqliteStore::Open(data_ + "/parindex.db", clock);
        EXPECT_TRUE(store);
        if (!store) return {};
        auto all = (*store)->ListOutbox(false);
        EXPECT_TRUE(all);
        std::vector<OutboxEmail> mine;
        for (const OutboxEmail& email : *all) {
            if (email.to_username == username) mine.push_back(email);
        }
        return mine;
    }

    static TempDir* dir_;
    static std::string data_;
};

TempDir* ReminderEmails::dir_ = nullptr;
std::string ReminderEmails::data_;

TEST_F(ReminderEmails, RemindersRunSendsTheOutboxOnceAndKeepsFailuresForLater) {
    // A coordinator of La Khê with an address: the overdue 2024 tasks escalate to them.
    AddUser("dieuphoi.thu", "coordinator", "Trần Văn Thu", "dieuphoi.thu@lakhe.example");
    SmtpSink sink;
    const std::vector<std::string> smtp = {"--smtp-url", sink.Url(), "--smtp-from", "parindex@lakhe.example"};
    std::vector<std::string> args = {"reminders", "run", "--year", "2024", "--data", data_};
    args.insert(args.end(), smtp.begin(), smtp.end());

    const RunOutput first = RunParindex(args);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::vector<OutboxEmail> queued = OutboxOf("dieuphoi.thu");
    ASSERT_GE(queued.size(), 1u);
    const std::size_t n = queued.size();
    // Every one of the coordinator's emails was sent once and recorded; the demo's users have no address, so
    // theirs stay in the outbox without an attempt.
    EXPECT_NE(first.out.find("Hộp thư đi: " + std::to_string(n) + " email đã gửi, 0 gửi lỗi"), std::string::npos)
        << first.out;
    for (const OutboxEmail& email : queued) {
        EXPECT_TRUE(email.sent_at.has_value()) << email.subject;
        EXPECT_EQ(email.attempts, 1);
        EXPECT_EQ(email.last_error, "");
    }
    for (const OutboxEmail& email : OutboxOf("tuphap.lakhe")) {
        EXPECT_FALSE(email.sent_at.has_value());
        EXPECT_EQ(email.attempts, 0);
    }
    const std::vector<Received> messages = sink.WaitFor(n, 5s);
    ASSERT_EQ(messages.size(), n);
    for (const Received& message : messages) {
        ASSERT_EQ(message.rcpt_to.size(), 1u);
        EXPECT_EQ(message.rcpt_to[0], "<dieuphoi.thu@lakhe.example>");
        EXPECT_EQ(message.mail_from, "<parindex@lakhe.example>");
        const std::string subject = DecodeWords(Header(message.data, "Subject"));
        EXPECT_EQ(subject.rfind("[ParIndex] Nhiệm vụ quá hạn cần đôn đốc: ", 0), 0u) << subject;
        const std::string body = Body(message.data);
        EXPECT_EQ(body.rfind("Kính gửi Trần Văn Thu,\r\n", 0), 0u) << body;
        EXPECT_NE(body.find("của Phường La Khê"), std::string::npos) << body;
        EXPECT_NE(body.find("cần chỉ đạo, đôn đốc."), std::string::npos) << body;
    }
    // Each email's subject arrived once.
    std::vector<std::string> subjects;
    for (const Received& message : messages) subjects.push_back(DecodeWords(Header(message.data, "Subject")));
    for (const OutboxEmail& email : queued) {
        EXPECT_EQ(std::count(subjects.begin(), subjects.end(), email.subject), 1) << email.subject;
    }

    // Run again: no new reminder, nothing sent twice.
    const RunOutput second = RunParindex(args);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("Năm 2024: 0 thông báo mới, 0 email mới trong hộp thư đi.\nHộp thư đi: 0 email đã gửi"),
              std::string::npos)
        << second.out;
    EXPECT_EQ(sink.Messages().size(), n);

    // A leader added later, with the SMTP server gone: the attempt is recorded with the error and kept unsent.
    AddUser("lanhdao.thu", "leader", "Lê Thị Lan", "lanhdao.thu@lakhe.example");
    sink.Close();
    const RunOutput third = RunParindex(args);
    ASSERT_EQ(third.exit_code, 0) << third.err;
    const std::vector<OutboxEmail> failed = OutboxOf("lanhdao.thu");
    ASSERT_EQ(failed.size(), n);
    EXPECT_NE(third.out.find("Hộp thư đi: 0 email đã gửi, " + std::to_string(n) + " gửi lỗi"), std::string::npos)
        << third.out;
    for (const OutboxEmail& email : failed) {
        EXPECT_FALSE(email.sent_at.has_value());
        EXPECT_EQ(email.attempts, 1);
        EXPECT_NE(email.last_error.find("SMTP: "), std::string::npos) << email.last_error;
    }
    for (const OutboxEmail& email : OutboxOf("dieuphoi.thu")) EXPECT_EQ(email.attempts, 1);  // Not tried again.

    // Bad options are refused before anything is done, naming the option.
    const RunOutput bad = RunParindex({"reminders", "run", "--year", "2024", "--data", data_, "--smtp-url",
                                       "http://127.0.0.1:25", "--smtp-from", "parindex@lakhe.example"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("--smtp-url"), std::string::npos) << bad.err;
}

/// `parindex serve` as a child process; its port is read from the line it prints.
class ServerProcess {
  public:
    explicit ServerProcess(const std::vector<std::string>& args) {
        int pipe_fds[2];
        if (pipe(pipe_fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(pipe_fds[1], STDOUT_FILENO);
            close(pipe_fds[0]);
            close(pipe_fds[1]);
            std::vector<std::string> all = {PARINDEX_BINARY};
            all.insert(all.end(), args.begin(), args.end());
            std::vector<char*> argv;
            for (std::string& arg : all) argv.push_back(arg.data());
            argv.push_back(nullptr);
            execv(PARINDEX_BINARY, argv.data());
            _exit(127);
        }
        close(pipe_fds[1]);
        out_ = pipe_fds[0];
        const auto deadline = std::chrono::steady_clock::now() + 120s;
        std::string text;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd readable{out_, POLLIN, 0};
            if (poll(&readable, 1, 200) <= 0) continue;
            char chunk[512];
            const ssize_t n = read(out_, chunk, sizeof chunk);
            if (n <= 0) break;
            text.append(chunk, static_cast<std::size_t>(n));
            const std::size_t at = text.find("http://127.0.0.1:");
            if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
                port_ = std::atoi(text.c_str() + at + 17);
                break;
            }
        }
    }
    ~ServerProcess() {
        if (pid_ > 0 && !stopped_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (out_ >= 0) close(out_);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }

    /// SIGTERM, then waits up to `timeout` for the exit; the exit code, or -1 when it did not stop in time.
    int Terminate(std::chrono::seconds timeout) {
        kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                stopped_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
            }
            std::this_thread::sleep_for(50ms);
        }
        return -1;
    }

  private:
    pid_t pid_ = -1;
    int out_ = -1;
    int port_ = 0;
    bool stopped_ = false;
};

/// One HTTP/1.1 GET on 127.0.0.1:port; the status line, or "" when no answer came within 10 s.
std::string StatusLine(int port, const std::string& target) {
    const int connection = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    std::string answer;
    if (connect(connection, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        (void)send(connection, request.data(), request.size(), MSG_NOSIGNAL);
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (answer.find("\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd readable{connection, POLLIN, 0};
            if (poll(&readable, 1, 100) <= 0) continue;
            char chunk[1024];
            const ssize_t n = recv(connection, chunk, sizeof chunk, 0);
            if (n <= 0) break;
            answer.append(chunk, static_cast<std::size_t>(n));
        }
    }
    close(connection);
    return answer.substr(0, answer.find("\r\n"));
}

TEST_F(ReminderEmails, AServerWhoseSmtpNeverAnswersStillAnswersRequestsAndStops) {
    // A leader with an address and reminders queued (never attempted) by a run without SMTP.
    AddUser("lanhdao.hai", "leader", "Phạm Văn Hải", "lanhdao.hai@lakhe.example");
    const RunOutput queued = RunParindex({"reminders", "run", "--year", "2024", "--data", data_});
    ASSERT_EQ(queued.exit_code, 0) << queued.err;
    ASSERT_GE(OutboxOf("lanhdao.hai").size(), 1u);

    // The SMTP server accepts the connection and then says nothing (the timeout is a minute).
    SmtpSink silent(SmtpSink::Mode::kSilent);
    ServerProcess server({"serve", "--data", data_, "--listen", "127.0.0.1:0", "--smtp-url", silent.Url(),
                          "--smtp-from", "parindex@lakhe.example", "--smtp-timeout", "60"});
    ASSERT_GT(server.port(), 0);
    ASSERT_TRUE(silent.WaitForConnections(1, 60s));  // The delivery thread is stuck in the conversation.

    const auto asked = std::chrono::steady_clock::now();
    const std::string status = StatusLine(server.port(), "/api/me/notifications");
    EXPECT_EQ(status, "HTTP/1.1 401 Unauthorized");
    EXPECT_LT(std::chrono::steady_clock::now() - asked, 3s);

    // Shutdown aborts the stuck transfer rather than waiting for the SMTP timeout.
    const auto stopping = std::chrono::steady_clock::now();
    EXPECT_EQ(server.Terminate(30s), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 20s);
    for (const OutboxEmail& email : OutboxOf("lanhdao.hai")) EXPECT_FALSE(email.sent_at.has_value());
}

TEST_F(ReminderEmails, TheServerDeliversTheOutboxOnItsOwnThread) {
    // A coordinator with an address whose reminders a run without SMTP queued (the server's own runs cover the
    // current and the previous year, not the demo's 2024); the server's delivery sends them once.
    AddUser("vanphong.moi", "coordinator", "Đỗ Thị Mới", "vanphong.moi@lakhe.example");
    const RunOutput queued = RunParindex({"reminders", "run", "--year", "2024", "--data", data_});
    ASSERT_EQ(queued.exit_code, 0) << queued.err;
    ASSERT_GE(OutboxOf("vanphong.moi").size(), 1u);
    SmtpSink sink;
    ServerProcess server({"serve", "--data", data_, "--listen", "127.0.0.1:0", "--smtp-url", sink.Url(), "--smtp-from",
                          "parindex@lakhe.example"});
    ASSERT_GT(server.port(), 0);
    std::vector<OutboxEmail> mine;
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    auto all_sent = [&] {
        mine = OutboxOf("vanphong.moi");
        return !mine.empty() && std::all_of(mine.begin(), mine.end(), [](const OutboxEmail& e) { return e.sent_at; });
    };
    while (!all_sent() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(200ms);
    ASSERT_FALSE(mine.empty());
    std::size_t received = 0;
    for (const Received& message : sink.Messages()) {
        if (message.rcpt_to == std::vector<std::string>{"<vanphong.moi@lakhe.example>"}) ++received;
    }
    EXPECT_EQ(received, mine.size());
    for (const OutboxEmail& email : mine) {
        EXPECT_TRUE(email.sent_at.has_value()) << email.subject;
        EXPECT_EQ(email.attempts, 1);
    }
    EXPECT_EQ(server.Terminate(30s), 0);
}

}  // namespace
}  // namespace parindex::testing
