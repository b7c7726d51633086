#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"
#include "storage/sqlite/sqlite_migrator.hpp"
#include "storage/sqlite/sqlite_statement.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::FromUnixSeconds;
using sqlite::Guard;
using sqlite::Statement;
using sqlite::StorageFailure;
using sqlite::UnixSeconds;

constexpr int kBusyTimeoutMilliseconds = 5000;

/// Joins pieces of SQL; used for the few statements that come in variants (one row, a filter, all rows).
std::string Sql(std::initializer_list<std::string_view> pieces) {
    std::string sql;
    for (std::string_view piece : pieces) sql += piece;
    return sql;
}

std::string Quoted(const std::string& code) { return "“" + code + "”"; }

/// The key that ties child rows to their parent while stitching: code and year.
std::string Key(const std::string& code, std::int64_t year) {
    std::string key = code;
    key += '\x1f';
    key += std::to_string(year);
    return key;
}

/// Puts items in the order of their saved positions (rows come back in primary-key order), moving each item
/// at most once more and allocating nothing the size of the items.
template <class T>
void OrderByPosition(std::vector<T>& items, const std::vector<std::int64_t>& positions) {
    if (std::is_sorted(positions.begin(), positions.end())) return;
    std::vector<std::size_t> order(items.size());  // order[i]: the index of the item that belongs at i.
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t left, std::size_t right) { return positions[left] < positions[right]; });
    std::vector<bool> placed(items.size(), false);
    for (std::size_t start = 0; start < items.size(); ++start) {
        if (placed[start] || order[start] == start) continue;
        // Follow the permutation's cycle through `start`.
        T held = std::move(items[start]);
        std::size_t hole = start;
        while (true) {
            placed[hole] = true;
            const std::size_t from = order[hole];
            if (from == start) {
                items[hole] = std::move(held);
                break;
            }
            items[hole] = std::move(items[from]);
            hole = from;
        }
    }
}

[[noreturn]] void FailCorrupt(const Connection& connection, const char* table, const char* column,
                              const std::string& value) {
    throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), table, column, value));
}

Provenance ReadProvenance(const Connection& connection, const Statement& row, int column, const char* table,
                          const char* name) {
    const std::string text = row.Text(column);
    const std::optional<Provenance> value = ParseProvenance(text);
    if (!value) FailCorrupt(connection, table, name, text);
    return *value;
}

ScoringMethod ReadMethod(const Connection& connection, const Statement& row, int column, const char* table) {
    const std::string text = row.Text(column);
    // Stored names are the English ones; ParseScoringMethod also reads Vietnamese, which is harmless here.
    const std::optional<ScoringMethod> value = ParseScoringMethod(text);
    if (!value) FailCorrupt(connection, table, "method", text);
    return *value;
}

AssessmentStatus ReadStatus(const Connection& connection, const Statement& row, int column) {
    const std::string text = row.Text(column);
    const std::optional<AssessmentStatus> value = ParseAssessmentStatus(text);
    if (!value) FailCorrupt(connection, "assessments", "status", text);
    return *value;
}

// ---- Units ----------------------------------------------------------------------------------------------------

constexpr std::string_view kUpsertUnit =
    "INSERT INTO units(code, name, type, parent_code, valid_from, valid_to, successor_code, demo)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, type = excluded.type,"
    " parent_code = excluded.parent_code, valid_from = excluded.valid_from, valid_to = excluded.valid_to,"
    " successor_code = excluded.successor_code, demo = excluded.demo";
constexpr std::string_view kDeleteDepartments = "DELETE FROM departments WHERE unit_code = ?1";
constexpr std::string_view kInsertDepartment =
    "INSERT INTO departments(unit_code, code, name, position) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kUnitColumns =
    "SELECT code, name, type, parent_code, valid_from, valid_to, successor_code, demo FROM units";
constexpr std::string_view kDepartmentColumns = "SELECT unit_code, code, name FROM departments";

// ---- Peer groups -----------------------------------------------------------------------------------------------

constexpr std::string_view kUpsertPeerGroup =
    "INSERT INTO peer_groups(code, name) VALUES (?1, ?2) ON CONFLICT(code) DO UPDATE SET name = excluded.name";
constexpr std::string_view kUpsertPeerGroupYear =
    "INSERT INTO peer_group_years(group_code, year, name, framework_code) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT(group_code, year) DO UPDATE SET name = excluded.name, framework_code = excluded.framework_code";
constexpr std::string_view kDeleteMembers = "DELETE FROM peer_group_members WHERE group_code = ?1 AND year = ?2";
constexpr std::string_view kInsertMember =
    "INSERT INTO peer_group_members(group_code, year, unit_code, ranked, position) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kGroupYearColumns = "SELECT group_code, year, name, framework_code FROM peer_group_years";
constexpr std::string_view kMemberColumns = "SELECT group_code, year, unit_code, ranked FROM peer_group_members";
constexpr std::string_view kWhereGroupYear = " WHERE group_code = ?1 AND year = ?2";
constexpr std::string_view kWhereYear = " WHERE year = ?1";
constexpr std::string_view kOrderGroupYears = " ORDER BY group_code, year";
constexpr std::string_view kOrderMembers = " ORDER BY group_code, year, position";

// ---- Frameworks ------------------------------------------------------------------------------------------------

constexpr std::string_view kUpsertFramework =
    "INSERT INTO frameworks(code, title, version, decision, previous_code, max, display_decimals)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT(code) DO UPDATE SET title = excluded.title, version = excluded.version,"
    " decision = excluded.decision, previous_code = excluded.previous_code, max = excluded.max,"
    " display_decimals = excluded.display_decimals";
constexpr std::string_view kDeleteBands = "DELETE FROM framework_bands WHERE framework_code = ?1";
constexpr std::string_view kDeleteFrameworkNodes = "DELETE FROM framework_nodes WHERE framework_code = ?1";
constexpr std::string_view kInsertBand =
    "INSERT INTO framework_bands(framework_code, position, code, name, min_index, demo)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kInsertFrameworkNode =
    "INSERT INTO framework_nodes(framework_code, code, parent_code, position, title, max, method,"
    " evidence_required, responsible, previous_code, max_only, declared_difference, max_provenance, note)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr std::string_view kFrameworkColumns =
    "SELECT code, title, version, decision, previous_code, max, display_decimals FROM frameworks";
constexpr std::string_view kBandColumns =
    "SELECT framework_code, position, code, name, min_index, demo FROM framework_bands";
constexpr std::string_view kFrameworkNodeColumns =
    "SELECT framework_code, position, code, parent_code, title, max, method, evidence_required, responsible,"
    " previous_code, max_only, declared_difference, max_provenance, note FROM framework_nodes";

// ---- Assessments -----------------------------------------------------------------------------------------------

constexpr std::string_view kUpsertAssessment =
    "INSERT INTO assessments(unit_code, year, framework_code, status, losses_complete, total_self, total_points,"
    " total_max, total_change, total_provenance, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT(unit_code, year) DO UPDATE SET framework_code = excluded.framework_code,"
    " status = excluded.status, losses_complete = excluded.losses_complete, total_self = excluded.total_self,"
    " total_points = excluded.total_points, total_max = excluded.total_max, total_change = excluded.total_change,"
    " total_provenance = excluded.total_provenance, note = excluded.note";
constexpr std::string_view kDeleteParts = "DELETE FROM assessment_parts WHERE unit_code = ?1 AND year = ?2";
constexpr std::string_view kDeleteNodeScores = "DELETE FROM assessment_nodes WHERE unit_code = ?1 AND year = ?2";
constexpr std::string_view kDeleteRanks = "DELETE FROM assessment_ranks WHERE unit_code = ?1 AND year = ?2";
constexpr std::string_view kInsertPart =
    "INSERT INTO assessment_parts(unit_code, year, position, method, self, points, max, idx, change, provenance)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kInsertNodeScore =
    "INSERT INTO assessment_nodes(unit_code, year, code, position, self, appraised, change, explanation, reason,"
    " cause, responsible, provenance, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
constexpr std::string_view kInsertRank =
    "INSERT INTO assessment_ranks(unit_code, year, position, group_code, scope, rank, rank_of, provenance)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

// One filter for a single assessment, one for a range of years; both bind ?1 and ?2.
constexpr std::string_view kWhereOneAssessment = " WHERE a.unit_code = ?1 AND a.year = ?2";
constexpr std::string_view kWhereYearRange = " WHERE a.year BETWEEN ?1 AND ?2";
constexpr std::string_view kAssessmentColumns =
    "SELECT a.unit_code, a.year, a.framework_code, a.status, a.losses_complete, a.total_self, a.total_points,"
    " a.total_max, a.total_change, a.total_provenance, a.note FROM assessments a";
// CROSS JOIN keeps `assessments` as the outer loop, so each child table is read through its primary key, one
// assessment at a time, and rows of one assessment arrive together. The unary + in `+a.year` stops SQLite from
// copying the year range onto the child table, which made it read every year of a unit for each assessment.
constexpr std::string_view kPartColumns =
    "SELECT c.unit_code, c.year, c.position, c.method, c.self, c.points, c.max, c.idx, c.change, c.provenance"
    " FROM assessments a CROSS JOIN assessment_parts c ON c.unit_code = a.unit_code AND c.year = +a.year";
constexpr std::string_view kNodeScoreColumns =
    "SELECT c.unit_code, c.year, c.position, c.code, c.self, c.appraised, c.change, c.explanation, c.reason,"
    " c.cause, c.responsible, c.provenance, c.note"
    " FROM assessments a CROSS JOIN assessment_nodes c ON c.unit_code = a.unit_code AND c.year = +a.year";
constexpr std::string_view kRankColumns =
    "SELECT c.unit_code, c.year, c.position, c.group_code, c.scope, c.rank, c.rank_of, c.provenance"
    " FROM assessments a CROSS JOIN assessment_ranks c ON c.unit_code = a.unit_code AND c.year = +a.year";

/// Reads the child rows of `statement` (columns 0-2: unit code, year, position) into the assessments they
/// belong to, then puts each assessment's children in saved order.
template <class T, class ReadRow>
void ReadAssessmentChildren(Statement& statement, const std::unordered_map<std::string, std::size_t>& index,
                            std::vector<Assessment>& assessments, std::vector<T> Assessment::*field,
                            ReadRow&& read_row) {
    std::vector<std::vector<std::int64_t>> positions(assessments.size());
    std::string last_unit;
    std::int64_t last_year = 0;
    std::size_t current = assessments.size();  // assessments.size() means "no parent found".
    while (statement.Step()) {
        std::string unit = statement.Text(0);
        const std::int64_t year = statement.Int64(1);
        if (current == assessments.size() || unit != last_unit || year != last_year) {
            const std::size_t previous_size = current == assessments.size() ? 0 : (assessments[current].*field).size();
            const auto found = index.find(Key(unit, year));
            current = found == index.end() ? assessments.size() : found->second;
            last_unit = std::move(unit);
            last_year = year;
            // Assessments of one listing mostly have as many figures as each other: reserve that much.
            if (current != assessments.size()) {
                (assessments[current].*field).reserve(previous_size);
                positions[current].reserve(previous_size);
            }
        }
        if (current == assessments.size()) continue;
        positions[current].push_back(statement.Int64(2));
        (assessments[current].*field).push_back(read_row(statement));
    }
    for (std::size_t i = 0; i < assessments.size(); ++i) OrderByPosition(assessments[i].*field, positions[i]);
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Connection> connection) : connection_(std::move(connection)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, const Clock& clock) {
    try {
        auto connection = std::make_unique<Connection>(path);
        sqlite3_busy_timeout(connection->Handle(), kBusyTimeoutMilliseconds);
        {
            // Reading the journal mode is the first real read of the file: a damaged or foreign file fails here.
            Statement journal = connection->Prepare("PRAGMA journal_mode = WAL");
            const std::string mode = journal.Step() ? journal.Text(0) : std::string();
            if (mode != "wal" && mode != "memory") {
                throw StorageFailure(MakeError(
                    ErrorCode::kStorage,
                    "Không thể bật chế độ WAL cho cơ sở dữ liệu “" + path + "” (chế độ hiện tại: " + mode + ")",
                    "Could not switch the database “" + path + "” to WAL mode (current mode: " + mode + ")",
                    {sqlite::FileDetail(path)}));
            }
        }
        connection->Execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;");
        const int version = sqlite::ApplyMigrations(*connection, SqliteMigrationFiles(), clock);
        std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(connection)));
        store->schema_version_ = version;
        return store;
    } catch (StorageFailure& failure) {
        Error error = failure.TakeError();
        if (error.details.empty()) error.details.push_back(sqlite::FileDetail(path));
        return error;
    }
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Clock& clock) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path, clock);
    if (!store) return store.TakeError();
    return std::unique_ptr<Store>(std::move(store).Value());
}

Result<std::string> SqliteStore::JournalMode() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc chế độ nhật ký", "read the journal mode"});
    return Guard([&]() -> Result<std::string> {
        auto journal = connection_->Cached("PRAGMA journal_mode");
        return journal->Step() ? journal->Text(0) : std::string();
    });
}

Result<std::vector<SqliteMigrationRecord>> SqliteStore::AppliedMigrations() {
    std::lock_guard lock(mutex_);
    return Guard([&]() -> Result<std::vector<SqliteMigrationRecord>> {
        std::vector<SqliteMigrationRecord> records;
        for (sqlite::AppliedMigration& applied : sqlite::ListAppliedMigrations(*connection_)) {
            records.push_back(
                SqliteMigrationRecord{applied.version, std::move(applied.name), std::move(applied.applied_at)});
        }
        return records;
    });
}

// ---- Transactions ----------------------------------------------------------------------------------------------

Status SqliteStore::InTransaction(const std::function<Status()>& work) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"thực hiện giao dịch", "run a transaction"});
    return RunInTransaction(work);
}

Status SqliteStore::RunInTransaction(const std::function<Status()>& work) {
    const int depth = depth_;
    const std::string savepoint = "parindex_" + std::to_string(depth);
    try {
        if (depth == 0) {
            connection_->Cached("BEGIN IMMEDIATE")->Run();
        } else {
            connection_->Cached("SAVEPOINT " + savepoint)->Run();
        }
    } catch (StorageFailure& failure) {
        return failure.TakeError();
    }
    ++depth_;
    Status status;
    try {
        status = work();
    } catch (...) {
        depth_ = depth;
        RollbackQuietly(depth);
        throw;
    }
    depth_ = depth;
    if (!status.Ok()) {
        RollbackQuietly(depth);
        return status;
    }
    try {
        if (depth == 0) {
            connection_->Cached("COMMIT")->Run();
        } else {
            connection_->Cached("RELEASE " + savepoint)->Run();
        }
    } catch (StorageFailure& failure) {
        RollbackQuietly(depth);
        return failure.TakeError();
    }
    return OkStatus();
}

void SqliteStore::RollbackQuietly(int depth) noexcept {
    // SQLite rolls the whole transaction back by itself after some failures (disk full, I/O errors).
    if (connection_->InAutocommit()) return;
    try {
        if (depth == 0) {
            connection_->Cached("ROLLBACK")->Run();
        } else {
            const std::string savepoint = "parindex_" + std::to_string(depth);
            connection_->Cached("ROLLBACK TO " + savepoint)->Run();
            connection_->Cached("RELEASE " + savepoint)->Run();
        }
    } catch (...) {
        // The failure that caused the rollback is the one worth reporting.
    }
}

void SqliteStore::RunInSnapshot(const std::function<void()>& read) {
    if (!connection_->InAutocommit()) {
        read();
        return;
    }
    connection_->Cached("BEGIN")->Run();
    try {
        read();
        connection_->Cached("COMMIT")->Run();
    } catch (...) {
        RollbackQuietly(0);
        throw;
    }
}

// ---- Units -----------------------------------------------------------------------------------------------------

Status SqliteStore::SaveUnit(const Unit& unit) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"lưu đơn vị " + Quoted(unit.code), "save the unit " + Quoted(unit.code)});
    return Guard([&] {
        return RunInTransaction([&] {
            WriteUnit(unit);
            return OkStatus();
        });
    });
}

void SqliteStore::WriteUnit(const Unit& unit) {
    {
        auto upsert = connection_->Cached(kUpsertUnit);
        upsert->Bind(1, unit.code).Bind(2, unit.name).Bind(3, unit.type).BindCodeOrNull(4, unit.parent_code);
        upsert->Bind(5, unit.valid_from).Bind(6, unit.valid_to).BindCodeOrNull(7, unit.successor_code);
        upsert->BindBool(8, unit.demo).Run();
    }
    {
        auto remove = connection_->Cached(kDeleteDepartments);
        remove->Bind(1, unit.code).Run();
    }
    auto insert = connection_->Cached(kInsertDepartment);
    for (std::size_t i = 0; i < unit.departments.size(); ++i) {
        const Department& department = unit.departments[i];
        insert->Bind(1, unit.code).Bind(2, department.code).Bind(3, department.name);
        insert->Bind(4, static_cast<std::int64_t>(i)).Run();
    }
}

Result<std::optional<Unit>> SqliteStore::FindUnit(const std::string& code) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc đơn vị " + Quoted(code), "read the unit " + Quoted(code)});
    return Guard([&]() -> Result<std::optional<Unit>> {
        std::vector<Unit> units;
        RunInSnapshot([&] { units = ReadUnits(&code); });
        if (units.empty()) return std::optional<Unit>();
        return std::optional<Unit>(std::move(units.front()));
    });
}

Result<std::vector<Unit>> SqliteStore::ListUnits() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh sách đơn vị", "read the list of units"});
    return Guard([&]() -> Result<std::vector<Unit>> {
        std::vector<Unit> units;
        RunInSnapshot([&] { units = ReadUnits(nullptr); });
        return units;
    });
}

std::vector<Unit> SqliteStore::ReadUnits(const std::string* code) {
    std::vector<Unit> units;
    std::unordered_map<std::string, std::size_t> index;
    {
        auto select = connection_->Cached(Sql({kUnitColumns, code != nullptr ? " WHERE code = ?1" : " ORDER BY code"}));
        if (code != nullptr) select->Bind(1, *code);
        while (select->Step()) {
            Unit unit;
            unit.code = select->Text(0);
            unit.name = select->Text(1);
            unit.type = select->Text(2);
            unit.parent_code = select->Text(3);
            unit.valid_from = select->OptionalInt(4);
            unit.valid_to = select->OptionalInt(5);
            unit.successor_code = select->Text(6);
            unit.demo = select->Bool(7);
            index.emplace(unit.code, units.size());
            units.push_back(std::move(unit));
        }
    }
    if (units.empty()) return units;
    auto select =
        connection_->Cached(Sql({kDepartmentColumns, code != nullptr ? " WHERE unit_code = ?1 ORDER BY position"
                                                                     : " ORDER BY unit_code, position"}));
    if (code != nullptr) select->Bind(1, *code);
    while (select->Step()) {
        const auto found = index.find(select->Text(0));
        if (found == index.end()) continue;
        units[found->second].departments.push_back(Department{select->Text(1), select->Text(2)});
    }
    return units;
}

// ---- Peer groups -----------------------------------------------------------------------------------------------

Status SqliteStore::SavePeerGroup(const PeerGroup& group) {
    std::lock_guard lock(mutex_);
    const std::string year = std::to_string(group.year);
    Connection::ActionScope scope(*connection_, Text{"lưu nhóm so sánh " + Quoted(group.code) + " năm " + year,
                                                     "save the peer group " + Quoted(group.code) + " for " + year});
    return Guard([&] {
        return RunInTransaction([&] {
            WritePeerGroup(group);
            return OkStatus();
        });
    });
}

void SqliteStore::WritePeerGroup(const PeerGroup& group) {
    {
        auto upsert = connection_->Cached(kUpsertPeerGroup);
        upsert->Bind(1, group.code).Bind(2, group.name).Run();
    }
    {
        auto upsert = connection_->Cached(kUpsertPeerGroupYear);
        upsert->Bind(1, group.code).Bind(2, group.year).Bind(3, group.name).BindCodeOrNull(4, group.framework_code);
        upsert->Run();
    }
    {
        auto remove = connection_->Cached(kDeleteMembers);
        remove->Bind(1, group.code).Bind(2, group.year).Run();
    }
    auto insert = connection_->Cached(kInsertMember);
    for (std::size_t i = 0; i < group.members.size(); ++i) {
        const GroupMember& member = group.members[i];
        insert->Bind(1, group.code).Bind(2, group.year).Bind(3, member.unit_code).BindBool(4, member.ranked);
        insert->Bind(5, static_cast<std::int64_t>(i)).Run();
    }
}

Result<std::optional<PeerGroup>> SqliteStore::FindPeerGroup(const std::string& code, int year) {
    std::lock_guard lock(mutex_);
    const std::string year_text = std::to_string(year);
    Connection::ActionScope scope(*connection_, Text{"đọc nhóm so sánh " + Quoted(code) + " năm " + year_text,
                                                     "read the peer group " + Quoted(code) + " for " + year_text});
    return Guard([&]() -> Result<std::optional<PeerGroup>> {
        std::vector<PeerGroup> groups;
        RunInSnapshot([&] { groups = ReadPeerGroups(&code, year); });
        if (groups.empty()) return std::optional<PeerGroup>();
        return std::optional<PeerGroup>(std::move(groups.front()));
    });
}

Result<std::vector<PeerGroup>> SqliteStore::ListPeerGroups(std::optional<int> year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh sách nhóm so sánh", "read the list of peer groups"});
    return Guard([&]() -> Result<std::vector<PeerGroup>> {
        std::vector<PeerGroup> groups;
        RunInSnapshot([&] { groups = ReadPeerGroups(nullptr, year); });
        return groups;
    });
}

std::vector<PeerGroup> SqliteStore::ReadPeerGroups(const std::string* code, std::optional<int> year) {
    // A code always comes with a year (FindPeerGroup); a year alone filters the list.
    const std::string_view where = code != nullptr ? kWhereGroupYear : year ? kWhereYear : std::string_view();
    const auto bind = [&](Statement& statement) {
        if (code != nullptr) {
            statement.Bind(1, *code).Bind(2, *year);
        } else if (year) {
            statement.Bind(1, *year);
        }
    };
    std::vector<PeerGroup> groups;
    std::unordered_map<std::string, std::size_t> index;
    {
        auto select = connection_->Cached(Sql({kGroupYearColumns, where, kOrderGroupYears}));
        bind(*select);
        while (select->Step()) {
            PeerGroup group;
            group.code = select->Text(0);
            group.year = select->Int(1);
            group.name = select->Text(2);
            group.framework_code = select->Text(3);
            index.emplace(Key(group.code, group.year), groups.size());
            groups.push_back(std::move(group));
        }
    }
    if (groups.empty()) return groups;
    auto select = connection_->Cached(Sql({kMemberColumns, where, kOrderMembers}));
    bind(*select);
    while (select->Step()) {
        const auto found = index.find(Key(select->Text(0), select->Int64(1)));
        if (found == index.end()) continue;
        GroupMember member;
        member.unit_code = select->Text(2);
        member.ranked = select->Bool(3);
        groups[found->second].members.push_back(std::move(member));
    }
    return groups;
}

// ---- Frameworks ------------------------------------------------------------------------------------------------

Status SqliteStore::SaveFramework(const Framework& framework) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(
        *connection_, Text{"lưu bộ chỉ số " + Quoted(framework.code), "save the framework " + Quoted(framework.code)});
    return Guard([&] {
        return RunInTransaction([&] {
            WriteFramework(framework);
            return OkStatus();
        });
    });
}

void SqliteStore::WriteFramework(const Framework& framework) {
    {
        auto upsert = connection_->Cached(kUpsertFramework);
        upsert->Bind(1, framework.code).Bind(2, framework.title).Bind(3, framework.version);
        upsert->Bind(4, framework.decision).BindCodeOrNull(5, framework.previous_code).Bind(6, framework.max);
        upsert->Bind(7, framework.display_decimals).Run();
    }
    {
        auto remove = connection_->Cached(kDeleteBands);
        remove->Bind(1, framework.code).Run();
    }
    {
        auto remove = connection_->Cached(kDeleteFrameworkNodes);
        remove->Bind(1, framework.code).Run();
    }
    {
        auto insert = connection_->Cached(kInsertBand);
        for (std::size_t i = 0; i < framework.bands.size(); ++i) {
            const Band& band = framework.bands[i];
            insert->Bind(1, framework.code).Bind(2, static_cast<std::int64_t>(i)).Bind(3, band.code);
            insert->Bind(4, band.name).Bind(5, band.min_index).BindBool(6, band.demo).Run();
        }
    }
    auto insert = connection_->Cached(kInsertFrameworkNode);
    for (std::size_t i = 0; i < framework.nodes.size(); ++i) {
        const FrameworkNode& node = framework.nodes[i];
        insert->Bind(1, framework.code).Bind(2, node.code).BindCodeOrNull(3, node.parent_code);
        insert->Bind(4, static_cast<std::int64_t>(i)).Bind(5, node.title).Bind(6, node.max);
        insert->Bind(7, ScoringMethodName(node.method)).BindBool(8, node.evidence_required);
        insert->Bind(9, node.responsible).BindCodeOrNull(10, node.previous_code).BindBool(11, node.max_only);
        insert->Bind(12, node.declared_difference).Bind(13, ProvenanceName(node.max_provenance));
        insert->Bind(14, node.note).Run();
    }
}

Result<std::optional<Framework>> SqliteStore::FindFramework(const std::string& code) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc bộ chỉ số " + Quoted(code), "read the framework " + Quoted(code)});
    return Guard([&]() -> Result<std::optional<Framework>> {
        std::vector<Framework> frameworks;
        RunInSnapshot([&] { frameworks = ReadFrameworks(&code); });
        if (frameworks.empty()) return std::optional<Framework>();
        return std::optional<Framework>(std::move(frameworks.front()));
    });
}

Result<std::vector<Framework>> SqliteStore::ListFrameworks() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh sách bộ chỉ số", "read the list of frameworks"});
    return Guard([&]() -> Result<std::vector<Framework>> {
        std::vector<Framework> frameworks;
        RunInSnapshot([&] { frameworks = ReadFrameworks(nullptr); });
        return frameworks;
    });
}

std::vector<Framework> SqliteStore::ReadFrameworks(const std::string* code) {
    std::vector<Framework> frameworks;
    std::unordered_map<std::string, std::size_t> index;
    {
        auto select =
            connection_->Cached(Sql({kFrameworkColumns, code != nullptr ? " WHERE code = ?1" : " ORDER BY code"}));
        if (code != nullptr) select->Bind(1, *code);
        while (select->Step()) {
            Framework framework;
            framework.code = select->Text(0);
            framework.title = select->Text(1);
            framework.version = select->Text(2);
            framework.decision = select->Text(3);
            framework.previous_code = select->Text(4);
            framework.max = select->OptionalDecimal(5);
            framework.display_decimals = select->Int(6);
            index.emplace(framework.code, frameworks.size());
            frameworks.push_back(std::move(framework));
        }
    }
    if (frameworks.empty()) return frameworks;
    const std::string_view where = code != nullptr ? " WHERE framework_code = ?1" : "";
    {
        auto select = connection_->Cached(Sql({kBandColumns, where, " ORDER BY framework_code, position"}));
        if (code != nullptr) select->Bind(1, *code);
        while (select->Step()) {
            const auto found = index.find(select->Text(0));
            if (found == index.end()) continue;
            Band band;
            band.code = select->Text(2);
            band.name = select->Text(3);
            band.min_index = select->DecimalValue(4);
            band.demo = select->Bool(5);
            frameworks[found->second].bands.push_back(std::move(band));
        }
    }
    auto select = connection_->Cached(Sql({kFrameworkNodeColumns, where, " ORDER BY framework_code, position"}));
    if (code != nullptr) select->Bind(1, *code);
    while (select->Step()) {
        const auto found = index.find(select->Text(0));
        if (found == index.end()) continue;
        FrameworkNode node;
        node.code = select->Text(2);
        node.parent_code = select->Text(3);
        node.title = select->Text(4);
        node.max = select->OptionalDecimal(5);
        node.method = ReadMethod(*connection_, *select, 6, "framework_nodes");
        node.evidence_required = select->Bool(7);
        node.responsible = select->Text(8);
        node.previous_code = select->Text(9);
        node.max_only = select->Bool(10);
        node.declared_difference = select->OptionalDecimal(11);
        node.max_provenance = ReadProvenance(*connection_, *select, 12, "framework_nodes", "max_provenance");
        node.note = select->Text(13);
        frameworks[found->second].nodes.push_back(std::move(node));
    }
    return frameworks;
}

// ---- Assessments -----------------------------------------------------------------------------------------------

Status SqliteStore::SaveAssessment(const Assessment& assessment) {
    std::lock_guard lock(mutex_);
    const std::string year = std::to_string(assessment.year);
    Connection::ActionScope scope(
        *connection_, Text{"lưu kết quả đánh giá của đơn vị " + Quoted(assessment.unit_code) + " năm " + year,
                           "save the assessment of " + Quoted(assessment.unit_code) + " for " + year});
    return Guard([&] {
        return RunInTransaction([&] {
            WriteAssessment(assessment);
            return OkStatus();
        });
    });
}

void SqliteStore::WriteAssessment(const Assessment& assessment) {
    const std::string& unit = assessment.unit_code;
    const int year = assessment.year;
    {
        auto upsert = connection_->Cached(kUpsertAssessment);
        upsert->Bind(1, unit).Bind(2, year).BindCodeOrNull(3, assessment.framework_code);
        upsert->Bind(4, AssessmentStatusName(assessment.status)).BindBool(5, assessment.losses_complete);
        upsert->Bind(6, assessment.total_self).Bind(7, assessment.total_points).Bind(8, assessment.total_max);
        upsert->Bind(9, assessment.total_change).Bind(10, ProvenanceName(assessment.total_provenance));
        upsert->Bind(11, assessment.note).Run();
    }
    for (const std::string_view remove_sql : {kDeleteParts, kDeleteNodeScores, kDeleteRanks}) {
        auto remove = connection_->Cached(remove_sql);
        remove->Bind(1, unit).Bind(2, year).Run();
    }
    {
        auto insert = connection_->Cached(kInsertPart);
        for (std::size_t i = 0; i < assessment.parts.size(); ++i) {
            const PartFigure& part = assessment.parts[i];
            insert->Bind(1, unit).Bind(2, year).Bind(3, static_cast<std::int64_t>(i));
            insert->Bind(4, ScoringMethodName(part.method)).Bind(5, part.self).Bind(6, part.points);
            insert->Bind(7, part.max).Bind(8, part.index).Bind(9, part.change);
            insert->Bind(10, ProvenanceName(part.provenance)).Run();
        }
    }
    {
        auto insert = connection_->Cached(kInsertNodeScore);
        for (std::size_t i = 0; i < assessment.nodes.size(); ++i) {
            const NodeScore& node = assessment.nodes[i];
            insert->Bind(1, unit).Bind(2, year).Bind(3, node.code).Bind(4, static_cast<std::int64_t>(i));
            insert->Bind(5, node.self).Bind(6, node.appraised).Bind(7, node.change).Bind(8, node.explanation);
            insert->Bind(9, node.reason).Bind(10, node.cause).Bind(11, node.responsible);
            insert->Bind(12, ProvenanceName(node.provenance)).Bind(13, node.note).Run();
        }
    }
    auto insert = connection_->Cached(kInsertRank);
    for (std::size_t i = 0; i < assessment.ranks.size(); ++i) {
        const PublishedRank& rank = assessment.ranks[i];
        insert->Bind(1, unit).Bind(2, year).Bind(3, static_cast<std::int64_t>(i)).Bind(4, rank.group_code);
        insert->Bind(5, rank.scope).Bind(6, rank.rank).Bind(7, rank.of).Bind(8, ProvenanceName(rank.provenance));
        insert->Run();
    }
}

Result<std::optional<Assessment>> SqliteStore::FindAssessment(const std::string& unit_code, int year) {
    std::lock_guard lock(mutex_);
    const std::string year_text = std::to_string(year);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc kết quả đánh giá của đơn vị " + Quoted(unit_code) + " năm " + year_text,
                                       "read the assessment of " + Quoted(unit_code) + " for " + year_text});
    return Guard([&]() -> Result<std::optional<Assessment>> {
        std::vector<Assessment> assessments;
        RunInSnapshot([&] { assessments = ReadAssessments(&unit_code, year, year); });
        if (assessments.empty()) return std::optional<Assessment>();
        return std::optional<Assessment>(std::move(assessments.front()));
    });
}

Result<std::vector<Assessment>> SqliteStore::ListAssessments(int from_year, int to_year) {
    std::lock_guard lock(mutex_);
    const std::string from = std::to_string(from_year);
    const std::string to = std::to_string(to_year);
    Connection::ActionScope scope(*connection_, Text{"đọc các kết quả đánh giá từ năm " + from + " đến năm " + to,
                                                     "read the assessments from " + from + " to " + to});
    return Guard([&]() -> Result<std::vector<Assessment>> {
        std::vector<Assessment> assessments;
        RunInSnapshot([&] { assessments = ReadAssessments(nullptr, from_year, to_year); });
        return assessments;
    });
}

std::vector<Assessment> SqliteStore::ReadAssessments(const std::string* unit_code, int from_year, int to_year) {
    const std::string_view where = unit_code != nullptr ? kWhereOneAssessment : kWhereYearRange;
    const auto bind = [&](Statement& statement) {
        if (unit_code != nullptr) {
            statement.Bind(1, *unit_code).Bind(2, from_year);
        } else {
            statement.Bind(1, from_year).Bind(2, to_year);
        }
    };
    std::vector<Assessment> assessments;
    std::unordered_map<std::string, std::size_t> index;
    {
        auto select = connection_->Cached(Sql({kAssessmentColumns, where, " ORDER BY a.unit_code, a.year"}));
        bind(*select);
        while (select->Step()) {
            Assessment assessment;
            assessment.unit_code = select->Text(0);
            assessment.year = select->Int(1);
            assessment.framework_code = select->Text(2);
            assessment.status = ReadStatus(*connection_, *select, 3);
            assessment.losses_complete = select->Bool(4);
            assessment.total_self = select->OptionalDecimal(5);
            assessment.total_points = select->OptionalDecimal(6);
            assessment.total_max = select->OptionalDecimal(7);
            assessment.total_change = select->OptionalDecimal(8);
            assessment.total_provenance = ReadProvenance(*connection_, *select, 9, "assessments", "total_provenance");
            assessment.note = select->Text(10);
            index.emplace(Key(assessment.unit_code, assessment.year), assessments.size());
            assessments.push_back(std::move(assessment));
        }
    }
    if (assessments.empty()) return assessments;
    {
        auto select = connection_->Cached(Sql({kPartColumns, where}));
        bind(*select);
        ReadAssessmentChildren(*select, index, assessments, &Assessment::parts, [&](const Statement& row) {
            PartFigure part;
            part.method = ReadMethod(*connection_, row, 3, "assessment_parts");
            part.self = row.OptionalDecimal(4);
            part.points = row.OptionalDecimal(5);
            part.max = row.OptionalDecimal(6);
            part.index = row.OptionalDecimal(7);
            part.change = row.OptionalDecimal(8);
            part.provenance = ReadProvenance(*connection_, row, 9, "assessment_parts", "provenance");
            return part;
        });
    }
    {
        auto select = connection_->Cached(Sql({kNodeScoreColumns, where}));
        bind(*select);
        ReadAssessmentChildren(*select, index, assessments, &Assessment::nodes, [&](const Statement& row) {
            NodeScore node;
            node.code = row.Text(3);
            node.self = row.OptionalDecimal(4);
            node.appraised = row.OptionalDecimal(5);
            node.change = row.OptionalDecimal(6);
            node.explanation = row.Text(7);
            node.reason = row.Text(8);
            node.cause = row.Text(9);
            node.responsible = row.Text(10);
            node.provenance = ReadProvenance(*connection_, row, 11, "assessment_nodes", "provenance");
            node.note = row.Text(12);
            return node;
        });
    }
    auto select = connection_->Cached(Sql({kRankColumns, where}));
    bind(*select);
    ReadAssessmentChildren(*select, index, assessments, &Assessment::ranks, [&](const Statement& row) {
        PublishedRank rank;
        rank.group_code = row.Text(3);
        rank.scope = row.Text(4);
        rank.rank = row.Int(5);
        rank.of = row.Int(6);
        rank.provenance = ReadProvenance(*connection_, row, 7, "assessment_ranks", "provenance");
        return rank;
    });
    return assessments;
}

}  // namespace parindex
