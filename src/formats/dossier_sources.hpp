#pragma once

// Issue 5 §1: dossiers from any one-stop software's export (CSV with other headers, .xlsx, JSON) through a
// mapping profile (domain/dossier_mapping.hpp), into the same DossierBatch as the fast benchmark CSV reader
// (formats/dossier_csv.hpp). Errors name the file and line, the sheet cell (`Sheet1!D7`) or the JSON path
// (`$.data.items[3].ngay_nhan`). With skip_bad_rows the good rows are kept and the bad ones listed.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/dossier_mapping.hpp"
#include "domain/dossier_store.hpp"
#include "domain/result.hpp"

namespace parindex {

/// The unit register, for strict dictionaries: unit code → the codes of its departments.
using DossierUnitRegister = std::map<std::string, std::set<std::string>>;

/// How ReadDossierSource works.
struct DossierSourceOptions {
    std::size_t max_errors = 1000;  ///< Errors listed; every error is counted.
    bool skip_bad_rows = false;     ///< Keep the good rows and list the bad ones instead of failing.
    /// The unit of rows without a unit when the mapping has neither a unit column nor a default unit.
    std::string importing_unit;
    /// Strict dictionaries check units and departments against this register (ignored when null).
    const DossierUnitRegister* register_units = nullptr;
    /// Called with the records converted so far and their count.
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

/// What ReadDossierSource read.
struct DossierSourceRead {
    DossierBatch batch;               ///< The good rows.
    std::int64_t rows = 0;            ///< Data rows (records) in the file.
    std::int64_t bad_rows = 0;        ///< Rows left out (skip_bad_rows).
    std::int64_t error_count = 0;     ///< Every problem found.
    std::vector<ErrorDetail> errors;  ///< The first max_errors problems, in file order.
    /// Names given in the file (procedure code → name, field code → name), when the mapping has those columns
    /// (also in the batch's procedure_names and field_names, which the store keeps).
    std::map<std::string, std::string> procedure_names;
    std::map<std::string, std::string> field_names;
};

/// The format of a file from its extension: .xlsx, .json, otherwise CSV.
DossierSourceFormat DossierSourceFormatOf(const std::string& file_name);

/// Reads the file at `path` (named `file_name` in messages) with `mapping`. Without skip_bad_rows a file with any
/// bad row is one kInvalidInput error listing the problems (as ReadDossierCsv); with it, the good rows and the
/// list. A file that cannot be read at all (no records, a missing header, malformed JSON) is always an error.
Result<DossierSourceRead> ReadDossierSource(const std::string& path, const std::string& file_name,
                                            const DossierMapping& mapping, const DossierSourceOptions& options = {});

/// The first rows of a file, for the mapping editor.
struct DossierPreview {
    DossierSourceFormat format = DossierSourceFormat::kCsv;
    std::string sheet;                           ///< .xlsx: the sheet read.
    std::vector<std::string> headers;            ///< Columns (for JSON the keys, nested ones dotted).
    std::vector<std::vector<std::string>> rows;  ///< Up to `limit` rows, one text per header.
    std::int64_t total_rows = 0;
};

/// The headers and first `limit` rows of a file in `format` (JSON records at `json_path`; .xlsx `sheet`,
/// headers at `header_row`).
Result<DossierPreview> PreviewDossierSource(const std::string& path, const std::string& file_name,
                                            DossierSourceFormat format, const std::string& json_path,
                                            const std::string& sheet, int header_row, std::size_t limit = 20);

/// The bad-row report: a header `dòng,cột,ô/đường dẫn,trường,giá trị,lý do,reason` then one line per error
/// (UTF-8 with a BOM so that spreadsheet programs read the diacritics).
std::string DossierErrorReportCsv(const std::vector<ErrorDetail>& errors);
/// The same report as an .xlsx workbook at `path`.
Status WriteDossierErrorReportXlsx(const std::vector<ErrorDetail>& errors, const std::string& path);

/// A mapping as JSON (the `mapping save FILE.json` layout, the HTTP body):
/// {"name", "version", "description", "format", "json_path", "sheet", "header_row",
///  "columns": {"id": "Mã hồ sơ", …}, "status_values": {…}, "channel_values": {…}, "time_format",
///  "dictionaries", "default_unit", "saved_at", "saved_by"}.
std::string DossierMappingToJson(const DossierMapping& mapping);
/// Reads a mapping from that JSON (unknown keys are errors naming them; version, saved_at and saved_by are
/// ignored), then validates it; every problem names its field.
Result<DossierMapping> DossierMappingFromJson(std::string_view text, const std::string& file_name);

}  // namespace parindex
