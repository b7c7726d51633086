// End-to-end tests of the command-line tool on the demo data: the real binary, a real SQLite file.
#include <gtest/gtest.h>

#include <memory>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

namespace json = boost::json;

class DemoTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<TempDir>();
        data_ = dir_->path() + "/data";
        RunOutput init = RunParindex({"init", "--data", data_});
        ASSERT_EQ(init.exit_code, 0) << init.err;
        RunOutput demo = RunParindex({"demo", "--data", data_});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static json::value Json(std::vector<std::string> args) {
        args.insert(args.end(), {"--data", data_, "--format", "json"});
        RunOutput run = RunParindex(args);
        EXPECT_EQ(run.exit_code, 0) << run.err;
        raw_ = run.out;
        return ParseJson(run.out);
    }

    static const json::object* FindRank(const json::value& ranks, const std::string& group) {
        for (const json::value& rank : ranks.as_array()) {
            if (rank.at("group").as_string() == group) return &rank.as_object();
        }
        return nullptr;
    }

    static std::unique_ptr<TempDir> dir_;
    static std::string data_;
    static std::string raw_;
};

std::unique_ptr<TempDir> DemoTest::dir_;
std::string DemoTest::data_;
std::string DemoTest::raw_;

double Num(const json::value& v) { return v.is_int64() ? static_cast<double>(v.as_int64()) : v.as_double(); }

TEST_F(DemoTest, LaKhe2023ReproducesSeed000) {
    json::value r = Json({"results", "--unit", "lakhe", "--year", "2023"});
    EXPECT_EQ(r.at("unit").as_string(), "lakhe");
    EXPECT_EQ(r.at("year").as_int64(), 2023);
    EXPECT_DOUBLE_EQ(Num(r.at("points")), 90.02);
    EXPECT_DOUBLE_EQ(Num(r.at("max")), 100);
    EXPECT_EQ(RawNumberAfter(raw_, "index"), "90.02");  // Plain decimals, never 9.002E1.
    EXPECT_DOUBLE_EQ(Num(r.at("change")), 5.55);
    const json::object* rank = FindRank(r.at("ranks"), "hadong-wards");
    ASSERT_NE(rank, nullptr);
    EXPECT_EQ(rank->at("rank").as_int64(), 16);
    EXPECT_EQ(rank->at("of").as_int64(), 17);
    EXPECT_EQ(rank->at("change").as_int64(), -2);

    const json::array& parts = r.at("parts").as_array();
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].at("method").as_string(), "appraisal");
    EXPECT_DOUBLE_EQ(Num(parts[0].at("points")), 60.31);
    EXPECT_DOUBLE_EQ(Num(parts[0].at("max")), 70);
    EXPECT_DOUBLE_EQ(Num(parts[0].at("index")), 86.16);
    EXPECT_EQ(FindRank(parts[0].at("ranks"), "hadong-wards")->at("rank").as_int64(), 16);
    EXPECT_EQ(parts[1].at("method").as_string(), "survey");
    EXPECT_DOUBLE_EQ(Num(parts[1].at("points")), 29.71);
    EXPECT_EQ(FindRank(parts[1].at("ranks"), "hadong-wards")->at("rank").as_int64(), 17);

    const json::array& areas = r.at("areas").as_array();
    ASSERT_EQ(areas.size(), 8u);
    const double points[] = {17.25, 2.5, 14.4, 8.66, 6, 6.5, 5, 29.71};
    const double maxima[] = {20, 3, 16, 10, 6, 10, 5, 30};
    const double changes[] = {3.91, -0.5, 1.15, 1.66, -1, -1.5, 0, -0.17};
    for (std::size_t i = 0; i < 8; ++i) {
        EXPECT_EQ(areas[i].at("code").as_string(), std::to_string(i + 1));
        EXPECT_DOUBLE_EQ(Num(areas[i].at("points")), points[i]) << i;
        EXPECT_DOUBLE_EQ(Num(areas[i].at("max")), maxima[i]) << i;
        EXPECT_DOUBLE_EQ(Num(areas[i].at("change")), changes[i]) << i;
    }
    EXPECT_EQ(areas[2].at("rank").as_int64(), 7);

    // Seed 000's table of lost points: 14 rows, largest loss first, then by code.
    const json::array& lost = r.at("lost_points").as_array();
    ASSERT_EQ(lost.size(), 14u);
    std::vector<std::pair<std::string, double>> expected = {
        {"1.6", 2},   {"6.8", 1.5},    {"6.6", 1},  {"6.7", 1},     {"1.9", 0.5},  {"4.2", 0.5},  {"4.u1", 0.5},
        {"3.2", 0.6}, {"4.1.2", 0.75}, {"8", 0.29}, {"1.u1", 0.25}, {"2.1", 0.25}, {"2.3", 0.25}, {"4.1.4", 0.1}};
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(lost[i].at("code").as_string(), expected[i].first) << i;
        EXPECT_DOUBLE_EQ(Num(lost[i].at("lost")), expected[i].second) << i;
    }
    EXPECT_EQ(lost[0].at("cause").as_string(), "Sáng kiến không được công nhận");
    EXPECT_DOUBLE_EQ(Num(lost[0].at("points")), 0);
    EXPECT_DOUBLE_EQ(Num(lost[0].at("max")), 2);

    const json::array& trend = r.at("trend").as_array();
    ASSERT_EQ(trend.size(), 3u);
    EXPECT_EQ(trend[0].at("year").as_int64(), 2021);
    EXPECT_DOUBLE_EQ(Num(trend[0].at("points")), 87.43);
    EXPECT_EQ(FindRank(trend[0].at("ranks"), "hadong-wards")->at("rank").as_int64(), 14);
    EXPECT_DOUBLE_EQ(Num(trend[1].at("points")), 84.47);
    EXPECT_DOUBLE_EQ(Num(trend[2].at("points")), 90.02);
}

TEST_F(DemoTest, BaoLamSelfAgainstAppraised) {
    json::value r = Json({"results", "--unit", "baolam", "--year", "2023"});
    EXPECT_DOUBLE_EQ(Num(r.at("self")), 89.6);
    EXPECT_DOUBLE_EQ(Num(r.at("points")), 80.06);
    const json::object* rank = FindRank(r.at("ranks"), "caoloc-communes");
    ASSERT_NE(rank, nullptr);
    EXPECT_EQ(rank->at("rank").as_int64(), 7);
    EXPECT_EQ(rank->at("of").as_int64(), 22);
    EXPECT_EQ(rank->at("change").as_int64(), 7);
    bool found_area5 = false;
    for (const json::value& gap : r.at("gaps").as_array()) {
        if (gap.at("code").as_string() == "5") {
            found_area5 = true;
            EXPECT_DOUBLE_EQ(Num(gap.at("gap")), 2);
        }
    }
    EXPECT_TRUE(found_area5);
}

TEST_F(DemoTest, Seed001ThreeDecimalsAndTwoGroups) {
    json::value r = Json({"results", "--unit", "seed001", "--year", "2023"});
    EXPECT_EQ(RawNumberAfter(raw_, "points"), "91.989");
    EXPECT_EQ(RawNumberAfter(raw_, "index"), "91.989");
    EXPECT_EQ(r.at("band").as_string(), "Xuất sắc");
    EXPECT_DOUBLE_EQ(Num(r.at("change")), 11.493);
    const json::object* province = FindRank(r.at("ranks"), "seed001-province");
    ASSERT_NE(province, nullptr);
    EXPECT_EQ(province->at("rank").as_int64(), 15);
    EXPECT_EQ(province->at("of").as_int64(), 141);
    EXPECT_EQ(province->at("change").as_int64(), 26);
    const json::object* district = FindRank(r.at("ranks"), "seed001-district");
    ASSERT_NE(district, nullptr);
    EXPECT_EQ(district->at("rank").as_int64(), 2);
    EXPECT_EQ(district->at("change").as_int64(), 9);
}

TEST_F(DemoTest, RankingOfHaDongWards) {
    json::value g = Json({"ranking", "--group", "hadong-wards", "--year", "2023"});
    const json::array& rows = g.at("rows").as_array();
    ASSERT_EQ(rows.size(), 17u);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_GE(rows[i].at("rank").as_int64(), rows[i - 1].at("rank").as_int64());
    }
    EXPECT_EQ(rows[15].at("unit").as_string(), "lakhe");
    EXPECT_EQ(rows[15].at("rank").as_int64(), 16);
    EXPECT_TRUE(rows[0].at("demo").as_bool());
    EXPECT_FALSE(rows[15].at("demo").as_bool());

    RunOutput table = RunParindex({"ranking", "--group", "hadong-wards", "--year", "2023", "--data", data_});
    EXPECT_EQ(table.exit_code, 0);
    EXPECT_NE(table.out.find("Phường La Khê"), std::string::npos);
    EXPECT_NE(table.out.find("90,02"), std::string::npos);
    EXPECT_NE(table.out.find("Quy tắc đồng hạng"), std::string::npos);
}

TEST_F(DemoTest, CheckListsTheSevenInconsistencies) {
    json::value c = Json({"check", "--year", "2023"});
    std::multiset<std::string> seen;
    for (const json::value& f : c.at("findings").as_array()) {
        seen.insert(std::string(f.at("unit").as_string()) + "/" + std::string(f.at("node").as_string()) + "/" +
                    std::string(f.at("kind").as_string()));
    }
    // CONVENTIONS.md's seven cases.
    EXPECT_EQ(seen.count("lakhe/TOTAL/change_sum"), 1u) << raw_;           // 1
    EXPECT_EQ(seen.count("lakhe/part:appraisal/part_index"), 1u) << raw_;  // 2
    EXPECT_EQ(seen.count("lakhe/part:survey/part_index"), 1u) << raw_;     // 2
    EXPECT_EQ(seen.count("lakhe/3/loss_unaccounted"), 1u) << raw_;         // 3
    EXPECT_EQ(seen.count("lakhe/4/loss_unaccounted"), 1u) << raw_;         // 4
    EXPECT_EQ(seen.count("lakhe/5/change_exceeds_max"), 1u) << raw_;       // 5
    EXPECT_EQ(seen.count("baolam/TOTAL/gap_unaccounted"), 1u) << raw_;     // 6
    EXPECT_EQ(seen.count("baolam/5/gap_unaccounted"), 1u) << raw_;         // 7
    EXPECT_EQ(seen.count("baolam/4/gap_unaccounted"), 1u) << raw_;         // 7
    EXPECT_EQ(seen.count("baolam/7/gap_unaccounted"), 1u) << raw_;         // 7
    EXPECT_EQ(seen.size(), 10u) << raw_;                                   // Nothing else: the invented peers add up.

    RunOutput strict = RunParindex({"check", "--year", "2023", "--strict", "--data", data_});
    EXPECT_EQ(strict.exit_code, 3);
    EXPECT_NE(strict.out.find("80,6,"), std::string::npos) << strict.out;
    RunOutput clean = RunParindex({"check", "--year", "2021", "--strict", "--data", data_});
    EXPECT_EQ(clean.exit_code, 0) << clean.out;
}

TEST_F(DemoTest, PracticeYear2024IsConsistentAndLeavesLaKheOpen) {
    // The practice year (docs/demo-data.md): the invented peers are final and add up; La Khê has no 2024
    // assessment, so it is listed unranked and has no results.
    json::value c = Json({"check", "--year", "2024"});
    EXPECT_EQ(c.at("findings").as_array().size(), 0u) << raw_;
    RunOutput strict = RunParindex({"check", "--year", "2024", "--strict", "--data", data_});
    EXPECT_EQ(strict.exit_code, 0) << strict.out;

    json::value g = Json({"ranking", "--group", "hadong-wards", "--year", "2024"});
    EXPECT_EQ(g.at("framework").as_string(), "hadong-2024-mau");
    const json::array& rows = g.at("rows").as_array();
    ASSERT_EQ(rows.size(), 17u);
    for (std::size_t i = 0; i < 16; ++i) {
        EXPECT_TRUE(rows[i].at("demo").as_bool()) << i;
        EXPECT_EQ(rows[i].at("rank").as_int64(), static_cast<std::int64_t>(i + 1)) << raw_;
    }
    EXPECT_EQ(rows[16].at("unit").as_string(), "lakhe");
    EXPECT_TRUE(rows[16].at("rank").is_null());
    EXPECT_EQ(rows[16].at("previous_rank").as_int64(), 16);

    RunOutput none = RunParindex({"results", "--unit", "lakhe", "--year", "2024", "--data", data_});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("2024"), std::string::npos) << none.err;
}

TEST_F(DemoTest, ReadableVietnameseAndEnglishTables) {
    RunOutput vi = RunParindex({"results", "--unit", "lakhe", "--year", "2023", "--data", data_});
    ASSERT_EQ(vi.exit_code, 0) << vi.err;
    EXPECT_NE(vi.out.find("Phường La Khê"), std::string::npos);
    EXPECT_NE(vi.out.find("90,02"), std::string::npos);
    EXPECT_NE(vi.out.find("Các tiêu chí bị trừ điểm"), std::string::npos);
    EXPECT_NE(vi.out.find("+5,55"), std::string::npos);
    RunOutput en = RunParindex({"results", "--unit", "lakhe", "--year", "2023", "--lang", "en", "--data", data_});
    ASSERT_EQ(en.exit_code, 0);
    EXPECT_NE(en.out.find("Lost points"), std::string::npos);
    EXPECT_NE(en.out.find("90.02"), std::string::npos);
}

TEST_F(DemoTest, UnknownUnitIsAHandledError) {
    RunOutput run = RunParindex({"results", "--unit", "khong-co", "--year", "2023", "--data", data_});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("khong-co"), std::string::npos) << run.err;
    RunOutput as_json =
        RunParindex({"results", "--unit", "khong-co", "--year", "2023", "--data", data_, "--format", "json"});
    EXPECT_EQ(as_json.exit_code, 1);
    json::value error = ParseJson(as_json.err);
    EXPECT_EQ(error.at("error").at("code").as_string(), "not_found");
}

TEST(CliUsage, WrongUsageExitsTwo) {
    EXPECT_EQ(RunParindex({}).exit_code, 2);
    EXPECT_EQ(RunParindex({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(RunParindex({"results", "--year", "2023"}).exit_code, 2);
    EXPECT_EQ(RunParindex({"results", "--unit", "lakhe", "--year", "hai nghìn"}).exit_code, 2);
    EXPECT_EQ(RunParindex({"version"}).exit_code, 0);
}

TEST(CliUsage, MissingDataFolderIsAHandledError) {
    TempDir dir;
    RunOutput run = RunParindex({"results", "--unit", "lakhe", "--year", "2023", "--data", dir.path() + "/none"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("parindex init"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace parindex::testing
