#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "http/compression.hpp"
#include "http/errors.hpp"

namespace parindex::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

std::string Lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

/// The path's segments, or nothing when a segment could leave the root or name a hidden file.
std::optional<std::vector<std::string>> SafeSegments(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        std::size_t end = path.find('/', pos);
        if (end == std::string::npos) end = path.size();
        std::string segment = path.substr(pos, end - pos);
        pos = end + 1;
        if (segment.empty()) continue;
        if (segment.front() == '.' || segment.find('\\') != std::string::npos ||
            segment.find('\0') != std::string::npos || segment.find(':') != std::string::npos) {
            return std::nullopt;
        }
        segments.push_back(std::move(segment));
    }
    return segments;
}

std::optional<std::string> ReadWhole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return content;
}

bool Inside(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    const fs::path real_root = fs::canonical(root, ec);
    if (ec) return false;
    const fs::path real_file = fs::canonical(file, ec);
    if (ec) return false;
    auto [root_end, file_it] = std::mismatch(real_root.begin(), real_root.end(), real_file.begin(), real_file.end());
    return root_end == real_root.end();
}

Response NotFound(const Request& request, std::string vi, std::string en) {
    return ErrorResponse(request, MakeError(ErrorCode::kNotFound, std::move(vi), std::move(en)));
}

}  // namespace

std::string ContentTypeFor(std::string_view file_name) {
    static const std::array<std::pair<std::string_view, std::string_view>, 20> types{{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
    }};
    const std::size_t dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
        const std::string extension = Lower(file_name.substr(dot));
        for (const auto& [ext, type] : types) {
            if (extension == ext) return std::string(type);
        }
    }
    return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

Response StaticFiles::Serve(const Request& request) const {
    const auto segments = SafeSegments(request.path);
    if (!segments) {
        return ErrorResponse(request, MakeError(ErrorCode::kInvalidInput, "Đường dẫn không hợp lệ: " + request.path,
                                                "Invalid path: " + request.path));
    }
    fs::path file = root_;
    for (const std::string& segment : *segments) file /= segment;
    std::error_code ec;
    const bool is_file = !segments->empty() && fs::is_regular_file(file, ec);
    bool index = !is_file;
    if (!is_file && !segments->empty() && segments->back().find('.') != std::string::npos) {
        // A missing file (an old hashed asset, a typo) is a 404, not the application's page.
        return NotFound(request, "Không có tệp " + request.path, "No file " + request.path);
    }
    if (index) file = root_ / "index.html";
    std::optional<std::string> content;
    if (Inside(root_, file)) content = ReadWhole(file);
    if (!content) {
        if (index) {
            return NotFound(
                request,
                "Chưa có giao diện web trong " + root_.string() + " (chạy `npm run build` trong web/ hoặc dùng --web).",
                "The web application is not built in " + root_.string() +
                    " (run `npm run build` in web/ or pass --web).");
        }
        return NotFound(request, "Không có tệp " + request.path, "No file " + request.path);
    }
    Response response;
    response.content_type = ContentTypeFor(file.filename().string());
    response.body = std::move(*content);
    // The web build writes .br and .gz siblings of its files; send one when the client takes it.
    const std::string& accept_encoding = request.Header("accept-encoding");
    bool compressed_sibling = false;
    for (const auto& [coding, extension] : {std::pair<std::string_view, std::string_view>{"br", ".br"},
                                            std::pair<std::string_view, std::string_view>{"gzip", ".gz"}}) {
        fs::path sibling = file;
        sibling += extension;
        if (!fs::is_regular_file(sibling, ec)) continue;
        compressed_sibling = true;
        if (!AcceptsEncoding(accept_encoding, coding) || !Inside(root_, sibling)) continue;
        if (auto packed = ReadWhole(sibling)) {
            response.body = std::move(*packed);
            response.headers.emplace_back("Content-Encoding", std::string(coding));
            break;
        }
    }
    if (compressed_sibling) response.headers.emplace_back("Vary", "Accept-Encoding");
    const bool hashed_asset = !segments->empty() && segments->front() == "assets" && !index;
    response.headers.emplace_back("Cache-Control", hashed_asset ? std::string(kImmutable) : "no-cache");
    return response;
}

}  // namespace parindex::http
