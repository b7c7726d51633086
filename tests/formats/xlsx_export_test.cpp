#include <gtest/gtest.h>

#include "formats/codecs.hpp"
#include "test_support.hpp"

namespace parindex {
namespace {

using testing::Describe;
using testing::ExpectSame;
using testing::TempDir;

Decimal D(const char* text) { return *Decimal::Parse(text); }

Table MustRead(const std::string& path, const std::string& sheet = {}) {
    auto table = ReadXlsx(path, "out.xlsx", sheet);
    EXPECT_TRUE(table.Ok()) << (table.Ok() ? "" : Describe(table.GetError()));
    return table.Ok() ? *table : Table{};
}

// The cell under `header` in the data row whose first cell is `key`.
std::string Cell(const Table& table, const std::string& key, const std::string& header) {
    auto column = table.FindColumn({header});
    if (!column) return "<no column " + header + ">";
    for (const TableRow& row : table.rows) {
        if (!row.cells.empty() && row.cells[0] == key) return *column < row.cells.size() ? row.cells[*column] : "";
    }
    return "<no row " + key + ">";
}

Framework LaKheFramework() {
    Framework f;
    f.code = "hadong-2023";
    f.max = D("100");
    auto node = [&](const char* code, const char* parent, const char* title, const char* max) {
        FrameworkNode n;
        n.code = code;
        n.parent_code = parent;
        n.title = title;
        if (max != nullptr) n.max = D(max);
        f.nodes.push_back(n);
        return &f.nodes.back();
    };
    node("1", "", "Chỉ đạo điều hành CCHC", "20");
    node("1.6", "1", "Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC", "2")->evidence_required =
        true;
    node("1.9", "1", "Công khai, minh bạch danh mục và quy trình giải quyết TTHC", "2")->responsible =
        "Tài chính – kế toán";
    node("3", "", "Cải cách TTHC và thực hiện cơ chế MC, MCLT", "16");
    node("4", "", "Nâng cao chất lượng đội ngũ CBCC", "10");
    node("4.1", "4", "Cán bộ, công chức", nullptr);
    node("4.1.2", "4.1", "Chấp hành kỷ luật kỷ cương hành chính", "1");
    FrameworkNode* other = node("4.x", "4", "Các tiêu chí khác", "7.15");
    other->max_only = true;
    other->max_provenance = Provenance::kDerived;
    other->note = "suy ra từ điểm tối đa của lĩnh vực";
    node("8", "", "Điều tra XHH", "30")->method = ScoringMethod::kSurvey;
    f.nodes.back().declared_difference = D("0.5");
    return f;
}

Assessment LaKhe2023() {
    Assessment a;
    a.unit_code = "lakhe";
    a.year = 2023;
    a.framework_code = "hadong-2023";
    a.total_points = D("91.989");
    a.total_max = D("100");
    a.total_change = D("5.55");
    auto score = [&](const char* code, const char* appraised) {
        NodeScore s;
        s.code = code;
        s.appraised = D(appraised);
        a.nodes.push_back(s);
        return &a.nodes.back();
    };
    score("1", "17.25")->provenance = Provenance::kPublished;
    NodeScore* s16 = score("1.6", "0");
    s16->self = D("2");
    s16->cause = "Sáng kiến không được công nhận";
    s16->responsible = "Các bộ phận";
    s16->explanation = "Đã gửi hồ sơ sáng kiến";
    s16->reason = "Không có quyết định công nhận";
    score("1.9", "1.5")->note = "ghi chú";
    score("3", "14.4")->change = D("1.15");
    score("4.1.2", "0.75")->change = D("-0.5");
    score("9.9", "0.001");  // Not in the framework: written after its nodes.
    return a;
}

TEST(XlsxExport, ScoresRoundTripThroughReadXlsx) {
    const std::string path = (TempDir("scores") / "lakhe-2023.xlsx").string();
    const Framework framework = LaKheFramework();
    const Assessment assessment = LaKhe2023();
    auto status = WriteScoresXlsx(assessment, &framework, path);
    ASSERT_TRUE(status.Ok()) << Describe(status.GetError());

    Table table = MustRead(path);
    EXPECT_EQ(table.sheet, "Chấm điểm");
    EXPECT_EQ(table.headers[0], "Mã");
    EXPECT_EQ(table.headers[1], "Nội dung tiêu chí");
    EXPECT_EQ(table.headers[2], "Điểm tối đa");
    EXPECT_EQ(table.headers[3], "Tự chấm");
    EXPECT_EQ(table.headers[4], "Thẩm định");
    EXPECT_EQ(table.headers[5], "Nguyên nhân");
    EXPECT_EQ(table.headers[6], "Trách nhiệm tham mưu");
    EXPECT_EQ(Cell(table, "3", "Thẩm định"), "14.4");
    EXPECT_EQ(Cell(table, "4.1.2", "Thẩm định"), "0.75");
    EXPECT_EQ(Cell(table, "4.x", "Điểm tối đa"), "7.15");
    EXPECT_EQ(Cell(table, "TOTAL", "Thẩm định"), "91.989");
    EXPECT_EQ(Cell(table, "1.6", "Nội dung tiêu chí"),
              "Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC");
    EXPECT_EQ(Cell(table, "1.6", "Nguyên nhân"), "Sáng kiến không được công nhận");

    TableOptions options{"lakhe", 2023, "hadong-2023"};
    auto again = ParseScoresTable(table, options);
    ASSERT_TRUE(again.Ok()) << Describe(again.GetError());
    ASSERT_EQ(again->size(), 1u);
    ExpectSame(assessment, (*again)[0], true);
    EXPECT_EQ((*again)[0].nodes[1].source.path, "'Chấm điểm'!A3");
    EXPECT_EQ((*again)[0].nodes[1].source.line, 3);

    // Without a framework the sheet holds just the scores.
    const std::string bare = (TempDir("scores_bare") / "bare.xlsx").string();
    ASSERT_TRUE(WriteScoresXlsx(assessment, nullptr, bare).Ok());
    auto bare_again = ParseScoresTable(MustRead(bare), options);
    ASSERT_TRUE(bare_again.Ok()) << Describe(bare_again.GetError());
    ExpectSame(assessment, (*bare_again)[0], true);
}

TEST(XlsxExport, FrameworkUnitsAndGroupsRoundTrip) {
    const auto dir = TempDir("framework");
    const Framework framework = LaKheFramework();
    ASSERT_TRUE(WriteFrameworkXlsx(framework, (dir / "f.xlsx").string()).Ok());
    Table table = MustRead((dir / "f.xlsx").string());
    EXPECT_EQ(table.sheet, "Bộ chỉ số");
    auto frameworks = ParseFrameworkTable(table, {});
    ASSERT_TRUE(frameworks.Ok()) << Describe(frameworks.GetError());
    ASSERT_EQ(frameworks->size(), 1u);
    ExpectSame(framework, (*frameworks)[0], true);

    std::vector<Unit> units(2);
    units[0].code = "hadong";
    units[0].name = "Quận Hà Đông";
    units[0].type = "district";
    units[0].valid_from = 2008;
    units[0].valid_to = 2025;
    units[0].successor_code = "hanoi";
    units[1].code = "mau01";
    units[1].name = "Phường mẫu 01";
    units[1].parent_code = "hadong";
    units[1].demo = true;
    ASSERT_TRUE(WriteUnitsXlsx(units, (dir / "u.xlsx").string()).Ok());
    auto units_again = ParseUnitsTable(MustRead((dir / "u.xlsx").string()));
    ASSERT_TRUE(units_again.Ok()) << Describe(units_again.GetError());
    ASSERT_EQ(units_again->size(), 2u);
    for (std::size_t i = 0; i < units.size(); ++i) ExpectSame(units[i], (*units_again)[i]);

    std::vector<PeerGroup> groups(2);
    groups[0].code = "hadong-wards";
    groups[0].name = "Các phường quận Hà Đông";
    groups[0].year = 2023;
    groups[0].framework_code = "hadong-2023";
    groups[0].members = {GroupMember{"lakhe", true, {}}, GroupMember{"mau01", false, {}}};
    groups[1].code = "seed001-district";
    groups[1].name = "Các xã của huyện";
    groups[1].year = 2023;
    ASSERT_TRUE(WriteGroupsXlsx(groups, (dir / "g.xlsx").string()).Ok());
    auto groups_again = ParseGroupsTable(MustRead((dir / "g.xlsx").string()), {});
    ASSERT_TRUE(groups_again.Ok()) << Describe(groups_again.GetError());
    ASSERT_EQ(groups_again->size(), 2u);
    for (std::size_t i = 0; i < groups.size(); ++i) ExpectSame(groups[i], (*groups_again)[i]);
}

UnitResult LaKheResult() {
    UnitResult r;
    r.unit_code = "lakhe";
    r.unit_name = "Phường La Khê";
    r.year = 2023;
    r.framework_code = "hadong-2023";
    r.status = "published";
    r.points = D("90.02");
    r.max = D("100");
    r.index = D("90.02");
    r.band = Band{"xuat-sac", "Xuất sắc", D("90"), true};
    r.change = D("5.55");
    r.change_status = ChangeStatus::kPublished;
    r.provenance = Provenance::kPublished;
    RankResult rank;
    rank.group_code = "hadong-wards";
    rank.group_name = "Các phường quận Hà Đông";
    rank.rank = 16;
    rank.of = 17;
    rank.previous_rank = 14;
    rank.change = -2;
    rank.provenance = Provenance::kPublished;
    r.ranks = {rank};
    NodeResult part;
    part.code = "appraisal";
    part.method = ScoringMethod::kAppraisal;
    part.points = D("60.31");
    part.max = D("70");
    part.index = D("86.16");
    r.parts = {part};
    NodeResult area;
    area.code = "3";
    area.title = "Cải cách TTHC và thực hiện cơ chế MC, MCLT";
    area.depth = 1;
    area.points = D("14.4");
    area.max = D("16");
    area.index = D("90");
    area.change = D("1.15");
    RankResult area_rank;
    area_rank.group_code = "hadong-wards";
    area_rank.rank = 7;
    area_rank.of = 17;
    area.ranks = {area_rank};
    r.areas = {area};
    NodeResult criterion;
    criterion.code = "3.2";
    criterion.title = "Cải tiến quy trình, rút ngắn thời gian giải quyết TTHC";
    criterion.depth = 2;
    criterion.points = D("1.4");
    criterion.max = D("2");
    criterion.change_status = ChangeStatus::kNotComparable;
    r.criteria = {area, criterion};
    r.lost_points = {
        LostPoint{"1.6", "Sáng kiến", "1", D("0"), D("2"), D("2"), "Sáng kiến không được công nhận", "Các bộ phận"},
        LostPoint{"4.1.4", "Đánh giá Chủ tịch UBND phường", "4", D("0.9"), D("1"), D("0.1"), "9 xuất sắc, 2 tốt", ""}};
    r.gaps = {ScoreGap{"3.2", "Cải tiến quy trình", D("2"), D("1.4"), D("0.6")}};
    TrendPoint y2021;
    y2021.year = 2021;
    y2021.points = D("87.43");
    y2021.max = D("100");
    y2021.index = D("87.43");
    RankResult old_rank = rank;
    old_rank.rank = 14;
    y2021.ranks = {old_rank};
    TrendPoint y2023;
    y2023.year = 2023;
    y2023.points = D("90.02");
    y2023.max = D("100");
    y2023.index = D("90.02");
    y2023.ranks = {rank};
    r.trend = {y2021, y2023};
    return r;
}

TEST(XlsxExport, ResultsWorkbookReadsBack) {
    const std::string path = (TempDir("results") / "results.xlsx").string();
    auto status = WriteResultsXlsx(LaKheResult(), path);
    ASSERT_TRUE(status.Ok()) << Describe(status.GetError());

    Table summary = MustRead(path);
    EXPECT_EQ(summary.sheet, "Tổng hợp");
    EXPECT_EQ(Cell(summary, "Đơn vị", "Giá trị"), "Phường La Khê");
    EXPECT_EQ(Cell(summary, "Điểm", "Giá trị"), "90.02");
    EXPECT_EQ(Cell(summary, "Chỉ số (%)", "Giá trị"), "90.02");
    EXPECT_EQ(Cell(summary, "Xếp loại", "Giá trị"), "Xuất sắc (ngưỡng mẫu)");
    EXPECT_EQ(Cell(summary, "Tăng/giảm so với năm trước", "Giá trị"), "5.55");
    bool rank_row = false;
    for (const TableRow& row : summary.rows) {
        if (row.cells[0] == "Các phường quận Hà Đông") {
            rank_row = true;
            EXPECT_EQ(row.cells[2], "16");
            EXPECT_EQ(row.cells[3], "17");
            EXPECT_EQ(row.cells[4], "14");
            EXPECT_EQ(row.cells[5], "-2");
        }
        if (row.cells[1] == "appraisal") {
            EXPECT_EQ(row.cells[2], "60.31");
            EXPECT_EQ(row.cells[3], "70");
            EXPECT_EQ(row.cells[4], "86.16");
        }
    }
    EXPECT_TRUE(rank_row);

    Table areas = MustRead(path, "Lĩnh vực");
    EXPECT_EQ(Cell(areas, "3", "Điểm"), "14.4");
    EXPECT_EQ(Cell(areas, "3", "Xếp hạng"), "7/17");
    Table criteria = MustRead(path, "Tiêu chí");
    EXPECT_EQ(criteria.rows.size(), 2u);
    EXPECT_EQ(Cell(criteria, "3.2", "Tăng/giảm"), "không so sánh được");
    Table lost = MustRead(path, "Điểm bị trừ");
    ASSERT_EQ(lost.rows.size(), 2u);
    EXPECT_EQ(lost.headers, (std::vector<std::string>{"TT", "Mã", "Nội dung tiêu chí", "Điểm đạt", "Điểm tối đa",
                                                      "Điểm bị trừ", "Nguyên nhân", "Trách nhiệm tham mưu"}));
    EXPECT_EQ(lost.rows[0].cells, (std::vector<std::string>{"1", "1.6", "Sáng kiến", "0", "2", "2",
                                                            "Sáng kiến không được công nhận", "Các bộ phận"}));
    EXPECT_EQ(lost.rows[1].cells[5], "0.1");
    Table gaps = MustRead(path, "Chênh lệch");
    EXPECT_EQ(Cell(gaps, "3.2", "Chênh lệch"), "0.6");
    Table trend = MustRead(path, "Xu hướng");
    EXPECT_EQ(Cell(trend, "2021", "Điểm"), "87.43");
    EXPECT_EQ(Cell(trend, "2023", "Xếp hạng"), "16/17 (Các phường quận Hà Đông)");
}

TEST(XlsxExport, RankingWorkbookReadsBack) {
    GroupRanking ranking;
    ranking.group_code = "hadong-wards";
    ranking.group_name = "Các phường quận Hà Đông";
    ranking.year = 2023;
    ranking.tie_rule = "Chỉ số bằng nhau cùng hạng, hạng sau bỏ qua.";
    RankingRow first;
    first.rank = 1;
    first.unit_code = "mau01";
    first.unit_name = "Phường mẫu 01";
    first.points = D("95.5");
    first.max = D("100");
    first.index = D("95.5");
    first.band = Band{"xuat-sac", "Xuất sắc", D("90"), true};
    first.demo = true;
    RankingRow lakhe;
    lakhe.rank = 16;
    lakhe.unit_code = "lakhe";
    lakhe.unit_name = "Phường La Khê";
    lakhe.points = D("90.02");
    lakhe.max = D("100");
    lakhe.index = D("90.02");
    lakhe.previous_rank = 14;
    lakhe.change = -2;
    RankingRow excluded;
    excluded.unit_code = "x";
    excluded.unit_name = "Phường X";
    excluded.excluded = true;
    ranking.rows = {first, lakhe, excluded};
    const std::string path = (TempDir("ranking") / "ranking.xlsx").string();
    ASSERT_TRUE(WriteRankingXlsx(ranking, path).Ok());
    Table table = MustRead(path);
    EXPECT_EQ(table.sheet, "Xếp hạng");
    EXPECT_EQ(table.headers[0], "Hạng");
    EXPECT_EQ(Cell(table, "16", "Mã đơn vị"), "lakhe");
    EXPECT_EQ(Cell(table, "16", "Chỉ số (%)"), "90.02");
    EXPECT_EQ(Cell(table, "16", "Thay đổi hạng"), "-2");
    EXPECT_EQ(Cell(table, "1", "Ghi chú"), "dữ liệu mẫu; ngưỡng xếp loại mẫu");
    ASSERT_EQ(table.rows.size(), 5u);
    EXPECT_EQ(table.rows[2].cells[0], "");
    EXPECT_EQ(table.rows[2].cells[9], "không xếp hạng");
    EXPECT_EQ(table.rows[3].cells[0], "Nhóm: Các phường quận Hà Đông (hadong-wards), năm 2023");
    EXPECT_EQ(table.rows[4].cells[0], "Quy tắc xếp hạng: Chỉ số bằng nhau cùng hạng, hạng sau bỏ qua.");
}

TEST(XlsxExport, CannotCreateTheFile) {
    auto status = WriteRankingXlsx(GroupRanking{}, "/nonexistent-dir/ranking.xlsx");
    ASSERT_FALSE(status.Ok());
    EXPECT_EQ(status.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(status.GetError().message.en, "Cannot write the file /nonexistent-dir/ranking.xlsx");
    EXPECT_EQ(status.GetError().details[0].file, "/nonexistent-dir/ranking.xlsx");
    EXPECT_EQ(status.GetError().details[0].reason.en, "the folder of the file does not exist");
}

}  // namespace
}  // namespace parindex
