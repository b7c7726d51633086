#include "formats/dossier_sources.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <utility>

#include "domain/vietnamese_text.hpp"
#include "formats/import_errors.hpp"
#include "formats/json_writer.hpp"
#include "formats/table.hpp"
#include "formats/unicode.hpp"

namespace parindex {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxDictionary = 65535;

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

/// One record of the source: a value (or nothing: no such column/key) and its place for every field.
struct Record {
    std::int64_t line = 0;  ///< CSV line or sheet row; 0 for JSON.
    std::string path;       ///< JSON: `$.data.items[3]`.
    std::array<std::optional<std::string>, kDossierFieldCount> values;
    std::array<std::int64_t, kDossierFieldCount> columns{};  ///< 0-based source column, -1 for none.
};

/// The records of a file, read through a mapping.
struct Source {
    std::string sheet;
    std::vector<std::string> headers;  ///< Table sources.
    std::vector<Record> records;
};

Error FileProblem(const std::string& file, const std::string& vi, const std::string& en,
                  std::vector<ErrorDetail> details = {}) {
    if (details.empty()) {
        ErrorDetail detail;
        detail.file = file;
        detail.reason = Text{vi, en};
        details.push_back(std::move(detail));
    }
    return MakeError(ErrorCode::kInvalidInput, "Tệp " + file + ": " + vi, "File " + file + ": " + en,
                     std::move(details));
}

/// The table's header row: its first line, or the row at `header_row`.
Status ApplyHeaderRow(Table& table, int header_row) {
    if (header_row <= 1) return OkStatus();
    auto at =
        std::find_if(table.rows.begin(), table.rows.end(), [&](const TableRow& row) { return row.line == header_row; });
    if (at == table.rows.end()) {
        return FileProblem(table.file, "không có dòng tiêu đề ở dòng " + std::to_string(header_row),
                           "there is no header at row " + std::to_string(header_row));
    }
    table.headers = at->cells;
    table.rows.erase(table.rows.begin(), at + 1);
    return OkStatus();
}

Result<Table> ReadTable(const std::string& path, const std::string& file_name, DossierSourceFormat format,
                        const std::string& sheet, int header_row) {
    Result<Table> table = [&]() -> Result<Table> {
        if (format == DossierSourceFormat::kXlsx) return ReadXlsx(path, file_name, sheet);
        Result<std::string> content = ReadFile(path);
        if (!content) return content.GetError();
        return ParseCsv(*content, file_name);
    }();
    if (!table) return table;
    if (Status status = ApplyHeaderRow(*table, header_row); !status) return status.GetError();
    return table;
}

/// The records of a table: the mapped columns found by folded header (a mapped column missing from the header
/// is an error naming it).
Result<Source> FromTable(Table table, const DossierMapping& mapping) {
    std::vector<std::string> folded;
    folded.reserve(table.headers.size());
    for (const std::string& header : table.headers) folded.push_back(FoldForMatching(header));
    std::array<std::int64_t, kDossierFieldCount> index{};
    index.fill(-1);
    std::vector<ErrorDetail> missing;
    for (int f = 0; f < kDossierFieldCount; ++f) {
        const std::string& column = mapping.columns[static_cast<std::size_t>(f)];
        if (column.empty()) continue;
        const std::string key = FoldForMatching(column);
        for (std::size_t i = 0; i < folded.size(); ++i) {
            if (!key.empty() && folded[i] == key) {
                index[static_cast<std::size_t>(f)] = static_cast<std::int64_t>(i);
                break;
            }
        }
        if (index[static_cast<std::size_t>(f)] < 0) {
            ErrorDetail detail;
            detail.file = table.file;
            detail.line = mapping.header_row;
            detail.field = DossierFieldName(static_cast<DossierField>(f));
            detail.value = column;
            detail.reason = Text{"dòng tiêu đề không có cột \"" + column + "\" (trường " + detail.field + ")",
                                 "the header has no column \"" + column + "\" (field " + detail.field + ")"};
            if (!table.sheet.empty()) detail.path = table.sheet;
            missing.push_back(std::move(detail));
        }
    }
    if (!missing.empty()) {
        const std::string count = std::to_string(missing.size());
        return FileProblem(table.file, "thiếu " + count + " cột của cấu hình ánh xạ " + mapping.name,
                           "lacks " + count + " columns of the mapping " + mapping.name, std::move(missing));
    }
    Source source;
    source.sheet = table.sheet;
    source.headers = table.headers;
    source.records.reserve(table.rows.size());
    for (TableRow& row : table.rows) {
        Record record;
        record.line = row.line;
        for (std::size_t f = 0; f < index.size(); ++f) {
            record.columns[f] = index[f];
            if (index[f] < 0) continue;
            const auto at = static_cast<std::size_t>(index[f]);
            record.values[f] = at < row.cells.size() ? std::string(Trim(row.cells[at])) : std::string();
        }
        source.records.push_back(std::move(record));
    }
    return source;
}

/// A JSON scalar as text: strings as they are, numbers as written (integers without a fraction), null empty.
std::optional<std::string> ScalarText(const json::value& value) {
    if (value.is_string()) return NormalizeNfc(Trim(std::string_view(value.get_string())));
    if (value.is_int64()) return std::to_string(value.get_int64());
    if (value.is_uint64()) return std::to_string(value.get_uint64());
    if (value.is_double()) {
        const double d = value.get_double();
        if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<std::int64_t>(d));
        return json::serialize(value);
    }
    if (value.is_bool()) return value.get_bool() ? "true" : "false";
    if (value.is_null()) return std::string();
    return std::nullopt;  // object or array
}

/// Finds `key` in `object`: exactly, then by folded key, then (dotted) inside a nested object.
const json::value* Lookup(const json::object& object, std::string_view key) {
    if (const json::value* exact = object.if_contains(key)) return exact;
    const std::string folded = FoldForMatching(key);
    for (const auto& member : object) {
        if (FoldForMatching(member.key()) == folded) return &member.value();
    }
    const std::size_t dot = key.find('.');
    if (dot == std::string_view::npos) return nullptr;
    const json::value* head = Lookup(object, key.substr(0, dot));
    if (head == nullptr || !head->is_object()) return nullptr;
    return Lookup(head->get_object(), key.substr(dot + 1));
}

/// The array of records at `path` (dotted keys; empty: the root), or the error naming where it stops.
Result<const json::array*> RecordsAt(const json::value& root, const std::string& path, const std::string& file) {
    const json::value* at = &root;
    std::string where = "$";
    std::string_view rest = path;
    while (!rest.empty()) {
        const std::size_t dot = rest.find('.');
        const std::string_view key = rest.substr(0, dot);
        rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
        const json::value* next = at->is_object() ? at->get_object().if_contains(key) : nullptr;
        if (next == nullptr) {
            ErrorDetail detail;
            detail.file = file;
            detail.path = where;
            detail.field = std::string(key);
            detail.reason = Text{"không có khoá \"" + std::string(key) + "\" tại " + where,
                                 "there is no key \"" + std::string(key) + "\" at " + where};
            return FileProblem(file, "không tìm thấy mảng hồ sơ tại " + path, "no array of dossiers at " + path,
                               {detail});
        }
        where += "." + std::string(key);
        at = next;
    }
    if (!at->is_array()) {
        ErrorDetail detail;
        detail.file = file;
        detail.path = where;
        detail.reason = Text{"cần một mảng các bản ghi hồ sơ", "expected an array of dossier records"};
        return FileProblem(file, where + " không phải một mảng", where + " is not an array", {detail});
    }
    return &at->get_array();
}

Result<json::value> ParseJsonFile(const std::string& path, const std::string& file_name) {
    Result<std::string> content = ReadFile(path);
    if (!content) return content.GetError();
    std::string_view text = *content;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    json::error_code error;
    json::value root = json::parse(text, error);
    if (error) {
        ErrorDetail detail;
        detail.file = file_name;
        detail.reason = Text{"JSON không hợp lệ: " + error.message(), "invalid JSON: " + error.message()};
        return FileProblem(file_name, "JSON không hợp lệ", "invalid JSON", {detail});
    }
    return root;
}

Result<Source> FromJson(const std::string& path, const std::string& file_name, const DossierMapping& mapping) {
    Result<json::value> root = ParseJsonFile(path, file_name);
    if (!root) return root.GetError();
    Result<const json::array*> array = RecordsAt(*root, mapping.json_path, file_name);
    if (!array) return array.GetError();
    Source source;
    const std::string base = mapping.json_path.empty() ? "$" : "$." + mapping.json_path;
    std::size_t n = 0;
    std::vector<ErrorDetail> bad;
    for (const json::value& item : **array) {
        Record record;
        record.path = base + "[" + std::to_string(n++) + "]";
        record.columns.fill(-1);
        if (!item.is_object()) {
            ErrorDetail detail;
            detail.file = file_name;
            detail.path = record.path;
            detail.reason = Text{"mỗi phần tử của mảng phải là một đối tượng", "every item must be an object"};
            bad.push_back(std::move(detail));
            continue;
        }
        for (std::size_t f = 0; f < kDossierFieldCount; ++f) {
            const std::string& key = mapping.columns[f];
            if (key.empty()) continue;
            const json::value* value = Lookup(item.get_object(), key);
            record.values[f] = value == nullptr ? std::optional<std::string>(std::string()) : ScalarText(*value);
            if (!record.values[f]) record.values[f] = json::serialize(*value);  // reported as a bad value
        }
        source.records.push_back(std::move(record));
    }
    if (!bad.empty()) {
        return FileProblem(file_name, "mảng hồ sơ có phần tử không phải đối tượng",
                           "the array of dossiers holds items that are not objects", std::move(bad));
    }
    return source;
}

/// An .xlsx date cell read as its serial number (days since 1899-12-30, a fraction for the time of day).
std::optional<LocalTime> FromExcelSerial(std::string_view text) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    bool dot = false;
    for (char c : text) {
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
    }
    const double serial = std::stod(std::string(text));
    if (serial < 36526 || serial > 86000) return std::nullopt;  // 2000-01-01 .. 2135
    const auto seconds = static_cast<std::int64_t>(std::llround((serial - 25569.0) * 86400.0));
    return LocalTime::FromSeconds(seconds);
}

/// Codes interned into the batch's dictionaries.
class Interner {
  public:
    explicit Interner(std::vector<std::string>& values) : values_(values) {}
    std::optional<std::uint16_t> Intern(const std::string& text) {
        auto found = index_.find(text);
        if (found != index_.end()) return found->second;
        if (values_.size() >= kMaxDictionary) return std::nullopt;
        const auto code = static_cast<std::uint16_t>(values_.size());
        values_.push_back(text);
        index_.emplace(text, code);
        return code;
    }

  private:
    std::vector<std::string>& values_;
    std::unordered_map<std::string, std::uint16_t> index_;
};

/// Turns records into compact rows, listing each bad row's problems.
class Converter {
  public:
    Converter(const DossierMapping& mapping, const DossierSourceOptions& options, const std::string& file,
              const Source& source, DossierSourceRead& out)
        : mapping_(mapping),
          options_(options),
          file_(file),
          source_(source),
          out_(out),
          units_(out.batch.units),
          departments_(out.batch.departments),
          procedures_(out.batch.procedures),
          fields_(out.batch.fields) {
        for (const auto& [text, name] : mapping.status_values) {
            if (auto status = ParseDossierStatus(name)) statuses_[FoldVietnamese(text)] = *status;
        }
        for (const auto& [text, name] : mapping.channel_values) {
            if (auto channel = ParseChannel(name)) channels_[FoldVietnamese(text)] = *channel;
        }
        out_.batch.parts.emplace_back();
    }

    void Add(const Record& record) {
        record_ = &record;
        row_errors_ = 0;
        CompactDossier row;
        DossierBatch::Part& part = out_.batch.parts.front();
        std::string id = Value(DossierField::kId);
        if (id.empty()) Fail(DossierField::kId, "thiếu mã hồ sơ", "the dossier id is missing");
        if (id.size() > 1000) Fail(DossierField::kId, "mã hồ sơ dài quá 1000 byte", "the id is longer than 1000 bytes");

        std::string unit = Value(DossierField::kUnit);
        if (unit.empty()) unit = mapping_.default_unit;
        if (unit.empty()) unit = options_.importing_unit;
        const std::string department = Value(DossierField::kDepartment);
        if (unit.empty()) {
            Fail(DossierField::kUnit, "thiếu mã đơn vị", "the unit code is missing");
        } else if (options_.register_units != nullptr && mapping_.dictionaries == DossierDictionaryMode::kStrict) {
            auto found = options_.register_units->find(unit);
            if (found == options_.register_units->end()) {
                Fail(DossierField::kUnit, "đơn vị không có trong danh mục đơn vị", "the unit is not in the register");
            } else if (!department.empty() && found->second.count(department) == 0) {
                Fail(DossierField::kDepartment, "bộ phận không thuộc đơn vị " + unit,
                     "the department is not one of the unit " + unit + "'s");
            }
        }
        const std::string channel_text = Value(DossierField::kChannel);
        std::optional<Channel> channel;
        if (auto mapped = channels_.find(FoldVietnamese(channel_text)); mapped != channels_.end()) {
            channel = mapped->second;
        } else {
            channel = ParseChannel(channel_text);
        }
        if (!channel) {
            Fail(DossierField::kChannel,
                 "kênh không hợp lệ: cần direct, online_partial, online_full, postal hoặc "
                 "một giá trị trong bảng chuyển đổi kênh",
                 "unknown channel: expected direct, online_partial, online_full, postal or a value of the channel map");
        }
        const auto received = Time(DossierField::kReceived, true);
        const auto due = Time(DossierField::kDue, true);
        const auto finished = Time(DossierField::kFinished, false);
        const auto returned = Time(DossierField::kReturned, false);
        const auto supplements = Count(DossierField::kSupplements);
        const auto apologies = Count(DossierField::kApologies);
        const bool has_finished = finished && *finished != kNoCompactTime;
        const std::string status_text = Value(DossierField::kStatus);
        std::optional<DossierStatus> status;
        if (auto mapped = statuses_.find(FoldVietnamese(status_text));
            !status_text.empty() && mapped != statuses_.end()) {
            status = mapped->second;
        } else {
            status = ParseDossierStatus(status_text);
        }
        if (status_text.empty()) {
            status = has_finished ? DossierStatus::kFinished : DossierStatus::kInProgress;
        } else if (!status) {
            Fail(DossierField::kStatus,
                 "trạng thái không hợp lệ: cần in_progress, finished, returned, withdrawn, rejected hoặc một giá trị "
                 "trong bảng chuyển đổi trạng thái",
                 "unknown status: expected in_progress, finished, returned, withdrawn, rejected or a value of the "
                 "status map");
        } else if (finished && *status == DossierStatus::kFinished && !has_finished) {
            Fail(DossierField::kStatus, "hồ sơ đã giải quyết nhưng thiếu ngày hoàn thành",
                 "a finished dossier needs its finished time");
        } else if (*status == DossierStatus::kInProgress && has_finished) {
            Fail(DossierField::kStatus, "hồ sơ đang xử lý nhưng đã có ngày hoàn thành",
                 "a dossier in progress has a finished time");
        }
        if (received && has_finished && *finished < *received) {
            Fail(DossierField::kFinished, "thời điểm hoàn thành trước thời điểm tiếp nhận",
                 "finished before it was received");
        }
        if (received && returned && *returned != kNoCompactTime && *returned < *received) {
            Fail(DossierField::kReturned, "thời điểm trả trước thời điểm tiếp nhận", "returned before it was received");
        }
        if (received && due && *due < *received) {
            Fail(DossierField::kDue, "hạn trả kết quả trước thời điểm tiếp nhận", "due before it was received");
        }
        std::optional<std::uint16_t> unit_code, department_code, procedure_code, field_code;
        if (row_errors_ == 0) {
            unit_code = units_.Intern(unit);
            department_code = departments_.Intern(department);
            const std::string procedure = Value(DossierField::kProcedure);
            const std::string field = Value(DossierField::kField);
            procedure_code = procedures_.Intern(procedure);
            field_code = fields_.Intern(field);
            if (!unit_code || !department_code || !procedure_code || !field_code) {
                Fail(DossierField::kProcedure, "quá nhiều mã khác nhau trong tệp",
                     "too many distinct codes in the file");
            }
            const std::string procedure_name = Value(DossierField::kProcedureName);
            if (procedure_code && !procedure.empty() && !procedure_name.empty()) {
                out_.procedure_names.emplace(procedure, procedure_name);
                Name(out_.batch.procedure_names, *procedure_code, procedure_name);
            }
            const std::string field_name = Value(DossierField::kFieldName);
            if (field_code && !field.empty() && !field_name.empty()) {
                out_.field_names.emplace(field, field_name);
                Name(out_.batch.field_names, *field_code, field_name);
            }
        }
        if (row_errors_ > 0) {
            ++out_.bad_rows;
            return;
        }
        row.id_offset = static_cast<std::uint32_t>(part.ids.size());
        row.id_length = static_cast<std::uint16_t>(id.size());
        part.ids.append(id);
        row.unit = *unit_code;
        row.department = *department_code;
        row.procedure = *procedure_code;
        row.field = *field_code;
        row.status = static_cast<std::uint8_t>(*status);
        row.channel = static_cast<std::uint8_t>(*channel);
        row.received = *received;
        row.due = *due;
        row.finished = *finished;
        row.returned = *returned;
        row.supplement_requests = *supplements;
        row.apology_letters = *apologies;
        part.rows.push_back(row);
    }

  private:
    /// Sets the name of dictionary entry `code` (the first name given in the file wins).
    static void Name(std::vector<std::string>& names, std::uint16_t code, const std::string& name) {
        if (names.size() <= code) names.resize(code + 1u);
        if (names[code].empty()) names[code] = name;
    }

    std::string Value(DossierField field) const {
        const auto& value = record_->values[static_cast<std::size_t>(field)];
        if (!value) return {};
        if (field == DossierField::kId || field == DossierField::kUnit || field == DossierField::kDepartment ||
            field == DossierField::kProcedure || field == DossierField::kField) {
            return NormalizeNfc(*value);
        }
        return *value;
    }

    void Fail(DossierField field, const std::string& vi, const std::string& en) {
        ++row_errors_;
        ++out_.error_count;
        if (out_.errors.size() >= options_.max_errors) return;
        const auto f = static_cast<std::size_t>(field);
        ErrorDetail detail;
        detail.file = file_;
        const std::string& header = mapping_.columns[f];
        detail.field = header.empty() ? std::string(DossierFieldName(field)) : header;
        if (record_->values[f]) detail.value = record_->values[f]->substr(0, 200);
        if (record_->line > 0) detail.line = record_->line;
        const std::int64_t column = record_->columns[f];
        if (column >= 0) {
            detail.column = column + 1;
            if (!source_.sheet.empty()) {
                detail.path = CellReference(source_.sheet, static_cast<std::size_t>(column), record_->line);
            }
        }
        if (!record_->path.empty()) {
            detail.path = record_->path;
            if (!header.empty()) detail.path += "." + header;
        }
        detail.reason = Text{vi, en};
        out_.errors.push_back(std::move(detail));
    }

    std::optional<CompactTime> Time(DossierField field, bool required) {
        const std::string text = Value(field);
        if (text.empty()) {
            if (!required) return kNoCompactTime;
            Fail(field, "thiếu thời điểm", "the time is missing");
            return std::nullopt;
        }
        std::optional<LocalTime> time = ParseMappedTime(text, mapping_.time_format);
        if (!time && !source_.sheet.empty()) time = FromExcelSerial(text);
        std::optional<CompactTime> compact = time ? ToCompactTime(*time) : std::nullopt;
        if (!compact) {
            const char* vi = mapping_.time_format == DossierTimeFormat::kIso
                                 ? "thời điểm không hợp lệ: cần YYYY-MM-DD HH:MM:SS, từ năm 2000"
                             : mapping_.time_format == DossierTimeFormat::kVn
                                 ? "thời điểm không hợp lệ: cần dd/mm/yyyy hh:mm, từ năm 2000"
                                 : "thời điểm không hợp lệ: cần YYYY-MM-DD HH:MM:SS hoặc dd/mm/yyyy hh:mm, từ năm 2000";
            const char* en = mapping_.time_format == DossierTimeFormat::kIso
                                 ? "invalid time: expected YYYY-MM-DD HH:MM:SS, from the year 2000"
                             : mapping_.time_format == DossierTimeFormat::kVn
                                 ? "invalid time: expected dd/mm/yyyy hh:mm, from the year 2000"
                                 : "invalid time: expected YYYY-MM-DD HH:MM:SS or dd/mm/yyyy hh:mm, from the year 2000";
            Fail(field, vi, en);
        }
        return compact;
    }

    std::optional<std::uint8_t> Count(DossierField field) {
        const std::string text = Value(field);
        if (text.empty()) return std::uint8_t{0};
        unsigned value = 0;
        bool ok = text.size() <= 3;
        for (char c : text) {
            ok = ok && c >= '0' && c <= '9';
            if (ok) value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (!ok || value > 255) {
            Fail(field, "cần một số nguyên từ 0 đến 255", "expected a whole number from 0 to 255");
            return std::nullopt;
        }
        return static_cast<std::uint8_t>(value);
    }

    const DossierMapping& mapping_;
    const DossierSourceOptions& options_;
    const std::string& file_;
    const Source& source_;
    DossierSourceRead& out_;
    Interner units_, departments_, procedures_, fields_;
    std::map<std::string, DossierStatus> statuses_;
    std::map<std::string, Channel> channels_;
    const Record* record_ = nullptr;
    int row_errors_ = 0;
};

void WriteCsvField(std::string& out, std::string_view text) {
    const bool quote = text.find_first_of(",\"\n\r") != std::string_view::npos;
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

DossierSourceFormat DossierSourceFormatOf(const std::string& file_name) {
    const std::string lower = Lower(file_name);
    auto ends = [&](std::string_view suffix) {
        return lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends(".xlsx")) return DossierSourceFormat::kXlsx;
    if (ends(".json")) return DossierSourceFormat::kJson;
    return DossierSourceFormat::kCsv;
}

Result<DossierSourceRead> ReadDossierSource(const std::string& path, const std::string& file_name,
                                            const DossierMapping& mapping, const DossierSourceOptions& options) {
    Result<Source> source = [&]() -> Result<Source> {
        if (mapping.format == DossierSourceFormat::kJson) return FromJson(path, file_name, mapping);
        Result<Table> table = ReadTable(path, file_name, mapping.format, mapping.sheet, mapping.header_row);
        if (!table) return table.GetError();
        return FromTable(std::move(*table), mapping);
    }();
    if (!source) return source.GetError();
    if (source->records.empty()) return FileProblem(file_name, "không có hồ sơ nào", "there are no dossiers");
    DossierSourceRead out;
    out.batch.file = file_name;
    out.rows = static_cast<std::int64_t>(source->records.size());
    {
        Converter converter(mapping, options, file_name, *source, out);
        std::int64_t done = 0;
        for (const Record& record : source->records) {
            converter.Add(record);
            if (++done % 4096 == 0 && options.progress) options.progress(done, out.rows);
        }
        if (options.progress) options.progress(out.rows, out.rows);
    }
    if (out.error_count > 0 && !options.skip_bad_rows) {
        const std::string count = std::to_string(out.error_count);
        const std::string listed = std::to_string(out.errors.size());
        const bool capped = static_cast<std::int64_t>(out.errors.size()) < out.error_count;
        return MakeError(ErrorCode::kInvalidInput,
                         "Tệp " + file_name + " có " + count + " lỗi; không hồ sơ nào được nhập" +
                             (capped ? " (liệt kê " + listed + " lỗi đầu)" : ""),
                         "File " + file_name + " has " + count + (out.error_count == 1 ? " error" : " errors") +
                             "; nothing was imported" + (capped ? " (the first " + listed + " listed)" : ""),
                         std::move(out.errors));
    }
    return out;
}

Result<DossierPreview> PreviewDossierSource(const std::string& path, const std::string& file_name,
                                            DossierSourceFormat format, const std::string& json_path,
                                            const std::string& sheet, int header_row, std::size_t limit) {
    DossierPreview preview;
    preview.format = format;
    if (format != DossierSourceFormat::kJson) {
        Result<Table> table = ReadTable(path, file_name, format, sheet, header_row);
        if (!table) return table.GetError();
        preview.sheet = table->sheet;
        preview.headers = table->headers;
        preview.total_rows = static_cast<std::int64_t>(table->rows.size());
        for (std::size_t i = 0; i < table->rows.size() && i < limit; ++i) {
            std::vector<std::string> cells = table->rows[i].cells;
            cells.resize(preview.headers.size());
            preview.rows.push_back(std::move(cells));
        }
        return preview;
    }
    Result<json::value> root = ParseJsonFile(path, file_name);
    if (!root) return root.GetError();
    Result<const json::array*> array = RecordsAt(*root, json_path, file_name);
    if (!array) return array.GetError();
    preview.total_rows = static_cast<std::int64_t>((*array)->size());
    // Keys in order of first appearance; nested objects one level down as `outer.inner`.
    std::vector<std::string>& headers = preview.headers;
    auto note = [&](const std::string& key) {
        if (std::find(headers.begin(), headers.end(), key) == headers.end()) headers.push_back(key);
    };
    const std::size_t scan = std::min<std::size_t>((*array)->size(), std::max<std::size_t>(limit, 200));
    for (std::size_t i = 0; i < scan; ++i) {
        const json::value& item = (**array)[i];
        if (!item.is_object()) continue;
        for (const auto& member : item.get_object()) {
            const std::string key(member.key());
            if (member.value().is_object()) {
                for (const auto& inner : member.value().get_object()) note(key + "." + std::string(inner.key()));
            } else {
                note(key);
            }
        }
    }
    for (std::size_t i = 0; i < (*array)->size() && i < limit; ++i) {
        const json::value& item = (**array)[i];
        std::vector<std::string> cells;
        for (const std::string& key : headers) {
            const json::value* value = item.is_object() ? Lookup(item.get_object(), key) : nullptr;
            std::optional<std::string> text = value == nullptr ? std::string() : ScalarText(*value);
            cells.push_back(text ? *text : json::serialize(*value));
        }
        preview.rows.push_back(std::move(cells));
    }
    return preview;
}

std::string DossierErrorReportCsv(const std::vector<ErrorDetail>& errors) {
    std::string out = "\xEF\xBB\xBF";
    out += "dòng,cột,vị trí,trường,giá trị,lý do,reason\n";
    for (const ErrorDetail& e : errors) {
        out += e.line ? std::to_string(*e.line) : "";
        out += ',';
        out += e.column ? std::to_string(*e.column) : "";
        out += ',';
        WriteCsvField(out, e.path);
        out += ',';
        WriteCsvField(out, e.field);
        out += ',';
        WriteCsvField(out, e.value);
        out += ',';
        WriteCsvField(out, e.reason.In(Language::kVietnamese));
        out += ',';
        WriteCsvField(out, e.reason.In(Language::kEnglish));
        out += '\n';
    }
    return out;
}

Status WriteDossierErrorReportXlsx(const std::vector<ErrorDetail>& errors, const std::string& path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    if (book == nullptr) {
        return MakeError(ErrorCode::kInvalidInput, "Không tạo được tệp " + path, "Cannot create the file " + path);
    }
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Lỗi");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    const std::array<const char*, 7> headers = {"Dòng", "Cột", "Vị trí", "Trường", "Giá trị", "Lý do", "Reason"};
    for (std::size_t c = 0; c < headers.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), headers[c], bold);
    }
    worksheet_set_column(sheet, 0, 1, 8, nullptr);
    worksheet_set_column(sheet, 2, 4, 18, nullptr);
    worksheet_set_column(sheet, 5, 6, 60, nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
    lxw_row_t row = 1;
    for (const ErrorDetail& e : errors) {
        if (e.line) worksheet_write_number(sheet, row, 0, static_cast<double>(*e.line), nullptr);
        if (e.column) worksheet_write_number(sheet, row, 1, static_cast<double>(*e.column), nullptr);
        worksheet_write_string(sheet, row, 2, e.path.c_str(), nullptr);
        worksheet_write_string(sheet, row, 3, e.field.c_str(), nullptr);
        worksheet_write_string(sheet, row, 4, e.value.c_str(), nullptr);
        worksheet_write_string(sheet, row, 5, e.reason.In(Language::kVietnamese).c_str(), nullptr);
        worksheet_write_string(sheet, row, 6, e.reason.In(Language::kEnglish).c_str(), nullptr);
        ++row;
    }
    const lxw_error error = workbook_close(book);
    if (error != LXW_NO_ERROR) {
        return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path + ": " + lxw_strerror(error),
                         "Cannot write the file " + path + ": " + lxw_strerror(error));
    }
    return OkStatus();
}

std::string DossierMappingToJson(const DossierMapping& mapping) {
    JsonWriter out;
    out.BeginObject()
        .Key("name")
        .String(mapping.name)
        .Key("version")
        .Int(mapping.version)
        .Key("description")
        .String(mapping.description)
        .Key("format")
        .String(DossierSourceFormatName(mapping.format))
        .Key("json_path")
        .String(mapping.json_path)
        .Key("sheet")
        .String(mapping.sheet)
        .Key("header_row")
        .Int(mapping.header_row)
        .Key("columns")
        .BeginObject();
    for (int f = 0; f < kDossierFieldCount; ++f) {
        const std::string& column = mapping.columns[static_cast<std::size_t>(f)];
        if (!column.empty()) out.Key(DossierFieldName(static_cast<DossierField>(f))).String(column);
    }
    out.EndObject().Key("status_values").BeginObject();
    for (const auto& [source, target] : mapping.status_values) out.Key(source).String(target);
    out.EndObject().Key("channel_values").BeginObject();
    for (const auto& [source, target] : mapping.channel_values) out.Key(source).String(target);
    out.EndObject()
        .Key("time_format")
        .String(DossierTimeFormatName(mapping.time_format))
        .Key("dictionaries")
        .String(DossierDictionaryModeName(mapping.dictionaries))
        .Key("default_unit")
        .String(mapping.default_unit)
        .Key("saved_at")
        .String(mapping.saved_at)
        .Key("saved_by")
        .String(mapping.saved_by)
        .EndObject();
    return out.str();
}

Result<DossierMapping> DossierMappingFromJson(std::string_view text, const std::string& file_name) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    json::error_code error;
    json::value root = json::parse(text, error);
    std::vector<ErrorDetail> problems;
    auto problem = [&](std::string field, std::string value, std::string vi, std::string en) {
        ErrorDetail detail;
        detail.file = file_name;
        detail.path = "$." + field;
        detail.field = std::move(field);
        detail.value = std::move(value);
        detail.reason = Text{std::move(vi), std::move(en)};
        problems.push_back(std::move(detail));
    };
    if (error || !root.is_object()) {
        problem("", "", "cần một đối tượng JSON hợp lệ", "expected a valid JSON object");
        return ImportErrors::MakeFileError(file_name, std::move(problems));
    }
    DossierMapping mapping;
    const json::object& object = root.get_object();
    auto text_of = [&](const json::value& value, const std::string& key) -> std::string {
        if (value.is_string()) return NormalizeNfc(Trim(std::string_view(value.get_string())));
        if (value.is_null()) return {};
        problem(key, json::serialize(value), "cần một chuỗi", "expected a string");
        return {};
    };
    auto string_map = [&](const json::value& value, const std::string& key) {
        std::map<std::string, std::string> result;
        if (!value.is_object()) {
            if (!value.is_null()) problem(key, json::serialize(value), "cần một đối tượng", "expected an object");
            return result;
        }
        for (const auto& member : value.get_object()) {
            const std::string source = NormalizeNfc(std::string(member.key()));
            std::string path = key;
            path += '.';
            path += source;
            result[source] = text_of(member.value(), path);
        }
        return result;
    };
    for (const auto& member : object) {
        const std::string key(member.key());
        const json::value& value = member.value();
        if (key == "name") {
            mapping.name = text_of(value, key);
        } else if (key == "description") {
            mapping.description = text_of(value, key);
        } else if (key == "format") {
            const std::string name = text_of(value, key);
            if (auto format = ParseDossierSourceFormat(name)) {
                mapping.format = *format;
            } else {
                problem(key, name, "cần csv, xlsx hoặc json", "expected csv, xlsx or json");
            }
        } else if (key == "json_path") {
            mapping.json_path = text_of(value, key);
        } else if (key == "sheet") {
            mapping.sheet = text_of(value, key);
        } else if (key == "header_row") {
            if (value.is_int64()) {
                mapping.header_row = static_cast<int>(std::clamp<std::int64_t>(value.get_int64(), -1, 100000));
            } else {
                problem(key, json::serialize(value), "cần một số nguyên", "expected a whole number");
            }
        } else if (key == "columns") {
            if (!value.is_object()) {
                problem(key, json::serialize(value), "cần một đối tượng", "expected an object");
                continue;
            }
            for (const auto& column : value.get_object()) {
                const std::string field(column.key());
                const auto known = ParseDossierField(field);
                if (!known) {
                    problem("columns." + field, field, "trường hồ sơ không xác định", "unknown dossier field");
                    continue;
                }
                mapping.Column(*known) = text_of(column.value(), "columns." + field);
            }
        } else if (key == "status_values") {
            mapping.status_values = string_map(value, key);
        } else if (key == "channel_values") {
            mapping.channel_values = string_map(value, key);
        } else if (key == "time_format") {
            const std::string name = text_of(value, key);
            if (auto format = ParseDossierTimeFormat(name)) {
                mapping.time_format = *format;
            } else {
                problem(key, name, "cần auto, iso hoặc vn", "expected auto, iso or vn");
            }
        } else if (key == "dictionaries") {
            const std::string name = text_of(value, key);
            if (auto mode = ParseDossierDictionaryMode(name)) {
                mapping.dictionaries = *mode;
            } else {
                problem(key, name, "cần strict hoặc auto", "expected strict or auto");
            }
        } else if (key == "default_unit") {
            mapping.default_unit = text_of(value, key);
        } else if (key == "version" || key == "saved_at" || key == "saved_by") {
            // Set by the store.
        } else {
            problem(key, "", "khoá không xác định", "unknown key");
        }
    }
    for (ErrorDetail& detail : ValidateDossierMapping(mapping)) {
        detail.file = file_name;
        detail.path = "$." + detail.field;
        problems.push_back(std::move(detail));
    }
    if (!problems.empty()) return ImportErrors::MakeFileError(file_name, std::move(problems));
    return mapping;
}

}  // namespace parindex
