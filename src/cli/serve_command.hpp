// `itagap serve` and `itagap demo`: the web site over a store.
#pragma once

#include <iosfwd>
#include <string>

namespace itagap::cli {

struct ServeOptions {
    std::string db_url = "sqlite:itagap.db";
    std::string listen = "127.0.0.1:8080";
    std::string public_url;       // for QR codes and printed links
    bool secure_cookies = false;  // behind HTTPS
    int worker_threads = 8;
    // Survey submissions a second from one address, after a burst of 30;
    // 0 turns the limit off (benchmarks from one loopback address).
    double submit_rate_per_second = 2;
    bool setup_only = false;  // demo: set up the database, then exit without serving
};

// Serves until SIGINT or SIGTERM; finishes in-flight commits, then returns.
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

// Creates (or reuses) the demo database, prints the admin's one-time password
// and a few access codes, then serves it (or, with setup_only, returns).
int run_demo(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace itagap::cli
