#include "domain/decimal.hpp"

#include <cmath>
#include <cstdlib>

namespace parindex {
namespace {

constexpr std::int64_t kPowers[] = {1, 10, 100, 1000};

void SetReason(std::string* vi, std::string* en, const char* reason_vi, const char* reason_en) {
    if (vi != nullptr) *vi = reason_vi;
    if (en != nullptr) *en = reason_en;
}

std::string FixedText(std::int64_t scaled, int decimals, char separator) {
    // `scaled` is the value times 10^decimals, already rounded.
    const bool negative = scaled < 0;
    const std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-scaled) : static_cast<std::uint64_t>(scaled);
    const std::uint64_t power = static_cast<std::uint64_t>(kPowers[decimals]);
    std::string text = negative ? "-" : "";
    text += std::to_string(magnitude / power);
    if (decimals > 0) {
        std::string fraction = std::to_string(magnitude % power);
        text += separator;
        text += std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0');
        text += fraction;
    }
    return text;
}

}  // namespace

std::int64_t DivideRoundHalfAway(std::int64_t numerator, std::int64_t denominator) {
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    const std::int64_t half = denominator / 2;
    const bool exact_half_possible = denominator % 2 == 0;
    std::int64_t quotient = numerator / denominator;
    std::int64_t remainder = numerator % denominator;
    if (remainder < 0) remainder = -remainder;
    const bool round_away = exact_half_possible ? remainder >= half : remainder > half;
    if (round_away) quotient += numerator < 0 ? -1 : 1;
    return quotient;
}

std::optional<Decimal> Decimal::Parse(std::string_view text, std::string* reason_vi, std::string* reason_en) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) {
        SetReason(reason_vi, reason_en, "ô trống, cần một số", "empty, a number is needed");
        return std::nullopt;
    }
    bool negative = false;
    if (text.front() == '+' || text.front() == '-') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    int whole_digits = 0;
    int fraction_digits = 0;
    bool seen_separator = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            if (seen_separator) {
                if (fraction_digits == 3) {
                    SetReason(reason_vi, reason_en, "nhiều hơn 3 chữ số thập phân", "more than 3 decimals");
                    return std::nullopt;
                }
                fraction = fraction * 10 + (c - '0');
                ++fraction_digits;
            } else {
                if (whole_digits == 12) {
                    SetReason(reason_vi, reason_en, "số quá lớn", "number too large");
                    return std::nullopt;
                }
                whole = whole * 10 + (c - '0');
                ++whole_digits;
            }
        } else if (c == '.' || c == ',') {
            if (seen_separator) {
                SetReason(reason_vi, reason_en,
                          "có hơn một dấu phân cách thập phân (không dùng dấu phân cách hàng nghìn)",
                          "more than one decimal separator (thousands separators are not accepted)");
                return std::nullopt;
            }
            seen_separator = true;
        } else {
            SetReason(reason_vi, reason_en, "không phải là số", "not a number");
            return std::nullopt;
        }
    }
    if (whole_digits == 0 && fraction_digits == 0) {
        SetReason(reason_vi, reason_en, "không phải là số", "not a number");
        return std::nullopt;
    }
    if (seen_separator && fraction_digits == 0) {
        SetReason(reason_vi, reason_en, "thiếu chữ số sau dấu thập phân", "no digits after the decimal separator");
        return std::nullopt;
    }
    std::int64_t value = whole * kScale + fraction * kPowers[3 - fraction_digits];
    return Decimal(negative ? -value : value);
}

std::optional<Decimal> Decimal::FromDouble(double value) {
    if (!std::isfinite(value) || std::fabs(value) >= 1e12) return std::nullopt;
    return Decimal(static_cast<std::int64_t>(std::llround(value * static_cast<double>(kScale))));
}

Decimal Decimal::RoundTo(int decimals) const {
    if (decimals >= 3) return *this;
    if (decimals < 0) decimals = 0;
    const std::int64_t step = kPowers[3 - decimals];
    return Decimal(DivideRoundHalfAway(thousandths_, step) * step);
}

std::string Decimal::ToString() const {
    int decimals = 3;
    std::int64_t scaled = thousandths_;
    while (decimals > 0 && scaled % 10 == 0) {
        scaled /= 10;
        --decimals;
    }
    return FixedText(scaled, decimals, '.');
}

std::string Decimal::ToFixed(int decimals) const {
    if (decimals < 0) decimals = 0;
    if (decimals > 3) decimals = 3;
    return FixedText(DivideRoundHalfAway(thousandths_, kPowers[3 - decimals]), decimals, '.');
}

std::string Decimal::ToVietnamese(int decimals) const {
    if (decimals < 0) decimals = 0;
    if (decimals > 3) decimals = 3;
    return FixedText(DivideRoundHalfAway(thousandths_, kPowers[3 - decimals]), decimals, ',');
}

std::optional<Decimal> Decimal::Percent(Decimal points, Decimal max, int decimals) {
    if (max.thousandths_ <= 0) return std::nullopt;
    if (decimals < 0) decimals = 0;
    if (decimals > 3) decimals = 3;
    // index × 10^decimals = points × 100 × 10^decimals / max; both operands are in thousandths.
    const std::int64_t scaled = DivideRoundHalfAway(points.thousandths_ * 100 * kPowers[decimals], max.thousandths_);
    return Decimal(scaled * kPowers[3 - decimals]);
}

}  // namespace parindex
