// The dossier definition sets over HTTP: list, one set with its history, save a new version, activate.
#include "http/definitions_api.hpp"

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "formats/definition_json.hpp"
#include "formats/json_writer.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"

namespace parindex::http {
namespace {

bool CanEdit(const Principal& who) { return static_cast<bool>(Authorize(who, Action::kEditRules, Target{})); }

std::string Flag(bool value) { return value ? "true" : "false"; }

/// The fields an audit entry of a save names, with their text.
std::vector<std::pair<const char*, std::string>> AuditFields(const DefinitionSet& set) {
    return {
        {"name", set.name.vi},
        {"name_en", set.name.en},
        {"day_level", Flag(set.day_level)},
        {"early_seconds", std::to_string(set.early_seconds)},
        {"early_days", std::to_string(set.early_days)},
        {"grace_seconds", std::to_string(set.grace_seconds)},
        {"denominator", DenominatorConventionName(set.denominator)},
        {"count_returned", Flag(set.count_returned)},
        {"count_withdrawn", Flag(set.count_withdrawn)},
        {"count_rejected", Flag(set.count_rejected)},
        {"due_soon_days", std::to_string(set.due_soon_days)},
        {"apology_min_lead_seconds", std::to_string(set.apology_min_lead_seconds)},
        {"max_apologies", std::to_string(set.max_apologies)},
        {"supplement_fault_threshold", std::to_string(set.supplement_fault_threshold)},
    };
}

void WriteVersionInfo(JsonWriter& w, const StoredDefinitionSet& stored) {
    w.BeginObject();
    w.Key("version").Int(static_cast<std::int64_t>(stored.set.version));
    w.Key("name").String(stored.set.name.vi);
    w.Key("saved_by").String(stored.saved_by);
    w.Key("saved_at");
    if (stored.saved_at.empty()) {
        w.Null();  // The built-in default.
    } else {
        w.String(stored.saved_at);
    }
    w.EndObject();
}

class DefinitionsApi {
  public:
    explicit DefinitionsApi(DefinitionsApiServices services) : services_(services) {}

    Response List(Request& request, const Principal& who) {
        auto sets = services_.definitions.ListDefinitionSets();
        if (!sets) return ErrorResponse(request, sets.GetError());
        JsonWriter w;
        w.BeginObject();
        std::string active = "default";
        for (const StoredDefinitionSet& stored : *sets) {
            if (stored.active) active = stored.set.code;
        }
        w.Key("active").String(active);
        w.Key("can_edit").Bool(CanEdit(who));
        w.Key("definition_sets").BeginArray();
        for (const StoredDefinitionSet& stored : *sets) {
            w.BeginObject();
            w.Key("definition");
            WriteDefinitionSetJson(w, stored.set);
            w.Key("active").Bool(stored.active);
            w.Key("saved_by").String(stored.saved_by);
            w.Key("saved_at");
            if (stored.saved_at.empty()) {
                w.Null();
            } else {
                w.String(stored.saved_at);
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take());
    }

    Response Get(Request& request, const Principal& who) {
        const std::string code = request.params["code"];
        std::optional<int> version;
        if (const std::string text = Query(request, "version"); !text.empty()) {
            const std::optional<long long> number = ParseInteger(text);
            if (!number || *number < 1 || *number > 1'000'000) {
                return ErrorResponse(request, BadField("query.version", "version", text,
                                                       {"cần một số phiên bản từ 1 trở lên",
                                                        "a version number of 1 or more is expected"}));
            }
            version = static_cast<int>(*number);
        }
        return One(request, who, code, version, 200);
    }

    Response Save(Request& request, const Principal& who) {
        if (Status allowed = Authorize(who, Action::kEditRules, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        const std::string code = request.params["code"];
        // The shared reader decides the content type and malformed JSON with its line and column.
        if (auto checked = ParseStringFields(request, {}); !checked) return ErrorResponse(request, checked.GetError());
        // The code is the path's: a body without one takes it; a different one is refused.
        auto read = ReadDefinitionSetJson(request.body, {}, code);
        if (!read) return ErrorResponse(request, read.GetError());
        if (read->code != code) {
            return ErrorResponse(request,
                                 Invalid({FieldDetail("$.code", "code", read->code,
                                                      {"mã trong nội dung khác mã trên đường dẫn (" + code + ")",
                                                       "the code differs from the path's (" + code + ")"})}));
        }
        std::optional<DefinitionSet> saved;
        Status done = services_.store.InTransaction([&]() -> Status {
            auto before = services_.definitions.FindDefinitionSet(code, std::nullopt);
            if (!before) return before.TakeError();
            auto written = services_.definitions.SaveDefinitionSet(*read, who.username);
            if (!written) return written.TakeError();
            saved = *written;
            return AuditSave(who, *before, *saved);
        });
        if (!done) return ErrorResponse(request, done.GetError());
        return One(request, who, code, saved->version, 200);
    }

    Response Activate(Request& request, const Principal& who) {
        if (Status allowed = Authorize(who, Action::kEditRules, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        const std::string code = request.params["code"];
        Status done = services_.store.InTransaction([&]() -> Status {
            auto before = services_.definitions.ActiveDefinitionSet();
            if (!before) return before.TakeError();
            if (Status activated = services_.definitions.ActivateDefinitionSet(code); !activated) return activated;
            AuditEntry entry = EntryBy(who, "definition.activate");
            entry.subject = code;
            entry.field = "active";
            entry.old_value = before->code;
            entry.new_value = code;
            return services_.audit.AppendAudit(entry);
        });
        if (!done) return ErrorResponse(request, done.GetError());
        return One(request, who, code, std::nullopt, 200);
    }

  private:
    AuditEntry EntryBy(const Principal& who, const std::string& action) const {
        AuditEntry entry;
        entry.at = services_.clock.Now();
        entry.user_id = who.user_id;
        entry.username = who.username;
        entry.address = who.address;
        entry.action = action;
        return entry;
    }

    /// One entry for the new version, then one per field that differs from the previous version.
    Status AuditSave(const Principal& who, const std::optional<DefinitionSet>& before, const DefinitionSet& after) {
        AuditEntry entry = EntryBy(who, "definition.save");
        entry.subject = after.code;
        entry.field = "version";
        entry.old_value = before ? std::to_string(before->version) : "";
        entry.new_value = std::to_string(after.version);
        if (Status audited = services_.audit.AppendAudit(entry); !audited) return audited;
        const auto old_fields = before ? AuditFields(*before) : std::vector<std::pair<const char*, std::string>>{};
        const auto new_fields = AuditFields(after);
        for (std::size_t i = 0; i < new_fields.size(); ++i) {
            const std::string old_value = before ? old_fields[i].second : "";
            if (before && old_value == new_fields[i].second) continue;
            AuditEntry change = EntryBy(who, "definition.save");
            change.subject = after.code;
            change.field = new_fields[i].first;
            change.old_value = old_value;
            change.new_value = new_fields[i].second;
            if (Status audited = services_.audit.AppendAudit(change); !audited) return audited;
        }
        return OkStatus();
    }

    Response One(Request& request, const Principal& who, const std::string& code, std::optional<int> version,
                 int status) {
        auto versions = services_.definitions.DefinitionSetVersions(code);
        if (!versions) return ErrorResponse(request, versions.GetError());
        const StoredDefinitionSet* chosen = nullptr;
        for (const StoredDefinitionSet& stored : *versions) {
            if (!version || stored.set.version == *version) {
                chosen = &stored;
                break;
            }
        }
        if (chosen == nullptr) {
            const std::string name = version ? code + "@" + std::to_string(*version) : code;
            return ErrorResponse(request, MakeError(ErrorCode::kNotFound, "Không có bộ quy tắc thống kê " + name + ".",
                                                    "There is no definition set " + name + "."));
        }
        JsonWriter w;
        w.BeginObject();
        w.Key("definition");
        WriteDefinitionSetJson(w, chosen->set);
        w.Key("active").Bool(chosen->active);
        w.Key("latest").Bool(chosen == &versions->front());
        w.Key("saved_by").String(chosen->saved_by);
        w.Key("saved_at");
        if (chosen->saved_at.empty()) {
            w.Null();
        } else {
            w.String(chosen->saved_at);
        }
        w.Key("can_edit").Bool(CanEdit(who));
        w.Key("versions").BeginArray();
        for (const StoredDefinitionSet& stored : *versions) WriteVersionInfo(w, stored);
        w.EndArray();
        w.EndObject();
        return Json(w.Take(), status);
    }

    DefinitionsApiServices services_;
};

}  // namespace

void RegisterDefinitionsApi(Router& router, const DefinitionsApiServices& services) {
    auto api = std::make_shared<DefinitionsApi>(services);
    auto route = [&router, &services, api](const char* method, const std::string& pattern,
                                           Response (DefinitionsApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern,
                   services.sessions.WithSession([api, handler](Request& request, const Caller& caller) {
                       return ((*api).*handler)(request, caller.principal);
                   }));
    };
    route("GET", "/api/dossiers/definitions", &DefinitionsApi::List);
    route("GET", "/api/dossiers/definitions/{code}", &DefinitionsApi::Get);
    route("PUT", "/api/dossiers/definitions/{code}", &DefinitionsApi::Save);
    route("POST", "/api/dossiers/definitions/{code}/activate", &DefinitionsApi::Activate);
}

}  // namespace parindex::http
