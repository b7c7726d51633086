#include "http/compression.hpp"

#define ZLIB_CONST  // next_in is const: the input is read, never written.
#include <zlib.h>

#include <cstdlib>
#include <utility>

namespace parindex::http {
namespace {

constexpr int kGzipLevel = 6;
constexpr int kGzipWindowBits = 15 + 16;  ///< 32 KiB window, gzip header and trailer.
constexpr int kGzipMemoryLevel = 8;

std::string Lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

}  // namespace

bool AcceptsEncoding(const std::string& header, std::string_view coding) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string::npos) end = header.size();
        std::string item = Lower(std::string_view(header).substr(pos, end - pos));
        pos = end + 1;
        const std::size_t semicolon = item.find(';');
        std::string name = item.substr(0, semicolon);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (name != coding) continue;
        if (semicolon == std::string::npos) return true;
        const std::size_t q = item.find("q=", semicolon);
        return q == std::string::npos || std::strtod(item.c_str() + q + 2, nullptr) > 0;
    }
    return false;
}

std::optional<std::string> Gzip(std::string_view data) {
    z_stream stream{};
    if (deflateInit2(&stream, kGzipLevel, Z_DEFLATED, kGzipWindowBits, kGzipMemoryLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
        return std::nullopt;
    }
    // One call: deflateBound (which counts the gzip header and trailer) leaves room for the whole stream.
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<const Bytef*>(data.data());
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) return std::nullopt;
    return out;
}

void CompressApiResponse(const Request& request, Response& response) {
    if (response.content_type.rfind("application/json", 0) != 0 || response.Body().size() < kGzipMinimum) return;
    for (const auto& [name, value] : response.headers) {
        if (Lower(name) == "content-encoding") return;
    }
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (!AcceptsEncoding(request.Header("accept-encoding"), "gzip")) return;
    if (response.shared_gzip) {
        response.shared_body = std::move(response.shared_gzip);
    } else {
        auto packed = Gzip(response.Body());
        if (!packed) return;
        response.body = std::move(*packed);
        response.shared_body.reset();
    }
    response.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace parindex::http
