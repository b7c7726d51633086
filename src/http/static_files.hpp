#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace parindex::http {

/// The Content-Type of a file by its extension (html, js, css, svg, png, json, woff2, ico, map ...).
std::string ContentTypeFor(std::string_view file_name);

/// The built web application (web/dist) served from the same process: hashed files under /assets/ are cached
/// for a year, index.html is revalidated, and unknown paths without a file extension get index.html so that
/// the browser application can route them itself.
class StaticFiles {
  public:
    /// Serves the files under `root`; a missing root serves a 404 that says the web application is not built.
    explicit StaticFiles(std::filesystem::path root);

    /// The response to a GET (or HEAD) of `request.path`: the file, index.html, 404, or 400 for a path that
    /// tries to leave the root.
    Response Serve(const Request& request) const;

    /// The folder served.
    const std::filesystem::path& Root() const { return root_; }

  private:
    std::filesystem::path root_;
};

}  // namespace parindex::http
