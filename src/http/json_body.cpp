#include "http/json_body.hpp"

#include <boost/json.hpp>

namespace parindex::http {
namespace {

bool IsJsonContentType(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    for (char& c : type) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return type == "application/json" ||
           (type.rfind("application/", 0) == 0 && type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

ErrorDetail Detail(std::string path, std::string field, Text reason) {
    ErrorDetail detail;
    detail.path = std::move(path);
    detail.field = std::move(field);
    detail.reason = std::move(reason);
    return detail;
}

}  // namespace

Result<StringFields> ParseStringFields(const Request& request, const std::vector<std::string>& required) {
    if (!IsJsonContentType(request.Header("content-type"))) {
        ErrorDetail detail = Detail("", "Content-Type", {"cần application/json", "must be application/json"});
        detail.value = request.Header("content-type");
        return MakeError(ErrorCode::kInvalidInput, "Nội dung yêu cầu phải là JSON (Content-Type: application/json).",
                         "The request body must be JSON (Content-Type: application/json).", {detail});
    }
    boost::json::stream_parser parser;
    boost::json::error_code ec;
    const std::size_t consumed = parser.write(request.body.data(), request.body.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        // Where the parser stopped, as a line and column a person can find.
        const std::size_t stop = std::min(consumed, request.body.size());
        std::int64_t line = 1;
        std::int64_t column = 1;
        for (std::size_t i = 0; i < stop; ++i) {
            if (request.body[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        ErrorDetail detail = Detail("$", "", {"JSON không hợp lệ: " + ec.message(), "malformed JSON: " + ec.message()});
        detail.line = line;
        detail.column = column;
        return MakeError(ErrorCode::kInvalidInput, "Nội dung yêu cầu không phải JSON hợp lệ.",
                         "The request body is not valid JSON.", {detail});
    }
    const boost::json::value value = parser.release();
    if (!value.is_object()) {
        return MakeError(ErrorCode::kInvalidInput, "Nội dung yêu cầu phải là một đối tượng JSON.",
                         "The request body must be a JSON object.",
                         {Detail("$", "", {"cần một đối tượng {...}", "an object {...} is expected"})});
    }
    StringFields fields;
    std::vector<ErrorDetail> problems;
    for (const auto& item : value.as_object()) {
        if (item.value().is_string()) fields.emplace(item.key(), std::string(item.value().as_string()));
    }
    for (const std::string& name : required) {
        const boost::json::value* field = value.as_object().if_contains(name);
        if (field == nullptr) {
            problems.push_back(Detail("$." + name, name, {"thiếu trường bắt buộc", "required field missing"}));
        } else if (!field->is_string()) {
            problems.push_back(Detail("$." + name, name, {"cần một chuỗi", "a string is expected"}));
        }
    }
    if (!problems.empty()) {
        return MakeError(ErrorCode::kInvalidInput, "Thiếu hoặc sai trường trong nội dung yêu cầu.",
                         "Missing or invalid fields in the request body.", std::move(problems));
    }
    return fields;
}

Result<boost::json::object> ParseObjectBody(const Request& request, bool empty_ok) {
    if (empty_ok && request.body.find_first_not_of(" \t\r\n") == std::string::npos) return boost::json::object();
    // The string-field reader decides the content type, malformed JSON and a non-object body, with its errors.
    if (auto checked = ParseStringFields(request, {}); !checked) return checked.TakeError();
    boost::json::error_code error;
    boost::json::value value = boost::json::parse(request.body, error);
    if (error || !value.is_object()) {
        return MakeError(ErrorCode::kInvalidInput, "Nội dung yêu cầu không phải JSON hợp lệ.",
                         "The request body is not valid JSON.");
    }
    return std::move(value.as_object());
}

}  // namespace parindex::http
