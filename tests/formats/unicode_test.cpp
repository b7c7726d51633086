#include "formats/unicode.hpp"

#include <gtest/gtest.h>

namespace parindex {
namespace {

// "Phường" with the combining forms: P h u+031B (horn) o+031B (horn) +0300 (grave) n g.
const std::string kDecomposedPhuong = "Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng";

TEST(Unicode, NormalizeNfcComposesDecomposedText) {
    EXPECT_NE(kDecomposedPhuong, "Phường");
    EXPECT_EQ(NormalizeNfc(kDecomposedPhuong), "Phường");
    EXPECT_EQ(NormalizeNfc("Phường La Khê"), "Phường La Khê");
    EXPECT_EQ(NormalizeNfc("plain ascii"), "plain ascii");
    EXPECT_EQ(NormalizeNfc(""), "");
}

TEST(Unicode, IsValidUtf8) {
    EXPECT_TRUE(IsValidUtf8("Điểm tối đa"));
    EXPECT_TRUE(IsValidUtf8(""));
    EXPECT_FALSE(IsValidUtf8("\xC3"));                // Truncated sequence.
    EXPECT_FALSE(IsValidUtf8("Ph\xF0\x28\x8C\x28"));  // Bad continuation.
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));            // Overlong.
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));        // Surrogate.
    EXPECT_FALSE(IsValidUtf8("Ph\xE6ng"));            // Windows-1258 style byte.
}

TEST(Unicode, FoldForMatching) {
    EXPECT_EQ(FoldForMatching("Điểm tối đa"), "diemtoida");
    EXPECT_EQ(FoldForMatching("diem_toi_da"), "diemtoida");
    EXPECT_EQ(FoldForMatching("DIEM-TOI-DA"), "diemtoida");
    EXPECT_EQ(FoldForMatching(kDecomposedPhuong), "phuong");
    EXPECT_EQ(FoldForMatching("Trách nhiệm tham mưu"), "trachnhiemthammuu");
    EXPECT_EQ(FoldForMatching("Mã tiêu chí"), "matieuchi");
    EXPECT_EQ(FoldForMatching("parent_code"), "parentcode");
}

TEST(Unicode, VietnameseCollation) {
    EXPECT_LT(CompareVietnamese("Ân", "Bình"), 0);
    EXPECT_LT(CompareVietnamese("An", "Ân"), 0);
    EXPECT_GT(CompareVietnamese("Đà", "Dung"), 0);  // đ is a letter after d in Vietnamese.
    EXPECT_LT(CompareVietnamese("Đà", "Em"), 0);
    EXPECT_EQ(CompareVietnamese("Phường", kDecomposedPhuong), 0);
    std::vector<std::string> names = {"Xã Bảo Lâm",    "Phường Đồng Mai", "Phường Dương Nội",
                                      "Phường La Khê", "Phường Ân Thi",   "Phường An Khánh"};
    SortVietnamese(names);
    EXPECT_EQ(names, (std::vector<std::string>{"Phường An Khánh", "Phường Ân Thi", "Phường Dương Nội",
                                               "Phường Đồng Mai", "Phường La Khê", "Xã Bảo Lâm"}));
}

}  // namespace
}  // namespace parindex
