#include "domain/authorization.hpp"

#include <algorithm>
#include <string>

namespace parindex {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
    return !value.empty() && std::find(list.begin(), list.end(), value) != list.end();
}

bool SharesAny(const std::vector<std::string>& left, const std::vector<std::string>& right) {
    return std::any_of(left.begin(), left.end(), [&](const std::string& item) { return Contains(right, item); });
}

/// The principal's own unit is the target's unit.
bool OwnUnit(const Principal& who, const Target& target) {
    return !who.unit_code.empty() && who.unit_code == target.unit_code;
}

/// The target lies in one of an appraiser's peer groups: its group, or a group its unit belongs to.
bool InAppraiserGroups(const Principal& who, const Target& target) {
    return Contains(who.group_codes, target.group_code) || SharesAny(who.group_codes, target.unit_groups);
}

/// The target's ranking is one the principal's unit is ranked in.
bool RankingOfOwnUnit(const Principal& who, const Target& target) {
    if (who.unit_code.empty()) return false;
    if (Contains(target.group_members, who.unit_code)) return true;
    if (!OwnUnit(who, target)) return false;
    return target.group_code.empty() ? !target.unit_groups.empty() : Contains(target.unit_groups, target.group_code);
}

bool Allowed(const Principal& who, Action action, const Target& target) {
    if (who.role == Role::kAdministrator) return true;
    // Frameworks are public documents, and published results and ranks are public.
    if (action == Action::kReadFramework) return true;
    if (target.published && (action == Action::kReadResults || action == Action::kReadRanking)) return true;

    switch (who.role) {
        case Role::kAdministrator:
            return true;
        case Role::kAppraiser:
            switch (action) {
                case Action::kReadResults:
                case Action::kReadRanking:
                case Action::kAppraise:
                case Action::kFinalise:
                case Action::kPublish:
                case Action::kReadAudit:
                case Action::kReadPlan:
                case Action::kReadDossiers:
                case Action::kEditTargets:
                    return InAppraiserGroups(who, target);
                case Action::kEditRules:
                    return true;
                default:
                    return false;
            }
        case Role::kCoordinator:
            switch (action) {
                case Action::kReadResults:
                case Action::kSelfScore:
                case Action::kAssignCriteria:
                case Action::kSubmit:
                case Action::kWithdraw:
                case Action::kExplain:
                case Action::kReadAudit:
                case Action::kReadPlan:
                case Action::kEditPlan:
                case Action::kUpdateTask:
                case Action::kReadDossiers:
                case Action::kImportDossiers:
                case Action::kEditTargets:
                    return OwnUnit(who, target);
                case Action::kReadRanking:
                    return RankingOfOwnUnit(who, target);
                default:
                    return false;
            }
        case Role::kDepartmentOfficer:
            switch (action) {
                case Action::kReadResults:
                    return OwnUnit(who, target);
                case Action::kSelfScore:
                    return OwnUnit(who, target) && !who.department_code.empty() &&
                           who.department_code == target.criterion_department;
                case Action::kReadPlan:
                case Action::kReadDossiers:
                    return OwnUnit(who, target);
                case Action::kUpdateTask:
                    return OwnUnit(who, target) &&
                           ((!who.department_code.empty() && who.department_code == target.criterion_department) ||
                            (!target.lead_user.empty() && who.username == target.lead_user));
                default:
                    return false;
            }
        case Role::kLeader:
            switch (action) {
                case Action::kReadResults:
                case Action::kApprove:
                case Action::kReadAudit:
                case Action::kReadPlan:
                case Action::kEditPlan:
                case Action::kIssuePlan:
                case Action::kUpdateTask:
                case Action::kReadDossiers:
                case Action::kEditTargets:
                    return OwnUnit(who, target);
                case Action::kReadRanking:
                    return RankingOfOwnUnit(who, target);
                default:
                    return false;
            }
        case Role::kViewer:
            switch (action) {
                case Action::kReadResults:
                case Action::kReadPlan:
                case Action::kReadDossiers:
                    return OwnUnit(who, target);
                case Action::kReadRanking:
                    return RankingOfOwnUnit(who, target);
                default:
                    return false;
            }
    }
    return false;
}

/// What the action is, as a verb phrase in both languages.
Text Describe(Action action) {
    switch (action) {
        case Action::kReadResults:
            return {"xem kết quả", "read the results"};
        case Action::kReadRanking:
            return {"xem bảng xếp hạng", "read the ranking"};
        case Action::kReadFramework:
            return {"xem bộ chỉ số", "read the framework"};
        case Action::kSelfScore:
            return {"tự chấm điểm", "self-score"};
        case Action::kAssignCriteria:
            return {"phân công tiêu chí", "assign criteria"};
        case Action::kApprove:
            return {"phê duyệt bản tự đánh giá", "approve the self-assessment"};
        case Action::kSubmit:
            return {"nộp bản tự đánh giá", "submit the self-assessment"};
        case Action::kWithdraw:
            return {"rút bản tự đánh giá đã nộp", "withdraw the submission"};
        case Action::kAppraise:
            return {"thẩm định", "appraise"};
        case Action::kExplain:
            return {"giải trình", "explain"};
        case Action::kFinalise:
            return {"chốt kết quả thẩm định", "finalise the appraisal"};
        case Action::kPublish:
            return {"công bố kết quả", "publish the results"};
        case Action::kReadAudit:
            return {"xem nhật ký thay đổi", "read the audit log"};
        case Action::kAdminister:
            return {"quản trị hệ thống", "administer the system"};
        case Action::kReadPlan:
            return {"xem kế hoạch cải thiện chỉ số", "read the improvement plan"};
        case Action::kEditPlan:
            return {"soạn, sửa kế hoạch và phân công nhiệm vụ", "edit the plan and assign its tasks"};
        case Action::kIssuePlan:
            return {"ban hành kế hoạch", "issue the plan"};
        case Action::kUpdateTask:
            return {"cập nhật tiến độ nhiệm vụ", "update the task's progress"};
        case Action::kReadDossiers:
            return {"xem số liệu hồ sơ TTHC", "read the dossier statistics"};
        case Action::kImportDossiers:
            return {"nhập dữ liệu hồ sơ TTHC", "import dossiers"};
        case Action::kEditTargets:
            return {"đặt chỉ tiêu và nhập số liệu thực hiện", "set KPI targets and enter actuals"};
        case Action::kEditRules:
            return {"sửa quy tắc thống kê, danh mục chỉ tiêu và quy tắc chấm điểm",
                    "edit the statistics, KPI and scoring rules"};
    }
    return {"thực hiện thao tác này", "do this"};
}

/// The role as a person reads it.
Text RoleLabel(Role role) {
    switch (role) {
        case Role::kAdministrator:
            return {"quản trị viên", "administrator"};
        case Role::kAppraiser:
            return {"cán bộ thẩm định", "appraiser"};
        case Role::kCoordinator:
            return {"đầu mối đơn vị", "unit coordinator"};
        case Role::kDepartmentOfficer:
            return {"cán bộ phụ trách", "department officer"};
        case Role::kLeader:
            return {"lãnh đạo đơn vị", "unit leader"};
        case Role::kViewer:
            return {"người xem", "viewer"};
    }
    return {"người dùng", "user"};
}

}  // namespace

Status Authorize(const Principal& who, Action action, const Target& target) {
    if (Allowed(who, action, target)) return OkStatus();
    const Text what = Describe(action);
    const Text role = RoleLabel(who.role);
    std::string where_vi;
    std::string where_en;
    if (!target.unit_code.empty()) {
        where_vi = " của đơn vị “" + target.unit_code + "”";
        where_en = " for the unit “" + target.unit_code + "”";
    } else if (!target.group_code.empty()) {
        where_vi = " của nhóm “" + target.group_code + "”";
        where_en = " for the group “" + target.group_code + "”";
    }
    ErrorDetail detail;
    detail.field = "action";
    detail.value = ActionName(action);
    detail.reason = Text{"vai trò " + std::string(RoleName(who.role)), "role " + std::string(RoleName(who.role))};
    return MakeError(ErrorCode::kForbidden,
                     "Tài khoản “" + who.username + "” (" + role.vi + ") không có quyền " + what.vi + where_vi,
                     "The account “" + who.username + "” (" + role.en + ") may not " + what.en + where_en,
                     {std::move(detail)});
}

Target UnitTarget(const std::string& unit_code, const std::vector<std::string>& groups,
                  const std::string& criterion_department) {
    Target target;
    target.unit_code = unit_code;
    target.unit_groups = groups;
    target.criterion_department = criterion_department;
    return target;
}

}  // namespace parindex
