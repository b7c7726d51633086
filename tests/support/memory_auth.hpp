#pragma once

// In-memory stand-ins for the login ports (users, sessions, the audit log, password hashing, tokens), shared by the
// domain and HTTP test suites. Fakes live only in tests of the domain and of handlers; the real store is tested
// on SQLite files.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/auth_store.hpp"
#include "domain/security.hpp"

namespace parindex::testing {

using std::chrono::system_clock;

/// Users, sessions and the audit log in memory, as the SQLite store keeps them.
class MemoryAuthStore final : public AuthStore {
  public:
    Result<std::int64_t> SaveUser(const User& user) override {
        for (const auto& [id, stored] : users) {
            if (stored.username == user.username && id != user.id) {
                return MakeError(ErrorCode::kConflict, "trùng", "duplicate");
            }
        }
        User copy = user;
        if (copy.id == 0) copy.id = ++last_id;
        users[copy.id] = copy;
        return copy.id;
    }
    Result<std::optional<User>> FindUserByName(const std::string& username) override {
        for (const auto& [id, user] : users) {
            if (user.username == username) return std::optional<User>(user);
        }
        return std::optional<User>();
    }
    Result<std::optional<User>> FindUserById(std::int64_t id) override {
        const auto found = users.find(id);
        if (found == users.end()) return std::optional<User>();
        return std::optional<User>(found->second);
    }
    Result<std::vector<User>> ListUsers() override {
        std::vector<User> list;
        for (const auto& [id, user] : users) list.push_back(user);
        std::sort(list.begin(), list.end(), [](const User& a, const User& b) { return a.username < b.username; });
        return list;
    }
    Status SaveSession(const Session& session) override {
        sessions[session.token_hash] = session;
        return OkStatus();
    }
    Result<std::optional<Session>> FindSession(const std::string& token_hash) override {
        const auto found = sessions.find(token_hash);
        if (found == sessions.end()) return std::optional<Session>();
        return std::optional<Session>(found->second);
    }
    Status DeleteSession(const std::string& token_hash) override {
        sessions.erase(token_hash);
        return OkStatus();
    }
    Status DeleteSessionsOfUser(std::int64_t user_id) override {
        std::erase_if(sessions, [&](const auto& entry) { return entry.second.user_id == user_id; });
        return OkStatus();
    }
    Status DeleteExpiredSessions(system_clock::time_point now) override {
        std::erase_if(sessions, [&](const auto& entry) { return entry.second.expires_at <= now; });
        return OkStatus();
    }
    Status AppendAudit(const AuditEntry& entry) override {
        AuditEntry copy = entry;
        copy.id = static_cast<std::int64_t>(audit.size()) + 1;
        audit.push_back(copy);
        return OkStatus();
    }
    Result<std::vector<AuditEntry>> ListAudit(const AuditQuery&) override {
        return std::vector<AuditEntry>(audit.rbegin(), audit.rend());
    }

    /// The actions of the audit log, oldest first.
    std::vector<std::string> Actions() const {
        std::vector<std::string> actions;
        for (const AuditEntry& entry : audit) actions.push_back(entry.action);
        return actions;
    }

    std::map<std::int64_t, User> users;
    std::map<std::string, Session> sessions;
    std::vector<AuditEntry> audit;
    std::int64_t last_id = 0;
};

/// A fast stand-in for argon2id: the hash is the password behind a marker.
class FakeHasher final : public PasswordHasher {
  public:
    std::string Hash(const std::string& password) const override { return "fake$" + password; }
    bool Verify(const std::string& hash, const std::string& password) const override {
        return hash == "fake$" + password;
    }
};

/// Predictable tokens: a counter, and a digest that is the token behind a marker.
class CountingTokens final : public TokenSource {
  public:
    std::string RandomHex(std::size_t bytes) override {
        std::string hex = std::to_string(++counter);
        hex.insert(0, bytes * 2 - std::min(hex.size(), bytes * 2), '0');
        return hex;
    }
    std::string OneTimePassword() override { return "otp-" + std::to_string(++counter) + "-abcdefgh"; }
    std::string Digest(const std::string& token) const override { return "digest:" + token; }

    int counter = 0;
};

}  // namespace parindex::testing
