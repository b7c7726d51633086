// ReadXlsx: an .xlsx workbook's sheet as a Table, with libzip for the package and expat for its XML parts.

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <filesystem>
#include <map>
#include <memory>

#include "domain/decimal.hpp"
#include "formats/import_errors.hpp"
#include "formats/table.hpp"
#include "formats/unicode.hpp"

namespace parindex {
namespace {

constexpr zip_uint64_t kMaxPartSize = 512ull * 1024 * 1024;  // Refuses zip bombs rather than exhausting memory.
constexpr std::size_t kMaxColumns = 16384;                   // Excel's limit (XFD).

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// A part of the package, or nothing when it is absent or unreadable.
std::optional<std::string> ReadPart(zip_t* archive, const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive, name.c_str(), 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) return std::nullopt;
    if (stat.size > kMaxPartSize) return std::nullopt;
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    if (file == nullptr) return std::nullopt;
    std::string content(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = content.empty() ? 0 : zip_fread(file, content.data(), stat.size);
    zip_fclose(file);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) return std::nullopt;
    return content;
}

std::string_view LocalName(const char* name) {
    std::string_view view(name);
    const std::size_t bar = view.rfind('|');
    return bar == std::string_view::npos ? view : view.substr(bar + 1);
}

// The value of the attribute with this local name (any namespace), or nullptr.
const char* Attribute(const char** attributes, std::string_view local) {
    for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
        if (LocalName(attributes[i]) == local) return attributes[i + 1];
    }
    return nullptr;
}

// Receives the events of one XML part.
class XmlHandler {
  public:
    virtual ~XmlHandler() = default;
    virtual void Start(std::string_view name, const char** attributes) {}
    virtual void End(std::string_view name) {}
    virtual void Characters(std::string_view text) {}
};

// Parses a part with namespace processing (names arrive as "namespace|local"); false with a reason on bad XML.
bool ParseXml(const std::string& content, XmlHandler& handler, std::string* error) {
    XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
    if (parser == nullptr) {
        *error = "out of memory";
        return false;
    }
    XML_SetUserData(parser, &handler);
    XML_SetElementHandler(
        parser,
        [](void* data, const XML_Char* name, const XML_Char** attributes) {
            static_cast<XmlHandler*>(data)->Start(LocalName(name), attributes);
        },
        [](void* data, const XML_Char* name) { static_cast<XmlHandler*>(data)->End(LocalName(name)); });
    XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
        static_cast<XmlHandler*>(data)->Characters(std::string_view(text, static_cast<std::size_t>(length)));
    });
    const bool ok = XML_Parse(parser, content.data(), static_cast<int>(content.size()), XML_TRUE) == XML_STATUS_OK;
    if (!ok) {
        *error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " (line " +
                 std::to_string(XML_GetCurrentLineNumber(parser)) + ")";
    }
    XML_ParserFree(parser);
    return ok;
}

// Relationship id → target, and target by type suffix, of a .rels part.
struct Relationships : XmlHandler {
    std::map<std::string, std::string> targets;
    std::vector<std::pair<std::string, std::string>> by_type;  // (type, target)
    void Start(std::string_view name, const char** attributes) override {
        if (name != "Relationship") return;
        const char* id = Attribute(attributes, "Id");
        const char* target = Attribute(attributes, "Target");
        const char* type = Attribute(attributes, "Type");
        if (id != nullptr && target != nullptr) targets[id] = target;
        if (type != nullptr && target != nullptr) by_type.emplace_back(type, target);
    }
    std::string TargetOfType(std::string_view suffix) const {
        for (const auto& [type, target] : by_type) {
            if (type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0) {
                return target;
            }
        }
        return {};
    }
};

struct SheetEntry {
    std::string name;
    std::string relationship;
};

struct WorkbookSheets : XmlHandler {
    std::vector<SheetEntry> sheets;
    void Start(std::string_view name, const char** attributes) override {
        if (name != "sheet") return;
        const char* sheet_name = Attribute(attributes, "name");
        const char* id = Attribute(attributes, "id");
        sheets.push_back(SheetEntry{sheet_name ? sheet_name : "", id ? id : ""});
    }
};

// Shared strings: each <si>'s text, rich-text runs concatenated, phonetic runs (<rPh>) left out.
struct SharedStrings : XmlHandler {
    std::vector<std::string> strings;
    bool in_item = false;
    bool in_text = false;
    int phonetic_depth = 0;
    void Start(std::string_view name, const char**) override {
        if (name == "si") {
            in_item = true;
            strings.emplace_back();
        } else if (name == "rPh") {
            ++phonetic_depth;
        } else if (name == "t" && in_item && phonetic_depth == 0) {
            in_text = true;
        }
    }
    void End(std::string_view name) override {
        if (name == "si") in_item = false;
        if (name == "rPh") --phonetic_depth;
        if (name == "t") in_text = false;
    }
    void Characters(std::string_view text) override {
        if (in_text) strings.back().append(text);
    }
};

// The 0-based column of a reference such as "C7", or nothing when it has no letters.
std::optional<std::size_t> ColumnOfReference(std::string_view reference) {
    std::size_t column = 0;
    std::size_t letters = 0;
    for (char c : reference) {
        if (c >= 'A' && c <= 'Z') {
            column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        } else if (c >= 'a' && c <= 'z') {
            column = column * 26 + static_cast<std::size_t>(c - 'a' + 1);
        } else {
            break;
        }
        if (++letters > 3) return std::nullopt;
    }
    if (letters == 0) return std::nullopt;
    return column - 1;
}

// The cells of a worksheet part, row by row.
class SheetReader : public XmlHandler {
  public:
    SheetReader(const std::vector<std::string>& shared, const std::string& sheet, ImportErrors& errors)
        : shared_(shared), sheet_(sheet), errors_(errors) {}

    struct Row {
        std::int64_t number = 0;
        std::map<std::size_t, std::string> cells;
    };
    std::vector<Row> rows;

    void Start(std::string_view name, const char** attributes) override {
        if (name == "row") {
            const char* r = Attribute(attributes, "r");
            std::int64_t number = last_row_ + 1;
            if (r != nullptr) {
                std::int64_t parsed = 0;
                const std::string_view text(r);
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
                if (error == std::errc() && parsed > 0) number = parsed;
            }
            last_row_ = number;
            last_column_ = -1;
            rows.push_back(Row{number, {}});
            in_row_ = true;
        } else if (name == "c" && in_row_) {
            const char* r = Attribute(attributes, "r");
            std::optional<std::size_t> column = r != nullptr ? ColumnOfReference(r) : std::nullopt;
            column_ = column ? *column : static_cast<std::size_t>(last_column_ + 1);
            last_column_ = static_cast<std::int64_t>(column_);
            const char* type = Attribute(attributes, "t");
            type_ = type != nullptr ? type : "n";
            value_.clear();
            inline_text_.clear();
            has_value_ = false;
            has_formula_ = false;
            in_cell_ = true;
        } else if (in_cell_) {
            if (name == "v") {
                in_value_ = true;
                has_value_ = true;
            } else if (name == "f") {
                has_formula_ = true;
            } else if (name == "rPh") {
                ++phonetic_depth_;
            } else if (name == "t" && phonetic_depth_ == 0) {
                in_inline_text_ = true;
            }
        }
    }

    void End(std::string_view name) override {
        if (name == "v") {
            in_value_ = false;
        } else if (name == "t") {
            in_inline_text_ = false;
        } else if (name == "rPh") {
            --phonetic_depth_;
        } else if (name == "c" && in_cell_) {
            in_cell_ = false;
            FinishCell();
        } else if (name == "row") {
            in_row_ = false;
        }
    }

    void Characters(std::string_view text) override {
        if (in_value_) value_.append(text);
        if (in_inline_text_) inline_text_.append(text);
    }

  private:
    void Fail(std::string vi, std::string en) {
        ErrorDetail detail;
        detail.line = last_row_;
        detail.column = static_cast<std::int64_t>(column_) + 1;
        detail.path = CellReference(sheet_, column_, last_row_);
        detail.value = has_value_ ? value_ : inline_text_;
        errors_.Add(std::move(detail), std::move(vi), std::move(en));
    }

    void FinishCell() {
        if (column_ >= kMaxColumns) return;
        const std::string reference = CellReference(sheet_, column_, last_row_);
        std::string text;
        if (type_ == "s") {
            std::size_t index = 0;
            const auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
            if (error != std::errc() || index >= shared_.size()) {
                Fail("ô " + reference + " trỏ tới chuỗi dùng chung không tồn tại",
                     "cell " + reference + " refers to a shared string that does not exist");
                return;
            }
            text = shared_[index];
        } else if (type_ == "inlineStr") {
            text = inline_text_;
        } else if (has_formula_ && !has_value_) {
            Fail("ô " + reference + " là công thức chưa có giá trị đã tính",
                 "cell " + reference + " is a formula without a cached value");
            return;
        } else if (type_ == "str" || type_ == "d") {
            text = value_;
        } else if (type_ == "b") {
            text = value_ == "1" ? "true" : (value_.empty() ? "" : "false");
        } else if (type_ == "e") {
            Fail("ô " + reference + " chứa lỗi Excel " + value_,
                 "cell " + reference + " holds the Excel error " + value_);
            return;
        } else {
            // A number: Excel's binary double, rounded to thousandths (14.399999999999999 → "14.4").
            std::string_view number = value_;
            while (!number.empty() && (number.front() == ' ' || number.front() == '\t')) number.remove_prefix(1);
            while (!number.empty() && (number.back() == ' ' || number.back() == '\t')) number.remove_suffix(1);
            if (!number.empty()) {
                double parsed = 0;
                const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), parsed);
                std::optional<Decimal> decimal;
                if (error == std::errc() && end == number.data() + number.size()) decimal = Decimal::FromDouble(parsed);
                if (!decimal) {
                    Fail("ô " + reference + " có giá trị số không đọc được",
                         "cell " + reference + " holds an unreadable number");
                    return;
                }
                text = decimal->ToString();
            }
        }
        if (!IsValidUtf8(text)) {
            Fail("ô " + reference + " chứa byte không phải UTF-8",
                 "cell " + reference + " holds bytes that are not UTF-8");
            return;
        }
        std::string_view trimmed = text;
        while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
        while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
        if (!trimmed.empty()) rows.back().cells[column_] = NormalizeNfc(trimmed);
    }

    const std::vector<std::string>& shared_;
    const std::string& sheet_;
    ImportErrors& errors_;
    std::int64_t last_row_ = 0;
    std::int64_t last_column_ = -1;
    std::size_t column_ = 0;
    std::string type_;
    std::string value_;
    std::string inline_text_;
    bool in_row_ = false;
    bool in_cell_ = false;
    bool in_value_ = false;
    bool in_inline_text_ = false;
    bool has_value_ = false;
    bool has_formula_ = false;
    int phonetic_depth_ = 0;
};

// Resolves a relationship target against the folder of the part that names it ("xl/" for the workbook).
std::string ResolveTarget(const std::string& base_folder, const std::string& target) {
    if (!target.empty() && target.front() == '/') return target.substr(1);
    std::vector<std::string> parts;
    auto push = [&](const std::string& path) {
        std::size_t start = 0;
        while (start <= path.size()) {
            std::size_t end = path.find('/', start);
            if (end == std::string::npos) end = path.size();
            const std::string part = path.substr(start, end - start);
            if (part == "..") {
                if (!parts.empty()) parts.pop_back();
            } else if (!part.empty() && part != ".") {
                parts.push_back(part);
            }
            start = end + 1;
        }
    };
    push(base_folder);
    push(target);
    std::string resolved;
    for (const std::string& part : parts) resolved += (resolved.empty() ? "" : "/") + part;
    return resolved;
}

std::string FolderOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

Error FileError(const std::string& file_name, const std::string& vi, const std::string& en) {
    ErrorDetail detail;
    detail.file = file_name;
    detail.reason = Text{vi, en};
    return ImportErrors::MakeFileError(file_name, {detail});
}

}  // namespace

Result<Table> ReadXlsx(const std::string& path, const std::string& file_name, const std::string& sheet) {
    std::error_code exists_error;
    if (!std::filesystem::is_regular_file(path, exists_error)) {
        ErrorDetail detail;
        detail.file = file_name;
        detail.reason = Text{"không mở được tệp", "the file cannot be opened"};
        return MakeError(ErrorCode::kNotFound, "Không mở được tệp " + path, "Cannot open the file " + path, {detail});
    }
    int zip_error = 0;
    ZipPtr archive(zip_open(path.c_str(), ZIP_RDONLY, &zip_error));
    if (!archive) {
        return FileError(file_name, "không phải tệp .xlsx hợp lệ (không đọc được dạng nén zip của tệp)",
                         "not a valid .xlsx file (it cannot be read as a zip package)");
    }
    auto not_workbook = [&](const std::string& vi, const std::string& en) {
        return FileError(file_name, "không phải tệp .xlsx hợp lệ: " + vi, "not a valid .xlsx file: " + en);
    };

    std::string xml_error;
    std::string workbook_path = "xl/workbook.xml";
    if (auto root_rels = ReadPart(archive.get(), "_rels/.rels")) {
        Relationships rels;
        if (ParseXml(*root_rels, rels, &xml_error)) {
            const std::string target = rels.TargetOfType("/officeDocument");
            if (!target.empty()) workbook_path = ResolveTarget("", target);
        }
    }
    auto workbook_xml = ReadPart(archive.get(), workbook_path);
    if (!workbook_xml) return not_workbook("thiếu " + workbook_path, workbook_path + " is missing");
    WorkbookSheets workbook;
    if (!ParseXml(*workbook_xml, workbook, &xml_error)) {
        return not_workbook(workbook_path + " hỏng: " + xml_error, workbook_path + " is damaged: " + xml_error);
    }
    if (workbook.sheets.empty()) return not_workbook("sổ tính không có trang tính nào", "the workbook has no sheet");

    const std::string workbook_folder = FolderOf(workbook_path);
    const std::string rels_path = workbook_folder + "_rels/" + workbook_path.substr(workbook_folder.size()) + ".rels";
    Relationships workbook_rels;
    if (auto rels_xml = ReadPart(archive.get(), rels_path)) ParseXml(*rels_xml, workbook_rels, &xml_error);

    const SheetEntry* chosen = nullptr;
    if (sheet.empty()) {
        chosen = &workbook.sheets.front();
    } else {
        const std::string wanted = NormalizeNfc(sheet);
        for (const SheetEntry& entry : workbook.sheets) {
            if (NormalizeNfc(entry.name) == wanted) chosen = &entry;
        }
        if (chosen == nullptr) {
            std::string names;
            for (const SheetEntry& entry : workbook.sheets) names += (names.empty() ? "" : ", ") + entry.name;
            ErrorDetail detail;
            detail.file = file_name;
            detail.field = "sheet";
            detail.value = sheet;
            detail.reason = Text{"không có trang tính tên \"" + sheet + "\"; các trang tính: " + names,
                                 "there is no sheet named \"" + sheet + "\"; the sheets are: " + names};
            return ImportErrors::MakeFileError(file_name, {detail});
        }
    }
    std::string sheet_path;
    if (auto found = workbook_rels.targets.find(chosen->relationship); found != workbook_rels.targets.end()) {
        sheet_path = ResolveTarget(workbook_folder, found->second);
    } else {
        // Without relationships, sheets are conventionally numbered in workbook order.
        const std::size_t position = static_cast<std::size_t>(chosen - workbook.sheets.data());
        sheet_path = workbook_folder + "worksheets/sheet" + std::to_string(position + 1) + ".xml";
    }
    const std::string sheet_name = NormalizeNfc(chosen->name);

    SharedStrings shared;
    std::string shared_path = workbook_rels.TargetOfType("/sharedStrings");
    shared_path =
        shared_path.empty() ? workbook_folder + "sharedStrings.xml" : ResolveTarget(workbook_folder, shared_path);
    if (auto shared_xml = ReadPart(archive.get(), shared_path)) {
        if (!ParseXml(*shared_xml, shared, &xml_error)) {
            return not_workbook(shared_path + " hỏng: " + xml_error, shared_path + " is damaged: " + xml_error);
        }
    }

    auto sheet_xml = ReadPart(archive.get(), sheet_path);
    if (!sheet_xml) return not_workbook("thiếu " + sheet_path, sheet_path + " is missing");
    ImportErrors errors(file_name);
    SheetReader reader(shared.strings, sheet_name, errors);
    if (!ParseXml(*sheet_xml, reader, &xml_error)) {
        return not_workbook(sheet_path + " hỏng: " + xml_error, sheet_path + " is damaged: " + xml_error);
    }
    if (!errors.Empty()) return errors.ToError();

    Table table;
    table.file = file_name;
    table.sheet = sheet_name;
    bool header_done = false;
    for (SheetReader::Row& row : reader.rows) {
        if (row.cells.empty()) continue;  // Blank rows are skipped.
        const std::size_t width = row.cells.rbegin()->first + 1;
        std::vector<std::string> cells(std::max(width, table.headers.size()));
        for (auto& [column, text] : row.cells) cells[column] = std::move(text);
        if (!header_done) {
            table.headers = std::move(cells);
            header_done = true;
            continue;
        }
        table.rows.push_back(TableRow{row.number, std::move(cells)});
    }
    if (!header_done) {
        return FileError(file_name, "trang tính " + sheet_name + " trống (không có dòng tiêu đề)",
                         "the sheet " + sheet_name + " is empty (it has no header row)");
    }
    return table;
}

}  // namespace parindex
