// The durable dossier store: dossiers round-trip through the compact blocks, a re-import replaces dossiers by
// id (wherever they were stored) and never duplicates them, and the stored counters always equal a
// recomputation from the raw dossiers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_dossier_store.hpp"

namespace parindex {
namespace {

/// A dossier as a test writes it.
struct Spec {
    std::string id;
    std::string unit;
    std::string department = "D1";
    std::string procedure = "P1";
    std::string field = "F1";
    Channel channel = Channel::kDirect;
    std::string received;
    std::string due;
    std::string finished;  ///< Empty: not finished.
    std::string returned;
    int supplements = 0;
    int apologies = 0;
    DossierStatus status = DossierStatus::kFinished;
};

CompactTime At(const std::string& text) {
    if (text.empty()) return kNoCompactTime;
    auto time = ParseLocalTime(text);
    EXPECT_TRUE(time.has_value()) << text;
    return *ToCompactTime(*time);
}

std::uint16_t Intern(std::vector<std::string>& dictionary, const std::string& code) {
    auto found = std::find(dictionary.begin(), dictionary.end(), code);
    if (found != dictionary.end()) return static_cast<std::uint16_t>(found - dictionary.begin());
    dictionary.push_back(code);
    return static_cast<std::uint16_t>(dictionary.size() - 1);
}

/// A batch of `specs` split into `parts` parts, as the reader's threads would give it.
DossierBatch MakeBatch(const std::vector<Spec>& specs, std::size_t parts = 1) {
    DossierBatch batch;
    batch.file = "test.csv";
    batch.parts.resize(parts);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const Spec& s = specs[i];
        DossierBatch::Part& part = batch.parts[i * parts / std::max<std::size_t>(specs.size(), 1)];
        CompactDossier row;
        row.id_offset = static_cast<std::uint32_t>(part.ids.size());
        row.id_length = static_cast<std::uint16_t>(s.id.size());
        part.ids += s.id;
        row.unit = Intern(batch.units, s.unit);
        row.department = Intern(batch.departments, s.department);
        row.procedure = Intern(batch.procedures, s.procedure);
        row.field = Intern(batch.fields, s.field);
        row.channel = static_cast<std::uint8_t>(s.channel);
        row.status = static_cast<std::uint8_t>(s.status);
        row.received = At(s.received);
        row.due = At(s.due);
        row.finished = At(s.finished);
        row.returned = At(s.returned);
        row.supplement_requests = static_cast<std::uint8_t>(s.supplements);
        row.apology_letters = static_cast<std::uint8_t>(s.apologies);
        part.rows.push_back(row);
    }
    return batch;
}

/// The counters the store keeps (the others depend on the day they are asked for, or on the flow view).
DossierCounters Kept(DossierCounters c) {
    c.carried_over = c.open_not_due = c.open_due_soon = c.open_overdue = 0;
    c.due_total = c.due_on_time = c.due_late = 0;
    c.overdue_without_apology = c.apology_too_late = 0;
    return c;
}

/// The counters per (unit, YYYY-MM) recomputed from raw dossiers with the domain's cohort counting.
std::map<std::pair<std::string, std::string>, DossierCounters> Recompute(const std::vector<Spec>& specs) {
    std::map<std::pair<std::string, std::string>, DossierCounters> expected;
    const LocalTime after_all = *ParseLocalTime("2200-01-01 00:00:00");
    for (const Spec& s : specs) {
        DossierFacts facts;
        facts.channel = s.channel;
        facts.status = s.status;
        facts.received = *ParseLocalTime(s.received);
        facts.due = *ParseLocalTime(s.due);
        if (!s.finished.empty()) facts.finished = *ParseLocalTime(s.finished);
        if (!s.returned.empty()) facts.returned = *ParseLocalTime(s.returned);
        facts.supplement_requests = s.supplements;
        facts.apology_letters = s.apologies;
        CountByReceived(facts, ReferenceDefinitionSet(), after_all, expected[{s.unit, s.received.substr(0, 7)}]);
    }
    for (auto& [key, counters] : expected) counters = Kept(counters);
    return expected;
}

std::map<std::pair<std::string, std::string>, DossierCounters> Stored(SqliteDossierStore& store,
                                                                      std::optional<int> year = std::nullopt) {
    auto rows = store.UnitMonthStats(year);
    EXPECT_TRUE(rows.Ok());
    std::map<std::pair<std::string, std::string>, DossierCounters> stored;
    if (!rows.Ok()) return stored;
    for (const UnitMonthCounters& row : *rows) {
        char month[16];
        std::snprintf(month, sizeof month, "%04d-%02d", row.year, row.month);
        stored[{row.unit, month}] = row.counters;
    }
    return stored;
}

class DossierStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/parindex-dossiers-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        dir_ = pattern;
        Reopen();
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    void Reopen() {
        store_.reset();
        auto opened = SqliteDossierStore::Open(dir_ + "/parindex.db", clock_);
        ASSERT_TRUE(opened.Ok()) << opened.GetError().message.en;
        store_ = std::move(*opened);
    }
    DossierImportSummary Import(const std::vector<Spec>& specs, std::size_t parts = 1) {
        auto summary = store_->ImportDossiers(MakeBatch(specs, parts), nullptr);
        EXPECT_TRUE(summary.Ok()) << (summary.Ok() ? "" : summary.GetError().message.en);
        return summary.Ok() ? *summary : DossierImportSummary{};
    }

    FixedClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1732000000))};
    std::string dir_;
    std::unique_ptr<SqliteDossierStore> store_;
};

std::vector<Spec> Small() {
    return {
        {"A1", "U1", "D1", "P1", "F1", Channel::kOnlineFull, "2024-01-05 08:00:00", "2024-01-10 17:00:00",
         "2024-01-08 09:00:00", "", 0, 0, DossierStatus::kFinished},
        {"A2", "U1", "D2", "P2", "F2", Channel::kDirect, "2024-01-31 23:59:59", "2024-02-05 17:00:00",
         "2024-02-07 10:00:00", "", 2, 0, DossierStatus::kFinished},
        {"A3", "U1", "D1", "P1", "F1", Channel::kPostal, "2024-02-01 00:00:00", "2024-02-05 17:00:00", "",
         "2024-02-02 10:00:00", 1, 1, DossierStatus::kReturnedUnprocessed},
        {"A4", "U2", "D1", "P3", "F3", Channel::kOnlinePartial, "2024-01-15 10:00:00", "2024-01-20 17:00:00",
         "2024-01-20 17:00:00", "", 0, 2, DossierStatus::kFinished},
    };
}

TEST_F(DossierStoreTest, DossiersRoundTripThroughBlocks) {
    const DossierImportSummary summary = Import(Small(), 2);
    EXPECT_EQ(summary.rows, 4);
    EXPECT_EQ(summary.inserted, 4);
    EXPECT_EQ(summary.updated, 0);
    EXPECT_EQ(summary.blocks, 3);  // U1 2024-01, U1 2024-02, U2 2024-01.
    EXPECT_EQ(summary.stored, 4);
    Reopen();

    auto page = store_->UnitMonthDossiers("U1", 2024, 1, 0, 10);
    ASSERT_TRUE(page.Ok());
    EXPECT_EQ(page->total, 2);
    ASSERT_EQ(page->dossiers.size(), 2u);
    const Dossier& a2 = page->dossiers[1];  // Ordered by received time.
    EXPECT_EQ(page->dossiers[0].id, "A1");
    EXPECT_EQ(a2.id, "A2");
    EXPECT_EQ(a2.unit, "U1");
    EXPECT_EQ(a2.department, "D2");
    EXPECT_EQ(a2.procedure, "P2");
    EXPECT_EQ(a2.field, "F2");
    EXPECT_EQ(a2.channel, Channel::kDirect);
    EXPECT_EQ(a2.status, DossierStatus::kFinished);
    EXPECT_EQ(a2.received.Iso(), "2024-01-31 23:59:59");
    EXPECT_EQ(a2.due.Iso(), "2024-02-05 17:00:00");
    ASSERT_TRUE(a2.finished.has_value());
    EXPECT_EQ(a2.finished->Iso(), "2024-02-07 10:00:00");
    EXPECT_FALSE(a2.returned.has_value());
    EXPECT_EQ(a2.supplement_requests, 2);
    EXPECT_EQ(a2.apology_letters, 0);

    auto second_page = store_->UnitMonthDossiers("U1", 2024, 1, 1, 10);
    ASSERT_TRUE(second_page.Ok());
    ASSERT_EQ(second_page->dossiers.size(), 1u);
    EXPECT_EQ(second_page->dossiers[0].id, "A2");

    auto a3 = store_->FindDossier("A3");
    ASSERT_TRUE(a3.Ok());
    ASSERT_TRUE(a3->has_value());
    EXPECT_EQ((*a3)->status, DossierStatus::kReturnedUnprocessed);
    EXPECT_EQ((*a3)->returned->Iso(), "2024-02-02 10:00:00");
    EXPECT_EQ((*a3)->channel, Channel::kPostal);
    auto none = store_->FindDossier("nope");
    ASSERT_TRUE(none.Ok());
    EXPECT_FALSE(none->has_value());
    auto empty = store_->UnitMonthDossiers("U9", 2024, 1, 0, 10);
    ASSERT_TRUE(empty.Ok());
    EXPECT_EQ(empty->total, 0);
}

TEST_F(DossierStoreTest, CountersOfTheSmallSetByHand) {
    Import(Small());
    auto stored = Stored(*store_);
    ASSERT_EQ(stored.size(), 3u);
    const DossierCounters& u1_jan = stored.at({"U1", "2024-01"});
    EXPECT_EQ(u1_jan.received, 2);
    EXPECT_EQ(u1_jan.processed, 2);
    EXPECT_EQ(u1_jan.on_time, 1);  // A1.
    EXPECT_EQ(u1_jan.early, 1);    // A1: 2 days before due.
    EXPECT_EQ(u1_jan.late, 1);     // A2, received on the last second of January.
    EXPECT_EQ(u1_jan.late_without_apology, 1);
    EXPECT_EQ(u1_jan.supplement_2plus, 1);
    EXPECT_EQ(u1_jan.online_full, 1);
    const DossierCounters& u1_feb = stored.at({"U1", "2024-02"});
    EXPECT_EQ(u1_feb.received, 1);
    EXPECT_EQ(u1_feb.processed, 0);
    EXPECT_EQ(u1_feb.returned, 1);
    const DossierCounters& u2_jan = stored.at({"U2", "2024-01"});
    EXPECT_EQ(u2_jan.on_time, 1);  // Exactly at due is on time, not early.
    EXPECT_EQ(u2_jan.early, 0);
    EXPECT_EQ(Stored(*store_, 2023).size(), 0u);
    EXPECT_EQ(Stored(*store_, 2024).size(), 3u);
}

TEST_F(DossierStoreTest, ReimportReplacesByIdAndNeverDuplicates) {
    Import(Small());
    const auto before = Stored(*store_);
    const DossierImportSummary again = Import(Small(), 2);
    EXPECT_EQ(again.inserted, 0);
    EXPECT_EQ(again.updated, 4);
    EXPECT_EQ(again.stored, 4);
    EXPECT_EQ(Stored(*store_), before);

    // A2 is corrected: received in February at another unit. It leaves U1's January block.
    std::vector<Spec> changed = {Small()[1]};
    changed[0].unit = "U2";
    changed[0].received = "2024-02-01 08:00:00";
    changed[0].finished = "2024-02-03 08:00:00";
    const DossierImportSummary moved = Import(changed);
    EXPECT_EQ(moved.inserted, 0);
    EXPECT_EQ(moved.updated, 1);
    EXPECT_EQ(moved.stored, 4);
    std::vector<Spec> now = Small();
    now[1] = changed[0];
    EXPECT_EQ(Stored(*store_), Recompute(now));
    auto u1 = store_->UnitMonthDossiers("U1", 2024, 1, 0, 10);
    ASSERT_TRUE(u1.Ok());
    EXPECT_EQ(u1->total, 1);
    auto found = store_->FindDossier("A2");
    ASSERT_TRUE(found.Ok() && found->has_value());
    EXPECT_EQ((*found)->unit, "U2");

    // A block emptied by a move disappears with its counters.
    std::vector<Spec> away = {Small()[3]};
    away[0].unit = "U1";
    Import(away);
    now[3] = away[0];
    const auto stored = Stored(*store_);
    EXPECT_EQ(stored, Recompute(now));
    EXPECT_EQ(stored.count({"U2", "2024-01"}), 0u);
}

TEST_F(DossierStoreTest, ALaterRowOfTheSameIdInOneFileWins) {
    std::vector<Spec> specs = Small();
    Spec repeat = specs[0];
    repeat.finished = "2024-01-12 09:00:00";  // Now late.
    specs.push_back(repeat);
    const DossierImportSummary summary = Import(specs, 2);
    EXPECT_EQ(summary.rows, 5);
    EXPECT_EQ(summary.inserted, 4);
    EXPECT_EQ(summary.updated, 1);
    EXPECT_EQ(summary.stored, 4);
    std::vector<Spec> expected = Small();
    expected[0] = repeat;
    EXPECT_EQ(Stored(*store_), Recompute(expected));
}

/// Deterministic pseudo-random dossiers over a few units and months, boundaries included.
std::vector<Spec> Generated(int count, std::uint64_t seed, int id_offset) {
    std::vector<Spec> specs;
    std::uint64_t state = seed;
    auto next = [&](std::uint64_t below) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % below;
    };
    for (int i = 0; i < count; ++i) {
        Spec s;
        s.id = "G" + std::to_string(id_offset + static_cast<int>(next(static_cast<std::uint64_t>(count))));
        s.unit = "U" + std::to_string(next(7));
        s.department = "D" + std::to_string(next(3));
        s.procedure = "P" + std::to_string(next(20));
        s.field = "F" + std::to_string(next(5));
        s.channel = static_cast<Channel>(next(4));
        const int month = 1 + static_cast<int>(next(12));
        const int day = 1 + static_cast<int>(next(28));
        char text[32];
        std::snprintf(text, sizeof text, "2024-%02d-%02d %02d:%02d:00", month, day, static_cast<int>(next(24)),
                      static_cast<int>(next(60)));
        s.received = text;
        const LocalTime received = *ParseLocalTime(s.received);
        const LocalTime due = received + static_cast<std::int64_t>(86400 * (1 + next(10)));
        s.due = due.Iso();
        const std::uint64_t fate = next(10);
        if (fate == 0) {
            s.status = DossierStatus::kInProgress;
        } else {
            const std::int64_t offsets[] = {-3 * 86400, -86400, -86399, 0, 1, 5 * 86400};
            s.finished = std::max(received + 1, due + offsets[next(6)]).Iso();
        }
        s.supplements = static_cast<int>(next(4));
        s.apologies = static_cast<int>(next(3));
        specs.push_back(s);
    }
    return specs;
}

TEST_F(DossierStoreTest, CountersEqualARecomputationAfterOverlappingImports) {
    std::map<std::string, Spec> by_id;
    auto apply = [&](const std::vector<Spec>& specs) {
        for (const Spec& s : specs) by_id[s.id] = s;
    };
    const std::vector<Spec> first = Generated(3000, 1, 0);
    const std::vector<Spec> second = Generated(2000, 2, 1500);  // Ids overlap the first file's half.
    const std::vector<Spec> third = Generated(500, 3, 0);
    std::int64_t distinct = 0;
    for (const auto& specs : {first, second, third}) {
        Import(specs, 2);
        apply(specs);
        std::vector<Spec> all;
        for (const auto& [id, s] : by_id) all.push_back(s);
        distinct = static_cast<std::int64_t>(all.size());
        EXPECT_EQ(Stored(*store_), Recompute(all));
    }
    Reopen();
    std::int64_t listed = 0;
    for (int unit = 0; unit < 7; ++unit) {
        for (int month = 1; month <= 12; ++month) {
            auto page = store_->UnitMonthDossiers("U" + std::to_string(unit), 2024, month, 0, 100000);
            ASSERT_TRUE(page.Ok());
            listed += page->total;
            for (const Dossier& d : page->dossiers) {
                const Spec& s = by_id.at(d.id);
                EXPECT_EQ(d.unit, s.unit);
                EXPECT_EQ(d.received.Iso(), s.received);
                EXPECT_EQ(d.finished ? d.finished->Iso() : std::string(), s.finished);
                EXPECT_EQ(d.procedure, s.procedure);
            }
        }
    }
    EXPECT_EQ(listed, distinct);
}

// ---- Ad-hoc questions: Aggregate and ListDossiers --------------------------------------------------------------

Dossier ToDossierOf(const Spec& s) {
    Dossier d;
    d.id = s.id;
    d.unit = s.unit;
    d.department = s.department;
    d.procedure = s.procedure;
    d.field = s.field;
    d.channel = s.channel;
    d.status = s.status;
    d.received = *ParseLocalTime(s.received);
    d.due = *ParseLocalTime(s.due);
    if (!s.finished.empty()) d.finished = *ParseLocalTime(s.finished);
    if (!s.returned.empty()) d.returned = *ParseLocalTime(s.returned);
    d.supplement_requests = s.supplements;
    d.apology_letters = s.apologies;
    return d;
}

LocalTime T(const char* text) { return *ParseLocalTime(text); }

DossierQuery YearQuery(bool cohort, std::vector<Dimension> by, PeriodKind period, LocalTime as_of) {
    DossierQuery query;
    query.from = T("2024-01-01 00:00:00");
    query.to = T("2025-01-01 00:00:00");
    query.by = std::move(by);
    query.period = period;
    query.cohort = cohort;
    query.as_of = as_of;
    return query;
}

/// The domain's tally of `specs` for `query` (its filters applied here, by hand), restricted to the periods that
/// overlap the query's window.
std::map<StatsKey, DossierCounters> Expected(const std::vector<Spec>& specs, const DossierQuery& query) {
    DossierTally tally(query.by, query.period, query.set, query.as_of, query.cohort);
    for (const Spec& s : specs) {
        const Dossier d = ToDossierOf(s);
        if (!query.units.empty() && std::find(query.units.begin(), query.units.end(), d.unit) == query.units.end())
            continue;
        if (query.department && d.department != *query.department) continue;
        if (query.field && d.field != *query.field) continue;
        if (query.procedure && d.procedure != *query.procedure) continue;
        if (query.channel && d.channel != *query.channel) continue;
        if (d.received >= query.to) continue;
        if (query.cohort && d.received < query.from) continue;
        tally.Add(d);
    }
    std::map<StatsKey, DossierCounters> expected;
    for (const auto& [key, counters] : tally.Rows()) {
        if (key.period.End() <= query.from || key.period.Start() >= query.to) continue;
        if (counters == DossierCounters{}) continue;
        expected[key] = counters;
    }
    return expected;
}

std::map<StatsKey, DossierCounters> Aggregated(SqliteDossierStore& store, const DossierQuery& query) {
    auto rows = store.Aggregate(query);
    EXPECT_TRUE(rows.Ok()) << (rows.Ok() ? "" : rows.GetError().message.en);
    std::map<StatsKey, DossierCounters> result;
    if (!rows.Ok()) return result;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        if (i > 0) EXPECT_LT((*rows)[i - 1].key, (*rows)[i].key) << "rows ordered by key then period";
        if ((*rows)[i].counters == DossierCounters{}) continue;
        result[(*rows)[i].key] = (*rows)[i].counters;
    }
    return result;
}

std::vector<Spec> Distinct(const std::vector<Spec>& specs) {
    std::map<std::string, Spec> by_id;
    for (const Spec& s : specs) by_id[s.id] = s;
    std::vector<Spec> out;
    for (const auto& [id, s] : by_id) out.push_back(s);
    return out;
}

TEST_F(DossierStoreTest, FlowViewOfTheSmallSetByHand) {
    Import(Small());
    DossierQuery query = YearQuery(false, {}, PeriodKind::kMonth, T("2024-02-29 23:59:59"));
    query.units = {"U1"};
    const auto rows = Aggregated(*store_, query);
    ASSERT_EQ(rows.size(), 2u);
    const DossierCounters& jan = rows.begin()->second;
    EXPECT_EQ(rows.begin()->first.period.Key(), "2024-01");
    EXPECT_EQ(jan.received, 2);          // A1, A2 (the last second of January).
    EXPECT_EQ(jan.processed, 1);         // A1.
    EXPECT_EQ(jan.early, 1);             // A1, two days before due.
    EXPECT_EQ(jan.open_not_due, 1);      // A2 at the end of January: due in more than 3 days.
    EXPECT_EQ(jan.supplement_2plus, 1);  // A2.
    EXPECT_EQ(jan.due_total, 1);         // A1, due on 10/01.
    EXPECT_EQ(jan.due_on_time, 1);
    EXPECT_EQ(jan.online_full, 1);
    EXPECT_EQ(jan.direct, 1);
    const DossierCounters& feb = rows.rbegin()->second;
    EXPECT_EQ(rows.rbegin()->first.period.Key(), "2024-02");
    EXPECT_EQ(feb.received, 1);  // A3, returned: counted apart.
    EXPECT_EQ(feb.received_counted, 0);
    EXPECT_EQ(feb.returned, 1);
    EXPECT_EQ(feb.carried_over, 1);  // A2.
    EXPECT_EQ(feb.processed, 1);
    EXPECT_EQ(feb.late, 1);
    EXPECT_EQ(feb.late_without_apology, 1);
    EXPECT_EQ(feb.due_total, 1);  // A2, due on 05/02.
    EXPECT_EQ(feb.due_late, 1);
    EXPECT_EQ(feb.open_not_due + feb.open_due_soon + feb.open_overdue, 0);

    auto ids = [&](bool cohort, const char* period_key, const char* counter) {
        const Period period = *ParsePeriodKey(period_key);
        DossierListQuery list;
        list.query = query;
        list.query.cohort = cohort;
        list.query.period = period.kind;
        list.query.from = period.Start();
        list.query.to = period.End();
        list.counter = counter;
        auto page = store_->ListDossiers(list);
        EXPECT_TRUE(page.Ok());
        std::string out;
        if (!page.Ok()) return out;
        EXPECT_EQ(page->total, static_cast<std::int64_t>(page->dossiers.size()));
        for (const Dossier& d : page->dossiers) out += (out.empty() ? "" : ",") + d.id;
        return out;
    };
    EXPECT_EQ(ids(false, "2024-02", "late"), "A2");
    EXPECT_EQ(ids(false, "2024-02", "carried_over"), "A2");
    EXPECT_EQ(ids(false, "2024-02", ""), "A3");
    EXPECT_EQ(ids(false, "2024-01", "open_not_due"), "A2");
    EXPECT_EQ(ids(false, "2024-01", ""), "A1,A2");
    EXPECT_EQ(ids(true, "2024-01", "late"), "A2");
    EXPECT_EQ(ids(true, "2024-01", "early"), "A1");
    EXPECT_EQ(ids(true, "2024-Q1", "returned"), "A3");
    EXPECT_EQ(ids(true, "2024", "supplement_2plus"), "A2");
    EXPECT_EQ(ids(false, "2024-03", ""), "");

    DossierListQuery unknown;
    unknown.query = query;
    unknown.counter = "nope";
    EXPECT_FALSE(store_->ListDossiers(unknown).Ok());
}

TEST_F(DossierStoreTest, AggregateEqualsTheDomainsTallyForEachViewDimensionAndPeriod) {
    const std::vector<Spec> specs = Distinct(Generated(3000, 11, 0));
    Import(specs, 2);
    const std::vector<std::vector<Dimension>> groupings = {
        {},
        {Dimension::kUnit},
        {Dimension::kDepartment},
        {Dimension::kField},
        {Dimension::kProcedure},
        {Dimension::kChannel},
        {Dimension::kField, Dimension::kProcedure},
        {Dimension::kUnit, Dimension::kDepartment, Dimension::kChannel}};
    for (const char* as_of : {"2024-12-31 23:59:59", "2024-08-15 12:00:00"}) {
        for (bool cohort : {true, false}) {
            for (const auto& by : groupings) {
                for (PeriodKind period : {PeriodKind::kMonth, PeriodKind::kYear}) {
                    const DossierQuery query = YearQuery(cohort, by, period, T(as_of));
                    const auto expected = Expected(specs, query);
                    EXPECT_FALSE(expected.empty());
                    EXPECT_EQ(Aggregated(*store_, query), expected)
                        << as_of << (cohort ? " cohort" : " flow") << " by " << by.size() << " dimensions, "
                        << PeriodKindName(period);
                }
            }
            for (PeriodKind period : {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kQuarter}) {
                const DossierQuery query = YearQuery(cohort, {Dimension::kChannel}, period, T(as_of));
                EXPECT_EQ(Aggregated(*store_, query), Expected(specs, query))
                    << as_of << (cohort ? " cohort " : " flow ") << PeriodKindName(period);
            }
        }
    }
    // A window inside the year: the flow view carries over the dossiers received before it.
    for (bool cohort : {true, false}) {
        DossierQuery query = YearQuery(cohort, {Dimension::kUnit}, PeriodKind::kMonth, T("2024-12-31 23:59:59"));
        query.from = T("2024-07-01 00:00:00");
        query.to = T("2024-10-01 00:00:00");
        const auto expected = Expected(specs, query);
        EXPECT_EQ(Aggregated(*store_, query), expected) << (cohort ? "cohort" : "flow");
        if (!cohort) {
            std::int64_t carried = 0;
            for (const auto& [key, c] : expected) carried += c.carried_over;
            EXPECT_GT(carried, 0);
        }
    }
}

TEST_F(DossierStoreTest, AggregateFilters) {
    const std::vector<Spec> specs = Distinct(Generated(2000, 5, 0));
    Import(specs);
    for (bool cohort : {true, false}) {
        DossierQuery query = YearQuery(cohort, {Dimension::kProcedure}, PeriodKind::kQuarter, T("2024-12-31 23:59:59"));
        query.units = {"U1", "U3"};
        query.department = "D1";
        query.channel = Channel::kOnlineFull;
        EXPECT_EQ(Aggregated(*store_, query), Expected(specs, query));
        query.department.reset();
        query.field = "F2";
        query.procedure = "P7";
        EXPECT_EQ(Aggregated(*store_, query), Expected(specs, query));
        EXPECT_FALSE(Expected(specs, query).empty());
        query.procedure = "unknown";
        EXPECT_TRUE(Aggregated(*store_, query).empty());
        query.procedure.reset();
        query.units = {"nobody"};
        EXPECT_TRUE(Aggregated(*store_, query).empty());
    }
}

TEST_F(DossierStoreTest, ListTotalsEqualTheCountersAndPagesAreOrdered) {
    const std::vector<Spec> specs = Distinct(Generated(2500, 9, 0));
    Import(specs, 2);
    std::map<std::string, Spec> by_id;
    for (const Spec& s : specs) by_id[s.id] = s;
    const LocalTime as_of = T("2024-10-20 12:00:00");
    for (bool cohort : {true, false}) {
        for (const char* key : {"2024-03", "2024-Q3", "2024-W40", "2024-10", "2024"}) {
            const Period period = *ParsePeriodKey(key);
            DossierQuery query = YearQuery(cohort, {}, period.kind, as_of);
            query.units = {"U2", "U4"};
            query.field = "F1";
            const auto rows = Aggregated(*store_, query);
            DossierCounters sums;
            for (const auto& [k, c] : rows) {
                if (k.period == period) sums += c;
            }
            for (const CounterField& counter : CounterFields()) {
                if (std::string(counter.name) == "processing_seconds_sum") continue;
                DossierListQuery list;
                list.query = query;
                list.query.from = period.Start();
                list.query.to = period.End();
                list.counter = counter.name;
                list.limit = 7;
                auto first = store_->ListDossiers(list);
                ASSERT_TRUE(first.Ok());
                EXPECT_EQ(first->total, sums.*counter.member)
                    << (cohort ? "cohort " : "flow ") << key << " " << counter.name;
                // Every page, in order, each dossier once, each of the filtered units and field.
                std::vector<Dossier> all;
                for (list.offset = 0; list.offset < first->total; list.offset += list.limit) {
                    auto page = store_->ListDossiers(list);
                    ASSERT_TRUE(page.Ok());
                    EXPECT_EQ(page->total, first->total);
                    all.insert(all.end(), page->dossiers.begin(), page->dossiers.end());
                }
                ASSERT_EQ(static_cast<std::int64_t>(all.size()), first->total);
                for (std::size_t i = 0; i < all.size(); ++i) {
                    EXPECT_TRUE(all[i].unit == "U2" || all[i].unit == "U4");
                    EXPECT_EQ(all[i].field, "F1");
                    EXPECT_EQ(all[i].received.Iso(), by_id.at(all[i].id).received);
                    if (i > 0) {
                        EXPECT_TRUE(all[i - 1].received < all[i].received ||
                                    (all[i - 1].received == all[i].received && all[i - 1].id < all[i].id));
                    }
                }
            }
            DossierListQuery everything;
            everything.query = query;
            everything.query.from = period.Start();
            everything.query.to = period.End();
            auto page = store_->ListDossiers(everything);
            ASSERT_TRUE(page.Ok());
            EXPECT_EQ(page->total, sums.received) << key;
        }
    }
}

TEST_F(DossierStoreTest, DictionaryNamesAreKeptAcrossImports) {
    DossierBatch batch = MakeBatch(Small());
    batch.field_names.assign(batch.fields.size(), "");
    batch.field_names[0] = "Đất đai";
    batch.procedure_names = {"Cấp giấy chứng nhận"};
    Import(Small());
    ASSERT_TRUE(store_->ImportDossiers(batch, nullptr).Ok());
    Import(Small());  // Without names: the names stay.
    auto names = store_->Names();
    ASSERT_TRUE(names.Ok());
    EXPECT_EQ(names->fields.size(), 1u);
    EXPECT_EQ(names->fields.at(batch.fields[0]), "Đất đai");
    EXPECT_EQ(names->procedures.at(batch.procedures[0]), "Cấp giấy chứng nhận");
    EXPECT_TRUE(names->departments.empty());
}

}  // namespace
}  // namespace parindex
