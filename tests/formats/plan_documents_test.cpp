#include "formats/plan_documents.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/table.hpp"
#include "office_convert.hpp"
#include "test_support.hpp"

namespace parindex {
namespace {

using testing::Describe;
using testing::DocxToPdfText;
using testing::Squeezed;
using testing::TempDir;

Decimal D(const char* text) { return *Decimal::Parse(text); }

Unit LaKhe() {
    Unit unit;
    unit.code = "lakhe";
    unit.name = "Phường La Khê";
    unit.type = "ward";
    unit.parent_code = "hadong";
    unit.departments = {{"vp-tk", "Văn phòng – Thống kê"},
                        {"tp-ht", "Tư pháp – Hộ tịch"},
                        {"tc-kt", "Tài chính – Kế toán"},
                        {"vh-xh", "Văn hóa – Xã hội"}};
    return unit;
}

RankResult Rank(int rank, int of, std::optional<int> previous = std::nullopt) {
    RankResult result;
    result.group_code = "hadong-wards";
    result.group_name = "Các phường quận Hà Đông";
    result.rank = rank;
    result.of = of;
    result.previous_rank = previous;
    if (previous) result.change = *previous - rank;
    return result;
}

struct AreaRow {
    const char* code;
    const char* title;
    const char* points;
    const char* max;
    const char* change;
};

// La Khê's 2023 results as published (seed 000), built by hand.
const AreaRow kAreas[] = {
    {"1", "Chỉ đạo điều hành CCHC", "17.25", "20", "3.91"},
    {"2", "Tổ chức thực hiện văn bản quy phạm pháp luật", "2.5", "3", "-0.5"},
    {"3", "Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông", "14.4", "16", "1.15"},
    {"4", "Nâng cao chất lượng đội ngũ cán bộ, công chức", "8.66", "10", "1.66"},
    {"5", "Quản lý tài chính", "6", "6", "-1"},
    {"6", "Hiện đại hóa hành chính", "6.5", "10", "-1.5"},
    {"7", "Tác động CCHC đến phát triển kinh tế – xã hội của phường", "5", "5", "0"},
    {"8", "Điều tra xã hội học", "29.71", "30", "-0.17"},
};

struct LostRow {
    const char* code;
    const char* area;
    const char* title;
    const char* points;
    const char* max;
    const char* cause;
    const char* responsible;
    const char* printed_points;  // As the document prints it.
    const char* printed_responsible;
};

const LostRow kLost[] = {
    {"1.6", "1", "Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC", "0", "2",
     "Sáng kiến không được công nhận", "Các bộ phận", "0/2", "Các bộ phận"},
    {"1.9", "1", "Công khai, minh bạch danh mục và quy trình giải quyết TTHC", "1.5", "2",
     "Công khai chưa đầy đủ dự toán", "tc-kt", "1,5/2", "Tài chính – Kế toán"},
    {"1.u1", "1", "Gắn kết quả thực hiện CCHC với công tác Thi đua – khen thưởng", "0.75", "1",
     "Chưa đưa CCHC vào bình xét thi đua", "vp-tk", "0,75/1", "Văn phòng – Thống kê"},
    {"2.1", "2", "Tổ chức thực hiện các VBQPPL của cấp trên", "0.75", "1", "Triển khai chậm văn bản", "tp-ht", "0,75/1",
     "Tư pháp – Hộ tịch"},
    {"2.3", "2", "Theo dõi thi hành pháp luật", "0.25", "0.5", "Thiếu báo cáo theo dõi", "tp-ht", "0,25/0,5",
     "Tư pháp – Hộ tịch"},
    {"3.2", "3", "Cải tiến quy trình, rút ngắn thời gian giải quyết TTHC", "1.4", "2", "Còn hồ sơ trễ hẹn",
     "Các bộ phận", "1,4/2", "Các bộ phận"},
    {"4.1.2", "4", "Chấp hành kỷ luật kỷ cương hành chính", "0.25", "1", "Có công chức bị kỷ luật", "vp-tk", "0,25/1",
     "Văn phòng – Thống kê"},
    {"4.1.4", "4", "Kết quả đánh giá chất lượng công việc của Chủ tịch UBND phường", "0.9", "1", "9 xuất sắc, 2 tốt",
     "vp-tk", "0,9/1", "Văn phòng – Thống kê"},
    {"4.2", "4", "Nâng cao chất lượng trưởng thôn, tổ dân phố", "2.5", "3", "Chưa tập huấn đủ", "vh-xh", "2,5/3",
     "Văn hóa – Xã hội"},
    {"4.u1", "4", "Tổ chức bồi dưỡng Tổ trưởng Tổ dân phố về CCHC", "1", "1.5", "Chưa tổ chức bồi dưỡng", "vh-xh",
     "1/1,5", "Văn hóa – Xã hội"},
    {"6.6", "6", "Xây dựng hồ sơ công việc điện tử", "0", "1", "Chưa lập hồ sơ điện tử", "Các bộ phận", "0/1",
     "Các bộ phận"},
    {"6.7", "6", "Thực hiện các nhiệm vụ về số hóa dữ liệu", "0", "1", "Chưa số hóa kết quả", "Các bộ phận", "0/1",
     "Các bộ phận"},
    {"6.8", "6", "Áp dụng quy trình ISO 9001 trong hoạt động của phường", "1.5", "3", "ISO chưa cập nhật", "vp-tk",
     "1,5/3", "Văn phòng – Thống kê"},
    {"8", "8", "Điều tra xã hội học", "29.71", "30", "Người dân chưa hài lòng", "Các bộ phận", "29,71/30",
     "Các bộ phận"},
};

UnitResult LaKhe2023() {
    UnitResult r;
    r.unit_code = "lakhe";
    r.unit_name = "Phường La Khê";
    r.year = 2023;
    r.framework_code = "hadong-2023";
    r.display_decimals = 2;
    r.points = D("90.02");
    r.max = D("100");
    r.index = D("90.02");
    r.change = D("5.55");
    r.change_status = ChangeStatus::kPublished;
    r.ranks = {Rank(16, 17, 14)};
    NodeResult appraisal;
    appraisal.code = "appraisal";
    appraisal.method = ScoringMethod::kAppraisal;
    appraisal.points = D("60.31");
    appraisal.max = D("70");
    appraisal.index = D("86.16");
    appraisal.ranks = {Rank(16, 17)};
    NodeResult survey;
    survey.code = "survey";
    survey.method = ScoringMethod::kSurvey;
    survey.points = D("29.71");
    survey.max = D("30");
    survey.index = D("99.03");
    survey.ranks = {Rank(17, 17)};
    r.parts = {appraisal, survey};
    for (const AreaRow& row : kAreas) {
        NodeResult area;
        area.code = row.code;
        area.title = row.title;
        area.depth = 1;
        area.points = D(row.points);
        area.max = D(row.max);
        area.change = D(row.change);
        area.change_status = ChangeStatus::kPublished;
        r.areas.push_back(area);
        AreaNote note{row.code, row.title, "", area.points, area.max, area.change};
        if (area.points == area.max) {
            note.kind = "at_max";
            r.strengths.push_back(note);
        } else if (area.change->Thousandths() > 0) {
            note.kind = "up";
            r.strengths.push_back(note);
        }
        if (area.change->Thousandths() < 0) {
            note.kind = "down";
            r.weaknesses.push_back(note);
        }
    }
    for (const LostRow& row : kLost) {
        r.lost_points.push_back({row.code, row.title, row.area, D(row.points), D(row.max), D(row.max) - D(row.points),
                                 row.cause, row.responsible});
    }
    auto trend = [](int year, const char* points, RankResult rank) {
        TrendPoint point;
        point.year = year;
        point.points = D(points);
        point.max = D("100");
        point.index = D(points);
        point.ranks = {rank};
        return point;
    };
    r.trend = {trend(2021, "87.43", Rank(14, 17)), trend(2022, "84.47", Rank(14, 17)),
               trend(2023, "90.02", Rank(16, 17, 14))};
    return r;
}

Plan LaKhePlan() {
    Plan plan;
    plan.unit_code = "lakhe";
    plan.year = 2024;
    plan.results_year = 2023;
    plan.authority = "UBND QUẬN HÀ ĐÔNG";
    plan.issuer = "ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ";
    plan.place = "La Khê";
    plan.title = "Cải thiện, nâng cao Chỉ số cải cách hành chính phường La Khê năm 2024";
    plan.basis = {
        "Thực hiện Quyết định số 7564/QĐ-UBND ngày 29/12/2023 của UBND quận Hà Đông về công bố Chỉ số CCHC "
        "năm 2023;"};
    plan.purposes = {"Tiếp tục đẩy mạnh thực hiện Kế hoạch CCHC của phường giai đoạn 2021-2025."};
    plan.requirements = {"Các bộ phận chuyên môn đánh giá đúng kết quả thực hiện các nội dung CCHC."};
    plan.causes = {"Công tác tìm kiếm, triển khai sáng kiến trong công tác CCHC chưa được chú trọng.",
                   "Công chức tham mưu về CCHC chủ yếu là kiêm nhiệm."};
    plan.solutions = {"Tăng cường công tác kiểm tra, tự kiểm tra công vụ, CCHC."};
    plan.responsibilities = {
        {"vp-tk", "Công chức Văn phòng - Thống kê", {"Triển khai có hiệu quả Kế hoạch CCHC năm 2024."}},
        {"tp-ht", "Công chức Tư pháp - Hộ tịch", {"Tham mưu UBND phường trong công tác cải cách thể chế."}},
        {"tc-kt", "Công chức Tài chính - Kế toán", {"Tham mưu thực hiện nhiệm vụ cải cách tài chính công."}},
    };
    plan.closing = "Trên đây là Kế hoạch cải thiện, nâng cao chỉ số CCHC năm 2024 của phường La Khê./.";
    plan.recipients = {"Quận ủy Hà Đông;", "Phòng Nội vụ quận Hà Đông;", "TT Đảng ủy – UBND phường;",
                       "Các bộ phận chuyên môn phường;", "Lưu: VT."};
    plan.signer.mode = SignerMode::kPersonal;
    plan.signer.title = "CHỦ TỊCH";
    plan.signer.name = "Nguyễn Hữu Hiến";
    return plan;
}

PlanTask Task(int position, const char* title, const char* criterion, const char* department, Recurrence recurrence,
              std::optional<CivilDate> deadline) {
    PlanTask task;
    task.id = position;
    task.unit_code = "lakhe";
    task.year = 2024;
    task.position = position;
    task.title = title;
    task.criteria = {criterion};
    task.lead_department = department;
    task.recurrence = recurrence;
    task.deadline = deadline;
    return task;
}

std::vector<PlanTask> LaKheTasks() {
    std::vector<PlanTask> tasks;
    // Given out of order: documents list them by position.
    tasks.push_back(
        Task(3, "Rà soát, theo dõi thi hành pháp luật", "2.3", "tp-ht", Recurrence::kQuarterly, std::nullopt));
    tasks.push_back(Task(1, "Đăng ký sáng kiến CCHC", "1.6", "vp-tk", Recurrence::kOnce, CivilDate{2024, 11, 30}));
    tasks.push_back(
        Task(2, "Công khai dự toán ngân sách", "1.9", "tc-kt", Recurrence::kMonthly, CivilDate{2024, 1, 15}));
    tasks.push_back(Task(4, "Số hóa kết quả giải quyết TTHC", "6.7", "vh-xh", Recurrence::kOngoing, std::nullopt));
    tasks[0].lead_user = "tuphap.lakhe";
    tasks[0].cooperating = {"Đoàn thanh niên phường", "Hội Phụ nữ phường"};
    tasks[0].expected_output = "Báo cáo quý";
    tasks[0].status = TaskStatus::kInProgress;
    tasks[0].progress = 50;
    tasks[1].expected_output = "Sáng kiến được công nhận";
    tasks[1].status = TaskStatus::kDone;
    tasks[1].progress = 100;
    return tasks;
}

std::string Words(const testing::ConvertedText& converted) { return Squeezed(converted.text); }

void ExpectContains(const std::string& text, const std::string& expected, const std::string& full) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n--- text ---\n" << full;
}

TEST(PlanDocument, LibreOfficeShowsTheWholeLaKhePlan) {
    const Plan plan = LaKhePlan();
    auto bytes = WriteDocx(PlanDocument(plan, LaKhe(), LaKhe2023(), LaKheTasks()));
    ASSERT_TRUE(bytes.Ok());
    const auto converted = DocxToPdfText(*bytes, TempDir("plan_document"), "ke-hoach");
    ASSERT_TRUE(converted.ok) << converted.error;
    const std::string text = Words(converted);
    const std::string raw = Squeezed(converted.raw);
    const std::string& full = converted.text;

    // The two-column header, the title.
    for (const char* line :
         {"UBND QUẬN HÀ ĐÔNG", "ỦY BAN NHÂN DÂN", "PHƯỜNG LA KHÊ", "Số: …/KH-UBND",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "La Khê, ngày … tháng … năm 2024",
          "KẾ HOẠCH", "Cải thiện, nâng cao Chỉ số cải cách hành chính phường La Khê năm 2024",
          "Thực hiện Quyết định số 7564/QĐ-UBND"}) {
        ExpectContains(text, line, full);
    }
    // The Roman sections (no III: the plan has no results so far).
    for (const char* section :
         {"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. THỰC TRẠNG CHỈ SỐ CCHC PHƯỜNG LA KHÊ NĂM 2023",
          "IV. GIẢI PHÁP, NHIỆM VỤ KHẮC PHỤC, CẢI THIỆN CHỈ SỐ CCHC NĂM 2024", "V. TỔ CHỨC THỰC HIỆN", "1.1. Ưu điểm",
          "1.2. Hạn chế", "3. Nguyên nhân"}) {
        ExpectContains(text, section, full);
    }
    EXPECT_EQ(text.find("III. ĐÁNH GIÁ"), std::string::npos);

    // The results paragraph and its parts.
    ExpectContains(raw, "chỉ số CCHC của phường đạt 90,02% (90,02/100 điểm), xếp thứ 16/17 phường.", full);
    ExpectContains(raw, "- Điểm thẩm định đạt 60,31/70 điểm, chỉ số 86,16%, xếp thứ 16/17 phường.", full);
    ExpectContains(raw, "xếp thứ 17/17 phường.", full);

    // Every area row with points/max and its change, decimal commas; the total row.
    ExpectContains(raw, "TT Nội dung Điểm thẩm định/Điểm tối đa Tăng/giảm so với năm 2022", full);
    const char* area_rows[] = {
        "1 Chỉ đạo điều hành CCHC 17,25/20 +3,91",
        "2 Tổ chức thực hiện văn bản quy phạm pháp luật 2,5/3 -0,5",
        "3 Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông 14,4/16 +1,15",
        "4 Nâng cao chất lượng đội ngũ cán bộ, công chức 8,66/10 +1,66",
        "5 Quản lý tài chính 6/6 -1",
        "6 Hiện đại hóa hành chính 6,5/10 -1,5",
        "7 Tác động CCHC đến phát triển kinh tế – xã hội của phường 5/5 0",
        "8 Điều tra xã hội học 29,71/30 -0,17",
        "CHỈ SỐ CCHC 90,02/100 +5,55",
    };
    for (const char* row : area_rows) ExpectContains(raw, row, full);

    // Strengths and the three-year trend.
    ExpectContains(raw, "tăng 5,55 điểm so với năm 2022 (năm 2022 đạt 84,47 điểm)", full);
    ExpectContains(raw, "có 03/08 nội dung có điểm tăng so với năm 2022 (gồm: Chỉ đạo điều hành CCHC tăng 3,91 điểm;",
                   full);
    ExpectContains(raw, "02/08 nội dung đạt điểm tối đa (Quản lý tài chính đạt 6/6 điểm;", full);
    ExpectContains(raw, "+ Năm 2021: đạt 87,43/100 điểm, chỉ số 87,43%, xếp thứ 14/17 phường.", full);
    ExpectContains(raw, "+ Năm 2022: đạt 84,47/100 điểm, chỉ số 84,47%, xếp thứ 14/17 phường.", full);
    ExpectContains(raw, "+ Năm 2023: đạt 90,02/100 điểm, chỉ số 90,02%, xếp thứ 16/17 phường.", full);
    ExpectContains(raw, "mặc dù tăng 5,55 điểm nhưng thứ hạng giảm 2 bậc so với năm 2022.", full);
    ExpectContains(raw, "Có 04/08 nội dung giảm điểm gồm: Tổ chức thực hiện văn bản quy phạm pháp luật giảm 0,5 điểm;",
                   full);

    // All 14 lost-point rows, grouped under their areas, numbered 1..14.
    ExpectContains(raw, "TT Nội dung tiêu chí Điểm thẩm định Nguyên nhân Trách nhiệm tham mưu", full);
    for (const char* area : {"I. CHỈ ĐẠO ĐIỀU HÀNH CCHC", "II. TỔ CHỨC THỰC HIỆN VĂN BẢN QUY PHẠM PHÁP LUẬT",
                             "III. CẢI CÁCH TTHC VÀ THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG",
                             "IV. NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC", "V. HIỆN ĐẠI HÓA HÀNH CHÍNH",
                             "VI. ĐIỀU TRA XÃ HỘI HỌC"}) {
        ExpectContains(raw, area, full);
    }
    int number = 0;
    for (const LostRow& row : kLost) {
        const std::string code =
            std::string(row.code).find('u') == std::string::npos ? std::string(row.code) + ". " : std::string();
        ExpectContains(raw,
                       std::to_string(++number) + " " + code + row.title + " " + row.printed_points + " " + row.cause +
                           " " + row.printed_responsible,
                       full);
    }
    EXPECT_EQ(raw.find("1.u1"), std::string::npos) << "internal codes stay out of the document";

    // Causes, solutions, the departments with their duties and their tasks in order, the closing.
    ExpectContains(raw, "- Công chức tham mưu về CCHC chủ yếu là kiêm nhiệm.", full);
    ExpectContains(raw, "- Tăng cường công tác kiểm tra, tự kiểm tra công vụ, CCHC.", full);
    ExpectContains(raw,
                   "1. Công chức Văn phòng - Thống kê - Triển khai có hiệu quả Kế hoạch CCHC năm 2024. "
                   "+ Đăng ký sáng kiến CCHC (thời hạn: 30/11/2024);",
                   full);
    ExpectContains(raw,
                   "2. Công chức Tư pháp - Hộ tịch - Tham mưu UBND phường trong công tác cải cách thể chế. "
                   "+ Rà soát, theo dõi thi hành pháp luật (thời hạn: Hằng quý);",
                   full);
    ExpectContains(raw, "3. Công chức Tài chính - Kế toán", full);
    ExpectContains(raw, "+ Công khai dự toán ngân sách (thời hạn: Hằng tháng);", full);
    // A department that leads a task without a written duty still gets its heading.
    ExpectContains(raw, "4. Văn hóa – Xã hội + Số hóa kết quả giải quyết TTHC (thời hạn: Thường xuyên);", full);
    ExpectContains(raw, "Trên đây là Kế hoạch cải thiện, nâng cao chỉ số CCHC năm 2024 của phường La Khê./.", full);

    // Nơi nhận and the signature block.
    ExpectContains(text, "Nơi nhận:", full);
    for (const char* recipient : {"- Quận ủy Hà Đông;", "- Phòng Nội vụ quận Hà Đông;", "- Lưu: VT."}) {
        ExpectContains(text, recipient, full);
    }
    ExpectContains(text, "CHỦ TỊCH", full);
    ExpectContains(text, "Nguyễn Hữu Hiến", full);
    EXPECT_EQ(text.find("TM. ỦY BAN NHÂN DÂN"), std::string::npos) << "seed 000 signs in person";
}

// The text of each paragraph of a table's cell, row by row.
std::vector<std::vector<std::string>> CellTexts(const DocxTable& table) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        for (const DocxCell& cell : row) {
            std::string text;
            for (const DocxParagraph& paragraph : cell.paragraphs) {
                if (!text.empty()) text += "|";
                for (const DocxRun& run : paragraph.runs) text += run.text;
            }
            cells.push_back(text);
        }
        rows.push_back(cells);
    }
    return rows;
}

std::vector<const DocxTable*> Tables(const DocxDocument& document) {
    std::vector<const DocxTable*> tables;
    for (const DocxBlock& block : document.body) {
        if (const auto* table = std::get_if<DocxTable>(&block)) tables.push_back(table);
    }
    return tables;
}

TEST(PlanDocument, HeaderWithNumberAndDateAndSignerModes) {
    Plan plan = LaKhePlan();
    plan.number = "46";
    plan.date = CivilDate{2024, 3, 5};
    plan.progress = {"Những tháng đầu năm 2024, 100% các nhiệm vụ đã được triển khai."};
    plan.signer.mode = SignerMode::kDeputy;
    plan.signer.name = "Trần Văn Phó";
    const DocxDocument document = PlanDocument(plan, LaKhe(), LaKhe2023(), LaKheTasks());
    const auto tables = Tables(document);
    ASSERT_EQ(tables.size(), 4u);  // Header, areas, lost points, footer.
    EXPECT_FALSE(tables[0]->borders);
    EXPECT_FALSE(tables[3]->borders);
    EXPECT_TRUE(tables[1]->borders);
    EXPECT_EQ(tables[1]->header_rows, 1);
    const auto header = CellTexts(*tables[0]);
    EXPECT_EQ(header[0][0], "UBND QUẬN HÀ ĐÔNG|ỦY BAN NHÂN DÂN\nPHƯỜNG LA KHÊ|———|Số: 46/KH-UBND");
    EXPECT_EQ(
        header[0][1],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc|———————————|La Khê, ngày 05 tháng 3 năm 2024");
    const auto footer = CellTexts(*tables[3]);
    EXPECT_EQ(footer[0][1], "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Trần Văn Phó");
    EXPECT_EQ(footer[0][0],
              "Nơi nhận:|- Quận ủy Hà Đông;|- Phòng Nội vụ quận Hà Đông;|- TT Đảng ủy – UBND phường;|- Các bộ phận "
              "chuyên môn phường;|- Lưu: VT.");
    // The lost-points table: one full-width bold row per area.
    const auto lost = CellTexts(*tables[2]);
    ASSERT_EQ(lost.size(), 1u + 6u + 14u);
    EXPECT_EQ(lost[1], std::vector<std::string>{"I. CHỈ ĐẠO ĐIỀU HÀNH CCHC"});
    EXPECT_EQ(tables[2]->rows[1][0].span, 5);
    EXPECT_TRUE(tables[2]->rows[1][0].paragraphs[0].runs[0].bold);

    plan.signer.mode = SignerMode::kOnBehalf;
    plan.signer.name = "Nguyễn Hữu Hiến";
    plan.date = CivilDate{2024, 2, 9};
    const DocxDocument on_behalf = PlanDocument(plan, LaKhe(), LaKhe2023(), {});
    EXPECT_EQ(CellTexts(*Tables(on_behalf)[3])[0][1], "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH|Nguyễn Hữu Hiến");
    EXPECT_NE(CellTexts(*Tables(on_behalf)[0])[0][1].find("ngày 09 tháng 02 năm 2024"), std::string::npos);

    // III appears with the results so far.
    bool section_three = false;
    for (const DocxBlock& block : document.body) {
        if (const auto* paragraph = std::get_if<DocxParagraph>(&block)) {
            if (!paragraph->runs.empty() && paragraph->runs[0].text == "III. ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC CCHC NĂM 2024") {
                section_three = true;
            }
        }
    }
    EXPECT_TRUE(section_three);
}

TEST(PlanDocument, NotComparableAndMissingFigures) {
    UnitResult results = LaKhe2023();
    results.display_decimals = 1;
    results.areas[0].change.reset();
    results.areas[0].change_status = ChangeStatus::kNotComparable;
    results.areas[1].change.reset();
    results.areas[1].change_status = ChangeStatus::kNone;
    const DocxDocument document = PlanDocument(LaKhePlan(), LaKhe(), results, {});
    const auto tables = Tables(document);
    const auto areas = CellTexts(*tables[1]);
    EXPECT_EQ(areas[1], (std::vector<std::string>{"1", "Chỉ đạo điều hành CCHC", "17,3/20", "Không so sánh được"}));
    EXPECT_EQ(areas[2][3], "—");
    EXPECT_EQ(areas[4],
              (std::vector<std::string>{"4", "Nâng cao chất lượng đội ngũ cán bộ, công chức", "8,7/10", "+1,7"}));
    EXPECT_EQ(areas.back(), (std::vector<std::string>{"CHỈ SỐ CCHC", "90/100", "+5,6"}));
}

TEST(TaskAnnex, ReadsBackRowByRow) {
    const std::string path = (TempDir("task_annex") / "phu-luc.xlsx").string();
    auto written = WriteTaskAnnexXlsx(LaKhePlan(), LaKhe(), LaKheTasks(), path);
    ASSERT_TRUE(written.Ok()) << Describe(written.GetError());
    auto table = ReadXlsx(path, "phu-luc.xlsx");
    ASSERT_TRUE(table.Ok()) << Describe(table.GetError());
    EXPECT_EQ(table->sheet, "Phụ lục");
    EXPECT_EQ(table->headers,
              (std::vector<std::string>{"TT", "Nhiệm vụ", "Tiêu chí", "Bộ phận chủ trì", "Công chức phụ trách",
                                        "Phối hợp", "Thời hạn", "Tần suất", "Sản phẩm", "Trạng thái", "Tiến độ (%)"}));
    const std::vector<std::vector<std::string>> expected = {
        {"1", "Đăng ký sáng kiến CCHC", "1.6", "Văn phòng – Thống kê", "", "", "30/11/2024", "Một lần",
         "Sáng kiến được công nhận", "Hoàn thành", "100"},
        {"2", "Công khai dự toán ngân sách", "1.9", "Tài chính – Kế toán", "", "", "15/01/2024", "Hằng tháng", "",
         "Chưa thực hiện", "0"},
        {"3", "Rà soát, theo dõi thi hành pháp luật", "2.3", "Tư pháp – Hộ tịch", "tuphap.lakhe",
         "Đoàn thanh niên phường; Hội Phụ nữ phường", "", "Hằng quý", "Báo cáo quý", "Đang thực hiện", "50"},
        {"4", "Số hóa kết quả giải quyết TTHC", "6.7", "Văn hóa – Xã hội", "", "", "", "Thường xuyên", "",
         "Chưa thực hiện", "0"},
    };
    ASSERT_EQ(table->rows.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        std::vector<std::string> cells = table->rows[i].cells;
        cells.resize(expected[i].size());
        EXPECT_EQ(cells, expected[i]) << "row " << i + 1;
        EXPECT_EQ(table->rows[i].line, static_cast<std::int64_t>(i + 2));
    }
}

TEST(TaskAnnex, MissingFolderIsAnError) {
    auto written = WriteTaskAnnexXlsx(LaKhePlan(), LaKhe(), LaKheTasks(), "/nonexistent-folder/phu-luc.xlsx");
    ASSERT_FALSE(written.Ok());
    EXPECT_EQ(written.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(written.GetError().details.at(0).file, "/nonexistent-folder/phu-luc.xlsx");
}

TEST(ProgressReport, LibreOfficeShowsTheSummaryAndRows) {
    Plan plan = LaKhePlan();
    plan.number = "46";
    plan.date = CivilDate{2024, 2, 27};
    PlanView view;
    view.plan = plan;
    for (const PlanTask& task : LaKheTasks()) {
        TaskView item;
        item.task = task;
        view.tasks.push_back(item);
    }
    // Task 2 (monthly) is overdue for June; task 3 has an update.
    view.tasks[2].due = {DueState::kOverdue, CivilDate{2024, 6, 15}, -3};
    TaskUpdate update;
    update.task_id = 3;
    update.at = std::chrono::sys_days{std::chrono::year{2024} / 6 / 10} + std::chrono::hours{3};
    update.username = "tuphap.lakhe";
    update.status = TaskStatus::kInProgress;
    update.progress = 50;
    update.note = "Đã rà soát quý I";
    view.tasks[0].last_update = update;
    view.tasks[0].due = {DueState::kDueSoon, CivilDate{2024, 6, 30}, 12};

    PlanProgress progress;
    progress.tasks = 4;
    progress.done = 1;
    progress.overdue = 1;
    progress.mean_progress = 38;
    progress.by_department = {{"vp-tk", "Văn phòng – Thống kê", 1, 1, 0, 100},
                              {"tc-kt", "Tài chính – Kế toán", 1, 0, 1, 0},
                              {"tp-ht", "Tư pháp – Hộ tịch", 1, 0, 0, 50},
                              {"vh-xh", "Văn hóa – Xã hội", 1, 0, 0, 0}};
    progress.by_criterion = {{"1.6", "Sáng kiến CCHC", 1, 1, 0, 100},
                             {"2.3", "Theo dõi thi hành pháp luật", 1, 0, 0, 50}};

    const DocxDocument document = ProgressReportDocument(plan, LaKhe(), view, progress, CivilDate{2024, 6, 18});
    auto bytes = WriteDocx(document);
    ASSERT_TRUE(bytes.Ok());
    const auto converted = DocxToPdfText(*bytes, TempDir("progress_report"), "bao-cao");
    ASSERT_TRUE(converted.ok) << converted.error;
    const std::string text = Words(converted);
    const std::string raw = Squeezed(converted.raw);
    const std::string& full = converted.text;

    for (const char* line : {"UBND QUẬN HÀ ĐÔNG", "Số: 46/BC-UBND", "La Khê, ngày 18 tháng 6 năm 2024", "BÁO CÁO",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}) {
        ExpectContains(text, line, full);
    }
    ExpectContains(raw, "(tính đến ngày 18/06/2024)", full);
    ExpectContains(raw, "Thực hiện Kế hoạch số 46/KH-UBND ngày 27/02/2024 của ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ", full);
    ExpectContains(raw, "- Tổng số nhiệm vụ: 4.", full);
    ExpectContains(raw, "- Đã hoàn thành: 1/4 nhiệm vụ (25%).", full);
    ExpectContains(raw, "- Quá hạn: 1 nhiệm vụ.", full);
    ExpectContains(raw, "- Tiến độ bình quân: 38%.", full);
    ExpectContains(raw, "TT Bộ phận chủ trì Số nhiệm vụ Hoàn thành Quá hạn Tiến độ bình quân", full);
    ExpectContains(raw, "1 Văn phòng – Thống kê 1 1 0 100%", full);
    ExpectContains(raw, "2 Tài chính – Kế toán 1 0 1 0%", full);
    ExpectContains(raw, "3 Tư pháp – Hộ tịch 1 0 0 50%", full);
    ExpectContains(raw, "2 2.3. Theo dõi thi hành pháp luật 1 0 0 50%", full);
    ExpectContains(raw, "1 Đăng ký sáng kiến CCHC Văn phòng – Thống kê 30/11/2024 Hoàn thành 100%", full);
    ExpectContains(raw,
                   "2 Công khai dự toán ngân sách Tài chính – Kế toán Hằng tháng (15/06/2024) Chưa thực hiện — "
                   "Quá hạn 0%",
                   full);
    ExpectContains(raw,
                   "3 Rà soát, theo dõi thi hành pháp luật Tư pháp – Hộ tịch Hằng quý (30/06/2024) Đang thực "
                   "hiện — Sắp đến hạn 50% 10/06/2024 Đã rà soát quý I",
                   full);
    ExpectContains(text, "Nguyễn Hữu Hiến", full);
}

}  // namespace
}  // namespace parindex
