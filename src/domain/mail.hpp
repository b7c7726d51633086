#pragma once

#include <functional>

#include "domain/clock.hpp"
#include "domain/plan.hpp"
#include "domain/plan_store.hpp"
#include "domain/result.hpp"

namespace parindex {

/// Port of the email delivery (issue 4 §3: reminders are "sent through SMTP when configured, kept in the outbox
/// otherwise"). The app implements it over SMTP (app/smtp_transport.hpp); tests use a fake.
class MailTransport {
  public:
    virtual ~MailTransport() = default;
    /// Delivers one email to `email.to_address`; an error says why it could not (kept for the next attempt).
    virtual Status Send(const OutboxEmail& email) = 0;
};

/// What one pass over the outbox did.
struct OutboxFlush {
    int sent = 0;                ///< Handed over to the transport and recorded as sent.
    int failed = 0;              ///< Attempted and refused; the error is recorded on the email.
    int skipped_no_address = 0;  ///< The user has no address: kept, never attempted.
    int gave_up = 0;             ///< Already attempted `max_attempts` times: left unsent, not tried again.
};

/// Sends every unsent email of the outbox that has an address and fewer than `max_attempts` attempts, oldest
/// first, one at a time, and records every attempt on the email (sent_at = the clock's now, or the error). An
/// email recorded as sent is never listed again, so it is never sent twice. A storage error stops the pass (the
/// emails already sent stay recorded). `max_attempts` = 1 sends only the emails never attempted. `stop`, when
/// given, is asked before each email: true ends the pass there (the server is stopping), the rest untouched.
Result<OutboxFlush> FlushOutbox(PlanStore& plans, MailTransport& transport, const Clock& clock, int max_attempts = 5,
                                const std::function<bool()>& stop = {});

}  // namespace parindex
