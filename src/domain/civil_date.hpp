#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace parindex {

/// A calendar day (no time, no zone): deadlines, document dates, report periods. Vietnamese documents write it
/// dd/mm/yyyy; JSON carries it as ISO `YYYY-MM-DD`.
struct CivilDate {
    int year = 1970;
    int month = 1;  ///< 1..12
    int day = 1;    ///< 1..31

    /// Days since 1970-01-01 (negative before).
    std::int64_t DaysSinceEpoch() const;
    /// The date `days` after 1970-01-01.
    static CivilDate FromDays(std::int64_t days);
    /// This date plus `days` (may be negative).
    CivilDate AddDays(std::int64_t days) const;
    /// The last day of this date's month.
    CivilDate EndOfMonth() const;
    /// The last day of this date's quarter (31/3, 30/6, 30/9, 31/12).
    CivilDate EndOfQuarter() const;
    /// 1..4
    int Quarter() const { return (month - 1) / 3 + 1; }

    /// `dd/mm/yyyy`, e.g. `05/03/2024`.
    std::string Vietnamese() const;
    /// `YYYY-MM-DD`.
    std::string Iso() const;

    friend bool operator==(const CivilDate& a, const CivilDate& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    friend bool operator!=(const CivilDate& a, const CivilDate& b) { return !(a == b); }
    friend bool operator<(const CivilDate& a, const CivilDate& b) { return a.DaysSinceEpoch() < b.DaysSinceEpoch(); }
    friend bool operator<=(const CivilDate& a, const CivilDate& b) { return !(b < a); }
    friend bool operator>(const CivilDate& a, const CivilDate& b) { return b < a; }
    friend bool operator>=(const CivilDate& a, const CivilDate& b) { return !(a < b); }
};

/// Reads `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`) or ISO `YYYY-MM-DD`; nothing when malformed
/// or not a real day (31/02/2024).
std::optional<CivilDate> ParseCivilDate(std::string_view text);

/// The calendar day in Việt Nam (UTC+7, no daylight saving) at `time`: what "today" means for deadlines.
CivilDate VietnamDate(std::chrono::system_clock::time_point time);

/// The number of days from `from` to `to` (negative when `to` is earlier).
inline std::int64_t DaysBetween(const CivilDate& from, const CivilDate& to) {
    return to.DaysSinceEpoch() - from.DaysSinceEpoch();
}

}  // namespace parindex
