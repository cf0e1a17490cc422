// Download names for people: unit, ITA year, round and kind, with the
// extension of the file type (issue 12.15).
#include "report/download_name.hpp"

#include <gtest/gtest.h>

namespace itagap::report {
namespace {

using text::Language;

DownloadSubject seed() { return {"ศรป.", 2568, "ITA 2568 รอบ 5 เดือนแรก"}; }

TEST(DownloadName, TheKpiAttachmentAsTheIssueWritesIt) {
    EXPECT_EQ(download_name(seed(), DownloadKind::kKpiAttachment, FileType::kDocx, Language::kThai),
              "ศรป.-ITA2568-รอบ5เดือนแรก-KPI2.1.docx");
    EXPECT_EQ(download_name(seed(), DownloadKind::kKpiAttachment, FileType::kPdf, Language::kThai),
              "ศรป.-ITA2568-รอบ5เดือนแรก-KPI2.1.pdf");
    EXPECT_EQ(download_name(seed(), DownloadKind::kKpiAttachment, FileType::kHtml, Language::kThai),
              "ศรป.-ITA2568-รอบ5เดือนแรก-KPI2.1.html");
}

TEST(DownloadName, EveryKindHasTheExtensionOfItsType) {
    EXPECT_EQ(download_name(seed(), DownloadKind::kResults, FileType::kXlsx, Language::kThai),
              "ศรป.-ITA2568-รอบ5เดือนแรก-ผลการประเมิน.xlsx");
    EXPECT_EQ(download_name(seed(), DownloadKind::kScores, FileType::kCsv, Language::kThai),
              "ศรป.-ITA2568-รอบ5เดือนแรก-คะแนน.csv");
    EXPECT_EQ(download_name(seed(), DownloadKind::kResponses, FileType::kCsv, Language::kEnglish),
              "ศรป.-ITA2568-รอบ5เดือนแรก-responses.csv");
    EXPECT_EQ(extension(FileType::kXlsx), "xlsx");
    EXPECT_EQ(extension(FileType::kCsv), "csv");
}

TEST(DownloadName, ARoundNameWithoutTheYearIsKeptWhole) {
    EXPECT_EQ(download_name({"ศรป.", 2569, "รอบ 1"}, DownloadKind::kKpiAttachment, FileType::kDocx,
                            Language::kThai),
              "ศรป.-ITA2569-รอบ1-KPI2.1.docx");
}

TEST(DownloadName, CharactersWindowsRefusesBecomeUnderscores) {
    EXPECT_EQ(download_name({"ก/ข", 2569, "รอบ: 1?"}, DownloadKind::kScores, FileType::kCsv,
                            Language::kThai),
              "ก_ข-ITA2569-รอบ_1_-คะแนน.csv");
    // No unit, no round (the executive's report): the parts that exist.
    EXPECT_EQ(download_name({"", 2569, "2026-04"}, DownloadKind::kExecutiveReport, FileType::kPdf,
                            Language::kThai),
              "ITA2569-2026-04-รายงานผู้บริหาร.pdf");
}

}  // namespace
}  // namespace itagap::report
