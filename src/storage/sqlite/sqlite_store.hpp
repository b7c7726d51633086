#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"

namespace parindex {

namespace sqlite {
class Connection;
}  // namespace sqlite

/// A migration recorded in the database's `schema_migrations` table.
struct SqliteMigrationRecord {
    int version = 0;
    std::string name;        ///< The file name, e.g. `0001_init.sql`.
    std::string applied_at;  ///< UTC, ISO 8601: `2025-01-31T08:00:00Z`.
};

/// The Store port on one SQLite database file (WAL, foreign keys on). Every public method is serialised by
/// one recursive mutex, so the store may be shared between threads; the work passed to InTransaction runs
/// under that mutex and must call the store from the same thread.
class SqliteStore final : public Store {
  public:
    /// Opens (creating if needed) the database at `path`, sets WAL, foreign_keys=ON, busy_timeout and
    /// synchronous=NORMAL, and applies pending migrations, each in its own transaction, recording them in
    /// `schema_migrations(version, name, applied_at)` with `clock`'s time.
    static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const Clock& clock);
    ~SqliteStore() override;

    /// The highest migration version applied (1 for a database holding just 0001_init.sql).
    int SchemaVersion() const { return schema_version_; }
    /// The journal mode SQLite reports (`wal` for a file database).
    Result<std::string> JournalMode();
    /// The migrations recorded in the database, by version.
    Result<std::vector<SqliteMigrationRecord>> AppliedMigrations();

    Status InTransaction(const std::function<Status()>& work) override;

    Status SaveUnit(const Unit& unit) override;
    Result<std::optional<Unit>> FindUnit(const std::string& code) override;
    Result<std::vector<Unit>> ListUnits() override;

    Status SavePeerGroup(const PeerGroup& group) override;
    Result<std::optional<PeerGroup>> FindPeerGroup(const std::string& code, int year) override;
    Result<std::vector<PeerGroup>> ListPeerGroups(std::optional<int> year) override;

    Status SaveFramework(const Framework& framework) override;
    Result<std::optional<Framework>> FindFramework(const std::string& code) override;
    Result<std::vector<Framework>> ListFrameworks() override;

    Status SaveAssessment(const Assessment& assessment) override;
    Result<std::optional<Assessment>> FindAssessment(const std::string& unit_code, int year) override;
    Result<std::vector<Assessment>> ListAssessments(int from_year, int to_year) override;

  private:
    explicit SqliteStore(std::unique_ptr<sqlite::Connection> connection);

    /// Runs `work` in a transaction (BEGIN IMMEDIATE at the outermost level, a SAVEPOINT inside another).
    Status RunInTransaction(const std::function<Status()>& work);
    /// Runs `read` in one read transaction unless a transaction is already open, so that several queries see
    /// one snapshot.
    void RunInSnapshot(const std::function<void()>& read);
    void RollbackQuietly(int depth) noexcept;

    void WriteUnit(const Unit& unit);
    void WritePeerGroup(const PeerGroup& group);
    void WriteFramework(const Framework& framework);
    void WriteAssessment(const Assessment& assessment);
    std::vector<Unit> ReadUnits(const std::string* code);
    std::vector<PeerGroup> ReadPeerGroups(const std::string* code, std::optional<int> year);
    std::vector<Framework> ReadFrameworks(const std::string* code);
    std::vector<Assessment> ReadAssessments(const std::string* unit_code, int from_year, int to_year);

    std::recursive_mutex mutex_;
    std::unique_ptr<sqlite::Connection> connection_;
    int schema_version_ = 0;
    int depth_ = 0;  ///< Open transaction levels: 0 none, 1 BEGIN, 2+ savepoints.
};

/// Opens (creating if needed) the SQLite database at `path`, sets WAL, foreign_keys=ON, busy_timeout,
/// synchronous=NORMAL, and applies pending migrations in order inside a transaction each, recording them in a
/// `schema_migrations(version, name, applied_at)` table with `clock`'s time.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Clock& clock);

}  // namespace parindex
