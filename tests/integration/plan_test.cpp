// Improvement plans through real HTTP on loopback, against each store: the
// demo plan in the list and on its page (the seed's PIRAB table, Thai dates
// and times); a plan's life from "start a plan" to a progress update with an
// evidence file and its download; activities and meetings with evidence
// files; evidence checked by content; optimistic
// concurrency; overdue and "no update for N days" on the harness clock; the
// effect against a later closed round on the page, in the API and in
// monitoring; item and indicator gaps offered when a plan starts; roles and
// CSRF on every route.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "input/plan_json.hpp"
#include "security/passwords.hpp"
#include "site_harness.hpp"
#include "web/templates/html_escape.hpp"

namespace itagap::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string location(const ClientResponse& response) {
    return std::string(response[http::field::location]);
}

struct Part {
    std::string name;
    std::string value;
    std::optional<std::string> filename;
    std::string content_type = "application/octet-stream";
};

constexpr const char* kBoundary = "----itagapPlanBoundary93kfQ0aZ";

std::string multipart_body(const std::vector<Part>& parts) {
    std::string body;
    for (const auto& part : parts) {
        body += std::string("--") + kBoundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
        if (part.filename)
            body += "; filename=\"" + *part.filename + "\"\r\nContent-Type: " + part.content_type;
        body += "\r\n\r\n" + part.value + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

std::string multipart_type() { return std::string("multipart/form-data; boundary=") + kBoundary; }

constexpr const char* kPassword = "correct horse battery";
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

std::chrono::system_clock::time_point at_bangkok_noon(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours(5);
}

class PlanTest : public SiteTest {
protected:
    void SetUp() override {
        SiteTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        plan_id_ = site_->demo().plan_id;
        if (plan_id_ == 0) plan_id_ = load_demo_plan();
        ASSERT_GT(plan_id_, 0);
    }

    // The seed's plan, when the harness's demo set-up has not loaded it.
    store::Id load_demo_plan() {
        auto plan =
            input::parse_plan_json(read_source("data/demo/plan-2569.json"), "plan-2569.json");
        EXPECT_TRUE(plan.ok());
        if (!plan.ok()) return 0;
        plan->unit.id = site_->demo().unit_id;
        store::PlanRecord record;
        record.unit_id = site_->demo().unit_id;
        record.fiscal_year_be = plan->fiscal_year_be;
        record.document = input::export_plan_json(plan.value());
        record.updated_at = "2025-11-20T03:00:00Z";
        auto id = site_->store().create_plan(record);
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    store::Id make_user(const std::string& username, store::Role role,
                        std::optional<store::Id> unit = {}) {
        store::User user;
        user.username = username;
        user.display_name = username;
        user.password_hash =
            security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
        user.role = role;
        user.unit_id = unit;
        auto id = site_->store().create_user(user);
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    Browser signed_in(const std::string& username, store::Role role,
                      std::optional<store::Id> unit = {}) {
        make_user(username, role, unit);
        return sign_in(username);
    }

    // A new session: sessions end after 8 hours of the harness clock.
    Browser sign_in(const std::string& username) {
        Browser browser(site_->port());
        auto fields = hidden_fields(browser.get("/admin/sign-in").body());
        fields["username"] = username;
        fields["password"] = kPassword;
        ClientResponse r = browser.post("/admin/sign-in", fields);
        EXPECT_EQ(r.result(), http::status::see_other);
        return browser;
    }

    std::string plan_path(store::Id id) const { return "/admin/plans/" + std::to_string(id); }
    std::string plan_path() const { return plan_path(plan_id_); }

    // The hidden fields (csrf, version) of the page's form with this id.
    static std::map<std::string, std::string> form_fields(const std::string& html,
                                                          const std::string& form_id) {
        const auto start = html.find("id=\"" + form_id + "\"");
        if (start == std::string::npos) return {};
        const auto end = html.find("</form>", start);
        return hidden_fields(html.substr(start, end - start));
    }

    json api(Browser& browser, const std::string& target) {
        ClientResponse r = browser.get(target);
        EXPECT_EQ(r.result(), http::status::ok) << target << " " << r.body();
        return json::parse(r.body(), nullptr, false);
    }

    store::Id plan_id_ = 0;
};

TEST_P(PlanTest, TheDemoPlanIsListedWithItsFiveMeasuresAndTheSeedsTable) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    ClientResponse list = admin.get("/admin/plans?year=2569");
    ASSERT_EQ(list.result(), http::status::ok) << list.body();
    EXPECT_TRUE(contains(list.body(), "ศูนย์ความร่วมมือระหว่างประเทศ"));
    EXPECT_TRUE(contains(list.body(), "href=\"" + plan_path() + "\""));
    EXPECT_TRUE(contains(list.body(), "<td class=\"number\">5</td>")) << list.body();

    json plans = api(admin, "/api/plans?year=2569");
    ASSERT_EQ(plans.size(), 1u);
    EXPECT_EQ(plans[0]["measures"], 5);
    EXPECT_EQ(plans[0]["id"], plan_id_);
    EXPECT_TRUE(api(admin, "/api/plans?year=2570").empty());

    ClientResponse page = admin.get(plan_path());
    ASSERT_EQ(page.result(), http::status::ok) << page.body();
    const std::string& body = page.body();
    EXPECT_TRUE(contains(body, "P : Partnership"));
    EXPECT_TRUE(contains(body, "B : Build Capacity"));
    EXPECT_TRUE(contains(body, "ประเด็นความรู้ที่ให้แก่ C/SH"));
    EXPECT_TRUE(contains(body, "81.82"));
    EXPECT_TRUE(contains(body, "9/11"));
    EXPECT_TRUE(contains(body, "20 พ.ย. 2568"));
    EXPECT_TRUE(contains(body, "09.30 - 11.00 น."));
    EXPECT_TRUE(contains(body, "31 มี.ค. 2569"));  // measure 4's due date
    EXPECT_TRUE(contains(body, "ห้องประชุมศูนย์ความร่วมมือระหว่างประเทศ อาคาร 6 ชั้น 4"));

    json detail = api(admin, "/api/plans/" + std::to_string(plan_id_));
    EXPECT_EQ(detail["plan"]["format"], "itagap-plan/1");
    EXPECT_EQ(detail["measure_flags"].size(), 5u);
    EXPECT_EQ(detail["version"], 1);
}

TEST_P(PlanTest, APlansLifeFromStartToEvidenceDownload) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    const store::Id unit = site_->demo().unit_id;
    // The demo unit has no plan for 2570: it is offered a start.
    ClientResponse list = admin.get("/admin/plans?year=2570");
    ASSERT_EQ(list.result(), http::status::ok);
    EXPECT_TRUE(contains(list.body(), "หน่วยงานที่ยังไม่มีแผนพัฒนา"));
    auto start = hidden_fields(list.body());
    ClientResponse created =
        admin.post("/admin/plans", {{"csrf", start["csrf"]},
                                    {"unit", std::to_string(unit)},
                                    {"fiscal_year", "2570"},
                                    {"round", std::to_string(site_->demo().seed_round_id)}});
    ASSERT_EQ(created.result(), http::status::see_other) << created.body();
    const std::string path = location(created);
    ASSERT_EQ(path.rfind("/admin/plans/", 0), 0u);
    // A second plan for the same unit and year is refused.
    EXPECT_EQ(admin
                  .post("/admin/plans", {{"csrf", start["csrf"]},
                                         {"unit", std::to_string(unit)},
                                         {"fiscal_year", "2570"},
                                         {"round", std::to_string(site_->demo().seed_round_id)}})
                  .result(),
              http::status::conflict);

    // Its gaps come from the seed round's analysis: i12 (81.82, 9 of 11) and e7.
    ClientResponse page = admin.get(path);
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_TRUE(contains(page.body(), "i12"));
    EXPECT_TRUE(contains(page.body(), "81.82"));
    EXPECT_TRUE(contains(page.body(), "9/11"));
    EXPECT_TRUE(contains(page.body(), "e7"));

    // A measure under B with a target, addressing gap 1.
    auto fields = form_fields(page.body(), "measure-new");
    ASSERT_EQ(fields["version"], "1");
    std::map<std::string, std::string> measure = fields;
    measure.insert({{"strategy", "B"},
                    {"text", "พัฒนาทักษะการสื่อสารและการให้บริการที่เป็นธรรมแก่เจ้าหน้าที่"},
                    {"rationale", "ลดความเสี่ยงต่อการเลือกปฏิบัติ"},
                    {"gaps", "1"},
                    {"new_topic", "กระบวนการของหน่วยงาน"},
                    {"owner", "กลุ่มงานบริหารทั่วไป"},
                    {"start_on", "2026-10-01"},
                    {"due_on", "2027-03-31"},
                    {"target_level", "item"},
                    {"target_code", "i12"},
                    {"target_min", "85"},
                    {"status", "not_started"},
                    {"percent", "0"}});
    // Due before the start: refused, with the problem at the field, nothing saved.
    auto bad = measure;
    bad["due_on"] = "2026-09-01";
    ClientResponse refused = admin.post(path + "/measures", bad);
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "class=\"error\"")) << refused.body();
    {
        const std::string& html = refused.body();
        const auto form = html.find("id=\"measure-new\"");
        const auto due = html.find("name=\"due_on\"", form);
        const auto next = html.find("name=\"target_level\"", due);
        ASSERT_NE(due, std::string::npos);
        EXPECT_NE(html.substr(due, next - due).find("class=\"error\""), std::string::npos)
            << "the problem is shown next to the due date";
    }
    EXPECT_EQ(site_->store().get_plan(std::stoll(path.substr(13)))->version, 1);
    ClientResponse added = admin.post(path + "/measures", measure);
    ASSERT_EQ(added.result(), http::status::see_other) << added.body();
    page = admin.get(path);
    EXPECT_TRUE(contains(page.body(), "B : Build Capacity"));
    EXPECT_TRUE(contains(page.body(), "i12 ≥ 85.00"));
    EXPECT_TRUE(contains(page.body(), "31 มี.ค. 2570"));

    // A progress update with a small PDF.
    auto update = form_fields(page.body(), "update-1");
    ASSERT_EQ(update["version"], "2");
    const std::string thai_name = "รายงานการประชุม.pdf";
    ClientResponse uploaded =
        admin.post_raw(path + "/measures/1/updates", multipart_type(),
                       multipart_body({{"csrf", update["csrf"]},
                                       {"version", update["version"]},
                                       {"on", "2026-10-15"},
                                       {"percent", "40"},
                                       {"note", "จัดอบรมรุ่นที่ 1"},
                                       {"file", kPdf, thai_name, "application/pdf"}}));
    ASSERT_EQ(uploaded.result(), http::status::see_other) << uploaded.body();
    page = admin.get(path);
    EXPECT_TRUE(contains(page.body(), "จัดอบรมรุ่นที่ 1"));
    EXPECT_TRUE(contains(page.body(), "15 ต.ค. 2569"));
    const std::regex link(R"((/admin/plans/\d+/evidence/(\d+)))");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(page.body(), match, link)) << page.body();
    const std::string evidence_path = match[1].str();
    ClientResponse file = admin.get(evidence_path);
    ASSERT_EQ(file.result(), http::status::ok);
    EXPECT_EQ(file.body(), kPdf);
    EXPECT_EQ(std::string(file[http::field::content_type]), "application/pdf");
    EXPECT_EQ(std::string(file["X-Content-Type-Options"]), "nosniff");
    const std::string disposition(file[http::field::content_disposition]);
    EXPECT_TRUE(contains(disposition, "attachment; filename=\"")) << disposition;
    EXPECT_TRUE(contains(disposition, "filename*=UTF-8''%E0%B8%A3")) << disposition;
    // The same evidence id under another plan is not found.
    EXPECT_EQ(admin.get(plan_path() + "/evidence/" + match[2].str()).result(),
              http::status::not_found);

    // An executable renamed .pdf is refused by its content; nothing is saved.
    page = admin.get(path);
    update = form_fields(page.body(), "update-1");
    ASSERT_EQ(update["version"], "3");
    const store::Id new_plan = std::stoll(path.substr(std::string("/admin/plans/").size()));
    const auto evidence_before = site_->store().list_evidence(new_plan)->size();
    std::string exe = "MZ";
    exe += std::string("\x90\x00\x03\x00\x00\x00\x04\x00", 8) +
           "This program cannot be run in DOS mode";
    ClientResponse exe_refused =
        admin.post_raw(path + "/measures/1/updates", multipart_type(),
                       multipart_body({{"csrf", update["csrf"]},
                                       {"version", update["version"]},
                                       {"on", "2026-10-20"},
                                       {"percent", "50"},
                                       {"file", exe, "report.pdf", "application/pdf"}}));
    EXPECT_EQ(exe_refused.result(), http::status::unprocessable_entity) << exe_refused.body();
    EXPECT_TRUE(contains(exe_refused.body(), "report.pdf")) << exe_refused.body();
    EXPECT_EQ(site_->store().list_evidence(new_plan)->size(), evidence_before);
    EXPECT_EQ(site_->store().get_plan(new_plan)->version, 3);

    // A form from an older version: the conflict message, nothing saved.
    auto stale = measure;
    stale["version"] = "2";
    stale["text"] = "ข้อความที่ไม่ควรถูกบันทึก";
    ClientResponse conflict = admin.post(path + "/measures/1", stale);
    EXPECT_EQ(conflict.result(), http::status::conflict);
    EXPECT_TRUE(contains(conflict.body(), "มีผู้อื่นบันทึกแผนนี้ไปก่อนหน้าแล้ว")) << conflict.body();
    EXPECT_FALSE(contains(site_->store().get_plan(new_plan)->document, "ข้อความที่ไม่ควรถูกบันทึก"));

    // A cause note and an activity.
    page = admin.get(path);
    auto gap = form_fields(page.body(), "gap-1");
    gap["cause_note"] = "ผู้ตอบสับสนกับข้อความเชิงลบ";
    ASSERT_EQ(admin.post(path + "/gaps/1", gap).result(), http::status::see_other);
    page = admin.get(path);
    auto activity = form_fields(page.body(), "activity-new");
    activity.insert({{"number", "1.1"},
                     {"title", "ประชุมชี้แจงผลการประเมิน"},
                     {"on", "2026-11-20"},
                     {"starts_at", "09:30"},
                     {"ends_at", "11:00"},
                     {"place", "ห้องประชุม"},
                     {"participants", "ผู้แทนกลุ่มงาน | 12"}});
    ASSERT_EQ(admin.post(path + "/activities", activity).result(), http::status::see_other);
    page = admin.get(path);
    EXPECT_TRUE(contains(page.body(), "ผู้ตอบสับสนกับข้อความเชิงลบ"));
    EXPECT_TRUE(contains(page.body(), "20 พ.ย. 2569"));
    EXPECT_TRUE(contains(page.body(), "09.30 - 11.00 น."));
    EXPECT_TRUE(contains(page.body(), "12 คน"));

    // Every change is audited.
    std::set<std::string> actions;
    for (const auto& entry : *site_->store().list_audit(100)) actions.insert(entry.action);
    for (const char* a : {"plan.create", "plan.measure_add", "plan.progress_update",
                          "plan.gap_note", "plan.activity_add"})
        EXPECT_TRUE(actions.count(a)) << a;
}

// A small PNG, made by hand: the signature and an IHDR chunk (1x1, RGBA).
std::string tiny_png() {
    return std::string("\x89PNG\r\n\x1a\n", 8) +
           std::string(
               "\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
               "\x1f\x15\xc4\x89",
               25);
}

TEST_P(PlanTest, ActivitiesAndMeetingsKeepEvidenceFiles) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    const std::string png = tiny_png();
    ClientResponse page = admin.get(plan_path());
    ASSERT_EQ(page.result(), http::status::ok);
    // The add-activity form takes a file.
    EXPECT_TRUE(contains(page.body(), "id=\"act-file\" name=\"file\" type=\"file\""));
    auto fields = form_fields(page.body(), "activity-new");
    ASSERT_FALSE(fields["csrf"].empty());
    const std::string version = fields["version"];
    const auto evidence_before = site_->store().list_evidence(plan_id_)->size();
    const auto meeting = [&](const std::string& csrf, const std::string& version,
                             const std::string& bytes, const std::string& name) {
        return admin.post_raw(plan_path() + "/activities", multipart_type(),
                              multipart_body({{"csrf", csrf},
                                              {"version", version},
                                              {"number", "4.2"},
                                              {"title", "ประชุมติดตามความก้าวหน้ามาตรการ"},
                                              {"on", "2026-01-15"},
                                              {"starts_at", "13:30"},
                                              {"ends_at", "15:00"},
                                              {"place", "ห้องประชุม"},
                                              {"participants", "ผู้แทนกลุ่มงาน | 8"},
                                              {"summary", "ทบทวนผลการดำเนินงาน"},
                                              {"file", bytes, name, "image/png"}}));
    };

    // An HTML page named .png: refused by its content, nothing saved.
    const std::string html = "<!DOCTYPE html><html><script>alert(1)</script></html>";
    ClientResponse refused = meeting(fields["csrf"], version, html, "photo.png");
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "photo.png")) << refused.body();
    EXPECT_EQ(site_->store().list_evidence(plan_id_)->size(), evidence_before);
    EXPECT_EQ(std::to_string(site_->store().get_plan(plan_id_)->version), version);
    EXPECT_FALSE(contains(site_->store().get_plan(plan_id_)->document, "ประชุมติดตามความก้าวหน้า"));

    // Without the CSRF token: 403, nothing saved.
    EXPECT_EQ(admin
                  .post_raw(plan_path() + "/activities", multipart_type(),
                            multipart_body({{"version", version},
                                            {"number", "4.2"},
                                            {"title", "x"},
                                            {"on", "2026-01-15"},
                                            {"file", png, "a.png", "image/png"}}))
                  .result(),
              http::status::forbidden);
    EXPECT_EQ(
        admin
            .post_raw(plan_path() + "/activities/4.1/evidence", multipart_type(),
                      multipart_body({{"version", version}, {"file", png, "a.png", "image/png"}}))
            .result(),
        http::status::forbidden);
    EXPECT_EQ(site_->store().list_evidence(plan_id_)->size(), evidence_before);

    // A meeting with a small PNG: saved, listed with a link, downloaded back.
    ClientResponse added = meeting(fields["csrf"], version, png, "ภาพการประชุม.png");
    ASSERT_EQ(added.result(), http::status::see_other) << added.body();
    EXPECT_NE(location(added).find("#activity-"), std::string::npos) << location(added);
    auto files = site_->store().list_evidence(plan_id_);
    ASSERT_EQ(files->size(), evidence_before + 1);
    const store::EvidenceFile stored_file = files->back();
    EXPECT_EQ(stored_file.original_name, "ภาพการประชุม.png");
    EXPECT_EQ(stored_file.content_type, "image/png");
    auto plan = input::parse_plan_json(site_->store().get_plan(plan_id_)->document, "plan");
    ASSERT_TRUE(plan.ok());
    ASSERT_FALSE(plan->activities.empty());
    EXPECT_EQ(plan->activities.back().number, "4.2");
    EXPECT_EQ(plan->activities.back().evidence_file_ids, std::vector<std::int64_t>{stored_file.id});

    page = admin.get(plan_path());
    const std::string href = plan_path() + "/evidence/" + std::to_string(stored_file.id);
    EXPECT_TRUE(contains(page.body(), "href=\"" + href + "\"")) << page.body();
    EXPECT_TRUE(contains(page.body(), "ภาพการประชุม.png"));
    EXPECT_TRUE(contains(page.body(), "13.30 - 15.00 น."));
    ClientResponse file = admin.get(href);
    ASSERT_EQ(file.result(), http::status::ok);
    EXPECT_EQ(file.body(), png);
    EXPECT_EQ(std::string(file[http::field::content_type]), "image/png");

    // Evidence for the seed's meeting 4.1, added afterwards.
    auto more = form_fields(page.body(), "activity-evidence-1");
    ASSERT_FALSE(more["csrf"].empty()) << page.body();
    const std::string later = more["version"];
    // No file chosen, or an HTML page: refused, nothing saved.
    ClientResponse empty =
        admin.post_raw(plan_path() + "/activities/4.1/evidence", multipart_type(),
                       multipart_body({{"csrf", more["csrf"]}, {"version", later}}));
    EXPECT_EQ(empty.result(), http::status::unprocessable_entity) << empty.body();
    EXPECT_TRUE(contains(empty.body(), "กรุณาเลือกไฟล์หลักฐาน"));
    ClientResponse html_refused =
        admin.post_raw(plan_path() + "/activities/4.1/evidence", multipart_type(),
                       multipart_body({{"csrf", more["csrf"]},
                                       {"version", later},
                                       {"file", html, "minutes.png", "image/png"}}));
    EXPECT_EQ(html_refused.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(html_refused.body(), "minutes.png"));
    // An older version: 409, nothing saved.
    ClientResponse stale =
        admin.post_raw(plan_path() + "/activities/4.1/evidence", multipart_type(),
                       multipart_body({{"csrf", more["csrf"]},
                                       {"version", version},
                                       {"file", png, "minutes.png", "image/png"}}));
    EXPECT_EQ(stale.result(), http::status::conflict);
    // An activity the plan does not have: 404.
    EXPECT_EQ(admin
                  .post_raw(plan_path() + "/activities/9.9/evidence", multipart_type(),
                            multipart_body({{"csrf", more["csrf"]},
                                            {"version", later},
                                            {"file", png, "minutes.png", "image/png"}}))
                  .result(),
              http::status::not_found);
    EXPECT_EQ(site_->store().list_evidence(plan_id_)->size(), evidence_before + 1);
    EXPECT_EQ(std::to_string(site_->store().get_plan(plan_id_)->version), later);

    ClientResponse attached = admin.post_raw(
        plan_path() + "/activities/4.1/evidence", multipart_type(),
        multipart_body({{"csrf", more["csrf"]},
                        {"version", later},
                        {"file", kPdf, "รายงานการประชุม 4.1.pdf", "application/pdf"}}));
    ASSERT_EQ(attached.result(), http::status::see_other) << attached.body();
    EXPECT_EQ(location(attached), plan_path() + "#activity-1");
    plan = input::parse_plan_json(site_->store().get_plan(plan_id_)->document, "plan");
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->activities.front().number, "4.1");
    ASSERT_EQ(plan->activities.front().evidence_file_ids.size(), 1u);
    const std::string minutes =
        plan_path() + "/evidence/" + std::to_string(plan->activities.front().evidence_file_ids[0]);
    EXPECT_TRUE(contains(admin.get(plan_path()).body(), "href=\"" + minutes + "\""));
    EXPECT_EQ(admin.get(minutes).body(), kPdf);

    std::set<std::string> actions;
    for (const auto& entry : *site_->store().list_audit(100)) actions.insert(entry.action);
    EXPECT_TRUE(actions.count("plan.activity_add"));
    EXPECT_TRUE(actions.count("plan.activity_evidence"));
}

TEST_P(PlanTest, OverdueAndQuietFollowTheClock) {
    Browser exec = signed_in("chief", store::Role::kExecutive);
    // 2025-11-20: the measures start on 2025-12-01; nothing is late or quiet.
    json now = api(exec, "/api/monitoring?year=2569&stale_days=30");
    EXPECT_TRUE(now["overdue"].empty());
    EXPECT_TRUE(now["without_update"].empty());

    // 35 days after the start, no update: all five are quiet, none overdue.
    site_->set_now(at_bangkok_noon(2026, 1, 5));
    exec = sign_in("chief");
    json quiet = api(exec, "/api/monitoring?year=2569&stale_days=30");
    EXPECT_EQ(quiet["without_update"].size(), 5u);
    EXPECT_TRUE(quiet["overdue"].empty());
    EXPECT_TRUE(api(exec, "/api/monitoring?year=2569&stale_days=60")["without_update"].empty());

    // Measure 4 is due 2026-03-31: overdue from 1 April.
    site_->set_now(at_bangkok_noon(2026, 3, 31));
    exec = sign_in("chief");
    EXPECT_TRUE(api(exec, "/api/monitoring?year=2569")["overdue"].empty());
    site_->set_now(at_bangkok_noon(2026, 4, 2));
    exec = sign_in("chief");
    json late = api(exec, "/api/monitoring?year=2569");
    ASSERT_EQ(late["overdue"].size(), 1u);
    EXPECT_EQ(late["overdue"][0]["measure"], 4);
    EXPECT_EQ(late["overdue"][0]["days_overdue"], 2);
    json detail = api(exec, "/api/plans/" + std::to_string(plan_id_));
    EXPECT_EQ(detail["measure_flags"][3]["overdue"], true);
    EXPECT_EQ(detail["measure_flags"][4]["overdue"], false);

    ClientResponse page = exec.get("/admin/monitoring?year=2569&stale_days=30");
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_TRUE(contains(page.body(), "มาตรการที่เกินกำหนด"));
    EXPECT_TRUE(contains(page.body(), "<strong class=\"error\">2</strong>")) << page.body();
    EXPECT_TRUE(contains(page.body(), "P : Partnership"));
    ClientResponse plan = exec.get(plan_path());
    EXPECT_TRUE(contains(plan.body(), "เกินกำหนด 2 วัน")) << plan.body();
    // Read-only: no edit forms for an executive.
    EXPECT_FALSE(contains(plan.body(), "id=\"measure-new\""));
}

// Evidence size at both limits, on the progress-update route: the app takes a
// file of at most 10 MiB (app::kMaxEvidenceBytes, 10,485,760 bytes) and refuses
// one byte more with 422 and the file's size; the route reads a body of at most
// 10 MiB + 64 KiB (10,551,296 bytes) and answers a longer one with 413 before
// any handler runs. Nothing is stored until a file within the limit comes.
TEST_P(PlanTest, EvidenceOverTheSizeLimitIsRefusedAndNothingIsStored) {
    constexpr std::size_t kFileLimit = 10 * 1024 * 1024;
    constexpr std::size_t kRouteLimit = kFileLimit + 64 * 1024;
    static_assert(kFileLimit == 10'485'760 && kRouteLimit == 10'551'296);
    Browser admin = signed_in("boss", store::Role::kAdmin);
    ClientResponse page = admin.get(plan_path());
    ASSERT_EQ(page.result(), http::status::ok);
    auto update = form_fields(page.body(), "update-1");
    ASSERT_FALSE(update["csrf"].empty());
    const std::string version = update["version"];
    ASSERT_TRUE(site_->store().list_evidence(plan_id_)->empty());

    // A PDF of exactly `size` bytes, by its content.
    const auto pdf_of = [](std::size_t size) {
        const std::string head = "%PDF-1.4\n";
        const std::string tail = "\n%%EOF\n";
        return head + std::string(size - head.size() - tail.size(), 'x') + tail;
    };
    const auto body_with = [&](const std::string& file) {
        return multipart_body({{"csrf", update["csrf"]},
                               {"version", version},
                               {"on", "2025-12-02"},
                               {"percent", "10"},
                               {"file", file, "รายงานฉบับเต็ม.pdf", "application/pdf"}});
    };
    const std::string target = plan_path() + "/measures/1/updates";
    const auto nothing_stored = [&](const std::string& what) {
        EXPECT_TRUE(site_->store().list_evidence(plan_id_)->empty()) << what;
        EXPECT_EQ(std::to_string(site_->store().get_plan(plan_id_)->version), version) << what;
    };

    // One byte over the file limit: 422, the name and the size in the message.
    ClientResponse over =
        admin.post_raw(target, multipart_type(), body_with(pdf_of(kFileLimit + 1)));
    EXPECT_EQ(over.result(), http::status::unprocessable_entity) << over.body().substr(0, 300);
    EXPECT_TRUE(contains(over.body(),
                         "ไฟล์ “รายงานฉบับเต็ม.pdf” มีขนาด 10,485,761 ไบต์ "
                         "เกินกว่าที่รับได้ (ไม่เกิน 10 MB)"))
        << over.body();
    EXPECT_TRUE(contains(over.body(), "is 10,485,761 bytes, more than the 10 MB allowed."));
    nothing_stored("10 MiB + 1");

    // A body of exactly the route's limit still reaches the form: 422 as above.
    const std::size_t fields_bytes = body_with("").size();
    const std::string at_route_limit = body_with(pdf_of(kRouteLimit - fields_bytes));
    ASSERT_EQ(at_route_limit.size(), kRouteLimit);
    ClientResponse at_limit = admin.post_raw(target, multipart_type(), at_route_limit);
    EXPECT_EQ(at_limit.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(at_limit.body(), "เกินกว่าที่รับได้ (ไม่เกิน 10 MB)"));
    nothing_stored("route limit");

    // One byte more: 413 from the server as soon as it has read the headers,
    // before any handler runs, on this route and on an activity's evidence
    // route (the same limit); then it closes. The client here sends the
    // headers and the first 64 KiB and reads the answer, as a browser does
    // when an answer comes while it uploads. (A client that insists on
    // writing the whole body before reading meets the server's lingering
    // close, which discards at most 8 MiB, and may get a reset instead.)
    const std::string over_route = body_with(pdf_of(kRouteLimit - fields_bytes + 1));
    ASSERT_EQ(over_route.size(), kRouteLimit + 1);
    const auto refused_on_headers = [&](const std::string& path) {
        std::string cookies;
        for (const auto& [name, value] : admin.cookies)
            cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
        web::testing::TestConnection connection(site_->port());
        connection.send_raw("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookies +
                            "\r\nContent-Type: " + multipart_type() +
                            "\r\nContent-Length: " + std::to_string(over_route.size()) +
                            "\r\n\r\n" + over_route.substr(0, 64 * 1024));
        ClientResponse response = connection.read_response();
        EXPECT_FALSE(connection.last_error) << path << ": " << connection.last_error.message();
        EXPECT_EQ(response.result(), http::status::payload_too_large) << path;
        EXPECT_EQ(response.body(), "413 Payload Too Large\n") << path;
        EXPECT_TRUE(connection.closed_by_server()) << path;
    };
    refused_on_headers(target);
    refused_on_headers(plan_path() + "/activities/4.1/evidence");
    nothing_stored("route limit + 1");

    // Exactly 10 MiB: accepted, stored with its size, downloaded back whole.
    const std::string largest = pdf_of(kFileLimit);
    ClientResponse accepted = admin.post_raw(target, multipart_type(), body_with(largest));
    ASSERT_EQ(accepted.result(), http::status::see_other) << accepted.body().substr(0, 300);
    auto files = site_->store().list_evidence(plan_id_);
    ASSERT_EQ(files->size(), 1u);
    EXPECT_EQ(files->front().size_bytes, 10'485'760);
    EXPECT_EQ(files->front().content_type, "application/pdf");
    EXPECT_EQ(files->front().original_name, "รายงานฉบับเต็ม.pdf");
    EXPECT_EQ(site_->store().get_plan(plan_id_)->version, std::stoll(version) + 1);
    ClientResponse file = admin.get(plan_path() + "/evidence/" + std::to_string(files->front().id));
    ASSERT_EQ(file.result(), http::status::ok);
    EXPECT_TRUE(file.body() == largest) << file.body().size() << " bytes";
}

// The part of a page from the <h2> with this text to the next <h2>.
std::string section(const std::string& html, const std::string& heading) {
    const auto start = html.find("<h2>" + heading + "</h2>");
    if (start == std::string::npos) return {};
    const auto end = html.find("<h2>", start + 4);
    return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Gaps no measure addresses and units without a plan, for an executive. The
// demo has two units: the department "หน่วยงานตัวอย่าง" (no plan) and ศรป.,
// whose seed plan has gaps 1 (i12) and 2 (e7), addressed by measures 3-5 and
// 1-4. Added here: "กองคลัง (กค.)" below the department, and a third gap on
// the plan, EIT indicator 8 (items e7-e10; by hand from
// data/demo/responses.csv, 53 favourable of 60 answers from 15 respondents,
// 88.33), which no measure addresses.
TEST_P(PlanTest, MonitoringListsUnaddressedGapsAndUnitsWithoutAPlan) {
    Browser exec = signed_in("chief", store::Role::kExecutive);
    store::Id department = 0;
    for (const auto& u : *site_->store().list_units())
        if (u.name == "หน่วยงานตัวอย่าง") department = u.id;
    ASSERT_GT(department, 0);

    // Before: every gap addressed; the department is the only unit without a plan.
    json before = api(exec, "/api/monitoring?year=2569");
    EXPECT_TRUE(before["unaddressed_gaps"].empty()) << before.dump();
    EXPECT_EQ(before["units_without_plan"],
              (json::array({{{"id", department}, {"name", "หน่วยงานตัวอย่าง"}, {"short_name", ""}}})));
    ClientResponse page = exec.get("/admin/monitoring?year=2569");
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_TRUE(contains(section(page.body(), "ช่องว่างที่ยังไม่มีมาตรการรองรับ"), "<p>ไม่มี</p>"))
        << page.body();
    EXPECT_TRUE(contains(section(page.body(), "หน่วยงานที่ยังไม่มีแผนพัฒนา"), "<li>หน่วยงานตัวอย่าง</li>"));

    // A second unit, and a gap no measure addresses.
    store::Unit finance;
    finance.parent_id = department;
    finance.name = "กองคลัง";
    finance.short_name = "กค.";
    auto finance_id = site_->store().create_unit(finance);
    ASSERT_TRUE(finance_id.ok()) << finance_id.status.message;
    auto stored = site_->store().get_plan(plan_id_);
    ASSERT_TRUE(stored.ok());
    auto plan = input::parse_plan_json(stored->document, "plan");
    ASSERT_TRUE(plan.ok());
    core::GapRef gap;
    gap.ref.level = core::ScoreLevel::kIndicator;
    gap.ref.indicator = 8;
    gap.instrument = "EIT";
    gap.score = 88.33;
    gap.answers = 60;
    gap.favourable = 53;
    gap.respondents = 15;
    gap.round = "ITA 2568 รอบ 5 เดือนแรก";
    plan->gaps.push_back(gap);
    ASSERT_TRUE(site_->store()
                    .save_plan(plan_id_, input::export_plan_json(plan.value()), stored->version,
                               "2025-11-20T03:00:00Z")
                    .ok());

    json after = api(exec, "/api/monitoring?year=2569");
    ASSERT_EQ(after["unaddressed_gaps"].size(), 1u) << after.dump();
    const json& row = after["unaddressed_gaps"][0];
    EXPECT_EQ(row["plan_id"], plan_id_);
    EXPECT_EQ(row["unit"], "ศูนย์ความร่วมมือระหว่างประเทศ");
    EXPECT_EQ(row["gap"], 3);
    EXPECT_EQ(row["ref"], "indicator 8");
    EXPECT_EQ(row["instrument"], "EIT");
    EXPECT_DOUBLE_EQ(row["score"].get<double>(), 88.33);
    EXPECT_EQ(after["units_without_plan"],
              (json::array({{{"id", department}, {"name", "หน่วยงานตัวอย่าง"}, {"short_name", ""}},
                            {{"id", *finance_id}, {"name", "กองคลัง"}, {"short_name", "กค."}}})));
    page = exec.get("/admin/monitoring?year=2569");
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_TRUE(contains(section(page.body(), "ช่องว่างที่ยังไม่มีมาตรการรองรับ"),
                         "<li><a href=\"" + plan_path() +
                             "\">ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)</a>: 3. EIT "
                             "ตัวชี้วัดที่ 8 (88.33)</li>"))
        << page.body();
    const std::string units = section(page.body(), "หน่วยงานที่ยังไม่มีแผนพัฒนา");
    EXPECT_TRUE(contains(units, "<li>หน่วยงานตัวอย่าง</li>")) << units;
    EXPECT_TRUE(contains(units, "<li>กองคลัง (กค.)</li>")) << units;
    EXPECT_FALSE(contains(units, "ทุกหน่วยงานมีแผนพัฒนาแล้ว"));

    // A coordinator of กองคลัง reads only its unit: no plan, so no gaps.
    Browser finance_user = signed_in("finance", store::Role::kUnitCoordinator, *finance_id);
    json own = api(finance_user, "/api/monitoring?year=2569");
    EXPECT_TRUE(own["unaddressed_gaps"].empty());
    EXPECT_EQ(own["units_without_plan"],
              (json::array({{{"id", *finance_id}, {"name", "กองคลัง"}, {"short_name", "กค."}}})));

    // A measure addressing gap 3 closes it; cancelled, it addresses nothing.
    Browser admin = signed_in("boss", store::Role::kAdmin);
    auto measure = form_fields(admin.get(plan_path()).body(), "measure-new");
    measure.insert({{"strategy", "I"},
                    {"text", "ชี้แจงช่องทางแจ้งเรื่องร้องเรียนแก่ผู้รับบริการ"},
                    {"gaps", "3"},
                    {"owner", "กลุ่มงานบริหารทั่วไป"},
                    {"start_on", "2025-12-01"},
                    {"due_on", "2026-01-31"},
                    {"status", "not_started"},
                    {"percent", "0"}});
    ASSERT_EQ(admin.post(plan_path() + "/measures", measure).result(), http::status::see_other);
    EXPECT_TRUE(api(exec, "/api/monitoring?year=2569")["unaddressed_gaps"].empty());
    measure["version"] = std::to_string(site_->store().get_plan(plan_id_)->version);
    measure["status"] = "cancelled";
    ClientResponse cancelled = admin.post(plan_path() + "/measures/6", measure);
    ASSERT_EQ(cancelled.result(), http::status::see_other) << cancelled.body();
    json again = api(exec, "/api/monitoring?year=2569");
    ASSERT_EQ(again["unaddressed_gaps"].size(), 1u);
    EXPECT_EQ(again["unaddressed_gaps"][0]["gap"], 3);
}

// The effect is measured only against a round of the same questionnaire that
// opens after the plan's source round and has closed. The demo's open round
// "ITA 2569 รอบ 1" plays the next round: it gets the seed's responses without
// iit-01 (one of the two unfavourable answers to i12) and eit-06 and eit-07
// (the two who disagree with e7), so by hand:
//   i12: 9 favourable of 10 = 90.00 (was 9 of 11 = 81.82), change 8.18
//   e7: 13 of 13 = 100.00 (was 13 of 15 = 86.67), change 13.33
// Measures 1, 2 and 4 (e7 >= 90) are met by 10.00 points, measure 5 (i12 >= 85)
// by 5.00; measure 3 has no target; measure 6 (i12 >= 95, added here) is not
// met by -5.00; measure 7 (OIT >= 80, added here) has no data (no OIT answers).
// So: 4 met, 1 not met, 1 without data.
class PlanEffectTest : public PlanTest {
protected:
    void add_measure(Browser& admin, const std::map<std::string, std::string>& target) {
        auto measure = form_fields(admin.get(plan_path()).body(), "measure-new");
        measure.insert({{"strategy", "A"},
                        {"text", "เผยแพร่ผลการประเมินทางเว็บไซต์"},
                        {"start_on", "2025-12-01"},
                        {"due_on", "2026-01-31"},
                        {"status", "not_started"},
                        {"percent", "0"}});
        for (const auto& [k, v] : target) measure[k] = v;
        ASSERT_EQ(admin.post(plan_path() + "/measures", measure).result(), http::status::see_other);
    }

    void import_next_round(Browser& admin) {
        std::istringstream in(read_source("data/demo/responses.csv"));
        std::string csv;
        for (std::string line; std::getline(in, line);) {
            if (contains(line, ",iit-01,") || contains(line, ",eit-06,") ||
                contains(line, ",eit-07,"))
                continue;
            csv += line + "\n";
        }
        const std::string from = "ITA 2568 รอบ 5 เดือนแรก";
        for (auto pos = csv.find(from); pos != std::string::npos; pos = csv.find(from, pos))
            csv.replace(pos, from.size(), "ITA 2569 รอบ 1");
        const std::string csrf = hidden_fields(admin.get("/admin/imports").body())["csrf"];
        ClientResponse imported =
            admin.post_raw("/admin/imports", multipart_type(),
                           multipart_body({{"csrf", csrf},
                                           {"round", std::to_string(open_round())},
                                           {"file", csv, "responses.csv", "text/csv"}}));
        ASSERT_EQ(imported.result(), http::status::ok) << imported.body();
    }

    void close_next_round() {
        auto round = site_->store().get_round(open_round());
        ASSERT_TRUE(round.ok());
        round->status = store::RoundStatus::kClosed;
        ASSERT_TRUE(site_->store().update_round(*round).ok());
    }

    // Measures 6 and 7, the responses, and the round closed.
    void prepare_next_round(Browser& admin) {
        add_measure(admin,
                    {{"target_level", "item"}, {"target_code", "i12"}, {"target_min", "95"}});
        add_measure(admin,
                    {{"target_level", "instrument"}, {"target_code", "OIT"}, {"target_min", "80"}});
        import_next_round(admin);
        close_next_round();
    }

    store::Id open_round() const { return site_->demo().open_round_id; }
    std::string effect_path() const { return plan_path() + "/effect"; }
    std::string effect_api() const { return "/api/plans/" + std::to_string(plan_id_) + "/effect"; }
    static std::string round_query(store::Id id) { return "?round=" + std::to_string(id); }
};

TEST_P(PlanEffectTest, OnlyALaterClosedRoundIsCompared) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    const std::string seed = round_query(site_->demo().seed_round_id);
    const std::string next = round_query(open_round());

    // No later round has closed: the page says when the effect will show.
    ClientResponse waiting = admin.get(effect_path());
    ASSERT_EQ(waiting.result(), http::status::ok) << waiting.body();
    EXPECT_TRUE(contains(waiting.body(), "จะแสดงผลของแผนเมื่อรอบการประเมินถัดไปของหน่วยงานปิดแล้ว"));
    EXPECT_FALSE(contains(waiting.body(), "class=\"outcome-"));
    EXPECT_TRUE(contains(admin.get(effect_path() + "?lang=en").body(),
                         "The plan&#39;s effect is shown once the unit&#39;s next round closes"))
        << admin.get(effect_path() + "?lang=en").body();
    json none = api(admin, effect_api());
    EXPECT_TRUE(none["round"].is_null());
    EXPECT_TRUE(none["rounds"].empty());
    EXPECT_TRUE(none["measures"].empty());
    EXPECT_TRUE(none["counts"].is_null());
    EXPECT_TRUE(api(admin, "/api/monitoring?year=2569")["effects"].empty());

    // The plan's own source round is refused, as is a round that is still open,
    // even with responses.
    import_next_round(admin);
    for (const auto& query : {seed, next, std::string("?round=x"), std::string("?round=999")}) {
        EXPECT_EQ(admin.get(effect_path() + query).result(), http::status::not_found) << query;
        ClientResponse r = admin.get(effect_api() + query);
        EXPECT_EQ(r.result(), http::status::not_found) << query;
        EXPECT_EQ(json::parse(r.body(), nullptr, false)["error"], "not_found") << query;
    }
    EXPECT_TRUE(api(admin, effect_api())["round"].is_null());

    // Closed, it is the default and the only choice; the source round stays refused.
    close_next_round();
    EXPECT_EQ(admin.get(effect_path() + next).result(), http::status::ok);
    EXPECT_EQ(admin.get(effect_path() + seed).result(), http::status::not_found);
    json closed = api(admin, effect_api());
    EXPECT_EQ(closed["round"]["id"], open_round());
    ASSERT_EQ(closed["rounds"].size(), 1u);
    EXPECT_EQ(closed["rounds"][0]["name"], "ITA 2569 รอบ 1");

    // Roles as for the plan: another unit's coordinator 403, anonymous 401.
    store::Unit other;
    other.name = "หน่วยงานอื่น";
    const store::Id other_id = *site_->store().create_unit(other);
    Browser outsider = signed_in("outsider", store::Role::kUnitCoordinator, other_id);
    EXPECT_EQ(outsider.get(effect_path()).result(), http::status::forbidden);
    EXPECT_EQ(outsider.get(effect_api()).result(), http::status::forbidden);
    Browser anonymous(site_->port());
    EXPECT_EQ(anonymous.get(effect_api()).result(), http::status::unauthorized);
    EXPECT_EQ(location(anonymous.get(effect_path())), "/admin/sign-in");
}

TEST_P(PlanEffectTest, TheNextRoundsFiguresOnThePage) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    prepare_next_round(admin);
    ClientResponse effect = admin.get(effect_path());
    ASSERT_EQ(effect.result(), http::status::ok) << effect.body();
    const std::string& body = effect.body();
    EXPECT_TRUE(contains(body, "<strong>ITA 2569 รอบ 1</strong>"));
    EXPECT_TRUE(contains(body, "บรรลุเป้าหมาย 4 · ไม่บรรลุเป้าหมาย 1 · ไม่มีข้อมูล 1")) << body;
    EXPECT_TRUE(contains(body, "class=\"outcome-met\""));
    EXPECT_TRUE(contains(body, "class=\"outcome-not_met\""));
    EXPECT_TRUE(contains(body, "class=\"outcome-no_data\""));
    EXPECT_TRUE(contains(body, "class=\"outcome-no_target\""));
    // e7 >= 90: 100.00, 10.00 above; i12 >= 85: 90.00, 5.00 above; i12 >= 95: 5.00 short.
    EXPECT_TRUE(contains(body, "<td class=\"number\">100.00</td><td class=\"number\">10.00</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">90.00</td><td class=\"number\">5.00</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">90.00</td><td class=\"number\">-5.00</td>"));
    // Each gap before and after.
    EXPECT_TRUE(contains(body,
                         "<td class=\"number\">81.82</td><td class=\"number\">90.00</td>"
                         "<td class=\"number\">8.18</td>"))
        << body;
    EXPECT_TRUE(contains(body,
                         "<td class=\"number\">86.67</td><td class=\"number\">100.00</td>"
                         "<td class=\"number\">13.33</td>"));
}

TEST_P(PlanEffectTest, TheNextRoundsFiguresInTheApi) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    prepare_next_round(admin);
    Browser exec = signed_in("chief", store::Role::kExecutive);
    json e = api(exec, effect_api() + round_query(open_round()));
    EXPECT_EQ(e["plan_id"], plan_id_);
    EXPECT_EQ(e["source_round"], "ITA 2568 รอบ 5 เดือนแรก");
    EXPECT_EQ(e["round"]["name"], "ITA 2569 รอบ 1");
    EXPECT_EQ(e["counts"], (json{{"met", 4}, {"not_met", 1}, {"no_data", 1}}));
    ASSERT_EQ(e["measures"].size(), 7u);
    const json& m1 = e["measures"][0];
    EXPECT_EQ(m1["number"], 1);
    EXPECT_EQ(m1["target"]["ref"], "e7");
    EXPECT_EQ(m1["target"]["level"], "item");
    EXPECT_DOUBLE_EQ(m1["target"]["min_score"].get<double>(), 90);
    EXPECT_EQ(m1["outcome"], "met");
    EXPECT_DOUBLE_EQ(m1["observed"]["score"].get<double>(), 100);
    EXPECT_EQ(m1["observed"]["score_text"], "100.00");
    EXPECT_EQ(m1["observed"]["favourable"], 13);
    EXPECT_EQ(m1["observed"]["answers"], 13);
    EXPECT_NEAR(m1["margin_points"].get<double>(), 10, 1e-9);
    EXPECT_EQ(e["measures"][2]["outcome"], "no_target");
    EXPECT_TRUE(e["measures"][2]["target"].is_null());
    EXPECT_TRUE(e["measures"][2]["observed"].is_null());
    const json& m5 = e["measures"][4];
    EXPECT_EQ(m5["outcome"], "met");
    EXPECT_EQ(m5["observed"]["favourable"], 9);
    EXPECT_EQ(m5["observed"]["answers"], 10);
    EXPECT_NEAR(m5["margin_points"].get<double>(), 5, 1e-9);
    const json& m6 = e["measures"][5];
    EXPECT_EQ(m6["outcome"], "not_met");
    EXPECT_EQ(m6["observed"]["score_text"], "90.00");
    EXPECT_NEAR(m6["margin_points"].get<double>(), -5, 1e-9);
    const json& m7 = e["measures"][6];
    EXPECT_EQ(m7["outcome"], "no_data");
    EXPECT_EQ(m7["target"]["ref"], "OIT");
    EXPECT_TRUE(m7["observed"].is_null());
    EXPECT_TRUE(m7["margin_points"].is_null());

    ASSERT_EQ(e["gaps"].size(), 2u);
    const json& g1 = e["gaps"][0];
    EXPECT_EQ(g1["gap"], 1);
    EXPECT_EQ(g1["ref"], "i12");
    EXPECT_EQ(g1["instrument"], "IIT");
    EXPECT_DOUBLE_EQ(g1["before"]["score"].get<double>(), 81.82);
    EXPECT_EQ(g1["before"]["round"], "ITA 2568 รอบ 5 เดือนแรก");
    EXPECT_DOUBLE_EQ(g1["after"]["score"].get<double>(), 90);
    EXPECT_EQ(g1["after"]["favourable"], 9);
    EXPECT_EQ(g1["after"]["answers"], 10);
    EXPECT_NEAR(g1["change_points"].get<double>(), 8.18, 1e-9);
    const json& g2 = e["gaps"][1];
    EXPECT_EQ(g2["ref"], "e7");
    EXPECT_EQ(g2["before"]["score_text"], "86.67");
    EXPECT_EQ(g2["after"]["score_text"], "100.00");
    EXPECT_NEAR(g2["change_points"].get<double>(), 13.33, 1e-9);
    // Without ?round=, the latest later closed round: the same answer.
    EXPECT_EQ(api(exec, effect_api()), e);
}

TEST_P(PlanEffectTest, MonitoringCountsTargetsOnceTheNextRoundCloses) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    Browser exec = signed_in("chief", store::Role::kExecutive);
    ClientResponse before = exec.get("/admin/monitoring?year=2569");
    ASSERT_EQ(before.result(), http::status::ok);
    EXPECT_TRUE(contains(before.body(), "ยังไม่มีแผนใดที่รอบการประเมินถัดไปปิดแล้ว"));

    prepare_next_round(admin);
    ClientResponse after = exec.get("/admin/monitoring?year=2569");
    ASSERT_EQ(after.result(), http::status::ok);
    const std::string& body = after.body();
    EXPECT_TRUE(contains(body, "href=\"" + effect_path() + round_query(open_round()) + "\""))
        << body;
    EXPECT_TRUE(contains(body,
                         "<td>ITA 2569 รอบ 1</td><td class=\"number\">4</td>"
                         "<td class=\"number\"><strong class=\"error\">1</strong></td>"
                         "<td class=\"number\">1</td>"))
        << body;
    json monitoring = api(exec, "/api/monitoring?year=2569");
    ASSERT_EQ(monitoring["effects"].size(), 1u);
    const json& row = monitoring["effects"][0];
    EXPECT_EQ(row["plan_id"], plan_id_);
    EXPECT_EQ(row["round_id"], open_round());
    EXPECT_EQ(row["met"], 4);
    EXPECT_EQ(row["not_met"], 1);
    EXPECT_EQ(row["no_data"], 1);
}

// Starting a plan offers the round's item gaps (ticked) and its indicator gaps:
// by hand from data/demo/responses.csv, the lowest indicator of IIT is 1
// (128 favourable of 132 answers, 96.97) and of EIT 8 (53 of 60, 88.33); no
// indicator is below the target of 85.
TEST_P(PlanTest, StartingAPlanOffersItemAndIndicatorGaps) {
    Browser admin = signed_in("boss", store::Role::kAdmin);
    const std::string unit = std::to_string(site_->demo().unit_id);
    const std::string round = std::to_string(site_->demo().seed_round_id);
    ClientResponse list = admin.get("/admin/plans?year=2570");
    EXPECT_TRUE(contains(list.body(), "action=\"/admin/plans/new\"")) << list.body();
    ClientResponse choose =
        admin.get("/admin/plans/new?unit=" + unit + "&fiscal_year=2570&round=" + round);
    ASSERT_EQ(choose.result(), http::status::ok) << choose.body();
    const std::string& page = choose.body();
    // Issue 12.12: each gap with the words of its item or indicator.
    EXPECT_TRUE(contains(page,
                         "value=\"item:i12\" checked> IIT i12 เจ้าหน้าที่ในหน่วยงานของท่าน "
                         "มีการเลือกปฏิบัติอย่างไม่เป็นธรรม ต่อผู้มาติดต่อหรือผู้มารับบริการ "
                         "มากน้อยเพียงใด · 81.82 (9/11)"))
        << page;
    EXPECT_TRUE(contains(page,
                         "value=\"item:e7\" checked> EIT e7 หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอก"
                         "ได้เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงานของหน่วยงาน · 86.67 "
                         "(13/15)"));
    EXPECT_TRUE(
        contains(page, "value=\"indicator:1\"> IIT ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ · 96.97 (128/132)"));
    EXPECT_TRUE(contains(
        page, "value=\"indicator:8\"> EIT ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน · 88.33 (53/60)"));
    auto fields = hidden_fields(page);
    EXPECT_EQ(fields["unit"], unit);
    EXPECT_EQ(fields["fiscal_year"], "2570");
    EXPECT_EQ(fields["choose"], "1");

    // Nothing chosen, or a gap the round does not have: 422, no plan.
    const auto post = [&](const std::vector<std::string>& gaps) {
        std::string body = "csrf=" + web::encode_url_component(fields["csrf"]) + "&unit=" + unit +
                           "&fiscal_year=2570&round=" + round + "&choose=1";
        for (const auto& g : gaps) body += "&gaps=" + web::encode_url_component(g);
        return admin.post_raw("/admin/plans", "application/x-www-form-urlencoded", body);
    };
    ClientResponse empty = post({});
    EXPECT_EQ(empty.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(empty.body(), "กรุณาเลือกช่องว่างอย่างน้อยหนึ่งรายการ"));
    EXPECT_EQ(post({"indicator:3"}).result(), http::status::unprocessable_entity);
    EXPECT_TRUE(site_->store().list_plans(2570)->empty());

    // Indicator 8 and item i12.
    ClientResponse created = post({"indicator:8", "item:i12"});
    ASSERT_EQ(created.result(), http::status::see_other) << created.body();
    const store::Id id = std::stoll(location(created).substr(std::string("/admin/plans/").size()));
    auto plan = input::parse_plan_json(site_->store().get_plan(id)->document, "plan");
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->gaps.size(), 2u);
    EXPECT_EQ(plan->gaps[0].ref.level, core::ScoreLevel::kItem);
    EXPECT_EQ(plan->gaps[0].ref.code, "i12");
    EXPECT_EQ(plan->gaps[1].ref.level, core::ScoreLevel::kIndicator);
    EXPECT_EQ(plan->gaps[1].ref.indicator, 8);
    EXPECT_EQ(plan->gaps[1].instrument, "EIT");
    EXPECT_EQ(plan->gaps[1].favourable, 53u);
    EXPECT_EQ(plan->gaps[1].answers, 60u);
    ClientResponse shown = admin.get(location(created));
    EXPECT_TRUE(contains(shown.body(), "ตัวชี้วัดที่ 8"));
    EXPECT_TRUE(contains(shown.body(), "88.33"));
    EXPECT_TRUE(contains(shown.body(), "53/60"));

    // An executive may not start a plan.
    Browser exec = signed_in("chief", store::Role::kExecutive);
    EXPECT_EQ(
        exec.get("/admin/plans/new?unit=" + unit + "&fiscal_year=2571&round=" + round).result(),
        http::status::forbidden);
}

TEST_P(PlanTest, RolesAndCsrfOnEveryRoute) {
    // Evidence on the demo plan, uploaded by an admin.
    Browser admin = signed_in("boss", store::Role::kAdmin);
    auto update = form_fields(admin.get(plan_path()).body(), "update-1");
    ASSERT_EQ(admin
                  .post_raw(plan_path() + "/measures/1/updates", multipart_type(),
                            multipart_body({{"csrf", update["csrf"]},
                                            {"version", update["version"]},
                                            {"on", "2025-12-02"},
                                            {"percent", "10"},
                                            {"file", kPdf, "a.pdf", "application/pdf"}}))
                  .result(),
              http::status::see_other);
    const std::regex link(R"(/admin/plans/\d+/evidence/\d+)");
    std::smatch match;
    const std::string page = admin.get(plan_path()).body();
    ASSERT_TRUE(std::regex_search(page, match, link));
    const std::string evidence = match[0].str();

    // A coordinator of another unit sees neither the plan nor its evidence.
    store::Unit other;
    other.name = "หน่วยงานอื่น";
    const store::Id other_id = *site_->store().create_unit(other);
    Browser outsider = signed_in("outsider", store::Role::kUnitCoordinator, other_id);
    EXPECT_EQ(outsider.get(plan_path()).result(), http::status::forbidden);
    EXPECT_EQ(outsider.get(evidence).result(), http::status::forbidden);
    EXPECT_EQ(outsider.get("/api/plans/" + std::to_string(plan_id_)).result(),
              http::status::forbidden);
    EXPECT_TRUE(api(outsider, "/api/plans?year=2569").empty());
    const std::string outsider_csrf = hidden_fields(outsider.get("/admin/plans").body())["csrf"];
    EXPECT_EQ(outsider
                  .post(plan_path() + "/gaps/1",
                        {{"csrf", outsider_csrf}, {"version", "2"}, {"cause_note", "x"}})
                  .result(),
              http::status::forbidden);

    // The unit's own coordinator reads and edits.
    Browser own = signed_in("own", store::Role::kUnitCoordinator, site_->demo().unit_id);
    ClientResponse own_page = own.get(plan_path());
    ASSERT_EQ(own_page.result(), http::status::ok);
    EXPECT_EQ(own.get(evidence).body(), kPdf);
    auto gap = form_fields(own_page.body(), "gap-1");
    gap["cause_note"] = "บันทึกโดยผู้ประสานงาน";
    EXPECT_EQ(own.post(plan_path() + "/gaps/1", gap).result(), http::status::see_other);

    // An executive reads everything; every POST is 403.
    Browser exec = signed_in("chief", store::Role::kExecutive);
    EXPECT_EQ(exec.get(plan_path()).result(), http::status::ok);
    EXPECT_EQ(exec.get(evidence).result(), http::status::ok);
    const std::string exec_csrf = hidden_fields(exec.get("/admin/plans").body())["csrf"];
    const std::vector<std::string> posts = {"/admin/plans",
                                            plan_path() + "/gaps/1",
                                            plan_path() + "/measures",
                                            plan_path() + "/measures/1",
                                            plan_path() + "/measures/1/updates",
                                            plan_path() + "/activities",
                                            plan_path() + "/activities/4.1/evidence"};
    for (const auto& target : posts) {
        EXPECT_EQ(exec.post(target, {{"csrf", exec_csrf}, {"version", "3"}}).result(),
                  http::status::forbidden)
            << target;
        // Without the token, even an admin is refused.
        EXPECT_EQ(admin.post(target, {{"version", "3"}}).result(), http::status::forbidden)
            << target;
        EXPECT_EQ(admin.post(target, {{"csrf", "forged"}, {"version", "3"}}).result(),
                  http::status::forbidden)
            << target;
    }

    // Anonymous: the sign-in page, and 401 from the API.
    Browser anonymous(site_->port());
    EXPECT_EQ(location(anonymous.get(plan_path())), "/admin/sign-in");
    EXPECT_EQ(location(anonymous.get(evidence)), "/admin/sign-in");
    EXPECT_EQ(location(anonymous.get("/admin/monitoring")), "/admin/sign-in");
    EXPECT_EQ(anonymous.get("/api/plans").result(), http::status::unauthorized);
}

INSTANTIATE_TEST_SUITE_P(Stores, PlanTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Stores, PlanEffectTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
