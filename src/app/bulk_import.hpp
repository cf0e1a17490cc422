// Units and users in bulk from a CSV (issue 12), all or nothing: every line
// is checked first and every problem reported by line and column (in the
// language asked for, from the catalogue's "admin" texts); only a file
// without a problem is stored, in one transaction.
//
// Units CSV, a header line then one unit a line:
//   name,short_name,parent_short_name,staff_count[,client_count]
//   กองตัวอย่าง,กต.,,120,
//   ศูนย์ความร่วมมือระหว่างประเทศ,ศรป.,กต.,45,300
// - short_name is required and unique (in the file and among stored units):
//   other lines name their parent by it;
// - parent_short_name is empty (a top unit), a stored unit's short name, or
//   the short name of another line (before or after it);
// - staff_count is a whole number >= 0; client_count empty or one.
//
// Users CSV: username,role,unit_short_name[,display_name]
//   somchai,unit_coordinator,ศรป.,สมชาย ใจดี
// - role: admin, unit_coordinator, executive or reviewer (or ผู้ดูแลระบบ,
//   ผู้ประสานงานหน่วยงาน, ผู้บริหาร as the admin pages write them);
// - unit_short_name: a stored unit's short name, required for a coordinator;
// - every user gets a one-time password, returned to be shown once.
//
// Columns are found by their header names, in any order, in English as above
// or in Thai (ชื่อหน่วยงาน, ชื่อย่อ, ชื่อย่อหน่วยงานแม่, จำนวนบุคลากร,
// จำนวนผู้รับบริการ, ชื่อภาษาอังกฤษ; ชื่อผู้ใช้, บทบาท, ชื่อย่อหน่วยงาน,
// ชื่อที่แสดง), and errors name a column as its header wrote it. The CSV is
// read with input/csv_reader.hpp.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "store/store.hpp"
#include "text/catalogue.hpp"

namespace itagap::app {

struct UnitsImported {
    std::vector<store::Id> ids;  // in file order
};

struct UserImported {
    std::string username;
    std::string one_time_password;
};

// The outcome: a store failure as a Status; problems of the file as the
// Result's diagnostics (nothing stored).
using AuditFor = std::function<store::AuditEntry(std::size_t rows)>;
store::StatusOr<core::Result<UnitsImported>> import_units_csv(store::Store& store,
                                                              std::string_view csv,
                                                              std::string_view file_name,
                                                              text::Language language,
                                                              const AuditFor& audit_for = {});
store::StatusOr<core::Result<std::vector<UserImported>>> import_users_csv(
    store::Store& store, std::string_view csv, std::string_view file_name, text::Language language,
    const AuditFor& audit_for = {});

}  // namespace itagap::app
