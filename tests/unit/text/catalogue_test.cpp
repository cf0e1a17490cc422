// The message catalogue: its lookup policy, and the shipped files
// (data/messages/*.po) checked for completeness, for every key the templates
// and the code use, and by gettext's own msgfmt.
#include "text/catalogue.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "command_output.hpp"
#include "core/plans.hpp"
#include "core/thai_date.hpp"

namespace itagap::text {
namespace {

namespace fs = std::filesystem;
using testing::run_command;

const fs::path kSource = ITAGAP_SOURCE_DIR;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string po(std::string_view language, const std::string& body) {
    return "msgid \"\"\nmsgstr \"Language: " + std::string(language) + "\\n\"\n\n" + body;
}

Catalogue two_languages(const std::string& thai_body, const std::string& english_body) {
    const std::string th = po("th", thai_body);
    const std::string en = po("en", english_body);
    auto catalogue = Catalogue::from_po_files({{"th.po", th}, {"en.po", en}});
    EXPECT_TRUE(catalogue.ok()) << catalogue.status.message;
    return std::move(*catalogue);
}

// ---- The lookup and its one policy ---------------------------------------------------

TEST(Catalogue, AMissingTextFallsBackToThaiThenToTheKey) {
    const Catalogue c = two_languages(
        "msgctxt \"survey\"\nmsgid \"next\"\nmsgstr \"ถัดไป\"\n\n"
        "msgctxt \"survey\"\nmsgid \"back\"\nmsgstr \"ย้อนกลับ\"\n",
        "msgctxt \"survey\"\nmsgid \"next\"\nmsgstr \"Next\"\n");
    EXPECT_EQ(c.text(Language::kEnglish, "survey", "next"), "Next");
    EXPECT_EQ(c.text(Language::kThai, "survey", "next"), "ถัดไป");
    EXPECT_EQ(c.text(Language::kEnglish, "survey", "back"), "ย้อนกลับ");  // English lacks it
    EXPECT_EQ(c.text(Language::kEnglish, "survey", "gone"), "gone");    // nobody has it
    EXPECT_EQ(c.text(Language::kThai, "admin", "next"), "next");        // another catalogue
    EXPECT_EQ(c.find(Language::kEnglish, "survey", "back"), nullptr);

    const Context english = c.context(Language::kEnglish, "survey");
    ASSERT_EQ(english.size(), 2u);
    EXPECT_EQ(english.at("next"), "Next");
    EXPECT_EQ(english.at("back"), "ย้อนกลับ");
    EXPECT_TRUE(c.context(Language::kThai, "nowhere").empty());
    EXPECT_EQ(c.contexts(), std::vector<std::string>{"survey"});
}

TEST(Catalogue, CompletenessNamesEveryKeyALanguageLacksOrAdds) {
    const Catalogue c = two_languages(
        "msgctxt \"a\"\nmsgid \"one\"\nmsgstr \"หนึ่ง\"\n\nmsgctxt \"b\"\nmsgid \"two\"\nmsgstr "
        "\"สอง\"\n",
        "msgctxt \"a\"\nmsgid \"one\"\nmsgstr \"one\"\n\nmsgctxt \"a\"\nmsgid \"three\"\nmsgstr "
        "\"three\"\n");
    EXPECT_EQ(c.completeness_problems(),
              (std::vector<std::string>{"en: b/two missing", "en: a/three not in th"}));
    const Catalogue complete =
        two_languages("msgid \"k\"\nmsgstr \"ก\"\n", "msgid \"k\"\nmsgstr \"\"\n");
    EXPECT_TRUE(complete.completeness_problems().empty());  // an empty text is present
    EXPECT_EQ(Catalogue{}.completeness_problems(), std::vector<std::string>{"th: no messages"});
}

TEST(Catalogue, RefusesUnknownLanguagesRepeatedKeysAndBrokenFiles) {
    const std::string fr = po("fr", "");
    EXPECT_EQ(Catalogue::from_po_files({{"fr.po", fr}}).status.message,
              "fr.po:1: Language \"fr\" is not th or en");
    // Several files of one language merge; a key in two of them is refused.
    const std::string th = po("th", "msgctxt \"a\"\nmsgid \"k\"\nmsgstr \"ก\"\n");
    const std::string th2 = po("th", "msgctxt \"a\"\nmsgid \"other\"\nmsgstr \"ข\"\n");
    auto merged = Catalogue::from_po_files({{"th.po", th}, {"th2.po", th2}});
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ(merged->text(Language::kThai, "a", "other"), "ข");
    EXPECT_EQ(Catalogue::from_po_files({{"th.po", th}, {"th2.po", th}}).status.message,
              "th2.po:5: a/k is already in another file for Language th");
    const std::string broken = po("th", "msgid \"k\"\n");
    EXPECT_EQ(Catalogue::from_po_files({{"th.po", broken}}).status.message,
              "th.po:4: expected msgstr after msgid \"k\"");
}

// ---- The shipped catalogue ----------------------------------------------------------

TEST(ShippedCatalogue, LoadsAndEveryLanguageHasEveryKey) {
    auto loaded = Catalogue::from_po_files(embedded_message_files());
    ASSERT_TRUE(loaded.ok()) << loaded.status.message;
    std::string problems;
    for (const std::string& p : loaded->completeness_problems()) problems += p + "\n";
    EXPECT_EQ(problems, "");
    EXPECT_EQ(loaded->contexts(),
              (std::vector<std::string>{"admin", "cli", "evidence", "export", "kpi", "narrative",
                                        "plan", "public", "report", "survey"}));
}

TEST(ShippedCatalogue, TheBinaryCarriesTheFilesUnderData) {
    // The build embeds data/messages/*.po; a stale copy would show old wording.
    std::set<std::string> names;
    for (const auto& [name, content] : embedded_message_files()) {
        names.insert(std::string(name));
        EXPECT_EQ(content, read(kSource / "data/messages" / std::string(name))) << name;
    }
    EXPECT_TRUE(names.contains("th.po") && names.contains("en.po"));
    EXPECT_TRUE(names.contains("security.th.po") && names.contains("security.en.po"));
}

TEST(ShippedCatalogue, GettextReadsEveryFile) {
    ASSERT_NE(run_command("command -v msgfmt"), "")
        << "msgfmt is missing: install the Debian package gettext (scripts/install-deps.sh)";
    for (const auto& [name, content] : embedded_message_files()) {
        const fs::path path = kSource / "data/messages" / std::string(name);
        const std::string out = run_command("msgfmt --check --check-accelerators -o /dev/null '" +
                                            path.string() + "' 2>&1; echo rc=$?");
        EXPECT_EQ(out, "rc=0\n") << path;
    }
}

TEST(ShippedCatalogue, ThaiMonthNamesAreTheCalendarsOwn) {
    // Report headings take month names from the catalogue, dates from core:
    // the two must agree.
    for (int month = 1; month <= 12; ++month) {
        EXPECT_EQ(phrase(Language::kThai, "report", "month_" + std::to_string(month)),
                  core::thai_month_name(month));
    }
}

// ---- Every key a template or the code uses exists -------------------------------------

struct KeyUse {
    std::string context, key, where;
};

void expect_all_exist(const std::vector<KeyUse>& uses) {
    auto loaded = Catalogue::from_po_files(embedded_message_files());
    ASSERT_TRUE(loaded.ok()) << loaded.status.message;
    std::string missing;
    for (const KeyUse& use : uses) {
        if (loaded->find(Language::kThai, use.context, use.key) == nullptr)
            missing += use.where + ": " + use.context + "/" + use.key + "\n";
    }
    EXPECT_EQ(missing, "");
}

std::vector<fs::path> files_under(const fs::path& dir, std::string_view extension) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == extension)
            out.push_back(entry.path());
    }
    return out;
}

// {{t.key}} is the survey catalogue, {{a.key}} admin, {{r.key}} the report,
// {{p.key}} the plan pages' (plan_*) or the public pages' (public_*).
TEST(ShippedCatalogue, EveryKeyATemplateUsesExists) {
    std::vector<KeyUse> uses;
    const std::regex key_use(R"re(\{\{[#^/{&]?\s*([tapr])\.([A-Za-z0-9_]+))re");
    for (const fs::path& dir : {kSource / "src/web/pages", kSource / "src/web/templates"}) {
        for (const fs::path& file : files_under(dir, ".mustache")) {
            const std::string name = file.filename().string();
            const std::string text = read(file);
            for (std::sregex_iterator it(text.begin(), text.end(), key_use), end; it != end; ++it) {
                const std::string prefix = (*it)[1];
                std::string context = prefix == "t"   ? "survey"
                                      : prefix == "a" ? "admin"
                                      : prefix == "r" ? "report"
                                                      : "";
                if (prefix == "p") context = name.starts_with("public_") ? "public" : "plan";
                uses.push_back({context, (*it)[2], name});
            }
        }
    }
    EXPECT_GT(uses.size(), 400u);  // the scan found the pages' keys
    expect_all_exist(uses);
}

// The lookups in C++ with a literal key: web's X_phrase(language, "key") and
// ui_text(language).at("key"), text::phrase(language, "context", "key"), and
// the per-file tables (the narrative's and the KPI attachment's t("key"),
// the exports' Text{"key"}, the evidence messages' message("key")).
TEST(ShippedCatalogue, EveryKeyTheCodeUsesExists) {
    std::vector<KeyUse> uses;
    const std::regex web_phrase(
        R"re(\b(admin|plan|public|report|ui)_phrase\(\s*[A-Za-z_.]+,\s*"([a-z0-9_]+)"\s*\))re");
    const std::regex ui_at(R"re(ui_text\([^)]*\)\.at\("([a-z0-9_]+)"\))re");
    const std::regex text_phrase(R"re(text::phrase\([^,]+,\s*"([a-z_]+)",\s*"([a-z0-9_]+)"\))re");
    const std::regex report_lambda(R"re(\b[rp]\("([a-z0-9_]+)"\))re");
    const std::regex table_t(R"re(\bt\("([a-z0-9_]+)"\))re");
    const std::regex export_text(R"re((?:Text k[A-Za-z]+\{|\{\{)"([a-z0-9_]+)"\})re");
    const std::regex evidence_message(R"re(\bmessage\(([^;()]*"[^;()]*)\))re");
    const std::regex quoted(R"re("([a-z0-9_]+)")re");
    auto scan = [&](const std::string& text, const std::regex& re, const std::string& where,
                    auto&& add) {
        for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
            add(*it, where);
    };
    std::size_t web_uses = 0;
    for (const fs::path& file : files_under(kSource / "src", ".cpp")) {
        const std::string where = fs::relative(file, kSource).string();
        const std::string text = read(file);
        scan(text, web_phrase, where, [&](const std::smatch& m, const std::string& w) {
            const std::string c = m[1] == "ui" ? "survey" : std::string(m[1]);
            uses.push_back({c, m[2], w});
            ++web_uses;
        });
        scan(text, ui_at, where, [&](const std::smatch& m, const std::string& w) {
            uses.push_back({"survey", m[1], w});
        });
        scan(text, text_phrase, where, [&](const std::smatch& m, const std::string& w) {
            uses.push_back({m[1], m[2], w});
        });
        if (where == "src/web/site/executive_report_routes.cpp") {
            scan(text, report_lambda, where, [&](const std::smatch& m, const std::string& w) {
                uses.push_back({"report", m[1], w});
            });
        }
        if (where == "src/report/messages.cpp" || where == "src/report/kpi_attachment.cpp") {
            const std::string c = where == "src/report/messages.cpp" ? "narrative" : "kpi";
            std::size_t found = 0;
            scan(text, table_t, where, [&](const std::smatch& m, const std::string& w) {
                uses.push_back({c, m[1], w});
                ++found;
            });
            EXPECT_GT(found, 30u) << where;
        }
        if (where == "src/report/export/export_tables.cpp") {
            std::size_t found = 0;
            scan(text, export_text, where, [&](const std::smatch& m, const std::string& w) {
                uses.push_back({"export", m[1], w});
                ++found;
            });
            EXPECT_GT(found, 40u) << where;
        }
        if (where == "src/app/evidence.cpp") {
            scan(text, evidence_message, where, [&](const std::smatch& m, const std::string& w) {
                const std::string args = m[1];
                for (std::sregex_iterator q(args.begin(), args.end(), quoted), end; q != end; ++q)
                    uses.push_back({"evidence", (*q)[1], w});
            });
        }
    }
    EXPECT_GT(web_uses, 50u);  // the scan found the web's lookups
    // Keys made at run time: "status_" + the measure status (plan pages).
    for (auto s : {core::MeasureStatus::kNotStarted, core::MeasureStatus::kInProgress,
                   core::MeasureStatus::kDone, core::MeasureStatus::kCancelled}) {
        uses.push_back({"plan", "status_" + std::string(core::to_string(s)), "plan_views.cpp"});
    }
    expect_all_exist(uses);
}

}  // namespace
}  // namespace itagap::text
