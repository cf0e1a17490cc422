// The SQLite backend of store::Store: one database file in WAL mode,
// synchronous=FULL, one writer connection behind a mutex and a small pool of
// reader connections, under the shared rules of store/sql_store.hpp. See
// docs/storage.md.
#pragma once

#include <memory>
#include <string>

#include "store/sql_store.hpp"
#include "store/store.hpp"

namespace itagap::store::sqlite {

// Opens (creating if missing) the database at `path`; ":memory:" gives a
// private in-memory database (tests only: it lives as long as the store).
// Does not migrate.
StatusOr<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);
// The same with test hooks (sql_store.hpp).
StatusOr<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, SqlStoreHooks hooks);

}  // namespace itagap::store::sqlite
