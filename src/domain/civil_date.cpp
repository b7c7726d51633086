#include "domain/civil_date.hpp"

#include <cstdio>

namespace parindex {
namespace {

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

/// Reads 1 to `max_digits` digits at `pos`; -1 when there are none.
int ReadNumber(std::string_view text, std::size_t& pos, std::size_t max_digits) {
    int value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && digits < max_digits && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++digits;
    }
    return digits == 0 ? -1 : value;
}

std::optional<CivilDate> Make(int year, int month, int day) {
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
        return std::nullopt;
    }
    return CivilDate{year, month, day};
}

}  // namespace

// Howard Hinnant's days_from_civil and civil_from_days (public domain algorithms).
std::int64_t CivilDate::DaysSinceEpoch() const {
    const int y = month <= 2 ? year - 1 : year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month > 2 ? month - 3 : month + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate CivilDate::FromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{static_cast<int>(m <= 2 ? y + 1 : y), static_cast<int>(m), static_cast<int>(d)};
}

CivilDate CivilDate::AddDays(std::int64_t days) const { return FromDays(DaysSinceEpoch() + days); }

CivilDate CivilDate::EndOfMonth() const { return CivilDate{year, month, DaysInMonth(year, month)}; }

CivilDate CivilDate::EndOfQuarter() const {
    const int last_month = Quarter() * 3;
    return CivilDate{year, last_month, DaysInMonth(year, last_month)};
}

std::string CivilDate::Vietnamese() const {
    char text[16];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", day, month, year);
    return text;
}

std::string CivilDate::Iso() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

std::optional<CivilDate> ParseCivilDate(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::size_t pos = 0;
    const int first = ReadNumber(text, pos, 4);
    if (first < 0 || pos >= text.size()) return std::nullopt;
    const char separator = text[pos];
    if (pos == 4) {
        // ISO: YYYY-MM-DD
        if (separator != '-') return std::nullopt;
        ++pos;
        const int month = ReadNumber(text, pos, 2);
        if (month < 0 || pos >= text.size() || text[pos] != '-') return std::nullopt;
        ++pos;
        const int day = ReadNumber(text, pos, 2);
        if (day < 0 || pos != text.size()) return std::nullopt;
        return Make(first, month, day);
    }
    if (pos > 2 || (separator != '/' && separator != '-' && separator != '.')) return std::nullopt;
    ++pos;
    const int month = ReadNumber(text, pos, 2);
    if (month < 0 || pos >= text.size() || text[pos] != separator) return std::nullopt;
    ++pos;
    const std::size_t year_start = pos;
    const int year = ReadNumber(text, pos, 4);
    if (year < 0 || pos != text.size() || pos - year_start != 4) return std::nullopt;
    return Make(year, month, first);
}

CivilDate VietnamDate(std::chrono::system_clock::time_point time) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
    const std::int64_t local = seconds + std::int64_t{7} * 3600;
    std::int64_t days = local / 86400;
    if (local % 86400 < 0) --days;
    return CivilDate::FromDays(days);
}

}  // namespace parindex
