#pragma once

#include <chrono>

namespace parindex {

/// The source of the current time; injected so that tests never depend on the wall clock.
class Clock {
  public:
    virtual ~Clock() = default;
    /// The current time.
    virtual std::chrono::system_clock::time_point Now() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
  public:
    std::chrono::system_clock::time_point Now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that stays where a test puts it.
class FixedClock final : public Clock {
  public:
    explicit FixedClock(std::chrono::system_clock::time_point now) : now_(now) {}
    std::chrono::system_clock::time_point Now() const override { return now_; }
    /// Moves the clock.
    void Set(std::chrono::system_clock::time_point now) { now_ = now; }

  private:
    std::chrono::system_clock::time_point now_;
};

}  // namespace parindex
