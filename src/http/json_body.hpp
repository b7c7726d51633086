#pragma once

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "http/http_types.hpp"

namespace parindex::http {

/// The string fields of a JSON object, by name.
using StringFields = std::map<std::string, std::string>;

/// Reads a request body that must be a JSON object (Content-Type application/json) and takes its string
/// fields. kInvalidInput when the content type is wrong, the JSON is malformed (details give the line and
/// column), the body is not an object, or a field of `required` is missing or not a string (details name the
/// field and its JSON path). Other fields are ignored.
Result<StringFields> ParseStringFields(const Request& request, const std::vector<std::string>& required);

/// The body as a JSON object, for readers that take its members one by one: kInvalidInput for a wrong content type,
/// malformed JSON or a non-object (as ParseStringFields). A body of only white space is an empty object when
/// `empty_ok`.
Result<boost::json::object> ParseObjectBody(const Request& request, bool empty_ok = false);

}  // namespace parindex::http
