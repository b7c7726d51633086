// PlanService on in-memory fakes with a fixed clock: drafting, saving and issuing, tasks and their updates,
// authorisation and audit, progress, and the reminder run.
#include "domain/plan_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "plan_fakes.hpp"
#include "support/memory_auth.hpp"

namespace parindex {
namespace {

using std::chrono::system_clock;
using testing::LaKhe2023;

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

/// 09:00 in Việt Nam on `day`.
system_clock::time_point MorningOf(const char* day) {
    return system_clock::time_point(std::chrono::hours(24) * Day(day).DaysSinceEpoch() + std::chrono::hours(2));
}

class PlanServiceTest : public ::testing::Test {
  protected:
    PlanServiceTest()
        : clock_(MorningOf("01/03/2024")),
          service_(store_, plans_, users_, clock_,
                   [this](const std::string& unit, int year) { return Results(unit, year); }) {
        store_.plan_store = &plans_;
        EXPECT_TRUE(store_.SaveUnit(testing::LaKhe()).Ok());
        EXPECT_TRUE(store_.SaveUnit(testing::HaDong()).Ok());
        Unit other;
        other.code = "baolam";
        other.name = "Xã Bảo Lâm";
        other.departments = {{"tp-ht", "Tư pháp – Hộ tịch"}};
        EXPECT_TRUE(store_.SaveUnit(other).Ok());
        Framework framework;
        framework.code = "hadong-2023";
        for (const LostPoint& lost : LaKhe2023().lost_points) {
            FrameworkNode node;
            node.code = lost.code;
            node.title = lost.title;
            framework.nodes.push_back(node);
        }
        EXPECT_TRUE(store_.SaveFramework(framework).Ok());
        for (int year : {2023, 2024}) {
            PeerGroup group;
            group.code = "hadong-wards";
            group.year = year;
            group.framework_code = "hadong-2023";
            group.members = {GroupMember{"lakhe", true, {}}};
            EXPECT_TRUE(store_.SavePeerGroup(group).Ok());
        }
        AddUser("vanphong.lakhe", Role::kCoordinator, "lakhe", "vp-tk", "vanphong@lakhe.example");
        AddUser("chutich.lakhe", Role::kLeader, "lakhe", "", "chutich@lakhe.example");
        AddUser("tuphap.lakhe", Role::kDepartmentOfficer, "lakhe", "tp-ht", "tuphap@lakhe.example");
        AddUser("hotich.lakhe", Role::kDepartmentOfficer, "lakhe", "tp-ht", "");
        AddUser("vanhoa.lakhe", Role::kDepartmentOfficer, "lakhe", "vh-xh", "");
        AddUser("xem.lakhe", Role::kViewer, "lakhe", "", "");
        AddUser("tuphap.baolam", Role::kDepartmentOfficer, "baolam", "tp-ht", "");
        AddUser("thamdinh", Role::kAppraiser, "", "", "");
        users_.users[users_.last_id].group_codes = {"hadong-wards"};
    }

    Result<UnitResult> Results(const std::string& unit, int year) {
        if (unit == "lakhe" && year == 2023) return LaKhe2023();
        return MakeError(ErrorCode::kNotFound,
                         "Đơn vị " + unit + " chưa có kết quả đánh giá năm " + std::to_string(year), "no results");
    }

    void AddUser(const std::string& name, Role role, const std::string& unit, const std::string& department,
                 const std::string& email) {
        User user;
        user.username = name;
        user.display_name = name;
        user.role = role;
        user.unit_code = unit;
        user.department_code = department;
        user.email = email;
        ASSERT_TRUE(users_.SaveUser(user).Ok());
    }

    Principal Who(const std::string& name) {
        for (const auto& [id, user] : users_.users) {
            if (user.username != name) continue;
            Principal who;
            who.user_id = id;
            who.username = user.username;
            who.role = user.role;
            who.unit_code = user.unit_code;
            who.department_code = user.department_code;
            who.group_codes = user.group_codes;
            who.address = "127.0.0.1";
            return who;
        }
        Principal admin;
        admin.user_id = 99;
        admin.username = name;
        admin.role = Role::kAdministrator;
        return admin;
    }

    PlanView Drafted() {
        const Principal coordinator = Who("vanphong.lakhe");
        auto view = service_.Draft(&coordinator, "lakhe", 2024);
        EXPECT_TRUE(view.Ok()) << (view.Ok() ? "" : view.GetError().message.vi);
        return view.Ok() ? *view : PlanView{};
    }

    const TaskView& TaskOf(const PlanView& view, const std::string& code) {
        for (const TaskView& task : view.tasks) {
            if (task.task.criteria.front() == code) return task;
        }
        throw std::runtime_error("no task " + code);
    }

    testing::MemoryStore store_;
    testing::MemoryPlanStore plans_;
    testing::MemoryAuthStore users_;
    FixedClock clock_;
    PlanService service_;
};

TEST_F(PlanServiceTest, DraftStoresThePlanAndItsFourteenTasksOnceAndAudits) {
    const PlanView view = Drafted();
    EXPECT_EQ(view.plan.revision, 1);
    EXPECT_EQ(view.plan.results_year, 2023);
    EXPECT_EQ(view.plan.status, PlanStatus::kDraft);
    ASSERT_EQ(view.tasks.size(), 14u);
    EXPECT_NE(view.tasks.front().task.id, 0);
    EXPECT_EQ(view.tasks.front().task.position, 1);
    EXPECT_EQ(view.tasks.front().due.state, DueState::kNotDue);
    EXPECT_EQ(view.tasks.front().due.due, Day("30/11/2024"));
    EXPECT_EQ(view.tasks.front().due.days_left, 274);
    EXPECT_EQ(TaskOf(view, "1.6").task.lead_department, "vp-tk");  // The coordinator's department.
    EXPECT_EQ(plans_.tasks.size(), 14u);
    EXPECT_EQ(users_.Actions(), (std::vector<std::string>{"plan.draft"}));
    EXPECT_EQ(users_.audit.back().username, "vanphong.lakhe");
    EXPECT_EQ(users_.audit.back().new_value, "14 tasks from 2023");

    const Principal coordinator = Who("vanphong.lakhe");
    auto again = service_.Draft(&coordinator, "lakhe", 2024);
    ASSERT_FALSE(again.Ok());
    EXPECT_EQ(again.GetError().code, ErrorCode::kConflict);

    auto replaced = service_.Draft(&coordinator, "lakhe", 2024, true);
    ASSERT_TRUE(replaced.Ok());
    EXPECT_EQ(replaced->plan.revision, 2);
    EXPECT_EQ(replaced->tasks.size(), 14u);
    EXPECT_EQ(plans_.tasks.size(), 14u);  // The old tasks are gone.
    EXPECT_GT(replaced->tasks.front().task.id, view.tasks.back().task.id);

    auto no_results = service_.Draft(&coordinator, "lakhe", 2025);
    ASSERT_FALSE(no_results.Ok());
    EXPECT_EQ(no_results.GetError().code, ErrorCode::kNotFound);
    EXPECT_FALSE(plans_.plans.count({"lakhe", 2025}));
}

TEST_F(PlanServiceTest, WhoMayDraftAndRead) {
    const Principal officer = Who("tuphap.lakhe");
    auto refused = service_.Draft(&officer, "lakhe", 2024);
    ASSERT_FALSE(refused.Ok());
    EXPECT_EQ(refused.GetError().code, ErrorCode::kForbidden);
    EXPECT_TRUE(plans_.plans.empty());

    // Before any plan: a reader gets 404, an outsider 403 (never learning what exists).
    const Principal outsider = Who("tuphap.baolam");
    EXPECT_EQ(service_.View(&outsider, "lakhe", 2024).GetError().code, ErrorCode::kForbidden);
    const Principal viewer = Who("xem.lakhe");
    EXPECT_EQ(service_.View(&viewer, "lakhe", 2024).GetError().code, ErrorCode::kNotFound);

    Drafted();
    EXPECT_EQ(service_.View(&viewer, "lakhe", 2024)->tasks.size(), 14u);
    const Principal appraiser = Who("thamdinh");
    EXPECT_TRUE(service_.View(&appraiser, "lakhe", 2024).Ok());
    EXPECT_EQ(service_.View(&outsider, "lakhe", 2024).GetError().code, ErrorCode::kForbidden);
    EXPECT_TRUE(service_.View(nullptr, "lakhe", 2024).Ok());  // The command line.
    auto results = service_.ResultsOf(&viewer, service_.View(&viewer, "lakhe", 2024)->plan);
    ASSERT_TRUE(results.Ok());
    EXPECT_EQ(results->lost_points.size(), 14u);
}

TEST_F(PlanServiceTest, SaveChecksTheRevisionAndIssueNeedsNumberAndDateThenFreezes) {
    const PlanView view = Drafted();
    const Principal coordinator = Who("vanphong.lakhe");
    Plan edited = view.plan;
    edited.signer.name = "Nguyễn Hữu Hiến";
    edited.signer.mode = SignerMode::kPersonal;
    edited.status = PlanStatus::kIssued;  // Ignored: only Issue issues.
    auto saved = service_.Save(&coordinator, edited);
    ASSERT_TRUE(saved.Ok()) << saved.GetError().message.vi;
    EXPECT_EQ(saved->revision, 2);
    EXPECT_EQ(saved->status, PlanStatus::kDraft);
    EXPECT_EQ(plans_.plans.at({"lakhe", 2024}).signer.name, "Nguyễn Hữu Hiến");
    EXPECT_EQ(users_.audit.back().action, "plan.save");
    EXPECT_EQ(users_.audit.back().field, "signer");
    EXPECT_EQ(users_.audit.back().new_value, "revision 2");

    // A second editor still holding revision 1.
    Plan stale = view.plan;
    stale.title = "Khác";
    auto conflict = service_.Save(&coordinator, stale);
    ASSERT_FALSE(conflict.Ok());
    EXPECT_EQ(conflict.GetError().code, ErrorCode::kConflict);
    EXPECT_EQ(conflict.GetError().details.at(0).field, "revision");

    Plan untitled = *saved;
    untitled.title = "";
    auto invalid = service_.Save(&coordinator, untitled);
    ASSERT_FALSE(invalid.Ok());
    EXPECT_EQ(invalid.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(invalid.GetError().details.at(0).path, "$.title");

    const Principal leader = Who("chutich.lakhe");
    auto missing = service_.Issue(&leader, "lakhe", 2024);
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.GetError().code, ErrorCode::kInvalidInput);
    ASSERT_EQ(missing.GetError().details.size(), 2u);
    EXPECT_EQ(missing.GetError().details[0].field, "number");
    EXPECT_EQ(missing.GetError().details[1].field, "date");

    Plan numbered = *saved;
    numbered.number = "52";
    numbered.date = Day("05/03/2024");
    ASSERT_TRUE(service_.Save(&coordinator, numbered).Ok());
    EXPECT_EQ(service_.Issue(&coordinator, "lakhe", 2024).GetError().code, ErrorCode::kForbidden);
    auto issued = service_.Issue(&leader, "lakhe", 2024);
    ASSERT_TRUE(issued.Ok()) << issued.GetError().message.vi;
    EXPECT_EQ(issued->status, PlanStatus::kIssued);
    EXPECT_EQ(issued->issued_at, clock_.Now());
    EXPECT_EQ(issued->revision, 4);
    EXPECT_EQ(users_.audit.back().action, "plan.issue");
    EXPECT_EQ(users_.audit.back().new_value, "issued 52/KH-UBND 05/03/2024");

    Plan late = *issued;
    late.title = "Sửa sau khi ban hành";
    EXPECT_EQ(service_.Save(&leader, late).GetError().code, ErrorCode::kConflict);
    EXPECT_EQ(service_.Issue(&leader, "lakhe", 2024).GetError().code, ErrorCode::kConflict);
    EXPECT_EQ(service_.Draft(&leader, "lakhe", 2024, true).GetError().code, ErrorCode::kConflict);
    const std::int64_t first = service_.View(&leader, "lakhe", 2024)->tasks.front().task.id;
    EXPECT_EQ(service_.DeleteTask(&leader, first).GetError().code, ErrorCode::kConflict);
    EXPECT_EQ(plans_.tasks.size(), 14u);
}

TEST_F(PlanServiceTest, SaveTaskValidatesAgainstTheUnitTheFrameworkAndTheRecurrence) {
    Drafted();
    const Principal coordinator = Who("vanphong.lakhe");
    PlanTask task;
    task.unit_code = "lakhe";
    task.year = 2024;
    task.title = "Xây dựng mô hình sáng kiến";
    task.criteria = {"1.6", "9.9"};
    task.lead_department = "kt";
    task.lead_user = "tuphap.baolam";
    task.progress = 150;
    auto invalid = service_.SaveTask(&coordinator, task);
    ASSERT_FALSE(invalid.Ok());
    EXPECT_EQ(invalid.GetError().code, ErrorCode::kInvalidInput);
    std::vector<std::string> fields;
    for (const ErrorDetail& detail : invalid.GetError().details) fields.push_back(detail.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"lead_department", "lead_user", "criteria", "deadline", "progress"}));
    EXPECT_EQ(invalid.GetError().details[2].value, "9.9");

    task.criteria = {"1.6"};
    task.lead_department = "tp-ht";
    task.lead_user = "vanhoa.lakhe";
    task.progress = 0;
    task.recurrence = Recurrence::kMonthly;  // No deadline needed.
    auto added = service_.SaveTask(&coordinator, task);
    ASSERT_TRUE(added.Ok()) << added.GetError().message.vi;
    EXPECT_NE(added->id, 0);
    EXPECT_EQ(added->position, 15);
    EXPECT_EQ(users_.audit.back().action, "task.save");
    EXPECT_EQ(users_.audit.back().node_code, "1.6");

    PlanTask edited = *added;
    edited.unit_code = "baolam";  // Ignored: a task stays in its plan.
    edited.deadline = Day("15/06/2024");
    auto saved = service_.SaveTask(&coordinator, edited);
    ASSERT_TRUE(saved.Ok());
    EXPECT_EQ(saved->unit_code, "lakhe");
    EXPECT_EQ(plans_.tasks.at(added->id).deadline, Day("15/06/2024"));
    EXPECT_EQ(users_.audit.back().field, "deadline");

    const Principal officer = Who("tuphap.lakhe");
    EXPECT_EQ(service_.SaveTask(&officer, edited).GetError().code, ErrorCode::kForbidden);
    PlanTask orphan = task;
    orphan.year = 2030;
    EXPECT_EQ(service_.SaveTask(&coordinator, orphan).GetError().code, ErrorCode::kNotFound);

    EXPECT_TRUE(service_.DeleteTask(&coordinator, added->id).Ok());
    EXPECT_EQ(plans_.tasks.count(added->id), 0u);
    EXPECT_EQ(users_.audit.back().action, "task.delete");
    EXPECT_EQ(service_.DeleteTask(&coordinator, added->id).GetError().code, ErrorCode::kNotFound);
}

TEST_F(PlanServiceTest, UpdatesAreAppendedByTheLeadDepartmentOrTheNamedOfficer) {
    const PlanView view = Drafted();
    const std::int64_t justice = TaskOf(view, "2.1").task.id;  // Led by Tư pháp – Hộ tịch.
    const std::int64_t office = TaskOf(view, "1.6").task.id;   // Led by Văn phòng.
    const Principal officer = Who("tuphap.lakhe");
    const std::string sha(64, 'a');

    auto first = service_.UpdateTask(&officer, justice, TaskStatus::kInProgress, 40, "Đã rà soát 12 văn bản", {sha});
    ASSERT_TRUE(first.Ok()) << first.GetError().message.vi;
    EXPECT_EQ(first->username, "tuphap.lakhe");
    EXPECT_EQ(first->at, clock_.Now());
    EXPECT_EQ(plans_.tasks.at(justice).status, TaskStatus::kInProgress);
    EXPECT_EQ(plans_.tasks.at(justice).progress, 40);
    EXPECT_EQ(users_.audit.back().action, "task.update");
    EXPECT_EQ(users_.audit.back().old_value, "not_started 0%");
    EXPECT_EQ(users_.audit.back().new_value, "in_progress 40% (Đã rà soát 12 văn bản)");

    EXPECT_EQ(service_.UpdateTask(&officer, office, TaskStatus::kInProgress, 10, "", {}).GetError().code,
              ErrorCode::kForbidden);
    const Principal named = Who("vanhoa.lakhe");
    PlanTask assigned = plans_.tasks.at(office);
    assigned.lead_user = "vanhoa.lakhe";
    ASSERT_TRUE(service_.SaveTask(nullptr, assigned).Ok());
    EXPECT_TRUE(service_.UpdateTask(&named, office, TaskStatus::kInProgress, 10, "", {}).Ok());
    const Principal viewer = Who("xem.lakhe");
    EXPECT_EQ(service_.UpdateTask(&viewer, justice, TaskStatus::kDone, 100, "", {}).GetError().code,
              ErrorCode::kForbidden);

    auto bad = service_.UpdateTask(&officer, justice, TaskStatus::kInProgress, 101, "", {"not-a-hash"});
    ASSERT_FALSE(bad.Ok());
    EXPECT_EQ(bad.GetError().details.size(), 2u);
    EXPECT_EQ(bad.GetError().details[1].path, "$.evidence[0]");

    clock_.Set(MorningOf("02/03/2024"));
    auto done = service_.UpdateTask(&officer, justice, TaskStatus::kDone, 80, "Hoàn thành", {});
    ASSERT_TRUE(done.Ok());
    EXPECT_EQ(done->progress, 100);  // Done is 100%.
    EXPECT_EQ(plans_.tasks.at(justice).status, TaskStatus::kDone);
    EXPECT_EQ(plans_.tasks.at(justice).progress, 100);

    auto updates = service_.Updates(&viewer, justice);
    ASSERT_TRUE(updates.Ok());
    ASSERT_EQ(updates->size(), 2u);
    EXPECT_EQ((*updates)[0].note, "Đã rà soát 12 văn bản");
    EXPECT_EQ((*updates)[0].evidence, (std::vector<std::string>{sha}));
    EXPECT_EQ((*updates)[1].status, TaskStatus::kDone);
    auto task_view = service_.ViewTask(&viewer, justice);
    ASSERT_TRUE(task_view.Ok());
    ASSERT_TRUE(task_view->last_update.has_value());
    EXPECT_EQ(task_view->last_update->note, "Hoàn thành");
    EXPECT_EQ(service_.ViewTask(&viewer, 9999).GetError().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.Updates(&viewer, 9999).GetError().code, ErrorCode::kNotFound);
    const Principal outsider = Who("tuphap.baolam");
    EXPECT_EQ(service_.Updates(&outsider, justice).GetError().code, ErrorCode::kForbidden);
}

TEST_F(PlanServiceTest, MyTasksOverdueAndProgressByDepartmentAndCriterion) {
    const PlanView view = Drafted();
    const Principal officer = Who("tuphap.lakhe");
    const std::int64_t justice = TaskOf(view, "2.1").task.id;
    const std::int64_t law = TaskOf(view, "2.3").task.id;
    const std::int64_t finance = TaskOf(view, "1.9").task.id;
    PlanTask named = plans_.tasks.at(finance);
    named.lead_user = "tuphap.lakhe";
    named.deadline = Day("31/05/2024");
    ASSERT_TRUE(service_.SaveTask(nullptr, named).Ok());
    PlanTask early = plans_.tasks.at(law);
    early.deadline = Day("30/04/2024");
    ASSERT_TRUE(service_.SaveTask(nullptr, early).Ok());

    auto mine = service_.MyTasks(officer, 2024);
    ASSERT_TRUE(mine.Ok());
    std::vector<std::string> codes;
    for (const TaskView& task : *mine) codes.push_back(task.task.criteria.front());
    EXPECT_EQ(codes, (std::vector<std::string>{"1.9", "2.1", "2.3"}));
    EXPECT_EQ(service_.MyTasks(Who("chutich.lakhe"), 2024)->size(), 14u);
    EXPECT_TRUE(service_.MyTasks(Who("xem.lakhe"), 2024)->empty());

    ASSERT_TRUE(service_.UpdateTask(&officer, justice, TaskStatus::kDone, 100, "", {}).Ok());
    ASSERT_TRUE(service_.UpdateTask(&officer, finance, TaskStatus::kInProgress, 50, "", {}).Ok());

    clock_.Set(MorningOf("03/06/2024"));  // 2.3 due 30/04 and 1.9 due 31/05 are overdue; the rest 30/11.
    auto overdue = service_.Overdue(&officer, 2024);
    ASSERT_TRUE(overdue.Ok());
    ASSERT_EQ(overdue->size(), 2u);
    EXPECT_EQ((*overdue)[0].task.id, law);  // Most overdue first.
    EXPECT_EQ((*overdue)[0].due.days_left, -34);
    EXPECT_EQ((*overdue)[1].task.id, finance);
    EXPECT_EQ(service_.Overdue(nullptr, 2024)->size(), 2u);
    const Principal outsider = Who("tuphap.baolam");
    EXPECT_TRUE(service_.Overdue(&outsider, 2024)->empty());  // Plans it may not read are skipped.

    auto progress = service_.Progress(&officer, "lakhe", 2024);
    ASSERT_TRUE(progress.Ok());
    EXPECT_EQ(progress->tasks, 14);
    EXPECT_EQ(progress->done, 1);
    EXPECT_EQ(progress->overdue, 2);
    EXPECT_EQ(progress->mean_progress, 11);  // (100 + 50) / 14 = 10.7
    ASSERT_EQ(progress->by_department.size(), 3u);
    EXPECT_EQ(progress->by_department[0].key, "vp-tk");
    EXPECT_EQ(progress->by_department[0].tasks, 11);
    EXPECT_EQ(progress->by_department[1].key, "tp-ht");
    EXPECT_EQ(progress->by_department[1].name, "Tư pháp – Hộ tịch");
    EXPECT_EQ(progress->by_department[1].tasks, 2);
    EXPECT_EQ(progress->by_department[1].done, 1);
    EXPECT_EQ(progress->by_department[1].overdue, 1);
    EXPECT_EQ(progress->by_department[1].mean_progress, 50);
    EXPECT_EQ(progress->by_department[2].key, "tc-kt");
    EXPECT_EQ(progress->by_department[2].mean_progress, 50);
    ASSERT_EQ(progress->by_criterion.size(), 14u);
    EXPECT_EQ(progress->by_criterion[0].key, "1.6");
    EXPECT_EQ(progress->by_criterion[11].key, "2.1");
    EXPECT_EQ(progress->by_criterion[11].name, "Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của cấp trên");
    EXPECT_EQ(progress->by_criterion[11].mean_progress, 100);
}

TEST_F(PlanServiceTest, RemindersGoToTheLeadOfficersThenEscalateOnceEach) {
    Drafted();
    // Only 2.1 (Tư pháp, nobody named) and 1.9 (named: vanhoa.lakhe) stay open.
    for (auto& [id, task] : plans_.tasks) {
        const std::string code = task.criteria.front();
        if (code == "2.1") continue;
        if (code == "1.9") {
            task.lead_user = "vanhoa.lakhe";
            task.recurrence = Recurrence::kOngoing;
            continue;
        }
        task.status = TaskStatus::kCancelled;
    }
    clock_.Set(MorningOf("25/11/2024"));
    auto soon = service_.RunReminders(2024);
    ASSERT_TRUE(soon.Ok());
    EXPECT_EQ(soon->notifications, 2);  // tuphap.lakhe and hotich.lakhe (both of Tư pháp); 1.9 is ongoing.
    EXPECT_EQ(soon->emails, 2);
    auto tuphap = service_.Notifications(Who("tuphap.lakhe"), false);
    ASSERT_EQ(tuphap->size(), 1u);
    EXPECT_EQ(tuphap->front().kind, ReminderKind::kDueSoon);
    EXPECT_EQ(tuphap->front().due, Day("30/11/2024"));
    EXPECT_EQ(tuphap->front().text.vi,
              "Nhiệm vụ \"Khắc phục tiêu chí 2.1 Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của cấp "
              "trên\" của Phường La Khê đến hạn ngày 30/11/2024 (còn 5 ngày).");

    auto again = service_.RunReminders(2024);
    ASSERT_TRUE(again.Ok());
    EXPECT_EQ(again->notifications, 0);
    EXPECT_EQ(again->emails, 0);

    clock_.Set(MorningOf("03/12/2024"));
    auto late = service_.RunReminders(2024);
    ASSERT_TRUE(late.Ok());
    EXPECT_EQ(late->notifications, 4);  // Overdue to the two officers, escalation to the coordinator and leader.
    EXPECT_EQ(late->emails, 4);
    tuphap = service_.Notifications(Who("tuphap.lakhe"), false);
    ASSERT_EQ(tuphap->size(), 2u);
    EXPECT_EQ(tuphap->front().kind, ReminderKind::kOverdue);  // Newest first.
    EXPECT_EQ(tuphap->front().text.vi,
              "Nhiệm vụ \"Khắc phục tiêu chí 2.1 Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của cấp "
              "trên\" của Phường La Khê quá hạn từ 30/11/2024 (3 ngày).");
    EXPECT_EQ(tuphap->front().text.en,
              "The task \"Khắc phục tiêu chí 2.1 Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của cấp "
              "trên\" of Phường La Khê is overdue since 30/11/2024 (3 days).");
    auto leader = service_.Notifications(Who("chutich.lakhe"), true);
    ASSERT_EQ(leader->size(), 1u);
    EXPECT_EQ(leader->front().kind, ReminderKind::kEscalation);
    EXPECT_NE(leader->front().text.vi.find("(chủ trì: Tư pháp – Hộ tịch) quá hạn từ 30/11/2024 (3 ngày)"),
              std::string::npos);
    EXPECT_TRUE(service_.Notifications(Who("vanhoa.lakhe"), false)->empty());
    EXPECT_TRUE(service_.Notifications(Who("xem.lakhe"), false)->empty());

    // One email per notification, to the user's address; none kept unsent when there is no address.
    ASSERT_EQ(plans_.emails.size(), 6u);
    for (const OutboxEmail& email : plans_.emails) {
        if (email.to_username == "tuphap.lakhe") {
            EXPECT_EQ(email.to_address, "tuphap@lakhe.example");
        }
        if (email.to_username == "hotich.lakhe") {
            EXPECT_EQ(email.to_address, "");
        }
        EXPECT_FALSE(email.sent_at.has_value());
    }
    EXPECT_EQ(plans_.emails.back().subject,
              "[ParIndex] Nhiệm vụ quá hạn cần đôn đốc: Khắc phục tiêu chí 2.1 Tổ chức thực hiện các VBQPPL, văn bản "
              "quản lý điều hành của cấp trên");
    EXPECT_NE(plans_.emails.back().body.find("quá hạn từ 30/11/2024"), std::string::npos);
    EXPECT_EQ(service_.RunReminders(2024)->notifications, 0);

    // Reading: only one's own notifications.
    const std::int64_t id = leader->front().id;
    EXPECT_EQ(service_.MarkRead(Who("tuphap.lakhe"), id).GetError().code, ErrorCode::kNotFound);
    EXPECT_TRUE(service_.MarkRead(Who("chutich.lakhe"), id).Ok());
    EXPECT_TRUE(service_.Notifications(Who("chutich.lakhe"), true)->empty());
    EXPECT_EQ(service_.Notifications(Who("chutich.lakhe"), false)->size(), 1u);
}

TEST_F(PlanServiceTest, ANamedOfficerAloneIsReminded) {
    Drafted();
    for (auto& [id, task] : plans_.tasks) {
        if (task.criteria.front() == "2.3") {
            task.lead_user = "vanhoa.lakhe";
        } else {
            task.status = TaskStatus::kDone;
        }
    }
    clock_.Set(MorningOf("28/11/2024"));
    auto run = service_.RunReminders(2024);
    ASSERT_TRUE(run.Ok());
    EXPECT_EQ(run->notifications, 1);
    EXPECT_EQ(service_.Notifications(Who("vanhoa.lakhe"), false)->size(), 1u);
    EXPECT_TRUE(service_.Notifications(Who("tuphap.lakhe"), false)->empty());
    EXPECT_EQ(plans_.emails.front().to_address, "");  // Kept in the outbox: no address.
}

}  // namespace
}  // namespace parindex
