#pragma once

#include <functional>
#include <optional>
#include <string>

#include "domain/auth_store.hpp"
#include "domain/civil_date.hpp"
#include "domain/clock.hpp"
#include "domain/plan_service.hpp"
#include "domain/plan_store.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "domain/user.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"
#include "http/workflow_api.hpp"

namespace parindex::http {

/// Which document of a plan to download.
enum class PlanFileKind {
    kPlan,      ///< The plan (Kế hoạch) as .docx.
    kAnnex,     ///< The task assignment annex as .xlsx.
    kProgress,  ///< The progress report on a date as .docx.
};

/// A plan document to make, as the download routes (and `parindex plan export`) name it.
struct PlanFileRequest {
    PlanFileKind kind = PlanFileKind::kPlan;
    std::string unit;
    int year = 0;
    CivilDate date;  ///< The progress report's date (kProgress only).
};

/// A made document.
struct PlanDownload {
    std::string file_name;  ///< e.g. `ke-hoach-lakhe-2024.docx`.
    std::string content_type;
    std::string bytes;
};

/// The plan documents as the API sees them (wired in src/app to the same builder `parindex plan export` uses, so
/// that both give the same bytes). `make` authorises through the PlanService (read_plan) and returns kNotFound
/// when there is no plan.
struct PlanFiles {
    std::function<Result<PlanDownload>(const Principal& who, const PlanFileRequest& what)> make;
};

/// What the plan handlers work with; everything outlives the router.
struct PlanApiServices {
    SessionGate& sessions;  ///< The session check shared with the rest of the API.
    PlanService& plans;     ///< Every decision (authorisation, validation, state) is the service's.
    PlanStore& plan_store;  ///< The email outbox (administrators) and task look-ups before a decision.
    Store& store;           ///< Units (departments), peer groups (an appraiser's scope) and transactions.
    AuthStore& users;       ///< Read-only: a unit's people, to choose a task's officer from.
    EvidenceFiles files;    ///< The evidence vault shared with the assessment workflow.
    PlanFiles documents;    ///< The plan, annex and progress report downloads.
    const Clock& clock;
};

/// What the caller may do with a plan now (the PlanView's "can").
struct PlanCan {
    bool edit = false;          ///< edit_plan, while a draft.
    bool issue = false;         ///< issue_plan, while a draft.
    bool update_tasks = false;  ///< update_task on at least one task.
};

/// The PlanView JSON (docs/api/openapi.yaml): {"plan","tasks","progress","can"}; `parindex plan draft --format
/// json` prints the same.
std::string PlanViewToJson(const PlanView& view, const PlanProgress& progress, const PlanCan& can);

/// Registers the plan routes (docs/api/openapi.yaml, tag "plans"): drafting, reading, saving and issuing a
/// unit-year's plan; creating, editing and removing tasks; dated updates with evidence; the caller's tasks, the
/// overdue list, notifications; the unit's people (to choose a task's officer); the plan, annex and progress report
/// downloads; the administrator's reminder run and email outbox. Every route needs a session; every state-changing one
/// needs X-CSRF-Token.
void RegisterPlanApi(Router& router, const PlanApiServices& services);

/// The download of a task update's evidence file, for GET /api/evidence/{sha256}?task=ID (the workflow's route
/// hands requests naming a task to it): the bytes when the caller may read the task's plan and one of the task's
/// updates lists the file; 404 otherwise, also when not allowed (the file's existence is not disclosed).
std::function<Response(Request&, const Principal&)> TaskEvidenceDownload(const PlanApiServices& services);

}  // namespace parindex::http
