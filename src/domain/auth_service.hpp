#pragma once

#include <chrono>
#include <string>
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
    /// Changes the caller's own password after checking the old one; closes the caller's other sessions.
    Status ChangePassword(const Principal& who, const std::string& old_password, const std::string& new_password);

    /// Creates a user with the given password (administrators only, or `who` = nullptr from the command line).
    Result<User> CreateUser(const Principal* who, const NewUser& user, const std::string& password);
    /// Sets a new one-time password and returns it; the user must change it at the next login.
    Result<std::string> ResetPassword(const Principal* who, const std::string& username);
    /// Disables (or enables) a user and closes their sessions.
    Status SetDisabled(const Principal* who, const std::string& username, bool disabled);
    /// Every user (administrators only).
    Result<std::vector<User>> ListUsers(const Principal& who);

  private:
    AuthStore& store_;
    const PasswordHasher& hasher_;
    TokenSource& tokens_;
    const Clock& clock_;
    AuthSettings settings_;
};

}  // namespace parindex
