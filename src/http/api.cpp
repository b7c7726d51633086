#include "http/api.hpp"

#include <charconv>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "formats/codecs.hpp"
#include "formats/json_writer.hpp"
#include "formats/results_json.hpp"
#include "formats/temporary_file.hpp"
#include "formats/unicode.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "http/reference_json.hpp"

namespace parindex::http {
namespace {

constexpr std::size_t kDefaultPageSize = 50;
constexpr std::size_t kMaxPageSize = 10000;
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

ErrorDetail ParameterDetail(const std::string& name, const std::string& value, Text reason) {
    ErrorDetail detail;
    detail.path = "query." + name;
    detail.field = name;
    detail.value = value;
    detail.reason = std::move(reason);
    return detail;
}

Error BadParameter(const std::string& name, const std::string& value, const Text& reason) {
    return MakeError(ErrorCode::kInvalidInput, "Tham số " + name + " không hợp lệ: " + reason.vi,
                     "Invalid parameter " + name + ": " + reason.en, {ParameterDetail(name, value, reason)});
}

Result<int> YearParameter(const Request& request) {
    auto it = request.query.find("year");
    if (it == request.query.end() || it->second.empty()) {
        return BadParameter("year", "", {"thiếu năm (ví dụ year=2023)", "the year is missing (e.g. year=2023)"});
    }
    const auto year = ParseInteger(it->second);
    if (!year || *year < kMinYear || *year > kMaxYear) {
        return BadParameter("year", it->second,
                            {"cần một năm bốn chữ số (ví dụ 2023)", "a four-digit year is expected (e.g. 2023)"});
    }
    return static_cast<int>(*year);
}

Result<std::size_t> CountParameter(const Request& request, const std::string& name, std::size_t fallback,
                                   std::size_t min, std::size_t max) {
    auto it = request.query.find(name);
    if (it == request.query.end() || it->second.empty()) return fallback;
    const auto value = ParseInteger(it->second);
    if (!value || *value < static_cast<long long>(min) || *value > static_cast<long long>(max)) {
        const std::string range = std::to_string(min) + "–" + std::to_string(max);
        return BadParameter(name, it->second,
                            {"cần một số nguyên từ " + range, "an integer from " + range + " is expected"});
    }
    return static_cast<std::size_t>(*value);
}

/// A cached body, with its cached gzip bytes for CompressApiResponse.
Response Shared(std::shared_ptr<const std::string> body, std::shared_ptr<const std::string> gzip) {
    Response response;
    response.shared_body = std::move(body);
    response.shared_gzip = std::move(gzip);
    response.headers.emplace_back("Cache-Control", "private, no-cache");
    return response;
}

/// The handlers, sharing the services; owned by the routes' closures.
class Api {
  public:
    Api(ApiServices services, ApiOptions options) : services_(services), options_(options) {}

    using Protected = SessionGate::Protected;

    /// A handler that needs a session (401 without one), the CSRF token on state-changing methods (403), and
    /// a changed password unless `during_password_change` (403 while a one-time password is in use).
    Handler WithSession(Protected handler, bool during_password_change = false) {
        return services_.sessions.WithSession(std::move(handler), during_password_change);
    }

    Response Health(Request&) { return Json("{\"status\":\"ok\"}\n"); }

    Response Login(Request& request) {
        auto fields = ParseStringFields(request, {"username", "password"});
        if (!fields) return ErrorResponse(request, fields.GetError());
        auto login = services_.auth.Login(fields->at("username"), fields->at("password"), request.remote_address);
        if (!login) return ErrorResponse(request, login.GetError());
        Response response = Json(SessionJson(login->principal, login->csrf_token));
        std::string cookie = std::string(kSessionCookie) + "=" + login->token + "; HttpOnly; SameSite=Strict; Path=/";
        if (options_.secure_cookies) cookie += "; Secure";
        response.headers.emplace_back("Set-Cookie", std::move(cookie));
        return response;
    }

    Response Logout(Request& request, const Caller& caller) {
        services_.sessions.Forget(caller.token);
        if (Status closed = services_.auth.Logout(caller.token); !closed) {
            return ErrorResponse(request, closed.GetError());
        }
        Response response;
        response.status = 204;
        response.headers.emplace_back("Cache-Control", "no-store");
        std::string cookie = std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
        if (options_.secure_cookies) cookie += "; Secure";
        response.headers.emplace_back("Set-Cookie", std::move(cookie));
        return response;
    }

    Response CurrentSession(Request&, const Caller& caller) {
        return Json(SessionJson(caller.principal, caller.csrf_token));
    }

    Response ChangePassword(Request& request, const Caller& caller) {
        auto fields = ParseStringFields(request, {"old_password", "new_password"});
        if (!fields) return ErrorResponse(request, fields.GetError());
        Status changed = services_.auth.ChangePassword(caller.principal, fields->at("old_password"),
                                                       fields->at("new_password"), caller.token);
        services_.sessions.ForgetUser(caller.principal.user_id);
        if (!changed) return ErrorResponse(request, changed.GetError());
        Response response;
        response.status = 204;
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
    }

    Response UnitResults(Request& request, const Caller& caller) {
        auto year = YearParameter(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto results = ReadableResults(request, caller, *year);
        if (!results) return ErrorResponse(request, results.GetError());
        auto json = (*results)->UnitJson(request.params["code"]);
        if (!json) return ErrorResponse(request, json.GetError());
        return Shared(json->json, json->gzip);
    }

    /// The unit's results as .xlsx (the sheets of `parindex export results`), to whoever may read the JSON.
    Response UnitResultsXlsx(Request& request, const Caller& caller) {
        auto year = YearParameter(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto results = ReadableResults(request, caller, *year);
        if (!results) return ErrorResponse(request, results.GetError());
        const std::string& unit = request.params["code"];
        auto result = (*results)->UnitResultOf(unit);
        if (!result) return ErrorResponse(request, result.GetError());
        auto bytes =
            BytesWrittenBy([&result](const std::string& path) { return WriteResultsXlsx(*result, path); }, ".xlsx");
        if (!bytes) return ErrorResponse(request, bytes.GetError());
        return Attachment(std::move(*bytes), kXlsxType, "ket-qua-" + unit + "-" + std::to_string(*year) + ".xlsx");
    }

    Response GroupRanking(Request& request, const Caller& caller) {
        auto year = YearParameter(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto offset = CountParameter(request, "offset", 0, 0, 1000000);
        if (!offset) return ErrorResponse(request, offset.GetError());
        auto limit = CountParameter(request, "limit", kDefaultPageSize, 1, kMaxPageSize);
        if (!limit) return ErrorResponse(request, limit.GetError());
        auto results = ReadableRanking(request, caller, *year);
        if (!results) return ErrorResponse(request, results.GetError());
        auto pages = (*results)->Ranking(request.params["code"]);
        if (!pages) return ErrorResponse(request, pages.GetError());
        auto q = request.query.find("q");
        const std::string query = q == request.query.end() ? std::string() : FoldForMatching(q->second);
        if (query.empty() && *offset == 0 && *limit >= (*pages)->rows.size()) {
            return Shared((*pages)->whole, (*pages)->whole_gzip);
        }
        Response response = Json((*pages)->Page(*offset, *limit, query));
        response.headers.back().second = "private, no-cache";
        return response;
    }

    /// The group's whole ranking as .xlsx (the sheet of `parindex export ranking`), to whoever may read the JSON.
    Response GroupRankingXlsx(Request& request, const Caller& caller) {
        auto year = YearParameter(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto results = ReadableRanking(request, caller, *year);
        if (!results) return ErrorResponse(request, results.GetError());
        const std::string& group = request.params["code"];
        auto ranking = (*results)->RankingOf(group);
        if (!ranking) return ErrorResponse(request, ranking.GetError());
        auto bytes =
            BytesWrittenBy([&ranking](const std::string& path) { return WriteRankingXlsx(*ranking, path); }, ".xlsx");
        if (!bytes) return ErrorResponse(request, bytes.GetError());
        return Attachment(std::move(*bytes), kXlsxType, "xep-hang-" + group + "-" + std::to_string(*year) + ".xlsx");
    }

    Response Groups(Request& request, const Caller& caller) {
        std::optional<int> year;
        if (request.query.count("year") != 0) {
            auto parsed = YearParameter(request);
            if (!parsed) return ErrorResponse(request, parsed.GetError());
            year = *parsed;
        }
        auto groups = services_.store.ListPeerGroups(year);
        if (!groups) return ErrorResponse(request, groups.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("year").Int(year);
        w.Key("groups").BeginArray();
        for (const PeerGroup& group : *groups) {
            Target target;
            target.group_code = group.code;
            for (const GroupMember& member : group.members) target.group_members.push_back(member.unit_code);
            if (auto results = services_.results.ForYear(group.year); results) {
                target.published = (*results)->IsGroupPublished(group.code);
            }
            if (!Authorize(caller.principal, Action::kReadRanking, target)) continue;
            WriteGroupSummaryJson(w, group);
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Units(Request& request, const Caller& caller) {
        if (Status allowed = Authorize(caller.principal, Action::kReadFramework, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto units = services_.store.ListUnits();
        if (!units) return ErrorResponse(request, units.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("units").BeginArray();
        for (const Unit& unit : *units) WriteUnitJson(w, unit);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Frameworks(Request& request, const Caller& caller) {
        if (Status allowed = Authorize(caller.principal, Action::kReadFramework, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto frameworks = services_.store.ListFrameworks();
        if (!frameworks) return ErrorResponse(request, frameworks.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("frameworks").BeginArray();
        for (const Framework& framework : *frameworks) {
            w.BeginObject();
            WriteFrameworkHead(w, framework);
            w.Key("nodes").Int(static_cast<std::int64_t>(framework.nodes.size()));
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response FrameworkTree(Request& request, const Caller& caller) {
        if (Status allowed = Authorize(caller.principal, Action::kReadFramework, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        const std::string& code = request.params["code"];
        auto framework = services_.store.FindFramework(code);
        if (!framework) return ErrorResponse(request, framework.GetError());
        if (!framework->has_value()) {
            return ErrorResponse(request,
                                 MakeError(ErrorCode::kNotFound, "Không có bộ chỉ số " + code, "No framework " + code));
        }
        const Framework& f = **framework;
        JsonWriter w;
        w.BeginObject();
        WriteFrameworkHead(w, f);
        w.Key("bands");
        WriteBandsJson(w, f.bands);
        w.Key("nodes").BeginArray();
        for (const FrameworkNode& node : f.nodes) {
            w.BeginObject();
            w.Key("code").String(node.code);
            w.Key("parent").String(node.parent_code);
            w.Key("title").String(node.title);
            w.Key("max").Number(node.max);
            w.Key("method").String(ScoringMethodName(node.method));
            w.Key("evidence_required").Bool(node.evidence_required);
            w.Key("responsible").String(node.responsible);
            w.Key("max_only").Bool(node.max_only);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Check(Request& request, const Caller& caller) {
        auto year = YearParameter(request);
        if (!year) return ErrorResponse(request, year.GetError());
        auto results = services_.results.ForYear(*year);
        if (!results) return ErrorResponse(request, results.GetError());
        // Findings are about units: each caller sees those of the units whose results it may read.
        std::vector<Finding> visible;
        for (Finding& finding : (*results)->Check()) {
            Target target;
            target.unit_code = finding.unit_code;
            target.unit_groups = (*results)->GroupsOf(finding.unit_code);
            target.published = (*results)->IsPublished(finding.unit_code);
            if (Authorize(caller.principal, Action::kReadResults, target)) visible.push_back(std::move(finding));
        }
        return Json(FindingsToJson(*year, visible));
    }

  private:
    /// The year's results once the caller may read those of the unit {code} (read_results; published results
    /// are public); the year's load error or kForbidden otherwise.
    Result<std::shared_ptr<const YearResults>> ReadableResults(Request& request, const Caller& caller, int year) {
        auto results = services_.results.ForYear(year);
        if (!results) return results.TakeError();
        const std::string& unit = request.params["code"];
        Target target;
        target.unit_code = unit;
        target.unit_groups = (*results)->GroupsOf(unit);
        target.published = (*results)->IsPublished(unit);
        if (Status allowed = Authorize(caller.principal, Action::kReadResults, target); !allowed) {
            return allowed.TakeError();
        }
        return results;
    }

    /// The year's results once the caller may read the ranking of the group {code} (read_ranking; a group whose
    /// members are all published is public); the year's load error or kForbidden otherwise.
    Result<std::shared_ptr<const YearResults>> ReadableRanking(Request& request, const Caller& caller, int year) {
        auto results = services_.results.ForYear(year);
        if (!results) return results.TakeError();
        const std::string& group = request.params["code"];
        Target target;
        target.group_code = group;
        target.group_members = (*results)->MembersOf(group);
        target.published = (*results)->IsGroupPublished(group);
        if (Status allowed = Authorize(caller.principal, Action::kReadRanking, target); !allowed) {
            return allowed.TakeError();
        }
        return results;
    }

    std::string SessionJson(const Principal& principal, const std::string& csrf_token) {
        std::string display_name;
        if (auto user = services_.users.FindUserById(principal.user_id); user && user->has_value()) {
            display_name = (*user)->display_name;
        }
        JsonWriter w;
        w.BeginObject();
        w.Key("user").BeginObject();
        w.Key("username").String(principal.username);
        w.Key("display_name").String(display_name);
        w.Key("role").String(RoleName(principal.role));
        w.Key("unit").String(principal.unit_code);
        w.Key("groups").BeginArray();
        for (const std::string& group : principal.group_codes) w.String(group);
        w.EndArray();
        w.Key("department").String(principal.department_code);
        w.EndObject();
        w.Key("csrf_token").String(csrf_token);
        w.Key("must_change_password").Bool(principal.must_change_password);
        w.EndObject();
        return w.Take() + "\n";
    }

    static void WriteFrameworkHead(JsonWriter& w, const Framework& framework) {
        w.Key("code").String(framework.code);
        w.Key("title").String(framework.title);
        w.Key("version").String(framework.version);
        w.Key("decision").String(framework.decision);
        w.Key("previous").String(framework.previous_code);
        w.Key("max").Number(framework.max);
        w.Key("display_decimals").Int(static_cast<std::int64_t>(framework.display_decimals));
    }

    ApiServices services_;
    ApiOptions options_;
};

}  // namespace

void RegisterApi(Router& router, ApiServices services, ApiOptions options) {
    auto api = std::make_shared<Api>(services, options);
    auto plain = [api](Response (Api::*method)(Request&)) {
        return [api, method](Request& request) { return ((*api).*method)(request); };
    };
    auto with_session = [api](Response (Api::*method)(Request&, const Caller&), bool during_password_change = false) {
        return api->WithSession(
            [api, method](Request& request, const Caller& caller) { return ((*api).*method)(request, caller); },
            during_password_change);
    };
    router.Add("GET", "/api/health", plain(&Api::Health));
    router.Add("POST", "/api/session", plain(&Api::Login));
    router.Add("GET", "/api/session", with_session(&Api::CurrentSession, true));
    router.Add("DELETE", "/api/session", with_session(&Api::Logout, true));
    router.Add("POST", "/api/session/password", with_session(&Api::ChangePassword, true));
    router.Add("GET", "/api/units", with_session(&Api::Units));
    router.Add("GET", "/api/units/{code}/results", with_session(&Api::UnitResults));
    router.Add("GET", "/api/units/{code}/results.xlsx", with_session(&Api::UnitResultsXlsx));
    router.Add("GET", "/api/groups", with_session(&Api::Groups));
    router.Add("GET", "/api/groups/{code}/ranking", with_session(&Api::GroupRanking));
    router.Add("GET", "/api/groups/{code}/ranking.xlsx", with_session(&Api::GroupRankingXlsx));
    router.Add("GET", "/api/frameworks", with_session(&Api::Frameworks));
    router.Add("GET", "/api/frameworks/{code}", with_session(&Api::FrameworkTree));
    router.Add("GET", "/api/check", with_session(&Api::Check));
}

}  // namespace parindex::http
