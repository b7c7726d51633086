#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace parindex::http {

/// JSON bodies smaller than this are sent as they are: compressing them saves next to nothing.
inline constexpr std::size_t kGzipMinimum = 1024;

/// Whether the client accepts `coding` ("gzip", "br") by its Accept-Encoding header: the coding is listed
/// (any case) without `;q=0`. An empty header accepts nothing but identity.
bool AcceptsEncoding(const std::string& header, std::string_view coding);

/// `data` compressed once with zlib at level 6 in gzip framing; nothing if zlib fails.
std::optional<std::string> Gzip(std::string_view data);

/// Sends a JSON response of kGzipMinimum bytes or more gzip-compressed when the request accepts gzip, using
/// `shared_gzip` when a cache has it; adds `Vary: Accept-Encoding` to every such response either way.
void CompressApiResponse(const Request& request, Response& response);

}  // namespace parindex::http
