// The JSON form of a dossier definition set: reading with an error per field, and writing.
#include "formats/definition_json.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/service_index.hpp"
#include "formats/unicode.hpp"

namespace parindex {
namespace {

namespace json = boost::json;

constexpr std::int64_t kMaxWhole = 1'000'000'000'000;

std::string Shown(const json::value& value) {
    if (value.is_string()) return std::string(value.as_string());
    if (value.is_double()) {
        // The shortest text that reads back (1.5, not 1.5E0).
        char buffer[32];
        const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value.as_double());
        if (error == std::errc()) return std::string(buffer, end);
    }
    return json::serialize(value);
}

/// Reads the members of one definition-set object over a DefinitionSet, collecting every problem.
class SetReader {
  public:
    SetReader(const json::object& object, std::string path, std::string file, std::vector<ErrorDetail>& errors,
              std::string code = {})
        : object_(object), path_(std::move(path)), file_(std::move(file)), errors_(errors), code_(std::move(code)) {}

    DefinitionSet Read() {
        DefinitionSet set = DefaultDefinitionSet();
        const std::size_t before = errors_.size();
        for (const auto& member : object_) {
            const std::string key(member.key());
            const auto& keys = DefinitionSetJsonKeys();
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                Fail(key, Shown(member.value()),
                     {"trường không có trong bộ quy tắc (các trường: " + KeyList() + ")",
                      "not a field of a definition set (the fields: " + KeyList() + ")"});
            }
        }
        if (code_.empty()) Required("code");
        Required("name");
        set.code = code_;
        String("code", set.code);
        set.version = 1;
        Whole("version", set.version);
        String("name", set.name.vi);
        set.name.en.clear();
        String("name_en", set.name.en);
        Bool("day_level", set.day_level);
        Whole("early_seconds", set.early_seconds);
        Whole("early_days", set.early_days);
        Whole("grace_seconds", set.grace_seconds);
        if (const json::value* value = object_.if_contains("denominator"); value != nullptr) {
            std::optional<DenominatorConvention> parsed;
            if (value->is_string()) parsed = ParseDenominatorConvention(std::string(value->as_string()));
            if (parsed) {
                set.denominator = *parsed;
            } else {
                Fail("denominator", Shown(*value),
                     {"cần một trong processed_in_period (đã giải quyết trong kỳ), due_in_period (đến hạn trong kỳ), "
                      "to_process (phải giải quyết = tiếp nhận + kỳ trước chuyển sang)",
                      "one of processed_in_period, due_in_period, to_process is expected"});
            }
        }
        Bool("count_returned", set.count_returned);
        Bool("count_withdrawn", set.count_withdrawn);
        Bool("count_rejected", set.count_rejected);
        Whole("due_soon_days", set.due_soon_days);
        Whole("apology_min_lead_seconds", set.apology_min_lead_seconds);
        Whole("max_apologies", set.max_apologies);
        Whole("supplement_fault_threshold", set.supplement_fault_threshold);
        if (const json::value* value = object_.if_contains("service_index"); value != nullptr) {
            ReadServiceIndex(*value, set);
        }
        // Ranges, only for the fields read well (a wrong type is reported once).
        for (ErrorDetail& detail : ValidateDefinitionSet(set)) {
            const bool reported = std::any_of(errors_.begin() + static_cast<std::ptrdiff_t>(before), errors_.end(),
                                              [&](const ErrorDetail& e) { return e.field == detail.field; });
            if (reported) continue;
            detail.file = file_;
            detail.path = path_ + "." + detail.field;
            errors_.push_back(std::move(detail));
        }
        return set;
    }

  private:
    /// "service_index": {"code", "name", "name_en", "indicators": [{"code", "name", "name_en", "measure", "unit",
    /// "comparator", "target", "max_points", "method", "floor", "thresholds": [[value, points], …]}]}.
    void ReadServiceIndex(const json::value& value, DefinitionSet& set) {
        const std::string at = "service_index";
        if (!value.is_object()) {
            Fail(at, Shown(value), {"cần một đối tượng {...} (bảng điểm nhóm 766)", "an object {...} is expected"});
            return;
        }
        const json::object& object = value.as_object();
        auto group = std::make_shared<ServiceIndexGroup>();
        ReadText(object, at, "code", group->code);
        ReadText(object, at, "name", group->name.vi);
        ReadText(object, at, "name_en", group->name.en);
        const json::value* indicators = object.if_contains("indicators");
        if (indicators == nullptr || !indicators->is_array()) {
            Fail(at + ".indicators", indicators != nullptr ? Shown(*indicators) : "",
                 {"cần một mảng các chỉ số", "an array of indicators is expected"});
            return;
        }
        std::size_t index = 0;
        for (const json::value& element : indicators->as_array()) {
            const std::string where = at + ".indicators[" + std::to_string(index++) + "]";
            if (!element.is_object()) {
                Fail(where, Shown(element), {"cần một đối tượng {...}", "an object {...} is expected"});
                continue;
            }
            const json::object& item = element.as_object();
            ServiceIndicatorRule rule;
            ReadText(item, where, "code", rule.code);
            ReadText(item, where, "name", rule.name.vi);
            ReadText(item, where, "name_en", rule.name.en);
            ReadText(item, where, "unit", rule.unit_of_measure);
            std::string text;
            if (ReadText(item, where, "measure", text)) {
                if (auto measure = ParseKpiMeasure(text)) {
                    rule.measure = *measure;
                } else {
                    Fail(where + ".measure", text,
                         {"không phải thước đo hồ sơ (on_time_rate, late_without_apology…)",
                          "not a dossier measure (on_time_rate, late_without_apology…)"});
                }
            }
            if (ReadText(item, where, "comparator", text)) {
                if (auto comparator = ParseKpiComparator(text)) {
                    rule.comparator = *comparator;
                } else {
                    Fail(where + ".comparator", text, {"cần >=, <= hoặc =", ">=, <= or = is expected"});
                }
            }
            if (ReadText(item, where, "method", text)) {
                if (auto method = ParseKpiScoringMethod(text)) {
                    rule.rule.method = *method;
                } else {
                    Fail(where + ".method", text,
                         {"cần full_at, proportional hoặc thresholds",
                          "full_at, proportional or thresholds is expected"});
                }
            }
            ReadDecimal(item, where, "target", rule.target);
            ReadDecimal(item, where, "max_points", rule.max_points);
            ReadDecimal(item, where, "floor", rule.rule.floor);
            if (const json::value* steps = item.if_contains("thresholds"); steps != nullptr) {
                if (!steps->is_array()) {
                    Fail(where + ".thresholds", Shown(*steps),
                         {"cần một mảng [giá trị, điểm]", "an array of [value, points] is expected"});
                } else {
                    for (const json::value& step : steps->as_array()) {
                        std::optional<Decimal> threshold;
                        std::optional<Decimal> points;
                        if (step.is_array() && step.as_array().size() == 2) {
                            threshold = DecimalOf(step.as_array()[0]);
                            points = DecimalOf(step.as_array()[1]);
                        }
                        if (!threshold || !points) {
                            Fail(where + ".thresholds", Shown(step),
                                 {"cần [giá trị, điểm]", "[value, points] is expected"});
                            continue;
                        }
                        rule.rule.thresholds.emplace_back(*threshold, *points);
                    }
                }
            }
            group->indicators.push_back(std::move(rule));
        }
        set.service_index = std::move(group);
    }

    /// A decimal given as a number or as text ("95,5" or "95.5"); nothing otherwise.
    static std::optional<Decimal> DecimalOf(const json::value& value) {
        if (value.is_int64()) return Decimal::FromInt(value.as_int64());
        if (value.is_uint64() && value.as_uint64() < 1'000'000'000U) {
            return Decimal::FromInt(static_cast<std::int64_t>(value.as_uint64()));
        }
        if (value.is_double()) return Decimal::FromDouble(value.as_double());
        if (value.is_string())
            return Decimal::Parse(std::string_view(value.as_string().data(), value.as_string().size()));
        return std::nullopt;
    }

    void ReadDecimal(const json::object& object, const std::string& at, const char* name, Decimal& out) {
        const json::value* value = object.if_contains(name);
        if (value == nullptr) return;
        if (auto decimal = DecimalOf(*value)) {
            out = *decimal;
        } else {
            Fail(at + "." + name, Shown(*value),
                 {"cần một số (tối đa 3 chữ số thập phân)", "a number (at most 3 decimals) is expected"});
        }
    }

    /// Reads a string member; true when present and a string.
    bool ReadText(const json::object& object, const std::string& at, const char* name, std::string& out) {
        const json::value* value = object.if_contains(name);
        if (value == nullptr) return false;
        if (!value->is_string()) {
            Fail(at + "." + name, Shown(*value), {"cần một chuỗi", "a string is expected"});
            return false;
        }
        out = NormalizeNfc(std::string_view(value->as_string().data(), value->as_string().size()));
        return true;
    }

    static std::string KeyList() {
        std::string list;
        for (const std::string& key : DefinitionSetJsonKeys()) list += (list.empty() ? "" : ", ") + key;
        return list;
    }

    void Fail(const std::string& field, std::string value, Text reason) {
        ErrorDetail detail;
        detail.file = file_;
        detail.path = path_ + "." + field;
        detail.field = field;
        detail.value = std::move(value);
        detail.reason = std::move(reason);
        errors_.push_back(std::move(detail));
    }

    void Required(const char* name) {
        if (object_.if_contains(name) == nullptr) Fail(name, "", {"thiếu trường bắt buộc", "required field missing"});
    }

    void String(const char* name, std::string& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        if (!value->is_string()) {
            Fail(name, Shown(*value), {"cần một chuỗi", "a string is expected"});
            return;
        }
        std::string text = NormalizeNfc(std::string_view(value->as_string().data(), value->as_string().size()));
        const auto first = text.find_first_not_of(" \t\r\n");
        const auto last = text.find_last_not_of(" \t\r\n");
        out = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    }

    void Bool(const char* name, bool& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        if (!value->is_bool()) {
            Fail(name, Shown(*value), {"cần true hoặc false", "true or false is expected"});
            return;
        }
        out = value->as_bool();
    }

    template <typename T>
    void Whole(const char* name, T& out) {
        const json::value* value = object_.if_contains(name);
        if (value == nullptr) return;
        std::optional<std::int64_t> number;
        if (value->is_int64()) number = value->as_int64();
        if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(kMaxWhole)) {
            number = static_cast<std::int64_t>(value->as_uint64());
        }
        if (value->is_double()) {
            const double d = value->as_double();
            if (d >= -static_cast<double>(kMaxWhole) && d <= static_cast<double>(kMaxWhole) &&
                d == static_cast<double>(static_cast<std::int64_t>(d))) {
                number = static_cast<std::int64_t>(d);
            }
        }
        if (!number || *number < -kMaxWhole || *number > kMaxWhole) {
            Fail(name, Shown(*value), {"cần một số nguyên", "a whole number is expected"});
            return;
        }
        if constexpr (sizeof(T) < sizeof(std::int64_t)) {
            // Out-of-range values of narrow fields become a value ValidateDefinitionSet refuses, shown as given.
            if (*number > INT32_MAX || *number < INT32_MIN) {
                Fail(name, Shown(*value), {"giá trị quá lớn", "the value is too large"});
                return;
            }
        }
        out = static_cast<T>(*number);
    }

    const json::object& object_;
    std::string path_;
    std::string file_;
    std::vector<ErrorDetail>& errors_;
    std::string code_;
};

Error InvalidSets(std::vector<ErrorDetail> details) {
    const ErrorDetail& first = details.front();
    std::string where = first.path.empty() ? std::string() : " (" + first.path + ")";
    std::string more_vi;
    std::string more_en;
    if (details.size() > 1) {
        more_vi = " và " + std::to_string(details.size() - 1) + " lỗi khác";
        more_en = " and " + std::to_string(details.size() - 1) + " more";
    }
    return MakeError(
        ErrorCode::kInvalidInput,
        "Bộ quy tắc thống kê không hợp lệ: " + first.field + where + ": " + first.reason.vi + more_vi + ".",
        "Invalid definition set: " + first.field + where + ": " + first.reason.en + more_en + ".", std::move(details));
}

/// Parses `text` as JSON; an error with line and column otherwise.
Result<json::value> Parse(std::string_view text, const std::string& file) {
    json::stream_parser parser;
    json::error_code ec;
    const std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        const std::size_t stop = std::min(consumed, text.size());
        std::int64_t line = 1;
        std::int64_t column = 1;
        for (std::size_t i = 0; i < stop; ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (byte == '\n') {
                ++line;
                column = 1;
            } else if ((byte & 0xC0U) != 0x80U) {  // Characters, not the continuation bytes of UTF-8.
                ++column;
            }
        }
        ErrorDetail detail;
        detail.file = file;
        detail.line = line;
        detail.column = column;
        detail.path = "$";
        detail.reason = {"JSON không hợp lệ: " + ec.message(), "malformed JSON: " + ec.message()};
        return InvalidSets({detail});
    }
    return parser.release();
}

ErrorDetail NotAnObject(const std::string& path, const std::string& file, const json::value& value) {
    ErrorDetail detail;
    detail.file = file;
    detail.path = path;
    detail.value = Shown(value).substr(0, 80);
    detail.reason = {"cần một đối tượng {...} của bộ quy tắc", "a definition set object {...} is expected"};
    return detail;
}

}  // namespace

const std::vector<std::string>& DefinitionSetJsonKeys() {
    static const std::vector<std::string> keys = {"code",
                                                  "version",
                                                  "name",
                                                  "name_en",
                                                  "day_level",
                                                  "early_seconds",
                                                  "early_days",
                                                  "grace_seconds",
                                                  "denominator",
                                                  "count_returned",
                                                  "count_withdrawn",
                                                  "count_rejected",
                                                  "due_soon_days",
                                                  "apology_min_lead_seconds",
                                                  "max_apologies",
                                                  "supplement_fault_threshold",
                                                  "service_index"};
    return keys;
}

Result<DefinitionSet> ReadDefinitionSetJson(std::string_view text, const std::string& file, const std::string& code) {
    auto value = Parse(text, file);
    if (!value) return value.TakeError();
    if (!value->is_object()) return InvalidSets({NotAnObject("$", file, *value)});
    std::vector<ErrorDetail> errors;
    DefinitionSet set = SetReader(value->as_object(), "$", file, errors, code).Read();
    if (!errors.empty()) return InvalidSets(std::move(errors));
    return set;
}

Result<std::vector<DefinitionSet>> ReadDefinitionSetsJson(std::string_view text, const std::string& file) {
    auto value = Parse(text, file);
    if (!value) return value.TakeError();
    if (value->is_object()) {
        auto one = ReadDefinitionSetJson(text, file);
        if (!one) return one.TakeError();
        return std::vector<DefinitionSet>{std::move(*one)};
    }
    if (!value->is_array()) return InvalidSets({NotAnObject("$", file, *value)});
    std::vector<ErrorDetail> errors;
    std::vector<DefinitionSet> sets;
    std::size_t index = 0;
    for (const json::value& element : value->as_array()) {
        const std::string path = "$[" + std::to_string(index++) + "]";
        if (!element.is_object()) {
            errors.push_back(NotAnObject(path, file, element));
            continue;
        }
        sets.push_back(SetReader(element.as_object(), path, file, errors).Read());
    }
    if (!errors.empty()) return InvalidSets(std::move(errors));
    return sets;
}

void WriteDefinitionSetJson(JsonWriter& w, const DefinitionSet& set) {
    w.BeginObject();
    w.Key("code").String(set.code);
    w.Key("version").Int(static_cast<std::int64_t>(set.version));
    w.Key("name").String(set.name.vi);
    w.Key("name_en").String(set.name.en);
    w.Key("day_level").Bool(set.day_level);
    w.Key("early_seconds").Int(set.early_seconds);
    w.Key("early_days").Int(static_cast<std::int64_t>(set.early_days));
    w.Key("grace_seconds").Int(set.grace_seconds);
    w.Key("denominator").String(DenominatorConventionName(set.denominator));
    w.Key("count_returned").Bool(set.count_returned);
    w.Key("count_withdrawn").Bool(set.count_withdrawn);
    w.Key("count_rejected").Bool(set.count_rejected);
    w.Key("due_soon_days").Int(static_cast<std::int64_t>(set.due_soon_days));
    w.Key("apology_min_lead_seconds").Int(set.apology_min_lead_seconds);
    w.Key("max_apologies").Int(static_cast<std::int64_t>(set.max_apologies));
    w.Key("supplement_fault_threshold").Int(static_cast<std::int64_t>(set.supplement_fault_threshold));
    WriteServiceIndexJson(w.Key("service_index"), ServiceIndexOf(set));
    w.EndObject();
}

void WriteServiceIndexJson(JsonWriter& w, const ServiceIndexGroup& group) {
    w.BeginObject().Key("code").String(group.code).Key("name").String(group.name.vi);
    w.Key("name_en").String(group.name.en).Key("indicators").BeginArray();
    for (const ServiceIndicatorRule& rule : group.indicators) {
        w.BeginObject().Key("code").String(rule.code).Key("name").String(rule.name.vi);
        w.Key("name_en").String(rule.name.en).Key("measure").String(KpiMeasureName(rule.measure));
        w.Key("unit").String(rule.unit_of_measure).Key("comparator").String(KpiComparatorName(rule.comparator));
        w.Key("target").Number(rule.target).Key("max_points").Number(rule.max_points);
        w.Key("method").String(KpiScoringMethodName(rule.rule.method)).Key("floor").Number(rule.rule.floor);
        w.Key("thresholds").BeginArray();
        for (const auto& [value, points] : rule.rule.thresholds) w.BeginArray().Number(value).Number(points).EndArray();
        w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
}

std::string DefinitionSetToJson(const DefinitionSet& set, int indent) {
    JsonWriter w(indent);
    WriteDefinitionSetJson(w, set);
    return w.Take();
}

}  // namespace parindex
