#pragma once

// Field-by-field comparisons of the domain values for the format tests (sources are compared separately).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "formats/codecs.hpp"
#include "formats/table.hpp"
#include "support/model_expect.hpp"

namespace parindex::testing {

inline std::string DataPath(const std::string& name) { return std::string(PARINDEX_TEST_DATA) + "/formats/" + name; }

inline std::string ReadData(const std::string& name) {
    auto content = ReadFile(DataPath(name));
    EXPECT_TRUE(content.Ok()) << name;
    return content.Ok() ? *content : std::string();
}

/// A fresh temporary directory for files a test writes.
inline std::filesystem::path TempDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("parindex_formats_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string Describe(const Error& error) {
    std::string text = error.message.en;
    for (const ErrorDetail& d : error.details) {
        text += "\n  " + d.file + " line " + (d.line ? std::to_string(*d.line) : "-") + " col " +
                (d.column ? std::to_string(*d.column) : "-") + " " + d.path + " [" + d.field + "=" + d.value + "] " +
                d.reason.en;
    }
    return text;
}

inline void ExpectSame(const Bundle& a, const Bundle& b) {
    ASSERT_EQ(a.units.size(), b.units.size());
    for (std::size_t i = 0; i < a.units.size(); ++i) ExpectSame(a.units[i], b.units[i]);
    ASSERT_EQ(a.groups.size(), b.groups.size());
    for (std::size_t i = 0; i < a.groups.size(); ++i) ExpectSame(a.groups[i], b.groups[i]);
    ASSERT_EQ(a.frameworks.size(), b.frameworks.size());
    for (std::size_t i = 0; i < a.frameworks.size(); ++i) ExpectSame(a.frameworks[i], b.frameworks[i]);
    ASSERT_EQ(a.assessments.size(), b.assessments.size());
    for (std::size_t i = 0; i < a.assessments.size(); ++i) ExpectSame(a.assessments[i], b.assessments[i]);
}

}  // namespace parindex::testing
