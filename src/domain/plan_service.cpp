#include "domain/plan_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "domain/authorization.hpp"

namespace parindex {
namespace {

constexpr const char* kCommandLineActor = "cli";

Error NotFound(std::string vi, std::string en) { return MakeError(ErrorCode::kNotFound, std::move(vi), std::move(en)); }

Error Conflict(std::string vi, std::string en, std::vector<ErrorDetail> details = {}) {
    return MakeError(ErrorCode::kConflict, std::move(vi), std::move(en), std::move(details));
}

ErrorDetail Detail(const std::string& field, const std::string& value, std::string vi, std::string en) {
    ErrorDetail detail;
    detail.path = "$." + field;
    detail.field = field;
    detail.value = value;
    detail.reason = Text{std::move(vi), std::move(en)};
    return detail;
}

/// One kInvalidInput error for several details; the message is the first reason (and how many more).
Error Invalid(std::vector<ErrorDetail> details) {
    std::string vi = details.front().reason.vi;
    std::string en = details.front().reason.en;
    if (details.size() > 1) {
        vi += " (và " + std::to_string(details.size() - 1) + " lỗi khác)";
        en += " (and " + std::to_string(details.size() - 1) + " more)";
    }
    return MakeError(ErrorCode::kInvalidInput, vi, en, std::move(details));
}

std::string Where(const std::string& unit_code, int year) { return unit_code + " " + std::to_string(year); }

Error NoPlan(const std::string& unit_code, int year) {
    return NotFound("Đơn vị " + unit_code + " chưa có kế hoạch năm " + std::to_string(year),
                    "Unit " + unit_code + " has no plan for " + std::to_string(year));
}

Error NoTask(std::int64_t id) {
    return NotFound("Không tìm thấy nhiệm vụ #" + std::to_string(id), "Task #" + std::to_string(id) + " not found");
}

Error IssuedPlan(const Plan& plan) {
    return Conflict("Kế hoạch " + Where(plan.unit_code, plan.year) + " đã ban hành; không thể sửa.",
                    "The plan " + Where(plan.unit_code, plan.year) + " is issued and can no longer be changed.");
}

bool IsSha256(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string Join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string TaskLabel(const PlanTask& task) { return "#" + std::to_string(task.id) + " " + task.title; }

std::string StatusProgress(TaskStatus status, int progress) {
    return std::string(TaskStatusName(status)) + " " + std::to_string(progress) + "%";
}

int RoundedMean(int sum, int count) { return count == 0 ? 0 : (2 * sum + count) / (2 * count); }

/// The changed fields of a plan, by their JSON names.
std::vector<std::string> ChangedFields(const Plan& a, const Plan& b) {
    std::vector<std::string> fields;
    auto check = [&](bool same, const char* name) {
        if (!same) fields.emplace_back(name);
    };
    check(a.results_year == b.results_year, "results_year");
    check(a.authority == b.authority, "authority");
    check(a.issuer == b.issuer, "issuer");
    check(a.number == b.number, "number");
    check(a.number_suffix == b.number_suffix, "number_suffix");
    check(a.place == b.place, "place");
    check(a.date == b.date, "date");
    check(a.title == b.title, "title");
    check(a.basis == b.basis, "basis");
    check(a.purposes == b.purposes, "purposes");
    check(a.requirements == b.requirements, "requirements");
    check(a.causes == b.causes, "causes");
    check(a.progress == b.progress, "progress");
    check(a.solutions == b.solutions, "solutions");
    bool same_duties = a.responsibilities.size() == b.responsibilities.size();
    for (std::size_t i = 0; same_duties && i < a.responsibilities.size(); ++i) {
        const DepartmentDuty& x = a.responsibilities[i];
        const DepartmentDuty& y = b.responsibilities[i];
        same_duties = x.department_code == y.department_code && x.heading == y.heading && x.duties == y.duties;
    }
    check(same_duties, "responsibilities");
    check(a.closing == b.closing, "closing");
    check(a.recipients == b.recipients, "recipients");
    check(a.signer.mode == b.signer.mode && a.signer.collective == b.signer.collective &&
              a.signer.title == b.signer.title && a.signer.deputy_title == b.signer.deputy_title &&
              a.signer.name == b.signer.name,
          "signer");
    return fields;
}

std::vector<std::string> ChangedFields(const PlanTask& a, const PlanTask& b) {
    std::vector<std::string> fields;
    auto check = [&](bool same, const char* name) {
        if (!same) fields.emplace_back(name);
    };
    check(a.position == b.position, "position");
    check(a.title == b.title, "title");
    check(a.criteria == b.criteria, "criteria");
    check(a.lead_department == b.lead_department, "lead_department");
    check(a.lead_user == b.lead_user, "lead_user");
    check(a.cooperating == b.cooperating, "cooperating");
    check(a.recurrence == b.recurrence, "recurrence");
    check(a.deadline == b.deadline, "deadline");
    check(a.expected_output == b.expected_output, "expected_output");
    check(a.cause == b.cause, "cause");
    check(a.solution == b.solution, "solution");
    check(a.status == b.status, "status");
    check(a.progress == b.progress, "progress");
    return fields;
}

/// How many days, in words of both languages.
std::string Days(std::int64_t days, bool english) {
    if (english) return std::to_string(days) + (days == 1 ? " day" : " days");
    return std::to_string(days) + " ngày";
}

}  // namespace

PlanService::PlanService(Store& store, PlanStore& plans, AuthStore& users, const Clock& clock,
                         UnitResultsSource results, PlanSettings settings)
    : store_(store), plans_(plans), users_(users), clock_(clock), results_(std::move(results)), settings_(settings) {}

namespace {

/// The peer groups of a unit in the plan's year and the year before (an appraiser of either reads the plan).
Result<std::vector<std::string>> GroupsOf(Store& store, const std::string& unit_code, int year) {
    std::vector<std::string> codes;
    for (int y : {year, year - 1}) {
        auto groups = store.ListPeerGroups(y);
        if (!groups) return groups.TakeError();
        for (const PeerGroup& group : *groups) {
            for (const GroupMember& member : group.members) {
                if (member.unit_code == unit_code && std::find(codes.begin(), codes.end(), group.code) == codes.end()) {
                    codes.push_back(group.code);
                }
            }
        }
    }
    return codes;
}

/// Authorises `action` on a unit's plan (`who` = nullptr is the command line: allowed).
Status Allow(Store& store, const Principal* who, Action action, const std::string& unit_code, int year,
             const PlanTask* task = nullptr) {
    if (who == nullptr) return OkStatus();
    auto groups = GroupsOf(store, unit_code, year);
    if (!groups) return groups.TakeError();
    Target target;
    target.unit_code = unit_code;
    target.unit_groups = std::move(*groups);
    if (task != nullptr) {
        target.criterion_department = task->lead_department;
        target.lead_user = task->lead_user;
    }
    return Authorize(*who, action, target);
}

/// The criteria titles of the frameworks a unit is scored against in `year` and `year - 1`; empty when none.
Result<std::map<std::string, std::string>> CriteriaOf(Store& store, const std::string& unit_code, int year) {
    std::map<std::string, std::string> titles;
    std::set<std::string> framework_codes;
    for (int y : {year, year - 1}) {
        auto groups = store.ListPeerGroups(y);
        if (!groups) return groups.TakeError();
        for (const PeerGroup& group : *groups) {
            for (const GroupMember& member : group.members) {
                if (member.unit_code == unit_code) framework_codes.insert(group.framework_code);
            }
        }
    }
    for (const std::string& code : framework_codes) {
        auto framework = store.FindFramework(code);
        if (!framework) return framework.TakeError();
        if (!framework->has_value()) continue;
        for (const FrameworkNode& node : (*framework)->nodes) titles.emplace(node.code, node.title);
    }
    return titles;
}

}  // namespace

Status PlanService::Audit(const Principal* who, const std::string& action, const std::string& unit_code, int year,
                          const std::string& node_code, const std::string& field, const std::string& old_value,
                          const std::string& new_value) {
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
    entry.action = action;
    entry.unit_code = unit_code;
    entry.year = year;
    entry.node_code = node_code;
    entry.field = field;
    entry.old_value = old_value;
    entry.new_value = new_value;
    return users_.AppendAudit(entry);
}

CivilDate PlanService::Today() const { return VietnamDate(clock_.Now()); }

Result<TaskView> PlanService::MakeView(const PlanTask& task) {
    auto updates = plans_.ListTaskUpdates(task.id);
    if (!updates) return updates.TakeError();
    TaskView view;
    view.task = task;
    view.due = DueOf(task, *updates, Today(), settings_.due_soon_days);
    if (!updates->empty()) view.last_update = updates->back();
    return view;
}

Result<PlanView> PlanService::Load(const std::string& unit_code, int year) {
    auto plan = plans_.FindPlan(unit_code, year);
    if (!plan) return plan.TakeError();
    if (!plan->has_value()) return NoPlan(unit_code, year);
    auto tasks = plans_.ListTasks(unit_code, year);
    if (!tasks) return tasks.TakeError();
    PlanView view;
    view.plan = std::move(**plan);
    for (const PlanTask& task : *tasks) {
        auto task_view = MakeView(task);
        if (!task_view) return task_view.TakeError();
        view.tasks.push_back(std::move(*task_view));
    }
    return view;
}

Result<PlanView> PlanService::Draft(const Principal* who, const std::string& unit_code, int year, bool replace) {
    std::optional<PlanView> drafted;
    Status status = store_.InTransaction([&]() -> Status {
        if (Status allowed = Allow(store_, who, Action::kEditPlan, unit_code, year); !allowed) return allowed;
        auto unit = store_.FindUnit(unit_code);
        if (!unit) return unit.TakeError();
        if (!unit->has_value()) {
            return NotFound("Không tìm thấy đơn vị \"" + unit_code + "\"", "Unit \"" + unit_code + "\" not found");
        }
        auto existing = plans_.FindPlan(unit_code, year);
        if (!existing) return existing.TakeError();
        if (existing->has_value()) {
            if ((*existing)->status == PlanStatus::kIssued) return IssuedPlan(**existing);
            if (!replace) {
                return Conflict("Đơn vị " + unit_code + " đã có kế hoạch năm " + std::to_string(year) +
                                    "; chọn soạn lại để thay thế bản nháp.",
                                "Unit " + unit_code + " already has a plan for " + std::to_string(year) +
                                    "; ask to replace the draft.");
            }
        }
        PlanInputs inputs;
        inputs.unit = std::move(**unit);
        if (!inputs.unit.parent_code.empty()) {
            auto parent = store_.FindUnit(inputs.unit.parent_code);
            if (!parent) return parent.TakeError();
            inputs.parent = std::move(*parent);
        }
        auto results = results_(unit_code, year - 1);
        if (!results) return results.TakeError();
        inputs.results = std::move(*results);
        auto previous = plans_.FindPlan(unit_code, year - 1);
        if (!previous) return previous.TakeError();
        inputs.previous_plan = std::move(*previous);
        auto previous_tasks = plans_.ListTasks(unit_code, year - 1);
        if (!previous_tasks) return previous_tasks.TakeError();
        inputs.previous_tasks = std::move(*previous_tasks);
        auto users = users_.ListUsers();
        if (!users) return users.TakeError();
        for (const User& user : *users) {
            if (user.role == Role::kCoordinator && user.unit_code == unit_code && !user.disabled &&
                !user.department_code.empty()) {
                inputs.coordinator_department = user.department_code;
                break;
            }
        }

        PlanDraft draft = DraftPlan(inputs, year, settings_);
        std::int64_t old_revision = 0;
        if (existing->has_value()) {
            old_revision = (*existing)->revision;
            auto old_tasks = plans_.ListTasks(unit_code, year);
            if (!old_tasks) return old_tasks.TakeError();
            for (const PlanTask& task : *old_tasks) {
                if (Status removed = plans_.DeleteTask(task.id); !removed) return removed;
            }
        }
        draft.plan.revision = old_revision + 1;
        if (Status saved = plans_.SavePlan(draft.plan); !saved) return saved;
        for (PlanTask& task : draft.tasks) {
            auto id = plans_.SaveTask(task);
            if (!id) return id.TakeError();
            task.id = *id;
        }
        if (Status audited =
                Audit(who, "plan.draft", unit_code, year, "", "tasks", existing->has_value() ? "replaced" : "",
                      std::to_string(draft.tasks.size()) + " tasks from " + std::to_string(draft.plan.results_year));
            !audited) {
            return audited;
        }
        auto view = Load(unit_code, year);
        if (!view) return view.TakeError();
        drafted = std::move(*view);
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return std::move(*drafted);
}

Result<PlanView> PlanService::View(const Principal* who, const std::string& unit_code, int year) {
    if (Status allowed = Allow(store_, who, Action::kReadPlan, unit_code, year); !allowed) return allowed.TakeError();
    return Load(unit_code, year);
}

Result<TaskView> PlanService::ViewTask(const Principal* who, std::int64_t task_id) {
    auto task = plans_.FindTask(task_id);
    if (!task) return task.TakeError();
    if (!task->has_value()) return NoTask(task_id);
    if (Status allowed = Allow(store_, who, Action::kReadPlan, (*task)->unit_code, (*task)->year); !allowed) {
        return allowed.TakeError();
    }
    return MakeView(**task);
}

Result<UnitResult> PlanService::ResultsOf(const Principal* who, const Plan& plan) {
    if (Status allowed = Allow(store_, who, Action::kReadPlan, plan.unit_code, plan.year); !allowed) {
        return allowed.TakeError();
    }
    return results_(plan.unit_code, plan.results_year);
}

Result<Plan> PlanService::Save(const Principal* who, Plan plan) {
    std::optional<Plan> saved_plan;
    Status status = store_.InTransaction([&]() -> Status {
        if (Status allowed = Allow(store_, who, Action::kEditPlan, plan.unit_code, plan.year); !allowed) {
            return allowed;
        }
        auto stored = plans_.FindPlan(plan.unit_code, plan.year);
        if (!stored) return stored.TakeError();
        if (!stored->has_value()) return NoPlan(plan.unit_code, plan.year);
        const Plan& old = **stored;
        if (old.status == PlanStatus::kIssued) return IssuedPlan(old);
        if (plan.revision != old.revision) {
            return Conflict("Kế hoạch đã được người khác lưu (phiên bản " + std::to_string(old.revision) +
                                "); hãy tải lại trước khi lưu.",
                            "Someone saved the plan in between (revision " + std::to_string(old.revision) +
                                "); reload before saving.",
                            {Detail("revision", std::to_string(plan.revision), "phiên bản đã cũ", "stale revision")});
        }
        std::vector<ErrorDetail> problems;
        if (plan.title.empty()) {
            problems.push_back(
                Detail("title", "", "Tiêu đề kế hoạch không được để trống.", "The plan's title is empty."));
        }
        if (plan.number_suffix.empty()) {
            problems.push_back(Detail("number_suffix", "", "Ký hiệu văn bản (vd. KH-UBND) không được để trống.",
                                      "The document symbol (e.g. KH-UBND) is empty."));
        }
        if (!problems.empty()) return Invalid(std::move(problems));
        plan.status = old.status;
        plan.issued_at = old.issued_at;
        if (plan.results_year <= 0) plan.results_year = old.results_year;
        plan.revision = old.revision + 1;
        if (Status saved = plans_.SavePlan(plan); !saved) return saved;
        const std::vector<std::string> changed = ChangedFields(old, plan);
        if (Status audited =
                Audit(who, "plan.save", plan.unit_code, plan.year, "", Join(changed, ","),
                      "revision " + std::to_string(old.revision), "revision " + std::to_string(plan.revision));
            !audited) {
            return audited;
        }
        saved_plan = plan;
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return std::move(*saved_plan);
}

Result<Plan> PlanService::Issue(const Principal* who, const std::string& unit_code, int year) {
    std::optional<Plan> issued;
    Status status = store_.InTransaction([&]() -> Status {
        if (Status allowed = Allow(store_, who, Action::kIssuePlan, unit_code, year); !allowed) return allowed;
        auto stored = plans_.FindPlan(unit_code, year);
        if (!stored) return stored.TakeError();
        if (!stored->has_value()) return NoPlan(unit_code, year);
        Plan plan = std::move(**stored);
        if (plan.status == PlanStatus::kIssued) {
            return Conflict("Kế hoạch " + Where(unit_code, year) + " đã ban hành.",
                            "The plan " + Where(unit_code, year) + " is already issued.");
        }
        std::vector<ErrorDetail> missing;
        if (plan.number.empty()) {
            missing.push_back(Detail("number", "", "Cần ghi số văn bản trước khi ban hành.",
                                     "The document number is needed to issue the plan."));
        }
        if (!plan.date) {
            missing.push_back(Detail("date", "", "Cần ghi ngày ban hành trước khi ban hành.",
                                     "The issue date is needed to issue the plan."));
        }
        if (!missing.empty()) return Invalid(std::move(missing));
        plan.status = PlanStatus::kIssued;
        plan.issued_at = clock_.Now();
        ++plan.revision;
        if (Status saved = plans_.SavePlan(plan); !saved) return saved;
        if (Status audited = Audit(who, "plan.issue", unit_code, year, "", "status", "draft",
                                   "issued " + plan.number + "/" + plan.number_suffix + " " + plan.date->Vietnamese());
            !audited) {
            return audited;
        }
        issued = std::move(plan);
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return std::move(*issued);
}

Result<PlanTask> PlanService::SaveTask(const Principal* who, PlanTask task) {
    std::optional<PlanTask> result;
    Status status = store_.InTransaction([&]() -> Status {
        std::optional<PlanTask> old;
        if (task.id != 0) {
            auto found = plans_.FindTask(task.id);
            if (!found) return found.TakeError();
            if (!found->has_value()) return NoTask(task.id);
            old = std::move(**found);
            task.unit_code = old->unit_code;
            task.year = old->year;
        }
        if (Status allowed = Allow(store_, who, Action::kEditPlan, task.unit_code, task.year); !allowed) {
            return allowed;
        }
        auto plan = plans_.FindPlan(task.unit_code, task.year);
        if (!plan) return plan.TakeError();
        if (!plan->has_value()) return NoPlan(task.unit_code, task.year);
        auto unit = store_.FindUnit(task.unit_code);
        if (!unit) return unit.TakeError();
        if (!unit->has_value()) return NoPlan(task.unit_code, task.year);

        std::vector<ErrorDetail> problems;
        if (task.title.empty()) {
            problems.push_back(Detail("title", "", "Tên nhiệm vụ không được để trống.", "The task's title is empty."));
        }
        if (!task.lead_department.empty() &&
            std::none_of((*unit)->departments.begin(), (*unit)->departments.end(),
                         [&](const Department& d) { return d.code == task.lead_department; })) {
            problems.push_back(
                Detail("lead_department", task.lead_department,
                       "Bộ phận \"" + task.lead_department + "\" không thuộc " + (*unit)->name + ".",
                       "The department \"" + task.lead_department + "\" is not one of " + (*unit)->name + "."));
        }
        if (!task.lead_user.empty()) {
            auto user = users_.FindUserByName(task.lead_user);
            if (!user) return user.TakeError();
            if (!user->has_value() || (*user)->unit_code != task.unit_code) {
                problems.push_back(
                    Detail("lead_user", task.lead_user,
                           "Tài khoản \"" + task.lead_user + "\" không phải công chức của " + (*unit)->name + ".",
                           "The account \"" + task.lead_user + "\" is not an officer of " + (*unit)->name + "."));
            }
        }
        if (!task.criteria.empty()) {
            auto titles = CriteriaOf(store_, task.unit_code, (*plan)->year);
            if (!titles) return titles.TakeError();
            if (!titles->empty()) {
                for (const std::string& code : task.criteria) {
                    if (titles->count(code) == 0) {
                        problems.push_back(Detail("criteria", code,
                                                  "Tiêu chí \"" + code + "\" không có trong bộ chỉ số của đơn vị.",
                                                  "The criterion \"" + code + "\" is not in the unit's framework."));
                    }
                }
            }
        }
        if (task.recurrence == Recurrence::kOnce && !task.deadline) {
            problems.push_back(Detail("deadline", "", "Nhiệm vụ thực hiện một lần cần có thời hạn.",
                                      "A one-off task needs a deadline."));
        }
        if (task.progress < 0 || task.progress > 100) {
            problems.push_back(Detail("progress", std::to_string(task.progress), "Tiến độ phải từ 0 đến 100%.",
                                      "Progress must be between 0 and 100%."));
        }
        if (!problems.empty()) return Invalid(std::move(problems));

        if (task.position <= 0) {
            if (old) {
                task.position = old->position;
            } else {
                auto tasks = plans_.ListTasks(task.unit_code, task.year);
                if (!tasks) return tasks.TakeError();
                int last = 0;
                for (const PlanTask& t : *tasks) last = std::max(last, t.position);
                task.position = last + 1;
            }
        }
        auto id = plans_.SaveTask(task);
        if (!id) return id.TakeError();
        task.id = *id;
        const std::string node = task.criteria.empty() ? "" : task.criteria.front();
        const std::string field = old ? Join(ChangedFields(*old, task), ",") : "task";
        if (Status audited = Audit(who, "task.save", task.unit_code, task.year, node, field, old ? TaskLabel(*old) : "",
                                   TaskLabel(task));
            !audited) {
            return audited;
        }
        result = task;
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return std::move(*result);
}

Status PlanService::DeleteTask(const Principal* who, std::int64_t task_id) {
    return store_.InTransaction([&]() -> Status {
        auto task = plans_.FindTask(task_id);
        if (!task) return task.TakeError();
        if (!task->has_value()) return NoTask(task_id);
        const PlanTask& t = **task;
        if (Status allowed = Allow(store_, who, Action::kEditPlan, t.unit_code, t.year); !allowed) return allowed;
        auto plan = plans_.FindPlan(t.unit_code, t.year);
        if (!plan) return plan.TakeError();
        if (plan->has_value() && (*plan)->status == PlanStatus::kIssued) {
            return Conflict("Kế hoạch " + Where(t.unit_code, t.year) + " đã ban hành; không thể xóa nhiệm vụ.",
                            "The plan " + Where(t.unit_code, t.year) + " is issued; its tasks cannot be removed.");
        }
        if (Status removed = plans_.DeleteTask(task_id); !removed) return removed;
        return Audit(who, "task.delete", t.unit_code, t.year, t.criteria.empty() ? "" : t.criteria.front(), "task",
                     TaskLabel(t), "");
    });
}

Result<TaskUpdate> PlanService::UpdateTask(const Principal* who, std::int64_t task_id, TaskStatus status, int progress,
                                           const std::string& note, const std::vector<std::string>& evidence) {
    std::optional<TaskUpdate> appended;
    Status done = store_.InTransaction([&]() -> Status {
        auto found = plans_.FindTask(task_id);
        if (!found) return found.TakeError();
        if (!found->has_value()) return NoTask(task_id);
        PlanTask task = std::move(**found);
        if (Status allowed = Allow(store_, who, Action::kUpdateTask, task.unit_code, task.year, &task); !allowed) {
            return allowed;
        }
        std::vector<ErrorDetail> problems;
        if (progress < 0 || progress > 100) {
            problems.push_back(Detail("progress", std::to_string(progress), "Tiến độ phải từ 0 đến 100%.",
                                      "Progress must be between 0 and 100%."));
        }
        for (std::size_t i = 0; i < evidence.size(); ++i) {
            if (!IsSha256(evidence[i])) {
                ErrorDetail detail = Detail("evidence", evidence[i], "Tệp minh chứng không hợp lệ (cần mã SHA-256).",
                                            "Not an evidence file (a SHA-256 is expected).");
                detail.path = "$.evidence[" + std::to_string(i) + "]";
                problems.push_back(std::move(detail));
            }
        }
        if (!problems.empty()) return Invalid(std::move(problems));
        if (status == TaskStatus::kDone) progress = 100;
        TaskUpdate update;
        update.task_id = task_id;
        update.at = clock_.Now();
        update.username = who == nullptr ? kCommandLineActor : who->username;
        update.status = status;
        update.progress = progress;
        update.note = note;
        update.evidence = evidence;
        auto id = plans_.AppendTaskUpdate(update);
        if (!id) return id.TakeError();
        update.id = *id;
        const std::string before = StatusProgress(task.status, task.progress);
        task.status = status;
        task.progress = progress;
        if (auto saved = plans_.SaveTask(task); !saved) return saved.TakeError();
        if (Status audited =
                Audit(who, "task.update", task.unit_code, task.year, task.criteria.empty() ? "" : task.criteria.front(),
                      "status", before, StatusProgress(status, progress) + (note.empty() ? "" : " (" + note + ")"));
            !audited) {
            return audited;
        }
        appended = std::move(update);
        return OkStatus();
    });
    if (!done) return done.TakeError();
    return std::move(*appended);
}

Result<std::vector<TaskUpdate>> PlanService::Updates(const Principal* who, std::int64_t task_id) {
    auto task = plans_.FindTask(task_id);
    if (!task) return task.TakeError();
    if (!task->has_value()) return NoTask(task_id);
    if (Status allowed = Allow(store_, who, Action::kReadPlan, (*task)->unit_code, (*task)->year); !allowed) {
        return allowed.TakeError();
    }
    return plans_.ListTaskUpdates(task_id);
}

Result<std::vector<TaskView>> PlanService::MyTasks(const Principal& who, int year) {
    std::vector<PlanTask> tasks;
    if (!who.unit_code.empty()) {
        auto own = plans_.ListTasks(who.unit_code, year);
        if (!own) return own.TakeError();
        for (const PlanTask& task : *own) {
            const bool whole_unit = who.role == Role::kCoordinator || who.role == Role::kLeader;
            const bool by_department = who.role == Role::kDepartmentOfficer && !who.department_code.empty() &&
                                       task.lead_department == who.department_code;
            if (whole_unit || by_department || task.lead_user == who.username) tasks.push_back(task);
        }
    } else {
        auto plans = plans_.ListPlans(year);
        if (!plans) return plans.TakeError();
        for (const Plan& plan : *plans) {
            auto all = plans_.ListTasks(plan.unit_code, year);
            if (!all) return all.TakeError();
            for (const PlanTask& task : *all) {
                if (task.lead_user == who.username) tasks.push_back(task);
            }
        }
    }
    std::vector<TaskView> views;
    for (const PlanTask& task : tasks) {
        auto view = MakeView(task);
        if (!view) return view.TakeError();
        views.push_back(std::move(*view));
    }
    return views;
}

Result<std::vector<TaskView>> PlanService::Overdue(const Principal* who, int year) {
    auto plans = plans_.ListPlans(year);
    if (!plans) return plans.TakeError();
    std::vector<TaskView> overdue;
    for (const Plan& plan : *plans) {
        if (who != nullptr) {
            Status allowed = Allow(store_, who, Action::kReadPlan, plan.unit_code, plan.year);
            if (!allowed) {
                if (allowed.GetError().code == ErrorCode::kForbidden) continue;
                return allowed.TakeError();
            }
        }
        auto tasks = plans_.ListTasks(plan.unit_code, year);
        if (!tasks) return tasks.TakeError();
        for (const PlanTask& task : *tasks) {
            auto view = MakeView(task);
            if (!view) return view.TakeError();
            if (view->due.state == DueState::kOverdue) overdue.push_back(std::move(*view));
        }
    }
    std::stable_sort(overdue.begin(), overdue.end(),
                     [](const TaskView& a, const TaskView& b) { return a.due.days_left < b.due.days_left; });
    return overdue;
}

Result<PlanProgress> PlanService::Progress(const Principal* who, const std::string& unit_code, int year) {
    auto view = View(who, unit_code, year);
    if (!view) return view.TakeError();
    auto unit = store_.FindUnit(unit_code);
    if (!unit) return unit.TakeError();
    auto titles = CriteriaOf(store_, unit_code, view->plan.results_year + 1);
    if (!titles) return titles.TakeError();
    if (auto more = CriteriaOf(store_, unit_code, year); more) titles->insert(more->begin(), more->end());

    struct Tally {
        int tasks = 0;
        int done = 0;
        int overdue = 0;
        int sum = 0;
    };
    auto add = [](Tally& tally, const TaskView& task) {
        ++tally.tasks;
        if (task.task.status == TaskStatus::kDone) ++tally.done;
        if (task.due.state == DueState::kOverdue) ++tally.overdue;
        tally.sum += task.task.progress;
    };
    auto row = [](const std::string& key, const std::string& name, const Tally& tally) {
        return ProgressRow{key, name, tally.tasks, tally.done, tally.overdue, RoundedMean(tally.sum, tally.tasks)};
    };

    Tally total;
    std::map<std::string, Tally> by_department;
    std::vector<std::string> criterion_order;
    std::map<std::string, Tally> by_criterion;
    for (const TaskView& task : view->tasks) {
        if (task.task.status == TaskStatus::kCancelled) continue;  // Dropped: counts nowhere.
        add(total, task);
        add(by_department[task.task.lead_department], task);
        for (const std::string& code : task.task.criteria) {
            if (by_criterion.find(code) == by_criterion.end()) criterion_order.push_back(code);
            add(by_criterion[code], task);
        }
    }
    PlanProgress progress;
    progress.tasks = total.tasks;
    progress.done = total.done;
    progress.overdue = total.overdue;
    progress.mean_progress = RoundedMean(total.sum, total.tasks);
    if (unit->has_value()) {
        for (const Department& department : (*unit)->departments) {
            const auto found = by_department.find(department.code);
            if (found == by_department.end()) continue;
            progress.by_department.push_back(row(department.code, department.name, found->second));
            by_department.erase(found);
        }
    }
    for (const auto& [code, tally] : by_department) {
        progress.by_department.push_back(row(code, code.empty() ? "Chưa giao bộ phận" : code, tally));
    }
    for (const std::string& code : criterion_order) {
        const auto title = titles->find(code);
        progress.by_criterion.push_back(row(code, title == titles->end() ? "" : title->second, by_criterion[code]));
    }
    return progress;
}

Result<ReminderRun> PlanService::RunReminders(int year) {
    ReminderRun run;
    Status status = store_.InTransaction([&]() -> Status {
        auto tasks = plans_.ListOpenTasks(year);
        if (!tasks) return tasks.TakeError();
        auto users = users_.ListUsers();
        if (!users) return users.TakeError();
        const CivilDate today = Today();
        std::map<std::string, Unit> units;
        for (const PlanTask& task : *tasks) {
            auto updates = plans_.ListTaskUpdates(task.id);
            if (!updates) return updates.TakeError();
            const DueInfo due = DueOf(task, *updates, today, settings_.due_soon_days);
            if (due.state == DueState::kNotDue || !due.due) continue;
            if (units.find(task.unit_code) == units.end()) {
                auto unit = store_.FindUnit(task.unit_code);
                if (!unit) return unit.TakeError();
                Unit known;
                known.code = task.unit_code;
                known.name = task.unit_code;
                units[task.unit_code] = unit->has_value() ? **unit : known;
            }
            const Unit& unit = units[task.unit_code];

            // Who is reminded: the named officer, else the officers of the lead department.
            std::vector<const User*> leads;
            std::vector<const User*> escalate;
            for (const User& user : *users) {
                if (user.disabled || user.unit_code != task.unit_code) continue;
                if (!task.lead_user.empty()) {
                    if (user.username == task.lead_user) leads.push_back(&user);
                } else if (user.role == Role::kDepartmentOfficer && !task.lead_department.empty() &&
                           user.department_code == task.lead_department) {
                    leads.push_back(&user);
                }
                if (user.role == Role::kCoordinator || user.role == Role::kLeader) escalate.push_back(&user);
            }
            std::string lead_name = task.lead_department;
            for (const Department& department : unit.departments) {
                if (department.code == task.lead_department) lead_name = department.name;
            }

            const std::string due_text = due.due->Vietnamese();
            const std::string quoted = "\"" + task.title + "\"";
            auto notify = [&](const User& user, ReminderKind kind) -> Status {
                Notification notification;
                notification.username = user.username;
                notification.created_at = clock_.Now();
                notification.kind = kind;
                notification.unit_code = task.unit_code;
                notification.year = task.year;
                notification.task_id = task.id;
                notification.due = *due.due;
                notification.key = std::string(ReminderKindName(kind)) + ":" + std::to_string(task.id) + ":" +
                                   due.due->Iso() + ":" + user.username;
                const std::int64_t late = -due.days_left;
                std::string subject_vi;
                switch (kind) {
                    case ReminderKind::kDueSoon:
                        notification.text.vi = "Nhiệm vụ " + quoted + " của " + unit.name + " đến hạn ngày " +
                                               due_text + " (còn " + Days(due.days_left, false) + ").";
                        notification.text.en = "The task " + quoted + " of " + unit.name + " is due on " + due_text +
                                               " (" + Days(due.days_left, true) + " left).";
                        subject_vi = "Nhiệm vụ sắp đến hạn: ";
                        break;
                    case ReminderKind::kOverdue:
                        notification.text.vi = "Nhiệm vụ " + quoted + " của " + unit.name + " quá hạn từ " + due_text +
                                               " (" + Days(late, false) + ").";
                        notification.text.en = "The task " + quoted + " of " + unit.name + " is overdue since " +
                                               due_text + " (" + Days(late, true) + ").";
                        subject_vi = "Nhiệm vụ quá hạn: ";
                        break;
                    case ReminderKind::kEscalation:
                        notification.text.vi = "Nhiệm vụ " + quoted + " của " + unit.name +
                                               (lead_name.empty() ? "" : " (chủ trì: " + lead_name + ")") +
                                               " quá hạn từ " + due_text + " (" + Days(late, false) +
                                               "), cần chỉ đạo, đôn đốc.";
                        notification.text.en = "The task " + quoted + " of " + unit.name +
                                               (lead_name.empty() ? "" : " (led by " + lead_name + ")") +
                                               " is overdue since " + due_text + " (" + Days(late, true) +
                                               "); please follow it up.";
                        subject_vi = "Nhiệm vụ quá hạn cần đôn đốc: ";
                        break;
                }
                auto added = plans_.AddNotification(notification);
                if (!added) return added.TakeError();
                if (!*added) return OkStatus();
                ++run.notifications;
                OutboxEmail email;
                email.to_username = user.username;
                email.to_address = user.email;
                email.subject = "[ParIndex] " + subject_vi + task.title;
                email.body = "Kính gửi " + (user.display_name.empty() ? user.username : user.display_name) + ",\n\n" +
                             notification.text.vi + "\n\n" + notification.text.en +
                             "\n\nParIndex – theo dõi Kế hoạch cải thiện Chỉ số CCHC năm " + std::to_string(task.year) +
                             ".\n";
                email.created_at = clock_.Now();
                email.key = notification.key;
                auto queued = plans_.AddEmail(email);
                if (!queued) return queued.TakeError();
                if (*queued) ++run.emails;
                return OkStatus();
            };

            const ReminderKind kind = due.state == DueState::kOverdue ? ReminderKind::kOverdue : ReminderKind::kDueSoon;
            for (const User* user : leads) {
                if (Status sent = notify(*user, kind); !sent) return sent;
            }
            if (due.state == DueState::kOverdue) {
                for (const User* user : escalate) {
                    if (Status sent = notify(*user, ReminderKind::kEscalation); !sent) return sent;
                }
            }
        }
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return run;
}

Result<std::vector<Notification>> PlanService::Notifications(const Principal& who, bool unread_only) {
    return plans_.ListNotifications(who.username, unread_only);
}

Status PlanService::MarkRead(const Principal& who, std::int64_t notification_id) {
    return plans_.MarkNotificationRead(who.username, notification_id, clock_.Now());
}

}  // namespace parindex
