#include <gtest/gtest.h>

#include "formats/table.hpp"

namespace parindex {
namespace {

Table MustParse(std::string_view content) {
    auto result = ParseCsv(content, "test.csv");
    EXPECT_TRUE(result.Ok()) << (result.Ok() ? "" : result.GetError().message.en);
    return result.Ok() ? *result : Table{};
}

TEST(Csv, ReadsHeadersAndRows) {
    Table table = MustParse("code,title,max\n1,Chỉ đạo điều hành CCHC,20\n1.6,Sáng kiến,2\n");
    EXPECT_EQ(table.file, "test.csv");
    EXPECT_EQ(table.headers, (std::vector<std::string>{"code", "title", "max"}));
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].line, 2);
    EXPECT_EQ(table.rows[0].cells, (std::vector<std::string>{"1", "Chỉ đạo điều hành CCHC", "20"}));
    EXPECT_EQ(table.rows[1].line, 3);
}

TEST(Csv, QuotesDoubledQuotesAndNewlinesInsideQuotes) {
    Table table = MustParse("code,title\n\"1,2\",\"He said \"\"hi\"\"\"\n\"3\",\"two\nlines\"\n4,  spaced  \n");
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[0].cells[0], "1,2");
    EXPECT_EQ(table.rows[0].cells[1], "He said \"hi\"");
    EXPECT_EQ(table.rows[1].cells[1], "two\nlines");
    EXPECT_EQ(table.rows[1].line, 3);
    EXPECT_EQ(table.rows[2].line, 5);  // The quoted newline moved the physical line on.
    EXPECT_EQ(table.rows[2].cells[1], "spaced");
}

TEST(Csv, BomCrlfBlankRowsAndMissingTrailingCells) {
    Table table = MustParse(
        "\xEF\xBB\xBF"
        "code,self,appraised\r\n\r\n1,,17.25\r\n ,  , \r\n2\r\n");
    EXPECT_EQ(table.headers[0], "code");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].line, 3);
    EXPECT_EQ(table.rows[0].cells, (std::vector<std::string>{"1", "", "17.25"}));
    EXPECT_EQ(table.rows[1].line, 5);
    EXPECT_EQ(table.rows[1].cells, (std::vector<std::string>{"2", "", ""}));
}

TEST(Csv, DetectsSemicolonSeparator) {
    Table table = MustParse("Mã;Điểm thẩm định;Ghi chú\n1;17,25;a, b\n");
    EXPECT_EQ(table.headers.size(), 3u);
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells, (std::vector<std::string>{"1", "17,25", "a, b"}));
}

TEST(Csv, NormalizesToNfc) {
    Table table = MustParse("name\nPhu\xCC\x9Bo\xCC\x9B\xCC\x80ng La Khê\n");
    EXPECT_EQ(table.rows[0].cells[0], "Phường La Khê");
}

TEST(Csv, LastLineWithoutNewline) {
    Table table = MustParse("a,b\n1,2");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].cells[1], "2");
}

TEST(Csv, UnterminatedQuoteNamesTheLine) {
    auto result = ParseCsv("code,title\n1,ok\n2,\"not closed\n3,x\n", "bad.csv");
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    EXPECT_EQ(error.code, ErrorCode::kInvalidInput);
    EXPECT_EQ(error.message.en, "File bad.csv has 1 error");
    EXPECT_EQ(error.message.vi, "Tệp bad.csv có 1 lỗi");
    ASSERT_EQ(error.details.size(), 1u);
    EXPECT_EQ(error.details[0].file, "bad.csv");
    EXPECT_EQ(error.details[0].line, 3);
    EXPECT_EQ(error.details[0].column, 2);
    EXPECT_EQ(error.details[0].reason.en, "the quote opened on this line is never closed");
    EXPECT_EQ(error.details[0].reason.vi, "dấu ngoặc kép mở ở dòng này không được đóng");
}

TEST(Csv, InvalidUtf8NamesEveryLine) {
    auto result = ParseCsv("name\nPh\xE6ng\nok\nbad \xFF\n", "legacy.csv");
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    EXPECT_EQ(error.message.en, "File legacy.csv has 2 errors");
    ASSERT_EQ(error.details.size(), 2u);
    EXPECT_EQ(error.details[0].line, 2);
    EXPECT_EQ(error.details[1].line, 4);
    EXPECT_EQ(error.details[0].reason.en, "the line holds bytes that are not UTF-8 (save the file as UTF-8)");
}

TEST(Csv, ExtraCellsAndEmptyFile) {
    auto extra = ParseCsv("a,b\n1,2,3\n", "x.csv");
    ASSERT_FALSE(extra.Ok());
    EXPECT_EQ(extra.GetError().details[0].line, 2);
    EXPECT_EQ(extra.GetError().details[0].column, 3);
    EXPECT_EQ(extra.GetError().details[0].value, "3");
    // Trailing empty cells (Excel's habit) are fine.
    EXPECT_TRUE(ParseCsv("a,b\n1,2,,\n", "x.csv").Ok());
    auto empty = ParseCsv("\n\n", "empty.csv");
    ASSERT_FALSE(empty.Ok());
    EXPECT_EQ(empty.GetError().details[0].reason.en, "the file has no header line (it is empty)");
}

TEST(Table, FindColumnFoldsHeaders) {
    Table table = MustParse("Mã tiêu chí,Điểm tối đa,Trách nhiệm tham mưu\n1,20,VP\n");
    EXPECT_EQ(table.FindColumn({"code", "mã", "mã tiêu chí"}), 0u);
    EXPECT_EQ(table.FindColumn({"max", "diem_toi_da"}), 1u);
    EXPECT_EQ(table.FindColumn({"responsible", "TRÁCH NHIỆM THAM MƯU"}), 2u);
    EXPECT_FALSE(table.FindColumn({"self"}).has_value());
}

TEST(Table, WhereNamesLineColumnAndCell) {
    Table table = MustParse("code,max\n1,abc\n");
    ErrorDetail where = table.Where(table.rows[0], 1);
    EXPECT_EQ(where.file, "test.csv");
    EXPECT_EQ(where.line, 2);
    EXPECT_EQ(where.column, 2);
    EXPECT_EQ(where.field, "max");
    EXPECT_EQ(where.value, "abc");
    EXPECT_EQ(where.path, "");
    table.sheet = "Sheet1";
    table.rows[0].line = 7;
    EXPECT_EQ(table.Where(table.rows[0], 1).path, "Sheet1!B7");
    table.sheet = "Tổng hợp";
    EXPECT_EQ(table.Where(table.rows[0], 27).path, "'Tổng hợp'!AB7");
}

TEST(Table, ReadFileMissing) {
    auto result = ReadFile("/nonexistent/parindex.csv");
    ASSERT_FALSE(result.Ok());
    EXPECT_EQ(result.GetError().code, ErrorCode::kNotFound);
    EXPECT_EQ(result.GetError().details[0].file, "/nonexistent/parindex.csv");
}

}  // namespace
}  // namespace parindex
