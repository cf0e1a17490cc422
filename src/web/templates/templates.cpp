#include "web/templates/templates.hpp"

#include <fstream>
#include <iterator>

#include "web/templates/html_escape.hpp"

namespace itagap::web {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".mustache";
constexpr std::string_view kLayout = "layout";

// Resolves {{> name}} from the template directory only. The stock context
// would look partials up in the data, letting data supply template text.
class TemplateContext : public mustache::context<std::string> {
public:
    TemplateContext(const mustache::data* data,
                    const std::map<std::string, mustache::data, std::less<>>& partials)
        : mustache::context<std::string>(data), partials_(partials) {}

    const mustache::data* get_partial(const std::string& name) const override {
        const auto it = partials_.find(name);
        return it == partials_.end() ? nullptr : &it->second;
    }

private:
    const std::map<std::string, mustache::data, std::less<>>& partials_;
};

core::Diagnostic template_error(std::string_view name, std::string note) {
    core::Diagnostic d;
    d.file = std::string(name) + std::string(kExtension);
    d.note = std::move(note);
    return d;
}

}  // namespace

mustache::data to_mustache_data(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data object{mustache::data::type::object};
            for (const auto& [key, item] : value.items()) object.set(key, to_mustache_data(item));
            return object;
        }
        case nlohmann::json::value_t::array: {
            mustache::data list{mustache::data::type::list};
            for (const auto& item : value) list.push_back(to_mustache_data(item));
            return list;
        }
        case nlohmann::json::value_t::string:
            return mustache::data{value.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return mustache::data{value.get<bool>()};
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float:
            return mustache::data{value.dump()};
        default:
            return mustache::data{false};
    }
}

core::Result<Templates> Templates::from_sources(std::map<std::string, std::string> sources) {
    std::vector<core::Diagnostic> errors;
    Templates templates;
    for (auto& [name, source] : sources) {
        mustache::mustache parsed{source};
        if (!parsed.is_valid()) errors.push_back(template_error(name, parsed.error_message()));
        templates.partials_.emplace(name, mustache::data{source});
        templates.sources_.emplace(name, std::move(source));
    }
    if (!errors.empty()) return errors;
    return templates;
}

core::Result<Templates> Templates::load(const fs::path& directory) {
    std::map<std::string, std::string> sources;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        const fs::path& path = entry.path();
        if (!entry.is_regular_file(ec) || path.extension() != kExtension) continue;
        std::ifstream in(path, std::ios::binary);
        if (!in) return template_error(path.stem().string(), "cannot be read");
        sources.emplace(path.stem().string(), std::string(std::istreambuf_iterator<char>(in), {}));
    }
    if (ec) {
        core::Diagnostic d;
        d.file = directory.string();
        d.note = "template directory cannot be read: " + ec.message();
        return d;
    }
    return from_sources(std::move(sources));
}

bool Templates::contains(std::string_view name) const {
    return sources_.find(name) != sources_.end();
}

core::Result<std::string> Templates::render(std::string_view name,
                                            const nlohmann::json& data) const {
    return render(name, to_mustache_data(data));
}

core::Result<std::string> Templates::render(std::string_view name,
                                            const mustache::data& data) const {
    const auto it = sources_.find(name);
    if (it == sources_.end()) return template_error(name, "no such template");
    // Parsed per call: kainjow's render is not const, and templates are small.
    mustache::mustache tmpl{it->second};
    tmpl.set_custom_escape([](const std::string& text) { return escape_html(text); });
    TemplateContext context(&data, partials_);
    std::string html = tmpl.render(context);
    if (!tmpl.is_valid()) return template_error(name, tmpl.error_message());
    return html;
}

core::Result<std::string> Templates::render_page(std::string_view name,
                                                 const nlohmann::json& data) const {
    return render_page(name, to_mustache_data(data.is_null() ? nlohmann::json::object() : data));
}

core::Result<std::string> Templates::render_page(std::string_view name, mustache::data data) const {
    if (!data.is_object()) return template_error(name, "page data must be an object");
    auto content = render(name, data);
    if (!content) return content;
    data.set("content", std::move(content.value()));
    if (data.get("lang") == nullptr) data.set("lang", "th");
    return render(kLayout, data);
}

}  // namespace itagap::web
