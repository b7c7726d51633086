#pragma once

// In-memory stand-ins for Store and PlanStore, for the plan service's unit tests (the real store is tested on
// SQLite files in tests/storage/plan_store_test.cpp). Transactions copy the state and restore it on failure.

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/plan_store.hpp"
#include "domain/results.hpp"
#include "domain/store.hpp"
#include "domain/unit.hpp"

namespace parindex::testing {

class MemoryPlanStore final : public PlanStore {
  public:
    Status SavePlan(const Plan& plan) override {
        plans[{plan.unit_code, plan.year}] = plan;
        return OkStatus();
    }
    Result<std::optional<Plan>> FindPlan(const std::string& unit_code, int year) override {
        auto it = plans.find({unit_code, year});
        return it == plans.end() ? std::optional<Plan>() : std::optional<Plan>(it->second);
    }
    Result<std::vector<Plan>> ListPlans(std::optional<int> year) override {
        std::vector<Plan> all;
        for (const auto& [key, plan] : plans) {
            if (!year || key.second == *year) all.push_back(plan);
        }
        return all;
    }
    Result<std::int64_t> SaveTask(const PlanTask& task) override {
        PlanTask copy = task;
        if (copy.id == 0) copy.id = ++last_id;
        tasks[copy.id] = copy;
        return copy.id;
    }
    Result<std::optional<PlanTask>> FindTask(std::int64_t id) override {
        auto it = tasks.find(id);
        return it == tasks.end() ? std::optional<PlanTask>() : std::optional<PlanTask>(it->second);
    }
    Status DeleteTask(std::int64_t id) override {
        tasks.erase(id);
        std::erase_if(updates, [&](const TaskUpdate& u) { return u.task_id == id; });
        return OkStatus();
    }
    Result<std::vector<PlanTask>> ListTasks(const std::string& unit_code, int year) override {
        std::vector<PlanTask> all;
        for (const auto& [id, task] : tasks) {
            if (task.unit_code == unit_code && task.year == year) all.push_back(task);
        }
        std::stable_sort(all.begin(), all.end(),
                         [](const PlanTask& a, const PlanTask& b) { return a.position < b.position; });
        return all;
    }
    Result<std::vector<PlanTask>> ListOpenTasks(int year) override {
        std::vector<PlanTask> all;
        for (const auto& [id, task] : tasks) {
            if (task.year == year && task.status != TaskStatus::kDone && task.status != TaskStatus::kCancelled) {
                all.push_back(task);
            }
        }
        std::stable_sort(all.begin(), all.end(), [](const PlanTask& a, const PlanTask& b) {
            return a.unit_code != b.unit_code ? a.unit_code < b.unit_code : a.position < b.position;
        });
        return all;
    }
    Result<std::int64_t> AppendTaskUpdate(const TaskUpdate& update) override {
        TaskUpdate copy = update;
        copy.id = ++last_id;
        updates.push_back(copy);
        return copy.id;
    }
    Result<std::vector<TaskUpdate>> ListTaskUpdates(std::int64_t task_id) override {
        std::vector<TaskUpdate> all;
        for (const TaskUpdate& u : updates) {
            if (u.task_id == task_id) all.push_back(u);
        }
        return all;
    }
    Result<bool> AddNotification(const Notification& notification) override {
        for (const Notification& n : notifications) {
            if (n.key == notification.key) return false;
        }
        Notification copy = notification;
        copy.id = ++last_id;
        notifications.push_back(copy);
        return true;
    }
    Result<std::vector<Notification>> ListNotifications(const std::string& username, bool unread_only) override {
        std::vector<Notification> all;
        for (auto it = notifications.rbegin(); it != notifications.rend(); ++it) {
            if (it->username == username && (!unread_only || !it->read_at)) all.push_back(*it);
        }
        return all;
    }
    Status MarkNotificationRead(const std::string& username, std::int64_t id,
                                std::chrono::system_clock::time_point at) override {
        for (Notification& n : notifications) {
            if (n.id == id && n.username == username) {
                n.read_at = at;
                return OkStatus();
            }
        }
        return MakeError(ErrorCode::kNotFound, "không có", "none");
    }
    Result<bool> AddEmail(const OutboxEmail& email) override {
        for (const OutboxEmail& e : emails) {
            if (e.key == email.key) return false;
        }
        OutboxEmail copy = email;
        copy.id = ++last_id;
        emails.push_back(copy);
        return true;
    }
    Result<std::vector<OutboxEmail>> ListOutbox(bool unsent_only) override {
        std::vector<OutboxEmail> all;
        for (const OutboxEmail& e : emails) {
            if (!unsent_only || !e.sent_at) all.push_back(e);
        }
        return all;
    }
    Status RecordEmailAttempt(std::int64_t id, std::optional<std::chrono::system_clock::time_point> sent_at,
                              const std::string& error) override {
        for (OutboxEmail& e : emails) {
            if (e.id == id) {
                ++e.attempts;
                e.sent_at = sent_at;
                e.last_error = error;
            }
        }
        return OkStatus();
    }

    /// Saves the whole state (for a store whose transaction rolls back).
    struct Snapshot {
        std::map<std::pair<std::string, int>, Plan> plans;
        std::map<std::int64_t, PlanTask> tasks;
        std::vector<TaskUpdate> updates;
        std::vector<Notification> notifications;
        std::vector<OutboxEmail> emails;
    };
    Snapshot Save() const { return Snapshot{plans, tasks, updates, notifications, emails}; }
    void Restore(const Snapshot& s) {
        plans = s.plans;
        tasks = s.tasks;
        updates = s.updates;
        notifications = s.notifications;
        emails = s.emails;
    }

    std::map<std::pair<std::string, int>, Plan> plans;
    std::map<std::int64_t, PlanTask> tasks;
    std::vector<TaskUpdate> updates;
    std::vector<Notification> notifications;
    std::vector<OutboxEmail> emails;
    std::int64_t last_id = 0;
};

class MemoryStore final : public Store {
  public:
    Status InTransaction(const std::function<Status()>& work) override {
        const auto saved_units = units;
        const auto saved_groups = groups;
        const auto saved_frameworks = frameworks;
        std::optional<MemoryPlanStore::Snapshot> saved_plans;
        if (plan_store != nullptr) saved_plans = plan_store->Save();
        Status status = work();
        if (!status) {
            units = saved_units;
            groups = saved_groups;
            frameworks = saved_frameworks;
            if (plan_store != nullptr) plan_store->Restore(*saved_plans);
        }
        return status;
    }
    Status SaveUnit(const Unit& unit) override {
        units[unit.code] = unit;
        return OkStatus();
    }
    Result<std::optional<Unit>> FindUnit(const std::string& code) override {
        auto it = units.find(code);
        return it == units.end() ? std::optional<Unit>() : std::optional<Unit>(it->second);
    }
    Result<std::vector<Unit>> ListUnits() override {
        std::vector<Unit> all;
        for (const auto& [code, unit] : units) all.push_back(unit);
        return all;
    }
    Status SavePeerGroup(const PeerGroup& group) override {
        groups[{group.code, group.year}] = group;
        return OkStatus();
    }
    Result<std::optional<PeerGroup>> FindPeerGroup(const std::string& code, int year) override {
        auto it = groups.find({code, year});
        return it == groups.end() ? std::optional<PeerGroup>() : std::optional<PeerGroup>(it->second);
    }
    Result<std::vector<PeerGroup>> ListPeerGroups(std::optional<int> year) override {
        std::vector<PeerGroup> all;
        for (const auto& [key, group] : groups) {
            if (!year || key.second == *year) all.push_back(group);
        }
        return all;
    }
    Status SaveFramework(const Framework& framework) override {
        frameworks[framework.code] = framework;
        return OkStatus();
    }
    Result<std::optional<Framework>> FindFramework(const std::string& code) override {
        auto it = frameworks.find(code);
        return it == frameworks.end() ? std::optional<Framework>() : std::optional<Framework>(it->second);
    }
    Result<std::vector<Framework>> ListFrameworks() override {
        std::vector<Framework> all;
        for (const auto& [code, framework] : frameworks) all.push_back(framework);
        return all;
    }
    Status SaveAssessment(const Assessment&) override { return OkStatus(); }
    Result<std::optional<Assessment>> FindAssessment(const std::string&, int) override {
        return std::optional<Assessment>();
    }
    Result<std::vector<Assessment>> ListAssessments(int, int) override { return std::vector<Assessment>(); }

    std::map<std::string, Unit> units;
    std::map<std::pair<std::string, int>, PeerGroup> groups;
    std::map<std::string, Framework> frameworks;
    MemoryPlanStore* plan_store = nullptr;  ///< Rolled back with the store when set.
};

/// Phường La Khê with its four departments (as the demo data).
inline Unit LaKhe() {
    Unit unit;
    unit.code = "lakhe";
    unit.name = "Phường La Khê";
    unit.type = "ward";
    unit.parent_code = "hadong";
    unit.departments = {{"vp-tk", "Văn phòng – Thống kê"},
                        {"tp-ht", "Tư pháp – Hộ tịch"},
                        {"tc-kt", "Tài chính – Kế toán"},
                        {"vh-xh", "Văn hóa – Xã hội"}};
    return unit;
}

inline Unit HaDong() {
    Unit unit;
    unit.code = "hadong";
    unit.name = "Quận Hà Đông";
    unit.type = "district";
    return unit;
}

inline Decimal Dec(const char* text) { return *Decimal::Parse(text); }

/// La Khê's 2023 results as the engine gives them: the 14 lost-point rows of seed 000 (largest loss first) and
/// the areas that went down.
inline UnitResult LaKhe2023() {
    UnitResult r;
    r.unit_code = "lakhe";
    r.unit_name = "Phường La Khê";
    r.year = 2023;
    r.framework_code = "hadong-2023";
    r.points = Dec("90.02");
    r.max = Dec("100");
    r.index = Dec("90.02");
    RankResult rank;
    rank.group_code = "hadong-wards";
    rank.rank = 16;
    rank.of = 17;
    r.ranks = {rank};
    struct Row {
        const char* code;
        const char* title;
        const char* area;
        const char* points;
        const char* max;
        const char* lost;
        const char* cause;
        const char* responsible;
    };
    const Row rows[] = {
        {"1.6",
         "Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC, cải thiện các chỉ số PAR-Index, "
         "SIPAS, PAPI",
         "1", "0", "2", "2", "Sáng kiến không được công nhận", "Các bộ phận"},
        {"6.8", "Áp dụng quy trình ISO 9001 trong hoạt động của phường", "6", "1.5", "3", "1.5", "", "Các bộ phận"},
        {"6.6", "Xây dựng hồ sơ công việc điện tử", "6", "0", "1", "1", "", "Các bộ phận"},
        {"6.7", "Thực hiện các nhiệm vụ về số hóa dữ liệu", "6", "0", "1", "1", "", "Các bộ phận"},
        {"4.1.2", "Chấp hành kỷ luật, kỷ cương hành chính và các quy định đối với cán bộ, công chức", "4", "0.25", "1",
         "0.75", "Có công chức bị kỷ luật", ""},
        {"3.2", "Cải tiến quy trình, rút ngắn thời gian giải quyết TTHC", "3", "1.4", "2", "0.6", "", "Các bộ phận"},
        {"1.9", "Công khai, minh bạch danh mục và quy trình giải quyết TTHC", "1", "1.5", "2", "0.5", "",
         "Các bộ phận Tài chính – kế toán; có nội dung công khai"},
        {"4.2", "Nâng cao chất lượng trưởng thôn, tổ dân phố", "4", "2.5", "3", "0.5", "", ""},
        {"4.u1", "Tổ chức bồi dưỡng Tổ trưởng Tổ dân phố về CCHC, chỉ số PAR-Index, SIPAS, PAPI", "4", "1", "1.5",
         "0.5", "", ""},
        {"8", "Điều tra xã hội học", "8", "29.71", "30", "0.29", "", "Các bộ phận"},
        {"1.u1", "Gắn kết quả thực hiện CCHC với công tác Thi đua – khen thưởng và Xử lý kỷ luật", "1", "0.75", "1",
         "0.25", "", "Bộ phận Văn phòng"},
        {"2.1", "Tổ chức thực hiện các VBQPPL, văn bản quản lý điều hành của cấp trên", "2", "0.75", "1", "0.25", "",
         "Bộ phận tư pháp"},
        {"2.3", "Theo dõi thi hành pháp luật", "2", "0.25", "0.5", "0.25", "", "Tư pháp – Hộ tịch"},
        {"4.1.4", "Kết quả đánh giá chất lượng, hiệu quả công việc của Chủ tịch UBND phường", "4", "0.9", "1", "0.1",
         "9 xuất sắc, 2 tốt", ""},
    };
    for (const Row& row : rows) {
        r.lost_points.push_back(LostPoint{row.code, row.title, row.area, Dec(row.points), Dec(row.max), Dec(row.lost),
                                          row.cause, row.responsible});
    }
    auto note = [](const char* code, const char* title, const char* kind, const char* points, const char* max,
                   const char* change) { return AreaNote{code, title, kind, Dec(points), Dec(max), Dec(change)}; };
    r.weaknesses = {note("2", "Tổ chức thực hiện văn bản quy phạm pháp luật", "down", "2.5", "3", "-0.5"),
                    note("5", "Quản lý tài chính", "down", "6", "6", "-1"),
                    note("6", "Hiện đại hóa hành chính", "down", "6.5", "10", "-1.5"),
                    note("8", "Điều tra xã hội học", "down", "29.71", "30", "-0.17")};
    return r;
}

}  // namespace parindex::testing
