// The decoders behind Request: percent-decoding, form and query bodies,
// cookies, multipart bodies, and the router's path rules. No sockets here.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "web/http/access_log.hpp"
#include "web/http/multipart.hpp"
#include "web/http/response.hpp"
#include "web/http/router.hpp"
#include "web/http/static_files.hpp"
#include "web/http/url_decoding.hpp"

namespace itagap::web {
namespace {

TEST(HttpDecoding, PercentDecodesThaiAndPlus) {
    EXPECT_EQ(percent_decode("%E0%B8%81%E0%B8%82", false), "กข");
    EXPECT_EQ(percent_decode("a+b%20c", true), "a b c");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("%e0%b8%81", false), "ก");  // lower-case hex
}

TEST(HttpDecoding, PercentEncodesAllButUnreservedAndDecodesBack) {
    EXPECT_EQ(percent_encode("ก a"), "%E0%B8%81%20a");
    EXPECT_EQ(percent_encode("Az09-._~"), "Az09-._~");
    EXPECT_EQ(percent_encode("https://x/s/1/2?a=b&c"), "https%3A%2F%2Fx%2Fs%2F1%2F2%3Fa%3Db%26c");
    EXPECT_EQ(percent_encode(""), "");
    const std::string thai = "ขอเชิญตอบ ITA (ไม่ต้องระบุชื่อ) +100%";
    EXPECT_EQ(percent_decode(percent_encode(thai), false), thai);
}

TEST(HttpDecoding, RefusesMalformedEscapes) {
    EXPECT_EQ(percent_decode("%", false), std::nullopt);
    EXPECT_EQ(percent_decode("%4", false), std::nullopt);
    EXPECT_EQ(percent_decode("ab%", false), std::nullopt);
    EXPECT_EQ(percent_decode("%zz", false), std::nullopt);
    EXPECT_EQ(percent_decode("%4g", false), std::nullopt);
}

TEST(HttpDecoding, UrlencodedKeepsRepeatedKeysInOrder) {
    auto params = parse_urlencoded(
        "q=%E0%B8%AB%E0%B8%99%E0%B9%88%E0%B8%A7%E0%B8%A2+%E0%B8%87%E0%B8%B2%E0%B8%99"
        "&a=1&&a=2&flag&empty=");
    ASSERT_TRUE(params);
    EXPECT_EQ(params->get("q"), "หน่วย งาน");
    EXPECT_EQ(params->all("a"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(params->get("flag"), "");
    EXPECT_EQ(params->get("empty"), "");
    EXPECT_EQ(params->get("missing"), std::nullopt);
    EXPECT_EQ(params->size(), 5u);
}

TEST(HttpDecoding, UrlencodedDecodesNamesAndEncodedSeparators) {
    auto params = parse_urlencoded("a%3Db=c%26d&x%2By=1%2B1");
    ASSERT_TRUE(params);
    EXPECT_EQ(params->get("a=b"), "c&d");
    EXPECT_EQ(params->get("x+y"), "1+1");
}

TEST(HttpDecoding, UrlencodedRefusesBadEscapesInvalidUtf8AndTooManyPairs) {
    EXPECT_FALSE(parse_urlencoded("a=%zz"));
    EXPECT_FALSE(parse_urlencoded("a=%FF"));        // not UTF-8
    EXPECT_FALSE(parse_urlencoded("a=%C0%AF"));     // overlong '/'
    EXPECT_FALSE(parse_urlencoded("a=%ED%A0%80"));  // a surrogate
    EXPECT_FALSE(parse_urlencoded("a=1&b=2&c=3", 2));
    EXPECT_TRUE(parse_urlencoded("a=1&b=2", 2));
}

TEST(HttpDecoding, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("ภาษาไทย abc"));
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
    EXPECT_FALSE(is_valid_utf8("\xE0\xB8"));          // cut short
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\x80"));
}

TEST(HttpDecoding, CookieHeader) {
    const Params cookies = parse_cookie_header("sid=abc123; theme=\"dark\";  junk ; =x; lang=th");
    EXPECT_EQ(cookies.get("sid"), "abc123");
    EXPECT_EQ(cookies.get("theme"), "dark");
    EXPECT_EQ(cookies.get("lang"), "th");
    EXPECT_EQ(cookies.size(), 3u);
}

// ---- multipart ----------------------------------------------------------

std::string multipart_body(std::string_view boundary) {
    std::string b(boundary);
    return "--" + b +
           "\r\n"
           "Content-Disposition: form-data; name=\"round\"\r\n\r\n"
           "ITA 2568 รอบ 1\r\n"
           "--" +
           b +
           "\r\n"
           "Content-Disposition: form-data; name=\"responses\"; filename=\"ผลตอบ.csv\"\r\n"
           "Content-Type: text/csv\r\n\r\n"
           "unit,round\r\nA,1\r\n\r\n--not-the-boundary\r\n"
           "--" +
           b +
           "\r\n"
           "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
           "Content-Type: application/octet-stream\r\n\r\n"
           "\r\n"
           "--" +
           b + "--\r\n";
}

TEST(HttpMultipart, BoundaryFromContentType) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----abc"), "----abc");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""),
              "a b;c");
    EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
    EXPECT_EQ(multipart_boundary("text/plain; boundary=x"), std::nullopt);
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')),
              std::nullopt);
}

TEST(HttpMultipart, ParsesFieldsAndFiles) {
    const auto parts = parse_multipart(multipart_body("XyZ"), "XyZ");
    ASSERT_TRUE(parts) << core::to_string(parts.errors());
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ(parts.value()[0].name, "round");
    EXPECT_FALSE(parts.value()[0].filename);
    EXPECT_EQ(parts.value()[0].data, "ITA 2568 รอบ 1");
    EXPECT_EQ(parts.value()[0].content_type, "text/plain");
    EXPECT_EQ(parts.value()[1].name, "responses");
    EXPECT_EQ(parts.value()[1].filename, "ผลตอบ.csv");
    EXPECT_EQ(parts.value()[1].content_type, "text/csv");
    // Data that merely looks like a boundary line stays in the part.
    EXPECT_EQ(parts.value()[1].data, "unit,round\r\nA,1\r\n\r\n--not-the-boundary");
    EXPECT_EQ(parts.value()[2].filename, "");
    EXPECT_EQ(parts.value()[2].data, "");
}

TEST(HttpMultipart, KeepsBinaryBytes) {
    std::string data("\0\r\n\xff--X", 7);
    std::string body =
        "--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n\r\n" + data +
        "\r\n--X--";
    const auto parts = parse_multipart(body, "X");
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts.value()[0].data, data);
}

TEST(HttpMultipart, PreambleEpilogueQuotedNamesAndWindowsPaths) {
    const std::string body =
        "This is the preamble.\r\n--B\r\n"
        "content-disposition: form-data; name=\"a\\\"b\"; "
        "filename=\"C:\\\\Users\\\\x\\\\r.csv\"\r\n\r\n"
        "1\r\n--B--\r\nepilogue";
    const auto parts = parse_multipart(body, "B");
    ASSERT_TRUE(parts) << core::to_string(parts.errors());
    EXPECT_EQ(parts.value()[0].name, "a\"b");
    EXPECT_EQ(parts.value()[0].filename, "r.csv");
}

TEST(HttpMultipart, FilenameStar) {
    const std::string body =
        "--B\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E0%B8%81.csv\r\n\r\n"
        "x\r\n--B--";
    const auto parts = parse_multipart(body, "B");
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts.value()[0].filename, "ก.csv");
}

TEST(HttpMultipart, RefusesMalformedBodies) {
    EXPECT_FALSE(parse_multipart("", "B"));
    EXPECT_FALSE(parse_multipart("no boundary at all", "B"));
    // No closing boundary.
    EXPECT_FALSE(
        parse_multipart("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "B"));
    // No Content-Disposition.
    EXPECT_FALSE(parse_multipart("--B\r\nContent-Type: text/plain\r\n\r\n1\r\n--B--", "B"));
    // No headers at all.
    EXPECT_FALSE(parse_multipart("--B\r\n\r\n1\r\n--B--", "B"));
    // Not form-data, and no name.
    EXPECT_FALSE(parse_multipart(
        "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--B--", "B"));
    EXPECT_FALSE(parse_multipart("--B\r\nContent-Disposition: form-data\r\n\r\n1\r\n--B--", "B"));
    // Garbage after a boundary.
    EXPECT_FALSE(parse_multipart(
        "--Bxx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--", "B"));
    // Headers never end.
    EXPECT_FALSE(parse_multipart("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n", "B"));
    // A field name that is not UTF-8.
    EXPECT_FALSE(parse_multipart(
        "--B\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--B--", "B"));
}

TEST(HttpMultipart, Limits) {
    std::string body;
    for (int i = 0; i < 3; ++i) {
        body += "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
    }
    body += "--B--";
    EXPECT_TRUE(parse_multipart(body, "B", {3, 1024}));
    const auto too_many = parse_multipart(body, "B", {2, 1024});
    ASSERT_FALSE(too_many);
    EXPECT_NE(too_many.errors()[0].to_string().find("at most 2 parts"), std::string::npos);
    EXPECT_FALSE(parse_multipart(body, "B", {10, 20}));  // headers longer than 20 bytes
}

// ---- router ------------------------------------------------------------------

Response ok(const Request&) { return text(http::status::ok, "ok"); }

TEST(HttpRouterMatch, NamedParametersAreDecoded) {
    Router router;
    ASSERT_TRUE(router.get("/s/{round}/{unit}", ok));
    const auto match = router.match(http::verb::get, "/s/2568-1/%E0%B8%81%20x");
    ASSERT_EQ(match.outcome, RouteMatch::Outcome::found);
    EXPECT_EQ(match.path_params.get("round"), "2568-1");
    EXPECT_EQ(match.path_params.get("unit"), "ก x");
    EXPECT_EQ(router.match(http::verb::get, "/s/2568-1").outcome, RouteMatch::Outcome::not_found);
    EXPECT_EQ(router.match(http::verb::get, "/s/2568-1/").outcome,
              RouteMatch::Outcome::not_found);  // an empty parameter
    EXPECT_EQ(router.match(http::verb::get, "/s/a/b/c").outcome, RouteMatch::Outcome::not_found);
}

TEST(HttpRouterMatch, RefusesEncodedSlashesDotSegmentsAndNul) {
    Router router;
    ASSERT_TRUE(router.get("/static/{file*}", ok));
    EXPECT_EQ(router.match(http::verb::get, "/static/a/b.css").path_params.get("file"), "a/b.css");
    for (const char* path :
         {"/static/../x", "/static/%2e%2e/x", "/static/a%2Fb", "/static/a%2fb", "/static/./x",
          "/static/a%00b", "/static/..%2Fx", "/static/a%5Cb", "/static/%ff", "static/x", ""}) {
        EXPECT_EQ(router.match(http::verb::get, path).outcome, RouteMatch::Outcome::bad_path)
            << path;
    }
}

TEST(HttpRouterMatch, MethodNotAllowedListsMethodsAndHeadFallsBackToGet) {
    Router router;
    ASSERT_TRUE(router.get("/api/units/{id}", ok));
    ASSERT_TRUE(router.add(http::verb::delete_, "/api/units/{id}", ok));
    const auto post = router.match(http::verb::post, "/api/units/3");
    EXPECT_EQ(post.outcome, RouteMatch::Outcome::method_not_allowed);
    EXPECT_EQ(post.allow, "DELETE, GET, HEAD");
    const auto head = router.match(http::verb::head, "/api/units/3");
    ASSERT_EQ(head.outcome, RouteMatch::Outcome::found);
    EXPECT_EQ(head.route->method, http::verb::get);
}

TEST(HttpRouterMatch, RefusesMalformedPatterns) {
    Router router;
    EXPECT_FALSE(router.get("no-slash", ok));
    EXPECT_FALSE(router.get("/a/{}", ok));
    EXPECT_FALSE(router.get("/a/{x", ok));
    EXPECT_FALSE(router.get("/a/x{y}", ok));
    EXPECT_FALSE(router.get("/a/{rest*}/b", ok));
    EXPECT_FALSE(router.get("/a", Handler{}));
    EXPECT_TRUE(router.routes().empty());
}

TEST(HttpStaticPaths, SafeRelativePaths) {
    EXPECT_TRUE(is_safe_relative_path("app.css"));
    EXPECT_TRUE(is_safe_relative_path("img/logo.png"));
    for (const char* path :
         {"", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.", "a\\b"}) {
        EXPECT_FALSE(is_safe_relative_path(path)) << path;
    }
    EXPECT_FALSE(is_safe_relative_path(std::string_view("a\0b", 3)));
    EXPECT_EQ(content_type_for("x/app.CSS"), "text/css; charset=utf-8");
    EXPECT_EQ(content_type_for("logo.png"), "image/png");
    EXPECT_EQ(content_type_for("x.exe"), "application/octet-stream");
}

// ---- responses ---------------------------------------------------------------

TEST(HttpResponseHelpers, ContentTypesCarryCharset) {
    EXPECT_EQ(html(http::status::ok, "x").headers[http::field::content_type],
              "text/html; charset=utf-8");
    EXPECT_EQ(text(http::status::ok, "x").headers[http::field::content_type],
              "text/plain; charset=utf-8");
    const Response j = json(http::status::created, nlohmann::json{{"ชื่อ", "หน่วย"}, {"bad", "\xff"}});
    EXPECT_EQ(j.status, http::status::created);
    EXPECT_EQ(j.headers[http::field::content_type], "application/json; charset=utf-8");
    EXPECT_EQ(j.body, "{\"bad\":\"\xEF\xBF\xBD\",\"ชื่อ\":\"หน่วย\"}");
    const Response r = redirect("/admin/rounds");
    EXPECT_EQ(r.status, http::status::see_other);
    EXPECT_EQ(r.headers[http::field::location], "/admin/rounds");
}

TEST(HttpResponseHelpers, SetCookieAttributes) {
    Response response;
    Cookie session{"sid", "abc.123", "/admin",        std::chrono::seconds(3600),
                   true,  true,      SameSite::strict};
    ASSERT_TRUE(set_cookie(response, session));
    Cookie plain;
    plain.name = "lang";
    plain.value = "th";
    plain.http_only = false;
    ASSERT_TRUE(set_cookie(response, plain));
    clear_cookie(response, "old");

    std::vector<std::string> headers;
    for (const auto& field : response.headers) headers.emplace_back(field.value());
    ASSERT_EQ(headers.size(), 3u);
    EXPECT_EQ(headers[0],
              "sid=abc.123; Path=/admin; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
    EXPECT_EQ(headers[1], "lang=th; Path=/; SameSite=Lax");
    EXPECT_EQ(headers[2], "old=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(HttpResponseHelpers, SetCookieRefusesUnsafeText) {
    Response response;
    Cookie cookie;
    cookie.name = "sid";
    for (const char* value : {"a;b", "a b", "a\"b", "a,b", "a\\b", "ก", "a\r\nSet-Cookie: x=1"}) {
        cookie.value = value;
        EXPECT_FALSE(set_cookie(response, cookie)) << value;
    }
    cookie.value = "ok";
    cookie.name = "s;d";
    EXPECT_FALSE(set_cookie(response, cookie));
    cookie.name = "sid";
    cookie.path = "/;Domain=evil";
    EXPECT_FALSE(set_cookie(response, cookie));
    EXPECT_EQ(response.headers.begin(), response.headers.end());
}

TEST(HttpAccessLog, FormatsWithoutQueryAndHidesSurveyAddresses) {
    EXPECT_EQ(format_access_log_line({"GET", "/admin/rounds?token=secret", 200, 1.234, "10.0.0.7"}),
              "GET /admin/rounds 200 1.23ms 10.0.0.7");
    EXPECT_EQ(format_access_log_line({"POST", "/s/2568/unit-1?x=1", 303, 2, "10.0.0.7"}),
              "POST /s/2568/unit-1 303 2.00ms");
    EXPECT_EQ(format_access_log_line({"GET", "/iit/start", 200, 0, "10.0.0.7"}),
              "GET /iit/start 200 0.00ms");
    EXPECT_TRUE(is_survey_path("/%73/2568"));
    EXPECT_TRUE(is_survey_path("//S/x"));
    EXPECT_TRUE(is_survey_path("/IIT"));
    EXPECT_FALSE(is_survey_path("/static/app.css"));
    EXPECT_FALSE(is_survey_path("/summary"));
}

}  // namespace
}  // namespace itagap::web
