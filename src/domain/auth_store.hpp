#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/result.hpp"
#include "domain/user.hpp"

namespace parindex {

/// Storage port for users, sessions and the audit log; the SQLite store implements it beside Store, in the same
/// database and the same transactions.
class AuthStore {
  public:
    virtual ~AuthStore() = default;

    /// Inserts a user (id 0: a new id is assigned and returned) or updates it by id.
    virtual Result<std::int64_t> SaveUser(const User& user) = 0;
    /// The user with this username (already NFC and lower case), or nothing.
    virtual Result<std::optional<User>> FindUserByName(const std::string& username) = 0;
    /// The user with this id, or nothing.
    virtual Result<std::optional<User>> FindUserById(std::int64_t id) = 0;
    /// Every user, ordered by username.
    virtual Result<std::vector<User>> ListUsers() = 0;

    /// Stores a new session.
    virtual Status SaveSession(const Session& session) = 0;
    /// The session with this token hash, or nothing.
    virtual Result<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
    /// Removes one session (logout).
    virtual Status DeleteSession(const std::string& token_hash) = 0;
    /// Removes every session of a user (password change, disable).
    virtual Status DeleteSessionsOfUser(std::int64_t user_id) = 0;
    /// Removes every session that expired at or before `now`.
    virtual Status DeleteExpiredSessions(std::chrono::system_clock::time_point now) = 0;

    /// Appends to the audit log; entries are never updated or deleted.
    virtual Status AppendAudit(const AuditEntry& entry) = 0;
    /// Entries matching the query, newest first.
    virtual Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) = 0;
};

}  // namespace parindex
