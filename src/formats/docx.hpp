#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/result.hpp"

namespace parindex {

/// A small model of a Word document, enough for administrative documents (Nghị định 30/2020 layout): styled
/// paragraphs and tables, A4 pages, one font. WriteDocx turns it into the bytes of a .docx (Office Open XML,
/// written with libzip) that Word and LibreOffice open.

/// A run of text with one style. Line breaks inside `text` ("\n") become <w:br/>.
struct DocxRun {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    int size = 0;  ///< Half-points (26 = 13 pt); 0 = the document's size.
};

enum class DocxAlign { kLeft, kCenter, kRight, kJustify };

struct DocxParagraph {
    std::vector<DocxRun> runs;
    DocxAlign align = DocxAlign::kJustify;
    int first_line_indent = 0;  ///< Twips (567 = 1 cm).
    int space_before = 0;       ///< Twips.
    int space_after = 60;       ///< Twips.
    bool keep_with_next = false;
    bool page_break_before = false;
};

/// A table cell: paragraphs, a horizontal span and an optional grey shading (header rows).
struct DocxCell {
    std::vector<DocxParagraph> paragraphs;
    int span = 1;
    bool shaded = false;
};

struct DocxTable {
    std::vector<int> widths;  ///< Column widths in twips (the grid); cells span them.
    std::vector<std::vector<DocxCell>> rows;
    bool borders = true;  ///< False for layout tables (the two-column header, the signature block).
    int header_rows = 0;  ///< Repeated at the top of each page.
};

using DocxBlock = std::variant<DocxParagraph, DocxTable>;

struct DocxDocument {
    std::string title;  ///< Core properties (docProps/core.xml).
    std::string font = "Times New Roman";
    int size = 28;  ///< Half-points: 14 pt.
    /// A4 with Nghị định 30's margins (top 20 mm, bottom 20 mm, left 30 mm, right 15 mm), in twips.
    int margin_top = 1134, margin_bottom = 1134, margin_left = 1701, margin_right = 850;
    std::vector<DocxBlock> body;
};

/// The .docx bytes of `document`; kInternal only when zipping fails. Texts are escaped; invalid XML
/// characters are dropped.
Result<std::string> WriteDocx(const DocxDocument& document);

/// Helpers for building documents.
DocxParagraph Para(std::string text, DocxAlign align = DocxAlign::kJustify, bool bold = false, bool italic = false);
DocxCell Cell(std::string text, DocxAlign align = DocxAlign::kLeft, bool bold = false);

}  // namespace parindex
