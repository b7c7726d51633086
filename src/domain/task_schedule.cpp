// DueOf: where a plan's task stands on a day (once, monthly, quarterly, ongoing).
#include <algorithm>
#include <optional>
#include <vector>

#include "domain/plan_service.hpp"

namespace parindex {
namespace {

/// One reporting period of a recurring task: [start, end], due on `due`.
struct Period {
    CivilDate start;
    CivilDate end;
    CivilDate due;
};

int DaysInMonth(int year, int month) { return CivilDate{year, month, 1}.EndOfMonth().day; }

/// The periods of the task's year, in order.
std::vector<Period> PeriodsOf(const PlanTask& task) {
    std::vector<Period> periods;
    if (task.recurrence == Recurrence::kMonthly) {
        for (int month = 1; month <= 12; ++month) {
            const CivilDate start{task.year, month, 1};
            const CivilDate end = start.EndOfMonth();
            CivilDate due = end;
            if (task.deadline) due.day = std::min(task.deadline->day, DaysInMonth(task.year, month));
            periods.push_back(Period{start, end, due});
        }
    } else if (task.recurrence == Recurrence::kQuarterly) {
        for (int quarter = 0; quarter < 4; ++quarter) {
            const CivilDate start{task.year, quarter * 3 + 1, 1};
            const CivilDate end = start.EndOfQuarter();
            periods.push_back(Period{start, end, end});
        }
    }
    return periods;
}

DueInfo Info(DueState state, const CivilDate& due, const CivilDate& today) {
    return DueInfo{state, due, DaysBetween(today, due)};
}

/// Due soon or not due, by the distance to `due`.
DueInfo Upcoming(const CivilDate& due, const CivilDate& today, int due_soon_days) {
    const std::int64_t left = DaysBetween(today, due);
    return Info(left <= due_soon_days ? DueState::kDueSoon : DueState::kNotDue, due, today);
}

}  // namespace

DueInfo DueOf(const PlanTask& task, const std::vector<TaskUpdate>& updates, const CivilDate& today, int due_soon_days) {
    const bool closed = task.status == TaskStatus::kDone || task.status == TaskStatus::kCancelled;
    switch (task.recurrence) {
        case Recurrence::kOnce: {
            if (!task.deadline) return DueInfo{};
            if (closed) return Info(DueState::kNotDue, *task.deadline, today);
            if (today > *task.deadline) return Info(DueState::kOverdue, *task.deadline, today);
            return Upcoming(*task.deadline, today, due_soon_days);
        }
        case Recurrence::kOngoing:
            // Reported on at year end; never overdue.
            return Info(DueState::kNotDue, CivilDate{task.year, 12, 31}, today);
        case Recurrence::kMonthly:
        case Recurrence::kQuarterly:
            break;
    }
    const std::vector<Period> periods = PeriodsOf(task);
    if (periods.empty()) return DueInfo{};
    // The days the task was reported on.
    std::vector<CivilDate> reported;
    for (const TaskUpdate& update : updates) reported.push_back(VietnamDate(update.at));
    auto reported_since = [&](const CivilDate& from) {
        return std::any_of(reported.begin(), reported.end(), [&](const CivilDate& day) { return day >= from; });
    };
    auto reported_within = [&](const Period& period) {
        return std::any_of(reported.begin(), reported.end(),
                           [&](const CivilDate& day) { return day >= period.start && day <= period.end; });
    };
    // The last period whose due date has passed: missed unless reported in it or later (a late report counts).
    const Period* last_passed = nullptr;
    const Period* next = nullptr;
    for (const Period& period : periods) {
        if (period.due < today) {
            last_passed = &period;
        } else if (next == nullptr) {
            next = &period;
        }
    }
    if (closed) {
        const Period& shown = next != nullptr ? *next : *last_passed;
        return Info(DueState::kNotDue, shown.due, today);
    }
    if (last_passed != nullptr && !reported_since(last_passed->start)) {
        return Info(DueState::kOverdue, last_passed->due, today);
    }
    if (next == nullptr) return Info(DueState::kNotDue, last_passed->due, today);
    if (reported_within(*next)) return Info(DueState::kNotDue, next->due, today);
    return Upcoming(next->due, today, due_soon_days);
}

}  // namespace parindex
