#pragma once

// Issue 5 §1: the mapping profile of a one-stop software's export (CSV, .xlsx or JSON) onto the dossier fields,
// kept as data and versioned by name, so that a unit defines it once per source. Pure domain: no I/O.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dossier.hpp"
#include "domain/result.hpp"

namespace parindex {

/// The file format a mapping reads.
enum class DossierSourceFormat : std::uint8_t { kCsv, kXlsx, kJson };
/// "csv", "xlsx", "json".
const char* DossierSourceFormatName(DossierSourceFormat format);
std::optional<DossierSourceFormat> ParseDossierSourceFormat(std::string_view name);

/// How the timestamps of the file are written: auto (ParseLocalTime: ISO or dd/mm/yyyy), iso (YYYY-MM-DD…
/// only), vn (dd/mm/yyyy… only).
enum class DossierTimeFormat : std::uint8_t { kAuto, kIso, kVn };
const char* DossierTimeFormatName(DossierTimeFormat format);
std::optional<DossierTimeFormat> ParseDossierTimeFormat(std::string_view name);

/// strict: units must exist in the unit register and departments among the unit's departments (unknown codes
/// are errors); auto: unknown department, procedure and field codes are added to the dossier dictionaries.
enum class DossierDictionaryMode : std::uint8_t { kStrict, kAuto };
const char* DossierDictionaryModeName(DossierDictionaryMode mode);
std::optional<DossierDictionaryMode> ParseDossierDictionaryMode(std::string_view name);

/// The dossier fields a mapping assigns a source column to.
enum class DossierField : std::uint8_t {
    kId,
    kUnit,
    kDepartment,
    kProcedure,
    kProcedureName,
    kField,
    kFieldName,
    kChannel,
    kStatus,
    kReceived,
    kDue,
    kFinished,
    kReturned,
    kSupplements,
    kApologies,
};
inline constexpr int kDossierFieldCount = 15;
/// "id", "unit", "department", "procedure", "procedure_name", "field", "field_name", "channel", "status",
/// "received", "due", "finished", "returned", "supplement_requests", "apology_letters".
const char* DossierFieldName(DossierField field);
/// The Vietnamese and English label of a field, for the mapping editor and messages.
Text DossierFieldLabel(DossierField field);
std::optional<DossierField> ParseDossierField(std::string_view name);
/// The fields a file must provide (a mapped column, or for the unit a default unit): id, unit, channel,
/// received, due.
bool IsRequiredDossierField(DossierField field);

/// A mapping profile. Headers are matched after NFC and case/space/diacritic folding (FoldForMatching).
struct DossierMapping {
    std::string name;  ///< Letters, digits, `-`, `_`, `.`; 1..64 characters.
    int version = 1;   ///< Set by the store: 1 for a new name, +1 for every save.
    std::string description;
    DossierSourceFormat format = DossierSourceFormat::kCsv;
    std::string json_path;  ///< JSON: the dotted path of the array of records (`data.items`; empty: the root).
    std::string sheet;      ///< .xlsx: the sheet (empty: the first one).
    int header_row = 1;     ///< .xlsx and CSV: the 1-based row holding the headers.
    /// The source column (header text; for JSON the key, dotted for nested objects) of each field; empty when
    /// the file does not have it.
    std::array<std::string, kDossierFieldCount> columns;
    /// Source text → status name (in_progress, finished, returned, withdrawn, rejected); matched after folding.
    std::map<std::string, std::string> status_values;
    /// Source text → channel name (direct, online_partial, online_full, postal); matched after folding.
    std::map<std::string, std::string> channel_values;
    DossierTimeFormat time_format = DossierTimeFormat::kAuto;
    DossierDictionaryMode dictionaries = DossierDictionaryMode::kAuto;
    /// The unit of every row when the file has no unit column (the importing unit when empty).
    std::string default_unit;
    std::string saved_at;  ///< Set by the store (UTC ISO 8601).
    std::string saved_by;  ///< Set by the store.

    const std::string& Column(DossierField field) const { return columns[static_cast<std::size_t>(field)]; }
    std::string& Column(DossierField field) { return columns[static_cast<std::size_t>(field)]; }
};

/// The mapping of the benchmark CSV layout (dossier_id, unit_code, …, status), auto dictionaries.
DossierMapping BenchmarkDossierMapping();

/// Checks a mapping: its name, version ≥ 1, header_row 1..1000, a column (or a default unit) for every required
/// field, no column mapped twice, value maps onto known names, a JSON path of dotted keys for JSON. Each problem
/// names the field (`name`, `columns.received`, `status_values.Đã xong`…).
std::vector<ErrorDetail> ValidateDossierMapping(const DossierMapping& mapping);

/// Reads a timestamp as the mapping says: kAuto as ParseLocalTime; kIso only when it starts `YYYY-`; kVn only
/// when it starts `d/` or `dd/`.
std::optional<LocalTime> ParseMappedTime(std::string_view text, DossierTimeFormat format);

/// One import of a unit's dossiers through the web application (the unit's import history).
struct DossierImportRecord {
    std::int64_t id = 0;  ///< Set by the store.
    std::string unit;
    std::string file;
    std::string mapping;  ///< `name@version`, empty for the benchmark layout.
    std::string username;
    std::string imported_at;  ///< UTC ISO 8601.
    std::int64_t rows = 0;    ///< Rows imported.
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t skipped = 0;  ///< Bad rows left out.
    std::int64_t errors = 0;   ///< Problems found in them.
    bool has_report = false;   ///< A bad-row report is kept.
    std::string report_csv;    ///< The report (FindDossierImport only).
};

/// The port of the saved mapping profiles and the import history (the SQLite store implements it in the main
/// database).
class DossierMappingStore {
  public:
    virtual ~DossierMappingStore() = default;
    /// Saves a new version of the mapping `mapping.name` (version = last + 1; saved_at and saved_by as given);
    /// returns the saved mapping with its version.
    virtual Result<DossierMapping> SaveDossierMapping(const DossierMapping& mapping) = 0;
    /// The latest version of every mapping, by name.
    virtual Result<std::vector<DossierMapping>> ListDossierMappings() = 0;
    /// The latest version of `name` (or the given version), if any.
    virtual Result<std::optional<DossierMapping>> FindDossierMapping(const std::string& name,
                                                                     std::optional<int> version) = 0;
    /// Removes every version of `name`; false when there was none.
    virtual Result<bool> DeleteDossierMapping(const std::string& name) = 0;

    /// Records an import (with its bad-row report when report_csv is not empty); returns its id.
    virtual Result<std::int64_t> RecordDossierImport(const DossierImportRecord& record) = 0;
    /// The imports of `unit`, newest first, at most `limit` (reports not loaded).
    virtual Result<std::vector<DossierImportRecord>> ListDossierImports(const std::string& unit, int limit) = 0;
    /// One import with its report.
    virtual Result<std::optional<DossierImportRecord>> FindDossierImport(std::int64_t id) = 0;
};

}  // namespace parindex
