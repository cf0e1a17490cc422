#include "cli/store_arguments.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cli/score_command.hpp"  // exit codes

namespace itagap::cli {

// "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)", or the name alone without a short name.
std::string unit_label(const store::Unit& unit) {
    return unit.short_name.empty() ? unit.name : fmt::format("{} ({})", unit.name, unit.short_name);
}

// Exit code for a store failure: a malformed URL is the user's input; the
// rest (unreachable, busy, broken) is not.
int exit_code_for(const store::Status& status) {
    return status.code == store::StatusCode::kInvalid ? kExitBadInput : kExitInternalError;
}

// Opens and migrates the store at `url`; messages on `err`.
std::unique_ptr<store::Store> open_store(const std::string& url, std::ostream& err,
                                         int& exit_code) {
    auto opened = store::open_store(url);
    if (!opened.ok()) {
        err << "itagap: --db: value \"" << url << "\": " << opened.status.message << "\n";
        exit_code = exit_code_for(opened.status);
        return nullptr;
    }
    if (store::Status s = (*opened)->migrate(); !s.ok()) {
        err << "itagap: " << url << ": cannot apply the schema migrations: " << s.message << "\n";
        exit_code = kExitInternalError;
        return nullptr;
    }
    return std::move(*opened);
}

std::string list_of(const std::vector<store::Unit>& units) {
    std::string out;
    for (const auto& u : units) out += fmt::format("  {} (id {})\n", unit_label(u), u.id);
    return out;
}

// The one unit that `text` names: by name, short name or "name (short)".
std::optional<store::Unit> unit_named(const std::vector<store::Unit>& units,
                                      const std::string& text, std::ostream& err) {
    std::vector<store::Unit> matches;
    for (const auto& u : units) {
        if (u.name == text || (!u.short_name.empty() && u.short_name == text) ||
            unit_label(u) == text) {
            matches.push_back(u);
        }
    }
    if (matches.size() == 1) return matches.front();
    if (matches.empty()) {
        err << "itagap: --unit: value \"" << text
            << "\": no such unit; expected a unit's name, short name or \"name (short)\", one of:\n"
            << list_of(units);
    } else {
        err << "itagap: --unit: value \"" << text
            << "\": several units have this name; give the full \"name (short)\" of one of:\n"
            << list_of(matches);
    }
    return std::nullopt;
}

std::optional<store::Round> round_named(const std::vector<store::Round>& rounds,
                                        const std::string& text, std::ostream& err) {
    std::vector<store::Round> matches;
    for (const auto& r : rounds) {
        if (r.name == text || std::to_string(r.id) == text) matches.push_back(r);
    }
    if (matches.size() == 1) return matches.front();
    std::string listed;
    for (const auto& r : (matches.empty() ? rounds : matches))
        listed += fmt::format("  {} (id {})\n", r.name, r.id);
    if (matches.empty()) {
        err << "itagap: --round: value \"" << text
            << "\": no such round; expected a round's name or id, one of:\n"
            << listed;
    } else {
        err << "itagap: --round: value \"" << text
            << "\": several rounds have this name; give the id of one of:\n"
            << listed;
    }
    return std::nullopt;
}

}  // namespace itagap::cli
