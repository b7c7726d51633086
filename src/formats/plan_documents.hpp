#pragma once

#include <string>
#include <vector>

#include "domain/civil_date.hpp"
#include "domain/plan.hpp"
#include "domain/plan_service.hpp"
#include "domain/result.hpp"
#include "domain/results.hpp"
#include "domain/unit.hpp"
#include "formats/docx.hpp"

namespace parindex {

/// The plan as the official document a chairperson signs (Nghị định 30/2020 layout, as the seeds): the
/// two-column header (authority and issuer, number `Số: …/KH-UBND` | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập
/// - Tự do - Hạnh phúc, place and date), the centred title, the basis, I. MỤC ĐÍCH, YÊU CẦU, II. THỰC TRẠNG with
/// the area table (points/max, change against the previous year), the 3-year trend, strengths and weaknesses,
/// the lost-points table (criterion, points/max, cause, responsible department) and the causes, III. results
/// so far (when given), IV. GIẢI PHÁP, V. TỔ CHỨC THỰC HIỆN per department, the closing paragraph, Nơi nhận and
/// the signature block. Numbers with a decimal comma at the framework's display decimals.
DocxDocument PlanDocument(const Plan& plan, const Unit& unit, const UnitResult& results,
                          const std::vector<PlanTask>& tasks);

/// The progress report of a plan on `date`: the same header, a summary (tasks, done, overdue, mean progress),
/// progress by department and by criterion, and one row per task (status, progress, last update, due state).
DocxDocument ProgressReportDocument(const Plan& plan, const Unit& unit, const PlanView& view,
                                    const PlanProgress& progress, const CivilDate& date);

/// The task assignment annex (phụ lục phân công nhiệm vụ) as .xlsx: TT, task, criteria, lead department, lead
/// officer, cooperating, deadline (dd/mm/yyyy) or recurrence, expected output, status, progress. Values only.
Status WriteTaskAnnexXlsx(const Plan& plan, const Unit& unit, const std::vector<PlanTask>& tasks,
                          const std::string& path);

}  // namespace parindex
