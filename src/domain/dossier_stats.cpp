// Classification of dossiers against a definition set, their counters per period, rates and the benchmark's
// reference row.

#include "domain/dossier.hpp"

namespace parindex {
namespace {

constexpr std::int64_t kDay = LocalTime::kSecondsPerDay;

/// Whether a dossier still open at `at` is past its due time (with the grace period, at the set's level).
bool IsOverdue(LocalTime due, LocalTime at, const DefinitionSet& set) {
    const LocalTime effective = due + set.grace_seconds;
    return set.day_level ? at.Day() > effective.Day() : at > effective;
}

OpenState JudgeOpen(LocalTime due, LocalTime at, const DefinitionSet& set) {
    if (IsOverdue(due, at, set)) return OpenState::kOverdue;
    const bool soon = set.day_level ? (due + set.grace_seconds).Day() - at.Day() <= set.due_soon_days
                                    : due + set.grace_seconds - at <= set.due_soon_days * kDay;
    return soon ? OpenState::kDueSoon : OpenState::kNotDue;
}

void AddChannel(DossierCounters& counters, Channel channel) {
    switch (channel) {
        case Channel::kDirect:
            ++counters.direct;
            break;
        case Channel::kOnlinePartial:
            ++counters.online_partial;
            break;
        case Channel::kOnlineFull:
            ++counters.online_full;
            break;
        case Channel::kPostal:
            ++counters.postal;
            break;
    }
}

/// What the received period gets in both views: received, channel, status counters, supplement faults.
void AddReceived(const DossierFacts& dossier, const DefinitionSet& set, DossierCounters& counters) {
    ++counters.received;
    if (set.Counts(dossier.status)) ++counters.received_counted;
    AddChannel(counters, dossier.channel);
    switch (dossier.status) {
        case DossierStatus::kReturnedUnprocessed:
            ++counters.returned;
            break;
        case DossierStatus::kWithdrawn:
            ++counters.withdrawn;
            break;
        case DossierStatus::kRejected:
            ++counters.rejected;
            break;
        default:
            break;
    }
    if (dossier.supplement_requests >= set.supplement_fault_threshold) ++counters.supplement_2plus;
}

/// What the period a counted dossier was finished in gets.
void AddProcessed(const DossierClass& c, DossierCounters& counters) {
    ++counters.processed;
    switch (*c.timeliness) {
        case Timeliness::kEarly:
            ++counters.early;
            ++counters.on_time;
            break;
        case Timeliness::kOnTime:
            ++counters.on_time;
            break;
        case Timeliness::kLate:
            ++counters.late;
            if (c.late_without_apology) ++counters.late_without_apology;
            break;
    }
    if (c.apology_excess) ++counters.apology_excess;
    if (c.apology_too_late) ++counters.apology_too_late;
    counters.processing_seconds_sum += c.processing_seconds.value_or(0);
}

/// What a period gets for a counted dossier open at its end.
void AddOpen(const DossierClass& c, DossierCounters& counters) {
    switch (*c.open_state) {
        case OpenState::kNotDue:
            ++counters.open_not_due;
            break;
        case OpenState::kDueSoon:
            ++counters.open_due_soon;
            break;
        case OpenState::kOverdue:
            ++counters.open_overdue;
            if (c.late_without_apology) ++counters.overdue_without_apology;
            break;
    }
}

}  // namespace

Timeliness JudgeTimeliness(LocalTime finished, LocalTime due, const DefinitionSet& set) {
    const LocalTime effective = due + set.grace_seconds;
    if (set.day_level) {
        if (finished.Day() > effective.Day()) return Timeliness::kLate;
        return finished.Day() <= due.Day() - set.early_days ? Timeliness::kEarly : Timeliness::kOnTime;
    }
    if (finished > effective) return Timeliness::kLate;
    return finished < due - set.early_seconds ? Timeliness::kEarly : Timeliness::kOnTime;
}

DossierClass Classify(const DossierFacts& dossier, const DefinitionSet& set, LocalTime as_of) {
    DossierClass c;
    if (dossier.received > as_of) return c;
    c.received = true;
    c.supplement_fault = dossier.supplement_requests >= set.supplement_fault_threshold;
    c.counted = set.Counts(dossier.status);
    if (!c.counted) return c;
    bool late = false;
    if (dossier.finished && *dossier.finished <= as_of) {
        c.finished = true;
        c.timeliness = JudgeTimeliness(*dossier.finished, dossier.due, set);
        c.processing_seconds = *dossier.finished - dossier.received;
        late = *c.timeliness == Timeliness::kLate;
    } else {
        c.open_state = JudgeOpen(dossier.due, as_of, set);
        late = *c.open_state == OpenState::kOverdue;
    }
    c.late_without_apology = late && dossier.apology_letters == 0;
    c.apology_excess = dossier.apology_letters > set.max_apologies;
    c.apology_too_late =
        dossier.apology_sent.has_value() && dossier.due - *dossier.apology_sent < set.apology_min_lead_seconds;
    return c;
}

DossierCounters& DossierCounters::operator+=(const DossierCounters& o) {
    received += o.received;
    received_counted += o.received_counted;
    carried_over += o.carried_over;
    processed += o.processed;
    early += o.early;
    on_time += o.on_time;
    late += o.late;
    open_not_due += o.open_not_due;
    open_due_soon += o.open_due_soon;
    open_overdue += o.open_overdue;
    due_total += o.due_total;
    due_on_time += o.due_on_time;
    due_late += o.due_late;
    direct += o.direct;
    online_partial += o.online_partial;
    online_full += o.online_full;
    postal += o.postal;
    late_without_apology += o.late_without_apology;
    overdue_without_apology += o.overdue_without_apology;
    apology_excess += o.apology_excess;
    apology_too_late += o.apology_too_late;
    supplement_2plus += o.supplement_2plus;
    returned += o.returned;
    withdrawn += o.withdrawn;
    rejected += o.rejected;
    processing_seconds_sum += o.processing_seconds_sum;
    return *this;
}

std::span<const CounterField> CounterFields() {
    using C = DossierCounters;
    static constexpr CounterField kFields[] = {
        {"received", &C::received, "Tiếp nhận trong kỳ", "Received"},
        {"received_counted", &C::received_counted, "Tiếp nhận được tính", "Received and counted"},
        {"carried_over", &C::carried_over, "Kỳ trước chuyển qua", "Carried over"},
        {"processed", &C::processed, "Đã giải quyết", "Processed"},
        {"early", &C::early, "Giải quyết trước hạn", "Finished early"},
        {"on_time", &C::on_time, "Giải quyết đúng hạn (kể cả trước hạn)", "Finished on time (early included)"},
        {"late", &C::late, "Giải quyết quá hạn", "Finished late"},
        {"open_not_due", &C::open_not_due, "Đang giải quyết, chưa đến hạn", "Open, not due"},
        {"open_due_soon", &C::open_due_soon, "Đang giải quyết, sắp đến hạn", "Open, due soon"},
        {"open_overdue", &C::open_overdue, "Đang giải quyết, quá hạn", "Open, overdue"},
        {"due_total", &C::due_total, "Đến hạn trong kỳ", "Due in the period"},
        {"due_on_time", &C::due_on_time, "Đến hạn trong kỳ, đúng hạn", "Due in the period, on time"},
        {"due_late", &C::due_late, "Đến hạn trong kỳ, quá hạn", "Due in the period, late"},
        {"direct", &C::direct, "Nộp trực tiếp", "Submitted in person"},
        {"online_partial", &C::online_partial, "Trực tuyến một phần", "Partly online"},
        {"online_full", &C::online_full, "Trực tuyến toàn trình", "Fully online"},
        {"postal", &C::postal, "Qua bưu chính công ích", "By post"},
        {"late_without_apology", &C::late_without_apology, "Quá hạn không có thư xin lỗi", "Late without an apology"},
        {"overdue_without_apology", &C::overdue_without_apology, "Đang quá hạn chưa có thư xin lỗi",
         "Overdue without an apology"},
        {"apology_excess", &C::apology_excess, "Xin lỗi, hẹn lại quá một lần", "More than one apology or reschedule"},
        {"apology_too_late", &C::apology_too_late, "Thư xin lỗi gửi chậm (dưới 1 ngày trước hạn)",
         "Apology sent too late"},
        {"supplement_2plus", &C::supplement_2plus, "Yêu cầu bổ sung từ 2 lần", "Two or more supplement requests"},
        {"returned", &C::returned, "Trả lại hồ sơ", "Returned unprocessed"},
        {"withdrawn", &C::withdrawn, "Rút hồ sơ", "Withdrawn"},
        {"rejected", &C::rejected, "Từ chối giải quyết", "Rejected"},
        {"processing_seconds_sum", &C::processing_seconds_sum, "Tổng thời gian giải quyết (giây)",
         "Total processing time (seconds)"},
    };
    // Every member is listed: a counter added to the struct without a name here fails to compile.
    static_assert(sizeof(kFields) / sizeof(kFields[0]) * sizeof(std::int64_t) == sizeof(C));
    return kFields;
}

void CountByReceived(const DossierFacts& dossier, const DefinitionSet& set, LocalTime as_of,
                     DossierCounters& counters) {
    const DossierClass c = Classify(dossier, set, as_of);
    if (!c.received) return;
    AddReceived(dossier, set, counters);
    if (!c.counted) return;
    if (c.finished) {
        AddProcessed(c, counters);
    } else {
        AddOpen(c, counters);
    }
    // The cohort's decided dossiers: finished in time, or finished late or overdue.
    if (c.InTime()) {
        ++counters.due_total;
        ++counters.due_on_time;
    } else if (c.timeliness == Timeliness::kLate || c.open_state == OpenState::kOverdue) {
        ++counters.due_total;
        ++counters.due_late;
    }
}

void FoldIntoPeriods(const DossierFacts& dossier, const DefinitionSet& set, PeriodKind kind, LocalTime as_of,
                     const std::function<void(const Period&, const DossierCounters&)>& add) {
    if (dossier.received > as_of) return;
    const Period last = PeriodOf(as_of, kind);
    const Period first = PeriodOf(dossier.received, kind);
    DossierCounters delta;
    AddReceived(dossier, set, delta);
    if (!set.Counts(dossier.status)) {
        add(first, delta);
        return;
    }
    const bool finished = dossier.finished && *dossier.finished <= as_of;
    Period stop = finished ? PeriodOf(*dossier.finished, kind) : last;
    if (stop < first) stop = first;  // A finished time before the received one (ValidateDossier reports it).
    for (Period period = first;; period = period.Next()) {
        if (period != first) ++delta.carried_over;
        if (finished && period == stop) {
            AddProcessed(Classify(dossier, set, as_of), delta);
        } else {
            const LocalTime end = period.End() - 1;
            AddOpen(Classify(dossier, set, end < as_of ? end : as_of), delta);
        }
        add(period, delta);
        if (period == stop) break;
        delta = DossierCounters{};
    }
    // The due period (the Vĩnh Phúc denominator): decided as of `as_of`.
    const Period due_period = PeriodOf(dossier.due, kind);
    if (due_period > last) return;
    const DossierClass c = Classify(dossier, set, as_of);
    DossierCounters due;
    if (c.InTime()) {
        due.due_total = due.due_on_time = 1;
    } else if (c.timeliness == Timeliness::kLate || c.open_state == OpenState::kOverdue) {
        due.due_total = due.due_late = 1;
    } else {
        return;
    }
    add(due_period, due);
}

DossierKey KeyOf(const Dossier& dossier, const std::vector<Dimension>& dimensions) {
    DossierKey key;
    for (Dimension dimension : dimensions) {
        switch (dimension) {
            case Dimension::kUnit:
                key.unit = dossier.unit;
                break;
            case Dimension::kDepartment:
                key.department = dossier.department;
                break;
            case Dimension::kField:
                key.field = dossier.field;
                break;
            case Dimension::kProcedure:
                key.procedure = dossier.procedure;
                break;
            case Dimension::kChannel:
                key.channel = dossier.channel;
                break;
        }
    }
    return key;
}

DossierTally::DossierTally(std::vector<Dimension> dimensions, PeriodKind period, DefinitionSet set, LocalTime as_of,
                           bool cohort)
    : dimensions_(std::move(dimensions)), period_(period), set_(std::move(set)), as_of_(as_of), cohort_(cohort) {}

void DossierTally::Add(const Dossier& dossier) {
    if (dossier.received > as_of_) return;
    DossierKey key = KeyOf(dossier, dimensions_);
    if (cohort_) {
        CountByReceived(dossier, set_, as_of_, rows_[StatsKey{std::move(key), PeriodOf(dossier.received, period_)}]);
        return;
    }
    FoldIntoPeriods(dossier, set_, period_, as_of_, [&](const Period& period, const DossierCounters& delta) {
        rows_[StatsKey{key, period}] += delta;
    });
}

std::optional<Decimal> PercentOf(std::int64_t numerator, std::int64_t denominator) {
    if (denominator <= 0) return std::nullopt;
    return Decimal::FromThousandths(DivideRoundHalfAway(numerator * 100 * Decimal::kScale, denominator));
}

std::int64_t TimelinessDenominator(const DossierCounters& counters, const DefinitionSet& set) {
    switch (set.denominator) {
        case DenominatorConvention::kProcessedInPeriod:
            return counters.processed;
        case DenominatorConvention::kDueInPeriod:
            return counters.due_total;
        case DenominatorConvention::kToProcess:
            return counters.received_counted + counters.carried_over;
    }
    return counters.processed;
}

std::optional<Decimal> OnTimeRate(const DossierCounters& counters, const DefinitionSet& set) {
    const std::int64_t numerator =
        set.denominator == DenominatorConvention::kDueInPeriod ? counters.due_on_time : counters.on_time;
    return PercentOf(numerator, TimelinessDenominator(counters, set));
}

std::optional<Decimal> EarlyRate(const DossierCounters& counters, const DefinitionSet& set) {
    const std::int64_t denominator = set.denominator == DenominatorConvention::kDueInPeriod
                                         ? counters.processed
                                         : TimelinessDenominator(counters, set);
    return PercentOf(counters.early, denominator);
}

std::optional<Decimal> LateRate(const DossierCounters& counters, const DefinitionSet& set) {
    switch (set.denominator) {
        case DenominatorConvention::kProcessedInPeriod:
            return PercentOf(counters.late, counters.processed);
        case DenominatorConvention::kDueInPeriod:
            return PercentOf(counters.due_late, counters.due_total);
        case DenominatorConvention::kToProcess:
            return PercentOf(counters.late + counters.open_overdue, counters.received_counted + counters.carried_over);
    }
    return std::nullopt;
}

std::optional<Decimal> ChannelShare(const DossierCounters& counters, Channel channel) {
    std::int64_t count = 0;
    switch (channel) {
        case Channel::kDirect:
            count = counters.direct;
            break;
        case Channel::kOnlinePartial:
            count = counters.online_partial;
            break;
        case Channel::kOnlineFull:
            count = counters.online_full;
            break;
        case Channel::kPostal:
            count = counters.postal;
            break;
    }
    return PercentOf(count, counters.received);
}

std::optional<std::int64_t> AverageProcessingSeconds(const DossierCounters& counters) {
    if (counters.processed <= 0) return std::nullopt;
    return DivideRoundHalfAway(counters.processing_seconds_sum, counters.processed);
}

ReferenceRow ToReferenceRow(const DossierCounters& counters) {
    ReferenceRow row;
    row.total = counters.received;
    row.finished = counters.processed;
    row.on_time = counters.on_time;
    row.early = counters.early;
    row.late = counters.late;
    row.late_without_apology = counters.late_without_apology;
    row.supplement_2plus = counters.supplement_2plus;
    row.online_full_share = ChannelShare(counters, Channel::kOnlineFull);
    return row;
}

}  // namespace parindex
