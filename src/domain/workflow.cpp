#include "domain/workflow.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/authorization.hpp"

namespace parindex {
namespace {

Error Conflict(std::string vi, std::string en, std::vector<ErrorDetail> details = {}) {
    return MakeError(ErrorCode::kConflict, std::move(vi), std::move(en), std::move(details));
}

Error Invalid(const std::string& field, const std::string& value, std::string vi, std::string en) {
    ErrorDetail detail;
    detail.field = field;
    detail.value = value;
    detail.reason = Text{vi, en};
    return MakeError(ErrorCode::kInvalidInput, std::move(vi), std::move(en), {std::move(detail)});
}

std::string Show(const std::optional<Decimal>& value) { return value ? value->ToString() : ""; }

std::string Where(const std::string& unit_code, int year) { return unit_code + " " + std::to_string(year); }

/// What an action on a unit's assessment is about, by field name (Target grows; positions would drift).
const FrameworkNode* FindNode(const Framework& framework, const std::string& code) {
    for (const FrameworkNode& node : framework.nodes) {
        if (node.code == code) return &node;
    }
    return nullptr;
}

bool HasChildren(const Framework& framework, const std::string& code) {
    return std::any_of(framework.nodes.begin(), framework.nodes.end(),
                       [&](const FrameworkNode& node) { return node.parent_code == code; });
}

NodeScore& ScoreOf(Assessment& assessment, const std::string& code) {
    for (NodeScore& score : assessment.nodes) {
        if (score.code == code) return score;
    }
    NodeScore score;
    score.code = code;
    score.provenance = Provenance::kEntered;
    assessment.nodes.push_back(std::move(score));
    return assessment.nodes.back();
}

const NodeScore* FindScore(const Assessment& assessment, const std::string& code) {
    for (const NodeScore& score : assessment.nodes) {
        if (score.code == code) return &score;
    }
    return nullptr;
}

std::string StatusVi(AssessmentStatus status) {
    switch (status) {
        case AssessmentStatus::kDraft:
            return "đang tự chấm";
        case AssessmentStatus::kSubmitted:
            return "đã nộp";
        case AssessmentStatus::kAppraised:
            return "đã thẩm định";
        case AssessmentStatus::kFinal:
            return "đã chốt";
        case AssessmentStatus::kPublished:
            return "đã công bố";
    }
    return "";
}

Status WrongStatus(const Assessment& a, const std::string& needed_vi, const std::string& needed_en) {
    return Conflict("Bản đánh giá " + Where(a.unit_code, a.year) + " đang ở trạng thái \"" + StatusVi(a.status) +
                        "\"; thao tác này cần trạng thái " + needed_vi + ".",
                    "The assessment " + Where(a.unit_code, a.year) + " is " + AssessmentStatusName(a.status) +
                        "; this needs it to be " + needed_en + ".");
}

}  // namespace

AssessmentWorkflow::AssessmentWorkflow(Store& store, WorkflowStore& workflow, AuthStore& audit, const Clock& clock,
                                       WorkflowSettings settings)
    : store_(store), workflow_(workflow), audit_(audit), clock_(clock), settings_(settings) {}

Result<Assessment> AssessmentWorkflow::Load(const std::string& unit_code, int year) {
    auto found = store_.FindAssessment(unit_code, year);
    if (!found) return found.TakeError();
    if (!found->has_value()) {
        return MakeError(ErrorCode::kNotFound,
                         "Đơn vị " + unit_code + " chưa có bản đánh giá năm " + std::to_string(year),
                         "Unit " + unit_code + " has no assessment for " + std::to_string(year));
    }
    return std::move(**found);
}

Result<std::vector<std::string>> AssessmentWorkflow::GroupsOf(const std::string& unit_code, int year) {
    auto groups = store_.ListPeerGroups(year);
    if (!groups) return groups.TakeError();
    std::vector<std::string> codes;
    for (const PeerGroup& group : *groups) {
        for (const GroupMember& member : group.members) {
            if (member.unit_code == unit_code) codes.push_back(group.code);
        }
    }
    return codes;
}

Result<Assessment> AssessmentWorkflow::Begin(const Principal& who, Action action, const std::string& unit_code,
                                             int year, const std::string& node_code) {
    // The role is checked before the assessment is looked up, so that a refused caller cannot tell which
    // unit-years exist (403, never 404).
    auto groups = GroupsOf(unit_code, year);
    if (!groups) return groups.TakeError();
    std::string department;
    if (!node_code.empty()) {
        // Self-scoring a criterion is the business of the department it is assigned to.
        auto assignments = workflow_.ListAssignments(unit_code, year);
        if (!assignments) return assignments.TakeError();
        for (const Assignment& a : *assignments) {
            if (a.node_code == node_code) department = a.department_code;
        }
    }
    if (Status allowed = Authorize(who, action, UnitTarget(unit_code, *groups, department)); !allowed) {
        return allowed.TakeError();
    }
    return Load(unit_code, year);
}

Status AssessmentWorkflow::Audit(const Principal& who, const std::string& action, const std::string& unit_code,
                                 int year, const std::string& node_code, const std::string& field,
                                 const std::string& old_value, const std::string& new_value) {
    AuditEntry entry;
    entry.at = clock_.Now();
    entry.user_id = who.user_id;
    entry.username = who.username;
    entry.address = who.address;
    entry.action = action;
    entry.unit_code = unit_code;
    entry.year = year;
    entry.node_code = node_code;
    entry.field = field;
    entry.old_value = old_value;
    entry.new_value = new_value;
    return audit_.AppendAudit(entry);
}

Result<Assessment> AssessmentWorkflow::Open(const Principal& who, const std::string& unit_code, int year) {
    std::optional<Assessment> opened;
    Status status = store_.InTransaction([&]() -> Status {
        auto groups = store_.ListPeerGroups(year);
        if (!groups) return groups.TakeError();
        Target target = UnitTarget(unit_code, {});
        std::string framework_code;
        for (const PeerGroup& group : *groups) {
            for (const GroupMember& member : group.members) {
                if (member.unit_code != unit_code) continue;
                target.unit_groups.push_back(group.code);
                if (framework_code.empty()) framework_code = group.framework_code;
            }
        }
        const Action action = who.role == Role::kAppraiser ? Action::kAppraise : Action::kAssignCriteria;
        if (Status allowed = Authorize(who, action, target); !allowed) return allowed;
        auto existing = store_.FindAssessment(unit_code, year);
        if (!existing) return existing.TakeError();
        if (existing->has_value()) {
            return Conflict("Đơn vị " + unit_code + " đã có bản đánh giá năm " + std::to_string(year) + ".",
                            "Unit " + unit_code + " already has an assessment for " + std::to_string(year) + ".");
        }
        if (framework_code.empty()) {
            return MakeError(
                ErrorCode::kNotFound,
                "Đơn vị " + unit_code + " không thuộc nhóm so sánh nào có bộ chỉ số năm " + std::to_string(year) + ".",
                "Unit " + unit_code + " is in no peer group with a framework for " + std::to_string(year) + ".");
        }
        Assessment assessment;
        assessment.unit_code = unit_code;
        assessment.year = year;
        assessment.framework_code = framework_code;
        assessment.status = AssessmentStatus::kDraft;
        if (Status saved = store_.SaveAssessment(assessment); !saved) return saved;
        if (Status logged = Audit(who, "assessment.open", unit_code, year, "", "status", "", "draft"); !logged) {
            return logged;
        }
        opened = std::move(assessment);
        return OkStatus();
    });
    if (!status) return status.TakeError();
    return std::move(*opened);
}

Status AssessmentWorkflow::Assign(const Principal& who, const std::string& unit_code, int year,
                                  const std::string& node_code, const std::string& department_code) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kAssignCriteria, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kDraft) return WrongStatus(*assessment, "đang tự chấm", "draft");
        auto framework = store_.FindFramework(assessment->framework_code);
        if (!framework) return framework.TakeError();
        if (!framework->has_value() || FindNode(**framework, node_code) == nullptr) {
            return Invalid("node_code", node_code, "Tiêu chí \"" + node_code + "\" không có trong bộ chỉ số.",
                           "Criterion \"" + node_code + "\" is not in the framework.");
        }
        auto assignments = workflow_.ListAssignments(unit_code, year);
        if (!assignments) return assignments.TakeError();
        std::string old_department;
        for (const Assignment& a : *assignments) {
            if (a.node_code == node_code) old_department = a.department_code;
        }
        if (Status saved = workflow_.SaveAssignment(Assignment{unit_code, year, node_code, department_code}); !saved) {
            return saved;
        }
        return Audit(who, "criterion.assign", unit_code, year, node_code, "department", old_department,
                     department_code);
    });
}

Status AssessmentWorkflow::SetSelfScore(const Principal& who, const std::string& unit_code, int year,
                                        const std::string& node_code, std::optional<Decimal> self,
                                        const std::string& explanation) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kSelfScore, unit_code, year, node_code);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kDraft) {
            return Conflict("Bản đánh giá " + Where(unit_code, year) + " đã nộp: điểm tự chấm đã khóa.",
                            "The assessment " + Where(unit_code, year) + " was submitted: self scores are locked.");
        }
        auto framework = store_.FindFramework(assessment->framework_code);
        if (!framework) return framework.TakeError();
        const FrameworkNode* node = framework->has_value() ? FindNode(**framework, node_code) : nullptr;
        if (node == nullptr) {
            return Invalid("node_code", node_code, "Tiêu chí \"" + node_code + "\" không có trong bộ chỉ số.",
                           "Criterion \"" + node_code + "\" is not in the framework.");
        }
        if (node->max_only || HasChildren(**framework, node_code)) {
            return Invalid("node_code", node_code,
                           "Chỉ chấm điểm ở tiêu chí lá; \"" + node_code + "\" được cộng từ các tiêu chí con.",
                           "Only leaf criteria are scored; \"" + node_code + "\" is the sum of its children.");
        }
        if (self && (*self < Decimal() || (node->max && *self > *node->max))) {
            return Invalid(
                "self", self->ToString(),
                "Điểm tự chấm phải từ 0 đến " + Show(node->max) + " (điểm tối đa của \"" + node_code + "\").",
                "The self score must be between 0 and " + Show(node->max) + " (the maximum of \"" + node_code + "\").");
        }
        NodeScore& score = ScoreOf(*assessment, node_code);
        const std::string old_self = Show(score.self);
        const std::string old_explanation = score.explanation;
        score.self = self;
        score.explanation = explanation;
        score.provenance = Provenance::kEntered;
        if (Status saved = store_.SaveAssessment(*assessment); !saved) return saved;
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        if (state->approved_at) {
            // Changed scores need the leader's approval again.
            state->approved_at.reset();
            state->approved_by = 0;
            if (Status saved = workflow_.SaveState(*state); !saved) return saved;
        }
        if (old_self != Show(self)) {
            if (Status s = Audit(who, "score.self", unit_code, year, node_code, "self", old_self, Show(self)); !s)
                return s;
        }
        if (old_explanation != explanation) {
            return Audit(who, "score.explanation", unit_code, year, node_code, "explanation", old_explanation,
                         explanation);
        }
        return OkStatus();
    });
}

Status AssessmentWorkflow::AttachEvidence(const Principal& who, const Evidence& evidence) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kSelfScore, evidence.unit_code, evidence.year, evidence.node_code);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kDraft && assessment->status != AssessmentStatus::kAppraised) {
            return WrongStatus(*assessment, "đang tự chấm hoặc đang giải trình", "draft or appraised");
        }
        Evidence stored = evidence;
        stored.uploaded_by = who.user_id;
        stored.uploaded_at = clock_.Now();
        if (Status saved = workflow_.AddEvidence(stored); !saved) return saved;
        return Audit(who, "evidence.add", evidence.unit_code, evidence.year, evidence.node_code, "evidence", "",
                     evidence.file_name + " (" + evidence.sha256.substr(0, 12) + ")");
    });
}

Result<std::vector<EvidenceFlag>> AssessmentWorkflow::EvidenceFlags(const Principal& who, const std::string& unit_code,
                                                                    int year) {
    auto assessment = Begin(who, Action::kReadResults, unit_code, year);
    if (!assessment) return assessment.TakeError();
    auto framework = store_.FindFramework(assessment->framework_code);
    if (!framework) return framework.TakeError();
    auto evidence = workflow_.ListEvidence(unit_code, year, "");
    if (!evidence) return evidence.TakeError();
    std::set<std::string> with_evidence;
    for (const Evidence& e : *evidence) with_evidence.insert(e.node_code);
    std::vector<EvidenceFlag> flags;
    if (!framework->has_value()) return flags;
    for (const FrameworkNode& node : (*framework)->nodes) {
        if (!node.evidence_required || with_evidence.count(node.code) > 0) continue;
        const NodeScore* score = FindScore(*assessment, node.code);
        if (score == nullptr || !score->self || *score->self <= Decimal()) continue;
        flags.push_back(EvidenceFlag{node.code, node.title, *score->self, !score->explanation.empty()});
    }
    return flags;
}

Status AssessmentWorkflow::Approve(const Principal& who, const std::string& unit_code, int year) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kApprove, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kDraft) return WrongStatus(*assessment, "đang tự chấm", "draft");
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        state->unit_code = unit_code;
        state->year = year;
        state->approved_at = clock_.Now();
        state->approved_by = who.user_id;
        if (Status saved = workflow_.SaveState(*state); !saved) return saved;
        return Audit(who, "assessment.approve", unit_code, year, "", "approved", "", who.username);
    });
}

Status AssessmentWorkflow::Submit(const Principal& who, const std::string& unit_code, int year) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kSubmit, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kDraft) return WrongStatus(*assessment, "đang tự chấm", "draft");
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        if (!state->approved_at) {
            return Conflict("Lãnh đạo UBND chưa phê duyệt điểm tự chấm hiện tại; cần phê duyệt trước khi nộp.",
                            "The leader has not approved the current self scores; approval comes before submission.");
        }
        auto flags = EvidenceFlags(who, unit_code, year);
        if (!flags) return flags.TakeError();
        std::vector<ErrorDetail> missing;
        for (const EvidenceFlag& flag : *flags) {
            if (flag.explained) continue;
            ErrorDetail detail;
            detail.path = flag.node_code;
            detail.field = "evidence";
            detail.value = flag.self.ToString();
            detail.reason = Text{"tiêu chí \"" + flag.node_code + "\" tự chấm " + flag.self.ToString() +
                                     " điểm nhưng chưa có tài liệu kiểm chứng (TLKC) hay giải trình",
                                 "criterion \"" + flag.node_code + "\" claims " + flag.self.ToString() +
                                     " points without evidence or an explanation"};
            missing.push_back(std::move(detail));
        }
        if (!missing.empty()) {
            const std::string count = std::to_string(missing.size());
            return Conflict("Có " + count + " tiêu chí tự chấm điểm mà thiếu tài liệu kiểm chứng và chưa giải trình.",
                            count + " criteria claim points without evidence or explanation.", std::move(missing));
        }
        assessment->status = AssessmentStatus::kSubmitted;
        if (Status saved = store_.SaveAssessment(*assessment); !saved) return saved;
        state->unit_code = unit_code;
        state->year = year;
        state->submitted_at = clock_.Now();
        if (Status saved = workflow_.SaveState(*state); !saved) return saved;
        return Audit(who, "assessment.submit", unit_code, year, "", "status", "draft", "submitted");
    });
}

Status AssessmentWorkflow::Withdraw(const Principal& who, const std::string& unit_code, int year) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kWithdraw, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kSubmitted) return WrongStatus(*assessment, "đã nộp", "submitted");
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        if (state->appraisal_started_at) {
            return Conflict("Cơ quan thẩm định đã bắt đầu chấm; không thể rút lại bản đã nộp.",
                            "Appraisal has started; the submission can no longer be withdrawn.");
        }
        assessment->status = AssessmentStatus::kDraft;
        if (Status saved = store_.SaveAssessment(*assessment); !saved) return saved;
        state->submitted_at.reset();
        state->approved_at.reset();
        state->approved_by = 0;
        if (Status saved = workflow_.SaveState(*state); !saved) return saved;
        return Audit(who, "assessment.withdraw", unit_code, year, "", "status", "submitted", "draft");
    });
}

Status AssessmentWorkflow::Appraise(const Principal& who, const std::string& unit_code, int year,
                                    const std::string& node_code, Decimal appraised, const std::string& reason) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kAppraise, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kSubmitted && assessment->status != AssessmentStatus::kAppraised) {
            return WrongStatus(*assessment, "đã nộp hoặc đang giải trình", "submitted or appraised");
        }
        auto framework = store_.FindFramework(assessment->framework_code);
        if (!framework) return framework.TakeError();
        const FrameworkNode* node = framework->has_value() ? FindNode(**framework, node_code) : nullptr;
        if (node == nullptr || node->max_only || HasChildren(**framework, node_code)) {
            return Invalid("node_code", node_code, "Chỉ thẩm định ở tiêu chí lá có trong bộ chỉ số.",
                           "Only leaf criteria of the framework are appraised.");
        }
        if (appraised < Decimal() || (node->max && appraised > *node->max)) {
            return Invalid("appraised", appraised.ToString(), "Điểm thẩm định phải từ 0 đến " + Show(node->max) + ".",
                           "The appraised score must be between 0 and " + Show(node->max) + ".");
        }
        NodeScore& score = ScoreOf(*assessment, node_code);
        const bool adjusted = !score.self || *score.self != appraised;
        if (adjusted && reason.empty()) {
            return Invalid("reason", "", "Điều chỉnh điểm tự chấm cần ghi lý do.",
                           "Adjusting a self score needs a reason.");
        }
        const std::string old_value = Show(score.appraised);
        score.appraised = appraised;
        score.reason = reason;
        score.provenance = Provenance::kEntered;
        if (Status saved = store_.SaveAssessment(*assessment); !saved) return saved;
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        if (!state->appraisal_started_at) {
            state->unit_code = unit_code;
            state->year = year;
            state->appraisal_started_at = clock_.Now();
            if (Status saved = workflow_.SaveState(*state); !saved) return saved;
        }
        return Audit(who, adjusted ? "score.adjust" : "score.accept", unit_code, year, node_code, "appraised",
                     old_value, appraised.ToString() + (reason.empty() ? "" : " (" + reason + ")"));
    });
}

Status AssessmentWorkflow::CompleteAppraisal(const Principal& who, const std::string& unit_code, int year) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kAppraise, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kSubmitted) return WrongStatus(*assessment, "đã nộp", "submitted");
        std::vector<ErrorDetail> open;
        for (const NodeScore& score : assessment->nodes) {
            if (!score.self || score.appraised) continue;
            ErrorDetail detail;
            detail.path = score.code;
            detail.field = "appraised";
            detail.reason = Text{"tiêu chí \"" + score.code + "\" chưa được thẩm định",
                                 "criterion \"" + score.code + "\" is not appraised yet"};
            open.push_back(std::move(detail));
        }
        if (!open.empty()) {
            const std::string count = std::to_string(open.size());
            return Conflict("Còn " + count + " tiêu chí chưa thẩm định.", count + " criteria are not appraised yet.",
                            std::move(open));
        }
        assessment->status = AssessmentStatus::kAppraised;
        if (Status saved = store_.SaveAssessment(*assessment); !saved) return saved;
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        state->unit_code = unit_code;
        state->year = year;
        state->explanation_deadline = clock_.Now() + settings_.explanation_window;
        if (Status saved = workflow_.SaveState(*state); !saved) return saved;
        return Audit(who, "assessment.appraised", unit_code, year, "", "status", "submitted", "appraised");
    });
}

Status AssessmentWorkflow::Explain(const Principal& who, const std::string& unit_code, int year,
                                   const std::string& node_code, const std::string& text) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kExplain, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kAppraised) {
            return WrongStatus(*assessment, "đã thẩm định (đang giải trình)", "appraised");
        }
        auto state = workflow_.FindState(unit_code, year);
        if (!state) return state.TakeError();
        if (state->explanation_deadline && clock_.Now() > *state->explanation_deadline) {
            return Conflict("Đã hết thời hạn giải trình.", "The explanation window has closed.");
        }
        if (text.empty()) {
            return Invalid("text", "", "Nội dung giải trình không được để trống.", "The explanation is empty.");
        }
        if (FindScore(*assessment, node_code) == nullptr) {
            return Invalid("node_code", node_code, "Tiêu chí \"" + node_code + "\" chưa có điểm để giải trình.",
                           "Criterion \"" + node_code + "\" has no score to explain.");
        }
        if (Status saved =
                workflow_.AddExplanation(Explanation{unit_code, year, node_code, text, who.user_id, clock_.Now()});
            !saved) {
            return saved;
        }
        return Audit(who, "score.explain", unit_code, year, node_code, "explanation", "", text);
    });
}

Status AssessmentWorkflow::Finalise(const Principal& who, const std::string& unit_code, int year) {
    return store_.InTransaction([&]() -> Status {
        auto assessment = Begin(who, Action::kFinalise, unit_code, year);
        if (!assessment) return assessment.TakeError();
        if (assessment->status != AssessmentStatus::kAppraised) {
            return WrongStatus(*assessment, "đã thẩm định", "appraised");
        }
        assessment->status = AssessmentStatus::kFinal;
        if (Status saved = store_.SaveAssessment(*assessment); !saved) return saved;
        return Audit(who, "assessment.finalise", unit_code, year, "", "status", "appraised", "final");
    });
}

Status AssessmentWorkflow::Publish(const Principal& who, const std::string& group_code, int year) {
    return store_.InTransaction([&]() -> Status {
        auto group = store_.FindPeerGroup(group_code, year);
        if (!group) return group.TakeError();
        if (!group->has_value()) {
            return MakeError(ErrorCode::kNotFound, "Không có nhóm " + group_code + " năm " + std::to_string(year),
                             "No group " + group_code + " in " + std::to_string(year));
        }
        Target target;
        target.group_code = group_code;
        target.unit_groups = {group_code};
        if (Status allowed = Authorize(who, Action::kPublish, target); !allowed) return allowed;
        std::vector<Assessment> members;
        std::vector<ErrorDetail> not_final;
        for (const GroupMember& member : (*group)->members) {
            auto assessment = store_.FindAssessment(member.unit_code, year);
            if (!assessment) return assessment.TakeError();
            if (!assessment->has_value() || ((*assessment)->status != AssessmentStatus::kFinal &&
                                             (*assessment)->status != AssessmentStatus::kPublished)) {
                ErrorDetail detail;
                detail.path = member.unit_code;
                detail.field = "status";
                detail.value = assessment->has_value() ? AssessmentStatusName((*assessment)->status) : "";
                detail.reason = Text{"đơn vị \"" + member.unit_code + "\" chưa chốt kết quả",
                                     "unit \"" + member.unit_code + "\" is not final"};
                not_final.push_back(std::move(detail));
                continue;
            }
            members.push_back(std::move(**assessment));
        }
        if (!not_final.empty()) {
            const std::string count = std::to_string(not_final.size());
            return Conflict("Chưa thể công bố: " + count + " đơn vị chưa chốt kết quả.",
                            "Cannot publish: " + count + " units are not final.", std::move(not_final));
        }
        for (Assessment& assessment : members) {
            if (assessment.status == AssessmentStatus::kPublished) continue;
            assessment.status = AssessmentStatus::kPublished;
            if (Status saved = store_.SaveAssessment(assessment); !saved) return saved;
            if (Status s =
                    Audit(who, "assessment.publish", assessment.unit_code, year, "", "status", "final", "published");
                !s) {
                return s;
            }
        }
        return OkStatus();
    });
}

}  // namespace parindex
