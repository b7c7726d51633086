// The DefinitionSetStore half of the SQLite store: the built-in default (version 1, active), every save a new
// version with who and when, history newest first, the latest of each code in the list, activation, and the
// active set surviving a reopen.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "storage/sqlite/sqlite_store.hpp"
#include "support/sqlite_store_fixture.hpp"

namespace parindex {
namespace {

class SqliteDefinitionStoreTest : public testing::SqliteStoreFixture {
  protected:
    SqliteDefinitionStoreTest() : SqliteStoreFixture("definitions") {}

    static DefinitionSet Hue() {
        DefinitionSet set;
        set.code = "hue";
        set.version = 7;  // Ignored: the store numbers versions.
        set.name = Text{"Thừa Thiên Huế", "Thua Thien Hue"};
        set.day_level = true;
        set.early_days = 2;
        set.early_seconds = 3600;
        set.grace_seconds = 43200;
        set.denominator = DenominatorConvention::kDueInPeriod;
        set.count_returned = true;
        set.count_withdrawn = false;
        set.count_rejected = true;
        set.due_soon_days = 5;
        set.apology_min_lead_seconds = 7200;
        set.max_apologies = 2;
        set.supplement_fault_threshold = 3;
        return set;
    }
};

void ExpectSameRules(const DefinitionSet& a, const DefinitionSet& b) {
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.name.vi, b.name.vi);
    EXPECT_EQ(a.name.en, b.name.en);
    EXPECT_EQ(a.day_level, b.day_level);
    EXPECT_EQ(a.early_seconds, b.early_seconds);
    EXPECT_EQ(a.early_days, b.early_days);
    EXPECT_EQ(a.grace_seconds, b.grace_seconds);
    EXPECT_EQ(a.denominator, b.denominator);
    EXPECT_EQ(a.count_returned, b.count_returned);
    EXPECT_EQ(a.count_withdrawn, b.count_withdrawn);
    EXPECT_EQ(a.count_rejected, b.count_rejected);
    EXPECT_EQ(a.due_soon_days, b.due_soon_days);
    EXPECT_EQ(a.apology_min_lead_seconds, b.apology_min_lead_seconds);
    EXPECT_EQ(a.max_apologies, b.max_apologies);
    EXPECT_EQ(a.supplement_fault_threshold, b.supplement_fault_threshold);
}

TEST_F(SqliteDefinitionStoreTest, AFreshDatabaseHasTheDefaultVersionOneActive) {
    auto list = db_->ListDefinitionSets();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].set.code, "default");
    EXPECT_EQ((*list)[0].set.version, 1);
    EXPECT_TRUE((*list)[0].active);
    ExpectSameRules((*list)[0].set, DefaultDefinitionSet());

    auto active = db_->ActiveDefinitionSet();
    ASSERT_TRUE(active);
    EXPECT_EQ(active->code, "default");
    EXPECT_EQ(active->version, 1);

    auto found = db_->FindDefinitionSet("default", 1);
    ASSERT_TRUE(found);
    ASSERT_TRUE(found->has_value());
    EXPECT_FALSE(db_->FindDefinitionSet("default", 2)->has_value());
    EXPECT_FALSE(db_->FindDefinitionSet("hue", std::nullopt)->has_value());
    EXPECT_TRUE(db_->DefinitionSetVersions("hue")->empty());
}

TEST_F(SqliteDefinitionStoreTest, EverySaveIsANewVersionWithWhoAndWhen) {
    auto first = db_->SaveDefinitionSet(Hue(), "thamdinh");
    ASSERT_TRUE(first) << first.GetError().message.en;
    EXPECT_EQ(first->version, 1);
    DefinitionSet changed = Hue();
    changed.grace_seconds = 86400;
    auto second = db_->SaveDefinitionSet(changed, "admin");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->version, 2);

    auto versions = db_->DefinitionSetVersions("hue");
    ASSERT_TRUE(versions);
    ASSERT_EQ(versions->size(), 2u);
    EXPECT_EQ((*versions)[0].set.version, 2);
    EXPECT_EQ((*versions)[0].saved_by, "admin");
    EXPECT_EQ((*versions)[0].set.grace_seconds, 86400);
    EXPECT_EQ((*versions)[1].set.version, 1);
    EXPECT_EQ((*versions)[1].saved_by, "thamdinh");
    EXPECT_EQ((*versions)[1].set.grace_seconds, 43200);
    ASSERT_EQ((*versions)[1].saved_at.size(), 20u);  // 2025-01-31T08:00:00Z
    EXPECT_EQ((*versions)[1].saved_at.back(), 'Z');
    EXPECT_FALSE((*versions)[0].active);

    // Every field survives the round trip.
    auto one = db_->FindDefinitionSet("hue", 1);
    ASSERT_TRUE(one && one->has_value());
    ExpectSameRules(**one, Hue());
    auto latest = db_->FindDefinitionSet("hue", std::nullopt);
    ASSERT_TRUE(latest && latest->has_value());
    EXPECT_EQ((*latest)->version, 2);

    // The list holds the latest of each code, by code.
    auto list = db_->ListDefinitionSets();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].set.code, "default");
    EXPECT_EQ((*list)[1].set.code, "hue");
    EXPECT_EQ((*list)[1].set.version, 2);
}

TEST_F(SqliteDefinitionStoreTest, SavingTheDefaultStartsAtVersionTwo) {
    DefinitionSet set = DefaultDefinitionSet();
    set.grace_seconds = 86400;
    auto saved = db_->SaveDefinitionSet(set, "admin");
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->version, 2);
    auto versions = db_->DefinitionSetVersions("default");
    ASSERT_TRUE(versions);
    ASSERT_EQ(versions->size(), 2u);
    EXPECT_EQ((*versions)[0].set.version, 2);
    EXPECT_EQ((*versions)[1].set.version, 1);
    EXPECT_EQ((*versions)[1].set.grace_seconds, 0);
    auto active = db_->ActiveDefinitionSet();
    ASSERT_TRUE(active);
    EXPECT_EQ(active->version, 2);
    EXPECT_EQ(active->grace_seconds, 86400);
}

TEST_F(SqliteDefinitionStoreTest, ActivationPicksTheLatestVersionAndSurvivesAReopen) {
    ASSERT_TRUE(db_->SaveDefinitionSet(Hue(), "admin"));
    EXPECT_EQ(db_->ActivateDefinitionSet("vinhphuc").GetError().code, ErrorCode::kNotFound);
    ASSERT_TRUE(db_->ActivateDefinitionSet("hue"));
    DefinitionSet changed = Hue();
    changed.max_apologies = 0;
    ASSERT_TRUE(db_->SaveDefinitionSet(changed, "admin"));

    Reopen();
    auto active = db_->ActiveDefinitionSet();
    ASSERT_TRUE(active);
    EXPECT_EQ(active->code, "hue");
    EXPECT_EQ(active->version, 2);
    EXPECT_EQ(active->max_apologies, 0);
    auto list = db_->ListDefinitionSets();
    ASSERT_TRUE(list);
    EXPECT_FALSE((*list)[0].active);
    EXPECT_TRUE((*list)[1].active);

    ASSERT_TRUE(db_->ActivateDefinitionSet("default"));
    EXPECT_EQ(db_->ActiveDefinitionSet()->code, "default");
}

TEST_F(SqliteDefinitionStoreTest, AnInvalidSetIsRefusedNamingEachFieldAndNothingIsStored) {
    DefinitionSet bad = Hue();
    bad.code = "huế";
    bad.grace_seconds = -1;
    bad.supplement_fault_threshold = 0;
    auto saved = db_->SaveDefinitionSet(bad, "admin");
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.GetError().code, ErrorCode::kInvalidInput);
    std::vector<std::string> fields;
    for (const ErrorDetail& detail : saved.GetError().details) fields.push_back(detail.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"code", "grace_seconds", "supplement_fault_threshold"}));
    EXPECT_EQ(db_->ListDefinitionSets()->size(), 1u);
}

}  // namespace
}  // namespace parindex
