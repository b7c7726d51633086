#include <string>

#include "domain/mail.hpp"

namespace parindex {

Result<OutboxFlush> FlushOutbox(PlanStore& plans, MailTransport& transport, const Clock& clock, int max_attempts,
                                const std::function<bool()>& stop) {
    auto unsent = plans.ListOutbox(true);
    if (!unsent) return unsent.TakeError();
    OutboxFlush flush;
    for (const OutboxEmail& email : *unsent) {
        if (stop && stop()) break;
        if (email.sent_at) continue;
        if (email.to_address.empty()) {
            ++flush.skipped_no_address;
            continue;
        }
        if (email.attempts >= max_attempts) {
            ++flush.gave_up;
            continue;
        }
        const Status sent = transport.Send(email);
        if (sent) {
            if (Status recorded = plans.RecordEmailAttempt(email.id, clock.Now(), ""); !recorded) {
                return recorded.TakeError();
            }
            ++flush.sent;
        } else {
            // The English text: the outbox is read by the administrator in both languages' screens, and SMTP's
            // own replies are English anyway.
            const Text& why = sent.GetError().message;
            const std::string error = why.en.empty() ? why.vi : why.en;
            if (Status recorded =
                    plans.RecordEmailAttempt(email.id, std::nullopt, error.empty() ? "send failed" : error);
                !recorded) {
                return recorded.TakeError();
            }
            ++flush.failed;
        }
    }
    return flush;
}

}  // namespace parindex
