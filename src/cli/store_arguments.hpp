// What the subcommands that work on a database share: opening the store of
// --db, and finding the unit or round a person names on the command line.
// Messages go to `err` in the form "itagap: --unit: value "...": ...".
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace itagap::cli {

// "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)", or the name alone without a short name.
std::string unit_label(const store::Unit& unit);

// Exit code for a store failure: a malformed URL is the user's input; the
// rest (unreachable, busy, broken) is not.
int exit_code_for(const store::Status& status);

// Opens and migrates the store at `url`; nullptr with `exit_code` set on failure.
std::unique_ptr<store::Store> open_store(const std::string& url, std::ostream& err, int& exit_code);

// "  name (short) (id 3)" lines.
std::string list_of(const std::vector<store::Unit>& units);

// The one unit that `text` names: by name, short name or "name (short)".
std::optional<store::Unit> unit_named(const std::vector<store::Unit>& units,
                                      const std::string& text, std::ostream& err);

// The one round that `text` names: by its name, or by its id in decimal.
std::optional<store::Round> round_named(const std::vector<store::Round>& rounds,
                                        const std::string& text, std::ostream& err);

}  // namespace itagap::cli
