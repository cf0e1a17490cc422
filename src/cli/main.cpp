// itagap: integrity and transparency self-assessment for Thai public agencies.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "cli/score_command.hpp"
#include "cli/serve_command.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "itagap — ประเมินคุณธรรมและความโปร่งใส (ITA) ภายในหน่วยงาน และปิดช่องว่างที่พบ\n"
        "itagap — internal Integrity and Transparency Assessment and gap closing"};
    app.require_subcommand(1);

    itagap::cli::ScoreOptions score;
    CLI::App* score_cmd = app.add_subcommand(
        "score", "คำนวณคะแนนและวิเคราะห์ช่องว่างจากไฟล์ CSV / score responses and analyse gaps");
    score_cmd->add_option("--questionnaire,-q", score.questionnaire_path, "questionnaire JSON file")
        ->required();
    score_cmd->add_option("--responses,-r", score.responses_path, "responses CSV file")->required();
    score_cmd->add_option("--format,-f", score.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    score_cmd->add_option("--lang", score.language, "th (default) or en for text output")
        ->check(CLI::IsMember({"th", "en"}));
    score_cmd->add_option("--target", score.target, "target score, default from the questionnaire (85)")
        ->check(CLI::Range(0.0, 100.0));

    itagap::cli::ServeOptions serve;
    CLI::App* serve_cmd = app.add_subcommand("serve", "เปิดเว็บไซต์ itagap / run the web site");
    itagap::cli::ServeOptions demo;
    demo.db_url = "sqlite:demo.db";
    CLI::App* demo_cmd = app.add_subcommand(
        "demo", "สร้างฐานข้อมูลตัวอย่างแล้วเปิดเว็บไซต์ / set up the demo database and serve it");
    for (auto [cmd, options] : {std::pair{serve_cmd, &serve}, std::pair{demo_cmd, &demo}}) {
        cmd->add_option("--db", options->db_url,
                        "sqlite:FILE or postgresql://user@host/db (default " + options->db_url + ")");
        cmd->add_option("--listen", options->listen, "ADDRESS:PORT (default 127.0.0.1:8080)");
        cmd->add_option("--public-url", options->public_url,
                        "the address respondents use, for QR codes (default: from the request)");
        cmd->add_flag("--secure-cookies", options->secure_cookies, "mark cookies Secure (behind HTTPS)");
        cmd->add_option("--workers", options->worker_threads, "handler threads (default 8)")
            ->check(CLI::Range(1, 256));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : itagap::cli::kExitBadInput;
    }

    try {
        if (*score_cmd) return itagap::cli::run_score(score, std::cout, std::cerr);
        if (*serve_cmd) return itagap::cli::run_serve(serve, std::cout, std::cerr);
        if (*demo_cmd) return itagap::cli::run_demo(demo, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "itagap: internal error: " << e.what() << "\n";
        return itagap::cli::kExitInternalError;
    }
    return itagap::cli::kExitInternalError;
}
