#include "http/plan_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <ctime>
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
#include "formats/json_writer.hpp"
#include "formats/unicode.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"

namespace parindex::http {
namespace {

namespace json = boost::json;

using TimePoint = std::chrono::system_clock::time_point;

constexpr int kMaxProgress = 100;

std::string Shown(const json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

/// Reads the members of a JSON object body, collecting every problem with its JSON path. A missing member
/// leaves the current value as it is.
class BodyReader {
  public:
    explicit BodyReader(const json::object& object) : object_(object) {}

    /// A string member (NFC, trimmed); null is "".
    void Text(const char* name, std::string& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        if (value->is_null()) {
            out.clear();
            return;
        }
        if (!value->is_string()) {
            Fail(name, Shown(*value), {"cần một chuỗi", "a string is expected"});
            return;
        }
        out = Trim(NormalizeNfc(std::string_view(value->as_string().data(), value->as_string().size())));
    }

    /// An array of strings (each NFC, trimmed; empty ones dropped); null is [].
    void Texts(const char* name, std::vector<std::string>& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        if (value->is_null()) {
            out.clear();
            return;
        }
        if (!value->is_array()) {
            Fail(name, Shown(*value), {"cần một mảng chuỗi", "an array of strings is expected"});
            return;
        }
        std::vector<std::string> texts;
        std::size_t index = 0;
        for (const json::value& item : value->as_array()) {
            if (!item.is_string()) {
                Fail(std::string(name) + "[" + std::to_string(index) + "]", name, Shown(item),
                     {"cần một chuỗi", "a string is expected"});
            } else {
                std::string text =
                    Trim(NormalizeNfc(std::string_view(item.as_string().data(), item.as_string().size())));
                if (!text.empty()) texts.push_back(std::move(text));
            }
            ++index;
        }
        out = std::move(texts);
    }

    /// A date `YYYY-MM-DD` (or dd/mm/yyyy); null or "" is none.
    void Date(const char* name, std::optional<CivilDate>& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        if (value->is_null() || (value->is_string() && Trim(value->as_string()).empty())) {
            out.reset();
            return;
        }
        std::optional<CivilDate> date;
        if (value->is_string()) date = ParseCivilDate(Trim(value->as_string()));
        if (!date) {
            Fail(name, Shown(*value),
                 {"cần một ngày có thật dạng YYYY-MM-DD (hoặc dd/mm/yyyy)",
                  "a real day as YYYY-MM-DD (or dd/mm/yyyy) is expected"});
            return;
        }
        out = date;
    }

    /// A whole number in [min, max].
    template <typename T>
    void Integer(const char* name, T& out, long long min, long long max) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        std::optional<long long> number;
        if (value->is_int64()) number = value->as_int64();
        if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(max)) {
            number = static_cast<long long>(value->as_uint64());
        }
        if (value->is_double()) {
            const double d = value->as_double();
            if (d == static_cast<double>(static_cast<long long>(d))) number = static_cast<long long>(d);
        }
        if (!number || *number < min || *number > max) {
            Fail(name, Shown(*value),
                 {"cần một số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max),
                  "a whole number from " + std::to_string(min) + " to " + std::to_string(max) + " is expected"});
            return;
        }
        out = static_cast<T>(*number);
    }

    /// A boolean.
    void Bool(const char* name, bool& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr || value->is_null()) return;
        if (!value->is_bool()) {
            Fail(name, Shown(*value), {"cần true hoặc false", "true or false is expected"});
            return;
        }
        out = value->as_bool();
    }

    /// A name of an enumeration read by `parse` (e.g. ParseRecurrence); `allowed` lists the names for the error.
    template <typename E, typename Parse>
    void Enum(const char* name, E& out, Parse parse, const std::string& allowed) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        std::optional<E> parsed;
        if (value->is_string()) parsed = parse(std::string_view(value->as_string().data(), value->as_string().size()));
        if (!parsed) {
            Fail(name, Shown(*value), {"cần một trong " + allowed, "one of " + allowed + " is expected"});
            return;
        }
        out = *parsed;
    }

    bool Has(const char* name) const { return object_.if_contains(name) != nullptr; }
    const json::value* Member(const char* name) const { return object_.if_contains(name); }

    void Fail(const std::string& field, const std::string& value, const parindex::Text& why) {
        Fail(field, field, value, why);
    }
    void Fail(const std::string& path, const std::string& field, const std::string& value, const parindex::Text& why) {
        errors_.push_back(FieldDetail("$." + path, field, value, why));
    }

    bool Ok() const { return errors_.empty(); }
    Error TakeError() { return Invalid(std::move(errors_)); }

  private:
    const json::object& object_;
    std::vector<ErrorDetail> errors_;
};

/// The service names the fields of the domain; the API names them as the body does, with their JSON path.
Error NameBodyFields(Error error) {
    static const std::map<std::string, std::string> names = {
        {"lead_department", "lead_department"},
        {"department_code", "lead_department"},
        {"lead_user", "lead_user"},
        {"criteria", "criteria"},
        {"deadline", "deadline"},
        {"recurrence", "recurrence"},
        {"title", "title"},
        {"progress", "progress"},
        {"status", "status"},
        {"number", "number"},
        {"date", "date"},
        {"revision", "revision"},
        {"evidence", "evidence"},
        {"note", "note"},
        {"position", "position"},
        {"signer", "signer"},
    };
    if (error.code != ErrorCode::kInvalidInput) return error;
    for (ErrorDetail& detail : error.details) {
        if (!detail.path.empty()) continue;
        auto it = names.find(detail.field);
        if (it == names.end()) continue;
        detail.field = it->second;
        detail.path = "$." + it->second;
    }
    return error;
}

// --- Writing JSON ------------------------------------------------------------------------------------------------

void WriteDate(JsonWriter& w, const std::optional<CivilDate>& date) {
    if (date) {
        w.String(date->Iso());
    } else {
        w.Null();
    }
}

void WriteTexts(JsonWriter& w, const std::vector<std::string>& texts) {
    w.BeginArray();
    for (const std::string& text : texts) w.String(text);
    w.EndArray();
}

void WritePlan(JsonWriter& w, const Plan& plan) {
    w.BeginObject();
    w.Key("unit").String(plan.unit_code);
    w.Key("year").Int(static_cast<std::int64_t>(plan.year));
    w.Key("results_year").Int(static_cast<std::int64_t>(plan.results_year));
    w.Key("authority").String(plan.authority);
    w.Key("issuer").String(plan.issuer);
    w.Key("number").String(plan.number);
    w.Key("number_suffix").String(plan.number_suffix);
    w.Key("place").String(plan.place);
    w.Key("date");
    WriteDate(w, plan.date);
    w.Key("title").String(plan.title);
    w.Key("basis");
    WriteTexts(w, plan.basis);
    w.Key("purposes");
    WriteTexts(w, plan.purposes);
    w.Key("requirements");
    WriteTexts(w, plan.requirements);
    w.Key("causes");
    WriteTexts(w, plan.causes);
    w.Key("progress");
    WriteTexts(w, plan.progress);
    w.Key("solutions");
    WriteTexts(w, plan.solutions);
    w.Key("responsibilities").BeginArray();
    for (const DepartmentDuty& duty : plan.responsibilities) {
        w.BeginObject();
        w.Key("department").String(duty.department_code);
        w.Key("heading").String(duty.heading);
        w.Key("duties");
        WriteTexts(w, duty.duties);
        w.EndObject();
    }
    w.EndArray();
    w.Key("closing").String(plan.closing);
    w.Key("recipients");
    WriteTexts(w, plan.recipients);
    w.Key("signer").BeginObject();
    w.Key("mode").String(SignerModeName(plan.signer.mode));
    w.Key("collective").String(plan.signer.collective);
    w.Key("title").String(plan.signer.title);
    w.Key("deputy_title").String(plan.signer.deputy_title);
    w.Key("name").String(plan.signer.name);
    w.EndObject();
    w.Key("status").String(PlanStatusName(plan.status));
    w.Key("issued_at");
    if (plan.issued_at) {
        w.String(IsoTime(*plan.issued_at));
    } else {
        w.Null();
    }
    w.Key("revision").Int(plan.revision);
    w.EndObject();
}

void WriteUpdate(JsonWriter& w, const TaskUpdate& update) {
    w.BeginObject();
    w.Key("id").Int(update.id);
    w.Key("task_id").Int(update.task_id);
    w.Key("at").String(IsoTime(update.at));
    w.Key("username").String(update.username);
    w.Key("status").String(TaskStatusName(update.status));
    w.Key("progress").Int(static_cast<std::int64_t>(update.progress));
    w.Key("note").String(update.note);
    w.Key("evidence");
    WriteTexts(w, update.evidence);
    w.EndObject();
}

void WriteTaskView(JsonWriter& w, const TaskView& view) {
    const PlanTask& task = view.task;
    w.BeginObject();
    w.Key("id").Int(task.id);
    w.Key("unit").String(task.unit_code);
    w.Key("year").Int(static_cast<std::int64_t>(task.year));
    w.Key("position").Int(static_cast<std::int64_t>(task.position));
    w.Key("title").String(task.title);
    w.Key("criteria");
    WriteTexts(w, task.criteria);
    w.Key("lead_department").String(task.lead_department);
    w.Key("lead_user").String(task.lead_user);
    w.Key("cooperating");
    WriteTexts(w, task.cooperating);
    w.Key("recurrence").String(RecurrenceName(task.recurrence));
    w.Key("deadline");
    WriteDate(w, task.deadline);
    w.Key("expected_output").String(task.expected_output);
    w.Key("cause").String(task.cause);
    w.Key("solution").String(task.solution);
    w.Key("status").String(TaskStatusName(task.status));
    w.Key("progress").Int(static_cast<std::int64_t>(task.progress));
    w.Key("due_state").String(DueStateName(view.due.state));
    w.Key("due");
    WriteDate(w, view.due.due);
    w.Key("days_left").Int(view.due.days_left);
    w.Key("last_update");
    if (view.last_update) {
        WriteUpdate(w, *view.last_update);
    } else {
        w.Null();
    }
    w.EndObject();
}

void WriteTaskViews(JsonWriter& w, const std::vector<TaskView>& views) {
    w.BeginArray();
    for (const TaskView& view : views) WriteTaskView(w, view);
    w.EndArray();
}

void WriteProgressRow(JsonWriter& w, const ProgressRow& row) {
    w.BeginObject();
    w.Key("key").String(row.key);
    w.Key("name").String(row.name);
    w.Key("tasks").Int(static_cast<std::int64_t>(row.tasks));
    w.Key("done").Int(static_cast<std::int64_t>(row.done));
    w.Key("overdue").Int(static_cast<std::int64_t>(row.overdue));
    w.Key("mean_progress").Int(static_cast<std::int64_t>(row.mean_progress));
    w.EndObject();
}

void WriteProgress(JsonWriter& w, const PlanProgress& progress) {
    w.BeginObject();
    w.Key("tasks").Int(static_cast<std::int64_t>(progress.tasks));
    w.Key("done").Int(static_cast<std::int64_t>(progress.done));
    w.Key("overdue").Int(static_cast<std::int64_t>(progress.overdue));
    w.Key("mean_progress").Int(static_cast<std::int64_t>(progress.mean_progress));
    w.Key("by_department").BeginArray();
    for (const ProgressRow& row : progress.by_department) WriteProgressRow(w, row);
    w.EndArray();
    w.Key("by_criterion").BeginArray();
    for (const ProgressRow& row : progress.by_criterion) WriteProgressRow(w, row);
    w.EndArray();
    w.EndObject();
}

void WriteNotification(JsonWriter& w, const Notification& n) {
    w.BeginObject();
    w.Key("id").Int(n.id);
    w.Key("created_at").String(IsoTime(n.created_at));
    w.Key("kind").String(ReminderKindName(n.kind));
    w.Key("unit").String(n.unit_code);
    w.Key("year").Int(static_cast<std::int64_t>(n.year));
    w.Key("task_id").Int(n.task_id);
    w.Key("due").String(n.due.Iso());
    w.Key("message").String(n.text.vi);
    w.Key("message_en").String(n.text.en);
    w.Key("read").Bool(n.read_at.has_value());
    w.EndObject();
}

// --- Reading bodies ----------------------------------------------------------------------------------------------

/// Reads the members of a Plan body over `plan` (the stored one); "revision" is required.
Status ReadPlan(const json::object& object, Plan& plan) {
    BodyReader r(object);
    if (!r.Has("revision")) {
        r.Fail("revision", "",
               {"thiếu trường bắt buộc (số phiên bản đã đọc)", "required field missing (the revision read)"});
    }
    r.Integer("revision", plan.revision, 0, INT64_MAX);
    r.Integer("results_year", plan.results_year, kMinYear, kMaxYear);
    r.Text("authority", plan.authority);
    r.Text("issuer", plan.issuer);
    r.Text("number", plan.number);
    r.Text("number_suffix", plan.number_suffix);
    r.Text("place", plan.place);
    r.Date("date", plan.date);
    r.Text("title", plan.title);
    r.Texts("basis", plan.basis);
    r.Texts("purposes", plan.purposes);
    r.Texts("requirements", plan.requirements);
    r.Texts("causes", plan.causes);
    r.Texts("progress", plan.progress);
    r.Texts("solutions", plan.solutions);
    r.Text("closing", plan.closing);
    r.Texts("recipients", plan.recipients);
    if (const json::value* duties = r.Member("responsibilities"); duties != nullptr) {
        if (duties->is_null()) {
            plan.responsibilities.clear();
        } else if (!duties->is_array()) {
            r.Fail("responsibilities", Shown(*duties), {"cần một mảng", "an array is expected"});
        } else {
            std::vector<DepartmentDuty> read;
            std::size_t index = 0;
            for (const json::value& item : duties->as_array()) {
                const std::string path = "responsibilities[" + std::to_string(index++) + "]";
                if (!item.is_object()) {
                    r.Fail(path, "responsibilities", Shown(item), {"cần một đối tượng", "an object is expected"});
                    continue;
                }
                BodyReader inner(item.as_object());
                DepartmentDuty duty;
                inner.Text("department", duty.department_code);
                inner.Text("heading", duty.heading);
                inner.Texts("duties", duty.duties);
                if (!inner.Ok()) {
                    Error error = inner.TakeError();
                    for (ErrorDetail& detail : error.details) {
                        r.Fail(path + detail.path.substr(1), detail.field, detail.value, detail.reason);
                    }
                    continue;
                }
                read.push_back(std::move(duty));
            }
            plan.responsibilities = std::move(read);
        }
    }
    if (const json::value* signer = r.Member("signer"); signer != nullptr && !signer->is_null()) {
        if (!signer->is_object()) {
            r.Fail("signer", Shown(*signer), {"cần một đối tượng", "an object is expected"});
        } else {
            BodyReader inner(signer->as_object());
            inner.Enum("mode", plan.signer.mode, ParseSignerMode, "on_behalf, deputy, personal");
            inner.Text("collective", plan.signer.collective);
            inner.Text("title", plan.signer.title);
            inner.Text("deputy_title", plan.signer.deputy_title);
            inner.Text("name", plan.signer.name);
            if (!inner.Ok()) {
                Error error = inner.TakeError();
                for (ErrorDetail& detail : error.details) {
                    r.Fail("signer" + detail.path.substr(1), "signer." + detail.field, detail.value, detail.reason);
                }
            }
        }
    }
    if (!r.Ok()) return r.TakeError();
    return OkStatus();
}

/// Reads the members of a Task body over `task`.
Status ReadTask(const json::object& object, PlanTask& task) {
    BodyReader r(object);
    r.Integer("position", task.position, 0, 100000);
    r.Text("title", task.title);
    r.Texts("criteria", task.criteria);
    r.Text("lead_department", task.lead_department);
    r.Text("lead_user", task.lead_user);
    r.Texts("cooperating", task.cooperating);
    r.Enum("recurrence", task.recurrence, ParseRecurrence, "once, monthly, quarterly, ongoing");
    r.Date("deadline", task.deadline);
    r.Text("expected_output", task.expected_output);
    r.Text("cause", task.cause);
    r.Text("solution", task.solution);
    r.Enum("status", task.status, ParseTaskStatus, "not_started, in_progress, done, cancelled");
    r.Integer("progress", task.progress, 0, kMaxProgress);
    if (!r.Ok()) return r.TakeError();
    return OkStatus();
}

bool IsSha256(const std::string& text) {
    if (text.size() != 64) return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Error NoTask(std::int64_t id) {
    return MakeError(ErrorCode::kNotFound, "Không có nhiệm vụ số " + std::to_string(id) + ".",
                     "No task number " + std::to_string(id) + ".");
}

class PlanApi {
  public:
    explicit PlanApi(const PlanApiServices& services) : services_(services) {}

    using Protected = std::function<Response(Request&, const Principal&)>;

    /// A handler behind the API's one session check (401; 403 without X-CSRF-Token on state-changing methods).
    Handler WithSession(Protected handler) {
        return services_.sessions.WithSession([handler = std::move(handler)](Request& request, const Caller& caller) {
            return handler(request, caller.principal);
        });
    }

    // --- Plans ---------------------------------------------------------------------------------------------------

    Response Draft(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto body = ParseObjectBody(request, true);
        if (!body) return ErrorResponse(request, body.GetError());
        bool replace = false;
        BodyReader r(*body);
        r.Bool("replace", replace);
        if (!r.Ok()) return ErrorResponse(request, r.TakeError());
        auto drafted = services_.plans.Draft(&who, key->first, key->second, replace);
        if (!drafted) return ErrorResponse(request, drafted.GetError());
        return ViewResponse(request, who, *key, 201);
    }

    Response Get(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        return ViewResponse(request, who, *key, 200);
    }

    Response Save(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        // The body changes the stored plan's fields; the service decides (edit_plan first, then 404 or 409).
        auto stored = services_.plan_store.FindPlan(key->first, key->second);
        if (!stored) return ErrorResponse(request, stored.GetError());
        Plan plan;
        if (stored->has_value()) {
            plan = std::move(**stored);
        } else {
            plan.unit_code = key->first;
            plan.year = key->second;
        }
        auto body = ParseObjectBody(request);
        if (!body) return ErrorResponse(request, body.GetError());
        if (Status read = ReadPlan(*body, plan); !read) return ErrorResponse(request, read.GetError());
        auto saved = services_.plans.Save(&who, std::move(plan));
        if (!saved) return ErrorResponse(request, NameBodyFields(saved.TakeError()));
        return ViewResponse(request, who, *key, 200);
    }

    Response Issue(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto issued = services_.plans.Issue(&who, key->first, key->second);
        if (!issued) return ErrorResponse(request, NameBodyFields(issued.TakeError()));
        return ViewResponse(request, who, *key, 200);
    }

    // --- Tasks ---------------------------------------------------------------------------------------------------

    Response CreateTask(Request& request, const Principal& who) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        auto body = ParseObjectBody(request);
        if (!body) return ErrorResponse(request, body.GetError());
        PlanTask task;
        task.unit_code = key->first;
        task.year = key->second;
        if (Status read = ReadTask(*body, task); !read) return ErrorResponse(request, read.GetError());
        if (task.position <= 0) {
            // Appended after the plan's last task.
            auto tasks = services_.plan_store.ListTasks(key->first, key->second);
            if (!tasks) return ErrorResponse(request, tasks.GetError());
            int last = 0;
            for (const PlanTask& t : *tasks) last = std::max(last, t.position);
            task.position = last + 1;
        }
        auto saved = services_.plans.SaveTask(&who, std::move(task));
        if (!saved) return ErrorResponse(request, NameBodyFields(saved.TakeError()));
        return TaskResponse(request, who, saved->id, 201);
    }

    Response PutTask(Request& request, const Principal& who) {
        auto id = TaskId(request);
        if (!id) return ErrorResponse(request, id.GetError());
        auto found = services_.plan_store.FindTask(*id);
        if (!found) return ErrorResponse(request, found.GetError());
        if (!found->has_value()) return ErrorResponse(request, NoTask(*id));
        auto body = ParseObjectBody(request);
        if (!body) return ErrorResponse(request, body.GetError());
        PlanTask task = **found;
        if (Status read = ReadTask(*body, task); !read) return ErrorResponse(request, read.GetError());
        task.id = *id;
        auto saved = services_.plans.SaveTask(&who, std::move(task));
        if (!saved) return ErrorResponse(request, NameBodyFields(saved.TakeError()));
        return TaskResponse(request, who, saved->id, 200);
    }

    Response DeleteTask(Request& request, const Principal& who) {
        auto id = TaskId(request);
        if (!id) return ErrorResponse(request, id.GetError());
        if (Status removed = services_.plans.DeleteTask(&who, *id); !removed) {
            return ErrorResponse(request, removed.GetError());
        }
        return NoContent();
    }

    Response AddUpdate(Request& request, const Principal& who) {
        auto id = TaskId(request);
        if (!id) return ErrorResponse(request, id.GetError());
        auto found = services_.plan_store.FindTask(*id);
        if (!found) return ErrorResponse(request, found.GetError());
        if (!found->has_value()) return ErrorResponse(request, NoTask(*id));
        auto body = ParseObjectBody(request);
        if (!body) return ErrorResponse(request, body.GetError());
        BodyReader r(*body);
        TaskStatus status = (*found)->status == TaskStatus::kNotStarted ? TaskStatus::kInProgress : (*found)->status;
        int progress = (*found)->progress;
        std::string note;
        std::vector<std::string> evidence;
        r.Enum("status", status, ParseTaskStatus, "not_started, in_progress, done, cancelled");
        r.Integer("progress", progress, 0, kMaxProgress);
        r.Text("note", note);
        r.Texts("evidence", evidence);
        for (std::size_t i = 0; i < evidence.size(); ++i) {
            if (!IsSha256(evidence[i])) {
                r.Fail("evidence[" + std::to_string(i) + "]", "evidence", evidence[i],
                       {"cần mã SHA-256 của một tệp đã tải lên", "the SHA-256 of an uploaded file is expected"});
            }
        }
        if (!r.Ok()) return ErrorResponse(request, r.TakeError());
        auto update = services_.plans.UpdateTask(&who, *id, status, progress, note, evidence);
        if (!update) return ErrorResponse(request, NameBodyFields(update.TakeError()));
        auto view = services_.plans.ViewTask(&who, *id);
        if (!view) return ErrorResponse(request, view.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("task");
        WriteTaskView(w, *view);
        w.Key("update");
        WriteUpdate(w, *update);
        w.EndObject();
        return Json(w.Take() + "\n", 201);
    }

    Response ListUpdates(Request& request, const Principal& who) {
        auto id = TaskId(request);
        if (!id) return ErrorResponse(request, id.GetError());
        auto updates = services_.plans.Updates(&who, *id);
        if (!updates) return ErrorResponse(request, updates.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("updates").BeginArray();
        for (const TaskUpdate& update : *updates) WriteUpdate(w, update);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response UploadEvidence(Request& request, const Principal& who) {
        auto id = TaskId(request);
        if (!id) return ErrorResponse(request, id.GetError());
        auto name = QueryFileName(request);
        if (!name) return ErrorResponse(request, name.GetError());
        auto found = services_.plan_store.FindTask(*id);
        if (!found) return ErrorResponse(request, found.GetError());
        if (!found->has_value()) return ErrorResponse(request, NoTask(*id));
        // The domain decides before the bytes are stored: a refused caller leaves nothing in the vault.
        if (Status allowed = Authorize(who, Action::kUpdateTask, TaskTarget(**found)); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto stored = services_.files.put(request.body, *name);
        if (!stored) return ErrorResponse(request, stored.GetError());
        return EvidenceStored(*stored);
    }

    // --- Lists ---------------------------------------------------------------------------------------------------

    Response MyTasks(Request& request, const Principal& who) {
        auto year = YearOrThisYear(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto tasks = services_.plans.MyTasks(who, *year);
        if (!tasks) return ErrorResponse(request, tasks.GetError());
        return TasksResponse(*tasks);
    }

    Response Overdue(Request& request, const Principal& who) {
        auto year = YearOrThisYear(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto tasks = services_.plans.Overdue(&who, *year);
        if (!tasks) return ErrorResponse(request, tasks.GetError());
        return TasksResponse(*tasks);
    }

    Response Notifications(Request& request, const Principal& who) {
        const std::string unread = Query(request, "unread");
        if (!unread.empty() && unread != "true" && unread != "false") {
            return ErrorResponse(request,
                                 BadField("query.unread", "unread", unread, {"cần true hoặc false", "true or false"}));
        }
        auto list = services_.plans.Notifications(who, unread == "true");
        if (!list) return ErrorResponse(request, list.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("notifications").BeginArray();
        for (const Notification& n : *list) WriteNotification(w, n);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response MarkRead(Request& request, const Principal& who) {
        const auto id = ParseInteger(request.params["id"]);
        if (!id || *id <= 0) {
            return ErrorResponse(request, BadField("path.id", "id", request.params["id"],
                                                   {"cần số của một thông báo", "a notification number is expected"}));
        }
        if (Status marked = services_.plans.MarkRead(who, *id); !marked) {
            return ErrorResponse(request, marked.GetError());
        }
        return NoContent();
    }

    /// The enabled users of the unit {code}, for choosing a task's officer: to those who may edit its plan.
    Response UnitPeople(Request& request, const Principal& who) {
        const std::string& unit = request.params["code"];
        Target target;
        target.unit_code = unit;
        if (Status allowed = Authorize(who, Action::kEditPlan, target); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto found = services_.store.FindUnit(unit);
        if (!found) return ErrorResponse(request, found.GetError());
        if (!found->has_value()) {
            return ErrorResponse(request,
                                 MakeError(ErrorCode::kNotFound, "Không có đơn vị " + unit, "No unit " + unit));
        }
        auto users = services_.users.ListUsers();
        if (!users) return ErrorResponse(request, users.GetError());
        std::vector<const User*> people;
        for (const User& user : *users) {
            if (!user.disabled && user.unit_code == unit) people.push_back(&user);
        }
        std::stable_sort(people.begin(), people.end(), [](const User* x, const User* y) {
            const int order = CompareVietnamese(x->display_name, y->display_name);
            return order != 0 ? order < 0 : x->username < y->username;
        });
        JsonWriter w;
        w.BeginObject();
        w.Key("people").BeginArray();
        for (const User* user : people) {
            w.BeginObject();
            w.Key("username").String(user->username);
            w.Key("display_name").String(user->display_name);
            w.Key("role").String(RoleName(user->role));
            w.Key("department").String(user->department_code);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    // --- Documents -----------------------------------------------------------------------------------------------

    Response PlanDocx(Request& request, const Principal& who) { return Document(request, who, PlanFileKind::kPlan); }
    Response AnnexXlsx(Request& request, const Principal& who) { return Document(request, who, PlanFileKind::kAnnex); }
    Response ProgressDocx(Request& request, const Principal& who) {
        return Document(request, who, PlanFileKind::kProgress);
    }

    // --- Administration ------------------------------------------------------------------------------------------

    Response RunReminders(Request& request, const Principal&) {
        std::vector<int> years;
        const std::string text = Query(request, "year");
        if (text.empty()) {
            const int today = VietnamDate(services_.clock.Now()).year;
            years = {today - 1, today};
        } else {
            auto year = ParseYear(text, "query.year", "year");
            if (!year) return ErrorResponse(request, year.GetError());
            years = {*year};
        }
        ReminderRun total;
        for (int year : years) {
            auto run = services_.plans.RunReminders(year);
            if (!run) return ErrorResponse(request, run.GetError());
            total.notifications += run->notifications;
            total.emails += run->emails;
        }
        JsonWriter w;
        w.BeginObject();
        w.Key("notifications").Int(static_cast<std::int64_t>(total.notifications));
        w.Key("emails").Int(static_cast<std::int64_t>(total.emails));
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Outbox(Request& request, const Principal&) {
        auto emails = services_.plan_store.ListOutbox(false);
        if (!emails) return ErrorResponse(request, emails.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("emails").BeginArray();
        for (const OutboxEmail& email : *emails) {
            w.BeginObject();
            w.Key("id").Int(email.id);
            w.Key("to_username").String(email.to_username);
            w.Key("to_address").String(email.to_address);
            w.Key("subject").String(email.subject);
            w.Key("created_at").String(IsoTime(email.created_at));
            w.Key("sent_at");
            if (email.sent_at) {
                w.String(IsoTime(*email.sent_at));
            } else {
                w.Null();
            }
            w.Key("attempts").Int(static_cast<std::int64_t>(email.attempts));
            w.Key("last_error").String(email.last_error);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    /// GET /api/evidence/{sha256}?task=ID.
    Response TaskEvidence(Request& request, const Principal& who) {
        const std::string& sha256 = request.params["sha256"];
        const Error missing =
            MakeError(ErrorCode::kNotFound, "Không có tài liệu kiểm chứng này.", "No such evidence file.");
        const auto id = ParseInteger(Query(request, "task"));
        if (!id) return ErrorResponse(request, missing);
        // Whoever may not read the plan learns nothing, not even that the file exists.
        auto updates = services_.plans.Updates(&who, *id);
        if (!updates) return ErrorResponse(request, missing);
        bool listed = false;
        for (const TaskUpdate& update : *updates) {
            listed =
                listed || std::find(update.evidence.begin(), update.evidence.end(), sha256) != update.evidence.end();
        }
        if (!listed) return ErrorResponse(request, missing);
        auto path = services_.files.path_of(sha256);
        if (!path) return ErrorResponse(request, missing);
        std::ifstream in(*path, std::ios::binary);
        if (!in) return ErrorResponse(request, missing);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string content_type = ContentTypeOf(bytes);
        return Attachment(std::move(bytes), content_type, sha256, "private, no-cache");
    }

  private:
    using Key = std::pair<std::string, int>;

    Result<Key> UnitYear(Request& request) {
        auto year = ParseYear(request.params["year"], "path.year", "year");
        if (!year) return year.TakeError();
        return Key{request.params["code"], *year};
    }

    Result<std::int64_t> TaskId(Request& request) {
        const auto id = ParseInteger(request.params["id"]);
        if (!id || *id <= 0) {
            return BadField("path.id", "id", request.params["id"],
                            {"cần số của một nhiệm vụ", "a task number is expected"});
        }
        return static_cast<std::int64_t>(*id);
    }

    /// ?year=YYYY, or this year in Việt Nam.
    Result<int> YearOrThisYear(const Request& request) {
        const std::string text = Query(request, "year");
        if (text.empty()) return VietnamDate(services_.clock.Now()).year;
        return ParseYear(text, "query.year", "year");
    }

    static std::string ContentTypeOf(const std::string& bytes) {
        if (bytes.rfind("%PDF", 0) == 0) return "application/pdf";
        if (bytes.rfind("\x89PNG", 0) == 0) return "image/png";
        if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) return "image/jpeg";
        return "application/octet-stream";
    }

    Response TasksResponse(const std::vector<TaskView>& tasks) {
        JsonWriter w;
        w.BeginObject();
        w.Key("tasks");
        WriteTaskViews(w, tasks);
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    /// What update_task is decided on: the task's unit, lead department and lead officer.
    static Target TaskTarget(const PlanTask& task) {
        Target target;
        target.unit_code = task.unit_code;
        target.criterion_department = task.lead_department;
        target.lead_user = task.lead_user;
        return target;
    }

    Response TaskResponse(Request& request, const Principal& who, std::int64_t id, int status) {
        auto view = services_.plans.ViewTask(&who, id);
        if (!view) return ErrorResponse(request, view.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("task");
        WriteTaskView(w, *view);
        w.EndObject();
        return Json(w.Take() + "\n", status);
    }

    /// The PlanView body: the plan, its tasks today, the progress and what the caller may do.
    Response ViewResponse(Request& request, const Principal& who, const Key& key, int status) {
        auto view = services_.plans.View(&who, key.first, key.second);
        if (!view) return ErrorResponse(request, view.GetError());
        auto progress = services_.plans.Progress(&who, key.first, key.second);
        if (!progress) return ErrorResponse(request, progress.GetError());
        const bool draft = view->plan.status == PlanStatus::kDraft;
        Target unit;
        unit.unit_code = key.first;
        PlanCan can;
        can.edit = draft && static_cast<bool>(Authorize(who, Action::kEditPlan, unit));
        can.issue = draft && static_cast<bool>(Authorize(who, Action::kIssuePlan, unit));
        // Coordinators and leaders may update every task; an officer those of its department or its own.
        can.update_tasks = static_cast<bool>(Authorize(who, Action::kUpdateTask, unit));
        for (const TaskView& t : view->tasks) {
            can.update_tasks =
                can.update_tasks || static_cast<bool>(Authorize(who, Action::kUpdateTask, TaskTarget(t.task)));
        }
        return Json(PlanViewToJson(*view, *progress, can), status);
    }

    Response Document(Request& request, const Principal& who, PlanFileKind kind) {
        auto key = UnitYear(request);
        if (!key) return ErrorResponse(request, key.GetError());
        PlanFileRequest what;
        what.kind = kind;
        what.unit = key->first;
        what.year = key->second;
        what.date = VietnamDate(services_.clock.Now());
        if (kind == PlanFileKind::kProgress) {
            const std::string text = Query(request, "date");
            if (!text.empty()) {
                auto date = ParseCivilDate(text);
                if (!date) {
                    return ErrorResponse(request, BadField("query.date", "date", text,
                                                           {"cần một ngày có thật dạng YYYY-MM-DD hoặc dd/mm/yyyy",
                                                            "a real day as YYYY-MM-DD or dd/mm/yyyy is expected"}));
                }
                what.date = *date;
            }
        }
        auto file = services_.documents.make(who, what);
        if (!file) return ErrorResponse(request, file.GetError());
        return Attachment(std::move(file->bytes), file->content_type, file->file_name);
    }

    PlanApiServices services_;
};

}  // namespace

std::string PlanViewToJson(const PlanView& view, const PlanProgress& progress, const PlanCan& can) {
    JsonWriter w;
    w.BeginObject();
    w.Key("plan");
    WritePlan(w, view.plan);
    w.Key("tasks");
    WriteTaskViews(w, view.tasks);
    w.Key("progress");
    WriteProgress(w, progress);
    w.Key("can").BeginObject();
    w.Key("edit").Bool(can.edit);
    w.Key("issue").Bool(can.issue);
    w.Key("update_tasks").Bool(can.update_tasks);
    w.EndObject();
    w.EndObject();
    return w.Take() + "\n";
}

std::function<Response(Request&, const Principal&)> TaskEvidenceDownload(const PlanApiServices& services) {
    auto api = std::make_shared<PlanApi>(services);
    return [api](Request& request, const Principal& who) { return api->TaskEvidence(request, who); };
}

void RegisterPlanApi(Router& router, const PlanApiServices& services) {
    auto api = std::make_shared<PlanApi>(services);
    auto route = [&router, api](const char* method, const std::string& pattern,
                                Response (PlanApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern, api->WithSession([api, handler](Request& request, const Principal& who) {
            return ((*api).*handler)(request, who);
        }));
    };
    auto admin = [&router, &services, api](const char* method, const std::string& pattern,
                                           Response (PlanApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern,
                   services.sessions.ForAdministrators([api, handler](Request& request, const Principal& who) {
                       return ((*api).*handler)(request, who);
                   }));
    };
    const std::string plan = "/api/units/{code}/plans/{year}";
    route("POST", plan + "/draft", &PlanApi::Draft);
    route("GET", plan, &PlanApi::Get);
    route("PUT", plan, &PlanApi::Save);
    route("POST", plan + "/issue", &PlanApi::Issue);
    route("POST", plan + "/tasks", &PlanApi::CreateTask);
    route("GET", plan + "/plan.docx", &PlanApi::PlanDocx);
    route("GET", plan + "/annex.xlsx", &PlanApi::AnnexXlsx);
    route("GET", plan + "/progress.docx", &PlanApi::ProgressDocx);
    route("PUT", "/api/tasks/{id}", &PlanApi::PutTask);
    route("DELETE", "/api/tasks/{id}", &PlanApi::DeleteTask);
    route("POST", "/api/tasks/{id}/updates", &PlanApi::AddUpdate);
    route("GET", "/api/tasks/{id}/updates", &PlanApi::ListUpdates);
    route("POST", "/api/tasks/{id}/evidence", &PlanApi::UploadEvidence);
    route("GET", "/api/units/{code}/people", &PlanApi::UnitPeople);
    route("GET", "/api/me/tasks", &PlanApi::MyTasks);
    route("GET", "/api/plans/overdue", &PlanApi::Overdue);
    route("GET", "/api/me/notifications", &PlanApi::Notifications);
    route("POST", "/api/me/notifications/{id}/read", &PlanApi::MarkRead);
    admin("POST", "/api/admin/reminders/run", &PlanApi::RunReminders);
    admin("GET", "/api/admin/outbox", &PlanApi::Outbox);
}

}  // namespace parindex::http
