#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parindex {

/// A fixed-point number held as a whole count of thousandths; every score, maximum, change and index is one.
///
/// Published figures have at most three decimals (91.989), so thousandths are exact, and sums, comparisons
/// and ranks never touch binary floating point (see CONVENTIONS.md, "Numbers").
class Decimal {
  public:
    static constexpr std::int64_t kScale = 1000;

    constexpr Decimal() = default;

    /// Builds a decimal from a count of thousandths (90020 is 90.02).
    static constexpr Decimal FromThousandths(std::int64_t thousandths) { return Decimal(thousandths); }
    /// Builds a decimal from a whole number.
    static constexpr Decimal FromInt(std::int64_t value) { return Decimal(value * kScale); }

    /// Parses "90.02", "90,02", "-0.5", "+3,91", "6": one decimal separator (comma or point), at most three
    /// decimals, no thousands separators, no exponent. Surrounding spaces are ignored. On failure returns
    /// nothing and, when `reason_vi`/`reason_en` are given, says why in Vietnamese and English.
    static std::optional<Decimal> Parse(std::string_view text, std::string* reason_vi = nullptr,
                                        std::string* reason_en = nullptr);

    /// Rounds a binary double (an Excel cell such as 14.399999999999999) half away from zero to thousandths.
    /// Returns nothing for NaN, infinities and magnitudes beyond 10^12.
    static std::optional<Decimal> FromDouble(double value);

    /// The stored count of thousandths.
    constexpr std::int64_t Thousandths() const { return thousandths_; }

    /// Rounds half away from zero (as Excel's ROUND) to `decimals` places (0 to 3).
    Decimal RoundTo(int decimals) const;

    /// The shortest exact text: "90.02", "6", "-0.5", "91.989".
    std::string ToString() const;
    /// The value rounded half away from zero to exactly `decimals` places: ToFixed(2) of 86.157 is "86.16".
    std::string ToFixed(int decimals) const;
    /// As ToFixed, with a decimal comma for Vietnamese display: "90,02".
    std::string ToVietnamese(int decimals) const;

    /// points / max × 100, rounded half away from zero to `decimals` places: the index of CONVENTIONS.md.
    /// Returns nothing when max is zero or negative.
    static std::optional<Decimal> Percent(Decimal points, Decimal max, int decimals);

    constexpr Decimal operator-() const { return Decimal(-thousandths_); }
    constexpr Decimal operator+(Decimal other) const { return Decimal(thousandths_ + other.thousandths_); }
    constexpr Decimal operator-(Decimal other) const { return Decimal(thousandths_ - other.thousandths_); }
    constexpr Decimal& operator+=(Decimal other) {
        thousandths_ += other.thousandths_;
        return *this;
    }
    constexpr Decimal& operator-=(Decimal other) {
        thousandths_ -= other.thousandths_;
        return *this;
    }
    constexpr auto operator<=>(const Decimal&) const = default;
    constexpr bool operator==(const Decimal&) const = default;

    /// True for zero.
    constexpr bool IsZero() const { return thousandths_ == 0; }

  private:
    constexpr explicit Decimal(std::int64_t thousandths) : thousandths_(thousandths) {}
    std::int64_t thousandths_ = 0;
};

/// Divides rounding half away from zero; the one rounding rule of the project.
std::int64_t DivideRoundHalfAway(std::int64_t numerator, std::int64_t denominator);

}  // namespace parindex
