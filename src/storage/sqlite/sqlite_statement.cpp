#include "storage/sqlite/sqlite_statement.hpp"

#include <sqlite3.h>

#include <utility>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"

namespace parindex::sqlite {

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        connection_ = other.connection_;
        statement_ = std::exchange(other.statement_, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::Check(int code) {
    if (code != SQLITE_OK) connection_->Fail(code);
}

Statement& Statement::Bind(int index, std::string_view text) {
    Check(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement& Statement::BindCodeOrNull(int index, std::string_view code) {
    if (code.empty()) {
        Check(sqlite3_bind_null(statement_, index));
        return *this;
    }
    return Bind(index, code);
}

Statement& Statement::Bind(int index, std::int64_t value) {
    Check(sqlite3_bind_int64(statement_, index, value));
    return *this;
}

Statement& Statement::Bind(int index, const std::optional<Decimal>& value) {
    if (!value) {
        Check(sqlite3_bind_null(statement_, index));
        return *this;
    }
    return Bind(index, value->Thousandths());
}

Statement& Statement::Bind(int index, const std::optional<int>& value) {
    if (!value) {
        Check(sqlite3_bind_null(statement_, index));
        return *this;
    }
    return Bind(index, static_cast<std::int64_t>(*value));
}

Statement& Statement::BindNull(int index) {
    Check(sqlite3_bind_null(statement_, index));
    return *this;
}

bool Statement::Step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    // Read the message before the reset, which releases the failed statement's locks.
    Error error = connection_->Failure(code);
    sqlite3_reset(statement_);
    throw StorageFailure(std::move(error));
}

void Statement::Run() {
    while (Step()) {
    }
    // Ready for the next set of bindings; the current ones stay until rebound.
    sqlite3_reset(statement_);
}

void Statement::Reset() noexcept {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::string Statement::Text(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Statement::Int64(int column) const { return sqlite3_column_int64(statement_, column); }

std::optional<Decimal> Statement::OptionalDecimal(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Decimal::FromThousandths(Int64(column));
}

std::optional<int> Statement::OptionalInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
}

}  // namespace parindex::sqlite
