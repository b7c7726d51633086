#include "storage/sqlite/sqlite_dossier_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"
#include "storage/sqlite/sqlite_migrator.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::StorageFailure;

constexpr int kBusyTimeoutMilliseconds = 5000;
constexpr int kBlockFormat = 1;
constexpr std::uint32_t kBlockMagic = 0x31424450;  // "PDB1"
constexpr std::size_t kRowBytes = 28;
constexpr int kBucketBits = 14;
constexpr std::uint32_t kMonthBits = 11;  ///< Months since 2000-01 in a block key: up to 2170.
constexpr std::size_t kEntryBytes = 12;   ///< An id-index entry: hash (8) and block (4).

// ---- A thin statement for blobs (sqlite::Statement has no blob calls) ----------------------------------------

class Stmt {
  public:
    Stmt(Connection& connection, const char* sql) : connection_(connection) {
        const int code = sqlite3_prepare_v2(connection.Handle(), sql, -1, &statement_, nullptr);
        if (code != SQLITE_OK) connection.Fail(code);
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    ~Stmt() { sqlite3_finalize(statement_); }

    Stmt& Bind(int index, std::int64_t value) {
        Check(sqlite3_bind_int64(statement_, index, value));
        return *this;
    }
    Stmt& Bind(int index, std::string_view text) {
        Check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Stmt& BindBlob(int index, const std::string& bytes) {
        Check(sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC));
        return *this;
    }
    bool Step() {
        const int code = sqlite3_step(statement_);
        if (code == SQLITE_ROW) return true;
        if (code == SQLITE_DONE) return false;
        connection_.Fail(code);
    }
    void Run() {
        while (Step()) {
        }
        Reset();
    }
    void Reset() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    std::int64_t Int(int column) const { return sqlite3_column_int64(statement_, column); }
    std::string Text(int column) const {
        const auto* text = sqlite3_column_text(statement_, column);
        return text == nullptr ? std::string()
                               : std::string(reinterpret_cast<const char*>(text),
                                             static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
    }
    std::string_view Blob(int column) const {
        const void* data = sqlite3_column_blob(statement_, column);
        return data == nullptr ? std::string_view()
                               : std::string_view(static_cast<const char*>(data),
                                                  static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
    }

  private:
    void Check(int code) {
        if (code != SQLITE_OK) connection_.Fail(code);
    }
    Connection& connection_;
    sqlite3_stmt* statement_ = nullptr;
};

// ---- Encoding -----------------------------------------------------------------------------------------------

template <class T>
void Put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

template <class T>
T Get(const char* p) {
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
}

std::uint64_t HashId(std::string_view id) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : id) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    // Mix the high bits, which pick the bucket.
    hash ^= hash >> 31;
    hash *= 0x9E3779B97F4A7C15ull;
    return hash ^ (hash >> 29);
}

std::uint32_t BucketOf(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> (64 - kBucketBits)); }

/// A dossier in store codes, its id viewed in a batch or a block blob.
struct Row {
    CompactDossier fixed;  ///< Codes are the store's dictionary ids; id_offset/id_length unused.
    std::string_view id;
};

/// Format 1: magic, row count, then per row (28 bytes) department, procedure, field (u16), channel, status,
/// supplement requests, apology letters (u8), id length (u16), received, due, finished, returned (u32), then the
/// ids back to back. The unit and month are the block's.
void EncodeBlock(const std::vector<Row>& rows, std::string& out) {
    std::size_t ids = 0;
    for (const Row& row : rows) ids += row.id.size();
    out.resize(8 + rows.size() * kRowBytes + ids);
    char* p = out.data();
    auto put = [&p](auto value) {
        std::memcpy(p, &value, sizeof value);
        p += sizeof value;
    };
    put(kBlockMagic);
    put(static_cast<std::uint32_t>(rows.size()));
    for (const Row& row : rows) {
        const CompactDossier& f = row.fixed;
        put(f.department);
        put(f.procedure);
        put(f.field);
        put(f.channel);
        put(f.status);
        put(f.supplement_requests);
        put(f.apology_letters);
        put(static_cast<std::uint16_t>(row.id.size()));
        put(f.received);
        put(f.due);
        put(f.finished);
        put(f.returned);
    }
    for (const Row& row : rows) {
        std::memcpy(p, row.id.data(), row.id.size());
        p += row.id.size();
    }
}

/// Decodes a block of `unit` (a store id); throws for a damaged block.
void DecodeBlock(const Connection& connection, std::string_view data, std::uint16_t unit, std::vector<Row>& rows) {
    auto corrupt = [&] {
        throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), "dossier_blocks", "data", "…"));
    };
    if (data.size() < 8 || Get<std::uint32_t>(data.data()) != kBlockMagic) corrupt();
    const std::uint32_t count = Get<std::uint32_t>(data.data() + 4);
    if (data.size() < 8 + static_cast<std::size_t>(count) * kRowBytes) corrupt();
    const char* p = data.data() + 8;
    const char* ids = p + static_cast<std::size_t>(count) * kRowBytes;
    const char* end = data.data() + data.size();
    rows.reserve(rows.size() + count);
    for (std::uint32_t i = 0; i < count; ++i, p += kRowBytes) {
        Row row;
        CompactDossier& f = row.fixed;
        f.unit = unit;
        f.department = Get<std::uint16_t>(p);
        f.procedure = Get<std::uint16_t>(p + 2);
        f.field = Get<std::uint16_t>(p + 4);
        f.channel = Get<std::uint8_t>(p + 6);
        f.status = Get<std::uint8_t>(p + 7);
        f.supplement_requests = Get<std::uint8_t>(p + 8);
        f.apology_letters = Get<std::uint8_t>(p + 9);
        const std::uint16_t length = Get<std::uint16_t>(p + 10);
        f.received = Get<std::uint32_t>(p + 12);
        f.due = Get<std::uint32_t>(p + 16);
        f.finished = Get<std::uint32_t>(p + 20);
        f.returned = Get<std::uint32_t>(p + 24);
        if (ids + length > end) corrupt();
        row.id = std::string_view(ids, length);
        ids += length;
        rows.push_back(row);
    }
}

bool ReceivedThenId(const Row& a, const Row& b) {
    if (a.fixed.received != b.fixed.received) return a.fixed.received < b.fixed.received;
    return a.id < b.id;
}

/// Months since 2000-01 of a compact time, through a table of the first day of each month.
class MonthTable {
  public:
    MonthTable() {
        std::vector<std::uint32_t> starts;
        for (int m = 0; m < (1 << kMonthBits); ++m) {
            const std::optional<LocalTime> start = ParseLocalTime(MonthText(m) + "-01 00:00:00");
            const std::optional<CompactTime> compact = start ? ToCompactTime(*start) : std::nullopt;
            if (!compact) break;
            starts.push_back(*compact / static_cast<CompactTime>(LocalTime::kSecondsPerDay));
        }
        const std::uint32_t days = kNoCompactTime / static_cast<CompactTime>(LocalTime::kSecondsPerDay) + 1;
        month_of_day_.resize(days);
        std::size_t month = 0;
        for (std::uint32_t day = 0; day < days; ++day) {
            while (month + 1 < starts.size() && starts[month + 1] <= day) ++month;
            month_of_day_[day] = static_cast<std::uint16_t>(month);
        }
    }
    /// Months since 2000-01 of a compact time: one read of a 100 KB table.
    std::uint32_t Of(CompactTime time) const {
        return month_of_day_[time / static_cast<CompactTime>(LocalTime::kSecondsPerDay)];
    }
    static std::string MonthText(int m) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d", 2000 + m / 12, m % 12 + 1);
        return text;
    }

  private:
    std::vector<std::uint16_t> month_of_day_;
};

const MonthTable& Months() {
    static const MonthTable table;
    return table;
}

std::uint32_t BlockKey(std::uint16_t unit, std::uint32_t month) { return (std::uint32_t{unit} << kMonthBits) | month; }
std::uint16_t UnitOfBlock(std::uint32_t block) { return static_cast<std::uint16_t>(block >> kMonthBits); }
std::uint32_t MonthOfBlock(std::uint32_t block) { return block & ((1u << kMonthBits) - 1); }

constexpr std::array<const char*, 4> kDictionaryTables = {"dossier_units", "dossier_departments", "dossier_procedures",
                                                          "dossier_fields"};

/// Maps a batch's codes to the store's dictionary ids, adding new codes.
std::vector<std::uint16_t> MapDictionary(Connection& connection, const char* table,
                                         const std::vector<std::string>& codes,
                                         const std::vector<std::string>& names = {}) {
    std::unordered_map<std::string, std::uint16_t> known;
    std::int64_t next = 1;
    {
        Stmt select(connection, (std::string("SELECT id, code FROM ") + table).c_str());
        while (select.Step()) {
            known.emplace(select.Text(1), static_cast<std::uint16_t>(select.Int(0)));
            next = std::max(next, select.Int(0) + 1);
        }
    }
    Stmt insert(connection, (std::string("INSERT INTO ") + table + "(id, code) VALUES (?1, ?2)").c_str());
    std::vector<std::uint16_t> ids;
    ids.reserve(codes.size());
    for (const std::string& code : codes) {
        auto found = known.find(code);
        if (found == known.end()) {
            if (next > 65535) {
                throw StorageFailure(MakeError(
                    ErrorCode::kInvalidInput,
                    std::string("Kho hồ sơ đã có 65.535 mã trong bảng ") + table + "; không thêm được “" + code + "”",
                    std::string("The dossier store already holds 65,535 codes in ") + table + "; cannot add “" + code +
                        "”"));
            }
            insert.Bind(1, next).Bind(2, code).Run();
            found = known.emplace(code, static_cast<std::uint16_t>(next++)).first;
        }
        ids.push_back(found->second);
    }
    if (!names.empty()) {
        Stmt name(connection, (std::string("UPDATE ") + table + " SET name = ?2 WHERE id = ?1").c_str());
        for (std::size_t i = 0; i < names.size() && i < ids.size(); ++i) {
            if (!names[i].empty()) name.Bind(1, std::int64_t{ids[i]}).Bind(2, names[i]).Run();
        }
    }
    return ids;
}

std::vector<std::string> LoadDictionary(Connection& connection, const char* table) {
    std::vector<std::string> codes(1);
    Stmt select(connection, (std::string("SELECT id, code FROM ") + table).c_str());
    while (select.Step()) {
        const auto id = static_cast<std::size_t>(select.Int(0));
        if (codes.size() <= id) codes.resize(id + 1);
        codes[id] = select.Text(1);
    }
    return codes;
}

struct IdEntry {
    std::uint64_t hash = 0;
    std::uint32_t block = 0;
};

void DecodeBucket(std::string_view data, std::vector<IdEntry>& entries) {
    for (std::size_t at = 0; at + kEntryBytes <= data.size(); at += kEntryBytes) {
        entries.push_back(IdEntry{Get<std::uint64_t>(data.data() + at), Get<std::uint32_t>(data.data() + at + 8)});
    }
}

std::string EncodeBucket(const std::vector<IdEntry>& entries) {
    std::string out;
    out.reserve(entries.size() * kEntryBytes);
    for (const IdEntry& e : entries) {
        Put<std::uint64_t>(out, e.hash);
        Put<std::uint32_t>(out, e.block);
    }
    return out;
}

/// A stored dossier the import replaces (kept per old block): the low half of its id's hash and the batch row
/// (index over all parts) with the same hash, whose id is compared when the old block is decoded. Eight bytes,
/// so that re-importing ten million dossiers keeps the list small.
struct Removal {
    std::uint32_t hash = 0;
    std::uint32_t row = 0;
};

bool ByHash(const Removal& a, const Removal& b) { return a.hash < b.hash; }

constexpr const char* kUpsertBlock =
    "INSERT INTO dossier_blocks(block, unit_id, year, month, rows, format, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT(block) DO UPDATE SET rows = excluded.rows, format = excluded.format, data = excluded.data";
constexpr const char* kUpsertCounters =
    "INSERT INTO dossier_block_counters(block, unit_id, year, month, received, received_counted, processed, early,"
    " on_time, late, direct, online_partial, online_full, postal, late_without_apology, apology_excess,"
    " supplement_2plus, returned, withdrawn, rejected, processing_seconds_sum)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
    " ON CONFLICT(block) DO UPDATE SET received = excluded.received, received_counted = excluded.received_counted,"
    " processed = excluded.processed, early = excluded.early, on_time = excluded.on_time, late = excluded.late,"
    " direct = excluded.direct, online_partial = excluded.online_partial, online_full = excluded.online_full,"
    " postal = excluded.postal, late_without_apology = excluded.late_without_apology,"
    " apology_excess = excluded.apology_excess, supplement_2plus = excluded.supplement_2plus,"
    " returned = excluded.returned, withdrawn = excluded.withdrawn, rejected = excluded.rejected,"
    " processing_seconds_sum = excluded.processing_seconds_sum";
constexpr const char* kCounterColumns =
    "received, received_counted, processed, early, on_time, late, direct, online_partial, online_full, postal,"
    " late_without_apology, apology_excess, supplement_2plus, returned, withdrawn, rejected, processing_seconds_sum";

void BindCounters(Stmt& statement, int first, const DossierCounters& c) {
    const std::array<std::int64_t, 17> values = {c.received,
                                                 c.received_counted,
                                                 c.processed,
                                                 c.early,
                                                 c.on_time,
                                                 c.late,
                                                 c.direct,
                                                 c.online_partial,
                                                 c.online_full,
                                                 c.postal,
                                                 c.late_without_apology,
                                                 c.apology_excess,
                                                 c.supplement_2plus,
                                                 c.returned,
                                                 c.withdrawn,
                                                 c.rejected,
                                                 c.processing_seconds_sum};
    for (std::size_t i = 0; i < values.size(); ++i) statement.Bind(first + static_cast<int>(i), values[i]);
}

DossierCounters ReadCounters(const Stmt& statement, int first) {
    DossierCounters c;
    std::array<std::int64_t*, 17> fields = {&c.received,
                                            &c.received_counted,
                                            &c.processed,
                                            &c.early,
                                            &c.on_time,
                                            &c.late,
                                            &c.direct,
                                            &c.online_partial,
                                            &c.online_full,
                                            &c.postal,
                                            &c.late_without_apology,
                                            &c.apology_excess,
                                            &c.supplement_2plus,
                                            &c.returned,
                                            &c.withdrawn,
                                            &c.rejected,
                                            &c.processing_seconds_sum};
    for (std::size_t i = 0; i < fields.size(); ++i) *fields[i] = statement.Int(first + static_cast<int>(i));
    return c;
}

/// Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back when it throws.
template <class Body>
auto InWriteTransaction(Connection& connection, Body&& body) -> decltype(body()) {
    connection.Execute("BEGIN IMMEDIATE");
    try {
        auto result = body();
        connection.Execute("COMMIT");
        return result;
    } catch (...) {
        if (!connection.InAutocommit()) sqlite3_exec(connection.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace

SqliteDossierStore::SqliteDossierStore(std::unique_ptr<sqlite::Connection> connection, const Clock& clock)
    : connection_(std::move(connection)), clock_(clock) {}

SqliteDossierStore::~SqliteDossierStore() = default;

Result<std::unique_ptr<SqliteDossierStore>> SqliteDossierStore::Open(const std::string& path, const Clock& clock) {
    try {
        auto connection = std::make_unique<Connection>(path);
        sqlite3_busy_timeout(connection->Handle(), kBusyTimeoutMilliseconds);
        connection->Execute("PRAGMA journal_mode = WAL");
        connection->Execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;");
        sqlite::ApplyMigrations(*connection, SqliteMigrationFiles(), clock);
        return std::unique_ptr<SqliteDossierStore>(new SqliteDossierStore(std::move(connection), clock));
    } catch (StorageFailure& failure) {
        Error error = failure.TakeError();
        if (error.details.empty()) error.details.push_back(sqlite::FileDetail(path));
        return error;
    }
}

Result<DossierImportSummary> SqliteDossierStore::ImportDossiers(const DossierBatch& batch,
                                                                const DossierProgress& progress) {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"lưu hồ sơ của tệp " + batch.file, "store the dossiers of " + batch.file});
    return sqlite::Guard([&]() -> Result<DossierImportSummary> {
        return InWriteTransaction(db, [&]() -> Result<DossierImportSummary> {
            auto summary = StoreBatch(batch, progress);
            if (summary) LogImport(batch.file, *summary);
            return summary;
        });
    });
}

Result<DossierImportSummary> SqliteDossierStore::ImportDossierParts(
    const std::string& file, const std::function<Result<std::optional<DossierBatch>>()>& next,
    const DossierProgress& progress) {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"lưu hồ sơ của tệp " + file, "store the dossiers of " + file});
    return sqlite::Guard([&]() -> Result<DossierImportSummary> {
        db.Execute("BEGIN IMMEDIATE");
        try {
            DossierImportSummary total;
            for (;;) {
                auto part = next();
                if (!part) {
                    sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
                    return part.TakeError();
                }
                if (!*part) break;
                auto summary = StoreBatch(**part, progress);
                if (!summary) {
                    sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
                    return summary.TakeError();
                }
                // A dossier of a later part whose id an earlier part stored counts as updated, as a repeat within one
                // batch does; a block written by several parts counts once per part.
                total.rows += summary->rows;
                total.inserted += summary->inserted;
                total.updated += summary->updated;
                total.blocks += summary->blocks;
                total.stored = summary->stored;
            }
            LogImport(file, total);
            db.Execute("COMMIT");
            return total;
        } catch (...) {
            if (!db.InAutocommit()) sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    });
}

void SqliteDossierStore::LogImport(const std::string& file, const DossierImportSummary& summary) {
    Stmt log(*connection_,
             "INSERT INTO dossier_imports(file, imported_at, rows, inserted, updated, blocks)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    log.Bind(1, file)
        .Bind(2, sqlite::FormatUtc(clock_.Now()))
        .Bind(3, summary.rows)
        .Bind(4, summary.inserted)
        .Bind(5, summary.updated)
        .Bind(6, summary.blocks)
        .Run();
}

/// Stores one batch inside the caller's transaction (see ImportDossiers).
Result<DossierImportSummary> SqliteDossierStore::StoreBatch(const DossierBatch& batch,
                                                            const DossierProgress& progress) {
    Connection& db = *connection_;
    DossierImportSummary summary;
    const std::size_t total = batch.Size();
    summary.rows = static_cast<std::int64_t>(total);
    if (total >= 0xFFFFFFFFu) {
        return MakeError(ErrorCode::kInvalidInput, "Một lần nhập tối đa 4.294.967.294 hồ sơ",
                         "One import holds at most 4,294,967,294 dossiers");
    }
    auto report = [&](std::string_view stage, std::int64_t done, std::int64_t all) {
        if (progress) progress(stage, done, all);
    };

    // 1. Dictionaries: batch codes to store ids.
    const std::vector<std::uint16_t> units = MapDictionary(db, kDictionaryTables[0], batch.units);
    const std::vector<std::uint16_t> departments =
        MapDictionary(db, kDictionaryTables[1], batch.departments, batch.department_names);
    const std::vector<std::uint16_t> procedures =
        MapDictionary(db, kDictionaryTables[2], batch.procedures, batch.procedure_names);
    const std::vector<std::uint16_t> fields = MapDictionary(db, kDictionaryTables[3], batch.fields, batch.field_names);

    // 2. Group rows by block (unit × month of received): a counting sort of row pointers.
    const MonthTable& months = Months();
    std::unordered_map<std::uint32_t, std::uint32_t> slot_of_block;
    std::vector<std::uint32_t> block_of_slot;
    std::vector<std::uint32_t> slot_of_row(total);
    std::vector<std::uint32_t> starts;
    {
        // Slots found through a dense table over batch unit × month when it is small (it is for a year of
        // a province), through the hash map otherwise.
        CompactTime first = kNoCompactTime, last = 0;
        for (const DossierBatch::Part& part : batch.parts) {
            for (const CompactDossier& row : part.rows) {
                first = std::min(first, row.received);
                last = std::max(last, row.received);
            }
        }
        const std::uint32_t first_month = total == 0 ? 0 : months.Of(first);
        const std::size_t span = total == 0 ? 1 : months.Of(last) - first_month + 1;
        const bool dense = batch.units.size() * span <= (std::size_t{1} << 22);
        std::vector<std::uint32_t> dense_slots(dense ? batch.units.size() * span : 0, 0xFFFFFFFFu);
        std::size_t i = 0;
        for (const DossierBatch::Part& part : batch.parts) {
            for (const CompactDossier& row : part.rows) {
                const std::uint32_t month = months.Of(row.received);
                std::uint32_t* cached = dense ? &dense_slots[row.unit * span + (month - first_month)] : nullptr;
                if (cached == nullptr || *cached == 0xFFFFFFFFu) {
                    const std::uint32_t key = BlockKey(units[row.unit], month);
                    auto [it, added] = slot_of_block.try_emplace(key, static_cast<std::uint32_t>(block_of_slot.size()));
                    if (added) block_of_slot.push_back(key);
                    if (cached != nullptr) *cached = it->second;
                    slot_of_row[i++] = it->second;
                } else {
                    slot_of_row[i++] = *cached;
                }
            }
        }
        starts.assign(block_of_slot.size() + 1, 0);
        for (std::uint32_t slot : slot_of_row) ++starts[slot + 1];
        for (std::size_t s = 1; s < starts.size(); ++s) starts[s] += starts[s - 1];
    }
    std::vector<const CompactDossier*> by_block(total);
    {
        std::vector<std::uint32_t> fill(starts.begin(), starts.end() - 1);
        std::size_t i = 0;
        for (const DossierBatch::Part& part : batch.parts) {
            for (const CompactDossier& row : part.rows) by_block[fill[slot_of_row[i++]]++] = &row;
        }
        std::vector<std::uint32_t>().swap(slot_of_row);
    }
    report("group", 1, 1);

    // 3. The id index: every incoming id by bucket; later duplicates win; stored ids found are removed
    //    from their old blocks.
    auto part_index = [&](const CompactDossier* row) -> std::pair<std::size_t, std::size_t> {
        for (std::size_t p = 0; p < batch.parts.size(); ++p) {
            if (batch.parts[p].Holds(row)) {
                return {p, static_cast<std::size_t>(row - batch.parts[p].rows.data())};
            }
        }
        return {0, 0};
    };
    std::vector<std::size_t> part_offsets = {0};
    for (const DossierBatch::Part& part : batch.parts) part_offsets.push_back(part_offsets.back() + part.rows.size());
    auto global_index = [&](const CompactDossier* row) -> std::uint32_t {
        auto [p, index] = part_index(row);
        return static_cast<std::uint32_t>(part_offsets[p] + index);
    };
    auto row_at = [&](std::uint32_t global) -> const CompactDossier* {
        std::size_t p = 0;
        while (p + 1 < batch.parts.size() && global >= part_offsets[p + 1]) ++p;
        return &batch.parts[p].rows[global - part_offsets[p]];
    };
    std::vector<std::vector<bool>> superseded(batch.parts.size());
    for (std::size_t p = 0; p < batch.parts.size(); ++p) superseded[p].assign(batch.parts[p].rows.size(), false);
    const std::size_t bucket_count = std::size_t{1} << kBucketBits;
    std::vector<std::uint32_t> bucket_starts(bucket_count + 1, 0);
    std::vector<const CompactDossier*> by_bucket(total);
    {
        std::vector<std::uint16_t> bucket_of_row(total);
        std::size_t i = 0;
        for (const DossierBatch::Part& part : batch.parts) {
            for (const CompactDossier& row : part.rows) {
                const auto bucket = static_cast<std::uint16_t>(BucketOf(HashId(part.IdOf(row))));
                bucket_of_row[i++] = bucket;
                ++bucket_starts[bucket + 1];
            }
        }
        for (std::size_t b = 1; b < bucket_starts.size(); ++b) bucket_starts[b] += bucket_starts[b - 1];
        std::vector<std::uint32_t> fill(bucket_starts.begin(), bucket_starts.end() - 1);
        i = 0;
        for (const DossierBatch::Part& part : batch.parts) {
            for (const CompactDossier& row : part.rows) by_bucket[fill[bucket_of_row[i++]]++] = &row;
        }
    }
    bool store_empty = true;
    {
        Stmt any(db, "SELECT 1 FROM dossier_id_buckets LIMIT 1");
        store_empty = !any.Step();
    }
    std::unordered_map<std::uint32_t, std::vector<Removal>> removals;  // old block → stored ids to drop.
    {
        Stmt read_bucket(db, "SELECT data FROM dossier_id_buckets WHERE bucket = ?1");
        Stmt upsert_bucket(db,
                           "INSERT INTO dossier_id_buckets(bucket, data) VALUES (?1, ?2)"
                           " ON CONFLICT(bucket) DO UPDATE SET data = excluded.data");
        struct Incoming {
            std::uint64_t hash;
            std::uint32_t sequence;  ///< File order within the bucket.
            bool superseded;
            const CompactDossier* row;
            std::string_view id;
        };
        std::vector<Incoming> incoming;
        std::vector<IdEntry> stored;
        std::vector<IdEntry> merged;
        std::string encoded;
        for (std::size_t b = 0; b < bucket_count; ++b) {
            const std::uint32_t begin = bucket_starts[b];
            const std::uint32_t end = bucket_starts[b + 1];
            if (begin == end) continue;
            incoming.clear();
            for (std::uint32_t i = begin; i < end; ++i) {
                // The rows of a bucket are scattered over the batch: fetch ahead of use.
                if (i + 16 < total) __builtin_prefetch(by_bucket[i + 16]);
                if (i + 8 < total) __builtin_prefetch(batch.IdOf(by_bucket[i + 8]).data());
                const std::string_view id = batch.IdOf(by_bucket[i]);
                incoming.push_back(Incoming{HashId(id), i - begin, false, by_bucket[i], id});
            }
            // Rows with one hash stay in file order, so the last of a repeated id wins.
            std::sort(incoming.begin(), incoming.end(), [](const Incoming& a, const Incoming& c) {
                return a.hash != c.hash ? a.hash < c.hash : a.sequence < c.sequence;
            });
            for (std::size_t i = 0; i < incoming.size(); ++i) {
                for (std::size_t j = i + 1; j < incoming.size() && incoming[j].hash == incoming[i].hash; ++j) {
                    if (incoming[j].id == incoming[i].id) {
                        incoming[i].superseded = true;
                        auto [p, index] = part_index(incoming[i].row);
                        superseded[p][index] = true;
                        ++summary.updated;
                        break;
                    }
                }
            }
            stored.clear();
            if (!store_empty) {
                read_bucket.Bind(1, static_cast<std::int64_t>(b));
                if (read_bucket.Step()) DecodeBucket(read_bucket.Blob(0), stored);
                read_bucket.Reset();
            }
            merged.clear();
            std::size_t s = 0;
            for (const Incoming& in : incoming) {
                if (in.superseded) continue;
                while (s < stored.size() && stored[s].hash < in.hash) merged.push_back(stored[s++]);
                // Stored entries with this hash: the dossier's old block (verified by id when decoded).
                while (s < stored.size() && stored[s].hash == in.hash) {
                    removals[stored[s].block].push_back(
                        Removal{static_cast<std::uint32_t>(in.hash), global_index(in.row)});
                    ++s;
                }
                merged.push_back(IdEntry{in.hash, BlockKey(units[in.row->unit], months.Of(in.row->received))});
            }
            while (s < stored.size()) merged.push_back(stored[s++]);
            encoded = EncodeBucket(merged);
            upsert_bucket.Bind(1, static_cast<std::int64_t>(b)).BindBlob(2, encoded).Run();
        }
    }
    std::vector<const CompactDossier*>().swap(by_bucket);
    const bool any_superseded = summary.updated > 0;
    report("index", 1, 1);

    // 4. Every block touched: stored rows minus the replaced ones, plus the incoming rows; counters
    //    recomputed from the block's rows.
    std::vector<std::uint32_t> blocks = block_of_slot;
    for (const auto& [block, list] : removals) {
        if (!slot_of_block.contains(block)) blocks.push_back(block);
    }
    std::sort(blocks.begin(), blocks.end());
    std::unordered_map<std::uint32_t, std::vector<Removal>> unverified;  // hash matches of other ids.
    std::int64_t replaced_stored = 0;
    {
        Stmt read_block(db, "SELECT data FROM dossier_blocks WHERE block = ?1");
        Stmt upsert_block(db, kUpsertBlock);
        Stmt upsert_counters(db, kUpsertCounters);
        Stmt delete_counters(db, "DELETE FROM dossier_block_counters WHERE block = ?1");
        Stmt delete_block(db, "DELETE FROM dossier_blocks WHERE block = ?1");
        std::vector<Row> rows;
        std::vector<char> keep;
        std::string encoded;
        std::size_t done = 0;
        for (const std::uint32_t block : blocks) {
            rows.clear();
            const std::uint16_t unit = UnitOfBlock(block);
            bool exists = false;
            if (!store_empty) {
                read_block.Bind(1, static_cast<std::int64_t>(block));
                exists = read_block.Step();
            }
            if (exists) {
                DecodeBlock(db, read_block.Blob(0), unit, rows);
                auto found = removals.find(block);
                if (found != removals.end()) {
                    std::vector<Removal>& list = found->second;
                    std::sort(list.begin(), list.end(), ByHash);
                    std::vector<char> matched(list.size(), 0);
                    std::size_t kept = 0;
                    for (std::size_t r = 0; r < rows.size(); ++r) {
                        const auto hash = static_cast<std::uint32_t>(HashId(rows[r].id));
                        auto range = std::equal_range(list.begin(), list.end(), Removal{hash, 0}, ByHash);
                        bool drop = false;
                        for (auto it = range.first; it != range.second; ++it) {
                            if (batch.IdOf(row_at(it->row)) == rows[r].id) {
                                drop = true;
                                matched[static_cast<std::size_t>(it - list.begin())] = 1;
                            }
                        }
                        if (drop) {
                            ++replaced_stored;
                        } else {
                            rows[kept++] = rows[r];
                        }
                    }
                    rows.resize(kept);
                    for (std::size_t m = 0; m < list.size(); ++m) {
                        if (!matched[m]) unverified[block].push_back(list[m]);
                    }
                }
            }
            // The rows must outlive the statement's blob: copy their ids before the next step.
            std::string stored_ids;
            if (exists) {
                std::size_t bytes = 0;
                for (const Row& row : rows) bytes += row.id.size();
                stored_ids.reserve(bytes);
                for (Row& row : rows) {
                    const std::size_t at = stored_ids.size();
                    stored_ids.append(row.id);
                    row.id = std::string_view(stored_ids.data() + at, row.id.size());
                }
            }
            read_block.Reset();
            auto slot = slot_of_block.find(block);
            if (slot != slot_of_block.end()) {
                for (std::uint32_t i = starts[slot->second]; i < starts[slot->second + 1]; ++i) {
                    if (i + 8 < total) __builtin_prefetch(by_block[i + 8]);
                    const CompactDossier* in = by_block[i];
                    auto [p, index] = part_index(in);
                    if (any_superseded && superseded[p][index]) continue;
                    Row row;
                    row.fixed = *in;
                    row.fixed.unit = unit;
                    row.fixed.department = departments[in->department];
                    row.fixed.procedure = procedures[in->procedure];
                    row.fixed.field = fields[in->field];
                    row.id = batch.parts[p].IdOf(*in);
                    rows.push_back(row);
                }
            }
            const std::uint32_t month = MonthOfBlock(block);
            const int year = 2000 + static_cast<int>(month / 12);
            const int month_of_year = static_cast<int>(month % 12) + 1;
            if (rows.empty()) {
                delete_counters.Bind(1, static_cast<std::int64_t>(block)).Run();
                delete_block.Bind(1, static_cast<std::int64_t>(block)).Run();
                continue;
            }
            std::sort(rows.begin(), rows.end(), ReceivedThenId);
            DossierCounters counters;
            for (const Row& row : rows) CountStored(row.fixed, counters);
            EncodeBlock(rows, encoded);
            upsert_block.Bind(1, static_cast<std::int64_t>(block))
                .Bind(2, static_cast<std::int64_t>(unit))
                .Bind(3, year)
                .Bind(4, month_of_year)
                .Bind(5, static_cast<std::int64_t>(rows.size()))
                .Bind(6, kBlockFormat)
                .BindBlob(7, encoded)
                .Run();
            upsert_counters.Bind(1, static_cast<std::int64_t>(block))
                .Bind(2, static_cast<std::int64_t>(unit))
                .Bind(3, year)
                .Bind(4, month_of_year);
            BindCounters(upsert_counters, 5, counters);
            upsert_counters.Run();
            ++summary.blocks;
            if (++done % 256 == 0)
                report("blocks", static_cast<std::int64_t>(done), static_cast<std::int64_t>(blocks.size()));
        }
        report("blocks", static_cast<std::int64_t>(blocks.size()), static_cast<std::int64_t>(blocks.size()));
    }

    // 5. Entries matched by hash only (another id with the same 64-bit hash) go back into their buckets.
    if (!unverified.empty()) {
        Stmt read_bucket(db, "SELECT data FROM dossier_id_buckets WHERE bucket = ?1");
        Stmt write_bucket(db, "UPDATE dossier_id_buckets SET data = ?2 WHERE bucket = ?1");
        for (auto& [block, list] : unverified) {
            for (const Removal& removal : list) {
                const std::uint64_t hash = HashId(batch.IdOf(row_at(removal.row)));
                std::vector<IdEntry> bucket;
                read_bucket.Bind(1, static_cast<std::int64_t>(BucketOf(hash)));
                if (read_bucket.Step()) DecodeBucket(read_bucket.Blob(0), bucket);
                read_bucket.Reset();
                const IdEntry entry{hash, block};
                bucket.insert(std::upper_bound(bucket.begin(), bucket.end(), entry,
                                               [](const IdEntry& x, const IdEntry& y) { return x.hash < y.hash; }),
                              entry);
                const std::string encoded = EncodeBucket(bucket);
                write_bucket.Bind(1, static_cast<std::int64_t>(BucketOf(hash))).BindBlob(2, encoded).Run();
            }
        }
    }

    std::int64_t winners = 0;
    for (const auto& part : superseded) {
        for (bool s : part) winners += s ? 0 : 1;
    }
    summary.updated += replaced_stored;
    summary.inserted = winners - replaced_stored;
    {
        Stmt count(db, "SELECT COALESCE(SUM(rows), 0) FROM dossier_blocks");
        if (count.Step()) summary.stored = count.Int(0);
    }
    return summary;
}

Result<std::vector<UnitMonthCounters>> SqliteDossierStore::UnitMonthStats(std::optional<int> year) {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"đọc số liệu hồ sơ", "read the dossier statistics"});
    return sqlite::Guard([&]() -> Result<std::vector<UnitMonthCounters>> {
        // No join and no ORDER BY in SQL: sorting 24,000 rows by code in SQLite's temporary b-tree costs four
        // times the scan. The rows come in block order (unit id, then month), so ordering by code only needs the
        // rank of each unit id among the codes; when ids were given in code order (the usual case: an export is
        // sorted by unit), nothing moves.
        const std::vector<std::string> units = LoadDictionary(db, kDictionaryTables[0]);
        std::vector<std::uint32_t> order(units.size());
        for (std::uint32_t id = 0; id < order.size(); ++id) order[id] = id;
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return units[a] < units[b]; });
        std::vector<std::uint32_t> rank(units.size());
        for (std::uint32_t position = 0; position < order.size(); ++position) rank[order[position]] = position;

        const std::string where = year ? " WHERE year = ?1" : "";
        Stmt count(db, ("SELECT count(*) FROM dossier_block_counters" + where).c_str());
        if (year) count.Bind(1, *year);
        std::vector<UnitMonthCounters> rows;
        if (count.Step()) rows.reserve(static_cast<std::size_t>(count.Int(0)));
        Stmt select(db, (std::string("SELECT unit_id, year, month, ") + kCounterColumns +
                         " FROM dossier_block_counters" + where)
                            .c_str());
        if (year) select.Bind(1, *year);
        std::vector<std::uint32_t> row_ranks;
        row_ranks.reserve(rows.capacity());
        bool in_order = true;
        while (select.Step()) {
            UnitMonthCounters& row = rows.emplace_back();
            const auto unit = static_cast<std::size_t>(select.Int(0));
            const std::uint32_t unit_rank = unit < units.size() ? rank[unit] : 0;
            if (unit < units.size()) row.unit = units[unit];
            row.year = static_cast<int>(select.Int(1));
            row.month = static_cast<int>(select.Int(2));
            row.counters = ReadCounters(select, 3);
            in_order = in_order && (row_ranks.empty() || row_ranks.back() <= unit_rank);
            row_ranks.push_back(unit_rank);
        }
        if (!in_order) {
            // Rows of one unit are contiguous and in month order: a stable sort by rank keeps them so.
            std::vector<std::uint32_t> positions(rows.size());
            for (std::uint32_t i = 0; i < positions.size(); ++i) positions[i] = i;
            std::stable_sort(positions.begin(), positions.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return row_ranks[a] < row_ranks[b]; });
            std::vector<UnitMonthCounters> sorted;
            sorted.reserve(rows.size());
            for (std::uint32_t i : positions) sorted.push_back(std::move(rows[i]));
            rows = std::move(sorted);
        }
        return rows;
    });
}

namespace {

Dossier ToDossier(const Row& row, const std::array<std::vector<std::string>, 4>& dictionaries) {
    auto code = [&](std::size_t kind, std::uint16_t id) -> std::string {
        return id < dictionaries[kind].size() ? dictionaries[kind][id] : std::string();
    };
    Dossier dossier;
    static_cast<DossierFacts&>(dossier) = FactsOf(row.fixed);
    dossier.id = std::string(row.id);
    dossier.unit = code(0, row.fixed.unit);
    dossier.department = code(1, row.fixed.department);
    dossier.procedure = code(2, row.fixed.procedure);
    dossier.field = code(3, row.fixed.field);
    return dossier;
}

std::array<std::vector<std::string>, 4> LoadDictionaries(Connection& db) {
    std::array<std::vector<std::string>, 4> dictionaries;
    for (std::size_t k = 0; k < 4; ++k) dictionaries[k] = LoadDictionary(db, kDictionaryTables[k]);
    return dictionaries;
}

}  // namespace

Result<DossierPage> SqliteDossierStore::UnitMonthDossiers(const std::string& unit, int year, int month,
                                                          std::int64_t offset, std::int64_t limit) {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db,
                                  Text{"đọc hồ sơ của đơn vị “" + unit + "”", "read the dossiers of “" + unit + "”"});
    return sqlite::Guard([&]() -> Result<DossierPage> {
        DossierPage page;
        if (year < 2000 || month < 1 || month > 12) return page;
        std::int64_t unit_id = 0;
        {
            Stmt find(db, "SELECT id FROM dossier_units WHERE code = ?1");
            find.Bind(1, unit);
            if (!find.Step()) return page;
            unit_id = find.Int(0);
        }
        const auto key =
            BlockKey(static_cast<std::uint16_t>(unit_id), static_cast<std::uint32_t>((year - 2000) * 12 + month - 1));
        db.Execute("BEGIN");
        try {
            Stmt read(db, "SELECT data FROM dossier_blocks WHERE block = ?1");
            read.Bind(1, static_cast<std::int64_t>(key));
            if (read.Step()) {
                std::vector<Row> rows;
                DecodeBlock(db, read.Blob(0), static_cast<std::uint16_t>(unit_id), rows);
                page.total = static_cast<std::int64_t>(rows.size());
                const std::int64_t from = std::clamp<std::int64_t>(offset, 0, page.total);
                const std::int64_t to =
                    std::clamp<std::int64_t>(from + std::max<std::int64_t>(limit, 0), from, page.total);
                if (to > from) {
                    // Only the dictionaries' codes in use are needed; they are small tables.
                    const auto dictionaries = LoadDictionaries(db);
                    for (std::int64_t i = from; i < to; ++i) {
                        page.dossiers.push_back(ToDossier(rows[static_cast<std::size_t>(i)], dictionaries));
                    }
                }
            }
            db.Execute("COMMIT");
        } catch (...) {
            sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        return page;
    });
}

Result<std::optional<Dossier>> SqliteDossierStore::FindDossier(const std::string& id) {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"tìm hồ sơ “" + id + "”", "find the dossier “" + id + "”"});
    return sqlite::Guard([&]() -> Result<std::optional<Dossier>> {
        const std::uint64_t hash = HashId(id);
        std::vector<IdEntry> entries;
        db.Execute("BEGIN");
        std::optional<Dossier> found;
        try {
            {
                Stmt bucket(db, "SELECT data FROM dossier_id_buckets WHERE bucket = ?1");
                bucket.Bind(1, static_cast<std::int64_t>(BucketOf(hash)));
                if (bucket.Step()) DecodeBucket(bucket.Blob(0), entries);
            }
            Stmt read(db, "SELECT data FROM dossier_blocks WHERE block = ?1");
            for (const IdEntry& entry : entries) {
                if (entry.hash != hash || found) continue;
                read.Bind(1, static_cast<std::int64_t>(entry.block));
                if (read.Step()) {
                    std::vector<Row> rows;
                    DecodeBlock(db, read.Blob(0), UnitOfBlock(entry.block), rows);
                    for (const Row& row : rows) {
                        if (row.id == id) {
                            found = ToDossier(row, LoadDictionaries(db));
                            break;
                        }
                    }
                }
                read.Reset();
            }
            db.Execute("COMMIT");
        } catch (...) {
            sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        return found;
    });
}

namespace {

// ---- Ad-hoc questions over the blocks -------------------------------------------------------------------------

constexpr std::uint32_t kFlowLookbackMonths = 24;  ///< How far back the flow view looks for dossiers still open.
constexpr std::uint64_t kNoChannel = 0xFF;

/// A LocalTime clamped into the compact range.
CompactTime ClampCompact(LocalTime time) {
    const std::int64_t seconds = time.seconds - kCompactEpoch;
    return static_cast<CompactTime>(std::clamp<std::int64_t>(seconds, 0, kNoCompactTime - 1));
}

/// The store ids a question reads: its units (all when none are named), its filters as dictionary ids, its
/// months. `empty` when a named code is unknown to the store (no dossier can match).
struct Selection {
    bool empty = false;
    std::vector<std::uint16_t> units;
    std::optional<std::uint16_t> department;
    std::optional<std::uint16_t> field;
    std::optional<std::uint16_t> procedure;
    std::optional<std::uint8_t> channel;
    CompactTime from = 0;           ///< Received from (inclusive)…
    CompactTime to = 0;             ///< …to (exclusive), for the dossiers the question is about.
    std::uint32_t first_month = 0;  ///< Blocks read: months since 2000-01, inclusive.
    std::uint32_t last_month = 0;

    bool Matches(const CompactDossier& row) const {
        return (!department || row.department == *department) && (!field || row.field == *field) &&
               (!procedure || row.procedure == *procedure) && (!channel || row.channel == *channel);
    }
};

std::optional<std::uint16_t> FindCode(Connection& db, const char* table, const std::string& code) {
    Stmt find(db, (std::string("SELECT id FROM ") + table + " WHERE code = ?1").c_str());
    find.Bind(1, code);
    if (!find.Step()) return std::nullopt;
    return static_cast<std::uint16_t>(find.Int(0));
}

/// `lookback`: also the months whose dossiers may still be open in [from, to) (the flow view).
Selection Select(Connection& db, const DossierQuery& query, bool lookback) {
    Selection selection;
    if (query.units.empty()) {
        Stmt all(db, "SELECT id FROM dossier_units ORDER BY id");
        while (all.Step()) selection.units.push_back(static_cast<std::uint16_t>(all.Int(0)));
    } else {
        for (const std::string& unit : query.units) {
            if (auto id = FindCode(db, kDictionaryTables[0], unit)) selection.units.push_back(*id);
        }
    }
    auto code = [&](const std::optional<std::string>& text, const char* table, std::optional<std::uint16_t>& id) {
        if (!text) return;
        id = FindCode(db, table, *text);
        if (!id) selection.empty = true;
    };
    code(query.department, kDictionaryTables[1], selection.department);
    code(query.procedure, kDictionaryTables[2], selection.procedure);
    code(query.field, kDictionaryTables[3], selection.field);
    if (query.channel) selection.channel = static_cast<std::uint8_t>(*query.channel);
    selection.from = ClampCompact(query.from);
    selection.to = ClampCompact(query.to);
    if (selection.units.empty() || selection.to <= selection.from) selection.empty = true;
    if (selection.empty) return selection;
    const MonthTable& months = Months();
    selection.last_month = months.Of(selection.to - 1);
    selection.first_month = months.Of(selection.from);
    if (lookback) selection.first_month -= std::min(selection.first_month, kFlowLookbackMonths);
    return selection;
}

/// Calls `visit(row)` for every stored dossier of the selection's units and months that passes its filters
/// (the time window is the caller's), one block at a time, decoding into one reused buffer. `row.id` views the
/// block's bytes and is valid during the call only.
template <class Visit>
void Scan(Connection& db, const Selection& selection, Visit&& visit) {
    if (selection.empty) return;
    Stmt read(db, "SELECT block, data FROM dossier_blocks WHERE block BETWEEN ?1 AND ?2 ORDER BY block");
    std::vector<Row> rows;
    for (std::uint16_t unit : selection.units) {
        read.Bind(1, static_cast<std::int64_t>(BlockKey(unit, selection.first_month)))
            .Bind(2, static_cast<std::int64_t>(BlockKey(unit, selection.last_month)));
        while (read.Step()) {
            rows.clear();
            DecodeBlock(db, read.Blob(1), unit, rows);
            for (const Row& row : rows) {
                if (selection.Matches(row.fixed)) visit(row);
            }
        }
        read.Reset();
    }
}

/// The periods of `kind` that overlap [from, to).
std::vector<Period> PeriodsOver(LocalTime from, LocalTime to, PeriodKind kind) {
    std::vector<Period> periods;
    for (Period period = PeriodOf(from, kind); period.Start() < to; period = period.Next()) periods.push_back(period);
    return periods;
}

/// Cells of an aggregate keyed by (group, period slot) in an open-addressing table: no allocation per row, no
/// strings until the end.
class Cells {
  public:
    struct Key {
        std::uint64_t group = 0;  ///< unit, department, field, procedure ids (16 bits each; 0 when not grouped).
        std::uint32_t channel = kNoChannel;
        std::uint32_t slot = 0;  ///< Index into the question's periods.
        bool operator==(const Key&) const = default;
    };

    Cells() : table_(1024, kEmpty) {}

    DossierCounters& At(const Key& key) {
        std::size_t mask = table_.size() - 1;
        std::size_t at = Hash(key) & mask;
        while (table_[at] != kEmpty) {
            if (keys_[table_[at]] == key) return counters_[table_[at]];
            at = (at + 1) & mask;
        }
        const auto index = static_cast<std::uint32_t>(keys_.size());
        keys_.push_back(key);
        counters_.emplace_back();
        table_[at] = index;
        if (keys_.size() * 2 > table_.size()) Grow();
        return counters_[index];
    }
    std::size_t Size() const { return keys_.size(); }
    const Key& KeyAt(std::size_t index) const { return keys_[index]; }
    const DossierCounters& CountersAt(std::size_t index) const { return counters_[index]; }

  private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    /// Every bit of the key reaches the low bits (the table's mask): groups often differ only in high bits.
    static std::size_t Hash(const Key& key) {
        std::uint64_t h = key.group * 0x9E3779B97F4A7C15ull + (std::uint64_t{key.channel} << 32 | key.slot);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53ull;
        return static_cast<std::size_t>(h ^ (h >> 33));
    }
    void Grow() {
        std::vector<std::uint32_t> table(table_.size() * 2, kEmpty);
        const std::size_t mask = table.size() - 1;
        for (std::uint32_t index = 0; index < keys_.size(); ++index) {
            std::size_t at = Hash(keys_[index]) & mask;
            while (table[at] != kEmpty) at = (at + 1) & mask;
            table[at] = index;
        }
        table_.swap(table);
    }

    std::vector<std::uint32_t> table_;
    std::vector<Key> keys_;
    std::vector<DossierCounters> counters_;
};

/// The group bits of a row for `by`.
struct Grouping {
    bool unit = false, department = false, field = false, procedure = false, channel = false;
    explicit Grouping(const std::vector<Dimension>& by) {
        for (Dimension dimension : by) {
            switch (dimension) {
                case Dimension::kUnit:
                    unit = true;
                    break;
                case Dimension::kDepartment:
                    department = true;
                    break;
                case Dimension::kField:
                    field = true;
                    break;
                case Dimension::kProcedure:
                    procedure = true;
                    break;
                case Dimension::kChannel:
                    channel = true;
                    break;
            }
        }
    }
    Cells::Key KeyOf(const CompactDossier& row, std::uint32_t slot) const {
        Cells::Key key;
        key.group = (unit ? std::uint64_t{row.unit} : 0) | (department ? std::uint64_t{row.department} << 16 : 0) |
                    (field ? std::uint64_t{row.field} << 32 : 0) | (procedure ? std::uint64_t{row.procedure} << 48 : 0);
        key.channel = channel ? row.channel : static_cast<std::uint32_t>(kNoChannel);
        key.slot = slot;
        return key;
    }
};

/// Which period slot a day (compact days since 2000-01-01) falls in: one read of a table over the question's days.
class DaySlots {
  public:
    DaySlots(const std::vector<Period>& periods, CompactTime from, CompactTime to) {
        constexpr auto kDay = static_cast<CompactTime>(LocalTime::kSecondsPerDay);
        first_day_ = from / kDay;
        slots_.assign((to - 1) / kDay - first_day_ + 1, 0);
        std::size_t slot = 0;
        for (std::size_t d = 0; d < slots_.size(); ++d) {
            const LocalTime day = ToLocalTime(static_cast<CompactTime>((first_day_ + d) * kDay));
            while (slot + 1 < periods.size() && periods[slot + 1].Start() <= day) ++slot;
            slots_[d] = static_cast<std::uint32_t>(slot);
        }
    }
    std::uint32_t Of(CompactTime time) const {
        return slots_[time / static_cast<CompactTime>(LocalTime::kSecondsPerDay) - first_day_];
    }

  private:
    std::uint32_t first_day_ = 0;
    std::vector<std::uint32_t> slots_;
};

std::optional<std::uint32_t> SlotOf(const std::vector<Period>& periods, const Period& period) {
    auto found = std::lower_bound(periods.begin(), periods.end(), period);
    if (found == periods.end() || *found != period) return std::nullopt;
    return static_cast<std::uint32_t>(found - periods.begin());
}

/// The counter named `name` (a CounterFields() name), nothing when unknown.
std::optional<std::int64_t DossierCounters::*> CounterMember(const std::string& name) {
    for (const CounterField& field : CounterFields()) {
        if (name == field.name) return field.member;
    }
    return std::nullopt;
}

}  // namespace

Result<std::vector<DossierStatsRow>> SqliteDossierStore::Aggregate(const DossierQuery& query) {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"tính số liệu hồ sơ", "compute the dossier statistics"});
    return sqlite::Guard([&]() -> Result<std::vector<DossierStatsRow>> {
        std::vector<DossierStatsRow> result;
        db.Execute("BEGIN");
        Cells cells;
        std::vector<Period> periods;
        try {
            const Selection selection = Select(db, query, !query.cohort);
            periods = PeriodsOver(query.from, query.to, query.period);
            const Grouping grouping(query.by);
            if (!selection.empty && !periods.empty()) {
                if (query.cohort) {
                    const DaySlots slots(periods, selection.from, selection.to);
                    Scan(db, selection, [&](const Row& row) {
                        const CompactTime received = row.fixed.received;
                        if (received < selection.from || received >= selection.to) return;
                        CountByReceived(FactsOf(row.fixed), query.set, query.as_of,
                                        cells.At(grouping.KeyOf(row.fixed, slots.Of(received))));
                    });
                } else {
                    const CompactTime as_of = ClampCompact(query.as_of);
                    CompactDossier current;
                    const std::function<void(const Period&, const DossierCounters&)> add =
                        [&](const Period& period, const DossierCounters& delta) {
                            if (auto slot = SlotOf(periods, period)) cells.At(grouping.KeyOf(current, *slot)) += delta;
                        };
                    Scan(db, selection, [&](const Row& row) {
                        if (row.fixed.received >= selection.to || row.fixed.received > as_of) return;
                        current = row.fixed;
                        FoldIntoPeriods(FactsOf(row.fixed), query.set, query.period, query.as_of, add);
                    });
                }
            }
            db.Execute("COMMIT");
        } catch (...) {
            sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        if (cells.Size() == 0) return result;
        const auto dictionaries = LoadDictionaries(db);
        auto code = [&](std::size_t kind, std::uint64_t id) -> std::string {
            return id != 0 && id < dictionaries[kind].size() ? dictionaries[kind][id] : std::string();
        };
        result.reserve(cells.Size());
        for (std::size_t i = 0; i < cells.Size(); ++i) {
            const Cells::Key& key = cells.KeyAt(i);
            DossierStatsRow row;
            row.key.key.unit = code(0, key.group & 0xFFFF);
            row.key.key.department = code(1, (key.group >> 16) & 0xFFFF);
            row.key.key.field = code(3, (key.group >> 32) & 0xFFFF);
            row.key.key.procedure = code(2, key.group >> 48);
            if (key.channel != kNoChannel) row.key.key.channel = static_cast<Channel>(key.channel);
            row.key.period = periods[key.slot];
            row.counters = cells.CountersAt(i);
            result.push_back(std::move(row));
        }
        std::sort(result.begin(), result.end(),
                  [](const DossierStatsRow& a, const DossierStatsRow& b) { return a.key < b.key; });
        return result;
    });
}

Result<DossierPage> SqliteDossierStore::ListDossiers(const DossierListQuery& list) {
    const auto member = CounterMember(list.counter);
    if (!list.counter.empty() && !member) {
        return MakeError(ErrorCode::kInvalidInput, "Không có chỉ số hồ sơ “" + list.counter + "”",
                         "There is no dossier counter “" + list.counter + "”");
    }
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"liệt kê hồ sơ", "list the dossiers"});
    return sqlite::Guard([&]() -> Result<DossierPage> {
        const DossierQuery& query = list.query;
        DossierPage page;
        struct Match {
            CompactDossier fixed;  ///< id_offset/id_length into `ids`.
        };
        std::vector<Match> matches;
        std::string ids;
        auto keep = [&](const Row& row) {
            Match match{row.fixed};
            match.fixed.id_offset = static_cast<std::uint32_t>(ids.size());
            match.fixed.id_length = static_cast<std::uint16_t>(row.id.size());
            ids.append(row.id);
            matches.push_back(match);
        };
        auto adds = [&](const DossierCounters& counters) {
            return member ? counters.*(*member) > 0 : counters.received > 0;
        };
        db.Execute("BEGIN");
        try {
            const Selection selection = Select(db, query, !query.cohort);
            if (query.cohort) {
                Scan(db, selection, [&](const Row& row) {
                    if (row.fixed.received < selection.from || row.fixed.received >= selection.to) return;
                    DossierCounters counters;
                    CountByReceived(FactsOf(row.fixed), query.set, query.as_of, counters);
                    if (adds(counters)) keep(row);
                });
            } else {
                const Period period = PeriodOf(query.from, query.period);
                const CompactTime as_of = ClampCompact(query.as_of);
                DossierCounters counters;
                const std::function<void(const Period&, const DossierCounters&)> add =
                    [&](const Period& p, const DossierCounters& delta) {
                        if (p == period) counters += delta;
                    };
                Scan(db, selection, [&](const Row& row) {
                    if (row.fixed.received >= selection.to || row.fixed.received > as_of) return;
                    counters = DossierCounters{};
                    FoldIntoPeriods(FactsOf(row.fixed), query.set, query.period, query.as_of, add);
                    if (adds(counters)) keep(row);
                });
            }
            db.Execute("COMMIT");
        } catch (...) {
            sqlite3_exec(db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        auto id_of = [&](const Match& m) {
            return std::string_view(ids.data() + m.fixed.id_offset, m.fixed.id_length);
        };
        std::sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
            if (a.fixed.received != b.fixed.received) return a.fixed.received < b.fixed.received;
            return id_of(a) < id_of(b);
        });
        page.total = static_cast<std::int64_t>(matches.size());
        const std::int64_t from = std::clamp<std::int64_t>(list.offset, 0, page.total);
        const std::int64_t to =
            std::clamp<std::int64_t>(from + std::max<std::int64_t>(list.limit, 0), from, page.total);
        if (to > from) {
            const auto dictionaries = LoadDictionaries(db);
            for (std::int64_t i = from; i < to; ++i) {
                const Match& m = matches[static_cast<std::size_t>(i)];
                page.dossiers.push_back(ToDossier(Row{m.fixed, id_of(m)}, dictionaries));
            }
        }
        return page;
    });
}

Result<DossierNames> SqliteDossierStore::Names() {
    std::lock_guard lock(mutex_);
    Connection& db = *connection_;
    Connection::ActionScope scope(db, Text{"đọc tên trong danh mục hồ sơ", "read the dossier dictionaries' names"});
    return sqlite::Guard([&]() -> Result<DossierNames> {
        DossierNames names;
        auto load = [&](const char* table, std::map<std::string, std::string>& into) {
            Stmt select(db, (std::string("SELECT code, name FROM ") + table + " WHERE name IS NOT NULL").c_str());
            while (select.Step()) into.emplace(select.Text(0), select.Text(1));
        };
        load(kDictionaryTables[1], names.departments);
        load(kDictionaryTables[2], names.procedures);
        load(kDictionaryTables[3], names.fields);
        return names;
    });
}

}  // namespace parindex
