#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/plan.hpp"
#include "domain/plan_store.hpp"
#include "domain/result.hpp"
#include "domain/results.hpp"
#include "domain/store.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"

namespace parindex {

/// Settings of drafting and reminders (data: a province may change them; defaults follow the seeds).
struct PlanSettings {
    int default_deadline_month = 11;  ///< A proposed task is due on the last day of this month of the plan year.
    int due_soon_days = 7;            ///< A task is "due soon" this many days before its due date.
};

/// What drafting reads: the unit, its parent (the authority line), the results it answers, and last year's
/// plan and tasks (their lead departments and texts are reused where a criterion reappears).
struct PlanInputs {
    Unit unit;
    std::optional<Unit> parent;
    UnitResult results;  ///< The results of the plan's results_year.
    std::optional<Plan> previous_plan;
    std::vector<PlanTask> previous_tasks;
    /// The department of the unit's coordinator (Văn phòng – Thống kê): it leads the tasks whose `responsible`
    /// names no department of the unit ("Các bộ phận", blank). "" takes the department named `Văn phòng…`, if
    /// any; such tasks stay unassigned otherwise.
    std::string coordinator_department;
};

/// A drafted plan and the tasks it proposes (ids 0, not stored).
struct PlanDraft {
    Plan plan;
    std::vector<PlanTask> tasks;
};

/// Drafts the plan of `year` in the seeds' structure (pure): title and basis naming the results year; I.
/// purposes and requirements; II. the analysis (tables from `results`; causes from the lost-point rows); IV.
/// one solution line per weak area; V. one DepartmentDuty per department responsible for a lost-point
/// criterion (names from the unit's departments); Nơi nhận with the authority; the signer left to fill. One
/// task per lost-point criterion (largest loss first): title from the criterion, lead department from the
/// criterion's `responsible` matched against the unit's departments (or last year's task of that criterion),
/// cause from the row, solution left empty unless last year's task had one, deadline on the last day of
/// `default_deadline_month`. Everything stays editable.
PlanDraft DraftPlan(const PlanInputs& inputs, int year, const PlanSettings& settings = {});

/// Where a task stands on `today`: its current due date (for recurring tasks: the due date of the current
/// period, or of the last missed one) and the state. A once task is overdue after its deadline until done; a
/// recurring task is overdue when its period's due date passed without an update dated inside that period.
struct DueInfo {
    DueState state = DueState::kNotDue;
    std::optional<CivilDate> due;
    std::int64_t days_left = 0;  ///< due − today (negative when overdue); 0 without a due date.
};
DueInfo DueOf(const PlanTask& task, const std::vector<TaskUpdate>& updates, const CivilDate& today, int due_soon_days);

/// A task with what the screens show beside it.
struct TaskView {
    PlanTask task;
    DueInfo due;
    std::optional<TaskUpdate> last_update;
};

/// A plan with its tasks.
struct PlanView {
    Plan plan;
    std::vector<TaskView> tasks;
};

/// Progress of a plan by department and by criterion (mean progress %, counts by status, overdue count).
struct ProgressRow {
    std::string key;   ///< A department code or a criterion code.
    std::string name;  ///< Its name or title.
    int tasks = 0;
    int done = 0;
    int overdue = 0;
    int mean_progress = 0;  ///< Rounded half up.
};
struct PlanProgress {
    std::vector<ProgressRow> by_department;
    std::vector<ProgressRow> by_criterion;
    int tasks = 0;
    int done = 0;
    int overdue = 0;
    int mean_progress = 0;
};

/// What one reminder run did.
struct ReminderRun {
    int notifications = 0;  ///< New in-app notifications (duplicates of earlier runs are not counted).
    int emails = 0;         ///< New emails in the outbox.
};

/// The results of a unit and year (wired to the ResultsEngine in src/app).
using UnitResultsSource = std::function<Result<UnitResult>(const std::string& unit_code, int year)>;

/// Plans, tasks, updates and reminders. Every call is authorised with Authorize (actions read_plan, edit_plan,
/// issue_plan, update_task; `who` = nullptr is the command line, allowed everything) and audited.
class PlanService {
  public:
    PlanService(Store& store, PlanStore& plans, AuthStore& users, const Clock& clock, UnitResultsSource results,
                PlanSettings settings = {});

    /// Drafts and stores the plan of (unit, year) from the results of year − 1 with its proposed tasks;
    /// kConflict when a plan exists (unless `replace` and it is still a draft).
    Result<PlanView> Draft(const Principal* who, const std::string& unit_code, int year, bool replace = false);
    /// The plan with its tasks and their due states today; kNotFound when there is none.
    Result<PlanView> View(const Principal* who, const std::string& unit_code, int year);
    /// One task with its due state today and last update (read_plan on its unit); kNotFound when there is none.
    Result<TaskView> ViewTask(const Principal* who, std::int64_t task_id);
    /// The results the plan's section II shows (those of results_year).
    Result<UnitResult> ResultsOf(const Principal* who, const Plan& plan);
    /// Saves the plan's metadata and sections; kConflict when issued or when `plan.revision` is not the stored
    /// one (someone saved in between); returns the plan as stored (revision + 1).
    Result<Plan> Save(const Principal* who, Plan plan);
    /// Issues the plan (number and date required, kInvalidInput naming them otherwise); freezes it.
    Result<Plan> Issue(const Principal* who, const std::string& unit_code, int year);

    /// Adds (id 0) or edits a task; checks the department against the unit's, the criteria against the
    /// framework, the deadline against the recurrence.
    Result<PlanTask> SaveTask(const Principal* who, PlanTask task);
    /// Removes a task while the plan is a draft.
    Status DeleteTask(const Principal* who, std::int64_t task_id);
    /// Records a progress update (status, progress 0..100, note, evidence); the task takes its status and
    /// progress. The lead department's officers, the coordinator, the leader and administrators may.
    Result<TaskUpdate> UpdateTask(const Principal* who, std::int64_t task_id, TaskStatus status, int progress,
                                  const std::string& note, const std::vector<std::string>& evidence);
    /// A task's updates, oldest first.
    Result<std::vector<TaskUpdate>> Updates(const Principal* who, std::int64_t task_id);

    /// The caller's tasks of `year`: led by them, or by their department in their unit (officers); every task
    /// of their unit for coordinators and leaders.
    Result<std::vector<TaskView>> MyTasks(const Principal& who, int year);
    /// Overdue tasks of `year` the caller may read, most overdue first.
    Result<std::vector<TaskView>> Overdue(const Principal* who, int year);
    /// Progress of a plan by department and by criterion.
    Result<PlanProgress> Progress(const Principal* who, const std::string& unit_code, int year);

    /// Creates the reminders due today for every open task of `year`: due soon and overdue to the lead officer
    /// (or every officer of the lead department when no one is named), escalation of overdue tasks to the
    /// unit's coordinators and leaders; one in-app notification and one outbox email per recipient, never
    /// twice for the same task, kind and due date.
    Result<ReminderRun> RunReminders(int year);

    /// The caller's notifications, newest first.
    Result<std::vector<Notification>> Notifications(const Principal& who, bool unread_only);
    Status MarkRead(const Principal& who, std::int64_t notification_id);

  private:
    /// Today in Việt Nam by the clock.
    CivilDate Today() const;
    /// A task with its due state today and its last update.
    Result<TaskView> MakeView(const PlanTask& task);
    /// The plan of (unit, year) with its tasks (no authorisation); kNotFound when there is none.
    Result<PlanView> Load(const std::string& unit_code, int year);
    Status Audit(const Principal* who, const std::string& action, const std::string& unit_code, int year,
                 const std::string& node_code, const std::string& field, const std::string& old_value,
                 const std::string& new_value);

    Store& store_;
    PlanStore& plans_;
    AuthStore& users_;
    const Clock& clock_;
    UnitResultsSource results_;
    PlanSettings settings_;
};

}  // namespace parindex
