#include "security/qr_code.hpp"

#include <png.h>
#include <qrencode.h>

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace itagap::security {

namespace {

using Matrix = std::vector<std::vector<bool>>;

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

bool drawing_ok(int module_px, int margin_modules) {
    return module_px >= 1 && module_px <= kQrMaxModulePx && margin_modules >= 0 &&
           margin_modules <= kQrMaxMarginModules;
}

// --- PNG ---------------------------------------------------------------------

// Where libpng's output goes. An allocation failure in the write callback is
// turned into png_error(), so no C++ exception crosses libpng's C frames.
struct PngSink {
    std::vector<unsigned char>* out;
};

void append_to_sink(png_structp png, png_bytep data, std::size_t length) {
    auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
    bool ok = true;
    try {
        sink->out->insert(sink->out->end(), data, data + length);
    } catch (...) {
        ok = false;
    }
    if (!ok) png_error(png, "out of memory");  // longjmps; no C++ object is live here
}

void flush_nothing(png_structp) {}
void ignore_warning(png_structp, png_const_charp) {}

// Writes a 1-bit greyscale PNG of `side` x `side` pixels. `module_rows` holds
// `modules` packed rows of `row_bytes` bytes each; every one is written
// `module_px` times. libpng reports errors by longjmp back to the setjmp
// below, so this function owns no object with a destructor.
bool encode_png(PngSink* sink, const unsigned char* module_rows, std::size_t row_bytes, int modules,
                png_uint_32 side, int module_px) {
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, ignore_warning);
    if (png == nullptr) return false;
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, sink, append_to_sink, flush_nothing);
    png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int row = 0; row < modules; ++row) {
        const unsigned char* packed = module_rows + static_cast<std::size_t>(row) * row_bytes;
        for (int repeat = 0; repeat < module_px; ++repeat) png_write_row(png, packed);
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

}  // namespace

std::optional<Matrix> qr_matrix(std::string_view text) {
    if (text.empty() || text.find('\0') != std::string_view::npos) return std::nullopt;
    const std::string terminated(text);
    // Version 0 = the smallest that fits; QR_MODE_8 lets libqrencode switch to
    // numeric/alphanumeric segments where that is shorter and keeps UTF-8 bytes.
    std::unique_ptr<QRcode, QrFree> code(
        QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) return std::nullopt;
    const int width = code->width;
    Matrix matrix(static_cast<std::size_t>(width), std::vector<bool>(width, false));
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each byte is the module colour; the others describe its role.
            matrix[y][x] = (code->data[y * width + x] & 1) != 0;
        }
    }
    return matrix;
}

std::optional<std::string> qr_svg(std::string_view text, int module_px, int margin_modules) {
    if (!drawing_ok(module_px, margin_modules)) return std::nullopt;
    const auto matrix = qr_matrix(text);
    if (!matrix) return std::nullopt;
    const int modules = static_cast<int>(matrix->size());
    const std::string box = std::to_string(modules + 2 * margin_modules);
    const std::string px = std::to_string((modules + 2 * margin_modules) * module_px);

    // One rectangle per horizontal run of dark modules, in module units.
    std::string path;
    for (int y = 0; y < modules; ++y) {
        int x = 0;
        while (x < modules) {
            if (!(*matrix)[y][x]) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < modules && (*matrix)[y][x]) ++x;
            const std::string run = std::to_string(x - start);
            path += 'M';
            path += std::to_string(start + margin_modules);
            path += ' ';
            path += std::to_string(y + margin_modules);
            path += 'h';
            path += run;
            path += "v1h-";
            path += run;
            path += 'z';
        }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px + "\" height=\"" + px +
           "\" viewBox=\"0 0 " + box + ' ' + box +
           "\" shape-rendering=\"crispEdges\"><rect width=\"" + box + "\" height=\"" + box +
           "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
}

std::optional<std::vector<unsigned char>> qr_png(std::string_view text, int module_px,
                                                 int margin_modules) {
    if (!drawing_ok(module_px, margin_modules)) return std::nullopt;
    const auto matrix = qr_matrix(text);
    if (!matrix) return std::nullopt;
    const int symbol = static_cast<int>(matrix->size());
    const int modules = symbol + 2 * margin_modules;
    const auto side = static_cast<png_uint_32>(modules * module_px);
    const std::size_t row_bytes = (side + 7) / 8;

    // One packed pixel row per module row; 1 bits are white, 0 bits black.
    std::vector<unsigned char> module_rows(static_cast<std::size_t>(modules) * row_bytes, 0xFF);
    for (int y = 0; y < symbol; ++y) {
        unsigned char* row =
            module_rows.data() + static_cast<std::size_t>(y + margin_modules) * row_bytes;
        for (int x = 0; x < symbol; ++x) {
            if (!(*matrix)[y][x]) continue;
            const std::size_t first = static_cast<std::size_t>(x + margin_modules) * module_px;
            for (std::size_t p = first; p < first + module_px; ++p) {
                row[p / 8] &= static_cast<unsigned char>(~(0x80u >> (p % 8)));
            }
        }
    }
    std::vector<unsigned char> png;
    PngSink sink{&png};
    if (!encode_png(&sink, module_rows.data(), row_bytes, modules, side, module_px)) {
        return std::nullopt;
    }
    return png;
}

}  // namespace itagap::security
