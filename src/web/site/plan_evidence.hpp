// Evidence files of a plan (progress updates' and activities'): an upload is
// checked by its content (app::validate_evidence) when the form is read, and
// stored only once the change it belongs to is known to be valid, so a refused
// form leaves no file behind. Downloads: plan_evidence.cpp. Internal to
// web/site.
#pragma once

#include <nlohmann/json.hpp>

#include "app/evidence.hpp"
#include "store/store.hpp"
#include "web/http/request.hpp"
#include "web/site/auth.hpp"
#include "web/site/plan_forms.hpp"
#include "web/site/site.hpp"

namespace itagap::web {

// The evidence routes take the file plus a few small form fields.
inline constexpr std::size_t kEvidenceRouteLimitBytes = app::kMaxEvidenceBytes + 64 * 1024;

// An optional evidence file posted as the form's "file" part.
struct Upload {
    const MultipartPart* file = nullptr;  // null when none was chosen
    app::EvidenceCheck check;
};

// The posted file, checked; a refusal is added to `state` ("file").
Upload read_upload(const Request& request, FormState& state);

// Stores a checked upload as evidence of plan `plan_id`; `details` (the
// audit entry's) gets its id, type and hash. REQUIRES: upload.file.
store::StatusOr<store::Id> store_upload(SiteContext& context, const SignedIn& who,
                                        store::Id plan_id, const Upload& upload,
                                        nlohmann::json& details);

}  // namespace itagap::web
