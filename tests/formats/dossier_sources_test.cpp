// Dossier exports through a mapping profile: .xlsx, JSON and CSV with other headers into the same batch as the
// benchmark reader; value maps, time formats (around midnight and month ends), strict and auto dictionaries,
// skipped bad rows, and every error's place (line and column, sheet cell, JSON path).
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>
#include <string>
#include <vector>

#include "domain/dossier_mapping.hpp"
#include "formats/dossier_csv.hpp"
#include "formats/dossier_sources.hpp"
#include "test_support.hpp"

namespace parindex::testing {
namespace {

namespace fs = std::filesystem;

/// A mapping of a one-stop export with Vietnamese headers.
DossierMapping VietnameseMapping(DossierSourceFormat format) {
    DossierMapping m;
    m.name = "mot-cua";
    m.format = format;
    m.Column(DossierField::kId) = "Mã hồ sơ";
    m.Column(DossierField::kUnit) = "Đơn vị";
    m.Column(DossierField::kDepartment) = "Bộ phận";
    m.Column(DossierField::kProcedure) = "Mã thủ tục";
    m.Column(DossierField::kProcedureName) = "Tên thủ tục";
    m.Column(DossierField::kField) = "Lĩnh vực";
    m.Column(DossierField::kChannel) = "Hình thức";
    m.Column(DossierField::kStatus) = "Tình trạng";
    m.Column(DossierField::kReceived) = "Ngày nhận";
    m.Column(DossierField::kDue) = "Hạn trả";
    m.Column(DossierField::kFinished) = "Ngày xong";
    m.Column(DossierField::kSupplements) = "Số lần bổ sung";
    m.Column(DossierField::kApologies) = "Xin lỗi";
    m.status_values = {
        {"Đã trả kết quả", "finished"}, {"Đang giải quyết", "in_progress"}, {"Công dân rút", "withdrawn"}};
    m.channel_values = {
        {"Nộp tại quầy", "direct"}, {"DVC toàn trình", "online_full"}, {"DVC một phần", "online_partial"}};
    m.time_format = DossierTimeFormat::kVn;
    return m;
}

const std::vector<std::string> kHeaders = {"Mã hồ sơ",  "Đơn vị",         "Bộ phận",    "Mã thủ tục", "Tên thủ tục",
                                           "Lĩnh vực",  "Hình thức",      "Tình trạng", "Ngày nhận",  "Hạn trả",
                                           "Ngày xong", "Số lần bổ sung", "Xin lỗi"};

/// Rows around midnight and month ends: a dossier received at 23:59:59 on 31/01 belongs to January, one at
/// 00:00 on 01/02 to February, the leap day 29/02/2024 exists.
const std::vector<std::vector<std::string>> kRows = {
    {"HS-001", "lakhe", "tp-ht", "1.001", "Đăng ký khai sinh", "ho-tich", "DVC toàn trình", "Đã trả kết quả",
     "31/01/2024 23:59:59", "02/02/2024 17:00", "01/02/2024 00:30", "0", "0"},
    {"HS-002", "lakhe", "tp-ht", "1.001", "Đăng ký khai sinh", "ho-tich", "Nộp tại quầy", "Đang giải quyết",
     "01/02/2024 00:00", "29/02/2024 23:59:59", "", "2", "1"},
    {"HS-003", "lakhe", "dc", "2.002", "Cấp giấy chứng nhận", "dat-dai", "dvc MỘT PHẦN", "Đã trả kết quả",
     "29/02/2024 23:59:59", "01/03/2024 08:00", "05/03/2024 07:00", "1", "0"},
};

void WriteXlsx(const fs::path& path, const std::string& sheet_name, const std::vector<std::string>& headers,
               const std::vector<std::vector<std::string>>& rows, bool title_row) {
    lxw_workbook* book = workbook_new(path.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
    lxw_row_t r = 0;
    if (title_row) worksheet_write_string(sheet, r++, 0, "BÁO CÁO HỒ SƠ MỘT CỬA", nullptr);
    for (std::size_t c = 0; c < headers.size(); ++c)
        worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), headers[c].c_str(), nullptr);
    ++r;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (!row[c].empty()) worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
        }
        ++r;
    }
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
}

void WriteText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string Csv(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
    auto line = [](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + cells[i];
        return text + "\n";
    };
    std::string text = line(headers);
    for (const auto& row : rows) text += line(row);
    return text;
}

struct Row {
    std::string id;
    std::string unit, department, procedure, field;
    CompactDossier row;
};

std::vector<Row> RowsOf(const DossierBatch& batch) {
    std::vector<Row> rows;
    for (const auto& part : batch.parts) {
        for (const CompactDossier& r : part.rows) {
            rows.push_back({std::string(part.IdOf(r)), batch.units[r.unit], batch.departments[r.department],
                            batch.procedures[r.procedure], batch.fields[r.field], r});
        }
    }
    return rows;
}

std::string Iso(CompactTime time) { return time == kNoCompactTime ? "" : ToLocalTime(time).Iso(); }

/// The three rows of kRows as read, checked field by field against the texts of kRows.
void ExpectTheThreeRows(const DossierSourceRead& read) {
    const auto rows = RowsOf(read.batch);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(read.rows, 3);
    EXPECT_EQ(read.bad_rows, 0);
    EXPECT_EQ(rows[0].id, "HS-001");
    EXPECT_EQ(rows[0].unit, "lakhe");
    EXPECT_EQ(rows[0].department, "tp-ht");
    EXPECT_EQ(rows[0].procedure, "1.001");
    EXPECT_EQ(rows[0].field, "ho-tich");
    EXPECT_EQ(static_cast<Channel>(rows[0].row.channel), Channel::kOnlineFull);
    EXPECT_EQ(static_cast<DossierStatus>(rows[0].row.status), DossierStatus::kFinished);
    EXPECT_EQ(Iso(rows[0].row.received), "2024-01-31 23:59:59");
    EXPECT_EQ(ToLocalTime(rows[0].row.received).Date().month, 1);
    EXPECT_EQ(Iso(rows[0].row.due), "2024-02-02 17:00:00");
    EXPECT_EQ(Iso(rows[0].row.finished), "2024-02-01 00:30:00");
    EXPECT_EQ(static_cast<Channel>(rows[1].row.channel), Channel::kDirect);
    EXPECT_EQ(static_cast<DossierStatus>(rows[1].row.status), DossierStatus::kInProgress);
    EXPECT_EQ(Iso(rows[1].row.received), "2024-02-01 00:00:00");
    EXPECT_EQ(ToLocalTime(rows[1].row.received).Date().month, 2);
    EXPECT_EQ(Iso(rows[1].row.due), "2024-02-29 23:59:59");
    EXPECT_EQ(rows[1].row.finished, kNoCompactTime);
    EXPECT_EQ(rows[1].row.supplement_requests, 2);
    EXPECT_EQ(rows[1].row.apology_letters, 1);
    // The channel map matched after folding case ("dvc MỘT PHẦN").
    EXPECT_EQ(static_cast<Channel>(rows[2].row.channel), Channel::kOnlinePartial);
    EXPECT_EQ(Iso(rows[2].row.received), "2024-02-29 23:59:59");
    EXPECT_EQ(rows[2].field, "dat-dai");
    EXPECT_EQ(read.batch.units, (std::vector<std::string>{"lakhe"}));
    EXPECT_EQ(read.procedure_names.at("1.001"), "Đăng ký khai sinh");
    EXPECT_EQ(read.procedure_names.at("2.002"), "Cấp giấy chứng nhận");
    ASSERT_EQ(read.batch.procedure_names.size(), read.batch.procedures.size());
    EXPECT_EQ(read.batch.procedure_names[rows[2].row.procedure], "Cấp giấy chứng nhận");
}

TEST(DossierSources, XlsxWithAMappingAndAHeaderOnRowTwo) {
    const fs::path dir = TempDir("dossier_xlsx");
    WriteXlsx(dir / "export.xlsx", "Hồ sơ", kHeaders, kRows, true);
    DossierMapping mapping = VietnameseMapping(DossierSourceFormat::kXlsx);
    mapping.sheet = "Hồ sơ";
    mapping.header_row = 2;
    auto read = ReadDossierSource((dir / "export.xlsx").string(), "export.xlsx", mapping);
    ASSERT_TRUE(read.Ok()) << Describe(read.GetError());
    ExpectTheThreeRows(*read);
}

TEST(DossierSources, CsvWithOtherHeadersEqualsTheXlsx) {
    const fs::path dir = TempDir("dossier_mapped_csv");
    WriteText(dir / "export.csv", Csv(kHeaders, kRows));
    auto read =
        ReadDossierSource((dir / "export.csv").string(), "export.csv", VietnameseMapping(DossierSourceFormat::kCsv));
    ASSERT_TRUE(read.Ok()) << Describe(read.GetError());
    ExpectTheThreeRows(*read);
}

std::string JsonExport() {
    std::string items;
    for (std::size_t r = 0; r < kRows.size(); ++r) {
        items += r ? "," : "";
        items += "{";
        for (std::size_t c = 0; c < kHeaders.size(); ++c) {
            if (c) items += ",";
            if (kHeaders[c] == "Đơn vị") {
                items += "\"don_vi\": {\"ma\": \"" + kRows[r][c] + "\"}";
            } else if (kHeaders[c] == "Số lần bổ sung" || kHeaders[c] == "Xin lỗi") {
                items += "\"" + kHeaders[c] + "\": " + kRows[r][c];
            } else if (kRows[r][c].empty()) {
                items += "\"" + kHeaders[c] + "\": null";
            } else {
                items += "\"" + kHeaders[c] + "\": \"" + kRows[r][c] + "\"";
            }
        }
        items += "}";
    }
    return "{\"status\": \"ok\", \"data\": {\"total\": 3, \"items\": [" + items + "]}}";
}

TEST(DossierSources, JsonRecordsAtAPathWithNestedKeys) {
    const fs::path dir = TempDir("dossier_json");
    WriteText(dir / "export.json", JsonExport());
    DossierMapping mapping = VietnameseMapping(DossierSourceFormat::kJson);
    mapping.json_path = "data.items";
    mapping.Column(DossierField::kUnit) = "don_vi.ma";
    auto read = ReadDossierSource((dir / "export.json").string(), "export.json", mapping);
    ASSERT_TRUE(read.Ok()) << Describe(read.GetError());
    ExpectTheThreeRows(*read);
}

TEST(DossierSources, JsonErrorsNameThePath) {
    const fs::path dir = TempDir("dossier_json_bad");
    std::string text = JsonExport();
    text.replace(text.find("01/02/2024 00:00"), 16, "31/02/2024 00:00");  // no 31 February
    WriteText(dir / "bad.json", text);
    DossierMapping mapping = VietnameseMapping(DossierSourceFormat::kJson);
    mapping.json_path = "data.items";
    mapping.Column(DossierField::kUnit) = "don_vi.ma";
    auto read = ReadDossierSource((dir / "bad.json").string(), "bad.json", mapping);
    ASSERT_FALSE(read.Ok());
    ASSERT_EQ(read.GetError().details.size(), 1u) << Describe(read.GetError());
    const ErrorDetail& d = read.GetError().details[0];
    EXPECT_EQ(d.path, "$.data.items[1].Ngày nhận");
    EXPECT_EQ(d.value, "31/02/2024 00:00");
    EXPECT_EQ(d.file, "bad.json");
    EXPECT_NE(d.reason.vi.find("dd/mm/yyyy"), std::string::npos);

    mapping.json_path = "data.rows";
    auto missing = ReadDossierSource((dir / "bad.json").string(), "bad.json", mapping);
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.GetError().details[0].path, "$.data");
    EXPECT_EQ(missing.GetError().details[0].field, "rows");
}

TEST(DossierSources, XlsxErrorsNameTheCellAndSkipBadRowsKeepsTheGoodOnes) {
    const fs::path dir = TempDir("dossier_xlsx_bad");
    auto rows = kRows;
    rows[1][6] = "Qua bưu điện?";        // channel not in the map (column G)
    rows[2][8] = "2024-02-29 23:59:59";  // ISO while the mapping says vn (column I)
    WriteXlsx(dir / "bad.xlsx", "Hồ sơ", kHeaders, rows, false);
    DossierMapping mapping = VietnameseMapping(DossierSourceFormat::kXlsx);
    auto rejected = ReadDossierSource((dir / "bad.xlsx").string(), "bad.xlsx", mapping);
    ASSERT_FALSE(rejected.Ok());
    const auto& details = rejected.GetError().details;
    ASSERT_EQ(details.size(), 2u) << Describe(rejected.GetError());
    EXPECT_EQ(details[0].path, "'Hồ sơ'!G3");
    EXPECT_EQ(*details[0].line, 3);
    EXPECT_EQ(*details[0].column, 7);
    EXPECT_EQ(details[0].field, "Hình thức");
    EXPECT_EQ(details[0].value, "Qua bưu điện?");
    EXPECT_EQ(details[1].path, "'Hồ sơ'!I4");
    EXPECT_EQ(details[1].value, "2024-02-29 23:59:59");
    EXPECT_NE(rejected.GetError().message.vi.find("không hồ sơ nào được nhập"), std::string::npos);

    DossierSourceOptions options;
    options.skip_bad_rows = true;
    auto kept = ReadDossierSource((dir / "bad.xlsx").string(), "bad.xlsx", mapping, options);
    ASSERT_TRUE(kept.Ok()) << Describe(kept.GetError());
    const auto good = RowsOf(kept->batch);
    ASSERT_EQ(good.size(), 1u);
    EXPECT_EQ(good[0].id, "HS-001");
    EXPECT_EQ(kept->rows, 3);
    EXPECT_EQ(kept->bad_rows, 2);
    EXPECT_EQ(kept->error_count, 2);
    ASSERT_EQ(kept->errors.size(), 2u);

    const std::string report = DossierErrorReportCsv(kept->errors);
    EXPECT_EQ(report.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(report.find("dòng,cột,vị trí,trường,giá trị,lý do,reason\n"), std::string::npos);
    EXPECT_NE(report.find("\n3,7,'Hồ sơ'!G3,Hình thức,Qua bưu điện?,"), std::string::npos) << report;
    EXPECT_NE(report.find("\n4,9,'Hồ sơ'!I4,Ngày nhận,2024-02-29 23:59:59,"), std::string::npos) << report;

    ASSERT_TRUE(WriteDossierErrorReportXlsx(kept->errors, (dir / "report.xlsx").string()).Ok());
    auto table = ReadXlsx((dir / "report.xlsx").string(), "report.xlsx");
    ASSERT_TRUE(table.Ok()) << Describe(table.GetError());
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->headers[0], "Dòng");
    EXPECT_EQ(table->rows[0].cells[0], "3");
    EXPECT_EQ(table->rows[0].cells[2], "'Hồ sơ'!G3");
}

TEST(DossierSources, MappedCsvErrorsNameLineAndColumn) {
    const fs::path dir = TempDir("dossier_csv_bad");
    auto rows = kRows;
    rows[0][11] = "ba";  // supplement requests not a number (column L = 12)
    rows[2][0] = "";     // no id
    WriteText(dir / "bad.csv", Csv(kHeaders, rows));
    auto read = ReadDossierSource((dir / "bad.csv").string(), "bad.csv", VietnameseMapping(DossierSourceFormat::kCsv));
    ASSERT_FALSE(read.Ok());
    const auto& details = read.GetError().details;
    ASSERT_EQ(details.size(), 2u) << Describe(read.GetError());
    EXPECT_EQ(*details[0].line, 2);
    EXPECT_EQ(*details[0].column, 12);
    EXPECT_EQ(details[0].field, "Số lần bổ sung");
    EXPECT_EQ(details[0].value, "ba");
    EXPECT_EQ(*details[1].line, 4);
    EXPECT_EQ(*details[1].column, 1);
    EXPECT_EQ(details[1].reason.vi, "thiếu mã hồ sơ");
}

TEST(DossierSources, AMissingMappedColumnIsNamed) {
    const fs::path dir = TempDir("dossier_missing_column");
    auto headers = kHeaders;
    headers[9] = "Hạn xử lý";  // not "Hạn trả"
    WriteText(dir / "x.csv", Csv(headers, kRows));
    auto read = ReadDossierSource((dir / "x.csv").string(), "x.csv", VietnameseMapping(DossierSourceFormat::kCsv));
    ASSERT_FALSE(read.Ok());
    ASSERT_EQ(read.GetError().details.size(), 1u);
    EXPECT_EQ(read.GetError().details[0].field, "due");
    EXPECT_EQ(read.GetError().details[0].value, "Hạn trả");
}

TEST(DossierSources, HeadersMatchAfterFoldingCaseSpacesAndDiacritics) {
    const fs::path dir = TempDir("dossier_folded");
    auto headers = kHeaders;
    headers[8] = "NGAY_NHAN";  // "Ngày nhận" folded
    headers[0] = "  mã  hồ sơ ";
    WriteText(dir / "x.csv", Csv(headers, kRows));
    auto read = ReadDossierSource((dir / "x.csv").string(), "x.csv", VietnameseMapping(DossierSourceFormat::kCsv));
    ASSERT_TRUE(read.Ok()) << Describe(read.GetError());
    EXPECT_EQ(RowsOf(read->batch).size(), 3u);
}

TEST(DossierSources, TimeFormatsIsoVnAndAuto) {
    EXPECT_TRUE(ParseMappedTime("2024-01-31 23:59:59", DossierTimeFormat::kIso));
    EXPECT_FALSE(ParseMappedTime("31/01/2024 23:59", DossierTimeFormat::kIso));
    EXPECT_TRUE(ParseMappedTime("31/01/2024 23:59", DossierTimeFormat::kVn));
    EXPECT_TRUE(ParseMappedTime("1/2/2024 0:00", DossierTimeFormat::kVn));
    EXPECT_FALSE(ParseMappedTime("2024-01-31 23:59:59", DossierTimeFormat::kVn));
    EXPECT_EQ(ParseMappedTime("31/01/2024 23:59", DossierTimeFormat::kAuto)->Iso(), "2024-01-31 23:59:00");
    EXPECT_EQ(ParseMappedTime("2024-01-31 23:59", DossierTimeFormat::kAuto)->Iso(), "2024-01-31 23:59:00");
    EXPECT_FALSE(ParseMappedTime("29/02/2023 10:00", DossierTimeFormat::kAuto));
    EXPECT_FALSE(ParseMappedTime("31/04/2024 10:00", DossierTimeFormat::kVn));
    EXPECT_EQ(ParseMappedTime("30/04/2024 24:00", DossierTimeFormat::kVn), std::nullopt);
}

TEST(DossierSources, StrictDictionariesCheckUnitsAndDepartmentsAutoAddsThem) {
    const fs::path dir = TempDir("dossier_strict");
    auto rows = kRows;
    rows[2][2] = "khong-co";  // a department the unit lacks
    rows[1][1] = "nowhere";   // a unit not in the register
    WriteText(dir / "x.csv", Csv(kHeaders, rows));
    DossierUnitRegister units = {{"lakhe", {"tp-ht", "dc"}}};
    DossierSourceOptions options;
    options.register_units = &units;
    DossierMapping strict = VietnameseMapping(DossierSourceFormat::kCsv);
    strict.dictionaries = DossierDictionaryMode::kStrict;
    auto rejected = ReadDossierSource((dir / "x.csv").string(), "x.csv", strict, options);
    ASSERT_FALSE(rejected.Ok());
    const auto& details = rejected.GetError().details;
    ASSERT_EQ(details.size(), 2u) << Describe(rejected.GetError());
    EXPECT_EQ(*details[0].line, 3);
    EXPECT_EQ(details[0].value, "nowhere");
    EXPECT_EQ(details[0].reason.vi, "đơn vị không có trong danh mục đơn vị");
    EXPECT_EQ(*details[1].line, 4);
    EXPECT_EQ(details[1].value, "khong-co");
    EXPECT_EQ(*details[1].column, 3);

    DossierMapping automatic = strict;
    automatic.dictionaries = DossierDictionaryMode::kAuto;
    auto accepted = ReadDossierSource((dir / "x.csv").string(), "x.csv", automatic, options);
    ASSERT_TRUE(accepted.Ok()) << Describe(accepted.GetError());
    EXPECT_EQ(accepted->batch.departments, (std::vector<std::string>{"tp-ht", "khong-co"}));
    EXPECT_EQ(accepted->batch.units, (std::vector<std::string>{"lakhe", "nowhere"}));
}

TEST(DossierSources, DefaultUnitWhenTheFileHasNone) {
    const fs::path dir = TempDir("dossier_default_unit");
    std::vector<std::string> headers = kHeaders;
    std::vector<std::vector<std::string>> rows = kRows;
    headers.erase(headers.begin() + 1);
    for (auto& row : rows) row.erase(row.begin() + 1);
    WriteText(dir / "x.csv", Csv(headers, rows));
    DossierMapping mapping = VietnameseMapping(DossierSourceFormat::kCsv);
    mapping.Column(DossierField::kUnit).clear();
    DossierSourceOptions options;
    options.importing_unit = "vankhe";
    auto read = ReadDossierSource((dir / "x.csv").string(), "x.csv", mapping, options);
    ASSERT_TRUE(read.Ok()) << Describe(read.GetError());
    EXPECT_EQ(read->batch.units, (std::vector<std::string>{"vankhe"}));
    mapping.default_unit = "lakhe";
    read = ReadDossierSource((dir / "x.csv").string(), "x.csv", mapping, options);
    ASSERT_TRUE(read.Ok());
    EXPECT_EQ(read->batch.units, (std::vector<std::string>{"lakhe"}));
    auto none = ReadDossierSource((dir / "x.csv").string(), "x.csv", VietnameseMapping(DossierSourceFormat::kCsv));
    ASSERT_FALSE(none.Ok());
}

TEST(DossierSources, TheBenchmarkMappingReadsWhatTheFastReaderReads) {
    const std::string text =
        "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
        "returned_at,supplement_requests,apology_letters,status\n"
        "A1,U1,D1,P1,F1,online_full,2024-01-05 08:00:00,2024-01-10 17:00:00,2024-01-08 09:00:00,,0,0,finished\n"
        "A2,U2,D2,P2,F2,direct,2024-02-29 23:59:59,2024-03-05 17:00:00,,,2,1,\n";
    const fs::path dir = TempDir("dossier_benchmark_mapping");
    WriteText(dir / "b.csv", text);
    auto fast = ReadDossierCsv((dir / "b.csv").string(), "b.csv");
    auto mapped = ReadDossierSource((dir / "b.csv").string(), "b.csv", BenchmarkDossierMapping());
    ASSERT_TRUE(fast.Ok());
    ASSERT_TRUE(mapped.Ok()) << Describe(mapped.GetError());
    const auto a = RowsOf(*fast);
    const auto b = RowsOf(mapped->batch);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].id, b[i].id);
        EXPECT_EQ(a[i].unit, b[i].unit);
        EXPECT_EQ(a[i].row.received, b[i].row.received);
        EXPECT_EQ(a[i].row.finished, b[i].row.finished);
        EXPECT_EQ(a[i].row.status, b[i].row.status);
        EXPECT_EQ(a[i].row.channel, b[i].row.channel);
        EXPECT_EQ(a[i].row.supplement_requests, b[i].row.supplement_requests);
    }
}

TEST(DossierSources, MappingJsonRoundTripAndValidation) {
    DossierMapping mapping = VietnameseMapping(DossierSourceFormat::kXlsx);
    mapping.sheet = "Hồ sơ";
    mapping.header_row = 2;
    mapping.dictionaries = DossierDictionaryMode::kStrict;
    auto back = DossierMappingFromJson(DossierMappingToJson(mapping), "m.json");
    ASSERT_TRUE(back.Ok()) << Describe(back.GetError());
    EXPECT_EQ(back->columns, mapping.columns);
    EXPECT_EQ(back->status_values, mapping.status_values);
    EXPECT_EQ(back->channel_values, mapping.channel_values);
    EXPECT_EQ(back->sheet, "Hồ sơ");
    EXPECT_EQ(back->header_row, 2);
    EXPECT_EQ(back->format, DossierSourceFormat::kXlsx);
    EXPECT_EQ(back->time_format, DossierTimeFormat::kVn);
    EXPECT_EQ(back->dictionaries, DossierDictionaryMode::kStrict);

    auto bad = DossierMappingFromJson(
        R"({"name": "x y", "format": "ods", "columns": {"id": "Mã", "due": "Mã", "ngay": "A"},
            "status_values": {"Xong": "done"}, "colour": 1})",
        "bad.json");
    ASSERT_FALSE(bad.Ok());
    std::vector<std::string> fields;
    for (const ErrorDetail& d : bad.GetError().details) fields.push_back(d.field);
    for (const char* expected : {"format", "columns.ngay", "colour", "name", "columns.channel", "columns.received",
                                 "columns.due", "status_values.Xong"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
    }
}

TEST(DossierSources, PreviewShowsHeadersAndFirstRows) {
    const fs::path dir = TempDir("dossier_preview");
    WriteXlsx(dir / "p.xlsx", "Hồ sơ", kHeaders, kRows, true);
    auto preview = PreviewDossierSource((dir / "p.xlsx").string(), "p.xlsx", DossierSourceFormat::kXlsx, "", "", 2, 2);
    ASSERT_TRUE(preview.Ok()) << Describe(preview.GetError());
    EXPECT_EQ(preview->headers, kHeaders);
    EXPECT_EQ(preview->total_rows, 3);
    ASSERT_EQ(preview->rows.size(), 2u);
    EXPECT_EQ(preview->rows[1][0], "HS-002");

    WriteText(dir / "p.json", JsonExport());
    auto json =
        PreviewDossierSource((dir / "p.json").string(), "p.json", DossierSourceFormat::kJson, "data.items", "", 1, 20);
    ASSERT_TRUE(json.Ok()) << Describe(json.GetError());
    EXPECT_EQ(json->headers[1], "don_vi.ma");
    EXPECT_EQ(json->rows[2][1], "lakhe");
    EXPECT_EQ(json->rows[1][11], "2");
}

}  // namespace
}  // namespace parindex::testing
