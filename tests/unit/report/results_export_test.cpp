// The exports of one unit's round, checked against figures worked out by hand:
// exact CSV rows, formula neutralisation in both formats, and the XLSX package
// read back with unzip and xmllint.
#include "report/export/results_export.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp, setenv

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "questionnaire_builder.hpp"
#include "report/csv_writer.hpp"

namespace itagap::report {
namespace {

namespace fs = std::filesystem;
using core::Questionnaire;
using core::ResponseSet;
using testing::make_table;
using testing::QuestionnaireBuilder;

constexpr const char* kUnit = "@หน่วยงาน ก";  // starts with @: must come out neutralised
constexpr const char* kRound = "รอบ 1/2568";
constexpr const char* kHyperlink = "=HYPERLINK(\"http://evil.example\",\"คลิก\")";

// IIT: indicator 1 = i1, i2 (reverse-scored); indicator 2 = i3.
// EIT: indicator 6 = e1.  OIT (weight 0): indicator 9 = o1, never answered.
Questionnaire questionnaire() {
    // clang-format off
    Questionnaire q = QuestionnaireBuilder()
        .instrument("IIT", 50).indicator(1).item("i1").item("i2", true).indicator(2).item("i3")
        .instrument("EIT", 50).indicator(6).item("e1")
        .instrument("OIT", 0).indicator(9).item("o1")
        .build();
    // clang-format on
    q.items[q.find_item("i3")].text.th = kHyperlink;
    return q;
}

// Options 4..6 (after reversal) are favourable.
//   i1: 6, 5, 1          -> 2 of 3 = 66.67
//   i2 (rev): 1, 6, 2    -> effective 6, 1, 5 -> 2 of 3 = 66.67
//   indicator 1          = (66.67 + 66.67) / 2 = 66.67; 4 of 6 answers, 3 respondents
//   i3: 5, -, 4          -> 2 of 2 = 100; indicator 2 = 100, 2 respondents
//   IIT                  = (66.67 + 100) / 2 = 83.33, grade B; 6 of 8 answers
//   e1: 6, 3             -> 1 of 2 = 50; indicator 6 = EIT = 50, grade E
//   ITA total            = (83.33 x 50 + 50 x 50) / 100 = 66.67, grade C
// Respondent 2 wrote 6 on i2 (its worst, reversed) while i1 is favourable: one
// misread flag; counted unreversed i2 would be 3 of 3 = 100.
ResponseSet responses(const Questionnaire& q) {
    ResponseSet set;
    set.tables.push_back(make_table(q, "IIT", {{6, 1, 5}, {5, 6, 0}, {1, 2, 4}}, kUnit, kRound));
    set.tables.push_back(make_table(q, "EIT", {{6}, {3}}, kUnit, kRound));
    return set;
}

struct Scored {
    Questionnaire q = questionnaire();
    ResponseSet set = responses(q);
    std::vector<core::UnitRoundScore> scores = core::score_all(q, set);
    std::vector<core::UnitRoundGaps> gaps = core::analyse_all(q, set, scores, 85);
};

// The records of a CSV, which must start with the BOM and end every record
// in CRLF (no record here holds a line break).
std::vector<std::string> records(const std::string& csv) {
    EXPECT_EQ(csv.substr(0, kUtf8Bom.size()), kUtf8Bom);
    std::vector<std::string> out;
    std::size_t at = kUtf8Bom.size();
    while (at < csv.size()) {
        const std::size_t end = csv.find("\r\n", at);
        if (end == std::string::npos) {
            ADD_FAILURE() << "record without CRLF: " << csv.substr(at);
            break;
        }
        EXPECT_EQ(csv.substr(at, end - at).find('\n'), std::string::npos);
        out.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    return out;
}

const std::string kThaiScoreHeadings =
    "หน่วยงาน,รอบการประเมิน,ระดับ,เครื่องมือ,ตัวชี้วัด,ข้อย่อย,ชื่อ / ข้อคำถาม,คิดคะแนนกลับด้าน,"
    "ร้อยละ,ช่วงความเชื่อมั่น 95% ต่ำสุด,ช่วงความเชื่อมั่น 95% สูงสุด,คำตอบด้านบวก,คำตอบ,ผู้ตอบ,"
    "ระดับผลการประเมิน";

TEST(ScoresCsvTest, RowsInScoreTableOrderWithHandWorkedFigures) {
    Scored s;
    const auto rows = records(scores_csv(s.q, s.scores[0], Language::kThai));
    const std::string unit_round = "'@หน่วยงาน ก,รอบ 1/2568,";
    // Wilson 95%: p = 2/3, n = 3 -> 20.77-93.85; p = 1, n = 2 -> 34.24-100;
    // p = 5/6, n = 3 -> 31.00-98.23; p = 1/2, n = 2 -> 9.45-90.55.
    const std::vector<std::string> expected = {
        kThaiScoreHeadings,
        unit_round + "เครื่องมือ,IIT,,,IIT,,83.33,31.00,98.23,6,8,3,B",
        unit_round + "ตัวชี้วัด,IIT,1,,ตัวชี้วัด 1,,66.67,20.77,93.85,4,6,3,",
        unit_round + "ข้อย่อย,IIT,1,i1,ข้อ i1,ไม่ใช่,66.67,20.77,93.85,2,3,,",
        unit_round + "ข้อย่อย,IIT,1,i2,ข้อ i2,ใช่,66.67,20.77,93.85,2,3,,",
        unit_round + "ตัวชี้วัด,IIT,2,,ตัวชี้วัด 2,,100.00,34.24,100.00,2,2,2,",
        unit_round +
            "ข้อย่อย,IIT,2,i3,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"คลิก\"\")\",ไม่ใช่,"
            "100.00,34.24,100.00,2,2,,",
        unit_round + "เครื่องมือ,EIT,,,EIT,,50.00,9.45,90.55,1,2,2,E",
        unit_round + "ตัวชี้วัด,EIT,6,,ตัวชี้วัด 6,,50.00,9.45,90.55,1,2,2,",
        unit_round + "ข้อย่อย,EIT,6,e1,ข้อ e1,ไม่ใช่,50.00,9.45,90.55,1,2,,",
        // No answers: the row is there, its score, interval and grade empty.
        unit_round + "เครื่องมือ,OIT,,,OIT,,,,,0,0,0,",
        unit_round + "คะแนนรวม ITA,,,,,,66.67,,,,,,C",
    };
    ASSERT_EQ(rows.size(), expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], expected[i]) << "row " << i;
}

TEST(ScoresCsvTest, EnglishHeadingsAndWords) {
    Scored s;
    const auto rows = records(scores_csv(s.q, s.scores[0], Language::kEnglish));
    ASSERT_GE(rows.size(), 4u);
    EXPECT_EQ(rows[0],
              "Unit,Round,Level,Instrument,Indicator,Item,Name / text,Reverse-scored,Score,"
              "95% CI low,95% CI high,Favourable answers,Answers,Respondents,Grade");
    // No English text in the questionnaire: the Thai text stands in.
    EXPECT_EQ(rows[3], "'@หน่วยงาน ก,รอบ 1/2568,item,IIT,1,i1,ข้อ i1,no,66.67,20.77,93.85,2,3,,");
    EXPECT_EQ(rows.back(), "'@หน่วยงาน ก,รอบ 1/2568,ITA total,,,,,,66.67,,,,,,C");
}

TEST(ScoresCsvTest, NoTotalWhenNoInstrumentHasData) {
    Questionnaire q = questionnaire();
    ResponseSet set;
    set.tables.push_back(make_table(q, "EIT", {{0}, {0}}, "u", "r"));
    const auto scores = core::score_all(q, set);
    ASSERT_FALSE(scores[0].ita_total.has_value());
    const auto rows = records(scores_csv(q, scores[0], Language::kThai));
    EXPECT_EQ(rows.back(), "u,r,คะแนนรวม ITA,,,,,,,,,,,,");
    // EIT had two rows in the input although neither answered; IIT had none.
    EXPECT_EQ(rows[1], "u,r,เครื่องมือ,IIT,,,IIT,,,,,0,0,0,");
    EXPECT_EQ(rows[2], "u,r,เครื่องมือ,EIT,,,EIT,,,,,0,0,2,");
    EXPECT_EQ(rows[3], "u,r,ตัวชี้วัด,EIT,6,,ตัวชี้วัด 6,,,,,0,0,0,");
}

TEST(ResponsesCsvTest, OneRowPerRespondentOptionsAsWritten) {
    Scored s;
    const auto rows = records(responses_csv(s.q, s.set, Language::kThai));
    // i2 is reverse-scored but written 1, 6, 2: the export does not reverse.
    const std::vector<std::string> expected = {
        "เครื่องมือ,ลำดับ,i1,i2,i3,e1,o1",
        "IIT,1,6,1,5,,",
        "IIT,2,5,6,,,",
        "IIT,3,1,2,4,,",
        "EIT,1,,,,6,",
        "EIT,2,,,,3,",
    };
    EXPECT_EQ(rows, expected);
    EXPECT_EQ(records(responses_csv(s.q, s.set, Language::kEnglish))[0],
              "Instrument,Row,i1,i2,i3,e1,o1");
}

TEST(ResponsesCsvTest, ItemCodesInHeadingsAreNeutralised) {
    Questionnaire q = questionnaire();
    q.items[q.find_item("e1")].code = "-e1+1";
    ResponseSet set;
    EXPECT_EQ(records(responses_csv(q, set, Language::kThai)),
              std::vector<std::string>{"เครื่องมือ,ลำดับ,i1,i2,i3,'-e1+1,o1"});
}

// ---------------------------------------------------------------------------
// XLSX, unpacked with unzip.

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "itagap-export-test-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!path_.empty()) fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The package's parts, unpacked into `dir`.
bool unzip_into(const std::string& bytes, const fs::path& dir) {
    const fs::path file = dir / "results.xlsx";
    std::ofstream(file, std::ios::binary) << bytes;
    const std::string command =
        "unzip -o -q '" + file.string() + "' -d '" + (dir / "parts").string() + "'";
    return std::system(command.c_str()) == 0;
}

// The <c> element of one cell in a sheet's XML, or "" when absent.
std::string cell_xml(const std::string& sheet, const std::string& ref) {
    const std::size_t at = sheet.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return {};
    const std::size_t end = sheet.find("</c>", at);
    return sheet.substr(at, end == std::string::npos ? std::string::npos : end + 4 - at);
}

class ResultsXlsxTest : public ::testing::Test {
protected:
    void unpack(const core::ResponseSet* answers) {
        ASSERT_FALSE(dir_.path().empty());
        auto bytes = results_xlsx(s_.q, s_.scores[0], s_.gaps[0], answers, Language::kThai);
        ASSERT_TRUE(bytes.ok()) << bytes.status.message;
        ASSERT_EQ(bytes->substr(0, 2), "PK");
        ASSERT_TRUE(unzip_into(*bytes, dir_.path()));
    }
    std::string part(const std::string& name) const {
        return read_text(dir_.path() / "parts" / name);
    }

    Scored s_;
    TempDir dir_;
};

TEST_F(ResultsXlsxTest, ThreeSheetsNeutralisedTextAndNumbersAsNumbers) {
    unpack(&s_.set);
    const std::string workbook = part("xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"คะแนน\""), std::string::npos) << workbook;
    EXPECT_NE(workbook.find("name=\"ช่องว่าง\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"คำตอบ\""), std::string::npos);

    const std::string strings = part("xl/sharedStrings.xml");
    EXPECT_NE(strings.find("'=HYPERLINK("), std::string::npos);
    EXPECT_EQ(strings.find(">=HYPERLINK("), std::string::npos);
    EXPECT_NE(strings.find(">'@หน่วยงาน ก<"), std::string::npos);
    EXPECT_NE(strings.find(">ข้อคำถามเชิงลบที่ผู้ตอบอาจอ่านผิด<"), std::string::npos);

    // Scores: row 4 is i1 (heading, IIT, indicator 1, i1); column I the score,
    // stored at full precision (2 of 3 = 66.666...), not as shared text.
    const std::string scores = part("xl/worksheets/sheet1.xml");
    const std::string i1 = cell_xml(scores, "I4");
    EXPECT_NE(i1.find("<v>66.6666666666666"), std::string::npos) << i1;
    EXPECT_EQ(i1.find("t=\"s\""), std::string::npos) << i1;
    EXPECT_NE(i1.find(" s=\""), std::string::npos) << "no 0.00 format: " << i1;
    EXPECT_NE(part("xl/styles.xml").find("formatCode=\"0.00\""), std::string::npos);
    // The first row frozen.
    EXPECT_NE(scores.find("state=\"frozen\""), std::string::npos);

    // Gaps: the misread row of i2 carries one flagged respondent and the
    // estimate 100. The rows before it: IIT lowest indicator 1, lowest items
    // i1 and i2, indicator 1 and items i1, i2 below target -> row 8.
    const std::string gaps = part("xl/worksheets/sheet2.xml");
    EXPECT_NE(cell_xml(gaps, "J8").find("<v>1</v>"), std::string::npos) << gaps;
    EXPECT_NE(cell_xml(gaps, "K8").find("<v>100</v>"), std::string::npos) << gaps;

    // Answers: respondent 2 of IIT wrote 6 on i2 (row 3, column D).
    const std::string answers = part("xl/worksheets/sheet3.xml");
    EXPECT_NE(cell_xml(answers, "D3").find("<v>6</v>"), std::string::npos) << answers;
    EXPECT_EQ(cell_xml(answers, "E3"), "");  // i3 not answered: no cell at all
}

TEST_F(ResultsXlsxTest, EveryXmlPartIsWellFormed) {
    unpack(&s_.set);
    int checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_.path() / "parts")) {
        const std::string ext = entry.path().extension().string();
        if (ext != ".xml" && ext != ".rels") continue;
        const std::string command = "xmllint --noout '" + entry.path().string() + "'";
        EXPECT_EQ(std::system(command.c_str()), 0) << entry.path();
        ++checked;
    }
    EXPECT_GE(checked, 8);
}

TEST_F(ResultsXlsxTest, NoAnswersSheetWithoutResponses) {
    unpack(nullptr);
    const std::string workbook = part("xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"ช่องว่าง\""), std::string::npos);
    EXPECT_EQ(workbook.find("name=\"คำตอบ\""), std::string::npos);
}

// Sets $TMPDIR for one test and puts it back.
class ScopedTmpdir {
public:
    explicit ScopedTmpdir(const std::string& value) {
        if (const char* old = std::getenv("TMPDIR")) old_ = old;
        setenv("TMPDIR", value.c_str(), 1);
    }
    ~ScopedTmpdir() {
        if (old_.empty()) {
            unsetenv("TMPDIR");
        } else {
            setenv("TMPDIR", old_.c_str(), 1);
        }
    }

private:
    std::string old_;
};

TEST_F(ResultsXlsxTest, TemporaryFilesAreRemoved) {
    ASSERT_FALSE(dir_.path().empty());
    {
        ScopedTmpdir tmpdir(dir_.path().string());
        ASSERT_TRUE(results_xlsx(s_.q, s_.scores[0], s_.gaps[0], &s_.set, Language::kThai).ok());
    }
    EXPECT_TRUE(fs::is_empty(dir_.path()));
}

TEST_F(ResultsXlsxTest, AReasonWhenTheTemporaryFileCannotBeMade) {
    ScopedTmpdir tmpdir((dir_.path() / "missing").string());
    const auto bytes = results_xlsx(s_.q, s_.scores[0], s_.gaps[0], &s_.set, Language::kThai);
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.status.code, StatusCode::kInternal);
    EXPECT_NE(bytes.status.message.find("temporary file"), std::string::npos)
        << bytes.status.message;
}

TEST_F(ResultsXlsxTest, AReasonWhenACellCannotHoldTheText) {
    // A cell holds at most 32,767 characters (LXW_STR_MAX); libxlsxwriter refuses more.
    s_.q.items[0].text.th = std::string(40000, 'x');
    ASSERT_FALSE(dir_.path().empty());
    ScopedTmpdir tmpdir(dir_.path().string());
    const auto bytes = results_xlsx(s_.q, s_.scores[0], s_.gaps[0], &s_.set, Language::kThai);
    ASSERT_FALSE(bytes.ok());
    EXPECT_NE(bytes.status.message.find("cell"), std::string::npos) << bytes.status.message;
    EXPECT_TRUE(fs::is_empty(dir_.path()));
}

}  // namespace
}  // namespace itagap::report
