// The per-year cache of results engines and their JSON.

#include "http/results_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "formats/results_json.hpp"
#include "http/compression.hpp"
#include "http/http_fakes.hpp"

namespace parindex::http {
namespace {

TEST(ResultsCacheTest, LoadsAYearOnceUntilInvalidated) {
    std::atomic<int> loads{0};
    ResultsCache cache([&](int) -> Result<Dataset> {
        ++loads;
        return testing::SmallDataset();
    });
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            auto year = cache.ForYear(2023);
            ASSERT_TRUE(year.Ok());
            EXPECT_TRUE((*year)->UnitJson("u03").Ok());
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(loads.load(), 1);
    cache.Invalidate();
    ASSERT_TRUE(cache.ForYear(2023).Ok());
    EXPECT_EQ(loads.load(), 2);
}

TEST(ResultsCacheTest, KnowsWhichUnitsAndGroupsArePublished) {
    Dataset data = testing::SmallDataset();
    for (Assessment& assessment : data.assessments) {
        if (assessment.year == 2023 && assessment.unit_code != "u02") assessment.status = AssessmentStatus::kPublished;
    }
    YearResults year(2023, data);
    EXPECT_TRUE(year.IsPublished("u01"));
    EXPECT_FALSE(year.IsPublished("u02"));
    EXPECT_FALSE(year.IsPublished("nobody"));
    EXPECT_FALSE(year.IsGroupPublished("wards"));  // u02 is a member and not published
    EXPECT_TRUE(year.IsGroupPublished("communes"));
    EXPECT_FALSE(year.IsGroupPublished("no-such-group"));
    for (Assessment& assessment : data.assessments) assessment.status = AssessmentStatus::kPublished;
    EXPECT_TRUE(YearResults(2023, data).IsGroupPublished("wards"));
}

TEST(ResultsCacheTest, LoaderErrorsAreReturnedAndNotKept) {
    int loads = 0;
    ResultsCache cache([&](int) -> Result<Dataset> {
        ++loads;
        return MakeError(ErrorCode::kStorage, "hỏng", "broken");
    });
    EXPECT_EQ(cache.ForYear(2023).GetError().code, ErrorCode::kStorage);
    EXPECT_FALSE(cache.ForYear(2023).Ok());
    EXPECT_EQ(loads, 2);
}

TEST(ResultsCacheTest, UnitJsonIsTheCliJsonAndIsShared) {
    YearResults year(2023, testing::SmallDataset());
    auto first = year.UnitJson("u01");
    ASSERT_TRUE(first.Ok());
    ResultsEngine engine(testing::SmallDataset());
    EXPECT_EQ(*first->json, ResultsToJson(*engine.ForUnit("u01", 2023)));
    EXPECT_EQ(first->json.get(), year.UnitJson("u01")->json.get());
    EXPECT_EQ(year.UnitJson("nobody").GetError().code, ErrorCode::kNotFound);
    EXPECT_EQ(year.GroupsOf("u01"), std::vector<std::string>{"wards"});
    EXPECT_EQ(year.MembersOf("communes"), std::vector<std::string>{"other"});
}

TEST(ResultsCacheTest, UnitResultAndRankingAreTheEnginesForTheDownloads) {
    YearResults year(2023, testing::SmallDataset());
    auto result = year.UnitResultOf("u01");
    ASSERT_TRUE(result.Ok());
    EXPECT_EQ(ResultsToJson(*result), *year.UnitJson("u01")->json);
    EXPECT_EQ(year.UnitResultOf("nobody").GetError().code, ErrorCode::kNotFound);
    auto ranking = year.RankingOf("wards");
    ASSERT_TRUE(ranking.Ok());
    EXPECT_EQ(ranking->rows.size(), (*year.Ranking("wards"))->rows.size());
    EXPECT_EQ(ranking->group_code, "wards");
    EXPECT_EQ(year.RankingOf("no-such-group").GetError().code, ErrorCode::kNotFound);
}

TEST(ResultsCacheTest, PagesStayInsideTheRows) {
    YearResults year(2023, testing::SmallDataset());
    auto pages = year.Ranking("wards");
    ASSERT_TRUE(pages.Ok());
    EXPECT_EQ((*pages)->rows.size(), 12u);
    EXPECT_NE((*pages)->Page(100, 50, "").find("\"rows\":[]"), std::string::npos);
    EXPECT_NE((*pages)->Page(0, 50, "nothing-matches").find("\"total\":0"), std::string::npos);
    EXPECT_EQ(year.Ranking("none").GetError().code, ErrorCode::kNotFound);
}

TEST(ResultsCacheTest, KeepsTheGzipBytesOfLargeBodies) {
    YearResults year(2023, testing::SmallDataset());
    auto pages = year.Ranking("wards");
    ASSERT_TRUE(pages.Ok());
    ASSERT_GE((*pages)->whole->size(), kGzipMinimum);
    ASSERT_NE((*pages)->whole_gzip, nullptr);
    EXPECT_EQ(*(*pages)->whole_gzip, *Gzip(*(*pages)->whole));
    auto unit = year.UnitJson("u01");
    ASSERT_TRUE(unit.Ok());
    if (unit->json->size() >= kGzipMinimum) {
        ASSERT_NE(unit->gzip, nullptr);
        EXPECT_EQ(*unit->gzip, *Gzip(*unit->json));
        EXPECT_EQ(unit->gzip.get(), year.UnitJson("u01")->gzip.get()) << "compressed once";
    } else {
        EXPECT_EQ(unit->gzip, nullptr);
    }
}

}  // namespace
}  // namespace parindex::http
