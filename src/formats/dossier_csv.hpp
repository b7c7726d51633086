#pragma once

// The fast reader of the dossier CSV layout of ../shared/bench/dossiers.md: `dossier_id, unit_code,
// department_code, procedure_code, field_code, channel, received_at, due_at, finished_at, returned_at,
// supplement_requests, apology_letters, status` (columns in any order, found by header; extra columns are
// ignored). The file is memory-mapped and read by up to two threads straight into compact rows; nothing is
// allocated per row beyond the rows and the id bytes themselves.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/dossier_store.hpp"
#include "domain/result.hpp"

namespace parindex {

/// How ReadDossierCsv works.
struct DossierCsvOptions {
    int threads = 2;                ///< 1 or 2 reading threads (files under a few megabytes use one).
    std::size_t max_errors = 1000;  ///< Errors listed; every error is counted.
    /// Called now and then from the reading thread with the bytes read so far and the file's size.
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

/// Reads the file at `path` (named `file_name` in messages). UTF-8 with or without a BOM, comma or semicolon
/// separator (detected from the header line), RFC 4180 quoting, CRLF or LF, codes and ids NFC-normalised.
/// Timestamps `YYYY-MM-DD HH:MM:SS` (also `T` between, or without seconds) or `dd/mm/yyyy hh:mm[:ss]`, local
/// time; received_at and due_at required, finished_at and returned_at may be empty; counts are whole numbers
/// 0..255 (empty reads as 0); channel one of direct, online_partial, online_full, postal (or a label ParseChannel
/// reads); status as ParseDossierStatus reads it (empty: finished or in progress by finished_at). A file with any bad
/// row is rejected whole: one kInvalidInput error listing the first `max_errors` problems (file, line,
/// column, field, value, reason), its message giving the total count.
Result<DossierBatch> ReadDossierCsv(const std::string& path, const std::string& file_name,
                                    const DossierCsvOptions& options = {});

/// Reads a file too large to hold at once in parts of about `part_bytes` of text each (ending at a record's end), so
/// that memory stays bounded however large the file: each Next() gives one part's dossiers (dictionaries of its
/// own), nothing after the last part. A bad row makes Next() read the rest of the file and return one error listing
/// every bad row of this and the later parts (the caller stores the parts in one transaction and rolls it back).
class DossierCsvParts {
  public:
    static Result<std::unique_ptr<DossierCsvParts>> Open(const std::string& path, const std::string& file_name,
                                                         const DossierCsvOptions& options, std::size_t part_bytes);
    DossierCsvParts(const DossierCsvParts&) = delete;
    DossierCsvParts& operator=(const DossierCsvParts&) = delete;
    ~DossierCsvParts();

    Result<std::optional<DossierBatch>> Next();

  private:
    struct State;
    explicit DossierCsvParts(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

/// As ReadDossierCsv, over text already in memory.
Result<DossierBatch> ParseDossierCsv(std::string_view content, const std::string& file_name,
                                     const DossierCsvOptions& options = {});

}  // namespace parindex
