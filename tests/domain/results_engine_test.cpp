#include "domain/results_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/ranking.hpp"
#include "domain/validation.hpp"

namespace parindex {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }
std::optional<Decimal> OD(const char* text) { return Decimal::Parse(text); }

FrameworkNode Node(std::string code, std::string parent, std::optional<Decimal> max, bool max_only = false,
                   ScoringMethod method = ScoringMethod::kAppraisal, std::string responsible = "") {
    FrameworkNode n;
    n.code = std::move(code);
    n.parent_code = std::move(parent);
    n.title = "Tiêu chí " + n.code;
    n.max = max;
    n.max_only = max_only;
    n.method = method;
    n.responsible = std::move(responsible);
    return n;
}

NodeScore Published(std::string code, const char* appraised, const char* change = nullptr,
                    Provenance provenance = Provenance::kPublished) {
    NodeScore s;
    s.code = std::move(code);
    s.appraised = D(appraised);
    if (change != nullptr) s.change = D(change);
    s.provenance = provenance;
    return s;
}

NodeScore Entered(std::string code, const char* appraised, std::string cause = "", std::string responsible = "") {
    NodeScore s;
    s.code = std::move(code);
    s.appraised = D(appraised);
    s.cause = std::move(cause);
    s.responsible = std::move(responsible);
    s.provenance = Provenance::kEntered;
    return s;
}

Unit MakeUnit(std::string code, std::string name, bool demo = false) {
    Unit u;
    u.code = std::move(code);
    u.name = std::move(name);
    u.type = "ward";
    u.demo = demo;
    return u;
}

PublishedRank PRank(std::string scope, int rank, int of) {
    PublishedRank r;
    r.group_code = "hadong-wards";
    r.scope = std::move(scope);
    r.rank = rank;
    r.of = of;
    return r;
}

// ---------------------------------------------------------------------------------------------------------------
// La Khê 2023 (seed 000) with 16 invented peers.

Framework HaDong2023() {
    Framework f;
    f.code = "hadong-2023";
    f.title = "Bộ chỉ số CCHC các phường quận Hà Đông 2023";
    f.max = D("100");
    f.display_decimals = 2;
    f.bands = {{"tot", "Tốt", D("80"), true}, {"xuat-sac", "Xuất sắc", D("90"), true}, {"kha", "Khá", D("70"), true}};
    const char* area_max[] = {"20", "3", "16", "10", "6", "10", "5", "30"};
    auto add = [&](FrameworkNode n) { f.nodes.push_back(std::move(n)); };
    for (int a = 1; a <= 8; ++a) {
        const std::string code = std::to_string(a);
        add(Node(code, "", D(area_max[a - 1]), false, a == 8 ? ScoringMethod::kSurvey : ScoringMethod::kAppraisal));
        switch (a) {
            case 1:
                add(Node("1.6", "1", D("2"), false, ScoringMethod::kAppraisal, "Các bộ phận"));
                add(Node("1.9", "1", D("2"), false, ScoringMethod::kAppraisal, "Tài chính – kế toán"));
                add(Node("1.u1", "1", D("1"), false, ScoringMethod::kAppraisal, "Văn phòng"));
                add(Node("1.khac", "1", D("15"), true));
                break;
            case 2:
                add(Node("2.1", "2", D("1"), false, ScoringMethod::kAppraisal, "Tư pháp"));
                add(Node("2.3", "2", D("0.5")));
                add(Node("2.khac", "2", D("1.5"), true));
                break;
            case 3:
                add(Node("3.2", "3", D("2"), false, ScoringMethod::kAppraisal, "Các bộ phận"));
                add(Node("3.khac", "3", D("14"), true));
                break;
            case 4:
                add(Node("4.1", "4", D("3.5")));
                add(Node("4.1.2", "4.1", D("1")));
                add(Node("4.1.4", "4.1", D("1")));
                add(Node("4.1.khac", "4.1", D("1.5"), true));
                add(Node("4.2", "4", D("3")));
                add(Node("4.u1", "4", D("1.5")));
                add(Node("4.khac", "4", D("2"), true));
                break;
            case 5:
                add(Node("5.khac", "5", D("6"), true));
                break;
            case 6:
                add(Node("6.6", "6", D("1"), false, ScoringMethod::kAppraisal, "Các bộ phận"));
                add(Node("6.7", "6", D("1"), false, ScoringMethod::kAppraisal, "Các bộ phận"));
                add(Node("6.8", "6", D("3"), false, ScoringMethod::kAppraisal, "Các bộ phận"));
                add(Node("6.khac", "6", D("5"), true));
                break;
            case 7:
                add(Node("7.khac", "7", D("5"), true));
                break;
            default:
                break;
        }
    }
    return f;
}

Assessment LaKhe2023(bool with_published_ranks = true) {
    Assessment a;
    a.unit_code = "lakhe";
    a.year = 2023;
    a.framework_code = "hadong-2023";
    a.status = AssessmentStatus::kPublished;
    a.losses_complete = true;
    a.total_points = D("90.02");
    a.total_change = D("5.55");
    a.nodes = {
        Published("1", "17.25", "3.91"),
        Published("2", "2.5", "-0.5"),
        Published("3", "14.4", "1.15"),
        Published("4", "8.66", "1.66"),
        Published("5", "6", "-1"),
        Published("6", "6.5", "-1.5"),
        Published("7", "5", "0"),
        Published("8", "29.71", "-0.17"),
        Entered("1.6", "0", "Sáng kiến không được công nhận"),
        Entered("1.9", "1.5"),
        Entered("1.u1", "0.75"),
        Entered("2.1", "0.75"),
        Entered("2.3", "0.25"),
        Entered("3.2", "1.4"),
        Entered("4.1.2", "0.25", "Có công chức bị kỷ luật"),
        Entered("4.1.4", "0.9", "9 xuất sắc, 2 tốt"),
        Entered("4.2", "2.5"),
        Entered("4.u1", "1"),
        Entered("6.6", "0"),
        Entered("6.7", "0"),
        Entered("6.8", "1.5"),
    };
    PartFigure appraisal;
    appraisal.method = ScoringMethod::kAppraisal;
    appraisal.points = D("60.31");
    appraisal.max = D("70");
    appraisal.index = D("90.02");
    PartFigure survey;
    survey.method = ScoringMethod::kSurvey;
    survey.points = D("29.71");
    survey.max = D("30");
    survey.index = D("29.71");
    survey.change = D("-0.17");
    a.parts = {appraisal, survey};
    if (with_published_ranks)
        a.ranks = {PRank("total", 16, 17), PRank("part:appraisal", 16, 17), PRank("part:survey", 17, 17),
                   PRank("node:3", 7, 17)};
    return a;
}

Assessment Historic(int year, const char* total) {
    Assessment a;
    a.unit_code = "lakhe";
    a.year = year;
    a.status = AssessmentStatus::kPublished;
    a.total_points = D(total);
    a.total_max = D("100");
    a.ranks = {PRank("total", 14, 17)};
    return a;
}

std::string PeerCode(int i) { return std::string("hd-mau-") + (i < 10 ? "0" : "") + std::to_string(i); }

Dataset LaKheDataset(bool with_published_ranks = true) {
    Dataset d;
    d.frameworks.push_back(HaDong2023());
    d.units.push_back(MakeUnit("lakhe", "Phường La Khê"));
    PeerGroup g;
    g.code = "hadong-wards";
    g.name = "Các phường quận Hà Đông";
    g.year = 2023;
    g.framework_code = "hadong-2023";
    g.members.push_back({"lakhe", true, {}});
    for (int i = 1; i <= 16; ++i) {
        const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
        d.units.push_back(MakeUnit(PeerCode(i), "Phường mẫu " + n, true));
        g.members.push_back({PeerCode(i), true, {}});
        Assessment a;
        a.unit_code = PeerCode(i);
        a.year = 2023;
        a.framework_code = "hadong-2023";
        const char* area3 = i <= 6 ? "15" : "14";
        const char* area6 = i == 16 ? "3" : (i <= 6 ? "6" : "7");
        a.nodes = {
            Published("1", "18", nullptr, Provenance::kDemo),  Published("2", "3", nullptr, Provenance::kDemo),
            Published("3", area3, nullptr, Provenance::kDemo), Published("4", "9", nullptr, Provenance::kDemo),
            Published("5", "6", nullptr, Provenance::kDemo),   Published("6", area6, nullptr, Provenance::kDemo),
            Published("7", "5", nullptr, Provenance::kDemo),   Published("8", "29.8", nullptr, Provenance::kDemo)};
        d.assessments.push_back(a);
    }
    d.groups.push_back(g);
    d.assessments.push_back(LaKhe2023(with_published_ranks));
    d.assessments.push_back(Historic(2021, "87.43"));
    d.assessments.push_back(Historic(2022, "84.47"));
    return d;
}

const NodeResult* FindNode(const std::vector<NodeResult>& nodes, const std::string& code) {
    for (const auto& n : nodes)
        if (n.code == code) return &n;
    return nullptr;
}

TEST(ResultsEngineLaKhe, TotalIndexBandAndChange) {
    ResultsEngine engine(LaKheDataset());
    auto r = engine.ForUnit("lakhe", 2023);
    ASSERT_TRUE(r.Ok()) << r.GetError().message.en;
    EXPECT_EQ(r->unit_name, "Phường La Khê");
    EXPECT_EQ(*r->points, D("90.02"));
    EXPECT_EQ(*r->max, D("100"));
    EXPECT_EQ(*r->index, D("90.02"));
    EXPECT_EQ(r->provenance, Provenance::kPublished);
    ASSERT_TRUE(r->band.has_value());
    EXPECT_EQ(r->band->code, "xuat-sac");
    EXPECT_EQ(*r->change, D("5.55"));
    EXPECT_EQ(r->change_status, ChangeStatus::kPublished);
    EXPECT_EQ(r->display_decimals, 2);
}

TEST(ResultsEngineLaKhe, TotalRankSixteenOfSeventeenDownTwo) {
    for (bool published : {true, false}) {
        ResultsEngine engine(LaKheDataset(published));
        auto r = engine.ForUnit("lakhe", 2023);
        ASSERT_TRUE(r.Ok());
        ASSERT_EQ(r->ranks.size(), 1u);
        const auto& rank = r->ranks[0];
        EXPECT_EQ(rank.group_code, "hadong-wards");
        EXPECT_EQ(rank.group_name, "Các phường quận Hà Đông");
        EXPECT_EQ(*rank.rank, 16);
        EXPECT_EQ(rank.of, 17);
        EXPECT_EQ(*rank.previous_rank, 14);
        EXPECT_EQ(*rank.change, -2);
        EXPECT_EQ(rank.provenance, published ? Provenance::kPublished : Provenance::kComputed);
    }
}

TEST(ResultsEngineLaKhe, PartsAreRecomputedAndRanked) {
    for (bool published : {true, false}) {
        ResultsEngine engine(LaKheDataset(published));
        auto r = engine.ForUnit("lakhe", 2023);
        ASSERT_TRUE(r.Ok());
        ASSERT_EQ(r->parts.size(), 2u);
        const auto& appraisal = r->parts[0];
        EXPECT_EQ(appraisal.code, "appraisal");
        EXPECT_EQ(appraisal.title, "Điểm thẩm định");
        EXPECT_EQ(*appraisal.points, D("60.31"));
        EXPECT_EQ(*appraisal.max, D("70"));
        EXPECT_EQ(*appraisal.index, D("86.16"));
        ASSERT_EQ(appraisal.ranks.size(), 1u);
        EXPECT_EQ(*appraisal.ranks[0].rank, 16);
        EXPECT_EQ(appraisal.ranks[0].of, 17);
        const auto& survey = r->parts[1];
        EXPECT_EQ(survey.code, "survey");
        EXPECT_EQ(survey.title, "Điểm điều tra xã hội học");
        EXPECT_EQ(*survey.points, D("29.71"));
        EXPECT_EQ(*survey.max, D("30"));
        EXPECT_EQ(*survey.index, D("99.03"));
        EXPECT_EQ(*survey.change, D("-0.17"));
        ASSERT_EQ(survey.ranks.size(), 1u);
        EXPECT_EQ(*survey.ranks[0].rank, 17);
        EXPECT_EQ(survey.ranks[0].of, 17);
    }
}

TEST(ResultsEngineLaKhe, AreasWithChangesAndAreaRank) {
    for (bool published : {true, false}) {
        ResultsEngine engine(LaKheDataset(published));
        auto r = engine.ForUnit("lakhe", 2023);
        ASSERT_TRUE(r.Ok());
        ASSERT_EQ(r->areas.size(), 8u);
        const NodeResult* area3 = FindNode(r->areas, "3");
        ASSERT_NE(area3, nullptr);
        EXPECT_EQ(*area3->points, D("14.4"));
        EXPECT_EQ(*area3->computed, D("15.4"));  // 3.2 at 1.4 plus 14 of other criteria at full marks
        EXPECT_EQ(*area3->max, D("16"));
        EXPECT_EQ(*area3->index, D("90"));
        EXPECT_EQ(*area3->change, D("1.15"));
        EXPECT_EQ(area3->change_status, ChangeStatus::kPublished);
        ASSERT_EQ(area3->ranks.size(), 1u);
        EXPECT_EQ(*area3->ranks[0].rank, 7);
        EXPECT_EQ(area3->ranks[0].of, 17);
        const NodeResult* survey = FindNode(r->areas, "8");
        EXPECT_EQ(survey->method, ScoringMethod::kSurvey);
        EXPECT_EQ(*survey->points, D("29.71"));

        const NodeResult* c412 = FindNode(r->criteria, "4.1.2");
        ASSERT_NE(c412, nullptr);
        EXPECT_EQ(c412->depth, 3);
        EXPECT_EQ(c412->provenance, Provenance::kEntered);
        // The previous year has no framework, so criteria are not comparable.
        EXPECT_EQ(c412->change_status, ChangeStatus::kNotComparable);
        const NodeResult* c41 = FindNode(r->criteria, "4.1");
        EXPECT_EQ(*c41->points, D("2.65"));  // 0.25 + 0.9 + 1.5 (other criteria at full marks)
        EXPECT_EQ(c41->provenance, Provenance::kComputed);
        const NodeResult* other = FindNode(r->criteria, "4.khac");
        EXPECT_TRUE(other->max_only);
        EXPECT_FALSE(other->points.has_value());
    }
}

TEST(ResultsEngineLaKhe, LostPointsMatchSeed000) {
    ResultsEngine engine(LaKheDataset());
    auto r = engine.ForUnit("lakhe", 2023);
    ASSERT_TRUE(r.Ok());
    struct Row {
        const char* code;
        const char* lost;
        const char* area;
    };
    const std::vector<Row> expected = {
        {"1.6", "2", "1"},      {"6.8", "1.5", "6"},   {"6.6", "1", "6"},     {"6.7", "1", "6"},
        {"4.1.2", "0.75", "4"}, {"3.2", "0.6", "3"},   {"1.9", "0.5", "1"},   {"4.2", "0.5", "4"},
        {"4.u1", "0.5", "4"},   {"8", "0.29", "8"},    {"1.u1", "0.25", "1"}, {"2.1", "0.25", "2"},
        {"2.3", "0.25", "2"},   {"4.1.4", "0.1", "4"},
    };
    ASSERT_EQ(r->lost_points.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(expected[i].code);
        EXPECT_EQ(r->lost_points[i].code, expected[i].code);
        EXPECT_EQ(r->lost_points[i].lost, D(expected[i].lost));
        EXPECT_EQ(r->lost_points[i].area_code, expected[i].area);
        EXPECT_EQ(r->lost_points[i].lost, r->lost_points[i].max - r->lost_points[i].points);
    }
    EXPECT_EQ(r->lost_points[0].cause, "Sáng kiến không được công nhận");
    EXPECT_EQ(r->lost_points[0].responsible, "Các bộ phận");  // from the framework
    EXPECT_EQ(r->lost_points[6].responsible, "Tài chính – kế toán");
    EXPECT_EQ(r->lost_points[9].points, D("29.71"));
    EXPECT_EQ(r->lost_points[9].max, D("30"));
    EXPECT_TRUE(r->gaps.empty());
}

TEST(ResultsEngineLaKhe, StrengthsWeaknessesAndTrend) {
    ResultsEngine engine(LaKheDataset());
    auto r = engine.ForUnit("lakhe", 2023);
    ASSERT_TRUE(r.Ok());
    std::vector<std::string> strengths, weaknesses;
    for (const auto& n : r->strengths) strengths.push_back(n.code + ":" + n.kind);
    for (const auto& n : r->weaknesses) weaknesses.push_back(n.code + ":" + n.kind);
    EXPECT_EQ(strengths, (std::vector<std::string>{"1:up", "3:up", "4:up", "5:at_max", "7:at_max"}));
    EXPECT_EQ(weaknesses, (std::vector<std::string>{"2:down", "5:down", "6:down", "8:down"}));

    ASSERT_EQ(r->trend.size(), 3u);
    EXPECT_EQ(r->trend[0].year, 2021);
    EXPECT_EQ(*r->trend[0].index, D("87.43"));
    EXPECT_EQ(*r->trend[0].max, D("100"));
    ASSERT_EQ(r->trend[0].ranks.size(), 1u);
    EXPECT_EQ(*r->trend[0].ranks[0].rank, 14);
    EXPECT_EQ(r->trend[0].ranks[0].of, 17);
    EXPECT_EQ(r->trend[0].ranks[0].group_name, "Các phường quận Hà Đông");
    EXPECT_EQ(r->trend[1].year, 2022);
    EXPECT_EQ(*r->trend[1].points, D("84.47"));
    EXPECT_EQ(*r->trend[1].ranks[0].rank, 14);
    EXPECT_EQ(*r->trend[1].ranks[0].change, 0);
    EXPECT_EQ(r->trend[2].year, 2023);
    EXPECT_EQ(*r->trend[2].index, D("90.02"));
    EXPECT_EQ(*r->trend[2].ranks[0].rank, 16);
    EXPECT_EQ(*r->trend[2].ranks[0].change, -2);
}

TEST(ResultsEngineLaKhe, HistoricYearKeepsPublishedRankAndComputesChange) {
    ResultsEngine engine(LaKheDataset());
    auto r = engine.ForUnit("lakhe", 2022);
    ASSERT_TRUE(r.Ok());
    EXPECT_EQ(*r->index, D("84.47"));
    EXPECT_EQ(*r->change, D("-2.96"));
    EXPECT_EQ(r->change_status, ChangeStatus::kComputed);
    ASSERT_EQ(r->ranks.size(), 1u);
    EXPECT_EQ(*r->ranks[0].rank, 14);
    EXPECT_EQ(r->ranks[0].of, 17);
    EXPECT_EQ(r->ranks[0].provenance, Provenance::kPublished);
    EXPECT_TRUE(r->parts.empty());
    EXPECT_TRUE(r->areas.empty());
    auto first = engine.ForUnit("lakhe", 2021);
    ASSERT_TRUE(first.Ok());
    EXPECT_EQ(first->change_status, ChangeStatus::kNone);
    EXPECT_FALSE(first->change.has_value());
}

TEST(ResultsEngineLaKhe, CheckFindsTheSeed000Inconsistencies) {
    ResultsEngine engine(LaKheDataset());
    auto findings = engine.Check(2023);
    std::vector<std::string> got;
    for (const auto& f : findings) got.push_back(f.kind + "@" + f.node_code);
    EXPECT_EQ(got, (std::vector<std::string>{"change_sum@TOTAL", "part_index@part:appraisal", "part_index@part:survey",
                                             "loss_unaccounted@3", "loss_unaccounted@4", "change_exceeds_max@5"}));
    ASSERT_EQ(findings.size(), 6u);
    for (const auto& f : findings) {
        EXPECT_EQ(f.unit_code, "lakhe");
        EXPECT_EQ(f.year, 2023);
        EXPECT_FALSE(f.message.vi.empty());
        EXPECT_FALSE(f.message.en.empty());
    }
    EXPECT_EQ(*findings[0].published, D("5.55"));
    EXPECT_EQ(*findings[0].expected, D("3.55"));
    EXPECT_NE(findings[0].message.vi.find("+3,55"), std::string::npos) << findings[0].message.vi;
    EXPECT_NE(findings[0].message.vi.find("+5,55"), std::string::npos);

    EXPECT_EQ(*findings[1].published, D("90.02"));
    EXPECT_EQ(*findings[1].expected, D("86.16"));
    EXPECT_NE(findings[1].message.vi.find("60,31/70 = 86,16%"), std::string::npos) << findings[1].message.vi;
    EXPECT_EQ(*findings[2].expected, D("99.03"));
    EXPECT_NE(findings[2].message.en.find("29.71/30 = 99.03%"), std::string::npos) << findings[2].message.en;

    EXPECT_EQ(findings[3].message.vi,
              "Lĩnh vực 3 mất 1,6 điểm (16 − 14,4) nhưng các tiêu chí được liệt kê chỉ giải thích 0,6 điểm");
    EXPECT_EQ(findings[3].message.en,
              "Area 3 lost 1.6 points (16 − 14.4) but the criteria listed account for only 0.6");
    EXPECT_NE(findings[4].message.vi.find("mất 1,34 điểm"), std::string::npos) << findings[4].message.vi;
    EXPECT_NE(findings[4].message.vi.find("1,85"), std::string::npos);
    EXPECT_EQ(*findings[4].published, D("8.66"));
    EXPECT_EQ(*findings[4].expected, D("8.15"));

    EXPECT_EQ(*findings[5].published, D("7"));
    EXPECT_EQ(*findings[5].expected, D("6"));
    EXPECT_NE(findings[5].message.en.find("implies 7 points in 2022, above the maximum of 6"), std::string::npos)
        << findings[5].message.en;

    EXPECT_TRUE(engine.Check(2022).empty());
    EXPECT_TRUE(engine.Check(2021).empty());
}

TEST(ResultsEngineLaKhe, PreviousTotalMismatchIsReported) {
    Dataset d = LaKheDataset();
    for (auto& a : d.assessments)
        if (a.unit_code == "lakhe" && a.year == 2022) a.total_points = D("84.5");
    ResultsEngine engine(std::move(d));
    auto findings = engine.Check(2023);
    auto it = std::find_if(findings.begin(), findings.end(),
                           [](const Finding& f) { return f.kind == "previous_total_mismatch"; });
    ASSERT_NE(it, findings.end());
    EXPECT_EQ(it->node_code, "TOTAL");
    EXPECT_EQ(*it->expected, D("5.52"));
    EXPECT_EQ(*it->published, D("5.55"));
}

TEST(ResultsEngineLaKhe, RankingOfTheGroup) {
    ResultsEngine engine(LaKheDataset());
    auto g = engine.Ranking("hadong-wards", 2023);
    ASSERT_TRUE(g.Ok());
    EXPECT_EQ(g->group_name, "Các phường quận Hà Đông");
    EXPECT_EQ(g->framework_code, "hadong-2023");
    EXPECT_EQ(g->tie_rule, "Các đơn vị có chỉ số bằng nhau cùng thứ hạng, thứ hạng kế tiếp bị bỏ qua (1, 2, 2, 4)");
    ASSERT_EQ(g->rows.size(), 17u);
    EXPECT_EQ(*g->rows[0].rank, 1);
    EXPECT_EQ(g->rows[0].unit_code, "hd-mau-01");
    EXPECT_TRUE(g->rows[0].demo);
    EXPECT_EQ(*g->rows[14].rank, 1);
    EXPECT_EQ(g->rows[15].unit_code, "lakhe");
    EXPECT_EQ(*g->rows[15].rank, 16);
    EXPECT_EQ(*g->rows[15].previous_rank, 14);
    EXPECT_EQ(*g->rows[15].change, -2);
    EXPECT_FALSE(g->rows[15].demo);
    EXPECT_EQ(*g->rows[16].rank, 17);
    EXPECT_EQ(*g->rows[16].index, D("87.8"));
    EXPECT_FALSE(engine.Ranking("hadong-wards", 2022).Ok());
    EXPECT_EQ(engine.Ranking("nope", 2023).GetError().code, ErrorCode::kNotFound);
}

TEST(ResultsEngineLaKhe, FixtureFrameworkIsValid) {
    KnownCodes known;
    EXPECT_TRUE(ValidateFramework(HaDong2023(), known).empty());
    Dataset d = LaKheDataset();
    for (const auto& u : d.units) known.units.insert(u.code);
    known.groups.insert("hadong-wards");
    known.frameworks.insert("hadong-2023");
    EXPECT_TRUE(ValidateUnits(d.units, known).empty());
    EXPECT_TRUE(ValidatePeerGroup(d.groups[0], known).empty());
    const Framework fw = HaDong2023();
    for (const auto& a : d.assessments)
        EXPECT_TRUE(ValidateAssessment(a, a.framework_code.empty() ? nullptr : &fw, known).empty()) << a.unit_code;
}

TEST(ResultsEngine, NotFound) {
    ResultsEngine engine(LaKheDataset());
    auto missing_unit = engine.ForUnit("nowhere", 2023);
    ASSERT_FALSE(missing_unit.Ok());
    EXPECT_EQ(missing_unit.GetError().code, ErrorCode::kNotFound);
    auto missing_year = engine.ForUnit("lakhe", 2019);
    ASSERT_FALSE(missing_year.Ok());
    EXPECT_EQ(missing_year.GetError().code, ErrorCode::kNotFound);
    EXPECT_NE(missing_year.GetError().message.vi.find("2019"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// Bảo Lâm 2023 (seed 003).

NodeScore Both(std::string code, std::optional<Decimal> self, std::optional<Decimal> appraised, Provenance provenance) {
    NodeScore s;
    s.code = std::move(code);
    s.self = self;
    s.appraised = appraised;
    s.provenance = provenance;
    return s;
}

Dataset BaoLamDataset() {
    Dataset d;
    Framework f;
    f.code = "caoloc-2023";
    f.max = D("100");
    const char* maxima[] = {"20.5", "7", "22", "18", "10", "18.5", "4"};
    for (int a = 1; a <= 7; ++a) f.nodes.push_back(Node(std::to_string(a), "", D(maxima[a - 1])));
    f.nodes.push_back(Node("1.5", "1", D("4")));
    f.nodes.push_back(Node("3.2", "3", D("1")));
    f.nodes.push_back(Node("4.2", "4", std::nullopt));
    f.nodes.push_back(Node("5.2.2", "5", std::nullopt));
    f.nodes.push_back(Node("5.4", "5", std::nullopt));
    f.nodes.push_back(Node("6.3", "6", std::nullopt));
    f.nodes.push_back(Node("6.4.2", "6", D("3")));
    f.nodes.push_back(Node("7.2", "7", std::nullopt));
    d.frameworks.push_back(f);
    d.units.push_back(MakeUnit("baolam", "Xã Bảo Lâm"));
    Assessment a;
    a.unit_code = "baolam";
    a.year = 2023;
    a.framework_code = "caoloc-2023";
    a.total_self = D("89.6");
    a.total_points = D("80.06");
    const auto P = Provenance::kPublished;
    const auto E = Provenance::kEntered;
    a.nodes = {
        Both("1", OD("15.2"), OD("15.2"), P), Both("3", OD("21.9"), OD("20.9"), P), Both("4", OD("18"), OD("15"), P),
        Both("5", OD("9"), OD("7"), P),       Both("6", OD("14.5"), OD("13.5"), P), Both("7", OD("4"), OD("2"), P),
        Both("1.5", OD("0"), OD("0"), E),     Both("3.2", OD("1"), OD("0"), E),     Both("5.2.2", OD("1"), OD("0"), E),
        Both("5.4", OD("0"), OD("0"), E),     Both("6.3", OD("1"), OD("0"), E),     Both("6.4.2", OD("2"), OD("2"), E)};
    d.assessments.push_back(a);
    return d;
}

TEST(ResultsEngineBaoLam, CheckFindsGapsOnTotalAndAreas457) {
    ResultsEngine engine(BaoLamDataset());
    auto findings = engine.Check(2023);
    std::vector<std::string> got;
    for (const auto& f : findings) got.push_back(f.kind + "@" + f.node_code);
    EXPECT_EQ(got, (std::vector<std::string>{"gap_unaccounted@TOTAL", "gap_unaccounted@4", "gap_unaccounted@5",
                                             "gap_unaccounted@7"}));
    ASSERT_EQ(findings.size(), 4u);
    const auto& total = findings[0];
    EXPECT_EQ(*total.published, D("9.54"));
    EXPECT_EQ(*total.expected, D("9"));
    for (const char* part : {"82,6", "73,6", "80,6", "80,06", "lĩnh vực 2 (tối đa 7)"})
        EXPECT_NE(total.message.vi.find(part), std::string::npos) << part << " in " << total.message.vi;
    EXPECT_NE(total.message.en.find("would be 80.6, not the published 80.06"), std::string::npos) << total.message.en;
    const auto& area5 = findings[2];
    EXPECT_EQ(*area5.published, D("2"));
    EXPECT_EQ(*area5.expected, D("1"));
    EXPECT_NE(area5.message.vi.find("5.2.2: 1 → 0; 5.4: 0 → 0"), std::string::npos) << area5.message.vi;
    EXPECT_NE(findings[1].message.vi.find("tiêu chí 4.2 không có điểm"), std::string::npos) << findings[1].message.vi;
    EXPECT_NE(findings[3].message.en.find("criterion 7.2 has no scores"), std::string::npos) << findings[3].message.en;
}

TEST(ResultsEngineBaoLam, GapsAndTotals) {
    ResultsEngine engine(BaoLamDataset());
    auto r = engine.ForUnit("baolam", 2023);
    ASSERT_TRUE(r.Ok());
    EXPECT_EQ(*r->self, D("89.6"));
    EXPECT_EQ(*r->points, D("80.06"));
    EXPECT_EQ(*r->index, D("80.06"));
    EXPECT_FALSE(r->band.has_value());
    EXPECT_TRUE(r->parts.empty());
    EXPECT_TRUE(r->ranks.empty());
    std::vector<std::string> gaps;
    for (const auto& g : r->gaps) gaps.push_back(g.code + "=" + g.gap.ToString());
    EXPECT_EQ(gaps, (std::vector<std::string>{"4=3", "5=2", "7=2", "3=1", "3.2=1", "5.2.2=1", "6=1", "6.3=1"}));
    // The deepest scored nodes with a loss; 5.2.2, 6.3 have no maximum and 4.2, 7.2 no score.
    std::vector<std::string> lost;
    for (const auto& l : r->lost_points) lost.push_back(l.code + "=" + l.lost.ToString());
    EXPECT_EQ(lost, (std::vector<std::string>{"1.5=4", "4=3", "5=3", "7=2", "3.2=1", "6.4.2=1"}));
}

// ---------------------------------------------------------------------------------------------------------------
// Small cases: ties, exclusion, bands, rounding, mapping.

Framework Flat(std::string code, std::vector<Band> bands = {}, int decimals = 2) {
    Framework f;
    f.code = std::move(code);
    f.max = D("100");
    f.display_decimals = decimals;
    f.bands = std::move(bands);
    f.nodes.push_back(Node("1", "", D("100")));
    return f;
}

Assessment Score(std::string unit, int year, const char* total, std::string fw = "flat") {
    Assessment a;
    a.unit_code = std::move(unit);
    a.year = year;
    a.framework_code = std::move(fw);
    a.nodes.push_back(Published("1", total));
    return a;
}

Dataset SmallGroup(const std::vector<std::pair<std::string, const char*>>& scores, std::vector<Band> bands = {},
                   std::vector<std::string> unranked = {}) {
    Dataset d;
    d.frameworks.push_back(Flat("flat", std::move(bands)));
    PeerGroup g;
    g.code = "g";
    g.name = "Nhóm";
    g.year = 2024;
    g.framework_code = "flat";
    for (const auto& [code, total] : scores) {
        d.units.push_back(MakeUnit(code, "Đơn vị " + code));
        const bool ranked = std::find(unranked.begin(), unranked.end(), code) == unranked.end();
        g.members.push_back({code, ranked, {}});
        if (total != nullptr) d.assessments.push_back(Score(code, 2024, total));
    }
    d.groups.push_back(g);
    return d;
}

TEST(Ranks, CompetitionRanking) {
    auto table = RankDescending({{"a", D("95")}, {"b", D("90")}, {"c", D("90")}, {"d", D("85")}});
    EXPECT_EQ(table.of, 4);
    EXPECT_EQ(table.rank["a"], 1);
    EXPECT_EQ(table.rank["b"], 2);
    EXPECT_EQ(table.rank["c"], 2);
    EXPECT_EQ(table.rank["d"], 4);
}

TEST(Ranks, TiesShareARankAndTheNextSkips) {
    ResultsEngine engine(SmallGroup({{"d", "85"}, {"c", "90"}, {"b", "90"}, {"a", "95"}}));
    auto g = engine.Ranking("g", 2024);
    ASSERT_TRUE(g.Ok());
    std::vector<std::string> rows;
    for (const auto& r : g->rows) rows.push_back(r.unit_code + std::to_string(*r.rank));
    EXPECT_EQ(rows, (std::vector<std::string>{"a1", "b2", "c2", "d4"}));
    auto c = engine.ForUnit("c", 2024);
    EXPECT_EQ(*c->ranks[0].rank, 2);
    EXPECT_EQ(c->ranks[0].of, 4);
    EXPECT_FALSE(c->ranks[0].previous_rank.has_value());
}

TEST(Ranks, TiesUseTheRoundedIndex) {
    ResultsEngine engine(SmallGroup({{"a", "90.004"}, {"b", "90.001"}, {"c", "90.006"}}));
    auto a = engine.ForUnit("a", 2024);
    EXPECT_EQ(*a->index, D("90"));
    EXPECT_EQ(*a->ranks[0].rank, 2);
    EXPECT_EQ(*engine.ForUnit("b", 2024)->ranks[0].rank, 2);
    EXPECT_EQ(*engine.ForUnit("c", 2024)->ranks[0].rank, 1);  // 90.01
}

TEST(Ranks, ExcludedAndUnscoredMembers) {
    ResultsEngine engine(SmallGroup({{"a", "80"}, {"x", "99"}, {"b", "70"}, {"n", nullptr}}, {}, {"x"}));
    auto x = engine.ForUnit("x", 2024);
    ASSERT_TRUE(x.Ok());
    EXPECT_TRUE(x->ranks[0].excluded);
    EXPECT_FALSE(x->ranks[0].rank.has_value());
    EXPECT_EQ(x->ranks[0].of, 2);
    auto a = engine.ForUnit("a", 2024);
    EXPECT_EQ(*a->ranks[0].rank, 1);
    EXPECT_EQ(a->ranks[0].of, 2);
    auto g = engine.Ranking("g", 2024);
    ASSERT_EQ(g->rows.size(), 4u);
    EXPECT_EQ(g->rows[0].unit_code, "a");
    EXPECT_EQ(g->rows[1].unit_code, "b");
    EXPECT_EQ(g->rows[2].unit_code, "x");
    EXPECT_TRUE(g->rows[2].excluded);
    EXPECT_FALSE(g->rows[2].rank.has_value());
    EXPECT_EQ(g->rows[3].unit_code, "n");
    EXPECT_FALSE(g->rows[3].index.has_value());
    EXPECT_FALSE(g->rows[3].rank.has_value());
}

TEST(Ranks, PreviousRankFromTheSameGroupCode) {
    Dataset d = SmallGroup({{"a", "80"}, {"b", "70"}});
    PeerGroup prev = d.groups[0];
    prev.year = 2023;
    d.groups.push_back(prev);
    d.assessments.push_back(Score("a", 2023, "60"));
    d.assessments.push_back(Score("b", 2023, "65"));
    ResultsEngine engine(std::move(d));
    auto a = engine.ForUnit("a", 2024);
    EXPECT_EQ(*a->ranks[0].rank, 1);
    EXPECT_EQ(*a->ranks[0].previous_rank, 2);
    EXPECT_EQ(*a->ranks[0].change, 1);
    EXPECT_EQ(*a->change, D("20"));
    EXPECT_EQ(a->change_status, ChangeStatus::kComputed);
    // Same framework both years: the area maps by code.
    EXPECT_EQ(*a->areas[0].change, D("20"));
    EXPECT_EQ(a->areas[0].change_status, ChangeStatus::kComputed);
    EXPECT_EQ(a->strengths[0].kind, "up");
    auto g = engine.Ranking("g", 2024);
    EXPECT_EQ(*g->rows[1].change, -1);
}

TEST(Bands, IndexAtTheMinimumIsInTheBand) {
    std::vector<Band> bands = {{"tot", "Tốt", D("80"), false}, {"xuat-sac", "Xuất sắc", D("90"), false}};
    ResultsEngine engine(SmallGroup({{"a", "90"}, {"b", "89.995"}, {"c", "89.994"}, {"d", "79.99"}}, bands));
    EXPECT_EQ(engine.ForUnit("a", 2024)->band->code, "xuat-sac");
    EXPECT_EQ(engine.ForUnit("b", 2024)->band->code, "xuat-sac");  // rounds to 90.00
    EXPECT_EQ(engine.ForUnit("c", 2024)->band->code, "tot");       // 89.99
    EXPECT_FALSE(engine.ForUnit("d", 2024)->band.has_value());
    auto g = engine.Ranking("g", 2024);
    EXPECT_EQ(g->rows[0].band->name, "Xuất sắc");
}

TEST(Changes, MappingAcrossFrameworkVersions) {
    Dataset d;
    Framework f22;
    f22.code = "f-2022";
    f22.nodes = {Node("A", "", D("10")), Node("A.1", "A", D("5")), Node("A.2", "A", D("5")), Node("B", "", D("90"))};
    Framework f23;
    f23.code = "f-2023";
    f23.previous_code = "f-2022";
    f23.nodes = {Node("A", "", D("10")), Node("A.1n", "A", D("5")), Node("A.3", "A", D("5")), Node("B", "", D("90"))};
    f23.nodes[0].previous_code = "A";
    f23.nodes[1].previous_code = "A.1";
    f23.nodes[3].previous_code = "B";
    Framework other;
    other.code = "other";
    other.nodes = {Node("A", "", D("10"))};
    d.frameworks = {f22, f23, other};
    d.units = {MakeUnit("u", "Xã U"), MakeUnit("v", "Xã V")};
    Assessment a22;
    a22.unit_code = "u";
    a22.year = 2022;
    a22.framework_code = "f-2022";
    a22.nodes = {Entered("A.1", "3"), Entered("A.2", "4"), Published("B", "80")};
    Assessment a23;
    a23.unit_code = "u";
    a23.year = 2023;
    a23.framework_code = "f-2023";
    a23.nodes = {Entered("A.1n", "4"), Entered("A.3", "2"), Published("B", "85", "6")};
    d.assessments = {a22, a23};
    // Unit v: previous year on an unrelated framework.
    Assessment v22;
    v22.unit_code = "v";
    v22.year = 2022;
    v22.framework_code = "other";
    v22.nodes = {Published("A", "9")};
    Assessment v23 = a23;
    v23.unit_code = "v";
    d.assessments.push_back(v22);
    d.assessments.push_back(v23);
    ResultsEngine engine(std::move(d));

    auto u = engine.ForUnit("u", 2023);
    ASSERT_TRUE(u.Ok());
    const NodeResult* renamed = FindNode(u->criteria, "A.1n");
    EXPECT_EQ(renamed->change_status, ChangeStatus::kComputed);
    EXPECT_EQ(*renamed->change, D("1"));
    const NodeResult* unmapped = FindNode(u->criteria, "A.3");
    EXPECT_EQ(unmapped->change_status, ChangeStatus::kNotComparable);
    EXPECT_FALSE(unmapped->change.has_value());
    const NodeResult* area = FindNode(u->areas, "A");
    EXPECT_EQ(area->change_status, ChangeStatus::kComputed);
    EXPECT_EQ(*area->change, D("-1"));  // 6 against 7
    const NodeResult* b = FindNode(u->areas, "B");
    EXPECT_EQ(b->change_status, ChangeStatus::kPublished);
    EXPECT_EQ(*b->change, D("6"));
    EXPECT_EQ(*u->change, D("4"));  // 91 against 87, index points of the total
    EXPECT_EQ(u->change_status, ChangeStatus::kComputed);

    auto v = engine.ForUnit("v", 2023);
    EXPECT_EQ(FindNode(v->areas, "A")->change_status, ChangeStatus::kNotComparable);
    auto first = engine.ForUnit("u", 2022);
    EXPECT_EQ(FindNode(first->areas, "A")->change_status, ChangeStatus::kNone);
}

TEST(Check, ChangeExceedsMaxUsesThePreviousFrameworkMaximum) {
    Dataset d;
    Framework f22;
    f22.code = "f-2022";
    f22.nodes = {Node("A", "", D("8")), Node("B", "", D("92"))};
    Framework f23;
    f23.code = "f-2023";
    f23.previous_code = "f-2022";
    f23.nodes = {Node("A", "", D("6")), Node("B", "", D("94"))};
    f23.nodes[0].previous_code = "A";
    d.frameworks = {f22, f23};
    d.units = {MakeUnit("u", "Xã U")};
    Assessment a22;
    a22.unit_code = "u";
    a22.year = 2022;
    a22.framework_code = "f-2022";
    a22.nodes = {Published("A", "7"), Published("B", "80")};
    Assessment a23;
    a23.unit_code = "u";
    a23.year = 2023;
    a23.framework_code = "f-2023";
    a23.nodes = {Published("A", "6", "-1"), Published("B", "80", "-1")};
    d.assessments = {a22, a23};
    ResultsEngine engine(std::move(d));
    // A: 6 − (−1) = 7 ≤ 8 (the 2022 maximum): consistent. B has no mapping: 81 ≤ 94.
    EXPECT_TRUE(engine.Check(2023).empty());
}

TEST(Check, ConsistentDataHasNoFindings) {
    Dataset d = LaKheDataset();
    for (auto& a : d.assessments) {
        if (a.unit_code == "lakhe" && a.year == 2022) a.total_points = D("85.96");
        if (a.unit_code != "lakhe" || a.year != 2023) continue;
        a.nodes[2].appraised = D("15.4");  // area 3 as its listed criteria say
        a.nodes[3].appraised = D("8.15");  // area 4 likewise
        a.nodes[4].change = D("0");        // finance at full marks both years
        a.total_points = D("90.51");
        a.total_change = D("4.55");  // the sum of the area changes
        a.parts[0].points = D("60.8");
        a.parts[0].index = D("86.86");
        a.parts[1].index = D("99.03");
    }
    ResultsEngine engine(std::move(d));
    auto findings = engine.Check(2023);
    for (const auto& f : findings) ADD_FAILURE() << f.kind << " " << f.node_code << ": " << f.message.en;
}

}  // namespace
}  // namespace parindex

namespace parindex {
namespace {

TEST(Ranks, AreaRanksOnlyWhenEveryPeerHasTheArea) {
    Dataset d;
    Framework f;
    f.code = "two";
    f.nodes = {Node("1", "", D("50")), Node("1.1", "1", D("50")), Node("2", "", D("50"))};
    d.frameworks.push_back(f);
    PeerGroup g;
    g.code = "g";
    g.name = "Nhóm";
    g.year = 2024;
    g.framework_code = "two";
    for (const char* code : {"a", "b", "c"}) {
        d.units.push_back(MakeUnit(code, std::string("Đơn vị ") + code));
        g.members.push_back({code, true, {}});
    }
    d.groups.push_back(g);
    auto make = [](const char* unit, const char* c11, const char* area2) {
        Assessment a;
        a.unit_code = unit;
        a.year = 2024;
        a.framework_code = "two";
        if (c11 != nullptr) a.nodes.push_back(Entered("1.1", c11));
        a.nodes.push_back(Published("2", area2));
        if (c11 == nullptr) a.total_points = D("70");
        return a;
    };
    d.assessments = {make("a", "40", "45"), make("b", "45", "40"), make("c", nullptr, "50")};
    ResultsEngine engine(std::move(d));
    auto a = engine.ForUnit("a", 2024);
    ASSERT_TRUE(a.Ok());
    EXPECT_EQ(*a->points, D("85"));
    EXPECT_EQ(*a->ranks[0].rank, 1);  // 85, c 70, b 85
    EXPECT_EQ(a->ranks[0].of, 3);
    EXPECT_EQ(*engine.ForUnit("c", 2024)->ranks[0].rank, 3);
    // Area 1: c has no value, so no computed rank; area 2: everyone has it.
    EXPECT_TRUE(FindNode(a->areas, "1")->ranks.empty());
    const auto& area2 = FindNode(a->areas, "2")->ranks;
    ASSERT_EQ(area2.size(), 1u);
    EXPECT_EQ(*area2[0].rank, 2);
    EXPECT_EQ(area2[0].of, 3);
    // Criteria below the areas are never ranked by the engine.
    EXPECT_TRUE(FindNode(a->criteria, "1.1")->ranks.empty());
}

}  // namespace
}  // namespace parindex
