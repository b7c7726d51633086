#include "http/kpi_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "domain/kpi.hpp"
#include "formats/json_writer.hpp"
#include "formats/unicode.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"

namespace parindex::http {
namespace {

namespace json = boost::json;

// ---- Small helpers ---------------------------------------------------------------------------------------------

/// `YYYY-MM-DD HH:MM:SS` UTC.
std::string SavedAt(const Clock& clock) {
    std::string text = IsoTime(clock.Now());  // 2024-05-01T08:30:00Z
    if (text.size() >= 19) {
        text[10] = ' ';
        text.resize(19);
    }
    return text;
}

/// Now in Việt Nam.
LocalTime LocalNow(const Clock& clock) { return LocalTimeAt(clock.Now()); }

/// Now, or the last second of `year` when it is over.
LocalTime AsOf(const Clock& clock, int year) { return StatisticsAsOf(LocalNow(clock), year); }

/// The peer groups of every unit in `year` and the year before (an appraiser of either reads its figures).
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

Target TargetOf(const std::map<std::string, std::vector<std::string>>& groups, const std::string& unit) {
    auto found = groups.find(unit);
    return UnitTarget(unit, found == groups.end() ? std::vector<std::string>{} : found->second);
}

/// The framework version as a number for the rules' key ("2024" → 2024; 0 when not a number).
int FrameworkVersion(const Framework& framework) {
    auto number = ParseInteger(framework.version);
    return number && *number > 0 && *number < 100000 ? static_cast<int>(*number) : 0;
}

std::string Shown(const json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

Error NoKpi(const std::string& code) {
    return MakeError(ErrorCode::kNotFound, "Danh mục không có chỉ tiêu “" + code + "”.",
                     "The catalogue has no indicator “" + code + "”.");
}

Error NoUnit(const std::string& code) {
    return MakeError(ErrorCode::kNotFound, "Không có đơn vị “" + code + "”.", "There is no unit “" + code + "”.");
}

/// Reads a JSON object body member by member, collecting every problem with its JSON path.
class Body {
  public:
    explicit Body(const json::object& object) : object_(object) {}

    const json::value* Member(const json::object& in, const char* name) { return in.if_contains(name); }

    /// A string (NFC, trimmed); null or absent leaves `out`.
    void Text(const json::object& in, const std::string& path, const char* name, std::string& out, bool required) {
        const json::value* value = in.if_contains(name);
        if (value == nullptr || value->is_null()) {
            if (required && out.empty()) Fail(path + name, name, "", {"bắt buộc, chưa có", "is required"});
            return;
        }
        if (!value->is_string()) {
            Fail(path + name, name, Shown(*value), {"cần một chuỗi", "a string is expected"});
            return;
        }
        out = Trim(NormalizeNfc(std::string_view(value->as_string().data(), value->as_string().size())));
        if (required && out.empty()) Fail(path + name, name, "", {"bắt buộc, chưa có", "is required"});
    }
    /// An optional code: a string, or null / "" for none.
    void Optional(const json::object& in, const std::string& path, const char* name, std::optional<std::string>& out) {
        const json::value* value = in.if_contains(name);
        if (value == nullptr) return;
        if (value->is_null()) {
            out.reset();
            return;
        }
        std::string text;
        Text(in, path, name, text, false);
        if (text.empty()) {
            out.reset();
        } else {
            out = text;
        }
    }
    /// A decimal: a JSON number or a text such as "95,5" (at most 3 decimals).
    void Number(const json::object& in, const std::string& path, const char* name, Decimal& out, bool required) {
        const json::value* value = in.if_contains(name);
        if (value == nullptr || value->is_null()) {
            if (required) Fail(path + name, name, "", {"bắt buộc, chưa có", "is required"});
            return;
        }
        std::optional<Decimal> parsed;
        if (value->is_int64()) {
            parsed = Decimal::FromInt(value->as_int64());
        } else if (value->is_uint64()) {
            parsed = Decimal::FromDouble(static_cast<double>(value->as_uint64()));
        } else if (value->is_double()) {
            parsed = Decimal::FromDouble(value->as_double());
        } else if (value->is_string()) {
            parsed = Decimal::Parse(std::string_view(value->as_string().data(), value->as_string().size()));
        }
        if (!parsed) {
            Fail(path + name, name, Shown(*value),
                 {"cần một số, tối đa 3 chữ số thập phân (ví dụ 95 hoặc 95,5)",
                  "a number with at most 3 decimals is expected (e.g. 95 or 95.5)"});
            return;
        }
        out = *parsed;
    }
    void Comparator(const json::object& in, const std::string& path, KpiComparator& out) {
        std::string text;
        Text(in, path, "comparator", text, false);
        if (text.empty()) return;
        auto parsed = ParseKpiComparator(text);
        if (!parsed) {
            Fail(path + "comparator", "comparator", text, {"cần >=, <= hoặc =", "one of >=, <=, = is expected"});
            return;
        }
        out = *parsed;
    }
    void Scope(const json::object& in, const std::string& path, KpiScope& out) {
        const json::value* value = in.if_contains("scope");
        if (value == nullptr) return;
        if (value->is_null()) {
            out = {};
            return;
        }
        if (!value->is_object()) {
            Fail(path + "scope", "scope", Shown(*value),
                 {"cần một đối tượng {field, department, procedure}",
                  "an object {field, department, procedure} is expected"});
            return;
        }
        const json::object& scope = value->as_object();
        Optional(scope, path + "scope.", "field", out.field);
        Optional(scope, path + "scope.", "department", out.department);
        Optional(scope, path + "scope.", "procedure", out.procedure);
    }

    void Fail(const std::string& path, const std::string& field, const std::string& value,
              const parindex::Text& reason) {
        details_.push_back(FieldDetail("$." + path, field, value, reason));
    }
    /// Adds the domain's problems, except for fields already reported while reading.
    void Add(std::vector<ErrorDetail> problems) {
        for (ErrorDetail& detail : problems) {
            const bool known = std::any_of(details_.begin(), details_.end(), [&](const ErrorDetail& d) {
                return d.field == detail.field || d.path == "$." + detail.field;
            });
            if (known) continue;
            if (detail.path.empty()) detail.path = "$." + detail.field;
            details_.push_back(std::move(detail));
        }
    }
    bool Ok() const { return details_.empty(); }
    Error TakeError() { return Invalid(std::move(details_)); }
    const json::object& Root() const { return object_; }

  private:
    const json::object& object_;
    std::vector<ErrorDetail> details_;
};

// ---- JSON writers ----------------------------------------------------------------------------------------------

void WriteOptional(JsonWriter& w, const char* key, const std::optional<std::string>& value) {
    w.Key(key);
    if (value) {
        w.String(*value);
    } else {
        w.Null();
    }
}

void WriteScope(JsonWriter& w, const KpiScope& scope) {
    w.Key("scope").BeginObject();
    WriteOptional(w, "field", scope.field);
    WriteOptional(w, "department", scope.department);
    WriteOptional(w, "procedure", scope.procedure);
    w.EndObject();
}

void WriteIndicator(JsonWriter& w, const KpiIndicator& k) {
    w.BeginObject();
    w.Key("code").String(k.code);
    w.Key("version").Int(k.version);
    w.Key("name").String(k.name.vi);
    w.Key("name_en").String(k.name.en);
    w.Key("unit_of_measure").String(k.unit_of_measure);
    w.Key("measure").String(KpiMeasureName(k.measure));
    w.Key("comparator").String(KpiComparatorName(k.comparator));
    w.Key("value").Number(k.value);
    w.Key("amber_margin").Number(k.amber_margin);
    WriteScope(w, k.scope);
    w.Key("source").String(k.source);
    w.Key("saved_by").String(k.saved_by);
    w.Key("saved_at").String(k.saved_at);
    w.EndObject();
}

/// `a=1&b=2` of the non-empty pairs, percent-encoded.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& pairs) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const auto& [key, value] : pairs) {
        if (value.empty()) continue;
        if (!out.empty()) out += '&';
        out += key;
        out += '=';
        for (unsigned char c : value) {
            if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    return out;
}

// ---- Evaluation ------------------------------------------------------------------------------------------------

/// One target of a unit with its actual and status.
struct KpiRow {
    KpiIndicator indicator;
    KpiTarget target;
    bool is_default = true;
    std::optional<KpiActualValue> actual;
    std::optional<KpiManualActual> manual;  ///< The manual actual used, when one was.
    KpiEvaluation evaluation;
};

std::string ScopeKey(const KpiScope& scope) {
    return "f=" + scope.field.value_or("") + "|d=" + scope.department.value_or("") +
           "|p=" + scope.procedure.value_or("");
}

bool SimpleScope(const KpiScope& scope) { return !scope.department && !scope.procedure; }

class KpiApi {
  public:
    explicit KpiApi(const KpiApiServices& services) : services_(services) {}

    Handler WithSession(std::function<Response(Request&, const Principal&)> handler) {
        return services_.sessions.WithSession([handler = std::move(handler)](Request& request, const Caller& caller) {
            return handler(request, caller.principal);
        });
    }

    // --- Catalogue -----------------------------------------------------------------------------------------------

    Response Catalogue(Request& request, const Principal& /*who*/) {
        auto list = services_.kpis.ListKpis();
        if (!list) return ErrorResponse(request, list.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("kpis").BeginArray();
        for (const KpiIndicator& k : *list) WriteIndicator(w, k);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Indicator(Request& request, const Principal& /*who*/) {
        const std::string code = request.params["code"];
        auto versions = services_.kpis.KpiVersions(code);
        if (!versions) return ErrorResponse(request, versions.GetError());
        if (versions->empty()) return ErrorResponse(request, NoKpi(code));
        JsonWriter w;
        w.BeginObject();
        w.Key("kpi");
        WriteIndicator(w, versions->back());
        w.Key("versions").BeginArray();
        for (const KpiIndicator& k : *versions) WriteIndicator(w, k);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response SaveIndicator(Request& request, const Principal& who) {
        if (Status allowed = Authorize(who, Action::kEditRules, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto object = ParseObjectBody(request);
        if (!object) return ErrorResponse(request, object.GetError());
        Body body(*object);
        const std::string code = request.params["code"];
        auto versions = services_.kpis.KpiVersions(code);
        if (!versions) return ErrorResponse(request, versions.GetError());
        KpiIndicator k = versions->empty() ? KpiIndicator{} : versions->back();
        const bool created = versions->empty();
        k.code = code;
        body.Text(*object, "", "name", k.name.vi, true);
        body.Text(*object, "", "name_en", k.name.en, false);
        body.Text(*object, "", "unit_of_measure", k.unit_of_measure, true);
        std::string measure = created ? "" : KpiMeasureName(k.measure);
        body.Text(*object, "", "measure", measure, true);
        if (!measure.empty()) {
            if (auto parsed = ParseKpiMeasure(measure)) {
                k.measure = *parsed;
            } else {
                std::string names;
                for (KpiMeasure m : AllKpiMeasures())
                    names += std::string(names.empty() ? "" : ", ") + KpiMeasureName(m);
                body.Fail("measure", "measure", measure, {"cần một trong: " + names, "one of: " + names});
            }
        }
        body.Comparator(*object, "", k.comparator);
        body.Number(*object, "", "value", k.value, created);
        body.Number(*object, "", "amber_margin", k.amber_margin, false);
        body.Scope(*object, "", k.scope);
        body.Text(*object, "", "source", k.source, false);
        body.Add(ValidateKpiIndicator(k));
        if (!body.Ok()) return ErrorResponse(request, body.TakeError());
        k.saved_by = who.username;
        k.saved_at = SavedAt(services_.clock);
        auto version = services_.kpis.SaveKpi(k);
        if (!version) return ErrorResponse(request, version.GetError());
        k.version = *version;
        JsonWriter w;
        WriteIndicator(w, k);
        return Json(w.Take() + "\n", created ? 201 : 200);
    }

    // --- A unit's targets ----------------------------------------------------------------------------------------

    Response UnitKpis(Request& request, const Principal& who) {
        auto context = UnitContext(request, who, Action::kReadDossiers);
        if (!context) return ErrorResponse(request, context.GetError());
        const auto& [unit, year] = *context;
        auto rows = Evaluate({unit.code}, year);
        if (!rows) return ErrorResponse(request, rows.GetError());
        auto groups = GroupsByUnit(services_.store, year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        const bool may_edit = static_cast<bool>(Authorize(who, Action::kEditTargets, TargetOf(*groups, unit.code)));
        JsonWriter w;
        w.BeginObject();
        w.Key("unit").BeginObject();
        w.Key("code").String(unit.code);
        w.Key("name").String(unit.name);
        w.EndObject();
        w.Key("year").Int(year);
        w.Key("as_of").String(AsOf(services_.clock, year).Iso());
        w.Key("can").BeginObject();
        w.Key("edit_targets").Bool(may_edit);
        w.EndObject();
        w.Key("kpis").BeginArray();
        for (const KpiRow& row : (*rows)[unit.code]) WriteRow(w, row, unit.code, year);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response SaveTarget(Request& request, const Principal& who) {
        auto context = UnitContext(request, who, Action::kEditTargets);
        if (!context) return ErrorResponse(request, context.GetError());
        const auto& [unit, year] = *context;
        auto indicator = FindIndicator(request.params["kpi"]);
        if (!indicator) return ErrorResponse(request, indicator.GetError());
        auto object = ParseObjectBody(request);
        if (!object) return ErrorResponse(request, object.GetError());
        Body body(*object);
        KpiTarget target = DefaultTarget(*indicator, unit.code, year);
        body.Comparator(*object, "", target.comparator);
        body.Number(*object, "", "value", target.value, true);
        body.Scope(*object, "", target.scope);
        body.Text(*object, "", "note", target.note, false);
        body.Add(ValidateKpiTarget(target, *indicator));
        if (!body.Ok()) return ErrorResponse(request, body.TakeError());
        target.saved_by = who.username;
        target.saved_at = SavedAt(services_.clock);
        if (Status saved = services_.kpis.SaveTarget(target); !saved) return ErrorResponse(request, saved.GetError());
        return OneRow(request, unit.code, year, indicator->code);
    }

    Response AddActual(Request& request, const Principal& who) {
        auto context = UnitContext(request, who, Action::kEditTargets);
        if (!context) return ErrorResponse(request, context.GetError());
        const auto& [unit, year] = *context;
        auto indicator = FindIndicator(request.params["kpi"]);
        if (!indicator) return ErrorResponse(request, indicator.GetError());
        auto object = ParseObjectBody(request);
        if (!object) return ErrorResponse(request, object.GetError());
        Body body(*object);
        KpiManualActual actual;
        actual.unit = unit.code;
        actual.year = year;
        actual.kpi = indicator->code;
        actual.date = CivilDate{year, 12, 31};
        body.Number(*object, "", "value", actual.value, true);
        std::string date;
        body.Text(*object, "", "date", date, false);
        if (!date.empty()) {
            auto parsed = ParseCivilDate(date);
            if (!parsed) {
                body.Fail(
                    "date", "date", date,
                    {"cần một ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd", "a date dd/mm/yyyy or yyyy-mm-dd is expected"});
            } else {
                actual.date = *parsed;
            }
        }
        body.Text(*object, "", "note", actual.note, false);
        if (const json::value* evidence = object->if_contains("evidence");
            evidence != nullptr && !evidence->is_null()) {
            if (!evidence->is_array()) {
                body.Fail("evidence", "evidence", Shown(*evidence),
                          {"cần một danh sách mã sha256", "a list of sha256 is expected"});
            } else {
                for (std::size_t i = 0; i < evidence->as_array().size(); ++i) {
                    const json::value& item = evidence->as_array()[i];
                    const std::string field = "evidence[" + std::to_string(i) + "]";
                    if (!item.is_string()) {
                        body.Fail(field, field, Shown(item), {"cần một mã sha256", "a sha256 is expected"});
                    } else {
                        actual.evidence.emplace_back(item.as_string());
                    }
                }
            }
        }
        body.Add(ValidateKpiManualActual(actual, *indicator));
        if (body.Ok()) {
            for (std::size_t i = 0; i < actual.evidence.size(); ++i) {
                if (!services_.files.path_of(actual.evidence[i])) {
                    const std::string field = "evidence[" + std::to_string(i) + "]";
                    body.Fail(field, field, actual.evidence[i],
                              {"chưa có tệp này trong kho tài liệu kiểm chứng; hãy tải tệp lên trước",
                               "no such file in the evidence vault; upload it first"});
                }
            }
        }
        if (!body.Ok()) return ErrorResponse(request, body.TakeError());
        actual.by = who.username;
        actual.recorded_at = SavedAt(services_.clock);
        auto id = services_.kpis.AddManualActual(actual);
        if (!id) return ErrorResponse(request, id.GetError());
        Response response = OneRow(request, unit.code, year, indicator->code);
        if (response.status == 200) response.status = 201;
        return response;
    }

    Response UploadEvidence(Request& request, const Principal& who) {
        auto context = UnitContext(request, who, Action::kEditTargets);
        if (!context) return ErrorResponse(request, context.GetError());
        auto indicator = FindIndicator(request.params["kpi"]);
        if (!indicator) return ErrorResponse(request, indicator.GetError());
        auto name = QueryFileName(request);
        if (!name) return ErrorResponse(request, name.GetError());
        auto stored = services_.files.put(request.body, *name);
        if (!stored) return ErrorResponse(request, stored.GetError());
        return EvidenceStored(*stored);
    }

    Response DownloadEvidence(Request& request, const Principal& who) {
        const Error missing =
            MakeError(ErrorCode::kNotFound, "Không có tài liệu kiểm chứng này.", "No such evidence file.");
        auto context = UnitContext(request, who, Action::kReadDossiers);
        if (!context) return ErrorResponse(request, missing);
        const auto& [unit, year] = *context;
        const std::string& sha256 = request.params["sha256"];
        auto actuals = services_.kpis.ListManualActuals(unit.code, year);
        if (!actuals) return ErrorResponse(request, missing);
        const bool listed = std::any_of(actuals->begin(), actuals->end(), [&](const KpiManualActual& a) {
            return a.kpi == request.params["kpi"] &&
                   std::find(a.evidence.begin(), a.evidence.end(), sha256) != a.evidence.end();
        });
        if (!listed) return ErrorResponse(request, missing);
        auto path = services_.files.path_of(sha256);
        if (!path) return ErrorResponse(request, missing);
        std::ifstream in(*path, std::ios::binary);
        if (!in) return ErrorResponse(request, missing);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::string content_type = "application/octet-stream";
        if (bytes.rfind("%PDF", 0) == 0) content_type = "application/pdf";
        if (bytes.rfind("\x89PNG", 0) == 0) content_type = "image/png";
        if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) content_type = "image/jpeg";
        return Attachment(std::move(bytes), content_type, sha256, "private, no-cache");
    }

    // --- Overview ------------------------------------------------------------------------------------------------

    Response Overview(Request& request, const Principal& who) {
        auto year = YearOf(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto units = services_.store.ListUnits();
        if (!units) return ErrorResponse(request, units.GetError());
        auto groups = GroupsByUnit(services_.store, *year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        std::vector<std::string> readable;
        std::map<std::string, std::string> names;
        for (const Unit& unit : *units) {
            if (!Authorize(who, Action::kReadDossiers, TargetOf(*groups, unit.code))) continue;
            readable.push_back(unit.code);
            names[unit.code] = unit.name;
        }
        if (readable.empty()) {
            return ErrorResponse(request,
                                 MakeError(ErrorCode::kForbidden,
                                           "Bạn không được xem chỉ tiêu của đơn vị nào (cần quyền read_dossiers).",
                                           "You may not read the targets of any unit (read_dossiers)."));
        }
        auto catalogue = services_.kpis.ListKpis();
        if (!catalogue) return ErrorResponse(request, catalogue.GetError());
        std::set<std::string> with_data;
        auto rows = Evaluate(readable, *year, &with_data);
        if (!rows) return ErrorResponse(request, rows.GetError());

        struct UnitLine {
            std::string code;
            std::string name;
            std::map<KpiStatus, int> counts;
            const std::vector<KpiRow>* rows;
        };
        std::vector<UnitLine> lines;
        for (const std::string& code : readable) {
            if (with_data.count(code) == 0) continue;
            UnitLine line{code, names[code], {}, &(*rows)[code]};
            for (const KpiRow& row : *line.rows) line.counts[row.evaluation.status] += 1;
            lines.push_back(std::move(line));
        }
        std::stable_sort(lines.begin(), lines.end(), [](const UnitLine& a, const UnitLine& b) {
            const int a_red = a.counts.count(KpiStatus::kNotMet) ? a.counts.at(KpiStatus::kNotMet) : 0;
            const int b_red = b.counts.count(KpiStatus::kNotMet) ? b.counts.at(KpiStatus::kNotMet) : 0;
            if (a_red != b_red) return a_red > b_red;
            const int a_amber = a.counts.count(KpiStatus::kNear) ? a.counts.at(KpiStatus::kNear) : 0;
            const int b_amber = b.counts.count(KpiStatus::kNear) ? b.counts.at(KpiStatus::kNear) : 0;
            if (a_amber != b_amber) return a_amber > b_amber;
            const int order = CompareVietnamese(a.name, b.name);
            if (order != 0) return order < 0;
            return a.code < b.code;
        });

        JsonWriter w;
        w.BeginObject();
        w.Key("year").Int(*year);
        w.Key("indicators").BeginArray();
        for (const KpiIndicator& k : *catalogue) {
            w.BeginObject();
            w.Key("code").String(k.code);
            w.Key("name").String(k.name.vi);
            w.Key("name_en").String(k.name.en);
            w.Key("unit_of_measure").String(k.unit_of_measure);
            w.EndObject();
        }
        w.EndArray();
        w.Key("units").BeginArray();
        for (const UnitLine& line : lines) {
            w.BeginObject();
            w.Key("code").String(line.code);
            w.Key("name").String(line.name);
            w.Key("counts").BeginObject();
            for (KpiStatus status : {KpiStatus::kMet, KpiStatus::kNear, KpiStatus::kNotMet, KpiStatus::kNoData}) {
                w.Key(KpiStatusName(status)).Int(line.counts.count(status) ? line.counts.at(status) : 0);
            }
            w.EndObject();
            w.Key("cells").BeginArray();
            for (const KpiRow& row : *line.rows) {
                w.BeginObject();
                w.Key("kpi").String(row.indicator.code);
                w.Key("status").String(KpiStatusName(row.evaluation.status));
                w.Key("actual");
                if (row.actual) {
                    w.Number(row.actual->value);
                } else {
                    w.Null();
                }
                w.Key("target").Number(row.target.value);
                w.Key("comparator").String(KpiComparatorName(row.target.comparator));
                w.Key("computation").String(row.evaluation.computation.vi);
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    // --- Criterion rules and suggestions -------------------------------------------------------------------------

    Response Rules(Request& request, const Principal& /*who*/) {
        auto framework = FindFramework(request.params["code"]);
        if (!framework) return ErrorResponse(request, framework.GetError());
        auto rules = services_.kpis.FindKpiRules(framework->code, FrameworkVersion(*framework));
        if (!rules) return ErrorResponse(request, rules.GetError());
        KpiRuleSet set = rules->value_or(KpiRuleSet{framework->code, FrameworkVersion(*framework), {}, "", ""});
        return RulesResponse(set, *framework);
    }

    Response SaveRules(Request& request, const Principal& who) {
        if (Status allowed = Authorize(who, Action::kEditRules, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto framework = FindFramework(request.params["code"]);
        if (!framework) return ErrorResponse(request, framework.GetError());
        auto object = ParseObjectBody(request);
        if (!object) return ErrorResponse(request, object.GetError());
        Body body(*object);
        KpiRuleSet set{framework->code, FrameworkVersion(*framework), {}, who.username, SavedAt(services_.clock)};
        const json::value* list = object->if_contains("rules");
        if (list == nullptr || !list->is_array()) {
            body.Fail("rules", "rules", list == nullptr ? "" : Shown(*list),
                      {"cần một danh sách quy tắc", "a list of rules is expected"});
        } else {
            for (std::size_t i = 0; i < list->as_array().size(); ++i) {
                const std::string path = "rules[" + std::to_string(i) + "].";
                const json::value& item = list->as_array()[i];
                if (!item.is_object()) {
                    body.Fail(path.substr(0, path.size() - 1), "rules", Shown(item),
                              {"cần một đối tượng", "an object is expected"});
                    continue;
                }
                const json::object& o = item.as_object();
                KpiRule rule;
                body.Text(o, path, "node", rule.node, true);
                body.Text(o, path, "kpi", rule.kpi, true);
                std::string method = "full_at";
                body.Text(o, path, "method", method, false);
                if (auto parsed = ParseKpiScoringMethod(method)) {
                    rule.method = *parsed;
                } else {
                    body.Fail(path + "method", "method", method,
                              {"cần full_at, proportional hoặc thresholds", "full_at, proportional or thresholds"});
                }
                body.Number(o, path, "floor", rule.floor, false);
                if (const json::value* t = o.if_contains("thresholds"); t != nullptr && !t->is_null()) {
                    if (!t->is_array()) {
                        body.Fail(path + "thresholds", "thresholds", Shown(*t),
                                  {"cần danh sách [giá trị, điểm]", "a list of [value, points] is expected"});
                    } else {
                        for (std::size_t j = 0; j < t->as_array().size(); ++j) {
                            const json::value& pair = t->as_array()[j];
                            const std::string field = path + "thresholds[" + std::to_string(j) + "]";
                            if (!pair.is_array() || pair.as_array().size() != 2) {
                                body.Fail(field, "thresholds", Shown(pair),
                                          {"cần [giá trị, điểm]", "[value, points] is expected"});
                                continue;
                            }
                            json::object holder;
                            holder["value"] = pair.as_array()[0];
                            holder["points"] = pair.as_array()[1];
                            Decimal value;
                            Decimal points;
                            body.Number(holder, field + ".", "value", value, true);
                            body.Number(holder, field + ".", "points", points, true);
                            rule.thresholds.emplace_back(value, points);
                        }
                    }
                }
                set.rules.push_back(std::move(rule));
            }
        }
        if (body.Ok()) {
            auto catalogue = services_.kpis.ListKpis();
            if (!catalogue) return ErrorResponse(request, catalogue.GetError());
            std::vector<std::string> codes;
            for (const KpiIndicator& k : *catalogue) codes.push_back(k.code);
            std::vector<std::pair<std::string, std::optional<Decimal>>> nodes;
            for (const FrameworkNode& node : framework->nodes) nodes.emplace_back(node.code, node.max);
            body.Add(ValidateKpiRules(set.rules, nodes, codes));
        }
        if (!body.Ok()) return ErrorResponse(request, body.TakeError());
        if (Status saved = services_.kpis.SaveKpiRules(set); !saved) return ErrorResponse(request, saved.GetError());
        return RulesResponse(set, *framework);
    }

    Response Suggestions(Request& request, const Principal& who) {
        const std::string code = request.params["code"];
        auto year = ParseYear(request.params["year"], "path.year", "year");
        if (!year) return ErrorResponse(request, year.GetError());
        auto unit = services_.store.FindUnit(code);
        if (!unit) return ErrorResponse(request, unit.GetError());
        if (!unit->has_value()) return ErrorResponse(request, NoUnit(code));
        auto groups = GroupsByUnit(services_.store, *year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        if (Status allowed = Authorize(who, Action::kReadResults, TargetOf(*groups, code)); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        // The assessment's framework, else the one its peer group is scored against that year.
        std::string framework_code;
        auto assessment = services_.store.FindAssessment(code, *year);
        if (!assessment) return ErrorResponse(request, assessment.GetError());
        if (assessment->has_value()) framework_code = (*assessment)->framework_code;
        if (framework_code.empty()) {
            auto listed = services_.store.ListPeerGroups(*year);
            if (!listed) return ErrorResponse(request, listed.GetError());
            for (const PeerGroup& group : *listed) {
                for (const GroupMember& member : group.members) {
                    if (member.unit_code == code && framework_code.empty()) framework_code = group.framework_code;
                }
            }
        }
        if (framework_code.empty()) {
            return ErrorResponse(
                request, MakeError(ErrorCode::kNotFound, "Đơn vị chưa có bộ chỉ số năm " + std::to_string(*year) + ".",
                                   "The unit has no framework in " + std::to_string(*year) + "."));
        }
        auto framework = FindFramework(framework_code);
        if (!framework) return ErrorResponse(request, framework.GetError());
        auto rules = services_.kpis.FindKpiRules(framework->code, FrameworkVersion(*framework));
        if (!rules) return ErrorResponse(request, rules.GetError());
        auto rows = Evaluate({code}, *year);
        if (!rows) return ErrorResponse(request, rows.GetError());
        const std::vector<KpiRow>& unit_rows = (*rows)[code];

        JsonWriter w;
        w.BeginObject();
        w.Key("unit").String(code);
        w.Key("year").Int(*year);
        w.Key("framework").String(framework->code);
        w.Key("suggestions").BeginArray();
        if (rules->has_value()) {
            for (const KpiRule& rule : (*rules)->rules) {
                auto node = std::find_if(framework->nodes.begin(), framework->nodes.end(),
                                         [&](const FrameworkNode& n) { return n.code == rule.node; });
                auto row = std::find_if(unit_rows.begin(), unit_rows.end(),
                                        [&](const KpiRow& r) { return r.indicator.code == rule.kpi; });
                if (node == framework->nodes.end() || !node->max || row == unit_rows.end()) continue;
                std::optional<Decimal> actual;
                if (row->actual) actual = row->actual->value;
                const KpiSuggestion s = SuggestScore(rule, row->indicator.name, row->indicator.unit_of_measure,
                                                     row->target.comparator, row->target.value, actual, *node->max);
                w.BeginObject();
                w.Key("node").String(rule.node);
                w.Key("title").String(node->title);
                w.Key("kpi").String(rule.kpi);
                w.Key("kpi_name").String(row->indicator.name.vi);
                w.Key("method").String(KpiScoringMethodName(rule.method));
                w.Key("actual").Number(actual);
                w.Key("target").Number(row->target.value);
                w.Key("comparator").String(KpiComparatorName(row->target.comparator));
                w.Key("unit_of_measure").String(row->indicator.unit_of_measure);
                w.Key("status").String(KpiStatusName(row->evaluation.status));
                w.Key("max").Number(*node->max);
                w.Key("points").Number(s.points);
                w.Key("computation").String(s.computation.vi);
                w.Key("computation_en").String(s.computation.en);
                w.EndObject();
            }
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

  private:
    struct UnitYear {
        Unit unit;
        int year = 0;
    };

    Result<int> YearOf(const Request& request) {
        const std::string text = Query(request, "year");
        if (text.empty()) return VietnamDate(services_.clock.Now()).year;
        return ParseYear(text, "query.year", "year");
    }

    /// The unit of the path and the year of the query, once the caller may do `action` on the unit.
    Result<UnitYear> UnitContext(Request& request, const Principal& who, Action action) {
        auto year = YearOf(request);
        if (!year) return year.TakeError();
        const std::string code = request.params["code"];
        auto unit = services_.store.FindUnit(code);
        if (!unit) return unit.TakeError();
        if (!unit->has_value()) return NoUnit(code);
        auto groups = GroupsByUnit(services_.store, *year);
        if (!groups) return groups.TakeError();
        if (Status allowed = Authorize(who, action, TargetOf(*groups, code)); !allowed) return allowed.GetError();
        return UnitYear{std::move(**unit), *year};
    }

    Result<KpiIndicator> FindIndicator(const std::string& code) {
        auto versions = services_.kpis.KpiVersions(code);
        if (!versions) return versions.TakeError();
        if (versions->empty()) return NoKpi(code);
        return versions->back();
    }

    Result<Framework> FindFramework(const std::string& code) {
        auto found = services_.store.FindFramework(code);
        if (!found) return found.TakeError();
        if (!found->has_value()) {
            return MakeError(ErrorCode::kNotFound, "Không có bộ chỉ số “" + code + "”.",
                             "There is no framework “" + code + "”.");
        }
        return std::move(**found);
    }

    Result<DefinitionSet> ActiveSet() {
        if (services_.definitions != nullptr) return services_.definitions->ActiveDefinitionSet();
        return DefaultDefinitionSet();
    }

    /// The counters of every (unit, scope) asked for, over the year as GET /api/dossiers/stats totals it (flow
    /// view, the year as one period, the active definition set, as of now or the year's end). The whole unit and
    /// field scopes come from one question grouped by unit and field; other scopes from one question each.
    Result<std::map<std::pair<std::string, std::string>, DossierCounters>> Counters(
        const std::vector<std::string>& units, int year, const std::map<std::string, KpiScope>& scopes,
        const DefinitionSet& set) {
        std::map<std::pair<std::string, std::string>, DossierCounters> counters;
        DossierQuery base;
        base.units = units;
        base.from = LocalTime::FromParts(CivilDate{year, 1, 1});
        base.to = LocalTime::FromParts(CivilDate{year + 1, 1, 1});
        base.period = PeriodKind::kYear;
        base.cohort = false;
        base.set = set;
        base.as_of = AsOf(services_.clock, year);
        const bool any_simple =
            std::any_of(scopes.begin(), scopes.end(), [](const auto& entry) { return SimpleScope(entry.second); });
        if (any_simple) {
            DossierQuery query = base;
            query.by = {Dimension::kUnit, Dimension::kField};
            auto rows = services_.dossiers.Aggregate(query);
            if (!rows) return rows.TakeError();
            for (const DossierStatsRow& row : *rows) {
                counters[{row.key.key.unit, ScopeKey({})}] += row.counters;
                KpiScope field;
                field.field = row.key.key.field;
                counters[{row.key.key.unit, ScopeKey(field)}] += row.counters;
            }
        }
        for (const auto& [key, scope] : scopes) {
            if (SimpleScope(scope)) continue;
            DossierQuery query = base;
            query.by = {Dimension::kUnit};
            query.field = scope.field;
            query.department = scope.department;
            query.procedure = scope.procedure;
            auto rows = services_.dossiers.Aggregate(query);
            if (!rows) return rows.TakeError();
            for (const DossierStatsRow& row : *rows) counters[{row.key.key.unit, key}] += row.counters;
        }
        return counters;
    }

    /// Every indicator of the catalogue for each unit: its target (the unit's own or the catalogue's default),
    /// actual and status. `with_data` receives the units with an own target, a manual actual or dossiers.
    Result<std::map<std::string, std::vector<KpiRow>>> Evaluate(const std::vector<std::string>& units, int year,
                                                                std::set<std::string>* with_data = nullptr) {
        auto catalogue = services_.kpis.ListKpis();
        if (!catalogue) return catalogue.TakeError();
        const std::optional<std::string> one =
            units.size() == 1 ? std::optional<std::string>(units.front()) : std::nullopt;
        auto targets = services_.kpis.ListTargets(one, year);
        if (!targets) return targets.TakeError();
        auto manual = services_.kpis.ListManualActuals(one, year);
        if (!manual) return manual.TakeError();
        auto set = ActiveSet();
        if (!set) return set.TakeError();

        std::map<std::string, std::vector<KpiRow>> rows;
        std::map<std::string, KpiScope> scopes;
        const std::set<std::string> wanted(units.begin(), units.end());
        for (const std::string& unit : units) {
            std::vector<KpiRow>& list = rows[unit];
            for (const KpiIndicator& k : *catalogue) {
                KpiRow row;
                row.indicator = k;
                row.target = DefaultTarget(k, unit, year);
                for (const KpiTarget& t : *targets) {
                    if (t.unit == unit && t.kpi == k.code) {
                        row.target = t;
                        row.is_default = false;
                    }
                }
                if (k.measure != KpiMeasure::kManual) scopes[ScopeKey(row.target.scope)] = row.target.scope;
                list.push_back(std::move(row));
            }
        }
        if (with_data != nullptr) {
            for (const KpiTarget& t : *targets) {
                if (wanted.count(t.unit)) with_data->insert(t.unit);
            }
            for (const KpiManualActual& a : *manual) {
                if (wanted.count(a.unit)) with_data->insert(a.unit);
            }
        }
        std::map<std::pair<std::string, std::string>, DossierCounters> counters;
        if (!scopes.empty()) {
            auto counted = Counters(units, year, scopes, *set);
            if (!counted) return counted.TakeError();
            counters = std::move(*counted);
        }
        if (with_data != nullptr) {
            for (const auto& [key, c] : counters) {
                if (c.received > 0 || c.processed > 0) with_data->insert(key.first);
            }
        }
        for (auto& [unit, list] : rows) {
            for (KpiRow& row : list) {
                auto found = counters.find({unit, ScopeKey(row.target.scope)});
                const DossierCounters* c = found == counters.end() ? nullptr : &found->second;
                const KpiManualActual* latest = LatestManualActual(*manual, unit, year, row.indicator.code);
                row.actual = ResolveActual(row.indicator, c, *set, latest);
                if (row.actual && row.actual->manual != nullptr) {
                    row.manual = *row.actual->manual;
                    row.actual->manual = nullptr;
                }
                std::optional<Decimal> value;
                if (row.actual) value = row.actual->value;
                row.evaluation = EvaluateKpi(row.target.comparator, row.target.value, row.indicator.amber_margin,
                                             row.indicator.unit_of_measure, value);
            }
        }
        return rows;
    }

    void WriteRow(JsonWriter& w, const KpiRow& row, const std::string& unit, int year) {
        const KpiIndicator& k = row.indicator;
        w.BeginObject();
        w.Key("kpi").String(k.code);
        w.Key("name").String(k.name.vi);
        w.Key("name_en").String(k.name.en);
        w.Key("unit_of_measure").String(k.unit_of_measure);
        w.Key("measure").String(KpiMeasureName(k.measure));
        w.Key("amber_margin").Number(k.amber_margin);
        w.Key("target").BeginObject();
        w.Key("comparator").String(KpiComparatorName(row.target.comparator));
        w.Key("value").Number(row.target.value);
        WriteScope(w, row.target.scope);
        w.Key("note").String(row.target.note);
        w.Key("default").Bool(row.is_default);
        w.Key("saved_by").String(row.target.saved_by);
        w.Key("saved_at").String(row.target.saved_at);
        w.EndObject();
        w.Key("actual");
        if (!row.actual) {
            w.Null();
        } else {
            w.BeginObject();
            w.Key("value").Number(row.actual->value);
            const bool manual = row.actual->source == KpiActualSource::kManual;
            w.Key("source").String(manual ? "manual" : "dossiers");
            if (manual && row.manual) {
                w.Key("date").String(row.manual->date.Iso());
                w.Key("note").String(row.manual->note);
                w.Key("by").String(row.manual->by);
                w.Key("evidence").BeginArray();
                for (const std::string& sha : row.manual->evidence) w.String(sha);
                w.EndArray();
            } else {
                w.Key("date").Null();
                w.Key("note").String("");
                w.Key("by").Null();
                w.Key("evidence").BeginArray().EndArray();
                w.Key("numerator").Int(row.actual->numerator);
                w.Key("denominator").Int(row.actual->denominator);
            }
            w.EndObject();
        }
        w.Key("status").String(KpiStatusName(row.evaluation.status));
        w.Key("computation").String(row.evaluation.computation.vi);
        w.Key("computation_en").String(row.evaluation.computation.en);
        const bool from_dossiers = k.measure != KpiMeasure::kManual;
        const std::string counter = KpiMeasureCounter(k.measure);
        const std::vector<std::pair<std::string, std::string>> filters{
            {"field", row.target.scope.field.value_or("")},
            {"department", row.target.scope.department.value_or("")},
            {"procedure", row.target.scope.procedure.value_or("")}};
        w.Key("drilldown");
        if (!from_dossiers) {
            w.Null();
        } else {
            w.BeginObject();
            w.Key("unit").String(unit);
            w.Key("year").Int(year);
            w.Key("counter").String(counter);
            for (const auto& [key, value] : filters) {
                if (!value.empty()) w.Key(key).String(value);
            }
            w.EndObject();
        }
        w.Key("links").BeginObject();
        if (from_dossiers) {
            std::vector<std::pair<std::string, std::string>> base{{"unit", unit}, {"year", std::to_string(year)}};
            base.insert(base.end(), filters.begin(), filters.end());
            w.Key("stats").String("/api/dossiers/stats?" + QueryString(base));
            base.emplace_back("counter", counter);
            w.Key("dossiers").String("/api/dossiers?" + QueryString(base));
        }
        w.EndObject();
        w.EndObject();
    }

    /// The unit's row of one indicator, as GET /api/units/{code}/kpis writes it.
    Response OneRow(const Request& request, const std::string& unit, int year, const std::string& kpi) {
        auto rows = Evaluate({unit}, year);
        if (!rows) return ErrorResponse(request, rows.GetError());
        for (const KpiRow& row : (*rows)[unit]) {
            if (row.indicator.code != kpi) continue;
            JsonWriter w;
            WriteRow(w, row, unit, year);
            return Json(w.Take() + "\n");
        }
        return ErrorResponse(request, NoKpi(kpi));
    }

    Response RulesResponse(const KpiRuleSet& set, const Framework& framework) {
        JsonWriter w;
        w.BeginObject();
        w.Key("framework").String(framework.code);
        w.Key("version").String(framework.version);
        w.Key("saved_by").String(set.saved_by);
        w.Key("saved_at").String(set.saved_at);
        w.Key("rules").BeginArray();
        for (const KpiRule& rule : set.rules) {
            w.BeginObject();
            w.Key("node").String(rule.node);
            w.Key("kpi").String(rule.kpi);
            w.Key("method").String(KpiScoringMethodName(rule.method));
            w.Key("floor").Number(rule.floor);
            w.Key("thresholds").BeginArray();
            for (const auto& [value, points] : rule.thresholds) {
                w.BeginArray();
                w.Number(value);
                w.Number(points);
                w.EndArray();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    KpiApiServices services_;
};

}  // namespace

void RegisterKpiApi(Router& router, const KpiApiServices& services) {
    auto api = std::make_shared<KpiApi>(services);
    auto route = [&router, api](const char* method, const std::string& pattern,
                                Response (KpiApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern, api->WithSession([api, handler](Request& request, const Principal& who) {
            return ((*api).*handler)(request, who);
        }));
    };
    route("GET", "/api/kpis", &KpiApi::Catalogue);
    // Before /api/kpis/{code}.
    route("GET", "/api/kpis/overview", &KpiApi::Overview);
    route("GET", "/api/kpis/{code}", &KpiApi::Indicator);
    route("PUT", "/api/kpis/{code}", &KpiApi::SaveIndicator);
    route("GET", "/api/units/{code}/kpis", &KpiApi::UnitKpis);
    route("PUT", "/api/units/{code}/kpis/{kpi}", &KpiApi::SaveTarget);
    route("POST", "/api/units/{code}/kpis/{kpi}/actuals", &KpiApi::AddActual);
    route("POST", "/api/units/{code}/kpis/{kpi}/evidence", &KpiApi::UploadEvidence);
    route("GET", "/api/units/{code}/kpis/{kpi}/evidence/{sha256}", &KpiApi::DownloadEvidence);
    route("GET", "/api/frameworks/{code}/kpi-rules", &KpiApi::Rules);
    route("PUT", "/api/frameworks/{code}/kpi-rules", &KpiApi::SaveRules);
    route("GET", "/api/units/{code}/assessments/{year}/suggestions", &KpiApi::Suggestions);
}

}  // namespace parindex::http
