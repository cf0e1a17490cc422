#include "app/bulk_import.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "app/accounts.hpp"
#include "input/csv_reader.hpp"
#include "input/csv_text.hpp"
#include "store/sql_store.hpp"

namespace itagap::app {

namespace {

// Larger counts than any agency has: a typo, not a unit.
constexpr std::int64_t kMaxCount = 10'000'000;
constexpr std::size_t kMaxRows = 5000;

struct Table {
    std::map<std::string, std::size_t> columns;  // header name -> index
    struct Row {
        std::size_t line = 0;
        std::vector<std::string> fields;
    };
    std::vector<Row> rows;
};

class Problems {
public:
    Problems(std::string_view file, text::Language language) : file_(file), language_(language) {}

    void add(std::size_t line, std::string_view column, std::string_view value,
             std::string_view expected_key) {
        core::Diagnostic d;
        d.file = file_;
        d.line = line;
        auto typed = typed_names_.find(std::string(column));
        d.where = typed == typed_names_.end() ? std::string(column) : typed->second;
        d.value = std::string(value);
        d.expected = std::string(text::phrase(language_, "admin", expected_key));
        list_.push_back(std::move(d));
    }
    void add(core::Diagnostic d) { list_.push_back(std::move(d)); }
    // Errors name a column as its header typed it ("จำนวนบุคลากร").
    void name_column(const std::string& column, const std::string& typed) {
        typed_names_[column] = typed;
    }
    bool empty() const { return list_.empty(); }
    std::vector<core::Diagnostic> take() { return std::move(list_); }

private:
    std::string file_;
    text::Language language_;
    std::vector<core::Diagnostic> list_;
    std::map<std::string, std::string> typed_names_;
};

// Thai headers, as a Thai office writes them, for the English column names.
constexpr std::pair<std::string_view, std::string_view> kThaiHeaders[] = {
    {"ชื่อหน่วยงาน", "name"},
    {"ชื่อย่อ", "short_name"},
    {"ชื่อย่อหน่วยงานแม่", "parent_short_name"},
    {"จำนวนบุคลากร", "staff_count"},
    {"จำนวนผู้รับบริการ", "client_count"},
    {"ชื่อภาษาอังกฤษ", "name_en"},
    {"ชื่อผู้ใช้", "username"},
    {"บทบาท", "role"},
    {"ชื่อย่อหน่วยงาน", "unit_short_name"},
    {"ชื่อที่แสดง", "display_name"},
};

std::string column_name(const std::string& typed) {
    for (const auto& [thai, name] : kThaiHeaders) {
        if (typed == thai) return std::string(name);
    }
    return typed;
}

std::string trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

// The header and the rows (blank lines skipped); syntax errors and missing
// required columns into `problems`.
Table read_table(std::string_view csv, std::string_view file_name,
                 const std::vector<std::string_view>& required,
                 const std::vector<std::string_view>& optional, Problems& problems) {
    Table table;
    // As Thai offices save CSV: UTF-8 with or without BOM, or Windows-874;
    // comma or semicolon (input/csv_text.hpp).
    auto decoded = input::decode_csv_text(csv, file_name);
    if (!decoded) {
        for (const auto& error : decoded.errors()) problems.add(error);
        return table;
    }
    input::CsvReader reader(decoded->text, file_name, decoded->delimiter);
    input::CsvRecord record;
    bool header = true;
    while (true) {
        if (!reader.next(record)) {
            if (reader.error()) {
                problems.add(*reader.error());
                if (!reader.at_end()) continue;
            }
            break;
        }
        if (header) {
            header = false;
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                const std::string typed = trim(record.fields[i]);
                const std::string name = column_name(typed);
                table.columns.emplace(name, i);
                if (name != typed) problems.name_column(name, typed);
            }
            for (auto name : required) {
                if (!table.columns.count(std::string(name)))
                    problems.add(record.line, name, "", "bulk_column_missing");
            }
            for (const auto& [name, index] : table.columns) {
                bool known = false;
                for (auto n : required) known = known || n == name;
                for (auto n : optional) known = known || n == name;
                if (!known && !name.empty())
                    problems.add(record.line, name, name, "bulk_column_unknown");
            }
            continue;
        }
        if (record.fields.size() == 1 && trim(record.fields[0]).empty()) continue;  // blank line
        Table::Row row{record.line, {}};
        for (auto field : record.fields) row.fields.push_back(trim(field));
        table.rows.push_back(std::move(row));
    }
    if (header) problems.add(1, "", "", "bulk_file_empty");
    if (table.rows.size() > kMaxRows)
        problems.add(table.rows[kMaxRows].line, "", "", "bulk_too_many_rows");
    return table;
}

std::string field(const Table& table, const Table::Row& row, std::string_view column) {
    auto it = table.columns.find(std::string(column));
    if (it == table.columns.end() || it->second >= row.fields.size()) return {};
    return row.fields[it->second];
}

std::optional<std::int64_t> parse_count(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > kMaxCount)
        return std::nullopt;
    return value;
}

std::optional<store::Role> parse_role(const std::string& text) {
    if (auto role = store::role_from_string(text)) return role;
    for (auto role : {store::Role::kAdmin, store::Role::kUnitCoordinator, store::Role::kExecutive,
                      store::Role::kReviewer}) {
        const std::string key = "role_" + std::string(store::to_string(role));
        for (auto language : {text::Language::kThai, text::Language::kEnglish}) {
            if (text == text::phrase(language, "admin", key)) return role;
        }
    }
    return std::nullopt;
}

}  // namespace

store::StatusOr<core::Result<UnitsImported>> import_units_csv(store::Store& store,
                                                              std::string_view csv,
                                                              std::string_view file_name,
                                                              text::Language language,
                                                              const AuditFor& audit_for) {
    using Out = core::Result<UnitsImported>;
    Problems problems(file_name, language);
    const Table table =
        read_table(csv, file_name, {"name", "short_name", "parent_short_name", "staff_count"},
                   {"client_count", "name_en"}, problems);
    if (!problems.empty()) return Out(problems.take());
    auto stored = store.list_units();
    if (!stored.ok()) return stored.status;
    std::map<std::string, store::Id> stored_by_short;
    for (const auto& u : *stored) {
        if (!u.short_name.empty()) stored_by_short.emplace(u.short_name, u.id);
    }

    // Every line on its own first.
    std::vector<store::Unit> units(table.rows.size());
    std::vector<std::string> parents(table.rows.size());
    std::map<std::string, std::size_t> line_of_short;  // short name -> row index
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const auto& row = table.rows[i];
        store::Unit& unit = units[i];
        unit.name = field(table, row, "name");
        unit.short_name = field(table, row, "short_name");
        unit.name_en = field(table, row, "name_en");
        parents[i] = field(table, row, "parent_short_name");
        if (unit.name.empty() || unit.name.size() > 1000)
            problems.add(row.line, "name", unit.name, "bulk_unit_name");
        if (unit.short_name.empty() || unit.short_name.size() > 300) {
            problems.add(row.line, "short_name", unit.short_name, "bulk_short_name");
        } else if (stored_by_short.count(unit.short_name)) {
            problems.add(row.line, "short_name", unit.short_name, "bulk_short_name_stored");
        } else if (!line_of_short.emplace(unit.short_name, i).second) {
            problems.add(row.line, "short_name", unit.short_name, "bulk_short_name_twice");
        }
        const std::string staff = field(table, row, "staff_count");
        unit.staff_count = parse_count(staff);
        if (!unit.staff_count) problems.add(row.line, "staff_count", staff, "bulk_count");
        const std::string clients = field(table, row, "client_count");
        if (!clients.empty()) {
            unit.client_count = parse_count(clients);
            if (!unit.client_count) problems.add(row.line, "client_count", clients, "bulk_count");
        }
    }
    // Parents: stored units or other lines, ordered so that a parent in the
    // file is created before its children; a loop within the file is an error.
    std::vector<std::optional<std::size_t>> parent_row(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string& parent = parents[i];
        if (parent.empty()) continue;
        if (auto s = stored_by_short.find(parent); s != stored_by_short.end()) {
            units[i].parent_id = s->second;
        } else if (auto l = line_of_short.find(parent);
                   l != line_of_short.end() && l->second != i) {
            parent_row[i] = l->second;
        } else {
            problems.add(table.rows[i].line, "parent_short_name", parent, "bulk_parent_unknown");
        }
    }
    if (!problems.empty()) return Out(problems.take());
    std::vector<std::size_t> order;
    std::vector<int> state(units.size(), 0);  // 0 new, 1 in progress, 2 placed
    std::vector<std::size_t> batch_index(units.size(), 0);
    for (std::size_t start = 0; start < units.size(); ++start) {
        // Walk up to the first placed ancestor, then place on the way down.
        std::vector<std::size_t> chain;
        std::size_t at = start;
        bool loop = false;
        while (state[at] == 0) {
            state[at] = 1;
            chain.push_back(at);
            if (!parent_row[at]) break;
            at = *parent_row[at];
            if (state[at] == 1) loop = true;
        }
        if (loop) {
            problems.add(table.rows[start].line, "parent_short_name", parents[start],
                         "bulk_parent_loop");
            for (auto c : chain) state[c] = 2;
            continue;
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            batch_index[*it] = order.size();
            order.push_back(*it);
            state[*it] = 2;
        }
    }
    if (!problems.empty()) return Out(problems.take());
    std::vector<store::NewUnit> batch;
    for (std::size_t i : order) {
        store::NewUnit u{units[i], std::nullopt};
        if (parent_row[i]) u.parent_in_batch = batch_index[*parent_row[i]];
        batch.push_back(std::move(u));
    }
    auto ids =
        audit_for ? store.create_units(batch, audit_for(batch.size())) : store.create_units(batch);
    if (!ids.ok()) return ids.status;
    UnitsImported out;
    out.ids.resize(units.size());
    for (std::size_t k = 0; k < order.size(); ++k) out.ids[order[k]] = (*ids)[k];
    return Out(std::move(out));
}

store::StatusOr<core::Result<std::vector<UserImported>>> import_users_csv(
    store::Store& store, std::string_view csv, std::string_view file_name, text::Language language,
    const AuditFor& audit_for) {
    using Out = core::Result<std::vector<UserImported>>;
    Problems problems(file_name, language);
    const Table table = read_table(csv, file_name, {"username", "role", "unit_short_name"},
                                   {"display_name"}, problems);
    if (!problems.empty()) return Out(problems.take());
    auto units = store.list_units();
    auto users = store.list_users();
    if (!units.ok()) return units.status;
    if (!users.ok()) return users.status;
    std::map<std::string, store::Id> unit_by_short;
    for (const auto& u : *units) {
        if (!u.short_name.empty()) unit_by_short.emplace(u.short_name, u.id);
    }
    std::set<std::string> taken;
    for (const auto& u : *users) taken.insert(store::username_key(u.username));
    std::set<std::string> in_file;

    std::vector<store::User> batch;
    for (const auto& row : table.rows) {
        store::User user;
        user.username = field(table, row, "username");
        user.display_name = field(table, row, "display_name");
        const std::string key = store::username_key(user.username);
        if (!is_valid_username(user.username)) {
            problems.add(row.line, "username", user.username, "bulk_username");
        } else if (taken.count(key)) {
            problems.add(row.line, "username", user.username, "bulk_username_stored");
        } else if (!in_file.insert(key).second) {
            problems.add(row.line, "username", user.username, "bulk_username_twice");
        }
        const std::string role_text = field(table, row, "role");
        auto role = parse_role(role_text);
        if (!role) {
            problems.add(row.line, "role", role_text, "bulk_role");
        } else {
            user.role = *role;
        }
        const std::string unit = field(table, row, "unit_short_name");
        if (!unit.empty()) {
            if (auto u = unit_by_short.find(unit); u != unit_by_short.end()) {
                user.unit_id = u->second;
            } else {
                problems.add(row.line, "unit_short_name", unit, "bulk_unit_unknown");
            }
        } else if (role == store::Role::kUnitCoordinator) {
            problems.add(row.line, "unit_short_name", unit, "bulk_unit_required");
        }
        if (user.display_name.size() > 1000)
            problems.add(row.line, "display_name", user.display_name, "bulk_display_name");
        batch.push_back(std::move(user));
    }
    if (!problems.empty()) return Out(problems.take());
    std::vector<UserImported> out;
    for (auto& user : batch) {
        auto password = set_one_time_password(user);
        if (!password.ok()) return password.status;
        out.push_back({user.username, std::move(*password)});
    }
    auto ids =
        audit_for ? store.create_users(batch, audit_for(batch.size())) : store.create_users(batch);
    if (!ids.ok()) return ids.status;
    return Out(std::move(out));
}

}  // namespace itagap::app
