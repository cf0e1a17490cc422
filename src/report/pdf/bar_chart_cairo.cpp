#include "report/pdf/bar_chart_cairo.hpp"

#include <algorithm>
#include <numeric>

namespace itagap::report::pdf {

namespace {

constexpr Font kTitleFont{"Laksaman Bold 16"};
constexpr Font kLabelFont{"Laksaman 14"};
constexpr Font kTargetFont{"Laksaman 12"};

// Points.
constexpr double kBarThickness = 12;
constexpr double kLabelToBar = 1;
constexpr double kGapAfterBar = 6;
constexpr double kGapAfterTitle = 4;
constexpr double kValuePad = 4;

struct Rgb {
    double r, g, b;
};
constexpr Rgb kText{0.13, 0.13, 0.13};
constexpr Rgb kTrack{0.91, 0.91, 0.91};
constexpr Rgb kAtTarget{0.18, 0.55, 0.34};     // green
constexpr Rgb kBelowTarget{0.93, 0.60, 0.07};  // amber
constexpr Rgb kTarget{0.63, 0.25, 0.0};

void set_colour(cairo_t* cr, Rgb colour) { cairo_set_source_rgb(cr, colour.r, colour.g, colour.b); }

// Scores are percentages; a bar never leaves its track.
double fraction_of(double score) { return std::clamp(score, 0.0, 100.0) / 100.0; }

}  // namespace

BarChartDrawing::BarChartDrawing(const TextSetter& text, const Chart& chart, double width)
    : text_(text), chart_(chart), width_(width) {
    for (const Bar& bar : chart.bars) {
        value_width_ =
            std::max(value_width_, text.natural_width(bar.value_text, kLabelFont) + 2 * kValuePad);
    }
    value_width_ = std::min(value_width_, width_ / 3);
    if (!chart.title.empty())
        title_height_ = text.height(chart.title, kTitleFont, width_) + kGapAfterTitle;
    if (!chart.target_label.empty())
        target_label_height_ = text.height(chart.target_label, kTargetFont, 0);
    for (const Bar& bar : chart.bars) {
        const double label = text.height(bar.label, kLabelFont, plot_width());
        label_heights_.push_back(label);
        bar_heights_.push_back(label + kLabelToBar + kBarThickness + kGapAfterBar);
    }
}

double BarChartDrawing::bars_height(std::size_t first, std::size_t last) const {
    return target_label_height_ + std::accumulate(bar_heights_.begin() + static_cast<long>(first),
                                                  bar_heights_.begin() + static_cast<long>(last),
                                                  0.0);
}

void BarChartDrawing::draw_title(double x, double y) const {
    if (chart_.title.empty()) return;
    cairo_t* cr = text_.cairo();
    cairo_save(cr);
    set_colour(cr, kText);
    text_.draw(chart_.title, kTitleFont, x, y, width_, Align::kCenter);
    cairo_restore(cr);
}

void BarChartDrawing::draw_bars(double x, double y, std::size_t first, std::size_t last) const {
    cairo_t* cr = text_.cairo();
    cairo_save(cr);
    const double target_x = x + plot_width() * fraction_of(chart_.target);
    const double label_width = text_.natural_width(chart_.target_label, kTargetFont);
    set_colour(cr, kTarget);
    if (!chart_.target_label.empty())
        text_.draw(chart_.target_label, kTargetFont, std::max(x, target_x - label_width), y, 0);

    const double bars_top = y + target_label_height_;
    double row_top = bars_top;
    for (std::size_t i = first; i < last; ++i) {
        const Bar& bar = chart_.bars[i];
        set_colour(cr, kText);
        text_.draw(bar.label, kLabelFont, x, row_top, plot_width());
        const double bar_top = row_top + label_heights_[i] + kLabelToBar;
        set_colour(cr, kTrack);
        cairo_rectangle(cr, x, bar_top, plot_width(), kBarThickness);
        cairo_fill(cr);
        set_colour(cr, bar.below_target ? kBelowTarget : kAtTarget);
        cairo_rectangle(cr, x, bar_top, plot_width() * fraction_of(bar.score), kBarThickness);
        cairo_fill(cr);
        const double value_height = text_.height(bar.value_text, kLabelFont, 0);
        set_colour(cr, kText);
        text_.draw(bar.value_text, kLabelFont, x + plot_width() + kValuePad,
                   bar_top + (kBarThickness - value_height) / 2, 0);
        row_top += bar_heights_[i];
    }

    if (last > first) {
        const double dash[] = {4, 3};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 1.2);
        set_colour(cr, kTarget);
        cairo_move_to(cr, target_x, bars_top);
        cairo_line_to(cr, target_x, row_top - kGapAfterBar);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void BarChartDrawing::draw(double x, double y) const {
    draw_title(x, y);
    draw_bars(x, y + title_height_, 0, bar_count());
}

}  // namespace itagap::report::pdf
