#include "storage/sqlite/sqlite_migrator.hpp"

#include <chrono>
#include <ctime>
#include <set>
#include <string_view>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"

namespace parindex::sqlite {
namespace {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

std::string BaseName(std::string_view path) {
    const auto slash = path.find_last_of('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

/// Reads `0007_add_surveys.sql` as version 7; throws for a name without a leading number or `.sql`.
Migration ParseMigration(const EmbeddedFile& file) {
    Migration migration;
    migration.name = BaseName(file.name);
    migration.sql = std::string(file.content);
    std::size_t digits = 0;
    long long version = 0;
    while (digits < migration.name.size() && migration.name[digits] >= '0' && migration.name[digits] <= '9' &&
           digits < 9) {
        version = version * 10 + (migration.name[digits] - '0');
        ++digits;
    }
    const bool sql_suffix = migration.name.size() > 4 && migration.name.ends_with(".sql");
    if (digits == 0 || version == 0 || !sql_suffix || digits >= migration.name.size() ||
        migration.name[digits] != '_') {
        throw StorageFailure(MakeError(
            ErrorCode::kInternal, "Tệp migration “" + std::string(file.name) + "” đặt tên sai: cần dạng 0001_ten.sql",
            "The migration file “" + std::string(file.name) + "” is misnamed: expected the form 0001_name.sql"));
    }
    migration.version = static_cast<int>(version);
    return migration;
}

int RecordedVersion(Connection& connection) {
    auto max = connection.Cached("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    max->Step();
    return max->Int(0);
}

}  // namespace

std::string FormatUtc(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return std::string(text, length);
}

int ApplyMigrations(Connection& connection, const std::vector<EmbeddedFile>& files, const Clock& clock) {
    std::vector<Migration> migrations;
    for (const EmbeddedFile& file : files) {
        migrations.push_back(ParseMigration(file));
        if (migrations.size() > 1 && migrations[migrations.size() - 2].version >= migrations.back().version) {
            throw StorageFailure(MakeError(
                ErrorCode::kInternal, "Hai tệp migration có cùng số hoặc sai thứ tự: “" + migrations.back().name + "”",
                "Two migration files share a number or are out of order: “" + migrations.back().name + "”"));
        }
    }

    Connection::ActionScope scope(connection, Text{"tạo bảng schema_migrations", "create the schema_migrations table"});
    connection.Execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY NOT NULL,"
        " name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)");

    const int known = migrations.empty() ? 0 : migrations.back().version;
    const int recorded = RecordedVersion(connection);
    if (recorded > known) {
        throw StorageFailure(MakeError(ErrorCode::kStorage,
                                       "Cơ sở dữ liệu ở phiên bản lược đồ " + std::to_string(recorded) +
                                           ", mới hơn phiên bản chương trình này biết (" + std::to_string(known) +
                                           "); hãy dùng phiên bản ParIndex mới hơn",
                                       "The database is at schema version " + std::to_string(recorded) +
                                           ", newer than this program knows (" + std::to_string(known) +
                                           "); use a newer ParIndex"));
    }

    // Every migration not recorded yet, not only those above the highest recorded: a migration numbered below one
    // already applied (two branches merged in another order) still gets applied.
    std::set<int> applied;
    {
        auto select = connection.Cached("SELECT version FROM schema_migrations");
        while (select->Step()) applied.insert(select->Int(0));
    }
    for (const Migration& migration : migrations) {
        if (applied.count(migration.version) > 0) continue;
        Connection::ActionScope apply(connection, Text{"áp dụng migration “" + migration.name + "”",
                                                       "apply the migration “" + migration.name + "”"});
        connection.Execute("BEGIN IMMEDIATE");
        try {
            // Another process may have applied it while this one waited for the write lock.
            bool done = false;
            {
                auto check = connection.Cached("SELECT 1 FROM schema_migrations WHERE version = ?1");
                check->Bind(1, migration.version);
                done = check->Step();
            }
            if (!done) {
                connection.Execute(migration.sql.c_str());
                auto record =
                    connection.Cached("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)");
                record->Bind(1, migration.version).Bind(2, migration.name).Bind(3, FormatUtc(clock.Now()));
                record->Run();
            }
            connection.Execute("COMMIT");
        } catch (...) {
            if (!connection.InAutocommit()) {
                try {
                    connection.Execute("ROLLBACK");
                } catch (const StorageFailure&) {
                    // The original failure is the one worth reporting.
                }
            }
            throw;
        }
    }
    return RecordedVersion(connection);
}

std::vector<AppliedMigration> ListAppliedMigrations(Connection& connection) {
    Connection::ActionScope scope(connection, Text{"đọc danh sách migration", "read the list of migrations"});
    std::vector<AppliedMigration> applied;
    auto select = connection.Cached("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
    while (select->Step()) {
        applied.push_back(AppliedMigration{select->Int(0), select->Text(1), select->Text(2)});
    }
    return applied;
}

}  // namespace parindex::sqlite
