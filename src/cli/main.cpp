// itagap: integrity and transparency self-assessment for Thai public agencies.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/cli_text.hpp"
#include "cli/plan_command.hpp"
#include "cli/report_command.hpp"
#include "cli/score_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/user_command.hpp"
#include "core/fiscal_year.hpp"

int main(int argc, char** argv) {
    using itagap::cli::both_languages;
    CLI::App app{both_languages("app", "\n")};
    app.require_subcommand(1);

    itagap::cli::ScoreOptions score;
    CLI::App* score_cmd = app.add_subcommand("score", both_languages("score_command"));
    score_cmd->add_option("--questionnaire,-q", score.questionnaire_path, "questionnaire JSON file")
        ->required();
    score_cmd->add_option("--responses,-r", score.responses_path, "responses CSV file")->required();
    score_cmd->add_option("--format,-f", score.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    score_cmd->add_option("--lang", score.language, "th (default) or en for text output")
        ->check(CLI::IsMember({"th", "en"}));
    score_cmd
        ->add_option("--target", score.target, "target score, default from the questionnaire (85)")
        ->check(CLI::Range(0.0, 100.0));

    itagap::cli::ServeOptions serve;
    CLI::App* serve_cmd = app.add_subcommand("serve", both_languages("serve_command"));
    itagap::cli::ServeOptions demo;
    demo.db_url = "sqlite:demo.db";
    CLI::App* demo_cmd = app.add_subcommand("demo", both_languages("demo_command"));
    for (auto [cmd, options] : {std::pair{serve_cmd, &serve}, std::pair{demo_cmd, &demo}}) {
        cmd->add_option(
            "--db", options->db_url,
            "sqlite:FILE or postgresql://user@host/db (default " + options->db_url + ")");
        cmd->add_option("--listen", options->listen, "ADDRESS:PORT (default 127.0.0.1:8080)");
        cmd->add_option("--public-url", options->public_url,
                        "the address respondents use, for QR codes (default: from the request)");
        cmd->add_flag("--secure-cookies", options->secure_cookies,
                      "mark cookies Secure (behind HTTPS)");
        cmd->add_option("--submit-rate", options->submit_rate_per_second,
                        "survey submissions a second per address after a burst of 30 (default 2; "
                        "0: no limit)")
            ->check(CLI::NonNegativeNumber);
        cmd->add_option("--workers", options->worker_threads, "handler threads (default 8)")
            ->check(CLI::Range(1, 256));
    }
    // For tests and scripts: set up the demo database, print where it is, exit.
    demo_cmd->add_flag("--setup-only", demo.setup_only, "set up the demo database and exit")
        ->group("");

    CLI::App* plan_cmd = app.add_subcommand("plan", both_languages("plan_command"));
    plan_cmd->require_subcommand(1);
    itagap::cli::PlanExportOptions plan_export;
    CLI::App* plan_export_cmd =
        plan_cmd->add_subcommand("export", both_languages("plan_export_command"));
    plan_export_cmd
        ->add_option("--db", plan_export.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    plan_export_cmd
        ->add_option("--unit", plan_export.unit, "unit name, short name or \"name (short)\"")
        ->required();
    plan_export_cmd->add_option("--year", plan_export.fiscal_year_be, "fiscal year, B.E. (2569)")
        ->required()
        ->check(CLI::Range(itagap::core::kMinFiscalYearBe, itagap::core::kMaxFiscalYearBe));
    plan_export_cmd->add_option("--output,-o", plan_export.output_path,
                                "output file (default: stdout)");
    itagap::cli::PlanImportOptions plan_import;
    CLI::App* plan_import_cmd =
        plan_cmd->add_subcommand("import", both_languages("plan_import_command"));
    plan_import_cmd
        ->add_option("--db", plan_import.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    plan_import_cmd->add_option("file", plan_import.file_path, "plan file (itagap-plan/1 JSON)")
        ->required();
    plan_import_cmd->add_flag("--replace", plan_import.replace,
                              "overwrite the unit's existing plan for the year");

    itagap::cli::ReportOptions report;
    CLI::App* report_cmd = app.add_subcommand("report", both_languages("report_command"));
    report_cmd->add_option("--db", report.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    report_cmd->add_option("--unit", report.unit, "unit name, short name or \"name (short)\"")
        ->required();
    report_cmd->add_option("--round", report.round, "round name or id")->required();
    report_cmd->add_option("--plan", report.plan_id,
                           "plan id (default: the plan made from the round)");
    report_cmd
        ->add_option("--format", report.format,
                     "docx, pdf, html, xlsx, scores.csv or responses.csv")
        ->required();
    report_cmd->add_option("--output,-o", report.output_path, "output file")->required();
    report_cmd->add_option("--lang", report.language, "th (default) or en")
        ->check(CLI::IsMember({"th", "en"}));
    report_cmd
        ->add_option("--target", report.target,
                     fmt::format("target score (default {})", itagap::core::kDefaultTargetScore))
        ->check(CLI::Range(0.0, 100.0));
    report_cmd->add_option("--today", report.today,
                           "the date the report counts as today, YYYY-MM-DD");

    itagap::cli::InitOptions init;
    CLI::App* init_cmd = app.add_subcommand("init", both_languages("init_command"));
    init_cmd->add_option("--db", init.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    init_cmd->add_option("--agency", init.agency, "the agency's name, in Thai")->required();
    init_cmd->add_option("--admin", init.admin_username,
                         "the first admin's username (default admin)");

    CLI::App* user_cmd = app.add_subcommand("user", both_languages("user_command"));
    user_cmd->require_subcommand(1);
    itagap::cli::UserAddOptions user_add;
    CLI::App* user_add_cmd = user_cmd->add_subcommand("add", both_languages("user_add_command"));
    user_add_cmd->add_option("--db", user_add.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    user_add_cmd->add_option("--username", user_add.username, "A-Z a-z 0-9 . _ -")->required();
    user_add_cmd
        ->add_option("--role", user_add.role, "admin, unit_coordinator, executive or reviewer")
        ->required();
    user_add_cmd->add_option("--unit", user_add.unit,
                             "unit name, short name or \"name (short)\" (a coordinator's unit)");
    user_add_cmd->add_option("--name", user_add.display_name, "display name");
    itagap::cli::UserListOptions user_list;
    CLI::App* user_list_cmd = user_cmd->add_subcommand("list", both_languages("user_list_command"));
    user_list_cmd->add_option("--db", user_list.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    itagap::cli::UserResetOptions user_reset;
    CLI::App* user_reset_cmd =
        user_cmd->add_subcommand("reset", both_languages("user_reset_command"));
    user_reset_cmd
        ->add_option("--db", user_reset.db_url, "sqlite:FILE or postgresql://user@host/db")
        ->required();
    user_reset_cmd->add_option("--username", user_reset.username, "the account to reset")
        ->required();

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
        if (*plan_export_cmd)
            return itagap::cli::run_plan_export(plan_export, std::cout, std::cerr);
        if (*plan_import_cmd)
            return itagap::cli::run_plan_import(plan_import, std::cout, std::cerr);
        if (*report_cmd) return itagap::cli::run_report(report, std::cout, std::cerr);
        if (*init_cmd) return itagap::cli::run_init(init, std::cout, std::cerr);
        if (*user_add_cmd) return itagap::cli::run_user_add(user_add, std::cout, std::cerr);
        if (*user_list_cmd) return itagap::cli::run_user_list(user_list, std::cout, std::cerr);
        if (*user_reset_cmd) return itagap::cli::run_user_reset(user_reset, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "itagap: internal error: " << e.what() << "\n";
        return itagap::cli::kExitInternalError;
    }
    return itagap::cli::kExitInternalError;
}
