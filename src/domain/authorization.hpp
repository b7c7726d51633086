#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/user.hpp"

namespace parindex {

/// Everything a principal can ask to do; handlers never decide, services call Authorize.
enum class Action {
    kReadResults,     ///< A unit's results (dashboard).
    kReadRanking,     ///< A peer group's ranking.
    kReadFramework,   ///< Browse frameworks.
    kSelfScore,       ///< Self-score a criterion, explain it, upload evidence.
    kAssignCriteria,  ///< Assign criteria to department officers.
    kApprove,         ///< The leader approves the unit's self-assessment.
    kSubmit,          ///< Submit the approved self-assessment (locks self scores).
    kWithdraw,        ///< Withdraw a submission before appraisal starts.
    kAppraise,        ///< Accept or adjust a self score with a reason.
    kExplain,         ///< The unit explains or contests an adjustment.
    kFinalise,        ///< Close the explanation loop.
    kPublish,         ///< Publish (freeze) a peer group's results and ranks.
    kReadAudit,       ///< Read a unit's audit history.
    kAdminister,      ///< Users, units, groups, frameworks, imports.
    kReadPlan,        ///< Read a unit's improvement plan, its tasks and their updates.
    kEditPlan,        ///< Draft and edit the plan and its tasks (assignment).
    kIssuePlan,       ///< Issue (ban hành) the plan: it is signed and frozen.
    kUpdateTask,      ///< Report progress on a task of the plan.
    kReadDossiers,    ///< A unit's dossier statistics and the dossiers behind them.
    kImportDossiers,  ///< Import a one-stop-shop export of a unit's dossiers (and keep its column mappings).
    kEditTargets,     ///< Set a unit's KPI targets for a year and enter manual actuals with evidence.
    kEditRules,       ///< Edit the shared rules: dossier definition sets, the KPI catalogue, criteria's KPI rules.
};

/// Every action, in the order of the enumeration (for tables and tests).
inline constexpr Action kAllActions[] = {
    Action::kReadResults, Action::kReadRanking, Action::kReadFramework, Action::kSelfScore,    Action::kAssignCriteria,
    Action::kApprove,     Action::kSubmit,      Action::kWithdraw,      Action::kAppraise,     Action::kExplain,
    Action::kFinalise,    Action::kPublish,     Action::kReadAudit,     Action::kAdminister,   Action::kReadPlan,
    Action::kEditPlan,    Action::kIssuePlan,   Action::kUpdateTask,    Action::kReadDossiers, Action::kImportDossiers,
    Action::kEditTargets, Action::kEditRules};

/// "read_results", "self_score", ... (for logs and the role test table).
const char* ActionName(Action action);
/// Reads an action name; nothing when unknown.
std::optional<Action> ParseAction(std::string_view name);

/// What an action is about.
struct Target {
    std::string unit_code;                   ///< The unit concerned (empty for group- or system-wide actions).
    std::vector<std::string> unit_groups;    ///< The peer groups the unit belongs to that year.
    std::string group_code;                  ///< The peer group concerned (ranking, publish).
    std::string criterion_department;        ///< The department the criterion is assigned to (self-scoring), or
                                             ///< the lead department of a plan's task (update_task).
    bool published = false;                  ///< The results concerned are published (public).
    std::vector<std::string> group_members;  ///< For a group-wide action: the units in group_code that year.
    std::string lead_user;                   ///< The officer in charge of a plan's task (update_task).
};

/// A target about one unit (and, for self-scoring, the department its criterion is assigned to).
Target UnitTarget(const std::string& unit_code, const std::vector<std::string>& groups,
                  const std::string& criterion_department = {});

/// Decides whether `who` may do `action` on `target`: Ok, or kForbidden with a message saying why (Vietnamese
/// and English). The rules per role:
/// - administrator: everything;
/// - appraiser: read, appraise, finalise, publish and read the audit of units in its peer groups; read rankings
///   of its groups; no self-scoring;
/// - coordinator: everything of its own unit's self-assessment (self-score any criterion, assign, submit,
///   withdraw, explain, read audit and results); rankings of groups its unit is in;
/// - department officer: self-score the criteria assigned to its department in its unit; read its unit's
///   results;
/// - leader: approve, read results and audit of its unit; rankings of groups its unit is in;
/// - viewer: read its unit's results, or any published results and rankings.
/// Plans (issue 4): read_plan for the administrator, an appraiser of the unit's groups, and the coordinator,
/// leader, officers and viewers of the unit; edit_plan for the coordinator and the leader of the unit;
/// issue_plan for the leader; update_task for the coordinator and the leader, and for an officer of the unit
/// whose department is the task's lead department (`criterion_department`) or who is its `lead_user`.
/// Everyone may read frameworks and published results and rankings. A ranking belongs to the units in it: a
/// unit's coordinator, leader or viewer may read it when their unit is in `group_members`, or when the target
/// names their unit with `group_code` among its `unit_groups`. An appraiser's groups are matched against
/// `group_code` and `unit_groups`.
Status Authorize(const Principal& who, Action action, const Target& target);

}  // namespace parindex
