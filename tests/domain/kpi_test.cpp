// KPI targets (issue 5 §4): comparators, the amber margin, actuals from counters or by hand, scopes through the
// counters given, and each scoring method with points computed by hand.

#include "domain/kpi.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace parindex {
namespace {

Decimal D(std::int64_t thousandths) { return Decimal::FromThousandths(thousandths); }
Decimal I(std::int64_t whole) { return Decimal::FromInt(whole); }

bool HasField(const std::vector<ErrorDetail>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(), [&](const ErrorDetail& e) { return e.field == field; });
}

KpiIndicator OnTime() {
    KpiIndicator k;
    k.code = "dung-han";
    k.name = {"Tỷ lệ giải quyết đúng hạn", "Resolved on time"};
    k.unit_of_measure = "%";
    k.measure = KpiMeasure::kOnTimeRate;
    k.comparator = KpiComparator::kAtLeast;
    k.value = I(95);
    k.amber_margin = I(2);
    return k;
}

TEST(KpiTest, NamesRoundTrip) {
    for (KpiMeasure m : AllKpiMeasures()) EXPECT_EQ(ParseKpiMeasure(KpiMeasureName(m)), m);
    EXPECT_EQ(AllKpiMeasures().size(), 11u);
    EXPECT_FALSE(ParseKpiMeasure("on-time"));
    EXPECT_EQ(ParseKpiComparator("≥"), KpiComparator::kAtLeast);
    EXPECT_EQ(ParseKpiComparator("<="), KpiComparator::kAtMost);
    EXPECT_EQ(ParseKpiComparator("="), KpiComparator::kEqual);
    EXPECT_FALSE(ParseKpiComparator(">"));
    EXPECT_EQ(ParseKpiScoringMethod("proportional"), KpiScoringMethod::kProportional);
    EXPECT_STREQ(KpiMeasureCounter(KpiMeasure::kOnlineFullShare), "online_full");
    EXPECT_STREQ(KpiMeasureCounter(KpiMeasure::kManual), "");
}

TEST(KpiTest, EachComparatorAndTheAmberMargin) {
    // ≥ 95 with a margin of 2: 96.125 met; 95 met (equal); 93 near (gap 2); 92.999 not met.
    auto e = EvaluateKpi(KpiComparator::kAtLeast, I(95), I(2), "%", D(96125));
    EXPECT_EQ(e.status, KpiStatus::kMet);
    EXPECT_EQ(e.computation.vi, "96,125% ≥ 95% → đạt");
    EXPECT_EQ(e.computation.en, "96.125% ≥ 95% → met");
    EXPECT_EQ(EvaluateKpi(KpiComparator::kAtLeast, I(95), I(2), "%", I(95)).status, KpiStatus::kMet);
    e = EvaluateKpi(KpiComparator::kAtLeast, I(95), I(2), "%", I(93));
    EXPECT_EQ(e.status, KpiStatus::kNear);
    EXPECT_EQ(e.computation.vi, "93% < 95% (chỉ tiêu ≥ 95%), trong biên độ 2% → gần đạt");
    e = EvaluateKpi(KpiComparator::kAtLeast, I(95), I(2), "%", D(92999));
    EXPECT_EQ(e.status, KpiStatus::kNotMet);
    EXPECT_EQ(e.computation.vi, "92,999% < 95% (chỉ tiêu ≥ 95%) → chưa đạt");

    // ≤ 0 dossiers: 0 met, 1 not met (no margin), with a margin of 1: 1 near, 2 not met.
    EXPECT_EQ(EvaluateKpi(KpiComparator::kAtMost, I(0), I(0), "hồ sơ", I(0)).computation.vi, "0 hồ sơ ≤ 0 hồ sơ → đạt");
    e = EvaluateKpi(KpiComparator::kAtMost, I(0), I(0), "hồ sơ", I(3));
    EXPECT_EQ(e.status, KpiStatus::kNotMet);
    EXPECT_EQ(e.computation.vi, "3 hồ sơ > 0 hồ sơ (chỉ tiêu ≤ 0 hồ sơ) → chưa đạt");
    EXPECT_EQ(EvaluateKpi(KpiComparator::kAtMost, I(0), I(1), "hồ sơ", I(1)).status, KpiStatus::kNear);
    EXPECT_EQ(EvaluateKpi(KpiComparator::kAtMost, I(0), I(1), "hồ sơ", I(2)).status, KpiStatus::kNotMet);

    // = 100: exactly; a margin of 0.5 on either side is near.
    EXPECT_EQ(EvaluateKpi(KpiComparator::kEqual, I(100), D(500), "%", I(100)).status, KpiStatus::kMet);
    e = EvaluateKpi(KpiComparator::kEqual, I(100), D(500), "%", D(99500));
    EXPECT_EQ(e.status, KpiStatus::kNear);
    EXPECT_EQ(e.computation.vi, "99,5% ≠ 100% (chỉ tiêu = 100%), trong biên độ 0,5% → gần đạt");
    EXPECT_EQ(EvaluateKpi(KpiComparator::kEqual, I(3), I(0), "hình thức", I(4)).status, KpiStatus::kNotMet);

    e = EvaluateKpi(KpiComparator::kAtLeast, I(95), I(2), "%", std::nullopt);
    EXPECT_EQ(e.status, KpiStatus::kNoData);
    EXPECT_EQ(e.computation.vi, "Chưa có số liệu");
}

TEST(KpiTest, DossierMeasuresFromCounters) {
    DossierCounters c;
    c.received = 800;
    c.processed = 769;  // 739 on time (of which 100 early), 30 late.
    c.on_time = 739;
    c.early = 100;
    c.late = 30;
    c.online_full = 201;
    c.online_partial = 99;
    c.postal = 8;
    c.late_without_apology = 4;
    c.apology_excess = 1;
    c.supplement_2plus = 2;
    c.processing_seconds_sum = 769LL * 3 * 86400 + 769LL * 43200;  // 3.5 days each.
    const DefinitionSet set = DefaultDefinitionSet();
    // 739 / 769 = 96.09882… % → 96.099.
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kOnTimeRate, c, set), D(96099));
    // 100 / 769 = 13.00390… → 13.004.
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kEarlyRate, c, set), D(13004));
    // 30 / 769 = 3.90117… → 3.901.
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kLateRate, c, set), D(3901));
    // 201 / 800 = 25.125 exactly.
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kOnlineFullShare, c, set), D(25125));
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kOnlinePartialShare, c, set), D(12375));
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kPostalShare, c, set), I(1));
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kLateWithoutApology, c, set), I(4));
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kApologyExcess, c, set), I(1));
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kSupplement2Plus, c, set), I(2));
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kAverageProcessingDays, c, set), D(3500));
    EXPECT_FALSE(DossierMeasureValue(KpiMeasure::kManual, c, set));
    EXPECT_EQ(DossierMeasureParts(KpiMeasure::kOnTimeRate, c, set), (std::pair<std::int64_t, std::int64_t>{739, 769}));

    // The Vĩnh Phúc convention takes the dossiers due in the period.
    DefinitionSet due = set;
    due.denominator = DenominatorConvention::kDueInPeriod;
    c.due_total = 400;
    c.due_on_time = 399;
    EXPECT_EQ(DossierMeasureValue(KpiMeasure::kOnTimeRate, c, due), D(99750));

    // Nothing processed, nothing received: no value.
    EXPECT_FALSE(DossierMeasureValue(KpiMeasure::kOnTimeRate, DossierCounters{}, set));
    EXPECT_FALSE(DossierMeasureValue(KpiMeasure::kLateWithoutApology, DossierCounters{}, set));
}

TEST(KpiTest, ActualFromDossiersOrByHand) {
    const KpiIndicator on_time = OnTime();
    const DefinitionSet set = DefaultDefinitionSet();
    DossierCounters land;  // The scope's counters (field = dat-dai), as Aggregate answers them.
    land.received = 40;
    land.processed = 40;
    land.on_time = 39;
    auto actual = ResolveActual(on_time, &land, set, nullptr);
    ASSERT_TRUE(actual);
    EXPECT_EQ(actual->value, D(97500));
    EXPECT_EQ(actual->source, KpiActualSource::kDossiers);
    EXPECT_EQ(actual->numerator, 39);
    EXPECT_EQ(actual->denominator, 40);
    // No dossier processed: the manual figure counts; none: no data.
    std::vector<KpiManualActual> manual(3);
    manual[0] = {1, "lakhe", 2024, "dung-han", I(97), CivilDate{2024, 6, 30}, "", {}, "a", ""};
    manual[1] = {2, "lakhe", 2024, "dung-han", I(98), CivilDate{2024, 12, 31}, "", {}, "a", ""};
    manual[2] = {3, "lakhe", 2024, "dung-han", I(96), CivilDate{2024, 9, 30}, "", {}, "a", ""};
    const KpiManualActual* latest = LatestManualActual(manual, "lakhe", 2024, "dung-han");
    ASSERT_NE(latest, nullptr);
    EXPECT_EQ(latest->id, 2);
    EXPECT_EQ(LatestManualActual(manual, "lakhe", 2023, "dung-han"), nullptr);
    DossierCounters open_only;  // Received, none processed yet.
    open_only.received = 3;
    open_only.received_counted = 3;
    actual = ResolveActual(on_time, &open_only, set, latest);
    ASSERT_TRUE(actual);
    EXPECT_EQ(actual->source, KpiActualSource::kManual);
    EXPECT_EQ(actual->value, I(98));
    EXPECT_FALSE(ResolveActual(on_time, nullptr, set, nullptr));
    // Same day: the later entry wins.
    manual.push_back({9, "lakhe", 2024, "dung-han", I(90), CivilDate{2024, 12, 31}, "", {}, "b", ""});
    EXPECT_EQ(LatestManualActual(manual, "lakhe", 2024, "dung-han")->value, I(90));
}

TEST(KpiTest, ValidatesIndicatorsTargetsAndActuals) {
    KpiIndicator k = OnTime();
    EXPECT_TRUE(ValidateKpiIndicator(k).empty());
    k.code = "Đúng hạn";
    k.value = I(101);
    k.amber_margin = I(-1);
    k.name.vi.clear();
    k.scope.field = "đất đai";
    const auto problems = ValidateKpiIndicator(k);
    EXPECT_TRUE(HasField(problems, "code"));
    EXPECT_TRUE(HasField(problems, "value"));
    EXPECT_TRUE(HasField(problems, "amber_margin"));
    EXPECT_TRUE(HasField(problems, "name"));
    EXPECT_TRUE(HasField(problems, "scope.field"));

    KpiTarget t = DefaultTarget(OnTime(), "lakhe", 2024);
    EXPECT_EQ(t.value, I(95));
    EXPECT_TRUE(ValidateKpiTarget(t, OnTime()).empty());
    t.year = 1999;
    t.value = I(-5);
    EXPECT_TRUE(HasField(ValidateKpiTarget(t, OnTime()), "year"));
    EXPECT_TRUE(HasField(ValidateKpiTarget(t, OnTime()), "value"));

    KpiManualActual a{0, "lakhe", 2024, "dung-han", I(97), CivilDate{2025, 1, 10}, "", {std::string(64, 'a')}, "", ""};
    EXPECT_TRUE(ValidateKpiManualActual(a, OnTime()).empty());
    a.date = CivilDate{2023, 12, 31};
    a.evidence = {"not-a-hash"};
    EXPECT_TRUE(HasField(ValidateKpiManualActual(a, OnTime()), "date"));
    EXPECT_TRUE(HasField(ValidateKpiManualActual(a, OnTime()), "evidence[0]"));
}

const Text kName{"Tỷ lệ giải quyết đúng hạn", "Resolved on time"};

TEST(KpiTest, FullAtWithAFloor) {
    KpiRule rule{"3.2", "dung-han", KpiScoringMethod::kFullAt, I(0), {}};
    auto s = SuggestScore(rule, kName, "%", KpiComparator::kAtLeast, I(95), D(96125), I(1));
    EXPECT_EQ(s.points, I(1));
    EXPECT_EQ(s.computation.vi, "Tỷ lệ giải quyết đúng hạn 96,125% ≥ 95% → 1,000/1,000 điểm");
    EXPECT_EQ(s.computation.en, "Resolved on time 96.125% ≥ 95% → 1.000/1.000 points");
    s = SuggestScore(rule, kName, "%", KpiComparator::kAtLeast, I(95), D(94999), I(1));
    EXPECT_EQ(s.points, I(0));
    EXPECT_EQ(s.computation.vi, "Tỷ lệ giải quyết đúng hạn 94,999% < 95% → 0,000/1,000 điểm");
    rule.floor = D(500);
    EXPECT_EQ(SuggestScore(rule, kName, "%", KpiComparator::kAtLeast, I(95), I(90), I(2)).points, D(500));
    s = SuggestScore(rule, kName, "%", KpiComparator::kAtLeast, I(95), std::nullopt, I(2));
    EXPECT_FALSE(s.points);
    EXPECT_EQ(s.computation.vi, "Tỷ lệ giải quyết đúng hạn: chưa có số liệu, chưa gợi ý được điểm");
}

TEST(KpiTest, ProportionalWithRoundingAndTheInvertedCase) {
    KpiRule rule{"6.6", "toan-trinh", KpiScoringMethod::kProportional, I(0), {}};
    const Text online{"Tỷ lệ toàn trình", "Fully online"};
    // 2 × 62.4 / 70 = 1.782857… → 1.783.
    auto s = SuggestScore(rule, online, "%", KpiComparator::kAtLeast, I(70), D(62400), I(2));
    EXPECT_EQ(s.points, D(1783));
    EXPECT_EQ(s.computation.vi, "Tỷ lệ toàn trình 62,4% / 70% × 2,000 → 1,783/2,000 điểm");
    // Half a thousandth rounds away from zero: 3 × 1.001 / 2 = 1.5015 → 1.502; 4 × 0.001 / 8 = 0.0005 → 0.001.
    EXPECT_EQ(SuggestScore(rule, online, "%", KpiComparator::kAtLeast, I(2), D(1001), I(3)).points, D(1502));
    EXPECT_EQ(SuggestScore(rule, online, "%", KpiComparator::kAtLeast, I(8), D(1), I(4)).points, D(1));
    // Above the target: capped at the maximum.
    EXPECT_EQ(SuggestScore(rule, online, "%", KpiComparator::kAtLeast, I(70), I(90), I(2)).points, I(2));
    // ≤ 2 days: 2 / 2.5 × 1 = 0.8; at or below the target full points.
    const Text days{"Thời gian giải quyết trung bình", "Average days"};
    s = SuggestScore(rule, days, "ngày", KpiComparator::kAtMost, I(2), D(2500), I(1));
    EXPECT_EQ(s.points, D(800));
    EXPECT_EQ(s.computation.vi, "Thời gian giải quyết trung bình 2 ngày / 2,5 ngày × 1,000 → 0,800/1,000 điểm");
    EXPECT_EQ(SuggestScore(rule, days, "ngày", KpiComparator::kAtMost, I(2), I(0), I(1)).points, I(1));
    // ≤ 0 late without apology: any late one scores 0.
    EXPECT_EQ(SuggestScore(rule, days, "hồ sơ", KpiComparator::kAtMost, I(0), I(3), I(1)).points, I(0));
    // = 100: 1 × 90 / 100 = 0.9 below, 1 × 100 / 125 = 0.8 above.
    EXPECT_EQ(SuggestScore(rule, days, "%", KpiComparator::kEqual, I(100), I(90), I(1)).points, D(900));
    EXPECT_EQ(SuggestScore(rule, days, "%", KpiComparator::kEqual, I(100), I(125), I(1)).points, D(800));
}

TEST(KpiTest, Thresholds) {
    // The seed's website posts: ≥ 60 posts 3 points, ≥ 40 two, ≥ 20 one, otherwise 0.
    KpiRule rule{
        "6.4.2", "tin-bai", KpiScoringMethod::kThresholds, I(0), {{I(20), I(1)}, {I(60), I(3)}, {I(40), I(2)}}};
    const Text posts{"Tin, bài trên Trang thông tin điện tử", "Website posts"};
    auto s = SuggestScore(rule, posts, "bài", KpiComparator::kAtLeast, I(60), I(52), I(3));
    EXPECT_EQ(s.points, I(2));
    EXPECT_EQ(s.computation.vi, "Tin, bài trên Trang thông tin điện tử 52 bài ≥ ngưỡng 40 bài → 2,000/3,000 điểm");
    EXPECT_EQ(SuggestScore(rule, posts, "bài", KpiComparator::kAtLeast, I(60), I(60), I(3)).points, I(3));
    EXPECT_EQ(SuggestScore(rule, posts, "bài", KpiComparator::kAtLeast, I(60), I(19), I(3)).points, I(0));
    s = SuggestScore(rule, posts, "bài", KpiComparator::kAtLeast, I(60), I(5), I(3));
    EXPECT_EQ(s.computation.vi, "Tin, bài trên Trang thông tin điện tử 5 bài chưa đạt ngưỡng nào → 0,000/3,000 điểm");
    // ≤ targets take the lowest threshold not exceeded: ≤ 0 → 1, ≤ 2 → 0.5.
    KpiRule late{"3.2", "xin-loi", KpiScoringMethod::kThresholds, I(0), {{I(2), D(500)}, {I(0), I(1)}}};
    EXPECT_EQ(SuggestScore(late, posts, "hồ sơ", KpiComparator::kAtMost, I(0), I(0), I(1)).points, I(1));
    EXPECT_EQ(SuggestScore(late, posts, "hồ sơ", KpiComparator::kAtMost, I(0), I(2), I(1)).points, D(500));
    EXPECT_EQ(SuggestScore(late, posts, "hồ sơ", KpiComparator::kAtMost, I(0), I(3), I(1)).points, I(0));
}

TEST(KpiTest, ValidatesRules) {
    const std::vector<std::pair<std::string, std::optional<Decimal>>> nodes{{"3.2", I(2)}, {"4.2", std::nullopt}};
    const std::vector<std::string> kpis{"dung-han"};
    std::vector<KpiRule> rules{{"3.2", "dung-han", KpiScoringMethod::kFullAt, I(0), {}}};
    EXPECT_TRUE(ValidateKpiRules(rules, nodes, kpis).empty());
    rules.push_back({"3.2", "khong-co", KpiScoringMethod::kThresholds, I(3), {{I(1), I(1)}, {I(1), I(5)}}});
    rules.push_back({"4.2", "dung-han", KpiScoringMethod::kFullAt, I(0), {}});
    rules.push_back({"9.9", "dung-han", KpiScoringMethod::kThresholds, I(0), {}});
    const auto problems = ValidateKpiRules(rules, nodes, kpis);
    EXPECT_TRUE(HasField(problems, "rules[1].node"));  // Twice.
    EXPECT_TRUE(HasField(problems, "rules[1].kpi"));
    EXPECT_TRUE(HasField(problems, "rules[1].floor"));
    EXPECT_TRUE(HasField(problems, "rules[1].thresholds[1]"));
    EXPECT_TRUE(HasField(problems, "rules[2].node"));  // No maximum.
    EXPECT_TRUE(HasField(problems, "rules[3].node"));  // Unknown.
    EXPECT_TRUE(HasField(problems, "rules[3].thresholds"));
}

}  // namespace
}  // namespace parindex
