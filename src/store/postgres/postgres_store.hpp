// The PostgreSQL backend of store::Store over libpq: a small pool of
// connections, parameterised queries only, nothing cached between calls so
// several itagap servers can share one database; the rules are the shared
// ones of store/sql_store.hpp. See docs/storage.md.
#pragma once

#include <memory>
#include <string>

#include "store/sql_store.hpp"
#include "store/store.hpp"

namespace itagap::store::postgres {

// Connects to the libpq URI `url` (postgresql://...). Fails with kUnavailable
// when the server cannot be reached. Does not migrate.
StatusOr<std::unique_ptr<Store>> open_postgres_store(const std::string& url);
// The same with test hooks (sql_store.hpp).
StatusOr<std::unique_ptr<Store>> open_postgres_store(const std::string& url, SqlStoreHooks hooks);

}  // namespace itagap::store::postgres
