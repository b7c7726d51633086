// `parindex dossiers import --part-size`: a file larger than a part is read and stored part by part in one
// transaction (bounded memory), with the same figures as a whole import, every bad row of every part listed, and
// nothing stored when one is bad.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

/// 40 dossiers of 4 units over 3 months (about 4 KB): with --part-size 500, about ten parts.
std::string File(int bad_line_a = 0, int bad_line_b = 0) {
    std::string csv =
        "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
        "returned_at,supplement_requests,apology_letters,status\n";
    const char* channels[] = {"direct", "online_partial", "online_full", "postal"};
    for (int i = 0; i < 40; ++i) {
        const int line = i + 2;
        const int month = 1 + i % 3;
        const int day = 1 + i % 27;
        const std::string received =
            "2024-0" + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day) + " 08:00:00";
        const std::string due =
            "2024-0" + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day) + " 17:00:00";
        // Every fifth finished an hour late, every seventh still open, the others an hour early.
        std::string finished = "2024-0" + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day) +
                               (i % 5 == 0 ? " 18:00:00" : " 16:00:00");
        if (i % 7 == 0) finished.clear();
        std::string apology = line == bad_line_b ? "x" : std::to_string(i % 2);
        csv += "P" + std::to_string(i) + ",U" + std::to_string(i % 4) + ",D1,P" + std::to_string(i % 3) + ",F1," +
               channels[i % 4] + "," + (line == bad_line_a ? std::string("hôm qua") : received) + "," + due + "," +
               finished + ",," + std::to_string(i % 3) + "," + apology + "," +
               (finished.empty() ? "in_progress" : "finished") + "\n";
    }
    return csv;
}

class DossierParts : public ::testing::Test {
  protected:
    RunOutput Run(const std::vector<std::string>& args) { return RunParindex(args); }
    std::string Stats(const std::string& data) {
        const RunOutput out = Run({"dossiers", "stats", "--year", "2024", "--format", "csv", "--data", data});
        EXPECT_EQ(out.exit_code, 0) << out.err;
        return out.out;
    }
    TempDir dir_;
};

TEST_F(DossierParts, ManySmallPartsGiveTheFiguresOfOneImportAndAReimportUpdatesEveryDossier) {
    const std::string file = dir_.Write("hoso.csv", File());
    const std::string whole = dir_.path() + "/whole";
    const std::string parts = dir_.path() + "/parts";
    ASSERT_EQ(Run({"init", "--data", whole}).exit_code, 0);
    ASSERT_EQ(Run({"init", "--data", parts}).exit_code, 0);
    const RunOutput one = Run({"dossiers", "import", file, "--data", whole});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    const RunOutput many = Run({"dossiers", "import", file, "--data", parts, "--part-size", "500", "--format", "json"});
    ASSERT_EQ(many.exit_code, 0) << many.err;
    EXPECT_NE(many.out.find(R"("rows":40,"inserted":40,"updated":0)"), std::string::npos) << many.out;
    const std::string figures = Stats(whole);
    EXPECT_EQ(Stats(parts), figures);
    // 4 units × 3 months, 40 dossiers in all.
    EXPECT_EQ(std::count(figures.begin(), figures.end(), '\n'), 13) << figures;

    // Again in parts: every dossier is updated by id, none added.
    const RunOutput again =
        Run({"dossiers", "import", file, "--data", parts, "--part-size", "700", "--format", "json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find(R"("rows":40,"inserted":0,"updated":40)"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find(R"("stored":40)"), std::string::npos) << again.out;
    EXPECT_EQ(Stats(parts), figures);
}

TEST_F(DossierParts, BadRowsInTheFirstAndLastPartsAreAllListedAndNothingIsStored) {
    const std::string file = dir_.Write("hong.csv", File(3, 40));
    const std::string data = dir_.path() + "/data";
    ASSERT_EQ(Run({"init", "--data", data}).exit_code, 0);
    const RunOutput out = Run({"dossiers", "import", file, "--data", data, "--part-size", "500"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_NE(out.err.find("có 2 lỗi; không hồ sơ nào được nhập"), std::string::npos) << out.err;
    EXPECT_NE(out.err.find("hong.csv:dòng 3, cột 7 (received_at)"), std::string::npos) << out.err;
    EXPECT_NE(out.err.find("hong.csv:dòng 40, cột 12 (apology_letters)"), std::string::npos) << out.err;
    EXPECT_EQ(Stats(data),
              "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,"
              "online_full_share\n");
}

}  // namespace
}  // namespace parindex::testing
