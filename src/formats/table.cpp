#include "formats/table.hpp"

#include <fstream>
#include <sstream>

#include "formats/import_errors.hpp"
#include "formats/unicode.hpp"

namespace parindex {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimView(std::string_view text) {
    while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
    return text;
}

// The 1-based line of every line that holds bytes that are not UTF-8.
std::vector<std::int64_t> InvalidUtf8Lines(std::string_view content) {
    std::vector<std::int64_t> lines;
    std::int64_t line = 1;
    std::size_t start = 0;
    while (start <= content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string_view::npos) end = content.size();
        if (!IsValidUtf8(content.substr(start, end - start))) lines.push_back(line);
        ++line;
        start = end + 1;
    }
    return lines;
}

// The separator: ';' when the header line (outside quotes) holds more semicolons than commas.
char DetectSeparator(std::string_view content) {
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (char c : content) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

}  // namespace

std::optional<std::size_t> Table::FindColumn(std::initializer_list<std::string_view> names) const {
    std::vector<std::string> folded_headers;
    folded_headers.reserve(headers.size());
    for (const std::string& header : headers) folded_headers.push_back(FoldForMatching(header));
    for (std::string_view name : names) {
        const std::string key = FoldForMatching(name);
        for (std::size_t i = 0; i < folded_headers.size(); ++i) {
            if (!key.empty() && folded_headers[i] == key) return i;
        }
    }
    return std::nullopt;
}

ErrorDetail Table::Where(const TableRow& row, std::size_t column) const {
    ErrorDetail detail;
    detail.file = file;
    detail.line = row.line;
    detail.column = static_cast<std::int64_t>(column) + 1;
    if (!sheet.empty()) detail.path = CellReference(sheet, column, row.line);
    if (column < headers.size()) detail.field = headers[column];
    if (column < row.cells.size()) detail.value = row.cells[column];
    return detail;
}

Result<Table> ParseCsv(std::string_view content, const std::string& file_name) {
    ImportErrors errors(file_name);
    if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);

    const std::vector<std::int64_t> invalid_lines = InvalidUtf8Lines(content);
    if (!invalid_lines.empty()) {
        for (std::int64_t line : invalid_lines) {
            ErrorDetail detail;
            detail.line = line;
            errors.Add(detail, "dòng chứa byte không phải UTF-8 (hãy lưu tệp với mã hóa UTF-8)",
                       "the line holds bytes that are not UTF-8 (save the file as UTF-8)");
        }
        return errors.ToError();
    }

    const char separator = DetectSeparator(content);
    Table table;
    table.file = file_name;

    std::vector<std::string> record;
    std::string cell;
    std::int64_t line = 1;         // The physical line being read.
    std::int64_t record_line = 1;  // The line where the current record starts.
    bool header_done = false;

    auto finish_record = [&] {
        std::vector<std::string> cells;
        cells.reserve(record.size());
        bool blank = true;
        for (std::string& raw : record) {
            std::string value = NormalizeNfc(TrimView(raw));
            if (!value.empty()) blank = false;
            cells.push_back(std::move(value));
        }
        record.clear();
        if (blank) return;
        if (!header_done) {
            table.headers = std::move(cells);
            header_done = true;
            return;
        }
        if (cells.size() > table.headers.size()) {
            for (std::size_t i = table.headers.size(); i < cells.size(); ++i) {
                if (cells[i].empty()) continue;
                ErrorDetail detail;
                detail.line = record_line;
                detail.column = static_cast<std::int64_t>(i) + 1;
                detail.value = cells[i];
                errors.Add(detail, "ô nằm ngoài các cột có tiêu đề (thừa dấu phân cách?)",
                           "cell beyond the columns that have a header (an extra separator?)");
            }
            cells.resize(table.headers.size());
        }
        cells.resize(table.headers.size());
        table.rows.push_back(TableRow{record_line, std::move(cells)});
    };

    std::size_t i = 0;
    const std::size_t size = content.size();
    bool field_started = false;  // Something (even an empty quoted field) belongs to the current record.
    while (i < size) {
        const char c = content[i];
        if (c == '"' && TrimView(cell).empty()) {
            // A quoted field: read up to the closing quote, keeping separators and newlines.
            const std::int64_t quote_line = line;
            cell.clear();
            ++i;
            bool closed = false;
            while (i < size) {
                const char q = content[i];
                if (q == '"') {
                    if (i + 1 < size && content[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                if (q == '\r' && i + 1 < size && content[i + 1] == '\n') {
                    cell += "\n";
                    i += 2;
                    ++line;
                    continue;
                }
                if (q == '\n' || q == '\r') ++line;
                cell += q == '\r' ? '\n' : q;
                ++i;
            }
            if (!closed) {
                ErrorDetail detail;
                detail.line = quote_line;
                detail.column = static_cast<std::int64_t>(record.size()) + 1;
                errors.Add(detail, "dấu ngoặc kép mở ở dòng này không được đóng",
                           "the quote opened on this line is never closed");
                return errors.ToError();
            }
            // Only blanks may follow the closing quote before the separator or the end of the line.
            bool reported = false;
            while (i < size && content[i] != separator && content[i] != '\n' && content[i] != '\r') {
                if (!IsBlank(content[i]) && !reported) {
                    ErrorDetail detail;
                    detail.line = line;
                    detail.column = static_cast<std::int64_t>(record.size()) + 1;
                    detail.value = cell;
                    errors.Add(detail, "có ký tự sau dấu ngoặc kép đóng của ô",
                               "characters follow the closing quote of the cell");
                    reported = true;
                }
                ++i;
            }
            field_started = true;
            continue;
        }
        if (c == separator) {
            record.push_back(std::move(cell));
            cell.clear();
            field_started = true;
            ++i;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < size && content[i + 1] == '\n') ++i;
            ++i;
            record.push_back(std::move(cell));
            cell.clear();
            finish_record();
            field_started = false;
            ++line;
            record_line = line;
            continue;
        }
        cell += c;
        field_started = true;
        ++i;
    }
    if (field_started || !cell.empty()) {
        record.push_back(std::move(cell));
        finish_record();
    }

    if (!header_done) {
        ErrorDetail detail;
        detail.line = 1;
        errors.Add(detail, "tệp không có dòng tiêu đề (tệp trống)", "the file has no header line (it is empty)");
    }
    if (!errors.Empty()) return errors.ToError();
    return table;
}

Result<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ErrorDetail detail;
        detail.file = path;
        detail.reason = Text{"không mở được tệp", "the file cannot be opened"};
        return MakeError(ErrorCode::kNotFound, "Không mở được tệp " + path, "Cannot open the file " + path, {detail});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        ErrorDetail detail;
        detail.file = path;
        detail.reason = Text{"lỗi khi đọc tệp", "the file could not be read"};
        return MakeError(ErrorCode::kInvalidInput, "Không đọc được tệp " + path, "Cannot read the file " + path,
                         {detail});
    }
    return buffer.str();
}

}  // namespace parindex
