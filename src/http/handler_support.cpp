#include "http/handler_support.hpp"

#include <charconv>
#include <ctime>
#include <utility>

#include "http/errors.hpp"

namespace parindex::http {
namespace {

/// RFC 5987 encoding of a UTF-8 file name for Content-Disposition's filename*.
std::string PercentEncode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

/// The file name with everything but printable ASCII (and quotes and backslashes) replaced, for `filename=`.
std::string AsciiFallback(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out += static_cast<char>(c);
        } else if (c < 0x80 || (c & 0xC0) == 0xC0) {
            out += '_';
        }
    }
    return out.empty() ? "file" : out;
}

}  // namespace

std::string IsoTime(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

ErrorDetail FieldDetail(std::string path, std::string field, std::string value, Text reason) {
    ErrorDetail detail;
    detail.path = std::move(path);
    detail.field = std::move(field);
    detail.value = std::move(value);
    detail.reason = std::move(reason);
    return detail;
}

Error BadField(const std::string& path, const std::string& field, const std::string& value, const Text& reason) {
    return MakeError(ErrorCode::kInvalidInput, "Giá trị của " + field + " không hợp lệ: " + reason.vi,
                     "Invalid " + field + ": " + reason.en, {FieldDetail(path, field, value, reason)});
}

std::optional<long long> ParseInteger(const std::string& text) {
    long long value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

Result<int> ParseYear(const std::string& text, const std::string& path, const std::string& field) {
    const auto year = ParseInteger(text);
    if (!year || *year < kMinYear || *year > kMaxYear) {
        return BadField(path, field, text,
                        {"cần một năm bốn chữ số (ví dụ 2025)", "a four-digit year is expected (e.g. 2025)"});
    }
    return static_cast<int>(*year);
}

Error Invalid(std::vector<ErrorDetail> details) {
    const ErrorDetail& first = details.front();
    std::string vi = "Dữ liệu không hợp lệ: " + first.field + ": " + first.reason.vi;
    std::string en = "Invalid input: " + first.field + ": " + first.reason.en;
    if (details.size() > 1) {
        vi += " (và " + std::to_string(details.size() - 1) + " lỗi khác)";
        en += " (and " + std::to_string(details.size() - 1) + " more)";
    }
    return MakeError(ErrorCode::kInvalidInput, std::move(vi), std::move(en), std::move(details));
}

std::string Query(const Request& request, const std::string& name) {
    auto it = request.query.find(name);
    return it == request.query.end() ? std::string() : it->second;
}

Result<std::optional<int>> QueryYear(const Request& request) {
    const std::string text = Query(request, "year");
    if (text.empty()) return std::optional<int>();
    auto year = ParseYear(text, "query.year", "year");
    if (!year) return year.TakeError();
    return std::optional<int>(*year);
}

std::string Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

Response NoContent() {
    Response response;
    response.status = 204;
    response.content_type.clear();
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response Json(std::string body, int status) {
    Response response = JsonResponse(std::move(body), status);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response Attachment(std::string bytes, const std::string& content_type, const std::string& file_name,
                    const std::string& cache_control) {
    Response response;
    response.body = std::move(bytes);
    response.content_type = content_type.empty() ? "application/octet-stream" : content_type;
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + AsciiFallback(file_name) +
                                                             "\"; filename*=UTF-8''" + PercentEncode(file_name));
    response.headers.emplace_back("Cache-Control", cache_control);
    return response;
}

bool IsPlainFileName(std::string_view name) {
    return !name.empty() && name.size() <= 255 && name.find('/') == std::string_view::npos &&
           name.find('\\') == std::string_view::npos && name.find('\0') == std::string_view::npos;
}

Result<std::string> QueryFileName(const Request& request, std::optional<std::string> fallback) {
    std::string name = Query(request, "file");
    if (name.empty() && fallback) return std::move(*fallback);
    if (!IsPlainFileName(name)) {
        return BadField(
            "query.file", "file", name,
            {"cần tên tệp (UTF-8), không chứa / hoặc \\", "a file name is expected (UTF-8), without / or \\"});
    }
    return name;
}

}  // namespace parindex::http
