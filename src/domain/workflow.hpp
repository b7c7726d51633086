#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/auth_store.hpp"
#include "domain/authorization.hpp"
#include "domain/clock.hpp"
#include "domain/decimal.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "domain/user.hpp"

namespace parindex {

/// A criterion of a unit's assessment given to a department (its officers self-score it).
struct Assignment {
    std::string unit_code;
    int year = 0;
    std::string node_code;
    std::string department_code;
};

/// An evidence file (tài liệu kiểm chứng) attached to a criterion; the bytes live content-addressed in the data
/// folder under their SHA-256, so the same file uploaded twice is stored once.
struct Evidence {
    std::string unit_code;
    int year = 0;
    std::string node_code;
    std::string sha256;
    std::string file_name;
    std::string content_type;
    std::int64_t size = 0;
    std::int64_t uploaded_by = 0;
    std::chrono::system_clock::time_point uploaded_at;
};

/// The unit's explanation or contest of an appraised score (giải trình), within the explanation window.
struct Explanation {
    std::string unit_code;
    int year = 0;
    std::string node_code;
    std::string text;
    std::int64_t by = 0;
    std::chrono::system_clock::time_point at;
};

/// Where an assessment is in the year's loop, beyond its status.
struct WorkflowState {
    std::string unit_code;
    int year = 0;
    std::optional<std::chrono::system_clock::time_point> approved_at;  ///< The leader approved the self scores.
    std::int64_t approved_by = 0;
    std::optional<std::chrono::system_clock::time_point> submitted_at;
    std::optional<std::chrono::system_clock::time_point> appraisal_started_at;  ///< First appraised score.
    std::optional<std::chrono::system_clock::time_point> explanation_deadline;  ///< Set when appraisal completes.
};

/// Storage port of the workflow's own records; implemented by the SQLite store beside Store and AuthStore.
class WorkflowStore {
  public:
    virtual ~WorkflowStore() = default;
    /// Replaces the assignment of a criterion (an empty department removes it).
    virtual Status SaveAssignment(const Assignment& assignment) = 0;
    /// A unit-year's assignments, by node code.
    virtual Result<std::vector<Assignment>> ListAssignments(const std::string& unit_code, int year) = 0;
    /// Adds an evidence record (the file itself is written by the caller before).
    virtual Status AddEvidence(const Evidence& evidence) = 0;
    /// A unit-year's evidence, optionally for one node.
    virtual Result<std::vector<Evidence>> ListEvidence(const std::string& unit_code, int year,
                                                       const std::string& node_code) = 0;
    /// Adds an explanation.
    virtual Status AddExplanation(const Explanation& explanation) = 0;
    /// A unit-year's explanations, oldest first.
    virtual Result<std::vector<Explanation>> ListExplanations(const std::string& unit_code, int year) = 0;
    /// The state of a unit-year (a default one when none is stored).
    virtual Result<WorkflowState> FindState(const std::string& unit_code, int year) = 0;
    /// Stores the state of a unit-year.
    virtual Status SaveState(const WorkflowState& state) = 0;
};

/// Settings of the loop (data, not code: a province sets its own window).
struct WorkflowSettings {
    std::chrono::seconds explanation_window{std::chrono::hours(24 * 7)};
};

/// A criterion claimed without its required evidence, flagged before submission.
struct EvidenceFlag {
    std::string node_code;
    std::string title;
    Decimal self;
    bool explained = false;  ///< An explanation was written; submission is then allowed.
};

/// The assessment-to-publication loop: assign → self-score with evidence → approve → submit (self scores lock)
/// → (withdraw before appraisal starts) → appraise each score with a reason → explain or contest within the
/// window → finalise → publish the peer group (frozen). Every step checks Authorize, checks the status, writes
/// the audit log with old → new values, and runs in one transaction.
class AssessmentWorkflow {
  public:
    AssessmentWorkflow(Store& store, WorkflowStore& workflow, AuthStore& audit, const Clock& clock,
                       WorkflowSettings settings = {});

    /// Opens a draft for a unit and year against the framework of its peer group that year (coordinator,
    /// appraiser or administrator); kConflict when one exists.
    Result<Assessment> Open(const Principal& who, const std::string& unit_code, int year);
    /// Gives a criterion to a department (coordinator).
    Status Assign(const Principal& who, const std::string& unit_code, int year, const std::string& node_code,
                  const std::string& department_code);
    /// Sets a leaf criterion's self score and explanation (coordinator, or the officer of the assigned
    /// department) while the assessment is a draft; clears the leader's approval.
    Status SetSelfScore(const Principal& who, const std::string& unit_code, int year, const std::string& node_code,
                        std::optional<Decimal> self, const std::string& explanation);
    /// Records an evidence file already stored under its SHA-256.
    Status AttachEvidence(const Principal& who, const Evidence& evidence);
    /// Criteria whose framework node requires evidence, with a self score above zero and no evidence.
    Result<std::vector<EvidenceFlag>> EvidenceFlags(const Principal& who, const std::string& unit_code, int year);
    /// The leader approves the current self scores.
    Status Approve(const Principal& who, const std::string& unit_code, int year);
    /// Submits an approved draft; refused while a flagged criterion has no explanation.
    Status Submit(const Principal& who, const std::string& unit_code, int year);
    /// Takes a submission back to draft before the appraiser has scored anything.
    Status Withdraw(const Principal& who, const std::string& unit_code, int year);
    /// Accepts (appraised = self) or adjusts a criterion's score; an adjustment needs a reason.
    Status Appraise(const Principal& who, const std::string& unit_code, int year, const std::string& node_code,
                    Decimal appraised, const std::string& reason);
    /// Ends the appraisal (every scored leaf appraised): status appraised, the explanation window opens.
    Status CompleteAppraisal(const Principal& who, const std::string& unit_code, int year);
    /// The unit explains or contests a criterion within the window.
    Status Explain(const Principal& who, const std::string& unit_code, int year, const std::string& node_code,
                   const std::string& text);
    /// Closes the loop: status final.
    Status Finalise(const Principal& who, const std::string& unit_code, int year);
    /// Publishes a peer group's year: every member's assessment must be final; all become published (frozen).
    Status Publish(const Principal& who, const std::string& group_code, int year);

  private:
    Result<Assessment> Load(const std::string& unit_code, int year);
    /// Loads the unit-year's assessment after Authorize allows `action` (for a criterion's self-scoring, with the
    /// department the criterion is assigned to).
    Result<Assessment> Begin(const Principal& who, Action action, const std::string& unit_code, int year,
                             const std::string& node_code = {});
    Result<std::vector<std::string>> GroupsOf(const std::string& unit_code, int year);
    Status Audit(const Principal& who, const std::string& action, const std::string& unit_code, int year,
                 const std::string& node_code, const std::string& field, const std::string& old_value,
                 const std::string& new_value);

    Store& store_;
    WorkflowStore& workflow_;
    AuthStore& audit_;
    const Clock& clock_;
    WorkflowSettings settings_;
};

}  // namespace parindex
