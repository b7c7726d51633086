// The 766 group's point table inside a definition set's JSON: read, written back, and refused field by field.
#include <gtest/gtest.h>

#include <string>

#include "domain/service_index.hpp"
#include "formats/definition_json.hpp"

namespace parindex {
namespace {

constexpr const char* kHue = R"({
  "code": "hue", "name": "Thừa Thiên Huế", "denominator": "processed_in_period",
  "service_index": {"code": "tien-do", "name": "Tiến độ giải quyết", "indicators": [
    {"code": "dung-han", "name": "Đúng hạn", "measure": "on_time_rate", "unit": "%", "comparator": ">=",
     "target": 98, "max_points": "12,5", "method": "thresholds", "thresholds": [[90, 5], [95.5, 10], [98, "12,5"]]},
    {"code": "xin-loi", "name": "Trễ hạn không xin lỗi", "measure": "late_without_apology", "unit": "hồ sơ",
     "comparator": "<=", "target": 0, "max_points": 7.5, "method": "full_at", "floor": 1}
  ]}
})";

TEST(ServiceIndexJsonTest, ReadsThePointTableAndWritesItBack) {
    auto set = ReadDefinitionSetJson(kHue);
    ASSERT_TRUE(set.Ok()) << set.GetError().message.en;
    const ServiceIndexGroup& group = ServiceIndexOf(*set);
    EXPECT_EQ(group.code, "tien-do");
    ASSERT_EQ(group.indicators.size(), 2U);
    EXPECT_EQ(group.indicators[0].max_points, Decimal::FromThousandths(12500));
    EXPECT_EQ(group.indicators[0].rule.method, KpiScoringMethod::kThresholds);
    ASSERT_EQ(group.indicators[0].rule.thresholds.size(), 3U);
    EXPECT_EQ(group.indicators[0].rule.thresholds[1].first, Decimal::FromThousandths(95500));
    EXPECT_EQ(group.indicators[1].measure, KpiMeasure::kLateWithoutApology);
    EXPECT_EQ(group.indicators[1].comparator, KpiComparator::kAtMost);
    EXPECT_EQ(group.indicators[1].rule.floor, Decimal::FromInt(1));
    EXPECT_EQ(group.MaxPoints(), Decimal::FromInt(20));

    // 96 of 100 on time reaches the 95.5 step (10 points); 2 late without apology: the floor, 1 → 11 of 20.
    DossierCounters counters;
    counters.received = counters.received_counted = counters.processed = 100;
    counters.on_time = 96;
    counters.late = 4;
    counters.late_without_apology = 2;
    EXPECT_EQ(ScoreServiceGroup(group, counters, *set).points, Decimal::FromInt(11));

    const std::string written = DefinitionSetToJson(*set);
    auto again = ReadDefinitionSetJson(written);
    ASSERT_TRUE(again.Ok()) << written;
    EXPECT_EQ(DefinitionSetToJson(*again), written);
    EXPECT_NE(written.find(R"("thresholds": [)"), std::string::npos) << written;
}

TEST(ServiceIndexJsonTest, ASetWithoutATableUsesAndWritesTheDefault) {
    auto set = ReadDefinitionSetJson(R"({"code": "x", "name": "X"})");
    ASSERT_TRUE(set.Ok());
    EXPECT_EQ(set->service_index, nullptr);
    EXPECT_EQ(ServiceIndexOf(*set).MaxPoints(), Decimal::FromInt(20));
    EXPECT_NE(DefinitionSetToJson(*set).find(R"("code": "dung-han")"), std::string::npos);
}

TEST(ServiceIndexJsonTest, EveryBadFieldOfTheTableIsNamedWithItsPath) {
    auto set = ReadDefinitionSetJson(R"({"code": "x", "name": "X", "service_index": {"indicators": [
        {"code": "a", "name": "A", "measure": "speed", "comparator": ">", "method": "magic", "max_points": "nhiều"},
        {"code": "a", "name": "B", "measure": "manual", "max_points": 3, "method": "thresholds"}]}})");
    ASSERT_FALSE(set.Ok());
    std::vector<std::string> paths;
    for (const ErrorDetail& detail : set.GetError().details) paths.push_back(detail.path);
    for (const char* expected : {"$.service_index.indicators[0].measure", "$.service_index.indicators[0].comparator",
                                 "$.service_index.indicators[0].method", "$.service_index.indicators[0].max_points",
                                 "$.service_index.indicators[1].code", "$.service_index.indicators[1].measure",
                                 "$.service_index.indicators[1].thresholds"}) {
        EXPECT_NE(std::find(paths.begin(), paths.end(), expected), paths.end()) << expected;
    }
    EXPECT_NE(set.GetError().message.vi.find("service_index"), std::string::npos);
}

}  // namespace
}  // namespace parindex
