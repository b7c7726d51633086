// The DossierMappingStore half of SqliteStore: mapping profiles of dossier exports, one row per saved version
// with its column choices and value maps in dossier_mapping_entries (migration 0008).
#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"
#include "storage/sqlite/sqlite_statement.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::Guard;
using sqlite::Statement;

constexpr std::string_view kLastVersion = "SELECT COALESCE(MAX(version), 0) FROM dossier_mappings WHERE name = ?1";
constexpr std::string_view kInsertMapping =
    "INSERT INTO dossier_mappings(name, version, description, format, json_path, sheet, header_row, time_format,"
    " dictionaries, default_unit, saved_at, saved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr std::string_view kInsertEntry =
    "INSERT OR IGNORE INTO dossier_mapping_entries(name, version, kind, source, target) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kMappingColumns =
    "SELECT name, version, description, format, json_path, sheet, header_row, time_format, dictionaries,"
    " default_unit, saved_at, saved_by FROM dossier_mappings";
constexpr std::string_view kLatestOfEach =
    " m WHERE version = (SELECT MAX(version) FROM dossier_mappings WHERE name = m.name) ORDER BY name";
constexpr std::string_view kLatestOfName =
    " WHERE name = ?1 AND version = (SELECT MAX(version) FROM dossier_mappings WHERE name = ?1)";
constexpr std::string_view kVersionOfName = " WHERE name = ?1 AND version = ?2";
constexpr std::string_view kSelectEntries =
    "SELECT kind, source, target FROM dossier_mapping_entries WHERE name = ?1 AND version = ?2 ORDER BY kind, source";
constexpr std::string_view kDeleteEntries = "DELETE FROM dossier_mapping_entries WHERE name = ?1";
constexpr std::string_view kDeleteMapping = "DELETE FROM dossier_mappings WHERE name = ?1";

constexpr std::string_view kInsertImport =
    "INSERT INTO dossier_import_log(unit_code, file, mapping, username, imported_at, rows, inserted, updated,"
    " skipped, errors, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr std::string_view kImportColumns =
    "SELECT id, unit_code, file, mapping, username, imported_at, rows, inserted, updated, skipped, errors,"
    " report IS NOT NULL, CASE WHEN ?9 THEN report ELSE NULL END FROM dossier_import_log";

DossierImportRecord ReadImport(const Statement& s) {
    DossierImportRecord record;
    record.id = s.Int64(0);
    record.unit = s.Text(1);
    record.file = s.Text(2);
    record.mapping = s.Text(3);
    record.username = s.Text(4);
    record.imported_at = s.Text(5);
    record.rows = s.Int64(6);
    record.inserted = s.Int64(7);
    record.updated = s.Int64(8);
    record.skipped = s.Int64(9);
    record.errors = s.Int64(10);
    record.has_report = s.Bool(11);
    record.report_csv = s.Text(12);
    return record;
}

DossierMapping ReadMapping(const Statement& s) {
    DossierMapping mapping;
    mapping.name = s.Text(0);
    mapping.version = s.Int(1);
    mapping.description = s.Text(2);
    mapping.format = ParseDossierSourceFormat(s.Text(3)).value_or(DossierSourceFormat::kCsv);
    mapping.json_path = s.Text(4);
    mapping.sheet = s.Text(5);
    mapping.header_row = s.Int(6);
    mapping.time_format = ParseDossierTimeFormat(s.Text(7)).value_or(DossierTimeFormat::kAuto);
    mapping.dictionaries = ParseDossierDictionaryMode(s.Text(8)).value_or(DossierDictionaryMode::kAuto);
    mapping.default_unit = s.Text(9);
    mapping.saved_at = s.Text(10);
    mapping.saved_by = s.Text(11);
    return mapping;
}

void ReadEntries(Connection& connection, DossierMapping& mapping) {
    auto select = connection.Cached(kSelectEntries);
    select->Bind(1, mapping.name).Bind(2, mapping.version);
    while (select->Step()) {
        const std::string kind = select->Text(0);
        std::string source = select->Text(1);
        std::string target = select->Text(2);
        if (kind == "column") {
            if (auto field = ParseDossierField(target)) mapping.Column(*field) = std::move(source);
        } else if (kind == "status") {
            mapping.status_values[std::move(source)] = std::move(target);
        } else if (kind == "channel") {
            mapping.channel_values[std::move(source)] = std::move(target);
        }
    }
}

}  // namespace

Result<DossierMapping> SqliteStore::SaveDossierMapping(const DossierMapping& mapping) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"lưu cấu hình ánh xạ " + mapping.name, "save the mapping " + mapping.name});
    return Guard([&]() -> Result<DossierMapping> {
        DossierMapping saved = mapping;
        Status status = RunInTransaction([&] {
            {
                auto last = connection_->Cached(kLastVersion);
                last->Bind(1, mapping.name);
                saved.version = last->Step() ? last->Int(0) + 1 : 1;
            }
            {
                auto insert = connection_->Cached(kInsertMapping);
                insert->Bind(1, saved.name).Bind(2, saved.version).Bind(3, saved.description);
                insert->Bind(4, DossierSourceFormatName(saved.format)).Bind(5, saved.json_path).Bind(6, saved.sheet);
                insert->Bind(7, saved.header_row).Bind(8, DossierTimeFormatName(saved.time_format));
                insert->Bind(9, DossierDictionaryModeName(saved.dictionaries)).Bind(10, saved.default_unit);
                insert->Bind(11, saved.saved_at).Bind(12, saved.saved_by).Run();
            }
            auto entry = connection_->Cached(kInsertEntry);
            auto add = [&](std::string_view kind, const std::string& source, const std::string& target) {
                entry->Bind(1, saved.name).Bind(2, saved.version).Bind(3, kind).Bind(4, source).Bind(5, target).Run();
            };
            for (int f = 0; f < kDossierFieldCount; ++f) {
                const std::string& column = saved.columns[static_cast<std::size_t>(f)];
                if (!column.empty()) add("column", column, DossierFieldName(static_cast<DossierField>(f)));
            }
            for (const auto& [source, target] : saved.status_values) add("status", source, target);
            for (const auto& [source, target] : saved.channel_values) add("channel", source, target);
            return OkStatus();
        });
        if (!status) return status.GetError();
        return saved;
    });
}

Result<std::vector<DossierMapping>> SqliteStore::ListDossierMappings() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh sách cấu hình ánh xạ", "read the list of mappings"});
    return Guard([&]() -> Result<std::vector<DossierMapping>> {
        std::vector<DossierMapping> mappings;
        RunInSnapshot([&] {
            {
                auto select = connection_->Cached(std::string(kMappingColumns) + std::string(kLatestOfEach));
                while (select->Step()) mappings.push_back(ReadMapping(*select));
            }
            for (DossierMapping& mapping : mappings) ReadEntries(*connection_, mapping);
        });
        return mappings;
    });
}

Result<std::optional<DossierMapping>> SqliteStore::FindDossierMapping(const std::string& name,
                                                                      std::optional<int> version) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc cấu hình ánh xạ " + name, "read the mapping " + name});
    return Guard([&]() -> Result<std::optional<DossierMapping>> {
        std::optional<DossierMapping> found;
        RunInSnapshot([&] {
            {
                auto select = connection_->Cached(std::string(kMappingColumns) +
                                                  std::string(version ? kVersionOfName : kLatestOfName));
                select->Bind(1, name);
                if (version) select->Bind(2, *version);
                if (select->Step()) found = ReadMapping(*select);
            }
            if (found) ReadEntries(*connection_, *found);
        });
        return found;
    });
}

Result<bool> SqliteStore::DeleteDossierMapping(const std::string& name) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"xóa cấu hình ánh xạ " + name, "remove the mapping " + name});
    return Guard([&]() -> Result<bool> {
        bool existed = false;
        Status status = RunInTransaction([&] {
            {
                auto last = connection_->Cached(kLastVersion);
                last->Bind(1, name);
                existed = last->Step() && last->Int(0) > 0;
            }
            {
                auto entries = connection_->Cached(kDeleteEntries);
                entries->Bind(1, name).Run();
            }
            auto remove = connection_->Cached(kDeleteMapping);
            remove->Bind(1, name).Run();
            return OkStatus();
        });
        if (!status) return status.GetError();
        return existed;
    });
}

Result<std::int64_t> SqliteStore::RecordDossierImport(const DossierImportRecord& record) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(
        *connection_, Text{"ghi lịch sử nhập hồ sơ của " + record.unit, "record the dossier import of " + record.unit});
    return Guard([&]() -> Result<std::int64_t> {
        std::int64_t id = 0;
        Status status = RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertImport);
            insert->Bind(1, record.unit).Bind(2, record.file).Bind(3, record.mapping).Bind(4, record.username);
            insert->Bind(5, record.imported_at).Bind(6, record.rows).Bind(7, record.inserted);
            insert->Bind(8, record.updated).Bind(9, record.skipped).Bind(10, record.errors);
            if (record.report_csv.empty()) {
                insert->BindNull(11);
            } else {
                insert->Bind(11, record.report_csv);
            }
            insert->Run();
            id = sqlite3_last_insert_rowid(connection_->Handle());
            return OkStatus();
        });
        if (!status) return status.GetError();
        return id;
    });
}

Result<std::vector<DossierImportRecord>> SqliteStore::ListDossierImports(const std::string& unit, int limit) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc lịch sử nhập hồ sơ của " + unit, "read the dossier imports of " + unit});
    return Guard([&]() -> Result<std::vector<DossierImportRecord>> {
        std::vector<DossierImportRecord> records;
        auto select =
            connection_->Cached(std::string(kImportColumns) + " WHERE unit_code = ?1 ORDER BY id DESC LIMIT ?2");
        select->Bind(1, unit).Bind(2, limit).Bind(9, 0);
        while (select->Step()) records.push_back(ReadImport(*select));
        return records;
    });
}

Result<std::optional<DossierImportRecord>> SqliteStore::FindDossierImport(std::int64_t id) {
    std::lock_guard lock(mutex_);
    const std::string number = std::to_string(id);
    Connection::ActionScope scope(*connection_, Text{"đọc lần nhập hồ sơ #" + number, "read the import #" + number});
    return Guard([&]() -> Result<std::optional<DossierImportRecord>> {
        std::optional<DossierImportRecord> found;
        auto select = connection_->Cached(std::string(kImportColumns) + " WHERE id = ?1");
        select->Bind(1, id).Bind(9, 1);
        if (select->Step()) found = ReadImport(*select);
        return found;
    });
}

}  // namespace parindex
