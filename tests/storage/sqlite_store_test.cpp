#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/embedded_file.hpp"
#include "support/model_expect.hpp"

namespace parindex {

std::vector<EmbeddedFile> SqliteMigrationFiles();

namespace {

using std::chrono::system_clock;

Decimal D(const char* text) { return *Decimal::Parse(text); }

system_clock::time_point Time(std::int64_t seconds) { return system_clock::time_point(std::chrono::seconds(seconds)); }

// 2024-05-01T08:30:00Z and a day later.
constexpr std::int64_t kFirstOpen = 1714552200;
constexpr std::int64_t kSecondOpen = kFirstOpen + 86400;

/// A temporary directory under /tmp, removed with everything in it at the end of the test.
class TempDir {
  public:
    TempDir() {
        char pattern[] = "/tmp/parindex-storage-XXXXXX";
        const char* made = mkdtemp(pattern);
        if (made == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = made;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::string& Path() const { return path_; }

  private:
    std::string path_;
};

using parindex::testing::ExpectSame;

// ---- Sample objects ------------------------------------------------------------------------------------------

Unit LaKhe() {
    Unit unit;
    unit.code = "lakhe";
    unit.name = "Phường La Khê";
    unit.type = "ward";
    unit.parent_code = "hadong";
    unit.valid_from = 2009;
    unit.valid_to = 2025;
    unit.successor_code = "hadong-ward-new";
    unit.demo = false;
    unit.departments = {{"vp-tk", "Văn phòng–Thống kê"}, {"tp-ht", "Tư pháp–Hộ tịch"}, {"dc-xd", "Địa chính–Xây dựng"}};
    unit.source.file = "units.csv";  // Not stored.
    return unit;
}

Unit SimpleUnit(const std::string& code, const std::string& name) {
    Unit unit;
    unit.code = code;
    unit.name = name;
    unit.type = "commune";
    return unit;
}

Framework HaDong2023() {
    Framework framework;
    framework.code = "hadong-2023";
    framework.title = "Bộ chỉ số CCHC các phường quận Hà Đông 2023";
    framework.version = "2023";
    framework.decision = "QĐ 4309/QĐ-UBND ngày 13/9/2022";
    framework.previous_code = "hadong-2022";
    framework.max = D("100");
    framework.display_decimals = 3;
    framework.bands = {
        {"xuat-sac", "Xuất sắc", D("90"), false}, {"tot", "Tốt", D("80"), true}, {"kha", "Khá", D("70.5"), true}};
    FrameworkNode area;
    area.code = "4";
    area.title = "Cải cách thủ tục hành chính";
    area.max = D("14");
    area.responsible = "Văn phòng–Thống kê";
    area.previous_code = "4";
    area.declared_difference = D("-0.17");
    area.note = "Lĩnh vực có tiêu chí “khác”";
    FrameworkNode criterion;
    criterion.code = "4.10";
    criterion.parent_code = "4";
    criterion.title = "Tiêu chí 4.10";
    criterion.max = D("0.125");
    criterion.method = ScoringMethod::kData;
    criterion.evidence_required = true;
    criterion.max_provenance = Provenance::kDerived;
    FrameworkNode other;
    other.code = "4.2";
    other.parent_code = "4";
    other.title = "Các tiêu chí khác của lĩnh vực 4";
    other.max = D("0");  // Zero, not blank.
    other.max_only = true;
    other.max_provenance = Provenance::kDemo;
    FrameworkNode blank;
    blank.code = "5.2.2";
    blank.parent_code = "4";
    blank.title = "Điều tra xã hội học";
    blank.method = ScoringMethod::kSurvey;  // max stays blank
    blank.max_provenance = Provenance::kComputed;
    // "4.10" before "4.2": saved order differs from code order.
    framework.nodes = {area, criterion, other, blank};
    return framework;
}

Assessment LaKhe2023() {
    Assessment assessment;
    assessment.unit_code = "lakhe";
    assessment.year = 2023;
    assessment.framework_code = "hadong-2023";
    assessment.status = AssessmentStatus::kPublished;
    assessment.losses_complete = true;
    assessment.total_self = D("91.989");
    assessment.total_points = D("90.02");
    assessment.total_max = D("100");
    assessment.total_change = D("5.55");
    assessment.total_provenance = Provenance::kPublished;
    assessment.note = "Kết quả công bố theo QĐ của UBND quận Hà Đông";
    PartFigure appraisal;
    appraisal.method = ScoringMethod::kAppraisal;
    appraisal.points = D("60.31");
    appraisal.max = D("70");
    appraisal.index = D("90.02");
    appraisal.change = D("-0.17");
    PartFigure survey;
    survey.method = ScoringMethod::kSurvey;
    survey.self = D("0");  // Zero, not blank.
    survey.points = D("29.71");
    survey.max = D("30");
    survey.index = D("29.71");
    survey.provenance = Provenance::kDerived;
    assessment.parts = {appraisal, survey};
    NodeScore area;
    area.code = "4";
    area.self = D("13.5");
    area.appraised = D("12.66");
    area.change = D("-0.17");
    area.provenance = Provenance::kPublished;
    NodeScore leaf;
    leaf.code = "4.10";
    leaf.self = D("0.125");
    leaf.appraised = D("0");
    leaf.explanation = "Đã ban hành kế hoạch";
    leaf.reason = "Thiếu tài liệu kiểm chứng";
    leaf.cause = "Chưa cập nhật kịp thời trên Cổng dịch vụ công";
    leaf.responsible = "Tư pháp–Hộ tịch";
    leaf.note = "Ghi chú có dấu: ạ ế ữ Đ";
    NodeScore blank;
    blank.code = "3.1";  // Saved after "4.10" but sorts before it.
    blank.provenance = Provenance::kDemo;
    assessment.nodes = {area, leaf, blank};
    PublishedRank total;
    total.group_code = "hadong-wards";
    total.rank = 14;
    total.of = 17;
    PublishedRank part;
    part.group_code = "hadong-wards";
    part.scope = "part:appraisal";
    part.rank = 3;
    part.of = 0;
    part.provenance = Provenance::kDerived;
    assessment.ranks = {total, part};
    return assessment;
}

Assessment Historic(const std::string& unit, int year, const char* points) {
    Assessment assessment;
    assessment.unit_code = unit;
    assessment.year = year;
    assessment.total_points = D(points);
    return assessment;
}

class SqliteStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = dir_.Path() + "/parindex.db";
        Reopen();
    }

    void Reopen() {
        store_.reset();
        auto opened = SqliteStore::Open(path_, clock_);
        ASSERT_TRUE(opened.Ok()) << opened.GetError().message.en;
        store_ = std::move(opened).Value();
    }

    /// Runs one query on a separate raw connection and returns the first column of the first row as text
    /// ("NULL" for NULL).
    std::string RawQuery(const std::string& sql) {
        sqlite3* db = nullptr;
        EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
        std::string text = "<no row>";
        if (sqlite3_step(statement) == SQLITE_ROW) {
            const unsigned char* value = sqlite3_column_text(statement, 0);
            text = value == nullptr ? "NULL" : reinterpret_cast<const char*>(value);
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return text;
    }

    void RawExecute(const std::string& sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        char* message = nullptr;
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
        sqlite3_free(message);
        sqlite3_close(db);
    }

    int Count(const std::string& table) { return std::stoi(RawQuery("SELECT COUNT(*) FROM " + table)); }

    TempDir dir_;
    std::string path_;
    FixedClock clock_{Time(kFirstOpen)};
    std::unique_ptr<SqliteStore> store_;
};

// ---- Opening and migrations ----------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, AppliesMigrationsOnANewFileAndNotAgainOnReopen) {
    const std::vector<EmbeddedFile> files = SqliteMigrationFiles();
    ASSERT_FALSE(files.empty());
    EXPECT_EQ(files.front().name, "migrations/sqlite/0001_init.sql");
    EXPECT_GE(store_->SchemaVersion(), 1);
    const int version = store_->SchemaVersion();

    auto applied = store_->AppliedMigrations();
    ASSERT_TRUE(applied.Ok());
    ASSERT_EQ(applied->size(), files.size());
    EXPECT_EQ(applied->front().version, 1);
    EXPECT_EQ(applied->front().name, "0001_init.sql");
    EXPECT_EQ(applied->front().applied_at, "2024-05-01T08:30:00Z");
    EXPECT_EQ(applied->back().version, version);

    clock_.Set(Time(kSecondOpen));
    Reopen();
    EXPECT_EQ(store_->SchemaVersion(), version);
    auto again = store_->AppliedMigrations();
    ASSERT_TRUE(again.Ok());
    ASSERT_EQ(again->size(), files.size());
    EXPECT_EQ(again->front().applied_at, "2024-05-01T08:30:00Z");
}

TEST_F(SqliteStoreTest, AMigrationNumberedBelowTheNewestAppliedIsStillApplied) {
    // A database made while 0009 existed but 0008 did not (two changes merged in the other order): 0008's tables
    // and record are missing although a higher version is recorded.
    store_.reset();
    for (const char* sql : {"DROP TABLE dossier_import_log", "DROP TABLE dossier_mapping_entries",
                            "DROP TABLE dossier_mappings", "DELETE FROM schema_migrations WHERE version = 8"}) {
        RawQuery(sql);
    }
    ASSERT_EQ(RawQuery("SELECT count(*) FROM sqlite_master WHERE name = 'dossier_mappings'"), "0");
    ASSERT_EQ(RawQuery("SELECT count(*) FROM schema_migrations WHERE version = 9"), "1");
    clock_.Set(Time(kSecondOpen));
    Reopen();
    EXPECT_EQ(RawQuery("SELECT count(*) FROM sqlite_master WHERE name = 'dossier_mappings'"), "1");
    EXPECT_EQ(RawQuery("SELECT applied_at FROM schema_migrations WHERE version = 8"), "2024-05-02T08:30:00Z");
}

TEST_F(SqliteStoreTest, UsesWalAndForeignKeys) {
    auto mode = store_->JournalMode();
    ASSERT_TRUE(mode.Ok());
    EXPECT_EQ(*mode, "wal");
    EXPECT_EQ(RawQuery("PRAGMA journal_mode"), "wal");  // WAL is a property of the file.
}

TEST(SqliteStoreOpen, ANonexistentDirectoryIsAStorageError) {
    FixedClock clock(Time(kFirstOpen));
    auto opened = OpenSqliteStore("/nonexistent-dir/x.db", clock);
    ASSERT_FALSE(opened.Ok());
    const Error& error = opened.GetError();
    EXPECT_EQ(error.code, ErrorCode::kStorage);
    EXPECT_NE(error.message.vi.find("Không thể mở cơ sở dữ liệu “/nonexistent-dir/x.db”"), std::string::npos)
        << error.message.vi;
    EXPECT_NE(error.message.en.find("/nonexistent-dir/x.db"), std::string::npos) << error.message.en;
    EXPECT_NE(error.message.en.find("SQLite: unable to open database file"), std::string::npos) << error.message.en;
    ASSERT_FALSE(error.details.empty());
    EXPECT_EQ(error.details.front().file, "/nonexistent-dir/x.db");
}

TEST(SqliteStoreOpen, AFileThatIsNotADatabaseIsAStorageError) {
    TempDir dir;
    const std::string path = dir.Path() + "/not-a-database.db";
    {
        std::ofstream out(path, std::ios::binary);
        for (int i = 0; i < 200; ++i) out << "Đây không phải là cơ sở dữ liệu SQLite. ";
    }
    FixedClock clock(Time(kFirstOpen));
    auto opened = OpenSqliteStore(path, clock);
    ASSERT_FALSE(opened.Ok());
    EXPECT_EQ(opened.GetError().code, ErrorCode::kStorage);
    EXPECT_NE(opened.GetError().message.vi.find("không phải là cơ sở dữ liệu ParIndex hoặc đã bị hỏng"),
              std::string::npos)
        << opened.GetError().message.vi;
    EXPECT_NE(opened.GetError().message.en.find("file is not a database"), std::string::npos)
        << opened.GetError().message.en;
}

TEST(SqliteStoreOpen, ADirectoryInsteadOfAFileIsAStorageError) {
    TempDir dir;
    FixedClock clock(Time(kFirstOpen));
    auto opened = OpenSqliteStore(dir.Path(), clock);
    ASSERT_FALSE(opened.Ok());
    EXPECT_EQ(opened.GetError().code, ErrorCode::kStorage);
}

TEST_F(SqliteStoreTest, ADatabaseFromANewerProgramIsRefused) {
    store_.reset();
    RawExecute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')");
    auto opened = SqliteStore::Open(path_, clock_);
    ASSERT_FALSE(opened.Ok());
    EXPECT_EQ(opened.GetError().code, ErrorCode::kStorage);
    EXPECT_NE(opened.GetError().message.en.find("schema version 9999"), std::string::npos)
        << opened.GetError().message.en;
}

// ---- Units ---------------------------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, UnitRoundTripsWithEveryField) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    Unit blank = SimpleUnit("baolam", "Xã Bảo Lâm");
    blank.demo = true;
    ASSERT_TRUE(store_->SaveUnit(blank).Ok());

    auto found = store_->FindUnit("lakhe");
    ASSERT_TRUE(found.Ok());
    ASSERT_TRUE(found->has_value());
    ExpectSame(LaKhe(), **found);
    EXPECT_TRUE((*found)->source.file.empty());  // SourceRef is not stored.

    auto found_blank = store_->FindUnit("baolam");
    ASSERT_TRUE(found_blank.Ok() && found_blank->has_value());
    ExpectSame(blank, **found_blank);
    EXPECT_EQ(RawQuery("SELECT parent_code FROM units WHERE code = 'baolam'"), "NULL");
    EXPECT_EQ(RawQuery("SELECT valid_from FROM units WHERE code = 'baolam'"), "NULL");

    auto missing = store_->FindUnit("khong-co");
    ASSERT_TRUE(missing.Ok());
    EXPECT_FALSE(missing->has_value());

    auto all = store_->ListUnits();
    ASSERT_TRUE(all.Ok());
    ASSERT_EQ(all->size(), 2u);
    ExpectSame(blank, (*all)[0]);  // Ordered by code: baolam, lakhe.
    ExpectSame(LaKhe(), (*all)[1]);
}

TEST_F(SqliteStoreTest, SavingAUnitAgainReplacesItAndItsDepartments) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    ASSERT_TRUE(store_->SaveAssessment(Historic("lakhe", 2021, "80.5")).Ok());
    Unit changed = LaKhe();
    changed.name = "Phường La Khê (cũ)";
    changed.valid_to.reset();
    changed.successor_code.clear();
    changed.departments = {{"tp-ht", "Tư pháp – Hộ tịch"}};
    ASSERT_TRUE(store_->SaveUnit(changed).Ok());

    auto found = store_->FindUnit("lakhe");
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(changed, **found);
    EXPECT_EQ(Count("departments"), 1);
    // The upsert updates in place: the unit's assessments survive.
    EXPECT_EQ(Count("assessments"), 1);
}

// ---- Peer groups ---------------------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, PeerGroupsRoundTripPerYear) {
    PeerGroup group2022;
    group2022.code = "hadong-wards";
    group2022.name = "Các phường quận Hà Đông";
    group2022.year = 2022;
    group2022.framework_code = "hadong-2022";
    group2022.members = {{"vanquan", true, {}}, {"lakhe", true, {}}, {"phuong-mau-01", false, {}}};
    PeerGroup group2023 = group2022;
    group2023.year = 2023;
    group2023.name = "Các phường thuộc quận Hà Đông";
    group2023.framework_code = "hadong-2023";
    group2023.members.push_back({"bienGiang", true, {}});
    PeerGroup other;
    other.code = "caoloc-communes";
    other.name = "Các xã huyện Cao Lộc";
    other.year = 2023;  // No framework: stored as NULL, read back as empty.
    ASSERT_TRUE(store_->SavePeerGroup(group2023).Ok());
    ASSERT_TRUE(store_->SavePeerGroup(group2022).Ok());
    ASSERT_TRUE(store_->SavePeerGroup(other).Ok());

    auto found = store_->FindPeerGroup("hadong-wards", 2022);
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(group2022, **found);
    auto missing = store_->FindPeerGroup("hadong-wards", 2019);
    ASSERT_TRUE(missing.Ok());
    EXPECT_FALSE(missing->has_value());

    auto all = store_->ListPeerGroups(std::nullopt);
    ASSERT_TRUE(all.Ok());
    ASSERT_EQ(all->size(), 3u);  // By code then year.
    ExpectSame(other, (*all)[0]);
    ExpectSame(group2022, (*all)[1]);
    ExpectSame(group2023, (*all)[2]);

    auto of2023 = store_->ListPeerGroups(2023);
    ASSERT_TRUE(of2023.Ok());
    ASSERT_EQ(of2023->size(), 2u);
    ExpectSame(other, (*of2023)[0]);
    ExpectSame(group2023, (*of2023)[1]);
    EXPECT_EQ(RawQuery("SELECT framework_code FROM peer_group_years WHERE group_code = 'caoloc-communes'"), "NULL");
}

TEST_F(SqliteStoreTest, SavingAPeerGroupYearAgainReplacesItsMembers) {
    PeerGroup group;
    group.code = "hadong-wards";
    group.name = "Các phường quận Hà Đông";
    group.year = 2023;
    group.members = {{"a", true, {}}, {"b", true, {}}, {"c", true, {}}};
    ASSERT_TRUE(store_->SavePeerGroup(group).Ok());
    group.members = {{"c", false, {}}, {"a", true, {}}};
    ASSERT_TRUE(store_->SavePeerGroup(group).Ok());
    auto found = store_->FindPeerGroup("hadong-wards", 2023);
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(group, **found);
    EXPECT_EQ(Count("peer_group_members"), 2);
}

// ---- Frameworks ----------------------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, FrameworkRoundTripsWithBandsAndNodesInOrder) {
    ASSERT_TRUE(store_->SaveFramework(HaDong2023()).Ok());
    Framework bare;
    bare.code = "caoloc-2023";
    bare.title = "Bộ chỉ số xã huyện Cao Lộc";
    ASSERT_TRUE(store_->SaveFramework(bare).Ok());

    auto found = store_->FindFramework("hadong-2023");
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(HaDong2023(), **found);
    EXPECT_EQ(RawQuery("SELECT max FROM framework_nodes WHERE code = '5.2.2'"), "NULL");
    EXPECT_EQ(RawQuery("SELECT max FROM framework_nodes WHERE code = '4.2'"), "0");
    EXPECT_EQ(RawQuery("SELECT max FROM framework_nodes WHERE code = '4.10'"), "125");
    EXPECT_EQ(RawQuery("SELECT declared_difference FROM framework_nodes WHERE code = '4'"), "-170");
    EXPECT_EQ(RawQuery("SELECT max_provenance FROM framework_nodes WHERE code = '4.10'"), "derived");
    EXPECT_EQ(RawQuery("SELECT method FROM framework_nodes WHERE code = '5.2.2'"), "survey");

    auto all = store_->ListFrameworks();
    ASSERT_TRUE(all.Ok());
    ASSERT_EQ(all->size(), 2u);
    ExpectSame(bare, (*all)[0]);
    ExpectSame(HaDong2023(), (*all)[1]);
    EXPECT_FALSE((*all)[0].max.has_value());

    auto missing = store_->FindFramework("khong-co");
    ASSERT_TRUE(missing.Ok());
    EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteStoreTest, SavingAFrameworkAgainReplacesBandsAndNodes) {
    ASSERT_TRUE(store_->SaveFramework(HaDong2023()).Ok());
    Framework changed = HaDong2023();
    changed.title = "Bộ chỉ số đã sửa";
    changed.max.reset();
    changed.bands.pop_back();
    changed.nodes = {changed.nodes[3], changed.nodes[0]};
    ASSERT_TRUE(store_->SaveFramework(changed).Ok());
    auto found = store_->FindFramework("hadong-2023");
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(changed, **found);
    EXPECT_EQ(Count("framework_nodes"), 2);
    EXPECT_EQ(Count("framework_bands"), 2);
}

// ---- Assessments ---------------------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, AssessmentRoundTripsWithEveryFigure) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    ASSERT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
    auto found = store_->FindAssessment("lakhe", 2023);
    ASSERT_TRUE(found.Ok()) << found.GetError().message.en;
    ASSERT_TRUE(found->has_value());
    ExpectSame(LaKhe2023(), **found);

    // Thousandths as INTEGER; blank is NULL, zero is 0.
    EXPECT_EQ(RawQuery("SELECT total_self FROM assessments"), "91989");
    EXPECT_EQ(RawQuery("SELECT typeof(total_points) FROM assessments"), "integer");
    EXPECT_EQ(RawQuery("SELECT change FROM assessment_nodes WHERE code = '4'"), "-170");
    EXPECT_EQ(RawQuery("SELECT appraised FROM assessment_nodes WHERE code = '4.10'"), "0");
    EXPECT_EQ(RawQuery("SELECT appraised FROM assessment_nodes WHERE code = '3.1'"), "NULL");
    EXPECT_EQ(RawQuery("SELECT self FROM assessment_parts WHERE method = 'appraisal'"), "NULL");
    EXPECT_EQ(RawQuery("SELECT self FROM assessment_parts WHERE method = 'survey'"), "0");
    EXPECT_EQ(RawQuery("SELECT status FROM assessments"), "published");
    EXPECT_EQ(RawQuery("SELECT losses_complete FROM assessments"), "1");

    auto missing = store_->FindAssessment("lakhe", 2019);
    ASSERT_TRUE(missing.Ok());
    EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteStoreTest, AHistoricAssessmentHasNoFramework) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    Assessment historic = Historic("lakhe", 2021, "84.47");
    historic.total_max = D("100");
    historic.status = AssessmentStatus::kFinal;
    historic.ranks = {PublishedRank{"hadong-wards", "total", 14, 17, Provenance::kPublished, {}}};
    ASSERT_TRUE(store_->SaveAssessment(historic).Ok());
    EXPECT_EQ(RawQuery("SELECT framework_code FROM assessments"), "NULL");
    auto found = store_->FindAssessment("lakhe", 2021);
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(historic, **found);
}

TEST_F(SqliteStoreTest, LargeAndNegativeDecimalsRoundTrip) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    Assessment assessment = Historic("lakhe", 2024, "999999999999.999");
    assessment.total_change = D("-999999999999.999");
    assessment.total_self = D("-0.001");
    ASSERT_TRUE(store_->SaveAssessment(assessment).Ok());
    auto found = store_->FindAssessment("lakhe", 2024);
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(assessment, **found);
}

TEST_F(SqliteStoreTest, SavingAnAssessmentAgainReplacesItsFigures) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    ASSERT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
    Assessment changed = LaKhe2023();
    changed.status = AssessmentStatus::kDraft;
    changed.total_points.reset();
    changed.parts.pop_back();
    changed.nodes = {changed.nodes[2]};
    changed.ranks.clear();
    ASSERT_TRUE(store_->SaveAssessment(changed).Ok());
    auto found = store_->FindAssessment("lakhe", 2023);
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(changed, **found);
    EXPECT_EQ(Count("assessment_parts"), 1);
    EXPECT_EQ(Count("assessment_nodes"), 1);
    EXPECT_EQ(Count("assessment_ranks"), 0);
}

TEST_F(SqliteStoreTest, AnAssessmentOfAnUnknownUnitIsAStorageErrorAndLeavesNothing) {
    const Status saved = store_->SaveAssessment(LaKhe2023());
    ASSERT_FALSE(saved.Ok());
    EXPECT_EQ(saved.GetError().code, ErrorCode::kStorage);
    EXPECT_NE(saved.GetError().message.vi.find("Không thể lưu kết quả đánh giá của đơn vị “lakhe” năm 2023"),
              std::string::npos)
        << saved.GetError().message.vi;
    EXPECT_NE(saved.GetError().message.en.find("FOREIGN KEY constraint failed"), std::string::npos)
        << saved.GetError().message.en;
    EXPECT_EQ(Count("assessments"), 0);
    EXPECT_EQ(Count("assessment_nodes"), 0);
}

TEST_F(SqliteStoreTest, DuplicateNodeCodesAreAStorageErrorAndRollBackTheWholeSave) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    Assessment duplicated = LaKhe2023();
    duplicated.nodes.push_back(duplicated.nodes[0]);
    const Status saved = store_->SaveAssessment(duplicated);
    ASSERT_FALSE(saved.Ok());
    EXPECT_EQ(saved.GetError().code, ErrorCode::kStorage);
    EXPECT_NE(saved.GetError().message.en.find("a code appears twice"), std::string::npos)
        << saved.GetError().message.en;
    EXPECT_EQ(Count("assessments"), 0);
    EXPECT_EQ(Count("assessment_parts"), 0);
    // The store stays usable after the failure.
    EXPECT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
}

TEST_F(SqliteStoreTest, ListAssessmentsFiltersByYearAndOrdersByUnitThenYear) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    ASSERT_TRUE(store_->SaveUnit(SimpleUnit("baolam", "Xã Bảo Lâm")).Ok());
    ASSERT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
    for (int year : {2020, 2021, 2022, 2024}) {
        Assessment assessment = LaKhe2023();
        assessment.year = year;
        assessment.nodes[0].self = Decimal::FromInt(year);
        ASSERT_TRUE(store_->SaveAssessment(assessment).Ok());
    }
    Assessment baolam2022 = Historic("baolam", 2022, "80.06");
    baolam2022.total_self = D("89.60");
    ASSERT_TRUE(store_->SaveAssessment(baolam2022).Ok());
    ASSERT_TRUE(store_->SaveAssessment(Historic("baolam", 2019, "70")).Ok());

    auto listed = store_->ListAssessments(2021, 2023);
    ASSERT_TRUE(listed.Ok());
    ASSERT_EQ(listed->size(), 4u);
    EXPECT_EQ((*listed)[0].unit_code, "baolam");
    ExpectSame(baolam2022, (*listed)[0]);
    EXPECT_EQ((*listed)[1].year, 2021);
    EXPECT_EQ((*listed)[2].year, 2022);
    EXPECT_EQ((*listed)[3].year, 2023);
    EXPECT_EQ((*listed)[1].nodes[0].self, Decimal::FromInt(2021));
    EXPECT_EQ((*listed)[2].nodes[0].self, Decimal::FromInt(2022));
    ExpectSame(LaKhe2023(), (*listed)[3]);
    for (std::size_t i = 1; i < 4; ++i) {
        ASSERT_EQ((*listed)[i].nodes.size(), 3u);
        EXPECT_EQ((*listed)[i].nodes[1].code, "4.10");
        EXPECT_EQ((*listed)[i].parts.size(), 2u);
        EXPECT_EQ((*listed)[i].ranks.size(), 2u);
    }

    auto none = store_->ListAssessments(2030, 2040);
    ASSERT_TRUE(none.Ok());
    EXPECT_TRUE(none->empty());
    auto all = store_->ListAssessments(0, 9999);
    ASSERT_TRUE(all.Ok());
    EXPECT_EQ(all->size(), 7u);
}

TEST_F(SqliteStoreTest, ManyNodesComeBackInSavedOrderNotCodeOrder) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    Assessment assessment = Historic("lakhe", 2023, "90.02");
    for (const char* code : {"7", "10.2", "1", "10.10", "2.1", "3", "10.1", "2", "9.9.9", "4.1", "0", "11"}) {
        NodeScore node;
        node.code = code;
        node.note = std::string("ghi chú ") + code;
        assessment.nodes.push_back(node);
    }
    ASSERT_TRUE(store_->SaveAssessment(assessment).Ok());
    auto found = store_->FindAssessment("lakhe", 2023);
    ASSERT_TRUE(found.Ok() && found->has_value());
    ExpectSame(assessment, **found);
    auto listed = store_->ListAssessments(2023, 2023);
    ASSERT_TRUE(listed.Ok());
    ASSERT_EQ(listed->size(), 1u);
    ExpectSame(assessment, listed->front());
}

// ---- Transactions --------------------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, InTransactionCommitsWhenTheWorkSucceeds) {
    const Status status = store_->InTransaction([&]() -> Status {
        if (Status saved = store_->SaveUnit(LaKhe()); !saved) return saved;
        return store_->SaveAssessment(LaKhe2023());
    });
    ASSERT_TRUE(status.Ok()) << status.GetError().message.en;
    Reopen();
    EXPECT_EQ(Count("assessments"), 1);
    auto found = store_->FindAssessment("lakhe", 2023);
    ASSERT_TRUE(found.Ok() && found->has_value());
}

TEST_F(SqliteStoreTest, InTransactionRollsBackWhenTheWorkReturnsAnError) {
    ASSERT_TRUE(store_->SaveUnit(SimpleUnit("baolam", "Xã Bảo Lâm")).Ok());
    const Status status = store_->InTransaction([&]() -> Status {
        EXPECT_TRUE(store_->SaveUnit(LaKhe()).Ok());
        EXPECT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
        EXPECT_TRUE(store_->SaveUnit(SimpleUnit("baolam", "Tên đã đổi")).Ok());
        // Reads inside the transaction see its own writes.
        auto inside = store_->FindUnit("lakhe");
        EXPECT_TRUE(inside.Ok() && inside->has_value());
        return MakeError(ErrorCode::kInvalidInput, "Dòng 3: thiếu mã đơn vị", "Line 3: the unit code is missing");
    });
    ASSERT_FALSE(status.Ok());
    EXPECT_EQ(status.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(status.GetError().message.vi, "Dòng 3: thiếu mã đơn vị");
    auto lakhe = store_->FindUnit("lakhe");
    ASSERT_TRUE(lakhe.Ok());
    EXPECT_FALSE(lakhe->has_value());
    auto baolam = store_->FindUnit("baolam");
    ASSERT_TRUE(baolam.Ok() && baolam->has_value());
    EXPECT_EQ((*baolam)->name, "Xã Bảo Lâm");
    EXPECT_EQ(Count("assessments"), 0);
    EXPECT_EQ(Count("assessment_nodes"), 0);
}

TEST_F(SqliteStoreTest, InTransactionRollsBackAndRethrowsWhenTheWorkThrows) {
    EXPECT_THROW(
        {
            (void)store_->InTransaction([&]() -> Status {
                EXPECT_TRUE(store_->SaveUnit(LaKhe()).Ok());
                throw std::runtime_error("bất ngờ");
            });
        },
        std::runtime_error);
    auto lakhe = store_->FindUnit("lakhe");
    ASSERT_TRUE(lakhe.Ok());
    EXPECT_FALSE(lakhe->has_value());
    // The store is usable afterwards, with no transaction left open.
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    Reopen();
    auto saved = store_->FindUnit("lakhe");
    ASSERT_TRUE(saved.Ok() && saved->has_value());
}

TEST_F(SqliteStoreTest, NestedTransactionsJoinTheOuterOne) {
    // Inner success, outer failure: everything is rolled back.
    Status status = store_->InTransaction([&]() -> Status {
        Status inner = store_->InTransaction([&]() -> Status { return store_->SaveUnit(LaKhe()); });
        EXPECT_TRUE(inner.Ok());
        return MakeError(ErrorCode::kConflict, "xung đột", "conflict");
    });
    EXPECT_FALSE(status.Ok());
    EXPECT_EQ(Count("units"), 0);

    // An inner error propagated by the outer work rolls everything back.
    status = store_->InTransaction([&]() -> Status {
        EXPECT_TRUE(store_->SaveUnit(LaKhe()).Ok());
        return store_->InTransaction([&]() -> Status {
            EXPECT_TRUE(store_->SaveUnit(SimpleUnit("baolam", "Xã Bảo Lâm")).Ok());
            return MakeError(ErrorCode::kInvalidInput, "sai", "wrong");
        });
    });
    EXPECT_FALSE(status.Ok());
    EXPECT_EQ(status.GetError().message.en, "wrong");
    EXPECT_EQ(Count("units"), 0);

    // An inner throw passes through both levels.
    EXPECT_THROW(
        {
            (void)store_->InTransaction([&]() -> Status {
                EXPECT_TRUE(store_->SaveUnit(LaKhe()).Ok());
                return store_->InTransaction([&]() -> Status { throw std::logic_error("lỗi"); });
            });
        },
        std::logic_error);
    EXPECT_EQ(Count("units"), 0);

    // Both succeed: committed once, at the outer level.
    status = store_->InTransaction([&]() -> Status {
        EXPECT_TRUE(store_->SaveUnit(LaKhe()).Ok());
        return store_->InTransaction([&]() -> Status {
            EXPECT_EQ(Count("units"), 0);  // Not visible to other connections before the outer commit.
            return store_->SaveUnit(SimpleUnit("baolam", "Xã Bảo Lâm"));
        });
    });
    EXPECT_TRUE(status.Ok());
    EXPECT_EQ(Count("units"), 2);
}

TEST_F(SqliteStoreTest, AnInnerFailureThatTheOuterWorkIgnoresUndoesOnlyTheInnerPart) {
    const Status status = store_->InTransaction([&]() -> Status {
        EXPECT_TRUE(store_->SaveUnit(LaKhe()).Ok());
        // Fails on the foreign key after writing nothing worth keeping; the savepoint undoes it.
        Assessment orphan = LaKhe2023();
        orphan.unit_code = "khong-co";
        EXPECT_FALSE(store_->SaveAssessment(orphan).Ok());
        return OkStatus();
    });
    EXPECT_TRUE(status.Ok());
    EXPECT_EQ(Count("units"), 1);
    EXPECT_EQ(Count("assessments"), 0);
}

TEST_F(SqliteStoreTest, DataPersistsAfterClosingAndReopening) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    ASSERT_TRUE(store_->SaveFramework(HaDong2023()).Ok());
    PeerGroup group;
    group.code = "hadong-wards";
    group.name = "Các phường quận Hà Đông";
    group.year = 2023;
    group.framework_code = "hadong-2023";
    group.members = {{"lakhe", true, {}}};
    ASSERT_TRUE(store_->SavePeerGroup(group).Ok());
    ASSERT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
    store_.reset();

    Reopen();
    auto unit = store_->FindUnit("lakhe");
    ASSERT_TRUE(unit.Ok() && unit->has_value());
    ExpectSame(LaKhe(), **unit);
    auto framework = store_->FindFramework("hadong-2023");
    ASSERT_TRUE(framework.Ok() && framework->has_value());
    ExpectSame(HaDong2023(), **framework);
    auto found_group = store_->FindPeerGroup("hadong-wards", 2023);
    ASSERT_TRUE(found_group.Ok() && found_group->has_value());
    ExpectSame(group, **found_group);
    auto assessment = store_->FindAssessment("lakhe", 2023);
    ASSERT_TRUE(assessment.Ok() && assessment->has_value());
    ExpectSame(LaKhe2023(), **assessment);
}

TEST_F(SqliteStoreTest, AnUnknownStoredNameIsAStorageErrorNotACrash) {
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    ASSERT_TRUE(store_->SaveAssessment(LaKhe2023()).Ok());
    RawExecute("UPDATE assessment_nodes SET provenance = 'guessed' WHERE code = '4'");
    auto found = store_->FindAssessment("lakhe", 2023);
    ASSERT_FALSE(found.Ok());
    EXPECT_EQ(found.GetError().code, ErrorCode::kStorage);
    EXPECT_NE(found.GetError().message.en.find("“guessed” in column assessment_nodes.provenance"), std::string::npos)
        << found.GetError().message.en;
}

TEST_F(SqliteStoreTest, TwoStoresOnOneFileSeeEachOthersCommits) {
    auto second = SqliteStore::Open(path_, clock_);
    ASSERT_TRUE(second.Ok());
    ASSERT_TRUE(store_->SaveUnit(LaKhe()).Ok());
    auto seen = (*second)->FindUnit("lakhe");
    ASSERT_TRUE(seen.Ok() && seen->has_value());
    ASSERT_TRUE((*second)->SaveUnit(SimpleUnit("baolam", "Xã Bảo Lâm")).Ok());
    auto listed = store_->ListUnits();
    ASSERT_TRUE(listed.Ok());
    EXPECT_EQ(listed->size(), 2u);
}

// A timing check at the scale of CONVENTIONS' largest deployment, scaled down by default; run it with
// --gtest_also_run_disabled_tests and PARINDEX_BULK_UNITS=10000 on a release build to measure.
TEST_F(SqliteStoreTest, DISABLED_BulkSaveAndList) {
    const char* units_text = std::getenv("PARINDEX_BULK_UNITS");
    const int units = units_text != nullptr ? std::atoi(units_text) : 300;
    constexpr int kCriteria = 100;
    const auto start = std::chrono::steady_clock::now();
    const Status status = store_->InTransaction([&]() -> Status {
        for (int u = 0; u < units; ++u) {
            const std::string code = "unit-" + std::to_string(u);
            if (Status saved = store_->SaveUnit(SimpleUnit(code, "Xã mẫu " + std::to_string(u))); !saved) return saved;
            for (int year = 2021; year <= 2023; ++year) {
                Assessment assessment = Historic(code, year, "90.02");
                assessment.framework_code = "hadong-2023";
                for (int c = 0; c < kCriteria; ++c) {
                    NodeScore node;
                    node.code = std::to_string(c / 10 + 1) + "." + std::to_string(c % 10 + 1);
                    node.self = Decimal::FromThousandths(1000 + c);
                    node.appraised = Decimal::FromThousandths(900 + c);
                    assessment.nodes.push_back(std::move(node));
                }
                assessment.ranks = {PublishedRank{"g", "total", u + 1, units, Provenance::kComputed, {}}};
                if (Status saved = store_->SaveAssessment(assessment); !saved) return saved;
            }
        }
        return OkStatus();
    });
    ASSERT_TRUE(status.Ok()) << status.GetError().message.en;
    const auto saved = std::chrono::steady_clock::now();
    auto listed = store_->ListAssessments(2021, 2023);
    ASSERT_TRUE(listed.Ok());
    const auto all = std::chrono::steady_clock::now();
    auto one_year = store_->ListAssessments(2022, 2022);
    ASSERT_TRUE(one_year.Ok());
    const auto end = std::chrono::steady_clock::now();
    EXPECT_EQ(listed->size(), static_cast<std::size_t>(units) * 3);
    EXPECT_EQ(one_year->size(), static_cast<std::size_t>(units));
    EXPECT_EQ(listed->back().nodes.size(), static_cast<std::size_t>(kCriteria));
    const auto ms = [](auto duration) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
    };
    std::printf("units %d: save %lld ms, list 3 years %lld ms, list 1 year %lld ms\n", units,
                static_cast<long long>(ms(saved - start)), static_cast<long long>(ms(all - saved)),
                static_cast<long long>(ms(end - all)));
}

}  // namespace
}  // namespace parindex
