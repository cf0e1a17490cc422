// The whole of a file, for the benchmark programs (they read their inputs
// once, before timing; a missing file reads as empty and fails the parse
// that follows with its own message).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace itagap::bench {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace itagap::bench
