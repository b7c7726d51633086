// The reference peer "a plain C++ mmap scan" of the dossier benchmark (../shared/bench/dossiers.md): maps the CSV
// of generate_dossiers, parses and aggregates it on N threads (2 by default, one contiguous slice of lines each) and
// prints the answer to the reference question, no storage:
//
//   scan_dossiers FILE [--threads N]   →  unit,month,total,finished,on_time,early,late,late_without_apology,
//                                          supplement_2plus,online_full          (sorted by unit, month)
//
// For each unit and calendar month of received_at: total; finished (finished_at not empty); on_time (finished ≤ due);
// early (finished < due − 1 day, a subset of on_time); late (finished > due); late_without_apology (late and
// apology_letters = 0); supplement_2plus (supplement_requests ≥ 2); online_full (channel = online_full; the share is
// computed by normalise.py, like for every other engine). Timestamps are `YYYY-MM-DD HH:MM:SS` local times.
// The scan reads the generator's layout (13 unquoted columns in the header's order) and stops on anything else.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

constexpr std::string_view kHeader =
    "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
    "returned_at,supplement_requests,apology_letters,status";

struct Counters {
    std::uint64_t total = 0, finished = 0, on_time = 0, early = 0, late = 0, late_without_apology = 0,
                  supplement_2plus = 0, online_full = 0;
    void Add(const Counters& o) {
        total += o.total;
        finished += o.finished;
        on_time += o.on_time;
        early += o.early;
        late += o.late;
        late_without_apology += o.late_without_apology;
        supplement_2plus += o.supplement_2plus;
        online_full += o.online_full;
    }
};

[[noreturn]] void Fail(const std::string& message) {
    std::fprintf(stderr, "scan_dossiers: %s\n", message.c_str());
    std::exit(1);
}

std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

inline unsigned Digits(const char* p, int n) {
    unsigned v = 0;
    for (int i = 0; i < n; ++i) v = v * 10 + static_cast<unsigned>(p[i] - '0');
    return v;
}

// Seconds since 1970-01-01 00:00:00 of `YYYY-MM-DD HH:MM:SS`.
std::int64_t Seconds(std::string_view t) {
    if (t.size() != 19) Fail("bad timestamp '" + std::string(t) + "'");
    const char* p = t.data();
    const std::int64_t clock =
        std::int64_t{Digits(p + 11, 2)} * 3600 + std::int64_t{Digits(p + 14, 2)} * 60 + std::int64_t{Digits(p + 17, 2)};
    return DaysFromCivil(Digits(p, 4), Digits(p + 5, 2), Digits(p + 8, 2)) * 86400 + clock;
}

// One thread's counters. Units get indexes in an open-addressing table of their codes; each unit has a flat window
// of kWindow months starting kWindow / 2 months before the first row's month, and months outside it (not in the
// generated files) go to `outside`.
struct Partial {
    static constexpr std::uint64_t kWindow = 48;
    struct Slot {
        std::string_view code;
        std::uint32_t index = 0;
        bool used = false;
    };
    std::vector<Slot> table = std::vector<Slot>(1 << 12);
    std::vector<std::string_view> units;
    std::vector<Counters> window;                         // units.size() × kWindow
    std::uint64_t base = ~0ULL;                           // year * 12 + month - 1 of the window's first month
    std::unordered_map<std::uint64_t, Counters> outside;  // (unit index << 32) | (year * 12 + month - 1)

    std::uint32_t IndexOf(std::string_view code) {
        std::uint64_t h = 1469598103934665603ULL;
        for (const char ch : code) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
        std::size_t mask = table.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& slot = table[i];
            if (!slot.used) {
                slot = Slot{code, static_cast<std::uint32_t>(units.size()), true};
                units.push_back(code);
                window.resize(units.size() * kWindow);
                if (units.size() * 2 > table.size()) Rehash();
                return static_cast<std::uint32_t>(units.size() - 1);
            }
            if (slot.code == code) return slot.index;
        }
    }
    void Rehash() {
        std::vector<Slot> bigger(table.size() * 2);
        const std::size_t mask = bigger.size() - 1;
        for (const Slot& slot : table) {
            if (!slot.used) continue;
            std::uint64_t h = 1469598103934665603ULL;
            for (const char ch : slot.code) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
            std::size_t i = h & mask;
            while (bigger[i].used) i = (i + 1) & mask;
            bigger[i] = slot;
        }
        table.swap(bigger);
    }
    Counters& Cell(std::uint32_t unit, std::uint64_t month) {
        if (base == ~0ULL) base = month >= kWindow / 2 ? month - kWindow / 2 : 0;
        if (month >= base && month - base < kWindow) return window[unit * kWindow + (month - base)];
        return outside[(static_cast<std::uint64_t>(unit) << 32) | month];
    }
    // Calls f(unit code, month, counters) for every non-empty cell.
    template <typename F>
    void ForEach(F&& f) const {
        for (std::size_t u = 0; u < units.size(); ++u) {
            for (std::uint64_t m = 0; m < kWindow; ++m) {
                const Counters& c = window[u * kWindow + m];
                if (c.total != 0) f(units[u], base + m, c);
            }
        }
        for (const auto& [key, c] : outside) f(units[key >> 32], key & 0xFFFFFFFFULL, c);
    }
};

void Scan(const char* begin, const char* end, Partial& out) {
    std::string_view last_unit;
    std::uint32_t last_index = 0;
    const char* p = begin;
    while (p < end) {
        std::string_view f[13];
        int n = 0;
        const char* start = p;
        const char* q = p;
        for (; q < end && n < 12; ++q) {
            if (*q == ',') {
                f[n++] = std::string_view(start, static_cast<std::size_t>(q - start));
                start = q + 1;
            } else if (*q == '\n') {
                break;
            }
        }
        if (n != 12) Fail("a line without 13 columns: " + std::string(p, std::min<std::size_t>(q - p, 200)));
        const char* eol = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
        if (eol == nullptr) eol = end;
        f[12] = std::string_view(start, static_cast<std::size_t>(eol - start));
        if (!f[12].empty() && f[12].back() == '\r') f[12].remove_suffix(1);
        if (f[12].find(',') != std::string_view::npos) Fail("a line with more than 13 columns");
        p = eol + 1;

        const std::string_view unit = f[1];
        if (unit != last_unit) {
            last_index = out.IndexOf(unit);
            last_unit = unit;
        }
        const std::string_view received = f[6];
        if (received.size() != 19) Fail("bad received_at '" + std::string(received) + "'");
        const std::uint64_t month = Digits(received.data(), 4) * 12 + Digits(received.data() + 5, 2) - 1;
        Counters& c = out.Cell(last_index, month);
        ++c.total;
        if (!f[8].empty()) {
            ++c.finished;
            const std::int64_t finished = Seconds(f[8]);
            const std::int64_t due = Seconds(f[7]);
            if (finished <= due) {
                ++c.on_time;
                if (finished < due - 86400) ++c.early;
            } else {
                ++c.late;
                if (f[11] == "0") ++c.late_without_apology;
            }
        }
        const std::string_view supplements = f[10];
        if (supplements.size() > 1 || (supplements.size() == 1 && supplements[0] >= '2')) ++c.supplement_2plus;
        if (f[5] == "online_full") ++c.online_full;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) Fail("usage: scan_dossiers FILE [--threads N]");
    unsigned threads = 2;
    for (int i = 2; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--threads" && i + 1 < argc) {
            threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
        } else {
            Fail(std::string("unknown argument ") + argv[i]);
        }
    }
    const int fd = open(argv[1], O_RDONLY);
    if (fd < 0) Fail(std::string("cannot open ") + argv[1]);
    struct stat st {};
    if (fstat(fd, &st) != 0) Fail("cannot stat the file");
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size == 0) Fail("empty file");
    void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) Fail("mmap failed");
    madvise(map, size, MADV_SEQUENTIAL);
    const char* data = static_cast<const char*>(map);
    const char* end = data + size;

    const char* header_end = static_cast<const char*>(std::memchr(data, '\n', size));
    if (header_end == nullptr) header_end = end;
    std::string_view header(data, static_cast<std::size_t>(header_end - data));
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    if (header != kHeader) Fail("unexpected header: " + std::string(header));
    const char* body = header_end < end ? header_end + 1 : end;

    // Slices that start at line beginnings.
    std::vector<const char*> cuts{body};
    for (unsigned t = 1; t < threads; ++t) {
        const char* guess = body + static_cast<std::size_t>(end - body) * t / threads;
        guess = std::max(guess, cuts.back());
        const char* nl = static_cast<const char*>(std::memchr(guess, '\n', static_cast<std::size_t>(end - guess)));
        cuts.push_back(nl == nullptr ? end : nl + 1);
    }
    cuts.push_back(end);

    std::vector<Partial> partials(threads);
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t) workers.emplace_back(Scan, cuts[t], cuts[t + 1], std::ref(partials[t]));
    Scan(cuts[0], cuts[1], partials[0]);
    for (auto& w : workers) w.join();

    // Merge into (unit, month) order.
    std::unordered_map<std::string_view, std::unordered_map<std::uint64_t, Counters>> merged;
    for (const Partial& part : partials) {
        part.ForEach([&](std::string_view unit, std::uint64_t month, const Counters& counters) {
            merged[unit][month].Add(counters);
        });
    }
    std::vector<std::string_view> units;
    units.reserve(merged.size());
    for (const auto& entry : merged) units.push_back(entry.first);
    std::sort(units.begin(), units.end());

    std::string out =
        "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,online_full\n";
    char line[256];
    for (const std::string_view unit : units) {
        const auto& months = merged[unit];
        std::vector<std::uint64_t> keys;
        for (const auto& entry : months) keys.push_back(entry.first);
        std::sort(keys.begin(), keys.end());
        for (const std::uint64_t m : keys) {
            const Counters& c = months.at(m);
            const int len = std::snprintf(
                line, sizeof line, "%.*s,%04u-%02u,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%llu\n",
                static_cast<int>(unit.size()), unit.data(), static_cast<unsigned>(m / 12),
                static_cast<unsigned>(m % 12 + 1), static_cast<unsigned long long>(c.total),
                static_cast<unsigned long long>(c.finished), static_cast<unsigned long long>(c.on_time),
                static_cast<unsigned long long>(c.early), static_cast<unsigned long long>(c.late),
                static_cast<unsigned long long>(c.late_without_apology),
                static_cast<unsigned long long>(c.supplement_2plus), static_cast<unsigned long long>(c.online_full));
            out.append(line, static_cast<std::size_t>(len));
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    // Memory beyond the mapped file (whose pages count in the resident set): the anonymous resident memory.
    if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
        char row[256];
        while (std::fgets(row, sizeof row, status) != nullptr) {
            if (std::strncmp(row, "RssAnon:", 8) == 0) std::fprintf(stderr, "scan_dossiers: %s", row);
        }
        std::fclose(status);
    }
    munmap(map, size);
    close(fd);
    return std::fflush(stdout) == 0 ? 0 : 1;
}
