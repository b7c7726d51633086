#include "app/smtp_transport.hpp"

#include <curl/curl.h>
#include <dlfcn.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <utility>

namespace parindex {
namespace {

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t n = (static_cast<std::uint8_t>(bytes[i]) << 16U) |
                                (static_cast<std::uint8_t>(bytes[i + 1]) << 8U) |
                                static_cast<std::uint8_t>(bytes[i + 2]);
        out += kBase64Alphabet[(n >> 18U) & 63U];
        out += kBase64Alphabet[(n >> 12U) & 63U];
        out += kBase64Alphabet[(n >> 6U) & 63U];
        out += kBase64Alphabet[n & 63U];
    }
    if (i + 1 == bytes.size()) {
        const std::uint32_t n = static_cast<std::uint8_t>(bytes[i]) << 16U;
        out += kBase64Alphabet[(n >> 18U) & 63U];
        out += kBase64Alphabet[(n >> 12U) & 63U];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const std::uint32_t n =
            (static_cast<std::uint8_t>(bytes[i]) << 16U) | (static_cast<std::uint8_t>(bytes[i + 1]) << 8U);
        out += kBase64Alphabet[(n >> 18U) & 63U];
        out += kBase64Alphabet[(n >> 12U) & 63U];
        out += kBase64Alphabet[(n >> 6U) & 63U];
        out += '=';
    }
    return out;
}

/// The text with every line ending (LF, CRLF or a lone CR) made CRLF.
std::string WithCrlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 40);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

bool IsPlainHeaderText(std::string_view text) {
    if (text.size() > 60) return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e) return false;
    }
    // An ASCII text that looks like an encoded word would be decoded by readers: encode it too.
    return text.find("=?") == std::string_view::npos;
}

/// An address the envelope and the headers can carry: one `local@domain` without spaces, brackets or controls.
bool IsPlainAddress(std::string_view address) {
    const std::size_t at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == address.size() || address.size() > 254) return false;
    if (address.find('@', at + 1) != std::string_view::npos) return false;
    for (const char c : address) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || std::string_view("<>()[],;:\\\"").find(c) != std::string_view::npos) {
            return false;
        }
    }
    return true;
}

/// RFC 5322's date, in UTC: `Sun, 22 Nov 2026 09:12:15 +0000`.
std::string MailDate(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04d %02d:%02d:%02d +0000",
                  kDays.at(static_cast<std::size_t>(tm.tm_wday)), tm.tm_mday,
                  kMonths.at(static_cast<std::size_t>(tm.tm_mon)), tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer.data();
}

std::string DomainOf(std::string_view address) {
    const std::size_t at = address.rfind('@');
    return at == std::string_view::npos ? std::string("parindex.local") : std::string(address.substr(at + 1));
}

Error SendError(const std::string& vi, const std::string& en) {
    return MakeError(ErrorCode::kInternal, "Không gửi được thư: " + vi, en);
}

Error BadSmtpOption(const std::string& option, const std::string& value, const Text& reason) {
    ErrorDetail detail;
    detail.field = option;
    detail.value = value;
    detail.reason = reason;
    return MakeError(ErrorCode::kInvalidInput, "Tùy chọn " + option + " không hợp lệ: " + reason.vi,
                     "Invalid option " + option + ": " + reason.en, {detail});
}

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = upload->data.size() - upload->offset;
    const std::size_t n = left < room ? left : room;
    upload->data.copy(buffer, n, upload->offset);
    upload->offset += n;
    return n;
}

int AbortWhenCancelled(void* user, curl_off_t /*dltotal*/, curl_off_t /*dlnow*/, curl_off_t /*ultotal*/,
                       curl_off_t /*ulnow*/) {
    return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

/// libcurl, loaded when the first mail is sent rather than at every start: libcurl and the 30-odd libraries it
/// needs (TLS, Kerberos, LDAP, SSH…) cost every `parindex` command about 4 ms of dynamic linking, a tenth of a
/// `dossiers stats` answer, for the few runs that send mail.
struct CurlApi {
    CURLcode (*global_init)(long) = nullptr;
    CURL* (*easy_init)() = nullptr;
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
    CURLcode (*easy_perform)(CURL*) = nullptr;
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
    void (*easy_cleanup)(CURL*) = nullptr;
    const char* (*easy_strerror)(CURLcode) = nullptr;
    curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
    void (*slist_free_all)(curl_slist*) = nullptr;
    std::string failure;  ///< Why libcurl could not be loaded; empty when it was.
};

template <typename Function>
bool Bind(void* library, const char* name, Function& function) {
    function = reinterpret_cast<Function>(dlsym(library, name));  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    return function != nullptr;
}

/// The loaded libcurl (once per process; never unloaded).
const CurlApi& Curl() {
    static const CurlApi api = [] {
        CurlApi loaded;
        void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            const char* error = dlerror();
            loaded.failure = error != nullptr ? error : "libcurl.so.4";
            return loaded;
        }
        const bool complete = Bind(library, "curl_global_init", loaded.global_init) &&
                              Bind(library, "curl_easy_init", loaded.easy_init) &&
                              Bind(library, "curl_easy_setopt", loaded.easy_setopt) &&
                              Bind(library, "curl_easy_perform", loaded.easy_perform) &&
                              Bind(library, "curl_easy_getinfo", loaded.easy_getinfo) &&
                              Bind(library, "curl_easy_cleanup", loaded.easy_cleanup) &&
                              Bind(library, "curl_easy_strerror", loaded.easy_strerror) &&
                              Bind(library, "curl_slist_append", loaded.slist_append) &&
                              Bind(library, "curl_slist_free_all", loaded.slist_free_all);
        if (!complete) {
            loaded.failure = "libcurl.so.4 lacks a function";
            return loaded;
        }
        loaded.global_init(CURL_GLOBAL_DEFAULT);
        return loaded;
    }();
    return api;
}

struct CurlDeleter {
    void operator()(CURL* curl) const { Curl().easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { Curl().slist_free_all(list); }
};

std::string NewMessageId(const OutboxEmail& email, std::chrono::system_clock::time_point now,
                         std::string_view from_address) {
    static std::mutex mutex;
    static std::mt19937_64 random{std::random_device{}()};
    std::uint64_t nonce = 0;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        nonce = random();
    }
    std::ostringstream id;
    id << "<parindex." << email.id << "."
       << std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() << "." << std::hex << nonce
       << "@" << DomainOf(from_address) << ">";
    return id.str();
}

}  // namespace

std::string EncodeHeaderText(std::string_view text, std::size_t used) {
    if (IsPlainHeaderText(text) && used + text.size() <= 78) return std::string(text);
    // Lines of at most 76 characters: `=?UTF-8?B?` and `?=` take 12, the rest holds base64 quads of 3 bytes each
    // (45 bytes on a continuation line, which starts with a space; fewer on the first, after the header's name).
    std::string out;
    std::size_t start = 0;
    std::size_t line_used = used;
    while (start < text.size()) {
        // An encoded word is at most 75 characters (RFC 2047 §2) and the line at most 76.
        const std::size_t width = std::min<std::size_t>(75, line_used + 16 < 76 ? 76 - line_used : 16);
        const std::size_t room = width - 12;
        const std::size_t max_bytes = std::max<std::size_t>(room / 4 * 3, 3);
        std::size_t end = start;
        while (end < text.size()) {
            std::size_t next = end + 1;
            while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0U) == 0x80U) ++next;
            if (next - start > max_bytes && end > start) break;
            end = next;
        }
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
        start = end;
        line_used = 1;
    }
    return out;
}

std::string ComposeMessage(const OutboxEmail& email, const SmtpSettings& settings,
                           std::chrono::system_clock::time_point now, std::string_view message_id) {
    std::string from = "From: ";
    if (!settings.from_name.empty()) {
        if (IsPlainHeaderText(settings.from_name)) {
            from += '"';
            for (const char c : settings.from_name) {
                if (c == '"' || c == '\\') from += '\\';
                from += c;
            }
            from += '"';
        } else {
            from += EncodeHeaderText(settings.from_name, from.size());
        }
        // The address goes on a line of its own when the From line would pass 78 characters.
        const std::size_t line_start = from.rfind('\n') == std::string::npos ? 0 : from.rfind('\n') + 1;
        from += from.size() - line_start + settings.from_address.size() + 3 > 78 ? "\r\n " : " ";
    }
    from += "<" + settings.from_address + ">\r\n";
    std::string message;
    message += "Date: " + MailDate(now) + "\r\n";
    message += from;
    message += "To: <" + email.to_address + ">\r\n";
    message += "Subject: " + EncodeHeaderText(email.subject, 9) + "\r\n";
    message += "Message-ID: " + std::string(message_id) + "\r\n";
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: text/plain; charset=UTF-8\r\n";
    message += "Content-Transfer-Encoding: base64\r\n";
    message += "\r\n";
    const std::string body = Base64(WithCrlf(email.body));
    for (std::size_t at = 0; at < body.size(); at += 76) message += body.substr(at, 76) + "\r\n";
    return message;
}

void AddSmtpOptions(CLI::App& command, SmtpOptions& options) {
    command.add_option("--smtp-url", options.url,
                       "Máy chủ gửi thư smtp://host:port hoặc smtps://host:port / SMTP server for reminder emails");
    command.add_option("--smtp-from", options.from, "Địa chỉ người gửi / sender address");
    command.add_option("--smtp-from-name", options.from_name, "Tên người gửi / sender name")->capture_default_str();
    command.add_option("--smtp-user", options.user, "Tài khoản SMTP / SMTP user");
    command.add_option("--smtp-password-file", options.password_file,
                       "Tệp chứa mật khẩu SMTP / file holding the SMTP password");
    command.add_option("--smtp-timeout", options.timeout_seconds, "Giây chờ máy chủ thư / SMTP timeout in seconds")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
}

Result<std::optional<SmtpSettings>> SmtpSettingsFrom(const SmtpOptions& options) {
    if (options.url.empty()) {
        for (const auto& [option, value] : {std::pair<const char*, const std::string*>{"--smtp-from", &options.from},
                                            {"--smtp-user", &options.user},
                                            {"--smtp-password-file", &options.password_file}}) {
            if (!value->empty()) {
                return BadSmtpOption(option, *value, {"chỉ dùng cùng --smtp-url", "only with --smtp-url"});
            }
        }
        return std::optional<SmtpSettings>();
    }
    SmtpSettings settings;
    const bool plain = options.url.rfind("smtp://", 0) == 0;
    const bool secure = options.url.rfind("smtps://", 0) == 0;
    if ((!plain && !secure) || options.url.size() <= (plain ? 7U : 8U)) {
        return BadSmtpOption(
            "--smtp-url", options.url,
            {"cần dạng smtp://máy:cổng hoặc smtps://máy:cổng", "smtp://host:port or smtps://host:port"});
    }
    settings.url = options.url;
    if (!IsPlainAddress(options.from)) {
        return BadSmtpOption("--smtp-from", options.from,
                             {"cần một địa chỉ thư (ví dụ parindex@ubnd.example)",
                              "an email address is expected (e.g. parindex@ubnd.example)"});
    }
    settings.from_address = options.from;
    settings.from_name = options.from_name;
    if (!options.user.empty() && options.password_file.empty()) {
        return BadSmtpOption("--smtp-password-file", "",
                             {"cần tệp mật khẩu khi có --smtp-user", "a password file is needed with --smtp-user"});
    }
    settings.user = options.user;
    if (!options.password_file.empty()) {
        std::ifstream in(options.password_file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            return BadSmtpOption("--smtp-password-file", options.password_file,
                                 {"không đọc được tệp", "the file cannot be read"});
        }
        settings.password = text.str();
        while (!settings.password.empty() && (settings.password.back() == '\n' || settings.password.back() == '\r')) {
            settings.password.pop_back();
        }
    }
    settings.timeout = std::chrono::seconds(options.timeout_seconds);
    return std::optional<SmtpSettings>(std::move(settings));
}

SmtpTransport::SmtpTransport(SmtpSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {}

Status SmtpTransport::Send(const OutboxEmail& email) {
    if (cancelled_) return SendError("máy chủ đang dừng", "cancelled: the server is stopping");
    if (!IsPlainAddress(email.to_address)) {
        return SendError("địa chỉ người nhận không hợp lệ: " + email.to_address,
                         "invalid recipient address: " + email.to_address);
    }
    const auto now = clock_.Now();
    const std::string message = ComposeMessage(email, settings_, now, NewMessageId(email, now, settings_.from_address));

    const CurlApi& api = Curl();
    if (!api.failure.empty()) {
        return SendError("không nạp được thư viện libcurl: " + api.failure,
                         "libcurl could not be loaded: " + api.failure);
    }
    const std::unique_ptr<CURL, CurlDeleter> curl(api.easy_init());
    if (!curl) return SendError("không khởi tạo được libcurl", "libcurl could not be initialised");
    const std::string from = "<" + settings_.from_address + ">";
    const std::string to = "<" + email.to_address + ">";
    const std::unique_ptr<curl_slist, ListDeleter> recipients(api.slist_append(nullptr, to.c_str()));
    Upload upload{message, 0};
    std::array<char, CURL_ERROR_SIZE> error_text{};
    CURL* handle = curl.get();
    api.easy_setopt(handle, CURLOPT_URL, settings_.url.c_str());
    api.easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
    api.easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    api.easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    api.easy_setopt(handle, CURLOPT_READFUNCTION, ReadUpload);
    api.easy_setopt(handle, CURLOPT_READDATA, &upload);
    api.easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    // smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start.
    api.easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!settings_.user.empty()) {
        api.easy_setopt(handle, CURLOPT_USERNAME, settings_.user.c_str());
        api.easy_setopt(handle, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    api.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.timeout.count()));
    api.easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
    api.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text.data());
    api.easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, AbortWhenCancelled);
    api.easy_setopt(handle, CURLOPT_XFERINFODATA, &cancelled_);

    const CURLcode code = api.easy_perform(handle);
    if (code == CURLE_OK) return OkStatus();
    long reply = 0;
    api.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
    std::string reason = error_text[0] != '\0' ? std::string(error_text.data()) : api.easy_strerror(code);
    if (reply != 0) reason += " (SMTP " + std::to_string(reply) + ")";
    return SendError(reason, "SMTP: " + reason);
}

OutboxDelivery::OutboxDelivery(PlanStore& plans, SmtpSettings settings, const Clock& clock, Log log,
                               std::chrono::milliseconds new_mail_period, std::chrono::milliseconds retry_period)
    : plans_(plans),
      clock_(clock),
      transport_(std::move(settings), clock),
      log_(std::move(log)),
      new_mail_period_(new_mail_period),
      retry_period_(retry_period) {
    thread_ = std::thread([this] { Run(); });
}

void OutboxDelivery::Wake() {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void OutboxDelivery::Stop() {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        stopped_ = true;
    }
    transport_.Cancel();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OutboxDelivery::Run() {
    auto next_retry = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopped_) {
        woken_ = false;
        lock.unlock();
        const auto now = std::chrono::steady_clock::now();
        const bool retry = now >= next_retry;
        if (retry) next_retry = now + retry_period_;
        auto flush = FlushOutbox(plans_, transport_, clock_, retry ? 5 : 1, [this] {
            const std::lock_guard<std::mutex> stopping(mutex_);
            return stopped_;
        });
        if (log_) {
            if (!flush) {
                log_("outbox: " + flush.GetError().message.en);
            } else if (flush->sent > 0 || flush->failed > 0) {
                log_("outbox: " + std::to_string(flush->sent) + " sent, " + std::to_string(flush->failed) +
                     " failed, " + std::to_string(flush->skipped_no_address) + " without address");
            }
        }
        lock.lock();
        wake_.wait_for(lock, new_mail_period_, [this] { return stopped_ || woken_; });
    }
}

}  // namespace parindex
