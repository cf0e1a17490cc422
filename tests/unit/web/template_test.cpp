// Templates: escaping in each context, the shared layout, partials, and the
// shipped template directory.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "web/templates/html_escape.hpp"
#include "web/templates/templates.hpp"

namespace itagap::web {
namespace {

Templates make(std::map<std::string, std::string> sources) {
    auto templates = Templates::from_sources(std::move(sources));
    EXPECT_TRUE(templates) << (templates ? "" : core::to_string(templates.errors()));
    return std::move(templates).value();
}

TEST(TemplateEscaping, HelpersEscapeEachContext) {
    EXPECT_EQ(escape_html("<script>alert('x')</script> & \"q\""),
              "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    EXPECT_EQ(escape_html("ภาษาไทย"), "ภาษาไทย");
    EXPECT_EQ(escape_html_attribute("a=`b`"), "a&#61;&#96;b&#96;");
    EXPECT_EQ(encode_url_component("ก 1/2?a=b&c#d"), "%E0%B8%81%201%2F2%3Fa%3Db%26c%23d");
    EXPECT_EQ(encode_url_component("Az09-._~"), "Az09-._~");
}

TEST(TemplateEscaping, VariablesEscapeScriptAndBothQuotes) {
    const auto templates =
        make({{"page", "<p>{{x}}</p><a title='{{x}}' href=\"{{x}}\">{{{x}}}</a>"}});
    const auto html =
        templates.render("page", nlohmann::json{{"x", "<script>alert('x')</script>\""}});
    ASSERT_TRUE(html);
    const std::string escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;";
    EXPECT_EQ(html.value(), "<p>" + escaped + "</p><a title='" + escaped + "' href=\"" + escaped +
                                "\"><script>alert('x')</script>\"</a>");
}

TEST(TemplateEscaping, AttributeQuotesCannotBreakOut) {
    const auto templates = make({{"page", "<input value=\"{{v}}\"><input value='{{v}}'>"}});
    const auto html =
        templates.render("page", nlohmann::json{{"v", "\" onfocus=\"alert(1)' onblur='x"}});
    ASSERT_TRUE(html);
    EXPECT_EQ(html.value().find("\" onfocus"), std::string::npos);
    EXPECT_EQ(html.value().find("' onblur"), std::string::npos);
    EXPECT_EQ(html.value(),
              "<input value=\"&quot; onfocus=&quot;alert(1)&#39; onblur=&#39;x\">"
              "<input value='&quot; onfocus=&quot;alert(1)&#39; onblur=&#39;x'>");
}

TEST(TemplateEscaping, PartialsAndSectionsEscapeToo) {
    const auto templates =
        make({{"page", "{{#items}}{{> row}}{{/items}}"}, {"row", "<li>{{name}}</li>"}});
    const auto html =
        templates.render("page", nlohmann::json{{"items", {{{"name", "<b>"}}, {{"name", "ก&ข"}}}}});
    ASSERT_TRUE(html);
    EXPECT_EQ(html.value(), "<li>&lt;b&gt;</li><li>ก&amp;ข</li>");
}

TEST(TemplateRendering, PartialsComeFromTemplatesNotData) {
    const auto templates = make({{"page", "[{{> header}}]"}});
    // A data value named like a partial must not be rendered as template text.
    const auto html =
        templates.render("page", nlohmann::json{{"header", "{{secret}}"}, {"secret", "leaked"}});
    ASSERT_TRUE(html);
    EXPECT_EQ(html.value(), "[]");
}

TEST(TemplateRendering, ConvertsJsonValues) {
    const auto templates =
        make({{"page",
               "{{score}} {{count}} {{#ok}}yes{{/ok}}{{^missing}}none{{/missing}}"
               "{{#nothing}}x{{/nothing}}{{#empty}}x{{/empty}}{{unit.name}}"}});
    const auto html =
        templates.render("page", nlohmann::json{{"score", 81.82},
                                                {"count", 12},
                                                {"ok", true},
                                                {"nothing", nullptr},
                                                {"empty", nlohmann::json::array()},
                                                {"unit", {{"name", "ศูนย์ความร่วมมือ"}}}});
    ASSERT_TRUE(html);
    EXPECT_EQ(html.value(), "81.82 12 yesnoneศูนย์ความร่วมมือ");
}

TEST(TemplateRendering, PageGoesIntoLayoutEscapedOnce) {
    const auto templates =
        make({{"layout", "<html lang=\"{{lang}}\"><title>{{title}}</title>{{{content}}}</html>"},
              {"page", "<h1>{{title}}</h1>"}});
    const auto html = templates.render_page("page", nlohmann::json{{"title", "A & <B>"}});
    ASSERT_TRUE(html);
    EXPECT_EQ(
        html.value(),
        "<html lang=\"th\"><title>A &amp; &lt;B&gt;</title><h1>A &amp; &lt;B&gt;</h1></html>");
    const auto english =
        templates.render_page("page", nlohmann::json{{"title", "x"}, {"lang", "en"}});
    EXPECT_NE(english.value().find("lang=\"en\""), std::string::npos);
    // Data cannot supply `content`.
    const auto overridden =
        templates.render_page("page", nlohmann::json{{"title", "t"}, {"content", "<script>"}});
    EXPECT_EQ(overridden.value().find("<script>"), std::string::npos);
}

TEST(TemplateRendering, ReportsErrors) {
    EXPECT_FALSE(Templates::from_sources({{"bad", "{{#open}}never closed"}}));
    const auto templates = make({{"page", "x"}});
    EXPECT_FALSE(templates.render("nope", nlohmann::json::object()));
    EXPECT_FALSE(templates.render_page("page", nlohmann::json::object()));  // no layout
    EXPECT_FALSE(Templates::load("/nonexistent/itagap/templates"));
}

TEST(TemplateShipped, LayoutIsAThaiMobilePageWithoutScript) {
    auto loaded = Templates::load(std::string(ITAGAP_SOURCE_DIR) + "/src/web/templates");
    ASSERT_TRUE(loaded) << core::to_string(loaded.errors());
    Templates templates = std::move(loaded).value();
    ASSERT_TRUE(templates.contains("layout"));
    const auto html = templates.render(
        "layout",
        nlohmann::json{
            {"title", "แบบสำรวจ <IIT>"},
            {"content", "<p>เนื้อหา</p>"},
            {"lang", "th"},
            {"nav",
             {{"items", {{{"href", "/admin?a=1&b=2"}, {"label", "ผู้ดูแล"}, {"current", true}}}}}}});
    ASSERT_TRUE(html);
    const std::string& text = html.value();
    EXPECT_NE(text.find("<html lang=\"th\">"), std::string::npos);
    EXPECT_NE(text.find("name=\"viewport\""), std::string::npos);
    EXPECT_NE(text.find("href=\"/static/app.css\""), std::string::npos);
    EXPECT_NE(text.find("แบบสำรวจ &lt;IIT&gt;"), std::string::npos);
    EXPECT_NE(text.find("<p>เนื้อหา</p>"), std::string::npos);
    EXPECT_NE(text.find("href=\"/admin?a=1&amp;b=2\" aria-current=\"page\""), std::string::npos);
    EXPECT_NE(text.find("<header"), std::string::npos);
    EXPECT_NE(text.find("<main"), std::string::npos);
    EXPECT_NE(text.find("<footer"), std::string::npos);
    EXPECT_EQ(text.find("<script"), std::string::npos);
    EXPECT_EQ(text.find("style="), std::string::npos);  // CSP allows no inline style
    EXPECT_EQ(text.find("<style"), std::string::npos);
}

TEST(TemplateShipped, StylesheetHasThaiFontsAndNoImports) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/src/web/templates/static/app.css");
    ASSERT_TRUE(in);
    const std::string css((std::istreambuf_iterator<char>(in)), {});
    for (const char* font : {"\"TH Sarabun New\"", "\"Sarabun\"", "\"Laksaman\"", "system-ui"}) {
        EXPECT_NE(css.find(font), std::string::npos) << font;
    }
    EXPECT_EQ(css.find("@import"), std::string::npos);
    EXPECT_EQ(css.find("url("), std::string::npos);  // nothing fetched from elsewhere
}

}  // namespace
}  // namespace itagap::web
