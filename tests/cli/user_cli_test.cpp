#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/sodium_security.hpp"
#include "app/user_commands.hpp"
#include "cli_support.hpp"
#include "domain/auth_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex::testing {
namespace {

std::string ShellQuote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

/// Runs the real binary with `input` on its standard input (RunParindex gives it /dev/null).
RunOutput RunWithInput(const std::vector<std::string>& args, const std::string& input) {
    static TempDir scratch;
    static int counter = 0;
    const std::string stem = scratch.path() + "/run" + std::to_string(counter++);
    const std::string in_file = scratch.Write("in" + std::to_string(counter), input);
    std::string command = ShellQuote(PARINDEX_BINARY);
    for (const std::string& arg : args) command += " " + ShellQuote(arg);
    command += " >" + ShellQuote(stem + ".out") + " 2>" + ShellQuote(stem + ".err") + " <" + ShellQuote(in_file);
    const int status = std::system(command.c_str());
    RunOutput result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = Slurp(stem + ".out");
    result.err = Slurp(stem + ".err");
    return result;
}

/// Logs in through the real AuthService (libsodium's argon2id) on the data folder's database.
Result<LoginResult> LogIn(const std::string& data, const std::string& username, const std::string& password) {
    static SystemClock clock;
    auto store = SqliteStore::Open(data + "/parindex.db", clock);
    if (!store) return store.TakeError();
    SodiumAuth auth(**store);
    return auth.Service().Login(username, password, "test");
}

/// The `user list --format json` entry of `username`, or null.
boost::json::value ListedUser(const std::string& data, const std::string& username) {
    RunOutput list = RunParindex({"user", "list", "--data", data, "--format", "json"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    const boost::json::value json = ParseJson(list.out);
    for (const boost::json::value& user : json.at("users").as_array()) {
        if (user.at("username").as_string() == username) return user;
    }
    return nullptr;
}

class UserCliTest : public ::testing::Test {
  protected:
    void Init() {
        RunOutput init = RunParindex({"init", "--data", data_});
        ASSERT_EQ(init.exit_code, 0) << init.err;
        std::smatch match;
        const std::regex line(
            "Tài khoản quản trị: admin, mật khẩu dùng một lần: (\\S+) \\(đổi khi đăng nhập lần đầu\\)\n");
        ASSERT_TRUE(std::regex_search(init.out, match, line)) << init.out;
        admin_password_ = match[1];
    }

    TempDir folder_;
    std::string data_ = folder_.path() + "/data";
    std::string admin_password_;
};

TEST_F(UserCliTest, InitCreatesTheAdministratorOnceWithAOneTimePasswordThatLogsIn) {
    Init();
    EXPECT_GE(admin_password_.size(), 10U);

    auto login = LogIn(data_, "admin", admin_password_);
    ASSERT_TRUE(login.Ok()) << login.GetError().message.en;
    EXPECT_EQ(login->principal.role, Role::kAdministrator);
    EXPECT_TRUE(login->must_change_password);

    RunOutput again = RunParindex({"init", "--data", data_});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out.find("admin"), std::string::npos) << "a second init makes no new administrator";

    const boost::json::value admin = ListedUser(data_, "admin");
    ASSERT_TRUE(admin.is_object());
    EXPECT_EQ(admin.at("role").as_string(), "administrator");
    EXPECT_TRUE(admin.at("must_change_password").as_bool());
    EXPECT_FALSE(admin.at("disabled").as_bool());
    EXPECT_EQ(admin.as_object().count("password_hash"), 0U);
}

TEST_F(UserCliTest, UserAddCreatesAScopedUserWhosePasswordWorks) {
    Init();
    RunOutput added =
        RunWithInput({"user", "add", "ThamDinh", "--role", "appraiser", "--group", "hadong-wards", "--group",
                      "caoloc-communes", "--name", "Cán bộ thẩm định", "--password-stdin", "--data", data_},
                     "appraiser-pass-2024\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_NE(added.out.find("thamdinh"), std::string::npos) << added.out;

    const boost::json::value user = ListedUser(data_, "thamdinh");
    ASSERT_TRUE(user.is_object());
    EXPECT_EQ(user.at("role").as_string(), "appraiser");
    EXPECT_EQ(user.at("display_name").as_string(), "Cán bộ thẩm định");
    ASSERT_EQ(user.at("groups").as_array().size(), 2U);
    EXPECT_EQ(user.at("groups").as_array()[1].as_string(), "caoloc-communes");
    EXPECT_TRUE(user.at("unit").is_null());
    EXPECT_FALSE(user.at("must_change_password").as_bool());

    auto login = LogIn(data_, "thamdinh", "appraiser-pass-2024");
    ASSERT_TRUE(login.Ok()) << login.GetError().message.en;
    EXPECT_EQ(login->principal.group_codes.size(), 2U);

    RunOutput officer = RunWithInput({"user", "add", "tuphap.lakhe", "--role", "officer", "--unit", "lakhe",
                                      "--department", "tp-ht", "--password-stdin", "--data", data_},
                                     "officer-pass-2024\r\n");
    ASSERT_EQ(officer.exit_code, 0) << officer.err;
    EXPECT_TRUE(LogIn(data_, "tuphap.lakhe", "officer-pass-2024").Ok()) << "a CRLF line ending is not the password";
}

TEST_F(UserCliTest, UserAddRefusesBadInputWithTheRightExitCodes) {
    Init();
    const std::vector<std::string> viewer = {"user",   "add",   "xem.lakhe",        "--role", "viewer",
                                             "--unit", "lakhe", "--password-stdin", "--data", data_};
    RunOutput weak = RunWithInput(viewer, "short\n");
    EXPECT_EQ(weak.exit_code, 1);
    EXPECT_NE(weak.err.find("Mật khẩu quá ngắn"), std::string::npos) << weak.err;

    RunOutput empty = RunWithInput(viewer, "");
    EXPECT_EQ(empty.exit_code, 1) << "no password on stdin";

    ASSERT_EQ(RunWithInput(viewer, "viewer-pass-2024\n").exit_code, 0);
    RunOutput duplicate = RunWithInput(viewer, "viewer-pass-2024\n");
    EXPECT_EQ(duplicate.exit_code, 1);
    EXPECT_NE(duplicate.err.find("đã tồn tại"), std::string::npos) << duplicate.err;

    RunOutput duplicate_json = RunWithInput(
        {"user", "add", "XEM.LAKHE", "--role", "viewer", "--password-stdin", "--data", data_, "--format", "json"},
        "viewer-pass-2024\n");
    EXPECT_EQ(duplicate_json.exit_code, 1);
    EXPECT_EQ(ParseJson(duplicate_json.err).at("error").at("code").as_string(), "conflict");

    RunOutput role = RunWithInput({"user", "add", "someone", "--role", "boss", "--password-stdin", "--data", data_},
                                  "some-password-1\n");
    EXPECT_EQ(role.exit_code, 2) << role.err;

    RunOutput no_unit = RunWithInput({"user", "add", "leader", "--role", "leader", "--password-stdin", "--data", data_},
                                     "leader-pass-2024\n");
    EXPECT_EQ(no_unit.exit_code, 1);
    EXPECT_NE(no_unit.err.find("--unit"), std::string::npos) << no_unit.err;

    RunOutput bad_name = RunWithInput(
        {"user", "add", "lê văn", "--role", "viewer", "--password-stdin", "--data", data_}, "some-password-1\n");
    EXPECT_EQ(bad_name.exit_code, 1);

    RunOutput no_flag = RunParindex({"user", "add", "other", "--role", "viewer", "--data", data_});
    EXPECT_EQ(no_flag.exit_code, 2);

    RunOutput no_folder = RunWithInput(
        {"user", "add", "other", "--role", "viewer", "--password-stdin", "--data", folder_.path() + "/none"},
        "some-password-1\n");
    EXPECT_EQ(no_folder.exit_code, 1);

    RunOutput list = RunParindex({"user", "list", "--data", data_, "--format", "json"});
    EXPECT_EQ(ParseJson(list.out).at("users").as_array().size(), 2U) << "only admin and xem.lakhe were made";
}

TEST_F(UserCliTest, ResetPrintsANewOneTimePasswordThatReplacesTheOldOne) {
    Init();
    RunOutput reset = RunParindex({"user", "reset", "admin", "--data", data_});
    ASSERT_EQ(reset.exit_code, 0) << reset.err;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(reset.out, match, std::regex("Mật khẩu dùng một lần mới của admin: (\\S+) ")))
        << reset.out;
    const std::string password = match[1];
    EXPECT_NE(password, admin_password_);
    EXPECT_FALSE(LogIn(data_, "admin", admin_password_).Ok());
    auto login = LogIn(data_, "admin", password);
    ASSERT_TRUE(login.Ok()) << login.GetError().message.en;
    EXPECT_TRUE(login->must_change_password);

    EXPECT_EQ(RunParindex({"user", "reset", "nobody", "--data", data_}).exit_code, 1);
    EXPECT_EQ(RunParindex({"user", "reset", "--data", data_}).exit_code, 2);
}

TEST_F(UserCliTest, DisableAndEnableShowInTheListAndStopLogins) {
    Init();
    ASSERT_EQ(RunWithInput({"user", "add", "xem.lakhe", "--role", "viewer", "--unit", "lakhe", "--password-stdin",
                            "--data", data_},
                           "viewer-pass-2024\n")
                  .exit_code,
              0);
    RunOutput disabled = RunParindex({"user", "disable", "xem.lakhe", "--data", data_});
    ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
    EXPECT_TRUE(ListedUser(data_, "xem.lakhe").at("disabled").as_bool());
    auto refused = LogIn(data_, "xem.lakhe", "viewer-pass-2024");
    ASSERT_FALSE(refused.Ok());
    EXPECT_EQ(refused.GetError().code, ErrorCode::kForbidden);

    RunOutput table = RunParindex({"user", "list", "--data", data_});
    ASSERT_EQ(table.exit_code, 0);
    EXPECT_NE(table.out.find("vô hiệu hóa"), std::string::npos) << table.out;

    ASSERT_EQ(RunParindex({"user", "enable", "xem.lakhe", "--data", data_}).exit_code, 0);
    EXPECT_FALSE(ListedUser(data_, "xem.lakhe").at("disabled").as_bool());
    EXPECT_TRUE(LogIn(data_, "xem.lakhe", "viewer-pass-2024").Ok());

    EXPECT_EQ(RunParindex({"user", "disable", "nobody", "--data", data_}).exit_code, 1);
    EXPECT_EQ(RunParindex({"user", "frobnicate", "--data", data_}).exit_code, 2);
}

TEST_F(UserCliTest, DemoCreatesOneLoginPerRoleWithTheDemoPassword) {
    RunOutput demo = RunParindex({"demo", "--data", data_});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_NE(demo.out.find("chỉ dùng cho dữ liệu mẫu"), std::string::npos) << demo.out;
    for (const DemoLogin& login : DemoLogins()) {
        EXPECT_NE(demo.out.find(login.username), std::string::npos) << login.username;
        auto session = LogIn(data_, login.username, kDemoPassword);
        ASSERT_TRUE(session.Ok()) << login.username << ": " << session.GetError().message.en;
        EXPECT_EQ(session->principal.role, login.role);
        EXPECT_EQ(session->principal.unit_code, login.unit_code);
        EXPECT_FALSE(session->must_change_password);
    }
    std::vector<Role> roles;
    for (const DemoLogin& login : DemoLogins()) roles.push_back(login.role);
    for (Role role : kAllRoles) {
        EXPECT_NE(std::find(roles.begin(), roles.end(), role), roles.end()) << RoleName(role);
    }

    // A second demo run keeps the accounts (and their passwords) as they are.
    RunOutput again = RunParindex({"demo", "--data", data_});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(LogIn(data_, "thamdinh", kDemoPassword).Ok());
}

TEST_F(UserCliTest, DemoAfterInitKeepsTheAdministratorsOneTimePassword) {
    Init();
    RunOutput demo = RunParindex({"demo", "--data", data_});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_TRUE(LogIn(data_, "admin", admin_password_).Ok());
    EXPECT_FALSE(LogIn(data_, "admin", kDemoPassword).Ok());
    EXPECT_TRUE(LogIn(data_, "xem.lakhe", kDemoPassword).Ok());
}

}  // namespace
}  // namespace parindex::testing
