#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/framework.hpp"
#include "domain/peer_group.hpp"
#include "domain/result.hpp"
#include "domain/results.hpp"
#include "domain/unit.hpp"
#include "formats/table.hpp"

namespace parindex {

/// What one import file may hold: any of units, peer groups, frameworks and assessments (docs/formats.md).
struct Bundle {
    std::vector<Unit> units;
    std::vector<PeerGroup> groups;
    std::vector<Framework> frameworks;
    std::vector<Assessment> assessments;
};

/// Reads the JSON format of docs/formats.md: an object with any of `units`, `groups`, `frameworks` (or a
/// single `framework`) and `assessments`. Numbers may be JSON numbers or strings with a decimal comma or point
/// (at most 3 decimals). Every string is NFC-normalised. Every object's SourceRef carries its JSON path.
/// Errors name the file, the JSON path, the field, the value and the reason; all of them are collected.
Result<Bundle> ParseBundleJson(std::string_view content, const std::string& file_name);

/// Writes a bundle in the same JSON format (pretty-printed, decimals exact); parsing it gives the bundle back.
std::string WriteBundleJson(const Bundle& bundle);

/// Options for tables that leave the unit, year or framework to the command line.
struct TableOptions {
    std::string unit_code;       ///< Used when the table has no unit column.
    std::optional<int> year;     ///< Used when the table has no year column.
    std::string framework_code;  ///< Used when the table has no framework column.
};

/// Units from a table with columns code, name, type, parent_code, valid_from, valid_to, successor_code, demo.
Result<std::vector<Unit>> ParseUnitsTable(const Table& table);
/// Peer-group years from a table with columns group_code, group_name, year, framework_code, unit_code, ranked.
Result<std::vector<PeerGroup>> ParseGroupsTable(const Table& table, const TableOptions& options);
/// Frameworks from a table with columns (framework_code,) code, parent_code, title, max, method,
/// evidence_required, responsible, previous_code, max_only, declared_difference, note. A missing parent_code
/// column means the parent is the code without its last dotted part ("4.1.2" → "4.1").
Result<std::vector<Framework>> ParseFrameworkTable(const Table& table, const TableOptions& options);
/// Assessments from a table with columns (unit_code, year, framework_code,) code, self, appraised, change,
/// explanation, reason, cause, responsible, provenance; the officials' layout (code, title, max, self score,
/// appraised score, cause, responsible department, Vietnamese headers accepted) reads too. Code `TOTAL`
/// carries the published total.
Result<std::vector<Assessment>> ParseScoresTable(const Table& table, const TableOptions& options);

/// CSV text for units, groups, a framework's nodes and an assessment's node scores, in the columns above.
std::string WriteUnitsCsv(const std::vector<Unit>& units);
std::string WriteGroupsCsv(const std::vector<PeerGroup>& groups);
std::string WriteFrameworkCsv(const Framework& framework);
std::string WriteScoresCsv(const std::vector<Assessment>& assessments);

/// .xlsx files in the officials' layouts: one row per criterion (code, title, max, self score, appraised
/// score, cause, responsible department) for scores; the framework's nodes; units; groups.
Status WriteUnitsXlsx(const std::vector<Unit>& units, const std::string& path);
Status WriteGroupsXlsx(const std::vector<PeerGroup>& groups, const std::string& path);
Status WriteFrameworkXlsx(const Framework& framework, const std::string& path);
Status WriteScoresXlsx(const Assessment& assessment, const Framework* framework, const std::string& path);

/// A unit's results as .xlsx: a summary sheet (points, index, band, change, ranks, parts), the areas,
/// every criterion, the lost points, the gaps and the trend. Values, never formulas.
Status WriteResultsXlsx(const UnitResult& result, const std::string& path);
/// A group's ranking as .xlsx: rank, unit, points, max, index, band, previous rank, change; the tie rule.
Status WriteRankingXlsx(const GroupRanking& ranking, const std::string& path);

}  // namespace parindex
