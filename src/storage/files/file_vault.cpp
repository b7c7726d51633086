#include "storage/files/file_vault.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace parindex {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMebibyte = std::int64_t{1024} * 1024;

bool StartsWith(std::string_view bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() && bytes.substr(0, prefix.size()) == prefix;
}

std::string LowerExtension(const std::string& file_name) {
    std::string ext = fs::path(file_name).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

bool IsHex64(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Error Refused(const std::string& file_name, const std::string& vi, const std::string& en) {
    ErrorDetail detail;
    detail.file = file_name;
    detail.field = "file";
    detail.reason = Text{vi, en};
    return MakeError(ErrorCode::kInvalidInput, "Tệp " + file_name + ": " + vi, "File " + file_name + ": " + en,
                     {std::move(detail)});
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

FileVault::FileVault(std::string root, FileVaultLimits limits) : root_(std::move(root)), limits_(std::move(limits)) {
    // Idempotent and thread-safe; makes libsodium pick its fastest implementations.
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

std::string FileVault::DetectType(std::string_view bytes, const std::string& file_name) {
    if (StartsWith(bytes, "%PDF-")) return "application/pdf";
    if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return "image/png";
    if (StartsWith(bytes, "\xff\xd8\xff")) return "image/jpeg";
    const std::string ext = LowerExtension(file_name);
    if (StartsWith(bytes, std::string_view("PK\x03\x04", 4))) {
        // Office Open XML files are zip archives; the extension tells which one.
        if (ext == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return "application/zip";
    }
    if (StartsWith(bytes, std::string_view("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))) {
        if (ext == ".xls") return "application/vnd.ms-excel";
        return "application/msword";
    }
    return {};
}

Result<StoredFile> FileVault::Put(std::string_view bytes, const std::string& file_name) {
    if (bytes.empty()) return Refused(file_name, "tệp rỗng", "the file is empty");
    if (static_cast<std::int64_t>(bytes.size()) > limits_.max_size) {
        return Refused(file_name, "tệp lớn hơn giới hạn " + std::to_string(limits_.max_size / kMebibyte) + " MB",
                       "the file is larger than the " + std::to_string(limits_.max_size / kMebibyte) + " MB limit");
    }
    const std::string type = DetectType(bytes, file_name);
    if (type.empty() ||
        std::find(limits_.allowed_types.begin(), limits_.allowed_types.end(), type) == limits_.allowed_types.end()) {
        return Refused(file_name, "chỉ nhận tệp PDF, ảnh PNG/JPEG, Word hoặc Excel",
                       "only PDF, PNG/JPEG images, Word or Excel files are accepted");
    }
    StoredFile stored{Sha256Hex(bytes), type, static_cast<std::int64_t>(bytes.size()), false};
    const fs::path folder = fs::path(root_) / stored.sha256.substr(0, 2);
    const fs::path target = folder / stored.sha256.substr(2);
    std::error_code ec;
    if (fs::exists(target, ec)) {
        stored.already_present = true;
        return stored;
    }
    fs::create_directories(folder, ec);
    if (ec) {
        return MakeError(ErrorCode::kStorage, "Không tạo được thư mục lưu tệp " + folder.string() + ": " + ec.message(),
                         "Cannot create the file folder " + folder.string() + ": " + ec.message());
    }
    const fs::path temporary = folder / (stored.sha256.substr(2) + ".tmp" + std::to_string(std::random_device{}()));
    {
        std::ofstream out(temporary, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            return MakeError(ErrorCode::kStorage, "Không ghi được tệp vào " + folder.string() + " (đĩa đầy?)",
                             "Cannot write the file into " + folder.string() + " (disk full?)");
        }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return MakeError(ErrorCode::kStorage, "Không lưu được tệp: " + ec.message(),
                         "Cannot store the file: " + ec.message());
    }
    return stored;
}

Result<std::string> FileVault::PathOf(const std::string& sha256) const {
    const fs::path path = fs::path(root_) / sha256.substr(0, std::min<std::size_t>(2, sha256.size())) /
                          (sha256.size() > 2 ? sha256.substr(2) : std::string());
    std::error_code ec;
    if (!IsHex64(sha256) || !fs::is_regular_file(path, ec)) {
        return MakeError(ErrorCode::kNotFound, "Không có tệp " + sha256, "No file " + sha256);
    }
    return path.string();
}

}  // namespace parindex
