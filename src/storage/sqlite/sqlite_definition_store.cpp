// The DefinitionSetStore half of SqliteStore: the definition sets of the dossier statistics, one row per saved
// version holding the set's JSON form (migration 0009, formats/definition_json.hpp), and the active code. The default
// set of CONVENTIONS.md ("default", version 1) comes from the code until a later version of it is saved.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/definition_json.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"
#include "storage/sqlite/sqlite_migrator.hpp"
#include "storage/sqlite/sqlite_statement.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::Guard;
using sqlite::Statement;

constexpr const char* kDefaultCode = "default";

constexpr std::string_view kDefinitionColumns = "SELECT code, version, json, saved_by, saved_at FROM definition_sets";
constexpr std::string_view kEveryVersion = " ORDER BY code, version DESC";
constexpr std::string_view kVersionsOfCode = " WHERE code = ?1 ORDER BY version DESC";
constexpr std::string_view kInsertDefinition =
    "INSERT INTO definition_sets(code, version, json, saved_by, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kHighestVersion = "SELECT COALESCE(MAX(version), 0) FROM definition_sets WHERE code = ?1";
constexpr std::string_view kActiveCode = "SELECT code FROM definition_set_active WHERE id = 1";
constexpr std::string_view kSetActive =
    "INSERT INTO definition_set_active(id, code) VALUES (1, ?1) ON CONFLICT(id) DO UPDATE SET code = excluded.code";

StoredDefinitionSet ReadRow(const Statement& row) {
    const std::string code = row.Text(0);
    const int version = row.Int(1);
    // The JSON was written by DefinitionSetToJson from a set that passed ValidateDefinitionSet.
    auto set = ReadDefinitionSetJson(row.Text(2), "definition_sets " + code + "@" + std::to_string(version));
    if (!set) throw sqlite::StorageFailure(set.TakeError());
    StoredDefinitionSet stored;
    stored.set = std::move(*set);
    stored.set.code = code;
    stored.set.version = version;
    stored.saved_by = row.Text(3);
    stored.saved_at = row.Text(4);
    return stored;
}

/// The stored versions (of `code`, or of every code when null), by code then newest first, with the built-in
/// default version 1 added where no default is stored, and each marked active when its code is `active`.
std::vector<StoredDefinitionSet> ReadDefinitionSets(Connection& connection, const std::string* code,
                                                    const std::string& active) {
    std::vector<StoredDefinitionSet> sets;
    {
        auto select =
            connection.Cached(std::string(kDefinitionColumns) + std::string(code ? kVersionsOfCode : kEveryVersion));
        if (code != nullptr) select->Bind(1, *code);
        while (select->Step()) sets.push_back(ReadRow(*select));
    }
    const bool wants_default = code == nullptr || *code == kDefaultCode;
    if (wants_default) {
        // Version 1 of the default is the code's; stored versions of it are 2 and later and come first (newest
        // first), so it goes after them and before the codes that sort after "default".
        StoredDefinitionSet builtin;
        builtin.set = DefaultDefinitionSet();
        const auto after = std::find_if(sets.begin(), sets.end(),
                                        [](const StoredDefinitionSet& s) { return s.set.code > kDefaultCode; });
        sets.insert(after, std::move(builtin));
    }
    for (StoredDefinitionSet& stored : sets) stored.active = stored.set.code == active;
    return sets;
}

std::string ReadActiveCode(Connection& connection) {
    auto select = connection.Cached(kActiveCode);
    if (select->Step()) return select->Text(0);
    return kDefaultCode;
}

}  // namespace

Result<std::vector<StoredDefinitionSet>> SqliteStore::ListDefinitionSets() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, parindex::Text{"đọc danh sách bộ quy tắc thống kê hồ sơ",
                                                               "read the list of dossier definition sets"});
    return Guard([&]() -> Result<std::vector<StoredDefinitionSet>> {
        std::vector<StoredDefinitionSet> every;
        RunInSnapshot([&] { every = ReadDefinitionSets(*connection_, nullptr, ReadActiveCode(*connection_)); });
        std::vector<StoredDefinitionSet> latest;
        for (StoredDefinitionSet& stored : every) {
            // Newest first within a code: keep the first of each.
            if (latest.empty() || latest.back().set.code != stored.set.code) latest.push_back(std::move(stored));
        }
        return latest;
    });
}

Result<std::vector<StoredDefinitionSet>> SqliteStore::DefinitionSetVersions(const std::string& code) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, parindex::Text{"đọc các phiên bản của bộ quy tắc " + code,
                                                               "read the versions of the definition set " + code});
    return Guard([&]() -> Result<std::vector<StoredDefinitionSet>> {
        std::vector<StoredDefinitionSet> versions;
        RunInSnapshot([&] { versions = ReadDefinitionSets(*connection_, &code, ReadActiveCode(*connection_)); });
        return versions;
    });
}

Result<std::optional<DefinitionSet>> SqliteStore::FindDefinitionSet(const std::string& code,
                                                                    std::optional<int> version) {
    auto versions = DefinitionSetVersions(code);
    if (!versions) return versions.TakeError();
    for (StoredDefinitionSet& stored : *versions) {
        if (!version || stored.set.version == *version) return std::optional<DefinitionSet>(std::move(stored.set));
    }
    return std::optional<DefinitionSet>();
}

Result<DefinitionSet> SqliteStore::ActiveDefinitionSet() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  parindex::Text{"đọc bộ quy tắc đang áp dụng", "read the active definition set"});
    return Guard([&]() -> Result<DefinitionSet> {
        std::vector<StoredDefinitionSet> versions;
        RunInSnapshot([&] {
            const std::string active = ReadActiveCode(*connection_);
            versions = ReadDefinitionSets(*connection_, &active, active);
        });
        // An activated code always has a version (activation checks it); the default otherwise.
        if (versions.empty()) return DefaultDefinitionSet();
        return std::move(versions.front().set);
    });
}

Result<DefinitionSet> SqliteStore::SaveDefinitionSet(const DefinitionSet& set, const std::string& saved_by) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(
        *connection_, parindex::Text{"lưu bộ quy tắc thống kê " + set.code, "save the definition set " + set.code});
    DefinitionSet saved = set;
    saved.version = 1;
    if (std::vector<ErrorDetail> errors = ValidateDefinitionSet(saved); !errors.empty()) {
        return MakeError(ErrorCode::kInvalidInput, "Bộ quy tắc thống kê " + set.code + " có giá trị không hợp lệ.",
                         "The definition set " + set.code + " has invalid values.", std::move(errors));
    }
    return Guard([&]() -> Result<DefinitionSet> {
        Status written = RunInTransaction([&]() -> Status {
            int highest = 0;
            {
                auto select = connection_->Cached(kHighestVersion);
                select->Bind(1, saved.code);
                if (select->Step()) highest = select->Int(0);
                select->Reset();
            }
            // The built-in default is version 1.
            if (saved.code == kDefaultCode) highest = std::max(highest, 1);
            saved.version = highest + 1;
            auto insert = connection_->Cached(kInsertDefinition);
            insert->Bind(1, saved.code).Bind(2, saved.version).Bind(3, DefinitionSetToJson(saved, 0));
            insert->Bind(4, saved_by).Bind(5, sqlite::FormatUtc(std::chrono::system_clock::now())).Run();
            return OkStatus();
        });
        if (!written) return written.TakeError();
        return saved;
    });
}

Status SqliteStore::ActivateDefinitionSet(const std::string& code) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(
        *connection_, parindex::Text{"áp dụng bộ quy tắc thống kê " + code, "activate the definition set " + code});
    return Guard([&]() -> Status {
        return RunInTransaction([&]() -> Status {
            if (code != kDefaultCode) {
                auto select = connection_->Cached(kHighestVersion);
                select->Bind(1, code);
                const bool known = select->Step() && select->Int(0) > 0;
                select->Reset();
                if (!known) {
                    return MakeError(ErrorCode::kNotFound, "Không có bộ quy tắc thống kê mã " + code + ".",
                                     "There is no definition set " + code + ".");
                }
            }
            auto upsert = connection_->Cached(kSetActive);
            upsert->Bind(1, code).Run();
            return OkStatus();
        });
    });
}

}  // namespace parindex
