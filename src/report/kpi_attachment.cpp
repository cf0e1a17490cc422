#include "report/kpi_attachment.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/number_format.hpp"
#include "core/plan_monitoring.hpp"
#include "report/narrative.hpp"
#include "text/catalogue.hpp"

namespace itagap::report {

namespace {

using core::format_score;

// ---- The words of this document (the catalogue's "kpi" texts) -------------------

struct KpiTexts {
    std::string_view title;              // {unit} {year}
    std::string_view title_no_year;      // {unit}
    std::string_view activity_heading;   // {number} {title}
    std::string_view activity_when;      // {date}
    std::string_view activity_unit;      // {unit}
    std::string_view activity_place;     // {place}
    std::string_view activity_time;      // {time}
    std::string_view activity_people;    // {people}
    std::string_view participant_count;  // {group} {count}
    std::string_view findings_heading;
    std::string_view cause_first;      // {instrument} {where} {score} {cause}
    std::string_view cause_next;       // {instrument} {where} {score} {cause}
    std::string_view cause_first_gap;  // the same for a gap that is not its instrument's lowest
    std::string_view cause_next_gap;   // {instrument} {where} {score} {cause}
    std::string_view cause_missing;    // a gap the team has not written a cause for
    std::string_view cause_link;       // a link word before a cause that does not say "because"
    std::string_view cause_because;    // "because": a cause that starts with it needs no link
    std::string_view close_gaps_one;
    std::string_view close_gaps_many;    // {count}
    std::string_view item_in_indicator;  // {number} {name} {code} {text}
    std::string_view instrument_only;    // {code}
    std::string_view indicator_only;     // {number} {name}
    std::string_view chart_heading;
    std::string_view chart_title;
    std::string_view chart_bar;     // {number} {name} {instrument}
    std::string_view target_label;  // {target}
    std::string_view table_intro;
    std::string_view table_caption;
    std::string_view column_strategy;
    std::string_view column_measure;
    std::string_view column_rationale;
    std::string_view column_knowledge;
    std::string_view monitoring_heading;  // {date}
    std::string_view column_owner;
    std::string_view column_due;
    std::string_view column_status;
    std::string_view column_percent;
    std::string_view status_not_started;
    std::string_view status_in_progress;
    std::string_view status_done;
    std::string_view status_cancelled;
    std::string_view overdue;  // appended to the status
    std::string_view no_plan;
    std::string_view no_measures;
    std::string_view footer;  // {date}
    std::string_view page;
};

// Every field from the catalogue's "kpi" texts (data/messages/*.po).
KpiTexts load(Language language) {
    auto t = [language](std::string_view key) { return text::phrase(language, "kpi", key); };
    return {
        .title = t("title"),
        .title_no_year = t("title_no_year"),
        .activity_heading = t("activity_heading"),
        .activity_when = t("activity_when"),
        .activity_unit = t("activity_unit"),
        .activity_place = t("activity_place"),
        .activity_time = t("activity_time"),
        .activity_people = t("activity_people"),
        .participant_count = t("participant_count"),
        .findings_heading = t("findings_heading"),
        .cause_first = t("cause_first"),
        .cause_next = t("cause_next"),
        .cause_first_gap = t("cause_first_gap"),
        .cause_next_gap = t("cause_next_gap"),
        .cause_missing = t("cause_missing"),
        .cause_link = t("cause_link"),
        .cause_because = t("cause_because"),
        .close_gaps_one = t("close_gaps_one"),
        .close_gaps_many = t("close_gaps_many"),
        .item_in_indicator = t("item_in_indicator"),
        .instrument_only = t("instrument_only"),
        .indicator_only = t("indicator_only"),
        .chart_heading = t("chart_heading"),
        .chart_title = t("chart_title"),
        .chart_bar = t("chart_bar"),
        .target_label = t("target_label"),
        .table_intro = t("table_intro"),
        .table_caption = t("table_caption"),
        .column_strategy = t("column_strategy"),
        .column_measure = t("column_measure"),
        .column_rationale = t("column_rationale"),
        .column_knowledge = t("column_knowledge"),
        .monitoring_heading = t("monitoring_heading"),
        .column_owner = t("column_owner"),
        .column_due = t("column_due"),
        .column_status = t("column_status"),
        .column_percent = t("column_percent"),
        .status_not_started = t("status_not_started"),
        .status_in_progress = t("status_in_progress"),
        .status_done = t("status_done"),
        .status_cancelled = t("status_cancelled"),
        .overdue = t("overdue"),
        .no_plan = t("no_plan"),
        .no_measures = t("no_measures"),
        .footer = t("footer"),
        .page = t("page"),
    };
}

const KpiTexts& texts(Language language) {
    static const KpiTexts kThai = load(Language::kThai);
    static const KpiTexts kEnglish = load(Language::kEnglish);
    return language == Language::kThai ? kThai : kEnglish;
}

template <typename... Named>
std::string fill(std::string_view pattern, Named&&... named) {
    return fmt::format(fmt::runtime(pattern), std::forward<Named>(named)...);
}

// Dates: Thai documents write "20 พ.ย. 2568"; English ones the ISO date.
std::string date_text(const core::CivilDate& date, Language language) {
    return language == Language::kThai ? core::format_thai_date(date) : core::to_iso_string(date);
}

// ---- The builder --------------------------------------------------------------------

class KpiAttachmentBuilder {
public:
    explicit KpiAttachmentBuilder(const KpiAttachmentInput& in)
        : in_(in), q_(*in.questionnaire), t_(texts(in.language)), m_(messages(in.language)) {}

    Document build() {
        doc_.language = in_.language == Language::kThai ? "th" : "en";
        doc_.page_label = std::string(t_.page);
        doc_.title = title();
        doc_.blocks.push_back(Heading{doc_.title, 1});
        if (in_.plan) {
            for (const auto& activity : in_.plan->activities) add_activity(activity);
        }
        add_findings();
        add_chart();
        if (!in_.plan) {
            doc_.blocks.push_back(Paragraph{std::string(t_.no_plan)});
        } else {
            add_pirab_table();
            add_monitoring();
        }
        doc_.footer_note = fill(t_.footer, fmt::arg("date", date_text(in_.today, in_.language)));
        return std::move(doc_);
    }

private:
    std::string unit_with_short() const {
        if (in_.unit_short_name.empty() || in_.unit_short_name == in_.unit_name)
            return in_.unit_name;
        return in_.unit_name + " (" + in_.unit_short_name + ")";
    }

    std::string title() const {
        if (in_.plan && !in_.plan->title.empty()) return in_.plan->title;
        const int year = in_.fiscal_year_be != 0 ? in_.fiscal_year_be
                         : in_.plan              ? in_.plan->fiscal_year_be
                                                 : 0;
        if (year == 0) return fill(t_.title_no_year, fmt::arg("unit", in_.unit_name));
        return fill(t_.title, fmt::arg("unit", in_.unit_name), fmt::arg("year", year));
    }

    // "วันที่ 20 พ.ย. 2568 ศูนย์... (ศรป.) จัดประชุม... ณ ห้อง... เวลา 09.30 - 11.00 น.
    // โดยมีผู้แทนจากกลุ่มงานต่าง ๆ เข้าร่วม", then the summary the team wrote.
    void add_activity(const core::Activity& activity) {
        doc_.blocks.push_back(Heading{fill(t_.activity_heading, fmt::arg("number", activity.number),
                                           fmt::arg("title", activity.title)),
                                      2});
        std::vector<std::string> parts;
        parts.push_back(
            fill(t_.activity_when, fmt::arg("date", date_text(activity.on, in_.language))));
        parts.push_back(fill(t_.activity_unit, fmt::arg("unit", unit_with_short())));
        parts.push_back(activity.title);
        if (!activity.place.empty())
            parts.push_back(fill(t_.activity_place, fmt::arg("place", activity.place)));
        if (activity.starts_at && activity.ends_at) {
            const std::string time =
                in_.language == Language::kThai
                    ? core::format_thai_time_range(*activity.starts_at, *activity.ends_at)
                    : core::to_hhmm_string(*activity.starts_at) + "-" +
                          core::to_hhmm_string(*activity.ends_at);
            parts.push_back(fill(t_.activity_time, fmt::arg("time", time)));
        }
        if (!activity.participants.empty()) {
            std::vector<std::string> people;
            for (const auto& p : activity.participants) {
                people.push_back(p.count ? fill(t_.participant_count, fmt::arg("group", p.group),
                                                fmt::arg("count", *p.count))
                                         : p.group);
            }
            parts.push_back(fill(t_.activity_people, fmt::arg("people", join_list(people, m_))));
        }
        std::string text;
        for (const auto& p : parts) {
            if (!text.empty()) text += ' ';
            text += p;
        }
        doc_.blocks.push_back(Paragraph{text});
        if (!activity.summary.empty()) doc_.blocks.push_back(Paragraph{activity.summary});
    }

    // The scores in sentences (report/narrative.hpp), then the team's causes of
    // the gaps the plan takes up.
    void add_findings() {
        doc_.blocks.push_back(Heading{std::string(t_.findings_heading), 2});
        for (auto& paragraph : narrate(q_, *in_.score, *in_.gaps, in_.language)) {
            doc_.blocks.push_back(Paragraph{std::move(paragraph)});
        }
        if (std::string sample = sample_paragraph(q_, in_.sample, in_.language); !sample.empty()) {
            doc_.blocks.push_back(Paragraph{std::move(sample)});
        }
        if (!in_.plan || in_.plan->gaps.empty()) return;
        // One sentence per gap of the plan, in its order: "ต่ำสุด" only for the
        // gap that is its instrument's lowest at its level (ties included, as
        // shown to two decimals); a gap without a cause note is said to have
        // none, so the count at the end is the plan's count of gaps.
        std::vector<std::string> sentences;
        int written = 0;
        for (const auto& gap : in_.plan->gaps) {
            std::string cause;
            if (gap.cause_note.empty()) {
                cause = std::string(t_.cause_missing);
            } else {
                cause = gap.cause_note;
                if (t_.cause_because.empty() || !cause.starts_with(t_.cause_because))
                    cause = std::string(t_.cause_link) + cause;
            }
            const bool lowest = is_lowest_of_instrument(gap);
            const std::string_view form = written == 0
                                              ? (lowest ? t_.cause_first : t_.cause_first_gap)
                                              : (lowest ? t_.cause_next : t_.cause_next_gap);
            sentences.push_back(fill(
                form, fmt::arg("instrument", gap.instrument), fmt::arg("where", gap_place(gap)),
                fmt::arg("score", format_score(gap.score)), fmt::arg("cause", cause)));
            ++written;
        }
        sentences.push_back(written == 1 ? std::string(t_.close_gaps_one)
                                         : fill(t_.close_gaps_many, fmt::arg("count", written)));
        std::string text;
        for (const auto& s : sentences) {
            if (!text.empty()) text += ' ';
            text += s;
            text += m_.sentence_end;
        }
        doc_.blocks.push_back(Paragraph{text});
    }

    // True when `gap` scores no higher than every other item (for an item gap)
    // or indicator (for an indicator gap) of its instrument in the round's
    // scores, compared as shown (two decimals). False for an instrument gap, and
    // when the scores do not have the instrument.
    bool is_lowest_of_instrument(const core::GapRef& gap) const {
        const core::InstrumentScore* instrument = nullptr;
        for (const auto& candidate : in_.score->instruments) {
            if (candidate.instrument >= 0 &&
                static_cast<std::size_t>(candidate.instrument) < q_.instruments.size() &&
                q_.instruments[static_cast<std::size_t>(candidate.instrument)].code ==
                    gap.instrument) {
                instrument = &candidate;
            }
        }
        if (instrument == nullptr || !instrument->has_data()) return false;
        const double shown = core::round_half_up_2(gap.score);
        bool any = false;
        double lowest = 0;
        const auto consider = [&](double score) {
            const double r = core::round_half_up_2(score);
            if (!any || r < lowest) lowest = r;
            any = true;
        };
        switch (gap.ref.level) {
            case core::ScoreLevel::kItem:
                for (const auto& indicator : instrument->indicators)
                    for (const auto& item : indicator.items)
                        if (item.has_data() && !item.withheld) consider(item.score);
                break;
            case core::ScoreLevel::kIndicator:
                for (const auto& indicator : instrument->indicators)
                    if (indicator.has_data() && !indicator.withheld) consider(indicator.score);
                break;
            case core::ScoreLevel::kInstrument:
                return false;
        }
        return any && shown <= lowest;
    }

    // "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ข้อย่อย “i12 ...”", from the questionnaire;
    // the bare reference when the questionnaire does not know it.
    std::string gap_place(const core::GapRef& gap) const {
        switch (gap.ref.level) {
            case core::ScoreLevel::kItem: {
                const int item = q_.find_item(gap.ref.code);
                if (item < 0) return gap.ref.code;
                const core::Indicator& ind = q_.indicators[q_.items[item].indicator];
                return fill(t_.item_in_indicator, fmt::arg("number", ind.number),
                            fmt::arg("name", pick(ind.name, in_.language)),
                            fmt::arg("code", gap.ref.code),
                            fmt::arg("text", pick(q_.items[item].text, in_.language)));
            }
            case core::ScoreLevel::kIndicator: {
                const int ind = q_.find_indicator(gap.ref.indicator);
                if (ind < 0) return core::to_string(gap.ref);
                return fill(t_.indicator_only, fmt::arg("number", gap.ref.indicator),
                            fmt::arg("name", pick(q_.indicators[ind].name, in_.language)));
            }
            case core::ScoreLevel::kInstrument:
                return fill(t_.instrument_only, fmt::arg("code", gap.ref.code));
        }
        return core::to_string(gap.ref);
    }

    void add_chart() {
        Chart chart;
        chart.title = std::string(t_.chart_title);
        chart.target = in_.gaps->target;
        chart.target_label =
            fill(t_.target_label, fmt::arg("target", format_score(in_.gaps->target)));
        for (const auto& instrument : in_.score->instruments) {
            for (const auto& ind : instrument.indicators) {
                if (!ind.has_data()) continue;
                const core::Indicator& indicator = q_.indicators[ind.indicator];
                Bar bar;
                bar.label =
                    fill(t_.chart_bar, fmt::arg("number", indicator.number),
                         fmt::arg("name", pick(indicator.name, in_.language)),
                         fmt::arg("instrument", q_.instruments[instrument.instrument].code));
                bar.score = ind.score;
                bar.value_text = format_score(ind.score);
                bar.below_target = ind.score < in_.gaps->target;
                chart.bars.push_back(std::move(bar));
            }
        }
        if (chart.bars.empty()) return;
        doc_.blocks.push_back(Heading{std::string(t_.chart_heading), 2});
        doc_.blocks.push_back(std::move(chart));
    }

    // Measures in P I R A B order, then by number; cancelled ones are not part
    // of the plan any more (the monitoring table still lists them).
    std::vector<const core::Measure*> table_measures() const {
        std::vector<const core::Measure*> out;
        for (const auto& m : in_.plan->measures) {
            if (m.status != core::MeasureStatus::kCancelled) out.push_back(&m);
        }
        std::stable_sort(
            out.begin(), out.end(), [](const core::Measure* a, const core::Measure* b) {
                if (a->strategy != b->strategy)
                    return core::strategy_index(a->strategy) < core::strategy_index(b->strategy);
                return a->number < b->number;
            });
        return out;
    }

    std::string knowledge_text(const std::vector<int>& topics) const {
        std::string text;
        for (int number : topics) {
            const core::KnowledgeTopic* topic = in_.plan->find_topic(number);
            if (!topic) continue;
            if (!text.empty()) text += '\n';
            text += fmt::format("{}. {}", topic->number, topic->text);
        }
        return text;
    }

    // Cells of one column: a run of consecutive rows with the same key becomes
    // one cell spanning them (the seed's strategy cell over measures 1 and 2,
    // and the rationale and knowledge cells they share). An empty key never
    // spans, so an empty cell stays a cell of its own.
    static void span_column(Table& table, std::size_t column, const std::vector<std::string>& keys,
                            const std::vector<std::string>& text) {
        std::size_t r = 0;
        while (r < keys.size()) {
            std::size_t end = r + 1;
            if (!keys[r].empty()) {
                while (end < keys.size() && keys[end] == keys[r]) ++end;
            }
            table.rows[r][column] = TableCell{text[r], static_cast<int>(end - r), false};
            for (std::size_t k = r + 1; k < end; ++k)
                table.rows[k][column] = TableCell{"", 1, true};
            r = end;
        }
    }

    void add_pirab_table() {
        const auto measures = table_measures();
        if (measures.empty()) {
            doc_.blocks.push_back(Paragraph{std::string(t_.no_measures)});
            return;
        }
        doc_.blocks.push_back(Paragraph{std::string(t_.table_intro)});
        Table table;
        table.caption = std::string(t_.table_caption);
        table.header = {std::string(t_.column_strategy), std::string(t_.column_measure),
                        std::string(t_.column_rationale), std::string(t_.column_knowledge)};
        table.column_widths = {3.0, 4.3, 4.9, 3.8};
        table.rows.assign(measures.size(), std::vector<TableCell>(4));
        std::vector<std::string> strategy_keys, strategy_text, measure_text, rationale_keys,
            rationale_text, topic_keys, topic_text;
        for (const core::Measure* m : measures) {
            const std::string strategy(1, core::strategy_letter(m->strategy));
            strategy_keys.push_back(strategy);
            strategy_text.push_back(core::strategy_label(m->strategy));
            measure_text.push_back(fmt::format("{}. {}", m->number, m->text));
            // The same rationale spans only within one strategy.
            rationale_keys.push_back(m->rationale.empty() ? "" : strategy + "\n" + m->rationale);
            rationale_text.push_back(m->rationale);
            std::string topics_key;
            for (int t : m->topics) topics_key += std::to_string(t) + ",";
            topic_keys.push_back(topics_key);
            topic_text.push_back(knowledge_text(m->topics));
        }
        span_column(table, 0, strategy_keys, strategy_text);
        span_column(table, 1, std::vector<std::string>(measures.size()), measure_text);
        span_column(table, 2, rationale_keys, rationale_text);
        span_column(table, 3, topic_keys, topic_text);
        doc_.blocks.push_back(std::move(table));
    }

    std::string status_text(const core::Measure& m) const {
        std::string text;
        switch (m.status) {
            case core::MeasureStatus::kNotStarted:
                text = t_.status_not_started;
                break;
            case core::MeasureStatus::kInProgress:
                text = t_.status_in_progress;
                break;
            case core::MeasureStatus::kDone:
                text = t_.status_done;
                break;
            case core::MeasureStatus::kCancelled:
                text = t_.status_cancelled;
                break;
        }
        if (core::is_overdue(m, in_.today)) text += t_.overdue;
        return text;
    }

    void add_monitoring() {
        if (in_.plan->measures.empty()) return;
        doc_.blocks.push_back(Heading{
            fill(t_.monitoring_heading, fmt::arg("date", date_text(in_.today, in_.language))), 2});
        Table table;
        table.header = {std::string(t_.column_measure), std::string(t_.column_owner),
                        std::string(t_.column_due), std::string(t_.column_status),
                        std::string(t_.column_percent)};
        table.column_widths = {5.5, 3.2, 2.4, 2.6, 1.8};
        std::vector<const core::Measure*> measures;
        for (const auto& m : in_.plan->measures) measures.push_back(&m);
        std::stable_sort(
            measures.begin(), measures.end(),
            [](const core::Measure* a, const core::Measure* b) { return a->number < b->number; });
        for (const core::Measure* m : measures) {
            table.rows.push_back(
                {TableCell{fmt::format("{}. {}", m->number, m->text)}, TableCell{m->owner},
                 TableCell{date_text(m->due_on, in_.language)}, TableCell{status_text(*m)},
                 TableCell{m->percent_complete ? std::to_string(*m->percent_complete) : "-"}});
        }
        doc_.blocks.push_back(std::move(table));
    }

    const KpiAttachmentInput& in_;
    const core::Questionnaire& q_;
    const KpiTexts& t_;
    const Messages& m_;
    Document doc_;
};

}  // namespace

Document kpi_attachment(const KpiAttachmentInput& input) {
    return KpiAttachmentBuilder(input).build();
}

}  // namespace itagap::report
