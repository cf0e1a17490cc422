// Files compiled into the binary (cmake/embed_files.cmake): name -> bytes.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace itagap::web {

// Page templates: src/web/templates/*.mustache and src/web/pages/*.mustache.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_templates();
// Static files served under /static/: src/web/templates/static/*.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_static();

}  // namespace itagap::web
