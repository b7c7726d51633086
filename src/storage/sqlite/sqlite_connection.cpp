#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include "storage/sqlite/sqlite_failure.hpp"

namespace parindex::sqlite {

Connection::Connection(const std::string& path) {
    action_ = Text{"mở cơ sở dữ liệu “" + path + "”", "open the database “" + path + "”"};
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (code != SQLITE_OK) {
        Error error = MakeSqliteError(db_, code, action_);
        // sqlite3_open_v2 hands back a handle even on failure; it must still be closed.
        sqlite3_close_v2(db_);
        db_ = nullptr;
        error.details.push_back(FileDetail(path));
        throw StorageFailure(std::move(error));
    }
    sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
    // Statements must be finalised before the connection closes.
    cache_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
}

void Connection::Execute(const char* sql) {
    char* message = nullptr;
    const int code = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        std::string text = message != nullptr ? message : sqlite3_errstr(code);
        sqlite3_free(message);
        throw StorageFailure(MakeSqliteError(sqlite3_extended_errcode(db_), action_, text));
    }
}

Statement Connection::Prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                        &statement, nullptr);
    if (code != SQLITE_OK) {
        sqlite3_finalize(statement);
        Fail(code);
    }
    return Statement(*this, statement);
}

Connection::Lease Connection::Cached(std::string_view sql) {
    auto found = cache_.find(sql);
    if (found == cache_.end()) {
        found = cache_.emplace(std::string(sql), std::make_unique<Statement>(Prepare(sql))).first;
    }
    return Lease(*found->second);
}

bool Connection::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

Error Connection::Failure(int code) const { return MakeSqliteError(db_, code, action_); }

void Connection::Fail(int code) const { throw StorageFailure(Failure(code)); }

}  // namespace parindex::sqlite
