// Deterministic generator of the dossier benchmark workload (../shared/bench/dossiers.md, issue 5 §8).
//
//   generate_dossiers --rows N --seed S --year Y --out FILE      (FILE "-" writes to stdout)
//
// Writes N dossiers as CSV with the header
//   dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,
//   returned_at,supplement_requests,apology_letters,status
// 2,000 units (U0001..U2000), 6 departments per unit (D1..D6, codes scoped by the unit), 1,500 procedures
// (P0001..P1500), 40 fields (F01..F40, a procedure belongs to one field), channels direct / online_partial /
// online_full / postal (40 / 30 / 25 / 5 %), timestamps `YYYY-MM-DD HH:MM:SS` with received_at within the year (due
// and finished dates of December dossiers reach into January), 3 % unfinished (empty finished_at; a fifth of them
// returned to the applicant, with returned_at and status "returned", the others "in_progress"), 7 % of the finished
// late (finished > due), 1 % of the on-time ones exactly at due or exactly at due − 1 day (the boundaries of the
// timeliness rules), 5 % with supplement_requests 2-3, apology_letters 0-2. No field needs quoting.
//
// The same arguments give the same bytes on every machine: the generator uses its own integer PRNG (splitmix64) and
// no floating point or standard distributions.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Rng {
    std::uint64_t state;
    std::uint64_t Next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n).
    std::uint64_t Below(std::uint64_t n) {
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
    }
};

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yy + (m <= 2));
}

class Writer {
  public:
    explicit Writer(std::FILE* out) : out_(out) { buffer_.resize(kSize); }
    ~Writer() { Flush(); }
    void Flush() {
        if (used_ > 0 && std::fwrite(buffer_.data(), 1, used_, out_) != used_) {
            std::perror("generate_dossiers: write");
            std::exit(1);
        }
        used_ = 0;
    }
    // Room for one row; rows are far shorter than this.
    char* Reserve() {
        if (used_ + 512 > kSize) Flush();
        return buffer_.data() + used_;
    }
    void Commit(char* end) { used_ = static_cast<std::size_t>(end - buffer_.data()); }

  private:
    static constexpr std::size_t kSize = 1 << 22;
    std::FILE* out_;
    std::vector<char> buffer_;
    std::size_t used_ = 0;
};

char* Put(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
}

// Zero-padded decimal of exactly `width` digits.
char* PutPadded(char* p, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

char* PutUnsigned(char* p, std::uint64_t v) {
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) *p++ = tmp[--n];
    return p;
}

// `YYYY-MM-DD HH:MM:SS` of seconds since 1970-01-01 00:00:00 (local time, no zone: Vietnam has no DST).
char* PutTimestamp(char* p, std::int64_t seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t sec = seconds - days * 86400;
    int y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    p = PutPadded(p, static_cast<std::uint64_t>(y), 4);
    *p++ = '-';
    p = PutPadded(p, m, 2);
    *p++ = '-';
    p = PutPadded(p, d, 2);
    *p++ = ' ';
    p = PutPadded(p, static_cast<std::uint64_t>(sec / 3600), 2);
    *p++ = ':';
    p = PutPadded(p, static_cast<std::uint64_t>(sec / 60 % 60), 2);
    *p++ = ':';
    p = PutPadded(p, static_cast<std::uint64_t>(sec % 60), 2);
    return p;
}

[[noreturn]] void Usage(const char* message) {
    std::fprintf(stderr,
                 "generate_dossiers: %s\nusage: generate_dossiers [--rows N] [--seed S] [--year Y] [--out FILE]\n"
                 "  defaults: --rows 1000000 --seed 1 --year 2025 --out - (stdout)\n",
                 message);
    std::exit(2);
}

std::uint64_t ParseNumber(const char* text, const char* option) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0') Usage((std::string("bad number for ") + option).c_str());
    return v;
}

constexpr int kUnits = 2000;
constexpr int kDepartments = 6;
constexpr int kProcedures = 1500;
constexpr int kFields = 40;

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t rows = 1000000;
    std::uint64_t seed = 1;
    std::uint64_t year = 2025;
    std::string out_path = "-";
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") Usage("the dossier benchmark's seeded CSV generator");
        if (i + 1 >= argc) Usage("missing value");
        if (arg == "--rows") {
            rows = ParseNumber(argv[++i], "--rows");
        } else if (arg == "--seed") {
            seed = ParseNumber(argv[++i], "--seed");
        } else if (arg == "--year") {
            year = ParseNumber(argv[++i], "--year");
            if (year < 1971 || year > 9998) Usage("--year must be between 1971 and 9998");
        } else if (arg == "--out") {
            out_path = argv[++i];
        } else {
            Usage((std::string("unknown option ") + argv[i]).c_str());
        }
    }
    if (rows > 99999999) Usage("at most 99,999,999 rows");

    std::FILE* out = out_path == "-" ? stdout : std::fopen(out_path.c_str(), "wb");
    if (out == nullptr) {
        std::perror(("generate_dossiers: " + out_path).c_str());
        return 1;
    }

    // Each procedure has a fixed field and a fixed legal processing time of 1-20 days.
    std::vector<int> procedure_days(kProcedures);
    Rng setup{seed ^ 0x5A5A5A5A5A5A5A5AULL};
    for (int p = 0; p < kProcedures; ++p) procedure_days[p] = 1 + static_cast<int>(setup.Below(20));

    const std::int64_t first_day = DaysFromCivil(static_cast<std::int64_t>(year), 1, 1);
    const std::int64_t days_in_year = DaysFromCivil(static_cast<std::int64_t>(year) + 1, 1, 1) - first_day;

    Rng rng{seed};
    {
        Writer writer(out);
        char* p = writer.Reserve();
        p = Put(p,
                "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,"
                "finished_at,returned_at,supplement_requests,apology_letters,status\n");
        writer.Commit(p);
        for (std::uint64_t row = 1; row <= rows; ++row) {
            const int unit = 1 + static_cast<int>(rng.Below(kUnits));
            const int department = 1 + static_cast<int>(rng.Below(kDepartments));
            const int procedure = static_cast<int>(rng.Below(kProcedures));
            const int field = 1 + procedure % kFields;
            const std::uint64_t channel_draw = rng.Below(100);
            const std::string_view channel = channel_draw < 40   ? "direct"
                                             : channel_draw < 70 ? "online_partial"
                                             : channel_draw < 95 ? "online_full"
                                                                 : "postal";
            const std::int64_t day = first_day + static_cast<std::int64_t>(rng.Below(days_in_year));
            // Received during office hours, 07:30:00-17:29:59.
            const std::int64_t received = day * 86400 + 27000 + static_cast<std::int64_t>(rng.Below(36000));
            const std::int64_t due = (day + procedure_days[procedure]) * 86400 + std::int64_t{17} * 3600;

            // Finished or not, and when.
            const std::uint64_t state_draw = rng.Below(10000);
            bool finished = true;
            bool returned = false;
            bool late = false;
            std::int64_t finished_at = 0;
            std::int64_t returned_at = 0;
            if (state_draw < 300) {  // 3 % unfinished, a fifth of them returned to the applicant
                finished = false;
                if (state_draw < 60) {
                    returned = true;
                    returned_at =
                        received + 3600 +
                        static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(due - received - 3600)));
                }
            } else {
                const std::uint64_t timing = rng.Below(1000);
                if (timing < 70) {  // 7 % late: up to 10 days after due
                    late = true;
                    finished_at = due + 1 + static_cast<std::int64_t>(rng.Below(std::uint64_t{10} * 86400));
                } else if (timing < 75) {  // exactly at due: on time
                    finished_at = due;
                } else if (timing < 80 && due - 86400 >= received + 60) {  // exactly a day before due: not early
                    finished_at = due - 86400;
                } else {  // anywhere from ten minutes after reception to due
                    finished_at =
                        received + 600 +
                        static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(due - received - 600 + 1)));
                }
            }

            const std::uint64_t supplement_draw = rng.Below(100);
            const int supplements = supplement_draw < 5    ? 2 + static_cast<int>(rng.Below(2))
                                    : supplement_draw < 15 ? 1
                                                           : 0;
            const std::uint64_t apology_draw = rng.Below(1000);
            int apologies = 0;
            if (late) {
                apologies = apology_draw < 300 ? 0 : apology_draw < 900 ? 1 : 2;
            } else {
                apologies = apology_draw < 970 ? 0 : apology_draw < 995 ? 1 : 2;
            }

            p = writer.Reserve();
            p = Put(p, "HS");
            p = PutPadded(p, row, 8);
            p = Put(p, ",U");
            p = PutPadded(p, static_cast<std::uint64_t>(unit), 4);
            p = Put(p, ",D");
            p = PutUnsigned(p, static_cast<std::uint64_t>(department));
            p = Put(p, ",P");
            p = PutPadded(p, static_cast<std::uint64_t>(procedure) + 1, 4);
            p = Put(p, ",F");
            p = PutPadded(p, static_cast<std::uint64_t>(field), 2);
            *p++ = ',';
            p = Put(p, channel);
            *p++ = ',';
            p = PutTimestamp(p, received);
            *p++ = ',';
            p = PutTimestamp(p, due);
            *p++ = ',';
            if (finished) p = PutTimestamp(p, finished_at);
            *p++ = ',';
            if (returned) p = PutTimestamp(p, returned_at);
            *p++ = ',';
            p = PutUnsigned(p, static_cast<std::uint64_t>(supplements));
            *p++ = ',';
            p = PutUnsigned(p, static_cast<std::uint64_t>(apologies));
            *p++ = ',';
            p = Put(p, finished ? std::string_view("finished") : returned ? "returned" : "in_progress");
            *p++ = '\n';
            writer.Commit(p);
        }
    }
    if (out != stdout ? std::fclose(out) != 0 : std::fflush(out) != 0) {
        std::perror("generate_dossiers: close");
        return 1;
    }
    return 0;
}
