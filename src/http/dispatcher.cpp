#include "http/dispatcher.hpp"

#include <exception>
#include <string>
#include <utility>

#include "http/compression.hpp"
#include "http/errors.hpp"

namespace parindex::http {
namespace {

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

Response MethodNotAllowed(const Request& request, const std::string& allowed) {
    Response response = ErrorResponse(
        request,
        MakeError(ErrorCode::kInvalidInput, "Phương thức " + request.method + " không dùng được cho " + request.path,
                  "The method " + request.method + " is not allowed for " + request.path),
        405);
    response.headers.emplace_back("Allow", allowed);
    return response;
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, const StaticFiles* static_files, LogSink log)
    : router_(router), static_files_(static_files), log_(std::move(log)) {}

Response Dispatcher::Route(Request& request) const {
    // HEAD is answered as GET; the server sends the headers only.
    const std::string method = request.method;
    if (method == "HEAD") request.method = "GET";
    if (IsApiPath(request.path)) {
        bool path_known = false;
        const Handler* handler = router_.Match(request, path_known);
        request.method = method;
        if (handler != nullptr) {
            Response response = (*handler)(request);
            CompressApiResponse(request, response);
            return response;
        }
        if (path_known) return MethodNotAllowed(request, router_.AllowedMethods(request.path));
        return ErrorResponse(request, MakeError(ErrorCode::kNotFound, "Không có API " + request.path,
                                                "No API endpoint " + request.path));
    }
    request.method = method;
    if (method != "GET" && method != "HEAD") return MethodNotAllowed(request, "GET, HEAD");
    if (static_files_ == nullptr) {
        return ErrorResponse(
            request, MakeError(ErrorCode::kNotFound, "Không có trang " + request.path, "No page " + request.path));
    }
    return static_files_->Serve(request);
}

Response Dispatcher::Handle(Request& request) const noexcept {
    std::string what;
    try {
        return Route(request);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "unknown exception";
    }
    // The one place where the unexpected becomes a 500: the log has the details, the client the request id.
    try {
        if (log_)
            log_(LogTimestamp() + " " + request.request_id + " ERROR " + request.method + " " + request.path + ": " +
                 what);
        return ErrorResponse(
            request, MakeError(ErrorCode::kInternal, "Lỗi máy chủ không lường trước; mã yêu cầu " + request.request_id,
                               "Unexpected server error; request id " + request.request_id));
    } catch (...) {
        Response response;
        response.status = 500;
        response.body = R"({"error":{"code":"internal","message":"internal error","details":[],"request_id":")" +
                        request.request_id + "\"}}\n";
        return response;
    }
}

}  // namespace parindex::http
