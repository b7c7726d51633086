#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <fstream>
#include <map>

#include "formats/table.hpp"
#include "test_support.hpp"

namespace parindex {
namespace {

using testing::Describe;
using testing::TempDir;

// Writes a zip package with the given parts, for workbooks libxlsxwriter cannot produce.
void WriteZip(const std::string& path, const std::map<std::string, std::string>& parts) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr);
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        ASSERT_NE(source, nullptr);
        ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
    }
    ASSERT_EQ(zip_close(archive), 0);
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>)";
const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Điểm" sheetId="1" rel:id="rId7"/></sheets></workbook>)";
const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>)";
const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Mã</t></si><si><r><rPr><b/></rPr><t>Điểm </t></r><r><t xml:space="preserve">thẩm định</t></r><rPh><t>ignored</t></rPh></si><si><t>Phu&#x31B;o&#x31B;&#x300;ng La Khê</t></si></sst>)";

std::string Sheet(const std::string& rows) {
    return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           rows + "</sheetData></worksheet>";
}

std::string HandMade(const std::string& name, const std::string& rows) {
    const std::string path = (TempDir("reader") / name).string();
    WriteZip(path, {{"[Content_Types].xml", kContentTypes},
                    {"_rels/.rels", kRootRels},
                    {"xl/workbook.xml", kWorkbook},
                    {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                    {"xl/strings.xml", kSharedStrings},
                    {"xl/worksheets/data.xml", Sheet(rows)}});
    return path;
}

TEST(XlsxReader, ReadsCellTypesFromAHandMadePackage) {
    const std::string path = HandMade(
        "types.xlsx",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Ghi chú</t></is></c></row>)"
        R"(<row r="3"><c r="A3" t="str"><f>"1."&amp;"6"</f><v>1.6</v></c><c r="B3"><v>14.399999999999999</v></c><c r="D3" t="b"><v>1</v></c></row>)"
        R"(<row><c><v>0.75</v></c><c><f>B3*2</f><v>1.4999999999999999E-2</v></c><c/><c t="s"><v>2</v></c></row>)"
        R"(<row r="9"><c r="A9" t="inlineStr"><is><r><t>4.1</t></r><r><t>.2</t></r></is></c><c r="B9" s="3"/></row>)");
    auto table = ReadXlsx(path, "types.xlsx");
    ASSERT_TRUE(table.Ok()) << Describe(table.GetError());
    EXPECT_EQ(table->file, "types.xlsx");
    EXPECT_EQ(table->sheet, "Điểm");
    EXPECT_EQ(table->headers, (std::vector<std::string>{"Mã", "Điểm thẩm định", "", "Ghi chú"}));
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->rows[0].line, 3);
    EXPECT_EQ(table->rows[0].cells, (std::vector<std::string>{"1.6", "14.4", "", "true"}));
    EXPECT_EQ(table->rows[1].line, 4);  // A row without r follows the previous one.
    EXPECT_EQ(table->rows[1].cells, (std::vector<std::string>{"0.75", "0.015", "", "Phường La Khê"}));
    EXPECT_EQ(table->rows[2].line, 9);
    EXPECT_EQ(table->rows[2].cells[0], "4.1.2");
    EXPECT_EQ(table->FindColumn({"appraised", "điểm thẩm định"}), 1u);
    EXPECT_EQ(table->Where(table->rows[2], 1).path, "Điểm!B9");
}

TEST(XlsxReader, FormulaWithoutCachedValueIsAnError) {
    const std::string path =
        HandMade("formula.xlsx",
                 R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="E1" t="s"><v>1</v></c></row>)"
                 R"(<row r="5"><c r="A5" t="inlineStr"><is><t>1.6</t></is></c><c r="E5"><f>SUM(B2:B4)</f></c></row>)"
                 R"(<row r="6"><c r="A6" t="e"><v>#DIV/0!</v></c></row>)");
    auto table = ReadXlsx(path, "formula.xlsx");
    ASSERT_FALSE(table.Ok());
    const Error& error = table.GetError();
    EXPECT_EQ(error.code, ErrorCode::kInvalidInput);
    EXPECT_EQ(error.message.en, "File formula.xlsx has 2 errors");
    ASSERT_EQ(error.details.size(), 2u);
    EXPECT_EQ(error.details[0].file, "formula.xlsx");
    EXPECT_EQ(error.details[0].path, "Điểm!E5");
    EXPECT_EQ(error.details[0].line, 5);
    EXPECT_EQ(error.details[0].column, 5);
    EXPECT_EQ(error.details[0].reason.vi, "ô Điểm!E5 là công thức chưa có giá trị đã tính");
    EXPECT_EQ(error.details[0].reason.en, "cell Điểm!E5 is a formula without a cached value");
    EXPECT_EQ(error.details[1].reason.en, "cell Điểm!A6 holds the Excel error #DIV/0!");
}

TEST(XlsxReader, ReadsWhatLibxlsxwriterWrites) {
    const std::string path = (TempDir("libxlsxwriter") / "plain.xlsx").string();
    lxw_workbook* workbook = workbook_new(path.c_str());
    lxw_worksheet* first = workbook_add_worksheet(workbook, "Sheet1");
    worksheet_write_string(first, 0, 0, "Mã", nullptr);
    worksheet_write_string(first, 0, 1, "Điểm tối đa", nullptr);
    worksheet_write_string(first, 0, 2, "Thẩm định", nullptr);
    worksheet_write_string(first, 0, 4, "Tổng", nullptr);
    worksheet_write_string(first, 6, 0, "1.6", nullptr);
    worksheet_write_number(first, 6, 1, 14.4, nullptr);
    worksheet_write_number(first, 6, 2, 91.989, nullptr);
    worksheet_write_formula(first, 6, 4, "=B7+C7", nullptr);
    worksheet_write_boolean(first, 7, 0, 0, nullptr);
    worksheet_write_number(first, 7, 1, 0.1 + 0.2, nullptr);
    lxw_worksheet* second = workbook_add_worksheet(workbook, "Tổng hợp");
    worksheet_write_string(second, 0, 0, "Năm", nullptr);
    worksheet_write_number(second, 1, 0, 2023, nullptr);
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

    auto table = ReadXlsx(path, "plain.xlsx");
    ASSERT_TRUE(table.Ok()) << Describe(table.GetError());
    EXPECT_EQ(table->sheet, "Sheet1");
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->rows[0].line, 7);
    // libxlsxwriter caches 0 for formulas it cannot compute: the cached value is what Excel would show
    // before recalculation, so it is read as a value.
    EXPECT_EQ(table->rows[0].cells, (std::vector<std::string>{"1.6", "14.4", "91.989", "", "0"}));
    EXPECT_EQ(table->rows[1].cells[0], "false");
    EXPECT_EQ(table->rows[1].cells[1], "0.3");
    EXPECT_EQ(table->Where(table->rows[0], 2).path, "Sheet1!C7");

    auto named = ReadXlsx(path, "plain.xlsx", "Tổng hợp");
    ASSERT_TRUE(named.Ok()) << Describe(named.GetError());
    EXPECT_EQ(named->sheet, "Tổng hợp");
    EXPECT_EQ(named->rows[0].cells[0], "2023");
    EXPECT_EQ(named->Where(named->rows[0], 0).path, "'Tổng hợp'!A2");

    auto missing = ReadXlsx(path, "plain.xlsx", "Không có");
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.GetError().details[0].reason.en,
              "there is no sheet named \"Không có\"; the sheets are: Sheet1, Tổng hợp");
}

TEST(XlsxReader, NotAWorkbook) {
    const std::string path = (TempDir("notxlsx") / "scores.xlsx").string();
    std::ofstream(path) << "code,appraised\n1.6,0\n";
    auto table = ReadXlsx(path, "scores.xlsx");
    ASSERT_FALSE(table.Ok());
    EXPECT_EQ(table.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(table.GetError().message.en, "File scores.xlsx has 1 error");
    EXPECT_EQ(table.GetError().details[0].file, "scores.xlsx");
    EXPECT_EQ(table.GetError().details[0].reason.en, "not a valid .xlsx file (it cannot be read as a zip package)");

    const std::string zip_path = (TempDir("zipnotxlsx") / "other.xlsx").string();
    WriteZip(zip_path, {{"readme.txt", "hello"}});
    auto other = ReadXlsx(zip_path, "other.xlsx");
    ASSERT_FALSE(other.Ok());
    EXPECT_EQ(other.GetError().details[0].reason.en, "not a valid .xlsx file: xl/workbook.xml is missing");

    auto absent = ReadXlsx("/nonexistent/x.xlsx", "x.xlsx");
    ASSERT_FALSE(absent.Ok());
    EXPECT_EQ(absent.GetError().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace parindex
