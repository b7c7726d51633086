// Units, groups, frameworks and scores read from tables (CSV or a sheet) and written as CSV.

#include <map>
#include <set>
#include <tuple>

#include "formats/codec_common.hpp"
#include "formats/codecs.hpp"
#include "formats/import_errors.hpp"
#include "formats/table_columns.hpp"

namespace parindex {
namespace {

// The column of a table that has one of a field's header names, if any.
std::optional<std::size_t> Find(const Table& table, const ColumnNames& column) {
    for (std::string_view name : column.names) {
        if (auto index = table.FindColumn({name})) return index;
    }
    return std::nullopt;
}

std::string JoinNames(const ColumnNames& column) {
    std::string joined;
    for (std::string_view name : column.names) {
        if (!joined.empty()) joined += ", ";
        joined += "\"" + std::string(name) + "\"";
    }
    return joined;
}

// One error naming the header names a required column may have.
void MissingColumn(const Table& table, const ColumnNames& column, ImportErrors& errors, const std::string& hint_vi = {},
                   const std::string& hint_en = {}) {
    ErrorDetail detail;
    detail.line = 1;
    if (!table.sheet.empty()) detail.path = SheetReference(table.sheet) + "!1:1";
    detail.field = std::string(column.names.front());
    errors.Add(detail,
               "thiếu cột " + std::string(column.names.front()) + " (tiêu đề là một trong: " + JoinNames(column) + ")" +
                   hint_vi,
               "missing column " + std::string(column.names.front()) + " (headed one of: " + JoinNames(column) + ")" +
                   hint_en);
}

// Reads the cells of one row, reporting problems at the cell.
class RowReader {
  public:
    RowReader(const Table& table, const TableRow& row, ImportErrors& errors)
        : table_(table), row_(row), errors_(errors) {}

    std::string Text(std::optional<std::size_t> column) const {
        if (!column || *column >= row_.cells.size()) return {};
        return row_.cells[*column];
    }
    bool Blank(std::optional<std::size_t> column) const { return Text(column).empty(); }

    void Fail(std::optional<std::size_t> column, std::string vi, std::string en) const {
        ErrorDetail detail;
        if (column) {
            detail = table_.Where(row_, *column);
        } else {
            detail.file = table_.file;
            detail.line = row_.line;
        }
        errors_.Add(std::move(detail), std::move(vi), std::move(en));
    }

    std::optional<Decimal> Number(std::optional<std::size_t> column) const {
        const std::string text = Text(column);
        if (text.empty()) return std::nullopt;
        std::string vi;
        std::string en;
        auto value = Decimal::Parse(text, &vi, &en);
        if (!value) Fail(column, "số không hợp lệ: " + vi, "invalid number: " + en);
        return value;
    }

    std::optional<int> Year(std::optional<std::size_t> column) const {
        const std::string text = Text(column);
        if (text.empty()) return std::nullopt;
        auto value = ParseWholeNumber(text);
        if (!value || *value < 1000 || *value > 9999) {
            Fail(column, "năm không hợp lệ (cần 4 chữ số, ví dụ 2023)",
                 "invalid year (4 digits are needed, e.g. 2023)");
            return std::nullopt;
        }
        return static_cast<int>(*value);
    }

    bool Bool(std::optional<std::size_t> column, bool fallback) const {
        const std::string text = Text(column);
        if (text.empty()) return fallback;
        auto value = ParseBoolText(text);
        if (!value) {
            Fail(column, "cần có/không (1/0, true/false, x hoặc để trống)",
                 "yes/no is expected (1/0, true/false, có/không, x or blank)");
            return fallback;
        }
        return *value;
    }

    ScoringMethod Method(std::optional<std::size_t> column) const {
        const std::string text = Text(column);
        if (text.empty()) return ScoringMethod::kAppraisal;
        auto value = ParseMethodText(text);
        if (!value) {
            Fail(
                column,
                "phương pháp chấm điểm không hợp lệ; dùng appraisal (thẩm định), survey (điều tra) hoặc data (dữ liệu)",
                "unknown scoring method; use appraisal, survey or data");
            return ScoringMethod::kAppraisal;
        }
        return *value;
    }

    Provenance ProvenanceCell(std::optional<std::size_t> column, Provenance fallback) const {
        const std::string text = Text(column);
        if (text.empty()) return fallback;
        auto value = ParseProvenanceText(text);
        if (!value) {
            Fail(column, "nguồn số liệu không hợp lệ; dùng entered, published, computed, derived hoặc demo",
                 "unknown provenance; use entered, published, computed, derived or demo");
            return fallback;
        }
        return *value;
    }

    SourceRef Source(std::optional<std::size_t> column) const {
        SourceRef source{table_.file, row_.line, {}};
        if (!table_.sheet.empty()) source.path = CellReference(table_.sheet, column.value_or(0), row_.line);
        return source;
    }

  private:
    const Table& table_;
    const TableRow& row_;
    ImportErrors& errors_;
};

// The parent of a dotted code: "4.1.2" → "4.1", "4" → "".
std::string ParentOfCode(const std::string& code) {
    const std::size_t dot = code.rfind('.');
    return dot == std::string::npos ? std::string() : code.substr(0, dot);
}

}  // namespace

Result<std::vector<Unit>> ParseUnitsTable(const Table& table) {
    ImportErrors errors(table.file);
    const auto code = Find(table, kUnitColumns.code);
    const auto name = Find(table, kUnitColumns.name);
    const auto type = Find(table, kUnitColumns.type);
    const auto parent = Find(table, kUnitColumns.parent_code);
    const auto valid_from = Find(table, kUnitColumns.valid_from);
    const auto valid_to = Find(table, kUnitColumns.valid_to);
    const auto successor = Find(table, kUnitColumns.successor_code);
    const auto demo = Find(table, kUnitColumns.demo);
    if (!code) MissingColumn(table, kUnitColumns.code, errors);
    if (!name) MissingColumn(table, kUnitColumns.name, errors);
    if (!errors.Empty()) return errors.ToError();

    std::vector<Unit> units;
    std::set<std::string> seen;
    for (const TableRow& row : table.rows) {
        RowReader r(table, row, errors);
        Unit unit;
        unit.code = r.Text(code);
        unit.name = r.Text(name);
        if (unit.code.empty()) r.Fail(code, "thiếu mã đơn vị", "the unit code is missing");
        if (unit.name.empty()) r.Fail(name, "thiếu tên đơn vị", "the unit name is missing");
        if (!unit.code.empty() && !seen.insert(unit.code).second) {
            r.Fail(code, "mã đơn vị bị lặp lại", "the unit code is repeated");
        }
        unit.type = r.Text(type);
        unit.parent_code = r.Text(parent);
        unit.valid_from = r.Year(valid_from);
        unit.valid_to = r.Year(valid_to);
        unit.successor_code = r.Text(successor);
        unit.demo = r.Bool(demo, false);
        unit.source = r.Source(code);
        units.push_back(std::move(unit));
    }
    if (!errors.Empty()) return errors.ToError();
    return units;
}

Result<std::vector<PeerGroup>> ParseGroupsTable(const Table& table, const TableOptions& options) {
    ImportErrors errors(table.file);
    const auto group_code = Find(table, kGroupColumns.group_code);
    const auto group_name = Find(table, kGroupColumns.group_name);
    const auto year = Find(table, kGroupColumns.year);
    const auto framework = Find(table, kGroupColumns.framework_code);
    const auto unit = Find(table, kGroupColumns.unit_code);
    const auto ranked = Find(table, kGroupColumns.ranked);
    if (!group_code) MissingColumn(table, kGroupColumns.group_code, errors);
    if (!year && !options.year) {
        MissingColumn(table, kGroupColumns.year, errors, " hoặc chỉ định năm (--year)", " or give the year (--year)");
    }
    if (!errors.Empty()) return errors.ToError();

    std::vector<PeerGroup> groups;
    std::map<std::pair<std::string, int>, std::size_t> index;
    std::vector<std::set<std::string>> members_seen;
    for (const TableRow& row : table.rows) {
        RowReader r(table, row, errors);
        const std::string code = r.Text(group_code);
        if (code.empty()) {
            r.Fail(group_code, "thiếu mã nhóm", "the group code is missing");
            continue;
        }
        std::optional<int> row_year = year ? r.Year(year) : std::nullopt;
        if (!row_year && r.Blank(year)) row_year = options.year;
        if (!row_year) {
            if (r.Blank(year)) r.Fail(year, "thiếu năm", "the year is missing");
            continue;
        }
        const auto key = std::make_pair(code, *row_year);
        auto found = index.find(key);
        if (found == index.end()) {
            PeerGroup group;
            group.code = code;
            group.year = *row_year;
            group.framework_code = options.framework_code;
            group.source = r.Source(group_code);
            found = index.emplace(key, groups.size()).first;
            groups.push_back(std::move(group));
            members_seen.emplace_back();
        }
        PeerGroup& group = groups[found->second];
        if (const std::string name = r.Text(group_name); !name.empty()) {
            if (group.name.empty()) {
                group.name = name;
            } else if (group.name != name) {
                r.Fail(group_name, "tên nhóm khác với dòng trước của cùng nhóm và năm: \"" + group.name + "\"",
                       "the group name differs from an earlier row of the same group and year: \"" + group.name + "\"");
            }
        }
        if (const std::string framework_code = r.Text(framework); !framework_code.empty()) {
            if (group.framework_code.empty() || group.framework_code == options.framework_code) {
                group.framework_code = framework_code;
            } else if (group.framework_code != framework_code) {
                r.Fail(framework, "bộ chỉ số khác với dòng trước của cùng nhóm và năm: " + group.framework_code,
                       "the framework differs from an earlier row of the same group and year: " + group.framework_code);
            }
        }
        const std::string unit_code = r.Text(unit);
        if (!unit_code.empty()) {
            if (!members_seen[found->second].insert(unit_code).second) {
                r.Fail(unit, "đơn vị đã có trong nhóm năm này", "the unit is already in this group this year");
                continue;
            }
            GroupMember member;
            member.unit_code = unit_code;
            member.ranked = r.Bool(ranked, true);
            member.source = r.Source(unit);
            group.members.push_back(std::move(member));
        }
    }
    for (const PeerGroup& group : groups) {
        if (group.name.empty()) {
            ErrorDetail detail;
            detail.line = group.source.line;
            detail.path = group.source.path;
            detail.field = "group_name";
            detail.value = group.code;
            errors.Add(detail, "nhóm không có tên (cột group_name / tên nhóm)",
                       "the group has no name (column group_name / tên nhóm)");
        }
    }
    if (!errors.Empty()) return errors.ToError();
    return groups;
}

Result<std::vector<Framework>> ParseFrameworkTable(const Table& table, const TableOptions& options) {
    ImportErrors errors(table.file);
    const auto framework = Find(table, kFrameworkColumns.framework_code);
    const auto code = Find(table, kFrameworkColumns.code);
    const auto parent = Find(table, kFrameworkColumns.parent_code);
    const auto title = Find(table, kFrameworkColumns.title);
    const auto max = Find(table, kFrameworkColumns.max);
    const auto method = Find(table, kFrameworkColumns.method);
    const auto evidence = Find(table, kFrameworkColumns.evidence_required);
    const auto responsible = Find(table, kFrameworkColumns.responsible);
    const auto previous = Find(table, kFrameworkColumns.previous_code);
    const auto max_only = Find(table, kFrameworkColumns.max_only);
    const auto difference = Find(table, kFrameworkColumns.declared_difference);
    const auto note = Find(table, kFrameworkColumns.note);
    const auto max_provenance = Find(table, kFrameworkColumns.max_provenance);
    if (!code) MissingColumn(table, kFrameworkColumns.code, errors);
    if (!framework && options.framework_code.empty()) {
        MissingColumn(table, kFrameworkColumns.framework_code, errors, " hoặc chỉ định bộ chỉ số (--framework)",
                      " or give the framework (--framework)");
    }
    if (!errors.Empty()) return errors.ToError();

    std::vector<Framework> frameworks;
    std::map<std::string, std::size_t> index;
    std::vector<std::set<std::string>> codes_seen;
    for (const TableRow& row : table.rows) {
        RowReader r(table, row, errors);
        std::string framework_code = r.Text(framework);
        if (framework_code.empty()) framework_code = options.framework_code;
        if (framework_code.empty()) {
            r.Fail(framework, "thiếu mã bộ chỉ số", "the framework code is missing");
            continue;
        }
        auto found = index.find(framework_code);
        if (found == index.end()) {
            Framework created;
            created.code = framework_code;
            created.source = r.Source(framework ? framework : code);
            found = index.emplace(framework_code, frameworks.size()).first;
            frameworks.push_back(std::move(created));
            codes_seen.emplace_back();
        }
        FrameworkNode node;
        node.code = r.Text(code);
        if (node.code.empty()) {
            r.Fail(code, "thiếu mã tiêu chí", "the node code is missing");
            continue;
        }
        if (!codes_seen[found->second].insert(node.code).second) {
            r.Fail(code, "mã tiêu chí bị lặp lại trong bộ chỉ số", "the node code is repeated in the framework");
            continue;
        }
        node.parent_code = parent ? r.Text(parent) : ParentOfCode(node.code);
        node.title = r.Text(title);
        node.max = r.Number(max);
        node.method = r.Method(method);
        node.evidence_required = r.Bool(evidence, false);
        node.responsible = r.Text(responsible);
        node.previous_code = r.Text(previous);
        node.max_only = r.Bool(max_only, false);
        node.declared_difference = r.Number(difference);
        node.max_provenance = r.ProvenanceCell(max_provenance, Provenance::kPublished);
        node.note = r.Text(note);
        node.source = r.Source(code);
        frameworks[found->second].nodes.push_back(std::move(node));
    }
    if (!errors.Empty()) return errors.ToError();
    return frameworks;
}

Result<std::vector<Assessment>> ParseScoresTable(const Table& table, const TableOptions& options) {
    ImportErrors errors(table.file);
    const auto unit = Find(table, kScoreColumns.unit_code);
    const auto year = Find(table, kScoreColumns.year);
    const auto framework = Find(table, kScoreColumns.framework_code);
    const auto code = Find(table, kScoreColumns.code);
    const auto title = Find(table, kScoreColumns.title);
    const auto max = Find(table, kScoreColumns.max);
    const auto self = Find(table, kScoreColumns.self);
    const auto appraised = Find(table, kScoreColumns.appraised);
    const auto change = Find(table, kScoreColumns.change);
    const auto explanation = Find(table, kScoreColumns.explanation);
    const auto reason = Find(table, kScoreColumns.reason);
    const auto cause = Find(table, kScoreColumns.cause);
    const auto responsible = Find(table, kScoreColumns.responsible);
    const auto provenance = Find(table, kScoreColumns.provenance);
    const auto note = Find(table, kScoreColumns.note);
    if (!code) MissingColumn(table, kScoreColumns.code, errors);
    if (!self && !appraised)
        MissingColumn(table, kScoreColumns.appraised, errors, " hoặc cột tự chấm", " or a self score column");
    if (!unit && options.unit_code.empty()) {
        MissingColumn(table, kScoreColumns.unit_code, errors, " hoặc chỉ định đơn vị (--unit)",
                      " or give the unit (--unit)");
    }
    if (!year && !options.year) {
        MissingColumn(table, kScoreColumns.year, errors, " hoặc chỉ định năm (--year)", " or give the year (--year)");
    }
    if (!errors.Empty()) return errors.ToError();

    std::vector<Assessment> assessments;
    std::map<std::pair<std::string, int>, std::size_t> index;
    std::vector<std::set<std::string>> codes_seen;
    std::vector<bool> total_seen;
    const std::vector<std::optional<std::size_t>> value_columns = {self,  appraised,   change,     explanation, reason,
                                                                   cause, responsible, provenance, note};
    for (const TableRow& row : table.rows) {
        RowReader r(table, row, errors);
        bool has_values = false;
        for (const auto& column : value_columns) has_values = has_values || !r.Blank(column);
        std::string node_code = r.Text(code);
        bool is_total = !node_code.empty() && IsTotalCode(node_code);
        if (node_code.empty() && title && IsTotalCode(r.Text(title))) is_total = true;
        // Section headings ("I. CHỈ ĐẠO ĐIỀU HÀNH") and framework rows without any figure carry nothing.
        if (!has_values && !(is_total && !r.Blank(max))) continue;
        if (node_code.empty() && !is_total) {
            r.Fail(code, "thiếu mã tiêu chí", "the node code is missing");
            continue;
        }

        std::string unit_code = r.Text(unit);
        if (unit_code.empty()) unit_code = options.unit_code;
        std::optional<int> row_year = year ? r.Year(year) : std::nullopt;
        if (!row_year && r.Blank(year)) row_year = options.year;
        if (unit_code.empty()) r.Fail(unit, "thiếu mã đơn vị", "the unit code is missing");
        if (!row_year && r.Blank(year)) r.Fail(year, "thiếu năm", "the year is missing");
        if (unit_code.empty() || !row_year) continue;

        const auto key = std::make_pair(unit_code, *row_year);
        auto found = index.find(key);
        if (found == index.end()) {
            Assessment created;
            created.unit_code = unit_code;
            created.year = *row_year;
            created.framework_code = options.framework_code;
            created.source = r.Source(unit ? unit : code);
            found = index.emplace(key, assessments.size()).first;
            assessments.push_back(std::move(created));
            codes_seen.emplace_back();
            total_seen.push_back(false);
        }
        Assessment& assessment = assessments[found->second];
        if (const std::string framework_code = r.Text(framework); !framework_code.empty()) {
            if (assessment.framework_code.empty() || assessment.framework_code == options.framework_code) {
                assessment.framework_code = framework_code;
            } else if (assessment.framework_code != framework_code) {
                r.Fail(framework, "bộ chỉ số khác với dòng trước của cùng đơn vị và năm: " + assessment.framework_code,
                       "the framework differs from an earlier row of the same unit and year: " +
                           assessment.framework_code);
            }
        }

        if (is_total) {
            if (total_seen[found->second]) {
                r.Fail(code, "dòng tổng (TOTAL) bị lặp lại", "the total row (TOTAL) is repeated");
                continue;
            }
            total_seen[found->second] = true;
            assessment.total_self = r.Number(self);
            assessment.total_points = r.Number(appraised);
            assessment.total_max = r.Number(max);
            assessment.total_change = r.Number(change);
            assessment.total_provenance = r.ProvenanceCell(provenance, Provenance::kPublished);
            continue;
        }
        if (!codes_seen[found->second].insert(node_code).second) {
            r.Fail(code, "mã tiêu chí bị lặp lại trong cùng đơn vị và năm",
                   "the node code is repeated for this unit and year");
            continue;
        }
        NodeScore score;
        score.code = node_code;
        score.self = r.Number(self);
        score.appraised = r.Number(appraised);
        score.change = r.Number(change);
        score.explanation = r.Text(explanation);
        score.reason = r.Text(reason);
        score.cause = r.Text(cause);
        score.responsible = r.Text(responsible);
        score.provenance = r.ProvenanceCell(provenance, Provenance::kEntered);
        score.note = r.Text(note);
        score.source = r.Source(code);
        assessment.nodes.push_back(std::move(score));
    }
    if (!errors.Empty()) return errors.ToError();
    return assessments;
}

namespace {

// RFC 4180 CSV text with CRLF line ends; cells holding separators, quotes, line breaks or edge spaces are quoted.
class CsvWriter {
  public:
    explicit CsvWriter(std::vector<std::string_view> headers) {
        std::vector<std::string> cells(headers.begin(), headers.end());
        Row(cells);
    }
    void Row(const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out_ += ',';
            out_ += Quote(cells[i]);
        }
        out_ += "\r\n";
    }
    std::string Take() { return std::move(out_); }

  private:
    static std::string Quote(const std::string& cell) {
        const bool needs = cell.find_first_of(",;\"\r\n") != std::string::npos ||
                           (!cell.empty() &&
                            (cell.front() == ' ' || cell.back() == ' ' || cell.front() == '\t' || cell.back() == '\t'));
        if (!needs) return cell;
        std::string quoted = "\"";
        for (char c : cell) {
            if (c == '"') quoted += '"';
            quoted += c;
        }
        return quoted + "\"";
    }
    std::string out_;
};

std::string CellText(const std::optional<Decimal>& value) { return value ? value->ToString() : std::string(); }
std::string CellText(const std::optional<int>& value) { return value ? std::to_string(*value) : std::string(); }
std::string CellText(bool value) { return value ? "true" : "false"; }

std::vector<std::string_view> EnglishHeaders(std::initializer_list<const ColumnNames*> columns) {
    std::vector<std::string_view> headers;
    for (const ColumnNames* column : columns) headers.push_back(column->names.front());
    return headers;
}

}  // namespace

std::string WriteUnitsCsv(const std::vector<Unit>& units) {
    const auto& c = kUnitColumns;
    CsvWriter csv(EnglishHeaders(
        {&c.code, &c.name, &c.type, &c.parent_code, &c.valid_from, &c.valid_to, &c.successor_code, &c.demo}));
    for (const Unit& unit : units) {
        csv.Row({unit.code, unit.name, unit.type, unit.parent_code, CellText(unit.valid_from), CellText(unit.valid_to),
                 unit.successor_code, CellText(unit.demo)});
    }
    return csv.Take();
}

std::string WriteGroupsCsv(const std::vector<PeerGroup>& groups) {
    const auto& c = kGroupColumns;
    CsvWriter csv(EnglishHeaders({&c.group_code, &c.group_name, &c.year, &c.framework_code, &c.unit_code, &c.ranked}));
    for (const PeerGroup& group : groups) {
        const std::string year = std::to_string(group.year);
        if (group.members.empty()) csv.Row({group.code, group.name, year, group.framework_code, "", ""});
        for (const GroupMember& member : group.members) {
            csv.Row({group.code, group.name, year, group.framework_code, member.unit_code, CellText(member.ranked)});
        }
    }
    return csv.Take();
}

std::string WriteFrameworkCsv(const Framework& framework) {
    const auto& c = kFrameworkColumns;
    CsvWriter csv(EnglishHeaders({&c.framework_code, &c.code, &c.parent_code, &c.title, &c.max, &c.method,
                                  &c.evidence_required, &c.responsible, &c.previous_code, &c.max_only,
                                  &c.declared_difference, &c.note, &c.max_provenance}));
    for (const FrameworkNode& node : framework.nodes) {
        csv.Row({framework.code, node.code, node.parent_code, node.title, CellText(node.max),
                 ScoringMethodName(node.method), CellText(node.evidence_required), node.responsible, node.previous_code,
                 CellText(node.max_only), CellText(node.declared_difference), node.note,
                 ProvenanceName(node.max_provenance)});
    }
    return csv.Take();
}

std::string WriteScoresCsv(const std::vector<Assessment>& assessments) {
    const auto& c = kScoreColumns;
    CsvWriter csv(
        EnglishHeaders({&c.unit_code, &c.year, &c.framework_code, &c.code, &c.self, &c.appraised, &c.change,
                        &c.explanation, &c.reason, &c.cause, &c.responsible, &c.provenance, &c.note, &c.max}));
    for (const Assessment& a : assessments) {
        const std::string year = std::to_string(a.year);
        if (a.total_self || a.total_points || a.total_max || a.total_change) {
            csv.Row({a.unit_code, year, a.framework_code, "TOTAL", CellText(a.total_self), CellText(a.total_points),
                     CellText(a.total_change), "", "", "", "", ProvenanceName(a.total_provenance), "",
                     CellText(a.total_max)});
        }
        for (const NodeScore& s : a.nodes) {
            csv.Row({a.unit_code, year, a.framework_code, s.code, CellText(s.self), CellText(s.appraised),
                     CellText(s.change), s.explanation, s.reason, s.cause, s.responsible, ProvenanceName(s.provenance),
                     s.note, ""});
        }
    }
    return csv.Take();
}

}  // namespace parindex
