#include "domain/decimal.hpp"

#include <gtest/gtest.h>

namespace parindex {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

TEST(Decimal, ParsesPointsAndCommas) {
    EXPECT_EQ(D("90.02").Thousandths(), 90020);
    EXPECT_EQ(D("90,02").Thousandths(), 90020);
    EXPECT_EQ(D("+3,91").Thousandths(), 3910);
    EXPECT_EQ(D("-0.5").Thousandths(), -500);
    EXPECT_EQ(D(" 91.989 ").Thousandths(), 91989);
    EXPECT_EQ(D("6").Thousandths(), 6000);
    EXPECT_EQ(D(".5").Thousandths(), 500);
}

TEST(Decimal, RejectsWhatIsNotAPlainNumber) {
    std::string vi, en;
    EXPECT_FALSE(Decimal::Parse("1.2345", &vi, &en));
    EXPECT_EQ(en, "more than 3 decimals");
    EXPECT_FALSE(Decimal::Parse("1.234,5", &vi, &en));
    EXPECT_EQ(en, "more than one decimal separator (thousands separators are not accepted)");
    EXPECT_FALSE(Decimal::Parse("9e1", &vi, &en));
    EXPECT_EQ(en, "not a number");
    EXPECT_FALSE(Decimal::Parse("", &vi, &en));
    EXPECT_FALSE(Decimal::Parse("-", &vi, &en));
    EXPECT_FALSE(Decimal::Parse("5.", &vi, &en));
}

TEST(Decimal, RoundsExcelDoublesToThousandths) {
    EXPECT_EQ(Decimal::FromDouble(14.399999999999999)->Thousandths(), 14400);
    EXPECT_EQ(Decimal::FromDouble(-0.0005)->Thousandths(), -1);
    EXPECT_FALSE(Decimal::FromDouble(1e300));
}

TEST(Decimal, RoundsHalfAwayFromZero) {
    EXPECT_EQ(D("86.155").RoundTo(2), D("86.16"));
    EXPECT_EQ(D("-86.155").RoundTo(2), D("-86.16"));
    EXPECT_EQ(D("86.154").RoundTo(2), D("86.15"));
    EXPECT_EQ(D("0.5").RoundTo(0), D("1"));
    EXPECT_EQ(D("-0.5").RoundTo(0), D("-1"));
}

TEST(Decimal, FormatsExactlyWithoutExponent) {
    EXPECT_EQ(D("90.02").ToString(), "90.02");
    EXPECT_EQ(D("91.989").ToString(), "91.989");
    EXPECT_EQ(D("6").ToString(), "6");
    EXPECT_EQ(D("-0.17").ToString(), "-0.17");
    EXPECT_EQ(D("90.1").ToFixed(2), "90.10");
    EXPECT_EQ(D("86.157").ToFixed(2), "86.16");
    EXPECT_EQ(D("-0.005").ToFixed(2), "-0.01");
    EXPECT_EQ(D("29.71").ToVietnamese(2), "29,71");
}

TEST(Decimal, PercentIsTheRoundedIndex) {
    EXPECT_EQ(*Decimal::Percent(D("60.31"), D("70"), 2), D("86.16"));
    EXPECT_EQ(*Decimal::Percent(D("29.71"), D("30"), 2), D("99.03"));
    EXPECT_EQ(*Decimal::Percent(D("91.989"), D("100"), 3), D("91.989"));
    EXPECT_EQ(*Decimal::Percent(D("91.989"), D("100"), 2), D("91.99"));
    EXPECT_FALSE(Decimal::Percent(D("1"), D("0"), 2));
}

TEST(Decimal, SumsAreExact) {
    Decimal sum;
    for (const char* area : {"17.25", "2.5", "14.4", "8.66", "6", "6.5", "5", "29.71"}) sum += D(area);
    EXPECT_EQ(sum, D("90.02"));
    EXPECT_EQ(D("3.91") + D("-0.5") + D("1.15") + D("1.66") + D("-1") + D("-1.5") + D("0") + D("-0.17"), D("3.55"));
}

}  // namespace
}  // namespace parindex
