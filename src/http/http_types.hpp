#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parindex::http {

/// A request as handlers see it: no Beast types outside server.cpp.
struct Request {
    std::string method;                          ///< "GET", "POST", ...
    std::string path;                            ///< Decoded path without the query, e.g. `/api/units/lakhe/results`.
    std::map<std::string, std::string> query;    ///< Decoded query parameters (last one wins).
    std::map<std::string, std::string> headers;  ///< Lower-case names.
    std::string body;
    std::string remote_address;
    std::string request_id;                     ///< Also in the response header X-Request-Id and in error bodies.
    std::map<std::string, std::string> params;  ///< Path parameters filled by the router (`code` for `{code}`).

    /// A header's value or "".
    const std::string& Header(const std::string& lower_name) const;
    /// A cookie's value or "".
    std::string Cookie(const std::string& name) const;
};

/// A response; server.cpp turns it into a Beast response.
struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  ///< Extra headers (Set-Cookie, Cache-Control ...).
    std::string body;
    /// A body shared with a cache (sent without a copy); when set it is sent instead of `body`.
    std::shared_ptr<const std::string> shared_body;
    /// The same body gzip-compressed by a cache, sent instead of compressing again (see CompressApiResponse).
    std::shared_ptr<const std::string> shared_gzip;

    /// The bytes to send.
    std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

}  // namespace parindex::http
