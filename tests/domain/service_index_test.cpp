// The "progress and results" group of the 766 service index: points from the dossier counters by a point table.
#include <gtest/gtest.h>

#include "domain/service_index.hpp"

namespace parindex {
namespace {

DossierCounters Counters(std::int64_t received, std::int64_t processed, std::int64_t on_time,
                         std::int64_t late_without_apology, std::int64_t supplement_2plus) {
    DossierCounters counters;
    counters.received = received;
    counters.received_counted = received;
    counters.processed = processed;
    counters.on_time = on_time;
    counters.late = processed - on_time;
    counters.late_without_apology = late_without_apology;
    counters.supplement_2plus = supplement_2plus;
    return counters;
}

TEST(ServiceIndexTest, TheDefaultTableScoresEachIndicatorAndAddsThemUp) {
    const ServiceIndexGroup group = DefaultProgressResultsGroup();
    EXPECT_TRUE(ValidateServiceIndexGroup(group).empty());
    EXPECT_EQ(group.MaxPoints(), Decimal::FromInt(20));

    // 190 of 200 processed on time = 95 % → 14 × 95 / 100 = 13.3; two late without an apology → 0 of 3; no repeated
    // supplement request → 3 of 3.
    const ServiceGroupScore score = ScoreServiceGroup(group, Counters(210, 200, 190, 2, 0), DefaultDefinitionSet());
    ASSERT_EQ(score.indicators.size(), 3U);
    EXPECT_EQ(score.indicators[0].value, Decimal::FromInt(95));
    EXPECT_EQ(score.indicators[0].points, Decimal::FromThousandths(13300));
    EXPECT_EQ(score.indicators[1].value, Decimal::FromInt(2));
    EXPECT_EQ(score.indicators[1].points, Decimal());
    EXPECT_EQ(score.indicators[2].points, Decimal::FromInt(3));
    EXPECT_EQ(score.points, Decimal::FromThousandths(16300));
    EXPECT_EQ(score.max_points, Decimal::FromInt(20));
    EXPECT_TRUE(score.complete);
    EXPECT_NE(score.indicators[0].computation.vi.find("95%"), std::string::npos) << score.indicators[0].computation.vi;
}

TEST(ServiceIndexTest, RoundsTheProportionalPointsOfARoundedRate) {
    // 2 of 3 on time = 66.667 % (rounded) → 14 × 66.667 / 100 = 9.33338 → 9.333.
    const ServiceGroupScore score =
        ScoreServiceGroup(DefaultProgressResultsGroup(), Counters(3, 3, 2, 0, 0), DefaultDefinitionSet());
    EXPECT_EQ(score.indicators[0].value, Decimal::FromThousandths(66667));
    EXPECT_EQ(score.indicators[0].points, Decimal::FromThousandths(9333));
    EXPECT_EQ(score.points, Decimal::FromThousandths(15333));
}

TEST(ServiceIndexTest, AnIndicatorWithoutDataHasNoPointsAndTheGroupSaysItIsIncomplete) {
    const ServiceGroupScore score =
        ScoreServiceGroup(DefaultProgressResultsGroup(), Counters(4, 0, 0, 0, 1), DefaultDefinitionSet());
    EXPECT_FALSE(score.indicators[0].value.has_value());
    EXPECT_FALSE(score.indicators[0].points.has_value());
    EXPECT_EQ(score.indicators[2].points, Decimal());  // one dossier with repeated supplement requests
    EXPECT_EQ(score.points, Decimal::FromInt(3));
    EXPECT_FALSE(score.complete);
}

TEST(ServiceIndexTest, AThresholdTableIsData) {
    ServiceIndexGroup group;
    ServiceIndicatorRule rule;
    rule.code = "dung-han";
    rule.name = {"Đúng hạn", "On time"};
    rule.measure = KpiMeasure::kOnTimeRate;
    rule.target = Decimal::FromInt(98);
    rule.max_points = Decimal::FromInt(10);
    rule.rule.method = KpiScoringMethod::kThresholds;
    rule.rule.thresholds = {{Decimal::FromInt(90), Decimal::FromInt(5)},
                            {Decimal::FromInt(95), Decimal::FromInt(8)},
                            {Decimal::FromInt(98), Decimal::FromInt(10)}};
    group.indicators.push_back(rule);
    EXPECT_TRUE(ValidateServiceIndexGroup(group).empty());
    // 96 % reaches the 95 % step: 8 points.
    EXPECT_EQ(ScoreServiceGroup(group, Counters(100, 100, 96, 0, 0), DefaultDefinitionSet()).points,
              Decimal::FromInt(8));
    // 89 % reaches no step: the floor, 0.
    EXPECT_EQ(ScoreServiceGroup(group, Counters(100, 100, 89, 0, 0), DefaultDefinitionSet()).points, Decimal());
}

TEST(ServiceIndexTest, ValidationNamesEachBadField) {
    ServiceIndexGroup group = DefaultProgressResultsGroup();
    group.indicators[1].code = "dung-han";
    group.indicators[2].measure = KpiMeasure::kManual;
    group.indicators[0].max_points = Decimal::FromInt(-1);
    group.indicators[0].rule.method = KpiScoringMethod::kThresholds;
    std::vector<std::string> fields;
    for (const ErrorDetail& detail : ValidateServiceIndexGroup(group)) fields.push_back(detail.field);
    EXPECT_EQ(fields,
              (std::vector<std::string>{"indicators[0].max_points", "indicators[0].floor", "indicators[0].thresholds",
                                        "indicators[1].code", "indicators[2].measure"}));
}

}  // namespace
}  // namespace parindex
