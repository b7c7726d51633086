// The KpiStore half of the SQLite store: indicator versions (latest listed, first-saved order kept), targets
// replaced per unit, year and indicator, manual actuals appended with evidence, criterion rules per framework
// version, every field through a reopened file.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "domain/clock.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/sqlite_store_fixture.hpp"

namespace parindex {
namespace {

Decimal D(std::int64_t thousandths) { return Decimal::FromThousandths(thousandths); }

class SqliteKpiStoreTest : public testing::SqliteStoreFixture {
  protected:
    SqliteKpiStoreTest() : SqliteStoreFixture("kpis") {}

    static KpiIndicator Land() {
        KpiIndicator k;
        k.code = "dung-han-dat-dai";
        k.name = {"Tỷ lệ đúng hạn lĩnh vực đất đai", "On time, land"};
        k.unit_of_measure = "%";
        k.measure = KpiMeasure::kOnTimeRate;
        k.comparator = KpiComparator::kAtLeast;
        k.value = D(99000);
        k.amber_margin = D(500);
        k.scope.field = "dat-dai";
        k.source = "KH CCHC quận Thanh Xuân 2024";
        k.saved_by = "thamdinh";
        k.saved_at = "2024-01-05 08:00:00";
        return k;
    }
};

TEST_F(SqliteKpiStoreTest, IndicatorsAreVersioned) {
    KpiIndicator posts;
    posts.code = "tin-bai";
    posts.name = {"Tin, bài trên Trang thông tin điện tử", ""};
    posts.unit_of_measure = "bài";
    posts.measure = KpiMeasure::kManual;
    posts.value = D(60000);
    ASSERT_EQ(*db_->SaveKpi(Land()), 1);
    ASSERT_EQ(*db_->SaveKpi(posts), 1);
    KpiIndicator changed = Land();
    changed.value = D(99500);
    changed.scope.field.reset();
    changed.scope.department = "vp-tk";
    changed.scope.procedure = "1.001234";
    changed.comparator = KpiComparator::kEqual;
    ASSERT_EQ(*db_->SaveKpi(changed), 2);
    Reopen();

    auto list = db_->ListKpis();
    ASSERT_TRUE(list) << list.GetError().message.en;
    ASSERT_EQ(list->size(), 2u);
    // First-saved order, latest version.
    EXPECT_EQ((*list)[0].code, "dung-han-dat-dai");
    EXPECT_EQ((*list)[0].version, 2);
    EXPECT_EQ((*list)[0].value, D(99500));
    EXPECT_EQ((*list)[0].comparator, KpiComparator::kEqual);
    EXPECT_FALSE((*list)[0].scope.field);
    EXPECT_EQ((*list)[0].scope.department, "vp-tk");
    EXPECT_EQ((*list)[0].scope.procedure, "1.001234");
    EXPECT_EQ((*list)[1].code, "tin-bai");
    EXPECT_EQ((*list)[1].measure, KpiMeasure::kManual);
    EXPECT_EQ((*list)[1].name.en, "");

    auto versions = db_->KpiVersions("dung-han-dat-dai");
    ASSERT_TRUE(versions);
    ASSERT_EQ(versions->size(), 2u);
    const KpiIndicator& first = (*versions)[0];
    const KpiIndicator expected = Land();
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(first.name.vi, expected.name.vi);
    EXPECT_EQ(first.name.en, expected.name.en);
    EXPECT_EQ(first.unit_of_measure, "%");
    EXPECT_EQ(first.measure, KpiMeasure::kOnTimeRate);
    EXPECT_EQ(first.comparator, KpiComparator::kAtLeast);
    EXPECT_EQ(first.value, D(99000));
    EXPECT_EQ(first.amber_margin, D(500));
    EXPECT_EQ(first.scope, expected.scope);
    EXPECT_EQ(first.source, expected.source);
    EXPECT_EQ(first.saved_by, "thamdinh");
    EXPECT_EQ(first.saved_at, "2024-01-05 08:00:00");
    EXPECT_TRUE(db_->KpiVersions("khong-co")->empty());
}

TEST_F(SqliteKpiStoreTest, TargetsAreReplacedPerUnitYearAndIndicator) {
    KpiTarget t = DefaultTarget(Land(), "lakhe", 2024);
    t.note = "Theo KH 52/KH-UBND";
    t.saved_by = "vanphong.lakhe";
    ASSERT_TRUE(db_->SaveTarget(t));
    KpiTarget other = t;
    other.unit = "vanquan";
    ASSERT_TRUE(db_->SaveTarget(other));
    KpiTarget next_year = t;
    next_year.year = 2025;
    ASSERT_TRUE(db_->SaveTarget(next_year));
    t.value = D(100000);
    t.comparator = KpiComparator::kEqual;
    t.scope = {};
    ASSERT_TRUE(db_->SaveTarget(t));
    Reopen();
    auto lakhe = db_->ListTargets(std::string("lakhe"), 2024);
    ASSERT_TRUE(lakhe);
    ASSERT_EQ(lakhe->size(), 1u);
    EXPECT_EQ((*lakhe)[0].value, D(100000));
    EXPECT_EQ((*lakhe)[0].comparator, KpiComparator::kEqual);
    EXPECT_TRUE((*lakhe)[0].scope.Empty());
    EXPECT_EQ((*lakhe)[0].note, "Theo KH 52/KH-UBND");
    EXPECT_EQ((*lakhe)[0].saved_by, "vanphong.lakhe");
    auto all = db_->ListTargets(std::nullopt, 2024);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[1].unit, "vanquan");
    EXPECT_EQ((*all)[1].scope.field, "dat-dai");
    EXPECT_EQ(db_->ListTargets(std::nullopt, 2025)->size(), 1u);
}

TEST_F(SqliteKpiStoreTest, ManualActualsAreAppended) {
    KpiManualActual a{0,
                      "lakhe",
                      2024,
                      "tin-bai",
                      D(52000),
                      CivilDate{2024, 12, 31},
                      "Số liệu trang TTĐT",
                      {std::string(64, 'a'), std::string(64, 'b')},
                      "vanphong.lakhe",
                      "2025-01-02 03:04:05"};
    auto first = db_->AddManualActual(a);
    ASSERT_TRUE(first);
    a.value = D(61000);
    a.date = CivilDate{2024, 6, 30};
    a.evidence.clear();
    auto second = db_->AddManualActual(a);
    ASSERT_TRUE(second);
    EXPECT_GT(*second, *first);
    a.unit = "vanquan";
    ASSERT_TRUE(db_->AddManualActual(a));
    Reopen();
    auto lakhe = db_->ListManualActuals(std::string("lakhe"), 2024);
    ASSERT_TRUE(lakhe);
    ASSERT_EQ(lakhe->size(), 2u);
    // By date: 30/06 first.
    EXPECT_EQ((*lakhe)[0].value, D(61000));
    EXPECT_EQ((*lakhe)[1].id, *first);
    EXPECT_EQ((*lakhe)[1].date, (CivilDate{2024, 12, 31}));
    EXPECT_EQ((*lakhe)[1].note, "Số liệu trang TTĐT");
    EXPECT_EQ((*lakhe)[1].evidence, (std::vector<std::string>{std::string(64, 'a'), std::string(64, 'b')}));
    EXPECT_EQ((*lakhe)[1].by, "vanphong.lakhe");
    EXPECT_EQ((*lakhe)[1].recorded_at, "2025-01-02 03:04:05");
    EXPECT_EQ(LatestManualActual(*lakhe, "lakhe", 2024, "tin-bai")->id, *first);
    EXPECT_EQ(db_->ListManualActuals(std::nullopt, 2024)->size(), 3u);
    EXPECT_TRUE(db_->ListManualActuals(std::nullopt, 2023)->empty());
}

TEST_F(SqliteKpiStoreTest, CriterionRulesPerFrameworkVersion) {
    EXPECT_FALSE(*db_->FindKpiRules("hadong-2024-mau", 2024));
    KpiRuleSet rules;
    rules.framework = "hadong-2024-mau";
    rules.version = 2024;
    rules.rules = {
        {"3.2", "dung-han", KpiScoringMethod::kFullAt, D(250), {}},
        {"6.4.2", "tin-bai", KpiScoringMethod::kThresholds, D(0), {{D(60000), D(3000)}, {D(40000), D(2000)}}},
        {"6.6", "toan-trinh", KpiScoringMethod::kProportional, D(0), {}}};
    rules.saved_by = "thamdinh";
    rules.saved_at = "2024-02-01 00:00:00";
    ASSERT_TRUE(db_->SaveKpiRules(rules));
    Reopen();
    auto found = db_->FindKpiRules("hadong-2024-mau", 2024);
    ASSERT_TRUE(found);
    ASSERT_TRUE(*found);
    EXPECT_EQ((*found)->rules, rules.rules);
    EXPECT_EQ((*found)->saved_by, "thamdinh");
    EXPECT_FALSE(*db_->FindKpiRules("hadong-2024-mau", 2023));
    rules.rules.pop_back();
    ASSERT_TRUE(db_->SaveKpiRules(rules));
    EXPECT_EQ((*db_->FindKpiRules("hadong-2024-mau", 2024))->rules.size(), 2u);
}

}  // namespace
}  // namespace parindex
