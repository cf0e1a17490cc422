// Evidence files: the upload a form carries (checked, stored later by
// plan_changes.cpp's commit) and GET /admin/plans/{plan}/evidence/{id}.
#include "web/site/plan_evidence.hpp"

#include "security/random_tokens.hpp"
#include "web/http/content_disposition.hpp"
#include "web/site/page.hpp"
#include "web/site/plan_routes.hpp"
#include "web/templates/html_escape.hpp"

namespace itagap::web {

Upload read_upload(const Request& request, FormState& state) {
    Upload upload;
    upload.file = request.file("file");
    if (upload.file && upload.file->filename && upload.file->filename->empty())
        upload.file = nullptr;
    if (upload.file) {
        upload.check = app::validate_evidence(*upload.file->filename, upload.file->data);
        if (!upload.check.ok()) add_error(state, "file", upload.check.message);
    }
    return upload;
}

store::StatusOr<store::Id> store_upload(SiteContext& context, const SignedIn& who,
                                        store::Id plan_id, const Upload& upload,
                                        nlohmann::json& details) {
    store::EvidenceFile evidence;
    evidence.plan_id = plan_id;
    evidence.original_name = *upload.file->filename;
    evidence.content_type = upload.check.content_type;
    evidence.sha256 = security::sha256_hex(upload.file->data);
    evidence.size_bytes = static_cast<std::int64_t>(upload.file->data.size());
    evidence.uploaded_at = now_timestamp(context);
    evidence.uploaded_by = who.user.id;
    auto id = context.store.add_evidence(evidence, upload.file->data);
    if (id.ok()) {
        details["evidence_id"] = *id;
        details["content_type"] = upload.check.content_type;
        details["sha256"] = evidence.sha256;
    }
    return id;
}

namespace {

Response download_evidence(SiteContext& context, const Request& request, const SignedIn& who,
                           Language language) {
    auto access = access_of(context, who.user);
    if (!access) return store_failed(context, &who, language);
    auto plan = plan_of(context, request, who, language, false, *access);
    if (auto* refusal = std::get_if<Response>(&plan)) return std::move(*refusal);
    const auto& stored = std::get<StoredPlan>(plan);
    const auto id = path_id(request, "id");
    if (!id) return not_found(context, who, language);
    auto file = context.store.get_evidence(*id);
    if (!file.ok()) {
        if (file.status.code == store::StatusCode::kNotFound)
            return not_found(context, who, language);
        return store_failed(context, &who, language);
    }
    if (file->plan_id != stored.record.id) return not_found(context, who, language);
    auto bytes = context.store.read_evidence_bytes(*id);
    if (!bytes.ok()) return store_failed(context, &who, language);
    Response response;
    response.body = std::move(*bytes);
    // The type detected at upload, re-checked: never a type the name suggests.
    const auto type = app::detect_evidence_type(response.body);
    response.headers.set(http::field::content_type,
                         type ? *type : std::string("application/octet-stream"));
    response.headers.set(http::field::content_disposition,
                         content_disposition(file->original_name));
    response.headers.set("X-Content-Type-Options", "nosniff");
    response.headers.set(http::field::cache_control, "private, no-store");
    return response;
}

}  // namespace

void add_plan_evidence_routes(Router& router, SiteContext* ctx) {
    page_route(router, ctx, "/admin/plans/{plan}/evidence/{id}", Need::kStaff, download_evidence);
}

}  // namespace itagap::web
