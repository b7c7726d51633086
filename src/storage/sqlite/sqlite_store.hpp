#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/definition_set_store.hpp"
#include "domain/dossier_mapping.hpp"
#include "domain/kpi_store.hpp"
#include "domain/plan_store.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "domain/workflow.hpp"

namespace parindex {

namespace sqlite {
class Connection;
class Statement;
}  // namespace sqlite

/// A migration recorded in the database's `schema_migrations` table.
struct SqliteMigrationRecord {
    int version = 0;
    std::string name;        ///< The file name, e.g. `0001_init.sql`.
    std::string applied_at;  ///< UTC, ISO 8601: `2025-01-31T08:00:00Z`.
};

/// The Store and AuthStore ports on one SQLite database file (WAL, foreign keys on). Every public method is
/// serialised by one recursive mutex, so the store may be shared between threads; the work passed to
/// InTransaction runs under that mutex and must call the store from the same thread. Users, sessions and the
/// audit log live in the same database as the assessments, so that one InTransaction covers a score change
/// and its audit entry.
class SqliteStore final : public Store,
                          public AuthStore,
                          public WorkflowStore,
                          public PlanStore,
                          public KpiStore,
                          public DefinitionSetStore,
                          public DossierMappingStore {
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

    Result<std::int64_t> SaveUser(const User& user) override;
    Result<std::optional<User>> FindUserByName(const std::string& username) override;
    Result<std::optional<User>> FindUserById(std::int64_t id) override;
    Result<std::vector<User>> ListUsers() override;

    Status SaveSession(const Session& session) override;
    Result<std::optional<Session>> FindSession(const std::string& token_hash) override;
    Status DeleteSession(const std::string& token_hash) override;
    Status DeleteSessionsOfUser(std::int64_t user_id) override;
    Status DeleteExpiredSessions(std::chrono::system_clock::time_point now) override;

    Status AppendAudit(const AuditEntry& entry) override;
    Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) override;

    Status SaveAssignment(const Assignment& assignment) override;
    Result<std::vector<Assignment>> ListAssignments(const std::string& unit_code, int year) override;
    Status AddEvidence(const Evidence& evidence) override;
    Result<std::vector<Evidence>> ListEvidence(const std::string& unit_code, int year,
                                               const std::string& node_code) override;
    Status AddExplanation(const Explanation& explanation) override;
    Result<std::vector<Explanation>> ListExplanations(const std::string& unit_code, int year) override;
    Result<WorkflowState> FindState(const std::string& unit_code, int year) override;
    Status SaveState(const WorkflowState& state) override;

    // PlanStore (sqlite_plan_store.cpp).
    Status SavePlan(const Plan& plan) override;
    Result<std::optional<Plan>> FindPlan(const std::string& unit_code, int year) override;
    Result<std::vector<Plan>> ListPlans(std::optional<int> year) override;
    Result<std::int64_t> SaveTask(const PlanTask& task) override;
    Result<std::optional<PlanTask>> FindTask(std::int64_t id) override;
    Status DeleteTask(std::int64_t id) override;
    Result<std::vector<PlanTask>> ListTasks(const std::string& unit_code, int year) override;
    Result<std::vector<PlanTask>> ListOpenTasks(int year) override;
    Result<std::int64_t> AppendTaskUpdate(const TaskUpdate& update) override;
    Result<std::vector<TaskUpdate>> ListTaskUpdates(std::int64_t task_id) override;
    Result<bool> AddNotification(const Notification& notification) override;
    Result<std::vector<Notification>> ListNotifications(const std::string& username, bool unread_only) override;
    Status MarkNotificationRead(const std::string& username, std::int64_t id,
                                std::chrono::system_clock::time_point at) override;
    Result<bool> AddEmail(const OutboxEmail& email) override;
    Result<std::vector<OutboxEmail>> ListOutbox(bool unsent_only) override;
    Status RecordEmailAttempt(std::int64_t id, std::optional<std::chrono::system_clock::time_point> sent_at,
                              const std::string& error) override;

    // KpiStore (sqlite_kpi_store.cpp).
    Result<std::vector<KpiIndicator>> ListKpis() override;
    Result<std::vector<KpiIndicator>> KpiVersions(const std::string& code) override;
    Result<int> SaveKpi(const KpiIndicator& indicator) override;
    Result<std::vector<KpiTarget>> ListTargets(const std::optional<std::string>& unit, int year) override;
    Status SaveTarget(const KpiTarget& target) override;
    Result<std::int64_t> AddManualActual(const KpiManualActual& actual) override;
    Result<std::vector<KpiManualActual>> ListManualActuals(const std::optional<std::string>& unit, int year) override;
    Result<std::optional<KpiRuleSet>> FindKpiRules(const std::string& framework, int version) override;
    Status SaveKpiRules(const KpiRuleSet& rules) override;

    // DefinitionSetStore (sqlite_definition_store.cpp).
    Result<std::vector<StoredDefinitionSet>> ListDefinitionSets() override;
    Result<std::vector<StoredDefinitionSet>> DefinitionSetVersions(const std::string& code) override;
    Result<std::optional<DefinitionSet>> FindDefinitionSet(const std::string& code,
                                                           std::optional<int> version) override;
    Result<DefinitionSet> ActiveDefinitionSet() override;
    Result<DefinitionSet> SaveDefinitionSet(const DefinitionSet& set, const std::string& saved_by) override;
    Status ActivateDefinitionSet(const std::string& code) override;

    // DossierMappingStore (sqlite_mapping_store.cpp).
    Result<DossierMapping> SaveDossierMapping(const DossierMapping& mapping) override;
    Result<std::vector<DossierMapping>> ListDossierMappings() override;
    Result<std::optional<DossierMapping>> FindDossierMapping(const std::string& name,
                                                             std::optional<int> version) override;
    Result<bool> DeleteDossierMapping(const std::string& name) override;
    Result<std::int64_t> RecordDossierImport(const DossierImportRecord& record) override;
    Result<std::vector<DossierImportRecord>> ListDossierImports(const std::string& unit, int limit) override;
    Result<std::optional<DossierImportRecord>> FindDossierImport(std::int64_t id) override;

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
    /// The user with `username`, the one with `id`, or (both null) every user by username, with their groups.
    std::vector<User> ReadUsers(const std::string* username, const std::int64_t* id);
    /// The plan of (unit, year) when `one`, else every plan (of `year` unless 0), with their duties.
    std::vector<Plan> ReadPlans(const std::string* unit_code, int year, bool one);
    /// The tasks selected by `where` (appended to the task columns) with parameters bound by `bind`.
    std::vector<PlanTask> ReadTasks(std::string_view where, const std::function<void(sqlite::Statement&)>& bind);

    std::recursive_mutex mutex_;
    std::unique_ptr<sqlite::Connection> connection_;
    int schema_version_ = 0;
    int depth_ = 0;  ///< Open transaction levels: 0 none, 1 BEGIN, 2+ savepoints.
};

/// Opens the database as OpenSqliteStore does and returns the concrete store, which is both the Store and the
/// AuthStore of the data folder (the HTTP server and the user commands need both on one object).
Result<std::unique_ptr<SqliteStore>> OpenSqliteStoreConcrete(const std::string& path, const Clock& clock);

/// Opens (creating if needed) the SQLite database at `path`, sets WAL, foreign_keys=ON, busy_timeout,
/// synchronous=NORMAL, and applies pending migrations in order inside a transaction each, recording them in a
/// `schema_migrations(version, name, applied_at)` table with `clock`'s time.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Clock& clock);

}  // namespace parindex
