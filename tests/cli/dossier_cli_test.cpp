// `parindex dossiers import` and `parindex dossiers stats` through the real binary, on a hand-checked file of
// 12 dossiers in 2 units × 2 months (early, exactly at due, exactly a day before due, a second late, the last
// second of a month, unfinished, returned).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

constexpr const char* kFile =
    "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
    "returned_at,supplement_requests,apology_letters,status\n"
    // U01, March: A1 early, A2 at due, A3 exactly a day before due (on time, not early), A4 a second late without
    // apology, A5 unfinished with 2 supplement requests, A6 received on the last second of March, early.
    "A1,U01,D1,P1,F1,direct,2024-03-01 08:00:00,2024-03-10 17:00:00,2024-03-08 16:59:59,,0,0,finished\n"
    "A2,U01,D1,P1,F1,direct,2024-03-02 08:00:00,2024-03-10 17:00:00,2024-03-10 17:00:00,,0,0,finished\n"
    "A3,U01,D2,P2,F1,online_partial,2024-03-03 08:00:00,2024-03-10 17:00:00,2024-03-09 17:00:00,,1,0,finished\n"
    "A4,U01,D2,P2,F1,direct,2024-03-04 08:00:00,2024-03-10 17:00:00,2024-03-10 17:00:01,,0,0,finished\n"
    "A5,U01,D1,P3,F2,postal,2024-03-05 08:00:00,2024-03-20 17:00:00,,,2,0,processing\n"
    "A6,U01,D1,P3,F2,online_full,2024-03-31 23:59:59,2024-04-10 17:00:00,2024-04-09 16:59:59,,0,0,finished\n"
    // U01, April: A7 late with an apology, A8 early, A9 returned unprocessed.
    "A7,U01,D1,P1,F1,online_full,2024-04-01 00:00:00,2024-04-05 17:00:00,2024-04-08 09:00:00,,1,1,finished\n"
    "A8,U01,D2,P2,F1,online_full,2024-04-30 23:59:59,2024-05-10 17:00:00,2024-05-07 10:00:00,,0,0,finished\n"
    "A9,U01,D2,P2,F1,postal,2024-04-10 09:00:00,2024-04-20 17:00:00,,2024-04-12 10:00:00,0,0,returned\n"
    // U02: March B1 early (last second of March), B2 late without apology with 3 supplement requests; April B3
    // on time six hours before due.
    "B1,U02,D1,P1,F1,direct,2024-03-31 23:59:59,2024-04-05 17:00:00,2024-04-02 10:00:00,,0,0,finished\n"
    "B2,U02,D1,P4,F3,online_full,2024-03-15 08:00:00,2024-03-20 17:00:00,2024-03-25 08:00:00,,3,0,finished\n"
    "B3,U02,D3,P4,F3,online_partial,2024-04-15 08:00:00,2024-04-20 17:00:00,2024-04-20 11:00:00,,0,0,finished\n";

constexpr const char* kExpectedCsv =
    "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,online_full_share\n"
    "U01,2024-03,6,5,4,2,1,1,1,16.667\n"
    "U01,2024-04,3,2,1,1,1,0,0,66.667\n"
    "U02,2024-03,2,2,1,1,1,1,1,50.000\n"
    "U02,2024-04,1,1,1,0,0,0,0,0.000\n";

class DossierCli : public ::testing::Test {
  protected:
    void SetUp() override {
        data_ = dir_.path() + "/data";
        file_ = dir_.Write("hoso.csv", kFile);
    }
    RunOutput Stats(const std::string& format, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args = {"dossiers", "stats", "--by",   "unit,month",
                                         "--format", format,  "--data", data_};
        args.insert(args.end(), extra.begin(), extra.end());
        return RunParindex(args);
    }

    TempDir dir_;
    std::string data_;
    std::string file_;
};

TEST_F(DossierCli, ImportThenStatsAsCsvAndJson) {
    RunOutput import = RunParindex({"dossiers", "import", file_, "--data", data_});
    ASSERT_EQ(import.exit_code, 0) << import.err;
    EXPECT_NE(import.out.find("Đã nhập 12 hồ sơ từ hoso.csv (12 mới, 0 cập nhật) vào 4 khối"), std::string::npos)
        << import.out;

    RunOutput csv = Stats("csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.out, kExpectedCsv);

    RunOutput json = Stats("json", {"--year", "2024"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const boost::json::value parsed = ParseJson(json.out);
    EXPECT_EQ(parsed.at("year").as_int64(), 2024);
    const boost::json::array& rows = parsed.at("rows").as_array();
    ASSERT_EQ(rows.size(), 4u);
    const boost::json::object& first = rows[0].as_object();
    EXPECT_EQ(first.size(), 10u);
    EXPECT_EQ(first.at("unit").as_string(), "U01");
    EXPECT_EQ(first.at("month").as_string(), "2024-03");
    EXPECT_EQ(first.at("total").as_int64(), 6);
    EXPECT_EQ(first.at("finished").as_int64(), 5);
    EXPECT_EQ(first.at("on_time").as_int64(), 4);
    EXPECT_EQ(first.at("early").as_int64(), 2);
    EXPECT_EQ(first.at("late").as_int64(), 1);
    EXPECT_EQ(first.at("late_without_apology").as_int64(), 1);
    EXPECT_EQ(first.at("supplement_2plus").as_int64(), 1);
    EXPECT_EQ(rows[3].at("unit").as_string(), "U02");
    EXPECT_EQ(rows[3].at("month").as_string(), "2024-04");
    // Shares are plain numbers with three decimals.
    EXPECT_NE(json.out.find("\"online_full_share\":16.667"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"online_full_share\":50.000"), std::string::npos) << json.out;

    RunOutput other_year = Stats("csv", {"--year", "2023"});
    ASSERT_EQ(other_year.exit_code, 0);
    EXPECT_EQ(other_year.out,
              "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,"
              "online_full_share\n");

    RunOutput table = Stats("table", {"--lang", "en"});
    ASSERT_EQ(table.exit_code, 0);
    EXPECT_NE(table.out.find("Fully online %"), std::string::npos);
    EXPECT_NE(table.out.find("66.667"), std::string::npos);
}

TEST_F(DossierCli, ReimportUpdatesByIdWithoutDuplicates) {
    ASSERT_EQ(RunParindex({"dossiers", "import", file_, "--data", data_}).exit_code, 0);
    RunOutput again = RunParindex({"dossiers", "import", file_, "--data", data_, "--format", "json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const boost::json::value summary = ParseJson(again.out);
    EXPECT_EQ(summary.at("rows").as_int64(), 12);
    EXPECT_EQ(summary.at("inserted").as_int64(), 0);
    EXPECT_EQ(summary.at("updated").as_int64(), 12);
    EXPECT_EQ(summary.at("stored").as_int64(), 12);
    EXPECT_EQ(Stats("csv").out, kExpectedCsv);

    // A4 is corrected to on time: U01's March gains an on-time dossier and loses its late one.
    const std::string fix = dir_.Write(
        "fix.csv",
        "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
        "returned_at,supplement_requests,apology_letters,status\r\n"
        "A4,U01,D2,P2,F1,direct,2024-03-04 08:00:00,2024-03-10 17:00:00,2024-03-10 16:00:00,,0,0,finished\r\n");
    ASSERT_EQ(RunParindex({"dossiers", "import", fix, "--data", data_}).exit_code, 0);
    const std::string csv = Stats("csv").out;
    EXPECT_NE(csv.find("U01,2024-03,6,5,5,2,0,0,1,16.667\n"), std::string::npos) << csv;

    RunOutput list =
        RunParindex({"dossiers", "list", "--unit", "U01", "--month", "2024-03", "--data", data_, "--format", "json"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    const boost::json::value page = ParseJson(list.out);
    EXPECT_EQ(page.at("total").as_int64(), 6);
    const boost::json::array& dossiers = page.at("dossiers").as_array();
    ASSERT_EQ(dossiers.size(), 6u);
    EXPECT_EQ(dossiers[0].at("dossier_id").as_string(), "A1");
    EXPECT_EQ(dossiers[3].at("dossier_id").as_string(), "A4");
    EXPECT_EQ(dossiers[3].at("finished_at").as_string(), "2024-03-10 16:00:00");
    EXPECT_EQ(dossiers[5].at("dossier_id").as_string(), "A6");
    EXPECT_EQ(dossiers[4].at("finished_at"), boost::json::value(nullptr));
}

TEST_F(DossierCli, ABadFileIsRejectedWholeWithEveryError) {
    ASSERT_EQ(RunParindex({"dossiers", "import", file_, "--data", data_}).exit_code, 0);
    std::string bad = kFile;
    bad += "C1,U03,D1,P1,F1,fax,2024-03-01 08:00:00,2024-03-10 17:00:00,,,0,0,processing\n";
    bad += "C2,U03,D1,P1,F1,direct,2024-02-30 08:00:00,2024-03-10 17:00:00,,,0,0,processing\n";
    const std::string path = dir_.Write("bad.csv", bad);
    RunOutput run = RunParindex({"dossiers", "import", path, "--data", data_, "--format", "json"});
    EXPECT_EQ(run.exit_code, 1);
    const boost::json::value error = ParseJson(run.err).at("error");
    EXPECT_EQ(error.at("code").as_string(), "invalid_input");
    const boost::json::array& details = error.at("details").as_array();
    ASSERT_EQ(details.size(), 2u) << run.err;
    EXPECT_EQ(details[0].at("file").as_string(), "bad.csv");
    EXPECT_EQ(details[0].at("line").as_int64(), 14);
    EXPECT_EQ(details[0].at("column").as_int64(), 6);
    EXPECT_EQ(details[0].at("field").as_string(), "channel");
    EXPECT_EQ(details[0].at("value").as_string(), "fax");
    EXPECT_EQ(details[1].at("line").as_int64(), 15);
    EXPECT_EQ(details[1].at("column").as_int64(), 7);
    EXPECT_EQ(details[1].at("value").as_string(), "2024-02-30 08:00:00");
    // Nothing of the file was stored: no U03, and the twelve dossiers are as they were.
    EXPECT_EQ(Stats("csv").out, kExpectedCsv);

    RunOutput text = RunParindex({"dossiers", "import", path, "--data", data_, "--lang", "en"});
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_NE(text.err.find("bad.csv:line 14, column 6 (channel) = \"fax\": unknown channel"), std::string::npos)
        << text.err;
}

TEST_F(DossierCli, UsageAndMissingData) {
    RunOutput none = Stats("csv");
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("parindex init"), std::string::npos) << none.err;
    ASSERT_EQ(RunParindex({"dossiers", "import", file_, "--data", data_}).exit_code, 0);
    EXPECT_EQ(RunParindex({"dossiers", "stats", "--by", "unit,week", "--data", data_}).exit_code, 2);
    EXPECT_EQ(RunParindex({"dossiers", "stats", "--format", "xml", "--data", data_}).exit_code, 2);
    EXPECT_EQ(RunParindex({"dossiers", "import", dir_.path() + "/missing.csv", "--data", data_}).exit_code, 1);
    EXPECT_EQ(RunParindex({"dossiers", "list", "--unit", "U01", "--month", "2024-3x", "--data", data_}).exit_code, 2);
}

/// kFile as another one-stop software exports it: Vietnamese headers in another order, dd/mm/yyyy times, channel
/// and status texts of its own (the mapping below turns them back).
std::string VietnameseExport() {
    const std::map<std::string, std::string> channels = {{"direct", "Trực tiếp tại quầy"},
                                                         {"online_partial", "DVC một phần"},
                                                         {"online_full", "DVC toàn trình"},
                                                         {"postal", "Qua bưu điện"}};
    const std::map<std::string, std::string> statuses = {
        {"finished", "Đã trả kết quả"}, {"processing", "Đang giải quyết"}, {"returned", "Trả lại hồ sơ"}};
    auto vn = [](const std::string& iso) {  // 2024-03-01 08:00:00 -> 01/03/2024 08:00:00
        if (iso.empty()) return iso;
        return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) + iso.substr(10);
    };
    std::string out =
        "Số hồ sơ;Trạng thái;Ngày tiếp nhận;Hạn trả;Ngày hoàn thành;Ngày trả;Đơn vị;Phòng ban;"
        "Thủ tục;Lĩnh vực;Kênh nộp;Bổ sung;Xin lỗi\n";
    std::string text = kFile;
    std::size_t start = text.find('\n') + 1;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        std::vector<std::string> c;
        std::string line = text.substr(start, end - start);
        std::size_t from = 0;
        while (true) {
            const std::size_t comma = line.find(',', from);
            c.push_back(line.substr(from, comma - from));
            if (comma == std::string::npos) break;
            from = comma + 1;
        }
        out += c[0] + ";" + statuses.at(c[12]) + ";" + vn(c[6]) + ";" + vn(c[7]) + ";" + vn(c[8]) + ";" + vn(c[9]) +
               ";" + c[1] + ";" + c[2] + ";" + c[3] + ";" + c[4] + ";" + channels.at(c[5]) + ";" + c[10] + ";" + c[11] +
               "\n";
        start = end + 1;
    }
    return out;
}

constexpr const char* kMapping = R"({
  "name": "mot-cua-ha-dong",
  "description": "Phần mềm một cửa quận Hà Đông",
  "format": "csv",
  "columns": {"id": "Số hồ sơ", "unit": "Đơn vị", "department": "Phòng ban", "procedure": "Thủ tục",
              "field": "Lĩnh vực", "channel": "Kênh nộp", "status": "Trạng thái", "received": "Ngày tiếp nhận",
              "due": "Hạn trả", "finished": "Ngày hoàn thành", "returned": "Ngày trả",
              "supplement_requests": "Bổ sung", "apology_letters": "Xin lỗi"},
  "status_values": {"Đã trả kết quả": "finished", "Đang giải quyết": "in_progress", "Trả lại hồ sơ": "returned"},
  "channel_values": {"Trực tiếp tại quầy": "direct", "DVC một phần": "online_partial",
                     "DVC toàn trình": "online_full", "Qua bưu điện": "postal"},
  "time_format": "vn",
  "dictionaries": "auto"
})";

TEST_F(DossierCli, MappingSavedThenImportedGivesTheSameFigures) {
    const std::string mapping_file = dir_.Write("mapping.json", kMapping);
    RunOutput saved = RunParindex({"dossiers", "mapping", "save", mapping_file, "--data", data_});
    ASSERT_EQ(saved.exit_code, 0) << saved.err;
    EXPECT_NE(saved.out.find("Đã lưu cấu hình ánh xạ mot-cua-ha-dong, phiên bản 1"), std::string::npos) << saved.out;
    RunOutput again = RunParindex({"dossiers", "mapping", "save", mapping_file, "--data", data_});
    EXPECT_NE(again.out.find("phiên bản 2"), std::string::npos) << again.out;

    RunOutput list = RunParindex({"dossiers", "mapping", "list", "--format", "json", "--data", data_});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    const boost::json::array mappings = ParseJson(list.out).as_array();
    ASSERT_EQ(mappings.size(), 1u);
    EXPECT_EQ(mappings[0].at("version").as_int64(), 2);
    EXPECT_EQ(mappings[0].at("columns").at("received").as_string(), "Ngày tiếp nhận");

    RunOutput show = RunParindex({"dossiers", "mapping", "show", "mot-cua-ha-dong", "--data", data_});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    EXPECT_EQ(ParseJson(show.out).at("channel_values").at("Qua bưu điện").as_string(), "postal");

    const std::string exported = dir_.Write("xuat.csv", VietnameseExport());
    RunOutput import =
        RunParindex({"dossiers", "import", exported, "--mapping", "mot-cua-ha-dong", "--data", data_, "--progress"});
    ASSERT_EQ(import.exit_code, 0) << import.err;
    EXPECT_NE(import.out.find("Đã nhập 12 hồ sơ từ xuat.csv (12 mới, 0 cập nhật) vào 4 khối"), std::string::npos)
        << import.out;
    EXPECT_NE(import.err.find("Kiểm tra dòng 100 %"), std::string::npos) << import.err;
    EXPECT_NE(import.err.find("Ghi 100 %"), std::string::npos) << import.err;
    RunOutput csv = Stats("csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.out, kExpectedCsv);

    // Re-importing the same export updates by id: nothing new, the same figures.
    RunOutput reimport = RunParindex({"dossiers", "import", exported, "--mapping", "mot-cua-ha-dong", "--data", data_});
    ASSERT_EQ(reimport.exit_code, 0) << reimport.err;
    EXPECT_NE(reimport.out.find("(0 mới, 12 cập nhật)"), std::string::npos) << reimport.out;
    EXPECT_EQ(Stats("csv").out, kExpectedCsv);

    RunOutput unknown = RunParindex({"dossiers", "import", exported, "--mapping", "khong-co", "--data", data_});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("Không có cấu hình ánh xạ khong-co"), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("mot-cua-ha-dong"), std::string::npos) << unknown.err;

    RunOutput removed = RunParindex({"dossiers", "mapping", "delete", "mot-cua-ha-dong", "--data", data_});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    RunOutput gone = RunParindex({"dossiers", "mapping", "show", "mot-cua-ha-dong", "--data", data_});
    EXPECT_EQ(gone.exit_code, 1);
}

TEST_F(DossierCli, SkipBadRowsImportsExactlyTheGoodRowsAndReportsTheBadOnes) {
    std::string text = kFile;
    // Line 6 (A5): a month 13; line 13 (B3): an unknown channel.
    text.replace(text.find("2024-03-05 08:00:00"), 19, "2024-13-05 08:00:00");
    text.replace(text.find("B3,U02,D3,P4,F3,online_partial"), 30, "B3,U02,D3,P4,F3,fax");
    const std::string file = dir_.Write("loi.csv", text);

    RunOutput rejected = RunParindex({"dossiers", "import", file, "--data", data_});
    EXPECT_EQ(rejected.exit_code, 1);
    EXPECT_NE(rejected.err.find("có 2 lỗi; không hồ sơ nào được nhập"), std::string::npos) << rejected.err;

    const std::string report = dir_.path() + "/bao-cao.csv";
    RunOutput kept = RunParindex(
        {"dossiers", "import", file, "--skip-bad-rows", "--report", report, "--format", "json", "--data", data_});
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    const boost::json::value summary = ParseJson(kept.out);
    EXPECT_EQ(summary.at("rows").as_int64(), 10);
    EXPECT_EQ(summary.at("inserted").as_int64(), 10);
    EXPECT_EQ(summary.at("skipped").as_int64(), 2);
    EXPECT_EQ(summary.at("report").as_string(), report);

    std::ifstream in(report, std::ios::binary);
    const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(written.find("\n6,7,,received_at,2024-13-05 08:00:00,"), std::string::npos) << written;
    EXPECT_NE(written.find("\n13,6,,channel,fax,"), std::string::npos) << written;
    EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 3);

    // The stats hold the ten good dossiers: kExpectedCsv's totals less A5 (U01 March) and B3 (U02 April).
    RunOutput json = Stats("json");
    ASSERT_EQ(json.exit_code, 0) << json.err;
    std::map<std::string, std::int64_t> totals;
    const boost::json::value parsed = ParseJson(json.out);
    for (const auto& row : parsed.at("rows").as_array()) {
        totals[std::string(row.at("unit").as_string()) + " " + std::string(row.at("month").as_string())] =
            row.at("total").as_int64();
    }
    EXPECT_EQ(totals,
              (std::map<std::string, std::int64_t>{{"U01 2024-03", 5}, {"U01 2024-04", 3}, {"U02 2024-03", 2}}));

    RunOutput xlsx = RunParindex(
        {"dossiers", "import", file, "--skip-bad-rows", "--report", dir_.path() + "/bao-cao.xlsx", "--data", data_});
    ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
    EXPECT_NE(xlsx.out.find("(0 mới, 10 cập nhật)"), std::string::npos) << xlsx.out;
    EXPECT_NE(xlsx.out.find("Bỏ qua 2 dòng lỗi"), std::string::npos) << xlsx.out;
    EXPECT_TRUE(std::filesystem::exists(dir_.path() + "/bao-cao.xlsx"));
}

}  // namespace
}  // namespace parindex::testing
