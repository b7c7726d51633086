#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/decimal.hpp"

struct sqlite3_stmt;

namespace parindex::sqlite {

class Connection;

/// One prepared SQLite statement: bind, step, read columns, reset. Failures throw StorageFailure carrying the
/// connection's current action. Parameters and columns are numbered as in SQL: parameters from 1, columns
/// from 0.
class Statement {
  public:
    Statement(Connection& connection, sqlite3_stmt* statement) : connection_(&connection), statement_(statement) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    /// Binds text (copied); the empty string stays an empty string.
    Statement& Bind(int index, std::string_view text);
    /// Binds text, or NULL when it is empty: for codes that point at another object.
    Statement& BindCodeOrNull(int index, std::string_view code);
    /// Binds a whole number.
    Statement& Bind(int index, std::int64_t value);
    /// Binds a whole number (int overload, so that literals do not pick the text overload).
    Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
    /// Binds 0 or 1.
    Statement& BindBool(int index, bool value) { return Bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    /// Binds a decimal as its thousandths.
    Statement& Bind(int index, Decimal value) { return Bind(index, value.Thousandths()); }
    /// Binds a decimal as its thousandths, or NULL when blank.
    Statement& Bind(int index, const std::optional<Decimal>& value);
    /// Binds a whole number, or NULL when absent.
    Statement& Bind(int index, const std::optional<int>& value);
    /// Binds NULL.
    Statement& BindNull(int index);

    /// Advances; true when a row is ready to read, false when the statement is done.
    bool Step();
    /// Steps a statement that returns no rows (INSERT, UPDATE, DELETE) to the end, then resets it for reuse.
    void Run();
    /// Makes the statement ready to run again and clears its bindings.
    void Reset() noexcept;

    /// True when the column is NULL.
    bool IsNull(int column) const;
    /// The column as text; NULL reads as the empty string.
    std::string Text(int column) const;
    /// The column as a whole number; NULL reads as 0.
    std::int64_t Int64(int column) const;
    /// The column as an int; NULL reads as 0.
    int Int(int column) const { return static_cast<int>(Int64(column)); }
    /// The column as a boolean (non-zero is true).
    bool Bool(int column) const { return Int64(column) != 0; }
    /// The column as a decimal from thousandths; NULL is blank.
    std::optional<Decimal> OptionalDecimal(int column) const;
    /// The column as a decimal from thousandths; NULL reads as 0.
    Decimal DecimalValue(int column) const { return Decimal::FromThousandths(Int64(column)); }
    /// The column as an int; NULL is absent.
    std::optional<int> OptionalInt(int column) const;

  private:
    void Check(int code);

    Connection* connection_;
    sqlite3_stmt* statement_;
};

}  // namespace parindex::sqlite
