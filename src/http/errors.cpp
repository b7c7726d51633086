#include "http/errors.hpp"

#include <boost/json.hpp>
#include <cctype>

#include "formats/results_json.hpp"

namespace parindex::http {

int HttpStatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kStorage:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

Language RequestLanguage(const Request& request) {
    // The first of "vi" and "en" in the header, by quality then order, decides; anything else is Vietnamese.
    const std::string& header = request.Header("accept-language");
    Language best = Language::kVietnamese;
    double best_quality = -1;
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string::npos) end = header.size();
        std::string item = header.substr(pos, end - pos);
        pos = end + 1;
        double quality = 1;
        const std::size_t semicolon = item.find(';');
        if (semicolon != std::string::npos) {
            const std::size_t q = item.find("q=", semicolon);
            if (q != std::string::npos) {
                try {
                    quality = std::stod(item.substr(q + 2));
                } catch (const std::exception&) {
                    quality = 0;
                }
            }
            item.resize(semicolon);
        }
        std::string tag;
        for (char c : item) {
            if (c == ' ' || c == '\t') continue;
            if (c == '-' || c == '_') break;
            tag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if ((tag == "vi" || tag == "en") && quality > best_quality) {
            best_quality = quality;
            best = tag == "en" ? Language::kEnglish : Language::kVietnamese;
        }
    }
    return best;
}

std::string ErrorBody(const Error& error, Language language, const std::string& request_id) {
    // ErrorToJson holds strings, integers and nulls only, so a round trip through Boost.JSON loses nothing.
    boost::json::value json = boost::json::parse(ErrorToJson(error, language));
    json.as_object()["error"].as_object()["request_id"] = request_id;
    return boost::json::serialize(json) + "\n";
}

Response ErrorResponse(const Request& request, const Error& error, int status) {
    Response response;
    response.status = status != 0 ? status : HttpStatusFor(error.code);
    response.body = ErrorBody(error, RequestLanguage(request), request.request_id);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response JsonResponse(std::string body, int status) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace parindex::http
