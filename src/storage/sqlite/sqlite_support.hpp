#pragma once

// Small helpers shared by the halves of SqliteStore (sqlite_store.cpp, sqlite_auth_store.cpp,
// sqlite_workflow_store.cpp).

#include <chrono>
#include <cstdint>

#include "storage/sqlite/sqlite_failure.hpp"

namespace parindex::sqlite {

/// Turns the internal StorageFailure into the Result the port promises.
template <class Body>
auto Guard(Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (StorageFailure& failure) {
        return failure.TakeError();
    }
}

/// A time as whole seconds since 1970 (how times are stored).
inline std::int64_t UnixSeconds(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

/// The time of a stored count of seconds.
inline std::chrono::system_clock::time_point FromUnixSeconds(std::int64_t seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

}  // namespace parindex::sqlite
