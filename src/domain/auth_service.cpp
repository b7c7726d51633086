#include "domain/auth_service.hpp"

#include <algorithm>
#include <ctime>
#include <utility>

namespace parindex {
namespace {

using std::chrono::system_clock;

/// Who the audit log names for changes made on the command line.
constexpr const char* kCommandLineActor = "cli";
constexpr std::size_t kMinUsernameLength = 3;
constexpr std::size_t kMaxUsernameLength = 40;
/// Long enough for any pass phrase, short enough that nobody can make the server hash megabytes.
constexpr std::size_t kMaxPasswordBytes = 1024;

Error WrongCredentials() {
    return MakeError(ErrorCode::kUnauthenticated, "Tên đăng nhập hoặc mật khẩu không đúng",
                     "Wrong username or password");
}

Error NoSession() {
    return MakeError(ErrorCode::kUnauthenticated, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại",
                     "The session is unknown or has expired; log in again");
}

ErrorDetail FieldDetail(std::string field, std::string value, Text reason) {
    ErrorDetail detail;
    detail.field = std::move(field);
    detail.value = std::move(value);
    detail.reason = std::move(reason);
    return detail;
}

/// The number of code points in UTF-8 text.
std::size_t CodePoints(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string AsciiLower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

std::string Trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

/// `2024-05-01 08:45 UTC`: the unlock time of a locked account.
std::string FormatUtcMinute(system_clock::time_point time) {
    const std::time_t seconds = system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
    return std::string(text, length);
}

Error Locked(system_clock::time_point until) {
    const std::string when = FormatUtcMinute(until);
    ErrorDetail detail = FieldDetail("locked_until", when, Text{"thời điểm mở khóa", "unlock time"});
    return MakeError(ErrorCode::kForbidden, "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau " + when,
                     "The account is locked after repeated failed logins; try again after " + when,
                     {std::move(detail)});
}

/// A short description of a user's role and scope for the audit log: `officer unit=lakhe department=tp-ht`.
std::string Scope(const User& user) {
    std::string text = RoleName(user.role);
    if (!user.unit_code.empty()) text += " unit=" + user.unit_code;
    if (!user.department_code.empty()) text += " department=" + user.department_code;
    if (!user.group_codes.empty()) {
        text += " groups=";
        for (std::size_t i = 0; i < user.group_codes.size(); ++i) {
            if (i > 0) text += ',';
            text += user.group_codes[i];
        }
    }
    return text;
}

}  // namespace

Principal PrincipalOf(const User& user, const std::string& address) {
    Principal principal;
    principal.user_id = user.id;
    principal.username = user.username;
    principal.role = user.role;
    principal.unit_code = user.unit_code;
    principal.group_codes = user.group_codes;
    principal.department_code = user.department_code;
    principal.address = address;
    principal.must_change_password = user.must_change_password;
    return principal;
}

AuthService::AuthService(AuthStore& store, const PasswordHasher& hasher, TokenSource& tokens, const Clock& clock,
                         AuthSettings settings)
    : store_(store), hasher_(hasher), tokens_(tokens), clock_(clock), settings_(settings) {}

// ---- Rules ----------------------------------------------------------------------------------------------------

Result<std::string> AuthService::NormalizeUsername(const std::string& username) {
    const std::string name = AsciiLower(Trim(username));
    const bool allowed_characters = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!allowed_characters || name.size() < kMinUsernameLength || name.size() > kMaxUsernameLength) {
        const Text reason{"từ 3 đến 40 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang",
                          "3 to 40 characters: letters without diacritics, digits, dot, underscore, hyphen"};
        return MakeError(ErrorCode::kInvalidInput, "Tên đăng nhập “" + username + "” không hợp lệ: " + reason.vi,
                         "The username “" + username + "” is not valid: " + reason.en,
                         {FieldDetail("username", username, reason)});
    }
    return name;
}

Status AuthService::CheckPasswordRules(const std::string& username, const std::string& password) const {
    const std::string min = std::to_string(settings_.min_password_length);
    if (CodePoints(password) < settings_.min_password_length) {
        const Text reason{"cần ít nhất " + min + " ký tự", "needs at least " + min + " characters"};
        return MakeError(ErrorCode::kInvalidInput, "Mật khẩu quá ngắn: " + reason.vi,
                         "The password is too short: " + reason.en, {FieldDetail("password", "", reason)});
    }
    if (password.size() > kMaxPasswordBytes) {
        const Text reason{"tối đa 1024 byte", "at most 1024 bytes"};
        return MakeError(ErrorCode::kInvalidInput, "Mật khẩu quá dài: " + reason.vi,
                         "The password is too long: " + reason.en, {FieldDetail("password", "", reason)});
    }
    if (AsciiLower(password) == AsciiLower(username)) {
        const Text reason{"không được trùng tên đăng nhập", "must not be the username"};
        return MakeError(ErrorCode::kInvalidInput, "Mật khẩu không hợp lệ: " + reason.vi,
                         "The password is not valid: " + reason.en, {FieldDetail("password", "", reason)});
    }
    return OkStatus();
}

Status AuthService::RequireAdministrator(const Principal* who) {
    if (who == nullptr || who->role == Role::kAdministrator) return OkStatus();
    return MakeError(ErrorCode::kForbidden, "Chỉ quản trị viên mới được quản lý tài khoản người dùng",
                     "Only administrators may manage user accounts");
}

Result<User> AuthService::RequireUser(const std::string& username) {
    auto name = NormalizeUsername(username);
    if (!name) return name.TakeError();
    auto found = store_.FindUserByName(*name);
    if (!found) return found.TakeError();
    if (!found->has_value()) {
        return MakeError(ErrorCode::kNotFound, "Không có tài khoản “" + *name + "”",
                         "There is no account “" + *name + "”", {FieldDetail("username", *name, Text{})});
    }
    return std::move(**found);
}

AuditEntry AuthService::EntryBy(const Principal* who) const {
    AuditEntry entry;
    entry.at = clock_.Now();
    if (who == nullptr) {
        entry.username = kCommandLineActor;
        entry.address = kCommandLineActor;
    } else {
        entry.user_id = who->user_id;
        entry.username = who->username;
        entry.address = who->address;
    }
    return entry;
}

AuditEntry AuthService::EntryAs(const User& user, const std::string& address) const {
    AuditEntry entry;
    entry.at = clock_.Now();
    entry.user_id = user.id;
    entry.username = user.username;
    entry.address = address;
    entry.subject = user.username;
    return entry;
}

const std::string& AuthService::DecoyHash() {
    std::call_once(decoy_once_, [this] { decoy_hash_ = hasher_.Hash(tokens_.RandomHex(16)); });
    return decoy_hash_;
}

// ---- Sessions -------------------------------------------------------------------------------------------------

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& address) {
    const system_clock::time_point now = clock_.Now();
    auto name = NormalizeUsername(username);
    std::optional<User> user;
    if (name) {
        auto found = store_.FindUserByName(*name);
        if (!found) return found.TakeError();
        user = std::move(*found);
    }
    if (!user) {
        // Take as long as a known user would, so that timing does not tell which names exist.
        (void)hasher_.Verify(DecoyHash(), password);
        AuditEntry entry;
        entry.at = now;
        entry.address = address;
        entry.action = "session.login_failed";
        entry.subject = name ? *name : std::string();
        entry.field = "reason";
        entry.new_value = "unknown_user";
        if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
        return WrongCredentials();
    }

    if (user->locked_until && *user->locked_until > now) {
        AuditEntry entry = EntryAs(*user, address);
        entry.action = "session.login_failed";
        entry.field = "reason";
        entry.new_value = "locked";
        if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
        return Locked(*user->locked_until);
    }

    if (!hasher_.Verify(user->password_hash, password)) {
        const int failures = user->failed_logins + 1;
        const bool lock = settings_.max_failed_logins > 0 && failures >= settings_.max_failed_logins;
        // The counter starts again after a lock, so that the user has the same number of tries afterwards.
        user->failed_logins = lock ? 0 : failures;
        user->locked_until = lock ? std::optional(now + settings_.lockout_time) : std::nullopt;
        if (auto saved = store_.SaveUser(*user); !saved) return saved.TakeError();
        AuditEntry entry = EntryAs(*user, address);
        entry.action = "session.login_failed";
        entry.field = "failed_logins";
        entry.old_value = std::to_string(failures - 1);
        entry.new_value = lock ? "locked until " + FormatUtcMinute(*user->locked_until) : std::to_string(failures);
        if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
        if (lock) return Locked(*user->locked_until);
        return WrongCredentials();
    }

    if (user->disabled) {
        AuditEntry entry = EntryAs(*user, address);
        entry.action = "session.login_failed";
        entry.field = "reason";
        entry.new_value = "disabled";
        if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
        return MakeError(ErrorCode::kForbidden, "Tài khoản đã bị vô hiệu hóa; hãy liên hệ quản trị viên",
                         "The account is disabled; ask an administrator");
    }

    if (user->failed_logins != 0 || user->locked_until) {
        user->failed_logins = 0;
        user->locked_until.reset();
        if (auto saved = store_.SaveUser(*user); !saved) return saved.TakeError();
    }
    if (Status swept = store_.DeleteExpiredSessions(now); !swept) return swept.TakeError();

    LoginResult result;
    result.token = tokens_.RandomHex(32);
    result.csrf_token = tokens_.RandomHex(16);
    Session session;
    session.token_hash = tokens_.Digest(result.token);
    session.user_id = user->id;
    session.csrf_token = result.csrf_token;
    session.created_at = now;
    session.expires_at = now + settings_.session_lifetime;
    session.address = address;
    if (Status saved = store_.SaveSession(session); !saved) return saved.TakeError();

    AuditEntry entry = EntryAs(*user, address);
    entry.action = "session.login";
    if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();

    result.principal = PrincipalOf(*user, address);
    result.must_change_password = user->must_change_password;
    return result;
}

Status AuthService::Logout(const std::string& token) {
    if (token.empty()) return OkStatus();
    const std::string digest = tokens_.Digest(token);
    auto session = store_.FindSession(digest);
    if (!session) return session.TakeError();
    if (!session->has_value()) return OkStatus();
    if (Status deleted = store_.DeleteSession(digest); !deleted) return deleted;
    auto user = store_.FindUserById((*session)->user_id);
    if (!user) return user.TakeError();
    if (!user->has_value()) return OkStatus();
    AuditEntry entry = EntryAs(**user, (*session)->address);
    entry.action = "session.logout";
    return store_.AppendAudit(entry);
}

Result<std::pair<Principal, std::string>> AuthService::Authenticate(const std::string& token,
                                                                    const std::string& address) {
    if (token.empty()) return NoSession();
    const std::string digest = tokens_.Digest(token);
    auto session = store_.FindSession(digest);
    if (!session) return session.TakeError();
    if (!session->has_value()) return NoSession();
    if ((*session)->expires_at <= clock_.Now()) {
        if (Status deleted = store_.DeleteSession(digest); !deleted) return deleted.TakeError();
        return NoSession();
    }
    auto user = store_.FindUserById((*session)->user_id);
    if (!user) return user.TakeError();
    if (!user->has_value() || (*user)->disabled) {
        if (Status deleted = store_.DeleteSession(digest); !deleted) return deleted.TakeError();
        return NoSession();
    }
    return std::make_pair(PrincipalOf(**user, address), (*session)->csrf_token);
}

Status AuthService::ChangePassword(const Principal& who, const std::string& old_password,
                                   const std::string& new_password, const std::string& keep_token) {
    auto found = store_.FindUserById(who.user_id);
    if (!found) return found.TakeError();
    if (!found->has_value() || (*found)->disabled) return NoSession();
    User user = std::move(**found);
    if (!hasher_.Verify(user.password_hash, old_password)) {
        const Text reason{"mật khẩu hiện tại không đúng", "the current password is wrong"};
        return MakeError(ErrorCode::kInvalidInput, "Không đổi được mật khẩu: " + reason.vi,
                         "Cannot change the password: " + reason.en, {FieldDetail("old_password", "", reason)});
    }
    if (new_password == old_password) {
        const Text reason{"mật khẩu mới phải khác mật khẩu hiện tại", "the new password must differ from the old one"};
        return MakeError(ErrorCode::kInvalidInput, "Không đổi được mật khẩu: " + reason.vi,
                         "Cannot change the password: " + reason.en, {FieldDetail("password", "", reason)});
    }
    if (Status rules = CheckPasswordRules(user.username, new_password); !rules) return rules;

    user.password_hash = hasher_.Hash(new_password);
    user.must_change_password = false;
    user.failed_logins = 0;
    user.locked_until.reset();
    if (auto saved = store_.SaveUser(user); !saved) return saved.TakeError();

    // Close every session of the user but the one the change was made from.
    std::optional<Session> kept;
    if (!keep_token.empty()) {
        auto session = store_.FindSession(tokens_.Digest(keep_token));
        if (!session) return session.TakeError();
        if (session->has_value() && (*session)->user_id == user.id) kept = std::move(**session);
    }
    if (Status deleted = store_.DeleteSessionsOfUser(user.id); !deleted) return deleted;
    if (kept) {
        if (Status saved = store_.SaveSession(*kept); !saved) return saved;
    }

    AuditEntry entry = EntryBy(&who);
    entry.action = "user.password";
    entry.subject = user.username;
    entry.field = "password";
    return store_.AppendAudit(entry);
}

// ---- Administration -------------------------------------------------------------------------------------------

Result<User> AuthService::InsertUser(const Principal* who, User user) {
    auto id = store_.SaveUser(user);
    if (!id) return id.TakeError();
    user.id = *id;
    AuditEntry entry = EntryBy(who);
    entry.action = "user.create";
    entry.subject = user.username;
    entry.unit_code = user.unit_code;
    entry.field = "role";
    entry.new_value = Scope(user);
    if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
    user.password_hash.clear();
    return user;
}

Result<User> AuthService::ShapeUser(const NewUser& details, const std::string& username) {
    User user;
    user.username = username;
    user.display_name = Trim(details.display_name).empty() ? username : Trim(details.display_name);
    user.role = details.role;
    user.unit_code = Trim(details.unit_code);
    user.department_code = Trim(details.department_code);
    user.email = Trim(details.email);
    for (const std::string& group : details.group_codes) {
        const std::string code = Trim(group);
        if (!code.empty() &&
            std::find(user.group_codes.begin(), user.group_codes.end(), code) == user.group_codes.end()) {
            user.group_codes.push_back(code);
        }
    }

    // Every scoped role needs its scope, or it could see nothing (or, worse, be read as unscoped later).
    std::vector<ErrorDetail> missing;
    const std::string role = RoleName(user.role);
    const bool unit_role =
        user.role == Role::kCoordinator || user.role == Role::kDepartmentOfficer || user.role == Role::kLeader;
    if (unit_role && user.unit_code.empty()) {
        missing.push_back(FieldDetail(
            "unit_code", "",
            Text{"vai trò " + role + " cần mã đơn vị (--unit)", "the role " + role + " needs a unit code (--unit)"}));
    }
    if (user.role == Role::kDepartmentOfficer && user.department_code.empty()) {
        missing.push_back(FieldDetail("department_code", "",
                                      Text{"vai trò officer cần mã phòng ban (--department)",
                                           "the role officer needs a department code (--department)"}));
    }
    if (user.role == Role::kAppraiser && user.group_codes.empty()) {
        missing.push_back(FieldDetail("group_codes", "",
                                      Text{"vai trò appraiser cần ít nhất một mã nhóm (--group)",
                                           "the role appraiser needs at least one group code (--group)"}));
    }
    if (!missing.empty()) {
        return MakeError(ErrorCode::kInvalidInput, "Thiếu phạm vi cho tài khoản “" + username + "” (" + role + ")",
                         "The account “" + username + "” (" + role + ") lacks its scope", std::move(missing));
    }
    return user;
}

Status AuthService::RequireFreeName(const std::string& username) {
    auto existing = store_.FindUserByName(username);
    if (!existing) return existing.TakeError();
    if (existing->has_value()) {
        return MakeError(ErrorCode::kConflict, "Tài khoản “" + username + "” đã tồn tại",
                         "The account “" + username + "” already exists", {FieldDetail("username", username, Text{})});
    }
    return OkStatus();
}

Result<User> AuthService::CreateUser(const Principal* who, const NewUser& new_user, const std::string& password) {
    if (Status allowed = RequireAdministrator(who); !allowed) return allowed.TakeError();
    auto name = NormalizeUsername(new_user.username);
    if (!name) return name.TakeError();
    auto user = ShapeUser(new_user, *name);
    if (!user) return user.TakeError();
    if (Status rules = CheckPasswordRules(*name, password); !rules) return rules.TakeError();
    if (Status free = RequireFreeName(*name); !free) return free.TakeError();
    user->password_hash = hasher_.Hash(password);
    return InsertUser(who, std::move(*user));
}

Result<std::pair<User, std::string>> AuthService::CreateUserWithOneTimePassword(const Principal* who,
                                                                                const NewUser& new_user) {
    if (Status allowed = RequireAdministrator(who); !allowed) return allowed.TakeError();
    auto name = NormalizeUsername(new_user.username);
    if (!name) return name.TakeError();
    auto user = ShapeUser(new_user, *name);
    if (!user) return user.TakeError();
    if (Status free = RequireFreeName(*name); !free) return free.TakeError();
    std::string password = tokens_.OneTimePassword();
    user->password_hash = hasher_.Hash(password);
    user->must_change_password = true;
    auto inserted = InsertUser(who, std::move(*user));
    if (!inserted) return inserted.TakeError();
    return std::make_pair(std::move(*inserted), std::move(password));
}

Result<User> AuthService::UpdateUser(const Principal* who, const std::string& username, const NewUser& changes) {
    if (Status allowed = RequireAdministrator(who); !allowed) return allowed.TakeError();
    auto stored = RequireUser(username);
    if (!stored) return stored.TakeError();
    auto shaped = ShapeUser(changes, stored->username);
    if (!shaped) return shaped.TakeError();
    if (who != nullptr && who->user_id == stored->id && stored->role == Role::kAdministrator &&
        shaped->role != Role::kAdministrator) {
        return MakeError(ErrorCode::kConflict, "Không thể tự bỏ vai trò quản trị viên của chính mình",
                         "You cannot take away your own administrator role",
                         {FieldDetail("role", RoleName(shaped->role), Text{})});
    }
    User user = std::move(*stored);
    const std::string old_scope = Scope(user);
    const std::string old_name = user.display_name;
    user.display_name = shaped->display_name;
    user.role = shaped->role;
    user.unit_code = shaped->unit_code;
    user.group_codes = shaped->group_codes;
    user.department_code = shaped->department_code;
    const std::string new_scope = Scope(user);
    if (old_name == user.display_name && old_scope == new_scope) {
        user.password_hash.clear();
        return user;
    }
    if (auto saved = store_.SaveUser(user); !saved) return saved.TakeError();
    if (old_name != user.display_name) {
        AuditEntry entry = EntryBy(who);
        entry.action = "user.update";
        entry.subject = user.username;
        entry.unit_code = user.unit_code;
        entry.field = "display_name";
        entry.old_value = old_name;
        entry.new_value = user.display_name;
        if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
    }
    if (old_scope != new_scope) {
        // What the user may see changed: their open sessions carry the old scope, so they log in again.
        if (Status deleted = store_.DeleteSessionsOfUser(user.id); !deleted) return deleted.TakeError();
        AuditEntry entry = EntryBy(who);
        entry.action = "user.update";
        entry.subject = user.username;
        entry.unit_code = user.unit_code;
        entry.field = "role";
        entry.old_value = old_scope;
        entry.new_value = new_scope;
        if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
    }
    user.password_hash.clear();
    return user;
}

Result<std::optional<std::string>> AuthService::EnsureAdministrator(const std::string& username) {
    auto users = store_.ListUsers();
    if (!users) return users.TakeError();
    if (!users->empty()) return std::optional<std::string>();
    auto name = NormalizeUsername(username);
    if (!name) return name.TakeError();
    std::string password = tokens_.OneTimePassword();
    User user;
    user.username = *name;
    user.display_name = "Quản trị viên";
    user.role = Role::kAdministrator;
    user.password_hash = hasher_.Hash(password);
    user.must_change_password = true;
    auto inserted = InsertUser(nullptr, std::move(user));
    if (!inserted) return inserted.TakeError();
    return std::optional<std::string>(std::move(password));
}

Result<std::string> AuthService::ResetPassword(const Principal* who, const std::string& username) {
    if (Status allowed = RequireAdministrator(who); !allowed) return allowed.TakeError();
    auto user = RequireUser(username);
    if (!user) return user.TakeError();
    std::string password = tokens_.OneTimePassword();
    user->password_hash = hasher_.Hash(password);
    user->must_change_password = true;
    user->failed_logins = 0;
    user->locked_until.reset();
    if (auto saved = store_.SaveUser(*user); !saved) return saved.TakeError();
    if (Status deleted = store_.DeleteSessionsOfUser(user->id); !deleted) return deleted.TakeError();
    AuditEntry entry = EntryBy(who);
    entry.action = "user.reset";
    entry.subject = user->username;
    entry.field = "password";
    if (Status audited = store_.AppendAudit(entry); !audited) return audited.TakeError();
    return password;
}

Status AuthService::SetDisabled(const Principal* who, const std::string& username, bool disabled) {
    if (Status allowed = RequireAdministrator(who); !allowed) return allowed;
    auto user = RequireUser(username);
    if (!user) return user.TakeError();
    if (disabled && who != nullptr && who->user_id == user->id) {
        return MakeError(ErrorCode::kConflict, "Không thể tự vô hiệu hóa tài khoản của chính mình",
                         "You cannot disable your own account");
    }
    if (user->disabled == disabled) return OkStatus();
    user->disabled = disabled;
    if (auto saved = store_.SaveUser(*user); !saved) return saved.TakeError();
    if (disabled) {
        if (Status deleted = store_.DeleteSessionsOfUser(user->id); !deleted) return deleted;
    }
    AuditEntry entry = EntryBy(who);
    entry.action = disabled ? "user.disable" : "user.enable";
    entry.subject = user->username;
    entry.field = "disabled";
    entry.old_value = disabled ? "false" : "true";
    entry.new_value = disabled ? "true" : "false";
    return store_.AppendAudit(entry);
}

Result<std::vector<User>> AuthService::ListUsers(const Principal& who) { return ListUsers(&who); }

Result<std::vector<User>> AuthService::ListUsers(const Principal* who) {
    if (Status allowed = RequireAdministrator(who); !allowed) return allowed.TakeError();
    auto users = store_.ListUsers();
    if (!users) return users.TakeError();
    for (User& user : *users) user.password_hash.clear();
    return users;
}

}  // namespace parindex
