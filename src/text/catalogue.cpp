#include "text/catalogue.hpp"

#include <cstdio>
#include <optional>

#include "text/po_file.hpp"

namespace itagap::text {

std::string_view language_code(Language language) {
    return language == Language::kEnglish ? "en" : "th";
}

StatusOr<Catalogue> Catalogue::from_po_files(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
    Catalogue catalogue;
    for (const auto& [name, content] : files) {
        auto file = parse_po(content, name);
        if (!file.ok()) return file.status;
        Language language;
        if (file->language == "th") {
            language = Language::kThai;
        } else if (file->language == "en") {
            language = Language::kEnglish;
        } else {
            return Status::Invalid(std::string(name) + ":1: Language \"" + file->language +
                                   "\" is not th or en");
        }
        // Several files per language (th.po and one per feature, e.g.
        // security.th.po) merge into one catalogue; a key may be in one only.
        auto& texts = catalogue.texts_[language];
        for (auto& entry : file->entries) {
            auto& in_context = texts[entry.context];
            if (in_context.contains(entry.key)) {
                return Status::Invalid(
                    std::string(name) + ":" + std::to_string(entry.line) + ": " + entry.context +
                    "/" + entry.key + " is already in another file for Language " + file->language);
            }
            in_context[entry.key] = std::move(entry.text);
        }
    }
    return catalogue;
}

const std::string* Catalogue::find(Language language, std::string_view context,
                                   std::string_view key) const {
    auto l = texts_.find(language);
    if (l == texts_.end()) return nullptr;
    auto c = l->second.find(context);
    if (c == l->second.end()) return nullptr;
    auto k = c->second.find(key);
    return k == c->second.end() ? nullptr : &k->second;
}

std::string_view Catalogue::text(Language language, std::string_view context,
                                 std::string_view key) const {
    if (const std::string* t = find(language, context, key)) return *t;
    if (const std::string* t = find(Language::kThai, context, key)) return *t;
    return key;
}

Context Catalogue::context(Language language, std::string_view context) const {
    Context out;
    auto thai = texts_.find(Language::kThai);
    if (thai == texts_.end()) return out;
    auto keys = thai->second.find(context);
    if (keys == thai->second.end()) return out;
    for (const auto& [key, thai_text] : keys->second) {
        const std::string* t = find(language, context, key);
        out.emplace(key, t != nullptr ? *t : thai_text);
    }
    return out;
}

std::vector<std::string> Catalogue::contexts() const {
    std::vector<std::string> out;
    auto thai = texts_.find(Language::kThai);
    if (thai == texts_.end()) return out;
    for (const auto& [name, keys] : thai->second) out.push_back(name);
    return out;
}

std::vector<std::string> Catalogue::completeness_problems() const {
    std::vector<std::string> out;
    static const std::map<std::string, Context, std::less<>> kNone;
    auto thai_it = texts_.find(Language::kThai);
    const auto& thai = thai_it == texts_.end() ? kNone : thai_it->second;
    if (thai.empty()) out.push_back("th: no messages");
    for (Language language : {Language::kEnglish}) {
        auto other_it = texts_.find(language);
        const auto& other = other_it == texts_.end() ? kNone : other_it->second;
        const std::string code(language_code(language));
        for (const auto& [context, keys] : thai) {
            for (const auto& [key, text] : keys) {
                if (find(language, context, key) == nullptr)
                    out.push_back(code + ": " + context + "/" + key + " missing");
            }
        }
        for (const auto& [context, keys] : other) {
            for (const auto& [key, text] : keys) {
                if (find(Language::kThai, context, key) == nullptr)
                    out.push_back(code + ": " + context + "/" + key + " not in th");
            }
        }
    }
    return out;
}

namespace {

std::optional<Catalogue>& replacement_slot() {
    static std::optional<Catalogue> slot;
    return slot;
}

Catalogue load_embedded() {
    auto loaded = Catalogue::from_po_files(embedded_message_files());
    if (!loaded.ok()) {
        std::fprintf(stderr, "itagap: the message catalogue did not load: %s\n",
                     loaded.status.message.c_str());
        return Catalogue{};
    }
    for (const std::string& problem : loaded->completeness_problems()) {
        std::fprintf(stderr, "itagap: message catalogue: %s\n", problem.c_str());
    }
    return std::move(*loaded);
}

}  // namespace

const Catalogue& catalogue() {
    static const Catalogue kCatalogue =
        replacement_slot().has_value() ? std::move(*replacement_slot()) : load_embedded();
    return kCatalogue;
}

void use_catalogue(Catalogue replacement) { replacement_slot() = std::move(replacement); }

std::string_view phrase(Language language, std::string_view context, std::string_view key) {
    return catalogue().text(language, context, key);
}

}  // namespace itagap::text
