// DraftPlan on La Khê's 2023 results (seed 000 is the model) and the Vietnamese text helpers it uses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/plan_service.hpp"
#include "domain/vietnamese_text.hpp"
#include "plan_fakes.hpp"

namespace parindex {
namespace {

using testing::HaDong;
using testing::LaKhe;
using testing::LaKhe2023;

PlanInputs Inputs() {
    PlanInputs inputs;
    inputs.unit = LaKhe();
    inputs.parent = HaDong();
    inputs.results = LaKhe2023();
    return inputs;
}

const PlanTask& TaskOf(const PlanDraft& draft, const std::string& code) {
    for (const PlanTask& task : draft.tasks) {
        if (task.criteria.size() == 1 && task.criteria.front() == code) return task;
    }
    throw std::runtime_error("no task for " + code);
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(VietnameseTextTest, FoldsUppersAndLowersVietnameseLetters) {
    EXPECT_EQ(FoldVietnamese("Tư pháp – Hộ tịch"), "tu phap ho tich");
    EXPECT_EQ(FoldVietnamese("  Bộ phận TƯ PHÁP; "), "bo phan tu phap");
    EXPECT_EQ(FoldVietnamese("Đảng ủy"), "dang uy");
    // NFD input (combining marks) folds the same.
    EXPECT_EQ(FoldVietnamese("Tu\xcc\x9b pha\xcc\x81p"), "tu phap");
    EXPECT_EQ(UpperVietnamese("Phường La Khê"), "PHƯỜNG LA KHÊ");
    EXPECT_EQ(UpperVietnamese("Quận Hà Đông"), "QUẬN HÀ ĐÔNG");
    EXPECT_EQ(LowerFirstLetter("Quận Hà Đông"), "quận Hà Đông");
    EXPECT_EQ(LowerFirstLetter("Ủy ban"), "ủy ban");
}

TEST(DraftPlanTest, LaKhe2024HeaderTitleAndBasisNameTheUnitAndTheResultsYear) {
    const PlanDraft draft = DraftPlan(Inputs(), 2024);
    const Plan& plan = draft.plan;
    EXPECT_EQ(plan.unit_code, "lakhe");
    EXPECT_EQ(plan.year, 2024);
    EXPECT_EQ(plan.results_year, 2023);
    EXPECT_EQ(plan.authority, "UBND QUẬN HÀ ĐÔNG");
    EXPECT_EQ(plan.issuer, "ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ");
    EXPECT_EQ(plan.place, "La Khê");
    EXPECT_EQ(plan.number, "");
    EXPECT_EQ(plan.number_suffix, "KH-UBND");
    EXPECT_FALSE(plan.date.has_value());
    EXPECT_EQ(plan.status, PlanStatus::kDraft);
    EXPECT_EQ(plan.title,
              "Cải thiện, nâng cao Chỉ số cải cách hành chính, chỉ số hài lòng về sự phục vụ hành chính Phường La Khê "
              "năm 2024");
    ASSERT_EQ(plan.basis.size(), 2u);
    EXPECT_EQ(plan.basis[0],
              "Căn cứ kết quả Chỉ số cải cách hành chính năm 2023 của Phường La Khê được UBND Quận Hà Đông phê duyệt "
              "và công bố;");
    EXPECT_TRUE(Contains(plan.basis[1],
                         "UBND Phường La Khê ban hành Kế hoạch duy trì, cải thiện và nâng cao Chỉ số "
                         "CCHC năm 2024 như sau:"));
    ASSERT_EQ(plan.purposes.size(), 3u);
    EXPECT_EQ(plan.purposes[2],
              "Phấn đấu năm 2024, Chỉ số CCHC của Phường La Khê có sự cải thiện rõ rệt so với năm 2023 (năm 2023 đạt "
              "90,02/100 điểm, chỉ số 90,02%, xếp thứ 16/17).");
    ASSERT_EQ(plan.requirements.size(), 3u);
    EXPECT_TRUE(Contains(plan.requirements[2], "chỉ số SIPAS năm 2024 của Phường La Khê."));
    EXPECT_TRUE(plan.progress.empty());
    EXPECT_EQ(plan.recipients,
              (std::vector<std::string>{"Phòng Nội vụ quận Hà Đông;", "TT Đảng ủy – UBND phường La Khê;",
                                        "Các bộ phận chuyên môn;", "Lưu: VT."}));
    EXPECT_EQ(plan.signer.name, "");
    EXPECT_TRUE(Contains(plan.closing, "năm 2024 của Phường La Khê. Yêu cầu các bộ phận"));
}

TEST(DraftPlanTest, CausesAreTheDistinctCausesOfTheLostPointRows) {
    const PlanDraft draft = DraftPlan(Inputs(), 2024);
    EXPECT_EQ(draft.plan.causes, (std::vector<std::string>{"Sáng kiến không được công nhận (tiêu chí 1.6).",
                                                           "Có công chức bị kỷ luật (tiêu chí 4.1.2).",
                                                           "9 xuất sắc, 2 tốt (tiêu chí 4.1.4)."}));

    PlanInputs same_cause = Inputs();
    same_cause.results.lost_points[1].cause = "Sáng kiến không được công nhận.";  // 6.8, the same words
    EXPECT_EQ(DraftPlan(same_cause, 2024).plan.causes.front(), "Sáng kiến không được công nhận (tiêu chí 1.6, 6.8).");

    PlanInputs no_causes = Inputs();
    for (LostPoint& lost : no_causes.results.lost_points) lost.cause.clear();
    const PlanDraft generic = DraftPlan(no_causes, 2024);
    ASSERT_EQ(generic.plan.causes.size(), 1u);
    EXPECT_TRUE(Contains(generic.plan.causes[0], "một số bộ phận còn chưa tập trung thực hiện"));
}

TEST(DraftPlanTest, OneSolutionPerWeakAreaNamingItsLostCriteria) {
    const PlanDraft draft = DraftPlan(Inputs(), 2024);
    ASSERT_EQ(draft.plan.solutions.size(), 5u);  // Four weak areas, then the self-inspection line.
    EXPECT_EQ(draft.plan.solutions[2],
              "Tập trung cải thiện nội dung “Hiện đại hóa hành chính” (năm 2023 đạt 6,5/10 điểm, giảm 1,5 điểm so "
              "với năm 2022); khắc phục các tiêu chí bị trừ điểm: 6.8, 6.6, 6.7.");
    EXPECT_EQ(draft.plan.solutions[1],
              "Tập trung cải thiện nội dung “Quản lý tài chính” (năm 2023 đạt 6/6 điểm, giảm 1 điểm so với năm 2022).");
    EXPECT_TRUE(Contains(draft.plan.solutions[4], "tự kiểm tra công vụ"));
}

TEST(DraftPlanTest, OneTaskPerLostPointRowWithTheMatchedLeadDepartmentAndTheDefaultDeadline) {
    const PlanDraft draft = DraftPlan(Inputs(), 2024);
    ASSERT_EQ(draft.tasks.size(), 14u);
    const PlanTask& first = draft.tasks.front();
    EXPECT_EQ(first.id, 0);
    EXPECT_EQ(first.position, 1);
    EXPECT_EQ(first.unit_code, "lakhe");
    EXPECT_EQ(first.year, 2024);
    EXPECT_EQ(first.title,
              "Khắc phục tiêu chí 1.6 Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC, cải thiện "
              "các chỉ số PAR-Index, SIPAS, PAPI");
    EXPECT_EQ(first.criteria, (std::vector<std::string>{"1.6"}));
    EXPECT_EQ(first.cause, "Sáng kiến không được công nhận");
    EXPECT_EQ(first.recurrence, Recurrence::kOnce);
    ASSERT_TRUE(first.deadline.has_value());
    EXPECT_EQ(first.deadline->Vietnamese(), "30/11/2024");
    EXPECT_EQ(first.status, TaskStatus::kNotStarted);
    EXPECT_EQ(first.progress, 0);
    EXPECT_EQ(draft.tasks.back().position, 14);

    // "Các bộ phận" names no department: the coordinator's department (Văn phòng) leads, the text cooperates.
    EXPECT_EQ(first.lead_department, "vp-tk");
    EXPECT_EQ(first.cooperating, (std::vector<std::string>{"Các bộ phận"}));
    // A blank responsible: the coordinator's department, nothing cooperating.
    EXPECT_EQ(TaskOf(draft, "4.1.2").lead_department, "vp-tk");
    EXPECT_TRUE(TaskOf(draft, "4.1.2").cooperating.empty());
    // Folded names: "Bộ phận tư pháp" is Tư pháp – Hộ tịch; "Các bộ phận Tài chính – kế toán; …" is Tài chính.
    EXPECT_EQ(TaskOf(draft, "2.1").lead_department, "tp-ht");
    EXPECT_TRUE(TaskOf(draft, "2.1").cooperating.empty());
    EXPECT_EQ(TaskOf(draft, "2.3").lead_department, "tp-ht");
    EXPECT_EQ(TaskOf(draft, "1.9").lead_department, "tc-kt");
    EXPECT_EQ(TaskOf(draft, "1.u1").lead_department, "vp-tk");
    EXPECT_TRUE(TaskOf(draft, "1.u1").cooperating.empty());

    PlanSettings settings;
    settings.default_deadline_month = 9;
    EXPECT_EQ(DraftPlan(Inputs(), 2024, settings).tasks.front().deadline->Vietnamese(), "30/09/2024");
}

TEST(DraftPlanTest, ResponsibilitiesOnePerLeadDepartmentInTheUnitsOrder) {
    const PlanDraft draft = DraftPlan(Inputs(), 2024);
    const std::vector<DepartmentDuty>& duties = draft.plan.responsibilities;
    ASSERT_EQ(duties.size(), 3u);
    EXPECT_EQ(duties[0].department_code, "vp-tk");
    EXPECT_EQ(duties[0].heading, "Công chức Văn phòng – Thống kê");
    EXPECT_EQ(duties[1].department_code, "tp-ht");
    EXPECT_EQ(duties[1].heading, "Công chức Tư pháp – Hộ tịch");
    EXPECT_EQ(duties[2].department_code, "tc-kt");
    EXPECT_EQ(duties[2].heading, "Công chức Tài chính – Kế toán");
    // Văn phòng leads 11 tasks and coordinates; Tư pháp leads 2.1 and 2.3.
    EXPECT_EQ(duties[0].duties.size(), 12u);
    EXPECT_TRUE(Contains(duties[0].duties.back(), "theo dõi, đôn đốc các bộ phận thực hiện Kế hoạch"));
    ASSERT_EQ(duties[1].duties.size(), 2u);
    EXPECT_EQ(duties[1].duties[0],
              "Chủ trì tham mưu khắc phục tiêu chí 2.1 “Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của "
              "cấp trên” (năm 2023 đạt 0,75/1 điểm).");
    EXPECT_TRUE(Contains(duties[1].duties[1], "tiêu chí 2.3 “Theo dõi thi hành pháp luật” (năm 2023 đạt 0,25/0,5"));
    EXPECT_TRUE(Contains(duties[0].duties[0], "nguyên nhân: Sáng kiến không được công nhận"));
}

TEST(DraftPlanTest, WithoutAnOfficeDepartmentUnmatchedTasksStayUnassigned) {
    PlanInputs inputs = Inputs();
    inputs.unit.departments.erase(inputs.unit.departments.begin());  // No Văn phòng – Thống kê.
    inputs.parent.reset();
    const PlanDraft draft = DraftPlan(inputs, 2024);
    EXPECT_EQ(draft.plan.authority, "");
    EXPECT_EQ(draft.plan.recipients.front(), "TT Đảng ủy – UBND phường La Khê;");
    EXPECT_EQ(TaskOf(draft, "1.6").lead_department, "");
    EXPECT_EQ(TaskOf(draft, "1.u1").lead_department, "");  // "Bộ phận Văn phòng" names no department now.
    EXPECT_EQ(TaskOf(draft, "1.u1").cooperating, (std::vector<std::string>{"Bộ phận Văn phòng"}));
    ASSERT_FALSE(draft.plan.responsibilities.empty());
    EXPECT_EQ(draft.plan.responsibilities.back().department_code, "");
    EXPECT_EQ(draft.plan.responsibilities.back().heading, "Các bộ phận chuyên môn");
    EXPECT_EQ(draft.plan.responsibilities.back().duties.size(), 11u);  // 14 − 2 (Tư pháp) − 1 (Tài chính)
}

TEST(DraftPlanTest, TheCoordinatorsDepartmentLeadsWhenGiven) {
    PlanInputs inputs = Inputs();
    inputs.coordinator_department = "vh-xh";
    const PlanDraft draft = DraftPlan(inputs, 2024);
    EXPECT_EQ(TaskOf(draft, "1.6").lead_department, "vh-xh");
    EXPECT_EQ(TaskOf(draft, "1.u1").lead_department, "vp-tk");  // Named by its responsible text.
}

TEST(DraftPlanTest, LastYearsTaskOfTheSameCriterionSuppliesLeadAndSolution) {
    PlanInputs inputs = Inputs();
    PlanTask previous;
    previous.unit_code = "lakhe";
    previous.year = 2023;
    previous.criteria = {"2.1"};
    previous.lead_department = "vh-xh";
    previous.lead_user = "vanhoa.lakhe";
    previous.solution = "Rà soát văn bản hằng quý";
    previous.expected_output = "Báo cáo rà soát";
    inputs.previous_tasks.push_back(previous);
    PlanTask gone = previous;  // A department the unit no longer has: the matched one stays.
    gone.criteria = {"6.6"};
    gone.lead_department = "cu";
    gone.lead_user = "someone";
    gone.solution = "";
    inputs.previous_tasks.push_back(gone);
    const PlanDraft draft = DraftPlan(inputs, 2024);
    const PlanTask& task = TaskOf(draft, "2.1");
    EXPECT_EQ(task.lead_department, "vh-xh");
    EXPECT_EQ(task.lead_user, "vanhoa.lakhe");
    EXPECT_EQ(task.solution, "Rà soát văn bản hằng quý");
    EXPECT_EQ(task.expected_output, "Báo cáo rà soát");
    EXPECT_EQ(TaskOf(draft, "6.6").lead_department, "vp-tk");
    EXPECT_EQ(TaskOf(draft, "6.6").lead_user, "");
    EXPECT_EQ(TaskOf(draft, "6.8").solution, "");
}

}  // namespace
}  // namespace parindex
