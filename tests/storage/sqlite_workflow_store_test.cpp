// The WorkflowStore half of the SQLite store, and the assessment workflow running on a real SQLite file with
// all three ports (Store, AuthStore, WorkflowStore) on one database and one transaction.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "domain/workflow.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

Decimal D(const char* text) { return *Decimal::Parse(text); }

FrameworkNode Node(const char* code, const char* parent, const char* title, const char* max) {
    FrameworkNode node;
    node.code = code;
    node.parent_code = parent;
    node.title = title;
    node.max = D(max);
    return node;
}

class SqliteWorkflowTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/parindex-workflow-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        dir_ = pattern;
        auto opened = SqliteStore::Open(dir_ + "/parindex.db", clock_);
        ASSERT_TRUE(opened) << opened.GetError().message.en;
        db_ = std::move(*opened);

        Unit unit;
        unit.code = "xa-a";
        unit.name = "Xã A";
        unit.type = "commune";
        ASSERT_TRUE(db_->SaveUnit(unit));
        Framework framework;
        framework.code = "khung";
        framework.max = D("10");
        FrameworkNode area = Node("1", "", "Chỉ đạo điều hành", "10");
        FrameworkNode plan = Node("1.1", "1", "Kế hoạch CCHC", "4");
        plan.evidence_required = true;
        FrameworkNode report = Node("1.2", "1", "Báo cáo", "6");
        framework.nodes = {area, plan, report};
        ASSERT_TRUE(db_->SaveFramework(framework));
        PeerGroup group;
        group.code = "nhom";
        group.year = 2024;
        group.framework_code = "khung";
        group.members = {GroupMember{"xa-a", true, {}}};
        ASSERT_TRUE(db_->SavePeerGroup(group));
    }
    void TearDown() override {
        db_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    FixedClock clock_{system_clock::time_point(std::chrono::seconds(1714552200))};
    std::string dir_;
    std::unique_ptr<SqliteStore> db_;
};

TEST_F(SqliteWorkflowTest, RecordsRoundTrip) {
    ASSERT_TRUE(db_->SaveAssignment(Assignment{"xa-a", 2024, "1.2", "tp-ht"}));
    ASSERT_TRUE(db_->SaveAssignment(Assignment{"xa-a", 2024, "1.2", "vh-xh"}));  // Replaces.
    ASSERT_TRUE(db_->SaveAssignment(Assignment{"xa-a", 2024, "1.1", "vp-tk"}));
    auto assignments = db_->ListAssignments("xa-a", 2024);
    ASSERT_TRUE(assignments);
    ASSERT_EQ(assignments->size(), 2u);
    EXPECT_EQ((*assignments)[1].department_code, "vh-xh");
    ASSERT_TRUE(db_->SaveAssignment(Assignment{"xa-a", 2024, "1.1", ""}));  // An empty department removes it.
    EXPECT_EQ(db_->ListAssignments("xa-a", 2024)->size(), 1u);

    Evidence e;
    e.unit_code = "xa-a";
    e.year = 2024;
    e.node_code = "1.1";
    e.sha256 = std::string(64, 'b');
    e.file_name = "Kế hoạch số 20/KH-UBND.pdf";
    e.content_type = "application/pdf";
    e.size = 12345;
    e.uploaded_by = 7;
    e.uploaded_at = clock_.Now();
    ASSERT_TRUE(db_->AddEvidence(e));
    auto listed = db_->ListEvidence("xa-a", 2024, "1.1");
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].file_name, "Kế hoạch số 20/KH-UBND.pdf");
    EXPECT_EQ((*listed)[0].size, 12345);
    EXPECT_EQ((*listed)[0].uploaded_at, clock_.Now());
    EXPECT_TRUE(db_->ListEvidence("xa-a", 2024, "1.2")->empty());
    EXPECT_EQ(db_->ListEvidence("xa-a", 2024, "")->size(), 1u);
    e.sha256 = "ngắn";
    EXPECT_FALSE(db_->AddEvidence(e));  // Not a SHA-256: refused by the schema.

    WorkflowState blank = *db_->FindState("xa-a", 2024);
    EXPECT_FALSE(blank.approved_at);
    WorkflowState state = blank;
    state.approved_at = clock_.Now();
    state.approved_by = 3;
    state.explanation_deadline = clock_.Now() + hours(24 * 7);
    ASSERT_TRUE(db_->SaveState(state));
    WorkflowState found = *db_->FindState("xa-a", 2024);
    EXPECT_EQ(found.approved_at, state.approved_at);
    EXPECT_EQ(found.approved_by, 3);
    EXPECT_FALSE(found.submitted_at);
    EXPECT_EQ(found.explanation_deadline, state.explanation_deadline);
}

TEST_F(SqliteWorkflowTest, TheLoopOnARealDatabaseWithItsAuditTrail) {
    AssessmentWorkflow workflow(*db_, *db_, *db_, clock_);
    Principal coordinator;
    coordinator.user_id = 1;
    coordinator.username = "vanphong.xa-a";
    coordinator.role = Role::kCoordinator;
    coordinator.unit_code = "xa-a";
    Principal leader = coordinator;
    leader.user_id = 2;
    leader.username = "chutich.xa-a";
    leader.role = Role::kLeader;
    Principal appraiser;
    appraiser.user_id = 3;
    appraiser.username = "thamdinh";
    appraiser.role = Role::kAppraiser;
    appraiser.group_codes = {"nhom"};

    ASSERT_TRUE(workflow.Open(coordinator, "xa-a", 2024));
    ASSERT_TRUE(workflow.SetSelfScore(coordinator, "xa-a", 2024, "1.2", D("6"), ""));
    ASSERT_TRUE(workflow.SetSelfScore(coordinator, "xa-a", 2024, "1.1", D("4"), ""));
    ASSERT_TRUE(workflow.Approve(leader, "xa-a", 2024));
    // 1.1 claims points without evidence: the submission is refused and nothing changes.
    Status refused = workflow.Submit(coordinator, "xa-a", 2024);
    ASSERT_FALSE(refused);
    EXPECT_EQ((*db_->FindAssessment("xa-a", 2024))->status, AssessmentStatus::kDraft);
    Evidence e;
    e.unit_code = "xa-a";
    e.year = 2024;
    e.node_code = "1.1";
    e.sha256 = std::string(64, 'c');
    e.file_name = "ke-hoach.pdf";
    e.content_type = "application/pdf";
    ASSERT_TRUE(workflow.AttachEvidence(coordinator, e));
    ASSERT_TRUE(workflow.Submit(coordinator, "xa-a", 2024));
    ASSERT_TRUE(workflow.Appraise(appraiser, "xa-a", 2024, "1.1", D("4"), ""));
    ASSERT_TRUE(workflow.Appraise(appraiser, "xa-a", 2024, "1.2", D("5"), "Thiếu báo cáo quý III"));
    ASSERT_TRUE(workflow.CompleteAppraisal(appraiser, "xa-a", 2024));
    ASSERT_TRUE(workflow.Explain(coordinator, "xa-a", 2024, "1.2", "Đã gửi báo cáo ngày 05/10"));
    ASSERT_TRUE(workflow.Finalise(appraiser, "xa-a", 2024));
    ASSERT_TRUE(workflow.Publish(appraiser, "nhom", 2024));

    const Assessment published = **db_->FindAssessment("xa-a", 2024);
    EXPECT_EQ(published.status, AssessmentStatus::kPublished);
    ASSERT_EQ(published.nodes.size(), 2u);
    EXPECT_EQ(db_->ListExplanations("xa-a", 2024)->size(), 1u);
    AuditQuery query;
    query.unit_code = "xa-a";
    query.year = 2024;
    auto trail = db_->ListAudit(query);
    ASSERT_TRUE(trail);
    std::vector<std::string> actions;
    for (const AuditEntry& entry : *trail) actions.insert(actions.begin(), entry.action);  // Oldest first.
    const std::vector<std::string> expected = {"assessment.open",    "score.self",          "score.self",
                                               "assessment.approve", "evidence.add",        "assessment.submit",
                                               "score.accept",       "score.adjust",        "assessment.appraised",
                                               "score.explain",      "assessment.finalise", "assessment.publish"};
    EXPECT_EQ(actions, expected);
}

}  // namespace
}  // namespace parindex
