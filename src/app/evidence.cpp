#include "app/evidence.hpp"

#include <cstdint>

#include "text/catalogue.hpp"

namespace itagap::app {

namespace {

// ---- Messages ---------------------------------------------------------------------
// The catalogue's "evidence" texts (data/messages/*.po), shown as "Thai / English"
// because the refusal reaches the plan pages of either language. {name} is the
// file name as shown; {size} the upload's size in bytes.

std::string message(std::string_view key) {
    return std::string(text::phrase(text::Language::kThai, "evidence", key)) + " / " +
           std::string(text::phrase(text::Language::kEnglish, "evidence", key));
}

// ---- Names -------------------------------------------------------------------------

constexpr std::size_t kShownNameBytes = 80;

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= text.size()) return false;  // the sequence is cut short
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF.
        static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        i += n + 1;
    }
    return true;
}

bool has_control_character(std::string_view text) {
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) return true;
    }
    return false;
}

// The name as shown in a message: control characters and broken UTF-8 as
// '?', cut at a character boundary when long.
std::string shown_name(std::string_view name) {
    std::string out;
    for (char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        out.push_back(c < 0x20 || c == 0x7F ? '?' : ch);
    }
    if (!valid_utf8(out)) {
        for (char& ch : out) {
            if (static_cast<unsigned char>(ch) >= 0x80) ch = '?';
        }
    }
    if (out.size() > kShownNameBytes) {
        std::size_t cut = kShownNameBytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
        out += "…";
    }
    return out;
}

// `text` with every "{name}" and "{size}" replaced.
std::string fill_in(std::string_view text, std::string_view name, std::string_view size = "") {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.substr(i).starts_with("{name}")) {
            out += name;
            i += 6;
        } else if (text.substr(i).starts_with("{size}")) {
            out += size;
            i += 6;
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

// 10485761 -> "10,485,761"
std::string with_thousands(std::size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

// ---- Content -----------------------------------------------------------------------

std::uint32_t le16(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t le32(std::string_view b, std::size_t at) {
    return le16(b, at) | le16(b, at + 2) << 16;
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    text.remove_prefix(text.size() - suffix.size());
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

enum class ZipKind { kNotOffice, kDocx, kXlsx, kMacros };

// Reads the ZIP central directory (APPNOTE 4.3.12, 4.3.16) and classifies
// the container by its entry names. Nothing is decompressed. Anything
// malformed, ZIP64 or spanning disks is "not office".
ZipKind classify_zip(std::string_view b) {
    constexpr std::size_t kEocdSize = 22;
    constexpr std::size_t kCentralHeaderSize = 46;
    if (b.size() < kEocdSize) return ZipKind::kNotOffice;
    // The end-of-central-directory record: the last one, followed only by
    // its own comment (at most 65535 bytes).
    std::size_t eocd = std::string_view::npos;
    const std::size_t lowest = b.size() > kEocdSize + 0xFFFF ? b.size() - kEocdSize - 0xFFFF : 0;
    for (std::size_t at = b.size() - kEocdSize + 1; at-- > lowest;) {
        if (b.substr(at, 4) == std::string_view("PK\x05\x06", 4) &&
            at + kEocdSize + le16(b, at + 20) == b.size()) {
            eocd = at;
            break;
        }
    }
    if (eocd == std::string_view::npos) return ZipKind::kNotOffice;
    if (le16(b, eocd + 4) != 0 || le16(b, eocd + 6) != 0) return ZipKind::kNotOffice;  // multi-disk
    const std::uint32_t entries = le16(b, eocd + 10);
    const std::uint64_t cd_size = le32(b, eocd + 12);
    const std::uint64_t cd_offset = le32(b, eocd + 16);
    if (cd_offset + cd_size > eocd) return ZipKind::kNotOffice;  // also catches ZIP64's 0xFFFFFFFF

    bool content_types = false, word = false, xl = false, macros = false;
    std::size_t at = static_cast<std::size_t>(cd_offset);
    const std::size_t end = static_cast<std::size_t>(cd_offset + cd_size);
    for (std::uint32_t i = 0; i < entries; ++i) {
        if (at + kCentralHeaderSize > end || b.substr(at, 4) != std::string_view("PK\x01\x02", 4)) {
            return ZipKind::kNotOffice;
        }
        const std::size_t name_length = le16(b, at + 28);
        const std::size_t next =
            at + kCentralHeaderSize + name_length + le16(b, at + 30) + le16(b, at + 32);
        if (next > end) return ZipKind::kNotOffice;
        const std::string_view name = b.substr(at + kCentralHeaderSize, name_length);
        content_types = content_types || name == "[Content_Types].xml";
        word = word || name.starts_with("word/");
        xl = xl || name.starts_with("xl/");
        macros = macros || ends_with_ignoring_case(name, "vbaproject.bin");
        at = next;
    }
    if (macros) return ZipKind::kMacros;
    if (!content_types || word == xl) return ZipKind::kNotOffice;
    return word ? ZipKind::kDocx : ZipKind::kXlsx;
}

struct Detected {
    std::optional<std::string> type;
    bool macros = false;  // an Office file refused for its macros
};

Detected detect(std::string_view b) {
    auto starts = [&](std::string_view magic) { return b.starts_with(magic); };
    if (starts("%PDF-")) return {std::string(kPdfType)};
    if (starts(std::string_view("\x89PNG\r\n\x1a\n", 8))) return {std::string(kPngType)};
    if (starts("\xFF\xD8\xFF")) return {std::string(kJpegType)};
    if (b.size() >= 12 && starts("RIFF") && b.substr(8, 4) == "WEBP") {
        return {std::string(kWebpType)};
    }
    if (starts(std::string_view("PK\x03\x04", 4))) {
        switch (classify_zip(b)) {
            case ZipKind::kDocx:
                return {std::string(kDocxType)};
            case ZipKind::kXlsx:
                return {std::string(kXlsxType)};
            case ZipKind::kMacros:
                return {std::nullopt, true};
            case ZipKind::kNotOffice:
                break;
        }
    }
    return {};
}

EvidenceCheck refuse(EvidenceProblem problem, std::string message) {
    return EvidenceCheck{problem, {}, std::move(message)};
}

}  // namespace

std::optional<std::string> detect_evidence_type(std::string_view bytes) {
    return detect(bytes).type;
}

EvidenceCheck validate_evidence(std::string_view name, std::string_view bytes) {
    const std::string shown = shown_name(name);
    if (name.empty()) return refuse(EvidenceProblem::kBadName, message("no_name"));
    if (name.size() > kMaxEvidenceNameBytes) {
        return refuse(EvidenceProblem::kBadName, fill_in(message("name_too_long"), shown));
    }
    if (has_control_character(name) || !valid_utf8(name)) {
        return refuse(EvidenceProblem::kBadName, fill_in(message("name_unreadable"), shown));
    }
    if (bytes.empty()) return refuse(EvidenceProblem::kEmpty, fill_in(message("empty"), shown));
    if (bytes.size() > kMaxEvidenceBytes) {
        return refuse(EvidenceProblem::kTooLarge,
                      fill_in(message("too_large"), shown, with_thousands(bytes.size())));
    }
    Detected detected = detect(bytes);
    if (!detected.type) {
        return refuse(EvidenceProblem::kTypeNotAllowed,
                      fill_in(message(detected.macros ? "macros" : "type_not_allowed"), shown));
    }
    return EvidenceCheck{EvidenceProblem::kNone, std::move(*detected.type), {}};
}

}  // namespace itagap::app
