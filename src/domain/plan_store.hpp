#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace parindex {

/// Storage port of plans, tasks, updates, notifications and the email outbox; the SQLite store implements it
/// beside Store, AuthStore and WorkflowStore in the same database, so Store::InTransaction covers it too.
class PlanStore {
  public:
    virtual ~PlanStore() = default;

    /// Inserts or replaces the plan of (unit, year).
    virtual Status SavePlan(const Plan& plan) = 0;
    virtual Result<std::optional<Plan>> FindPlan(const std::string& unit_code, int year) = 0;
    /// Every plan, or those of one year, ordered by unit then year.
    virtual Result<std::vector<Plan>> ListPlans(std::optional<int> year) = 0;

    /// Inserts (id 0: returns the new id) or updates a task by id.
    virtual Result<std::int64_t> SaveTask(const PlanTask& task) = 0;
    virtual Result<std::optional<PlanTask>> FindTask(std::int64_t id) = 0;
    /// Removes a task and its updates (only while the plan is a draft; the service decides).
    virtual Status DeleteTask(std::int64_t id) = 0;
    /// The tasks of a plan, by position.
    virtual Result<std::vector<PlanTask>> ListTasks(const std::string& unit_code, int year) = 0;
    /// Every task not done or cancelled of every plan of `year` (the reminder run), by unit then position.
    virtual Result<std::vector<PlanTask>> ListOpenTasks(int year) = 0;

    /// Appends an update (never changed afterwards); returns its id.
    virtual Result<std::int64_t> AppendTaskUpdate(const TaskUpdate& update) = 0;
    /// The updates of a task, oldest first.
    virtual Result<std::vector<TaskUpdate>> ListTaskUpdates(std::int64_t task_id) = 0;

    /// Adds a notification unless one with the same key exists; true when added.
    virtual Result<bool> AddNotification(const Notification& notification) = 0;
    /// A user's notifications, newest first (unread only when asked).
    virtual Result<std::vector<Notification>> ListNotifications(const std::string& username, bool unread_only) = 0;
    /// Marks a user's notification read (kNotFound when it is not theirs).
    virtual Status MarkNotificationRead(const std::string& username, std::int64_t id,
                                        std::chrono::system_clock::time_point at) = 0;

    /// Adds an email unless one with the same key exists; true when added.
    virtual Result<bool> AddEmail(const OutboxEmail& email) = 0;
    /// Emails not sent yet (oldest first), or every email when `unsent_only` is false.
    virtual Result<std::vector<OutboxEmail>> ListOutbox(bool unsent_only) = 0;
    /// Records a send attempt: sent at `at`, or failed with `error`.
    virtual Status RecordEmailAttempt(std::int64_t id, std::optional<std::chrono::system_clock::time_point> sent_at,
                                      const std::string& error) = 0;
};

}  // namespace parindex
