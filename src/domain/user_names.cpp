#include <optional>
#include <string_view>

#include "domain/authorization.hpp"
#include "domain/user.hpp"

namespace parindex {

const char* RoleName(Role role) {
    switch (role) {
        case Role::kAdministrator:
            return "administrator";
        case Role::kAppraiser:
            return "appraiser";
        case Role::kCoordinator:
            return "coordinator";
        case Role::kDepartmentOfficer:
            return "officer";
        case Role::kLeader:
            return "leader";
        case Role::kViewer:
            return "viewer";
    }
    return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
    for (Role role : kAllRoles) {
        if (name == RoleName(role)) return role;
    }
    return std::nullopt;
}

const char* ActionName(Action action) {
    switch (action) {
        case Action::kReadResults:
            return "read_results";
        case Action::kReadRanking:
            return "read_ranking";
        case Action::kReadFramework:
            return "read_framework";
        case Action::kSelfScore:
            return "self_score";
        case Action::kAssignCriteria:
            return "assign_criteria";
        case Action::kApprove:
            return "approve";
        case Action::kSubmit:
            return "submit";
        case Action::kWithdraw:
            return "withdraw";
        case Action::kAppraise:
            return "appraise";
        case Action::kExplain:
            return "explain";
        case Action::kFinalise:
            return "finalise";
        case Action::kPublish:
            return "publish";
        case Action::kReadAudit:
            return "read_audit";
        case Action::kAdminister:
            return "administer";
        case Action::kReadPlan:
            return "read_plan";
        case Action::kEditPlan:
            return "edit_plan";
        case Action::kIssuePlan:
            return "issue_plan";
        case Action::kUpdateTask:
            return "update_task";
        case Action::kReadDossiers:
            return "read_dossiers";
        case Action::kImportDossiers:
            return "import_dossiers";
        case Action::kEditTargets:
            return "edit_targets";
        case Action::kEditRules:
            return "edit_rules";
    }
    return "administer";
}

std::optional<Action> ParseAction(std::string_view name) {
    for (Action action : kAllActions) {
        if (name == ActionName(action)) return action;
    }
    return std::nullopt;
}

}  // namespace parindex
