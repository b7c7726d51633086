// The PlanStore half of the SQLite store: plans with every field, tasks, updates, notifications and the outbox
// (keys deduplicate), users' email; and the plan service on a real file (draft, rollback, reminders).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "domain/plan_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

system_clock::time_point At(std::int64_t unix_seconds) { return system_clock::time_point(seconds(unix_seconds)); }

class SqlitePlanStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/parindex-plans-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        dir_ = pattern;
        auto opened = SqliteStore::Open(dir_ + "/parindex.db", clock_);
        ASSERT_TRUE(opened) << opened.GetError().message.en;
        db_ = std::move(*opened);
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(dir_);
    }

    static Plan FullPlan() {
        Plan plan;
        plan.unit_code = "lakhe";
        plan.year = 2024;
        plan.results_year = 2023;
        plan.authority = "UBND QUẬN HÀ ĐÔNG";
        plan.issuer = "ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ";
        plan.number = "52";
        plan.number_suffix = "KH-UBND";
        plan.place = "La Khê";
        plan.date = Day("05/03/2024");
        plan.title = "Cải thiện, nâng cao Chỉ số cải cách hành chính";
        plan.basis = {"Thực hiện Quyết định số 7564/QĐ-UBND ngày 29/12/2023;", "Để tiếp tục \"duy trì\"\\ phát huy"};
        plan.purposes = {"Mục đích 1", ""};
        plan.requirements = {"Yêu cầu\ncó xuống dòng\tvà tab"};
        plan.causes = {"Sáng kiến không được công nhận (tiêu chí 1.6)."};
        plan.progress = {};
        plan.solutions = {"Giải pháp 1", "Giải pháp 2", std::string("ký tự \x01 lạ")};
        plan.responsibilities = {
            DepartmentDuty{"vp-tk", "Công chức Văn phòng – Thống kê", {"Nhiệm vụ 1", "Nhiệm vụ 2"}},
            DepartmentDuty{"", "Các bộ phận chuyên môn", {}}};
        plan.closing = "Trên đây là Kế hoạch …/.";
        plan.recipients = {"Phòng Nội vụ quận Hà Đông;", "Lưu: VT."};
        plan.signer.mode = SignerMode::kDeputy;
        plan.signer.collective = "ỦY BAN NHÂN DÂN";
        plan.signer.title = "CHỦ TỊCH";
        plan.signer.deputy_title = "PHÓ CHỦ TỊCH";
        plan.signer.name = "Nguyễn Hữu Hiến";
        plan.status = PlanStatus::kIssued;
        plan.issued_at = At(1709600000);
        plan.revision = 7;
        return plan;
    }

    static PlanTask Task(const char* unit, int year, int position, const char* title) {
        PlanTask task;
        task.unit_code = unit;
        task.year = year;
        task.position = position;
        task.title = title;
        task.deadline = Day("30/11/2024");
        return task;
    }

    FixedClock clock_{At(1709251200)};  // 2024-03-01
    std::string dir_;
    std::unique_ptr<SqliteStore> db_;
};

void ExpectSamePlan(const Plan& a, const Plan& b) {
    EXPECT_EQ(a.unit_code, b.unit_code);
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.results_year, b.results_year);
    EXPECT_EQ(a.authority, b.authority);
    EXPECT_EQ(a.issuer, b.issuer);
    EXPECT_EQ(a.number, b.number);
    EXPECT_EQ(a.number_suffix, b.number_suffix);
    EXPECT_EQ(a.place, b.place);
    EXPECT_EQ(a.date, b.date);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.basis, b.basis);
    EXPECT_EQ(a.purposes, b.purposes);
    EXPECT_EQ(a.requirements, b.requirements);
    EXPECT_EQ(a.causes, b.causes);
    EXPECT_EQ(a.progress, b.progress);
    EXPECT_EQ(a.solutions, b.solutions);
    ASSERT_EQ(a.responsibilities.size(), b.responsibilities.size());
    for (std::size_t i = 0; i < a.responsibilities.size(); ++i) {
        EXPECT_EQ(a.responsibilities[i].department_code, b.responsibilities[i].department_code);
        EXPECT_EQ(a.responsibilities[i].heading, b.responsibilities[i].heading);
        EXPECT_EQ(a.responsibilities[i].duties, b.responsibilities[i].duties);
    }
    EXPECT_EQ(a.closing, b.closing);
    EXPECT_EQ(a.recipients, b.recipients);
    EXPECT_EQ(a.signer.mode, b.signer.mode);
    EXPECT_EQ(a.signer.collective, b.signer.collective);
    EXPECT_EQ(a.signer.title, b.signer.title);
    EXPECT_EQ(a.signer.deputy_title, b.signer.deputy_title);
    EXPECT_EQ(a.signer.name, b.signer.name);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.issued_at, b.issued_at);
    EXPECT_EQ(a.revision, b.revision);
}

TEST_F(SqlitePlanStoreTest, APlanRoundTripsEveryFieldAndSavingAgainReplacesIt) {
    EXPECT_GE(db_->SchemaVersion(), 4);
    const Plan plan = FullPlan();
    ASSERT_TRUE(db_->SavePlan(plan));
    auto found = db_->FindPlan("lakhe", 2024);
    ASSERT_TRUE(found);
    ASSERT_TRUE(found->has_value());
    ExpectSamePlan(**found, plan);

    Plan draft = plan;
    draft.date.reset();
    draft.issued_at.reset();
    draft.status = PlanStatus::kDraft;
    draft.signer.mode = SignerMode::kPersonal;
    draft.responsibilities.pop_back();
    draft.basis.clear();
    draft.revision = 8;
    ASSERT_TRUE(db_->SavePlan(draft));
    ExpectSamePlan(**db_->FindPlan("lakhe", 2024), draft);
    EXPECT_FALSE(db_->FindPlan("lakhe", 2025)->has_value());

    Plan other = draft;
    other.unit_code = "baolam";
    ASSERT_TRUE(db_->SavePlan(other));
    Plan next = draft;
    next.year = 2025;
    ASSERT_TRUE(db_->SavePlan(next));
    auto all = db_->ListPlans(std::nullopt);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].unit_code, "baolam");
    EXPECT_EQ((*all)[1].year, 2024);
    EXPECT_EQ((*all)[2].year, 2025);
    EXPECT_EQ((*all)[1].responsibilities.size(), 1u);
    EXPECT_EQ(db_->ListPlans(2025)->size(), 1u);
}

TEST_F(SqlitePlanStoreTest, TasksRoundTripAndOpenTasksAreListedByUnitThenPosition) {
    ASSERT_TRUE(db_->SavePlan(FullPlan()));
    Plan other = FullPlan();
    other.unit_code = "baolam";
    ASSERT_TRUE(db_->SavePlan(other));

    PlanTask task = Task("lakhe", 2024, 2, "Khắc phục tiêu chí 2.1");
    task.criteria = {"2.1", "2.3"};
    task.lead_department = "tp-ht";
    task.lead_user = "tuphap.lakhe";
    task.cooperating = {"Các bộ phận", "Đoàn thanh niên"};
    task.recurrence = Recurrence::kMonthly;
    task.deadline = Day("10/01/2024");
    task.expected_output = "Báo cáo";
    task.cause = "Chưa rà soát";
    task.solution = "Rà soát hằng tháng";
    task.status = TaskStatus::kInProgress;
    task.progress = 40;
    auto id = db_->SaveTask(task);
    ASSERT_TRUE(id);
    task.id = *id;
    auto found = db_->FindTask(task.id);
    ASSERT_TRUE(found && found->has_value());
    const PlanTask& back = **found;
    EXPECT_EQ(back.unit_code, "lakhe");
    EXPECT_EQ(back.year, 2024);
    EXPECT_EQ(back.position, 2);
    EXPECT_EQ(back.title, task.title);
    EXPECT_EQ(back.criteria, task.criteria);
    EXPECT_EQ(back.lead_department, "tp-ht");
    EXPECT_EQ(back.lead_user, "tuphap.lakhe");
    EXPECT_EQ(back.cooperating, task.cooperating);
    EXPECT_EQ(back.recurrence, Recurrence::kMonthly);
    EXPECT_EQ(back.deadline, Day("10/01/2024"));
    EXPECT_EQ(back.expected_output, "Báo cáo");
    EXPECT_EQ(back.cause, "Chưa rà soát");
    EXPECT_EQ(back.solution, "Rà soát hằng tháng");
    EXPECT_EQ(back.status, TaskStatus::kInProgress);
    EXPECT_EQ(back.progress, 40);

    PlanTask ongoing = Task("lakhe", 2024, 1, "Thường xuyên");
    ongoing.recurrence = Recurrence::kOngoing;
    ongoing.deadline.reset();
    const std::int64_t ongoing_id = *db_->SaveTask(ongoing);
    EXPECT_FALSE((*db_->FindTask(ongoing_id))->deadline.has_value());
    PlanTask done = Task("lakhe", 2024, 3, "Xong");
    done.status = TaskStatus::kDone;
    done.progress = 100;
    ASSERT_TRUE(db_->SaveTask(done));
    ASSERT_TRUE(db_->SaveTask(Task("baolam", 2024, 1, "Bảo Lâm")));
    PlanTask cancelled = Task("baolam", 2024, 2, "Bỏ");
    cancelled.status = TaskStatus::kCancelled;
    ASSERT_TRUE(db_->SaveTask(cancelled));

    auto listed = db_->ListTasks("lakhe", 2024);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 3u);
    EXPECT_EQ((*listed)[0].title, "Thường xuyên");
    EXPECT_EQ((*listed)[1].id, task.id);
    EXPECT_EQ((*listed)[2].title, "Xong");
    auto open = db_->ListOpenTasks(2024);
    ASSERT_TRUE(open);
    std::vector<std::string> titles;
    for (const PlanTask& t : *open) titles.push_back(t.title);
    EXPECT_EQ(titles, (std::vector<std::string>{"Bảo Lâm", "Thường xuyên", "Khắc phục tiêu chí 2.1"}));
    EXPECT_TRUE(db_->ListOpenTasks(2025)->empty());

    task.title = "Đổi tên";
    task.progress = 60;
    ASSERT_EQ(*db_->SaveTask(task), task.id);
    EXPECT_EQ((*db_->FindTask(task.id))->title, "Đổi tên");
    PlanTask missing = task;
    missing.id = 9999;
    EXPECT_EQ(db_->SaveTask(missing).GetError().code, ErrorCode::kNotFound);
    // A task needs its plan.
    EXPECT_FALSE(db_->SaveTask(Task("khong-co", 2024, 1, "Mồ côi")).Ok());
}

TEST_F(SqlitePlanStoreTest, UpdatesAreKeptInOrderAndGoWithTheirTask) {
    ASSERT_TRUE(db_->SavePlan(FullPlan()));
    const std::int64_t task_id = *db_->SaveTask(Task("lakhe", 2024, 1, "Khắc phục"));
    const std::string sha(64, 'b');
    TaskUpdate later;
    later.task_id = task_id;
    later.at = At(1709300000);
    later.username = "tuphap.lakhe";
    later.status = TaskStatus::kDone;
    later.progress = 100;
    later.note = "Hoàn thành";
    later.evidence = {sha, std::string(64, 'c')};
    TaskUpdate earlier = later;
    earlier.at = At(1709200000);
    earlier.status = TaskStatus::kInProgress;
    earlier.progress = 30;
    earlier.note = "Bắt đầu";
    earlier.evidence = {};
    const std::int64_t first = *db_->AppendTaskUpdate(later);
    const std::int64_t second = *db_->AppendTaskUpdate(earlier);
    EXPECT_NE(first, second);
    TaskUpdate same_time = later;
    same_time.note = "Cùng lúc";
    ASSERT_TRUE(db_->AppendTaskUpdate(same_time));

    auto updates = db_->ListTaskUpdates(task_id);
    ASSERT_TRUE(updates);
    ASSERT_EQ(updates->size(), 3u);
    EXPECT_EQ((*updates)[0].note, "Bắt đầu");  // Oldest first, by time then id.
    EXPECT_EQ((*updates)[0].id, second);
    EXPECT_EQ((*updates)[0].status, TaskStatus::kInProgress);
    EXPECT_TRUE((*updates)[0].evidence.empty());
    EXPECT_EQ((*updates)[1].note, "Hoàn thành");
    EXPECT_EQ((*updates)[1].task_id, task_id);
    EXPECT_EQ((*updates)[1].at, At(1709300000));
    EXPECT_EQ((*updates)[1].username, "tuphap.lakhe");
    EXPECT_EQ((*updates)[1].progress, 100);
    EXPECT_EQ((*updates)[1].evidence, (std::vector<std::string>{sha, std::string(64, 'c')}));
    EXPECT_EQ((*updates)[2].note, "Cùng lúc");

    ASSERT_TRUE(db_->DeleteTask(task_id));
    EXPECT_FALSE(db_->FindTask(task_id)->has_value());
    EXPECT_TRUE(db_->ListTaskUpdates(task_id)->empty());
}

TEST_F(SqlitePlanStoreTest, NotificationsAndEmailsAreDeduplicatedByKey) {
    Notification n;
    n.username = "tuphap.lakhe";
    n.created_at = At(1709251200);
    n.kind = ReminderKind::kOverdue;
    n.unit_code = "lakhe";
    n.year = 2024;
    n.task_id = 12;
    n.due = Day("30/11/2024");
    n.text = Text{"Nhiệm vụ \"A\" quá hạn", "The task \"A\" is overdue"};
    n.key = "overdue:12:2024-11-30:tuphap.lakhe";
    EXPECT_TRUE(*db_->AddNotification(n));
    EXPECT_FALSE(*db_->AddNotification(n));
    Notification newer = n;
    newer.kind = ReminderKind::kEscalation;
    newer.created_at = At(1709260000);
    newer.key = "escalation:12:2024-11-30:tuphap.lakhe";
    EXPECT_TRUE(*db_->AddNotification(newer));
    Notification someone_else = n;
    someone_else.username = "chutich.lakhe";
    someone_else.key = "overdue:12:2024-11-30:chutich.lakhe";
    EXPECT_TRUE(*db_->AddNotification(someone_else));

    auto mine = db_->ListNotifications("tuphap.lakhe", false);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 2u);
    EXPECT_EQ((*mine)[0].kind, ReminderKind::kEscalation);  // Newest first.
    const Notification& back = (*mine)[1];
    EXPECT_EQ(back.username, "tuphap.lakhe");
    EXPECT_EQ(back.created_at, At(1709251200));
    EXPECT_EQ(back.kind, ReminderKind::kOverdue);
    EXPECT_EQ(back.unit_code, "lakhe");
    EXPECT_EQ(back.year, 2024);
    EXPECT_EQ(back.task_id, 12);
    EXPECT_EQ(back.due, Day("30/11/2024"));
    EXPECT_EQ(back.text.vi, "Nhiệm vụ \"A\" quá hạn");
    EXPECT_EQ(back.text.en, "The task \"A\" is overdue");
    EXPECT_FALSE(back.read_at.has_value());
    EXPECT_EQ(back.key, n.key);

    EXPECT_EQ(db_->MarkNotificationRead("chutich.lakhe", back.id, At(1709270000)).GetError().code,
              ErrorCode::kNotFound);
    ASSERT_TRUE(db_->MarkNotificationRead("tuphap.lakhe", back.id, At(1709270000)));
    ASSERT_TRUE(db_->MarkNotificationRead("tuphap.lakhe", back.id, At(1709280000)));  // The first read stays.
    auto unread = db_->ListNotifications("tuphap.lakhe", true);
    ASSERT_EQ(unread->size(), 1u);
    EXPECT_EQ((*unread)[0].kind, ReminderKind::kEscalation);
    EXPECT_EQ((*db_->ListNotifications("tuphap.lakhe", false))[1].read_at, At(1709270000));

    OutboxEmail email;
    email.to_username = "tuphap.lakhe";
    email.to_address = "tuphap@lakhe.example";
    email.subject = "[ParIndex] Nhiệm vụ quá hạn: A";
    email.body = "Kính gửi …\n\nNhiệm vụ \"A\" quá hạn";
    email.created_at = At(1709251200);
    email.key = n.key;
    EXPECT_TRUE(*db_->AddEmail(email));
    EXPECT_FALSE(*db_->AddEmail(email));
    OutboxEmail no_address = email;
    no_address.to_username = "hotich.lakhe";
    no_address.to_address = "";
    no_address.key = "overdue:12:2024-11-30:hotich.lakhe";
    no_address.created_at = At(1709251300);
    EXPECT_TRUE(*db_->AddEmail(no_address));

    auto outbox = db_->ListOutbox(true);
    ASSERT_TRUE(outbox);
    ASSERT_EQ(outbox->size(), 2u);
    const OutboxEmail& first = (*outbox)[0];
    EXPECT_EQ(first.to_username, "tuphap.lakhe");
    EXPECT_EQ(first.to_address, "tuphap@lakhe.example");
    EXPECT_EQ(first.subject, email.subject);
    EXPECT_EQ(first.body, email.body);
    EXPECT_EQ(first.created_at, At(1709251200));
    EXPECT_FALSE(first.sent_at.has_value());
    EXPECT_EQ(first.attempts, 0);
    EXPECT_EQ(first.key, n.key);

    ASSERT_TRUE(db_->RecordEmailAttempt(first.id, std::nullopt, "SMTP 421"));
    EXPECT_EQ((*db_->ListOutbox(true))[0].attempts, 1);
    EXPECT_EQ((*db_->ListOutbox(true))[0].last_error, "SMTP 421");
    ASSERT_TRUE(db_->RecordEmailAttempt(first.id, At(1709252000), ""));
    EXPECT_EQ(db_->ListOutbox(true)->size(), 1u);
    auto everything = db_->ListOutbox(false);
    ASSERT_EQ(everything->size(), 2u);
    EXPECT_EQ((*everything)[0].sent_at, At(1709252000));
    EXPECT_EQ((*everything)[0].attempts, 2);
    EXPECT_EQ(db_->RecordEmailAttempt(9999, std::nullopt, "x").GetError().code, ErrorCode::kNotFound);
}

TEST_F(SqlitePlanStoreTest, UsersKeepTheirEmail) {
    User user;
    user.username = "tuphap.lakhe";
    user.role = Role::kDepartmentOfficer;
    user.unit_code = "lakhe";
    user.department_code = "tp-ht";
    user.email = "tuphap@lakhe.example";
    user.password_hash = "x";
    const std::int64_t id = *db_->SaveUser(user);
    EXPECT_EQ((*db_->FindUserById(id))->email, "tuphap@lakhe.example");
    user.id = id;
    user.email = "";
    ASSERT_TRUE(db_->SaveUser(user));
    EXPECT_EQ((*db_->FindUserByName("tuphap.lakhe"))->email, "");
}

TEST_F(SqlitePlanStoreTest, TheServiceDraftsOnSqliteAndAFailedStepLeavesNothing) {
    Unit unit;
    unit.code = "lakhe";
    unit.name = "Phường La Khê";
    unit.departments = {{"vp-tk", "Văn phòng – Thống kê"}, {"tp-ht", "Tư pháp – Hộ tịch"}};
    ASSERT_TRUE(db_->SaveUnit(unit));
    User officer;
    officer.username = "tuphap.lakhe";
    officer.role = Role::kDepartmentOfficer;
    officer.unit_code = "lakhe";
    officer.department_code = "tp-ht";
    officer.email = "tuphap@lakhe.example";
    officer.password_hash = "x";
    ASSERT_TRUE(db_->SaveUser(officer));

    UnitResult results;
    results.unit_code = "lakhe";
    results.year = 2023;
    results.lost_points = {
        LostPoint{"2.1", "Tổ chức thực hiện VBQPPL", "2", *Decimal::Parse("0.75"), *Decimal::Parse("1"),
                  *Decimal::Parse("0.25"), "", "Bộ phận tư pháp"},
        LostPoint{"6.6", "Hồ sơ công việc điện tử", "6", *Decimal::Parse("0"), *Decimal::Parse("1"),
                  *Decimal::Parse("1"), "", "Các bộ phận"},
    };
    bool fail = false;
    PlanService service(*db_, *db_, *db_, clock_, [&](const std::string&, int year) -> Result<UnitResult> {
        if (year != 2023) return MakeError(ErrorCode::kNotFound, "không có", "none");
        if (fail) return MakeError(ErrorCode::kStorage, "hỏng", "broken");
        return results;
    });
    auto view = service.Draft(nullptr, "lakhe", 2024);
    ASSERT_TRUE(view) << view.GetError().message.en;
    ASSERT_EQ(view->tasks.size(), 2u);
    EXPECT_EQ(view->tasks[0].task.lead_department, "tp-ht");
    EXPECT_EQ(view->tasks[1].task.lead_department, "vp-tk");
    auto audit = db_->ListAudit(AuditQuery{});
    ASSERT_TRUE(audit);
    ASSERT_FALSE(audit->empty());
    EXPECT_EQ(audit->front().action, "plan.draft");
    EXPECT_EQ(audit->front().username, "cli");

    // Replacing fails (the results cannot be read): the old draft and its tasks stay.
    fail = true;
    EXPECT_FALSE(service.Draft(nullptr, "lakhe", 2024, true).Ok());
    EXPECT_EQ(db_->ListTasks("lakhe", 2024)->size(), 2u);
    EXPECT_EQ((*db_->FindPlan("lakhe", 2024))->revision, 1);

    // Reminders on the file: due soon on 25/11, once only.
    clock_.Set(At(1732500000));  // 2024-11-25 02:00 UTC
    auto run = service.RunReminders(2024);
    ASSERT_TRUE(run) << run.GetError().message.en;
    EXPECT_EQ(run->notifications, 1);
    EXPECT_EQ(run->emails, 1);
    EXPECT_EQ(service.RunReminders(2024)->notifications, 0);
    auto outbox = db_->ListOutbox(true);
    ASSERT_EQ(outbox->size(), 1u);
    EXPECT_EQ((*outbox)[0].to_address, "tuphap@lakhe.example");
}

}  // namespace
}  // namespace parindex
