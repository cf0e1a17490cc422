#include "input/responses_csv.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "input/csv_reader.hpp"

namespace itagap::input {

namespace {

using core::Answer;
using core::Diagnostic;
using core::Questionnaire;

constexpr std::size_t kMaxErrors = 100;
constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

constexpr std::string_view kUnit = "unit";
constexpr std::string_view kRound = "round";
constexpr std::string_view kInstrument = "instrument";
constexpr std::string_view kRespondent = "respondent";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool equals_ascii_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// What a cell of an item with a given scale accepts.
struct ScaleInfo {
    int options = 0;
    std::vector<std::pair<std::string_view, Answer>> labels;  // Thai and English
    std::string expected;
    std::string labels_th;  // "เห็นด้วยอย่างยิ่ง, เห็นด้วย, ..." for the Thai message
};

struct ItemColumn {
    std::size_t field = 0;  // index in the record
    int item = -1;
    int instrument = -1;  // the item's instrument; -1 if the questionnaire is broken
    int scale = -1;       // index into Parser::scales_; -1 if the questionnaire is broken
    int column = -1;      // the item's column in tables of its instrument
};

// Respondents seen so far, for duplicate detection: a flat open-addressing hash
// set (linear probing), one 24-byte slot per respondent and no allocation per
// row. Ids are views that outlive the parse (into the input text or an arena).
class RespondentIndex {
public:
    // Adds (table, id) seen on `line` and returns 0, or returns the line where
    // the same (table, id) was seen before.
    std::size_t insert(std::uint32_t table, std::string_view id, std::size_t line) {
        if ((count_ + 1) * 4 > slots_.size() * 3) grow();
        const std::uint32_t h = hash(table, id);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.line == 0) {
                s = Slot{id.data(), static_cast<std::uint32_t>(id.size()), h, table,
                         static_cast<std::uint32_t>(std::min<std::size_t>(line, UINT32_MAX))};
                ++count_;
                return 0;
            }
            if (s.hash == h && s.table == table && std::string_view(s.id, s.size) == id) {
                return s.line;
            }
        }
    }

private:
    struct Slot {
        const char* id = nullptr;
        std::uint32_t size = 0;
        std::uint32_t hash = 0;
        std::uint32_t table = 0;
        std::uint32_t line = 0;  // 0 = empty slot
    };

    static std::uint32_t hash(std::uint32_t table, std::string_view id) {
        std::uint64_t h = std::hash<std::string_view>{}(id) ^ (table * 0x9E3779B97F4A7C15ULL);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 32;
        return static_cast<std::uint32_t>(h);
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& s : old) {
            if (s.line == 0) continue;
            std::size_t i = s.hash & mask_;
            while (slots_[i].line != 0) i = (i + 1) & mask_;
            slots_[i] = s;
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

class Parser {
public:
    Parser(const Questionnaire& q, std::string_view text, std::string_view file_name,
           const ResponsesCsvOptions& options)
        : q_(q),
          text_(text),
          file_name_(file_name),
          options_(options),
          reader_(text, file_name, options.delimiter) {}

    core::Result<core::ResponseSet> run();

private:
    void add_error(std::size_t line, std::string_view where, std::string_view value,
                   std::string expected, std::string key = {}, core::MessageArgs args = {});
    void add_reader_error();
    bool read_header();
    void prepare();
    void parse_row(const CsvRecord& rec);
    // The option a cell names (1-based), or 0 if it names none.
    Answer parse_answer(std::string_view cell, const ScaleInfo& scale) const;
    std::string_view column_name(std::size_t field) const;
    std::string_view stable(std::string_view id);

    const Questionnaire& q_;
    std::string_view text_;
    std::string file_name_;
    const ResponsesCsvOptions& options_;
    CsvReader reader_;
    CsvRecord rec_;

    std::vector<Diagnostic> errors_;
    std::size_t error_count_ = 0;

    // Header.
    std::size_t header_line_ = 0;
    std::vector<std::string> header_names_;  // trimmed, by field
    std::size_t unit_field_ = kNoColumn;
    std::size_t round_field_ = kNoColumn;
    std::size_t instrument_field_ = kNoColumn;
    std::size_t respondent_field_ = kNoColumn;
    std::vector<ItemColumn> item_columns_;
    std::vector<ScaleInfo> scales_;

    // Instruments that have items, by code; and those that have none.
    std::vector<std::pair<std::string_view, int>> answerable_;
    std::string answerable_list_;
    std::vector<std::string_view> unanswerable_;

    // Output.
    core::ResponseSet set_;
    std::unordered_map<std::string, std::size_t> table_of_key_;
    std::string key_;
    // By instrument: the table of the last row of that instrument, or kNoColumn.
    std::vector<std::size_t> last_table_;
    RespondentIndex respondents_;
    std::deque<std::string> id_arena_;  // ids that are not views into the input
    std::vector<Answer> row_;
    std::size_t rows_ = 0;
    // Unknown units and other rounds already reported (once each, at the first line).
    std::set<std::string, std::less<>> reported_units_;
    std::set<std::string, std::less<>> reported_rounds_;
};

void Parser::add_error(std::size_t line, std::string_view where, std::string_view value,
                       std::string expected, std::string key, core::MessageArgs args) {
    ++error_count_;
    if (errors_.size() >= kMaxErrors) return;
    Diagnostic d;
    d.file = file_name_;
    d.line = line;
    d.where = std::string(where);
    d.value = std::string(value);
    d.expected = std::move(expected);
    d.key = std::move(key);
    d.args = std::move(args);
    errors_.push_back(std::move(d));
}

void Parser::add_reader_error() {
    const auto& e = reader_.error();
    if (!e) return;
    Diagnostic d = *e;
    if (header_line_ != 0 && reader_.error_field() < header_names_.size()) {
        d.where = std::string(column_name(reader_.error_field()));
    }
    add_error(d.line, d.where, d.value, std::move(d.expected), std::move(d.key), std::move(d.args));
}

std::string_view Parser::column_name(std::size_t field) const {
    return field < header_names_.size() ? std::string_view(header_names_[field])
                                        : std::string_view();
}

// The id as a view that outlives the current record.
std::string_view Parser::stable(std::string_view id) {
    const std::less<const char*> before;
    const char* begin = text_.data();
    const char* end = text_.data() + text_.size();
    if (!before(id.data(), begin) && !before(end, id.data() + id.size())) return id;
    return id_arena_.emplace_back(id);
}

bool Parser::read_header() {
    // The first record that is not an empty line.
    for (;;) {
        if (reader_.next(rec_)) {
            if (rec_.fields.size() == 1 && rec_.fields[0].empty()) continue;
            break;
        }
        if (reader_.error()) add_reader_error();
        if (!errors_.empty() || reader_.at_end()) {
            if (errors_.empty()) {
                add_error(0, "", "",
                          "a header row with the columns unit, round, instrument, respondent and "
                          "item codes; the file is empty",
                          "csv_empty");
            }
            return false;
        }
    }

    header_line_ = rec_.line;
    header_names_.reserve(rec_.fields.size());
    for (std::string_view raw : rec_.fields) header_names_.emplace_back(trim(raw));

    std::vector<std::size_t> field_of_item(q_.items.size(), kNoColumn);
    const std::pair<std::string_view, std::size_t*> required[] = {
        {kUnit, &unit_field_},
        {kRound, &round_field_},
        {kInstrument, &instrument_field_},
        {kRespondent, &respondent_field_},
    };
    for (std::size_t f = 0; f < header_names_.size(); ++f) {
        const std::string_view name = header_names_[f];
        const std::string_view raw = rec_.fields[f];
        std::size_t* slot = nullptr;
        for (const auto& [req, field] : required) {
            if (name == req) slot = field;
        }
        std::size_t* previous = slot;
        const int item = slot ? -1 : q_.find_item(name);
        if (item >= 0) previous = &field_of_item[static_cast<std::size_t>(item)];
        if (previous != nullptr) {
            if (*previous != kNoColumn) {
                add_error(
                    header_line_, name, raw,
                    "each column once; " + quoted(name) + " is also column " +
                        std::to_string(*previous + 1) + " of the header",
                    "csv_duplicate_column",
                    {{"column", std::string(name)}, {"other", std::to_string(*previous + 1)}});
                continue;
            }
            *previous = f;
            if (item >= 0) {
                ItemColumn col;
                col.field = f;
                col.item = item;
                const core::Item& it = q_.items[static_cast<std::size_t>(item)];
                if (it.indicator >= 0 &&
                    static_cast<std::size_t>(it.indicator) < q_.indicators.size()) {
                    col.instrument =
                        q_.indicators[static_cast<std::size_t>(it.indicator)].instrument;
                }
                if (it.scale >= 0 && static_cast<std::size_t>(it.scale) < q_.scales.size()) {
                    col.scale = it.scale;
                }
                item_columns_.push_back(col);
            }
            continue;
        }
        // Unknown column.
        if (name.empty()) {
            add_error(header_line_, name, raw,
                      "a column name; column " + std::to_string(f + 1) + " of the header is empty",
                      "csv_empty_column", {{"number", std::to_string(f + 1)}});
            continue;
        }
        std::string expected = "a column unit, round, instrument or respondent, or an item code; " +
                               quoted(name) + " is not an item of the questionnaire";
        if (!q_.id.empty()) expected += " " + quoted(q_.id);
        for (const auto& [req, field] : required) {
            if (equals_ascii_ignoring_case(name, req)) {
                expected += " (column names are lowercase: " + std::string(req) + ")";
            }
        }
        for (const core::Item& it : q_.items) {
            if (equals_ascii_ignoring_case(name, it.code)) {
                expected += " (item codes are case-sensitive: " + it.code + ")";
                break;
            }
        }
        add_error(header_line_, name, raw, std::move(expected), "csv_unknown_column",
                  {{"column", std::string(name)}});
    }

    bool complete = true;
    for (const auto& [req, field] : required) {
        if (*field == kNoColumn) {
            add_error(header_line_, req, "",
                      "a column named " + quoted(req) + " in the header; it is required",
                      "csv_missing_column", {{"column", std::string(req)}});
            complete = false;
        }
    }
    return complete;
}

void Parser::prepare() {
    last_table_.assign(q_.instruments.size(), kNoColumn);
    scales_.resize(q_.scales.size());
    for (std::size_t s = 0; s < q_.scales.size(); ++s) {
        const core::AnswerScale& scale = q_.scales[s];
        ScaleInfo& info = scales_[s];
        info.options = static_cast<int>(std::min<std::size_t>(scale.options.size(), 255));
        std::string& th = info.labels_th;
        std::string en;
        for (int k = 0; k < info.options; ++k) {
            const core::LocalText& label = scale.options[static_cast<std::size_t>(k)].label;
            const auto option = static_cast<Answer>(k + 1);
            if (!label.th.empty()) {
                info.labels.emplace_back(label.th, option);
                th += (th.empty() ? "" : ", ") + label.th;
            }
            if (!label.en.empty()) {
                info.labels.emplace_back(label.en, option);
                en += (en.empty() ? "" : ", ") + label.en;
            }
        }
        info.expected = "an option number 1-" + std::to_string(info.options);
        if (!th.empty()) {
            info.expected += " or one of the labels: " + th;
            if (!en.empty()) info.expected += " (in English: " + en + ")";
        } else if (!en.empty()) {
            info.expected += " or one of the labels: " + en;
        }
    }

    for (std::size_t i = 0; i < q_.instruments.size(); ++i) {
        bool has_items = false;
        for (int indicator : q_.instruments[i].indicators) {
            if (indicator >= 0 && static_cast<std::size_t>(indicator) < q_.indicators.size() &&
                !q_.indicators[static_cast<std::size_t>(indicator)].items.empty()) {
                has_items = true;
            }
        }
        if (has_items) {
            const core::ResponseTable layout(q_, static_cast<int>(i), "", "");
            for (ItemColumn& col : item_columns_) {
                if (col.instrument == static_cast<int>(i)) {
                    col.column = layout.column_of_item(col.item);
                }
            }
            answerable_.emplace_back(q_.instruments[i].code, static_cast<int>(i));
            answerable_list_ += (answerable_list_.empty() ? "" : ", ") + q_.instruments[i].code;
        } else {
            unanswerable_.push_back(q_.instruments[i].code);
        }
    }
}

Answer Parser::parse_answer(std::string_view cell, const ScaleInfo& scale) const {
    if (!cell.empty() && cell.size() <= 3 &&
        std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        int k = 0;
        for (char c : cell) k = k * 10 + (c - '0');
        return k >= 1 && k <= scale.options ? static_cast<Answer>(k) : core::kNotAnswered;
    }
    for (const auto& [label, option] : scale.labels) {
        if (cell == label) return option;
    }
    return core::kNotAnswered;
}

void Parser::parse_row(const CsvRecord& rec) {
    const std::size_t line = rec.line;
    if (rec.fields.size() != header_names_.size()) {
        add_error(line, "", "",
                  std::to_string(header_names_.size()) +
                      " fields, as many as the header has; found " +
                      std::to_string(rec.fields.size()),
                  "csv_field_count",
                  {{"expected", std::to_string(header_names_.size())},
                   {"found", std::to_string(rec.fields.size())}});
        return;
    }

    const auto required = [&](std::size_t field, std::string_view what) {
        const std::string_view value = trim(rec.fields[field]);
        if (value.empty()) {
            add_error(line, column_name(field), rec.fields[field],
                      std::string(what) + "; the cell is empty", "csv_cell_empty",
                      {{"column", std::string(column_name(field))}});
        }
        return value;
    };
    const std::string_view unit = required(unit_field_, "a unit (the agency or part assessed)");
    const std::string_view round = required(round_field_, "a round (e.g. 2567)");
    const std::string_view respondent = required(respondent_field_, "a respondent id");
    if (!options_.round.empty() && !round.empty() && round != options_.round &&
        reported_rounds_.emplace(round).second) {
        add_error(line, column_name(round_field_), rec.fields[round_field_],
                  "the name of the round being imported into: " + quoted(options_.round),
                  "csv_wrong_round", {{"round", std::string(options_.round)}});
    }
    if (options_.unit_known && !unit.empty() && !options_.unit_known(unit) &&
        reported_units_.emplace(unit).second) {
        add_error(line, column_name(unit_field_), rec.fields[unit_field_],
                  "the name or short name of a unit in itagap", "csv_unknown_unit",
                  {{"unit", std::string(unit)}});
    }

    const std::string_view code = trim(rec.fields[instrument_field_]);
    int instrument = -1;
    for (const auto& [c, index] : answerable_) {
        if (c == code) instrument = index;
    }
    if (instrument < 0) {
        std::string expected = "an instrument that has items: " + answerable_list_;
        if (std::find(unanswerable_.begin(), unanswerable_.end(), code) != unanswerable_.end()) {
            expected += "; " + std::string(code) +
                        " has no items in this questionnaire, so it has no survey responses";
        } else if (code.empty()) {
            expected += "; the cell is empty";
        }
        add_error(line, kInstrument, rec.fields[instrument_field_], std::move(expected),
                  "csv_bad_instrument", {{"list", answerable_list_}});
    }

    // The table, and the respondent within it.
    core::ResponseTable* table = nullptr;
    if (instrument >= 0 && !unit.empty() && !round.empty()) {
        // Files are usually grouped by unit: try the table of the last row with this
        // instrument first (IIT and EIT rows may alternate).
        std::size_t& last = last_table_[static_cast<std::size_t>(instrument)];
        std::size_t index = last;
        if (index == kNoColumn || set_.tables[index].instrument() != instrument ||
            set_.tables[index].unit() != unit || set_.tables[index].round() != round) {
            key_.assign(unit);
            key_.push_back('\0');
            key_.append(round);
            key_.push_back('\0');
            key_.append(q_.instruments[static_cast<std::size_t>(instrument)].code);
            const auto [it, inserted] = table_of_key_.try_emplace(key_, set_.tables.size());
            if (inserted) {
                set_.tables.emplace_back(q_, instrument, std::string(unit), std::string(round));
            }
            index = it->second;
            last = index;
        }
        table = &set_.tables[index];
        if (!respondent.empty()) {
            const std::size_t earlier =
                respondents_.insert(static_cast<std::uint32_t>(index), stable(respondent), line);
            if (earlier != 0) {
                add_error(
                    line, column_name(respondent_field_), rec.fields[respondent_field_],
                    "a respondent id not used before for unit " + std::string(unit) + ", round " +
                        std::string(round) + " and instrument " + std::string(code) + "; " +
                        quoted(respondent) + " is already on line " + std::to_string(earlier),
                    "csv_duplicate_respondent",
                    {{"respondent", std::string(respondent)}, {"line", std::to_string(earlier)}});
            }
        }
    }

    if (table != nullptr) row_.assign(table->item_of_column().size(), core::kNotAnswered);
    for (const ItemColumn& col : item_columns_) {
        const std::string_view raw = rec.fields[col.field];
        const std::string_view cell = trim(raw);
        if (cell.empty()) continue;
        if (instrument >= 0 && col.instrument != instrument) {
            std::string owner = "another instrument";
            if (col.instrument >= 0 &&
                static_cast<std::size_t>(col.instrument) < q_.instruments.size()) {
                owner =
                    "instrument " + q_.instruments[static_cast<std::size_t>(col.instrument)].code;
            }
            add_error(line, column_name(col.field), raw,
                      "an empty cell: item " + q_.items[static_cast<std::size_t>(col.item)].code +
                          " belongs to " + owner + " and this row's instrument is " +
                          std::string(code),
                      "csv_other_instrument",
                      {{"item", q_.items[static_cast<std::size_t>(col.item)].code},
                       {"instrument", std::string(code)}});
            continue;
        }
        if (col.scale < 0) {
            add_error(line, column_name(col.field), raw,
                      "an empty cell: the item has no valid answer scale in the questionnaire",
                      "csv_no_scale");
            continue;
        }
        const ScaleInfo& scale = scales_[static_cast<std::size_t>(col.scale)];
        const Answer answer = parse_answer(cell, scale);
        if (answer == core::kNotAnswered) {
            add_error(line, column_name(col.field), raw, scale.expected, "csv_bad_answer",
                      {{"options", std::to_string(scale.options)},
                       {"labels", scale.labels_th.empty() ? std::string("-") : scale.labels_th}});
            continue;
        }
        if (table != nullptr && col.column >= 0) {
            row_[static_cast<std::size_t>(col.column)] = answer;
        }
    }

    // Once anything is wrong the file is rejected, so stop storing rows.
    if (table != nullptr && error_count_ == 0) {
        table->add_respondent(row_);
    }
}

core::Result<core::ResponseSet> Parser::run() {
    const bool header_ok = read_header();
    if (!header_ok && header_line_ == 0) return std::move(errors_);
    if (header_ok) {
        prepare();
        for (;;) {
            if (reader_.next(rec_)) {
                const bool blank = std::all_of(rec_.fields.begin(), rec_.fields.end(),
                                               [](std::string_view f) { return f.empty(); });
                if (blank) continue;
                ++rows_;
                parse_row(rec_);
                continue;
            }
            if (reader_.error()) {
                ++rows_;
                add_reader_error();
            }
            if (reader_.at_end()) break;
        }
        if (rows_ == 0) {
            add_error(header_line_, "", "",
                      "at least one respondent row after the header; the file has only a header",
                      "csv_no_rows");
        }
    }

    if (error_count_ > 0) {
        if (error_count_ > errors_.size()) {
            const std::size_t more = error_count_ - errors_.size();
            Diagnostic d;
            d.file = file_name_;
            d.note = std::to_string(more) + " more error" + (more == 1 ? " was" : "s were") +
                     " found and not listed (only the first " + std::to_string(kMaxErrors) +
                     " are shown)";
            d.key = "csv_more_errors";
            d.args = {{"count", std::to_string(more)}, {"shown", std::to_string(kMaxErrors)}};
            errors_.push_back(std::move(d));
        }
        return std::move(errors_);
    }
    return std::move(set_);
}

}  // namespace

core::Result<core::ResponseSet> parse_responses_csv(const core::Questionnaire& q,
                                                    std::string_view text,
                                                    std::string_view file_name) {
    return parse_responses_csv(q, text, file_name, ResponsesCsvOptions{});
}

core::Result<core::ResponseSet> parse_responses_csv(const core::Questionnaire& q,
                                                    std::string_view text,
                                                    std::string_view file_name,
                                                    const ResponsesCsvOptions& options) {
    try {
        Parser parser(q, text, file_name, options);
        return parser.run();
    } catch (const std::exception& e) {  // std::bad_alloc, mostly
        Diagnostic d;
        d.file = std::string(file_name);
        d.expected = std::string("an input that can be read: ") + e.what();
        d.key = "csv_unreadable";
        return d;
    }
}

std::string responses_csv_header(const core::Questionnaire& q) {
    std::string out = "unit,round,instrument,respondent";
    for (const core::Instrument& instrument : q.instruments) {
        for (int indicator : instrument.indicators) {
            if (indicator < 0 || static_cast<std::size_t>(indicator) >= q.indicators.size())
                continue;
            for (int item : q.indicators[static_cast<std::size_t>(indicator)].items) {
                if (item < 0 || static_cast<std::size_t>(item) >= q.items.size()) continue;
                out += ',';
                out += q.items[static_cast<std::size_t>(item)].code;
            }
        }
    }
    out += "\r\n";
    return out;
}

}  // namespace itagap::input
