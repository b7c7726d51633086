#include "domain/plan.hpp"

#include <array>
#include <utility>

namespace parindex {
namespace {

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, const char*>, N>& names, std::string_view name) {
    for (const auto& [value, text] : names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
const char* Name(const std::array<std::pair<E, const char*>, N>& names, E value) {
    for (const auto& [candidate, text] : names) {
        if (candidate == value) return text;
    }
    return "";
}

constexpr std::array<std::pair<PlanStatus, const char*>, 2> kPlanStatuses{
    {{PlanStatus::kDraft, "draft"}, {PlanStatus::kIssued, "issued"}}};
constexpr std::array<std::pair<SignerMode, const char*>, 3> kSignerModes{
    {{SignerMode::kOnBehalf, "on_behalf"}, {SignerMode::kDeputy, "deputy"}, {SignerMode::kPersonal, "personal"}}};
constexpr std::array<std::pair<Recurrence, const char*>, 4> kRecurrences{{{Recurrence::kOnce, "once"},
                                                                          {Recurrence::kMonthly, "monthly"},
                                                                          {Recurrence::kQuarterly, "quarterly"},
                                                                          {Recurrence::kOngoing, "ongoing"}}};
constexpr std::array<std::pair<TaskStatus, const char*>, 4> kTaskStatuses{{{TaskStatus::kNotStarted, "not_started"},
                                                                           {TaskStatus::kInProgress, "in_progress"},
                                                                           {TaskStatus::kDone, "done"},
                                                                           {TaskStatus::kCancelled, "cancelled"}}};
constexpr std::array<std::pair<DueState, const char*>, 3> kDueStates{
    {{DueState::kNotDue, "not_due"}, {DueState::kDueSoon, "due_soon"}, {DueState::kOverdue, "overdue"}}};
constexpr std::array<std::pair<ReminderKind, const char*>, 3> kReminderKinds{
    {{ReminderKind::kDueSoon, "due_soon"},
     {ReminderKind::kOverdue, "overdue"},
     {ReminderKind::kEscalation, "escalation"}}};

}  // namespace

const char* PlanStatusName(PlanStatus status) { return Name(kPlanStatuses, status); }
std::optional<PlanStatus> ParsePlanStatus(std::string_view name) { return Parse(kPlanStatuses, name); }
const char* SignerModeName(SignerMode mode) { return Name(kSignerModes, mode); }
std::optional<SignerMode> ParseSignerMode(std::string_view name) { return Parse(kSignerModes, name); }
const char* RecurrenceName(Recurrence recurrence) { return Name(kRecurrences, recurrence); }
std::optional<Recurrence> ParseRecurrence(std::string_view name) { return Parse(kRecurrences, name); }
const char* TaskStatusName(TaskStatus status) { return Name(kTaskStatuses, status); }
std::optional<TaskStatus> ParseTaskStatus(std::string_view name) { return Parse(kTaskStatuses, name); }
const char* DueStateName(DueState state) { return Name(kDueStates, state); }
const char* ReminderKindName(ReminderKind kind) { return Name(kReminderKinds, kind); }

}  // namespace parindex
