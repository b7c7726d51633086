#pragma once

// A test with a fresh SqliteStore in a temporary folder of its own, removed afterwards, on a fixed clock.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/clock.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex::testing {

class SqliteStoreFixture : public ::testing::Test {
  protected:
    /// `name` names the folder (/tmp/parindex-NAME-XXXXXX); `now` is the clock's time (seconds since 1970, UTC).
    explicit SqliteStoreFixture(std::string name, std::int64_t now = 1'700'000'000)
        : name_(std::move(name)), clock_(std::chrono::system_clock::time_point(std::chrono::seconds(now))) {}

    void SetUp() override {
        std::string pattern = "/tmp/parindex-" + name_ + "-XXXXXX";
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        Reopen();
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(dir_);
    }
    /// Closes the store and opens the same file again.
    void Reopen() {
        db_.reset();
        auto opened = SqliteStore::Open(dir_ + "/parindex.db", clock_);
        ASSERT_TRUE(opened) << opened.GetError().message.en;
        db_ = std::move(*opened);
    }

    std::string name_;
    FixedClock clock_;
    std::string dir_;
    std::unique_ptr<SqliteStore> db_;
};

}  // namespace parindex::testing
