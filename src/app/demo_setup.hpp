// The demo database: the seed document's unit and round with the demo
// responses, the seed's improvement plan for 2569, an open round to try the
// surveys in, a few access codes and an admin account with a one-time
// password. Run twice, it reuses what is there (and gives the admin a new
// one-time password).
#pragma once

#include <string>
#include <vector>

#include "store/store.hpp"

namespace itagap::app {

struct DemoData {
    std::string questionnaire_json;  // data/questionnaires/ita-internal-2568.json
    std::string responses_csv;       // data/demo/responses.csv
    std::string plan_json;           // data/demo/plan-2569.json; empty: no plan
};

struct DemoSetup {
    store::Id unit_id = 0;
    store::Id seed_round_id = 0;  // "ITA 2568 รอบ 5 เดือนแรก", closed, with responses
    store::Id open_round_id = 0;  // "ITA 2569 รอบ 1", open for trying the surveys
    store::Id plan_id = 0;        // the unit's plan of the demo plan's year; 0 without one
    std::vector<std::string> access_codes;  // new IIT codes for the open round, formatted
    std::string admin_username;
    std::string admin_password;  // one-time: must be changed at first sign-in
};

// `now` is a timestamp for the records made. The demo responses are dated
// the seed round's closing day.
store::StatusOr<DemoSetup> set_up_demo(store::Store& store, const DemoData& data,
                                       const std::string& now);

}  // namespace itagap::app
