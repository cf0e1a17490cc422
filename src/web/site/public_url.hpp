// The base URL of every link printed or encoded for respondents (QR codes,
// code sheets, posters): never the request's Host header, which anyone can
// set and which would put an attacker's address on an official poster.
#pragma once

#include <string>
#include <string_view>

#include "web/site/site.hpp"

namespace itagap::web {

// SiteOptions::public_base_url (`serve --public-url`) without a trailing
// slash; when none is configured (allowed only when serving on loopback),
// the server's loopback address, or "http://127.0.0.1" if even that is unknown.
std::string public_base_url(const SiteContext& context);

// Whether `serve --public-url` was given; admin pages that make links say so
// when not.
bool public_url_configured(const SiteContext& context);

// The links respondents are given, all on the public base URL: a unit's EIT
// survey ("/s/{round}/{unit}"), and where an IIT code is typed ("/iit"), with
// the code filled in when given ("/iit?code=K7Q-MX3-PAR", for the QR code on
// a code slip; the access log never writes a query string).
std::string eit_survey_link(const SiteContext& context, store::Id round, store::Id unit);
std::string iit_survey_link(const SiteContext& context, std::string_view code = {});

}  // namespace itagap::web
