#include "formats/docx.hpp"

#include <expat.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>
#include <vector>

#include "office_convert.hpp"
#include "test_support.hpp"

namespace parindex {
namespace {

using testing::DocxToPdfText;
using testing::Squeezed;
using testing::TempDir;

// Every part of a zip archive held in memory, by name.
std::map<std::string, std::string> Unzip(const std::string& bytes) {
    std::map<std::string, std::string> parts;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    EXPECT_NE(source, nullptr);
    if (source == nullptr) return parts;
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    zip_error_fini(&error);
    EXPECT_NE(archive, nullptr) << "not a zip archive";
    if (archive == nullptr) {
        zip_source_free(source);
        return parts;
    }
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0) continue;
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        if (file == nullptr) continue;
        std::string content(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, content.data(), stat.size);
        zip_fclose(file);
        EXPECT_EQ(read, static_cast<zip_int64_t>(stat.size)) << stat.name;
        parts[stat.name] = content;
    }
    zip_close(archive);
    return parts;
}

// What expat saw in an XML part: element names with their attributes, and the character data.
struct Parsed {
    bool well_formed = false;
    std::string error;
    std::vector<std::pair<std::string, std::map<std::string, std::string>>> elements;
    std::string text;

    int Count(const std::string& name) const {
        int count = 0;
        for (const auto& element : elements) count += element.first == name ? 1 : 0;
        return count;
    }
    const std::map<std::string, std::string>* First(const std::string& name) const {
        for (const auto& element : elements) {
            if (element.first == name) return &element.second;
        }
        return nullptr;
    }
};

Parsed ParseXml(const std::string& xml) {
    Parsed parsed;
    XML_Parser parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, &parsed);
    XML_SetElementHandler(
        parser,
        [](void* data, const XML_Char* name, const XML_Char** attributes) {
            auto* out = static_cast<Parsed*>(data);
            std::map<std::string, std::string> values;
            for (int i = 0; attributes[i] != nullptr; i += 2) values[attributes[i]] = attributes[i + 1];
            out->elements.emplace_back(name, std::move(values));
            if (std::string(name) == "w:br") out->text += '\n';
        },
        [](void*, const XML_Char*) {});
    XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
        static_cast<Parsed*>(data)->text.append(text, static_cast<std::size_t>(length));
    });
    parsed.well_formed = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
    if (!parsed.well_formed) {
        parsed.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                       std::to_string(XML_GetCurrentLineNumber(parser));
    }
    XML_ParserFree(parser);
    return parsed;
}

DocxDocument SampleDocument() {
    DocxDocument document;
    document.title = "Kế hoạch <thử> & \"mẫu\"";
    DocxParagraph heading = Para("KẾ HOẠCH", DocxAlign::kCenter, true);
    document.body.emplace_back(heading);
    DocxParagraph mixed;
    mixed.runs.push_back({"Điểm <thẩm định> & \"tối đa\" ", false, false, false, 0});
    mixed.runs.push_back({"in đậm", true, false, false, 0});
    mixed.runs.push_back({" nghiêng", false, true, false, 24});
    mixed.runs.push_back({" gạch chân", false, false, true, 0});
    mixed.runs.push_back({"\nDòng hai\x01\x0B có ký tự cấm", false, false, false, 0});
    mixed.first_line_indent = 567;
    document.body.emplace_back(mixed);

    DocxTable table;
    table.widths = {700, 4000, 2000, 2000};
    table.header_rows = 1;
    table.rows.push_back({Cell("TT", DocxAlign::kCenter, true), Cell("Nội dung", DocxAlign::kCenter, true),
                          Cell("Điểm", DocxAlign::kCenter, true), Cell("Tăng/giảm", DocxAlign::kCenter, true)});
    for (DocxCell& cell : table.rows.back()) cell.shaded = true;
    DocxCell area = Cell("I. CHỈ ĐẠO ĐIỀU HÀNH", DocxAlign::kLeft, true);
    area.span = 4;
    table.rows.push_back({area});
    table.rows.push_back(
        {Cell("1", DocxAlign::kCenter), Cell("Chỉ đạo điều hành CCHC"), Cell("17,25/20"), Cell("+3,91")});
    DocxCell total = Cell("CHỈ SỐ CCHC", DocxAlign::kLeft, true);
    total.span = 2;
    table.rows.push_back({total, Cell("90,02/100"), Cell("+5,55")});
    document.body.emplace_back(table);

    DocxTable layout;
    layout.borders = false;
    layout.widths = {4000, 5355};
    layout.rows.push_back({Cell("Nơi nhận:"), Cell("CHỦ TỊCH", DocxAlign::kCenter, true)});
    document.body.emplace_back(layout);
    return document;
}

TEST(WriteDocx, WritesEveryPartWellFormed) {
    auto bytes = WriteDocx(SampleDocument());
    ASSERT_TRUE(bytes.Ok());
    ASSERT_EQ(bytes->substr(0, 2), "PK");
    const auto parts = Unzip(*bytes);
    for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                             "word/styles.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"}) {
        ASSERT_TRUE(parts.count(name)) << name << " is missing";
        const Parsed parsed = ParseXml(parts.at(name));
        EXPECT_TRUE(parsed.well_formed) << name << ": " << parsed.error;
    }
    const Parsed types = ParseXml(parts.at("[Content_Types].xml"));
    bool main_part = false;
    for (const auto& [name, attributes] : types.elements) {
        if (name == "Override" && attributes.count("PartName") && attributes.at("PartName") == "/word/document.xml") {
            main_part = attributes.at("ContentType") ==
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
        }
    }
    EXPECT_TRUE(main_part);
    EXPECT_EQ(ParseXml(parts.at("docProps/core.xml")).text, "Kế hoạch <thử> & \"mẫu\"ParIndexvi-VN");
}

TEST(WriteDocx, DocumentHoldsEscapedTextTablesAndA4Page) {
    auto bytes = WriteDocx(SampleDocument());
    ASSERT_TRUE(bytes.Ok());
    const auto parts = Unzip(*bytes);
    ASSERT_TRUE(parts.count("word/document.xml"));
    const std::string& xml = parts.at("word/document.xml");
    const Parsed document = ParseXml(xml);
    ASSERT_TRUE(document.well_formed) << document.error;

    // Escaped in the file, the original text once parsed; forbidden control characters are gone.
    EXPECT_NE(xml.find("Điểm &lt;thẩm định&gt; &amp; &quot;tối đa&quot;"), std::string::npos);
    EXPECT_NE(document.text.find("Điểm <thẩm định> & \"tối đa\" in đậm nghiêng gạch chân\nDòng hai có ký tự cấm"),
              std::string::npos)
        << document.text;

    // Run styles.
    EXPECT_GE(document.Count("w:b"), 1);
    EXPECT_GE(document.Count("w:i"), 1);
    ASSERT_NE(document.First("w:u"), nullptr);
    EXPECT_EQ(document.First("w:u")->at("w:val"), "single");
    ASSERT_NE(document.First("w:sz"), nullptr);
    EXPECT_EQ(document.First("w:sz")->at("w:val"), "24");
    EXPECT_EQ(document.First("w:ind")->at("w:firstLine"), "567");

    // Two tables, the grid, spans, shading, the repeated header row, borders on the first only.
    EXPECT_EQ(document.Count("w:tbl"), 2);
    EXPECT_EQ(document.Count("w:gridCol"), 6);
    std::vector<std::string> spans;
    for (const auto& [name, attributes] : document.elements) {
        if (name == "w:gridSpan") spans.push_back(attributes.at("w:val"));
    }
    EXPECT_EQ(spans, (std::vector<std::string>{"4", "2"}));
    EXPECT_EQ(document.Count("w:shd"), 4);
    EXPECT_EQ(document.Count("w:tblHeader"), 1);
    std::vector<std::string> borders;
    for (const auto& [name, attributes] : document.elements) {
        if (name == "w:insideV") borders.push_back(attributes.at("w:val"));
    }
    EXPECT_EQ(borders, (std::vector<std::string>{"single", "nil"}));
    // Every row fills the grid: the total row spans 2 + 1 + 1 cells of 700 + 4000, 2000, 2000 twips.
    std::vector<std::string> widths;
    for (const auto& [name, attributes] : document.elements) {
        if (name == "w:tcW") widths.push_back(attributes.at("w:w"));
    }
    ASSERT_EQ(widths.size(), 4u + 1u + 4u + 3u + 2u);
    EXPECT_EQ(widths[4], "8700");
    EXPECT_EQ(widths[9], "4700");

    // A4 portrait with Nghị định 30's margins.
    const auto* size = document.First("w:pgSz");
    ASSERT_NE(size, nullptr);
    EXPECT_EQ(size->at("w:w"), "11906");
    EXPECT_EQ(size->at("w:h"), "16838");
    const auto* margins = document.First("w:pgMar");
    ASSERT_NE(margins, nullptr);
    EXPECT_EQ(margins->at("w:top"), "1134");
    EXPECT_EQ(margins->at("w:bottom"), "1134");
    EXPECT_EQ(margins->at("w:left"), "1701");
    EXPECT_EQ(margins->at("w:right"), "850");
    // The body ends with a paragraph before the section properties (never with a table).
    const std::size_t last_table = xml.rfind("</w:tbl>");
    const std::size_t section = xml.find("<w:sectPr>");
    ASSERT_NE(section, std::string::npos);
    EXPECT_NE(xml.substr(last_table, section - last_table).find("<w:p>"), std::string::npos);

    // Times New Roman 14 pt by default, Vietnamese.
    const Parsed styles = ParseXml(parts.at("word/styles.xml"));
    ASSERT_NE(styles.First("w:rFonts"), nullptr);
    EXPECT_EQ(styles.First("w:rFonts")->at("w:ascii"), "Times New Roman");
    EXPECT_EQ(styles.First("w:rFonts")->at("w:hAnsi"), "Times New Roman");
    EXPECT_EQ(styles.First("w:sz")->at("w:val"), "28");
    EXPECT_EQ(styles.First("w:lang")->at("w:val"), "vi-VN");
}

TEST(WriteDocx, InvalidUtf8IsDroppedNotWritten) {
    DocxDocument document;
    document.body.emplace_back(Para(std::string("a\xC3") + "b\xFF" + "c\xE1\xBA\xBF", DocxAlign::kLeft));
    auto bytes = WriteDocx(document);
    ASSERT_TRUE(bytes.Ok());
    const Parsed parsed = ParseXml(Unzip(*bytes).at("word/document.xml"));
    ASSERT_TRUE(parsed.well_formed) << parsed.error;
    EXPECT_EQ(parsed.text, "abcế");
}

TEST(WriteDocx, LibreOfficeOpensIt) {
    auto bytes = WriteDocx(SampleDocument());
    ASSERT_TRUE(bytes.Ok());
    const auto converted = DocxToPdfText(*bytes, TempDir("docx_sample"), "sample");
    ASSERT_TRUE(converted.ok) << converted.error;
    const std::string text = Squeezed(converted.text);
    for (const char* expected :
         {"KẾ HOẠCH", "Điểm <thẩm định> & \"tối đa\" in đậm nghiêng gạch chân", "Dòng hai", "I. CHỈ ĐẠO ĐIỀU HÀNH",
          "Chỉ đạo điều hành CCHC 17,25/20 +3,91", "CHỈ SỐ CCHC 90,02/100 +5,55", "Nơi nhận: CHỦ TỊCH"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n--- in ---\n" << converted.text;
    }
}

}  // namespace
}  // namespace parindex
