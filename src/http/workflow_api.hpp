#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "domain/auth_service.hpp"
#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "domain/workflow.hpp"
#include "http/results_cache.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"

namespace parindex::http {

/// An evidence file as the vault stored it.
struct StoredEvidenceFile {
    std::string sha256;
    std::string content_type;  ///< Recognised from the bytes, never from the name alone.
    std::int64_t size = 0;
};

/// 201 with the stored file's sha256, content type and size (and its name when given): the answer of every evidence
/// upload.
Response EvidenceStored(const StoredEvidenceFile& stored, const std::string& file_name = {});

/// The evidence vault as the API sees it (wired in src/app to FileVault over DATA/files, since http does not
/// depend on storage).
struct EvidenceFiles {
    /// Checks size (20 MiB) and type and stores the bytes; kInvalidInput naming the file otherwise.
    std::function<Result<StoredEvidenceFile>(std::string_view bytes, const std::string& file_name)> put;
    /// The path of a stored file; kNotFound when absent.
    std::function<Result<std::string>(const std::string& sha256)> path_of;
};

/// What the workflow handlers work with; everything outlives the router.
struct WorkflowServices {
    SessionGate& sessions;    ///< The session check shared with the rest of the API.
    AuthStore& users;         ///< The audit log and the names of the users in it.
    Store& store;             ///< Units, groups, frameworks and assessments.
    WorkflowStore& workflow;  ///< Assignments, evidence, explanations and the loop's state.
    EvidenceFiles files;      ///< The evidence vault.
    ResultsCache& results;    ///< Invalidated after every successful write.
    const Clock& clock;
    /// GET /api/evidence/{sha256}?task=ID (a plan task's evidence, issue 4) is handed to this when set.
    std::function<Response(Request&, const Principal&)> task_evidence = nullptr;
};

/// Registers the assessment workflow routes (docs/api/openapi.yaml, tag "workflow"): a unit-year's assessment
/// view, open, assignment, self-scoring, evidence upload and download, approve, submit, withdraw, appraisal,
/// complete-appraisal, explanations, finalise, a group's publication and a unit's audit log. Every route needs
/// a session; every state-changing one needs X-CSRF-Token; every decision is the domain's (AssessmentWorkflow
/// and Authorize).
void RegisterWorkflowApi(Router& router, const WorkflowServices& services);

}  // namespace parindex::http
