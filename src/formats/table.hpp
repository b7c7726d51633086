#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace parindex {

/// One data row of a CSV file or a sheet: its 1-based line (CSV) or row (sheet) and its cells as text.
struct TableRow {
    std::int64_t line = 0;
    std::vector<std::string> cells;  ///< NFC-normalised, trimmed; numbers from .xlsx as exact decimal text.
};

/// A table read from a CSV file or the first (or a named) sheet of an .xlsx file, headers in the first row.
struct Table {
    std::string file;   ///< The file name as given, for error messages.
    std::string sheet;  ///< The sheet name for .xlsx; empty for CSV.
    std::vector<std::string> headers;
    std::vector<TableRow> rows;  ///< Blank rows are skipped.

    /// The index of the first header matching any of `names` (compared after NFC, case folding and
    /// removing diacritics, spaces, `_` and `-`), or nothing.
    std::optional<std::size_t> FindColumn(std::initializer_list<std::string_view> names) const;
    /// An ErrorDetail naming this table's file, the row's line (or `Sheet!C7` cell), the column and its header.
    ErrorDetail Where(const TableRow& row, std::size_t column) const;
};

/// Reads CSV text: UTF-8 (a BOM is accepted), RFC 4180 quoting, comma separator (a semicolon separator is
/// detected from the header line), CRLF or LF. Every string is NFC-normalised. Errors name the line.
Result<Table> ParseCsv(std::string_view content, const std::string& file_name);

/// Reads an .xlsx workbook's sheet (the first one when `sheet` is empty) with shared strings, inline strings,
/// numbers (rounded to 3 decimals: 14.399999999999999 reads as "14.4"), booleans and cached formula values.
/// A formula cell without a cached value is an error naming the cell.
Result<Table> ReadXlsx(const std::string& path, const std::string& file_name, const std::string& sheet = {});

/// Reads a whole file; kNotFound with the path when it cannot be opened.
Result<std::string> ReadFile(const std::string& path);

}  // namespace parindex
