// The fiscal years (Buddhist era) the system accepts, wherever a year comes
// in: plan files, forms, query strings, the command line and the databases'
// CHECK constraints. Wide enough for any real plan; narrow enough that a
// Common Era year typed by mistake (2026 for 2569) is refused.
#pragma once

namespace itagap::core {

inline constexpr int kMinFiscalYearBe = 2400;  // 1857 C.E.
inline constexpr int kMaxFiscalYearBe = 2800;  // 2257 C.E.

constexpr bool is_valid_fiscal_year_be(int year) {
    return year >= kMinFiscalYearBe && year <= kMaxFiscalYearBe;
}

}  // namespace itagap::core
