// Every bad file under tests/data/cli/bad/ is imported into the demo data folder through the real binary. The
// import must fail with exit code 1, print exactly the error stored beside the file (`NAME.expected.json`, the
// JSON error structure of CONVENTIONS.md), and leave the database exactly as it was (the whole data folder
// exported before and after compares equal).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<fs::path> BadFiles() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(PARINDEX_TEST_DATA) / "cli" / "bad")) {
        const std::string name = entry.path().filename().string();
        if (name.find(".expected.") == std::string::npos) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string KindOf(const std::string& name) {
    for (const char* kind : {"units", "groups", "framework", "scores"}) {
        if (name.rfind(kind, 0) == 0) return kind;
    }
    return "all";
}

TEST(BadInput, EachFileIsRejectedWithItsExactErrorAndNothingChanges) {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    ASSERT_EQ(RunParindex({"init", "--data", data}).exit_code, 0);
    ASSERT_EQ(RunParindex({"demo", "--data", data}).exit_code, 0);
    const std::string before_file = dir.path() + "/before.json";
    ASSERT_EQ(RunParindex({"export", "all", "--data", data, "--out", before_file}).exit_code, 0);
    const std::string before = Slurp(before_file);
    ASSERT_GT(before.size(), 10000u);

    const std::vector<fs::path> files = BadFiles();
    ASSERT_GE(files.size(), 9u);
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.filename().string());
        const std::string name = file.filename().string();
        RunOutput run = RunParindex({"import", KindOf(name), file.string(), "--data", data, "--format", "json"});
        EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
        fs::path expected = file;
        expected.replace_extension(".expected.json");
        ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
        EXPECT_EQ(ParseJson(run.err), ParseJson(Slurp(expected))) << run.err;

        const std::string after_file = dir.path() + "/after.json";
        ASSERT_EQ(RunParindex({"export", "all", "--data", data, "--out", after_file}).exit_code, 0);
        EXPECT_EQ(Slurp(after_file), before) << "the database changed";
    }
}

TEST(BadInput, EnglishMessagesToo) {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    ASSERT_EQ(RunParindex({"init", "--data", data}).exit_code, 0);
    ASSERT_EQ(RunParindex({"demo", "--data", data}).exit_code, 0);
    const fs::path file = fs::path(PARINDEX_TEST_DATA) / "cli" / "bad" / "framework_children_do_not_add_up.csv";
    RunOutput run = RunParindex({"import", "framework", file.string(), "--data", data, "--lang", "en"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("differs from the sum of its children's maxima, 9.5"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("line 2"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace parindex::testing
