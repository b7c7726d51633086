// `parindex plan draft`, `plan export` and `reminders run` through the real binary on the demo data folder (issue
// 4 §5-7): the drafted plan of La Khê 2024 has the 14 lost-point tasks; the exported .docx opens in LibreOffice and
// its PDF shows the 8-area table with the changes, the 14 lost-point rows with causes and responsible departments
// and the per-department responsibilities; the .xlsx annex reads back; bad inputs exit with CONVENTIONS' codes and
// a Vietnamese message naming what is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_support.hpp"
#include "formats/office_convert.hpp"
#include "formats/table.hpp"

namespace parindex::testing {
namespace {

namespace fs = std::filesystem;

/// One data folder with the demo for every test of this file (the demo takes a while under the sanitizers).
class PlanCli : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        data_ = dir_->path() + "/data";
        ASSERT_EQ(RunParindex({"init", "--data", data_}).exit_code, 0);
        const RunOutput demo = RunParindex({"demo", "--data", data_});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
        EXPECT_NE(demo.out.find("Kế hoạch mẫu: La Khê 2024"), std::string::npos) << demo.out;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    static TempDir* dir_;
    static std::string data_;
};

TempDir* PlanCli::dir_ = nullptr;
std::string PlanCli::data_;

std::size_t Count(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

TEST_F(PlanCli, ExportedDocxShowsTheAnalysisOfSeedZeroInLibreOffice) {
    const std::string out = dir_->path() + "/plan.docx";
    RunOutput run = RunParindex({"plan", "export", "--unit", "lakhe", "--year", "2024", "--out", out, "--data", data_});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("Đã ghi"), std::string::npos);
    const std::string bytes = ReadWhole(out);
    ASSERT_GT(bytes.size(), 2000u);
    ASSERT_EQ(bytes.substr(0, 2), "PK");

    const ConvertedText pdf = DocxToPdfText(bytes, fs::path(dir_->path()) / "pdf", "plan");
    ASSERT_TRUE(pdf.ok) << pdf.error;
    const std::string text = Squeezed(pdf.text);
    // The document's frame and sections.
    for (const char* expected : {"KẾ HOẠCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "MỤC ĐÍCH, YÊU CẦU", "THỰC TRẠNG",
                                 "TỔ CHỨC THỰC HIỆN", "Nơi nhận", "Nguyễn Hữu Hiến", "UBND QUẬN HÀ ĐÔNG"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    // The 8-area table with the changes against 2022 (seed 000: +3,91, -0,5, +1,15, +1,66, -1, -1,5, 0, -0,17).
    for (const char* expected : {"Chỉ đạo điều hành", "17,25/20", "+3,91", "2,5/3", "14,4/16", "+1,15", "8,66/10",
                                 "+1,66", "6,5/10", "-1,5", "29,71/30", "-0,17", "90,02"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    // The 14 lost-point rows (grouped by area) with their points, causes and responsible departments.
    for (const char* expected : {"Bảng các tiêu chí bị trừ điểm năm 2023",
                                 "1.6. Sáng kiến và áp dụng",
                                 "0/2",
                                 "Sáng kiến không",
                                 "được công nhận",
                                 "1,5/2",
                                 "0,75/1",
                                 "Bộ phận tư pháp",
                                 "0,25/0,5",
                                 "1,4/2",
                                 "Có công chức bị",
                                 "0,25/1",
                                 "2,5/3",
                                 "1/1,5",
                                 "0,9/1",
                                 "9 xuất sắc, 2 tốt",
                                 "6.8. Áp dụng quy trình ISO",
                                 "1,5/3",
                                 "6.6. Xây dựng hồ sơ công việc",
                                 "6.7. Thực hiện các nhiệm vụ",
                                 "14 8. Điều tra xã hội học 29,71/30 Các bộ phận"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_GE(Count(text, "Các bộ phận"), 6u);
    // The per-department responsibilities (section V), each department with its criteria, and the signature.
    const std::size_t section_v = text.find("V. TỔ CHỨC THỰC HIỆN");
    ASSERT_NE(section_v, std::string::npos) << text;
    const std::string organisation = text.substr(section_v);
    const std::size_t office = organisation.find("1. Công chức Văn phòng – Thống kê");
    const std::size_t justice = organisation.find("2. Công chức Tư pháp – Hộ tịch");
    const std::size_t finance = organisation.find("3. Công chức Tài chính – Kế toán");
    ASSERT_NE(office, std::string::npos) << organisation;
    ASSERT_NE(justice, std::string::npos) << organisation;
    ASSERT_NE(finance, std::string::npos) << organisation;
    EXPECT_LT(office, justice);
    EXPECT_LT(justice, finance);
    const std::string justice_duties = organisation.substr(justice, finance - justice);
    EXPECT_NE(justice_duties.find("khắc phục tiêu chí 2.1"), std::string::npos) << justice_duties;
    EXPECT_NE(justice_duties.find("khắc phục tiêu chí 2.3"), std::string::npos) << justice_duties;
    EXPECT_NE(organisation.substr(finance).find("khắc phục tiêu chí 1.9"), std::string::npos);
    EXPECT_NE(organisation.find("Nơi nhận"), std::string::npos);
    EXPECT_NE(organisation.find("Nguyễn Hữu Hiến"), std::string::npos);
}

TEST_F(PlanCli, AnnexXlsxReadsBackWithOneRowPerTask) {
    const std::string out = dir_->path() + "/phu-luc.xlsx";
    RunOutput run = RunParindex({"plan", "export", "--unit", "lakhe", "--year", "2024", "--out", out, "--data", data_});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto table = ReadXlsx(out, "phu-luc.xlsx");
    ASSERT_TRUE(table) << table.GetError().message.vi;
    const auto tt = table->FindColumn({"TT"});
    const auto criteria = table->FindColumn({"Tiêu chí"});
    const auto lead = table->FindColumn({"Bộ phận chủ trì"});
    const auto officer = table->FindColumn({"Công chức phụ trách"});
    const auto deadline = table->FindColumn({"Thời hạn"});
    const auto progress = table->FindColumn({"Tiến độ (%)"});
    ASSERT_TRUE(tt && criteria && lead && officer && deadline && progress);
    ASSERT_EQ(table->rows.size(), 14u);
    const auto cell = [&](std::size_t row, std::size_t column) { return table->rows[row].cells.at(column); };
    EXPECT_EQ(cell(0, *tt), "1");
    EXPECT_EQ(cell(0, *criteria), "1.6");
    EXPECT_EQ(cell(0, *deadline), "30/11/2024");
    EXPECT_EQ(cell(13, *tt), "14");
    // The demo gave the two Tư pháp – Hộ tịch tasks (2.1, 2.3) to tuphap.lakhe, who finished one of them.
    int officer_rows = 0;
    int done = 0;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        if (cell(i, *officer) != "tuphap.lakhe") continue;
        ++officer_rows;
        EXPECT_EQ(cell(i, *lead), "Tư pháp – Hộ tịch");
        EXPECT_TRUE(cell(i, *criteria) == "2.1" || cell(i, *criteria) == "2.3") << cell(i, *criteria);
        if (cell(i, *progress) == "100") ++done;
    }
    EXPECT_EQ(officer_rows, 2);
    EXPECT_EQ(done, 1);
}

TEST_F(PlanCli, ProgressReportOnADate) {
    const std::string out = dir_->path() + "/tien-do.docx";
    RunOutput run = RunParindex({"plan", "export", "--unit", "lakhe", "--year", "2024", "--out", out, "--progress",
                                 "30/06/2024", "--data", data_});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string bytes = ReadWhole(out);
    ASSERT_EQ(bytes.substr(0, 2), "PK");
    const ConvertedText pdf = DocxToPdfText(bytes, fs::path(dir_->path()) / "pdf", "tien-do");
    ASSERT_TRUE(pdf.ok) << pdf.error;
    const std::string text = Squeezed(pdf.text);
    EXPECT_NE(text.find("tính đến ngày 30/06/2024"), std::string::npos) << text;
    // On 30/06/2024 nothing was overdue yet (the default deadline is 30/11/2024); statuses are the current ones.
    EXPECT_NE(text.find("Tổng số nhiệm vụ: 14."), std::string::npos) << text;
    EXPECT_NE(text.find("Đã hoàn thành: 1/14 nhiệm vụ"), std::string::npos) << text;
    EXPECT_NE(text.find("Quá hạn: 0 nhiệm vụ."), std::string::npos) << text;
}

TEST_F(PlanCli, RemindersRunTwiceAddNothingTheSecondTime) {
    RunOutput first = RunParindex({"reminders", "run", "--year", "2024", "--data", data_});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("Năm 2024: "), std::string::npos) << first.out;
    RunOutput second = RunParindex({"reminders", "run", "--year", "2024", "--data", data_});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(second.out, "Năm 2024: 0 thông báo mới, 0 email mới trong hộp thư đi.\n");
}

TEST_F(PlanCli, BadInputsExitWithTheirCodesAndSayWhy) {
    const std::string out = dir_->path() + "/x.docx";
    struct Case {
        std::vector<std::string> args;
        int exit_code;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"plan", "draft", "--unit", "khong-co", "--year", "2024"}, 1, "khong-co"},
        {{"plan", "draft", "--unit", "lakhe", "--year", "2026"}, 1, "2025"},
        {{"plan", "export", "--unit", "lakhe", "--year", "2024", "--out", dir_->path() + "/plan.pdf"},
         1,
         "cần đuôi .docx (kế hoạch) hoặc .xlsx"},
        {{"plan", "export", "--unit", "lakhe", "--year", "2024", "--out", out, "--progress", "31/02/2024"},
         1,
         "--progress"},
        {{"plan", "export", "--unit", "lakhe", "--year", "2025", "--out", out}, 1, "Lỗi: "},
        {{"plan", "export", "--unit", "lakhe", "--year", "2024"}, 2, "--out"},
        {{"plan", "draft", "--unit", "lakhe"}, 2, "--year"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args = c.args;
        args.insert(args.end(), {"--data", data_});
        std::string shown;
        for (const std::string& a : c.args) shown += a + " ";
        SCOPED_TRACE(shown);
        RunOutput run = RunParindex(args);
        EXPECT_EQ(run.exit_code, c.exit_code) << run.out << run.err;
        EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
        if (c.exit_code == 1) {
            EXPECT_EQ(run.err.rfind("Lỗi: ", 0), 0u) << run.err;
        }
    }
    EXPECT_FALSE(fs::exists(dir_->path() + "/plan.pdf"));
    EXPECT_FALSE(fs::exists(out));
}

// Last: it replaces the demo's plan.
TEST_F(PlanCli, DraftOnTheDemoGivesTheFourteenLostPointTasks) {
    // The demo drafted it already: drafting again needs --replace.
    RunOutput again = RunParindex({"plan", "draft", "--unit", "lakhe", "--year", "2024", "--data", data_});
    EXPECT_EQ(again.exit_code, 1) << again.out;
    EXPECT_NE(again.err.find("Lỗi: "), std::string::npos) << again.err;

    RunOutput json = RunParindex(
        {"plan", "draft", "--unit", "lakhe", "--year", "2024", "--replace", "--format", "json", "--data", data_});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const boost::json::value view = ParseJson(json.out);
    const auto& tasks = view.at("tasks").as_array();
    ASSERT_EQ(tasks.size(), 14u);
    EXPECT_EQ(view.at("plan").at("results_year").as_int64(), 2023);
    EXPECT_EQ(view.at("plan").at("status").as_string(), "draft");
    EXPECT_EQ(view.at("progress").at("tasks").as_int64(), 14);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        EXPECT_EQ(tasks[i].at("position").as_int64(), static_cast<std::int64_t>(i + 1));
        EXPECT_FALSE(tasks[i].at("criteria").as_array().empty());
    }
    // The criterion that lost the most (1.6 Sáng kiến, 0/2) comes first, with the cause of the lost-points row.
    EXPECT_EQ(tasks[0].at("criteria").as_array()[0].as_string(), "1.6");
    EXPECT_EQ(tasks[0].at("cause").as_string(), "Sáng kiến không được công nhận");

    RunOutput table = RunParindex({"plan", "draft", "--unit", "lakhe", "--year", "2024", "--replace", "--data", data_});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("Nhiệm vụ (14):"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("I.1. Mục đích"), std::string::npos);
    EXPECT_NE(table.out.find("V. Tổ chức thực hiện"), std::string::npos);
    EXPECT_NE(table.out.find("30/11/2024"), std::string::npos) << "the default deadline, dd/mm/yyyy";
}

}  // namespace
}  // namespace parindex::testing
