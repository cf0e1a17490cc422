// What an evidence file of an improvement plan may be, decided from its
// content, never from its name: an uploaded "report.pdf" that is really an
// executable, or a ".png" that is an HTML page, is refused.
//
// Accepted: PDF, images (PNG, JPEG, WebP), Word (DOCX) and Excel (XLSX).
// DOCX and XLSX are ZIP containers; they are recognised by their central
// directory (a "word/" or "xl/" part), and a container with macros
// (vbaProject.bin: .docm, .xlsm) or without either part (a plain ZIP) is
// refused.
//
// Pure: no I/O; the bytes are whatever the upload held.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace itagap::app {

// The largest evidence file accepted: 10 MiB.
inline constexpr std::size_t kMaxEvidenceBytes = 10 * 1024 * 1024;
// The longest file name kept, in bytes of UTF-8 (a Thai character is 3).
inline constexpr std::size_t kMaxEvidenceNameBytes = 255;

// MIME types returned by detect_evidence_type().
inline constexpr std::string_view kPdfType = "application/pdf";
inline constexpr std::string_view kPngType = "image/png";
inline constexpr std::string_view kJpegType = "image/jpeg";
inline constexpr std::string_view kWebpType = "image/webp";
inline constexpr std::string_view kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The MIME type of `bytes` when it is one of the accepted kinds, from its
// magic bytes (and, for DOCX/XLSX, its ZIP central directory); nullopt
// otherwise.
std::optional<std::string> detect_evidence_type(std::string_view bytes);

enum class EvidenceProblem {
    kNone,
    kEmpty,           // zero bytes
    kTooLarge,        // more than kMaxEvidenceBytes
    kTypeNotAllowed,  // not one of the accepted kinds, whatever its name says
    kBadName,         // no name, a control character, or more than kMaxEvidenceNameBytes
};

struct EvidenceCheck {
    EvidenceProblem problem = EvidenceProblem::kNone;
    std::string content_type;  // when ok(): the detected MIME type
    // When !ok(): Thai, then English, naming the file, for the uploader.
    std::string message;

    bool ok() const { return problem == EvidenceProblem::kNone; }
};

// Everything an upload must pass before it is stored: a usable name, not
// empty, at most kMaxEvidenceBytes, and an accepted type by content.
EvidenceCheck validate_evidence(std::string_view name, std::string_view bytes);

}  // namespace itagap::app
