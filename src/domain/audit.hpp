#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parindex {

/// One change, as the audit log keeps it forever: who, when, what, old value → new value, from where.
struct AuditEntry {
    std::int64_t id = 0;
    std::chrono::system_clock::time_point at;
    std::int64_t user_id = 0;
    std::string username;
    std::string address;
    std::string action;     ///< e.g. `score.self`, `assessment.submit`, `user.create`.
    std::string subject;    ///< What else the entry is about, e.g. the username a `user.*` entry changed.
    std::string unit_code;  ///< Empty when not about a unit.
    int year = 0;           ///< 0 when not about a year.
    std::string node_code;  ///< The criterion, when about one.
    std::string field;      ///< e.g. `self`, `appraised`, `status`.
    std::string old_value;
    std::string new_value;
};

/// Which entries to list.
struct AuditQuery {
    std::string unit_code;
    std::optional<int> year;
    std::string node_code;
    std::size_t limit = 200;
    std::int64_t before_id = 0;  ///< For paging backwards; 0 = newest.
};

}  // namespace parindex
