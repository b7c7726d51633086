#include "app/text_table.hpp"

#include <algorithm>

namespace parindex {
namespace {

// Cuts UTF-8 text to at most `width` code points, ending with "…" when cut.
std::string Cut(const std::string& text, std::size_t width) {
    if (DisplayWidth(text) <= width) return text;
    std::string out;
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80) {
            if (points + 1 == width) break;
            ++points;
        }
        out += text[i];
    }
    return out + "…";
}

}  // namespace

std::size_t DisplayWidth(const std::string& text) {
    std::size_t width = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
    }
    return width;
}

TextTable::TextTable(std::vector<std::string> headers, std::vector<bool> right_aligned)
    : headers_(std::move(headers)), right_aligned_(std::move(right_aligned)) {
    right_aligned_.resize(headers_.size(), false);
}

void TextTable::AddRow(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::Render(std::size_t max_width) const {
    std::vector<std::vector<std::string>> cut;
    cut.reserve(rows_.size());
    for (const auto& row : rows_) {
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (const auto& cell : row) cells.push_back(Cut(cell, max_width));
        cut.push_back(std::move(cells));
    }
    std::vector<std::size_t> widths(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) {
        widths[c] = DisplayWidth(headers_[c]);
        for (const auto& row : cut) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - DisplayWidth(cells[c]);
            if (c > 0) out += "  ";
            if (right_aligned_[c])
                out += std::string(pad, ' ') + cells[c];
            else if (c + 1 < cells.size())
                out += cells[c] + std::string(pad, ' ');
            else
                out += cells[c];
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(headers_);
    std::size_t total = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) total += widths[c] + (c > 0 ? 2 : 0);
    std::string rule;
    for (std::size_t i = 0; i < total; ++i) rule += "─";
    out += rule + "\n";
    for (const auto& row : cut) out += line(row);
    return out;
}

}  // namespace parindex
