#include <gtest/gtest.h>

#include "formats/codecs.hpp"
#include "test_support.hpp"

namespace parindex {
namespace {

using testing::DataPath;
using testing::Describe;
using testing::ExpectSame;
using testing::ReadData;

Decimal D(const char* text) { return *Decimal::Parse(text); }

Table Csv(const std::string& name) {
    auto table = ParseCsv(ReadData(name), name);
    EXPECT_TRUE(table.Ok()) << (table.Ok() ? "" : Describe(table.GetError()));
    return table.Ok() ? *table : Table{};
}

Table CsvText(const std::string& text, const std::string& name = "t.csv") {
    auto table = ParseCsv(text, name);
    EXPECT_TRUE(table.Ok()) << (table.Ok() ? "" : Describe(table.GetError()));
    return table.Ok() ? *table : Table{};
}

template <class T>
T Must(Result<T> result) {
    EXPECT_TRUE(result.Ok()) << (result.Ok() ? "" : Describe(result.GetError()));
    return result.Ok() ? std::move(result).Value() : T{};
}

TEST(ScoresTable, ReadsTheOfficialsLayout) {
    TableOptions options{"lakhe", 2023, "hadong-2023"};
    auto assessments = Must(ParseScoresTable(Csv("lakhe_2023_officials.csv"), options));
    ASSERT_EQ(assessments.size(), 1u);
    const Assessment& a = assessments[0];
    EXPECT_EQ(a.unit_code, "lakhe");
    EXPECT_EQ(a.year, 2023);
    EXPECT_EQ(a.framework_code, "hadong-2023");
    EXPECT_EQ(a.total_points, D("90.02"));
    EXPECT_EQ(a.total_max, D("100"));
    EXPECT_FALSE(a.total_self.has_value());
    EXPECT_EQ(a.total_provenance, Provenance::kPublished);
    ASSERT_EQ(a.nodes.size(), 4u);  // The section heading row carries no figure and is skipped.
    EXPECT_EQ(a.nodes[0].code, "1.6");
    EXPECT_EQ(a.nodes[0].appraised, D("0"));
    EXPECT_FALSE(a.nodes[0].self.has_value());
    EXPECT_EQ(a.nodes[0].cause, "Sáng kiến không được công nhận");
    EXPECT_EQ(a.nodes[0].responsible, "Các bộ phận");
    EXPECT_EQ(a.nodes[0].provenance, Provenance::kEntered);
    EXPECT_EQ(a.nodes[0].source.file, "lakhe_2023_officials.csv");
    EXPECT_EQ(a.nodes[0].source.line, 3);
    EXPECT_EQ(a.nodes[1].appraised, D("1.5"));
    EXPECT_EQ(a.nodes[1].responsible, "Tài chính – kế toán");
    EXPECT_EQ(a.nodes[2].appraised, D("0.25"));
    EXPECT_EQ(a.nodes[3].appraised, D("0.9"));
    EXPECT_EQ(a.nodes[3].cause, "9 xuất sắc, 2 tốt");
}

TEST(ScoresTable, GroupsRowsByUnitAndYear) {
    Table table = CsvText(
        "unit_code,year,framework_code,code,self,appraised,change,provenance\n"
        "lakhe,2023,hadong-2023,TOTAL,,90.02,5.55,\n"
        "lakhe,2023,,1,,17.25,3.91,published\n"
        "lakhe,2022,,Tổng,,84.47,,\n"
        "baolam,2023,caoloc-2023,1,15.2,15.2,,\n");
    auto assessments = Must(ParseScoresTable(table, {}));
    ASSERT_EQ(assessments.size(), 3u);
    EXPECT_EQ(assessments[0].framework_code, "hadong-2023");
    EXPECT_EQ(assessments[0].total_change, D("5.55"));
    EXPECT_EQ(assessments[0].nodes[0].provenance, Provenance::kPublished);
    EXPECT_EQ(assessments[1].year, 2022);
    EXPECT_EQ(assessments[1].total_points, D("84.47"));
    EXPECT_TRUE(assessments[1].nodes.empty());
    EXPECT_EQ(assessments[2].nodes[0].self, D("15.2"));
}

TEST(ScoresTable, CollectsEveryError) {
    auto result = ParseScoresTable(Csv("bad_scores.csv"), {});
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    struct Expected {
        std::int64_t line;
        std::int64_t column;
        const char* field;
        const char* value;
        const char* reason_en;
    };
    const std::vector<Expected> expected = {
        {3, 2, "year", "năm 2023", "invalid year (4 digits are needed, e.g. 2023)"},
        {4, 4, "self", "abc", "invalid number: not a number"},
        {5, 3, "code", "1.6", "the node code is repeated for this unit and year"},
        {6, 1, "unit_code", "", "the unit code is missing"},
        {7, 3, "code", "", "the node code is missing"},
        {8, 6, "provenance", "official", "unknown provenance; use entered, published, computed, derived or demo"},
        {10, 3, "code", "TOTAL", "the total row (TOTAL) is repeated"},
        {11, 5, "appraised", "1.0005", "invalid number: more than 3 decimals"},
    };
    EXPECT_EQ(error.message.en, "File bad_scores.csv has 8 errors") << Describe(error);
    ASSERT_EQ(error.details.size(), expected.size()) << Describe(error);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(error.details[i].file, "bad_scores.csv");
        EXPECT_EQ(error.details[i].line, expected[i].line);
        EXPECT_EQ(error.details[i].column, expected[i].column);
        EXPECT_EQ(error.details[i].field, expected[i].field);
        EXPECT_EQ(error.details[i].value, expected[i].value);
        EXPECT_EQ(error.details[i].reason.en, expected[i].reason_en);
    }
    EXPECT_EQ(error.details[7].reason.vi, "số không hợp lệ: nhiều hơn 3 chữ số thập phân");
}

TEST(ScoresTable, MissingColumnsNameTheHeaders) {
    auto result = ParseScoresTable(CsvText("Mã,Ghi chú\n1,x\n", "m.csv"), {});
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    ASSERT_EQ(error.details.size(), 3u) << Describe(error);
    EXPECT_EQ(error.details[0].reason.en,
              "missing column appraised (headed one of: \"appraised\", \"thẩm định\", \"điểm thẩm định\", "
              "\"điểm đạt\", \"points\") or a self score column");
    EXPECT_EQ(error.details[0].reason.vi,
              "thiếu cột appraised (tiêu đề là một trong: \"appraised\", \"thẩm định\", \"điểm thẩm định\", "
              "\"điểm đạt\", \"points\") hoặc cột tự chấm");
    EXPECT_EQ(error.details[1].field, "unit_code");
    EXPECT_EQ(error.details[2].field, "year");
}

TEST(ScoresTable, CsvRoundTrip) {
    Assessment a;
    a.unit_code = "lakhe";
    a.year = 2023;
    a.framework_code = "hadong-2023";
    a.total_points = D("90.02");
    a.total_max = D("100");
    a.total_change = D("5.55");
    NodeScore s1;
    s1.code = "1.6";
    s1.appraised = D("0");
    s1.cause = "Sáng kiến không được công nhận, \"không\" có";
    s1.responsible = "Các bộ phận";
    s1.explanation = "dòng 1\ndòng 2";
    NodeScore s2;
    s2.code = "3";
    s2.self = D("14.4");
    s2.appraised = D("14.4");
    s2.change = D("1.15");
    s2.provenance = Provenance::kPublished;
    s2.note = " leading space";
    a.nodes = {s1, s2};
    Assessment b;
    b.unit_code = "seed001";
    b.year = 2023;
    b.total_points = D("91.989");
    b.total_provenance = Provenance::kDerived;
    const std::string csv = WriteScoresCsv({a, b});
    EXPECT_EQ(csv.substr(0, csv.find('\r')),
              "unit_code,year,framework_code,code,self,appraised,change,explanation,reason,cause,responsible,"
              "provenance,note,max");
    auto again = Must(ParseScoresTable(CsvText(csv), {}));
    ASSERT_EQ(again.size(), 2u);
    a.nodes[1].note = "leading space";  // Cells are trimmed on import.
    ExpectSame(a, again[0], true);
    ExpectSame(b, again[1], true);
}

TEST(FrameworkTable, ReadsNodesAndDerivesParents) {
    TableOptions options;
    options.framework_code = "hadong-2023";
    auto frameworks = Must(ParseFrameworkTable(Csv("framework_nodes.csv"), options));
    ASSERT_EQ(frameworks.size(), 1u);
    const Framework& f = frameworks[0];
    EXPECT_EQ(f.code, "hadong-2023");
    ASSERT_EQ(f.nodes.size(), 6u);
    EXPECT_EQ(f.nodes[0].parent_code, "");
    EXPECT_EQ(f.nodes[1].parent_code, "1");
    EXPECT_TRUE(f.nodes[1].evidence_required);
    EXPECT_EQ(f.nodes[1].responsible, "Các bộ phận");
    EXPECT_EQ(f.nodes[3].parent_code, "4.1");
    EXPECT_FALSE(f.nodes[4].max.has_value());
    EXPECT_EQ(f.nodes[5].method, ScoringMethod::kSurvey);
    EXPECT_EQ(f.nodes[5].source.line, 7);
    auto missing = ParseFrameworkTable(Csv("framework_nodes.csv"), {});
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.GetError().details[0].field, "framework_code");
    EXPECT_EQ(missing.GetError().details[0].reason.en,
              "missing column framework_code (headed one of: \"framework_code\", \"framework\", \"mã bộ chỉ số\", "
              "\"bộ chỉ số\") or give the framework (--framework)");
}

TEST(FrameworkTable, CsvRoundTripAndErrors) {
    Framework f;
    f.code = "hadong-2023";
    FrameworkNode area;
    area.code = "4";
    area.title = "Nâng cao chất lượng đội ngũ CBCC";
    area.max = D("10");
    area.declared_difference = D("0.5");
    FrameworkNode other;
    other.code = "4.x";
    other.parent_code = "4";
    other.title = "Các tiêu chí khác, \"còn lại\"";
    other.max = D("7.15");
    other.max_only = true;
    other.max_provenance = Provenance::kDerived;
    other.note = "ghi chú";
    other.method = ScoringMethod::kData;
    other.evidence_required = true;
    other.responsible = "Văn phòng";
    other.previous_code = "4.9";
    FrameworkNode blank;
    blank.code = "5.2.2";
    blank.parent_code = "5.2";
    f.nodes = {area, other, blank};
    auto again = Must(ParseFrameworkTable(CsvText(WriteFrameworkCsv(f)), {}));
    ASSERT_EQ(again.size(), 1u);
    ExpectSame(f, again[0], true);

    auto bad = ParseFrameworkTable(
        CsvText("framework_code,code,max,method,max_only\nf,1,20,,\nf,1,x,,\nf,2,1,khảo sát,maybe\n", "bad.csv"), {});
    ASSERT_FALSE(bad.Ok());
    const Error& error = bad.GetError();
    ASSERT_EQ(error.details.size(), 3u) << Describe(error);
    EXPECT_EQ(error.details[0].reason.en, "the node code is repeated in the framework");
    EXPECT_EQ(error.details[0].line, 3);
    EXPECT_EQ(error.details[1].field, "method");
    EXPECT_EQ(error.details[2].field, "max_only");
    EXPECT_EQ(error.details[2].reason.en, "yes/no is expected (1/0, true/false, có/không, x or blank)");
}

TEST(UnitsTable, ReadsAndRoundTrips) {
    auto units = Must(ParseUnitsTable(Csv("units.csv")));
    ASSERT_EQ(units.size(), 3u);
    EXPECT_EQ(units[0].valid_to, 2025);
    EXPECT_EQ(units[1].parent_code, "hadong");
    EXPECT_FALSE(units[1].demo);
    EXPECT_TRUE(units[2].demo);
    EXPECT_EQ(units[2].name, "Phường mẫu 01");
    EXPECT_EQ(units[2].source.line, 4);
    units[0].valid_from = 2008;
    units[0].successor_code = "hanoi";
    auto again = Must(ParseUnitsTable(CsvText(WriteUnitsCsv(units))));
    ASSERT_EQ(again.size(), units.size());
    for (std::size_t i = 0; i < units.size(); ++i) ExpectSame(units[i], again[i]);

    auto bad = ParseUnitsTable(CsvText("code,name,valid_from\nlakhe,,20x\nlakhe,La Khê,\n", "u.csv"));
    ASSERT_FALSE(bad.Ok());
    ASSERT_EQ(bad.GetError().details.size(), 3u) << Describe(bad.GetError());
    EXPECT_EQ(bad.GetError().details[0].reason.en, "the unit name is missing");
    EXPECT_EQ(bad.GetError().details[1].field, "valid_from");
    EXPECT_EQ(bad.GetError().details[2].reason.en, "the unit code is repeated");
}

TEST(GroupsTable, ReadsVietnameseHeadersAndRoundTrips) {
    auto groups = Must(ParseGroupsTable(Csv("groups.csv"), {}));
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].code, "hadong-wards");
    EXPECT_EQ(groups[0].name, "Các phường quận Hà Đông");
    EXPECT_EQ(groups[0].year, 2023);
    EXPECT_EQ(groups[0].framework_code, "hadong-2023");
    ASSERT_EQ(groups[0].members.size(), 2u);
    EXPECT_TRUE(groups[0].members[0].ranked);
    EXPECT_FALSE(groups[0].members[1].ranked);
    EXPECT_EQ(groups[1].year, 2022);
    EXPECT_EQ(groups[1].framework_code, "");
    PeerGroup empty;
    empty.code = "seed001-district";
    empty.name = "Các xã của huyện";
    empty.year = 2023;
    groups.push_back(empty);
    auto again = Must(ParseGroupsTable(CsvText(WriteGroupsCsv(groups)), {}));
    ASSERT_EQ(again.size(), groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) ExpectSame(groups[i], again[i]);

    TableOptions options;
    options.year = 2024;
    auto with_year = Must(ParseGroupsTable(CsvText("group_code,group_name,unit_code\ng,G,a\n"), options));
    ASSERT_EQ(with_year.size(), 1u);
    EXPECT_EQ(with_year[0].year, 2024);
    auto nameless = ParseGroupsTable(CsvText("group_code,year,unit_code\ng,2023,a\n", "g.csv"), {});
    ASSERT_FALSE(nameless.Ok());
    EXPECT_EQ(nameless.GetError().details[0].reason.en, "the group has no name (column group_name / tên nhóm)");
}

}  // namespace
}  // namespace parindex
