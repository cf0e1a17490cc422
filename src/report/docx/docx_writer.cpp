#include "report/docx/docx_writer.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iterator>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "report/docx/xml_text.hpp"

namespace itagap::report {

namespace {

// ---- Units and page geometry ----------------------------------------------------
//
// WordprocessingML measures the page in twips (1/20 pt; 1 cm = 567 twips as
// Word rounds it), font sizes in half-points and drawings in EMU.

constexpr int kTwipsPerCm = 567;
constexpr double kEmuPerCm = 360000;

constexpr int twips(double cm) { return static_cast<int>(cm * kTwipsPerCm + 0.5); }

constexpr int kPageWidth = 11906;  // A4: 21 cm x 29.7 cm
constexpr int kPageHeight = 16838;
// Thai government documents: top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm.
constexpr double kMarginLeftCm = 3;
constexpr double kMarginRightCm = 2;
constexpr int kMarginTop = twips(2.5);
constexpr int kMarginLeft = twips(kMarginLeftCm);
constexpr int kMarginRight = twips(kMarginRightCm);
constexpr int kMarginBottom = twips(2);
constexpr int kHeaderDistance = twips(1.25);
constexpr int kFooterDistance = twips(1);
constexpr double kContentWidthCm = 21 - kMarginLeftCm - kMarginRightCm;
constexpr int kContentWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kFirstLineIndent = twips(1.25);  // 709: the official first-line indent

// Half-points.
constexpr int kBodySize = 32;      // 16 pt
constexpr int kHeading1Size = 36;  // 18 pt
constexpr int kSmallSize = 28;     // 14 pt: tables, the footer and the closing note

constexpr std::string_view kFont = "TH Sarabun New";

// Charts fill the content width; a bar needs 1.2 cm for its label line and
// the bar itself, plus 2 cm for the axis and the target line.
constexpr double kChartWidthCm = kContentWidthCm;
constexpr double kChartCmPerBar = 1.2;
constexpr double kChartExtraCm = 2.0;

// Justification for body text. Word's Thai justification, "thaiDistribute",
// is left-aligned in LibreOffice 7.4 (Debian 12), so both get plain "both";
// the test converts to ODT and checks LibreOffice justifies it.
constexpr std::string_view kJustify = "both";

// Every member of the archive gets this time (2020-01-01 00:00 UTC; libzip
// stores it as local time), so the same document gives the same bytes.
constexpr std::time_t kArchiveTime = 1577836800;

// ---- Text -----------------------------------------------------------------------

using docx::xml_text;

// The lines of a text: "\n", "\r\n" and a lone "\r" each end a line. Always
// at least one (possibly empty) line.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    lines.push_back(text.substr(start));
    return lines;
}

// One run: line breaks become w:br and tabs w:tab, since Word ignores both
// inside w:t. Empty text gives no run.
std::string run(std::string_view text) {
    if (text.empty()) return {};
    std::string out = "<w:r>";
    bool first_line = true;
    for (std::string_view line : split_lines(text)) {
        if (!first_line) out += "<w:br/>";
        first_line = false;
        std::size_t start = 0;
        while (start <= line.size()) {
            const std::size_t tab = std::min(line.find('\t', start), line.size());
            if (tab > start) {
                out += "<w:t xml:space=\"preserve\">";
                out += xml_text(line.substr(start, tab - start));
                out += "</w:t>";
            }
            if (tab < line.size()) out += "<w:tab/>";
            start = tab + 1;
        }
    }
    out += "</w:r>";
    return out;
}

std::string paragraph_properties(std::string_view style) {
    return fmt::format("<w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>", style);
}

// One w:p of the given style holding the whole text (line breaks as w:br).
std::string paragraph(std::string_view style, std::string_view text) {
    return "<w:p>" + paragraph_properties(style) + run(text) + "</w:p>";
}

// One w:p per line, so each line of a body text or a table cell is a
// paragraph of its own (indented and justified on its own in body text).
std::string paragraphs(std::string_view style, std::string_view text) {
    std::string out;
    for (std::string_view line : split_lines(text)) out += paragraph(style, line);
    return out;
}

// ---- Fixed parts ----------------------------------------------------------------

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
constexpr std::string_view kRelationshipTypes =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// For w:lang w:val, the language of Latin-script runs; Thai runs are
// complex script and always get w:bidi="th-TH".
std::string word_language(std::string_view language) {
    return language.starts_with("en") ? "en-US" : "th-TH";
}

std::string content_types_xml() {
    std::string out(kXmlDeclaration);
    out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
    out +=
        "<Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>";
    out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    out += "<Default Extension=\"png\" ContentType=\"image/png\"/>";
    constexpr std::string_view kWml =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    out += fmt::format(
        "<Override PartName=\"/word/document.xml\" ContentType=\"{}document.main+xml\"/>", kWml);
    out +=
        fmt::format("<Override PartName=\"/word/styles.xml\" ContentType=\"{}styles+xml\"/>", kWml);
    out += fmt::format("<Override PartName=\"/word/settings.xml\" ContentType=\"{}settings+xml\"/>",
                       kWml);
    out += fmt::format("<Override PartName=\"/word/footer1.xml\" ContentType=\"{}footer+xml\"/>",
                       kWml);
    out +=
        "<Override PartName=\"/docProps/core.xml\" "
        "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>";
    out +=
        "<Override PartName=\"/docProps/app.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>";
    out += "</Types>";
    return out;
}

std::string package_rels_xml() {
    std::string out(kXmlDeclaration);
    out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    out += fmt::format(
        "<Relationship Id=\"rId1\" Type=\"{}officeDocument\" Target=\"word/document.xml\"/>",
        kRelationshipTypes);
    out +=
        "<Relationship Id=\"rId2\" "
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
        "core-properties\" "
        "Target=\"docProps/core.xml\"/>";
    out += fmt::format(
        "<Relationship Id=\"rId3\" Type=\"{}extended-properties\" Target=\"docProps/app.xml\"/>",
        kRelationshipTypes);
    out += "</Relationships>";
    return out;
}

std::string core_xml(const Document& document) {
    std::string out(kXmlDeclaration);
    out +=
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    out += "<dc:title>" + xml_text(document.title) + "</dc:title>";
    if (!document.language.empty())
        out += "<dc:language>" + xml_text(document.language) + "</dc:language>";
    out += "</cp:coreProperties>";
    return out;
}

std::string app_xml() {
    std::string out(kXmlDeclaration);
    out +=
        "<Properties "
        "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        "<Application>itagap</Application></Properties>";
    return out;
}

std::string settings_xml(const Document& document) {
    std::string out(kXmlDeclaration);
    // Children in the order CT_Settings requires; Word rejects others.
    out += fmt::format("<w:settings {}>", kWordNamespaces);
    out += "<w:zoom w:percent=\"100\"/>";
    out += "<w:defaultTabStop w:val=\"720\"/>";
    out += "<w:characterSpacingControl w:val=\"doNotCompress\"/>";
    out +=
        "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
        "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>";
    out += fmt::format("<w:themeFontLang w:val=\"{}\" w:bidi=\"th-TH\"/>",
                       word_language(document.language));
    out += "</w:settings>";
    return out;
}

// The font on all four slots: Word shapes Thai as complex script, so the cs
// font and size (szCs) are the ones Thai text actually gets.
std::string fonts_and_size(int half_points) {
    return fmt::format(
        "<w:rFonts w:ascii=\"{0}\" w:hAnsi=\"{0}\" w:eastAsia=\"{0}\" w:cs=\"{0}\"/>"
        "<w:sz w:val=\"{1}\"/><w:szCs w:val=\"{1}\"/>",
        kFont, half_points);
}

struct ParagraphStyle {
    std::string_view id;
    std::string_view name;  // a built-in name ("heading 1") makes Word use it as that
    std::string_view paragraph_properties;  // pPr children, in schema order
    std::string_view next;  // the style Word gives the paragraph after, when not itself
    int half_points = kBodySize;
    bool built_in = false;
    bool bold = false;
};

// Every style repeats the font: LibreOffice fills what a style leaves out
// from its own built-in style of the same name (sans serif for headings).
std::string style_xml(const ParagraphStyle& style) {
    std::string out =
        fmt::format("<w:style w:type=\"paragraph\"{} w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
                    style.built_in ? "" : " w:customStyle=\"1\"", style.id, style.name);
    out += "<w:basedOn w:val=\"Normal\"/>";
    if (!style.next.empty()) out += fmt::format("<w:next w:val=\"{}\"/>", style.next);
    out += "<w:qFormat/>";
    if (!style.paragraph_properties.empty()) {
        out += fmt::format("<w:pPr>{}</w:pPr>", style.paragraph_properties);
    }
    // rPr order: rFonts, b, bCs, ..., sz, szCs; fonts_and_size spans both ends.
    std::string rpr = fonts_and_size(style.half_points);
    if (style.bold) rpr.insert(rpr.find("<w:sz "), "<w:b/><w:bCs/>");
    out += "<w:rPr>" + rpr + "</w:rPr></w:style>";
    return out;
}

std::string styles_xml(const Document& document) {
    std::string out(kXmlDeclaration);
    out += fmt::format("<w:styles {}>", kWordNamespaces);
    out += "<w:docDefaults><w:rPrDefault><w:rPr>";
    out += fonts_and_size(kBodySize);
    out += fmt::format("<w:lang w:val=\"{}\" w:bidi=\"th-TH\"/>", word_language(document.language));
    out += "</w:rPr></w:rPrDefault>";
    out +=
        "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
        "</w:pPrDefault></w:docDefaults>";

    out +=
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
        "w:val=\"Normal\"/>"
        "<w:qFormat/><w:rPr>" +
        fonts_and_size(kBodySize) + "</w:rPr></w:style>";
    const std::string body_text_properties =
        fmt::format("<w:ind w:firstLine=\"{}\"/><w:jc w:val=\"{}\"/>", kFirstLineIndent, kJustify);
    const ParagraphStyle styles[] = {
        // Built-in names, so Word's navigation pane and tables of contents find them.
        {.id = "Heading1",
         .name = "heading 1",
         .paragraph_properties = "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"240\"/>"
                                 "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
         .next = "BodyText",
         .half_points = kHeading1Size,
         .built_in = true,
         .bold = true},
        {.id = "Heading2",
         .name = "heading 2",
         .paragraph_properties = "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
                                 "<w:outlineLvl w:val=\"1\"/>",
         .next = "BodyText",
         .built_in = true,
         .bold = true},
        {.id = "BodyText",
         .name = "Body Text",
         .paragraph_properties = body_text_properties,
         .built_in = true},
        // The bold line above a table or a chart.
        {.id = "BlockTitle",
         .name = "Block Title",
         .paragraph_properties = "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>",
         .bold = true},
        {.id = "TableText", .name = "Table Text", .half_points = kSmallSize},
        {.id = "TableHeading",
         .name = "Table Heading",
         .paragraph_properties = "<w:keepNext/><w:jc w:val=\"center\"/>",
         .half_points = kSmallSize,
         .bold = true},
        {.id = "Figure",
         .name = "Figure",
         .paragraph_properties = "<w:keepLines/><w:jc w:val=\"center\"/>"},
        {.id = "FooterNote",
         .name = "Footer Note",
         .paragraph_properties = "<w:spacing w:before=\"240\"/>",
         .half_points = kSmallSize},
        {.id = "Footer",
         .name = "footer",
         .paragraph_properties = "<w:jc w:val=\"center\"/>",
         .half_points = kSmallSize,
         .built_in = true},
    };
    for (const ParagraphStyle& style : styles) out += style_xml(style);
    out += "</w:styles>";
    return out;
}

std::string field(std::string_view instruction, std::string_view placeholder) {
    // A complex field; the placeholder shows until the reader lays out the page.
    return fmt::format(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>{}</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        instruction, placeholder);
}

// "หน้า 2 / 5".
std::string footer_xml(const Document& document) {
    std::string out(kXmlDeclaration);
    out += fmt::format("<w:ftr {}><w:p>", kWordNamespaces);
    out += paragraph_properties("Footer");
    if (!document.page_label.empty()) out += run(document.page_label + " ");
    out += field("PAGE", "1");
    out += run(" / ");
    out += field("NUMPAGES", "1");
    out += "</w:p></w:ftr>";
    return out;
}

// ---- The body -------------------------------------------------------------------

struct Image {
    std::string part_name;  // "media/chart1.png", relative to word/
    std::string relationship_id;
    std::string png;
};

// Grid columns in twips, proportional to the relative widths and summing to
// exactly `total` (the last column takes the rounding).
std::vector<int> grid_columns(const std::vector<double>& relative_widths, int total) {
    const double sum = std::accumulate(relative_widths.begin(), relative_widths.end(), 0.0);
    std::vector<int> columns;
    int used = 0;
    for (std::size_t i = 0; i < relative_widths.size(); ++i) {
        const int width = i + 1 == relative_widths.size()
                              ? total - used
                              : static_cast<int>(std::lround(total * relative_widths[i] / sum));
        columns.push_back(width);
        used += width;
    }
    return columns;
}

std::string cell(int width, std::string_view text, std::string_view style, std::string_view merge,
                 std::string_view vertical_align) {
    // tcPr order: tcW, gridSpan, vMerge, ..., vAlign.
    return fmt::format(
        "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{}<w:vAlign "
        "w:val=\"{}\"/></w:tcPr>{}</w:tc>",
        width, merge, vertical_align, paragraphs(style, text));
}

// REQUIRES: check_document holds for the table (a row has one cell per
// column; covered cells lie exactly under a span). An empty header gives a
// table without a heading row.
std::string table_xml(const Table& table) {
    const std::vector<int> columns = grid_columns(table.column_widths, kContentWidth);
    std::string out = "<w:tbl><w:tblPr>";
    out += fmt::format("<w:tblW w:w=\"{}\" w:type=\"dxa\"/>", kContentWidth);
    out += "<w:tblBorders>";
    for (std::string_view side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        out +=
            fmt::format("<w:{} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>", side);
    }
    out += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>";
    out +=
        "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" "
        "w:lastColumn=\"0\" "
        "w:noHBand=\"1\" w:noVBand=\"1\"/>";
    out += "</w:tblPr><w:tblGrid>";
    for (int width : columns) out += fmt::format("<w:gridCol w:w=\"{}\"/>", width);
    out += "</w:tblGrid>";

    if (!table.header.empty()) {
        // Repeated at the top of every page the table runs onto.
        out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            out += cell(columns[c], table.header[c], "TableHeading", "", "center");
        }
        out += "</w:tr>";
    }
    for (const auto& row : table.rows) {
        out += "<w:tr>";
        for (std::size_t c = 0; c < row.size(); ++c) {
            const TableCell& body_cell = row[c];
            // A span is a restarting merge followed by one continuing
            // (empty) cell per covered row below it.
            std::string_view merge;
            if (body_cell.covered) {
                merge = "<w:vMerge/>";
            } else if (body_cell.row_span > 1) {
                merge = "<w:vMerge w:val=\"restart\"/>";
            }
            out += cell(columns[c], body_cell.covered ? std::string_view{} : body_cell.text,
                        "TableText", merge, "top");
        }
        out += "</w:tr>";
    }
    out += "</w:tbl>";
    return out;
}

// A chart drawn as an inline picture; `image` must already be registered
// with the package under its relationship id. `id` is unique in the document.
std::string drawing_xml(const Chart& chart, const Image& image, int id, double width_cm,
                        double height_cm) {
    const auto cx = std::llround(width_cm * kEmuPerCm);
    const auto cy = std::llround(height_cm * kEmuPerCm);
    const std::string name =
        chart.title.empty() ? fmt::format("chart{}", id) : xml_text(chart.title);
    std::string out = "<w:p>" + paragraph_properties("Figure") + "<w:r><w:drawing>";
    out += "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">";
    out += fmt::format("<wp:extent cx=\"{}\" cy=\"{}\"/>", cx, cy);
    out += "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>";
    out += fmt::format("<wp:docPr id=\"{}\" name=\"{}\" descr=\"{}\"/>", id, name,
                       xml_text(chart.title));
    out +=
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>";
    out +=
        "<a:graphic><a:graphicData "
        "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
        "<pic:pic>";
    out +=
        fmt::format("<pic:nvPicPr><pic:cNvPr id=\"{}\" name=\"{}\"/><pic:cNvPicPr/></pic:nvPicPr>",
                    id, image.part_name.substr(image.part_name.rfind('/') + 1));
    out += fmt::format(
        "<pic:blipFill><a:blip r:embed=\"{}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>",
        image.relationship_id);
    out += fmt::format(
        "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>"
        "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>",
        cx, cy);
    out += "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    return out;
}

bool looks_like_png(const std::string& bytes) {
    return bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8));
}

// Word joins two tables with nothing between them into one, and wants a
// paragraph between a table and the end of the section.
constexpr std::string_view kParagraphAfterTable = "<w:p/>";

// Builds word/document.xml and collects the chart images it refers to.
class BodyWriter {
public:
    explicit BodyWriter(const ChartPngRenderer& render_chart) : render_chart_(render_chart) {}

    void operator()(const Heading& heading) {
        body_ += paragraph(heading.level <= 1 ? "Heading1" : "Heading2", heading.text);
    }

    void operator()(const Paragraph& text) {
        body_ += paragraphs(text.first_line_indent ? "BodyText" : "Normal", text.text);
    }

    void operator()(const Table& table) {
        if (!table.caption.empty()) body_ += paragraph("BlockTitle", table.caption);
        body_ += table_xml(table);
        body_ += kParagraphAfterTable;
    }

    void operator()(const Chart& chart) {
        if (!chart.title.empty()) body_ += paragraph("BlockTitle", chart.title);
        const double height_cm =
            kChartExtraCm + kChartCmPerBar * static_cast<double>(chart.bars.size());
        std::optional<std::string> png;
        if (render_chart_) {
            StatusOr<std::string> drawn = render_chart_(chart, kChartWidthCm, height_cm);
            if (drawn.ok()) png = std::move(*drawn);
        }
        if (png && looks_like_png(*png)) {
            const int number = static_cast<int>(images_.size()) + 1;
            images_.push_back({fmt::format("media/chart{}.png", number),
                               fmt::format("rIdChart{}", number), std::move(*png)});
            body_ += drawing_xml(chart, images_.back(), number, kChartWidthCm, height_cm);
        } else {
            body_ += chart_as_table(chart);
        }
    }

    void footer_note(std::string_view note) {
        if (!note.empty()) body_ += paragraphs("FooterNote", note);
    }

    const std::string& body() const { return body_; }
    const std::vector<Image>& images() const { return images_; }

private:
    // Without a picture the chart's numbers still reach the reader: label |
    // value per bar, then the target line's label.
    static std::string chart_as_table(const Chart& chart) {
        Table table;
        table.column_widths = {3, 1};
        for (const Bar& bar : chart.bars) table.rows.push_back({{bar.label}, {bar.value_text}});
        std::string out = table.rows.empty() ? std::string{} : table_xml(table);
        if (!chart.target_label.empty()) {
            out += paragraph("Normal", chart.target_label);
        } else if (!table.rows.empty()) {
            out += kParagraphAfterTable;
        }
        return out;
    }

    const ChartPngRenderer& render_chart_;
    std::string body_;
    std::vector<Image> images_;
};

std::string document_xml(const std::string& body) {
    std::string out(kXmlDeclaration);
    // The drawing namespaces on the root, where Word itself declares them.
    out += fmt::format(
        "<w:document {} "
        "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
        "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>",
        kWordNamespaces);
    out += body;
    // sectPr order: footerReference, pgSz, pgMar, cols.
    out += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>";
    out += fmt::format("<w:pgSz w:w=\"{}\" w:h=\"{}\"/>", kPageWidth, kPageHeight);
    out += fmt::format(
        "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" "
        "w:footer=\"{}\" "
        "w:gutter=\"0\"/>",
        kMarginTop, kMarginRight, kMarginBottom, kMarginLeft, kHeaderDistance, kFooterDistance);
    out += "<w:cols w:space=\"708\"/></w:sectPr>";
    out += "</w:body></w:document>";
    return out;
}

std::string document_rels_xml(const std::vector<Image>& images) {
    std::string out(kXmlDeclaration);
    out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    out += fmt::format("<Relationship Id=\"rIdStyles\" Type=\"{}styles\" Target=\"styles.xml\"/>",
                       kRelationshipTypes);
    out += fmt::format(
        "<Relationship Id=\"rIdSettings\" Type=\"{}settings\" Target=\"settings.xml\"/>",
        kRelationshipTypes);
    out += fmt::format("<Relationship Id=\"rIdFooter\" Type=\"{}footer\" Target=\"footer1.xml\"/>",
                       kRelationshipTypes);
    for (const Image& image : images) {
        out += fmt::format("<Relationship Id=\"{}\" Type=\"{}image\" Target=\"{}\"/>",
                           image.relationship_id, kRelationshipTypes, image.part_name);
    }
    out += "</Relationships>";
    return out;
}

// ---- The archive ----------------------------------------------------------------

struct Part {
    std::string name;
    std::string_view bytes;  // REQUIRES: alive until zip_parts returns
    bool compress = true;
};

struct ArchiveDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct SourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

// The parts zipped in memory, in the given order (the content types first,
// as some readers expect). libzip reads the parts' bytes only in zip_close.
StatusOr<std::string> zip_parts(const std::vector<Part>& parts) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* raw_source = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_error_fini(&error);
    if (raw_source == nullptr) return Status::Internal("DOCX: libzip could not make a buffer");
    // The archive takes over raw_source's reference when it opens; the extra
    // one is ours, to read the finished bytes after zip_close.
    zip_source_keep(raw_source);
    SourcePtr source(raw_source);
    zip_error_init(&error);
    ArchivePtr archive(zip_open_from_source(raw_source, ZIP_TRUNCATE, &error));
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(raw_source);  // the reference the archive did not take
        return Status::Internal("DOCX: libzip could not open an archive");
    }
    for (const Part& part : parts) {
        zip_source_t* data =
            zip_source_buffer(archive.get(), part.bytes.data(), part.bytes.size(), 0);
        if (data == nullptr)
            return Status::Internal("DOCX: libzip could not take the part " + part.name);
        const zip_int64_t index =
            zip_file_add(archive.get(), part.name.c_str(), data, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(data);
            return Status::Internal("DOCX: libzip could not add the part " + part.name);
        }
        const auto i = static_cast<zip_uint64_t>(index);
        if (zip_file_set_mtime(archive.get(), i, kArchiveTime, 0) != 0 ||
            zip_set_file_compression(archive.get(), i,
                                     part.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0) {
            return Status::Internal("DOCX: libzip could not set up the part " + part.name);
        }
    }
    if (zip_close(archive.get()) != 0) {  // archive discarded by its deleter
        return Status::Internal(std::string("DOCX: libzip could not write the archive: ") +
                                zip_strerror(archive.get()));
    }
    archive.release();

    if (zip_source_open(source.get()) != 0)
        return Status::Internal("DOCX: libzip could not read the archive back");
    std::string bytes;
    char buffer[64 * 1024];
    zip_int64_t got = 0;
    while ((got = zip_source_read(source.get(), buffer, sizeof buffer)) > 0) {
        bytes.append(buffer, static_cast<std::size_t>(got));
    }
    zip_source_close(source.get());
    if (got < 0) return Status::Internal("DOCX: libzip could not read the archive back");
    return bytes;
}

StatusOr<std::string> write_docx(const Document& document, const ChartPngRenderer& render_chart) {
    BodyWriter writer(render_chart);
    for (const Block& block : document.blocks) std::visit(writer, block);
    writer.footer_note(document.footer_note);

    const std::string content_types = content_types_xml();
    const std::string package_rels = package_rels_xml();
    const std::string core = core_xml(document);
    const std::string app = app_xml();
    const std::string body = document_xml(writer.body());
    const std::string body_rels = document_rels_xml(writer.images());
    const std::string styles = styles_xml(document);
    const std::string settings = settings_xml(document);
    const std::string footer = footer_xml(document);
    std::vector<Part> parts = {
        {"[Content_Types].xml", content_types},
        {"_rels/.rels", package_rels},
        {"docProps/core.xml", core},
        {"docProps/app.xml", app},
        {"word/document.xml", body},
        {"word/_rels/document.xml.rels", body_rels},
        {"word/styles.xml", styles},
        {"word/settings.xml", settings},
        {"word/footer1.xml", footer},
    };
    std::ranges::transform(writer.images(), std::back_inserter(parts), [](const Image& image) {
        return Part{"word/" + image.part_name, image.png,
                    /*compress=*/false};  // PNG is deflated already
    });
    return zip_parts(parts);
}

}  // namespace

StatusOr<std::string> document_docx(const Document& document,
                                    const ChartPngRenderer& render_chart) {
    if (auto problems = check_document(document); !problems.empty()) {
        return Status::Invalid("DOCX: the document is not well formed: " + join_problems(problems));
    }
    try {
        return write_docx(document, render_chart);
    } catch (const std::exception&
                 e) {  // out of memory, or the renderer threw: no exception leaves the module
        return Status::Internal(std::string("DOCX: ") + e.what());
    } catch (...) {
        return Status::Internal("DOCX: the chart renderer threw");
    }
}

}  // namespace itagap::report
