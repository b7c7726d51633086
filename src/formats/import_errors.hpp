#pragma once

// Private to src/formats: collects every problem found in one input file and turns them into one Error.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace parindex {

/// Collects the details of every problem in one file, so that a person sees all of them at once.
class ImportErrors {
  public:
    explicit ImportErrors(std::string file) : file_(std::move(file)) {}

    /// Adds a detail; its file is set to this file when empty.
    void Add(ErrorDetail detail) {
        if (detail.file.empty()) detail.file = file_;
        details_.push_back(std::move(detail));
    }

    /// Adds a detail with the given reason.
    void Add(ErrorDetail where, std::string reason_vi, std::string reason_en) {
        where.reason = Text{std::move(reason_vi), std::move(reason_en)};
        Add(std::move(where));
    }

    bool Empty() const { return details_.empty(); }
    std::size_t Count() const { return details_.size(); }
    const std::string& File() const { return file_; }

    /// One kInvalidInput error naming the file and the number of problems, with every detail.
    Error ToError() const { return MakeFileError(file_, details_); }

    /// The error for `file` with these details: "Tệp X có 2 lỗi" / "File X has 2 errors".
    static Error MakeFileError(const std::string& file, std::vector<ErrorDetail> details) {
        const std::string count = std::to_string(details.size());
        const bool one = details.size() == 1;
        return MakeError(ErrorCode::kInvalidInput, "Tệp " + file + " có " + count + " lỗi",
                         "File " + file + " has " + count + (one ? " error" : " errors"), std::move(details));
    }

  private:
    std::string file_;
    std::vector<ErrorDetail> details_;
};

/// Spreadsheet column letters for a 0-based column index: 0 → "A", 26 → "AA".
inline std::string ColumnLetters(std::size_t column) {
    std::string letters;
    std::size_t n = column + 1;
    while (n > 0) {
        const std::size_t rest = (n - 1) % 26;
        letters.insert(letters.begin(), static_cast<char>('A' + rest));
        n = (n - 1) / 26;
    }
    return letters;
}

/// A sheet name as written in a cell reference: quoted ('Tổng hợp') when it holds spaces or punctuation.
inline std::string SheetReference(const std::string& sheet) {
    bool plain = !sheet.empty();
    for (unsigned char c : sheet) {
        if (c < 0x80 &&
            !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '.')) {
            plain = false;
        }
    }
    if (plain) return sheet;
    std::string quoted = "'";
    for (char c : sheet) {
        if (c == '\'') quoted += '\'';
        quoted += c;
    }
    return quoted + "'";
}

/// "Sheet1!C7" for a 0-based column and a 1-based row.
inline std::string CellReference(const std::string& sheet, std::size_t column, std::int64_t row) {
    return SheetReference(sheet) + "!" + ColumnLetters(column) + std::to_string(row);
}

}  // namespace parindex
