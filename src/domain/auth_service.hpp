#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "domain/security.hpp"
#include "domain/user.hpp"

namespace parindex {

/// Settings of logins and sessions.
struct AuthSettings {
    std::chrono::seconds session_lifetime{std::chrono::hours(12)};
    int max_failed_logins = 5;  ///< After this many failures in a row the account locks for lockout_time.
    std::chrono::seconds lockout_time{std::chrono::minutes(15)};
    std::size_t min_password_length = 10;
};

/// What a successful login gives the client.
struct LoginResult {
    std::string token;       ///< Goes in the HttpOnly session cookie; never stored.
    std::string csrf_token;  ///< Sent back in X-CSRF-Token on state-changing requests.
    Principal principal;
    bool must_change_password = false;
};

/// A new user's details, as an administrator gives them.
struct NewUser {
    std::string username;
    std::string display_name;
    Role role = Role::kViewer;
    std::string unit_code;
    std::vector<std::string> group_codes;
    std::string department_code;
    std::string email;  ///< Where plan reminders are mailed (optional).
};

/// Logins, sessions and user administration. Errors are values: kUnauthenticated for a wrong password or an
/// unknown session (the same message for an unknown user, so names cannot be probed), kForbidden for a locked
/// or disabled account or a caller without the right, kInvalidInput for a weak password.
class AuthService {
  public:
    AuthService(AuthStore& store, const PasswordHasher& hasher, TokenSource& tokens, const Clock& clock,
                AuthSettings settings = {});

    /// Checks the password and opens a session; counts failures and locks the account after too many.
    Result<LoginResult> Login(const std::string& username, const std::string& password, const std::string& address);
    /// Closes the session of this token.
    Status Logout(const std::string& token);
    /// The principal behind a live session token, with its CSRF token; kUnauthenticated when unknown or expired.
    Result<std::pair<Principal, std::string>> Authenticate(const std::string& token, const std::string& address);
    /// Changes the caller's own password after checking the old one (kInvalidInput naming `old_password` when it
    /// is wrong) and closes the caller's sessions, except the one of `keep_token` when given (the session the
    /// change was made from).
    Status ChangePassword(const Principal& who, const std::string& old_password, const std::string& new_password,
                          const std::string& keep_token = {});

    /// Creates a user with the given password (administrators only, or `who` = nullptr from the command line).
    Result<User> CreateUser(const Principal* who, const NewUser& user, const std::string& password);
    /// Creates a user with a fresh one-time password (which the user must change at the first login) and returns
    /// both; the rules of CreateUser.
    Result<std::pair<User, std::string>> CreateUserWithOneTimePassword(const Principal* who, const NewUser& user);
    /// Replaces a user's display name, role and scope (`changes.username` is ignored). The scope rules of
    /// CreateUser; kConflict when an administrator would take away their own administrator role; closes the
    /// user's sessions when the role or the scope changed; each changed field is audited (old → new).
    Result<User> UpdateUser(const Principal* who, const std::string& username, const NewUser& changes);
    /// Sets a new one-time password and returns it; the user must change it at the next login.
    Result<std::string> ResetPassword(const Principal* who, const std::string& username);
    /// Disables (or enables) a user and closes their sessions.
    Status SetDisabled(const Principal* who, const std::string& username, bool disabled);
    /// Every user (administrators only), without password hashes.
    Result<std::vector<User>> ListUsers(const Principal& who);
    /// Every user, without password hashes (administrators only, or `who` = nullptr from the command line).
    Result<std::vector<User>> ListUsers(const Principal* who);
    /// When no user exists yet, creates the administrator `username` with a one-time password and returns it;
    /// nothing when users exist already.
    Result<std::optional<std::string>> EnsureAdministrator(const std::string& username = "admin");

    /// Lower-cases ASCII letters and checks the form `[a-z0-9._-]{3,40}`; kInvalidInput naming `username`.
    static Result<std::string> NormalizeUsername(const std::string& username);
    /// Checks a new password against the rules (length, not the username); kInvalidInput naming `password`.
    Status CheckPasswordRules(const std::string& username, const std::string& password) const;

  private:
    /// Ok for administrators and the command line (nullptr); kForbidden otherwise.
    static Status RequireAdministrator(const Principal* who);
    /// Finds a user by (normalised) name; kNotFound when absent.
    Result<User> RequireUser(const std::string& username);
    /// An audit entry made now by `who` (nullptr: the command line), to be filled in and appended.
    AuditEntry EntryBy(const Principal* who) const;
    /// An audit entry made now in the name of `user` itself from `address` (logins).
    AuditEntry EntryAs(const User& user, const std::string& address) const;
    /// The user `details` describe, normalised (name, display name, trimmed and unique codes), with its scope
    /// checked: kInvalidInput listing what the role lacks.
    static Result<User> ShapeUser(const NewUser& details, const std::string& username);
    /// kConflict when the (normalised) username is taken.
    Status RequireFreeName(const std::string& username);
    /// Saves a new user with an already hashed password.
    Result<User> InsertUser(const Principal* who, User user);
    /// A hash of no password at all, verified against for unknown users so that they take as long as known ones.
    const std::string& DecoyHash();

    AuthStore& store_;
    const PasswordHasher& hasher_;
    TokenSource& tokens_;
    const Clock& clock_;
    AuthSettings settings_;
    std::once_flag decoy_once_;
    std::string decoy_hash_;
};

/// A Principal for a stored user, acting from `address`.
Principal PrincipalOf(const User& user, const std::string& address);

}  // namespace parindex
