#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "domain/result.hpp"
#include "domain/text.hpp"
#include "storage/sqlite/sqlite_statement.hpp"

struct sqlite3;

namespace parindex::sqlite {

/// An open SQLite connection with a cache of prepared statements and the action its failures are reported
/// under. Methods throw StorageFailure; the public Store methods catch it. Not thread-safe: the owner
/// serialises access.
class Connection {
  public:
    /// A cached statement borrowed for one use: reset and unbound when the lease ends.
    class Lease {
      public:
        explicit Lease(Statement& statement) : statement_(&statement) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { statement_->Reset(); }
        Statement* operator->() const { return statement_; }
        Statement& operator*() const { return *statement_; }

      private:
        Statement* statement_;
    };

    /// Sets the action that failures are reported under for as long as it lives, then restores the previous one.
    class ActionScope {
      public:
        ActionScope(Connection& connection, Text action)
            : connection_(connection), previous_(std::exchange(connection.action_, std::move(action))) {}
        ActionScope(const ActionScope&) = delete;
        ActionScope& operator=(const ActionScope&) = delete;
        ~ActionScope() { connection_.action_ = std::move(previous_); }

      private:
        Connection& connection_;
        Text previous_;
    };

    /// Opens (creating if needed) the database file at `path`; the settings (WAL, foreign keys ...) are the
    /// caller's. Throws StorageFailure when the file cannot be opened.
    explicit Connection(const std::string& path);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    /// Runs one or more SQL statements that return nothing worth reading.
    void Execute(const char* sql);
    /// Prepares a statement for use by the caller alone.
    Statement Prepare(std::string_view sql);
    /// Borrows the cached statement for `sql` (prepared on first use). `sql` must not be in use already.
    Lease Cached(std::string_view sql);
    /// True when no transaction is open.
    bool InAutocommit() const;

    /// Builds the error for a failed SQLite call with result `code`, under the current action.
    Error Failure(int code) const;
    /// Throws the error for a failed SQLite call with result `code`.
    [[noreturn]] void Fail(int code) const;
    /// The action failures are currently reported under.
    const Text& Action() const { return action_; }
    /// The raw handle, for the few calls that need it.
    sqlite3* Handle() const { return db_; }

  private:
    sqlite3* db_ = nullptr;
    Text action_{"truy cập cơ sở dữ liệu", "access the database"};
    /// Lets the cache be searched with a string_view, so that a hot-path lookup allocates nothing.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
    };
    std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> cache_;
};

}  // namespace parindex::sqlite
