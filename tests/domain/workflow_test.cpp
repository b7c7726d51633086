// The assessment-to-publication loop on in-memory fakes of the storage ports (the domain's own unit tests; the
// real SQLite store is exercised by the storage and API tests).
#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include "support/memory_auth.hpp"

#include <map>

namespace parindex {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

Decimal D(const char* text) { return *Decimal::Parse(text); }

/// Store in memory; transactions copy the state and restore it when the work fails.
class MemoryStore final : public Store {
  public:
    Status InTransaction(const std::function<Status()>& work) override {
        const auto saved_units = units_;
        const auto saved_groups = groups_;
        const auto saved_frameworks = frameworks_;
        const auto saved_assessments = assessments_;
        Status status = work();
        if (!status) {
            units_ = saved_units;
            groups_ = saved_groups;
            frameworks_ = saved_frameworks;
            assessments_ = saved_assessments;
        }
        return status;
    }
    Status SaveUnit(const Unit& unit) override {
        units_[unit.code] = unit;
        return OkStatus();
    }
    Result<std::optional<Unit>> FindUnit(const std::string& code) override {
        auto it = units_.find(code);
        return it == units_.end() ? std::optional<Unit>() : std::optional<Unit>(it->second);
    }
    Result<std::vector<Unit>> ListUnits() override {
        std::vector<Unit> all;
        for (const auto& [code, unit] : units_) all.push_back(unit);
        return all;
    }
    Status SavePeerGroup(const PeerGroup& group) override {
        groups_[{group.code, group.year}] = group;
        return OkStatus();
    }
    Result<std::optional<PeerGroup>> FindPeerGroup(const std::string& code, int year) override {
        auto it = groups_.find({code, year});
        return it == groups_.end() ? std::optional<PeerGroup>() : std::optional<PeerGroup>(it->second);
    }
    Result<std::vector<PeerGroup>> ListPeerGroups(std::optional<int> year) override {
        std::vector<PeerGroup> all;
        for (const auto& [key, group] : groups_) {
            if (!year || key.second == *year) all.push_back(group);
        }
        return all;
    }
    Status SaveFramework(const Framework& framework) override {
        frameworks_[framework.code] = framework;
        return OkStatus();
    }
    Result<std::optional<Framework>> FindFramework(const std::string& code) override {
        auto it = frameworks_.find(code);
        return it == frameworks_.end() ? std::optional<Framework>() : std::optional<Framework>(it->second);
    }
    Result<std::vector<Framework>> ListFrameworks() override {
        std::vector<Framework> all;
        for (const auto& [code, framework] : frameworks_) all.push_back(framework);
        return all;
    }
    Status SaveAssessment(const Assessment& assessment) override {
        assessments_[{assessment.unit_code, assessment.year}] = assessment;
        return OkStatus();
    }
    Result<std::optional<Assessment>> FindAssessment(const std::string& unit_code, int year) override {
        auto it = assessments_.find({unit_code, year});
        return it == assessments_.end() ? std::optional<Assessment>() : std::optional<Assessment>(it->second);
    }
    Result<std::vector<Assessment>> ListAssessments(int from_year, int to_year) override {
        std::vector<Assessment> all;
        for (const auto& [key, assessment] : assessments_) {
            if (key.second >= from_year && key.second <= to_year) all.push_back(assessment);
        }
        return all;
    }

  private:
    std::map<std::string, Unit> units_;
    std::map<std::pair<std::string, int>, PeerGroup> groups_;
    std::map<std::string, Framework> frameworks_;
    std::map<std::pair<std::string, int>, Assessment> assessments_;
};

class MemoryWorkflowStore final : public WorkflowStore {
  public:
    Status SaveAssignment(const Assignment& assignment) override {
        assignments[assignment.node_code] = assignment;
        return OkStatus();
    }
    Result<std::vector<Assignment>> ListAssignments(const std::string&, int) override {
        std::vector<Assignment> all;
        for (const auto& [code, a] : assignments) all.push_back(a);
        return all;
    }
    Status AddEvidence(const Evidence& e) override {
        evidence.push_back(e);
        return OkStatus();
    }
    Result<std::vector<Evidence>> ListEvidence(const std::string&, int, const std::string& node_code) override {
        std::vector<Evidence> out;
        for (const Evidence& e : evidence) {
            if (node_code.empty() || e.node_code == node_code) out.push_back(e);
        }
        return out;
    }
    Status AddExplanation(const Explanation& e) override {
        explanations.push_back(e);
        return OkStatus();
    }
    Result<std::vector<Explanation>> ListExplanations(const std::string&, int) override { return explanations; }
    Result<WorkflowState> FindState(const std::string& unit_code, int year) override {
        WorkflowState s = state;
        s.unit_code = unit_code;
        s.year = year;
        return s;
    }
    Status SaveState(const WorkflowState& s) override {
        state = s;
        return OkStatus();
    }

    std::map<std::string, Assignment> assignments;
    std::vector<Evidence> evidence;
    std::vector<Explanation> explanations;
    WorkflowState state;
};

Principal Person(std::int64_t id, const char* name, Role role, const char* unit = "", const char* department = "") {
    Principal p;
    p.user_id = id;
    p.username = name;
    p.role = role;
    p.unit_code = unit;
    p.department_code = department;
    p.address = "127.0.0.1";
    if (role == Role::kAppraiser) p.group_codes = {"nhom"};
    return p;
}

class WorkflowTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Framework framework;
        framework.code = "khung";
        framework.max = D("10");
        FrameworkNode area;
        area.code = "1";
        area.title = "Chỉ đạo điều hành";
        area.max = D("10");
        FrameworkNode plan;
        plan.code = "1.1";
        plan.parent_code = "1";
        plan.title = "Kế hoạch CCHC";
        plan.max = D("4");
        plan.evidence_required = true;
        FrameworkNode report;
        report.code = "1.2";
        report.parent_code = "1";
        report.title = "Báo cáo";
        report.max = D("6");
        framework.nodes = {area, plan, report};
        ASSERT_TRUE(store_.SaveFramework(framework));
        PeerGroup group;
        group.code = "nhom";
        group.year = 2024;
        group.framework_code = "khung";
        group.members = {GroupMember{"xa-a", true, {}}, GroupMember{"xa-b", true, {}}};
        ASSERT_TRUE(store_.SavePeerGroup(group));
    }

    Assessment Stored(const char* unit = "xa-a") { return **store_.FindAssessment(unit, 2024); }
    std::optional<Decimal> Self(const char* code) {
        for (const NodeScore& s : Stored().nodes) {
            if (s.code == code) return s.self;
        }
        return std::nullopt;
    }

    FixedClock clock_{system_clock::time_point(std::chrono::seconds(1714552200))};
    MemoryStore store_;
    MemoryWorkflowStore workflow_store_;
    testing::MemoryAuthStore audit_;
    AssessmentWorkflow workflow_{store_, workflow_store_, audit_, clock_};
    Principal coordinator_ = Person(1, "vanphong.xa-a", Role::kCoordinator, "xa-a");
    Principal officer_ = Person(2, "tuphap.xa-a", Role::kDepartmentOfficer, "xa-a", "tp-ht");
    Principal leader_ = Person(3, "chutich.xa-a", Role::kLeader, "xa-a");
    Principal appraiser_ = Person(4, "thamdinh", Role::kAppraiser);
    Principal other_coordinator_ = Person(5, "vanphong.xa-b", Role::kCoordinator, "xa-b");
};

TEST_F(WorkflowTest, TheWholeYearFromDraftToPublication) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    EXPECT_EQ(Stored().framework_code, "khung");
    ASSERT_TRUE(workflow_.Assign(coordinator_, "xa-a", 2024, "1.2", "tp-ht"));
    ASSERT_TRUE(workflow_.SetSelfScore(officer_, "xa-a", 2024, "1.2", D("6"), "Đủ báo cáo định kỳ"));
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.1", D("4"), ""));
    Evidence file;
    file.unit_code = "xa-a";
    file.year = 2024;
    file.node_code = "1.1";
    file.sha256 = std::string(64, 'a');
    file.file_name = "ke-hoach-cchc-2024.pdf";
    ASSERT_TRUE(workflow_.AttachEvidence(coordinator_, file));
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Submit(coordinator_, "xa-a", 2024));
    EXPECT_EQ(Stored().status, AssessmentStatus::kSubmitted);

    ASSERT_TRUE(workflow_.Appraise(appraiser_, "xa-a", 2024, "1.1", D("4"), ""));
    ASSERT_TRUE(workflow_.Appraise(appraiser_, "xa-a", 2024, "1.2", D("4.5"), "Thiếu báo cáo quý III"));
    ASSERT_TRUE(workflow_.CompleteAppraisal(appraiser_, "xa-a", 2024));
    EXPECT_EQ(Stored().status, AssessmentStatus::kAppraised);
    ASSERT_TRUE(workflow_.Explain(coordinator_, "xa-a", 2024, "1.2", "Báo cáo quý III gửi qua hệ thống ngày 05/10"));
    ASSERT_TRUE(workflow_.Finalise(appraiser_, "xa-a", 2024));
    EXPECT_EQ(Stored().status, AssessmentStatus::kFinal);

    // xa-b is not final yet: the group cannot be published.
    Status early = workflow_.Publish(appraiser_, "nhom", 2024);
    ASSERT_FALSE(early);
    EXPECT_EQ(early.GetError().code, ErrorCode::kConflict);
    ASSERT_EQ(early.GetError().details.size(), 1u);
    EXPECT_EQ(early.GetError().details[0].path, "xa-b");
    EXPECT_EQ(early.GetError().message.vi, "Chưa thể công bố: 1 đơn vị chưa chốt kết quả.");
    Assessment b;
    b.unit_code = "xa-b";
    b.year = 2024;
    b.framework_code = "khung";
    b.status = AssessmentStatus::kFinal;
    ASSERT_TRUE(store_.SaveAssessment(b));
    ASSERT_TRUE(workflow_.Publish(appraiser_, "nhom", 2024));
    EXPECT_EQ(Stored().status, AssessmentStatus::kPublished);
    EXPECT_EQ(Stored("xa-b").status, AssessmentStatus::kPublished);

    // Published results are frozen.
    EXPECT_FALSE(workflow_.Appraise(appraiser_, "xa-a", 2024, "1.2", D("6"), "sửa"));
    EXPECT_FALSE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.2", D("5"), ""));

    // Every change is in the audit log with old → new values.
    bool adjust_logged = false;
    for (const AuditEntry& e : audit_.audit) {
        if (e.action == "score.adjust") {
            adjust_logged = true;
            EXPECT_EQ(e.node_code, "1.2");
            EXPECT_EQ(e.username, "thamdinh");
            EXPECT_EQ(e.old_value, "");
            EXPECT_EQ(e.new_value, "4.5 (Thiếu báo cáo quý III)");
        }
    }
    EXPECT_TRUE(adjust_logged);
    EXPECT_GE(audit_.audit.size(), 12u);
}

TEST_F(WorkflowTest, OfficersScoreOnlyTheirAssignedCriteria) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    Status refused = workflow_.SetSelfScore(officer_, "xa-a", 2024, "1.1", D("4"), "");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.GetError().code, ErrorCode::kForbidden);
    EXPECT_FALSE(Self("1.1"));
    ASSERT_TRUE(workflow_.Assign(coordinator_, "xa-a", 2024, "1.1", "tp-ht"));
    EXPECT_TRUE(workflow_.SetSelfScore(officer_, "xa-a", 2024, "1.1", D("4"), ""));
    EXPECT_EQ(Self("1.1"), D("4"));
    // Another unit's coordinator can do nothing here.
    Status other = workflow_.SetSelfScore(other_coordinator_, "xa-a", 2024, "1.2", D("1"), "");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.GetError().code, ErrorCode::kForbidden);
}

TEST_F(WorkflowTest, ARefusedCallerCannotTellWhetherAnAssessmentExists) {
    // xa-b has no 2024 assessment: its own leader hears "not found", a stranger hears "forbidden".
    Status own = workflow_.Approve(Person(6, "chutich.xa-b", Role::kLeader, "xa-b"), "xa-b", 2024);
    ASSERT_FALSE(own);
    EXPECT_EQ(own.GetError().code, ErrorCode::kNotFound);
    Status stranger = workflow_.Approve(leader_, "xa-b", 2024);
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.GetError().code, ErrorCode::kForbidden);
}

TEST_F(WorkflowTest, ScoresStayWithinTheTreeAndTheirMaxima) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    Status over = workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.1", D("4.5"), "");
    ASSERT_FALSE(over);
    EXPECT_EQ(over.GetError().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(over.GetError().details[0].field, "self");
    Status parent = workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1", D("5"), "");
    ASSERT_FALSE(parent);
    EXPECT_EQ(parent.GetError().details[0].field, "node_code");
    EXPECT_FALSE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "9.9", D("1"), ""));
    EXPECT_TRUE(Stored().nodes.empty());
}

TEST_F(WorkflowTest, SubmissionNeedsApprovalAndEvidenceOrAnExplanation) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.1", D("4"), ""));
    Status unapproved = workflow_.Submit(coordinator_, "xa-a", 2024);
    ASSERT_FALSE(unapproved);
    EXPECT_EQ(unapproved.GetError().code, ErrorCode::kConflict);
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    // 1.1 requires evidence: claimed 4 points without it and without an explanation.
    auto flags = workflow_.EvidenceFlags(coordinator_, "xa-a", 2024);
    ASSERT_TRUE(flags);
    ASSERT_EQ(flags->size(), 1u);
    EXPECT_EQ((*flags)[0].node_code, "1.1");
    EXPECT_FALSE((*flags)[0].explained);
    Status flagged = workflow_.Submit(coordinator_, "xa-a", 2024);
    ASSERT_FALSE(flagged);
    ASSERT_EQ(flagged.GetError().details.size(), 1u);
    EXPECT_EQ(flagged.GetError().message.en, "1 criteria claim points without evidence or explanation.");
    EXPECT_EQ(flagged.GetError().details[0].path, "1.1");
    EXPECT_EQ(flagged.GetError().details[0].field, "evidence");
    EXPECT_EQ(Stored().status, AssessmentStatus::kDraft);
    // Writing an explanation changes the score's record, so the leader must approve again.
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.1", D("4"), "Kế hoạch ban hành 10/01, bản giấy"));
    EXPECT_FALSE(workflow_.Submit(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    EXPECT_TRUE(workflow_.Submit(coordinator_, "xa-a", 2024));
    // Only the leader approves.
    EXPECT_EQ(workflow_.Approve(coordinator_, "xa-a", 2024).GetError().code, ErrorCode::kForbidden);
}

TEST_F(WorkflowTest, WithdrawOnlyBeforeAppraisalStarts) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.2", D("5"), ""));
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Submit(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Withdraw(coordinator_, "xa-a", 2024));
    EXPECT_EQ(Stored().status, AssessmentStatus::kDraft);
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.2", D("5.5"), ""));
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Submit(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Appraise(appraiser_, "xa-a", 2024, "1.2", D("5.5"), ""));
    Status late = workflow_.Withdraw(coordinator_, "xa-a", 2024);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.GetError().code, ErrorCode::kConflict);
    EXPECT_EQ(Stored().status, AssessmentStatus::kSubmitted);
}

TEST_F(WorkflowTest, AdjustmentsNeedAReasonAndTheWindowCloses) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.2", D("6"), ""));
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Submit(coordinator_, "xa-a", 2024));
    Status no_reason = workflow_.Appraise(appraiser_, "xa-a", 2024, "1.2", D("5"), "");
    ASSERT_FALSE(no_reason);
    EXPECT_EQ(no_reason.GetError().details[0].field, "reason");
    EXPECT_EQ(workflow_.Appraise(coordinator_, "xa-a", 2024, "1.2", D("6"), "").GetError().code, ErrorCode::kForbidden);
    ASSERT_TRUE(workflow_.Appraise(appraiser_, "xa-a", 2024, "1.2", D("5"), "Chưa đủ báo cáo"));
    ASSERT_TRUE(workflow_.CompleteAppraisal(appraiser_, "xa-a", 2024));
    clock_.Set(clock_.Now() + hours(24 * 8));  // The default window is 7 days.
    Status late = workflow_.Explain(coordinator_, "xa-a", 2024, "1.2", "Đã gửi bổ sung");
    ASSERT_FALSE(late);
    EXPECT_EQ(late.GetError().code, ErrorCode::kConflict);
    EXPECT_TRUE(workflow_store_.explanations.empty());
}

TEST_F(WorkflowTest, AppraisalCannotCompleteWithUnappraisedScores) {
    ASSERT_TRUE(workflow_.Open(coordinator_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.SetSelfScore(coordinator_, "xa-a", 2024, "1.2", D("6"), ""));
    ASSERT_TRUE(workflow_.Approve(leader_, "xa-a", 2024));
    ASSERT_TRUE(workflow_.Submit(coordinator_, "xa-a", 2024));
    Status open = workflow_.CompleteAppraisal(appraiser_, "xa-a", 2024);
    ASSERT_FALSE(open);
    ASSERT_EQ(open.GetError().details.size(), 1u);
    EXPECT_EQ(open.GetError().message.vi, "Còn 1 tiêu chí chưa thẩm định.");
    EXPECT_EQ(open.GetError().details[0].path, "1.2");
    EXPECT_EQ(Stored().status, AssessmentStatus::kSubmitted);
}

}  // namespace
}  // namespace parindex
