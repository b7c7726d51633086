// The AuthStore half of SqliteStore: users, sessions and the audit log, on the same connection, mutex and
// transactions as the Store half in sqlite_store.cpp.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"
#include "storage/sqlite/sqlite_statement.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::FromUnixSeconds;
using sqlite::Guard;
using sqlite::Statement;
using sqlite::StorageFailure;
using sqlite::UnixSeconds;
using std::chrono::system_clock;

std::string Quoted(const std::string& text) { return "“" + text + "”"; }

// ---- Users -----------------------------------------------------------------------------------------------------

constexpr std::string_view kUserIdByName = "SELECT id FROM users WHERE username = ?1";
constexpr std::string_view kInsertUser =
    "INSERT INTO users(username, display_name, role, unit_code, department_code, disabled, password_hash,"
    " must_change_password, failed_logins, locked_until, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12)";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET username = ?1, display_name = ?2, role = ?3, unit_code = ?4, department_code = ?5,"
    " disabled = ?6, password_hash = ?7, must_change_password = ?8, failed_logins = ?9, locked_until = ?10,"
    " email = ?12 WHERE id = ?11";
constexpr std::string_view kDeleteUserGroups = "DELETE FROM user_groups WHERE user_id = ?1";
constexpr std::string_view kInsertUserGroup =
    "INSERT OR IGNORE INTO user_groups(user_id, group_code, position) VALUES (?1, ?2, ?3)";
constexpr std::string_view kUserColumns =
    "SELECT id, username, display_name, role, unit_code, department_code, disabled, password_hash,"
    " must_change_password, failed_logins, locked_until, email FROM users";
constexpr std::string_view kUserByName = " WHERE username = ?1";
constexpr std::string_view kUserById = " WHERE id = ?1";
constexpr std::string_view kUsersInOrder = " ORDER BY username";
constexpr std::string_view kGroupsOfOneUser =
    "SELECT user_id, group_code FROM user_groups WHERE user_id = ?1 ORDER BY position";
constexpr std::string_view kGroupsOfAllUsers = "SELECT user_id, group_code FROM user_groups ORDER BY user_id, position";

// ---- Sessions --------------------------------------------------------------------------------------------------

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, address)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kSelectSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at, address FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kDeleteSessionsOfUser = "DELETE FROM sessions WHERE user_id = ?1";
constexpr std::string_view kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= ?1";

// ---- Audit log -------------------------------------------------------------------------------------------------

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log(at, user_id, username, address, action, subject, unit_code, year, node_code, field,"
    " old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr std::string_view kAuditColumns =
    "SELECT id, at, user_id, username, address, action, subject, unit_code, year, node_code, field, old_value,"
    " new_value FROM audit_log WHERE 1";

Role ReadRole(const Connection& connection, const Statement& row, int column) {
    const std::string text = row.Text(column);
    const std::optional<Role> role = ParseRole(text);
    if (!role) throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), "users", "role", text));
    return *role;
}

void BindUser(Statement& statement, const User& user) {
    statement.Bind(1, user.username).Bind(2, user.display_name).Bind(3, RoleName(user.role));
    statement.BindCodeOrNull(4, user.unit_code).BindCodeOrNull(5, user.department_code);
    statement.BindBool(6, user.disabled).Bind(7, user.password_hash).BindBool(8, user.must_change_password);
    statement.Bind(9, user.failed_logins);
    if (user.locked_until) {
        statement.Bind(10, UnixSeconds(*user.locked_until));
    } else {
        statement.BindNull(10);
    }
    statement.Bind(12, user.email);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> OpenSqliteStoreConcrete(const std::string& path, const Clock& clock) {
    return SqliteStore::Open(path, clock);
}

// ---- Users -----------------------------------------------------------------------------------------------------

Result<std::int64_t> SqliteStore::SaveUser(const User& user) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(
        *connection_, Text{"lưu tài khoản " + Quoted(user.username), "save the account " + Quoted(user.username)});
    return Guard([&]() -> Result<std::int64_t> {
        std::int64_t id = user.id;
        Status saved = RunInTransaction([&]() -> Status {
            {
                auto existing = connection_->Cached(kUserIdByName);
                existing->Bind(1, user.username);
                if (existing->Step() && existing->Int64(0) != user.id) {
                    return MakeError(ErrorCode::kConflict, "Tài khoản " + Quoted(user.username) + " đã tồn tại",
                                     "The account " + Quoted(user.username) + " already exists");
                }
            }
            if (id == 0) {
                auto insert = connection_->Cached(kInsertUser);
                BindUser(*insert, user);
                insert->Run();
                id = sqlite3_last_insert_rowid(connection_->Handle());
            } else {
                auto update = connection_->Cached(kUpdateUser);
                BindUser(*update, user);
                update->Bind(11, id).Run();
                if (sqlite3_changes(connection_->Handle()) == 0) {
                    return MakeError(ErrorCode::kNotFound, "Không có tài khoản số " + std::to_string(id),
                                     "There is no account number " + std::to_string(id));
                }
            }
            {
                auto remove = connection_->Cached(kDeleteUserGroups);
                remove->Bind(1, id).Run();
            }
            auto insert = connection_->Cached(kInsertUserGroup);
            for (std::size_t i = 0; i < user.group_codes.size(); ++i) {
                insert->Bind(1, id).Bind(2, user.group_codes[i]).Bind(3, static_cast<std::int64_t>(i)).Run();
            }
            return OkStatus();
        });
        if (!saved) return saved.TakeError();
        return id;
    });
}

Result<std::optional<User>> SqliteStore::FindUserByName(const std::string& username) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc tài khoản " + Quoted(username), "read the account " + Quoted(username)});
    return Guard([&]() -> Result<std::optional<User>> {
        std::vector<User> users;
        RunInSnapshot([&] { users = ReadUsers(&username, nullptr); });
        if (users.empty()) return std::optional<User>();
        return std::optional<User>(std::move(users.front()));
    });
}

Result<std::optional<User>> SqliteStore::FindUserById(std::int64_t id) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(id);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc tài khoản số " + number, "read the account number " + number});
    return Guard([&]() -> Result<std::optional<User>> {
        std::vector<User> users;
        RunInSnapshot([&] { users = ReadUsers(nullptr, &id); });
        if (users.empty()) return std::optional<User>();
        return std::optional<User>(std::move(users.front()));
    });
}

Result<std::vector<User>> SqliteStore::ListUsers() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh sách tài khoản", "read the list of accounts"});
    return Guard([&]() -> Result<std::vector<User>> {
        std::vector<User> users;
        RunInSnapshot([&] { users = ReadUsers(nullptr, nullptr); });
        return users;
    });
}

std::vector<User> SqliteStore::ReadUsers(const std::string* username, const std::int64_t* id) {
    std::vector<User> users;
    std::unordered_map<std::int64_t, std::size_t> index;
    {
        const std::string_view where = username != nullptr ? kUserByName : id != nullptr ? kUserById : kUsersInOrder;
        std::string sql(kUserColumns);
        sql += where;
        auto select = connection_->Cached(sql);
        if (username != nullptr) select->Bind(1, *username);
        if (id != nullptr) select->Bind(1, *id);
        while (select->Step()) {
            User user;
            user.id = select->Int64(0);
            user.username = select->Text(1);
            user.display_name = select->Text(2);
            user.role = ReadRole(*connection_, *select, 3);
            user.unit_code = select->Text(4);
            user.department_code = select->Text(5);
            user.disabled = select->Bool(6);
            user.password_hash = select->Text(7);
            user.must_change_password = select->Bool(8);
            user.failed_logins = select->Int(9);
            user.email = select->Text(11);
            if (!select->IsNull(10)) user.locked_until = FromUnixSeconds(select->Int64(10));
            index.emplace(user.id, users.size());
            users.push_back(std::move(user));
        }
    }
    if (users.empty()) return users;
    const bool one = users.size() == 1 && (username != nullptr || id != nullptr);
    auto groups = connection_->Cached(one ? kGroupsOfOneUser : kGroupsOfAllUsers);
    if (one) groups->Bind(1, users.front().id);
    while (groups->Step()) {
        const auto found = index.find(groups->Int64(0));
        if (found != index.end()) users[found->second].group_codes.push_back(groups->Text(1));
    }
    return users;
}

// ---- Sessions --------------------------------------------------------------------------------------------------

Status SqliteStore::SaveSession(const Session& session) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"lưu phiên đăng nhập", "save the session"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertSession);
            insert->Bind(1, session.token_hash).Bind(2, session.user_id).Bind(3, session.csrf_token);
            insert->Bind(4, UnixSeconds(session.created_at)).Bind(5, UnixSeconds(session.expires_at));
            insert->Bind(6, session.address).Run();
            return OkStatus();
        });
    });
}

Result<std::optional<Session>> SqliteStore::FindSession(const std::string& token_hash) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc phiên đăng nhập", "read the session"});
    return Guard([&]() -> Result<std::optional<Session>> {
        auto select = connection_->Cached(kSelectSession);
        select->Bind(1, token_hash);
        if (!select->Step()) return std::optional<Session>();
        Session session;
        session.token_hash = select->Text(0);
        session.user_id = select->Int64(1);
        session.csrf_token = select->Text(2);
        session.created_at = FromUnixSeconds(select->Int64(3));
        session.expires_at = FromUnixSeconds(select->Int64(4));
        session.address = select->Text(5);
        return std::optional<Session>(std::move(session));
    });
}

Status SqliteStore::DeleteSession(const std::string& token_hash) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"xóa phiên đăng nhập", "delete the session"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto remove = connection_->Cached(kDeleteSession);
            remove->Bind(1, token_hash).Run();
            return OkStatus();
        });
    });
}

Status SqliteStore::DeleteSessionsOfUser(std::int64_t user_id) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(user_id);
    Connection::ActionScope scope(*connection_, Text{"xóa các phiên đăng nhập của tài khoản số " + number,
                                                     "delete the sessions of account number " + number});
    return Guard([&] {
        return RunInTransaction([&] {
            auto remove = connection_->Cached(kDeleteSessionsOfUser);
            remove->Bind(1, user_id).Run();
            return OkStatus();
        });
    });
}

Status SqliteStore::DeleteExpiredSessions(system_clock::time_point now) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"xóa các phiên đăng nhập hết hạn", "delete expired sessions"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto remove = connection_->Cached(kDeleteExpiredSessions);
            remove->Bind(1, UnixSeconds(now)).Run();
            return OkStatus();
        });
    });
}

// ---- Audit log -------------------------------------------------------------------------------------------------

Status SqliteStore::AppendAudit(const AuditEntry& entry) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"ghi nhật ký thay đổi", "write the audit log"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertAudit);
            insert->Bind(1, UnixSeconds(entry.at)).Bind(2, entry.user_id).Bind(3, entry.username);
            insert->Bind(4, entry.address).Bind(5, entry.action).Bind(6, entry.subject).Bind(7, entry.unit_code);
            insert->Bind(8, entry.year).Bind(9, entry.node_code).Bind(10, entry.field).Bind(11, entry.old_value);
            insert->Bind(12, entry.new_value).Run();
            return OkStatus();
        });
    });
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(const AuditQuery& query) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc nhật ký thay đổi", "read the audit log"});
    return Guard([&]() -> Result<std::vector<AuditEntry>> {
        // One statement per combination of filters, so that each can use the (unit, year, node, id) indexes.
        std::string sql(kAuditColumns);
        if (!query.unit_code.empty()) sql += " AND unit_code = ?1";
        if (query.year) sql += " AND year = ?2";
        if (!query.node_code.empty()) sql += " AND node_code = ?3";
        if (query.before_id > 0) sql += " AND id < ?4";
        sql += " ORDER BY id DESC LIMIT ?5";
        auto select = connection_->Cached(sql);
        if (!query.unit_code.empty()) select->Bind(1, query.unit_code);
        if (query.year) select->Bind(2, *query.year);
        if (!query.node_code.empty()) select->Bind(3, query.node_code);
        if (query.before_id > 0) select->Bind(4, query.before_id);
        select->Bind(5, static_cast<std::int64_t>(query.limit));
        std::vector<AuditEntry> entries;
        while (select->Step()) {
            AuditEntry entry;
            entry.id = select->Int64(0);
            entry.at = FromUnixSeconds(select->Int64(1));
            entry.user_id = select->Int64(2);
            entry.username = select->Text(3);
            entry.address = select->Text(4);
            entry.action = select->Text(5);
            entry.subject = select->Text(6);
            entry.unit_code = select->Text(7);
            entry.year = select->Int(8);
            entry.node_code = select->Text(9);
            entry.field = select->Text(10);
            entry.old_value = select->Text(11);
            entry.new_value = select->Text(12);
            entries.push_back(std::move(entry));
        }
        return entries;
    });
}

}  // namespace parindex
