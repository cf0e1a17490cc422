#include "web/http/static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <utility>

namespace itagap::web {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kContentTypes{{
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".html", "text/html; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".csv", "text/csv; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml; charset=utf-8"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".otf", "font/otf"},
    {".pdf", "application/pdf"},
}};

// True when `inside` is `root` or below it; both must be canonical.
bool is_within(const fs::path& root, const fs::path& inside) {
    const auto [root_end, unused] =
        std::mismatch(root.begin(), root.end(), inside.begin(), inside.end());
    (void)unused;
    return root_end == root.end();
}

}  // namespace

std::string_view content_type_for(const fs::path& file) {
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& [ext, type] : kContentTypes) {
        if (ext == extension) return type;
    }
    return "application/octet-stream";
}

bool is_safe_relative_path(std::string_view relative) {
    if (relative.empty() || relative.front() == '/') return false;
    if (relative.find('\0') != std::string_view::npos) return false;
    if (relative.find('\\') != std::string_view::npos) return false;
    while (true) {
        const std::size_t slash = relative.find('/');
        const std::string_view segment = relative.substr(0, slash);
        if (segment.empty() || segment == "." || segment == "..") return false;
        if (slash == std::string_view::npos) return true;
        relative.remove_prefix(slash + 1);
    }
}

Handler static_files(const fs::path& directory, StaticFileOptions options) {
    std::error_code ec;
    fs::path root = fs::canonical(directory, ec);
    if (ec) root.clear();  // every request will be a 404

    return [root, options = std::move(options)](const Request& request) -> Response {
        const auto relative = request.path_params.get(options.path_param);
        if (root.empty() || !relative || !is_safe_relative_path(*relative)) {
            return error_response(http::status::not_found);
        }
        std::error_code ec;
        const fs::path file = fs::canonical(root / fs::path(std::string(*relative)), ec);
        if (ec || !is_within(root, file) || !fs::is_regular_file(file, ec) ||
            fs::file_size(file, ec) > options.max_file_bytes || ec) {
            return error_response(http::status::not_found);
        }
        std::ifstream in(file, std::ios::binary);
        if (!in) return error_response(http::status::not_found);
        Response response;
        response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        response.headers.set(http::field::content_type, content_type_for(file));
        response.headers.set(http::field::cache_control, options.cache_control);
        return response;
    };
}

}  // namespace itagap::web
