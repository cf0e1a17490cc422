// A report chart (report/document.hpp) drawn as vectors by cairo, for the PDF
// pages and the PNG images (internal to itagap_pdf). The layout follows
// bar_chart_svg: a label line above each bar so long Thai names need no
// truncation, the value to the right of the bar, a dashed target line across
// the bars, and bars below the target in amber instead of green.
#pragma once

#include <cstddef>
#include <vector>

#include "report/document.hpp"
#include "report/pdf/text_setter.hpp"

namespace itagap::report::pdf {

// Measured once for a width in points; draws the whole chart or a run of its
// bars (a chart longer than a page continues on the next one).
class BarChartDrawing {
public:
    // REQUIRES: chart and text outlive this.
    BarChartDrawing(const TextSetter& text, const Chart& chart, double width);

    std::size_t bar_count() const { return bar_heights_.size(); }
    double title_height() const { return title_height_; }
    // Bars [first, last) under their own target label line.
    double bars_height(std::size_t first, std::size_t last) const;
    double height() const { return title_height_ + bars_height(0, bar_count()); }

    void draw_title(double x, double y) const;
    void draw_bars(double x, double y, std::size_t first, std::size_t last) const;
    void draw(double x, double y) const;

private:
    double plot_width() const { return width_ - value_width_; }

    const TextSetter& text_;
    const Chart& chart_;
    double width_;
    double value_width_ = 0;   // the column right of the bars that holds the values
    double title_height_ = 0;  // title and the gap under it; 0 without a title
    double target_label_height_ = 0;
    std::vector<double> label_heights_;
    std::vector<double> bar_heights_;  // label, bar and the gap under them
};

}  // namespace itagap::report::pdf
