// The JSON bundle format of docs/formats.md: reading with exact numbers and JSON paths, and writing.

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "formats/codec_common.hpp"
#include "formats/codecs.hpp"
#include "formats/import_errors.hpp"
#include "formats/json_writer.hpp"
#include "formats/results_json.hpp"
#include "formats/unicode.hpp"

namespace parindex {
namespace {

// A parsed JSON document that keeps every number's text, so that 91.989 reads as exactly 91989 thousandths
// (a parsed double cannot say whether the input had more than three decimals).
struct JsonValue {
    enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
    Kind kind = Kind::kNull;
    std::string text;  // A string's content or a number's text.
    bool boolean = false;
    std::vector<std::string> keys;  // An object's keys, parallel to `items`.
    std::vector<JsonValue> items;   // An array's elements or an object's values.
};

// The handler of Boost.JSON's SAX parser that builds a JsonValue; Boost fixes the member names.
// NOLINTBEGIN(readability-identifier-naming)
class TreeBuilder {
  public:
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code&) { return Open(JsonValue::Kind::kObject); }
    bool on_object_end(std::size_t, boost::json::error_code&) { return Close(); }
    bool on_array_begin(boost::json::error_code&) { return Open(JsonValue::Kind::kArray); }
    bool on_array_end(std::size_t, boost::json::error_code&) { return Close(); }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        part_.append(s.data(), s.size());
        pending_keys_.push_back(std::move(part_));
        part_.clear();
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        part_.append(s.data(), s.size());
        JsonValue value;
        value.kind = JsonValue::Kind::kString;
        value.text = std::move(part_);
        part_.clear();
        return Attach(std::move(value));
    }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t, boost::json::string_view s, boost::json::error_code&) { return Number(s); }
    bool on_uint64(std::uint64_t, boost::json::string_view s, boost::json::error_code&) { return Number(s); }
    bool on_double(double, boost::json::string_view s, boost::json::error_code&) { return Number(s); }
    bool on_bool(bool b, boost::json::error_code&) {
        JsonValue value;
        value.kind = JsonValue::Kind::kBool;
        value.boolean = b;
        return Attach(std::move(value));
    }
    bool on_null(boost::json::error_code&) { return Attach(JsonValue{}); }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

    // NOLINTEND(readability-identifier-naming)
    JsonValue& Root() { return root_; }

  private:
    bool Open(JsonValue::Kind kind) {
        JsonValue value;
        value.kind = kind;
        stack_.push_back(std::move(value));
        return true;
    }
    bool Close() {
        JsonValue value = std::move(stack_.back());
        stack_.pop_back();
        return Attach(std::move(value));
    }
    bool Number(boost::json::string_view s) {
        part_.append(s.data(), s.size());
        JsonValue value;
        value.kind = JsonValue::Kind::kNumber;
        value.text = std::move(part_);
        part_.clear();
        return Attach(std::move(value));
    }
    bool Attach(JsonValue value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            return true;
        }
        JsonValue& parent = stack_.back();
        if (parent.kind == JsonValue::Kind::kObject) {
            parent.keys.push_back(std::move(pending_keys_.back()));
            pending_keys_.pop_back();
        }
        parent.items.push_back(std::move(value));
        return true;
    }

    JsonValue root_;
    std::vector<JsonValue> stack_;
    std::vector<std::string> pending_keys_;
    std::string part_;
};

// The value as shown in an error detail.
std::string Describe(const JsonValue& value) {
    switch (value.kind) {
        case JsonValue::Kind::kNull:
            return "null";
        case JsonValue::Kind::kBool:
            return value.boolean ? "true" : "false";
        case JsonValue::Kind::kNumber:
        case JsonValue::Kind::kString:
            return value.text;
        case JsonValue::Kind::kArray:
            return "[…]";
        case JsonValue::Kind::kObject:
            return "{…}";
    }
    return {};
}

std::string Index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Reads one bundle document, collecting every problem.
class BundleReader {
  public:
    explicit BundleReader(const std::string& file) : file_(file), errors_(file) {}

    ImportErrors& Errors() { return errors_; }

    void Fail(const std::string& path, const std::string& field, const JsonValue* value, std::string vi,
              std::string en) {
        ErrorDetail detail;
        detail.path = path;
        detail.field = field;
        if (value != nullptr) detail.value = Describe(*value);
        errors_.Add(std::move(detail), std::move(vi), std::move(en));
    }

    SourceRef Source(const std::string& path) const { return SourceRef{file_, 0, path}; }

    // The fields of one object, with typo protection: unknown and repeated keys are errors.
    class Fields {
      public:
        Fields(BundleReader& reader, const JsonValue& object, std::string path,
               std::initializer_list<std::string_view> known)
            : reader_(reader), object_(object), path_(std::move(path)) {
            std::set<std::string_view> seen;
            for (std::size_t i = 0; i < object.keys.size(); ++i) {
                const std::string& key = object.keys[i];
                const bool allowed =
                    key == "comment" || key == "note" || std::find(known.begin(), known.end(), key) != known.end();
                if (!allowed) {
                    reader_.Fail(Path(key), key, &object.items[i], "khóa không được hỗ trợ (sai chính tả?)",
                                 "unknown key (a typo?)");
                }
                if (!seen.insert(key).second) {
                    reader_.Fail(Path(key), key, &object.items[i], "khóa bị lặp lại", "the key is repeated");
                }
            }
        }

        const std::string& Path() const { return path_; }
        std::string Path(std::string_view key) const { return path_ + "." + std::string(key); }

        // The value of `key`, or nullptr when absent.
        const JsonValue* Find(std::string_view key) const {
            for (std::size_t i = 0; i < object_.keys.size(); ++i) {
                if (object_.keys[i] == key) return &object_.items[i];
            }
            return nullptr;
        }

        // The value of a present, non-null key, reporting a missing required one.
        const JsonValue* Present(std::string_view key, bool required) {
            const JsonValue* value = Find(key);
            if (value == nullptr || value->kind == JsonValue::Kind::kNull) {
                if (required) {
                    reader_.Fail(Path(key), std::string(key), value, "thiếu trường bắt buộc",
                                 "a required field is missing");
                }
                return nullptr;
            }
            return value;
        }

        std::string String(std::string_view key, bool required = false) {
            const JsonValue* value = Present(key, required);
            if (value == nullptr) return {};
            if (value->kind != JsonValue::Kind::kString) {
                reader_.Fail(Path(key), std::string(key), value, "cần một chuỗi", "a string is expected");
                return {};
            }
            std::string text = NormalizeNfc(value->text);
            if (required && text.empty()) {
                reader_.Fail(Path(key), std::string(key), value, "không được để trống", "must not be empty");
            }
            return text;
        }

        std::optional<Decimal> Number(std::string_view key, bool required = false) {
            const JsonValue* value = Present(key, required);
            if (value == nullptr) return std::nullopt;
            return reader_.ReadDecimal(*value, Path(key), std::string(key), required);
        }

        std::optional<int> Integer(std::string_view key, bool required, long long min, long long max) {
            const JsonValue* value = Present(key, required);
            if (value == nullptr) return std::nullopt;
            std::optional<long long> number;
            if (value->kind == JsonValue::Kind::kNumber || value->kind == JsonValue::Kind::kString) {
                number = ParseWholeNumber(value->text);
            }
            if (!number) {
                reader_.Fail(Path(key), std::string(key), value, "cần một số nguyên", "a whole number is expected");
                return std::nullopt;
            }
            if (*number < min || *number > max) {
                reader_.Fail(Path(key), std::string(key), value,
                             "phải nằm trong khoảng " + std::to_string(min) + " đến " + std::to_string(max),
                             "must be between " + std::to_string(min) + " and " + std::to_string(max));
                return std::nullopt;
            }
            return static_cast<int>(*number);
        }

        bool Bool(std::string_view key, bool fallback) {
            const JsonValue* value = Present(key, false);
            if (value == nullptr) return fallback;
            if (value->kind != JsonValue::Kind::kBool) {
                reader_.Fail(Path(key), std::string(key), value, "cần true hoặc false", "true or false is expected");
                return fallback;
            }
            return value->boolean;
        }

        // An array value: nullptr when absent or null (or not an array, which is reported).
        const JsonValue* Array(std::string_view key) {
            const JsonValue* value = Present(key, false);
            if (value == nullptr) return nullptr;
            if (value->kind != JsonValue::Kind::kArray) {
                reader_.Fail(Path(key), std::string(key), value, "cần một mảng [...]", "an array [...] is expected");
                return nullptr;
            }
            return value;
        }

        // An object value: nullptr when absent or null (or not an object, which is reported).
        const JsonValue* Object(std::string_view key) {
            const JsonValue* value = Present(key, false);
            if (value == nullptr) return nullptr;
            if (value->kind != JsonValue::Kind::kObject) {
                reader_.Fail(Path(key), std::string(key), value, "cần một đối tượng {...}",
                             "an object {...} is expected");
                return nullptr;
            }
            return value;
        }

        std::optional<ScoringMethod> Method(std::string_view key, ScoringMethod fallback) {
            const std::string text = String(key);
            if (text.empty()) return fallback;
            auto method = ParseMethodText(text);
            if (!method) {
                reader_.Fail(Path(key), std::string(key), Find(key),
                             "phương pháp chấm điểm không hợp lệ; dùng appraisal, survey hoặc data",
                             "unknown scoring method; use appraisal, survey or data");
            }
            return method;
        }

        Provenance ProvenanceField(std::string_view key, Provenance fallback) {
            const std::string text = String(key);
            if (text.empty()) return fallback;
            auto provenance = ParseProvenanceText(text);
            if (!provenance) {
                reader_.Fail(Path(key), std::string(key), Find(key),
                             "nguồn số liệu không hợp lệ; dùng entered, published, computed, derived hoặc demo",
                             "unknown provenance; use entered, published, computed, derived or demo");
                return fallback;
            }
            return *provenance;
        }

      private:
        BundleReader& reader_;
        const JsonValue& object_;
        std::string path_;
    };

    // A decimal from a JSON number (exactly, from its text) or a string with a decimal comma or point.
    std::optional<Decimal> ReadDecimal(const JsonValue& value, const std::string& path, const std::string& field,
                                       bool required) {
        std::string reason_vi;
        std::string reason_en;
        if (value.kind == JsonValue::Kind::kNumber) {
            std::string text = value.text;
            if (text.find_first_of("eE") != std::string::npos) {
                // Exponent form: accept it when it denotes a whole number of thousandths.
                double number = 0;
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
                const double scaled = number * 1000.0;
                if (error == std::errc() && std::isfinite(scaled) && std::fabs(scaled - std::round(scaled)) <= 1e-6) {
                    if (auto decimal = Decimal::FromDouble(number)) return decimal;
                }
                Fail(path, field, &value, "số có nhiều hơn 3 chữ số thập phân hoặc quá lớn",
                     "the number has more than 3 decimals or is too large");
                return std::nullopt;
            }
            // Trailing zeros after the point do not add precision: 14.4000 is 14.4.
            if (text.find('.') != std::string::npos) {
                while (text.back() == '0') text.pop_back();
                if (text.back() == '.') text.pop_back();
            }
            if (auto decimal = Decimal::Parse(text, &reason_vi, &reason_en)) return decimal;
            Fail(path, field, &value, "số không hợp lệ: " + reason_vi, "invalid number: " + reason_en);
            return std::nullopt;
        }
        if (value.kind == JsonValue::Kind::kString) {
            const std::string_view text = value.text;
            if (text.find_first_not_of(" \t") == std::string_view::npos) {
                if (required) Fail(path, field, &value, "thiếu trường bắt buộc", "a required field is missing");
                return std::nullopt;  // A blank string is a blank figure, as in a table.
            }
            if (auto decimal = Decimal::Parse(text, &reason_vi, &reason_en)) return decimal;
            Fail(path, field, &value, "số không hợp lệ: " + reason_vi, "invalid number: " + reason_en);
            return std::nullopt;
        }
        Fail(path, field, &value, "cần một số (hoặc một chuỗi số như \"90,02\")",
             "a number (or a string such as \"90,02\") is expected");
        return std::nullopt;
    }

    // Calls `each(element, path)` for every object in the array `key` of `fields`.
    template <class Each>
    void ForEachObject(Fields& fields, std::string_view key, Each each) {
        const JsonValue* array = fields.Array(key);
        if (array == nullptr) return;
        for (std::size_t i = 0; i < array->items.size(); ++i) {
            const std::string path = Index(fields.Path(key), i);
            const JsonValue& element = array->items[i];
            if (element.kind != JsonValue::Kind::kObject) {
                Fail(path, std::string(key), &element, "cần một đối tượng {...}", "an object {...} is expected");
                continue;
            }
            each(element, path);
        }
    }

    Unit ReadUnit(const JsonValue& object, const std::string& path) {
        Fields f(*this, object, path,
                 {"code", "name", "type", "parent", "valid_from", "valid_to", "successor", "demo", "departments"});
        Unit unit;
        unit.code = f.String("code", true);
        unit.name = f.String("name", true);
        unit.type = f.String("type");
        unit.parent_code = f.String("parent");
        unit.valid_from = f.Integer("valid_from", false, 1000, 9999);
        unit.valid_to = f.Integer("valid_to", false, 1000, 9999);
        unit.successor_code = f.String("successor");
        unit.demo = f.Bool("demo", false);
        unit.source = Source(path);
        ForEachObject(f, "departments", [&](const JsonValue& element, const std::string& element_path) {
            Fields d(*this, element, element_path, {"code", "name"});
            Department department;
            department.code = d.String("code", true);
            department.name = d.String("name", true);
            unit.departments.push_back(std::move(department));
        });
        return unit;
    }

    PeerGroup ReadGroup(const JsonValue& object, const std::string& path) {
        Fields f(*this, object, path, {"code", "name", "year", "framework", "members"});
        PeerGroup group;
        group.code = f.String("code", true);
        group.name = f.String("name", true);
        group.year = f.Integer("year", true, 1000, 9999).value_or(0);
        group.framework_code = f.String("framework");
        group.source = Source(path);
        if (const JsonValue* members = f.Array("members")) {
            for (std::size_t i = 0; i < members->items.size(); ++i) {
                const std::string member_path = Index(f.Path("members"), i);
                const JsonValue& element = members->items[i];
                GroupMember member;
                member.source = Source(member_path);
                if (element.kind == JsonValue::Kind::kString) {
                    member.unit_code = NormalizeNfc(element.text);
                    if (member.unit_code.empty()) {
                        Fail(member_path, "members", &element, "mã đơn vị trống", "empty unit code");
                    }
                } else if (element.kind == JsonValue::Kind::kObject) {
                    Fields m(*this, element, member_path, {"unit", "ranked"});
                    member.unit_code = m.String("unit", true);
                    member.ranked = m.Bool("ranked", true);
                } else {
                    Fail(member_path, "members", &element,
                         "cần mã đơn vị (chuỗi) hoặc {\"unit\": ..., \"ranked\": ...}",
                         "a unit code (string) or {\"unit\": ..., \"ranked\": ...} is expected");
                    continue;
                }
                group.members.push_back(std::move(member));
            }
        }
        return group;
    }

    Framework ReadFramework(const JsonValue& object, const std::string& path) {
        Fields f(*this, object, path,
                 {"code", "title", "version", "decision", "previous", "max", "display_decimals", "bands", "nodes"});
        Framework framework;
        framework.code = f.String("code", true);
        framework.title = f.String("title");
        framework.version = f.String("version");
        framework.decision = f.String("decision");
        framework.previous_code = f.String("previous");
        framework.max = f.Number("max");
        framework.display_decimals = f.Integer("display_decimals", false, 0, 3).value_or(2);
        framework.source = Source(path);
        ForEachObject(f, "bands", [&](const JsonValue& element, const std::string& element_path) {
            Fields b(*this, element, element_path, {"code", "name", "min_index", "demo"});
            Band band;
            band.code = b.String("code", true);
            band.name = b.String("name", true);
            band.min_index = b.Number("min_index", true).value_or(Decimal());
            band.demo = b.Bool("demo", false);
            framework.bands.push_back(std::move(band));
        });
        ForEachObject(f, "nodes", [&](const JsonValue& element, const std::string& element_path) {
            Fields n(*this, element, element_path,
                     {"code", "parent", "title", "max", "method", "evidence_required", "responsible", "previous_code",
                      "max_only", "declared_difference", "max_provenance"});
            FrameworkNode node;
            node.code = n.String("code", true);
            node.parent_code = n.String("parent");
            node.title = n.String("title");
            node.max = n.Number("max");
            node.method = n.Method("method", ScoringMethod::kAppraisal).value_or(ScoringMethod::kAppraisal);
            node.evidence_required = n.Bool("evidence_required", false);
            node.responsible = n.String("responsible");
            node.previous_code = n.String("previous_code");
            node.max_only = n.Bool("max_only", false);
            node.declared_difference = n.Number("declared_difference");
            node.max_provenance = n.ProvenanceField("max_provenance", Provenance::kPublished);
            node.note = n.String("note");
            node.source = Source(element_path);
            framework.nodes.push_back(std::move(node));
        });
        return framework;
    }

    Assessment ReadAssessment(const JsonValue& object, const std::string& path) {
        Fields f(*this, object, path,
                 {"unit", "year", "framework", "status", "losses_complete", "total", "parts", "ranks", "nodes"});
        Assessment assessment;
        assessment.unit_code = f.String("unit", true);
        assessment.year = f.Integer("year", true, 1000, 9999).value_or(0);
        assessment.framework_code = f.String("framework");
        if (const std::string status = f.String("status"); !status.empty()) {
            if (auto parsed = ParseStatusText(status)) {
                assessment.status = *parsed;
            } else {
                Fail(f.Path("status"), "status", f.Find("status"),
                     "trạng thái không hợp lệ; dùng draft, submitted, appraised, final hoặc published",
                     "unknown status; use draft, submitted, appraised, final or published");
            }
        }
        assessment.losses_complete = f.Bool("losses_complete", false);
        assessment.note = f.String("note");
        assessment.source = Source(path);
        if (const JsonValue* total = f.Object("total")) {
            Fields t(*this, *total, f.Path("total"), {"self", "points", "max", "change", "provenance"});
            assessment.total_self = t.Number("self");
            assessment.total_points = t.Number("points");
            assessment.total_max = t.Number("max");
            assessment.total_change = t.Number("change");
            assessment.total_provenance = t.ProvenanceField("provenance", Provenance::kPublished);
        }
        ForEachObject(f, "parts", [&](const JsonValue& element, const std::string& element_path) {
            Fields p(*this, element, element_path,
                     {"method", "self", "points", "max", "index", "change", "provenance"});
            PartFigure part;
            if (p.Present("method", true) != nullptr) {
                part.method = p.Method("method", ScoringMethod::kAppraisal).value_or(ScoringMethod::kAppraisal);
            }
            part.self = p.Number("self");
            part.points = p.Number("points");
            part.max = p.Number("max");
            part.index = p.Number("index");
            part.change = p.Number("change");
            part.provenance = p.ProvenanceField("provenance", Provenance::kPublished);
            part.source = Source(element_path);
            assessment.parts.push_back(std::move(part));
        });
        ForEachObject(f, "ranks", [&](const JsonValue& element, const std::string& element_path) {
            Fields r(*this, element, element_path, {"group", "scope", "rank", "of", "provenance"});
            PublishedRank rank;
            rank.group_code = r.String("group", true);
            if (std::string scope = r.String("scope"); !scope.empty()) {
                const bool valid = scope == "total" ||
                                   (scope.rfind("part:", 0) == 0 && ParseMethodText(scope.substr(5)).has_value()) ||
                                   (scope.rfind("node:", 0) == 0 && scope.size() > 5);
                if (!valid) {
                    Fail(r.Path("scope"), "scope", r.Find("scope"),
                         "phạm vi không hợp lệ; dùng total, part:appraisal, part:survey, part:data hoặc node:MÃ",
                         "unknown scope; use total, part:appraisal, part:survey, part:data or node:CODE");
                } else if (scope.rfind("part:", 0) == 0) {
                    scope = std::string("part:") + ScoringMethodName(*ParseMethodText(scope.substr(5)));
                }
                rank.scope = scope;
            }
            rank.rank = r.Integer("rank", true, 1, 1000000).value_or(0);
            rank.of = r.Integer("of", false, 0, 1000000).value_or(0);
            rank.provenance = r.ProvenanceField("provenance", Provenance::kPublished);
            rank.source = Source(element_path);
            assessment.ranks.push_back(std::move(rank));
        });
        ForEachObject(f, "nodes", [&](const JsonValue& element, const std::string& element_path) {
            Fields n(
                *this, element, element_path,
                {"code", "self", "appraised", "change", "explanation", "reason", "cause", "responsible", "provenance"});
            NodeScore score;
            score.code = n.String("code", true);
            score.self = n.Number("self");
            score.appraised = n.Number("appraised");
            score.change = n.Number("change");
            score.explanation = n.String("explanation");
            score.reason = n.String("reason");
            score.cause = n.String("cause");
            score.responsible = n.String("responsible");
            score.provenance = n.ProvenanceField("provenance", Provenance::kEntered);
            score.note = n.String("note");
            score.source = Source(element_path);
            assessment.nodes.push_back(std::move(score));
        });
        return assessment;
    }

    Bundle ReadBundle(const JsonValue& root) {
        Bundle bundle;
        if (root.kind != JsonValue::Kind::kObject) {
            Fail("$", "", &root, "tệp phải chứa một đối tượng JSON {...}", "the file must hold a JSON object {...}");
            return bundle;
        }
        Fields f(*this, root, "$", {"units", "groups", "frameworks", "framework", "assessments"});
        ForEachObject(f, "units",
                      [&](const JsonValue& e, const std::string& p) { bundle.units.push_back(ReadUnit(e, p)); });
        ForEachObject(f, "groups",
                      [&](const JsonValue& e, const std::string& p) { bundle.groups.push_back(ReadGroup(e, p)); });
        ForEachObject(f, "frameworks", [&](const JsonValue& e, const std::string& p) {
            bundle.frameworks.push_back(ReadFramework(e, p));
        });
        if (const JsonValue* single = f.Object("framework")) {
            bundle.frameworks.push_back(ReadFramework(*single, f.Path("framework")));
        }
        ForEachObject(f, "assessments", [&](const JsonValue& e, const std::string& p) {
            bundle.assessments.push_back(ReadAssessment(e, p));
        });
        return bundle;
    }

  private:
    std::string file_;
    ImportErrors errors_;
};

// Line and column (1-based) of a byte offset, for syntax errors.
std::pair<std::int64_t, std::int64_t> LineAndColumn(std::string_view content, std::size_t offset) {
    std::int64_t line = 1;
    std::int64_t column = 1;
    for (std::size_t i = 0; i < offset && i < content.size(); ++i) {
        if (content[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(content[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

Result<Bundle> ParseBundleJson(std::string_view content, const std::string& file_name) {
    if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::basic_parser<TreeBuilder> parser(options);
    boost::json::error_code error;
    const std::size_t consumed = parser.write_some(false, content.data(), content.size(), error);
    if (error) {
        const auto [line, column] = LineAndColumn(content, consumed);
        ErrorDetail detail;
        detail.file = file_name;
        detail.line = line;
        detail.column = column;
        detail.reason = Text{"JSON không hợp lệ: " + error.message(), "invalid JSON: " + error.message()};
        return ImportErrors::MakeFileError(file_name, {detail});
    }
    BundleReader reader(file_name);
    Bundle bundle = reader.ReadBundle(parser.handler().Root());
    if (!reader.Errors().Empty()) return reader.Errors().ToError();
    return bundle;
}

namespace {

void WriteProvenance(JsonWriter& w, const char* key, Provenance provenance) {
    w.Key(key).String(ProvenanceName(provenance));
}

void WriteUnit(JsonWriter& w, const Unit& unit) {
    w.BeginObject();
    w.Key("code").String(unit.code);
    w.Key("name").String(unit.name);
    w.Key("type").String(unit.type);
    w.Key("parent");
    unit.parent_code.empty() ? w.Null() : w.String(unit.parent_code);
    w.Key("valid_from").Int(unit.valid_from);
    w.Key("valid_to").Int(unit.valid_to);
    w.Key("successor");
    unit.successor_code.empty() ? w.Null() : w.String(unit.successor_code);
    w.Key("demo").Bool(unit.demo);
    w.Key("departments").BeginArray();
    for (const Department& department : unit.departments) {
        w.BeginObject().Key("code").String(department.code).Key("name").String(department.name).EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void WriteGroup(JsonWriter& w, const PeerGroup& group) {
    w.BeginObject();
    w.Key("code").String(group.code);
    w.Key("name").String(group.name);
    w.Key("year").Int(static_cast<std::int64_t>(group.year));
    w.Key("framework");
    group.framework_code.empty() ? w.Null() : w.String(group.framework_code);
    w.Key("members").BeginArray();
    for (const GroupMember& member : group.members) {
        if (member.ranked) {
            w.String(member.unit_code);
        } else {
            w.BeginObject().Key("unit").String(member.unit_code).Key("ranked").Bool(false).EndObject();
        }
    }
    w.EndArray();
    w.EndObject();
}

void WriteFramework(JsonWriter& w, const Framework& framework) {
    w.BeginObject();
    w.Key("code").String(framework.code);
    w.Key("title").String(framework.title);
    w.Key("version").String(framework.version);
    w.Key("decision").String(framework.decision);
    w.Key("previous");
    framework.previous_code.empty() ? w.Null() : w.String(framework.previous_code);
    w.Key("max").Number(framework.max);
    w.Key("display_decimals").Int(static_cast<std::int64_t>(framework.display_decimals));
    w.Key("bands");
    WriteBandsJson(w, framework.bands);
    w.Key("nodes").BeginArray();
    for (const FrameworkNode& node : framework.nodes) {
        w.BeginObject();
        w.Key("code").String(node.code);
        w.Key("parent");
        node.parent_code.empty() ? w.Null() : w.String(node.parent_code);
        w.Key("title").String(node.title);
        w.Key("max").Number(node.max);
        w.Key("method").String(ScoringMethodName(node.method));
        w.Key("evidence_required").Bool(node.evidence_required);
        w.Key("responsible").String(node.responsible);
        w.Key("previous_code");
        node.previous_code.empty() ? w.Null() : w.String(node.previous_code);
        w.Key("max_only").Bool(node.max_only);
        w.Key("declared_difference").Number(node.declared_difference);
        WriteProvenance(w, "max_provenance", node.max_provenance);
        w.Key("note").String(node.note);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void WriteAssessment(JsonWriter& w, const Assessment& assessment) {
    w.BeginObject();
    w.Key("unit").String(assessment.unit_code);
    w.Key("year").Int(static_cast<std::int64_t>(assessment.year));
    w.Key("framework");
    assessment.framework_code.empty() ? w.Null() : w.String(assessment.framework_code);
    w.Key("status").String(AssessmentStatusName(assessment.status));
    w.Key("losses_complete").Bool(assessment.losses_complete);
    w.Key("total").BeginObject();
    w.Key("self").Number(assessment.total_self);
    w.Key("points").Number(assessment.total_points);
    w.Key("max").Number(assessment.total_max);
    w.Key("change").Number(assessment.total_change);
    WriteProvenance(w, "provenance", assessment.total_provenance);
    w.EndObject();
    w.Key("parts").BeginArray();
    for (const PartFigure& part : assessment.parts) {
        w.BeginObject();
        w.Key("method").String(ScoringMethodName(part.method));
        w.Key("self").Number(part.self);
        w.Key("points").Number(part.points);
        w.Key("max").Number(part.max);
        w.Key("index").Number(part.index);
        w.Key("change").Number(part.change);
        WriteProvenance(w, "provenance", part.provenance);
        w.EndObject();
    }
    w.EndArray();
    w.Key("ranks").BeginArray();
    for (const PublishedRank& rank : assessment.ranks) {
        w.BeginObject();
        w.Key("group").String(rank.group_code);
        w.Key("scope").String(rank.scope);
        w.Key("rank").Int(static_cast<std::int64_t>(rank.rank));
        w.Key("of").Int(static_cast<std::int64_t>(rank.of));
        WriteProvenance(w, "provenance", rank.provenance);
        w.EndObject();
    }
    w.EndArray();
    w.Key("nodes").BeginArray();
    for (const NodeScore& score : assessment.nodes) {
        w.BeginObject();
        w.Key("code").String(score.code);
        w.Key("self").Number(score.self);
        w.Key("appraised").Number(score.appraised);
        w.Key("change").Number(score.change);
        w.Key("explanation").String(score.explanation);
        w.Key("reason").String(score.reason);
        w.Key("cause").String(score.cause);
        w.Key("responsible").String(score.responsible);
        WriteProvenance(w, "provenance", score.provenance);
        w.Key("note").String(score.note);
        w.EndObject();
    }
    w.EndArray();
    w.Key("note").String(assessment.note);
    w.EndObject();
}

}  // namespace

std::string WriteBundleJson(const Bundle& bundle) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("units").BeginArray();
    for (const Unit& unit : bundle.units) WriteUnit(w, unit);
    w.EndArray();
    w.Key("groups").BeginArray();
    for (const PeerGroup& group : bundle.groups) WriteGroup(w, group);
    w.EndArray();
    w.Key("frameworks").BeginArray();
    for (const Framework& framework : bundle.frameworks) WriteFramework(w, framework);
    w.EndArray();
    w.Key("assessments").BeginArray();
    for (const Assessment& assessment : bundle.assessments) WriteAssessment(w, assessment);
    w.EndArray();
    w.EndObject();
    std::string out = w.Take();
    out += '\n';
    return out;
}

}  // namespace parindex
