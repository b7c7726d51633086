// Local times of dossiers (Việt Nam wall clock), their fast parser, and calendar periods.

#include <cstdio>

#include "domain/dossier.hpp"

namespace parindex {
namespace {

constexpr std::int64_t kDay = LocalTime::kSecondsPerDay;

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// A cursor over the text; every read checks bounds, nothing allocates.
struct Cursor {
    const char* p;
    const char* end;

    bool AtEnd() const { return p == end; }
    bool Eat(char c) {
        if (p != end && *p == c) {
            ++p;
            return true;
        }
        return false;
    }
    /// Exactly `count` digits; -1 otherwise.
    int Fixed(int count) {
        if (end - p < count) return -1;
        int value = 0;
        for (int i = 0; i < count; ++i) {
            if (!IsDigit(p[i])) return -1;
            value = value * 10 + (p[i] - '0');
        }
        p += count;
        return value;
    }
    /// One or two digits; -1 otherwise.
    int OneOrTwo() {
        if (p == end || !IsDigit(*p)) return -1;
        int value = *p++ - '0';
        if (p != end && IsDigit(*p)) value = value * 10 + (*p++ - '0');
        return value;
    }
};

std::optional<LocalTime> Compose(int year, int month, int day, int hour, int minute, int second) {
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) ||
        hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    const std::int64_t days = CivilDate{year, month, day}.DaysSinceEpoch();
    return LocalTime{days * kDay + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second};
}

/// `HH:MM[:SS]` with `hour_digits` 2 (ISO) or 1..2 (Vietnamese); fills the fields, false when malformed.
bool ReadClock(Cursor& c, bool iso, int& hour, int& minute, int& second) {
    hour = iso ? c.Fixed(2) : c.OneOrTwo();
    if (hour < 0 || !c.Eat(':')) return false;
    minute = c.Fixed(2);
    if (minute < 0) return false;
    second = 0;
    if (c.Eat(':')) {
        second = c.Fixed(2);
        if (second < 0) return false;
    }
    return true;
}

std::optional<LocalTime> ParseIso(Cursor c) {
    const int year = c.Fixed(4);
    if (year < 0 || !c.Eat('-')) return std::nullopt;
    const int month = c.Fixed(2);
    if (month < 0 || !c.Eat('-')) return std::nullopt;
    const int day = c.Fixed(2);
    if (day < 0) return std::nullopt;
    if (c.AtEnd()) return Compose(year, month, day, 0, 0, 0);
    if (!c.Eat('T') && !c.Eat(' ')) return std::nullopt;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!ReadClock(c, true, hour, minute, second)) return std::nullopt;
    if (c.Eat('.') || c.Eat(',')) {
        if (c.AtEnd() || !IsDigit(*c.p)) return std::nullopt;
        while (!c.AtEnd() && IsDigit(*c.p)) ++c.p;
    }
    std::int64_t offset = LocalTime::kVietnamOffset;  // No zone: already local.
    if (c.Eat('Z') || c.Eat('z')) {
        offset = 0;
    } else if (!c.AtEnd() && (*c.p == '+' || *c.p == '-')) {
        const bool negative = *c.p == '-';
        ++c.p;
        const int zone_hours = c.Fixed(2);
        if (zone_hours < 0 || zone_hours > 14) return std::nullopt;
        int zone_minutes = 0;
        if (!c.AtEnd()) {
            c.Eat(':');
            zone_minutes = c.Fixed(2);
            if (zone_minutes < 0 || zone_minutes > 59) return std::nullopt;
        }
        offset = (std::int64_t{zone_hours} * 3600 + std::int64_t{zone_minutes} * 60) * (negative ? -1 : 1);
    }
    if (!c.AtEnd()) return std::nullopt;
    auto local = Compose(year, month, day, hour, minute, second);
    if (!local) return std::nullopt;
    return LocalTime{local->seconds - offset + LocalTime::kVietnamOffset};
}

std::optional<LocalTime> ParseVietnamese(Cursor c) {
    const int day = c.OneOrTwo();
    if (day < 0 || !c.Eat('/')) return std::nullopt;
    const int month = c.OneOrTwo();
    if (month < 0 || !c.Eat('/')) return std::nullopt;
    const int year = c.Fixed(4);
    if (year < 0) return std::nullopt;
    if (c.AtEnd()) return Compose(year, month, day, 0, 0, 0);
    if (!c.Eat(' ')) return std::nullopt;
    while (c.Eat(' ')) {
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!ReadClock(c, false, hour, minute, second) || !c.AtEnd()) return std::nullopt;
    return Compose(year, month, day, hour, minute, second);
}

int WeekdayOfDays(std::int64_t days) {  // Monday 1 … Sunday 7; 1970-01-01 was a Thursday.
    return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
}

std::int64_t Week1Monday(int iso_year) {
    const std::int64_t jan4 = CivilDate{iso_year, 1, 4}.DaysSinceEpoch();
    return jan4 - (WeekdayOfDays(jan4) - 1);
}

int WeeksInIsoYear(int iso_year) { return IsoWeekOf(CivilDate{iso_year, 12, 28}).week; }

}  // namespace

LocalTime LocalTime::FromParts(const CivilDate& date, int hour, int minute, int second) {
    return LocalTime{date.DaysSinceEpoch() * kDay + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second};
}

std::int64_t LocalTime::Day() const { return FloorDiv(seconds, kDay); }

CivilDate LocalTime::Date() const { return CivilDate::FromDays(Day()); }

int LocalTime::SecondOfDay() const { return static_cast<int>(seconds - Day() * kDay); }

std::string LocalTime::Iso() const {
    const CivilDate date = Date();
    const int s = SecondOfDay();
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", date.year, date.month, date.day, s / 3600,
                  s / 60 % 60, s % 60);
    return text;
}

std::string LocalTime::Vietnamese() const {
    const CivilDate date = Date();
    const int s = SecondOfDay();
    char text[32];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d %02d:%02d:%02d", date.day, date.month, date.year, s / 3600,
                  s / 60 % 60, s % 60);
    return text;
}

std::optional<LocalTime> ParseLocalTime(std::string_view text) {
    // The benchmark's `YYYY-MM-DD HH:MM:SS` first, with no branches beyond the digit checks.
    if (text.size() == 19 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' &&
        text[16] == ':') {
        const char* p = text.data();
        int v[14];
        static constexpr int kPositions[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
        for (int i = 0; i < 14; ++i) {
            const char ch = p[kPositions[i]];
            if (!IsDigit(ch)) return std::nullopt;
            v[i] = ch - '0';
        }
        return Compose(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5], v[6] * 10 + v[7],
                       v[8] * 10 + v[9], v[10] * 10 + v[11], v[12] * 10 + v[13]);
    }
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    if (text.size() < 8) return std::nullopt;
    const Cursor cursor{text.data(), text.data() + text.size()};
    if (text.size() >= 5 && text[4] == '-') return ParseIso(cursor);
    return ParseVietnamese(cursor);
}

Text LocalTimeFormatsHint() {
    return Text{
        "cần thời điểm dạng YYYY-MM-DD HH:MM:SS, YYYY-MM-DDTHH:MM[:SS][Z|+07:00], dd/mm/yyyy hh:mm[:ss] "
        "hoặc dd/mm/yyyy",
        "expected a time as YYYY-MM-DD HH:MM:SS, YYYY-MM-DDTHH:MM[:SS][Z|+07:00], dd/mm/yyyy hh:mm[:ss] "
        "or dd/mm/yyyy"};
}

const char* PeriodKindName(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::kDay:
            return "day";
        case PeriodKind::kWeek:
            return "week";
        case PeriodKind::kMonth:
            return "month";
        case PeriodKind::kQuarter:
            return "quarter";
        case PeriodKind::kYear:
            return "year";
    }
    return "month";
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view name) {
    for (PeriodKind kind :
         {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
        if (name == PeriodKindName(kind)) return kind;
    }
    return std::nullopt;
}

IsoWeek IsoWeekOf(const CivilDate& date) {
    const std::int64_t days = date.DaysSinceEpoch();
    const std::int64_t thursday = days - WeekdayOfDays(days) + 4;
    const int year = CivilDate::FromDays(thursday).year;
    const std::int64_t jan1 = CivilDate{year, 1, 1}.DaysSinceEpoch();
    return IsoWeek{year, static_cast<int>((thursday - jan1) / 7 + 1)};
}

Period PeriodOf(LocalTime time, PeriodKind kind) {
    const CivilDate date = time.Date();
    switch (kind) {
        case PeriodKind::kDay:
            return Period{
                kind, date.year,
                static_cast<std::int32_t>(date.DaysSinceEpoch() - CivilDate{date.year, 1, 1}.DaysSinceEpoch() + 1)};
        case PeriodKind::kWeek: {
            const IsoWeek week = IsoWeekOf(date);
            return Period{kind, week.year, week.week};
        }
        case PeriodKind::kMonth:
            return Period{kind, date.year, date.month};
        case PeriodKind::kQuarter:
            return Period{kind, date.year, date.Quarter()};
        case PeriodKind::kYear:
            return Period{kind, date.year, 0};
    }
    return Period{};
}

LocalTime Period::Start() const {
    std::int64_t days = 0;
    switch (kind) {
        case PeriodKind::kDay:
            days = CivilDate{year, 1, 1}.DaysSinceEpoch() + number - 1;
            break;
        case PeriodKind::kWeek:
            days = Week1Monday(year) + static_cast<std::int64_t>(number - 1) * 7;
            break;
        case PeriodKind::kMonth:
            days = CivilDate{year, number, 1}.DaysSinceEpoch();
            break;
        case PeriodKind::kQuarter:
            days = CivilDate{year, (number - 1) * 3 + 1, 1}.DaysSinceEpoch();
            break;
        case PeriodKind::kYear:
            days = CivilDate{year, 1, 1}.DaysSinceEpoch();
            break;
    }
    return LocalTime{days * kDay};
}

Period Period::Next() const {
    switch (kind) {
        case PeriodKind::kDay:
            return number < (IsLeap(year) ? 366 : 365) ? Period{kind, year, number + 1} : Period{kind, year + 1, 1};
        case PeriodKind::kWeek:
            return number < WeeksInIsoYear(year) ? Period{kind, year, number + 1} : Period{kind, year + 1, 1};
        case PeriodKind::kMonth:
            return number < 12 ? Period{kind, year, number + 1} : Period{kind, year + 1, 1};
        case PeriodKind::kQuarter:
            return number < 4 ? Period{kind, year, number + 1} : Period{kind, year + 1, 1};
        case PeriodKind::kYear:
            return Period{kind, year + 1, 0};
    }
    return *this;
}

LocalTime Period::End() const { return Next().Start(); }

std::string Period::Key() const {
    char text[24];
    switch (kind) {
        case PeriodKind::kDay: {
            const CivilDate date = CivilDate::FromDays(CivilDate{year, 1, 1}.DaysSinceEpoch() + number - 1);
            return date.Iso();
        }
        case PeriodKind::kWeek:
            std::snprintf(text, sizeof text, "%04d-W%02d", year, number);
            break;
        case PeriodKind::kMonth:
            std::snprintf(text, sizeof text, "%04d-%02d", year, number);
            break;
        case PeriodKind::kQuarter:
            std::snprintf(text, sizeof text, "%04d-Q%d", year, number);
            break;
        case PeriodKind::kYear:
            std::snprintf(text, sizeof text, "%04d", year);
            break;
    }
    return text;
}

std::optional<Period> ParsePeriodKey(std::string_view key) {
    Cursor c{key.data(), key.data() + key.size()};
    const int year = c.Fixed(4);
    if (year < 1900 || year > 2200) return std::nullopt;
    if (c.AtEnd()) return Period{PeriodKind::kYear, year, 0};
    if (!c.Eat('-')) return std::nullopt;
    if (c.Eat('Q')) {
        const int quarter = c.Fixed(1);
        if (quarter < 1 || quarter > 4 || !c.AtEnd()) return std::nullopt;
        return Period{PeriodKind::kQuarter, year, quarter};
    }
    if (c.Eat('W')) {
        const int week = c.Fixed(2);
        if (week < 1 || week > WeeksInIsoYear(year) || !c.AtEnd()) return std::nullopt;
        return Period{PeriodKind::kWeek, year, week};
    }
    const int month = c.Fixed(2);
    if (month < 1 || month > 12) return std::nullopt;
    if (c.AtEnd()) return Period{PeriodKind::kMonth, year, month};
    if (!c.Eat('-')) return std::nullopt;
    const int day = c.Fixed(2);
    if (day < 1 || day > DaysInMonth(year, month) || !c.AtEnd()) return std::nullopt;
    return PeriodOf(LocalTime::FromParts(CivilDate{year, month, day}), PeriodKind::kDay);
}

std::string MonthKey(LocalTime time) { return PeriodOf(time, PeriodKind::kMonth).Key(); }

std::int32_t MonthIndex(LocalTime time) {
    const CivilDate date = time.Date();
    return date.year * 12 + date.month - 1;
}

LocalTime LocalTimeAt(std::chrono::system_clock::time_point instant) {
    return LocalTime::FromUnixSeconds(
        std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count());
}

LocalTime StatisticsAsOf(LocalTime now, int year) {
    const LocalTime end = LocalTime::FromParts(CivilDate{year + 1, 1, 1}) - 1;
    return now < end ? now : end;
}

}  // namespace parindex
