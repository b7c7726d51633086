#pragma once

#include <istream>
#include <string>
#include <vector>

#include "domain/auth_service.hpp"
#include "domain/result.hpp"
#include "domain/text.hpp"
#include "domain/user.hpp"

namespace parindex {

/// The password of every demo login. It is public (printed by `parindex demo` and in the README), so it is only
/// for the demo data; real accounts are made with `parindex user add` and one-time passwords.
inline constexpr const char* kDemoPassword = "demo-parindex-2024";

/// One demo login per role, on the demo units and groups.
struct DemoLogin {
    std::string username;
    Role role = Role::kViewer;
    std::string unit_code;
    std::string department_code;
    std::vector<std::string> group_codes;
    std::string display_name;
};

/// The demo logins: admin, thamdinh, vanphong.lakhe, tuphap.lakhe, chutich.lakhe, xem.lakhe.
std::vector<DemoLogin> DemoLogins();

/// Creates the demo logins that do not exist yet with kDemoPassword (no change required at first login); an
/// existing account of the same name (such as the administrator made by `init`) is left as it is. The names of
/// the accounts created go to `created` when given.
Status CreateDemoUsers(AuthService& auth, std::vector<std::string>* created = nullptr);

/// The demo logins as a table with the demo password and a note that it is only for the demo data; `created`
/// says which accounts got the demo password now (others keep the password they had).
std::string RenderDemoLogins(const std::vector<std::string>& created, Language language);

/// The line `init` prints for the first administrator and its one-time password.
std::string RenderFirstAdministrator(const std::string& username, const std::string& password, Language language);

/// The options of `parindex user add`.
struct UserAddOptions {
    std::string username;
    std::string role;  ///< A role name as RoleName writes it.
    std::string unit;
    std::vector<std::string> groups;
    std::string department;
    std::string name;
    std::string email;
};

/// Reads one line (the password) from `in`, without its line ending; kInvalidInput when there is none.
Result<std::string> ReadPasswordLine(std::istream& in);

/// `parindex user add`: creates the user with the password read from `password_in`; returns the text to print.
Result<std::string> AddUserCommand(AuthService& auth, const UserAddOptions& options, std::istream& password_in,
                                   Language language);
/// `parindex user reset`: a new one-time password; returns the text to print.
Result<std::string> ResetUserCommand(AuthService& auth, const std::string& username, Language language);
/// `parindex user disable` and `parindex user enable`; returns the text to print.
Result<std::string> SetUserDisabledCommand(AuthService& auth, const std::string& username, bool disabled,
                                           Language language);
/// `parindex user list`: a table, or with `json` `{"users": [...]}` (never a password hash).
Result<std::string> ListUsersCommand(AuthService& auth, bool json, Language language);

}  // namespace parindex
