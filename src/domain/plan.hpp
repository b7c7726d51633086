#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_date.hpp"
#include "domain/text.hpp"

namespace parindex {

/// Issue 4: a unit's improvement plan (Kế hoạch cải thiện, nâng cao Chỉ số CCHC) for a year, the tasks it
/// assigns and their follow-up. The seeds (../shared/seeds) are the model: every section below is one of theirs.

enum class PlanStatus {
    kDraft,   ///< Being written; everything editable.
    kIssued,  ///< Signed and issued (ban hành): metadata and sections frozen; tasks still tracked.
};

/// "draft", "issued".
const char* PlanStatusName(PlanStatus status);
std::optional<PlanStatus> ParsePlanStatus(std::string_view name);

/// How the signer signs (Nghị định 30/2020): on behalf of the collective (TM.) or as its deputy (KT.).
enum class SignerMode {
    kOnBehalf,  ///< `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`.
    kDeputy,    ///< `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`.
    kPersonal,  ///< Only the title (e.g. `CHỦ TỊCH`), as seed 000 signs.
};

/// "on_behalf", "deputy", "personal".
const char* SignerModeName(SignerMode mode);
std::optional<SignerMode> ParseSignerMode(std::string_view name);

/// The signature block.
struct PlanSigner {
    SignerMode mode = SignerMode::kOnBehalf;
    std::string collective = "ỦY BAN NHÂN DÂN";  ///< After `TM.`.
    std::string title = "CHỦ TỊCH";              ///< The head's title (after `KT.` for a deputy).
    std::string deputy_title = "PHÓ CHỦ TỊCH";   ///< The deputy's own title (kDeputy only).
    std::string name;                            ///< The person who signs, e.g. `Nguyễn Hữu Hiến`.
};

/// One department's responsibilities (section V, "Tổ chức thực hiện").
struct DepartmentDuty {
    std::string department_code;  ///< A department of the unit, or "" for a party outside it.
    std::string heading;          ///< e.g. `Công chức Văn phòng - Thống kê`.
    std::vector<std::string> duties;
};

/// The plan: its document metadata and the texts of its sections. The analysis tables of section II (areas,
/// trend, strengths and weaknesses, lost points) are not stored: they come from the results of
/// `results_year`, so the document always shows the published figures.
struct Plan {
    std::string unit_code;
    int year = 0;           ///< The year the plan is for (2024).
    int results_year = 0;   ///< The year whose results it answers (2023).
    std::string authority;  ///< The body above the issuer, first header line, e.g. `UBND QUẬN HÀ ĐÔNG`.
    std::string issuer;     ///< e.g. `ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ`.
    std::string number;     ///< The number part of `Số: …/KH-UBND`; "" leaves the blank to fill by hand.
    std::string number_suffix = "KH-UBND";
    std::string place;              ///< e.g. `La Khê`.
    std::optional<CivilDate> date;  ///< The issue date; nothing prints `ngày … tháng … năm YYYY`.
    std::string title;  ///< The subject after `KẾ HOẠCH`, e.g. `Cải thiện, nâng cao Chỉ số cải cách hành chính …`.
    std::vector<std::string> basis;         ///< Opening paragraphs (`Thực hiện Quyết định số …`).
    std::vector<std::string> purposes;      ///< I.1 Mục đích.
    std::vector<std::string> requirements;  ///< I.2 Yêu cầu.
    std::vector<std::string> causes;        ///< II.3.2 Nguyên nhân.
    std::vector<std::string> progress;      ///< III. results so far this year (optional; empty omits the section).
    std::vector<std::string> solutions;     ///< IV. Giải pháp, nhiệm vụ.
    std::vector<DepartmentDuty> responsibilities;  ///< V. Tổ chức thực hiện.
    std::string closing;                           ///< The last paragraph (`Trên đây là Kế hoạch …`).
    std::vector<std::string> recipients;           ///< Nơi nhận, one per line, the last usually `Lưu: VT.`.
    PlanSigner signer;
    PlanStatus status = PlanStatus::kDraft;
    std::optional<std::chrono::system_clock::time_point> issued_at;
    std::int64_t revision = 0;  ///< Increased on every save; a save naming an older revision is a conflict.
};

/// How often a task is due.
enum class Recurrence {
    kOnce,       ///< Once, by `deadline`.
    kMonthly,    ///< Every month: due on `deadline`'s day of the month (clamped), or the month's last day.
    kQuarterly,  ///< Every quarter: due on the quarter's last day.
    kOngoing,    ///< Throughout the year (thường xuyên): never overdue, reported on at year end.
};

/// "once", "monthly", "quarterly", "ongoing".
const char* RecurrenceName(Recurrence recurrence);
std::optional<Recurrence> ParseRecurrence(std::string_view name);

enum class TaskStatus { kNotStarted, kInProgress, kDone, kCancelled };

/// "not_started", "in_progress", "done", "cancelled".
const char* TaskStatusName(TaskStatus status);
std::optional<TaskStatus> ParseTaskStatus(std::string_view name);

/// One task of a plan (one row of the assignment annex).
struct PlanTask {
    std::int64_t id = 0;  ///< 0 until stored.
    std::string unit_code;
    int year = 0;
    int position = 0;  ///< Order in the plan (1-based).
    std::string title;
    std::vector<std::string> criteria;     ///< Framework node codes the task answers (e.g. `1.6`).
    std::string lead_department;           ///< A department code of the unit.
    std::string lead_user;                 ///< The username of the officer in charge, or "".
    std::vector<std::string> cooperating;  ///< Free texts: other departments, mass organisations.
    Recurrence recurrence = Recurrence::kOnce;
    std::optional<CivilDate> deadline;  ///< Required for kOnce; the day of the month for kMonthly.
    std::string expected_output;        ///< Sản phẩm (e.g. `Kế hoạch`, `Báo cáo`).
    std::string cause;                  ///< Why points were lost (from the lost-points row).
    std::string solution;               ///< What will be done.
    TaskStatus status = TaskStatus::kNotStarted;
    int progress = 0;  ///< 0..100.
};

/// A dated progress update of a task, with evidence files (content-addressed, as the workflow's).
struct TaskUpdate {
    std::int64_t id = 0;
    std::int64_t task_id = 0;
    std::chrono::system_clock::time_point at;
    std::string username;
    TaskStatus status = TaskStatus::kInProgress;
    int progress = 0;
    std::string note;
    std::vector<std::string> evidence;  ///< SHA-256 of stored files.
};

/// Where a task stands on a day.
enum class DueState {
    kNotDue,   ///< Done, cancelled, ongoing, or due later than the due-soon window.
    kDueSoon,  ///< Due within the due-soon window (default 7 days) and not reported in this period.
    kOverdue,  ///< Past due and not done (once) or not reported in this period (recurring).
};

/// "not_due", "due_soon", "overdue".
const char* DueStateName(DueState state);

/// A reminder kind: to the lead officer before and after the deadline; to the coordinator and the leader when
/// overdue (escalation).
enum class ReminderKind { kDueSoon, kOverdue, kEscalation };

/// "due_soon", "overdue", "escalation".
const char* ReminderKindName(ReminderKind kind);

/// An in-app notification.
struct Notification {
    std::int64_t id = 0;
    std::string username;  ///< Who reads it.
    std::chrono::system_clock::time_point created_at;
    ReminderKind kind = ReminderKind::kDueSoon;
    std::string unit_code;
    int year = 0;
    std::int64_t task_id = 0;
    CivilDate due;  ///< The due date reminded of.
    Text text;
    std::optional<std::chrono::system_clock::time_point> read_at;
    /// Deduplication: one notification per (username, task, kind, due); a second reminder run adds nothing.
    std::string key;
};

/// An email waiting in the outbox (sent through SMTP when configured, kept here otherwise).
struct OutboxEmail {
    std::int64_t id = 0;
    std::string to_username;
    std::string to_address;  ///< "" when the user has no address: kept, never sent.
    std::string subject;
    std::string body;
    std::chrono::system_clock::time_point created_at;
    std::optional<std::chrono::system_clock::time_point> sent_at;
    int attempts = 0;
    std::string last_error;
    std::string key;  ///< The notification key it was made for (one email per notification).
};

}  // namespace parindex
