#include "app/dossier_adhoc.hpp"

#include <algorithm>

#include "formats/json_writer.hpp"

namespace parindex {
namespace {

Error BadGrouping(std::string_view by, const std::string& vi, const std::string& en) {
    ErrorDetail detail;
    detail.field = "--by";
    detail.value = std::string(by);
    detail.reason = Text{vi, en};
    return MakeError(ErrorCode::kInvalidInput, "--by không hợp lệ: " + vi, "Invalid --by: " + en, {detail});
}

/// The value of one dimension in a row's key.
std::string KeyValue(const DossierKey& key, Dimension dimension) {
    switch (dimension) {
        case Dimension::kUnit:
            return key.unit;
        case Dimension::kDepartment:
            return key.department;
        case Dimension::kField:
            return key.field;
        case Dimension::kProcedure:
            return key.procedure;
        case Dimension::kChannel:
            return key.channel ? ChannelName(*key.channel) : "";
    }
    return {};
}

void AppendCsvCell(std::string& out, std::string_view cell) {
    if (cell.find_first_of(",\"\n\r") == std::string_view::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

Result<StatsGrouping> ParseStatsGrouping(std::string_view by) {
    StatsGrouping grouping;
    std::size_t start = 0;
    while (start <= by.size()) {
        const std::size_t comma = std::min(by.find(',', start), by.size());
        std::string_view name = by.substr(start, comma - start);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        start = comma + 1;
        if (name.empty()) return BadGrouping(by, "có tên rỗng", "an empty name");
        if (const auto dimension = ParseDimension(name)) {
            if (std::find(grouping.dimensions.begin(), grouping.dimensions.end(), *dimension) !=
                grouping.dimensions.end()) {
                return BadGrouping(by, "“" + std::string(name) + "” lặp lại", "“" + std::string(name) + "” repeats");
            }
            grouping.dimensions.push_back(*dimension);
        } else if (const auto period = ParsePeriodKind(name)) {
            if (grouping.period) return BadGrouping(by, "chỉ được một kỳ", "at most one period");
            grouping.period = *period;
        } else {
            return BadGrouping(by,
                               "không biết “" + std::string(name) +
                                   "”; dùng unit, department, field, procedure, channel và một trong day, week, "
                                   "month, quarter, year",
                               "unknown “" + std::string(name) +
                                   "”; use unit, department, field, procedure, channel and one of day, week, month, "
                                   "quarter, year");
        }
    }
    return grouping;
}

std::vector<std::string> ParseUnitList(std::string_view units) {
    std::vector<std::string> list;
    std::size_t start = 0;
    while (start < units.size()) {
        const std::size_t comma = std::min(units.find(',', start), units.size());
        std::string_view code = units.substr(start, comma - start);
        while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
        while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
        if (!code.empty()) list.emplace_back(code);
        start = comma + 1;
    }
    return list;
}

DossierQuery AdhocQuery(const StatsGrouping& grouping, int year, std::vector<std::string> units) {
    DossierQuery query;
    query.units = std::move(units);
    query.from = LocalTime::FromParts(CivilDate{year, 1, 1});
    query.to = LocalTime::FromParts(CivilDate{year + 1, 1, 1});
    query.by = grouping.dimensions;
    query.period = grouping.period.value_or(PeriodKind::kYear);
    query.cohort = true;
    query.set = ReferenceDefinitionSet();
    // After every timestamp the store can hold (CompactTime ends in 2136), as the stored counters are judged.
    query.as_of = LocalTime::FromParts(CivilDate{2137, 1, 1});
    return query;
}

std::vector<std::string> AdhocStatsCells(const StatsGrouping& grouping, const DossierStatsRow& row) {
    std::vector<std::string> cells;
    cells.reserve(grouping.dimensions.size() + 9);
    for (Dimension dimension : grouping.dimensions) cells.push_back(KeyValue(row.key.key, dimension));
    if (grouping.period) cells.push_back(row.key.period.Key());
    const ReferenceRow r = ToReferenceRow(row.counters);
    for (std::int64_t value :
         {r.total, r.finished, r.on_time, r.early, r.late, r.late_without_apology, r.supplement_2plus}) {
        cells.push_back(std::to_string(value));
    }
    cells.push_back(r.online_full_share ? r.online_full_share->ToFixed(3) : std::string());
    return cells;
}

std::string AdhocStatsCsv(const StatsGrouping& grouping, const std::vector<DossierStatsRow>& rows) {
    std::string out;
    for (Dimension dimension : grouping.dimensions) out += std::string(DimensionName(dimension)) + ",";
    if (grouping.period) out += std::string(PeriodKindName(*grouping.period)) + ",";
    out += "total,finished,on_time,early,late,late_without_apology,supplement_2plus,online_full_share\n";
    out.reserve(out.size() + rows.size() * 64);
    for (const DossierStatsRow& row : rows) {
        bool first = true;
        for (const std::string& cell : AdhocStatsCells(grouping, row)) {
            if (!first) out += ',';
            first = false;
            AppendCsvCell(out, cell);
        }
        out += '\n';
    }
    return out;
}

std::string AdhocStatsJson(const StatsGrouping& grouping, int year, const std::vector<DossierStatsRow>& rows) {
    JsonWriter json;
    json.BeginObject().Key("by").BeginArray();
    for (Dimension dimension : grouping.dimensions) json.String(DimensionName(dimension));
    if (grouping.period) json.String(PeriodKindName(*grouping.period));
    json.EndArray().Key("year").Int(static_cast<std::int64_t>(year)).Key("rows").BeginArray();
    for (const DossierStatsRow& row : rows) {
        json.BeginObject();
        for (Dimension dimension : grouping.dimensions) {
            json.Key(DimensionName(dimension)).String(KeyValue(row.key.key, dimension));
        }
        if (grouping.period) json.Key(PeriodKindName(*grouping.period)).String(row.key.period.Key());
        const ReferenceRow r = ToReferenceRow(row.counters);
        json.Key("total").Int(r.total).Key("finished").Int(r.finished).Key("on_time").Int(r.on_time);
        json.Key("early").Int(r.early).Key("late").Int(r.late).Key("late_without_apology").Int(r.late_without_apology);
        json.Key("supplement_2plus").Int(r.supplement_2plus).Key("online_full_share").Fixed(r.online_full_share, 3);
        json.EndObject();
    }
    json.EndArray().EndObject();
    return json.str() + "\n";
}

}  // namespace parindex
