// The JSON form of a dossier definition set: every field written and read back equal, defaults for missing
// options, and every bad field reported with its JSON path, field, value and reason (malformed JSON with line and
// column).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/definition_json.hpp"

namespace parindex {
namespace {

std::vector<std::string> Fields(const Error& error) {
    std::vector<std::string> fields;
    for (const ErrorDetail& detail : error.details) fields.push_back(detail.field);
    return fields;
}

const ErrorDetail* DetailOf(const Error& error, const std::string& field) {
    for (const ErrorDetail& detail : error.details) {
        if (detail.field == field) return &detail;
    }
    return nullptr;
}

TEST(DefinitionJson, EveryFieldRoundTrips) {
    DefinitionSet set;
    set.code = "gia-lai";
    set.version = 3;
    set.name = Text{"Gia Lai – phải giải quyết", "Gia Lai – to process"};
    set.day_level = true;
    set.early_seconds = 7200;
    set.early_days = 2;
    set.grace_seconds = 86400;
    set.denominator = DenominatorConvention::kToProcess;
    set.count_returned = true;
    set.count_withdrawn = true;
    set.count_rejected = false;
    set.due_soon_days = 7;
    set.apology_min_lead_seconds = 172800;
    set.max_apologies = 0;
    set.supplement_fault_threshold = 4;

    const std::string text = DefinitionSetToJson(set);
    EXPECT_NE(text.find("\"denominator\": \"to_process\""), std::string::npos) << text;
    auto read = ReadDefinitionSetJson(text);
    ASSERT_TRUE(read) << read.GetError().message.vi;
    EXPECT_EQ(read->code, "gia-lai");
    EXPECT_EQ(read->version, 3);
    EXPECT_EQ(read->name.vi, "Gia Lai – phải giải quyết");
    EXPECT_EQ(read->name.en, "Gia Lai – to process");
    EXPECT_TRUE(read->day_level);
    EXPECT_EQ(read->early_seconds, 7200);
    EXPECT_EQ(read->early_days, 2);
    EXPECT_EQ(read->grace_seconds, 86400);
    EXPECT_EQ(read->denominator, DenominatorConvention::kToProcess);
    EXPECT_TRUE(read->count_returned);
    EXPECT_TRUE(read->count_withdrawn);
    EXPECT_FALSE(read->count_rejected);
    EXPECT_EQ(read->due_soon_days, 7);
    EXPECT_EQ(read->apology_min_lead_seconds, 172800);
    EXPECT_EQ(read->max_apologies, 0);
    EXPECT_EQ(read->supplement_fault_threshold, 4);
    // Written again, the same text.
    EXPECT_EQ(DefinitionSetToJson(*read), text);
    EXPECT_EQ(DefinitionSetToJson(*read, 0).find('\n'), std::string::npos);
}

TEST(DefinitionJson, MissingOptionsTakeTheDefault) {
    auto read = ReadDefinitionSetJson(R"({"code": "vinh-phuc", "name": "Vĩnh Phúc", "denominator": "due_in_period"})");
    ASSERT_TRUE(read) << read.GetError().message.vi;
    const DefinitionSet def = DefaultDefinitionSet();
    EXPECT_EQ(read->version, 1);
    EXPECT_EQ(read->name.en, "");
    EXPECT_EQ(read->denominator, DenominatorConvention::kDueInPeriod);
    EXPECT_EQ(read->early_seconds, def.early_seconds);
    EXPECT_EQ(read->grace_seconds, def.grace_seconds);
    EXPECT_EQ(read->due_soon_days, def.due_soon_days);
    EXPECT_EQ(read->count_returned, def.count_returned);
    EXPECT_EQ(read->supplement_fault_threshold, def.supplement_fault_threshold);
}

TEST(DefinitionJson, TextIsTrimmedAndNfc) {
    // "Huế" with a combining acute accent (decomposed) reads as the composed form.
    auto read = ReadDefinitionSetJson("{\"code\": \"hue\", \"name\": \"  Hue\xCC\x82\xCC\x81  \"}");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->name.vi, "Huế");
}

TEST(DefinitionJson, EveryBadFieldIsNamedWithItsPathValueAndReason) {
    const std::string text = R"({
  "code": "huế",
  "name": "",
  "day_level": "yes",
  "grace_seconds": -5,
  "early_days": 1.5,
  "denominator": "received",
  "due_soon_days": 400,
  "max_apologies": 11,
  "supplement_fault_threshold": 0,
  "grace_second": 3600
})";
    auto read = ReadDefinitionSetJson(text, "rules.json");
    ASSERT_FALSE(read);
    const Error& error = read.GetError();
    EXPECT_EQ(error.code, ErrorCode::kInvalidInput);
    // The unknown key first, then the fields in order, then the ranges.
    EXPECT_EQ(Fields(error), (std::vector<std::string>{"grace_second", "day_level", "early_days", "denominator", "code",
                                                       "name", "grace_seconds", "due_soon_days", "max_apologies",
                                                       "supplement_fault_threshold"}));
    const ErrorDetail* grace = DetailOf(error, "grace_seconds");
    ASSERT_NE(grace, nullptr);
    EXPECT_EQ(grace->path, "$.grace_seconds");
    EXPECT_EQ(grace->value, "-5");
    EXPECT_EQ(grace->file, "rules.json");
    EXPECT_EQ(grace->reason.vi, "số giây phải trong khoảng 0 đến 366 ngày");
    const ErrorDetail* day_level = DetailOf(error, "day_level");
    ASSERT_NE(day_level, nullptr);
    EXPECT_EQ(day_level->value, "yes");
    EXPECT_EQ(day_level->reason.en, "true or false is expected");
    const ErrorDetail* typo = DetailOf(error, "grace_second");
    ASSERT_NE(typo, nullptr);
    EXPECT_NE(typo->reason.vi.find("grace_seconds"), std::string::npos);
    const ErrorDetail* denominator = DetailOf(error, "denominator");
    ASSERT_NE(denominator, nullptr);
    EXPECT_EQ(denominator->value, "received");
    EXPECT_EQ(DetailOf(error, "due_soon_days")->value, "400");
    EXPECT_EQ(DetailOf(error, "early_days")->value, "1.5");
    EXPECT_NE(error.message.vi.find("grace_second"), std::string::npos);
    EXPECT_NE(error.message.vi.find("9 lỗi khác"), std::string::npos) << error.message.vi;
}

TEST(DefinitionJson, RequiredFieldsAndWrongShapes) {
    auto missing = ReadDefinitionSetJson(R"({"grace_seconds": 0})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(Fields(missing.GetError()), (std::vector<std::string>{"code", "name"}));
    EXPECT_EQ(missing.GetError().details[0].reason.vi, "thiếu trường bắt buộc");

    auto array = ReadDefinitionSetJson("[1, 2]");
    ASSERT_FALSE(array);
    EXPECT_EQ(array.GetError().details.at(0).path, "$");
}

TEST(DefinitionJson, MalformedJsonGivesLineAndColumn) {
    auto read = ReadDefinitionSetJson("{\n  \"code\": \"hue\",\n  \"name\": \"Huế\" \"x\"\n}", "hue.json");
    ASSERT_FALSE(read);
    const ErrorDetail& detail = read.GetError().details.at(0);
    EXPECT_EQ(detail.file, "hue.json");
    EXPECT_EQ(detail.line, 3);
    EXPECT_EQ(detail.column, 17);
    EXPECT_NE(detail.reason.vi.find("JSON không hợp lệ"), std::string::npos);
}

TEST(DefinitionJson, AnArrayOfSetsNamesTheElement) {
    auto sets =
        ReadDefinitionSetsJson(R"([{"code": "a", "name": "A"}, {"code": "b", "name": "B", "max_apologies": -1}, 3])");
    ASSERT_FALSE(sets);
    const Error& error = sets.GetError();
    ASSERT_EQ(error.details.size(), 2u);
    EXPECT_EQ(error.details[0].path, "$[1].max_apologies");
    EXPECT_EQ(error.details[1].path, "$[2]");

    auto good = ReadDefinitionSetsJson(R"([{"code": "a", "name": "A"}, {"code": "b", "name": "B"}])");
    ASSERT_TRUE(good);
    ASSERT_EQ(good->size(), 2u);
    EXPECT_EQ((*good)[1].code, "b");
}

}  // namespace
}  // namespace parindex

namespace parindex {
namespace {

TEST(DefinitionJson, TheCodeOfAPathFillsAMissingCode) {
    auto read = ReadDefinitionSetJson(R"({"name": "Huế", "grace_seconds": 86400})", {}, "hue");
    ASSERT_TRUE(read) << read.GetError().message.vi;
    EXPECT_EQ(read->code, "hue");
    EXPECT_EQ(read->grace_seconds, 86400);
    // A code in the body wins (the API then compares it with the path's).
    auto other = ReadDefinitionSetJson(R"({"code": "vinh-phuc", "name": "X"})", {}, "hue");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->code, "vinh-phuc");
    // Without a path code, "code" is required.
    auto missing = ReadDefinitionSetJson(R"({"name": "Huế"})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.GetError().details.at(0).field, "code");
}

}  // namespace
}  // namespace parindex
