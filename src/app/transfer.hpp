#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/import_service.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "formats/codecs.hpp"

namespace parindex {

/// A file to import, as `parindex import KIND FILE` and `POST /api/admin/import` name it.
struct ImportRequest {
    std::string kind;       ///< units | groups | framework | scores | all.
    std::string path;       ///< Where the bytes are on disk.
    std::string file_name;  ///< The name errors show; its extension (.json, .csv, .xlsx) decides the type.
    std::string unit;       ///< For tables without a unit column.
    std::optional<int> year;
    std::string framework;
    std::string sheet;  ///< The .xlsx sheet (the first one when empty).
};

/// A file read and parsed, not yet validated against the store.
struct ParsedImport {
    Bundle bundle;
    ScoreMerge merge = ScoreMerge::kReplace;  ///< Score tables merge node by node; JSON replaces.
};

/// Reads and parses an import file the one way the command line and the API share: JSON keeps only the named
/// kind (all of it for `all`), CSV and .xlsx are read as the kind's table. kInvalidInput listing every bad cell
/// (file, line, column, field, value, reason), for an unknown type or kind, or a file without data of the kind.
Result<ParsedImport> ReadImportFile(const ImportRequest& request);

/// Imports uploaded bytes (`request.path` is ignored): reads them like ReadImportFile, refuses (kConflict, naming
/// each) scores that would overwrite a published assessment, validates and writes everything in one transaction.
/// With `dry_run` everything is read and validated, the counts are those a real import would write, and the
/// transaction is rolled back.
Result<ImportSummary> ImportUpload(Store& store, ImportRequest request, std::string_view bytes, bool dry_run);

/// What to export, as `parindex export KIND` and `GET /api/admin/export` name it.
struct ExportRequest {
    std::string kind;         ///< units | groups | framework | scores | all.
    std::string format;       ///< json | csv | xlsx.
    std::string unit;         ///< scores: the unit.
    std::optional<int> year;  ///< scores: the year; groups: only that year.
    std::string framework;    ///< framework: its code.
};

/// kInvalidInput (naming the parameter) for an unknown kind or format or a combination that cannot be written:
/// framework without `framework`, scores without `unit` and `year`, `all` in anything but JSON.
Status CheckExportRequest(const ExportRequest& request);

/// Writes the export to `path` (kNotFound for an unknown framework or a unit-year without an assessment).
Status WriteExportFile(Store& store, const ExportRequest& request, const std::string& path);

/// An export as bytes, with a file name and a content type for the download.
struct ExportedFile {
    std::string file_name;  ///< e.g. `units.xlsx`, `framework-hadong-2023.json`, `scores-lakhe-2023.csv`.
    std::string content_type;
    std::string bytes;
};

/// The same bytes WriteExportFile writes, in memory.
Result<ExportedFile> ExportToMemory(Store& store, const ExportRequest& request);

}  // namespace parindex
