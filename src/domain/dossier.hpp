#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_date.hpp"
#include "domain/decimal.hpp"
#include "domain/result.hpp"
#include "domain/text.hpp"

namespace parindex {

/// Issue 5: dossiers (hồ sơ thủ tục hành chính) of the one-stop shop and their statistics. Pure domain: no
/// I/O, no JSON, no SQL. See ../shared/domain/methodology.md ("Dossier statistics") and ../shared/CONVENTIONS.md
/// ("Dossier timeliness").
///
/// Which timestamp decides each count (the two ways of counting, see CountByReceived and FoldIntoPeriods):
/// - cohort view (CountByReceived): every count of a dossier goes to the period of its `received` time; the
///   dossier is judged as of `as_of` (finished at or before it, otherwise open). This is the benchmark's
///   reference question (unit × calendar month of received_at).
/// - flow view (FoldIntoPeriods): `received` decides received, received_counted, the channel counts, the
///   returned/withdrawn/rejected counts and supplement_2plus; `finished` decides processed, early/on time/late,
///   the processing time, late_without_apology, apology_excess and apology_too_late; being open at the start of a
///   period decides carried_over; being open at the end of a period (or at `as_of` for the current one) decides
///   open_not_due/open_due_soon/open_overdue and overdue_without_apology; `due` decides the due_* counts (the
///   Vĩnh Phúc denominator), judged as of `as_of`.
/// Statuses set apart (returned unprocessed, withdrawn, rejected) that the definition set does not count appear
/// only in received, the channel counts, their own counter and supplement_2plus.

// ---------------------------------------------------------------------------------------------------------------
// Channels and statuses

/// How a dossier was submitted.
enum class Channel : std::uint8_t {
    kDirect,         ///< Trực tiếp (at the one-stop desk).
    kOnlinePartial,  ///< Trực tuyến một phần.
    kOnlineFull,     ///< Trực tuyến toàn trình.
    kPostal,         ///< Bưu chính công ích.
};
inline constexpr int kChannelCount = 4;

/// "direct", "online_partial", "online_full", "postal".
const char* ChannelName(Channel channel);
/// The label for people: {"Trực tuyến toàn trình", "Fully online"}.
Text ChannelLabel(Channel channel);
/// Reads a channel's name ("online_full", exact, the fast path for large files) or, loosely (case, diacritics,
/// spaces, dashes), a Vietnamese or English label: "trực tiếp", "Trực tuyến một phần", "toàn trình", "bưu
/// chính", "online full". Nothing for anything else.
std::optional<Channel> ParseChannel(std::string_view text);

/// Where a dossier stands (trạng thái).
enum class DossierStatus : std::uint8_t {
    kInProgress,           ///< Đang xử lý (received, not finished).
    kFinished,             ///< Đã giải quyết / hoàn thành (result ready).
    kReturnedUnprocessed,  ///< Trả lại hồ sơ (returned to the applicant without processing).
    kWithdrawn,            ///< Rút hồ sơ (withdrawn by the applicant).
    kRejected,             ///< Từ chối (refused).
};
inline constexpr int kDossierStatusCount = 5;

/// "in_progress", "finished", "returned", "withdrawn", "rejected".
const char* DossierStatusName(DossierStatus status);
/// The label for people: {"Đang xử lý", "In progress"}.
Text DossierStatusLabel(DossierStatus status);
/// Reads a status's name (exact, the fast path) or, loosely, a label: "đang xử lý", "đang giải quyết",
/// "đã giải quyết", "hoàn thành", "đã trả kết quả", "trả lại", "rút hồ sơ", "từ chối", "returned_unprocessed",
/// "done", "completed". Nothing for anything else.
std::optional<DossierStatus> ParseDossierStatus(std::string_view text);

/// True for the statuses counted apart (returned unprocessed, withdrawn, rejected).
constexpr bool IsSetAside(DossierStatus status) {
    return status == DossierStatus::kReturnedUnprocessed || status == DossierStatus::kWithdrawn ||
           status == DossierStatus::kRejected;
}

// ---------------------------------------------------------------------------------------------------------------
// Local time

/// A wall-clock time in Việt Nam (UTC+7, no daylight saving), as one-stop software records it: seconds since
/// 1970-01-01 00:00:00 local time. No zone is stored; a parsed zone is converted to local time.
struct LocalTime {
    std::int64_t seconds = 0;

    static constexpr std::int64_t kSecondsPerDay = 86400;
    static constexpr std::int64_t kVietnamOffset = 7 * 3600;  ///< Local time − UTC.

    static constexpr LocalTime FromSeconds(std::int64_t seconds) { return LocalTime{seconds}; }
    /// The time at `hour:minute:second` on `date` (no range check).
    static LocalTime FromParts(const CivilDate& date, int hour = 0, int minute = 0, int second = 0);
    /// The local time in Việt Nam at a UTC instant given as seconds since the Unix epoch.
    static constexpr LocalTime FromUnixSeconds(std::int64_t unix_seconds) {
        return LocalTime{unix_seconds + kVietnamOffset};
    }

    /// The calendar day (floor division: times before 1970 work too).
    CivilDate Date() const;
    /// Days since 1970-01-01 of the calendar day.
    std::int64_t Day() const;
    /// Seconds since the start of the day, 0..86399.
    int SecondOfDay() const;

    /// `YYYY-MM-DD HH:MM:SS`.
    std::string Iso() const;
    /// `dd/mm/yyyy hh:mm:ss`.
    std::string Vietnamese() const;

    constexpr LocalTime operator+(std::int64_t delta) const { return LocalTime{seconds + delta}; }
    constexpr LocalTime operator-(std::int64_t delta) const { return LocalTime{seconds - delta}; }
    constexpr std::int64_t operator-(LocalTime other) const { return seconds - other.seconds; }
    constexpr auto operator<=>(const LocalTime&) const = default;
    constexpr bool operator==(const LocalTime&) const = default;
};

/// Reads a local time without allocating (usable on millions of rows): `YYYY-MM-DD HH:MM:SS` (the benchmark's
/// layout, checked first), `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM[:SS]` with an optional fraction `.ffffff`
/// (ignored) and an optional zone `Z`, `+07:00`, `+0700` or `-05:00` (converted to Việt Nam time), `YYYY-MM-DD`,
/// `dd/mm/yyyy hh:mm[:ss]`, `dd/mm/yyyy` (day and month may have one digit). Surrounding spaces are ignored.
/// Nothing when malformed or not a real time (29/02/2023, 24:00, 12:60). Years 1900..2200.
std::optional<LocalTime> ParseLocalTime(std::string_view text);

/// The local time in Việt Nam at a system-clock instant (a Clock's Now()).
LocalTime LocalTimeAt(std::chrono::system_clock::time_point instant);

/// The date the statistics of `year` are judged at: `now`, or the year's last second once the year is over.
LocalTime StatisticsAsOf(LocalTime now, int year);

/// What ParseLocalTime accepts, for error messages.
Text LocalTimeFormatsHint();

// ---------------------------------------------------------------------------------------------------------------
// Periods

enum class PeriodKind : std::uint8_t { kDay, kWeek, kMonth, kQuarter, kYear };

/// "day", "week", "month", "quarter", "year".
const char* PeriodKindName(PeriodKind kind);
std::optional<PeriodKind> ParsePeriodKind(std::string_view name);

/// A calendar period: a day, an ISO week (Monday to Sunday, numbered in its ISO week-year), a month, a quarter
/// or a year. Small and allocation-free, so it can key aggregates.
struct Period {
    PeriodKind kind = PeriodKind::kMonth;
    std::int32_t year = 1970;  ///< The calendar year, or the ISO week-year for weeks.
    /// Day of the year (1..366), ISO week (1..53), month (1..12), quarter (1..4), or 0 for a year.
    std::int32_t number = 1;

    /// The first second of the period.
    LocalTime Start() const;
    /// The first second after the period (exclusive end).
    LocalTime End() const;
    /// The next period of the same kind.
    Period Next() const;
    /// `2024-03-05`, `2024-W09`, `2024-03`, `2024-Q1`, `2024`.
    std::string Key() const;

    constexpr auto operator<=>(const Period&) const = default;
    constexpr bool operator==(const Period&) const = default;
};

/// The period of `kind` that contains `time`.
Period PeriodOf(LocalTime time, PeriodKind kind);
/// Reads a key written by Period::Key; nothing when malformed or out of range (2023-W53 does not exist).
std::optional<Period> ParsePeriodKey(std::string_view key);

/// `YYYY-MM` of a time (the benchmark's month key).
std::string MonthKey(LocalTime time);
/// year × 12 + month − 1: a month as one integer, for fast grouping.
std::int32_t MonthIndex(LocalTime time);
/// The ISO 8601 week (week-year and week number 1..53) of a day.
struct IsoWeek {
    int year = 1970;
    int week = 1;
};
IsoWeek IsoWeekOf(const CivilDate& date);

// ---------------------------------------------------------------------------------------------------------------
// Dossiers

/// Everything about a dossier that its classification needs: no strings, so a large import can classify rows
/// without building a Dossier.
struct DossierFacts {
    Channel channel = Channel::kDirect;
    DossierStatus status = DossierStatus::kInProgress;
    LocalTime received;                 ///< Ngày tiếp nhận.
    LocalTime due;                      ///< Hạn trả kết quả (the original deadline).
    std::optional<LocalTime> finished;  ///< Result ready (ngày có kết quả / hoàn thành).
    std::optional<LocalTime> returned;  ///< Result handed to the applicant (ngày trả kết quả); not used in
                                        ///< the counts, kept for drill-down.
    std::optional<LocalTime> rescheduled_due;  ///< The new date of the apology letter (hẹn lại); not in the
                                               ///< benchmark CSV.
    int supplement_requests = 0;               ///< Phiếu yêu cầu bổ sung.
    int apology_letters = 0;                   ///< Phiếu xin lỗi và hẹn lại (each one moves the date once).
    std::optional<LocalTime> apology_sent;     ///< When the (first) apology letter was sent; not in the benchmark
                                               ///< CSV, so "apology too late" is only judged where it is known.
};

/// A dossier. The benchmark CSV (../shared/bench/dossiers.md) has every field except rescheduled_due and
/// apology_sent; its status column is text (ParseDossierStatus).
struct Dossier : DossierFacts {
    std::string id;          ///< Mã hồ sơ, unique per source.
    std::string unit;        ///< The unit's code.
    std::string department;  ///< The department's code within the unit.
    std::string procedure;   ///< The procedure's code (mã TTHC).
    std::string field;       ///< The field's code (lĩnh vực), e.g. land.
};

/// Checks one dossier's facts: due ≥ received, finished ≥ received, a finished status has a finished time,
/// an in-progress one has none, counts ≥ 0, apology_sent ≥ received. Each problem names the field
/// (`due`, `finished`, `status`, `supplement_requests`, …), the value and the reason in both languages.
std::vector<ErrorDetail> ValidateDossier(const DossierFacts& dossier);

// ---------------------------------------------------------------------------------------------------------------
// Definition sets

/// Which dossiers the rates are taken among (the three real conventions of methodology.md).
enum class DenominatorConvention : std::uint8_t {
    /// Thừa Thiên Huế: among dossiers processed (finished) in the period. on-time rate = on_time / processed.
    kProcessedInPeriod,
    /// Vĩnh Phúc: among dossiers due in the period. on-time rate = due_on_time / due_total.
    kDueInPeriod,
    /// Gia Lai: among dossiers to process = received in the period + carried over.
    /// late rate = (late finished in the period + open overdue at its end) / (received_counted + carried_over).
    kToProcess,
};

/// "processed_in_period", "due_in_period", "to_process".
const char* DenominatorConventionName(DenominatorConvention convention);
std::optional<DenominatorConvention> ParseDenominatorConvention(std::string_view name);

struct ServiceIndexGroup;  // service_index.hpp

/// The rules the statistics follow: data, versioned per province or year (methodology.md); the values below
/// are the default of CONVENTIONS.md.
struct DefinitionSet {
    std::string code = "default";
    int version = 1;
    Text name{"Mặc định (CONVENTIONS.md)", "Default (CONVENTIONS.md)"};

    // Timeliness. With day_level false: early = finished < due − early_seconds; on time = finished ≤ due +
    // grace_seconds; late otherwise. With day_level true the calendar days are compared: on time = date of
    // finished ≤ date of (due + grace_seconds); early = date of finished ≤ date of due − early_days.
    bool day_level = false;
    std::int64_t early_seconds = 86400;  ///< Instant level: how long before the due time counts as early.
    int early_days = 1;                  ///< Day level: how many calendar days before the due date count as early.
    std::int64_t grace_seconds = 0;      ///< Added to the due time before judging on time or late.

    DenominatorConvention denominator = DenominatorConvention::kProcessedInPeriod;

    // Whether dossiers returned unprocessed, withdrawn or rejected count like the others (processed when
    // finished, open otherwise, in every denominator). When false (the default) they only count in received and
    // in their own counter: "counted apart".
    bool count_returned = false;
    bool count_withdrawn = false;
    bool count_rejected = false;

    int due_soon_days = 3;  ///< An open dossier due within this many days (from `as_of`) is due soon.

    // Apology checks (NĐ 61/2018, kept in NĐ 118/2025).
    std::int64_t apology_min_lead_seconds = 86400;  ///< An apology must be sent at least this long before due.
    int max_apologies = 1;                          ///< More apologies or reschedules than this is a fault.

    int supplement_fault_threshold = 2;  ///< This many supplement requests or more is a fault.

    /// The point table of the 766 index's progress-and-results group (service_index.hpp); null for
    /// DefaultProgressResultsGroup(). Shared and immutable, so that copying a set stays cheap.
    std::shared_ptr<const ServiceIndexGroup> service_index;

    /// Whether a dossier of this status counts like the others (see count_returned…).
    bool Counts(DossierStatus status) const;
};

/// The default definition set of CONVENTIONS.md ("Dossier timeliness").
DefinitionSet DefaultDefinitionSet();

/// Checks a definition set: a code of letters, digits, `-`, `_`, `.`; version ≥ 1; a Vietnamese name;
/// early_seconds, grace_seconds, apology_min_lead_seconds in 0..366 days; early_days 1..366; due_soon_days
/// 0..366; max_apologies 0..10; supplement_fault_threshold 1..100. Each problem names the field.
std::vector<ErrorDetail> ValidateDefinitionSet(const DefinitionSet& set);

// ---------------------------------------------------------------------------------------------------------------
// Classification of one dossier

enum class Timeliness : std::uint8_t { kEarly, kOnTime, kLate };
/// "early", "on_time", "late".
const char* TimelinessName(Timeliness timeliness);

enum class OpenState : std::uint8_t { kNotDue, kDueSoon, kOverdue };
/// "not_due", "due_soon", "overdue".
const char* OpenStateName(OpenState state);

/// What one dossier is, as of a time, under a definition set.
struct DossierClass {
    bool received = false;  ///< received ≤ as_of (otherwise nothing else is set).
    bool counted = false;   ///< Counts like the others (false for a set-aside status the set does not count).
    bool finished = false;  ///< counted, and finished at or before as_of.
    std::optional<Timeliness> timeliness;  ///< For finished dossiers. kOnTime here means on time but not early.
    std::optional<OpenState> open_state;   ///< For counted dossiers not finished at as_of.
    /// Late (finished late, or open and overdue) with no apology letter.
    bool late_without_apology = false;
    /// More apology letters (each one a reschedule) than max_apologies.
    bool apology_excess = false;
    /// An apology sent less than apology_min_lead_seconds before due (only where apology_sent is known).
    bool apology_too_late = false;
    bool supplement_fault = false;                   ///< supplement_requests ≥ the threshold.
    std::optional<std::int64_t> processing_seconds;  ///< finished − received, for finished dossiers.

    /// Early or on time.
    bool InTime() const { return timeliness && *timeliness != Timeliness::kLate; }
};

/// The timeliness of a dossier finished at `finished` (due is the original deadline: an apology letter does not
/// move it for the statistics).
Timeliness JudgeTimeliness(LocalTime finished, LocalTime due, const DefinitionSet& set);

/// Classifies a dossier as of `as_of`.
DossierClass Classify(const DossierFacts& dossier, const DefinitionSet& set, LocalTime as_of);

// ---------------------------------------------------------------------------------------------------------------
// Counters

/// Counts that add up (operator+=): the aggregates kept per key and period.
///
/// `on_time` counts every dossier finished by its due time, early ones included (the reference question's
/// "on time (finished ≤ due)"); `early` is the subset finished early; so processed = on_time + late.
struct DossierCounters {
    std::int64_t received = 0;          ///< All dossiers received, whatever their status.
    std::int64_t received_counted = 0;  ///< Of which count like the others (DefinitionSet::Counts).
    std::int64_t carried_over = 0;      ///< Counted dossiers open at the start of the period (flow view).
    std::int64_t processed = 0;         ///< Counted dossiers finished.
    std::int64_t early = 0;
    std::int64_t on_time = 0;  ///< Early included.
    std::int64_t late = 0;
    std::int64_t open_not_due = 0;
    std::int64_t open_due_soon = 0;
    std::int64_t open_overdue = 0;
    std::int64_t due_total = 0;    ///< Counted dossiers due in the period (flow view): the Vĩnh Phúc denominator.
    std::int64_t due_on_time = 0;  ///< Of which finished by their due time.
    std::int64_t due_late = 0;     ///< Of which finished late or open past due at the period's end (or as_of).
    std::int64_t direct = 0;       ///< Channels of the received dossiers (all statuses).
    std::int64_t online_partial = 0;
    std::int64_t online_full = 0;
    std::int64_t postal = 0;
    std::int64_t late_without_apology = 0;     ///< Finished late with no apology letter.
    std::int64_t overdue_without_apology = 0;  ///< Open past due with no apology letter.
    std::int64_t apology_excess = 0;
    std::int64_t apology_too_late = 0;
    std::int64_t supplement_2plus = 0;  ///< supplement_requests ≥ the set's threshold (2 by default).
    std::int64_t returned = 0;          ///< Received dossiers returned unprocessed.
    std::int64_t withdrawn = 0;
    std::int64_t rejected = 0;
    std::int64_t processing_seconds_sum = 0;  ///< Over the processed dossiers.

    DossierCounters& operator+=(const DossierCounters& other);
    friend DossierCounters operator+(DossierCounters a, const DossierCounters& b) { return a += b; }
    bool operator==(const DossierCounters&) const = default;
};

/// One counter's stable name (snake_case: a JSON key, a column name), its member, and its label for people.
struct CounterField {
    const char* name;
    std::int64_t DossierCounters::*member;
    const char* label_vi;  ///< e.g. "Giải quyết đúng hạn (kể cả trước hạn)".
    const char* label_en;  ///< e.g. "Finished on time (early included)".
};
/// Every counter of DossierCounters, in declaration order ("received", "received_counted", …), so that storage
/// and formats never list them by hand.
std::span<const CounterField> CounterFields();

/// Cohort view: adds a dossier to the counters of its received period, judged as of `as_of`: received and the
/// channel, status counters, and (when counted) processed/timeliness or the open state, the faults and the
/// processing time. carried_over stays 0 in this view; due_total counts the cohort's dossiers decided as of
/// `as_of` (due_on_time: finished in time; due_late: finished late or open overdue). Nothing when received >
/// as_of.
void CountByReceived(const DossierFacts& dossier, const DefinitionSet& set, LocalTime as_of, DossierCounters& counters);

/// Flow view: calls `add(period, delta)` for every period of `kind` the dossier touches up to the period that
/// contains `as_of` (see the top of this file for which timestamp decides what). A dossier open for months is
/// carried over into each of them and open at the end of each. `add` may be called more than once for a period
/// (the deltas add up). `as_of` must be the statistics' real date ("now", or the end of the reported period):
/// an open dossier is counted at the end of every period up to it, so a far-future `as_of` makes one row per
/// period until then. Open states and due_* counts change with `as_of` even when no data changes, so aggregates
/// kept at import time either fix `as_of` or recompute the open dossiers' part when asked.
void FoldIntoPeriods(const DossierFacts& dossier, const DefinitionSet& set, PeriodKind kind, LocalTime as_of,
                     const std::function<void(const Period&, const DossierCounters&)>& add);

// ---------------------------------------------------------------------------------------------------------------
// Keys and tallies

/// A dimension of the statistics.
enum class Dimension : std::uint8_t { kUnit, kDepartment, kField, kProcedure, kChannel };
/// "unit", "department", "field", "procedure", "channel".
const char* DimensionName(Dimension dimension);
std::optional<Dimension> ParseDimension(std::string_view name);

/// A grouping key: the dimensions not grouped by stay empty (and channel nothing).
struct DossierKey {
    std::string unit;
    std::string department;
    std::string field;
    std::string procedure;
    std::optional<Channel> channel;

    auto operator<=>(const DossierKey&) const = default;
    bool operator==(const DossierKey&) const = default;
};

/// The key of a dossier when grouping by `dimensions`.
DossierKey KeyOf(const Dossier& dossier, const std::vector<Dimension>& dimensions);

/// One group of the statistics: a key and a period.
struct StatsKey {
    DossierKey key;
    Period period;

    auto operator<=>(const StatsKey&) const = default;
    bool operator==(const StatsKey&) const = default;
};

/// Counters per key and period, in memory (for small sets and tests; the store keeps its own aggregates).
class DossierTally {
  public:
    DossierTally(std::vector<Dimension> dimensions, PeriodKind period, DefinitionSet set, LocalTime as_of, bool cohort);

    /// Adds a dossier: to its received period (cohort) or to every period it touches (flow).
    void Add(const Dossier& dossier);
    const std::map<StatsKey, DossierCounters>& Rows() const { return rows_; }

  private:
    std::vector<Dimension> dimensions_;
    PeriodKind period_;
    DefinitionSet set_;
    LocalTime as_of_;
    bool cohort_;
    std::map<StatsKey, DossierCounters> rows_;
};

// ---------------------------------------------------------------------------------------------------------------
// Rates (percent, thousandths, rounded half away from zero; nothing when the denominator is 0)

/// `numerator / denominator × 100` in thousandths of a percent, rounded half away from zero.
std::optional<Decimal> PercentOf(std::int64_t numerator, std::int64_t denominator);

/// The denominator of the timeliness rates under the set's convention: processed, due_total, or
/// received_counted + carried_over.
std::int64_t TimelinessDenominator(const DossierCounters& counters, const DefinitionSet& set);
/// Early or on time (đúng và trước hạn): on_time, due_on_time or on_time over the convention's denominator.
std::optional<Decimal> OnTimeRate(const DossierCounters& counters, const DefinitionSet& set);
/// Early: early over the convention's denominator (kDueInPeriod uses processed: early is not kept per due).
std::optional<Decimal> EarlyRate(const DossierCounters& counters, const DefinitionSet& set);
/// Late: late / processed; due_late / due_total; (late + open_overdue) / (received_counted + carried_over).
std::optional<Decimal> LateRate(const DossierCounters& counters, const DefinitionSet& set);
/// A channel's share of the received dossiers (all statuses).
std::optional<Decimal> ChannelShare(const DossierCounters& counters, Channel channel);
/// Average processing time in seconds (rounded half away from zero), nothing when none were processed.
std::optional<std::int64_t> AverageProcessingSeconds(const DossierCounters& counters);

// ---------------------------------------------------------------------------------------------------------------
// The benchmark's reference question

/// The definition set of the reference question (../shared/bench/dossiers.md): the default timeliness, every
/// status counted (the question ignores the status column), so that its figures equal plain SQL over the CSV.
DefinitionSet ReferenceDefinitionSet();

/// One row of the reference question: per unit and calendar month of received_at.
struct ReferenceRow {
    std::int64_t total = 0;                 ///< Dossiers received.
    std::int64_t finished = 0;              ///< With a finished time.
    std::int64_t on_time = 0;               ///< finished ≤ due (early included).
    std::int64_t early = 0;                 ///< finished < due − 1 day.
    std::int64_t late = 0;                  ///< finished > due.
    std::int64_t late_without_apology = 0;  ///< Late (finished) with zero apology letters.
    std::int64_t supplement_2plus = 0;      ///< supplement_requests ≥ 2.
    /// online_full / total × 100, in thousandths of a percent rounded half away from zero (25.125 for 201 of
    /// 800): exact, so every engine can compute the same value with integers; nothing when total is 0.
    std::optional<Decimal> online_full_share;

    bool operator==(const ReferenceRow&) const = default;
};

/// The reference row of counters built with CountByReceived under ReferenceDefinitionSet() and an `as_of` after
/// every timestamp. (Open overdue dossiers are not late here: the question counts finished ones only.)
ReferenceRow ToReferenceRow(const DossierCounters& counters);

}  // namespace parindex
