#include "report/download_name.hpp"

namespace itagap::report {

namespace {

std::string_view kind_key(DownloadKind kind) {
    switch (kind) {
        case DownloadKind::kKpiAttachment:
            return "download_kpi_attachment";
        case DownloadKind::kScores:
            return "download_scores";
        case DownloadKind::kResponses:
            return "download_responses";
        case DownloadKind::kResults:
            return "download_results";
        case DownloadKind::kExecutiveReport:
            return "download_executive_report";
        case DownloadKind::kAccessCodes:
            return "download_access_codes";
        case DownloadKind::kEitPoster:
            return "download_eit_poster";
    }
    return "download_results";
}

// `text` without spaces, and with what Windows refuses in names as '_'.
std::string file_name_part(std::string_view text) {
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == ' ' || c == '\t') continue;
        const bool refused = c < 0x20 || c == 0x7F || c == '\\' || c == '/' || c == ':' ||
                             c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
        out += refused ? '_' : ch;
    }
    return out;
}

void append_part(std::string& name, const std::string& part) {
    if (part.empty()) return;
    if (!name.empty()) name += '-';
    name += part;
}

}  // namespace

std::string_view extension(FileType type) {
    switch (type) {
        case FileType::kDocx:
            return "docx";
        case FileType::kPdf:
            return "pdf";
        case FileType::kHtml:
            return "html";
        case FileType::kXlsx:
            return "xlsx";
        case FileType::kCsv:
            return "csv";
    }
    return "bin";
}

std::string download_name(const DownloadSubject& subject, DownloadKind kind, FileType type,
                          text::Language language) {
    std::string name;
    append_part(name, file_name_part(subject.unit_short_name));
    std::string round = file_name_part(subject.round_name);
    if (subject.fiscal_year_be > 0) {
        const std::string ita = "ITA" + std::to_string(subject.fiscal_year_be);
        append_part(name, ita);
        if (round.starts_with(ita)) round.erase(0, ita.size());
        while (!round.empty() && (round.front() == '-' || round.front() == '_')) round.erase(0, 1);
    }
    append_part(name, round);
    append_part(name, file_name_part(text::phrase(language, "export", kind_key(kind))));
    name += '.';
    name += extension(type);
    return name;
}

}  // namespace itagap::report
