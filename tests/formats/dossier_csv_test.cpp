// The fast reader of the dossier benchmark layout: good files in every accepted shape, and bad rows listed with
// their line, column, field, value and reason, the file rejected whole.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

#include "formats/dossier_csv.hpp"
#include "test_support.hpp"

namespace parindex::testing {
namespace {

constexpr const char* kHeader =
    "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
    "returned_at,supplement_requests,apology_letters,status\n";

std::string Good() {
    return std::string(kHeader) +
           "HS1,U1,D1,P1,F1,online_full,2024-01-05 08:00:00,2024-01-10 17:00:00,2024-01-08 09:00:00,,0,0,finished\n"
           "HS2,U2,D2,P2,F2,direct,2024-02-29 23:59:59,2024-03-05 17:00:00,,,2,1,processing\n"
           "HS3,U1,D1,P3,F1,postal,2024-01-31 10:00:00,2024-02-02 17:00:00,,2024-02-01 10:00:00,1,0,returned\n";
}

/// All rows of a batch in file order, with their ids.
std::vector<std::pair<std::string, CompactDossier>> Rows(const DossierBatch& batch) {
    std::vector<std::pair<std::string, CompactDossier>> rows;
    for (const auto& part : batch.parts) {
        for (const CompactDossier& row : part.rows) rows.emplace_back(std::string(part.IdOf(row)), row);
    }
    return rows;
}

CompactTime At(const char* text) { return *ToCompactTime(*ParseLocalTime(text)); }

TEST(DossierCsv, ReadsTheBenchmarkLayout) {
    auto batch = ParseDossierCsv(Good(), "good.csv");
    ASSERT_TRUE(batch.Ok()) << Describe(batch.GetError());
    const auto rows = Rows(*batch);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].first, "HS1");
    EXPECT_EQ(rows[2].first, "HS3");
    EXPECT_EQ(batch->units, (std::vector<std::string>{"U1", "U2"}));
    EXPECT_EQ(batch->procedures, (std::vector<std::string>{"P1", "P2", "P3"}));
    const CompactDossier& first = rows[0].second;
    EXPECT_EQ(batch->units[first.unit], "U1");
    EXPECT_EQ(static_cast<Channel>(first.channel), Channel::kOnlineFull);
    EXPECT_EQ(first.received, At("2024-01-05 08:00:00"));
    EXPECT_EQ(first.due, At("2024-01-10 17:00:00"));
    EXPECT_EQ(first.finished, At("2024-01-08 09:00:00"));
    EXPECT_EQ(first.returned, kNoCompactTime);
    EXPECT_EQ(static_cast<DossierStatus>(first.status), DossierStatus::kFinished);
    const CompactDossier& second = rows[1].second;
    EXPECT_EQ(second.finished, kNoCompactTime);
    EXPECT_EQ(second.supplement_requests, 2);
    EXPECT_EQ(second.apology_letters, 1);
    EXPECT_EQ(static_cast<DossierStatus>(second.status), DossierStatus::kInProgress);
    EXPECT_EQ(ToLocalTime(second.received).Iso(), "2024-02-29 23:59:59");
    EXPECT_EQ(static_cast<DossierStatus>(rows[2].second.status), DossierStatus::kReturnedUnprocessed);
    EXPECT_EQ(rows[2].second.returned, At("2024-02-01 10:00:00"));
}

TEST(DossierCsv, AcceptsBomCrlfSemicolonsQuotesAndColumnsInAnyOrder) {
    const std::string text =
        "\xEF\xBB\xBF"
        "status;channel;dossier_id;unit_code;department_code;procedure_code;field_code;received_at;due_at;"
        "finished_at;returned_at;supplement_requests;apology_letters;note\r\n"
        "finished;online_partial;\"HS;1\";\"U\"\"1\";D1;P1;F1;05/01/2024 08:00;10/01/2024 17:00;2024-01-08T09:00:00;"
        ";0;0;\"a note\r\nover two lines\"\r\n"
        "\r\n"
        ";direct;HS2;Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng;D1;P1;F1;2024-01-06 08:00:00;2024-01-09 17:00:00;;;;;x\r\n";
    auto batch = ParseDossierCsv(text, "shapes.csv");
    ASSERT_TRUE(batch.Ok()) << Describe(batch.GetError());
    const auto rows = Rows(*batch);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].first, "HS;1");
    EXPECT_EQ(batch->units[rows[0].second.unit], "U\"1");
    EXPECT_EQ(rows[0].second.received, At("2024-01-05 08:00:00"));
    EXPECT_EQ(rows[0].second.finished, At("2024-01-08 09:00:00"));
    // The decomposed "Phường" is stored in NFC; an empty status is derived from finished_at.
    EXPECT_EQ(batch->units[rows[1].second.unit], "Ph\xC6\xB0\xE1\xBB\x9Dng");
    EXPECT_EQ(static_cast<DossierStatus>(rows[1].second.status), DossierStatus::kInProgress);
    EXPECT_EQ(rows[1].second.supplement_requests, 0);
}

TEST(DossierCsv, ListsEveryBadRowWithLineAndColumnAndRejectsTheFile) {
    const std::string text = std::string(kHeader) +
                             "HS1,U1,D1,P1,F1,online_full,2024-01-05 08:00:00,2024-01-10 17:00:00,,,0,0,processing\n"
                             "HS2,U1,D1,P1,F1,by_pigeon,2024-13-05 08:00:00,2024-01-10 17:00:00,,,x,0,processing\n"
                             "HS3,U1,D1,P1,F1,direct,2024-01-05 08:00:00\n"
                             ",U1,D1,P1,F1,direct,2024-01-05 08:00:00,2024-01-04 17:00:00,,,0,300,processing\n";
    auto batch = ParseDossierCsv(text, "bad.csv");
    ASSERT_FALSE(batch.Ok());
    const Error& error = batch.GetError();
    EXPECT_EQ(error.code, ErrorCode::kInvalidInput);
    EXPECT_NE(error.message.en.find("File bad.csv has 7 errors; nothing was imported"), std::string::npos)
        << error.message.en;
    ASSERT_EQ(error.details.size(), 7u) << Describe(error);
    auto expect = [&](std::size_t i, std::int64_t line, std::optional<std::int64_t> column, const std::string& field,
                      const std::string& value, const std::string& reason) {
        SCOPED_TRACE(i);
        const ErrorDetail& d = error.details[i];
        EXPECT_EQ(d.file, "bad.csv");
        EXPECT_EQ(d.line, line);
        EXPECT_EQ(d.column, column);
        EXPECT_EQ(d.field, field);
        EXPECT_EQ(d.value, value);
        EXPECT_NE(d.reason.en.find(reason), std::string::npos) << d.reason.en;
        EXPECT_FALSE(d.reason.vi.empty());
    };
    expect(0, 3, 6, "channel", "by_pigeon", "unknown channel");
    expect(1, 3, 7, "received_at", "2024-13-05 08:00:00", "invalid time");
    expect(2, 3, 11, "supplement_requests", "x", "whole number");
    expect(3, 4, std::nullopt, "", "", "the line has 7 columns, the header has 13");
    expect(4, 5, 1, "dossier_id", "", "the dossier id is missing");
    expect(5, 5, 12, "apology_letters", "300", "0 to 255");
    expect(6, 5, 8, "due_at", "2024-01-04 17:00:00", "due before it was received");
}

TEST(DossierCsv, InconsistentStatusAndTimesAreErrors) {
    const std::string text =
        std::string(kHeader) +
        "HS1,U1,D1,P1,F1,direct,2024-01-05 08:00:00,2024-01-10 17:00:00,,,0,0,finished\n"
        "HS2,U1,D1,P1,F1,direct,2024-01-05 08:00:00,2024-01-10 17:00:00,2024-01-04 08:00:00,,0,0,finished\n"
        "HS3,U1,D1,P1,F1,direct,2024-01-05 08:00:00,2024-01-10 17:00:00,2024-01-06 08:00:00,,0,0,processing\n"
        "HS4,U1,D1,P1,F1,direct,2024-01-05 08:00:00,2024-01-10 17:00:00,,,0,0,lost\n";
    auto batch = ParseDossierCsv(text, "status.csv");
    ASSERT_FALSE(batch.Ok());
    const auto& d = batch.GetError().details;
    ASSERT_EQ(d.size(), 4u) << Describe(batch.GetError());
    EXPECT_EQ(d[0].line, 2);
    EXPECT_EQ(d[0].field, "status");
    EXPECT_EQ(d[1].line, 3);
    EXPECT_EQ(d[1].field, "finished_at");
    EXPECT_EQ(d[2].line, 4);
    EXPECT_EQ(d[2].field, "status");
    EXPECT_EQ(d[3].line, 5);
    EXPECT_EQ(d[3].value, "lost");
}

TEST(DossierCsv, MissingColumnsAreNamed) {
    auto batch = ParseDossierCsv("dossier_id,unit_code,channel\nHS1,U1,direct\n", "cols.csv");
    ASSERT_FALSE(batch.Ok());
    EXPECT_EQ(batch.GetError().details.size(), 10u);
    EXPECT_EQ(batch.GetError().details[0].field, "department_code");
    EXPECT_EQ(batch.GetError().details[0].line, 1);
}

TEST(DossierCsv, ErrorListIsCappedButCounted) {
    std::string text = kHeader;
    for (int i = 0; i < 25; ++i) {
        text += "HS" + std::to_string(i) + ",U1,D1,P1,F1,fax,2024-01-05 08:00:00,2024-01-10 17:00:00,,,0,0,\n";
    }
    DossierCsvOptions options;
    options.max_errors = 10;
    auto batch = ParseDossierCsv(text, "many.csv", options);
    ASSERT_FALSE(batch.Ok());
    EXPECT_EQ(batch.GetError().details.size(), 10u);
    EXPECT_NE(batch.GetError().message.en.find("has 25 errors"), std::string::npos);
    EXPECT_NE(batch.GetError().message.en.find("the first 10 listed"), std::string::npos);
}

/// A large file (over the 4 MB threshold) is read by two threads: the rows, the dictionaries and the line
/// numbers of errors in the second half are the same as one thread gives.
TEST(DossierCsv, TwoThreadsGiveTheSameRowsAndLines) {
    std::string text = kHeader;
    const int count = 60000;
    for (int i = 0; i < count; ++i) {
        const int day = 1 + i % 28;
        char line[256];
        std::snprintf(line, sizeof line,
                      "HS%06d,U%03d,D%d,P%04d,F%02d,%s,2024-03-%02d 08:00:00,2024-03-%02d 17:00:00,2024-03-%02d "
                      "12:00:00,,%d,%d,finished\n",
                      i, (i * 7919) % 500, i % 6, (i * 31) % 1500, i % 40, i % 4 == 0 ? "online_full" : "direct", day,
                      day, day, i % 3, i % 2);
        text += line;
    }
    ASSERT_GT(text.size(), 4u << 20);
    const auto path = TempDir("dossier_csv") / "big.csv";
    std::ofstream(path, std::ios::binary) << text;

    DossierCsvOptions one;
    one.threads = 1;
    auto serial = ParseDossierCsv(text, "big.csv", one);
    auto parallel = ReadDossierCsv(path.string(), "big.csv");
    ASSERT_TRUE(serial.Ok());
    ASSERT_TRUE(parallel.Ok()) << Describe(parallel.GetError());
    EXPECT_EQ(parallel->parts.size(), 2u);
    const auto a = Rows(*serial);
    const auto b = Rows(*parallel);
    ASSERT_EQ(a.size(), static_cast<std::size_t>(count));
    ASSERT_EQ(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); i += 997) {
        EXPECT_EQ(a[i].first, b[i].first);
        EXPECT_EQ(serial->units[a[i].second.unit], parallel->units[b[i].second.unit]);
        EXPECT_EQ(serial->procedures[a[i].second.procedure], parallel->procedures[b[i].second.procedure]);
        EXPECT_EQ(a[i].second.received, b[i].second.received);
    }

    // A bad row near the end: its line is the file's line, not the second thread's.
    std::string broken = text;
    const std::size_t last = broken.rfind("online_full");
    broken.replace(last, 11, "online_fool");
    const std::int64_t line = 1 + std::count(broken.begin(), broken.begin() + static_cast<std::ptrdiff_t>(last), '\n');
    std::ofstream(path, std::ios::binary | std::ios::trunc) << broken;
    auto rejected = ReadDossierCsv(path.string(), "big.csv");
    ASSERT_FALSE(rejected.Ok());
    ASSERT_EQ(rejected.GetError().details.size(), 1u);
    EXPECT_EQ(rejected.GetError().details[0].line, line);
    EXPECT_EQ(rejected.GetError().details[0].value, "online_fool");
}

TEST(DossierCsv, MissingAndEmptyFiles) {
    auto missing = ReadDossierCsv("/nonexistent/x.csv", "x.csv");
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.GetError().code, ErrorCode::kNotFound);
    auto empty = ParseDossierCsv("", "empty.csv");
    ASSERT_FALSE(empty.Ok());
    EXPECT_EQ(empty.GetError().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace parindex::testing
