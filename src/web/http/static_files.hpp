// A handler that serves files from one directory: CSS, images, fonts.
//
//   router.get("/static/{file*}", static_files(dir))
//
// Refuses (404) any relative path that is absolute, has a "." / ".." / empty
// segment, a backslash or NUL, and any file whose resolved location
// (symbolic links followed) is not inside the directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "web/http/router.hpp"

namespace itagap::web {

struct StaticFileOptions {
    std::string path_param = "file";  // the route's "{file*}" parameter
    std::string cache_control = "public, max-age=3600";
    std::size_t max_file_bytes = std::size_t{16} * 1024 * 1024;
};

Handler static_files(const std::filesystem::path& directory, StaticFileOptions options = {});

// "text/css; charset=utf-8" for "app.css"; application/octet-stream when the
// extension is unknown.
std::string_view content_type_for(const std::filesystem::path& file);

// True when `relative` ("css/app.css") may name a file under a static
// directory, before the file system is asked.
bool is_safe_relative_path(std::string_view relative);

}  // namespace itagap::web
