#include "input/responses_csv.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace itagap::input {
namespace {

using core::Answer;
using core::Diagnostic;
using core::Questionnaire;
using core::ResponseSet;
using core::ResponseTable;

// A small questionnaire:
//   IIT: indicator 1 (i1, i2), indicator 2 (i3, reverse), all on `agree6`
//        (Thai and English labels);
//   EIT: indicator 3 (e1, e2) on `level6` (Thai labels only);
//   OIT: indicator 4, without items.
Questionnaire make_questionnaire() {
    Questionnaire q;
    q.id = "test-q";

    core::AnswerScale agree;
    agree.id = "agree6";
    const char* agree_th[] = {"ไม่เห็นด้วยอย่างยิ่ง", "ไม่เห็นด้วย", "ค่อนข้างไม่เห็นด้วย",
                              "ค่อนข้างเห็นด้วย",   "เห็นด้วย",   "เห็นด้วยอย่างยิ่ง"};
    const char* agree_en[] = {"Strongly disagree", "Disagree", "Somewhat disagree",
                              "Somewhat agree",    "Agree",    "Strongly agree"};
    for (int k = 0; k < 6; ++k) agree.options.push_back({{agree_th[k], agree_en[k]}, 0, k >= 3});
    q.scales.push_back(agree);

    core::AnswerScale level;
    level.id = "level6";
    for (const char* th : {"น้อยที่สุด", "น้อย", "ค่อนข้างน้อย", "ค่อนข้างมาก", "มาก", "มากที่สุด"}) {
        level.options.push_back({{th, ""}, 0, false});
    }
    q.scales.push_back(level);

    q.instruments = {{"IIT", {"ภายใน", "Internal"}, 30, {0, 1}},
                     {"EIT", {"ภายนอก", "External"}, 30, {2}},
                     {"OIT", {"เปิดเผยข้อมูล", "Open data"}, 40, {3}}};
    q.indicators = {{1, {"หนึ่ง", ""}, 0, {0, 1}},
                    {2, {"สอง", ""}, 0, {2}},
                    {3, {"สาม", ""}, 1, {3, 4}},
                    {4, {"สี่", ""}, 2, {}}};
    q.items = {{"i1", {"ข้อ 1", ""}, 0, 0, false},
               {"i2", {"ข้อ 2", ""}, 0, 0, false},
               {"i3", {"ข้อ 3", ""}, 1, 0, true},
               {"e1", {"ข้อ e1", ""}, 2, 1, false},
               {"e2", {"ข้อ e2", ""}, 2, 1, false}};
    return q;
}

const Questionnaire& questionnaire() {
    static const Questionnaire q = make_questionnaire();
    return q;
}

core::Result<ResponseSet> parse(std::string_view text) {
    return parse_responses_csv(questionnaire(), text, "r.csv");
}

std::vector<Answer> column(const ResponseTable& t, int c) {
    const auto span = t.answers(c);
    return {span.begin(), span.end()};
}

using Bytes = std::vector<Answer>;

std::string all_errors(const core::Result<ResponseSet>& r) {
    return r.ok() ? std::string("(no errors)") : core::to_string(r.errors());
}

// Expects exactly one error, on `line`, in column `where`, mentioning `phrase`.
void expect_one_error(std::string_view text, std::size_t line, std::string_view where,
                      std::string_view phrase, std::string_view value = "\x01") {
    const auto r = parse(text);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u) << all_errors(r);
    const Diagnostic& d = r.errors()[0];
    EXPECT_EQ(d.file, "r.csv");
    EXPECT_EQ(d.line, line) << d.to_string();
    EXPECT_EQ(d.where, where) << d.to_string();
    EXPECT_NE(d.expected.find(phrase), std::string::npos) << d.to_string();
    if (value != "\x01") {
        EXPECT_EQ(d.value, value) << d.to_string();
    }
}

// --- Valid input -------------------------------------------------------------

TEST(ResponsesCsv, ParsesOneTable) {
    const auto r = parse(
        "unit,round,instrument,respondent,i1,i2,i3\n"
        "U1,2567,IIT,r1,1,2,3\n"
        "U1,2567,IIT,r2,6,,5\n"
        "U1,2567,IIT,r3,4,5,6\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r->tables.size(), 1u);
    const ResponseTable& t = r->tables[0];
    EXPECT_EQ(t.unit(), "U1");
    EXPECT_EQ(t.round(), "2567");
    EXPECT_EQ(t.instrument(), 0);
    EXPECT_EQ(t.respondents(), 3u);
    ASSERT_EQ(t.item_of_column(), (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(column(t, 0), (Bytes{1, 6, 4}));
    EXPECT_EQ(column(t, 1), (Bytes{2, core::kNotAnswered, 5}));
    EXPECT_EQ(column(t, 2), (Bytes{3, 5, 6}));
}

TEST(ResponsesCsv, ReversalIsNotAppliedAtParseTime) {
    // i3 is reverse: option 1 as written is stored as 1, not 6.
    const auto r = parse("unit,round,instrument,respondent,i3\nU,1,IIT,a,1\nU,1,IIT,b,6\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(column(r->tables[0], 2), (Bytes{1, 6}));
}

TEST(ResponsesCsv, LabelsMapToOptionNumbers) {
    const auto r = parse(
        "unit,round,instrument,respondent,i1,i2,i3\n"
        "U,1,IIT,a,ไม่เห็นด้วยอย่างยิ่ง,เห็นด้วย,เห็นด้วยอย่างยิ่ง\n"
        "U,1,IIT,b,Strongly agree,Somewhat disagree,  ไม่เห็นด้วย  \n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const ResponseTable& t = r->tables[0];
    EXPECT_EQ(column(t, 0), (Bytes{1, 6}));
    EXPECT_EQ(column(t, 1), (Bytes{5, 3}));
    EXPECT_EQ(column(t, 2), (Bytes{6, 2}));  // reverse item: label stored as written
}

TEST(ResponsesCsv, ColumnsInAnyOrderAndItemColumnsOptional) {
    // Only EIT items, e2 before e1, required columns shuffled, names padded.
    const auto r = parse(
        " e2 ,respondent, unit ,e1,instrument,round\n"
        "มาก,x1,ก,น้อยที่สุด,EIT,2567\n"
        "2,x2,ก,,EIT,2567\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r->tables.size(), 1u);
    const ResponseTable& t = r->tables[0];
    EXPECT_EQ(t.unit(), "ก");
    EXPECT_EQ(t.instrument(), 1);
    ASSERT_EQ(t.item_of_column(), (std::vector<int>{3, 4}));
    EXPECT_EQ(column(t, 0), (Bytes{1, core::kNotAnswered}));  // e1
    EXPECT_EQ(column(t, 1), (Bytes{5, 2}));                   // e2
}

TEST(ResponsesCsv, MissingItemColumnsAreNotAnswered) {
    const auto r = parse("unit,round,instrument,respondent,i2\nU,1,IIT,a,4\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const ResponseTable& t = r->tables[0];
    EXPECT_EQ(column(t, 0), (Bytes{core::kNotAnswered}));
    EXPECT_EQ(column(t, 1), (Bytes{4}));
    EXPECT_EQ(column(t, 2), (Bytes{core::kNotAnswered}));
}

TEST(ResponsesCsv, MixedIitAndEitRowsMakeTablesInOrderOfFirstAppearance) {
    const auto r = parse(
        "unit,round,instrument,respondent,i1,i2,i3,e1,e2\n"
        "B,2567,EIT,p1,,,,1,2\n"
        "A,2567,IIT,s1,1,2,3,,\n"
        "B,2567,IIT,s1,4,4,4,,\n"
        "B,2567,EIT,p2,,,,3,มากที่สุด\n"
        "A,2566,IIT,s1,5,5,5,,\n"
        "A,2567,IIT,s2,6,6,6,,\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& tables = r->tables;
    ASSERT_EQ(tables.size(), 4u);
    EXPECT_EQ(tables[0].unit(), "B");
    EXPECT_EQ(tables[0].instrument(), 1);
    EXPECT_EQ(tables[0].respondents(), 2u);
    EXPECT_EQ(column(tables[0], 0), (Bytes{1, 3}));
    EXPECT_EQ(column(tables[0], 1), (Bytes{2, 6}));

    EXPECT_EQ(tables[1].unit(), "A");
    EXPECT_EQ(tables[1].round(), "2567");
    EXPECT_EQ(tables[1].instrument(), 0);
    EXPECT_EQ(tables[1].respondents(), 2u);
    EXPECT_EQ(column(tables[1], 0), (Bytes{1, 6}));

    EXPECT_EQ(tables[2].unit(), "B");
    EXPECT_EQ(tables[2].instrument(), 0);
    EXPECT_EQ(tables[2].respondents(), 1u);

    EXPECT_EQ(tables[3].unit(), "A");
    EXPECT_EQ(tables[3].round(), "2566");
    EXPECT_EQ(tables[3].respondents(), 1u);
    EXPECT_EQ(column(tables[3], 2), (Bytes{5}));
}

TEST(ResponsesCsv, SameRespondentIdInDifferentTablesIsFine) {
    const auto r = parse(
        "unit,round,instrument,respondent\n"
        "A,1,IIT,r1\nB,1,IIT,r1\nA,2,IIT,r1\nA,1,EIT,r1\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r->tables.size(), 4u);
}

TEST(ResponsesCsv, BomCrlfQuotingAndBlankLines) {
    const auto r = parse(
        "\xEF\xBB\xBF\"unit\",round,instrument,respondent,i1\r\n"
        "\r\n"
        "\"กอง, ฝ่าย \"\"ก\"\"\",2567,IIT,\"r\"\"1\",\"เห็นด้วย\"\r\n"
        ",,,,\r\n"
        "\"กอง, ฝ่าย \"\"ก\"\"\",2567,IIT,\"r\"\"2\",2\r\n"
        "\r\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r->tables.size(), 1u);
    EXPECT_EQ(r->tables[0].unit(), "กอง, ฝ่าย \"ก\"");
    EXPECT_EQ(column(r->tables[0], 0), (Bytes{5, 2}));
}

TEST(ResponsesCsv, SpacesAroundValuesAreTrimmed) {
    const auto r = parse("unit,round,instrument,respondent,i1\n U , 2567 , IIT , r1 , 3 \n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r->tables[0].unit(), "U");
    EXPECT_EQ(r->tables[0].round(), "2567");
    EXPECT_EQ(column(r->tables[0], 0), (Bytes{3}));
}

TEST(ResponsesCsv, TwentyThousandRows) {
    std::string text = "unit,round,instrument,respondent,i1,i2,i3,e1,e2\n";
    const int kRows = 20000;
    for (int i = 0; i < kRows; ++i) {
        const int unit = i % 7;
        const bool eit = i % 3 == 0;
        text += "unit" + std::to_string(unit) + ",2567," + (eit ? "EIT" : "IIT") + ",r" +
                std::to_string(i) + ",";
        const std::string a = std::to_string(i % 6 + 1);
        text += eit ? ",,," + a + "," + a + "\n" : a + "," + a + ",," + ",\n";
    }
    const auto r = parse(text);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r->tables.size(), 14u);
    std::size_t total = 0;
    std::size_t eit = 0;
    for (const auto& t : r->tables) {
        total += t.respondents();
        if (t.instrument() == 1) eit += t.respondents();
    }
    EXPECT_EQ(total, static_cast<std::size_t>(kRows));
    EXPECT_EQ(eit, static_cast<std::size_t>((kRows + 2) / 3));
    // Row 0 is unit0, EIT, answer 1; row 1 is unit1, IIT, answer 2.
    EXPECT_EQ(r->tables[0].unit(), "unit0");
    EXPECT_EQ(r->tables[0].instrument(), 1);
    EXPECT_EQ(r->tables[0].answers(1)[0], 1);
    EXPECT_EQ(r->tables[1].unit(), "unit1");
    EXPECT_EQ(r->tables[1].answers(0)[0], 2);
    EXPECT_EQ(r->tables[1].answers(2)[0], core::kNotAnswered);
}

// --- Malformed input ---------------------------------------------------------

constexpr std::string_view kHeader = "unit,round,instrument,respondent,i1,i2,i3,e1,e2\n";

std::string with_header(std::string_view rows) { return std::string(kHeader) + std::string(rows); }

TEST(ResponsesCsvErrors, OptionZero) {
    expect_one_error(with_header("U,1,IIT,a,1,1,1,,\nU,1,IIT,b,0,1,1,,\n"), 3, "i1",
                     "an option number 1-6 or one of the labels: ไม่เห็นด้วยอย่างยิ่ง, ", "0");
}

TEST(ResponsesCsvErrors, OptionSeven) {
    expect_one_error(with_header("U,1,IIT,a,1,7,1,,\n"), 2, "i2", "an option number 1-6", "7");
}

TEST(ResponsesCsvErrors, NonNumberText) {
    expect_one_error(with_header("U,1,EIT,a,,,,abc,\n"), 2, "e1",
                     "an option number 1-6 or one of the labels: น้อยที่สุด, น้อย", "abc");
}

TEST(ResponsesCsvErrors, Decimal) {
    expect_one_error(with_header("U,1,IIT,a,1,1,3.5,,\n"), 2, "i3", "an option number 1-6", "3.5");
}

TEST(ResponsesCsvErrors, NegativeAndSignedNumbers) {
    expect_one_error(with_header("U,1,IIT,a,-1,,,,\n"), 2, "i1", "an option number 1-6");
    expect_one_error(with_header("U,1,IIT,a,+1,,,,\n"), 2, "i1", "an option number 1-6");
    expect_one_error(with_header("U,1,IIT,a,1000,,,,\n"), 2, "i1", "an option number 1-6");
}

TEST(ResponsesCsvErrors, UnknownLabel) {
    // A label of the other scale is not a label of this item's scale.
    expect_one_error(with_header("U,1,IIT,a,มาก,,,,\n"), 2, "i1",
                     "(in English: Strongly disagree, Disagree", "มาก");
}

TEST(ResponsesCsvErrors, UnknownColumn) {
    expect_one_error("unit,round,instrument,respondent,i1,x9\nU,1,IIT,a,1,\n", 1, "x9",
                     "\"x9\" is not an item of the questionnaire", "x9");
}

TEST(ResponsesCsvErrors, WrongCaseColumnGetsAHint) {
    expect_one_error("unit,round,instrument,respondent,I1\nU,1,IIT,a,1\n", 1, "I1",
                     "item codes are case-sensitive: i1");
}

TEST(ResponsesCsvErrors, DuplicateColumn) {
    expect_one_error("unit,round,instrument,respondent,i1,i2,i1\nU,1,IIT,a,1,2,3\n", 1, "i1",
                     "\"i1\" is also column 5");
}

TEST(ResponsesCsvErrors, DuplicateRequiredColumn) {
    expect_one_error("unit,round,unit,instrument,respondent\nU,1,U,IIT,a\n", 1, "unit",
                     "also column 1");
}

TEST(ResponsesCsvErrors, MissingRespondentColumn) {
    expect_one_error("unit,round,instrument,i1\nU,1,IIT,1\n", 1, "respondent",
                     "a column named \"respondent\"");
}

TEST(ResponsesCsvErrors, UnknownInstrument) {
    expect_one_error(with_header("U,1,XIT,a,,,,,\n"), 2, "instrument",
                     "an instrument that has items: IIT, EIT", "XIT");
}

TEST(ResponsesCsvErrors, InstrumentWithoutItems) {
    expect_one_error(with_header("U,1,OIT,a,,,,,\n"), 2, "instrument",
                     "OIT has no items in this questionnaire", "OIT");
}

TEST(ResponsesCsvErrors, EmptyUnit) {
    expect_one_error(with_header("U,1,IIT,a,1,,,,\n  ,1,IIT,b,1,,,,\n"), 3, "unit", "a unit", "  ");
}

TEST(ResponsesCsvErrors, EmptyRoundAndRespondent) {
    const auto r = parse(with_header("U,,IIT,,1,,,,\n"));
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 2u) << all_errors(r);
    EXPECT_EQ(r.errors()[0].where, "round");
    EXPECT_EQ(r.errors()[1].where, "respondent");
    EXPECT_NE(r.errors()[1].expected.find("the cell is empty"), std::string::npos);
}

TEST(ResponsesCsvErrors, DuplicateRespondentNamesBothLines) {
    expect_one_error(with_header("U,1,IIT,r1,1,,,,\nU,1,IIT,r2,1,,,,\nU,1,IIT, r1 ,2,,,,\n"), 4,
                     "respondent", "\"r1\" is already on line 2", " r1 ");
}

TEST(ResponsesCsvErrors, DuplicateRespondentWithQuotesInTheId) {
    // Ids that needed unescaping are copied by the parser; they must still be found.
    expect_one_error(
        with_header("U,1,EIT,\"r\"\"1\",,,,1,\nU,1,EIT,r2,,,,,\nU,1,EIT,\"r\"\"1\",,,,,2\n"), 4,
        "respondent", "\"r\"1\" is already on line 2");
}

TEST(ResponsesCsvErrors, TooFewFields) {
    expect_one_error(with_header("U,1,IIT,a,1,,,,\nU,1,IIT,b,1,,\n"), 3, "",
                     "9 fields, as many as the header has; found 7");
}

TEST(ResponsesCsvErrors, TooManyFields) {
    expect_one_error(with_header("U,1,IIT,a,1,,,,,\n"), 2, "",
                     "9 fields, as many as the header "
                     "has; found 10");
}

TEST(ResponsesCsvErrors, CellInAnotherInstrumentsColumn) {
    expect_one_error(with_header("U,1,IIT,a,1,2,3,4,\n"), 2, "e1",
                     "item e1 belongs to instrument EIT and this row's instrument is IIT", "4");
}

TEST(ResponsesCsvErrors, UnterminatedQuote) {
    expect_one_error(with_header("U,1,IIT,a,1,,,,\nU,1,IIT,b,\"2,,,,\nU,1,IIT,c,3,,,,\n"), 3, "i1",
                     "closing quote");
}

TEST(ResponsesCsvErrors, StrayQuoteIsReportedAndParsingGoesOn) {
    const auto r = parse(with_header("U,1,IIT,a,1,,,,\nU\"x,1,IIT,b,1,,,,\nU,1,IIT,c,9,,,,\n"));
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 2u) << all_errors(r);
    EXPECT_EQ(r.errors()[0].line, 3u);
    EXPECT_EQ(r.errors()[0].where, "unit");
    EXPECT_NE(r.errors()[0].expected.find("no quote"), std::string::npos);
    EXPECT_EQ(r.errors()[1].line, 4u);
    EXPECT_EQ(r.errors()[1].where, "i1");
}

TEST(ResponsesCsvErrors, HeaderOnly) {
    expect_one_error(kHeader, 1, "", "at least one respondent row");
    expect_one_error(std::string(kHeader) + "\n\n", 1, "", "at least one respondent row");
}

TEST(ResponsesCsvErrors, EmptyFile) {
    expect_one_error("", 0, "", "the file is empty");
    expect_one_error("\xEF\xBB\xBF\n\r\n", 0, "", "the file is empty");
}

TEST(ResponsesCsvErrors, SeveralErrorsAreAllReported) {
    const auto r = parse(
        "unit,round,instrument,respondent,i1,zz,e1\n"  // 1: unknown column zz
        "U,1,IIT,a,1,,\n"                              // 2: fine
        "U,1,IIT,b,7,,\n"                              // 3: out of range
        "U,1,OIT,c,,,\n"                               // 4: instrument without items
        "U,1,IIT,a,2,,\n"                              // 5: duplicate of line 2
        "U,1,EIT,d,,,x\n"                              // 6: bad label
        "U,1,EIT\n"                                    // 7: too few fields
        ",1,IIT,e,1,,2\n");                            // 8: empty unit, e1 in an IIT row
    ASSERT_FALSE(r.ok());
    const auto& e = r.errors();
    ASSERT_EQ(e.size(), 8u) << all_errors(r);
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {1, "zz"}, {3, "i1"}, {4, "instrument"}, {5, "respondent"},
        {6, "e1"}, {7, ""},   {8, "unit"},       {8, "e1"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(e[i].line, expected[i].first) << e[i].to_string();
        EXPECT_EQ(e[i].where, expected[i].second) << e[i].to_string();
    }
}

TEST(ResponsesCsvErrors, ErrorsAreCappedWithACountOfTheRest) {
    std::string text(kHeader);
    for (int i = 0; i < 250; ++i) text += "U,1,IIT,r" + std::to_string(i) + ",9,,,,\n";
    const auto r = parse(text);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 101u);
    EXPECT_EQ(r.errors()[99].line, 101u);
    EXPECT_NE(r.errors()[100].note.find("150 more errors"), std::string::npos)
        << r.errors()[100].to_string();
}

// --- Imports into one round (issue 12.8) --------------------------------------

TEST(ResponsesCsv, SemicolonDelimitedFile) {
    ResponsesCsvOptions options;
    options.delimiter = ';';
    const auto r = parse_responses_csv(questionnaire(),
                                       "unit;round;instrument;respondent;i1;i2\n"
                                       "U;2567;IIT;r1;1;\"เห็นด้วย\"\n",
                                       "s.csv", options);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(column(r->tables[0], 0), (Bytes{1}));
    EXPECT_EQ(column(r->tables[0], 1), (Bytes{5}));
}

// An unknown unit is reported on its first line, once, together with the
// other errors of the file; so is another round.
TEST(ResponsesCsv, UnknownUnitsAndRoundsOnTheirLinesWithTheOtherErrors) {
    ResponsesCsvOptions options;
    options.round = "2567";
    options.unit_known = [](std::string_view unit) { return unit == "U"; };
    const auto r = parse_responses_csv(questionnaire(),
                                       "unit,round,instrument,respondent,i1\n"
                                       "U,2567,IIT,r1,9\n"
                                       "X,2567,IIT,r2,1\n"
                                       "X,2567,IIT,r3,1\n"
                                       "U,2566,IIT,r4,1\n",
                                       "u.csv", options);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 3u) << all_errors(r);
    EXPECT_EQ(r.errors()[0].line, 2u);
    EXPECT_EQ(r.errors()[0].key, "csv_bad_answer");
    EXPECT_EQ(r.errors()[0].where, "i1");
    EXPECT_EQ(r.errors()[1].line, 3u);
    EXPECT_EQ(r.errors()[1].key, "csv_unknown_unit");
    EXPECT_EQ(r.errors()[1].where, "unit");
    EXPECT_EQ(r.errors()[1].value, "X");
    EXPECT_EQ(r.errors()[2].line, 5u);
    EXPECT_EQ(r.errors()[2].key, "csv_wrong_round");
    EXPECT_EQ(r.errors()[2].value, "2566");
}

TEST(ResponsesCsv, ErrorsCarryMessageKeysAndValues) {
    const auto r = parse("unit,round,instrument,respondent,i1,i1\nU,1,IIT,a,1,1\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].key, "csv_duplicate_column");
    ASSERT_EQ(r.errors()[0].args.size(), 2u);
    EXPECT_EQ(r.errors()[0].args[0], (std::pair<std::string, std::string>{"column", "i1"}));
    EXPECT_EQ(r.errors()[0].args[1], (std::pair<std::string, std::string>{"other", "5"}));

    const auto answer = parse("unit,round,instrument,respondent,e1\nU,1,EIT,a,7\n");
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.errors()[0].key, "csv_bad_answer");
    EXPECT_EQ(answer.errors()[0].args[0].second, "6");
    EXPECT_EQ(answer.errors()[0].args[1].second, "น้อยที่สุด, น้อย, ค่อนข้างน้อย, ค่อนข้างมาก, มาก, มากที่สุด");
}

TEST(ResponsesCsv, TheTemplateHeaderHasEveryItemInQuestionnaireOrder) {
    EXPECT_EQ(responses_csv_header(questionnaire()),
              "unit,round,instrument,respondent,i1,i2,i3,e1,e2\r\n");
    // The header it writes is one the parser takes.
    const auto r = parse(responses_csv_header(questionnaire()) + "U,1,IIT,a,1,2,3,,\r\n");
    EXPECT_TRUE(r.ok()) << all_errors(r);
}

}  // namespace
}  // namespace itagap::input
