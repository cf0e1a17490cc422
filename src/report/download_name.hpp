// File names of downloads, named for the people who keep them:
//   <unit short name>-ITA<year>-<round name without spaces>-<kind>.<ext>
// e.g. "ศรป.-ITA2568-รอบ5เดือนแรก-KPI2.1.docx". A round name that starts with
// "ITA <year>" ("ITA 2568 รอบ 5 เดือนแรก") is not repeated after ITA<year>.
// The kind is a word from the catalogue ("export" context, download_*: KPI2.1,
// คะแนน, คำตอบ, ...); the extension follows the file type, so Windows opens
// every download by double-click. The HTTP header is web/http/content_disposition.
#pragma once

#include <string>
#include <string_view>

#include "text/catalogue.hpp"

namespace itagap::report {

enum class FileType { kDocx, kPdf, kHtml, kXlsx, kCsv };
// "docx", "pdf", "html", "xlsx", "csv".
std::string_view extension(FileType type);

enum class DownloadKind {
    kKpiAttachment,    // the KPI 2.1 attachment (DOCX, PDF, HTML)
    kScores,           // the scores table (CSV)
    kResponses,        // the anonymous answers (CSV)
    kResults,          // the workbook of scores, gaps and answers (XLSX)
    kExecutiveReport,  // the executive's monitoring report (PDF)
    kAccessCodes,      // the IIT access code sheet (PDF)
    kEitPoster,        // the EIT poster with the unit's QR code (PDF)
};

struct DownloadSubject {
    std::string unit_short_name;  // "ศรป."; the unit's name when it has none; may be empty
    int fiscal_year_be = 0;       // 2568; 0 leaves "-ITA<year>" out
    std::string round_name;       // "ITA 2568 รอบ 5 เดือนแรก"; may be empty
};

// The file name, UTF-8. Characters Windows refuses in a file name
// (\ / : * ? " < > | and control characters) become '_'; spaces are removed.
std::string download_name(const DownloadSubject& subject, DownloadKind kind, FileType type,
                          text::Language language);

}  // namespace itagap::report
