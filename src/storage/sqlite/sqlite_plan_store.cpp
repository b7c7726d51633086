// The PlanStore half of SqliteStore: plans with their department duties, tasks, task updates, notifications and
// the email outbox, on the same connection, mutex and transactions as the other halves. Lists of texts are JSON
// arrays of strings; calendar days ISO text; times unix seconds.
#include <sqlite3.h>
#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"

#include "storage/sqlite/sqlite_statement.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::FromUnixSeconds;
using sqlite::Guard;
using sqlite::Statement;
using sqlite::StorageFailure;
using sqlite::UnixSeconds;
using std::chrono::system_clock;

// ---- Plans -----------------------------------------------------------------------------------------------------

constexpr std::string_view kUpsertPlan =
    "INSERT INTO plans(unit_code, year, results_year, authority, issuer, number, number_suffix, place, date, title,"
    " basis, purposes, requirements, causes, progress, solutions, closing, recipients, signer_mode,"
    " signer_collective, signer_title, signer_deputy_title, signer_name, status, issued_at, revision)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
    " ?23, ?24, ?25, ?26)"
    " ON CONFLICT(unit_code, year) DO UPDATE SET results_year = excluded.results_year,"
    " authority = excluded.authority, issuer = excluded.issuer, number = excluded.number,"
    " number_suffix = excluded.number_suffix, place = excluded.place, date = excluded.date,"
    " title = excluded.title, basis = excluded.basis, purposes = excluded.purposes,"
    " requirements = excluded.requirements, causes = excluded.causes, progress = excluded.progress,"
    " solutions = excluded.solutions, closing = excluded.closing, recipients = excluded.recipients,"
    " signer_mode = excluded.signer_mode, signer_collective = excluded.signer_collective,"
    " signer_title = excluded.signer_title, signer_deputy_title = excluded.signer_deputy_title,"
    " signer_name = excluded.signer_name, status = excluded.status, issued_at = excluded.issued_at,"
    " revision = excluded.revision";
constexpr std::string_view kPlanColumns =
    "SELECT unit_code, year, results_year, authority, issuer, number, number_suffix, place, date, title, basis,"
    " purposes, requirements, causes, progress, solutions, closing, recipients, signer_mode, signer_collective,"
    " signer_title, signer_deputy_title, signer_name, status, issued_at, revision FROM plans";
constexpr std::string_view kPlanByKey = " WHERE unit_code = ?1 AND year = ?2";
constexpr std::string_view kPlansOfYear = " WHERE (?1 IS NULL OR year = ?1) ORDER BY unit_code, year";
constexpr std::string_view kDeleteDuties = "DELETE FROM plan_duties WHERE unit_code = ?1 AND year = ?2";
constexpr std::string_view kInsertDuty =
    "INSERT INTO plan_duties(unit_code, year, position, department_code, heading, duties)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kSelectDuties =
    "SELECT department_code, heading, duties FROM plan_duties WHERE unit_code = ?1 AND year = ?2 ORDER BY position";

// ---- Tasks and updates -----------------------------------------------------------------------------------------

constexpr std::string_view kInsertTask =
    "INSERT INTO plan_tasks(unit_code, year, position, title, criteria, lead_department, lead_user, cooperating,"
    " recurrence, deadline, expected_output, cause, solution, status, progress)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr std::string_view kUpdateTask =
    "UPDATE plan_tasks SET unit_code = ?1, year = ?2, position = ?3, title = ?4, criteria = ?5,"
    " lead_department = ?6, lead_user = ?7, cooperating = ?8, recurrence = ?9, deadline = ?10,"
    " expected_output = ?11, cause = ?12, solution = ?13, status = ?14, progress = ?15 WHERE id = ?16";
constexpr std::string_view kTaskColumns =
    "SELECT id, unit_code, year, position, title, criteria, lead_department, lead_user, cooperating, recurrence,"
    " deadline, expected_output, cause, solution, status, progress FROM plan_tasks";
constexpr std::string_view kTaskById = " WHERE id = ?1";
constexpr std::string_view kTasksOfPlan = " WHERE unit_code = ?1 AND year = ?2 ORDER BY position, id";
constexpr std::string_view kOpenTasksOfYear =
    " WHERE year = ?1 AND status NOT IN ('done', 'cancelled') ORDER BY unit_code, position, id";
constexpr std::string_view kDeleteUpdatesOfTask = "DELETE FROM plan_task_updates WHERE task_id = ?1";
constexpr std::string_view kDeleteTask = "DELETE FROM plan_tasks WHERE id = ?1";
constexpr std::string_view kInsertUpdate =
    "INSERT INTO plan_task_updates(task_id, at, username, status, progress, note, evidence)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSelectUpdates =
    "SELECT id, task_id, at, username, status, progress, note, evidence FROM plan_task_updates WHERE task_id = ?1"
    " ORDER BY at, id";

// ---- Notifications and the outbox ------------------------------------------------------------------------------

constexpr std::string_view kInsertNotification =
    "INSERT INTO notifications(username, created_at, kind, unit_code, year, task_id, due, message, message_en,"
    " read_at, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(key) DO NOTHING";
constexpr std::string_view kSelectNotifications =
    "SELECT id, username, created_at, kind, unit_code, year, task_id, due, message, message_en, read_at, key"
    " FROM notifications WHERE username = ?1 AND (?2 = 0 OR read_at IS NULL) ORDER BY created_at DESC, id DESC";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at = COALESCE(read_at, ?3) WHERE id = ?1 AND username = ?2";
constexpr std::string_view kNotificationOf = "SELECT 1 FROM notifications WHERE id = ?1 AND username = ?2";
constexpr std::string_view kInsertEmail =
    "INSERT INTO outbox(to_username, to_address, subject, body, created_at, sent_at, attempts, last_error, key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(key) DO NOTHING";
constexpr std::string_view kSelectOutbox =
    "SELECT id, to_username, to_address, subject, body, created_at, sent_at, attempts, last_error, key FROM outbox"
    " WHERE (?1 = 0 OR sent_at IS NULL) ORDER BY created_at, id";
constexpr std::string_view kRecordAttempt =
    "UPDATE outbox SET attempts = attempts + 1, sent_at = ?2, last_error = ?3 WHERE id = ?1";

// ---- JSON arrays of strings ------------------------------------------------------------------------------------

std::string ToJson(const std::vector<std::string>& items) {
    boost::json::array array;
    for (const std::string& item : items) array.emplace_back(item);
    return boost::json::serialize(array);
}

/// Reads a JSON array of strings; nothing when malformed.
std::optional<std::vector<std::string>> FromJson(std::string_view text) {
    boost::system::error_code error;
    const boost::json::value value = boost::json::parse(text, error);
    if (error || !value.is_array()) return std::nullopt;
    std::vector<std::string> items;
    for (const boost::json::value& item : value.get_array()) {
        if (!item.is_string()) return std::nullopt;
        items.emplace_back(item.get_string());
    }
    return items;
}

// ---- Columns ---------------------------------------------------------------------------------------------------

std::vector<std::string> ListColumn(const Connection& connection, const Statement& row, int column, const char* table,
                                    const char* name) {
    const std::string text = row.Text(column);
    if (text.empty()) return {};
    std::optional<std::vector<std::string>> items = FromJson(text);
    if (!items) throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), table, name, text));
    return std::move(*items);
}

template <class E>
E EnumColumn(const Connection& connection, const Statement& row, int column, const char* table, const char* name,
             std::optional<E> (*parse)(std::string_view)) {
    const std::string text = row.Text(column);
    const std::optional<E> value = parse(text);
    if (!value) throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), table, name, text));
    return *value;
}

std::optional<CivilDate> DateColumn(const Connection& connection, const Statement& row, int column, const char* table,
                                    const char* name) {
    if (row.IsNull(column)) return std::nullopt;
    const std::string text = row.Text(column);
    std::optional<CivilDate> date = ParseCivilDate(text);
    if (!date) throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), table, name, text));
    return date;
}

std::optional<system_clock::time_point> TimeColumn(const Statement& row, int column) {
    if (row.IsNull(column)) return std::nullopt;
    return FromUnixSeconds(row.Int64(column));
}

void BindDate(Statement& statement, int index, const std::optional<CivilDate>& date) {
    if (date) {
        statement.Bind(index, date->Iso());
    } else {
        statement.BindNull(index);
    }
}

void BindTime(Statement& statement, int index, const std::optional<system_clock::time_point>& time) {
    if (time) {
        statement.Bind(index, UnixSeconds(*time));
    } else {
        statement.BindNull(index);
    }
}

Plan ReadPlan(const Connection& connection, const Statement& row) {
    Plan plan;
    plan.unit_code = row.Text(0);
    plan.year = row.Int(1);
    plan.results_year = row.Int(2);
    plan.authority = row.Text(3);
    plan.issuer = row.Text(4);
    plan.number = row.Text(5);
    plan.number_suffix = row.Text(6);
    plan.place = row.Text(7);
    plan.date = DateColumn(connection, row, 8, "plans", "date");
    plan.title = row.Text(9);
    plan.basis = ListColumn(connection, row, 10, "plans", "basis");
    plan.purposes = ListColumn(connection, row, 11, "plans", "purposes");
    plan.requirements = ListColumn(connection, row, 12, "plans", "requirements");
    plan.causes = ListColumn(connection, row, 13, "plans", "causes");
    plan.progress = ListColumn(connection, row, 14, "plans", "progress");
    plan.solutions = ListColumn(connection, row, 15, "plans", "solutions");
    plan.closing = row.Text(16);
    plan.recipients = ListColumn(connection, row, 17, "plans", "recipients");
    plan.signer.mode = EnumColumn<SignerMode>(connection, row, 18, "plans", "signer_mode", &ParseSignerMode);
    plan.signer.collective = row.Text(19);
    plan.signer.title = row.Text(20);
    plan.signer.deputy_title = row.Text(21);
    plan.signer.name = row.Text(22);
    plan.status = EnumColumn<PlanStatus>(connection, row, 23, "plans", "status", &ParsePlanStatus);
    plan.issued_at = TimeColumn(row, 24);
    plan.revision = row.Int64(25);
    return plan;
}

void BindTask(Statement& statement, const PlanTask& task) {
    statement.Bind(1, task.unit_code).Bind(2, task.year).Bind(3, task.position).Bind(4, task.title);
    statement.Bind(5, ToJson(task.criteria)).Bind(6, task.lead_department).Bind(7, task.lead_user);
    statement.Bind(8, ToJson(task.cooperating)).Bind(9, RecurrenceName(task.recurrence));
    BindDate(statement, 10, task.deadline);
    statement.Bind(11, task.expected_output).Bind(12, task.cause).Bind(13, task.solution);
    statement.Bind(14, TaskStatusName(task.status)).Bind(15, task.progress);
}

PlanTask ReadTask(const Connection& connection, const Statement& row) {
    PlanTask task;
    task.id = row.Int64(0);
    task.unit_code = row.Text(1);
    task.year = row.Int(2);
    task.position = row.Int(3);
    task.title = row.Text(4);
    task.criteria = ListColumn(connection, row, 5, "plan_tasks", "criteria");
    task.lead_department = row.Text(6);
    task.lead_user = row.Text(7);
    task.cooperating = ListColumn(connection, row, 8, "plan_tasks", "cooperating");
    task.recurrence = EnumColumn<Recurrence>(connection, row, 9, "plan_tasks", "recurrence", &ParseRecurrence);
    task.deadline = DateColumn(connection, row, 10, "plan_tasks", "deadline");
    task.expected_output = row.Text(11);
    task.cause = row.Text(12);
    task.solution = row.Text(13);
    task.status = EnumColumn<TaskStatus>(connection, row, 14, "plan_tasks", "status", &ParseTaskStatus);
    task.progress = row.Int(15);
    return task;
}

std::optional<ReminderKind> ParseReminderKind(std::string_view name) {
    for (ReminderKind kind : {ReminderKind::kDueSoon, ReminderKind::kOverdue, ReminderKind::kEscalation}) {
        if (name == ReminderKindName(kind)) return kind;
    }
    return std::nullopt;
}

std::string PlanName(const std::string& unit_code, int year) { return unit_code + " " + std::to_string(year); }

}  // namespace

// ---- Plans -----------------------------------------------------------------------------------------------------

Status SqliteStore::SavePlan(const Plan& plan) {
    std::lock_guard lock(mutex_);
    const std::string name = PlanName(plan.unit_code, plan.year);
    Connection::ActionScope scope(*connection_, Text{"lưu kế hoạch " + name, "save the plan " + name});
    return Guard([&] {
        return RunInTransaction([&] {
            {
                auto upsert = connection_->Cached(kUpsertPlan);
                upsert->Bind(1, plan.unit_code).Bind(2, plan.year).Bind(3, plan.results_year);
                upsert->Bind(4, plan.authority).Bind(5, plan.issuer).Bind(6, plan.number);
                upsert->Bind(7, plan.number_suffix).Bind(8, plan.place);
                BindDate(*upsert, 9, plan.date);
                upsert->Bind(10, plan.title).Bind(11, ToJson(plan.basis)).Bind(12, ToJson(plan.purposes));
                upsert->Bind(13, ToJson(plan.requirements)).Bind(14, ToJson(plan.causes));
                upsert->Bind(15, ToJson(plan.progress)).Bind(16, ToJson(plan.solutions)).Bind(17, plan.closing);
                upsert->Bind(18, ToJson(plan.recipients)).Bind(19, SignerModeName(plan.signer.mode));
                upsert->Bind(20, plan.signer.collective).Bind(21, plan.signer.title);
                upsert->Bind(22, plan.signer.deputy_title).Bind(23, plan.signer.name);
                upsert->Bind(24, PlanStatusName(plan.status));
                BindTime(*upsert, 25, plan.issued_at);
                upsert->Bind(26, plan.revision).Run();
            }
            {
                auto remove = connection_->Cached(kDeleteDuties);
                remove->Bind(1, plan.unit_code).Bind(2, plan.year).Run();
            }
            auto insert = connection_->Cached(kInsertDuty);
            for (std::size_t i = 0; i < plan.responsibilities.size(); ++i) {
                const DepartmentDuty& duty = plan.responsibilities[i];
                insert->Bind(1, plan.unit_code).Bind(2, plan.year).Bind(3, static_cast<std::int64_t>(i));
                insert->Bind(4, duty.department_code).Bind(5, duty.heading).Bind(6, ToJson(duty.duties)).Run();
            }
            return OkStatus();
        });
    });
}

std::vector<Plan> SqliteStore::ReadPlans(const std::string* unit_code, int year, bool one) {
    std::vector<Plan> plans;
    {
        std::string sql(kPlanColumns);
        sql += one ? kPlanByKey : kPlansOfYear;
        auto select = connection_->Cached(sql);
        if (one) {
            select->Bind(1, *unit_code).Bind(2, year);
        } else if (year != 0) {
            select->Bind(1, year);
        } else {
            select->BindNull(1);
        }
        while (select->Step()) plans.push_back(ReadPlan(*connection_, *select));
    }
    auto duties = connection_->Cached(kSelectDuties);
    for (Plan& plan : plans) {
        duties->Bind(1, plan.unit_code).Bind(2, plan.year);
        while (duties->Step()) {
            DepartmentDuty duty;
            duty.department_code = duties->Text(0);
            duty.heading = duties->Text(1);
            duty.duties = ListColumn(*connection_, *duties, 2, "plan_duties", "duties");
            plan.responsibilities.push_back(std::move(duty));
        }
        duties->Reset();
    }
    return plans;
}

Result<std::optional<Plan>> SqliteStore::FindPlan(const std::string& unit_code, int year) {
    std::lock_guard lock(mutex_);
    const std::string name = PlanName(unit_code, year);
    Connection::ActionScope scope(*connection_, Text{"đọc kế hoạch " + name, "read the plan " + name});
    return Guard([&]() -> Result<std::optional<Plan>> {
        std::vector<Plan> plans;
        RunInSnapshot([&] { plans = ReadPlans(&unit_code, year, true); });
        if (plans.empty()) return std::optional<Plan>();
        return std::optional<Plan>(std::move(plans.front()));
    });
}

Result<std::vector<Plan>> SqliteStore::ListPlans(std::optional<int> year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh sách kế hoạch", "read the list of plans"});
    return Guard([&]() -> Result<std::vector<Plan>> {
        std::vector<Plan> plans;
        RunInSnapshot([&] { plans = ReadPlans(nullptr, year.value_or(0), false); });
        return plans;
    });
}

// ---- Tasks -----------------------------------------------------------------------------------------------------

Result<std::int64_t> SqliteStore::SaveTask(const PlanTask& task) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"lưu nhiệm vụ “" + task.title + "”", "save the task “" + task.title + "”"});
    return Guard([&]() -> Result<std::int64_t> {
        std::int64_t id = task.id;
        Status saved = RunInTransaction([&]() -> Status {
            if (id == 0) {
                auto insert = connection_->Cached(kInsertTask);
                BindTask(*insert, task);
                insert->Run();
                id = sqlite3_last_insert_rowid(connection_->Handle());
                return OkStatus();
            }
            auto update = connection_->Cached(kUpdateTask);
            BindTask(*update, task);
            update->Bind(16, id).Run();
            if (sqlite3_changes(connection_->Handle()) == 0) {
                return MakeError(ErrorCode::kNotFound, "Không tìm thấy nhiệm vụ #" + std::to_string(id),
                                 "Task #" + std::to_string(id) + " not found");
            }
            return OkStatus();
        });
        if (!saved) return saved.TakeError();
        return id;
    });
}

std::vector<PlanTask> SqliteStore::ReadTasks(std::string_view where, const std::function<void(Statement&)>& bind) {
    std::string sql(kTaskColumns);
    sql += where;
    auto select = connection_->Cached(sql);
    bind(*select);
    std::vector<PlanTask> tasks;
    while (select->Step()) tasks.push_back(ReadTask(*connection_, *select));
    return tasks;
}

Result<std::optional<PlanTask>> SqliteStore::FindTask(std::int64_t id) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(id);
    Connection::ActionScope scope(*connection_, Text{"đọc nhiệm vụ #" + number, "read the task #" + number});
    return Guard([&]() -> Result<std::optional<PlanTask>> {
        std::vector<PlanTask> tasks = ReadTasks(kTaskById, [&](Statement& s) { s.Bind(1, id); });
        if (tasks.empty()) return std::optional<PlanTask>();
        return std::optional<PlanTask>(std::move(tasks.front()));
    });
}

Status SqliteStore::DeleteTask(std::int64_t id) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(id);
    Connection::ActionScope scope(*connection_, Text{"xóa nhiệm vụ #" + number, "remove the task #" + number});
    return Guard([&] {
        return RunInTransaction([&] {
            {
                auto updates = connection_->Cached(kDeleteUpdatesOfTask);
                updates->Bind(1, id).Run();
            }
            auto remove = connection_->Cached(kDeleteTask);
            remove->Bind(1, id).Run();
            return OkStatus();
        });
    });
}

Result<std::vector<PlanTask>> SqliteStore::ListTasks(const std::string& unit_code, int year) {
    std::lock_guard lock(mutex_);
    const std::string name = PlanName(unit_code, year);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc nhiệm vụ của kế hoạch " + name, "read the tasks of the plan " + name});
    return Guard([&]() -> Result<std::vector<PlanTask>> {
        return ReadTasks(kTasksOfPlan, [&](Statement& s) { s.Bind(1, unit_code).Bind(2, year); });
    });
}

Result<std::vector<PlanTask>> SqliteStore::ListOpenTasks(int year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc nhiệm vụ đang thực hiện năm " + std::to_string(year),
                                                     "read the open tasks of " + std::to_string(year)});
    return Guard([&]() -> Result<std::vector<PlanTask>> {
        return ReadTasks(kOpenTasksOfYear, [&](Statement& s) { s.Bind(1, year); });
    });
}

// ---- Updates ---------------------------------------------------------------------------------------------------

Result<std::int64_t> SqliteStore::AppendTaskUpdate(const TaskUpdate& update) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(update.task_id);
    Connection::ActionScope scope(*connection_, Text{"lưu cập nhật tiến độ nhiệm vụ #" + number,
                                                     "save the progress update of the task #" + number});
    return Guard([&]() -> Result<std::int64_t> {
        std::int64_t id = 0;
        Status saved = RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertUpdate);
            insert->Bind(1, update.task_id).Bind(2, UnixSeconds(update.at)).Bind(3, update.username);
            insert->Bind(4, TaskStatusName(update.status)).Bind(5, update.progress).Bind(6, update.note);
            insert->Bind(7, ToJson(update.evidence)).Run();
            id = sqlite3_last_insert_rowid(connection_->Handle());
            return OkStatus();
        });
        if (!saved) return saved.TakeError();
        return id;
    });
}

Result<std::vector<TaskUpdate>> SqliteStore::ListTaskUpdates(std::int64_t task_id) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(task_id);
    Connection::ActionScope scope(*connection_, Text{"đọc cập nhật tiến độ nhiệm vụ #" + number,
                                                     "read the progress updates of the task #" + number});
    return Guard([&]() -> Result<std::vector<TaskUpdate>> {
        auto select = connection_->Cached(kSelectUpdates);
        select->Bind(1, task_id);
        std::vector<TaskUpdate> updates;
        while (select->Step()) {
            TaskUpdate update;
            update.id = select->Int64(0);
            update.task_id = select->Int64(1);
            update.at = FromUnixSeconds(select->Int64(2));
            update.username = select->Text(3);
            update.status =
                EnumColumn<TaskStatus>(*connection_, *select, 4, "plan_task_updates", "status", &ParseTaskStatus);
            update.progress = select->Int(5);
            update.note = select->Text(6);
            update.evidence = ListColumn(*connection_, *select, 7, "plan_task_updates", "evidence");
            updates.push_back(std::move(update));
        }
        return updates;
    });
}

// ---- Notifications ---------------------------------------------------------------------------------------------

Result<bool> SqliteStore::AddNotification(const Notification& notification) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"lưu thông báo cho " + notification.username,
                                                     "save a notification for " + notification.username});
    return Guard([&]() -> Result<bool> {
        bool added = false;
        Status saved = RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertNotification);
            insert->Bind(1, notification.username).Bind(2, UnixSeconds(notification.created_at));
            insert->Bind(3, ReminderKindName(notification.kind)).Bind(4, notification.unit_code);
            insert->Bind(5, notification.year).Bind(6, notification.task_id).Bind(7, notification.due.Iso());
            insert->Bind(8, notification.text.vi).Bind(9, notification.text.en);
            BindTime(*insert, 10, notification.read_at);
            insert->Bind(11, notification.key).Run();
            added = sqlite3_changes(connection_->Handle()) > 0;
            return OkStatus();
        });
        if (!saved) return saved.TakeError();
        return added;
    });
}

Result<std::vector<Notification>> SqliteStore::ListNotifications(const std::string& username, bool unread_only) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc thông báo của " + username, "read the notifications of " + username});
    return Guard([&]() -> Result<std::vector<Notification>> {
        auto select = connection_->Cached(kSelectNotifications);
        select->Bind(1, username).BindBool(2, unread_only);
        std::vector<Notification> notifications;
        while (select->Step()) {
            Notification n;
            n.id = select->Int64(0);
            n.username = select->Text(1);
            n.created_at = FromUnixSeconds(select->Int64(2));
            n.kind = EnumColumn<ReminderKind>(*connection_, *select, 3, "notifications", "kind", &ParseReminderKind);
            n.unit_code = select->Text(4);
            n.year = select->Int(5);
            n.task_id = select->Int64(6);
            n.due = DateColumn(*connection_, *select, 7, "notifications", "due").value_or(CivilDate{});
            n.text = Text{select->Text(8), select->Text(9)};
            n.read_at = TimeColumn(*select, 10);
            n.key = select->Text(11);
            notifications.push_back(std::move(n));
        }
        return notifications;
    });
}

Status SqliteStore::MarkNotificationRead(const std::string& username, std::int64_t id, system_clock::time_point at) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đánh dấu đã đọc thông báo", "mark a notification read"});
    return Guard([&] {
        return RunInTransaction([&]() -> Status {
            {
                auto mine = connection_->Cached(kNotificationOf);
                mine->Bind(1, id).Bind(2, username);
                if (!mine->Step()) {
                    return MakeError(ErrorCode::kNotFound, "Không tìm thấy thông báo số " + std::to_string(id),
                                     "Notification " + std::to_string(id) + " not found");
                }
            }
            auto mark = connection_->Cached(kMarkRead);
            mark->Bind(1, id).Bind(2, username).Bind(3, UnixSeconds(at)).Run();
            return OkStatus();
        });
    });
}

// ---- Outbox ----------------------------------------------------------------------------------------------------

Result<bool> SqliteStore::AddEmail(const OutboxEmail& email) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"lưu thư cho " + email.to_username, "save an email to " + email.to_username});
    return Guard([&]() -> Result<bool> {
        bool added = false;
        Status saved = RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertEmail);
            insert->Bind(1, email.to_username).Bind(2, email.to_address).Bind(3, email.subject);
            insert->Bind(4, email.body).Bind(5, UnixSeconds(email.created_at));
            BindTime(*insert, 6, email.sent_at);
            insert->Bind(7, email.attempts).Bind(8, email.last_error).Bind(9, email.key).Run();
            added = sqlite3_changes(connection_->Handle()) > 0;
            return OkStatus();
        });
        if (!saved) return saved.TakeError();
        return added;
    });
}

Result<std::vector<OutboxEmail>> SqliteStore::ListOutbox(bool unsent_only) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc hộp thư đi", "read the outbox"});
    return Guard([&]() -> Result<std::vector<OutboxEmail>> {
        auto select = connection_->Cached(kSelectOutbox);
        select->BindBool(1, unsent_only);
        std::vector<OutboxEmail> emails;
        while (select->Step()) {
            OutboxEmail email;
            email.id = select->Int64(0);
            email.to_username = select->Text(1);
            email.to_address = select->Text(2);
            email.subject = select->Text(3);
            email.body = select->Text(4);
            email.created_at = FromUnixSeconds(select->Int64(5));
            email.sent_at = TimeColumn(*select, 6);
            email.attempts = select->Int(7);
            email.last_error = select->Text(8);
            email.key = select->Text(9);
            emails.push_back(std::move(email));
        }
        return emails;
    });
}

Status SqliteStore::RecordEmailAttempt(std::int64_t id, std::optional<system_clock::time_point> sent_at,
                                       const std::string& error) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"ghi lần gửi thư", "record an email attempt"});
    return Guard([&] {
        return RunInTransaction([&]() -> Status {
            auto update = connection_->Cached(kRecordAttempt);
            update->Bind(1, id);
            BindTime(*update, 2, sent_at);
            update->Bind(3, error).Run();
            if (sqlite3_changes(connection_->Handle()) == 0) {
                return MakeError(ErrorCode::kNotFound, "Không tìm thấy thư số " + std::to_string(id),
                                 "Email " + std::to_string(id) + " not found");
            }
            return OkStatus();
        });
    });
}

}  // namespace parindex
