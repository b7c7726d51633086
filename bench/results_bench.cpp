// Recomputes results and ranks for a synthetic province-sized dataset (10,000 units × 100 criteria × 3 years) and
// compares the time with the sqlite3 command-line tool computing the same totals and ranks over the same scores.
//
// Usage: results_bench [--units N] [--iterations N] [--sqlite-runs N] [--forunit-units N] [--keep-temp]
//                      [--skip-sqlite] [--benchmark_* flags of Google Benchmark]
// Exit status: 0 when the sqlite3 output matches the engine and the targets hold (targets apply to the full
// 10,000-unit run only), 1 on a mismatch or an error, 2 when a target fails.

#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/results_engine.hpp"
#include "synthetic_dataset.hpp"

namespace parindex::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kFullUnits = 10000;
constexpr double kTargetMs = 200.0;
constexpr double kTargetRatio = 5.0;

/// Options of this program; parsed and removed from argv before Google Benchmark sees it.
struct Options {
    int units = kFullUnits;
    int iterations = 5;
    int sqlite_runs = 3;
    /// Units of the last year for BM_ForUnitAll: −1 = all of them unless that would take over a minute (then a sample
    /// that takes about 10 s, reported with the extrapolated total), 0 = skip, N = the first N units.
    int forunit_units = -1;
    bool keep_temp = false;
    bool skip_sqlite = false;  ///< For profiling the engine alone (valgrind).
};

/// Times of the iterations of one benchmark, in milliseconds.
struct Samples {
    std::vector<double> ms;
    double Best() const { return ms.empty() ? 0.0 : *std::min_element(ms.begin(), ms.end()); }
    double Mean() const { return ms.empty() ? 0.0 : std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size(); }
};

// The benchmarks are registered at run time with these as context (Google Benchmark passes no user data).
const Dataset* g_dataset = nullptr;
SyntheticShape g_shape;
Options g_options;
Samples g_recompute;
Samples g_forunit;
int g_forunit_count = 0;
double g_forunit_probe_ms_per_unit = 0.0;  ///< From the untimed probe when --forunit-units is left at "all".

double MsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Heap memory in use now, in MiB (glibc's count of allocated bytes; RSS would hide reuse of freed memory).
double HeapInUseMib() { return static_cast<double>(mallinfo2().uordblks) / (1024.0 * 1024.0); }

/// Peak resident memory of this process so far, in MiB.
double PeakRssMib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux.
}

std::vector<std::string> GroupCodes() {
    std::vector<std::string> codes;
    for (int g = 0; g < g_shape.groups; ++g) codes.push_back(SyntheticGroupCode(g));
    return codes;
}

/// The 30 rankings (every group of every year), in year-then-group order. Aborts the run on an error.
std::vector<GroupRanking> AllRankings(const ResultsEngine& engine, const std::vector<std::string>& group_codes) {
    std::vector<GroupRanking> out;
    out.reserve(group_codes.size() * static_cast<std::size_t>(g_shape.years));
    for (int y = 0; y < g_shape.years; ++y) {
        for (const auto& code : group_codes) {
            auto ranking = engine.Ranking(code, g_shape.first_year + y);
            if (!ranking) {
                std::fprintf(stderr, "Ranking(%s, %d) failed: %s\n", code.c_str(), g_shape.first_year + y,
                             ranking.GetError().message.en.c_str());
                std::exit(1);
            }
            out.push_back(std::move(ranking).Value());
        }
    }
    return out;
}

/// Builds the engine from a fresh copy of the dataset and computes every ranking. Only the construction and the
/// rankings are timed (manual time): the copy is made before and the engine is destroyed after the clock stops.
void BM_RecomputeResultsAndRanks(benchmark::State& state) {
    const auto group_codes = GroupCodes();
    std::size_t rows = 0;
    for (auto _ : state) {
        Dataset copy = *g_dataset;
        const auto start = Clock::now();
        std::optional<ResultsEngine> engine;
        engine.emplace(std::move(copy));
        auto rankings = AllRankings(*engine, group_codes);
        benchmark::DoNotOptimize(rankings.data());
        const double ms = MsSince(start);
        state.SetIterationTime(ms / 1000.0);
        g_recompute.ms.push_back(ms);
        rows = 0;
        for (const auto& r : rankings) rows += r.rows.size();
        engine.reset();
    }
    state.counters["rankings"] = static_cast<double>(g_shape.groups * g_shape.years);
    state.counters["rows"] = static_cast<double>(rows);
}

constexpr double kForUnitAllBudgetMs = 60000.0;
constexpr double kForUnitSampleMs = 10000.0;

/// ForUnit (every figure of one unit and year) for the units of the last year; the engine is built once, untimed.
/// While ForUnit is too slow for all units to finish within a minute, an untimed probe of 10 units picks a sample.
void BM_ForUnitAll(benchmark::State& state) {
    const ResultsEngine engine(*g_dataset);
    const int year = g_shape.first_year + g_shape.years - 1;
    auto for_unit = [&](int index) {
        auto result = engine.ForUnit(SyntheticUnitCode(index), year);
        if (!result) {
            std::fprintf(stderr, "ForUnit(%s, %d) failed: %s\n", SyntheticUnitCode(index).c_str(), year,
                         result.GetError().message.en.c_str());
            std::exit(1);
        }
        benchmark::DoNotOptimize(result->criteria.data());
    };
    int count = std::min(g_options.forunit_units, g_shape.units);
    if (g_options.forunit_units < 0) {
        const int probe = std::min(10, g_shape.units);
        const auto start = Clock::now();
        for (int u = 0; u < probe; ++u) for_unit(u);
        g_forunit_probe_ms_per_unit = MsSince(start) / probe;
        count = g_shape.units;
        if (g_forunit_probe_ms_per_unit * g_shape.units > kForUnitAllBudgetMs)
            count = std::max(probe, static_cast<int>(kForUnitSampleMs / g_forunit_probe_ms_per_unit));
    }
    for (auto _ : state) {
        const auto start = Clock::now();
        for (int u = 0; u < count; ++u) for_unit(u);
        const double ms = MsSince(start);
        state.SetIterationTime(ms / 1000.0);
        g_forunit.ms.push_back(ms);
    }
    g_forunit_count = count;
    state.counters["units"] = static_cast<double>(count);
}

// ---------------------------------------------------------------------------------------------------------------
// The sqlite3 peer.

/// Quotes a path for /bin/sh.
std::string ShellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

/// Runs a shell command; aborts the run when it fails.
void RunOrDie(const std::string& command) {
    const int status = std::system(command.c_str());
    if (status != 0) {
        std::fprintf(stderr, "command failed (status %d): %s\n", status, command.c_str());
        std::exit(1);
    }
}

/// Writes the leaf scores as CSV: unit, year, grp, criterion, score (integer thousandths), with a header line.
void WriteScoresCsv(const Dataset& data, const std::filesystem::path& path) {
    std::map<std::pair<std::string, int>, std::string> group_of;  // (unit, year) -> group
    for (const auto& g : data.groups)
        for (const auto& m : g.members) group_of[{m.unit_code, g.year}] = g.code;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::string buffer = "unit,year,grp,criterion,score\n";
    buffer.reserve(1 << 20);
    char number[24];
    for (const auto& a : data.assessments) {
        const std::string& group = group_of.at({a.unit_code, a.year});
        for (const auto& s : a.nodes) {
            buffer += a.unit_code;
            buffer += ',';
            buffer += std::to_string(a.year);
            buffer += ',';
            buffer += group;
            buffer += ',';
            buffer += s.code;
            buffer += ',';
            auto end = std::to_chars(number, number + sizeof number, s.appraised->Thousandths()).ptr;
            buffer.append(number, end);
            buffer += '\n';
        }
        if (buffer.size() > (1 << 20) - 4096) {
            std::fwrite(buffer.data(), 1, buffer.size(), file);
            buffer.clear();
        }
    }
    std::fwrite(buffer.data(), 1, buffer.size(), file);
    std::fclose(file);
}

/// The totals-and-ranks query. The engine ranks by the index rounded half away from zero to 2 decimals; with a
/// maximum of 100 points the index is the total, so sqlite ranks by the total in thousandths rounded to hundredths:
/// (total + 5) / 10 in integer arithmetic (totals are positive).
constexpr const char* kRankQuery =
    "SELECT year, grp, unit, total, RANK() OVER (PARTITION BY year, grp ORDER BY (total + 5) / 10 DESC) AS rank\n"
    "FROM (SELECT year, grp, unit, SUM(score) AS total FROM scores GROUP BY year, grp, unit);\n";

struct SqliteRow {
    std::int64_t total = 0;
    int rank = 0;
};
using RowKey = std::tuple<int, std::string, std::string>;  // (year, group, unit)

/// Reads sqlite's CSV output (year,grp,unit,total,rank; no header).
std::map<RowKey, SqliteRow> ReadSqliteOutput(const std::filesystem::path& path) {
    std::map<RowKey, SqliteRow> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::vector<std::string_view> fields;
        std::string_view rest = line;
        while (true) {
            const auto comma = rest.find(',');
            fields.push_back(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
        if (fields.size() != 5) {
            std::fprintf(stderr, "unexpected sqlite3 output line: %s\n", line.c_str());
            std::exit(1);
        }
        int year = 0;
        SqliteRow row;
        std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), year);
        std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), row.total);
        std::from_chars(fields[4].data(), fields[4].data() + fields[4].size(), row.rank);
        rows[RowKey{year, std::string(fields[1]), std::string(fields[2])}] = row;
    }
    return rows;
}

/// Compares every (year, group, unit) total and rank; prints the first mismatches. True when identical.
bool CompareWithEngine(const std::vector<GroupRanking>& rankings, const std::map<RowKey, SqliteRow>& sqlite_rows,
                       std::size_t* compared) {
    int mismatches = 0;
    std::size_t engine_rows = 0;
    auto report = [&](const std::string& text) {
        if (++mismatches <= 10) std::printf("  mismatch: %s\n", text.c_str());
    };
    for (const auto& ranking : rankings) {
        for (const auto& row : ranking.rows) {
            ++engine_rows;
            const RowKey key{ranking.year, ranking.group_code, row.unit_code};
            auto it = sqlite_rows.find(key);
            const std::string where =
                std::to_string(ranking.year) + " " + ranking.group_code + " " + row.unit_code + ": ";
            if (it == sqlite_rows.end()) {
                report(where + "missing from sqlite3's output");
                continue;
            }
            if (!row.points || !row.rank) {
                report(where + "the engine gives no total or no rank");
                continue;
            }
            if (row.points->Thousandths() != it->second.total)
                report(where + "total " + std::to_string(row.points->Thousandths()) + " (engine) vs " +
                       std::to_string(it->second.total) + " (sqlite3), in thousandths");
            if (*row.rank != it->second.rank)
                report(where + "rank " + std::to_string(*row.rank) + " (engine) vs " + std::to_string(it->second.rank) +
                       " (sqlite3)");
        }
    }
    if (engine_rows != sqlite_rows.size())
        report("the engine has " + std::to_string(engine_rows) + " rows, sqlite3 " +
               std::to_string(sqlite_rows.size()));
    if (mismatches > 10) std::printf("  ... %d mismatches in all\n", mismatches);
    *compared = engine_rows;
    return mismatches == 0;
}

/// One timed variant of the sqlite3 query: best and all times of `runs` runs, and whether the output matched.
struct SqliteTiming {
    std::string label;
    std::vector<double> ms;
    bool identical = false;
    double Best() const { return ms.empty() ? 0.0 : *std::min_element(ms.begin(), ms.end()); }
};

SqliteTiming TimeSqlite(const std::string& label, const std::filesystem::path& db, const std::filesystem::path& dir,
                        const std::vector<GroupRanking>& rankings) {
    SqliteTiming timing;
    timing.label = label;
    const auto query_file = dir / "rank_query.sql";
    const auto output_file = dir / "rank_output.csv";
    std::ofstream(query_file) << kRankQuery;
    const std::string command = "sqlite3 -batch -csv " + ShellQuote(db.string()) + " < " +
                                ShellQuote(query_file.string()) + " > " + ShellQuote(output_file.string());
    for (int run = 0; run < g_options.sqlite_runs; ++run) {
        std::filesystem::remove(output_file);
        const auto start = Clock::now();
        RunOrDie(command);
        timing.ms.push_back(MsSince(start));
    }
    std::size_t compared = 0;
    timing.identical = CompareWithEngine(rankings, ReadSqliteOutput(output_file), &compared);
    std::printf("sqlite3 (%s): runs", label.c_str());
    for (double ms : timing.ms) std::printf(" %.1f", ms);
    std::printf(" ms; best %.1f ms; compared %zu rows with the engine: identical: %s\n", timing.Best(), compared,
                timing.identical ? "yes" : "NO");
    return timing;
}

// ---------------------------------------------------------------------------------------------------------------

bool ParseInt(const std::string& text, int* out) {
    const auto result = std::from_chars(text.data(), text.data() + text.size(), *out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

/// Takes this program's options out of argv and leaves Google Benchmark's.
bool ParseOptions(int* argc, char** argv, Options* options) {
    int kept = 1;
    for (int i = 1; i < *argc; ++i) {
        const std::string arg = argv[i];
        auto value_of = [&](const std::string& name, int* out) {
            std::string text;
            if (arg == name && i + 1 < *argc) {
                text = argv[++i];
            } else if (arg.rfind(name + "=", 0) == 0) {
                text = arg.substr(name.size() + 1);
            } else {
                return false;
            }
            if (!ParseInt(text, out)) {
                std::fprintf(stderr, "%s needs a whole number, not \"%s\"\n", name.c_str(), text.c_str());
                std::exit(1);
            }
            return true;
        };
        if (value_of("--units", &options->units) || value_of("--iterations", &options->iterations) ||
            value_of("--sqlite-runs", &options->sqlite_runs) || value_of("--forunit-units", &options->forunit_units))
            continue;
        if (arg == "--keep-temp") {
            options->keep_temp = true;
            continue;
        }
        if (arg == "--skip-sqlite") {
            options->skip_sqlite = true;
            continue;
        }
        if (arg == "--help" || arg == "-h") {
            std::printf(
                "results_bench [--units N (10000)] [--iterations N (5)] [--sqlite-runs N (3)]\n"
                "              [--forunit-units N (all, or a sample while that takes over a minute; 0 skips)]\n"
                "              [--keep-temp]"
                "              [--skip-sqlite] [--benchmark_...]\n");
            std::exit(0);
        }
        argv[kept++] = argv[i];
    }
    *argc = kept;
    return options->units >= 10 && options->iterations >= 1 && options->sqlite_runs >= 1;
}

int Main(int argc, char** argv) {
    if (!ParseOptions(&argc, argv, &g_options)) {
        std::fprintf(stderr, "--units must be at least 10; --iterations and --sqlite-runs at least 1\n");
        return 1;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    g_shape.units = g_options.units;
    auto start = Clock::now();
    const Dataset dataset = MakeSyntheticDataset(g_shape);
    g_dataset = &dataset;
    std::size_t scores = 0;
    for (const auto& a : dataset.assessments) scores += a.nodes.size();
    std::printf(
        "dataset: %d units × %d criteria × %d years (%zu scores), %d groups per year; generated in %.0f ms; "
        "heap %.0f MiB\n",
        g_shape.units, g_shape.areas * g_shape.leaves_per_area, g_shape.years, scores, g_shape.groups, MsSince(start),
        HeapInUseMib());
    std::fflush(stdout);

    benchmark::RegisterBenchmark("BM_RecomputeResultsAndRanks", BM_RecomputeResultsAndRanks)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime()
        ->Iterations(g_options.iterations);
    if (g_options.forunit_units != 0)
        benchmark::RegisterBenchmark("BM_ForUnitAll", BM_ForUnitAll)
            ->Unit(benchmark::kMillisecond)
            ->UseManualTime()
            ->Iterations(1);
    benchmark::RunSpecifiedBenchmarks();
    std::fflush(stdout);

    // One more pass for the check against sqlite3, timing construction and rankings apart and measuring what the
    // engine holds.
    Dataset copy = dataset;
    const double heap_before = HeapInUseMib();
    start = Clock::now();
    auto engine = std::make_unique<ResultsEngine>(std::move(copy));
    const double construct_ms = MsSince(start);
    const double engine_mib = HeapInUseMib() - heap_before;
    start = Clock::now();
    const auto rankings = AllRankings(*engine, GroupCodes());
    const double rankings_ms = MsSince(start);
    std::size_t tied = 0, rows = 0;
    for (const auto& r : rankings) {
        std::map<int, int> per_rank;
        for (const auto& row : r.rows) {
            ++rows;
            if (row.rank) ++per_rank[*row.rank];
        }
        for (const auto& [rank, count] : per_rank)
            if (count > 1) tied += static_cast<std::size_t>(count);
    }
    std::printf(
        "engine: one more pass: constructor %.1f ms, %d Ranking calls %.1f ms; %zu ranking rows, %zu of them "
        "share their rank; the engine holds %.0f MiB of heap beyond the dataset it was given\n",
        construct_ms, g_shape.groups * g_shape.years, rankings_ms, rows, tied, engine_mib);
    std::fflush(stdout);
    if (g_options.skip_sqlite) return 0;

    // The sqlite3 peer: same scores, CSV import (untimed), then the timed query, plain and with a covering index.
    char dir_template[] = "/tmp/parindex-results-bench-XXXXXX";
    if (mkdtemp(dir_template) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::filesystem::path dir = dir_template;
    const auto csv = dir / "scores.csv";
    const auto db = dir / "scores.db";
    start = Clock::now();
    WriteScoresCsv(dataset, csv);
    {
        std::ofstream setup(dir / "setup.sql");
        setup << "PRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\n"
                 "CREATE TABLE scores(unit TEXT NOT NULL, year INTEGER NOT NULL, grp TEXT NOT NULL,\n"
                 "                    criterion TEXT NOT NULL, score INTEGER NOT NULL);\n"
                 ".import --csv --skip 1 "
              << csv.string() << " scores\n";
    }
    RunOrDie("sqlite3 -batch " + ShellQuote(db.string()) + " < " + ShellQuote((dir / "setup.sql").string()) +
             " > /dev/null");
    std::printf("sqlite3: wrote %s and imported it in %.0f ms (untimed); database %.0f MiB\n", csv.c_str(),
                MsSince(start), static_cast<double>(std::filesystem::file_size(db)) / (1024.0 * 1024.0));
    std::fflush(stdout);

    std::vector<SqliteTiming> sqlite_timings;
    sqlite_timings.push_back(TimeSqlite("plain table", db, dir, rankings));
    start = Clock::now();
    RunOrDie("sqlite3 -batch " + ShellQuote(db.string()) +
             " 'CREATE INDEX scores_by_group ON scores(year, grp, unit, score); ANALYZE;'");
    std::printf("sqlite3: built a covering index (year, grp, unit, score) in %.0f ms (untimed)\n", MsSince(start));
    sqlite_timings.push_back(TimeSqlite("covering index", db, dir, rankings));
    if (!g_options.keep_temp)
        std::filesystem::remove_all(dir);
    else
        std::printf("kept %s\n", dir.c_str());

    // Summary.
    const bool identical =
        std::all_of(sqlite_timings.begin(), sqlite_timings.end(), [](const SqliteTiming& t) { return t.identical; });
    const bool full = g_options.units == kFullUnits;
    std::printf("\n== Summary: %d units × %d criteria × %d years, %d peer groups per year ==\n", g_shape.units,
                g_shape.areas * g_shape.leaves_per_area, g_shape.years, g_shape.groups);
    bool targets_ok = true;
    const SqliteTiming& plain = sqlite_timings.front();  // The database as imported: the peer the issue names.
    if (!g_recompute.ms.empty()) {
        const double best = g_recompute.Best();
        const double ratio = plain.Best() / best;
        std::printf("engine   BM_RecomputeResultsAndRanks: best %.1f ms, mean %.1f ms over %zu iterations\n", best,
                    g_recompute.Mean(), g_recompute.ms.size());
        for (const auto& t : sqlite_timings)
            std::printf("sqlite3  %-15s: best %.1f ms of %zu runs (sqlite3 / engine = %.2f)\n", t.label.c_str(),
                        t.Best(), t.ms.size(), t.Best() / best);
        std::printf("ratio    sqlite3 (%s) / engine: %.2f×\n", plain.label.c_str(), ratio);
        const bool time_ok = best < kTargetMs;
        const bool ratio_ok = ratio >= kTargetRatio;
        const char* scaled = full ? "" : " (scaled-down run: the targets apply to 10000 units)";
        std::printf("target   engine < %.0f ms: %s%s\n", kTargetMs, time_ok ? "PASS" : "FAIL", scaled);
        std::printf("target   engine ≥ %.0f× faster than sqlite3 (%s): %s%s\n", kTargetRatio, plain.label.c_str(),
                    ratio_ok ? "PASS" : "FAIL", scaled);
        targets_ok = !full || (time_ok && ratio_ok);
    }
    if (!g_forunit.ms.empty()) {
        const double per_unit = g_forunit.Best() / g_forunit_count;
        std::printf("engine   BM_ForUnitAll: ForUnit for %d of %d units of year %d in %.1f ms, %.3f ms per unit",
                    g_forunit_count, g_shape.units, g_shape.first_year + g_shape.years - 1, g_forunit.Best(), per_unit);
        if (g_forunit_count < g_shape.units)
            std::printf(" (a sample: all %d would take about %.0f s)", g_shape.units,
                        per_unit * g_shape.units / 1000.0);
        std::printf("; no target\n");
    }
    std::printf("memory   peak RSS of this process %.0f MiB (the dataset, a copy of it and the engine)\n",
                PeakRssMib());
    std::printf("identical: %s\n", identical ? "yes" : "no");
    if (!identical) return 1;
    return targets_ok ? 0 : 2;
}

}  // namespace
}  // namespace parindex::bench

int main(int argc, char** argv) { return parindex::bench::Main(argc, argv); }
