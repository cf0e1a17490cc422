#include "report/export/results_export.hpp"

#include <stdlib.h>  // mkstemp
#include <unistd.h>  // close
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/number_format.hpp"
#include "report/csv_writer.hpp"
#include "report/export/export_tables.hpp"

namespace itagap::report {

namespace {

using export_detail::Cell;
using export_detail::CountCell;
using export_detail::ExportTable;
using export_detail::ScoreCell;

// ---------------------------------------------------------------------------
// CSV

std::string csv_text(const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) return *text;
    if (const auto* score = std::get_if<ScoreCell>(&cell))
        return core::format_score(score->percent);
    if (const auto* n = std::get_if<CountCell>(&cell)) return std::to_string(n->value);
    return {};
}

std::string to_csv(const ExportTable& table) {
    std::string out(kUtf8Bom);
    out += csv_record(table.headings);  // csv_record neutralises every field
    std::vector<std::string> fields;
    for (const auto& row : table.rows) {
        fields.clear();
        for (const Cell& cell : row) fields.push_back(csv_text(cell));
        out += csv_record(fields);
    }
    return out;
}

// ---------------------------------------------------------------------------
// XLSX. libxlsxwriter 1.1.4 writes only to a named file (an in-memory target
// came in a later version), so the workbook goes through a private temporary
// file that is read back and removed.

// A fresh file in $TMPDIR (or /tmp), created 0600 by mkstemp so no other user
// can read the answers in it; removed on destruction.
class TempFile {
public:
    TempFile() {
        const char* dir = std::getenv("TMPDIR");
        dir_ = dir != nullptr && *dir != '\0' ? dir : "/tmp";
        std::string pattern = dir_ + "/itagap-export-XXXXXX";
        const int fd = mkstemp(pattern.data());
        if (fd < 0) return;
        ::close(fd);
        path_ = std::move(pattern);
    }
    ~TempFile() {
        if (!path_.empty()) std::remove(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    bool ok() const { return !path_.empty(); }
    const std::string& path() const { return path_; }
    std::string& dir() { return dir_; }

    std::optional<std::string> read() const {
        std::ifstream in(path_, std::ios::binary);
        if (!in) return std::nullopt;
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (in.bad()) return std::nullopt;
        return std::move(bytes).str();
    }

private:
    std::string dir_;
    std::string path_;
};

struct Formats {
    lxw_format* heading = nullptr;
    lxw_format* score = nullptr;  // percentages: full precision stored, 0.00 shown
};

bool write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell,
                const Formats& formats) {
    lxw_error error = LXW_NO_ERROR;
    if (const auto* text = std::get_if<std::string>(&cell)) {
        error = worksheet_write_string(sheet, row, col, spreadsheet_safe(*text).c_str(), nullptr);
    } else if (const auto* score = std::get_if<ScoreCell>(&cell)) {
        error = worksheet_write_number(sheet, row, col, score->percent, formats.score);
    } else if (const auto* n = std::get_if<CountCell>(&cell)) {
        error = worksheet_write_number(sheet, row, col, static_cast<double>(n->value), nullptr);
    }
    return error == LXW_NO_ERROR;
}

// The headings in bold on a frozen first row with a filter, then the rows.
bool write_sheet(lxw_workbook* workbook, const std::string& name, const ExportTable& table,
                 const Formats& formats) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    if (sheet == nullptr) return false;
    for (std::size_t c = 0; c < table.headings.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const std::string heading = spreadsheet_safe(table.headings[c]);
        if (worksheet_write_string(sheet, 0, col, heading.c_str(), formats.heading) !=
                LXW_NO_ERROR ||
            worksheet_set_column(sheet, col, col, table.widths[c], nullptr) != LXW_NO_ERROR) {
            return false;
        }
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);  // past LXW_ROW_MAX, the write fails
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            if (!write_cell(sheet, row, static_cast<lxw_col_t>(c), table.rows[r][c], formats)) {
                return false;
            }
        }
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (table.headings.empty()) return true;
    return worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                                static_cast<lxw_col_t>(table.headings.size() - 1)) == LXW_NO_ERROR;
}

// workbook_close() is the only public way to free a workbook (it writes the
// file too); on a failure path the file is useless and TempFile removes it.
struct CloseWorkbook {
    void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, CloseWorkbook>;

bool fill_workbook(lxw_workbook* workbook, const core::Questionnaire& q,
                   const core::UnitRoundScore& score, const core::UnitRoundGaps& gaps,
                   const core::ResponseSet* responses, Language language) {
    const export_detail::WorkbookNames names = export_detail::workbook_names(score, language);
    // A document property, not a cell: nothing evaluates it, so no neutralising.
    std::string title = names.title;
    lxw_doc_properties properties{};
    properties.title = title.data();
    if (workbook_set_properties(workbook, &properties) != LXW_NO_ERROR) return false;

    Formats formats;
    formats.heading = workbook_add_format(workbook);
    formats.score = workbook_add_format(workbook);
    if (formats.heading == nullptr || formats.score == nullptr) return false;
    format_set_bold(formats.heading);
    format_set_num_format(formats.score, "0.00");

    if (!write_sheet(workbook, names.scores_sheet, export_detail::score_table(q, score, language),
                     formats) ||
        !write_sheet(workbook, names.gaps_sheet, export_detail::gap_table(q, score, gaps, language),
                     formats)) {
        return false;
    }
    return responses == nullptr ||
           write_sheet(workbook, names.answers_sheet,
                       export_detail::answer_table(q, *responses, language), formats);
}

StatusOr<std::string> write_workbook(const core::Questionnaire& q,
                                     const core::UnitRoundScore& score,
                                     const core::UnitRoundGaps& gaps,
                                     const core::ResponseSet* responses, Language language) {
    TempFile file;
    if (!file.ok()) return Status::Internal("XLSX: no temporary file could be made in $TMPDIR");
    lxw_workbook_options options{};
    // libxlsxwriter's own scratch files go next to ours; by default it uses
    // tmpfile(), which ignores $TMPDIR.
    options.tmpdir = file.dir().data();
    WorkbookPtr workbook(workbook_new_opt(file.path().c_str(), &options));
    if (workbook == nullptr)
        return Status::Internal("XLSX: libxlsxwriter could not start a workbook");
    if (!fill_workbook(workbook.get(), q, score, gaps, responses, language)) {
        return Status::Internal(
            "XLSX: libxlsxwriter refused a cell (a text longer than a cell holds?)");
    }
    if (const lxw_error error = workbook_close(workbook.release()); error != LXW_NO_ERROR) {
        return Status::Internal(std::string("XLSX: libxlsxwriter could not close the workbook: ") +
                                lxw_strerror(error));
    }
    std::optional<std::string> bytes = file.read();
    if (!bytes) return Status::Internal("XLSX: the temporary file could not be read back");
    return std::move(*bytes);
}

}  // namespace

std::string scores_csv(const core::Questionnaire& q, const core::UnitRoundScore& score,
                       Language language) {
    return to_csv(export_detail::score_table(q, score, language));
}

std::string responses_csv(const core::Questionnaire& q, const core::ResponseSet& responses,
                          Language language) {
    return to_csv(export_detail::answer_table(q, responses, language));
}

StatusOr<std::string> results_xlsx(const core::Questionnaire& q, const core::UnitRoundScore& score,
                                   const core::UnitRoundGaps& gaps,
                                   const core::ResponseSet* responses, Language language) {
    // Nothing may escape to the caller (a web handler): running out of memory
    // while building the tables is one more way the workbook "could not be
    // written".
    try {
        return write_workbook(q, score, gaps, responses, language);
    } catch (const std::exception& e) {
        return Status::Internal(std::string("XLSX: ") + e.what());
    } catch (...) {
        return Status::Internal("XLSX: an unknown exception");
    }
}

}  // namespace itagap::report
