// A horizontal bar chart of scores against a target line, as inline SVG:
// used by the dashboard (issue 3) and the reports (issue 5). No script, no
// external resources; every label is XML-escaped.
#pragma once

#include <string>
#include <vector>

#include "core/questionnaire.hpp"

namespace itagap::report {

struct Bar {
    std::string label;  // "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่"
    double score = 0;        // 0..100
    std::string value_text;  // "96.97"
    bool below_target = false;
};

struct BarChartOptions {
    double target = core::kDefaultTargetScore;
    std::string target_label;  // "เป้าหมาย 85.00"
    std::string title;         // accessible name (<title>)
    int width = 640;
};

std::string bar_chart_svg(const std::vector<Bar>& bars, const BarChartOptions& options);

// Escapes & < > " ' for XML text and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace itagap::report
