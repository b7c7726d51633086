#include "domain/auth_service.hpp"

#include <gtest/gtest.h>

#include "support/memory_auth.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace parindex {
namespace {

using std::chrono::system_clock;

system_clock::time_point Time(std::int64_t seconds) { return system_clock::time_point(std::chrono::seconds(seconds)); }

// 2024-05-01T08:30:00Z.
constexpr std::int64_t kStart = 1714552200;

using testing::CountingTokens;
using testing::FakeHasher;
using testing::MemoryAuthStore;

class AuthServiceTest : public ::testing::Test {
  protected:
    AuthServiceTest() : clock_(Time(kStart)), service_(store_, hasher_, tokens_, clock_, Settings()) {}

    static AuthSettings Settings() {
        AuthSettings settings;
        settings.session_lifetime = std::chrono::hours(12);
        settings.max_failed_logins = 3;
        settings.lockout_time = std::chrono::minutes(15);
        settings.min_password_length = 10;
        return settings;
    }

    /// Creates a user from the command line with `password`.
    User Add(const std::string& username, Role role, const std::string& password = "correct-horse",
             const std::string& unit = "lakhe") {
        NewUser user;
        user.username = username;
        user.role = role;
        if (role != Role::kAdministrator && role != Role::kAppraiser) user.unit_code = unit;
        if (role == Role::kDepartmentOfficer) user.department_code = "tp-ht";
        if (role == Role::kAppraiser) user.group_codes = {"hadong-wards"};
        auto made = service_.CreateUser(nullptr, user, password);
        EXPECT_TRUE(made.Ok()) << (made.Ok() ? "" : made.GetError().message.en);
        return made.Ok() ? *made : User{};
    }

    Principal Admin() {
        User admin = Add("root", Role::kAdministrator);
        return PrincipalOf(admin, "10.0.0.1");
    }

    MemoryAuthStore store_;
    FakeHasher hasher_;
    CountingTokens tokens_;
    FixedClock clock_;
    AuthService service_;
};

// ---- Login --------------------------------------------------------------------------------------------------

TEST_F(AuthServiceTest, LoginOpensASessionWhoseTokenIsStoredOnlyAsADigest) {
    const User user = Add("vanphong.lakhe", Role::kCoordinator);
    auto login = service_.Login("VanPhong.LaKhe", "correct-horse", "192.0.2.7");
    ASSERT_TRUE(login.Ok()) << login.GetError().message.en;
    EXPECT_EQ(login->token.size(), 64U);
    EXPECT_EQ(login->csrf_token.size(), 32U);
    EXPECT_EQ(login->principal.username, "vanphong.lakhe");
    EXPECT_EQ(login->principal.role, Role::kCoordinator);
    EXPECT_EQ(login->principal.unit_code, "lakhe");
    EXPECT_EQ(login->principal.address, "192.0.2.7");
    EXPECT_FALSE(login->must_change_password);

    ASSERT_EQ(store_.sessions.size(), 1U);
    const Session& session = store_.sessions.begin()->second;
    EXPECT_EQ(session.token_hash, "digest:" + login->token);
    EXPECT_NE(session.token_hash, login->token);
    EXPECT_EQ(session.user_id, user.id);
    EXPECT_EQ(session.csrf_token, login->csrf_token);
    EXPECT_EQ(session.created_at, Time(kStart));
    EXPECT_EQ(session.expires_at, Time(kStart + 12 * 3600));
    EXPECT_EQ(session.address, "192.0.2.7");
    EXPECT_EQ(store_.audit.back().action, "session.login");
    EXPECT_EQ(store_.audit.back().address, "192.0.2.7");
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
    Add("vanphong.lakhe", Role::kCoordinator);
    auto wrong = service_.Login("vanphong.lakhe", "not-the-password", "192.0.2.7");
    auto unknown = service_.Login("nobody", "correct-horse", "192.0.2.7");
    auto invalid = service_.Login("x", "correct-horse", "192.0.2.7");
    for (const auto* result : {&wrong, &unknown, &invalid}) {
        ASSERT_FALSE(result->Ok());
        EXPECT_EQ(result->GetError().code, ErrorCode::kUnauthenticated);
        EXPECT_EQ(result->GetError().message.vi, "Tên đăng nhập hoặc mật khẩu không đúng");
        EXPECT_EQ(result->GetError().message.en, "Wrong username or password");
        EXPECT_TRUE(result->GetError().details.empty());
    }
    EXPECT_TRUE(store_.sessions.empty());
    const std::vector<std::string> actions = store_.Actions();
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "session.login_failed"), 3);
}

TEST_F(AuthServiceTest, LocksAfterRepeatedFailuresAndUnlocksAfterTheLockoutTime) {
    Add("vanphong.lakhe", Role::kCoordinator);
    for (int i = 0; i < 2; ++i) {
        auto failed = service_.Login("vanphong.lakhe", "wrong-password", "a");
        ASSERT_FALSE(failed.Ok());
        EXPECT_EQ(failed.GetError().code, ErrorCode::kUnauthenticated);
    }
    auto third = service_.Login("vanphong.lakhe", "wrong-password", "a");
    ASSERT_FALSE(third.Ok());
    EXPECT_EQ(third.GetError().code, ErrorCode::kForbidden);
    EXPECT_NE(third.GetError().message.en.find("2024-05-01 08:45 UTC"), std::string::npos)
        << third.GetError().message.en;

    // Locked: even the right password is refused, with the unlock time.
    clock_.Set(Time(kStart + 14 * 60));
    auto locked = service_.Login("vanphong.lakhe", "correct-horse", "a");
    ASSERT_FALSE(locked.Ok());
    EXPECT_EQ(locked.GetError().code, ErrorCode::kForbidden);
    EXPECT_NE(locked.GetError().message.vi.find("2024-05-01 08:45 UTC"), std::string::npos);
    EXPECT_TRUE(store_.sessions.empty());

    clock_.Set(Time(kStart + 15 * 60 + 1));
    auto unlocked = service_.Login("vanphong.lakhe", "correct-horse", "a");
    ASSERT_TRUE(unlocked.Ok()) << unlocked.GetError().message.en;
    const User stored = *store_.FindUserByName("vanphong.lakhe").Value();
    EXPECT_EQ(stored.failed_logins, 0);
    EXPECT_FALSE(stored.locked_until.has_value());
}

TEST_F(AuthServiceTest, SuccessResetsTheFailureCount) {
    Add("vanphong.lakhe", Role::kCoordinator);
    ASSERT_FALSE(service_.Login("vanphong.lakhe", "wrong-password", "a").Ok());
    ASSERT_FALSE(service_.Login("vanphong.lakhe", "wrong-password", "a").Ok());
    ASSERT_TRUE(service_.Login("vanphong.lakhe", "correct-horse", "a").Ok());
    EXPECT_EQ(store_.FindUserByName("vanphong.lakhe").Value()->failed_logins, 0);
    // Two more failures do not lock, because the count started again.
    ASSERT_FALSE(service_.Login("vanphong.lakhe", "wrong-password", "a").Ok());
    auto second = service_.Login("vanphong.lakhe", "wrong-password", "a");
    EXPECT_EQ(second.GetError().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, DisabledUserCannotLogInAndLosesSessions) {
    const Principal admin = Admin();
    Add("xem.lakhe", Role::kViewer);
    auto login = service_.Login("xem.lakhe", "correct-horse", "a");
    ASSERT_TRUE(login.Ok());
    ASSERT_TRUE(service_.SetDisabled(&admin, "xem.lakhe", true).Ok());
    EXPECT_FALSE(service_.Authenticate(login->token, "a").Ok());

    auto refused = service_.Login("xem.lakhe", "correct-horse", "a");
    ASSERT_FALSE(refused.Ok());
    EXPECT_EQ(refused.GetError().code, ErrorCode::kForbidden);
    // A wrong password on a disabled account says no more than on any other.
    auto wrong = service_.Login("xem.lakhe", "wrong-password", "a");
    EXPECT_EQ(wrong.GetError().code, ErrorCode::kUnauthenticated);

    ASSERT_TRUE(service_.SetDisabled(&admin, "xem.lakhe", false).Ok());
    EXPECT_TRUE(service_.Login("xem.lakhe", "correct-horse", "a").Ok());
    const std::vector<std::string> actions = store_.Actions();
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user.disable"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user.enable"), actions.end());
}

TEST_F(AuthServiceTest, AdministratorCannotDisableThemselves) {
    const Principal admin = Admin();
    auto refused = service_.SetDisabled(&admin, "root", true);
    ASSERT_FALSE(refused.Ok());
    EXPECT_EQ(refused.GetError().code, ErrorCode::kConflict);
}

// ---- Sessions -----------------------------------------------------------------------------------------------

TEST_F(AuthServiceTest, AuthenticateGivesThePrincipalAndCsrfTokenUntilTheSessionExpires) {
    Add("tuphap.lakhe", Role::kDepartmentOfficer);
    auto login = service_.Login("tuphap.lakhe", "correct-horse", "192.0.2.7");
    ASSERT_TRUE(login.Ok());

    clock_.Set(Time(kStart + 12 * 3600 - 1));
    auto live = service_.Authenticate(login->token, "192.0.2.8");
    ASSERT_TRUE(live.Ok()) << live.GetError().message.en;
    EXPECT_EQ(live->first.username, "tuphap.lakhe");
    EXPECT_EQ(live->first.department_code, "tp-ht");
    EXPECT_EQ(live->first.address, "192.0.2.8");
    EXPECT_EQ(live->second, login->csrf_token);

    clock_.Set(Time(kStart + 12 * 3600));
    auto expired = service_.Authenticate(login->token, "192.0.2.8");
    ASSERT_FALSE(expired.Ok());
    EXPECT_EQ(expired.GetError().code, ErrorCode::kUnauthenticated);
    EXPECT_TRUE(store_.sessions.empty()) << "the expired session is deleted";

    EXPECT_EQ(service_.Authenticate("", "a").GetError().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(service_.Authenticate("made-up", "a").GetError().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
    Add("chutich.lakhe", Role::kLeader);
    auto login = service_.Login("chutich.lakhe", "correct-horse", "a");
    ASSERT_TRUE(login.Ok());
    ASSERT_TRUE(service_.Logout(login->token).Ok());
    EXPECT_FALSE(service_.Authenticate(login->token, "a").Ok());
    EXPECT_TRUE(service_.Logout(login->token).Ok()) << "logging out twice is harmless";
    EXPECT_EQ(store_.audit.back().action, "session.logout");
}

// ---- Passwords ----------------------------------------------------------------------------------------------

TEST_F(AuthServiceTest, ChangePasswordChecksTheRulesAndKeepsOnlyTheCurrentSession) {
    Add("vanphong.lakhe", Role::kCoordinator);
    auto first = service_.Login("vanphong.lakhe", "correct-horse", "a");
    auto second = service_.Login("vanphong.lakhe", "correct-horse", "b");
    ASSERT_TRUE(first.Ok() && second.Ok());
    const Principal& who = first->principal;

    auto wrong_old = service_.ChangePassword(who, "not-it-at-all", "a-new-password", first->token);
    ASSERT_FALSE(wrong_old.Ok());
    EXPECT_EQ(wrong_old.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(wrong_old.GetError().details.at(0).field, "old_password");

    auto short_one = service_.ChangePassword(who, "correct-horse", "short", first->token);
    ASSERT_FALSE(short_one.Ok());
    EXPECT_EQ(short_one.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(short_one.GetError().details.at(0).field, "password");

    EXPECT_EQ(service_.ChangePassword(who, "correct-horse", "correct-horse", first->token).GetError().code,
              ErrorCode::kInvalidInput);
    EXPECT_EQ(service_.ChangePassword(who, "correct-horse", "VanPhong.LaKhe", first->token).GetError().code,
              ErrorCode::kInvalidInput);
    EXPECT_EQ(store_.sessions.size(), 2U) << "failed changes close nothing";

    ASSERT_TRUE(service_.ChangePassword(who, "correct-horse", "a-new-password", first->token).Ok());
    EXPECT_TRUE(service_.Authenticate(first->token, "a").Ok());
    EXPECT_FALSE(service_.Authenticate(second->token, "b").Ok());
    EXPECT_FALSE(service_.Login("vanphong.lakhe", "correct-horse", "a").Ok());
    EXPECT_TRUE(service_.Login("vanphong.lakhe", "a-new-password", "a").Ok());

    const auto password_entry = std::find_if(store_.audit.begin(), store_.audit.end(),
                                             [](const AuditEntry& e) { return e.action == "user.password"; });
    ASSERT_NE(password_entry, store_.audit.end());
    EXPECT_EQ(password_entry->subject, "vanphong.lakhe");
    EXPECT_TRUE(password_entry->old_value.empty());
    EXPECT_TRUE(password_entry->new_value.empty());
}

TEST_F(AuthServiceTest, ResetGivesAOneTimePasswordThatMustBeChanged) {
    const Principal admin = Admin();
    Add("chutich.lakhe", Role::kLeader);
    auto before = service_.Login("chutich.lakhe", "correct-horse", "a");
    ASSERT_TRUE(before.Ok());

    auto password = service_.ResetPassword(&admin, "chutich.lakhe");
    ASSERT_TRUE(password.Ok());
    EXPECT_FALSE(service_.Authenticate(before->token, "a").Ok()) << "a reset closes the sessions";
    auto login = service_.Login("chutich.lakhe", *password, "a");
    ASSERT_TRUE(login.Ok());
    EXPECT_TRUE(login->must_change_password);
    EXPECT_TRUE(login->principal.must_change_password);

    ASSERT_TRUE(service_.ChangePassword(login->principal, *password, "leader-password-2024", login->token).Ok());
    auto after = service_.Login("chutich.lakhe", "leader-password-2024", "a");
    ASSERT_TRUE(after.Ok());
    EXPECT_FALSE(after->must_change_password);

    EXPECT_EQ(service_.ResetPassword(&admin, "nobody").GetError().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.ResetPassword(&login->principal, "root").GetError().code, ErrorCode::kForbidden);
}

TEST_F(AuthServiceTest, EnsureAdministratorCreatesTheFirstAccountOnlyOnce) {
    auto first = service_.EnsureAdministrator("admin");
    ASSERT_TRUE(first.Ok());
    ASSERT_TRUE(first->has_value());
    auto login = service_.Login("admin", **first, "a");
    ASSERT_TRUE(login.Ok());
    EXPECT_TRUE(login->must_change_password);
    EXPECT_EQ(login->principal.role, Role::kAdministrator);

    auto again = service_.EnsureAdministrator("admin");
    ASSERT_TRUE(again.Ok());
    EXPECT_FALSE(again->has_value());
}

// ---- User administration ------------------------------------------------------------------------------------

TEST_F(AuthServiceTest, CreateUserNeedsAnAdministrator) {
    const Principal admin = Admin();
    const Principal coordinator = PrincipalOf(Add("vanphong.lakhe", Role::kCoordinator), "a");
    NewUser user{"xem.lakhe", "Người xem", Role::kViewer, "lakhe", {}, "", ""};
    auto refused = service_.CreateUser(&coordinator, user, "correct-horse");
    ASSERT_FALSE(refused.Ok());
    EXPECT_EQ(refused.GetError().code, ErrorCode::kForbidden);
    EXPECT_FALSE(store_.FindUserByName("xem.lakhe").Value().has_value());

    auto made = service_.CreateUser(&admin, user, "correct-horse");
    ASSERT_TRUE(made.Ok());
    EXPECT_TRUE(made->password_hash.empty()) << "the service never hands out hashes";
    EXPECT_EQ(store_.FindUserByName("xem.lakhe").Value()->password_hash, "fake$correct-horse");
    const AuditEntry& entry = store_.audit.back();
    EXPECT_EQ(entry.action, "user.create");
    EXPECT_EQ(entry.username, "root");
    EXPECT_EQ(entry.address, "10.0.0.1");
    EXPECT_EQ(entry.subject, "xem.lakhe");
    EXPECT_EQ(entry.new_value, "viewer unit=lakhe");
    EXPECT_EQ(entry.new_value.find("correct-horse"), std::string::npos);

    EXPECT_EQ(service_.ListUsers(coordinator).GetError().code, ErrorCode::kForbidden);
    auto users = service_.ListUsers(admin);
    ASSERT_TRUE(users.Ok());
    ASSERT_EQ(users->size(), 3U);
    for (const User& listed : *users) EXPECT_TRUE(listed.password_hash.empty());
}

TEST_F(AuthServiceTest, CreateUserValidatesNameScopeAndPassword) {
    auto create = [&](NewUser user, const std::string& password = "correct-horse") {
        return service_.CreateUser(nullptr, user, password);
    };
    EXPECT_EQ(create({"ab", "", Role::kViewer, "", {}, "", ""}).GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(create({"lê.văn", "", Role::kViewer, "", {}, "", ""}).GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(create({"has space", "", Role::kViewer, "", {}, "", ""}).GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(create({std::string(41, 'a'), "", Role::kViewer, "", {}, "", ""}).GetError().code,
              ErrorCode::kInvalidInput);

    for (Role role : {Role::kCoordinator, Role::kDepartmentOfficer, Role::kLeader}) {
        auto missing = create({"unit.role", "", role, "", {}, "tp-ht", ""});
        ASSERT_FALSE(missing.Ok()) << RoleName(role);
        EXPECT_EQ(missing.GetError().details.at(0).field, "unit_code");
    }
    auto no_department = create({"officer", "", Role::kDepartmentOfficer, "lakhe", {}, "", ""});
    ASSERT_FALSE(no_department.Ok());
    EXPECT_EQ(no_department.GetError().details.at(0).field, "department_code");
    auto no_group = create({"appraiser", "", Role::kAppraiser, "", {}, "", ""});
    ASSERT_FALSE(no_group.Ok());
    EXPECT_EQ(no_group.GetError().details.at(0).field, "group_codes");

    EXPECT_EQ(create({"weak.one", "", Role::kViewer, "", {}, "", ""}, "short").GetError().code,
              ErrorCode::kInvalidInput);
    EXPECT_EQ(create({"same.as.name", "", Role::kViewer, "", {}, "", ""}, "Same.As.Name").GetError().code,
              ErrorCode::kInvalidInput);
    EXPECT_TRUE(store_.users.empty());

    auto appraiser = create({"ThamDinh", "", Role::kAppraiser, "", {"hadong-wards", " hadong-wards", "x"}, "", ""});
    ASSERT_TRUE(appraiser.Ok()) << appraiser.GetError().message.en;
    EXPECT_EQ(appraiser->username, "thamdinh");
    EXPECT_EQ(appraiser->display_name, "thamdinh");
    EXPECT_EQ(appraiser->group_codes, (std::vector<std::string>{"hadong-wards", "x"}));
    EXPECT_TRUE(create({"viewer.all", "", Role::kViewer, "", {}, "", ""}).Ok()) << "a viewer may have no unit";

    auto duplicate = create({"THAMDINH", "", Role::kAppraiser, "", {"x"}, "", ""});
    ASSERT_FALSE(duplicate.Ok());
    EXPECT_EQ(duplicate.GetError().code, ErrorCode::kConflict);
}

TEST_F(AuthServiceTest, EveryChangeIsAuditedWithoutPasswords) {
    const Principal admin = Admin();
    Add("xem.lakhe", Role::kViewer);
    ASSERT_TRUE(service_.Login("xem.lakhe", "wrong-password", "a").GetError().code == ErrorCode::kUnauthenticated);
    auto login = service_.Login("xem.lakhe", "correct-horse", "a");
    ASSERT_TRUE(login.Ok());
    ASSERT_TRUE(service_.ChangePassword(login->principal, "correct-horse", "viewer-password-1").Ok());
    auto reset = service_.ResetPassword(&admin, "xem.lakhe");
    ASSERT_TRUE(reset.Ok());
    ASSERT_TRUE(service_.SetDisabled(&admin, "xem.lakhe", true).Ok());
    ASSERT_TRUE(service_.SetDisabled(&admin, "xem.lakhe", false).Ok());

    EXPECT_EQ(store_.Actions(),
              (std::vector<std::string>{"user.create", "user.create", "session.login_failed", "session.login",
                                        "user.password", "user.reset", "user.disable", "user.enable"}));
    for (const AuditEntry& entry : store_.audit) {
        EXPECT_EQ(entry.at, Time(kStart));
        for (const std::string* text : {&entry.field, &entry.old_value, &entry.new_value}) {
            EXPECT_EQ(text->find("correct-horse"), std::string::npos) << entry.action;
            EXPECT_EQ(text->find("viewer-password-1"), std::string::npos) << entry.action;
            EXPECT_EQ(text->find(*reset), std::string::npos) << entry.action;
        }
    }
    EXPECT_EQ(store_.audit[0].username, "cli") << "command-line changes are attributed to the command line";
    EXPECT_EQ(store_.audit[5].username, "root");
    EXPECT_EQ(store_.audit[5].subject, "xem.lakhe");
}

}  // namespace
}  // namespace parindex
