#pragma once

#include <functional>
#include <string>

#include "domain/result.hpp"

namespace parindex {

/// A file in the system's temporary folder, removed when this goes out of scope (for libraries that only write
/// to paths: libxlsxwriter, libzip readers of uploads).
class TemporaryFile {
  public:
    /// `suffix`: the end of the name, e.g. ".xlsx".
    explicit TemporaryFile(const std::string& suffix = {});
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile();

    /// Empty when no file could be made.
    const std::string& Path() const { return path_; }

  private:
    std::string path_;
};

/// The bytes `write` puts in a temporary file (named with `suffix`); kStorage when no temporary file can be made,
/// `write`'s error otherwise.
Result<std::string> BytesWrittenBy(const std::function<Status(const std::string& path)>& write,
                                   const std::string& suffix = {});

}  // namespace parindex
