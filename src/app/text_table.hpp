#pragma once

#include <string>
#include <vector>

namespace parindex {

/// A plain-text table for the terminal: columns padded by display width (one column per code point, which
/// holds for NFC Vietnamese), numbers right-aligned.
class TextTable {
  public:
    /// `right_aligned[i]` right-aligns column i.
    TextTable(std::vector<std::string> headers, std::vector<bool> right_aligned);
    /// Adds a row; missing cells are blank.
    void AddRow(std::vector<std::string> cells);
    /// The table with a header rule; long cells are cut at `max_width` code points with "…".
    std::string Render(std::size_t max_width = 60) const;

  private:
    std::vector<std::string> headers_;
    std::vector<bool> right_aligned_;
    std::vector<std::vector<std::string>> rows_;
};

/// The number of code points in UTF-8 text (its display width for NFC Vietnamese).
std::size_t DisplayWidth(const std::string& text);

}  // namespace parindex
