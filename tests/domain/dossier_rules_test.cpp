// Names and Vietnamese labels of channels and statuses, the definition sets and the checks of dossiers.

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/definition_set_store.hpp"
#include "domain/dossier.hpp"

namespace parindex {
namespace {

bool HasField(const std::vector<ErrorDetail>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(), [&](const ErrorDetail& e) { return e.field == field; });
}

TEST(DossierRulesTest, ReadsChannelNamesAndVietnameseLabels) {
    for (Channel channel : {Channel::kDirect, Channel::kOnlinePartial, Channel::kOnlineFull, Channel::kPostal}) {
        EXPECT_EQ(ParseChannel(ChannelName(channel)), channel);
        EXPECT_EQ(ParseChannel(ChannelLabel(channel).vi), channel);
        EXPECT_EQ(ParseChannel(ChannelLabel(channel).en), channel);
    }
    EXPECT_EQ(ParseChannel("trực tiếp"), Channel::kDirect);
    EXPECT_EQ(ParseChannel("TRỰC TIẾP"), Channel::kDirect);
    EXPECT_EQ(ParseChannel("Trực tuyến một phần"), Channel::kOnlinePartial);
    EXPECT_EQ(ParseChannel("trực tuyến toàn trình"), Channel::kOnlineFull);
    EXPECT_EQ(ParseChannel("Toàn trình"), Channel::kOnlineFull);
    EXPECT_EQ(ParseChannel("bưu chính"), Channel::kPostal);
    EXPECT_EQ(ParseChannel("online-full"), Channel::kOnlineFull);
    EXPECT_EQ(ChannelName(Channel::kOnlineFull), std::string("online_full"));
    for (const char* bad : {"", "online", "trực tuyến", "email", "direct2"}) EXPECT_FALSE(ParseChannel(bad)) << bad;
}

TEST(DossierRulesTest, ReadsStatusNamesAndVietnameseLabels) {
    for (DossierStatus status :
         {DossierStatus::kInProgress, DossierStatus::kFinished, DossierStatus::kReturnedUnprocessed,
          DossierStatus::kWithdrawn, DossierStatus::kRejected}) {
        EXPECT_EQ(ParseDossierStatus(DossierStatusName(status)), status);
        EXPECT_EQ(ParseDossierStatus(DossierStatusLabel(status).vi), status);
    }
    EXPECT_EQ(ParseDossierStatus("đang xử lý"), DossierStatus::kInProgress);
    EXPECT_EQ(ParseDossierStatus("Đã giải quyết"), DossierStatus::kFinished);
    EXPECT_EQ(ParseDossierStatus("Hoàn thành"), DossierStatus::kFinished);
    EXPECT_EQ(ParseDossierStatus("đã trả kết quả"), DossierStatus::kFinished);
    EXPECT_EQ(ParseDossierStatus("Trả lại"), DossierStatus::kReturnedUnprocessed);
    EXPECT_EQ(ParseDossierStatus("rút hồ sơ"), DossierStatus::kWithdrawn);
    EXPECT_EQ(ParseDossierStatus("Từ chối"), DossierStatus::kRejected);
    EXPECT_EQ(DossierStatusName(DossierStatus::kReturnedUnprocessed), std::string("returned"));
    for (const char* bad : {"", "open", "trả", "đã"}) EXPECT_FALSE(ParseDossierStatus(bad)) << bad;
    EXPECT_TRUE(IsSetAside(DossierStatus::kWithdrawn));
    EXPECT_FALSE(IsSetAside(DossierStatus::kFinished));
}

TEST(DossierRulesTest, TheDefaultSetIsConventionsMd) {
    const DefinitionSet set = DefaultDefinitionSet();
    EXPECT_EQ(set.code, "default");
    EXPECT_EQ(set.version, 1);
    EXPECT_FALSE(set.day_level);
    EXPECT_EQ(set.early_seconds, 86400);
    EXPECT_EQ(set.grace_seconds, 0);
    EXPECT_EQ(set.denominator, DenominatorConvention::kProcessedInPeriod);
    EXPECT_FALSE(set.Counts(DossierStatus::kReturnedUnprocessed));
    EXPECT_FALSE(set.Counts(DossierStatus::kWithdrawn));
    EXPECT_FALSE(set.Counts(DossierStatus::kRejected));
    EXPECT_TRUE(set.Counts(DossierStatus::kFinished));
    EXPECT_EQ(set.apology_min_lead_seconds, 86400);
    EXPECT_EQ(set.max_apologies, 1);
    EXPECT_EQ(set.supplement_fault_threshold, 2);
    EXPECT_TRUE(ValidateDefinitionSet(set).empty());
    EXPECT_TRUE(ValidateDefinitionSet(ReferenceDefinitionSet()).empty());
    EXPECT_TRUE(ReferenceDefinitionSet().Counts(DossierStatus::kWithdrawn));
    for (auto convention : {DenominatorConvention::kProcessedInPeriod, DenominatorConvention::kDueInPeriod,
                            DenominatorConvention::kToProcess}) {
        EXPECT_EQ(ParseDenominatorConvention(DenominatorConventionName(convention)), convention);
    }
    EXPECT_FALSE(ParseDenominatorConvention("received"));
}

TEST(DossierRulesTest, NamesEachBadFieldOfADefinitionSet) {
    DefinitionSet set;
    set.code = "gia lai";  // A space.
    set.version = 0;
    set.name.vi.clear();
    set.early_seconds = -1;
    set.grace_seconds = 400 * 86400;
    set.apology_min_lead_seconds = -5;
    set.early_days = 0;
    set.due_soon_days = -1;
    set.max_apologies = 11;
    set.supplement_fault_threshold = 0;
    const auto errors = ValidateDefinitionSet(set);
    EXPECT_EQ(errors.size(), 10u);
    for (const char* field : {"code", "version", "name", "early_seconds", "grace_seconds", "apology_min_lead_seconds",
                              "early_days", "due_soon_days", "max_apologies", "supplement_fault_threshold"}) {
        EXPECT_TRUE(HasField(errors, field)) << field;
    }
    const auto grace = std::find_if(errors.begin(), errors.end(), [](auto& e) { return e.field == "grace_seconds"; });
    EXPECT_EQ(grace->value, "34560000");
    EXPECT_FALSE(grace->reason.vi.empty());
    EXPECT_FALSE(grace->reason.en.empty());
}

TEST(DossierRulesTest, ChecksADossiersTimesAndCounts) {
    DossierFacts good;
    good.status = DossierStatus::kFinished;
    good.received = *ParseLocalTime("2024-03-01 08:00:00");
    good.due = *ParseLocalTime("2024-03-05 17:00:00");
    good.finished = ParseLocalTime("2024-03-04 10:00:00");
    EXPECT_TRUE(ValidateDossier(good).empty());

    DossierFacts bad = good;
    bad.due = *ParseLocalTime("2024-02-28 17:00:00");
    bad.finished = ParseLocalTime("2024-02-29 23:59:59");
    bad.returned = ParseLocalTime("2024-02-01 00:00:00");
    bad.rescheduled_due = ParseLocalTime("2024-02-27 00:00:00");
    bad.apology_sent = ParseLocalTime("2024-02-01 00:00:00");
    bad.supplement_requests = -1;
    bad.apology_letters = -2;
    const auto errors = ValidateDossier(bad);
    for (const char* field :
         {"due", "finished", "returned", "rescheduled_due", "apology_sent", "supplement_requests", "apology_letters"}) {
        EXPECT_TRUE(HasField(errors, field)) << field;
    }
    EXPECT_EQ(errors[0].value, "2024-02-28 17:00:00");

    DossierFacts unfinished = good;
    unfinished.finished.reset();
    EXPECT_TRUE(HasField(ValidateDossier(unfinished), "status"));
    DossierFacts in_progress = good;
    in_progress.status = DossierStatus::kInProgress;
    EXPECT_TRUE(HasField(ValidateDossier(in_progress), "status"));
    in_progress.finished.reset();
    EXPECT_TRUE(ValidateDossier(in_progress).empty());
}

TEST(DossierRulesTest, ReadsADefinitionReferenceWithOrWithoutAVersion) {
    const auto plain = ParseDefinitionRef("hue-2024");
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->code, "hue-2024");
    EXPECT_FALSE(plain->version.has_value());
    const auto versioned = ParseDefinitionRef("default@3");
    ASSERT_TRUE(versioned.has_value());
    EXPECT_EQ(versioned->code, "default");
    EXPECT_EQ(versioned->version, 3);
    for (const char* bad : {"", "@2", "hue@", "hue@0", "hue@x", "hue@2x", "a b", "mặc-định"}) {
        EXPECT_FALSE(ParseDefinitionRef(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace parindex
