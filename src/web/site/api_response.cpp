#include "web/site/api_response.hpp"

namespace itagap::web {

Response api_error(http::status status, std::string_view code) {
    Response response = web::json(status, nlohmann::json{{"error", code}});
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

Response api_ok(const nlohmann::json& body) {
    Response response = web::json(http::status::ok, body);
    response.headers.set(http::field::cache_control, "no-store");
    return response;
}

Handler signed_in_only(SiteContext* context, ApiHandler handler, bool during_password_change) {
    return [context, handler = std::move(handler), during_password_change](const Request& request) {
        auto who = signed_in_user(*context, request);
        if (!who) return api_error(http::status::unauthorized, "not_signed_in");
        if (who->user.must_change_password && !during_password_change) {
            return api_error(http::status::forbidden, "password_change_required");
        }
        return handler(*context, request, *who);
    };
}

}  // namespace itagap::web
