// .docx (Office Open XML, WordprocessingML) written by hand and zipped with libzip: the few parts Word and
// LibreOffice need ([Content_Types].xml, relationships, document, styles, settings, core and app properties).

#include "formats/docx.hpp"

#include <zip.h>

#include <cstdint>
#include <numeric>
#include <utility>

namespace parindex {
namespace {

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr int kPageWidth = 11906;   // A4, twips.
constexpr int kPageHeight = 16838;  // A4, twips.

// Appends `text` as XML character data: escaped, invalid UTF-8 and characters XML 1.0 forbids dropped.
void AppendEscaped(std::string& out, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (byte < 0x80) {
            length = 1;
            code = byte;
        } else if ((byte & 0xE0) == 0xC0) {
            length = 2;
            code = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            code = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            code = byte & 0x07;
        } else {
            ++i;  // A stray continuation byte or an invalid lead byte.
            continue;
        }
        if (i + length > text.size()) break;
        bool valid = true;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                valid = false;
                break;
            }
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (!valid || code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            ++i;
            continue;
        }
        const bool allowed = code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
                             (code >= 0xE000 && code <= 0xFFFD) || code >= 0x10000;
        if (allowed) {
            switch (code) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                default:
                    out.append(text.substr(i, length));
            }
        }
        i += length;
    }
}

std::string Escaped(std::string_view text) {
    std::string out;
    AppendEscaped(out, text);
    return out;
}

const char* AlignName(DocxAlign align) {
    switch (align) {
        case DocxAlign::kLeft:
            return "left";
        case DocxAlign::kCenter:
            return "center";
        case DocxAlign::kRight:
            return "right";
        case DocxAlign::kJustify:
            return "both";
    }
    return "both";
}

void AppendRun(std::string& out, const DocxRun& run) {
    out += "<w:r>";
    if (run.bold || run.italic || run.underline || run.size > 0) {
        out += "<w:rPr>";
        if (run.bold) out += "<w:b/><w:bCs/>";
        if (run.italic) out += "<w:i/><w:iCs/>";
        if (run.size > 0) {
            const std::string size = std::to_string(run.size);
            out += "<w:sz w:val=\"" + size + "\"/><w:szCs w:val=\"" + size + "\"/>";
        }
        if (run.underline) out += "<w:u w:val=\"single\"/>";
        out += "</w:rPr>";
    }
    // Line breaks and tabs become their own elements; the text between them keeps its spaces.
    std::size_t start = 0;
    const std::string& text = run.text;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool end = i == text.size();
        if (!end && text[i] != '\n' && text[i] != '\t') continue;
        if (i > start) {
            out += "<w:t xml:space=\"preserve\">";
            AppendEscaped(out, std::string_view(text).substr(start, i - start));
            out += "</w:t>";
        }
        if (!end) out += text[i] == '\n' ? "<w:br/>" : "<w:tab/>";
        start = i + 1;
    }
    out += "</w:r>";
}

void AppendParagraph(std::string& out, const DocxParagraph& paragraph) {
    out += "<w:p><w:pPr>";
    if (paragraph.keep_with_next) out += "<w:keepNext/>";
    if (paragraph.page_break_before) out += "<w:pageBreakBefore/>";
    out += "<w:spacing w:before=\"" + std::to_string(paragraph.space_before) + "\" w:after=\"" +
           std::to_string(paragraph.space_after) + "\"/>";
    if (paragraph.first_line_indent != 0) {
        out += "<w:ind w:firstLine=\"" + std::to_string(paragraph.first_line_indent) + "\"/>";
    }
    out += "<w:jc w:val=\"";
    out += AlignName(paragraph.align);
    out += "\"/></w:pPr>";
    for (const DocxRun& run : paragraph.runs) AppendRun(out, run);
    out += "</w:p>";
}

void AppendBorders(std::string& out, bool borders) {
    out += "<w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        out += "<w:";
        out += side;
        out += borders ? " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" : " w:val=\"nil\"/>";
    }
    out += "</w:tblBorders>";
}

void AppendTable(std::string& out, const DocxTable& table) {
    const int total = std::accumulate(table.widths.begin(), table.widths.end(), 0);
    out += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) + "\" w:type=\"dxa\"/>";
    AppendBorders(out, table.borders);
    out += "<w:tblLayout w:type=\"fixed\"/>";
    out += "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>";
    out += "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>";
    for (int width : table.widths) out += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
    out += "</w:tblGrid>";
    const int columns = static_cast<int>(table.widths.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        out += "<w:tr><w:trPr><w:cantSplit/>";
        if (static_cast<int>(r) < table.header_rows) out += "<w:tblHeader/>";
        out += "</w:trPr>";
        int column = 0;
        for (const DocxCell& cell : table.rows[r]) {
            int span = std::max(1, cell.span);
            if (columns > 0 && column + span > columns) span = std::max(1, columns - column);
            int width = 0;
            for (int c = column; c < column + span && c < columns; ++c)
                width += table.widths[static_cast<std::size_t>(c)];
            column += span;
            out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
            if (span > 1) out += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
            if (cell.shaded) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>";
            // Data tables centre their cells vertically; layout tables (header, signature) keep them at the top.
            out += table.borders ? "<w:vAlign w:val=\"center\"/></w:tcPr>" : "<w:vAlign w:val=\"top\"/></w:tcPr>";
            if (cell.paragraphs.empty()) {
                out += "<w:p/>";  // A cell needs a paragraph.
            } else {
                for (const DocxParagraph& paragraph : cell.paragraphs) AppendParagraph(out, paragraph);
            }
            out += "</w:tc>";
        }
        // Rows with fewer cells than the grid are padded so that Word does not reject the row.
        if (column < columns) {
            int width = 0;
            for (int c = column; c < columns; ++c) width += table.widths[static_cast<std::size_t>(c)];
            out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
            if (columns - column > 1) out += "<w:gridSpan w:val=\"" + std::to_string(columns - column) + "\"/>";
            out += "</w:tcPr><w:p/></w:tc>";
        }
        out += "</w:tr>";
    }
    out += "</w:tbl>";
}

std::string DocumentXml(const DocxDocument& document) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    out += "<w:document xmlns:w=\"";
    out += kMainNs;
    out += "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
    bool last_was_table = false;
    for (const DocxBlock& block : document.body) {
        if (const auto* paragraph = std::get_if<DocxParagraph>(&block)) {
            AppendParagraph(out, *paragraph);
            last_was_table = false;
        } else {
            // Two tables in a row would merge into one: keep them apart with an empty paragraph.
            if (last_was_table) out += "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>";
            AppendTable(out, std::get<DocxTable>(block));
            last_was_table = true;
        }
    }
    // The body must not end with a table (Word adds a paragraph and asks to save the "changed" document).
    if (last_was_table) out += "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>";
    out += "<w:sectPr><w:pgSz w:w=\"" + std::to_string(kPageWidth) + "\" w:h=\"" + std::to_string(kPageHeight) + "\"/>";
    out += "<w:pgMar w:top=\"" + std::to_string(document.margin_top) + "\" w:right=\"" +
           std::to_string(document.margin_right) + "\" w:bottom=\"" + std::to_string(document.margin_bottom) +
           "\" w:left=\"" + std::to_string(document.margin_left) +
           "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>";
    out += "<w:cols w:space=\"720\"/></w:sectPr></w:body></w:document>";
    return out;
}

std::string StylesXml(const DocxDocument& document) {
    const std::string font = Escaped(document.font);
    const std::string size = std::to_string(document.size > 0 ? document.size : 28);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    out += "<w:styles xmlns:w=\"";
    out += kMainNs;
    out += "\"><w:docDefaults><w:rPrDefault><w:rPr>";
    out += "<w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font + "\" w:eastAsia=\"" + font + "\" w:cs=\"" + font +
           "\"/>";
    out += "<w:sz w:val=\"" + size + "\"/><w:szCs w:val=\"" + size + "\"/>";
    out += "<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>";
    out += "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>";
    out += "</w:pPrDefault></w:docDefaults>";
    out += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>";
    out += "<w:qFormat/></w:style>";
    out += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">";
    out += "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>";
    out += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>";
    out += "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>";
    out += "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>";
    out += "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>";
    out += "</w:style></w:styles>";
    return out;
}

std::string SettingsXml() {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    out += "<w:settings xmlns:w=\"";
    out += kMainNs;
    out += "\"><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>";
    out += "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\"";
    out += " w:val=\"15\"/></w:compat></w:settings>";
    return out;
}

std::string ContentTypesXml() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
           "<Override PartName=\"/word/styles.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
           "<Override PartName=\"/word/settings.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
           "<Override PartName=\"/docProps/core.xml\" "
           "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
           "<Override PartName=\"/docProps/app.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
           "</Types>";
}

std::string PackageRelsXml() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
           "Target=\"word/document.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
           "Target=\"docProps/core.xml\"/>"
           "<Relationship Id=\"rId3\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
           "Target=\"docProps/app.xml\"/>"
           "</Relationships>";
}

std::string DocumentRelsXml() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
           "Target=\"styles.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
           "Target=\"settings.xml\"/>"
           "</Relationships>";
}

std::string CoreXml(const DocxDocument& document) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    out += "<dc:title>" + Escaped(document.title) + "</dc:title>";
    out += "<dc:creator>ParIndex</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>";
    return out;
}

std::string AppXml() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
           "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
           "<Application>ParIndex</Application><DocSecurity>0</DocSecurity></Properties>";
}

Error ZipFailure(const std::string& reason) {
    return MakeError(ErrorCode::kInternal, "Không tạo được tệp .docx: " + reason, "Cannot build the .docx: " + reason);
}

}  // namespace

Result<std::string> WriteDocx(const DocxDocument& document) {
    // The parts stay alive until zip_close, which reads them.
    const std::vector<std::pair<const char*, std::string>> parts = {
        {"[Content_Types].xml", ContentTypesXml()},   {"_rels/.rels", PackageRelsXml()},
        {"word/document.xml", DocumentXml(document)}, {"word/_rels/document.xml.rels", DocumentRelsXml()},
        {"word/styles.xml", StylesXml(document)},     {"word/settings.xml", SettingsXml()},
        {"docProps/core.xml", CoreXml(document)},     {"docProps/app.xml", AppXml()},
    };

    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) {
        zip_error_fini(&error);
        return ZipFailure("zip_source_buffer_create");
    }
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        zip_source_free(buffer);
        zip_error_fini(&error);
        return ZipFailure("zip_open_from_source");
    }
    zip_error_fini(&error);
    zip_source_keep(buffer);  // Read back after zip_close.

    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (source == nullptr) {
            zip_discard(archive);
            zip_source_free(buffer);
            return ZipFailure(std::string("zip_source_buffer ") + name);
        }
        if (zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(source);
            zip_discard(archive);
            zip_source_free(buffer);
            return ZipFailure(std::string("zip_file_add ") + name);
        }
    }
    if (zip_close(archive) < 0) {
        std::string reason = zip_strerror(archive);
        zip_discard(archive);
        zip_source_free(buffer);
        return ZipFailure(reason);
    }

    std::string bytes;
    if (zip_source_open(buffer) < 0) {
        zip_source_free(buffer);
        return ZipFailure("zip_source_open");
    }
    char chunk[65536];
    while (true) {
        const zip_int64_t read = zip_source_read(buffer, chunk, sizeof chunk);
        if (read < 0) {
            zip_source_close(buffer);
            zip_source_free(buffer);
            return ZipFailure("zip_source_read");
        }
        if (read == 0) break;
        bytes.append(chunk, static_cast<std::size_t>(read));
    }
    zip_source_close(buffer);
    zip_source_free(buffer);
    return bytes;
}

DocxParagraph Para(std::string text, DocxAlign align, bool bold, bool italic) {
    DocxParagraph paragraph;
    paragraph.align = align;
    DocxRun run;
    run.text = std::move(text);
    run.bold = bold;
    run.italic = italic;
    paragraph.runs.push_back(std::move(run));
    return paragraph;
}

DocxCell Cell(std::string text, DocxAlign align, bool bold) {
    DocxCell cell;
    DocxParagraph paragraph = Para(std::move(text), align, bold);
    paragraph.space_before = 40;
    paragraph.space_after = 40;
    cell.paragraphs.push_back(std::move(paragraph));
    return cell;
}

}  // namespace parindex
