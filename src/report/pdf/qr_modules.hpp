// A QR code as the printables take it: dark (true) and light modules, row by
// row, square, without the quiet zone (security::qr_matrix makes them; the
// report module does not encode, it only draws).
#pragma once

#include <vector>

namespace itagap::report {

using QrModules = std::vector<std::vector<bool>>;

}  // namespace itagap::report
