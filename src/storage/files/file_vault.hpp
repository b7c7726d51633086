#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace parindex {

/// What the vault accepts.
struct FileVaultLimits {
    std::int64_t max_size = std::int64_t{20} * 1024 * 1024;  ///< 20 MiB per file.
    /// Accepted content types, recognised from the file's first bytes (never from its name alone).
    std::vector<std::string> allowed_types = {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/msword",
        "application/vnd.ms-excel",
    };
};

/// A stored file: its SHA-256 (hex), detected type and size.
struct StoredFile {
    std::string sha256;
    std::string content_type;
    std::int64_t size = 0;
    bool already_present = false;  ///< The same bytes were stored before (stored once).
};

/// Evidence files kept content-addressed under `DIR/files/ab/cdef…` (the first two hex digits as a folder),
/// written to a temporary name and renamed, so a reader never sees half a file and the same bytes are stored
/// once.
class FileVault {
  public:
    explicit FileVault(std::string root, FileVaultLimits limits = {});

    /// Checks size and type and stores the bytes; kInvalidInput naming the file and the reason otherwise.
    Result<StoredFile> Put(std::string_view bytes, const std::string& file_name);
    /// The path of a stored file; kNotFound when absent or when `sha256` is not 64 hex digits.
    Result<std::string> PathOf(const std::string& sha256) const;
    /// The content type recognised from the first bytes (and, for zip-based Office files, the name's
    /// extension), or "" when unknown.
    static std::string DetectType(std::string_view bytes, const std::string& file_name);

  private:
    std::string root_;
    FileVaultLimits limits_;
};

/// The SHA-256 of the bytes as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace parindex
