#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/text.hpp"
#include "http/http_types.hpp"

namespace parindex::http {

/// Small pieces every route file needs: years, integers, field errors, JSON and file responses.

inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

/// `2024-05-01T08:30:00Z`.
std::string IsoTime(std::chrono::system_clock::time_point time);

/// An error detail naming a JSON path or query parameter, its field, the value given and why it is refused.
ErrorDetail FieldDetail(std::string path, std::string field, std::string value, Text reason);
/// kInvalidInput with one FieldDetail ("Giá trị của FIELD không hợp lệ: REASON").
Error BadField(const std::string& path, const std::string& field, const std::string& value, const Text& reason);

/// A whole decimal integer (no sign other than '-', no spaces); nothing otherwise.
std::optional<long long> ParseInteger(const std::string& text);
/// A year in [kMinYear, kMaxYear]; BadField naming `path` and `field` otherwise.
Result<int> ParseYear(const std::string& text, const std::string& path, const std::string& field);

/// kInvalidInput carrying every detail; the message quotes the first ("… (và 2 lỗi khác)").
Error Invalid(std::vector<ErrorDetail> details);

/// A query parameter's value, "" when absent.
std::string Query(const Request& request, const std::string& name);
/// Whether `name` can name a stored file: 1 to 255 bytes, no folder separator, no NUL.
bool IsPlainFileName(std::string_view name);
/// The `file` query parameter as a plain file name (BadField naming query.file otherwise); `fallback` when the
/// parameter is absent and a fallback is given.
Result<std::string> QueryFileName(const Request& request, std::optional<std::string> fallback = std::nullopt);

/// The optional `year` query parameter (BadField naming query.year when it is not a year).
Result<std::optional<int>> QueryYear(const Request& request);

/// `text` without leading and trailing spaces, tabs and line breaks.
std::string Trim(std::string_view text);

/// An empty 204 response that no cache keeps.
Response NoContent();

/// A JSON response that no cache keeps (`Cache-Control: no-store`).
Response Json(std::string body, int status = 200);

/// A file download: the bytes with their content type and `Content-Disposition: attachment` carrying the UTF-8
/// file name (RFC 5987) and an ASCII fallback.
Response Attachment(std::string bytes, const std::string& content_type, const std::string& file_name,
                    const std::string& cache_control = "no-store");

}  // namespace parindex::http
