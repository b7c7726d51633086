#include "app/user_commands.hpp"

#include <algorithm>
#include <ctime>
#include <string_view>

#include "app/text_table.hpp"
#include "formats/json_writer.hpp"
#include "formats/unicode.hpp"

namespace parindex {
namespace {

const char* L(Language language, const char* vi, const char* en) { return language == Language::kEnglish ? en : vi; }

std::string Join(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) {
        if (!text.empty()) text += ',';
        text += item;
    }
    return text;
}

/// `2024-05-01T08:45:00Z`, or empty for no time.
std::string IsoUtc(const std::optional<std::chrono::system_clock::time_point>& time) {
    if (!time) return {};
    const std::time_t seconds = std::chrono::system_clock::to_time_t(*time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return std::string(text, length);
}

std::string Scope(const User& user) {
    std::string scope = user.unit_code;
    if (!user.department_code.empty()) scope += (scope.empty() ? "" : "/") + user.department_code;
    if (!user.group_codes.empty()) scope += (scope.empty() ? "" : " ") + Join(user.group_codes);
    return scope;
}

std::string Scope(const DemoLogin& login) {
    std::string scope = login.unit_code;
    if (!login.department_code.empty()) scope += "/" + login.department_code;
    if (!login.group_codes.empty()) scope += (scope.empty() ? "" : " ") + Join(login.group_codes);
    return scope;
}

}  // namespace

std::vector<DemoLogin> DemoLogins() {
    return {
        {"admin", Role::kAdministrator, "", "", {}, "Quản trị viên"},
        {"thamdinh",
         Role::kAppraiser,
         "",
         "",
         {"hadong-wards", "caoloc-communes", "seed001-province", "seed001-district"},
         "Cán bộ thẩm định (mẫu)"},
        {"vanphong.lakhe", Role::kCoordinator, "lakhe", "", {}, "Văn phòng – Thống kê phường La Khê (mẫu)"},
        {"tuphap.lakhe", Role::kDepartmentOfficer, "lakhe", "tp-ht", {}, "Công chức Tư pháp – Hộ tịch La Khê (mẫu)"},
        {"chutich.lakhe", Role::kLeader, "lakhe", "", {}, "Chủ tịch UBND phường La Khê (mẫu)"},
        {"xem.lakhe", Role::kViewer, "lakhe", "", {}, "Người xem La Khê (mẫu)"},
    };
}

Status CreateDemoUsers(AuthService& auth, std::vector<std::string>* created) {
    for (const DemoLogin& login : DemoLogins()) {
        NewUser user;
        user.username = login.username;
        user.display_name = login.display_name;
        user.role = login.role;
        user.unit_code = login.unit_code;
        user.department_code = login.department_code;
        user.group_codes = login.group_codes;
        auto made = auth.CreateUser(nullptr, user, kDemoPassword);
        if (!made) {
            // Running the demo again, or after `init`, finds the accounts already there: keep them as they are.
            if (made.GetError().code == ErrorCode::kConflict) continue;
            return made.TakeError();
        }
        if (created != nullptr) created->push_back(login.username);
    }
    return OkStatus();
}

std::string RenderDemoLogins(const std::vector<std::string>& created, Language language) {
    TextTable table({L(language, "Tên đăng nhập", "Username"), L(language, "Vai trò", "Role"),
                     L(language, "Phạm vi", "Scope"), L(language, "Mật khẩu", "Password")},
                    {false, false, false, false});
    for (const DemoLogin& login : DemoLogins()) {
        const bool fresh = std::find(created.begin(), created.end(), login.username) != created.end();
        table.AddRow({login.username, RoleName(login.role), Scope(login),
                      fresh ? kDemoPassword : L(language, "(đã có, giữ mật khẩu cũ)", "(existing, password kept)")});
    }
    std::string text = L(language, "Tài khoản mẫu, mỗi vai trò một tài khoản:\n", "Demo logins, one per role:\n");
    text += table.Render(80);
    if (language == Language::kEnglish) {
        text += "The demo password \"" + std::string(kDemoPassword) +
                "\" is for the demo data only (chỉ dùng cho dữ liệu mẫu); never use it with real data.\n";
    } else {
        text += "Mật khẩu mẫu \"" + std::string(kDemoPassword) +
                "\" chỉ dùng cho dữ liệu mẫu; không dùng cho dữ liệu thật.\n";
    }
    return text;
}

std::string RenderFirstAdministrator(const std::string& username, const std::string& password, Language language) {
    if (language == Language::kEnglish) {
        return "Administrator account: " + username + ", one-time password: " + password +
               " (change it at the first login)\n";
    }
    return "Tài khoản quản trị: " + username + ", mật khẩu dùng một lần: " + password +
           " (đổi khi đăng nhập lần đầu)\n";
}

Result<std::string> ReadPasswordLine(std::istream& in) {
    std::string line;
    if (!std::getline(in, line) || (line.empty() && in.eof())) {
        return MakeError(ErrorCode::kInvalidInput, "Không đọc được mật khẩu từ đầu vào chuẩn (--password-stdin)",
                         "No password on standard input (--password-stdin)");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

Result<std::string> AddUserCommand(AuthService& auth, const UserAddOptions& options, std::istream& password_in,
                                   Language language) {
    const std::optional<Role> role = ParseRole(options.role);
    if (!role) {
        return MakeError(ErrorCode::kInvalidInput, "Vai trò không hợp lệ: " + options.role,
                         "Unknown role: " + options.role);
    }
    auto password = ReadPasswordLine(password_in);
    if (!password) return password.TakeError();
    NewUser user;
    user.username = options.username;
    user.display_name = NormalizeNfc(options.name);
    user.role = *role;
    user.unit_code = options.unit;
    user.group_codes = options.groups;
    user.department_code = options.department;
    user.email = options.email;
    auto made = auth.CreateUser(nullptr, user, *password);
    if (!made) return made.TakeError();
    std::string scope = Scope(*made);
    return std::string(L(language, "Đã tạo tài khoản ", "Created the account ")) + made->username + " (" +
           RoleName(made->role) + (scope.empty() ? "" : ", " + scope) + ")\n";
}

Result<std::string> ResetUserCommand(AuthService& auth, const std::string& username, Language language) {
    auto password = auth.ResetPassword(nullptr, username);
    if (!password) return password.TakeError();
    auto name = AuthService::NormalizeUsername(username);
    const std::string shown = name ? *name : username;
    if (language == Language::kEnglish) {
        return "New one-time password for " + shown + ": " + *password + " (change it at the next login)\n";
    }
    return "Mật khẩu dùng một lần mới của " + shown + ": " + *password + " (đổi khi đăng nhập lần sau)\n";
}

Result<std::string> SetUserDisabledCommand(AuthService& auth, const std::string& username, bool disabled,
                                           Language language) {
    if (Status done = auth.SetDisabled(nullptr, username, disabled); !done) return done.TakeError();
    auto name = AuthService::NormalizeUsername(username);
    const std::string shown = name ? *name : username;
    if (disabled) return std::string(L(language, "Đã vô hiệu hóa tài khoản ", "Disabled the account ")) + shown + "\n";
    return std::string(L(language, "Đã kích hoạt lại tài khoản ", "Enabled the account ")) + shown + "\n";
}

Result<std::string> ListUsersCommand(AuthService& auth, bool json, Language language) {
    auto users = auth.ListUsers(nullptr);
    if (!users) return users.TakeError();
    if (json) {
        JsonWriter out(2);
        out.BeginObject().Key("users").BeginArray();
        for (const User& user : *users) {
            out.BeginObject();
            out.Key("id").Int(user.id);
            out.Key("username").String(user.username);
            out.Key("display_name").String(user.display_name);
            out.Key("role").String(RoleName(user.role));
            out.Key("unit");
            if (user.unit_code.empty()) {
                out.Null();
            } else {
                out.String(user.unit_code);
            }
            out.Key("department");
            if (user.department_code.empty()) {
                out.Null();
            } else {
                out.String(user.department_code);
            }
            out.Key("groups").BeginArray();
            for (const std::string& group : user.group_codes) out.String(group);
            out.EndArray();
            out.Key("disabled").Bool(user.disabled);
            out.Key("must_change_password").Bool(user.must_change_password);
            out.Key("locked_until");
            if (user.locked_until) {
                out.String(IsoUtc(user.locked_until));
            } else {
                out.Null();
            }
            out.EndObject();
        }
        out.EndArray().EndObject();
        return out.Take() + "\n";
    }
    TextTable table(
        {L(language, "Tên đăng nhập", "Username"), L(language, "Họ tên", "Name"), L(language, "Vai trò", "Role"),
         L(language, "Phạm vi", "Scope"), L(language, "Trạng thái", "Status")},
        {false, false, false, false, false});
    for (const User& user : *users) {
        std::string status =
            user.disabled ? L(language, "vô hiệu hóa", "disabled") : L(language, "hoạt động", "active");
        if (user.must_change_password) status += L(language, ", phải đổi mật khẩu", ", must change password");
        if (user.locked_until)
            status += std::string(L(language, ", khóa đến ", ", locked until ")) + IsoUtc(user.locked_until);
        table.AddRow({user.username, user.display_name, RoleName(user.role), Scope(user), status});
    }
    return table.Render(60);
}

}  // namespace parindex
