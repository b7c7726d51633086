// `parindex dossiers definitions list | show | save | activate` on a fresh data folder: the built-in default, a
// file of two sets saved as versions, a bad file refused with its line and fields and nothing saved, a version shown
// as JSON, activation.
#include <gtest/gtest.h>

#include <string>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

class DefinitionCli : public ::testing::Test {
  protected:
    void SetUp() override {
        data_ = dir_.path() + "/data";
        ASSERT_EQ(RunParindex({"init", "--data", data_}).exit_code, 0);
    }
    RunOutput Definitions(std::vector<std::string> args) {
        std::vector<std::string> all = {"dossiers", "definitions"};
        all.insert(all.end(), args.begin(), args.end());
        all.push_back("--data");
        all.push_back(data_);
        return RunParindex(all);
    }

    TempDir dir_;
    std::string data_;
};

TEST_F(DefinitionCli, SaveShowAndActivate) {
    RunOutput list = Definitions({"list", "--format", "json"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    boost::json::value sets = ParseJson(list.out);
    ASSERT_EQ(sets.as_array().size(), 1u);
    EXPECT_EQ(sets.as_array()[0].at("definition").at("code").as_string(), "default");
    EXPECT_TRUE(sets.as_array()[0].at("active").as_bool());

    const std::string file = dir_.Write("sets.json", R"json([
  {"code": "vinh-phuc", "name": "Vĩnh Phúc", "denominator": "due_in_period"},
  {"code": "vinh-phuc", "name": "Vĩnh Phúc, gia hạn 1 ngày", "denominator": "due_in_period", "grace_seconds": 86400}
])json");
    RunOutput saved = Definitions({"save", file});
    ASSERT_EQ(saved.exit_code, 0) << saved.err;
    EXPECT_NE(saved.out.find("Đã lưu bộ quy tắc vinh-phuc, phiên bản 1"), std::string::npos) << saved.out;
    EXPECT_NE(saved.out.find("Đã lưu bộ quy tắc vinh-phuc, phiên bản 2"), std::string::npos) << saved.out;

    RunOutput first = Definitions({"show", "vinh-phuc@1"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    boost::json::value one = ParseJson(first.out);
    EXPECT_EQ(one.at("version").as_int64(), 1);
    EXPECT_EQ(one.at("grace_seconds").as_int64(), 0);
    EXPECT_EQ(one.at("denominator").as_string(), "due_in_period");
    boost::json::value latest = ParseJson(Definitions({"show", "vinh-phuc"}).out);
    EXPECT_EQ(latest.at("version").as_int64(), 2);
    EXPECT_EQ(latest.at("grace_seconds").as_int64(), 86400);
    EXPECT_EQ(Definitions({"show", "vinh-phuc@3"}).exit_code, 1);

    RunOutput activated = Definitions({"activate", "vinh-phuc"});
    ASSERT_EQ(activated.exit_code, 0) << activated.err;
    EXPECT_NE(activated.out.find("vinh-phuc, phiên bản 2"), std::string::npos) << activated.out;
    RunOutput table = Definitions({"list"});
    ASSERT_EQ(table.exit_code, 0);
    const std::size_t row = table.out.find("vinh-phuc");
    ASSERT_NE(row, std::string::npos);
    EXPECT_NE(table.out.substr(row, table.out.find('\n', row) - row).find('*'), std::string::npos) << table.out;
    EXPECT_EQ(Definitions({"activate", "khong-co"}).exit_code, 1);
}

TEST_F(DefinitionCli, ABadFileIsRefusedWholeWithEveryProblem) {
    const std::string file = dir_.Write("bad.json", R"json([
  {"code": "a", "name": "A"},
  {"code": "b", "name": "B", "max_apologies": 11, "denominator": "all"}
])json");
    RunOutput saved = Definitions({"save", file});
    EXPECT_EQ(saved.exit_code, 1);
    EXPECT_NE(saved.err.find("bad.json $[1].max_apologies = \"11\""), std::string::npos) << saved.err;
    EXPECT_NE(saved.err.find("$[1].denominator = \"all\""), std::string::npos) << saved.err;
    // Nothing saved, not even the good first set.
    EXPECT_EQ(ParseJson(Definitions({"list", "--format", "json"}).out).as_array().size(), 1u);

    const std::string broken = dir_.Write("broken.json", "{\n  \"code\": \"a\",\n  \"name\": \n}");
    RunOutput malformed = Definitions({"save", broken});
    EXPECT_EQ(malformed.exit_code, 1);
    EXPECT_NE(malformed.err.find("broken.json:dòng 4, cột 1"), std::string::npos) << malformed.err;
}

}  // namespace
}  // namespace parindex::testing
