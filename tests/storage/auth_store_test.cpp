#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "domain/auth_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {
namespace {

using std::chrono::system_clock;

system_clock::time_point Time(std::int64_t seconds) { return system_clock::time_point(std::chrono::seconds(seconds)); }

// 2024-05-01T08:30:00Z.
constexpr std::int64_t kStart = 1714552200;

/// A temporary directory, removed with everything in it at the end of the test.
class TempFolder {
  public:
    TempFolder() {
        char pattern[] = "/tmp/parindex-auth-store-XXXXXX";
        const char* made = mkdtemp(pattern);
        if (made == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = made;
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::string& Path() const { return path_; }

  private:
    std::string path_;
};

User Officer() {
    User user;
    user.username = "tuphap.lakhe";
    user.display_name = "Công chức Tư pháp – Hộ tịch";
    user.role = Role::kDepartmentOfficer;
    user.unit_code = "lakhe";
    user.department_code = "tp-ht";
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    user.must_change_password = true;
    return user;
}

User Appraiser() {
    User user;
    user.username = "thamdinh";
    user.display_name = "Cán bộ thẩm định";
    user.role = Role::kAppraiser;
    user.group_codes = {"seed001-province", "hadong-wards", "caoloc-communes"};
    user.password_hash = "hash";
    return user;
}

Session SessionOf(std::int64_t user_id, const std::string& token_hash, std::int64_t expires) {
    Session session;
    session.token_hash = token_hash;
    session.user_id = user_id;
    session.csrf_token = "csrf-" + token_hash;
    session.created_at = Time(kStart);
    session.expires_at = Time(expires);
    session.address = "192.0.2.7";
    return session;
}

AuditEntry Entry(const std::string& action, const std::string& unit, int year, const std::string& node) {
    AuditEntry entry;
    entry.at = Time(kStart);
    entry.user_id = 3;
    entry.username = "vanphong.lakhe";
    entry.address = "192.0.2.7";
    entry.action = action;
    entry.subject = "subject";
    entry.unit_code = unit;
    entry.year = year;
    entry.node_code = node;
    entry.field = "self";
    entry.old_value = "1,5";
    entry.new_value = "2";
    return entry;
}

class AuthStoreTest : public ::testing::Test {
  protected:
    AuthStoreTest() : clock_(Time(kStart)), path_(folder_.Path() + "/parindex.db") { Reopen(); }

    void Reopen() {
        store_.reset();
        auto opened = SqliteStore::Open(path_, clock_);
        ASSERT_TRUE(opened.Ok()) << opened.GetError().message.en;
        store_ = std::move(opened).Value();
    }

    /// The store as the services see it.
    AuthStore& Auth() { return *store_; }

    /// Runs SQL on a second, raw connection; returns SQLite's result code and message.
    std::pair<int, std::string> Raw(const std::string& sql) {
        sqlite3* db = nullptr;
        sqlite3_open(path_.c_str(), &db);
        sqlite3_busy_timeout(db, 2000);
        char* message = nullptr;
        const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
        std::string text = message != nullptr ? message : "";
        sqlite3_free(message);
        sqlite3_close(db);
        return {code, text};
    }

    TempFolder folder_;
    FixedClock clock_;
    std::string path_;
    std::unique_ptr<SqliteStore> store_;
};

TEST_F(AuthStoreTest, UsersRoundTripWithTheirGroupsInOrder) {
    auto officer_id = Auth().SaveUser(Officer());
    auto appraiser_id = Auth().SaveUser(Appraiser());
    ASSERT_TRUE(officer_id.Ok()) << officer_id.GetError().message.en;
    ASSERT_TRUE(appraiser_id.Ok());
    EXPECT_GT(*officer_id, 0);
    EXPECT_NE(*officer_id, *appraiser_id);

    Reopen();
    auto officer = Auth().FindUserByName("tuphap.lakhe");
    ASSERT_TRUE(officer.Ok());
    ASSERT_TRUE(officer->has_value());
    const User& read = **officer;
    EXPECT_EQ(read.id, *officer_id);
    EXPECT_EQ(read.display_name, "Công chức Tư pháp – Hộ tịch");
    EXPECT_EQ(read.role, Role::kDepartmentOfficer);
    EXPECT_EQ(read.unit_code, "lakhe");
    EXPECT_EQ(read.department_code, "tp-ht");
    EXPECT_EQ(read.password_hash, Officer().password_hash);
    EXPECT_TRUE(read.must_change_password);
    EXPECT_FALSE(read.disabled);
    EXPECT_EQ(read.failed_logins, 0);
    EXPECT_FALSE(read.locked_until.has_value());
    EXPECT_TRUE(read.group_codes.empty());

    auto appraiser = Auth().FindUserById(*appraiser_id);
    ASSERT_TRUE(appraiser.Ok() && appraiser->has_value());
    EXPECT_EQ((*appraiser)->group_codes, Appraiser().group_codes);
    EXPECT_TRUE((*appraiser)->unit_code.empty());

    EXPECT_FALSE(Auth().FindUserByName("nobody").Value().has_value());
    EXPECT_FALSE(Auth().FindUserById(999).Value().has_value());

    auto all = Auth().ListUsers();
    ASSERT_TRUE(all.Ok());
    ASSERT_EQ(all->size(), 2U);
    EXPECT_EQ(all->at(0).username, "thamdinh");
    EXPECT_EQ(all->at(0).group_codes.size(), 3U);
    EXPECT_EQ(all->at(1).username, "tuphap.lakhe");
}

TEST_F(AuthStoreTest, UpdatesAUserByIdAndRejectsADuplicateName) {
    User user = Appraiser();
    user.id = Auth().SaveUser(user).Value();
    user.disabled = true;
    user.failed_logins = 4;
    user.locked_until = Time(kStart + 900);
    user.group_codes = {"hadong-wards"};
    user.display_name = "Đổi tên";
    auto saved = Auth().SaveUser(user);
    ASSERT_TRUE(saved.Ok());
    EXPECT_EQ(*saved, user.id);

    const User read = *Auth().FindUserById(user.id).Value();
    EXPECT_TRUE(read.disabled);
    EXPECT_EQ(read.failed_logins, 4);
    ASSERT_TRUE(read.locked_until.has_value());
    EXPECT_EQ(*read.locked_until, Time(kStart + 900));
    EXPECT_EQ(read.group_codes, std::vector<std::string>{"hadong-wards"});
    EXPECT_EQ(read.display_name, "Đổi tên");

    user.locked_until.reset();
    ASSERT_TRUE(Auth().SaveUser(user).Ok());
    EXPECT_FALSE(Auth().FindUserById(user.id).Value()->locked_until.has_value());

    User twin = Officer();
    twin.username = "thamdinh";
    auto duplicate = Auth().SaveUser(twin);
    ASSERT_FALSE(duplicate.Ok());
    EXPECT_EQ(duplicate.GetError().code, ErrorCode::kConflict);

    User ghost = Officer();
    ghost.id = 4242;
    auto missing = Auth().SaveUser(ghost);
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.GetError().code, ErrorCode::kNotFound);
    EXPECT_EQ(Auth().ListUsers().Value().size(), 1U) << "failed saves leave nothing behind";
}

TEST_F(AuthStoreTest, SessionsRoundTripAndAreDeletedOneByOneByUserOrByExpiry) {
    const std::int64_t officer = Auth().SaveUser(Officer()).Value();
    const std::int64_t appraiser = Auth().SaveUser(Appraiser()).Value();
    ASSERT_TRUE(Auth().SaveSession(SessionOf(officer, "a", kStart + 100)).Ok());
    ASSERT_TRUE(Auth().SaveSession(SessionOf(officer, "b", kStart + 200)).Ok());
    ASSERT_TRUE(Auth().SaveSession(SessionOf(appraiser, "c", kStart + 300)).Ok());
    ASSERT_TRUE(Auth().SaveSession(SessionOf(appraiser, "d", kStart + 400)).Ok());

    Reopen();
    auto found = Auth().FindSession("a");
    ASSERT_TRUE(found.Ok() && found->has_value());
    EXPECT_EQ((*found)->user_id, officer);
    EXPECT_EQ((*found)->csrf_token, "csrf-a");
    EXPECT_EQ((*found)->created_at, Time(kStart));
    EXPECT_EQ((*found)->expires_at, Time(kStart + 100));
    EXPECT_EQ((*found)->address, "192.0.2.7");
    EXPECT_FALSE(Auth().FindSession("zzz").Value().has_value());

    auto orphan = Auth().SaveSession(SessionOf(999, "e", kStart + 100));
    ASSERT_FALSE(orphan.Ok()) << "a session needs its user";

    ASSERT_TRUE(Auth().DeleteSession("a").Ok());
    EXPECT_FALSE(Auth().FindSession("a").Value().has_value());
    EXPECT_TRUE(Auth().FindSession("b").Value().has_value());

    ASSERT_TRUE(Auth().DeleteSessionsOfUser(officer).Ok());
    EXPECT_FALSE(Auth().FindSession("b").Value().has_value());
    EXPECT_TRUE(Auth().FindSession("c").Value().has_value());

    ASSERT_TRUE(Auth().DeleteExpiredSessions(Time(kStart + 300)).Ok());
    EXPECT_FALSE(Auth().FindSession("c").Value().has_value()) << "expiring exactly now counts as expired";
    EXPECT_TRUE(Auth().FindSession("d").Value().has_value());
}

TEST_F(AuthStoreTest, AuditEntriesRoundTripNewestFirstWithFiltersAndPaging) {
    ASSERT_TRUE(Auth().AppendAudit(Entry("score.self", "lakhe", 2023, "1.1")).Ok());
    ASSERT_TRUE(Auth().AppendAudit(Entry("score.self", "lakhe", 2023, "1.2")).Ok());
    ASSERT_TRUE(Auth().AppendAudit(Entry("score.self", "lakhe", 2024, "1.1")).Ok());
    ASSERT_TRUE(Auth().AppendAudit(Entry("score.self", "baolam", 2023, "1.1")).Ok());
    ASSERT_TRUE(Auth().AppendAudit(Entry("user.create", "", 0, "")).Ok());

    Reopen();
    auto all = Auth().ListAudit(AuditQuery{});
    ASSERT_TRUE(all.Ok());
    ASSERT_EQ(all->size(), 5U);
    EXPECT_EQ(all->front().action, "user.create");
    EXPECT_EQ(all->back().unit_code, "lakhe");
    const AuditEntry& oldest = all->back();
    EXPECT_EQ(oldest.id, 1);
    EXPECT_EQ(oldest.at, Time(kStart));
    EXPECT_EQ(oldest.user_id, 3);
    EXPECT_EQ(oldest.username, "vanphong.lakhe");
    EXPECT_EQ(oldest.address, "192.0.2.7");
    EXPECT_EQ(oldest.subject, "subject");
    EXPECT_EQ(oldest.year, 2023);
    EXPECT_EQ(oldest.node_code, "1.1");
    EXPECT_EQ(oldest.field, "self");
    EXPECT_EQ(oldest.old_value, "1,5");
    EXPECT_EQ(oldest.new_value, "2");

    AuditQuery unit_year;
    unit_year.unit_code = "lakhe";
    unit_year.year = 2023;
    auto assessment = Auth().ListAudit(unit_year);
    ASSERT_EQ(assessment.Value().size(), 2U);
    EXPECT_EQ(assessment->at(0).node_code, "1.2");
    EXPECT_EQ(assessment->at(1).node_code, "1.1");

    unit_year.node_code = "1.1";
    auto criterion = Auth().ListAudit(unit_year);
    ASSERT_EQ(criterion.Value().size(), 1U);
    EXPECT_EQ(criterion->at(0).id, 1);

    AuditQuery unit_only;
    unit_only.unit_code = "lakhe";
    EXPECT_EQ(Auth().ListAudit(unit_only).Value().size(), 3U);

    AuditQuery page;
    page.limit = 2;
    auto first_page = Auth().ListAudit(page);
    ASSERT_EQ(first_page.Value().size(), 2U);
    page.before_id = first_page->back().id;
    auto second_page = Auth().ListAudit(page);
    ASSERT_EQ(second_page.Value().size(), 2U);
    EXPECT_EQ(second_page->at(0).id, first_page->back().id - 1);
}

TEST_F(AuthStoreTest, TheAuditLogCannotBeChangedOrDeleted) {
    ASSERT_TRUE(Auth().AppendAudit(Entry("score.self", "lakhe", 2023, "1.1")).Ok());
    store_.reset();

    const auto update = Raw("UPDATE audit_log SET new_value = '10' WHERE id = 1");
    EXPECT_EQ(update.first, SQLITE_CONSTRAINT);
    EXPECT_NE(update.second.find("append-only"), std::string::npos) << update.second;
    const auto remove = Raw("DELETE FROM audit_log");
    EXPECT_EQ(remove.first, SQLITE_CONSTRAINT);
    EXPECT_NE(remove.second.find("append-only"), std::string::npos) << remove.second;

    Reopen();
    auto entries = Auth().ListAudit(AuditQuery{});
    ASSERT_EQ(entries.Value().size(), 1U);
    EXPECT_EQ(entries->front().new_value, "2");
}

TEST_F(AuthStoreTest, AScoreChangeAndItsAuditEntryShareOneTransaction) {
    // Work that fails after appending rolls the entry back with it.
    auto failed = store_->InTransaction([&]() -> Status {
        if (Status appended = Auth().AppendAudit(Entry("score.self", "lakhe", 2023, "1.1")); !appended) {
            return appended;
        }
        return MakeError(ErrorCode::kConflict, "bị khóa", "locked");
    });
    ASSERT_FALSE(failed.Ok());
    EXPECT_TRUE(Auth().ListAudit(AuditQuery{}).Value().empty());

    auto done = store_->InTransaction([&]() { return Auth().AppendAudit(Entry("score.self", "lakhe", 2023, "1.1")); });
    ASSERT_TRUE(done.Ok());
    EXPECT_EQ(Auth().ListAudit(AuditQuery{}).Value().size(), 1U);
}

TEST_F(AuthStoreTest, TheMigrationCreatesTheAuthTables) {
    EXPECT_GE(store_->SchemaVersion(), 2);
    auto applied = store_->AppliedMigrations();
    ASSERT_TRUE(applied.Ok());
    ASSERT_GE(applied->size(), 2U);
    EXPECT_EQ(applied->at(1).name, "0002_users_sessions_audit.sql");
}

}  // namespace
}  // namespace parindex
