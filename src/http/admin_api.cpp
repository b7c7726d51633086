#include "http/admin_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "domain/validation.hpp"
#include "formats/json_writer.hpp"
#include "formats/unicode.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "http/reference_json.hpp"

namespace parindex::http {
namespace {

namespace json = boost::json;

using TimePoint = std::chrono::system_clock::time_point;

constexpr long long kDefaultAuditLimit = 200;
constexpr long long kMaxAuditLimit = 1000;

/// How a JSON value reads in an error detail.
std::string Shown(const json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

/// Reads the fields of a JSON object body, collecting every problem with its JSON path.
class BodyReader {
  public:
    /// A string (NFC, trimmed); "" when missing or null, unless `required`.
    std::string Text(const json::value* value, const std::string& path, const std::string& field,
                     bool required = false) {
        if (value == nullptr || value->is_null()) {
            if (required) Fail(path, field, "", {"thiếu trường bắt buộc", "required field missing"});
            return {};
        }
        if (!value->is_string()) {
            Fail(path, field, Shown(*value), {"cần một chuỗi", "a string is expected"});
            return {};
        }
        std::string text = Trim(NormalizeNfc(std::string_view(value->as_string().data(), value->as_string().size())));
        if (required && text.empty()) Fail(path, field, "", {"không được để trống", "must not be empty"});
        return text;
    }

    /// A whole year (1900–2200) or nothing (missing or null).
    std::optional<int> Year(const json::value* value, const std::string& path, const std::string& field) {
        if (value == nullptr || value->is_null()) return std::nullopt;
        std::optional<long long> year;
        if (value->is_int64()) year = value->as_int64();
        if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(kMaxYear)) {
            year = static_cast<long long>(value->as_uint64());
        }
        if (!year || *year < kMinYear || *year > kMaxYear) {
            Fail(path, field, Shown(*value),
                 {"cần một năm bốn chữ số hoặc null", "a four-digit year or null is expected"});
            return std::nullopt;
        }
        return static_cast<int>(*year);
    }

    /// A boolean; `fallback` when missing or null.
    bool Bool(const json::value* value, const std::string& path, const std::string& field, bool fallback) {
        if (value == nullptr || value->is_null()) return fallback;
        if (!value->is_bool()) {
            Fail(path, field, Shown(*value), {"cần true hoặc false", "true or false is expected"});
            return fallback;
        }
        return value->as_bool();
    }

    /// An array; nullptr when missing or null (or not an array, which is recorded).
    const json::array* Array(const json::value* value, const std::string& path, const std::string& field) {
        if (value == nullptr || value->is_null()) return nullptr;
        if (!value->is_array()) {
            Fail(path, field, Shown(*value), {"cần một mảng", "an array is expected"});
            return nullptr;
        }
        return &value->as_array();
    }

    void Fail(const std::string& path, const std::string& field, const std::string& value, const parindex::Text& why) {
        errors_.push_back(FieldDetail(path, field, value, why));
    }

    bool Ok() const { return errors_.empty(); }
    Error TakeError() { return Invalid(std::move(errors_)); }

  private:
    std::vector<ErrorDetail> errors_;
};

const json::value* Member(const json::object& object, const char* name) { return object.if_contains(name); }

/// The fields of a user as POST and PUT /api/admin/users give them.
struct UserBody {
    NewUser user;
    std::vector<std::string> groups_as_given;
};

/// Validation details of the domain name the stored fields; the API names them as the body does.
Error RenameUserFields(Error error) {
    static const std::map<std::string, std::pair<std::string, std::string>> names = {
        {"username", {"$.username", "username"}},
        {"unit_code", {"$.unit", "unit"}},
        {"group_codes", {"$.groups", "groups"}},
        {"department_code", {"$.department", "department"}},
        {"role", {"$.role", "role"}},
    };
    for (ErrorDetail& detail : error.details) {
        auto it = names.find(detail.field);
        if (it == names.end() || !detail.path.empty()) continue;
        detail.path = it->second.first;
        detail.field = it->second.second;
    }
    return error;
}

/// Renames a validator's field to the body's, with its JSON path under `prefix` (or `path.code` for the code).
void RenameReferenceField(ErrorDetail& detail, const std::string& prefix) {
    static const std::map<std::string, std::string> names = {
        {"parent_code", "parent"},
        {"successor_code", "successor"},
        {"framework_code", "framework"},
        {"unit_code", "unit"},
        {"name", "name"},
        {"valid_to", "valid_to"},
        {"valid_from", "valid_from"},
    };
    if (detail.field == "code" || detail.field == "year") {
        detail.path = "path." + detail.field;
        return;
    }
    auto it = names.find(detail.field);
    if (it == names.end()) return;
    detail.field = it->second;
    detail.path = prefix + "." + it->second;
}

std::string DepartmentsText(const std::vector<Department>& departments) {
    std::string text;
    for (const Department& d : departments) text += (text.empty() ? "" : "; ") + d.code + "=" + d.name;
    return text;
}

std::string MembersText(const std::vector<GroupMember>& members) {
    std::string text;
    for (const GroupMember& m : members) text += (text.empty() ? "" : ", ") + m.unit_code + (m.ranked ? "" : " (-)");
    return text;
}

std::string OptionalYearText(const std::optional<int>& year) { return year ? std::to_string(*year) : std::string(); }

class AdminApi {
  public:
    explicit AdminApi(const AdminServices& services) : services_(services) {}

    using Protected = std::function<Response(Request&, const Principal&)>;

    // --- Users -----------------------------------------------------------------------------------------------

    Response ListUsers(Request& request, const Principal& who) {
        auto users = services_.auth.ListUsers(who);
        if (!users) return ErrorResponse(request, users.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("users").BeginArray();
        for (const User& user : *users) WriteUser(w, user);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response CreateUser(Request& request, const Principal& who) {
        auto body = ReadUser(request, true);
        if (!body) return ErrorResponse(request, body.GetError());
        std::optional<std::pair<User, std::string>> created;
        Status done = services_.store.InTransaction([&]() -> Status {
            auto made = services_.auth.CreateUserWithOneTimePassword(&who, *body);
            if (!made) return RenameUserFields(made.TakeError());
            created = std::move(*made);
            return OkStatus();
        });
        if (!done) return ErrorResponse(request, done.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("user");
        WriteUser(w, created->first);
        w.Key("one_time_password").String(created->second);
        w.EndObject();
        return Json(w.Take() + "\n", 201);
    }

    Response UpdateUser(Request& request, const Principal& who) {
        auto existing = ExistingUser(request);
        if (!existing) return ErrorResponse(request, existing.GetError());
        auto body = ReadUser(request, false);
        if (!body) return ErrorResponse(request, body.GetError());
        std::optional<User> updated;
        Status done = services_.store.InTransaction([&]() -> Status {
            auto changed = services_.auth.UpdateUser(&who, existing->username, *body);
            if (!changed) return RenameUserFields(changed.TakeError());
            updated = std::move(*changed);
            return OkStatus();
        });
        services_.sessions.ForgetUser(existing->id);
        if (!done) return ErrorResponse(request, done.GetError());
        JsonWriter w;
        WriteUser(w, *updated);
        return Json(w.Take() + "\n");
    }

    Response ResetPassword(Request& request, const Principal& who) {
        auto existing = ExistingUser(request);
        if (!existing) return ErrorResponse(request, existing.GetError());
        std::string password;
        Status done = services_.store.InTransaction([&]() -> Status {
            auto reset = services_.auth.ResetPassword(&who, existing->username);
            if (!reset) return reset.TakeError();
            password = std::move(*reset);
            return OkStatus();
        });
        services_.sessions.ForgetUser(existing->id);
        if (!done) return ErrorResponse(request, done.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("one_time_password").String(password);
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Disable(Request& request, const Principal& who) { return SetDisabled(request, who, true); }
    Response Enable(Request& request, const Principal& who) { return SetDisabled(request, who, false); }

    // --- Units and groups ------------------------------------------------------------------------------------

    Response PutUnit(Request& request, const Principal& who) {
        const std::string& code = request.params["code"];
        auto parsed = ParseObjectBody(request);
        if (!parsed) return ErrorResponse(request, parsed.GetError());
        const json::object& body = *parsed;
        BodyReader read;
        Unit unit;
        unit.code = code;
        unit.name = read.Text(Member(body, "name"), "$.name", "name", true);
        unit.type = read.Text(Member(body, "type"), "$.type", "type");
        unit.parent_code = read.Text(Member(body, "parent"), "$.parent", "parent");
        unit.valid_from = read.Year(Member(body, "valid_from"), "$.valid_from", "valid_from");
        unit.valid_to = read.Year(Member(body, "valid_to"), "$.valid_to", "valid_to");
        unit.successor_code = read.Text(Member(body, "successor"), "$.successor", "successor");
        unit.demo = read.Bool(Member(body, "demo"), "$.demo", "demo", false);
        unit.source.path = "$";
        if (const json::array* departments = read.Array(Member(body, "departments"), "$.departments", "departments")) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < departments->size(); ++i) {
                const std::string path = "$.departments[" + std::to_string(i) + "]";
                const json::value& item = (*departments)[i];
                if (!item.is_object()) {
                    read.Fail(path, "departments", Shown(item),
                              {"cần một đối tượng {code, name}", "an object {code, name} is expected"});
                    continue;
                }
                Department department;
                department.code = read.Text(Member(item.as_object(), "code"), path + ".code", "code", true);
                department.name = read.Text(Member(item.as_object(), "name"), path + ".name", "name", true);
                if (!department.code.empty() && !seen.insert(department.code).second) {
                    read.Fail(path + ".code", "code", department.code,
                              {"mã phòng ban bị trùng", "the department code is duplicated"});
                }
                unit.departments.push_back(std::move(department));
            }
        }
        if (!read.Ok()) return ErrorResponse(request, read.TakeError());

        std::optional<Unit> before;
        Status done = services_.store.InTransaction([&]() -> Status {
            auto stored = services_.store.ListUnits();
            if (!stored) return stored.TakeError();
            // Validated with every stored unit, so that a cycle through them shows; only this unit's problems count.
            std::vector<Unit> all;
            for (Unit& other : *stored) {
                if (other.code == code) {
                    before = other;
                    continue;
                }
                other.source = SourceRef{};
                all.push_back(std::move(other));
            }
            all.push_back(unit);
            std::vector<ErrorDetail> problems;
            for (ErrorDetail& detail : ValidateUnits(all, KnownCodes{})) {
                if (detail.path != "$") continue;
                RenameReferenceField(detail, "$");
                problems.push_back(std::move(detail));
            }
            if (!problems.empty()) return Invalid(std::move(problems));
            if (Status saved = services_.store.SaveUnit(unit); !saved) return saved;
            return AuditUnit(who, before, unit);
        });
        if (!done) return ErrorResponse(request, done.GetError());
        services_.results.Invalidate();
        auto saved = services_.store.FindUnit(code);
        if (!saved) return ErrorResponse(request, saved.GetError());
        JsonWriter w;
        WriteUnitJson(w, saved->has_value() ? **saved : unit);
        return Json(w.Take() + "\n");
    }

    Response PutGroup(Request& request, const Principal& who) {
        const std::string& code = request.params["code"];
        auto year = ParseYear(request.params["year"], "path.year", "year");
        if (!year) return ErrorResponse(request, year.GetError());
        auto parsed = ParseObjectBody(request);
        if (!parsed) return ErrorResponse(request, parsed.GetError());
        const json::object& body = *parsed;
        BodyReader read;
        PeerGroup group;
        group.code = code;
        group.year = *year;
        group.source.path = "$";
        group.name = read.Text(Member(body, "name"), "$.name", "name", true);
        group.framework_code = read.Text(Member(body, "framework"), "$.framework", "framework");
        if (const json::array* members = read.Array(Member(body, "members"), "$.members", "members")) {
            for (std::size_t i = 0; i < members->size(); ++i) {
                const std::string path = "$.members[" + std::to_string(i) + "]";
                const json::value& item = (*members)[i];
                GroupMember member;
                member.source.path = path;
                if (item.is_string()) {
                    member.unit_code = read.Text(&item, path, "unit", true);
                } else if (item.is_object()) {
                    member.unit_code = read.Text(Member(item.as_object(), "unit"), path + ".unit", "unit", true);
                    member.ranked = read.Bool(Member(item.as_object(), "ranked"), path + ".ranked", "ranked", true);
                } else {
                    read.Fail(path, "members", Shown(item),
                              {"cần một đối tượng {unit, ranked}", "an object {unit, ranked} is expected"});
                    continue;
                }
                group.members.push_back(std::move(member));
            }
        }
        if (!read.Ok()) return ErrorResponse(request, read.TakeError());

        std::optional<PeerGroup> before;
        Status done = services_.store.InTransaction([&]() -> Status {
            KnownCodes known;
            auto units = services_.store.ListUnits();
            if (!units) return units.TakeError();
            for (const Unit& unit : *units) known.units.insert(unit.code);
            auto frameworks = services_.store.ListFrameworks();
            if (!frameworks) return frameworks.TakeError();
            for (const Framework& framework : *frameworks) known.frameworks.insert(framework.code);
            std::vector<ErrorDetail> problems = ValidatePeerGroup(group, known);
            for (ErrorDetail& detail : problems) {
                RenameReferenceField(detail, detail.path);
            }
            if (!problems.empty()) return Invalid(std::move(problems));
            auto stored = services_.store.FindPeerGroup(code, *year);
            if (!stored) return stored.TakeError();
            if (stored->has_value()) {
                before = **stored;
                auto frozen = Published(*before);
                if (!frozen) return frozen.TakeError();
                if (*frozen) {
                    const std::string y = std::to_string(*year);
                    return MakeError(ErrorCode::kConflict,
                                     "Nhóm " + code + " năm " + y + " đã công bố kết quả; không sửa được.",
                                     "Group " + code + " of " + y + " is published (frozen); it cannot change.");
                }
            }
            if (Status saved = services_.store.SavePeerGroup(group); !saved) return saved;
            return AuditGroup(who, before, group);
        });
        if (!done) return ErrorResponse(request, done.GetError());
        services_.results.Invalidate();
        JsonWriter w;
        WriteGroupSummaryJson(w, group);
        return Json(w.Take() + "\n");
    }

    // --- Imports, exports and the audit log ------------------------------------------------------------------

    Response Import(Request& request, const Principal& who) {
        AdminImport what;
        what.kind = Query(request, "kind");
        std::string file = Query(request, "file");
        if (const auto slash = file.find_last_of("/\\"); slash != std::string::npos) file = file.substr(slash + 1);
        what.file_name = file;
        if (what.file_name.empty()) {
            return ErrorResponse(request, BadField("query.file", "file", "",
                                                   {"cần tên tệp (ví dụ bang-diem.xlsx)",
                                                    "a file name is expected (e.g. scores.xlsx)"}));
        }
        auto year = QueryYear(request);
        if (!year) return ErrorResponse(request, year.GetError());
        what.year = *year;
        what.unit = Query(request, "unit");
        what.framework = Query(request, "framework");
        what.sheet = Query(request, "sheet");
        const std::string dry_run = Query(request, "dry_run");
        if (!dry_run.empty() && dry_run != "true" && dry_run != "false" && dry_run != "1" && dry_run != "0") {
            return ErrorResponse(request, BadField("query.dry_run", "dry_run", dry_run,
                                                   {"cần true hoặc false", "true or false is expected"}));
        }
        what.dry_run = dry_run == "true" || dry_run == "1";
        what.bytes = request.body;

        AdminImportCounts counts;
        Status done = what.dry_run ? ImportOnce(what, counts) : services_.store.InTransaction([&]() -> Status {
            if (Status imported = ImportOnce(what, counts); !imported) return imported;
            AuditEntry entry = EntryBy(who, "data.import");
            entry.subject = what.file_name;
            entry.field = what.kind;
            entry.new_value = "units=" + std::to_string(counts.units) + " groups=" + std::to_string(counts.groups) +
                              " frameworks=" + std::to_string(counts.frameworks) +
                              " assessments=" + std::to_string(counts.assessments) +
                              " node_scores=" + std::to_string(counts.node_scores);
            return services_.users.AppendAudit(entry);
        });
        if (!done) return ErrorResponse(request, done.GetError());
        if (!what.dry_run) services_.results.Invalidate();
        JsonWriter w;
        w.BeginObject();
        w.Key("kind").String(what.kind);
        w.Key("file").String(what.file_name);
        w.Key("dry_run").Bool(what.dry_run);
        w.Key("units").Int(static_cast<std::int64_t>(counts.units));
        w.Key("groups").Int(static_cast<std::int64_t>(counts.groups));
        w.Key("frameworks").Int(static_cast<std::int64_t>(counts.frameworks));
        w.Key("assessments").Int(static_cast<std::int64_t>(counts.assessments));
        w.Key("node_scores").Int(static_cast<std::int64_t>(counts.node_scores));
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    Response Export(Request& request, const Principal&) {
        AdminExport what;
        what.kind = Query(request, "kind");
        what.format = Query(request, "format");
        what.unit = Query(request, "unit");
        what.framework = Query(request, "framework");
        auto year = QueryYear(request);
        if (!year) return ErrorResponse(request, year.GetError());
        what.year = *year;
        auto file = services_.transfers.export_file(what);
        if (!file) return ErrorResponse(request, file.GetError());
        return Attachment(std::move(file->bytes), file->content_type, file->file_name);
    }

    Response Audit(Request& request, const Principal&) {
        AuditQuery query;
        query.limit = static_cast<std::size_t>(kDefaultAuditLimit);
        if (const std::string limit = Query(request, "limit"); !limit.empty()) {
            const auto value = ParseInteger(limit);
            if (!value || *value < 1 || *value > kMaxAuditLimit) {
                return ErrorResponse(
                    request, BadField("query.limit", "limit", limit,
                                      {"cần một số nguyên từ 1 đến " + std::to_string(kMaxAuditLimit),
                                       "an integer from 1 to " + std::to_string(kMaxAuditLimit) + " is expected"}));
            }
            query.limit = static_cast<std::size_t>(*value);
        }
        if (const std::string before = Query(request, "before"); !before.empty()) {
            const auto value = ParseInteger(before);
            if (!value || *value < 1) {
                return ErrorResponse(request, BadField("query.before", "before", before,
                                                       {"cần mã số của một mục nhật ký (số nguyên dương)",
                                                        "the id of an audit entry (a positive integer) is expected"}));
            }
            query.before_id = *value;
        }
        auto entries = services_.users.ListAudit(query);
        if (!entries) return ErrorResponse(request, entries.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("entries").BeginArray();
        for (const AuditEntry& entry : *entries) {
            w.BeginObject();
            WriteAuditEntryFields(w, entry);
            w.Key("subject").String(entry.subject);
            w.Key("unit");
            entry.unit_code.empty() ? w.Null() : w.String(entry.unit_code);
            w.Key("year").Int(entry.year != 0 ? std::optional<int>(entry.year) : std::nullopt);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

  private:
    void WriteUser(JsonWriter& w, const User& user) const {
        w.BeginObject();
        w.Key("username").String(user.username);
        w.Key("display_name").String(user.display_name);
        w.Key("role").String(RoleName(user.role));
        w.Key("unit").String(user.unit_code);
        w.Key("groups").BeginArray();
        for (const std::string& group : user.group_codes) w.String(group);
        w.EndArray();
        w.Key("department").String(user.department_code);
        w.Key("disabled").Bool(user.disabled);
        w.Key("must_change_password").Bool(user.must_change_password);
        w.Key("locked").Bool(user.locked_until.has_value() && *user.locked_until > services_.clock.Now());
        w.EndObject();
    }

    /// The user named in the path; kNotFound when there is none (also for a name no user could have).
    Result<User> ExistingUser(Request& request) {
        const std::string& name = request.params["username"];
        const Error missing =
            MakeError(ErrorCode::kNotFound, "Không có tài khoản “" + name + "”", "There is no account “" + name + "”");
        auto normalized = AuthService::NormalizeUsername(name);
        if (!normalized) return missing;
        auto found = services_.users.FindUserByName(*normalized);
        if (!found) return found.TakeError();
        if (!found->has_value()) return missing;
        return std::move(**found);
    }

    /// The body of POST (with `username`) or PUT /api/admin/users, its role known and its unit, groups and
    /// department existing.
    Result<NewUser> ReadUser(const Request& request, bool with_username) {
        auto parsed = ParseObjectBody(request);
        if (!parsed) return parsed.TakeError();
        const json::object& body = *parsed;
        BodyReader read;
        NewUser user;
        if (with_username) user.username = read.Text(Member(body, "username"), "$.username", "username", true);
        user.display_name = read.Text(Member(body, "display_name"), "$.display_name", "display_name");
        const std::string role = read.Text(Member(body, "role"), "$.role", "role", true);
        if (auto parsed_role = ParseRole(role)) {
            user.role = *parsed_role;
        } else if (!role.empty()) {
            read.Fail("$.role", "role", role,
                      {"cần administrator, appraiser, coordinator, officer, leader hoặc viewer",
                       "administrator, appraiser, coordinator, officer, leader or viewer is expected"});
        }
        user.unit_code = read.Text(Member(body, "unit"), "$.unit", "unit");
        user.department_code = read.Text(Member(body, "department"), "$.department", "department");
        std::vector<std::size_t> group_index;
        if (const json::array* groups = read.Array(Member(body, "groups"), "$.groups", "groups")) {
            for (std::size_t i = 0; i < groups->size(); ++i) {
                std::string code = read.Text(&(*groups)[i], "$.groups[" + std::to_string(i) + "]", "groups", true);
                if (code.empty()) continue;
                user.group_codes.push_back(std::move(code));
                group_index.push_back(i);
            }
        }
        if (!read.Ok()) return read.TakeError();

        // References: the unit, the groups (of any year) and the department inside the unit must exist.
        if (!user.unit_code.empty()) {
            auto unit = services_.store.FindUnit(user.unit_code);
            if (!unit) return unit.TakeError();
            if (!unit->has_value()) {
                read.Fail("$.unit", "unit", user.unit_code,
                          {"đơn vị \"" + user.unit_code + "\" không tồn tại",
                           "unit \"" + user.unit_code + "\" does not exist"});
            } else if (!user.department_code.empty()) {
                bool known = false;
                for (const Department& d : (*unit)->departments) known = known || d.code == user.department_code;
                if (!known) {
                    read.Fail("$.department", "department", user.department_code,
                              {"đơn vị \"" + user.unit_code + "\" không có phòng ban này",
                               "unit \"" + user.unit_code + "\" has no such department"});
                }
            }
        }
        if (!user.group_codes.empty()) {
            auto groups = services_.store.ListPeerGroups(std::nullopt);
            if (!groups) return groups.TakeError();
            std::set<std::string> known;
            for (const PeerGroup& group : *groups) known.insert(group.code);
            for (std::size_t i = 0; i < user.group_codes.size(); ++i) {
                if (known.count(user.group_codes[i]) != 0) continue;
                read.Fail("$.groups[" + std::to_string(group_index[i]) + "]", "groups", user.group_codes[i],
                          {"nhóm \"" + user.group_codes[i] + "\" không tồn tại",
                           "group \"" + user.group_codes[i] + "\" does not exist"});
            }
        }
        if (!read.Ok()) return read.TakeError();
        return user;
    }

    Response SetDisabled(Request& request, const Principal& who, bool disabled) {
        auto existing = ExistingUser(request);
        if (!existing) return ErrorResponse(request, existing.GetError());
        Status done = services_.store.InTransaction(
            [&]() -> Status { return services_.auth.SetDisabled(&who, existing->username, disabled); });
        services_.sessions.ForgetUser(existing->id);
        if (!done) return ErrorResponse(request, done.GetError());
        auto user = services_.users.FindUserById(existing->id);
        if (!user) return ErrorResponse(request, user.GetError());
        JsonWriter w;
        WriteUser(w, user->has_value() ? **user : *existing);
        return Json(w.Take() + "\n");
    }

    Status ImportOnce(const AdminImport& what, AdminImportCounts& counts) {
        auto imported = services_.transfers.import_file(what);
        if (!imported) return imported.TakeError();
        counts = *imported;
        return OkStatus();
    }

    /// A group-year is frozen once published: it has members and every member's assessment is published.
    Result<bool> Published(const PeerGroup& group) {
        if (group.members.empty()) return false;
        for (const GroupMember& member : group.members) {
            auto assessment = services_.store.FindAssessment(member.unit_code, group.year);
            if (!assessment) return assessment.TakeError();
            if (!assessment->has_value() || (*assessment)->status != AssessmentStatus::kPublished) return false;
        }
        return true;
    }

    AuditEntry EntryBy(const Principal& who, const std::string& action) const {
        AuditEntry entry;
        entry.at = services_.clock.Now();
        entry.user_id = who.user_id;
        entry.username = who.username;
        entry.address = who.address;
        entry.action = action;
        return entry;
    }

    /// One audit entry per changed field of a unit (every field when it is new).
    Status AuditUnit(const Principal& who, const std::optional<Unit>& before, const Unit& after) {
        const Unit empty;
        const Unit& old = before ? *before : empty;
        const std::vector<std::tuple<const char*, std::string, std::string>> fields = {
            {"name", old.name, after.name},
            {"type", old.type, after.type},
            {"parent", old.parent_code, after.parent_code},
            {"valid_from", OptionalYearText(old.valid_from), OptionalYearText(after.valid_from)},
            {"valid_to", OptionalYearText(old.valid_to), OptionalYearText(after.valid_to)},
            {"successor", old.successor_code, after.successor_code},
            {"demo", before ? (old.demo ? "true" : "false") : "", after.demo ? "true" : "false"},
            {"departments", DepartmentsText(old.departments), DepartmentsText(after.departments)},
        };
        for (const auto& [field, old_value, new_value] : fields) {
            if (before && old_value == new_value) continue;
            AuditEntry entry = EntryBy(who, before ? "unit.update" : "unit.create");
            entry.subject = after.code;
            entry.unit_code = after.code;
            entry.field = field;
            entry.old_value = old_value;
            entry.new_value = new_value;
            if (Status audited = services_.users.AppendAudit(entry); !audited) return audited;
        }
        return OkStatus();
    }

    /// One audit entry per changed field of a group-year (every field when it is new).
    Status AuditGroup(const Principal& who, const std::optional<PeerGroup>& before, const PeerGroup& after) {
        const PeerGroup empty;
        const PeerGroup& old = before ? *before : empty;
        const std::vector<std::tuple<const char*, std::string, std::string>> fields = {
            {"name", old.name, after.name},
            {"framework", old.framework_code, after.framework_code},
            {"members", MembersText(old.members), MembersText(after.members)},
        };
        for (const auto& [field, old_value, new_value] : fields) {
            if (before && old_value == new_value) continue;
            AuditEntry entry = EntryBy(who, before ? "group.update" : "group.create");
            entry.subject = after.code;
            entry.year = after.year;
            entry.field = field;
            entry.old_value = old_value;
            entry.new_value = new_value;
            if (Status audited = services_.users.AppendAudit(entry); !audited) return audited;
        }
        return OkStatus();
    }

    AdminServices services_;
};

}  // namespace

void RegisterAdminApi(Router& router, const AdminServices& services) {
    auto api = std::make_shared<AdminApi>(services);
    auto route = [&router, &services, api](const char* method, const std::string& pattern,
                                           Response (AdminApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern,
                   services.sessions.ForAdministrators([api, handler](Request& request, const Principal& who) {
                       return ((*api).*handler)(request, who);
                   }));
    };
    route("GET", "/api/admin/users", &AdminApi::ListUsers);
    route("POST", "/api/admin/users", &AdminApi::CreateUser);
    route("PUT", "/api/admin/users/{username}", &AdminApi::UpdateUser);
    route("POST", "/api/admin/users/{username}/reset-password", &AdminApi::ResetPassword);
    route("POST", "/api/admin/users/{username}/disable", &AdminApi::Disable);
    route("POST", "/api/admin/users/{username}/enable", &AdminApi::Enable);
    route("PUT", "/api/admin/units/{code}", &AdminApi::PutUnit);
    route("PUT", "/api/admin/groups/{code}/{year}", &AdminApi::PutGroup);
    route("POST", "/api/admin/import", &AdminApi::Import);
    route("GET", "/api/admin/export", &AdminApi::Export);
    route("GET", "/api/admin/audit", &AdminApi::Audit);
}

}  // namespace parindex::http
