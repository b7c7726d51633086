#pragma once

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

}  // namespace parindex::http
