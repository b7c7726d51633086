#include <gtest/gtest.h>

#include "formats/codecs.hpp"
#include "test_support.hpp"

namespace parindex {
namespace {

using testing::Describe;
using testing::ExpectSame;
using testing::ReadData;

Bundle MustParse(const std::string& content, const std::string& file) {
    auto result = ParseBundleJson(content, file);
    EXPECT_TRUE(result.Ok()) << (result.Ok() ? "" : Describe(result.GetError()));
    return result.Ok() ? *result : Bundle{};
}

Decimal D(const char* text) { return *Decimal::Parse(text); }

TEST(JsonBundle, ReadsTheLaKheFixture) {
    Bundle bundle = MustParse(ReadData("lakhe_bundle.json"), "lakhe_bundle.json");
    ASSERT_EQ(bundle.units.size(), 3u);
    const Unit& lakhe = bundle.units[1];
    EXPECT_EQ(lakhe.code, "lakhe");
    EXPECT_EQ(lakhe.name, "Phường La Khê");
    EXPECT_EQ(lakhe.parent_code, "hadong");
    EXPECT_FALSE(lakhe.valid_from.has_value());
    ASSERT_EQ(lakhe.departments.size(), 2u);
    EXPECT_EQ(lakhe.departments[0].name, "Văn phòng – Thống kê");
    EXPECT_EQ(lakhe.source.file, "lakhe_bundle.json");
    EXPECT_EQ(lakhe.source.path, "$.units[1]");
    EXPECT_EQ(bundle.units[0].valid_to, 2025);
    EXPECT_TRUE(bundle.units[2].demo);

    ASSERT_EQ(bundle.groups.size(), 1u);
    EXPECT_EQ(bundle.groups[0].year, 2023);
    ASSERT_EQ(bundle.groups[0].members.size(), 2u);
    EXPECT_TRUE(bundle.groups[0].members[0].ranked);
    EXPECT_FALSE(bundle.groups[0].members[1].ranked);
    EXPECT_EQ(bundle.groups[0].members[1].source.path, "$.groups[0].members[1]");

    ASSERT_EQ(bundle.frameworks.size(), 1u);
    const Framework& framework = bundle.frameworks[0];
    EXPECT_EQ(framework.max, D("100"));
    EXPECT_EQ(framework.bands[1].min_index, D("80.5"));
    ASSERT_EQ(framework.nodes.size(), 5u);
    EXPECT_EQ(framework.nodes[1].parent_code, "1");
    EXPECT_TRUE(framework.nodes[1].evidence_required);
    EXPECT_EQ(framework.nodes[1].previous_code, "1.5");
    EXPECT_TRUE(framework.nodes[2].max_only);
    EXPECT_EQ(framework.nodes[2].max_provenance, Provenance::kDerived);
    EXPECT_EQ(framework.nodes[2].note, "phần còn lại của lĩnh vực 1");
    EXPECT_EQ(framework.nodes[3].declared_difference, D("0.5"));
    EXPECT_EQ(framework.nodes[4].method, ScoringMethod::kSurvey);
    EXPECT_EQ(framework.nodes[4].max, D("30"));
    EXPECT_EQ(framework.nodes[4].source.path, "$.frameworks[0].nodes[4]");

    ASSERT_EQ(bundle.assessments.size(), 3u);
    const Assessment& a = bundle.assessments[0];
    EXPECT_EQ(a.status, AssessmentStatus::kPublished);
    EXPECT_TRUE(a.losses_complete);
    EXPECT_EQ(a.total_points, D("90.02"));
    EXPECT_EQ(a.total_change, D("5.55"));
    EXPECT_FALSE(a.total_self.has_value());
    ASSERT_EQ(a.parts.size(), 2u);
    EXPECT_EQ(a.parts[0].points, D("60.31"));
    EXPECT_EQ(a.parts[1].method, ScoringMethod::kSurvey);
    EXPECT_EQ(a.parts[1].points, D("29.71"));
    ASSERT_EQ(a.ranks.size(), 2u);
    EXPECT_EQ(a.ranks[0].rank, 16);
    EXPECT_EQ(a.ranks[1].scope, "node:3");
    ASSERT_EQ(a.nodes.size(), 4u);
    EXPECT_EQ(a.nodes[1].appraised, D("0"));
    EXPECT_EQ(a.nodes[1].cause, "Sáng kiến không được công nhận");
    EXPECT_EQ(a.nodes[0].provenance, Provenance::kPublished);
    EXPECT_EQ(a.nodes[1].provenance, Provenance::kEntered);
    EXPECT_EQ(a.nodes[2].appraised, D("14.4"));
    EXPECT_EQ(a.nodes[3].change, D("-0.17"));
    EXPECT_EQ(a.note, "seed 000");
    EXPECT_EQ(bundle.assessments[1].framework_code, "");
    EXPECT_EQ(bundle.assessments[1].status, AssessmentStatus::kDraft);
    EXPECT_EQ(bundle.assessments[1].ranks[0].scope, "total");
    EXPECT_EQ(bundle.assessments[2].total_points->Thousandths(), 91989);
    EXPECT_EQ(bundle.assessments[2].total_change->Thousandths(), 11493);
}

TEST(JsonBundle, RoundTrip) {
    Bundle bundle = MustParse(ReadData("lakhe_bundle.json"), "lakhe_bundle.json");
    const std::string written = WriteBundleJson(bundle);
    EXPECT_NE(written.find("\"points\": 90.02"), std::string::npos) << written;
    EXPECT_NE(written.find("\"points\": 91.989"), std::string::npos);
    EXPECT_EQ(written.find("E1"), std::string::npos);
    Bundle again = MustParse(written, "lakhe_bundle.json");
    ExpectSame(bundle, again);
    EXPECT_EQ(again.frameworks[0].nodes[4].source.path, "$.frameworks[0].nodes[4]");
    // Writing is stable.
    EXPECT_EQ(WriteBundleJson(again), written);
}

TEST(JsonBundle, SingleFrameworkAndNumberForms) {
    Bundle bundle = MustParse(R"({"framework": {"code": "f", "max": 1.0e2, "nodes": [
        {"code": "1", "max": 14.40000}, {"code": "2", "max": "0,75"}, {"code": "3", "max": 91.989},
        {"code": "4", "max": ""}, {"code": "5", "max": null}, {"code": "6", "max": -0.5}]}})",
                              "one.json");
    ASSERT_EQ(bundle.frameworks.size(), 1u);
    const Framework& f = bundle.frameworks[0];
    EXPECT_EQ(f.source.path, "$.framework");
    EXPECT_EQ(f.max, D("100"));
    EXPECT_EQ(f.nodes[0].max, D("14.4"));
    EXPECT_EQ(f.nodes[1].max, D("0.75"));
    EXPECT_EQ(f.nodes[2].max->Thousandths(), 91989);
    EXPECT_FALSE(f.nodes[3].max.has_value());
    EXPECT_FALSE(f.nodes[4].max.has_value());
    EXPECT_EQ(f.nodes[5].max, D("-0.5"));
    EXPECT_EQ(f.nodes[5].source.path, "$.framework.nodes[5]");
}

TEST(JsonBundle, NormalizesStringsToNfc) {
    Bundle bundle = MustParse(
        "{\"units\": [{\"code\": \"lakhe\", \"name\": \"Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng La Khê\"}]}", "nfd.json");
    EXPECT_EQ(bundle.units[0].name, "Phường La Khê");
}

TEST(JsonBundle, BadFrameworkMax) {
    auto result = ParseBundleJson(ReadData("bad_framework_max.json"), "bad_framework_max.json");
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    EXPECT_EQ(error.code, ErrorCode::kInvalidInput);
    EXPECT_EQ(error.message.vi, "Tệp bad_framework_max.json có 1 lỗi");
    EXPECT_EQ(error.message.en, "File bad_framework_max.json has 1 error");
    ASSERT_EQ(error.details.size(), 1u);
    const ErrorDetail& d = error.details[0];
    EXPECT_EQ(d.file, "bad_framework_max.json");
    EXPECT_EQ(d.path, "$.framework.nodes[1].max");
    EXPECT_EQ(d.field, "max");
    EXPECT_EQ(d.value, "1.2345");
    EXPECT_EQ(d.reason.vi, "số không hợp lệ: nhiều hơn 3 chữ số thập phân");
    EXPECT_EQ(d.reason.en, "invalid number: more than 3 decimals");
}

TEST(JsonBundle, CollectsEveryError) {
    auto result = ParseBundleJson(ReadData("bad_everything.json"), "bad_everything.json");
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    struct Expected {
        const char* path;
        const char* field;
        const char* value;
        const char* reason_en;
    };
    const std::vector<Expected> expected = {
        {"$.extra", "extra", "1", "unknown key (a typo?)"},
        {"$.units[0].nmae", "nmae", "Phường La Khê", "unknown key (a typo?)"},
        {"$.units[0].name", "name", "", "a required field is missing"},
        {"$.units[1].code", "code", "5", "a string is expected"},
        {"$.units[1].demo", "demo", "yes", "true or false is expected"},
        {"$.groups[0].year", "year", "năm 2023", "a whole number is expected"},
        {"$.groups[0].members[1]", "members", "7",
         "a unit code (string) or {\"unit\": ..., \"ranked\": ...} is expected"},
        {"$.frameworks[0].display_decimals", "display_decimals", "4", "must be between 0 and 3"},
        {"$.frameworks[0].bands[0].min_index", "min_index", "", "a required field is missing"},
        {"$.frameworks[0].nodes[0].max", "max", "20 điểm", "invalid number: not a number"},
        {"$.frameworks[0].nodes[0].method", "method", "khảo sát",
         "unknown scoring method; use appraisal, survey or data"},
        {"$.frameworks[0].nodes[1]", "nodes", "2", "an object {...} is expected"},
        {"$.assessments[0].status", "status", "done",
         "unknown status; use draft, submitted, appraised, final or published"},
        {"$.assessments[0].total.points", "points", "1e-4", "the number has more than 3 decimals or is too large"},
        {"$.assessments[0].total.provenance", "provenance", "official",
         "unknown provenance; use entered, published, computed, derived or demo"},
        {"$.assessments[0].parts[0].method", "method", "", "a required field is missing"},
        {"$.assessments[0].ranks[0].scope", "scope", "area:3",
         "unknown scope; use total, part:appraisal, part:survey, part:data or node:CODE"},
        {"$.assessments[0].ranks[0].rank", "rank", "0", "must be between 1 and 1000000"},
        {"$.assessments[0].nodes[0].appraised", "appraised", "1.234,5",
         "invalid number: more than one decimal separator (thousands separators are not accepted)"},
        {"$.assessments[0].nodes[1].appraised", "appraised", "true",
         "a number (or a string such as \"90,02\") is expected"},
    };
    EXPECT_EQ(error.message.en, "File bad_everything.json has " + std::to_string(expected.size()) + " errors")
        << Describe(error);
    ASSERT_EQ(error.details.size(), expected.size()) << Describe(error);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(expected[i].path);
        EXPECT_EQ(error.details[i].file, "bad_everything.json");
        EXPECT_EQ(error.details[i].path, expected[i].path);
        EXPECT_EQ(error.details[i].field, expected[i].field);
        EXPECT_EQ(error.details[i].value, expected[i].value);
        EXPECT_EQ(error.details[i].reason.en, expected[i].reason_en);
        EXPECT_FALSE(error.details[i].reason.vi.empty());
    }
    EXPECT_EQ(error.details[2].reason.vi, "thiếu trường bắt buộc");
    EXPECT_EQ(error.details[1].reason.vi, "khóa không được hỗ trợ (sai chính tả?)");
}

TEST(JsonBundle, SyntaxErrorNamesLineAndColumn) {
    auto result = ParseBundleJson(ReadData("bad_syntax.json"), "bad_syntax.json");
    ASSERT_FALSE(result.Ok());
    const Error& error = result.GetError();
    ASSERT_EQ(error.details.size(), 1u);
    EXPECT_EQ(error.details[0].line, 3);
    EXPECT_EQ(error.details[0].column, 47);  // The "}" after the trailing comma.
    EXPECT_EQ(error.details[0].reason.en.rfind("invalid JSON: ", 0), 0u) << error.details[0].reason.en;
}

TEST(JsonBundle, RepeatedKeysAndWrongRoot) {
    auto repeated = ParseBundleJson(R"({"units": [{"code": "a", "name": "A", "code": "b"}]})", "r.json");
    ASSERT_FALSE(repeated.Ok());
    EXPECT_EQ(repeated.GetError().details[0].path, "$.units[0].code");
    EXPECT_EQ(repeated.GetError().details[0].reason.en, "the key is repeated");
    auto array = ParseBundleJson("[]", "a.json");
    ASSERT_FALSE(array.Ok());
    EXPECT_EQ(array.GetError().details[0].path, "$");
    auto units = ParseBundleJson(R"({"units": {}})", "u.json");
    ASSERT_FALSE(units.Ok());
    EXPECT_EQ(units.GetError().details[0].reason.en, "an array [...] is expected");
}

}  // namespace
}  // namespace parindex
