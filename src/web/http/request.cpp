#include "web/http/request.hpp"

namespace itagap::web {

std::string_view Request::header(std::string_view name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string_view{} : std::string_view(it->value());
}

const MultipartPart* Request::file(std::string_view name) const {
    for (const auto& part : parts) {
        if (part.name == name && part.filename) return &part;
    }
    return nullptr;
}

}  // namespace itagap::web
