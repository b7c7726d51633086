#include "formats/results_json.hpp"

#include "formats/json_writer.hpp"

namespace parindex {
namespace {

void WriteRank(JsonWriter& w, const RankResult& rank) {
    w.BeginObject();
    w.Key("group").String(rank.group_code);
    w.Key("group_name").String(rank.group_name);
    w.Key("rank").Int(rank.rank);
    w.Key("of").Int(static_cast<std::int64_t>(rank.of));
    w.Key("previous_rank").Int(rank.previous_rank);
    w.Key("change").Int(rank.change);
    w.Key("excluded").Bool(rank.excluded);
    w.Key("provenance").String(ProvenanceName(rank.provenance));
    w.EndObject();
}

void WriteRanks(JsonWriter& w, const std::vector<RankResult>& ranks) {
    w.BeginArray();
    for (const RankResult& rank : ranks) WriteRank(w, rank);
    w.EndArray();
}

void WriteNode(JsonWriter& w, const NodeResult& node, int decimals, bool with_ranks) {
    w.BeginObject();
    w.Key("code").String(node.code);
    w.Key("title").String(node.title);
    w.Key("method").String(ScoringMethodName(node.method));
    w.Key("points").Number(node.points);
    w.Key("max").Number(node.max);
    w.Key("index").Fixed(node.index, decimals);
    w.Key("self").Number(node.self);
    w.Key("change").Number(node.change);
    w.Key("change_status").String(ChangeStatusName(node.change_status));
    if (node.computed != node.points) w.Key("computed").Number(node.computed);
    w.Key("provenance").String(ProvenanceName(node.provenance));
    if (with_ranks) {
        w.Key("ranks");
        WriteRanks(w, node.ranks);
        // The first rank, for clients that want a single area rank ("areas[].rank").
        w.Key("rank");
        if (!node.ranks.empty() && node.ranks.front().rank) {
            w.Int(node.ranks.front().rank);
        } else {
            w.Null();
        }
    }
    w.EndObject();
}

void WriteAreaNotes(JsonWriter& w, const std::vector<AreaNote>& notes) {
    w.BeginArray();
    for (const AreaNote& note : notes) {
        w.BeginObject();
        w.Key("code").String(note.code);
        w.Key("title").String(note.title);
        w.Key("kind").String(note.kind);
        w.Key("points").Number(note.points);
        w.Key("max").Number(note.max);
        w.Key("change").Number(note.change);
        w.EndObject();
    }
    w.EndArray();
}

void WriteBand(JsonWriter& w, const std::optional<Band>& band) {
    if (!band) {
        w.Null();
        return;
    }
    w.String(band->name);
}

}  // namespace

void WriteBandsJson(JsonWriter& w, const std::vector<Band>& bands) {
    w.BeginArray();
    for (const Band& band : bands) {
        w.BeginObject();
        w.Key("code").String(band.code);
        w.Key("name").String(band.name);
        w.Key("min_index").Number(band.min_index);
        w.Key("demo").Bool(band.demo);
        w.EndObject();
    }
    w.EndArray();
}

std::string ResultsToJson(const UnitResult& r) {
    const int d = r.display_decimals;
    JsonWriter w(2);
    w.BeginObject();
    w.Key("unit").String(r.unit_code);
    w.Key("unit_name").String(r.unit_name);
    w.Key("year").Int(static_cast<std::int64_t>(r.year));
    w.Key("framework").String(r.framework_code);
    w.Key("status").String(r.status);
    w.Key("points").Number(r.points);
    w.Key("max").Number(r.max);
    w.Key("index").Fixed(r.index, d);
    w.Key("self").Number(r.self);
    w.Key("band");
    WriteBand(w, r.band);
    w.Key("band_code");
    if (r.band) {
        w.String(r.band->code);
    } else {
        w.Null();
    }
    w.Key("band_demo").Bool(r.band && r.band->demo);
    w.Key("change").Number(r.change);
    w.Key("change_status").String(ChangeStatusName(r.change_status));
    w.Key("provenance").String(ProvenanceName(r.provenance));
    w.Key("ranks");
    WriteRanks(w, r.ranks);
    w.Key("parts").BeginArray();
    for (const NodeResult& part : r.parts) {
        w.BeginObject();
        w.Key("method").String(part.code);
        w.Key("title").String(part.title);
        w.Key("points").Number(part.points);
        w.Key("max").Number(part.max);
        w.Key("index").Fixed(part.index, d);
        w.Key("change").Number(part.change);
        w.Key("provenance").String(ProvenanceName(part.provenance));
        w.Key("ranks");
        WriteRanks(w, part.ranks);
        w.EndObject();
    }
    w.EndArray();
    w.Key("areas").BeginArray();
    for (const NodeResult& area : r.areas) WriteNode(w, area, d, true);
    w.EndArray();
    w.Key("lost_points").BeginArray();
    for (const LostPoint& lost : r.lost_points) {
        w.BeginObject();
        w.Key("code").String(lost.code);
        w.Key("title").String(lost.title);
        w.Key("area").String(lost.area_code);
        w.Key("points").Number(lost.points);
        w.Key("max").Number(lost.max);
        w.Key("lost").Number(lost.lost);
        w.Key("cause").String(lost.cause);
        w.Key("responsible").String(lost.responsible);
        w.EndObject();
    }
    w.EndArray();
    w.Key("gaps").BeginArray();
    for (const ScoreGap& gap : r.gaps) {
        w.BeginObject();
        w.Key("code").String(gap.code);
        w.Key("title").String(gap.title);
        w.Key("self").Number(gap.self);
        w.Key("appraised").Number(gap.appraised);
        w.Key("gap").Number(gap.gap);
        w.EndObject();
    }
    w.EndArray();
    w.Key("strengths");
    WriteAreaNotes(w, r.strengths);
    w.Key("weaknesses");
    WriteAreaNotes(w, r.weaknesses);
    w.Key("trend").BeginArray();
    for (const TrendPoint& point : r.trend) {
        w.BeginObject();
        w.Key("year").Int(static_cast<std::int64_t>(point.year));
        w.Key("points").Number(point.points);
        w.Key("max").Number(point.max);
        w.Key("index").Fixed(point.index, d);
        w.Key("provenance").String(ProvenanceName(point.provenance));
        w.Key("ranks");
        WriteRanks(w, point.ranks);
        w.EndObject();
    }
    w.EndArray();
    w.Key("criteria").BeginArray();
    for (const NodeResult& node : r.criteria) WriteNode(w, node, d, false);
    w.EndArray();
    w.EndObject();
    return w.Take() + "\n";
}

std::string RankingToJson(const GroupRanking& g) {
    const int d = g.display_decimals;
    JsonWriter w(2);
    w.BeginObject();
    w.Key("group").String(g.group_code);
    w.Key("group_name").String(g.group_name);
    w.Key("year").Int(static_cast<std::int64_t>(g.year));
    w.Key("framework").String(g.framework_code);
    w.Key("tie_rule").String(g.tie_rule);
    w.Key("rows").BeginArray();
    for (const RankingRow& row : g.rows) {
        w.BeginObject();
        w.Key("rank").Int(row.rank);
        w.Key("unit").String(row.unit_code);
        w.Key("unit_name").String(row.unit_name);
        w.Key("points").Number(row.points);
        w.Key("max").Number(row.max);
        w.Key("index").Fixed(row.index, d);
        w.Key("band");
        WriteBand(w, row.band);
        w.Key("previous_rank").Int(row.previous_rank);
        w.Key("change").Int(row.change);
        w.Key("excluded").Bool(row.excluded);
        w.Key("demo").Bool(row.demo);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return w.Take() + "\n";
}

std::string FindingsToJson(int year, const std::vector<Finding>& findings) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("year").Int(static_cast<std::int64_t>(year));
    w.Key("count").Int(static_cast<std::int64_t>(findings.size()));
    w.Key("findings").BeginArray();
    for (const Finding& f : findings) {
        w.BeginObject();
        w.Key("kind").String(f.kind);
        w.Key("unit").String(f.unit_code);
        w.Key("year").Int(static_cast<std::int64_t>(f.year));
        w.Key("node").String(f.node_code);
        w.Key("published").Number(f.published);
        w.Key("expected").Number(f.expected);
        w.Key("message").String(f.message.vi);
        w.Key("message_en").String(f.message.en);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return w.Take() + "\n";
}

void WriteErrorDetails(JsonWriter& w, const std::vector<ErrorDetail>& details, Language language) {
    w.BeginArray();
    for (const ErrorDetail& d : details) {
        w.BeginObject();
        w.Key("file").String(d.file);
        w.Key("line");
        if (d.line) {
            w.Int(*d.line);
        } else {
            w.Null();
        }
        w.Key("column");
        if (d.column) {
            w.Int(*d.column);
        } else {
            w.Null();
        }
        w.Key("path").String(d.path);
        w.Key("field").String(d.field);
        w.Key("value").String(d.value);
        w.Key("reason").String(d.reason.In(language));
        w.EndObject();
    }
    w.EndArray();
}

std::string ErrorToJson(const Error& error, Language language) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("error").BeginObject();
    w.Key("code").String(ErrorCodeName(error.code));
    w.Key("message").String(error.message.In(language));
    WriteErrorDetails(w.Key("details"), error.details, language);
    w.EndObject();
    w.EndObject();
    return w.Take() + "\n";
}

}  // namespace parindex
