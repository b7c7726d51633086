#pragma once

#include <string_view>

#include "http/http_types.hpp"

namespace parindex::http {

/// Fills request.path (percent-decoded) and request.query (decoded, `+` as a space, the last value of a
/// repeated name wins) from an origin-form request target such as `/api/units/lakhe/results?year=2023`.
/// False when the target is not a valid origin-form URL.
bool ParseRequestTarget(std::string_view target, Request& request);

}  // namespace parindex::http
