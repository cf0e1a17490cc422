// The Content-Security-Policy of a page that carries its own CSS in <style>
// elements (the KPI attachment as HTML, report/html/document_html.hpp): the
// site's policy (kContentSecurityPolicy) with exactly those elements allowed
// by their SHA-256 (CSP Level 2 hash sources), so the print layout applies
// and nothing else inline does. Style attributes stay blocked.
#pragma once

#include <string>
#include <string_view>

namespace itagap::web {

std::string content_security_policy_allowing_styles_of(std::string_view html);

}  // namespace itagap::web
