#pragma once

// The durable store of dossiers (issue 5 §5): raw dossiers in compact blocks, one per unit × month of
// received_at, with the counters of every block kept beside it, so that statistics never scan raw rows.
// The types here are deliberately compact (fixed-width, dictionary-encoded): an import of ten million
// dossiers must fit in a few hundred megabytes.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dossier.hpp"
#include "domain/result.hpp"

namespace parindex {

/// A local time (Việt Nam, as LocalTime) as whole seconds since 2000-01-01 00:00:00; kNoCompactTime when
/// absent. Covers 2000-01-01 to 2136.
using CompactTime = std::uint32_t;
inline constexpr CompactTime kNoCompactTime = 0xFFFFFFFFu;
/// LocalTime's seconds at 2000-01-01 00:00:00.
inline constexpr std::int64_t kCompactEpoch = 946684800;

/// The compact time of a local time; nothing before 2000 or after 2136.
inline std::optional<CompactTime> ToCompactTime(LocalTime time) {
    const std::int64_t seconds = time.seconds - kCompactEpoch;
    if (seconds < 0 || seconds >= static_cast<std::int64_t>(kNoCompactTime)) return std::nullopt;
    return static_cast<CompactTime>(seconds);
}
/// The local time of a compact time (not kNoCompactTime).
inline LocalTime ToLocalTime(CompactTime time) { return LocalTime::FromSeconds(kCompactEpoch + time); }
/// The local time of a compact time, nothing for kNoCompactTime.
inline std::optional<LocalTime> ToOptionalLocalTime(CompactTime time) {
    if (time == kNoCompactTime) return std::nullopt;
    return ToLocalTime(time);
}

/// One dossier, compact: codes are indexes into the dictionaries of the batch (or of the store), times are
/// CompactTime, counts are capped at 255 by the readers.
struct CompactDossier {
    std::uint32_t id_offset = 0;  ///< Into the id bytes of the batch part that holds the row.
    std::uint16_t id_length = 0;
    std::uint8_t channel = 0;  ///< Channel.
    std::uint8_t status = 0;   ///< DossierStatus.
    std::uint16_t unit = 0;
    std::uint16_t department = 0;
    std::uint16_t procedure = 0;
    std::uint16_t field = 0;
    std::uint8_t supplement_requests = 0;
    std::uint8_t apology_letters = 0;
    std::uint16_t reserved = 0;
    CompactTime received = kNoCompactTime;
    CompactTime due = kNoCompactTime;
    CompactTime finished = kNoCompactTime;
    CompactTime returned = kNoCompactTime;
};
static_assert(sizeof(CompactDossier) == 36);

/// Dossiers as read from one file, ready for the store: dictionaries shared by every part, rows in parts
/// (one per reading thread), each part with its own id bytes. Rows keep the file's order: part 0 first.
struct DossierBatch {
    struct Part {
        std::vector<CompactDossier> rows;
        std::string ids;  ///< The ids of the rows, back to back.
        std::string_view IdOf(const CompactDossier& row) const { return {ids.data() + row.id_offset, row.id_length}; }
        /// True when `row` is one of this part's rows.
        bool Holds(const CompactDossier* row) const {
            return !rows.empty() && row >= rows.data() && row < rows.data() + rows.size();
        }
    };
    std::string file;  ///< The file name, for messages.
    std::vector<std::string> units;
    std::vector<std::string> departments;
    std::vector<std::string> procedures;
    std::vector<std::string> fields;
    /// Names for people of the codes above, parallel to them when the file has name columns (empty, shorter, or
    /// an empty name: the stored name, if any, stays).
    std::vector<std::string> department_names;
    std::vector<std::string> procedure_names;
    std::vector<std::string> field_names;
    std::vector<Part> parts;

    std::size_t Size() const {
        std::size_t n = 0;
        for (const Part& part : parts) n += part.rows.size();
        return n;
    }
    /// The id of a row held by one of the parts.
    std::string_view IdOf(const CompactDossier* row) const {
        for (const Part& part : parts) {
            if (part.Holds(row)) return part.IdOf(*row);
        }
        return {};
    }
};

/// The facts of a compact row, for Classify and CountByReceived.
DossierFacts FactsOf(const CompactDossier& row);

/// The definition set the stored counters are built with: ReferenceDefinitionSet() (the default timeliness of
/// CONVENTIONS.md, every status counted), judged as of a time after every stored timestamp, so that the
/// counters of a block never depend on the day of the import (the open_* counters are therefore not meaningful:
/// they depend on the day they are asked for).
const DefinitionSet& StoredCountersDefinition();

/// Adds a compact row to `counters` in the cohort view (its received month) under StoredCountersDefinition().
void CountStored(const CompactDossier& row, DossierCounters& counters);

/// The counters of one unit and calendar month of received_at, as stored: received, received_counted,
/// processed, early, on_time, late, the four channels, late_without_apology, apology_excess, supplement_2plus,
/// returned, withdrawn, rejected and processing_seconds_sum. The others (carried over, open, due, overdue, apology
/// too late) stay 0: they depend on the day they are asked for or on the flow view, and are computed from the
/// blocks when needed.
struct UnitMonthCounters {
    std::string unit;
    int year = 0;
    int month = 0;  ///< 1..12.
    DossierCounters counters;
};

/// A page of the dossiers of one unit-month, ordered by received time then id.
struct DossierPage {
    std::int64_t total = 0;  ///< Dossiers of the unit-month, all pages.
    std::vector<Dossier> dossiers;
};

/// What an import changed.
struct DossierImportSummary {
    std::int64_t rows = 0;      ///< Rows in the file.
    std::int64_t inserted = 0;  ///< Dossiers new to the store.
    std::int64_t updated = 0;   ///< Dossiers replaced by id (already stored, or repeated later in the file).
    std::int64_t blocks = 0;    ///< Unit-month blocks written.
    std::int64_t stored = 0;    ///< Dossiers in the store afterwards.
};

/// Reports the progress of a long step: `done` of `total` (units of the step's choosing) under `stage`.
using DossierProgress = std::function<void(std::string_view stage, std::int64_t done, std::int64_t total)>;

/// An ad-hoc question over the stored dossiers (the unit dashboard, breakdowns, KPI actuals): the dossiers of
/// `units` (every unit when empty) received from `from` (inclusive) to `to` (exclusive), optionally only those of
/// one department, field, procedure or channel, grouped by `by` × `period`, counted under `set` as of `as_of`, in
/// the cohort view (CountByReceived) or the flow view (FoldIntoPeriods). It decodes the blocks of the units and
/// months concerned (for the flow view also the earlier months whose dossiers may still be open), never the whole
/// store.
struct DossierQuery {
    std::vector<std::string> units;
    LocalTime from;
    LocalTime to;
    std::optional<std::string> department;
    std::optional<std::string> field;
    std::optional<std::string> procedure;
    std::optional<Channel> channel;
    std::vector<Dimension> by;
    PeriodKind period = PeriodKind::kMonth;
    bool cohort = true;
    DefinitionSet set = DefaultDefinitionSet();
    LocalTime as_of;
};

/// One row of an ad-hoc question, ordered by key then period.
struct DossierStatsRow {
    StatsKey key;
    DossierCounters counters;
};

/// The dossiers behind one number (drill-down): the dossiers that DossierQuery's filters select and whose
/// classification under `query.set` as of `query.as_of` adds to `counter` (a CounterFields() name: "late",
/// "late_without_apology", "open_overdue", …; empty for every dossier), ordered by received time then id, a page
/// of `limit` from `offset`. Cohort view: the dossiers received in [from, to); flow view: the dossiers the flow
/// view adds to `counter` for the period that starts at `from`.
struct DossierListQuery {
    DossierQuery query;
    std::string counter;
    std::int64_t offset = 0;
    std::int64_t limit = 50;
};

/// The names the dossier dictionaries keep (code → name), for dashboards; codes without a name are absent.
struct DossierNames {
    std::map<std::string, std::string> departments;
    std::map<std::string, std::string> procedures;
    std::map<std::string, std::string> fields;
};

/// The port of the durable dossier store.
class DossierStore {
  public:
    virtual ~DossierStore() = default;

    /// Stores every dossier of `batch` in one transaction: dossiers already stored (by id, wherever they were)
    /// are replaced, never duplicated; a later row of the batch with the id of an earlier one replaces it; the
    /// counters of every block touched are recomputed from its rows. Nothing is written when it fails.
    virtual Result<DossierImportSummary> ImportDossiers(const DossierBatch& batch, const DossierProgress& progress) = 0;
    /// Stores a file read in parts (a file too large to hold at once): `next` gives the parts in order, nothing after
    /// the last; every part is stored as ImportDossiers stores a batch, all in one transaction, recorded as one import
    /// of `file`. When `next` or a part fails, nothing is written.
    virtual Result<DossierImportSummary> ImportDossierParts(
        const std::string& file, const std::function<Result<std::optional<DossierBatch>>()>& next,
        const DossierProgress& progress) = 0;
    /// The counters per unit and month (of `year` when given), ordered by unit code then month; read from the
    /// stored counters only.
    virtual Result<std::vector<UnitMonthCounters>> UnitMonthStats(std::optional<int> year) = 0;
    /// The dossiers of one unit-month, `limit` of them from `offset`.
    virtual Result<DossierPage> UnitMonthDossiers(const std::string& unit, int year, int month, std::int64_t offset,
                                                  std::int64_t limit) = 0;
    /// The stored dossier with `id`, if any.
    virtual Result<std::optional<Dossier>> FindDossier(const std::string& id) = 0;
    /// Answers an ad-hoc question (see DossierQuery).
    virtual Result<std::vector<DossierStatsRow>> Aggregate(const DossierQuery& query) = 0;
    /// The dossiers behind one number (see DossierListQuery).
    virtual Result<DossierPage> ListDossiers(const DossierListQuery& query) = 0;
    /// The names kept in the dictionaries (none by default).
    virtual Result<DossierNames> Names() { return DossierNames{}; }
};

}  // namespace parindex
