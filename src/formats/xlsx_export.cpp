// .xlsx files written with libxlsxwriter: values only (never formulas), bold frozen header in row 1.

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "formats/codec_common.hpp"
#include "formats/codecs.hpp"
#include "formats/import_errors.hpp"
#include "formats/table_columns.hpp"

namespace parindex {
namespace {

double ToDouble(Decimal value) { return static_cast<double>(value.Thousandths()) / 1000.0; }

// One workbook being written, with the few formats every sheet shares.
class Book {
  public:
    explicit Book(const std::string& path) : path_(path) {
        // libxlsxwriter only opens the file when closing the workbook, and then prints to stderr: check the
        // folder first so that the common mistake gets a clear error and no noise.
        std::error_code error;
        const std::filesystem::path folder = std::filesystem::absolute(path, error).parent_path();
        if (error || !std::filesystem::is_directory(folder, error)) {
            missing_folder_ = true;
            return;
        }
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        options.use_zip64 = LXW_FALSE;
        workbook_ = workbook_new_opt(path.c_str(), &options);
        if (workbook_ == nullptr) return;
        bold_ = workbook_add_format(workbook_);
        format_set_bold(bold_);
        header_ = workbook_add_format(workbook_);
        format_set_bold(header_);
        format_set_text_wrap(header_);
        format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
        format_set_bottom(header_, LXW_BORDER_THIN);
        format_set_bg_color(header_, 0xDDEBF7);
        note_ = workbook_add_format(workbook_);
        format_set_italic(note_);
        for (int depth = 0; depth < 5; ++depth) {
            lxw_format* title = workbook_add_format(workbook_);
            format_set_text_wrap(title);
            format_set_align(title, LXW_ALIGN_VERTICAL_TOP);
            if (depth > 1) format_set_indent(title, static_cast<uint8_t>(depth - 1));
            if (depth == 1) format_set_bold(title);
            titles_[depth] = title;
        }
        static const char* fixed_formats[] = {"0", "0.0", "0.00", "0.000"};
        for (int decimals = 0; decimals < 4; ++decimals) {
            fixed_[decimals] = workbook_add_format(workbook_);
            format_set_num_format(fixed_[decimals], fixed_formats[decimals]);
        }
    }
    ~Book() {
        // A workbook that was never closed (an error path) still owns its memory.
        if (workbook_ != nullptr && !closed_) workbook_close(workbook_);
    }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;

    bool Ok() const { return workbook_ != nullptr; }
    lxw_workbook* Workbook() const { return workbook_; }
    lxw_format* Bold() const { return bold_; }
    lxw_format* Header() const { return header_; }
    lxw_format* Note() const { return note_; }
    lxw_format* Title(int depth) const { return titles_[std::clamp(depth, 0, 4)]; }
    lxw_format* Fixed(int decimals) const { return fixed_[std::clamp(decimals, 0, 3)]; }

    Status Close() {
        closed_ = true;
        const lxw_error error = workbook_close(workbook_);
        if (error == LXW_NO_ERROR) return OkStatus();
        return Failure(lxw_strerror(error));
    }

    /// The error for a workbook that could not be created.
    Status CreateFailure() const {
        if (!missing_folder_) return Failure("cannot create the workbook");
        ErrorDetail detail;
        detail.file = path_;
        detail.reason = Text{"thư mục chứa tệp không tồn tại", "the folder of the file does not exist"};
        return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path_, "Cannot write the file " + path_,
                         {detail});
    }

    Status Failure(const std::string& reason) const {
        ErrorDetail detail;
        detail.file = path_;
        detail.reason = Text{"không ghi được tệp .xlsx: " + reason, "cannot write the .xlsx file: " + reason};
        return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path_, "Cannot write the file " + path_,
                         {detail});
    }

  private:
    std::string path_;
    lxw_workbook* workbook_ = nullptr;
    bool closed_ = false;
    bool missing_folder_ = false;
    lxw_format* bold_ = nullptr;
    lxw_format* header_ = nullptr;
    lxw_format* note_ = nullptr;
    lxw_format* titles_[5] = {};
    lxw_format* fixed_[4] = {};
};

struct ColumnSpec {
    std::string_view header;
    double width = 12;
};

// One sheet: a bold, frozen header row and cells written by (row, column), blanks left empty.
class Sheet {
  public:
    Sheet(Book& book, const char* name, const std::vector<ColumnSpec>& columns) : book_(book) {
        sheet_ = workbook_add_worksheet(book.Workbook(), name);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto column = static_cast<lxw_col_t>(c);
            worksheet_set_column(sheet_, column, column, columns[c].width, nullptr);
            Text(0, c, std::string(columns[c].header), book.Header());
        }
        worksheet_freeze_panes(sheet_, 1, 0);
    }

    void Text(std::size_t row, std::size_t column, const std::string& text, lxw_format* format = nullptr) {
        if (text.empty()) return;
        worksheet_write_string(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column), text.c_str(),
                               format);
    }
    void Number(std::size_t row, std::size_t column, const std::optional<Decimal>& value,
                lxw_format* format = nullptr) {
        if (!value) return;
        worksheet_write_number(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column), ToDouble(*value),
                               format);
    }
    void Integer(std::size_t row, std::size_t column, const std::optional<int>& value, lxw_format* format = nullptr) {
        if (!value) return;
        worksheet_write_number(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                               static_cast<double>(*value), format);
    }
    /// An index at the framework's display decimals (shown as 90.02, stored as the rounded value).
    void Index(std::size_t row, std::size_t column, const std::optional<Decimal>& value, int decimals) {
        Number(row, column, value ? std::optional<Decimal>(value->RoundTo(decimals)) : std::nullopt,
               book_.Fixed(decimals));
    }

  private:
    Book& book_;
    lxw_worksheet* sheet_ = nullptr;
};

std::string YesOrBlank(bool value) { return value ? "có" : ""; }

std::string RankText(const RankResult& rank) {
    if (rank.excluded) return "không xếp hạng";
    if (!rank.rank) return "";
    std::string text = std::to_string(*rank.rank);
    if (rank.of > 0) text += "/" + std::to_string(rank.of);
    return text;
}

std::vector<ColumnSpec> Specs(std::initializer_list<std::pair<const ColumnNames*, double>> columns) {
    std::vector<ColumnSpec> specs;
    for (const auto& [column, width] : columns) specs.push_back(ColumnSpec{column->vietnamese, width});
    return specs;
}

// The depth of each framework node (1 for an area), following parent codes.
std::map<std::string, int> Depths(const Framework& framework) {
    std::map<std::string, std::string> parents;
    for (const FrameworkNode& node : framework.nodes) parents[node.code] = node.parent_code;
    std::map<std::string, int> depths;
    for (const FrameworkNode& node : framework.nodes) {
        int depth = 1;
        std::string parent = node.parent_code;
        while (!parent.empty() && depth < 16) {
            ++depth;
            auto found = parents.find(parent);
            parent = found == parents.end() ? std::string() : found->second;
        }
        depths[node.code] = depth;
    }
    return depths;
}

}  // namespace

Status WriteUnitsXlsx(const std::vector<Unit>& units, const std::string& path) {
    Book book(path);
    if (!book.Ok()) return book.CreateFailure();
    const auto& c = kUnitColumns;
    Sheet sheet(book, "Đơn vị",
                Specs({{&c.code, 14},
                       {&c.name, 36},
                       {&c.type, 12},
                       {&c.parent_code, 14},
                       {&c.valid_from, 12},
                       {&c.valid_to, 12},
                       {&c.successor_code, 16},
                       {&c.demo, 10}}));
    std::size_t row = 1;
    for (const Unit& unit : units) {
        sheet.Text(row, 0, unit.code);
        sheet.Text(row, 1, unit.name);
        sheet.Text(row, 2, unit.type);
        sheet.Text(row, 3, unit.parent_code);
        sheet.Integer(row, 4, unit.valid_from);
        sheet.Integer(row, 5, unit.valid_to);
        sheet.Text(row, 6, unit.successor_code);
        sheet.Text(row, 7, YesOrBlank(unit.demo));
        ++row;
    }
    return book.Close();
}

Status WriteGroupsXlsx(const std::vector<PeerGroup>& groups, const std::string& path) {
    Book book(path);
    if (!book.Ok()) return book.CreateFailure();
    const auto& c = kGroupColumns;
    Sheet sheet(book, "Nhóm so sánh",
                Specs({{&c.group_code, 20},
                       {&c.group_name, 36},
                       {&c.year, 8},
                       {&c.framework_code, 20},
                       {&c.unit_code, 14},
                       {&c.ranked, 10}}));
    std::size_t row = 1;
    for (const PeerGroup& group : groups) {
        auto write_group = [&] {
            sheet.Text(row, 0, group.code);
            sheet.Text(row, 1, group.name);
            sheet.Integer(row, 2, group.year);
            sheet.Text(row, 3, group.framework_code);
        };
        if (group.members.empty()) {
            write_group();
            ++row;
        }
        for (const GroupMember& member : group.members) {
            write_group();
            sheet.Text(row, 4, member.unit_code);
            sheet.Text(row, 5, member.ranked ? "có" : "không");
            ++row;
        }
    }
    return book.Close();
}

Status WriteFrameworkXlsx(const Framework& framework, const std::string& path) {
    Book book(path);
    if (!book.Ok()) return book.CreateFailure();
    const auto& c = kFrameworkColumns;
    Sheet sheet(book, "Bộ chỉ số",
                Specs({{&c.framework_code, 16},
                       {&c.code, 10},
                       {&c.parent_code, 10},
                       {&c.title, 60},
                       {&c.max, 10},
                       {&c.method, 12},
                       {&c.evidence_required, 12},
                       {&c.responsible, 24},
                       {&c.previous_code, 10},
                       {&c.max_only, 10},
                       {&c.declared_difference, 12},
                       {&c.note, 30},
                       {&c.max_provenance, 12}}));
    const auto depths = Depths(framework);
    std::size_t row = 1;
    for (const FrameworkNode& node : framework.nodes) {
        sheet.Text(row, 0, framework.code);
        sheet.Text(row, 1, node.code, depths.at(node.code) == 1 ? book.Bold() : nullptr);
        sheet.Text(row, 2, node.parent_code);
        sheet.Text(row, 3, node.title, book.Title(depths.at(node.code)));
        sheet.Number(row, 4, node.max);
        sheet.Text(row, 5, MethodVietnamese(node.method));
        sheet.Text(row, 6, YesOrBlank(node.evidence_required));
        sheet.Text(row, 7, node.responsible);
        sheet.Text(row, 8, node.previous_code);
        sheet.Text(row, 9, YesOrBlank(node.max_only));
        sheet.Number(row, 10, node.declared_difference);
        sheet.Text(row, 11, node.note);
        sheet.Text(row, 12, ProvenanceVietnamese(node.max_provenance));
        ++row;
    }
    return book.Close();
}

Status WriteScoresXlsx(const Assessment& assessment, const Framework* framework, const std::string& path) {
    Book book(path);
    if (!book.Ok()) return book.CreateFailure();
    const auto& c = kScoreColumns;
    Sheet sheet(book, "Chấm điểm",
                Specs({{&c.code, 10},
                       {&c.title, 60},
                       {&c.max, 10},
                       {&c.self, 10},
                       {&c.appraised, 10},
                       {&c.cause, 30},
                       {&c.responsible, 24},
                       {&c.change, 10},
                       {&c.explanation, 30},
                       {&c.reason, 30},
                       {&c.provenance, 10},
                       {&c.note, 30}}));
    std::map<std::string, const NodeScore*> scores;
    for (const NodeScore& score : assessment.nodes) scores[score.code] = &score;
    std::size_t row = 1;
    auto write_score = [&](const NodeScore& score) {
        sheet.Number(row, 3, score.self);
        sheet.Number(row, 4, score.appraised);
        sheet.Text(row, 5, score.cause);
        sheet.Text(row, 6, score.responsible);
        sheet.Number(row, 7, score.change);
        sheet.Text(row, 8, score.explanation);
        sheet.Text(row, 9, score.reason);
        sheet.Text(row, 10, ProvenanceVietnamese(score.provenance));
        sheet.Text(row, 11, score.note);
    };
    std::map<std::string, bool> written;
    if (framework != nullptr) {
        // Every node of the framework in its order, so that the sheet reads as the officials' form; nodes
        // without a score stay blank (and are skipped on import).
        const auto depths = Depths(*framework);
        for (const FrameworkNode& node : framework->nodes) {
            const int depth = depths.at(node.code);
            sheet.Text(row, 0, node.code, depth == 1 ? book.Bold() : nullptr);
            sheet.Text(row, 1, node.title, book.Title(depth));
            sheet.Number(row, 2, node.max);
            if (auto found = scores.find(node.code); found != scores.end()) write_score(*found->second);
            written[node.code] = true;
            ++row;
        }
    }
    for (const NodeScore& score : assessment.nodes) {
        if (written.count(score.code) > 0) continue;
        sheet.Text(row, 0, score.code);
        write_score(score);
        ++row;
    }
    if (assessment.total_self || assessment.total_points || assessment.total_max || assessment.total_change) {
        sheet.Text(row, 0, "TOTAL", book.Bold());
        sheet.Text(row, 1, "CHỈ SỐ CCHC", book.Bold());
        sheet.Number(row, 2, assessment.total_max);
        sheet.Number(row, 3, assessment.total_self);
        sheet.Number(row, 4, assessment.total_points);
        sheet.Number(row, 7, assessment.total_change);
        sheet.Text(row, 10, ProvenanceVietnamese(assessment.total_provenance));
    }
    return book.Close();
}

Status WriteResultsXlsx(const UnitResult& result, const std::string& path) {
    Book book(path);
    if (!book.Ok()) return book.CreateFailure();
    const int decimals = result.display_decimals;

    {
        Sheet sheet(book, "Tổng hợp", {{"Mục", 30}, {"Giá trị", 36}, {"", 14}, {"", 14}, {"", 14}, {"", 14}, {"", 14}});
        std::size_t row = 1;
        auto label = [&](const char* text) { sheet.Text(row, 0, text, book.Bold()); };
        label("Đơn vị");
        sheet.Text(row++, 1, result.unit_name);
        label("Mã đơn vị");
        sheet.Text(row++, 1, result.unit_code);
        label("Năm");
        sheet.Integer(row++, 1, result.year);
        label("Bộ chỉ số");
        sheet.Text(row++, 1, result.framework_code);
        label("Trạng thái");
        sheet.Text(row++, 1, result.status);
        label("Tự chấm");
        sheet.Number(row++, 1, result.self);
        label("Điểm");
        sheet.Number(row++, 1, result.points);
        label("Điểm tối đa");
        sheet.Number(row++, 1, result.max);
        label("Chỉ số (%)");
        sheet.Index(row++, 1, result.index, decimals);
        label("Xếp loại");
        sheet.Text(row++, 1, result.band ? result.band->name + (result.band->demo ? " (ngưỡng mẫu)" : "") : "");
        label("Tăng/giảm so với năm trước");
        if (result.change_status == ChangeStatus::kNotComparable) {
            sheet.Text(row++, 1, "không so sánh được");
        } else {
            sheet.Number(row++, 1, result.change);
        }
        label("Nguồn");
        sheet.Text(row++, 1, ProvenanceVietnamese(result.provenance));

        ++row;
        const char* rank_headers[] = {"Nhóm so sánh",   "Mã nhóm",       "Hạng", "Số đơn vị",
                                      "Hạng năm trước", "Thay đổi hạng", "Nguồn"};
        for (std::size_t c = 0; c < 7; ++c) sheet.Text(row, c, rank_headers[c], book.Header());
        ++row;
        for (const RankResult& rank : result.ranks) {
            sheet.Text(row, 0, rank.group_name);
            sheet.Text(row, 1, rank.group_code);
            if (rank.excluded) {
                sheet.Text(row, 2, "không xếp hạng");
            } else {
                sheet.Integer(row, 2, rank.rank);
            }
            sheet.Integer(row, 3, rank.of > 0 ? std::optional<int>(rank.of) : std::nullopt);
            sheet.Integer(row, 4, rank.previous_rank);
            sheet.Integer(row, 5, rank.change);
            sheet.Text(row, 6, ProvenanceVietnamese(rank.provenance));
            ++row;
        }

        ++row;
        const char* part_headers[] = {"Phần",       "Phương pháp", "Điểm",    "Điểm tối đa",
                                      "Chỉ số (%)", "Tăng/giảm",   "Xếp hạng"};
        for (std::size_t c = 0; c < 7; ++c) sheet.Text(row, c, part_headers[c], book.Header());
        ++row;
        for (const NodeResult& part : result.parts) {
            sheet.Text(row, 0, part.title.empty() ? MethodVietnamese(part.method) : part.title);
            sheet.Text(row, 1, ScoringMethodName(part.method));
            sheet.Number(row, 2, part.points);
            sheet.Number(row, 3, part.max);
            sheet.Index(row, 4, part.index, decimals);
            sheet.Number(row, 5, part.change);
            std::string ranks;
            for (const RankResult& rank : part.ranks) {
                if (const std::string text = RankText(rank); !text.empty()) ranks += (ranks.empty() ? "" : "; ") + text;
            }
            sheet.Text(row, 6, ranks);
            ++row;
        }
    }
    {
        Sheet sheet(book, "Lĩnh vực",
                    {{"Mã", 8},
                     {"Lĩnh vực", 50},
                     {"Điểm", 10},
                     {"Điểm tối đa", 10},
                     {"Chỉ số (%)", 10},
                     {"Tăng/giảm", 10},
                     {"Xếp hạng", 14},
                     {"Nguồn", 12}});
        std::size_t row = 1;
        for (const NodeResult& area : result.areas) {
            sheet.Text(row, 0, area.code);
            sheet.Text(row, 1, area.title, book.Title(0));
            sheet.Number(row, 2, area.points);
            sheet.Number(row, 3, area.max);
            sheet.Index(row, 4, area.index, decimals);
            if (area.change_status == ChangeStatus::kNotComparable) {
                sheet.Text(row, 5, "không so sánh được");
            } else {
                sheet.Number(row, 5, area.change);
            }
            std::string ranks;
            for (const RankResult& rank : area.ranks) {
                if (const std::string text = RankText(rank); !text.empty()) ranks += (ranks.empty() ? "" : "; ") + text;
            }
            sheet.Text(row, 6, ranks);
            sheet.Text(row, 7, ProvenanceVietnamese(area.provenance));
            ++row;
        }
    }
    {
        Sheet sheet(book, "Tiêu chí",
                    {{"Mã", 10},
                     {"Nội dung tiêu chí", 60},
                     {"Phương pháp", 12},
                     {"Điểm tối đa", 10},
                     {"Tự chấm", 10},
                     {"Điểm", 10},
                     {"Tổng cấp dưới", 12},
                     {"Chỉ số (%)", 10},
                     {"Tăng/giảm", 10},
                     {"Nguồn", 12},
                     {"Ghi chú", 24}});
        std::size_t row = 1;
        for (const NodeResult& node : result.criteria) {
            sheet.Text(row, 0, node.code, node.depth == 1 ? book.Bold() : nullptr);
            sheet.Text(row, 1, node.title, book.Title(node.depth));
            sheet.Text(row, 2, MethodVietnamese(node.method));
            sheet.Number(row, 3, node.max);
            sheet.Number(row, 4, node.self);
            sheet.Number(row, 5, node.points);
            sheet.Number(row, 6, node.computed);
            sheet.Index(row, 7, node.index, decimals);
            if (node.change_status == ChangeStatus::kNotComparable) {
                sheet.Text(row, 8, "không so sánh được");
            } else {
                sheet.Number(row, 8, node.change);
            }
            sheet.Text(row, 9, ProvenanceVietnamese(node.provenance));
            sheet.Text(row, 10, node.max_only ? "chỉ có điểm tối đa" : "");
            ++row;
        }
    }
    {
        Sheet sheet(book, "Điểm bị trừ",
                    {{"TT", 6},
                     {"Mã", 10},
                     {"Nội dung tiêu chí", 60},
                     {"Điểm đạt", 10},
                     {"Điểm tối đa", 10},
                     {"Điểm bị trừ", 10},
                     {"Nguyên nhân", 36},
                     {"Trách nhiệm tham mưu", 24}});
        std::size_t row = 1;
        for (const LostPoint& lost : result.lost_points) {
            sheet.Integer(row, 0, static_cast<int>(row));
            sheet.Text(row, 1, lost.code);
            sheet.Text(row, 2, lost.title, book.Title(0));
            sheet.Number(row, 3, lost.points);
            sheet.Number(row, 4, lost.max);
            sheet.Number(row, 5, lost.lost);
            sheet.Text(row, 6, lost.cause, book.Title(0));
            sheet.Text(row, 7, lost.responsible);
            ++row;
        }
    }
    {
        Sheet sheet(book, "Chênh lệch",
                    {{"Mã", 10}, {"Nội dung tiêu chí", 60}, {"Tự chấm", 10}, {"Thẩm định", 10}, {"Chênh lệch", 10}});
        std::size_t row = 1;
        for (const ScoreGap& gap : result.gaps) {
            sheet.Text(row, 0, gap.code);
            sheet.Text(row, 1, gap.title, book.Title(0));
            sheet.Number(row, 2, gap.self);
            sheet.Number(row, 3, gap.appraised);
            sheet.Number(row, 4, gap.gap);
            ++row;
        }
    }
    {
        Sheet sheet(
            book, "Xu hướng",
            {{"Năm", 8}, {"Điểm", 10}, {"Điểm tối đa", 10}, {"Chỉ số (%)", 10}, {"Xếp hạng", 36}, {"Nguồn", 12}});
        std::size_t row = 1;
        for (const TrendPoint& point : result.trend) {
            sheet.Integer(row, 0, point.year);
            sheet.Number(row, 1, point.points);
            sheet.Number(row, 2, point.max);
            sheet.Index(row, 3, point.index, decimals);
            std::string ranks;
            for (const RankResult& rank : point.ranks) {
                std::string text = RankText(rank);
                if (text.empty()) continue;
                if (!rank.group_name.empty()) text += " (" + rank.group_name + ")";
                ranks += (ranks.empty() ? "" : "; ") + text;
            }
            sheet.Text(row, 4, ranks);
            sheet.Text(row, 5, ProvenanceVietnamese(point.provenance));
            ++row;
        }
    }
    return book.Close();
}

Status WriteRankingXlsx(const GroupRanking& ranking, const std::string& path) {
    Book book(path);
    if (!book.Ok()) return book.CreateFailure();
    const int decimals = ranking.display_decimals;
    Sheet sheet(book, "Xếp hạng",
                {{"Hạng", 8},
                 {"Mã đơn vị", 14},
                 {"Tên đơn vị", 36},
                 {"Điểm", 10},
                 {"Điểm tối đa", 10},
                 {"Chỉ số (%)", 10},
                 {"Xếp loại", 14},
                 {"Hạng năm trước", 10},
                 {"Thay đổi hạng", 10},
                 {"Ghi chú", 24}});
    std::size_t row = 1;
    for (const RankingRow& entry : ranking.rows) {
        sheet.Integer(row, 0, entry.rank);
        sheet.Text(row, 1, entry.unit_code);
        sheet.Text(row, 2, entry.unit_name);
        sheet.Number(row, 3, entry.points);
        sheet.Number(row, 4, entry.max);
        sheet.Index(row, 5, entry.index, decimals);
        sheet.Text(row, 6, entry.band ? entry.band->name : "");
        sheet.Integer(row, 7, entry.previous_rank);
        sheet.Integer(row, 8, entry.change);
        std::string note;
        if (entry.excluded) note = "không xếp hạng";
        if (entry.demo) note += std::string(note.empty() ? "" : "; ") + "dữ liệu mẫu";
        if (entry.band && entry.band->demo) note += std::string(note.empty() ? "" : "; ") + "ngưỡng xếp loại mẫu";
        sheet.Text(row, 9, note);
        ++row;
    }
    ++row;
    std::string group = "Nhóm: " + ranking.group_name;
    if (!ranking.group_code.empty()) group += " (" + ranking.group_code + ")";
    group += ", năm " + std::to_string(ranking.year);
    if (!ranking.framework_code.empty()) group += ", bộ chỉ số " + ranking.framework_code;
    sheet.Text(row++, 0, group, book.Note());
    const std::string rule = ranking.tie_rule.empty()
                                 ? "Các đơn vị có chỉ số (đã làm tròn) bằng nhau cùng hạng; hạng kế tiếp bỏ qua số "
                                   "thứ tự tương ứng."
                                 : ranking.tie_rule;
    sheet.Text(row, 0, "Quy tắc xếp hạng: " + rule, book.Note());
    return book.Close();
}

}  // namespace parindex
