#include "domain/authorization.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace parindex {
namespace {

Principal Person(const char* name, Role role, const char* unit = "", const char* department = "",
                 std::vector<std::string> groups = {}) {
    Principal who;
    who.user_id = 7;
    who.username = name;
    who.role = role;
    who.unit_code = unit;
    who.department_code = department;
    who.group_codes = std::move(groups);
    return who;
}

/// The targets every role is tried on. La Khê is in hadong-wards; Bảo Lâm is in caoloc-communes.
std::map<std::string, Target> Targets() {
    std::map<std::string, Target> targets;
    targets["own-unit"] = Target{"lakhe", {"hadong-wards"}, "", "tp-ht", false, {}, ""};
    targets["own-unit-other-department"] = Target{"lakhe", {"hadong-wards"}, "", "vh-xh", false, {}, ""};
    targets["other-unit"] = Target{"baolam", {"caoloc-communes"}, "", "tp-ht", false, {}, ""};
    targets["own-group"] = Target{"", {}, "hadong-wards", "", false, {"lakhe", "phuong-mau-01"}, ""};
    targets["other-group"] = Target{"", {}, "caoloc-communes", "", false, {"baolam"}, ""};
    targets["published-unit"] = Target{"baolam", {"caoloc-communes"}, "", "tp-ht", true, {}, ""};
    targets["published-group"] = Target{"", {}, "caoloc-communes", "", true, {"baolam"}, ""};
    // A task of La Khê's plan led by Văn hóa – Xã hội with tuphap.lakhe named as the officer in charge.
    targets["own-task-led-by-name"] = Target{"lakhe", {"hadong-wards"}, "", "vh-xh", false, {}, "tuphap.lakhe"};
    return targets;
}

std::set<std::string> Split(const std::string& names) {
    std::set<std::string> set;
    std::istringstream in(names);
    for (std::string name; in >> name;) set.insert(name);
    return set;
}

struct Row {
    Principal who;
    std::map<std::string, std::string> allowed;  ///< Target name → the actions allowed, space-separated.
};

constexpr const char* kEverything =
    "read_results read_ranking read_framework self_score assign_criteria approve submit withdraw appraise explain "
    "finalise publish read_audit administer read_plan edit_plan issue_plan update_task read_dossiers import_dossiers "
    "edit_targets edit_rules";
constexpr const char* kFrameworkOnly = "read_framework";
constexpr const char* kPublic = "read_results read_ranking read_framework";

std::vector<Row> Table() {
    const char* appraiser_own =
        "read_results read_ranking read_framework appraise finalise publish read_audit read_plan read_dossiers "
        "edit_targets edit_rules";
    // The shared rules (definition sets, the KPI catalogue) are edited by any appraiser.
    const char* appraiser_elsewhere = "read_framework edit_rules";
    const char* appraiser_published = "read_results read_ranking read_framework edit_rules";
    const char* coordinator_own =
        "read_results read_ranking read_framework self_score assign_criteria submit withdraw explain read_audit "
        "read_plan edit_plan update_task read_dossiers import_dossiers edit_targets";
    const char* leader_own =
        "read_results read_ranking read_framework approve read_audit read_plan edit_plan issue_plan update_task "
        "read_dossiers edit_targets";
    return {
        {Person("admin", Role::kAdministrator),
         {{"own-unit", kEverything},
          {"own-unit-other-department", kEverything},
          {"other-unit", kEverything},
          {"own-group", kEverything},
          {"other-group", kEverything},
          {"published-unit", kEverything},
          {"published-group", kEverything},
          {"own-task-led-by-name", kEverything}}},
        {Person("thamdinh", Role::kAppraiser, "", "", {"hadong-wards"}),
         {{"own-unit", appraiser_own},
          {"own-unit-other-department", appraiser_own},
          {"other-unit", appraiser_elsewhere},
          {"own-group", appraiser_own},
          {"other-group", appraiser_elsewhere},
          {"published-unit", appraiser_published},
          {"published-group", appraiser_published},
          {"own-task-led-by-name", appraiser_own}}},
        {Person("vanphong.lakhe", Role::kCoordinator, "lakhe"),
         {{"own-unit", coordinator_own},
          {"own-unit-other-department", coordinator_own},
          {"other-unit", kFrameworkOnly},
          {"own-group", "read_ranking read_framework"},
          {"other-group", kFrameworkOnly},
          {"published-unit", kPublic},
          {"published-group", kPublic},
          {"own-task-led-by-name", coordinator_own}}},
        {Person("tuphap.lakhe", Role::kDepartmentOfficer, "lakhe", "tp-ht"),
         {{"own-unit", "read_results read_framework self_score read_plan update_task read_dossiers"},
          {"own-unit-other-department", "read_results read_framework read_plan read_dossiers"},
          {"other-unit", kFrameworkOnly},
          {"own-group", kFrameworkOnly},
          {"other-group", kFrameworkOnly},
          {"published-unit", kPublic},
          {"published-group", kPublic},
          // Named as the task's officer: updates it though the task is led by another department.
          {"own-task-led-by-name", "read_results read_framework read_plan update_task read_dossiers"}}},
        {Person("chutich.lakhe", Role::kLeader, "lakhe"),
         {{"own-unit", leader_own},
          {"own-unit-other-department", leader_own},
          {"other-unit", kFrameworkOnly},
          {"own-group", "read_ranking read_framework"},
          {"other-group", kFrameworkOnly},
          {"published-unit", kPublic},
          {"published-group", kPublic},
          {"own-task-led-by-name", leader_own}}},
        {Person("xem.lakhe", Role::kViewer, "lakhe"),
         {{"own-unit", "read_results read_ranking read_framework read_plan read_dossiers"},
          {"own-unit-other-department", "read_results read_ranking read_framework read_plan read_dossiers"},
          {"other-unit", kFrameworkOnly},
          {"own-group", "read_ranking read_framework"},
          {"other-group", kFrameworkOnly},
          {"published-unit", kPublic},
          {"published-group", kPublic},
          {"own-task-led-by-name", "read_results read_ranking read_framework read_plan read_dossiers"}}},
        {Person("xem", Role::kViewer),
         {{"own-unit", kFrameworkOnly},
          {"own-unit-other-department", kFrameworkOnly},
          {"other-unit", kFrameworkOnly},
          {"own-group", kFrameworkOnly},
          {"other-group", kFrameworkOnly},
          {"published-unit", kPublic},
          {"published-group", kPublic},
          {"own-task-led-by-name", kFrameworkOnly}}},
    };
}

TEST(AuthorizationTest, EveryRoleTimesEveryActionOnEveryTarget) {
    const std::map<std::string, Target> targets = Targets();
    std::set<Role> roles_seen;
    for (const Row& row : Table()) {
        roles_seen.insert(row.who.role);
        ASSERT_EQ(row.allowed.size(), targets.size()) << row.who.username;
        for (const auto& [target_name, allowed_names] : row.allowed) {
            const std::set<std::string> allowed = Split(allowed_names);
            for (const std::string& name : allowed) {
                ASSERT_TRUE(ParseAction(name).has_value()) << "unknown action in the table: " << name;
            }
            for (Action action : kAllActions) {
                const Status status = Authorize(row.who, action, targets.at(target_name));
                const bool expected = allowed.count(ActionName(action)) > 0;
                EXPECT_EQ(status.Ok(), expected) << row.who.username << " (" << RoleName(row.who.role) << ") "
                                                 << ActionName(action) << " on " << target_name;
                if (!status.Ok()) {
                    EXPECT_EQ(status.GetError().code, ErrorCode::kForbidden);
                    EXPECT_FALSE(status.GetError().message.vi.empty());
                    EXPECT_FALSE(status.GetError().message.en.empty());
                }
            }
        }
    }
    EXPECT_EQ(roles_seen.size(), std::size(kAllRoles)) << "the table covers every role";
}

TEST(AuthorizationTest, RefusalSaysWhoWhatAndWhereInBothLanguages) {
    const Status status = Authorize(Person("xem.lakhe", Role::kViewer, "lakhe"), Action::kSelfScore,
                                    Target{"lakhe", {"hadong-wards"}, "", "tp-ht", false, {}, ""});
    ASSERT_FALSE(status.Ok());
    EXPECT_EQ(status.GetError().message.vi,
              "Tài khoản “xem.lakhe” (người xem) không có quyền tự chấm điểm của đơn vị “lakhe”");
    EXPECT_EQ(status.GetError().message.en, "The account “xem.lakhe” (viewer) may not self-score for the unit “lakhe”");
    EXPECT_EQ(status.GetError().details.at(0).value, "self_score");
}

TEST(AuthorizationTest, ARankingTargetNamingTheUnitAndItsGroupsWorksLikeTheMemberList) {
    const Principal leader = Person("chutich.lakhe", Role::kLeader, "lakhe");
    EXPECT_TRUE(
        Authorize(leader, Action::kReadRanking, Target{"lakhe", {"hadong-wards"}, "hadong-wards", "", false, {}, ""})
            .Ok());
    EXPECT_FALSE(
        Authorize(leader, Action::kReadRanking, Target{"lakhe", {"hadong-wards"}, "caoloc-communes", "", false, {}, ""})
            .Ok());
}

TEST(AuthorizationTest, AnOfficerNamedOnAnotherUnitsTaskMayNotUpdateIt) {
    const Principal officer = Person("tuphap.lakhe", Role::kDepartmentOfficer, "lakhe", "tp-ht");
    EXPECT_FALSE(Authorize(officer, Action::kUpdateTask,
                           Target{"baolam", {"caoloc-communes"}, "", "tp-ht", false, {}, "tuphap.lakhe"})
                     .Ok());
    const Status refused = Authorize(Person("xem.lakhe", Role::kViewer, "lakhe"), Action::kIssuePlan,
                                     Target{"lakhe", {"hadong-wards"}, "", "", false, {}, ""});
    ASSERT_FALSE(refused.Ok());
    EXPECT_EQ(refused.GetError().message.vi,
              "Tài khoản “xem.lakhe” (người xem) không có quyền ban hành kế hoạch của đơn vị “lakhe”");
    EXPECT_EQ(refused.GetError().details.at(0).value, "issue_plan");
}

TEST(AuthorizationTest, NamesRoundTrip) {
    for (Role role : kAllRoles) EXPECT_EQ(ParseRole(RoleName(role)), role);
    for (Action action : kAllActions) EXPECT_EQ(ParseAction(ActionName(action)), action);
    EXPECT_FALSE(ParseRole("boss").has_value());
    EXPECT_FALSE(ParseAction("fly").has_value());
    EXPECT_STREQ(RoleName(Role::kDepartmentOfficer), "officer");
    EXPECT_STREQ(ActionName(Action::kReadPlan), "read_plan");
    EXPECT_STREQ(ActionName(Action::kEditPlan), "edit_plan");
    EXPECT_STREQ(ActionName(Action::kIssuePlan), "issue_plan");
    EXPECT_STREQ(ActionName(Action::kUpdateTask), "update_task");
}

}  // namespace
}  // namespace parindex
