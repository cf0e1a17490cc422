// A wording changed in a .po file shows up in a rendered page, and a key the
// English file lacks shows the Thai text rather than failing the page. Its own
// test program: the catalogue is replaced before anything reads it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "text/catalogue.hpp"
#include "web/templates/templates.hpp"
#include "web/ui_text.hpp"

namespace itagap::web {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = ITAGAP_SOURCE_DIR;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

TEST(CatalogueRender, AnEditedPoFileChangesThePageAndAMissingEnglishTextShowsThai) {
    // As an agency would edit th.po: one msgstr reworded. In en.po one entry is
    // deleted, as if a translator had not caught up yet.
    const std::string th =
        replaced(read(kSource / "data/messages/th.po"), "msgstr \"รหัสเข้าตอบแบบสำรวจ\"",
                 "msgstr \"รหัสสำหรับตอบแบบสำรวจ (แก้ไขโดยหน่วยงาน)\"");
    const std::string en =
        replaced(read(kSource / "data/messages/en.po"),
                 "msgctxt \"survey\"\nmsgid \"code_start\"\nmsgstr \"Start the survey\"\n", "");
    auto edited = text::Catalogue::from_po_files({{"th.po", th}, {"en.po", en}});
    ASSERT_TRUE(edited.ok()) << edited.status.message;
    EXPECT_EQ(edited->completeness_problems(),
              std::vector<std::string>{"en: survey/code_start missing"});
    text::use_catalogue(std::move(*edited));

    std::map<std::string, std::string> sources;
    for (const char* name : {"layout", "header", "footer"}) {
        sources[name] = read(kSource / "src/web/templates" / (std::string(name) + ".mustache"));
    }
    sources["iit_code"] = read(kSource / "src/web/pages/iit_code.mustache");
    auto templates = Templates::from_sources(std::move(sources));
    ASSERT_TRUE(templates) << core::to_string(templates.errors());

    auto page = [&](Language language) {
        nlohmann::json data{{"t", ui_text(language)},
                            {"lang", std::string(language_code(language))},
                            {"title", ui_phrase(language, "code_title")}};
        auto html = templates.value().render_page("iit_code", data);
        EXPECT_TRUE(html) << core::to_string(html.errors());
        return html ? std::move(html).value() : std::string();
    };
    const std::string thai = page(Language::kThai);
    EXPECT_NE(thai.find("รหัสสำหรับตอบแบบสำรวจ (แก้ไขโดยหน่วยงาน)"), std::string::npos);
    EXPECT_EQ(thai.find("รหัสเข้าตอบแบบสำรวจ<"), std::string::npos);
    const std::string english = page(Language::kEnglish);
    EXPECT_NE(english.find("Survey access code"), std::string::npos);
    EXPECT_NE(english.find(">เริ่มทำแบบสำรวจ</button>"), std::string::npos);  // Thai fills the gap
    EXPECT_EQ(ui_phrase(Language::kEnglish, "code_start"), "เริ่มทำแบบสำรวจ");
    EXPECT_EQ(ui_phrase(Language::kEnglish, "no_such_key"), "no_such_key");  // never a failure
}

}  // namespace
}  // namespace itagap::web
