// The WorkflowStore half of SqliteStore: assignments, evidence records, explanations and the loop's dates, on
// the same connection, mutex and transactions as the other halves.
#include <chrono>
#include <optional>
#include <string_view>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_statement.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::FromUnixSeconds;
using sqlite::Guard;
using sqlite::Statement;
using sqlite::UnixSeconds;
using std::chrono::system_clock;

constexpr std::string_view kUpsertAssignment =
    "INSERT INTO assignments(unit_code, year, node_code, department_code) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT(unit_code, year, node_code) DO UPDATE SET department_code = excluded.department_code";
constexpr std::string_view kDeleteAssignment =
    "DELETE FROM assignments WHERE unit_code = ?1 AND year = ?2 AND node_code = ?3";
constexpr std::string_view kSelectAssignments =
    "SELECT node_code, department_code FROM assignments WHERE unit_code = ?1 AND year = ?2 ORDER BY node_code";
constexpr std::string_view kInsertEvidence =
    "INSERT INTO evidence(unit_code, year, node_code, sha256, file_name, content_type, size, uploaded_by,"
    " uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kSelectEvidence =
    "SELECT node_code, sha256, file_name, content_type, size, uploaded_by, uploaded_at FROM evidence"
    " WHERE unit_code = ?1 AND year = ?2 AND (?3 = '' OR node_code = ?3) ORDER BY id";
constexpr std::string_view kInsertExplanation =
    "INSERT INTO explanations(unit_code, year, node_code, text, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kSelectExplanations =
    "SELECT node_code, text, by_user, at FROM explanations WHERE unit_code = ?1 AND year = ?2 ORDER BY id";
constexpr std::string_view kSelectState =
    "SELECT approved_at, approved_by, submitted_at, appraisal_started_at, explanation_deadline"
    " FROM workflow_state WHERE unit_code = ?1 AND year = ?2";
constexpr std::string_view kUpsertState =
    "INSERT INTO workflow_state(unit_code, year, approved_at, approved_by, submitted_at, appraisal_started_at,"
    " explanation_deadline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT(unit_code, year) DO UPDATE SET approved_at = excluded.approved_at,"
    " approved_by = excluded.approved_by, submitted_at = excluded.submitted_at,"
    " appraisal_started_at = excluded.appraisal_started_at, explanation_deadline = excluded.explanation_deadline";

void BindTime(Statement& statement, int index, const std::optional<system_clock::time_point>& time) {
    if (time) {
        statement.Bind(index, UnixSeconds(*time));
    } else {
        statement.BindNull(index);
    }
}

std::optional<system_clock::time_point> TimeColumn(const Statement& statement, int column) {
    if (statement.IsNull(column)) return std::nullopt;
    return FromUnixSeconds(statement.Int64(column));
}

}  // namespace

Status SqliteStore::SaveAssignment(const Assignment& assignment) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"lưu phân công tiêu chí", "save the criterion's assignment"});
    return Guard([&] {
        return RunInTransaction([&] {
            if (assignment.department_code.empty()) {
                auto remove = connection_->Cached(kDeleteAssignment);
                remove->Bind(1, assignment.unit_code).Bind(2, assignment.year).Bind(3, assignment.node_code).Run();
            } else {
                auto upsert = connection_->Cached(kUpsertAssignment);
                upsert->Bind(1, assignment.unit_code).Bind(2, assignment.year).Bind(3, assignment.node_code);
                upsert->Bind(4, assignment.department_code).Run();
            }
            return OkStatus();
        });
    });
}

Result<std::vector<Assignment>> SqliteStore::ListAssignments(const std::string& unit_code, int year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc phân công tiêu chí", "read the assignments"});
    return Guard([&]() -> Result<std::vector<Assignment>> {
        auto select = connection_->Cached(kSelectAssignments);
        select->Bind(1, unit_code).Bind(2, year);
        std::vector<Assignment> all;
        while (select->Step()) all.push_back(Assignment{unit_code, year, select->Text(0), select->Text(1)});
        return all;
    });
}

Status SqliteStore::AddEvidence(const Evidence& evidence) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"lưu tài liệu kiểm chứng", "save the evidence record"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertEvidence);
            insert->Bind(1, evidence.unit_code).Bind(2, evidence.year).Bind(3, evidence.node_code);
            insert->Bind(4, evidence.sha256).Bind(5, evidence.file_name).Bind(6, evidence.content_type);
            insert->Bind(7, evidence.size).Bind(8, evidence.uploaded_by).Bind(9, UnixSeconds(evidence.uploaded_at));
            insert->Run();
            return OkStatus();
        });
    });
}

Result<std::vector<Evidence>> SqliteStore::ListEvidence(const std::string& unit_code, int year,
                                                        const std::string& node_code) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc tài liệu kiểm chứng", "read the evidence records"});
    return Guard([&]() -> Result<std::vector<Evidence>> {
        auto select = connection_->Cached(kSelectEvidence);
        select->Bind(1, unit_code).Bind(2, year).Bind(3, node_code);
        std::vector<Evidence> all;
        while (select->Step()) {
            Evidence e;
            e.unit_code = unit_code;
            e.year = year;
            e.node_code = select->Text(0);
            e.sha256 = select->Text(1);
            e.file_name = select->Text(2);
            e.content_type = select->Text(3);
            e.size = select->Int64(4);
            e.uploaded_by = select->Int64(5);
            e.uploaded_at = FromUnixSeconds(select->Int64(6));
            all.push_back(std::move(e));
        }
        return all;
    });
}

Status SqliteStore::AddExplanation(const Explanation& explanation) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"lưu giải trình", "save the explanation"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertExplanation);
            insert->Bind(1, explanation.unit_code).Bind(2, explanation.year).Bind(3, explanation.node_code);
            insert->Bind(4, explanation.text).Bind(5, explanation.by).Bind(6, UnixSeconds(explanation.at)).Run();
            return OkStatus();
        });
    });
}

Result<std::vector<Explanation>> SqliteStore::ListExplanations(const std::string& unit_code, int year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc giải trình", "read the explanations"});
    return Guard([&]() -> Result<std::vector<Explanation>> {
        auto select = connection_->Cached(kSelectExplanations);
        select->Bind(1, unit_code).Bind(2, year);
        std::vector<Explanation> all;
        while (select->Step()) {
            all.push_back(Explanation{unit_code, year, select->Text(0), select->Text(1), select->Int64(2),
                                      FromUnixSeconds(select->Int64(3))});
        }
        return all;
    });
}

Result<WorkflowState> SqliteStore::FindState(const std::string& unit_code, int year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc trạng thái quy trình", "read the workflow state"});
    return Guard([&]() -> Result<WorkflowState> {
        auto select = connection_->Cached(kSelectState);
        select->Bind(1, unit_code).Bind(2, year);
        WorkflowState state;
        state.unit_code = unit_code;
        state.year = year;
        if (select->Step()) {
            state.approved_at = TimeColumn(*select, 0);
            state.approved_by = select->Int64(1);
            state.submitted_at = TimeColumn(*select, 2);
            state.appraisal_started_at = TimeColumn(*select, 3);
            state.explanation_deadline = TimeColumn(*select, 4);
        }
        return state;
    });
}

Status SqliteStore::SaveState(const WorkflowState& state) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"lưu trạng thái quy trình", "save the workflow state"});
    return Guard([&] {
        return RunInTransaction([&] {
            auto upsert = connection_->Cached(kUpsertState);
            upsert->Bind(1, state.unit_code).Bind(2, state.year);
            BindTime(*upsert, 3, state.approved_at);
            upsert->Bind(4, state.approved_by);
            BindTime(*upsert, 5, state.submitted_at);
            BindTime(*upsert, 6, state.appraisal_started_at);
            BindTime(*upsert, 7, state.explanation_deadline);
            upsert->Run();
            return OkStatus();
        });
    });
}

}  // namespace parindex
