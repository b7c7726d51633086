#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parindex {

/// What a user may do; every role except administrator is scoped (ARCHITECTURE: authorisation is decided in
/// the domain services, not in handlers).
enum class Role {
    kAdministrator,  ///< Everything, everywhere.
    kAppraiser,      ///< Sở/Phòng Nội vụ: appraises, finalises and publishes the units of its peer groups.
    kCoordinator,    ///< Văn phòng–Thống kê of one unit: runs the self-assessment, assigns criteria, submits.
    kDepartmentOfficer,  ///< An officer of one unit: self-scores the criteria assigned to them.
    kLeader,  ///< Chủ tịch/Phó chủ tịch of one unit: approves the submission, reads everything of it.
    kViewer,  ///< Reads the results of one unit (or, without a unit, published results only).
};

/// Every role, in the order of the enumeration (for tables and tests).
inline constexpr Role kAllRoles[] = {Role::kAdministrator,     Role::kAppraiser, Role::kCoordinator,
                                     Role::kDepartmentOfficer, Role::kLeader,    Role::kViewer};

/// "administrator", "appraiser", "coordinator", "officer", "leader", "viewer".
const char* RoleName(Role role);
/// Reads a role name; nothing when unknown.
std::optional<Role> ParseRole(std::string_view name);

/// A person who logs in.
struct User {
    std::int64_t id = 0;
    std::string username;  ///< NFC, lower case, unique.
    std::string display_name;
    Role role = Role::kViewer;
    std::string unit_code;                 ///< The unit of a coordinator, officer, leader or scoped viewer.
    std::vector<std::string> group_codes;  ///< The peer groups an appraiser appraises.
    std::string department_code;           ///< An officer's department inside the unit.
    std::string email;                     ///< Where reminders are mailed; "" keeps them in the outbox only.
    bool disabled = false;
    std::string password_hash;  ///< argon2id, libsodium's crypto_pwhash_str format; never the password.
    bool must_change_password = false;
    int failed_logins = 0;
    std::optional<std::chrono::system_clock::time_point> locked_until;
};

/// A logged-in browser or client. The cookie carries the token; only its hash is stored.
struct Session {
    std::string token_hash;  ///< Hex SHA-256 (or BLAKE2b) of the random token.
    std::int64_t user_id = 0;
    std::string csrf_token;  ///< Sent back in the X-CSRF-Token header on every state-changing request.
    std::chrono::system_clock::time_point created_at;
    std::chrono::system_clock::time_point expires_at;
    std::string address;  ///< The client address it was created from.
};

/// Who is asking: the user behind a session, as the services see them.
struct Principal {
    std::int64_t user_id = 0;
    std::string username;
    Role role = Role::kViewer;
    std::string unit_code;
    std::vector<std::string> group_codes;
    std::string department_code;
    std::string address;                ///< For the audit log.
    bool must_change_password = false;  ///< The user logged in with a one-time password and must change it first.
};

}  // namespace parindex
