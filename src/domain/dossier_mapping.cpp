#include "domain/dossier_mapping.hpp"

#include <set>

#include "domain/vietnamese_text.hpp"

namespace parindex {
namespace {

constexpr std::array<const char*, kDossierFieldCount> kFieldNames = {"id",
                                                                     "unit",
                                                                     "department",
                                                                     "procedure",
                                                                     "procedure_name",
                                                                     "field",
                                                                     "field_name",
                                                                     "channel",
                                                                     "status",
                                                                     "received",
                                                                     "due",
                                                                     "finished",
                                                                     "returned",
                                                                     "supplement_requests",
                                                                     "apology_letters"};

struct FieldLabel {
    const char* vi;
    const char* en;
};
constexpr std::array<FieldLabel, kDossierFieldCount> kFieldLabels = {{
    {"Mã hồ sơ", "Dossier id"},
    {"Mã đơn vị", "Unit code"},
    {"Mã bộ phận", "Department code"},
    {"Mã thủ tục", "Procedure code"},
    {"Tên thủ tục", "Procedure name"},
    {"Mã lĩnh vực", "Field code"},
    {"Tên lĩnh vực", "Field name"},
    {"Kênh tiếp nhận", "Channel"},
    {"Trạng thái", "Status"},
    {"Ngày tiếp nhận", "Received"},
    {"Hạn trả kết quả", "Due"},
    {"Ngày hoàn thành", "Finished"},
    {"Ngày trả kết quả", "Returned"},
    {"Số lần yêu cầu bổ sung", "Supplement requests"},
    {"Số văn bản xin lỗi", "Apology letters"},
}};

bool IsCode(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

ErrorDetail Problem(std::string field, std::string value, std::string vi, std::string en) {
    ErrorDetail detail;
    detail.field = std::move(field);
    detail.value = std::move(value);
    detail.reason = Text{std::move(vi), std::move(en)};
    return detail;
}

}  // namespace

const char* DossierSourceFormatName(DossierSourceFormat format) {
    switch (format) {
        case DossierSourceFormat::kCsv:
            return "csv";
        case DossierSourceFormat::kXlsx:
            return "xlsx";
        case DossierSourceFormat::kJson:
            return "json";
    }
    return "csv";
}

std::optional<DossierSourceFormat> ParseDossierSourceFormat(std::string_view name) {
    if (name == "csv") return DossierSourceFormat::kCsv;
    if (name == "xlsx") return DossierSourceFormat::kXlsx;
    if (name == "json") return DossierSourceFormat::kJson;
    return std::nullopt;
}

const char* DossierTimeFormatName(DossierTimeFormat format) {
    switch (format) {
        case DossierTimeFormat::kAuto:
            return "auto";
        case DossierTimeFormat::kIso:
            return "iso";
        case DossierTimeFormat::kVn:
            return "vn";
    }
    return "auto";
}

std::optional<DossierTimeFormat> ParseDossierTimeFormat(std::string_view name) {
    if (name == "auto") return DossierTimeFormat::kAuto;
    if (name == "iso") return DossierTimeFormat::kIso;
    if (name == "vn") return DossierTimeFormat::kVn;
    return std::nullopt;
}

const char* DossierDictionaryModeName(DossierDictionaryMode mode) {
    return mode == DossierDictionaryMode::kStrict ? "strict" : "auto";
}

std::optional<DossierDictionaryMode> ParseDossierDictionaryMode(std::string_view name) {
    if (name == "strict") return DossierDictionaryMode::kStrict;
    if (name == "auto") return DossierDictionaryMode::kAuto;
    return std::nullopt;
}

const char* DossierFieldName(DossierField field) { return kFieldNames[static_cast<std::size_t>(field)]; }

Text DossierFieldLabel(DossierField field) {
    const FieldLabel& label = kFieldLabels[static_cast<std::size_t>(field)];
    return Text{label.vi, label.en};
}

std::optional<DossierField> ParseDossierField(std::string_view name) {
    for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
        if (name == kFieldNames[i]) return static_cast<DossierField>(i);
    }
    return std::nullopt;
}

bool IsRequiredDossierField(DossierField field) {
    return field == DossierField::kId || field == DossierField::kUnit || field == DossierField::kChannel ||
           field == DossierField::kReceived || field == DossierField::kDue;
}

DossierMapping BenchmarkDossierMapping() {
    DossierMapping mapping;
    mapping.name = "benchmark";
    mapping.description = "Bố cục CSV của bộ đo hiệu năng (bench/dossiers.md)";
    mapping.Column(DossierField::kId) = "dossier_id";
    mapping.Column(DossierField::kUnit) = "unit_code";
    mapping.Column(DossierField::kDepartment) = "department_code";
    mapping.Column(DossierField::kProcedure) = "procedure_code";
    mapping.Column(DossierField::kField) = "field_code";
    mapping.Column(DossierField::kChannel) = "channel";
    mapping.Column(DossierField::kReceived) = "received_at";
    mapping.Column(DossierField::kDue) = "due_at";
    mapping.Column(DossierField::kFinished) = "finished_at";
    mapping.Column(DossierField::kReturned) = "returned_at";
    mapping.Column(DossierField::kSupplements) = "supplement_requests";
    mapping.Column(DossierField::kApologies) = "apology_letters";
    mapping.Column(DossierField::kStatus) = "status";
    return mapping;
}

std::vector<ErrorDetail> ValidateDossierMapping(const DossierMapping& mapping) {
    std::vector<ErrorDetail> problems;
    if (!IsCode(mapping.name)) {
        problems.push_back(Problem("name", mapping.name,
                                   "tên cấu hình ánh xạ cần 1–64 ký tự chữ không dấu, số, '-', '_' hoặc '.'",
                                   "a mapping name needs 1–64 letters, digits, '-', '_' or '.'"));
    }
    if (mapping.version < 1) {
        problems.push_back(Problem("version", std::to_string(mapping.version), "phiên bản phải từ 1 trở lên",
                                   "the version must be 1 or more"));
    }
    if (mapping.header_row < 1 || mapping.header_row > 1000) {
        problems.push_back(Problem("header_row", std::to_string(mapping.header_row), "dòng tiêu đề phải từ 1 đến 1000",
                                   "the header row must be from 1 to 1000"));
    }
    if (mapping.format == DossierSourceFormat::kJson && !mapping.json_path.empty()) {
        std::string_view path = mapping.json_path;
        bool ok = path.front() != '.' && path.back() != '.' && path.find("..") == std::string_view::npos;
        if (!ok) {
            problems.push_back(Problem("json_path", mapping.json_path,
                                       "đường dẫn JSON cần dạng khoá.khoá (ví dụ data.items)",
                                       "a JSON path needs the form key.key (e.g. data.items)"));
        }
    }
    std::map<std::string, std::string> seen;  // folded header -> field
    for (int i = 0; i < kDossierFieldCount; ++i) {
        const auto field = static_cast<DossierField>(i);
        const std::string& column = mapping.Column(field);
        const std::string where = std::string("columns.") + DossierFieldName(field);
        if (column.empty()) {
            if (IsRequiredDossierField(field) && !(field == DossierField::kUnit)) {
                problems.push_back(Problem(
                    where, "",
                    "chưa chọn cột cho trường bắt buộc \"" + DossierFieldLabel(field).In(Language::kVietnamese) + "\"",
                    "no column chosen for the required field \"" + DossierFieldLabel(field).In(Language::kEnglish) +
                        "\""));
            }
            continue;
        }
        const std::string folded = FoldVietnamese(column);
        auto [at, inserted] = seen.emplace(folded, DossierFieldName(field));
        if (!inserted) {
            problems.push_back(Problem(where, column, "cột này đã được chọn cho trường " + at->second,
                                       "this column is already chosen for the field " + at->second));
        }
    }
    // The unit comes from a column, the mapping's default unit, or (when both are empty) the importing unit.
    if (!mapping.default_unit.empty() && !IsCode(mapping.default_unit)) {
        problems.push_back(Problem("default_unit", mapping.default_unit, "mã đơn vị mặc định không hợp lệ",
                                   "the default unit code is not valid"));
    }
    for (const auto& [source, target] : mapping.status_values) {
        if (!ParseDossierStatus(target) || DossierStatusName(*ParseDossierStatus(target)) != target) {
            problems.push_back(Problem("status_values." + source, target,
                                       "cần in_progress, finished, returned, withdrawn hoặc rejected",
                                       "expected in_progress, finished, returned, withdrawn or rejected"));
        }
        if (FoldVietnamese(source).empty()) {
            problems.push_back(Problem("status_values", source, "giá trị nguồn trống", "the source text is empty"));
        }
    }
    for (const auto& [source, target] : mapping.channel_values) {
        if (!ParseChannel(target) || ChannelName(*ParseChannel(target)) != target) {
            problems.push_back(Problem("channel_values." + source, target,
                                       "cần direct, online_partial, online_full hoặc postal",
                                       "expected direct, online_partial, online_full or postal"));
        }
        if (FoldVietnamese(source).empty()) {
            problems.push_back(Problem("channel_values", source, "giá trị nguồn trống", "the source text is empty"));
        }
    }
    return problems;
}

std::optional<LocalTime> ParseMappedTime(std::string_view text, DossierTimeFormat format) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    if (format == DossierTimeFormat::kIso) {
        const bool iso = text.size() >= 5 && text[4] == '-';
        if (!iso) return std::nullopt;
    } else if (format == DossierTimeFormat::kVn) {
        const bool vn = (text.size() >= 2 && text[1] == '/') || (text.size() >= 3 && text[2] == '/');
        if (!vn) return std::nullopt;
    }
    return ParseLocalTime(text);
}

}  // namespace parindex
