// AuthService's user administration as the administration API uses it: creation with a one-time password and
// changes of display name, role and scope (issue 3, section 6).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "domain/auth_service.hpp"
#include "support/memory_auth.hpp"

namespace parindex {
namespace {

using testing::CountingTokens;
using testing::FakeHasher;
using testing::MemoryAuthStore;

// 2024-05-01T08:30:00Z.
constexpr std::int64_t kStart = 1714552200;

class UserAdministrationTest : public ::testing::Test {
  protected:
    UserAdministrationTest()
        : clock_(std::chrono::system_clock::time_point(std::chrono::seconds(kStart))),
          service_(store_, hasher_, tokens_, clock_) {}

    User Add(const std::string& username, Role role, const std::string& unit = "") {
        NewUser user;
        user.username = username;
        user.role = role;
        user.unit_code = unit;
        auto made = service_.CreateUser(nullptr, user, "correct-horse");
        EXPECT_TRUE(made.Ok()) << (made.Ok() ? "" : made.GetError().message.en);
        return made.Ok() ? *made : User{};
    }

    Principal AdminPrincipal() { return PrincipalOf(admin_, "10.0.0.1"); }

    void SetUp() override { admin_ = Add("root", Role::kAdministrator); }

    MemoryAuthStore store_;
    FakeHasher hasher_;
    CountingTokens tokens_;
    FixedClock clock_;
    AuthService service_;
    User admin_;
};

TEST_F(UserAdministrationTest, ANewUserGetsAOneTimePasswordToChangeAtTheFirstLogin) {
    const Principal admin = AdminPrincipal();
    NewUser details;
    details.username = "XEM.LaKhe";
    details.role = Role::kViewer;
    details.unit_code = "lakhe";
    auto made = service_.CreateUserWithOneTimePassword(&admin, details);
    ASSERT_TRUE(made.Ok()) << made.GetError().message.en;
    EXPECT_EQ(made->first.username, "xem.lakhe");
    EXPECT_TRUE(made->first.must_change_password);
    EXPECT_TRUE(made->first.password_hash.empty());
    auto login = service_.Login("xem.lakhe", made->second, "192.0.2.1");
    ASSERT_TRUE(login.Ok()) << login.GetError().message.en;
    EXPECT_TRUE(login->must_change_password);

    auto again = service_.CreateUserWithOneTimePassword(&admin, details);
    ASSERT_FALSE(again.Ok());
    EXPECT_EQ(again.GetError().code, ErrorCode::kConflict);
}

TEST_F(UserAdministrationTest, OnlyAdministratorsCreateOrChangeUsers) {
    const User viewer = Add("xem.lakhe", Role::kViewer, "lakhe");
    const Principal who = PrincipalOf(viewer, "192.0.2.1");
    NewUser details;
    details.username = "ke-gian";
    details.role = Role::kAdministrator;
    EXPECT_EQ(service_.CreateUserWithOneTimePassword(&who, details).GetError().code, ErrorCode::kForbidden);
    EXPECT_EQ(service_.UpdateUser(&who, "xem.lakhe", details).GetError().code, ErrorCode::kForbidden);
    EXPECT_EQ((*store_.FindUserByName("xem.lakhe"))->role, Role::kViewer);
}

TEST_F(UserAdministrationTest, AChangedScopeClosesTheSessionsAndIsAuditedOldToNew) {
    Add("doi.vaitro", Role::kViewer, "lakhe");
    ASSERT_TRUE(service_.Login("doi.vaitro", "correct-horse", "192.0.2.1").Ok());
    const Principal admin = AdminPrincipal();
    NewUser changes;
    changes.display_name = "Đầu mối La Khê";
    changes.role = Role::kCoordinator;
    changes.unit_code = " lakhe ";
    auto updated = service_.UpdateUser(&admin, "Doi.VaiTro", changes);
    ASSERT_TRUE(updated.Ok()) << updated.GetError().message.en;
    EXPECT_EQ(updated->role, Role::kCoordinator);
    EXPECT_EQ(updated->unit_code, "lakhe");
    EXPECT_EQ(updated->display_name, "Đầu mối La Khê");
    EXPECT_TRUE(updated->password_hash.empty());

    auto sessions_of = [&](std::int64_t id) {
        int count = 0;
        for (const auto& [hash, session] : store_.sessions) count += session.user_id == id ? 1 : 0;
        return count;
    };
    EXPECT_EQ(sessions_of(updated->id), 0);

    AuditQuery query;
    auto entries = store_.ListAudit(query);
    ASSERT_TRUE(entries.Ok());
    ASSERT_GE(entries->size(), 2U);
    const AuditEntry& role = (*entries)[0];
    EXPECT_EQ(role.action, "user.update");
    EXPECT_EQ(role.subject, "doi.vaitro");
    EXPECT_EQ(role.username, "root");
    EXPECT_EQ(role.address, "10.0.0.1");
    EXPECT_EQ(role.field, "role");
    EXPECT_EQ(role.old_value, "viewer unit=lakhe");
    EXPECT_EQ(role.new_value, "coordinator unit=lakhe");
    EXPECT_EQ((*entries)[1].field, "display_name");
    EXPECT_EQ((*entries)[1].old_value, "doi.vaitro");
}

TEST_F(UserAdministrationTest, ANameChangeAloneKeepsTheSessions) {
    const User user = Add("ten.cu", Role::kViewer, "lakhe");
    ASSERT_TRUE(service_.Login("ten.cu", "correct-horse", "192.0.2.1").Ok());
    const Principal admin = AdminPrincipal();
    NewUser changes;
    changes.display_name = "Tên mới";
    changes.role = Role::kViewer;
    changes.unit_code = "lakhe";
    ASSERT_TRUE(service_.UpdateUser(&admin, "ten.cu", changes).Ok());
    int sessions = 0;
    for (const auto& [hash, session] : store_.sessions) sessions += session.user_id == user.id ? 1 : 0;
    EXPECT_EQ(sessions, 1);
}

TEST_F(UserAdministrationTest, AScopedRoleNeedsItsScope) {
    Add("xem.lakhe", Role::kViewer, "lakhe");
    const Principal admin = AdminPrincipal();
    NewUser changes;
    changes.role = Role::kDepartmentOfficer;
    changes.unit_code = "lakhe";
    auto updated = service_.UpdateUser(&admin, "xem.lakhe", changes);
    ASSERT_FALSE(updated.Ok());
    EXPECT_EQ(updated.GetError().code, ErrorCode::kInvalidInput);
    ASSERT_EQ(updated.GetError().details.size(), 1U);
    EXPECT_EQ(updated.GetError().details[0].field, "department_code");
    EXPECT_EQ((*store_.FindUserByName("xem.lakhe"))->role, Role::kViewer);
}

TEST_F(UserAdministrationTest, AnAdministratorKeepsTheirOwnRole) {
    const Principal admin = AdminPrincipal();
    NewUser changes;
    changes.role = Role::kViewer;
    auto updated = service_.UpdateUser(&admin, "root", changes);
    ASSERT_FALSE(updated.Ok());
    EXPECT_EQ(updated.GetError().code, ErrorCode::kConflict);
    EXPECT_EQ((*store_.FindUserByName("root"))->role, Role::kAdministrator);
    // Keeping the role, everything else may change.
    changes.role = Role::kAdministrator;
    changes.display_name = "Quản trị gốc";
    EXPECT_TRUE(service_.UpdateUser(&admin, "root", changes).Ok());
    EXPECT_EQ(service_.UpdateUser(&admin, "khong-co", changes).GetError().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace parindex
