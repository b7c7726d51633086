#include "http/dossier_api.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "domain/service_index.hpp"
#include "formats/json_writer.hpp"
#include "formats/unicode.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"

namespace parindex::http {
namespace {

constexpr std::int64_t kDefaultLimit = 50;
constexpr std::int64_t kMaxLimit = 500;

/// The peer groups of a unit in `year` and the year before (an appraiser of either reads its dossiers).
Result<std::map<std::string, std::vector<std::string>>> GroupsByUnit(Store& store, int year) {
    std::map<std::string, std::vector<std::string>> groups;
    for (int y : {year, year - 1}) {
        auto listed = store.ListPeerGroups(y);
        if (!listed) return listed.TakeError();
        for (const PeerGroup& group : *listed) {
            for (const GroupMember& member : group.members) {
                auto& codes = groups[member.unit_code];
                if (std::find(codes.begin(), codes.end(), group.code) == codes.end()) codes.push_back(group.code);
            }
        }
    }
    return groups;
}

Status AllowUnit(Store& store, const Principal& who, const std::string& unit, int year) {
    auto groups = GroupsByUnit(store, year);
    if (!groups) return groups.TakeError();
    auto found = groups->find(unit);
    return Authorize(who, Action::kReadDossiers,
                     UnitTarget(unit, found == groups->end() ? std::vector<std::string>{} : found->second));
}

/// Collects every bad parameter, each naming its field.
class Params {
  public:
    explicit Params(const Request& request) : request_(request) {}

    std::string Text(const std::string& name) { return Trim(Query(request_, name)); }

    std::string Required(const std::string& name) {
        std::string value = Text(name);
        if (value.empty()) Fail(name, value, {"bắt buộc, chưa có", "is required"});
        return value;
    }
    int Year() {
        const std::string text = Required("year");
        if (text.empty()) return 0;
        auto year = ParseYear(text, "query.year", "year");
        if (!year) {
            for (const ErrorDetail& detail : year.GetError().details) details_.push_back(detail);
            return 0;
        }
        return *year;
    }
    /// One of `names`, or `fallback` when absent.
    std::string OneOf(const std::string& name, const std::vector<std::string>& names, const std::string& fallback) {
        std::string text = Text(name);
        if (text.empty()) return fallback;
        if (std::find(names.begin(), names.end(), text) != names.end()) return text;
        std::string list;
        for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
        Fail(name, text, {"cần một trong: " + list, "must be one of: " + list});
        return fallback;
    }
    std::int64_t Integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) {
        const std::string text = Text(name);
        if (text.empty()) return fallback;
        auto number = ParseInteger(text);
        if (!number || *number < min || *number > max) {
            Fail(name, text,
                 {"cần một số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max),
                  "a whole number from " + std::to_string(min) + " to " + std::to_string(max) + " is expected"});
            return fallback;
        }
        return *number;
    }
    void Fail(const std::string& name, const std::string& value, const parindex::Text& reason) {
        details_.push_back(FieldDetail("query." + name, name, value, reason));
    }
    bool Ok() const { return details_.empty(); }
    Error TakeError() { return Invalid(std::move(details_)); }

  private:
    const Request& request_;
    std::vector<ErrorDetail> details_;
};

std::vector<std::string> CounterNames() {
    std::vector<std::string> names;
    for (const CounterField& field : CounterFields()) names.emplace_back(field.name);
    return names;
}

/// Now in Việt Nam.
LocalTime LocalNow(const Clock& clock) { return LocalTimeAt(clock.Now()); }

/// Now, or the last second of `year` when it is over.
LocalTime AsOf(const Clock& clock, int year) { return StatisticsAsOf(LocalNow(clock), year); }

std::optional<Decimal> Days(std::optional<std::int64_t> seconds) {
    if (!seconds) return std::nullopt;
    return Decimal::FromThousandths(DivideRoundHalfAway(*seconds * Decimal::kScale, LocalTime::kSecondsPerDay));
}

void WriteCounters(JsonWriter& w, const DossierCounters& counters, const DefinitionSet& set) {
    w.Key("counters").BeginObject();
    for (const CounterField& field : CounterFields()) w.Key(field.name).Int(counters.*field.member);
    w.EndObject();
    w.Key("rates").BeginObject();
    w.Key("on_time").Number(OnTimeRate(counters, set));
    w.Key("early").Number(EarlyRate(counters, set));
    w.Key("late").Number(LateRate(counters, set));
    w.Key("online_full_share").Number(ChannelShare(counters, Channel::kOnlineFull));
    w.Key("online_partial_share").Number(ChannelShare(counters, Channel::kOnlinePartial));
    w.Key("postal_share").Number(ChannelShare(counters, Channel::kPostal));
    w.Key("average_processing_days").Number(Days(AverageProcessingSeconds(counters)));
    w.EndObject();
}

/// The 766 progress-and-results group over some counters, by the definition set's point table.
void WriteServiceIndex(JsonWriter& w, const DossierCounters& counters, const DefinitionSet& set) {
    const ServiceGroupScore score = ScoreServiceGroup(ServiceIndexOf(set), counters, set);
    w.Key("service_index").BeginObject();
    w.Key("code").String(score.code).Key("name").String(score.name.vi);
    w.Key("points")
        .Number(score.points)
        .Key("max_points")
        .Number(score.max_points)
        .Key("complete")
        .Bool(score.complete);
    w.Key("indicators").BeginArray();
    for (const ServiceIndicatorScore& indicator : score.indicators) {
        w.BeginObject().Key("code").String(indicator.code).Key("name").String(indicator.name.vi);
        w.Key("value").Number(indicator.value).Key("points").Number(indicator.points);
        w.Key("max_points").Number(indicator.max_points).Key("computation").String(indicator.computation.vi);
        w.EndObject();
    }
    w.EndArray().EndObject();
}

void WriteDefinition(JsonWriter& w, const DefinitionSet& set) {
    w.Key("definition").BeginObject();
    w.Key("code").String(set.code);
    w.Key("version").Int(set.version);
    w.Key("name").String(set.name.vi);
    w.Key("denominator").String(DenominatorConventionName(set.denominator));
    w.EndObject();
}

void CodeName(JsonWriter& w, const char* key, const std::string& code, const std::string& name) {
    w.Key(key).BeginObject();
    w.Key("code").String(code);
    w.Key("name").String(name.empty() ? code : name);
    w.EndObject();
}

std::string NameIn(const std::map<std::string, std::string>& names, const std::string& code) {
    auto found = names.find(code);
    return found == names.end() ? code : found->second;
}

class DossierApi {
  public:
    explicit DossierApi(const DossierApiServices& services) : services_(services) {}

    Handler WithSession(std::function<Response(Request&, const Principal&)> handler) {
        return services_.sessions.WithSession([handler = std::move(handler)](Request& request, const Caller& caller) {
            return handler(request, caller.principal);
        });
    }

    Response Stats(Request& request, const Principal& who) {
        Params p(request);
        const std::string unit_code = p.Required("unit");
        const int year = p.Year();
        const std::string by = p.OneOf("by", {"department", "field", "procedure", "channel"}, "");
        const std::string period = p.OneOf("period", {"day", "week", "month", "quarter", "year"}, "month");
        const bool cohort = p.OneOf("view", {"flow", "cohort"}, "flow") == "cohort";
        DossierQuery query;
        Filters(p, query);
        auto set = Definition(p);
        if (!p.Ok()) return ErrorResponse(request, p.TakeError());
        if (!set) return ErrorResponse(request, set.GetError());
        auto unit = AllowedUnit(request, who, unit_code, year);
        if (!unit) return ErrorResponse(request, unit.GetError());

        query.units = {unit_code};
        query.from = LocalTime::FromParts(CivilDate{year, 1, 1});
        query.to = LocalTime::FromParts(CivilDate{year + 1, 1, 1});
        query.cohort = cohort;
        query.set = *set;
        query.as_of = AsOf(services_.clock, year);
        DossierQuery whole = query;
        whole.period = PeriodKind::kYear;
        query.period = *ParsePeriodKind(period);
        if (!by.empty()) query.by = {*ParseDimension(by)};
        auto rows = services_.dossiers.Aggregate(query);
        if (!rows) return ErrorResponse(request, rows.GetError());
        auto total = services_.dossiers.Aggregate(whole);
        if (!total) return ErrorResponse(request, total.GetError());
        auto names = services_.dossiers.Names();
        if (!names) return ErrorResponse(request, names.GetError());

        // Keys with their names, ordered by name (Vietnamese collation), then code.
        auto key_of = [&](const DossierKey& key) -> std::pair<std::string, std::string> {
            if (by == "department") {
                for (const Department& d : (*unit)->departments) {
                    if (d.code == key.department) return {key.department, d.name};
                }
                return {key.department, NameIn(names->departments, key.department)};
            }
            if (by == "field") return {key.field, NameIn(names->fields, key.field)};
            if (by == "procedure") return {key.procedure, NameIn(names->procedures, key.procedure)};
            if (by == "channel" && key.channel) return {ChannelName(*key.channel), ChannelLabel(*key.channel).vi};
            return {"", ""};
        };
        std::vector<std::pair<std::pair<std::string, std::string>, const DossierStatsRow*>> ordered;
        ordered.reserve(rows->size());
        for (const DossierStatsRow& row : *rows) ordered.emplace_back(key_of(row.key.key), &row);
        std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
            const int order = CompareVietnamese(a.first.second, b.first.second);
            if (order != 0) return order < 0;
            if (a.first.first != b.first.first) return a.first.first < b.first.first;
            return a.second->key.period < b.second->key.period;
        });

        JsonWriter w;
        w.BeginObject();
        CodeName(w, "unit", unit_code, (*unit)->name);
        w.Key("year").Int(year);
        w.Key("period").String(period);
        w.Key("view").String(cohort ? "cohort" : "flow");
        w.Key("by");
        if (by.empty()) {
            w.Null();
        } else {
            w.String(by);
        }
        w.Key("as_of").String(query.as_of.Iso());
        WriteDefinition(w, *set);
        DossierCounters whole_year;
        for (const DossierStatsRow& row : *total) whole_year += row.counters;
        w.Key("total").BeginObject();
        w.Key("key").Null();
        w.Key("period").Null();
        WriteCounters(w, whole_year, *set);
        WriteServiceIndex(w, whole_year, *set);
        w.EndObject();
        w.Key("rows").BeginArray();
        for (const auto& [key, row] : ordered) {
            w.BeginObject();
            if (by.empty()) {
                w.Key("key").Null();
            } else {
                CodeName(w, "key", key.first, key.second);
            }
            w.Key("period").String(row->key.period.Key());
            WriteCounters(w, row->counters, *set);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response List(Request& request, const Principal& who) {
        Params p(request);
        const std::string unit_code = p.Required("unit");
        const int year = p.Year();
        const std::string period_text = p.Text("period");
        const bool cohort = p.OneOf("view", {"flow", "cohort"}, "flow") == "cohort";
        const std::string counter = p.OneOf("counter", CounterNames(), "");
        DossierListQuery list;
        Filters(p, list.query);
        auto set = Definition(p);
        list.offset = p.Integer("offset", 0, 0, 1'000'000'000);
        list.limit = p.Integer("limit", kDefaultLimit, 1, kMaxLimit);
        Period period{PeriodKind::kYear, year, 0};
        if (!period_text.empty()) {
            auto parsed = ParsePeriodKey(period_text);
            if (!parsed) {
                p.Fail("period", period_text,
                       {"cần một kỳ dạng 2024, 2024-Q1, 2024-03, 2024-W09 hoặc 2024-03-05",
                        "a period such as 2024, 2024-Q1, 2024-03, 2024-W09 or 2024-03-05 is expected"});
            } else if (year != 0 && (parsed->End() <= LocalTime::FromParts(CivilDate{year, 1, 1}) ||
                                     parsed->Start() >= LocalTime::FromParts(CivilDate{year + 1, 1, 1}))) {
                p.Fail("period", period_text,
                       {"kỳ không thuộc năm " + std::to_string(year), "the period is not in " + std::to_string(year)});
            } else {
                period = *parsed;
            }
        }
        if (!p.Ok()) return ErrorResponse(request, p.TakeError());
        if (!set) return ErrorResponse(request, set.GetError());
        auto unit = AllowedUnit(request, who, unit_code, year);
        if (!unit) return ErrorResponse(request, unit.GetError());

        DossierQuery& query = list.query;
        query.units = {unit_code};
        query.period = period.kind;
        query.from = period.Start();
        query.to = period.End();
        query.cohort = cohort;
        query.set = *set;
        query.as_of = AsOf(services_.clock, year);
        list.counter = counter;
        auto page = services_.dossiers.ListDossiers(list);
        if (!page) return ErrorResponse(request, page.GetError());
        auto names = services_.dossiers.Names();
        if (!names) return ErrorResponse(request, names.GetError());

        JsonWriter w;
        w.BeginObject();
        w.Key("total").Int(page->total);
        w.Key("offset").Int(list.offset);
        w.Key("limit").Int(list.limit);
        w.Key("dossiers").BeginArray();
        for (const Dossier& d : page->dossiers) WriteDossier(w, d, **unit, *names, *set, query.as_of);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response One(Request& request, const Principal& who) {
        const std::string id = request.params["id"];
        auto found = services_.dossiers.FindDossier(id);
        if (!found) return ErrorResponse(request, found.GetError());
        if (!found->has_value()) {
            return ErrorResponse(
                request, MakeError(ErrorCode::kNotFound, "Không có hồ sơ “" + id + "”", "No dossier “" + id + "”"));
        }
        const Dossier& d = **found;
        const int year = d.received.Date().year;
        if (Status allowed = AllowUnit(services_.store, who, d.unit, year); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto unit = services_.store.FindUnit(d.unit);
        if (!unit) return ErrorResponse(request, unit.GetError());
        Unit shown;
        shown.code = d.unit;
        if (unit->has_value()) shown = **unit;
        auto set = services_.definitions != nullptr ? services_.definitions->ActiveDefinitionSet()
                                                    : Result<DefinitionSet>(DefaultDefinitionSet());
        if (!set) return ErrorResponse(request, set.GetError());
        auto names = services_.dossiers.Names();
        if (!names) return ErrorResponse(request, names.GetError());
        JsonWriter w;
        WriteDossier(w, d, shown, *names, *set, LocalNow(services_.clock));
        return Json(w.Take() + "\n");
    }

    Response Heatmap(Request& request, const Principal& who) {
        Params p(request);
        const int year = p.Year();
        const std::string metric =
            p.OneOf("metric", {"on_time_rate", "online_full_share", "late_without_apology"}, "on_time_rate");
        if (!p.Ok()) return ErrorResponse(request, p.TakeError());
        auto stats = services_.dossiers.UnitMonthStats(year);
        if (!stats) return ErrorResponse(request, stats.GetError());
        auto groups = GroupsByUnit(services_.store, year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        auto units = services_.store.ListUnits();
        if (!units) return ErrorResponse(request, units.GetError());
        std::map<std::string, std::string> unit_names;
        for (const Unit& unit : *units) unit_names[unit.code] = unit.name;

        struct Line {
            std::string code;
            std::string name;
            std::array<DossierCounters, 12> months{};
            DossierCounters year;
            std::optional<Decimal> value;
        };
        std::map<std::string, Line> lines;
        for (const UnitMonthCounters& row : *stats) {
            if (row.month < 1 || row.month > 12) continue;
            auto found = lines.find(row.unit);
            if (found == lines.end()) {
                auto unit_groups = groups->find(row.unit);
                const Status allowed =
                    Authorize(who, Action::kReadDossiers,
                              UnitTarget(row.unit, unit_groups == groups->end() ? std::vector<std::string>{}
                                                                                : unit_groups->second));
                if (!allowed) continue;
                found = lines.emplace(row.unit, Line{}).first;
                found->second.code = row.unit;
                found->second.name = unit_names.count(row.unit) ? unit_names[row.unit] : row.unit;
            }
            found->second.months[static_cast<std::size_t>(row.month - 1)] += row.counters;
            found->second.year += row.counters;
        }
        // The metric: its numerator and denominator.
        auto ratio = [&](const DossierCounters& c) -> std::pair<std::int64_t, std::int64_t> {
            if (metric == "online_full_share") return {c.online_full, c.received};
            if (metric == "late_without_apology") return {c.late_without_apology, c.processed};
            return {c.on_time, c.processed};
        };
        const bool higher_is_worse = metric == "late_without_apology";
        std::vector<Line*> ordered;
        for (auto& [code, line] : lines) {
            if (line.year.received == 0) continue;
            const auto [numerator, denominator] = ratio(line.year);
            line.value = PercentOf(numerator, denominator);
            ordered.push_back(&line);
        }
        std::stable_sort(ordered.begin(), ordered.end(), [&](const Line* a, const Line* b) {
            if (a->value.has_value() != b->value.has_value()) return a->value.has_value();
            if (a->value && *a->value != *b->value)
                return higher_is_worse ? *b->value < *a->value : *a->value < *b->value;
            const int order = CompareVietnamese(a->name, b->name);
            return order != 0 ? order < 0 : a->code < b->code;
        });

        auto month_key = [year](int month) {
            char text[16];
            std::snprintf(text, sizeof text, "%04d-%02d", year, month);
            return std::string(text);
        };
        JsonWriter w;
        w.BeginObject();
        w.Key("year").Int(year);
        w.Key("metric").String(metric);
        w.Key("months").BeginArray();
        for (int m = 1; m <= 12; ++m) w.String(month_key(m));
        w.EndArray();
        w.Key("units").BeginArray();
        for (const Line* line : ordered) {
            w.BeginObject();
            w.Key("code").String(line->code);
            w.Key("name").String(line->name);
            w.Key("year_value").Number(line->value);
            w.Key("received").Int(line->year.received);
            w.Key("cells").BeginArray();
            for (int m = 1; m <= 12; ++m) {
                const DossierCounters& c = line->months[static_cast<std::size_t>(m - 1)];
                const auto [numerator, denominator] = ratio(c);
                w.BeginObject();
                w.Key("month").String(month_key(m));
                w.Key("value").Number(PercentOf(numerator, denominator));
                w.Key("received").Int(c.received);
                w.Key("numerator").Int(numerator);
                w.Key("denominator").Int(denominator);
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

  private:
    /// The filters department, field, procedure and channel.
    static void Filters(Params& p, DossierQuery& query) {
        for (const auto& [name, into] : {std::pair{"department", &query.department}, std::pair{"field", &query.field},
                                         std::pair{"procedure", &query.procedure}}) {
            std::string value = NormalizeNfc(p.Text(name));
            if (!value.empty()) *into = std::move(value);
        }
        const std::string channel = p.Text("channel");
        if (!channel.empty()) {
            query.channel = ParseChannel(channel);
            if (!query.channel) {
                p.Fail("channel", channel,
                       {"cần một trong: direct, online_partial, online_full, postal",
                        "must be one of: direct, online_partial, online_full, postal"});
            }
        }
    }

    /// The `definition` parameter: a stored set (code or code@version), or the active one when absent.
    Result<DefinitionSet> Definition(Params& p) {
        const std::string text = p.Text("definition");
        if (text.empty()) {
            if (services_.definitions != nullptr) return services_.definitions->ActiveDefinitionSet();
            return DefaultDefinitionSet();
        }
        const std::optional<DefinitionRef> ref = ParseDefinitionRef(text);
        if (!ref) {
            p.Fail("definition", text,
                   {"cần mã bộ định nghĩa, có thể kèm phiên bản (mã@phiên_bản)",
                    "a definition set's code, optionally with a version (code@version), is expected"});
            return DefaultDefinitionSet();
        }
        std::optional<DefinitionSet> set;
        if (services_.definitions != nullptr) {
            auto found = services_.definitions->FindDefinitionSet(ref->code, ref->version);
            if (!found) return found.TakeError();
            set = std::move(*found);
        } else if (ref->code == "default" && ref->version.value_or(1) == 1) {
            set = DefaultDefinitionSet();
        }
        if (!set) {
            p.Fail("definition", text, {"không có bộ định nghĩa này", "there is no such definition set"});
            return DefaultDefinitionSet();
        }
        return *set;
    }

    /// The unit (404 when unknown) after read_dossiers is allowed on it (403).
    Result<std::optional<Unit>> AllowedUnit(const Request&, const Principal& who, const std::string& code, int year) {
        if (Status allowed = AllowUnit(services_.store, who, code, year); !allowed) return allowed.GetError();
        auto unit = services_.store.FindUnit(code);
        if (!unit) return unit.TakeError();
        if (!unit->has_value()) {
            return MakeError(ErrorCode::kNotFound, "Không có đơn vị " + code, "No unit " + code);
        }
        return unit;
    }

    static void WriteDossier(JsonWriter& w, const Dossier& d, const Unit& unit, const DossierNames& names,
                             const DefinitionSet& set, LocalTime as_of) {
        std::string department = NameIn(names.departments, d.department);
        for (const Department& dep : unit.departments) {
            if (dep.code == d.department) department = dep.name;
        }
        const DossierClass c = Classify(d, set, as_of);
        w.BeginObject();
        w.Key("id").String(d.id);
        w.Key("unit").String(d.unit);
        CodeName(w, "department", d.department, department);
        w.Key("procedure").String(d.procedure);
        w.Key("procedure_name").String(NameIn(names.procedures, d.procedure));
        w.Key("field").String(d.field);
        w.Key("field_name").String(NameIn(names.fields, d.field));
        CodeName(w, "channel", ChannelName(d.channel), ChannelLabel(d.channel).vi);
        CodeName(w, "status", DossierStatusName(d.status), DossierStatusLabel(d.status).vi);
        w.Key("received").String(d.received.Iso());
        w.Key("due").String(d.due.Iso());
        auto time = [&w](const char* key, const std::optional<LocalTime>& t) {
            w.Key(key);
            if (t) {
                w.String(t->Iso());
            } else {
                w.Null();
            }
        };
        time("finished", d.finished);
        time("returned", d.returned);
        w.Key("supplement_requests").Int(d.supplement_requests);
        w.Key("apology_letters").Int(d.apology_letters);
        w.Key("timeliness");
        if (c.timeliness) {
            w.String(TimelinessName(*c.timeliness));
        } else {
            w.Null();
        }
        w.Key("open_state");
        if (c.open_state) {
            w.String(OpenStateName(*c.open_state));
        } else {
            w.Null();
        }
        w.Key("processing_days").Number(Days(c.processing_seconds));
        w.EndObject();
    }

    DossierApiServices services_;
};

}  // namespace

void RegisterDossierApi(Router& router, const DossierApiServices& services) {
    auto api = std::make_shared<DossierApi>(services);
    auto route = [&router, api](const std::string& pattern,
                                Response (DossierApi::*handler)(Request&, const Principal&)) {
        router.Add("GET", pattern, api->WithSession([api, handler](Request& request, const Principal& who) {
            return ((*api).*handler)(request, who);
        }));
    };
    route("/api/dossiers/stats", &DossierApi::Stats);
    route("/api/dossiers/heatmap", &DossierApi::Heatmap);
    route("/api/dossiers", &DossierApi::List);
    route("/api/dossiers/{id}", &DossierApi::One);
}

}  // namespace parindex::http
