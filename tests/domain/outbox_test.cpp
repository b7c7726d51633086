// FlushOutbox (issue 4 §3): the outbox's emails go out through a MailTransport port; every attempt is recorded,
// addressless emails are kept, failures are retried up to a limit and nothing is ever sent twice.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/mail.hpp"
#include "plan_fakes.hpp"

namespace parindex::testing {
namespace {

using std::chrono::system_clock;

/// Records what it is asked to send; refuses the addresses in `refuse`.
class FakeTransport final : public MailTransport {
  public:
    Status Send(const OutboxEmail& email) override {
        calls.push_back(email);
        if (refuse.count(email.to_address) > 0) {
            return MakeError(ErrorCode::kInternal, "Máy chủ thư từ chối", "550 mailbox unavailable");
        }
        delivered.push_back(email);
        return OkStatus();
    }
    std::vector<OutboxEmail> calls;
    std::vector<OutboxEmail> delivered;
    std::set<std::string> refuse;
};

system_clock::time_point At(std::int64_t seconds) { return system_clock::time_point(std::chrono::seconds(seconds)); }

class Outbox : public ::testing::Test {
  protected:
    std::int64_t Queue(const std::string& username, const std::string& address, const std::string& key) {
        OutboxEmail email;
        email.to_username = username;
        email.to_address = address;
        email.subject = "[ParIndex] Nhiệm vụ quá hạn: " + key;
        email.body = "Kính gửi " + username + ",\n";
        email.created_at = At(1'700'000'000);
        email.key = key;
        EXPECT_TRUE(*store.AddEmail(email));
        return store.last_id;
    }
    const OutboxEmail& Stored(std::int64_t id) {
        for (const OutboxEmail& e : store.emails) {
            if (e.id == id) return e;
        }
        ADD_FAILURE() << "no email " << id;
        return store.emails.front();
    }

    MemoryPlanStore store;
    FakeTransport transport;
    FixedClock clock{At(1'730'000'000)};
};

TEST_F(Outbox, SendsEveryAddressedEmailOnceAndRecordsWhen) {
    const std::int64_t a = Queue("tuphap.lakhe", "tuphap@lakhe.example", "overdue:1");
    const std::int64_t b = Queue("chutich.lakhe", "chutich@lakhe.example", "escalation:1");
    auto flush = FlushOutbox(store, transport, clock);
    ASSERT_TRUE(flush);
    EXPECT_EQ(flush->sent, 2);
    EXPECT_EQ(flush->failed, 0);
    EXPECT_EQ(flush->skipped_no_address, 0);
    ASSERT_EQ(transport.delivered.size(), 2u);
    EXPECT_EQ(transport.delivered[0].to_address, "tuphap@lakhe.example");
    EXPECT_EQ(transport.delivered[0].subject, "[ParIndex] Nhiệm vụ quá hạn: overdue:1");
    EXPECT_EQ(transport.delivered[1].to_address, "chutich@lakhe.example");
    for (std::int64_t id : {a, b}) {
        EXPECT_EQ(Stored(id).sent_at, At(1'730'000'000));
        EXPECT_EQ(Stored(id).attempts, 1);
        EXPECT_EQ(Stored(id).last_error, "");
    }

    // A second pass (and a later one) finds nothing to send.
    clock.Set(At(1'730'003'600));
    auto again = FlushOutbox(store, transport, clock);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->sent, 0);
    EXPECT_EQ(transport.calls.size(), 2u);
    EXPECT_EQ(Stored(a).sent_at, At(1'730'000'000));
}

TEST_F(Outbox, EmailsWithoutAddressAreKeptAndNeverAttempted) {
    const std::int64_t none = Queue("vanphong.lakhe", "", "overdue:2");
    const std::int64_t some = Queue("tuphap.lakhe", "tuphap@lakhe.example", "overdue:3");
    for (int pass = 0; pass < 3; ++pass) {
        auto flush = FlushOutbox(store, transport, clock);
        ASSERT_TRUE(flush);
        EXPECT_EQ(flush->skipped_no_address, 1);
        EXPECT_EQ(flush->sent, pass == 0 ? 1 : 0);
    }
    EXPECT_FALSE(Stored(none).sent_at.has_value());
    EXPECT_EQ(Stored(none).attempts, 0);
    EXPECT_TRUE(Stored(some).sent_at.has_value());
    ASSERT_EQ(transport.calls.size(), 1u);
    EXPECT_EQ(transport.calls[0].id, some);
    ASSERT_EQ(store.ListOutbox(true)->size(), 1u);
}

TEST_F(Outbox, FailuresAreRecordedAndRetriedUntilSent) {
    const std::int64_t id = Queue("tuphap.lakhe", "tuphap@lakhe.example", "overdue:4");
    const std::int64_t ok = Queue("chutich.lakhe", "chutich@lakhe.example", "escalation:4");
    transport.refuse = {"tuphap@lakhe.example"};
    auto first = FlushOutbox(store, transport, clock);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->sent, 1);
    EXPECT_EQ(first->failed, 1);
    EXPECT_FALSE(Stored(id).sent_at.has_value());
    EXPECT_EQ(Stored(id).attempts, 1);
    EXPECT_EQ(Stored(id).last_error, "550 mailbox unavailable");

    auto second = FlushOutbox(store, transport, clock);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->failed, 1);
    EXPECT_EQ(second->sent, 0);  // The one delivered the first time is not sent again.
    EXPECT_EQ(Stored(id).attempts, 2);

    transport.refuse.clear();
    clock.Set(At(1'730'007'200));
    auto third = FlushOutbox(store, transport, clock);
    ASSERT_TRUE(third);
    EXPECT_EQ(third->sent, 1);
    EXPECT_EQ(third->failed, 0);
    EXPECT_EQ(Stored(id).sent_at, At(1'730'007'200));
    EXPECT_EQ(Stored(id).attempts, 3);
    EXPECT_EQ(Stored(id).last_error, "");
    std::map<std::int64_t, int> deliveries;
    for (const OutboxEmail& e : transport.delivered) ++deliveries[e.id];
    EXPECT_EQ(deliveries[id], 1);
    EXPECT_EQ(deliveries[ok], 1);
    EXPECT_EQ(transport.calls.size(), 4u);
}

TEST_F(Outbox, GivesUpAfterMaxAttempts) {
    const std::int64_t id = Queue("tuphap.lakhe", "tuphap@lakhe.example", "overdue:5");
    transport.refuse = {"tuphap@lakhe.example"};
    for (int pass = 0; pass < 3; ++pass) {
        auto flush = FlushOutbox(store, transport, clock, 3);
        ASSERT_TRUE(flush);
        EXPECT_EQ(flush->failed, 1);
    }
    auto exhausted = FlushOutbox(store, transport, clock, 3);
    ASSERT_TRUE(exhausted);
    EXPECT_EQ(exhausted->failed, 0);
    EXPECT_EQ(exhausted->gave_up, 1);
    EXPECT_EQ(transport.calls.size(), 3u);
    EXPECT_EQ(Stored(id).attempts, 3);
    EXPECT_FALSE(Stored(id).sent_at.has_value());
    EXPECT_EQ(Stored(id).last_error, "550 mailbox unavailable");
}

TEST_F(Outbox, OneAttemptLimitSendsOnlyNewEmails) {
    const std::int64_t failed = Queue("tuphap.lakhe", "tuphap@lakhe.example", "overdue:6");
    transport.refuse = {"tuphap@lakhe.example"};
    ASSERT_EQ(FlushOutbox(store, transport, clock, 1)->failed, 1);
    transport.refuse.clear();
    const std::int64_t fresh = Queue("chutich.lakhe", "chutich@lakhe.example", "escalation:6");
    auto flush = FlushOutbox(store, transport, clock, 1);
    ASSERT_TRUE(flush);
    EXPECT_EQ(flush->sent, 1);
    EXPECT_EQ(flush->gave_up, 1);
    EXPECT_TRUE(Stored(fresh).sent_at.has_value());
    EXPECT_FALSE(Stored(failed).sent_at.has_value());
    // The hourly pass (default limit) retries it.
    ASSERT_EQ(FlushOutbox(store, transport, clock)->sent, 1);
    EXPECT_TRUE(Stored(failed).sent_at.has_value());
}

TEST_F(Outbox, StopEndsThePassAndLeavesTheRestUntouched) {
    const std::int64_t first = Queue("tuphap.lakhe", "tuphap@lakhe.example", "overdue:7");
    const std::int64_t second = Queue("chutich.lakhe", "chutich@lakhe.example", "escalation:7");
    auto flush = FlushOutbox(store, transport, clock, 5, [&] { return !transport.calls.empty(); });
    ASSERT_TRUE(flush);
    EXPECT_EQ(flush->sent, 1);
    EXPECT_TRUE(Stored(first).sent_at.has_value());
    EXPECT_FALSE(Stored(second).sent_at.has_value());
    EXPECT_EQ(Stored(second).attempts, 0);
}

}  // namespace
}  // namespace parindex::testing
