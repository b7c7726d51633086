#include "storage/files/file_vault.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace parindex {
namespace {

namespace fs = std::filesystem;

class FileVaultTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/parindex-vault-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        root_ = pattern;
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(root_, ignored);
    }
    std::string root_;
};

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

TEST(Sha256, KnownVector) {
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(FileVaultTest, StoresContentAddressedAndOnce) {
    FileVault vault(root_);
    const std::string pdf = "%PDF-1.7\nKế hoạch CCHC năm 2024\n%%EOF\n";
    auto first = vault.Put(pdf, "ke-hoach.pdf");
    ASSERT_TRUE(first) << first.GetError().message.en;
    EXPECT_EQ(first->sha256, Sha256Hex(pdf));
    EXPECT_EQ(first->content_type, "application/pdf");
    EXPECT_EQ(first->size, static_cast<std::int64_t>(pdf.size()));
    EXPECT_FALSE(first->already_present);
    auto path = vault.PathOf(first->sha256);
    ASSERT_TRUE(path);
    EXPECT_EQ(*path, root_ + "/" + first->sha256.substr(0, 2) + "/" + first->sha256.substr(2));
    EXPECT_EQ(Slurp(*path), pdf);
    auto again = vault.Put(pdf, "ban-sao.pdf");
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->already_present);
    EXPECT_EQ(again->sha256, first->sha256);
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root_)) files += entry.is_regular_file() ? 1 : 0;
    EXPECT_EQ(files, 1u);
}

TEST_F(FileVaultTest, RecognisesTypesFromTheBytes) {
    EXPECT_EQ(FileVault::DetectType("\x89PNG\r\n\x1a\nxxxx", "a.png"), "image/png");
    EXPECT_EQ(FileVault::DetectType("\xff\xd8\xff\xe0", "a.jpg"), "image/jpeg");
    EXPECT_EQ(FileVault::DetectType(std::string("PK\x03\x04", 4) + "rest", "bang-diem.xlsx"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(FileVault::DetectType(std::string("PK\x03\x04", 4) + "rest", "bao-cao.docx"),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    // A name does not make a PDF.
    EXPECT_EQ(FileVault::DetectType("<html>", "gia-mao.pdf"), "");
}

TEST_F(FileVaultTest, RefusesEmptyTooLargeAndUnknownFiles) {
    FileVaultLimits limits;
    limits.max_size = 16;
    FileVault vault(root_, limits);
    auto empty = vault.Put("", "rong.pdf");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.GetError().details[0].file, "rong.pdf");
    auto large = vault.Put("%PDF-" + std::string(100, 'x'), "lon.pdf");
    ASSERT_FALSE(large);
    EXPECT_EQ(large.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_NE(large.GetError().message.vi.find("lon.pdf"), std::string::npos);
    auto script = vault.Put("#!/bin/sh\nls", "virus.pdf");
    ASSERT_FALSE(script);
    EXPECT_NE(script.GetError().details[0].reason.vi.find("PDF"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(root_));
}

TEST_F(FileVaultTest, PathOfRefusesWhatIsNotADigest) {
    FileVault vault(root_);
    EXPECT_FALSE(vault.PathOf("../../etc/passwd"));
    EXPECT_FALSE(vault.PathOf(std::string(64, 'a')));
}

}  // namespace
}  // namespace parindex
