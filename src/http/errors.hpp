#pragma once

#include <string>

#include "domain/result.hpp"
#include "domain/text.hpp"
#include "http/http_types.hpp"

namespace parindex::http {

/// The one mapping of error codes to HTTP statuses: invalid_input 400, unauthenticated 401, forbidden 403,
/// not_found 404, conflict 409, storage 503, internal 500.
int HttpStatusFor(ErrorCode code);

/// The language of messages for this request, from its Accept-Language header (Vietnamese by default).
Language RequestLanguage(const Request& request);

/// The one JSON error body: {"error": {"code", "message", "details": [...], "request_id"}} (ErrorToJson's shape
/// with the request id added).
std::string ErrorBody(const Error& error, Language language, const std::string& request_id);

/// An error response with the status of the error's code, or `status` when given (405, 413, 415, 431).
Response ErrorResponse(const Request& request, const Error& error, int status = 0);

/// A JSON response with the given status and body.
Response JsonResponse(std::string body, int status = 200);

}  // namespace parindex::http
