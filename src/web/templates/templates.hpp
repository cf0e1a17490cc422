// Page templates: a thin wrapper over kainjow mustache, which stays inside
// templates.cpp (a header-only engine, costly to compile in every page).
//
// One file per page in a directory ("survey_form.mustache" is the template
// "survey_form"), and a shared "layout.mustache" that every page is rendered
// into: the page is rendered first, with escaping, and its HTML becomes the
// layout's unescaped {{{content}}}. Every template can include any other as a
// partial ({{> header}}); partials come only from the directory, never from
// the data, so data cannot inject template text.
//
// The shipped layout (with header.mustache and footer.mustache) reads these,
// all optional: title, site_name, lang, nav {items: [{href, label, current}]},
// footer_text, skip_link (the "skip to content" link; Thai when absent).
//
// {{x}} escapes & < > " ' (escape_html); {{{x}}} does not and is meant only
// for `content`. A template renders data that is plain values: scores are
// formatted (core::format_score) and links encoded (encode_url_component)
// before they reach it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace itagap::web {

class Templates {
public:
    // Loads every *.mustache file in `directory` (not its subdirectories) and
    // parses each, so a syntax error shows at startup with the file's name.
    static core::Result<Templates> load(const std::filesystem::path& directory);
    // The same from text: name -> template source.
    static core::Result<Templates> from_sources(std::map<std::string, std::string> sources);

    bool contains(std::string_view name) const;

    // Template `name` alone. Objects, arrays, strings and booleans render as
    // themselves; numbers as their JSON text ("81.82"); null as false, so
    // {{#x}} skips it.
    core::Result<std::string> render(std::string_view name, const nlohmann::json& data) const;

    // Template `name` inside "layout". The layout sees the page's data plus
    // `content` (the page's HTML, replacing any `content` in the data) and
    // `lang` ("th" unless the data sets it).
    // REQUIRES: `data` is a JSON object (or null).
    core::Result<std::string> render_page(std::string_view name, const nlohmann::json& data) const;

private:
    struct Parsed;  // the sources, and the same as mustache data for partials
    explicit Templates(std::shared_ptr<const Parsed> parsed);

    // Immutable once loaded, so copies share it (and threads may render at once).
    std::shared_ptr<const Parsed> parsed_;
};

}  // namespace itagap::web
