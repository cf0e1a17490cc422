#include "web/templates/templates.hpp"

#include <fstream>
#include <iterator>
#include <kainjow/mustache.hpp>

#include "web/templates/html_escape.hpp"

namespace itagap::web {
namespace {

namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;
using Partials = std::map<std::string, mustache::data, std::less<>>;

constexpr std::string_view kExtension = ".mustache";
constexpr std::string_view kLayout = "layout";

// Resolves {{> name}} from the template directory only. The stock context
// would look partials up in the data, letting data supply template text.
class TemplateContext : public mustache::context<std::string> {
public:
    TemplateContext(const mustache::data* data, const Partials& partials)
        : mustache::context<std::string>(data), partials_(partials) {}

    const mustache::data* get_partial(const std::string& name) const override {
        const auto it = partials_.find(name);
        return it == partials_.end() ? nullptr : &it->second;
    }

private:
    const Partials& partials_;
};

core::Diagnostic template_error(std::string_view name, std::string note) {
    core::Diagnostic d;
    d.file = std::string(name) + std::string(kExtension);
    d.note = std::move(note);
    return d;
}

// Objects, arrays, strings and booleans as themselves; numbers as their JSON
// text ("81.82"); null as false, so {{#x}} skips it.
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

}  // namespace

struct Templates::Parsed {
    std::map<std::string, std::string, std::less<>> sources;
    Partials partials;  // the same sources as mustache data, for partial lookup

    core::Result<std::string> render(std::string_view name, const mustache::data& data) const;
};

Templates::Templates(std::shared_ptr<const Parsed> parsed) : parsed_(std::move(parsed)) {}

core::Result<Templates> Templates::from_sources(std::map<std::string, std::string> sources) {
    std::vector<core::Diagnostic> errors;
    auto parsed = std::make_shared<Parsed>();
    for (auto& entry : sources) {
        const std::string& name = entry.first;
        mustache::mustache checked{entry.second};
        if (!checked.is_valid()) errors.push_back(template_error(name, checked.error_message()));
        parsed->partials.emplace(name, mustache::data{entry.second});
        parsed->sources.emplace(name, std::move(entry.second));
    }
    if (!errors.empty()) return errors;
    return Templates(std::move(parsed));
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
    return parsed_->sources.find(name) != parsed_->sources.end();
}

core::Result<std::string> Templates::render(std::string_view name,
                                            const nlohmann::json& data) const {
    return parsed_->render(name, to_mustache_data(data));
}

core::Result<std::string> Templates::Parsed::render(std::string_view name,
                                                    const mustache::data& data) const {
    const auto it = sources.find(name);
    if (it == sources.end()) return template_error(name, "no such template");
    // Parsed per call: kainjow's render is not const, and templates are small.
    mustache::mustache tmpl{it->second};
    tmpl.set_custom_escape([](const std::string& text) { return escape_html(text); });
    TemplateContext context(&data, partials);
    std::string html = tmpl.render(context);
    if (!tmpl.is_valid()) return template_error(name, tmpl.error_message());
    return html;
}

core::Result<std::string> Templates::render_page(std::string_view name,
                                                 const nlohmann::json& data) const {
    mustache::data page = to_mustache_data(data.is_null() ? nlohmann::json::object() : data);
    if (!page.is_object()) return template_error(name, "page data must be an object");
    auto content = parsed_->render(name, page);
    if (!content) return content;
    page.set("content", content.value());
    if (page.get("lang") == nullptr) page.set("lang", "th");
    return parsed_->render(kLayout, page);
}

}  // namespace itagap::web
