#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/text.hpp"

namespace parindex {

/// What kind of expected failure a service reports; one function in each adapter maps it to an exit code or
/// an HTTP status.
enum class ErrorCode {
    kInvalidInput,     ///< The input breaks a rule; details say where and why.
    kNotFound,         ///< A named unit, group, framework or year does not exist.
    kConflict,         ///< The change clashes with what is stored (e.g. a locked assessment).
    kForbidden,        ///< The caller may not do this.
    kUnauthenticated,  ///< The caller is not logged in.
    kStorage,          ///< The database failed in a way the caller can act on (locked, full, unreadable).
    kInternal,         ///< Anything unexpected.
};

/// The stable English name of an error code, used as `error.code` in JSON ("invalid_input", ...).
const char* ErrorCodeName(ErrorCode code);

/// Where an input problem is, and why: the file and line (or sheet and row, or JSON path), the field, the
/// value and the reason. Fields that do not apply stay empty.
struct ErrorDetail {
    std::string file;
    std::optional<std::int64_t> line;    ///< 1-based line of a CSV file or row of a sheet.
    std::optional<std::int64_t> column;  ///< 1-based column.
    std::string path;                    ///< JSON path such as `$.nodes[3].max`, or `Sheet1!D7` for a cell.
    std::string field;
    std::string value;
    Text reason;
};

/// An expected failure: a code, a message a person can act on, and the places it concerns.
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    Text message;
    std::vector<ErrorDetail> details;
};

/// Builds an error with a message in both languages.
inline Error MakeError(ErrorCode code, std::string vi, std::string en, std::vector<ErrorDetail> details = {}) {
    return Error{code, Text{std::move(vi), std::move(en)}, std::move(details)};
}

/// Either a value or an Error; services return it for every expected outcome.
template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    /// True when a value is held.
    bool Ok() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return Ok(); }
    /// The value; only valid when Ok().
    T& Value() & { return std::get<T>(data_); }
    const T& Value() const& { return std::get<T>(data_); }
    T&& Value() && { return std::get<T>(std::move(data_)); }
    T* operator->() { return &Value(); }
    const T* operator->() const { return &Value(); }
    T& operator*() { return Value(); }
    const T& operator*() const { return Value(); }
    /// The error; only valid when !Ok().
    const Error& GetError() const { return std::get<Error>(data_); }
    Error&& TakeError() { return std::get<Error>(std::move(data_)); }

  private:
    std::variant<T, Error> data_;
};

/// The result of an operation that returns nothing but may fail.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool Ok() const { return !error_.has_value(); }
    explicit operator bool() const { return Ok(); }
    const Error& GetError() const { return *error_; }
    Error&& TakeError() { return std::move(*error_); }

  private:
    std::optional<Error> error_;
};

using Status = Result<void>;

/// A successful Status.
inline Status OkStatus() { return Status(); }

}  // namespace parindex
