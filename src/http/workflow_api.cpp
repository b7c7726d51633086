#include "http/workflow_api.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <charconv>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "formats/json_writer.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "http/reference_json.hpp"

namespace parindex::http {
namespace {

constexpr std::size_t kDefaultAuditLimit = 200;
constexpr std::size_t kMaxAuditLimit = 1000;

using TimePoint = std::chrono::system_clock::time_point;

void WriteTime(JsonWriter& w, const std::optional<TimePoint>& time) {
    if (time) {
        w.String(IsoTime(*time));
    } else {
        w.Null();
    }
}

/// A top-level value of a JSON object body, with a number's exact text.
struct BodyValue {
    enum class Kind { kNull, kBool, kNumber, kString, kOther };
    Kind kind = Kind::kNull;
    std::string text;
};
using BodyFields = std::map<std::string, BodyValue>;

// Boost.JSON's SAX handler keeping the top-level members of an object; Boost fixes the member names.
// NOLINTBEGIN(readability-identifier-naming)
class FlatObject {
  public:
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code&) { return Open(); }
    bool on_object_end(std::size_t, boost::json::error_code&) { return Close(); }
    bool on_array_begin(boost::json::error_code&) { return Open(); }
    bool on_array_end(std::size_t, boost::json::error_code&) { return Close(); }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (depth_ == 1) key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (depth_ == 1) {
            key_.append(s.data(), s.size());
            current_ = std::move(key_);
            key_.clear();
        }
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (depth_ == 1) part_.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        part_.append(s.data(), s.size());
        return Value(BodyValue::Kind::kString);
    }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
        if (depth_ == 1) part_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t, boost::json::string_view s, boost::json::error_code&) { return Number(s); }
    bool on_uint64(std::uint64_t, boost::json::string_view s, boost::json::error_code&) { return Number(s); }
    bool on_double(double, boost::json::string_view s, boost::json::error_code&) { return Number(s); }
    bool on_bool(bool b, boost::json::error_code&) {
        part_ = b ? "true" : "false";
        return Value(BodyValue::Kind::kBool);
    }
    bool on_null(boost::json::error_code&) { return Value(BodyValue::Kind::kNull); }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
    // NOLINTEND(readability-identifier-naming)

    BodyFields Take() { return std::move(fields_); }

  private:
    bool Open() {
        if (depth_ == 1) fields_[current_] = BodyValue{BodyValue::Kind::kOther, {}};
        ++depth_;
        return true;
    }
    bool Close() {
        --depth_;
        return true;
    }
    bool Number(boost::json::string_view s) {
        part_.append(s.data(), s.size());
        return Value(BodyValue::Kind::kNumber);
    }
    bool Value(BodyValue::Kind kind) {
        if (depth_ == 1) fields_[current_] = BodyValue{kind, std::move(part_)};
        part_.clear();
        return true;
    }

    int depth_ = 0;
    std::string key_;
    std::string current_;
    std::string part_;
    BodyFields fields_;
};

/// The members of a JSON object body (Content-Type application/json), each number with its exact text.
Result<BodyFields> ParseBody(const Request& request) {
    // The shared reader decides the content type, malformed JSON and a non-object body, with its errors.
    if (auto checked = ParseStringFields(request, {}); !checked) return checked.TakeError();
    boost::json::parse_options options;
    options.max_depth = 32;
    boost::json::basic_parser<FlatObject> parser(options);
    boost::json::error_code error;
    parser.write_some(false, request.body.data(), request.body.size(), error);
    if (error) {
        return MakeError(ErrorCode::kInvalidInput, "Nội dung yêu cầu không phải JSON hợp lệ.",
                         "The request body is not valid JSON.");
    }
    return parser.handler().Take();
}

/// A decimal field: a JSON number or a string with a decimal comma or point; null (or an empty string) is
/// nothing. `required`: a missing field is an error.
Result<std::optional<Decimal>> DecimalField(const BodyFields& fields, const std::string& name, bool required) {
    auto it = fields.find(name);
    if (it == fields.end()) {
        if (!required) return std::optional<Decimal>();
        return BadField("$." + name, name, "", {"thiếu trường bắt buộc", "required field missing"});
    }
    const BodyValue& value = it->second;
    if (value.kind == BodyValue::Kind::kNull) return std::optional<Decimal>();
    if (value.kind != BodyValue::Kind::kNumber && value.kind != BodyValue::Kind::kString) {
        return BadField("$." + name, name, value.text, {"cần một số hoặc null", "a number or null is expected"});
    }
    if (value.kind == BodyValue::Kind::kString) {
        std::string trimmed = value.text;
        while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
        if (trimmed.find_first_not_of(' ') == std::string::npos) return std::optional<Decimal>();
    }
    std::string reason_vi;
    std::string reason_en;
    auto parsed = Decimal::Parse(value.text, &reason_vi, &reason_en);
    if (!parsed) return BadField("$." + name, name, value.text, {reason_vi, reason_en});
    return std::optional<Decimal>(*parsed);
}

/// A string field; `fallback` when missing or null.
Result<std::string> StringField(const BodyFields& fields, const std::string& name, const std::string& fallback) {
    auto it = fields.find(name);
    if (it == fields.end() || it->second.kind == BodyValue::Kind::kNull) return fallback;
    if (it->second.kind != BodyValue::Kind::kString) {
        return BadField("$." + name, name, it->second.text, {"cần một chuỗi", "a string is expected"});
    }
    return it->second.text;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Decodes %XX escapes; nothing when an escape is malformed.
std::optional<std::string> PercentDecode(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const int high = HexValue(text[i + 1]);
        const int low = HexValue(text[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

Error NoAssessment(const std::string& unit, int year) {
    return MakeError(ErrorCode::kNotFound, "Đơn vị " + unit + " chưa có bản đánh giá năm " + std::to_string(year),
                     "Unit " + unit + " has no assessment for " + std::to_string(year));
}

class WorkflowApi {
  public:
    explicit WorkflowApi(const WorkflowServices& services)
        : services_(services), flow_(services.store, services.workflow, services.users, services.clock) {}

    using Protected = std::function<Response(Request&, const Principal&)>;

    /// A handler behind the API's one session check (SessionGate): 401 without a session, 403 without
    /// X-CSRF-Token on state-changing methods or while a one-time password is unchanged.
    Handler WithSession(Protected handler) {
        return services_.sessions.WithSession([handler = std::move(handler)](Request& request, const Caller& caller) {
            return handler(request, caller.principal);
        });
    }

    // --- Reading ---------------------------------------------------------------------------------------------

    Response Get(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto view = View(who, key->first, key->second);
        if (!view) return ErrorResponse(request, view.GetError());
        return Json(std::move(*view));
    }

    Response Audit(Request& request, const Principal& who) {
        const std::string& unit = request.params["code"];
        auto year_text = request.query.find("year");
        auto year = ParseYear(year_text == request.query.end() ? "" : year_text->second, "query.year", "year");
        if (!year) return ErrorResponse(request, year.GetError());
        std::size_t limit = kDefaultAuditLimit;
        if (auto it = request.query.find("limit"); it != request.query.end() && !it->second.empty()) {
            const auto value = ParseInteger(it->second);
            if (!value || *value < 1 || *value > static_cast<long long>(kMaxAuditLimit)) {
                return ErrorResponse(
                    request, BadField("query.limit", "limit", it->second,
                                      {"cần một số nguyên từ 1 đến " + std::to_string(kMaxAuditLimit),
                                       "an integer from 1 to " + std::to_string(kMaxAuditLimit) + " is expected"}));
            }
            limit = static_cast<std::size_t>(*value);
        }
        auto groups = GroupsOf(unit, *year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        if (Status allowed = Authorize(who, Action::kReadAudit, UnitTarget(unit, *groups)); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        AuditQuery query;
        query.unit_code = unit;
        query.year = *year;
        if (auto it = request.query.find("node"); it != request.query.end()) query.node_code = it->second;
        query.limit = limit;
        auto entries = services_.users.ListAudit(query);
        if (!entries) return ErrorResponse(request, entries.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("entries").BeginArray();
        for (const AuditEntry& entry : *entries) {
            w.BeginObject();
            WriteAuditEntryFields(w, entry);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Download(Request& request, const Principal& who) {
        if (request.query.count("task") != 0 && services_.task_evidence) return services_.task_evidence(request, who);
        const std::string& sha256 = request.params["sha256"];
        const Error missing =
            MakeError(ErrorCode::kNotFound, "Không có tài liệu kiểm chứng này.", "No such evidence file.");
        auto unit = request.query.find("unit");
        auto year_text = request.query.find("year");
        if (unit == request.query.end() || year_text == request.query.end()) return ErrorResponse(request, missing);
        auto year = ParseYear(year_text->second, "query.year", "year");
        if (!year) return ErrorResponse(request, year.GetError());
        auto groups = GroupsOf(unit->second, *year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        // Whoever may not read the unit's results learns nothing, not even that the file exists.
        if (!Authorize(who, Action::kReadResults, UnitTarget(unit->second, *groups))) {
            return ErrorResponse(request, missing);
        }
        auto evidence = services_.workflow.ListEvidence(unit->second, *year, "");
        if (!evidence) return ErrorResponse(request, evidence.GetError());
        const Evidence* record = nullptr;
        for (const Evidence& e : *evidence) {
            if (e.sha256 == sha256) record = &e;
        }
        if (record == nullptr) return ErrorResponse(request, missing);
        auto path = services_.files.path_of(sha256);
        if (!path) return ErrorResponse(request, missing);
        std::ifstream in(*path, std::ios::binary);
        if (!in) return ErrorResponse(request, missing);
        return Attachment(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()),
                          record->content_type, record->file_name, "private, no-cache");
    }

    // --- Writing ---------------------------------------------------------------------------------------------

    Response Open(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto opened = flow_.Open(who, key->first, key->second);
        if (!opened) return ErrorResponse(request, opened.GetError());
        return AfterWrite(request, who, *key, 201);
    }

    Response SelfScore(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto fields = ParseBody(request);
        if (!fields) return ErrorResponse(request, fields.GetError());
        auto self = DecimalField(*fields, "self", true);
        if (!self) return ErrorResponse(request, self.GetError());
        const std::string& node = request.params["node"];
        // A missing explanation keeps the current one; an empty string clears it.
        std::string current;
        if (auto assessment = services_.store.FindAssessment(key->first, key->second);
            assessment && assessment->has_value()) {
            for (const NodeScore& score : (*assessment)->nodes) {
                if (score.code == node) current = score.explanation;
            }
        }
        auto explanation = StringField(*fields, "explanation", current);
        if (!explanation) return ErrorResponse(request, explanation.GetError());
        return Written(request, who, *key, flow_.SetSelfScore(who, key->first, key->second, node, *self, *explanation));
    }

    Response Assign(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto fields = ParseBody(request);
        if (!fields) return ErrorResponse(request, fields.GetError());
        auto department = StringField(*fields, "department", "");
        if (!department) return ErrorResponse(request, department.GetError());
        if (!department->empty()) {
            auto unit = services_.store.FindUnit(key->first);
            if (!unit) return ErrorResponse(request, unit.GetError());
            bool known = false;
            if (unit->has_value()) {
                for (const Department& d : (*unit)->departments) known = known || d.code == *department;
            }
            if (!known && unit->has_value()) {
                const Text reason{"đơn vị không có phòng ban này", "the unit has no such department"};
                // Authorisation first: a refused caller learns nothing about the unit's departments.
                auto groups = GroupsOf(key->first, key->second);
                if (!groups) return ErrorResponse(request, groups.GetError());
                if (Status allowed = Authorize(who, Action::kAssignCriteria, UnitTarget(key->first, *groups));
                    !allowed) {
                    return ErrorResponse(request, allowed.GetError());
                }
                return ErrorResponse(request, BadField("$.department", "department", *department, reason));
            }
        }
        return Written(request, who, *key,
                       flow_.Assign(who, key->first, key->second, request.params["node"], *department));
    }

    Response Upload(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        const std::string& node = request.params["node"];
        auto name = PercentDecode(request.Header("x-file-name"));
        if (!name || !IsPlainFileName(*name)) {
            return ErrorResponse(request,
                                 BadField("headers.X-File-Name", "X-File-Name", request.Header("x-file-name"),
                                          {"cần tên tệp (UTF-8, mã hóa phần trăm), không chứa / hoặc \\",
                                           "a file name is expected (UTF-8, percent-encoded), without / or \\"}));
        }
        // The domain decides before the bytes are stored: a refused caller leaves nothing in the vault.
        auto assessment = services_.store.FindAssessment(key->first, key->second);
        if (!assessment) return ErrorResponse(request, assessment.GetError());
        auto groups = GroupsOf(key->first, key->second);
        if (!groups) return ErrorResponse(request, groups.GetError());
        auto assignments = services_.workflow.ListAssignments(key->first, key->second);
        if (!assignments) return ErrorResponse(request, assignments.GetError());
        std::string department;
        for (const Assignment& a : *assignments) {
            if (a.node_code == node) department = a.department_code;
        }
        if (Status allowed = Authorize(who, Action::kSelfScore, UnitTarget(key->first, *groups, department));
            !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        if (!assessment->has_value()) return ErrorResponse(request, NoAssessment(key->first, key->second));
        auto stored = services_.files.put(request.body, *name);
        if (!stored) return ErrorResponse(request, stored.GetError());
        Evidence evidence;
        evidence.unit_code = key->first;
        evidence.year = key->second;
        evidence.node_code = node;
        evidence.sha256 = stored->sha256;
        evidence.file_name = *name;
        evidence.content_type = stored->content_type;
        evidence.size = stored->size;
        if (Status attached = flow_.AttachEvidence(who, evidence); !attached) {
            return ErrorResponse(request, attached.GetError());
        }
        services_.results.Invalidate();
        return EvidenceStored(*stored, evidence.file_name);
    }

    Response Approve(Request& request, const Principal& who) {
        return Step(request, who, &AssessmentWorkflow::Approve);
    }
    Response Submit(Request& request, const Principal& who) { return Step(request, who, &AssessmentWorkflow::Submit); }
    Response Withdraw(Request& request, const Principal& who) {
        return Step(request, who, &AssessmentWorkflow::Withdraw);
    }
    Response Complete(Request& request, const Principal& who) {
        return Step(request, who, &AssessmentWorkflow::CompleteAppraisal);
    }
    Response Finalise(Request& request, const Principal& who) {
        return Step(request, who, &AssessmentWorkflow::Finalise);
    }

    Response Appraise(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto fields = ParseBody(request);
        if (!fields) return ErrorResponse(request, fields.GetError());
        auto appraised = DecimalField(*fields, "appraised", true);
        if (!appraised) return ErrorResponse(request, appraised.GetError());
        if (!*appraised) {
            return ErrorResponse(request, BadField("$.appraised", "appraised", "null",
                                                   {"cần một điểm thẩm định", "an appraised score is expected"}));
        }
        auto reason = StringField(*fields, "reason", "");
        if (!reason) return ErrorResponse(request, reason.GetError());
        return Written(request, who, *key,
                       flow_.Appraise(who, key->first, key->second, request.params["node"], **appraised, *reason));
    }

    Response Explain(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto fields = ParseBody(request);
        if (!fields) return ErrorResponse(request, fields.GetError());
        auto text = StringField(*fields, "text", "");
        if (!text) return ErrorResponse(request, text.GetError());
        return Written(request, who, *key, flow_.Explain(who, key->first, key->second, request.params["node"], *text),
                       201);
    }

    Response Publish(Request& request, const Principal& who) {
        auto fields = ParseBody(request);
        if (!fields) return ErrorResponse(request, fields.GetError());
        auto it = fields->find("year");
        if (it == fields->end() ||
            (it->second.kind != BodyValue::Kind::kNumber && it->second.kind != BodyValue::Kind::kString)) {
            return ErrorResponse(request, BadField("$.year", "year", it == fields->end() ? "" : it->second.text,
                                                   {"cần một năm", "a year is expected"}));
        }
        auto year = ParseYear(it->second.text, "$.year", "year");
        if (!year) return ErrorResponse(request, year.GetError());
        const std::string& group = request.params["code"];
        if (Status published = flow_.Publish(who, group, *year); !published) {
            return ErrorResponse(request, published.GetError());
        }
        services_.results.Invalidate();
        JsonWriter w;
        w.BeginObject();
        w.Key("group").String(group);
        w.Key("year").Int(static_cast<std::int64_t>(*year));
        w.Key("status").String("published");
        w.EndObject();
        return Json(w.Take() + "\n");
    }

  private:
    using Key = std::pair<std::string, int>;

    Result<Key> UnitYear(Request& request) {
        auto year = ParseYear(request.params["year"], "path.year", "year");
        if (!year) return year.TakeError();
        return Key{request.params["code"], *year};
    }

    Result<std::vector<std::string>> GroupsOf(const std::string& unit, int year) {
        auto groups = services_.store.ListPeerGroups(year);
        if (!groups) return groups.TakeError();
        std::vector<std::string> codes;
        for (const PeerGroup& group : *groups) {
            for (const GroupMember& member : group.members) {
                if (member.unit_code == unit) codes.push_back(group.code);
            }
        }
        return codes;
    }

    /// After a successful write: the results cache forgets, and the answer is the assessment as it now is.
    Response AfterWrite(Request& request, const Principal& who, const Key& key, int status) {
        services_.results.Invalidate();
        auto view = View(who, key.first, key.second);
        if (!view) return ErrorResponse(request, view.GetError());
        return Json(std::move(*view), status);
    }

    Response Written(Request& request, const Principal& who, const Key& key, const Status& done, int status = 200) {
        if (!done) return ErrorResponse(request, done.GetError());
        return AfterWrite(request, who, key, status);
    }

    Response Step(Request& request, const Principal& who,
                  Status (AssessmentWorkflow::*step)(const Principal&, const std::string&, int)) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        return Written(request, who, *key, (flow_.*step)(who, key->first, key->second));
    }

    std::string UserName(std::int64_t id, std::map<std::int64_t, std::string>& names) {
        auto it = names.find(id);
        if (it != names.end()) return it->second;
        std::string name;
        if (auto user = services_.users.FindUserById(id); user && user->has_value()) name = (*user)->username;
        names[id] = name;
        return name;
    }

    /// The body of GET /api/units/{code}/assessments/{year}.
    Result<std::string> View(const Principal& who, const std::string& unit_code, int year) {
        auto groups = GroupsOf(unit_code, year);
        if (!groups) return groups.TakeError();
        const Target target = UnitTarget(unit_code, *groups);
        if (Status allowed = Authorize(who, Action::kReadResults, target); !allowed) return allowed.TakeError();
        auto found = services_.store.FindAssessment(unit_code, year);
        if (!found) return found.TakeError();
        if (!found->has_value()) return NoAssessment(unit_code, year);
        const Assessment& assessment = **found;
        auto unit = services_.store.FindUnit(unit_code);
        if (!unit) return unit.TakeError();
        std::optional<Framework> framework;
        if (!assessment.framework_code.empty()) {
            auto f = services_.store.FindFramework(assessment.framework_code);
            if (!f) return f.TakeError();
            framework = std::move(*f);
        }
        auto state = services_.workflow.FindState(unit_code, year);
        if (!state) return state.TakeError();
        auto assignments = services_.workflow.ListAssignments(unit_code, year);
        if (!assignments) return assignments.TakeError();
        auto evidence = services_.workflow.ListEvidence(unit_code, year, "");
        if (!evidence) return evidence.TakeError();
        auto explanations = services_.workflow.ListExplanations(unit_code, year);
        if (!explanations) return explanations.TakeError();
        auto flags = flow_.EvidenceFlags(who, unit_code, year);
        if (!flags) return flags.TakeError();

        std::map<std::string, std::string> assigned;
        for (const Assignment& a : *assignments) assigned[a.node_code] = a.department_code;
        std::map<std::string, const NodeScore*> scores;
        for (const NodeScore& score : assessment.nodes) scores[score.code] = &score;
        std::set<std::string> parents;
        std::map<std::string, int> depth;
        if (framework) {
            for (const FrameworkNode& node : framework->nodes) {
                if (!node.parent_code.empty()) parents.insert(node.parent_code);
                depth[node.code] = node.parent_code.empty() ? 0 : depth[node.parent_code] + 1;
            }
        }
        std::map<std::int64_t, std::string> names;

        JsonWriter w;
        w.BeginObject();
        w.Key("unit").String(unit_code);
        w.Key("unit_name").String(unit->has_value() ? (*unit)->name : "");
        w.Key("year").Int(static_cast<std::int64_t>(year));
        w.Key("framework").String(assessment.framework_code);
        w.Key("status").String(AssessmentStatusName(assessment.status));
        w.Key("state").BeginObject();
        w.Key("approved_at");
        WriteTime(w, state->approved_at);
        w.Key("approved_by");
        if (state->approved_at && state->approved_by != 0) {
            w.String(UserName(state->approved_by, names));
        } else {
            w.Null();
        }
        w.Key("submitted_at");
        WriteTime(w, state->submitted_at);
        w.Key("appraisal_started_at");
        WriteTime(w, state->appraisal_started_at);
        w.Key("explanation_deadline");
        WriteTime(w, state->explanation_deadline);
        w.EndObject();
        w.Key("nodes").BeginArray();
        if (framework) {
            for (const FrameworkNode& node : framework->nodes) {
                const NodeScore* score = scores.count(node.code) != 0 ? scores[node.code] : nullptr;
                w.BeginObject();
                w.Key("code").String(node.code);
                w.Key("parent");
                node.parent_code.empty() ? w.Null() : w.String(node.parent_code);
                w.Key("title").String(node.title);
                w.Key("max").Number(node.max);
                w.Key("method").String(ScoringMethodName(node.method));
                w.Key("evidence_required").Bool(node.evidence_required);
                w.Key("max_only").Bool(node.max_only);
                w.Key("leaf").Bool(parents.count(node.code) == 0);
                w.Key("depth").Int(static_cast<std::int64_t>(depth[node.code]));
                w.Key("assigned_department");
                auto a = assigned.find(node.code);
                a == assigned.end() || a->second.empty() ? w.Null() : w.String(a->second);
                w.Key("self").Number(score != nullptr ? score->self : std::nullopt);
                w.Key("explanation").String(score != nullptr ? score->explanation : "");
                w.Key("appraised").Number(score != nullptr ? score->appraised : std::nullopt);
                w.Key("reason").String(score != nullptr ? score->reason : "");
                w.Key("cause").String(score != nullptr ? score->cause : "");
                w.Key("responsible")
                    .String(score != nullptr && !score->responsible.empty() ? score->responsible : node.responsible);
                w.Key("evidence").BeginArray();
                for (const Evidence& e : *evidence) {
                    if (e.node_code != node.code) continue;
                    w.BeginObject();
                    w.Key("sha256").String(e.sha256);
                    w.Key("file_name").String(e.file_name);
                    w.Key("content_type").String(e.content_type);
                    w.Key("size").Int(e.size);
                    w.Key("uploaded_at").String(IsoTime(e.uploaded_at));
                    w.EndObject();
                }
                w.EndArray();
                w.Key("explanations").BeginArray();
                for (const Explanation& e : *explanations) {
                    if (e.node_code != node.code) continue;
                    w.BeginObject();
                    w.Key("text").String(e.text);
                    w.Key("by").String(UserName(e.by, names));
                    w.Key("at").String(IsoTime(e.at));
                    w.EndObject();
                }
                w.EndArray();
                w.EndObject();
            }
        }
        w.EndArray();
        w.Key("evidence_flags").BeginArray();
        for (const EvidenceFlag& flag : *flags) {
            w.BeginObject();
            w.Key("code").String(flag.node_code);
            w.Key("title").String(flag.title);
            w.Key("self").Number(flag.self);
            w.Key("explained").Bool(flag.explained);
            w.EndObject();
        }
        w.EndArray();
        w.Key("departments").BeginArray();
        if (unit->has_value()) {
            for (const Department& d : (*unit)->departments) {
                w.BeginObject().Key("code").String(d.code).Key("name").String(d.name).EndObject();
            }
        }
        w.EndArray();
        WriteCan(w, who, target, assessment.status, *state, *assignments);
        w.EndObject();
        return w.Take() + "\n";
    }

    void WriteCan(JsonWriter& w, const Principal& who, const Target& target, AssessmentStatus status,
                  const WorkflowState& state, const std::vector<Assignment>& assignments) {
        auto may = [&](Action action) { return static_cast<bool>(Authorize(who, action, target)); };
        const bool draft = status == AssessmentStatus::kDraft;
        const bool submitted = status == AssessmentStatus::kSubmitted;
        const bool appraised = status == AssessmentStatus::kAppraised;
        // An officer may self-score when some criterion is assigned to its department.
        bool self_score = may(Action::kSelfScore);
        if (!self_score && !who.department_code.empty()) {
            for (const Assignment& a : assignments) {
                Target criterion = target;
                criterion.criterion_department = a.department_code;
                if (a.department_code == who.department_code && Authorize(who, Action::kSelfScore, criterion)) {
                    self_score = true;
                }
            }
        }
        const bool within_deadline =
            !state.explanation_deadline || services_.clock.Now() <= *state.explanation_deadline;
        bool publish = false;
        if (status == AssessmentStatus::kFinal) {
            for (const std::string& group : target.unit_groups) {
                Target group_target;
                group_target.group_code = group;
                group_target.unit_groups = {group};
                publish = publish || static_cast<bool>(Authorize(who, Action::kPublish, group_target));
            }
        }
        w.Key("can").BeginObject();
        w.Key("self_score").Bool(draft && self_score);
        w.Key("assign").Bool(draft && may(Action::kAssignCriteria));
        // Once approved, the approval stands until a self score changes (which clears it).
        w.Key("approve").Bool(draft && !state.approved_at && may(Action::kApprove));
        w.Key("submit").Bool(draft && may(Action::kSubmit));
        w.Key("withdraw").Bool(submitted && !state.appraisal_started_at && may(Action::kWithdraw));
        w.Key("appraise").Bool((submitted || appraised) && may(Action::kAppraise));
        w.Key("complete").Bool(submitted && may(Action::kAppraise));
        w.Key("explain").Bool(appraised && within_deadline && may(Action::kExplain));
        w.Key("finalise").Bool(appraised && may(Action::kFinalise));
        w.Key("publish").Bool(publish);
        w.EndObject();
    }

    WorkflowServices services_;
    AssessmentWorkflow flow_;
};

}  // namespace

void RegisterWorkflowApi(Router& router, const WorkflowServices& services) {
    auto api = std::make_shared<WorkflowApi>(services);
    auto route = [&router, api](const char* method, const std::string& pattern,
                                Response (WorkflowApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern, api->WithSession([api, handler](Request& request, const Principal& who) {
            return ((*api).*handler)(request, who);
        }));
    };
    const std::string assessment = "/api/units/{code}/assessments/{year}";
    const std::string node = assessment + "/nodes/{node}";
    route("GET", assessment, &WorkflowApi::Get);
    route("POST", assessment, &WorkflowApi::Open);
    route("PUT", node + "/self", &WorkflowApi::SelfScore);
    route("PUT", node + "/assignment", &WorkflowApi::Assign);
    route("POST", node + "/evidence", &WorkflowApi::Upload);
    route("PUT", node + "/appraisal", &WorkflowApi::Appraise);
    route("POST", node + "/explanations", &WorkflowApi::Explain);
    route("POST", assessment + "/approve", &WorkflowApi::Approve);
    route("POST", assessment + "/submit", &WorkflowApi::Submit);
    route("POST", assessment + "/withdraw", &WorkflowApi::Withdraw);
    route("POST", assessment + "/complete-appraisal", &WorkflowApi::Complete);
    route("POST", assessment + "/finalise", &WorkflowApi::Finalise);
    route("POST", "/api/groups/{code}/publish", &WorkflowApi::Publish);
    route("GET", "/api/units/{code}/audit", &WorkflowApi::Audit);
    route("GET", "/api/evidence/{sha256}", &WorkflowApi::Download);
}

Response EvidenceStored(const StoredEvidenceFile& stored, const std::string& file_name) {
    JsonWriter w;
    w.BeginObject();
    w.Key("sha256").String(stored.sha256);
    if (!file_name.empty()) w.Key("file_name").String(file_name);
    w.Key("content_type").String(stored.content_type);
    w.Key("size").Int(stored.size);
    w.EndObject();
    return Json(w.Take() + "\n", 201);
}

}  // namespace parindex::http
