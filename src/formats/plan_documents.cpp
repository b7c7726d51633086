// The plan's official documents: the Kế hoạch and the progress report as DocxDocuments in the Nghị định 30/2020
// layout of seed 000, and the task assignment annex as .xlsx (libxlsxwriter, values only).

#include "formats/plan_documents.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

namespace parindex {
namespace {

constexpr int kTextWidth = 11906 - 1701 - 850;  // A4 less Nghị định 30's left and right margins, twips.
constexpr int kIndent = 567;                    // 1 cm.
constexpr int kHeaderSize = 26;                 // 13 pt.
constexpr int kNationalSize = 24;               // 12 pt: the national title fits on one line.
constexpr int kTableSize = 26;                  // 13 pt in tables.
constexpr int kRecipientSize = 22;              // 11 pt (also the wide task table).

// ---- Texts ----

std::string Upper(const std::string& text) {
    std::string out;
    icu::UnicodeString::fromUTF8(text).toUpper(icu::Locale("vi")).toUTF8String(out);
    return out;
}

/// A figure at the framework's display decimals with a decimal comma, trailing zeros dropped: 90,02; 17,25; 6;
/// 2,5; 0.
std::string Num(Decimal value, int decimals) {
    std::string text = value.RoundTo(std::clamp(decimals, 0, 3)).ToString();
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}
std::string Num(const std::optional<Decimal>& value, int decimals) { return value ? Num(*value, decimals) : "—"; }

/// A change with its sign: +3,91; -0,5; 0.
std::string Signed(Decimal value, int decimals) {
    const std::string text = Num(value, decimals);
    return value.RoundTo(std::clamp(decimals, 0, 3)).Thousandths() > 0 ? "+" + text : text;
}

std::string PointsOfMax(const std::optional<Decimal>& points, const std::optional<Decimal>& max, int decimals) {
    return Num(points, decimals) + "/" + Num(max, decimals);
}

std::string TwoDigits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

/// `ngày 05 tháng 3 năm 2024` (Nghị định 30: days below 10 and months 1 and 2 take a leading zero), or the blanks
/// to fill by hand.
std::string DateLine(const std::string& place, const std::optional<CivilDate>& date, int year) {
    std::string line = place.empty() ? std::string() : place + ", ";
    if (!date) return line + "ngày … tháng … năm " + std::to_string(year);
    const std::string month = date->month < 3 ? TwoDigits(date->month) : std::to_string(date->month);
    return line + "ngày " + TwoDigits(date->day) + " tháng " + month + " năm " + std::to_string(date->year);
}

std::string NumberLine(const Plan& plan, const std::string& suffix) {
    return "Số: " + (plan.number.empty() ? std::string("…") : plan.number) + "/" + suffix;
}

const char* Roman(int number) {
    static constexpr const char* kRoman[] = {"",    "I",    "II",  "III",  "IV",    "V",   "VI",
                                             "VII", "VIII", "IX",  "X",    "XI",    "XII", "XIII",
                                             "XIV", "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
    return number >= 1 && number <= 20 ? kRoman[number] : "";
}

/// How the rank's peers are called: `xếp thứ 16/17 phường`.
std::string PeerNoun(const Unit& unit) {
    if (unit.type == "ward") return "phường";
    if (unit.type == "commune") return "xã";
    if (unit.type == "town") return "thị trấn";
    if (unit.type == "district") return "quận, huyện";
    if (unit.type == "province") return "tỉnh, thành phố";
    return "đơn vị";
}

/// How the unit calls itself inside a sentence: `của phường`.
std::string SelfNoun(const Unit& unit) {
    if (unit.type == "ward" || unit.type == "commune" || unit.type == "town") return PeerNoun(unit);
    return "đơn vị";
}

const RankResult* FirstRank(const std::vector<RankResult>& ranks) {
    for (const RankResult& rank : ranks) {
        if (rank.rank) return &rank;
    }
    return nullptr;
}

std::string RankText(const std::vector<RankResult>& ranks, const Unit& unit) {
    const RankResult* rank = FirstRank(ranks);
    if (rank == nullptr) return "";
    return ", xếp thứ " + std::to_string(*rank->rank) + "/" + std::to_string(rank->of) + " " + PeerNoun(unit);
}

/// A criterion's code as printed: the framework's own numbering (`1.6`), not an internal code such as `1.u1`.
bool PrintableCode(const std::string& code) {
    if (code.empty()) return false;
    return std::all_of(code.begin(), code.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string CriterionText(const std::string& code, const std::string& title) {
    return PrintableCode(code) ? code + ". " + title : title;
}

std::string DepartmentName(const Unit& unit, const std::string& code) {
    for (const Department& department : unit.departments) {
        if (department.code == code) return department.name;
    }
    return code;
}

std::string RecurrenceText(Recurrence recurrence) {
    switch (recurrence) {
        case Recurrence::kOnce:
            return "Một lần";
        case Recurrence::kMonthly:
            return "Hằng tháng";
        case Recurrence::kQuarterly:
            return "Hằng quý";
        case Recurrence::kOngoing:
            return "Thường xuyên";
    }
    return "";
}

std::string StatusText(TaskStatus status) {
    switch (status) {
        case TaskStatus::kNotStarted:
            return "Chưa thực hiện";
        case TaskStatus::kInProgress:
            return "Đang thực hiện";
        case TaskStatus::kDone:
            return "Hoàn thành";
        case TaskStatus::kCancelled:
            return "Đã hủy";
    }
    return "";
}

std::string DueStateText(DueState state) {
    switch (state) {
        case DueState::kNotDue:
            return "Trong hạn";
        case DueState::kDueSoon:
            return "Sắp đến hạn";
        case DueState::kOverdue:
            return "Quá hạn";
    }
    return "";
}

/// When a task is due, as the plan says it: `30/11/2024`, `Hằng tháng`, `Thường xuyên`.
std::string WhenText(const PlanTask& task) {
    if (task.recurrence == Recurrence::kOnce) return task.deadline ? task.deadline->Vietnamese() : "";
    return RecurrenceText(task.recurrence);
}

std::string Join(const std::vector<std::string>& values, const std::string& separator) {
    std::string out;
    for (const std::string& value : values) {
        if (value.empty()) continue;
        if (!out.empty()) out += separator;
        out += value;
    }
    return out;
}

std::vector<PlanTask> InOrder(std::vector<PlanTask> tasks) {
    std::stable_sort(tasks.begin(), tasks.end(),
                     [](const PlanTask& a, const PlanTask& b) { return a.position < b.position; });
    return tasks;
}

// ---- Blocks ----

DocxRun Run(std::string text, bool bold = false, bool italic = false, int size = 0) {
    DocxRun run;
    run.text = std::move(text);
    run.bold = bold;
    run.italic = italic;
    run.size = size;
    return run;
}

DocxParagraph Line(std::string text, DocxAlign align, bool bold = false, bool italic = false, int size = 0) {
    DocxParagraph paragraph;
    paragraph.align = align;
    paragraph.space_after = 0;
    paragraph.runs.push_back(Run(std::move(text), bold, italic, size));
    return paragraph;
}

/// A body paragraph: justified, first line indented 1 cm.
DocxParagraph Body(std::string text) {
    DocxParagraph paragraph = Para(std::move(text));
    paragraph.first_line_indent = kIndent;
    paragraph.space_after = 80;
    return paragraph;
}

/// A bullet line of the seeds: `- text`.
DocxParagraph Bullet(const std::string& text, const std::string& mark = "-") { return Body(mark + " " + text); }

DocxParagraph Heading(std::string text, bool italic = false) {
    DocxParagraph paragraph = Para(std::move(text), DocxAlign::kLeft, true, italic);  // Never stretched.
    paragraph.first_line_indent = kIndent;
    paragraph.space_before = 120;
    paragraph.space_after = 80;
    paragraph.keep_with_next = true;
    return paragraph;
}

DocxParagraph Caption(std::string text) {
    DocxParagraph paragraph = Para(std::move(text), DocxAlign::kCenter, true);
    paragraph.space_before = 120;
    paragraph.space_after = 80;
    paragraph.keep_with_next = true;
    return paragraph;
}

DocxCell TableCell(std::string text, DocxAlign align = DocxAlign::kLeft, bool bold = false) {
    DocxCell cell = Cell(std::move(text), align, bold);
    for (DocxParagraph& paragraph : cell.paragraphs) {
        for (DocxRun& run : paragraph.runs) run.size = kTableSize;
    }
    return cell;
}

DocxCell HeaderCell(std::string text) {
    DocxCell cell = TableCell(std::move(text), DocxAlign::kCenter, true);
    cell.shaded = true;
    return cell;
}

DocxCell LinesCell(std::vector<DocxParagraph> paragraphs) {
    DocxCell cell;
    cell.paragraphs = std::move(paragraphs);
    return cell;
}

/// The two-column header: the issuing body and the number | the national title, the motto, place and date.
DocxTable HeaderTable(const Plan& plan, const std::string& suffix, const std::optional<CivilDate>& date, int year) {
    std::vector<DocxParagraph> left;
    if (!plan.authority.empty()) left.push_back(Line(plan.authority, DocxAlign::kCenter, false, false, kHeaderSize));
    // `ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ` is too wide for the column: the body's name goes on its own line.
    std::string issuer = plan.issuer;
    const std::string committee = "ỦY BAN NHÂN DÂN ";
    if (issuer.size() > committee.size() && issuer.compare(0, committee.size(), committee) == 0) {
        issuer = "ỦY BAN NHÂN DÂN\n" + issuer.substr(committee.size());
    }
    left.push_back(Line(issuer, DocxAlign::kCenter, true, false, kNationalSize));
    left.push_back(Line("———", DocxAlign::kCenter, false, false, 16));
    DocxParagraph number = Line(NumberLine(plan, suffix), DocxAlign::kCenter, false, false, kHeaderSize);
    number.space_before = 60;
    left.push_back(number);

    std::vector<DocxParagraph> right;
    right.push_back(Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", DocxAlign::kCenter, true, false, kNationalSize));
    right.push_back(Line("Độc lập - Tự do - Hạnh phúc", DocxAlign::kCenter, true, false, kHeaderSize));
    right.push_back(Line("———————————", DocxAlign::kCenter, false, false, 16));
    DocxParagraph when = Line(DateLine(plan.place, date, year), DocxAlign::kCenter, false, true, kHeaderSize);
    when.space_before = 60;
    right.push_back(when);

    DocxTable table;
    table.borders = false;
    table.widths = {3800, kTextWidth - 3800};
    table.rows.push_back({LinesCell(std::move(left)), LinesCell(std::move(right))});
    return table;
}

/// Nơi nhận (left, small) | the signature block (right).
DocxTable FooterTable(const Plan& plan) {
    std::vector<DocxParagraph> left;
    left.push_back(Line("Nơi nhận:", DocxAlign::kLeft, true, true, 24));
    for (const std::string& recipient : plan.recipients) {
        left.push_back(Line("- " + recipient, DocxAlign::kLeft, false, false, kRecipientSize));
    }

    std::vector<DocxParagraph> right;
    const PlanSigner& signer = plan.signer;
    switch (signer.mode) {
        case SignerMode::kOnBehalf:
            right.push_back(Line("TM. " + signer.collective, DocxAlign::kCenter, true));
            right.push_back(Line(signer.title, DocxAlign::kCenter, true));
            break;
        case SignerMode::kDeputy:
            right.push_back(Line("TM. " + signer.collective, DocxAlign::kCenter, true));
            right.push_back(Line("KT. " + signer.title, DocxAlign::kCenter, true));
            right.push_back(Line(signer.deputy_title, DocxAlign::kCenter, true));
            break;
        case SignerMode::kPersonal:
            right.push_back(Line(signer.title, DocxAlign::kCenter, true));
            break;
    }
    DocxParagraph name = Line(signer.name.empty() ? " " : signer.name, DocxAlign::kCenter, true);
    name.space_before = 1500;  // Room for the signature and the seal.
    right.push_back(name);

    DocxTable table;
    table.borders = false;
    table.widths = {4300, kTextWidth - 4300};
    table.rows.push_back({LinesCell(std::move(left)), LinesCell(std::move(right))});
    return table;
}

DocxParagraph Spacer(int twips = 120) {
    DocxParagraph paragraph;
    paragraph.space_before = 0;
    paragraph.space_after = twips;
    return paragraph;
}

void AddTitle(std::vector<DocxBlock>& body, const std::string& kind, const std::string& subject) {
    DocxParagraph heading = Line(kind, DocxAlign::kCenter, true);
    heading.space_before = 360;
    body.emplace_back(heading);
    if (!subject.empty()) {
        DocxParagraph title = Line(subject, DocxAlign::kCenter, true);
        title.space_after = 60;
        body.emplace_back(title);
    }
    body.emplace_back(Line("—————", DocxAlign::kCenter, false, false, 16));
    body.emplace_back(Spacer(160));
}

// ---- Section II: the analysis of the results year ----

DocxTable AreaTable(const UnitResult& results) {
    const int decimals = results.display_decimals;
    DocxTable table;
    table.widths = {650, 4505, 2200, 2000};
    table.header_rows = 1;
    table.rows.push_back({HeaderCell("TT"), HeaderCell("Nội dung"), HeaderCell("Điểm thẩm định/Điểm tối đa"),
                          HeaderCell("Tăng/giảm so với năm " + std::to_string(results.year - 1))});
    auto change_text = [&](ChangeStatus status, const std::optional<Decimal>& change) -> std::string {
        if (change) return Signed(*change, decimals);
        if (status == ChangeStatus::kNotComparable) return "Không so sánh được";
        return "—";
    };
    int number = 0;
    for (const NodeResult& area : results.areas) {
        table.rows.push_back({TableCell(std::to_string(++number), DocxAlign::kCenter), TableCell(area.title),
                              TableCell(PointsOfMax(area.points, area.max, decimals), DocxAlign::kCenter),
                              TableCell(change_text(area.change_status, area.change), DocxAlign::kCenter)});
    }
    DocxCell total = TableCell("CHỈ SỐ CCHC", DocxAlign::kLeft, true);
    total.span = 2;
    table.rows.push_back({total, TableCell(Num(results.index, decimals) + "/100", DocxAlign::kCenter, true),
                          TableCell(change_text(results.change_status, results.change), DocxAlign::kCenter, true)});
    return table;
}

DocxTable LostPointsTable(const UnitResult& results, const Unit& unit) {
    const int decimals = results.display_decimals;
    DocxTable table;
    table.widths = {600, 3355, 1300, 2200, 1900};
    table.header_rows = 1;
    table.rows.push_back({HeaderCell("TT"), HeaderCell("Nội dung tiêu chí"), HeaderCell("Điểm thẩm định"),
                          HeaderCell("Nguyên nhân"), HeaderCell("Trách nhiệm tham mưu")});
    // Grouped by area in the framework's order, each area a bold full-width row numbered I, II, ...
    std::vector<std::string> order;
    for (const NodeResult& area : results.areas) order.push_back(area.code);
    for (const LostPoint& lost : results.lost_points) {
        if (std::find(order.begin(), order.end(), lost.area_code) == order.end()) order.push_back(lost.area_code);
    }
    int group = 0;
    int number = 0;
    for (const std::string& area_code : order) {
        std::vector<const LostPoint*> rows;
        for (const LostPoint& lost : results.lost_points) {
            if (lost.area_code == area_code) rows.push_back(&lost);
        }
        if (rows.empty()) continue;
        std::string area_title = area_code;
        for (const NodeResult& area : results.areas) {
            if (area.code == area_code) area_title = area.title;
        }
        DocxCell heading = TableCell(std::string(Roman(++group)) + ". " + Upper(area_title), DocxAlign::kLeft, true);
        heading.span = 5;
        table.rows.push_back({heading});
        for (const LostPoint* lost : rows) {
            table.rows.push_back({TableCell(std::to_string(++number), DocxAlign::kCenter),
                                  TableCell(CriterionText(lost->code, lost->title)),
                                  TableCell(PointsOfMax(lost->points, lost->max, decimals), DocxAlign::kCenter),
                                  TableCell(lost->cause), TableCell(DepartmentName(unit, lost->responsible))});
        }
    }
    return table;
}

std::string AreaList(const std::vector<const AreaNote*>& notes, const std::string& verb, int decimals) {
    std::vector<std::string> parts;
    for (const AreaNote* note : notes) {
        if (verb.empty()) {
            parts.push_back(note->title + " đạt " + PointsOfMax(note->points, note->max, decimals) + " điểm");
        } else {
            const Decimal change = note->change ? *note->change : Decimal();
            const Decimal size = change.Thousandths() < 0 ? -change : change;
            parts.push_back(note->title + " " + verb + " " + Num(size, decimals) + " điểm");
        }
    }
    return Join(parts, "; ");
}

std::string Count(std::size_t count) { return TwoDigits(static_cast<int>(count)); }

void AddAnalysis(std::vector<DocxBlock>& body, const Plan& plan, const Unit& unit, const UnitResult& results) {
    const int decimals = results.display_decimals;
    const int year = results.year;
    const std::string previous = std::to_string(year - 1);
    const std::string self = SelfNoun(unit);

    body.emplace_back(Heading("II. THỰC TRẠNG CHỈ SỐ CCHC " + Upper(unit.name) + " NĂM " + std::to_string(year)));
    body.emplace_back(Heading("1. Kết quả Chỉ số CCHC năm " + std::to_string(year)));
    body.emplace_back(Body("Theo kết quả Chỉ số cải cách hành chính (CCHC) năm " + std::to_string(year) +
                           ", chỉ số CCHC của " + self + " đạt " + Num(results.index, decimals) + "% (" +
                           PointsOfMax(results.points, results.max, decimals) + " điểm)" +
                           RankText(results.ranks, unit) + "." + (results.parts.size() > 1 ? " Trong đó:" : "")));
    if (results.parts.size() > 1) {
        for (const NodeResult& part : results.parts) {
            std::string label = "Điểm " + (part.title.empty() ? part.code : part.title);
            if (part.method == ScoringMethod::kAppraisal) label = "Điểm thẩm định";
            if (part.method == ScoringMethod::kSurvey) label = "Điểm điều tra xã hội học (ĐTXHH)";
            if (part.method == ScoringMethod::kData) label = "Điểm theo số liệu thống kê";
            body.emplace_back(Bullet(label + " đạt " + PointsOfMax(part.points, part.max, decimals) + " điểm" +
                                     (part.index ? ", chỉ số " + Num(part.index, decimals) + "%" : "") +
                                     RankText(part.ranks, unit) + "."));
        }
    }
    body.emplace_back(
        Caption("Kết quả Chỉ số CCHC của " + unit.name + " theo " + Count(results.areas.size()) + " nội dung"));
    body.emplace_back(AreaTable(results));
    body.emplace_back(Spacer());

    // 1.1 Strengths: the total's rise, the areas up, the areas at their maximum.
    body.emplace_back(Heading("1.1. Ưu điểm"));
    std::vector<const AreaNote*> up;
    std::vector<const AreaNote*> at_max;
    for (const AreaNote& note : results.strengths) (note.kind == "at_max" ? at_max : up).push_back(&note);
    const TrendPoint* last_year = nullptr;
    for (const TrendPoint& point : results.trend) {
        if (point.year == year - 1) last_year = &point;
    }
    std::string strengths;
    if (results.change && results.change->Thousandths() > 0) {
        strengths = "Tổng số điểm CCHC năm " + std::to_string(year) + " của " + self + " tăng " +
                    Num(*results.change, decimals) + " điểm so với năm " + previous;
        if (last_year != nullptr && last_year->points) {
            strengths += " (năm " + previous + " đạt " + Num(last_year->points, decimals) + " điểm)";
        }
        strengths += ".";
    }
    const std::string areas = Count(results.areas.size());
    if (!up.empty()) {
        strengths += std::string(strengths.empty() ? "Có " : " Trong đó, có ") + Count(up.size()) + "/" + areas +
                     " nội dung có điểm tăng so với năm " + previous + " (gồm: " + AreaList(up, "tăng", decimals) + ")";
    }
    if (!at_max.empty()) {
        strengths += std::string(up.empty() ? (strengths.empty() ? "Có " : " Có ") : "; có ") + Count(at_max.size()) +
                     "/" + areas + " nội dung đạt điểm tối đa (" + AreaList(at_max, "", decimals) + ")";
    }
    if (!up.empty() || !at_max.empty()) strengths += ".";
    if (strengths.empty()) strengths = "Không có nội dung nào tăng điểm hoặc đạt điểm tối đa.";
    body.emplace_back(Body(strengths));

    // 1.2 Weaknesses: the three-year trend, the rank change, the areas down.
    body.emplace_back(Heading("1.2. Hạn chế"));
    if (!results.trend.empty()) {
        body.emplace_back(
            Body("Theo dõi và so sánh kết quả của " + std::to_string(results.trend.size()) + " năm gần nhất:"));
        for (const TrendPoint& point : results.trend) {
            body.emplace_back(Bullet("Năm " + std::to_string(point.year) + ": đạt " +
                                         PointsOfMax(point.points, point.max, decimals) + " điểm, chỉ số " +
                                         Num(point.index, decimals) + "%" + RankText(point.ranks, unit) + ".",
                                     "+"));
        }
    }
    const RankResult* rank = FirstRank(results.ranks);
    if (rank != nullptr && rank->change && *rank->change != 0 && results.change) {
        const int steps = *rank->change < 0 ? -*rank->change : *rank->change;
        const bool index_up = results.change->Thousandths() > 0;
        const bool rank_down = *rank->change < 0;
        body.emplace_back(Body("Chỉ số CCHC năm " + std::to_string(year) + " của " + self +
                               (index_up == rank_down ? " mặc dù " : " ") + (index_up ? "tăng " : "giảm ") +
                               Num(results.change->Thousandths() < 0 ? -*results.change : *results.change, decimals) +
                               " điểm" + (index_up == rank_down ? " nhưng" : " và") + " thứ hạng " +
                               (rank_down ? "giảm " : "tăng ") + std::to_string(steps) + " bậc so với năm " + previous +
                               "."));
    }
    if (!results.weaknesses.empty()) {
        std::vector<const AreaNote*> down;
        for (const AreaNote& note : results.weaknesses) down.push_back(&note);
        body.emplace_back(Body("Có " + Count(down.size()) + "/" + areas +
                               " nội dung giảm điểm gồm: " + AreaList(down, "giảm", decimals) + "."));
    }

    // 2. The lost points.
    body.emplace_back(Heading("2. Những tiêu chí, tiêu chí thành phần bị trừ điểm"));
    if (results.lost_points.empty()) {
        body.emplace_back(Body("Năm " + std::to_string(year) + ", " + self + " không bị trừ điểm ở tiêu chí nào."));
    } else {
        body.emplace_back(Body("Kết quả chỉ số của các tiêu chí, tiêu chí thành phần do cấp trên thẩm định, " + self +
                               " bị trừ điểm. Cụ thể:"));
        body.emplace_back(Caption("Bảng các tiêu chí bị trừ điểm năm " + std::to_string(year)));
        body.emplace_back(LostPointsTable(results, unit));
        body.emplace_back(Spacer());
    }

    // 3. The causes.
    body.emplace_back(Heading("3. Nguyên nhân"));
    for (const std::string& cause : plan.causes) body.emplace_back(Bullet(cause));
}

}  // namespace

DocxDocument PlanDocument(const Plan& plan, const Unit& unit, const UnitResult& results,
                          const std::vector<PlanTask>& tasks) {
    DocxDocument document;
    document.title = "Kế hoạch " + plan.title;
    std::vector<DocxBlock>& body = document.body;
    body.emplace_back(
        HeaderTable(plan, plan.number_suffix.empty() ? "KH-UBND" : plan.number_suffix, plan.date, plan.year));
    AddTitle(body, "KẾ HOẠCH", plan.title);
    for (const std::string& basis : plan.basis) body.emplace_back(Body(basis));

    body.emplace_back(Heading("I. MỤC ĐÍCH, YÊU CẦU"));
    body.emplace_back(Heading("1. Mục đích"));
    for (const std::string& purpose : plan.purposes) body.emplace_back(Bullet(purpose));
    body.emplace_back(Heading("2. Yêu cầu"));
    for (const std::string& requirement : plan.requirements) body.emplace_back(Bullet(requirement));

    AddAnalysis(body, plan, unit, results);

    if (!plan.progress.empty()) {
        body.emplace_back(Heading("III. ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC CCHC NĂM " + std::to_string(plan.year)));
        for (const std::string& line : plan.progress) body.emplace_back(Bullet(line));
    }

    body.emplace_back(
        Heading("IV. GIẢI PHÁP, NHIỆM VỤ KHẮC PHỤC, CẢI THIỆN CHỈ SỐ CCHC NĂM " + std::to_string(plan.year)));
    for (const std::string& solution : plan.solutions) body.emplace_back(Bullet(solution));

    // V. One numbered heading per department: its duties, then the tasks it leads.
    body.emplace_back(Heading("V. TỔ CHỨC THỰC HIỆN"));
    const std::vector<PlanTask> ordered = InOrder(tasks);
    std::vector<DepartmentDuty> departments = plan.responsibilities;
    std::set<std::string> covered;
    for (const DepartmentDuty& duty : departments) covered.insert(duty.department_code);
    for (const PlanTask& task : ordered) {
        if (!task.lead_department.empty() && covered.insert(task.lead_department).second) {
            departments.push_back({task.lead_department, DepartmentName(unit, task.lead_department), {}});
        }
    }
    int number = 0;
    for (const DepartmentDuty& duty : departments) {
        const std::string heading = duty.heading.empty() ? DepartmentName(unit, duty.department_code) : duty.heading;
        body.emplace_back(Heading(std::to_string(++number) + ". " + heading));
        for (const std::string& line : duty.duties) body.emplace_back(Bullet(line));
        if (duty.department_code.empty()) continue;
        for (const PlanTask& task : ordered) {
            if (task.lead_department != duty.department_code || task.status == TaskStatus::kCancelled) continue;
            const std::string when = WhenText(task);
            body.emplace_back(Bullet(task.title + (when.empty() ? "" : " (thời hạn: " + when + ")") + ";", "+"));
        }
    }

    if (!plan.closing.empty()) body.emplace_back(Body(plan.closing));
    body.emplace_back(Spacer(200));
    body.emplace_back(FooterTable(plan));
    return document;
}

DocxDocument ProgressReportDocument(const Plan& plan, const Unit& unit, const PlanView& view,
                                    const PlanProgress& progress, const CivilDate& date) {
    DocxDocument document;
    document.title = "Báo cáo tiến độ thực hiện Kế hoạch " + plan.title;
    std::vector<DocxBlock>& body = document.body;
    body.emplace_back(HeaderTable(plan, "BC-UBND", date, date.year));
    AddTitle(body, "BÁO CÁO",
             "Tiến độ thực hiện Kế hoạch " + plan.title + " (tính đến ngày " + date.Vietnamese() + ")");

    const std::string plan_reference =
        "Kế hoạch" + (plan.number.empty() ? std::string() : " số " + plan.number + "/" + plan.number_suffix) +
        (plan.date ? " ngày " + plan.date->Vietnamese() : std::string());
    body.emplace_back(Body("Thực hiện " + plan_reference + " của " + (plan.issuer.empty() ? unit.name : plan.issuer) +
                           ", tính đến ngày " + date.Vietnamese() + ", kết quả thực hiện các nhiệm vụ như sau:"));

    // I. The summary figures.
    body.emplace_back(Heading("I. KẾT QUẢ CHUNG"));
    const int percent_done = progress.tasks > 0 ? (progress.done * 100 + progress.tasks / 2) / progress.tasks : 0;
    body.emplace_back(Bullet("Tổng số nhiệm vụ: " + std::to_string(progress.tasks) + "."));
    body.emplace_back(Bullet("Đã hoàn thành: " + std::to_string(progress.done) + "/" + std::to_string(progress.tasks) +
                             " nhiệm vụ (" + std::to_string(percent_done) + "%)."));
    body.emplace_back(Bullet("Quá hạn: " + std::to_string(progress.overdue) + " nhiệm vụ."));
    body.emplace_back(Bullet("Tiến độ bình quân: " + std::to_string(progress.mean_progress) + "%."));

    auto progress_table = [](const std::string& first, const std::vector<ProgressRow>& rows, bool criteria) {
        DocxTable table;
        table.widths = {600, 3955, 1200, 1200, 1100, 1300};
        table.header_rows = 1;
        table.rows.push_back({HeaderCell("TT"), HeaderCell(first), HeaderCell("Số nhiệm vụ"), HeaderCell("Hoàn thành"),
                              HeaderCell("Quá hạn"), HeaderCell("Tiến độ bình quân")});
        int number = 0;
        for (const ProgressRow& row : rows) {
            table.rows.push_back(
                {TableCell(std::to_string(++number), DocxAlign::kCenter),
                 TableCell(criteria ? CriterionText(row.key, row.name) : (row.name.empty() ? row.key : row.name)),
                 TableCell(std::to_string(row.tasks), DocxAlign::kCenter),
                 TableCell(std::to_string(row.done), DocxAlign::kCenter),
                 TableCell(std::to_string(row.overdue), DocxAlign::kCenter),
                 TableCell(std::to_string(row.mean_progress) + "%", DocxAlign::kCenter)});
        }
        return table;
    };
    body.emplace_back(Heading("II. TIẾN ĐỘ THEO BỘ PHẬN"));
    body.emplace_back(progress_table("Bộ phận chủ trì", progress.by_department, false));
    body.emplace_back(Spacer());
    body.emplace_back(Heading("III. TIẾN ĐỘ THEO TIÊU CHÍ"));
    body.emplace_back(progress_table("Tiêu chí", progress.by_criterion, true));
    body.emplace_back(Spacer());

    // IV. One row per task.
    body.emplace_back(Heading("IV. CHI TIẾT TỪNG NHIỆM VỤ"));
    DocxTable tasks;
    tasks.widths = {520, 2380, 1450, 1400, 1350, 800, 1455};
    tasks.header_rows = 1;
    tasks.rows.push_back({HeaderCell("TT"), HeaderCell("Nhiệm vụ"), HeaderCell("Chủ trì"), HeaderCell("Thời hạn"),
                          HeaderCell("Trạng thái"), HeaderCell("Tiến độ"), HeaderCell("Cập nhật gần nhất")});
    std::vector<TaskView> views = view.tasks;
    std::stable_sort(views.begin(), views.end(),
                     [](const TaskView& a, const TaskView& b) { return a.task.position < b.task.position; });
    int number = 0;
    for (const TaskView& task : views) {
        std::string when = WhenText(task.task);
        if (task.due.due && task.task.recurrence != Recurrence::kOnce) when += "\n(" + task.due.due->Vietnamese() + ")";
        std::string state = StatusText(task.task.status);
        if (task.due.state != DueState::kNotDue) state += " — " + DueStateText(task.due.state);
        std::string last;
        if (task.last_update) {
            last = VietnamDate(task.last_update->at).Vietnamese();
            if (!task.last_update->note.empty()) last += "\n" + task.last_update->note;
        }
        tasks.rows.push_back({TableCell(std::to_string(++number), DocxAlign::kCenter), TableCell(task.task.title),
                              TableCell(DepartmentName(unit, task.task.lead_department)),
                              TableCell(when, DocxAlign::kCenter), TableCell(state),
                              TableCell(std::to_string(task.task.progress) + "%", DocxAlign::kCenter),
                              TableCell(last)});
    }
    // Seven columns on a portrait page: 11 pt.
    for (auto& row : tasks.rows) {
        for (DocxCell& cell : row) {
            for (DocxParagraph& paragraph : cell.paragraphs) {
                for (DocxRun& run : paragraph.runs) run.size = kRecipientSize;
            }
        }
    }
    body.emplace_back(tasks);
    body.emplace_back(Spacer(200));

    Plan signing = plan;
    signing.recipients = plan.recipients.empty() ? std::vector<std::string>{"Lưu: VT."} : plan.recipients;
    body.emplace_back(FooterTable(signing));
    return document;
}

Status WriteTaskAnnexXlsx(const Plan& plan, const Unit& unit, const std::vector<PlanTask>& tasks,
                          const std::string& path) {
    auto failure = [&](const std::string& reason) -> Status {
        ErrorDetail detail;
        detail.file = path;
        detail.reason = Text{"không ghi được tệp .xlsx: " + reason, "cannot write the .xlsx file: " + reason};
        return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path, "Cannot write the file " + path,
                         {detail});
    };
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::absolute(path, error).parent_path();
    if (error || !std::filesystem::is_directory(folder, error)) return failure("thư mục chứa tệp không tồn tại");

    lxw_workbook_options options{};
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) return failure("cannot create the workbook");
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_CENTER);
    format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_bg_color(header, 0xD9D9D9);
    format_set_font_name(header, "Times New Roman");
    lxw_format* text = workbook_add_format(workbook);
    format_set_text_wrap(text);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(text, LXW_BORDER_THIN);
    format_set_font_name(text, "Times New Roman");
    lxw_format* centred = workbook_add_format(workbook);
    format_set_align(centred, LXW_ALIGN_CENTER);
    format_set_align(centred, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(centred, LXW_BORDER_THIN);
    format_set_font_name(centred, "Times New Roman");

    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Phụ lục");
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);  // A4
    worksheet_set_margins(sheet, 0.5, 0.4, 0.6, 0.6);
    worksheet_repeat_rows(sheet, 0, 0);
    worksheet_fit_to_pages(sheet, 1, 0);
    std::string name;  // `&` starts a code in Excel's page header: a literal one is doubled.
    for (char c : Upper(unit.name)) name += c == '&' ? std::string("&&") : std::string(1, c);
    const std::string title =
        "&C&\"Times New Roman,Bold\"PHỤ LỤC PHÂN CÔNG NHIỆM VỤ - " + name + " NĂM " + std::to_string(plan.year);
    worksheet_set_header(sheet, title.c_str());
    worksheet_set_footer(sheet, "&CTrang &P/&N");

    struct Column {
        const char* header;
        double width;
    };
    static constexpr Column kColumns[] = {
        {"TT", 5},         {"Nhiệm vụ", 45}, {"Tiêu chí", 10}, {"Bộ phận chủ trì", 20}, {"Công chức phụ trách", 16},
        {"Phối hợp", 20},  {"Thời hạn", 12}, {"Tần suất", 12}, {"Sản phẩm", 16},        {"Trạng thái", 14},
        {"Tiến độ (%)", 9}};
    for (std::size_t c = 0; c < std::size(kColumns); ++c) {
        const auto column = static_cast<lxw_col_t>(c);
        worksheet_set_column(sheet, column, column, kColumns[c].width, nullptr);
        worksheet_write_string(sheet, 0, column, kColumns[c].header, header);
    }
    worksheet_freeze_panes(sheet, 1, 0);

    lxw_row_t row = 0;
    for (const PlanTask& task : InOrder(tasks)) {
        ++row;
        auto write = [&](lxw_col_t column, const std::string& value, lxw_format* format) {
            if (value.empty()) {
                worksheet_write_blank(sheet, row, column, format);
            } else {
                worksheet_write_string(sheet, row, column, value.c_str(), format);
            }
        };
        worksheet_write_number(sheet, row, 0, static_cast<double>(row), centred);
        write(1, task.title, text);
        write(2, Join(task.criteria, ", "), centred);
        write(3, DepartmentName(unit, task.lead_department), text);
        write(4, task.lead_user, text);
        write(5, Join(task.cooperating, "; "), text);
        write(6, task.deadline ? task.deadline->Vietnamese() : "", centred);
        write(7, RecurrenceText(task.recurrence), centred);
        write(8, task.expected_output, text);
        write(9, StatusText(task.status), text);
        worksheet_write_number(sheet, row, 10, static_cast<double>(task.progress), centred);
    }
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR) return failure(lxw_strerror(closed));
    return OkStatus();
}

}  // namespace parindex
