#pragma once

#include <exception>
#include <string>
#include <utility>

#include "domain/result.hpp"
#include "domain/text.hpp"

struct sqlite3;

namespace parindex::sqlite {

/// Carries a translated SQLite failure from deep inside the storage code to the public Store method that
/// turns it back into a Result; it never leaves the storage layer.
class StorageFailure : public std::exception {
  public:
    explicit StorageFailure(Error error) : error_(std::move(error)) {}
    const char* what() const noexcept override { return error_.message.en.c_str(); }
    /// The translated error.
    const Error& GetError() const { return error_; }
    /// Moves the translated error out.
    Error TakeError() { return std::move(error_); }

  private:
    Error error_;
};

/// Builds a kStorage error for SQLite result `code` while doing `action` (a verb phrase in both languages,
/// such as "lưu đơn vị “lakhe”" / "save unit “lakhe”"), with a hint a person can act on and SQLite's own
/// message `sqlite_message`.
Error MakeSqliteError(int code, const Text& action, const std::string& sqlite_message);

/// As MakeSqliteError, taking the code and message from the connection's last failure.
Error MakeSqliteError(sqlite3* db, int code, const Text& action);

/// A detail naming just the database file.
inline ErrorDetail FileDetail(const std::string& path) {
    ErrorDetail detail;
    detail.file = path;
    return detail;
}

/// Builds a kStorage error for stored data the program cannot read back (an unknown enumeration name).
Error MakeCorruptDataError(const Text& action, const std::string& table, const std::string& column,
                           const std::string& value);

}  // namespace parindex::sqlite
