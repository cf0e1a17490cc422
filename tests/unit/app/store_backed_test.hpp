// A test fixture with a fresh, migrated store per test: a SQLite file, or a
// PostgreSQL database when ITAGAP_TEST_POSTGRES_URL is set (skipped if not).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "../store/store_fixture.hpp"
#include "store/store.hpp"

namespace itagap::testing {

using store::testing::Backend;

class StoreBackedTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        std::string why;
        bool skip = false;
        db_ = store::testing::TestDatabase::create(GetParam(), why, skip);
        if (!db_) {
            if (skip) GTEST_SKIP() << why;
            FAIL() << why;
        }
        auto opened = store::open_store(db_->url());
        ASSERT_TRUE(opened.ok()) << opened.status.message;
        store_ = std::move(*opened.value);
        ASSERT_TRUE(store_->migrate().ok());
    }

    std::unique_ptr<store::testing::TestDatabase> db_;
    std::unique_ptr<store::Store> store_;
};

// A file of the source tree, e.g. "data/demo/responses.csv".
inline std::string read_source_file(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Instantiates a StoreBackedTest suite on both backends, named by backend.
#define ITAGAP_ON_BOTH_STORES(Suite)                                     \
    INSTANTIATE_TEST_SUITE_P(                                            \
        Stores, Suite,                                                   \
        ::testing::Values(::itagap::store::testing::Backend::kSqlite,    \
                          ::itagap::store::testing::Backend::kPostgres), \
        [](const auto& info) { return ::itagap::store::testing::backend_name(info.param); })

}  // namespace itagap::testing
