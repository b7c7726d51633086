// Classification of dossiers and their statistics against hand-computed fixtures: each timeliness option
// (default, grace, day level), open states, the apology and supplement faults, the three real denominator
// conventions (Thừa Thiên Huế, Vĩnh Phúc, Gia Lai), dossiers set apart, the benchmark's reference rows, and
// counters that add up.

#include <gtest/gtest.h>

#include <set>

#include "domain/dossier.hpp"

namespace parindex {
namespace {

LocalTime T(const char* text) {
    const auto time = ParseLocalTime(text);
    EXPECT_TRUE(time) << text;
    return time.value_or(LocalTime{});
}

Dossier Make(const char* received, const char* due, const char* finished = nullptr,
             Channel channel = Channel::kDirect) {
    Dossier d;
    d.unit = "u1";
    d.channel = channel;
    d.received = T(received);
    d.due = T(due);
    if (finished != nullptr) {
        d.finished = T(finished);
        d.status = DossierStatus::kFinished;
    }
    return d;
}

const LocalTime kFarFuture = LocalTime::FromParts(CivilDate{2100, 1, 1});

TEST(DossierStatsTest, DefaultTimelinessFollowsConventionsMd) {
    // Due 10/03/2024 17:00. Early = finished < 09/03 17:00:00; on time = finished ≤ due; late = finished > due.
    const DefinitionSet set = DefaultDefinitionSet();
    const LocalTime due = T("2024-03-10 17:00:00");
    EXPECT_EQ(JudgeTimeliness(T("2024-03-09 16:59:59"), due, set), Timeliness::kEarly);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-09 17:00:00"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 17:00:00"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 17:00:01"), due, set), Timeliness::kLate);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 23:59:59"), due, set), Timeliness::kLate);
}

TEST(DossierStatsTest, GraceMovesOnlyTheLateBoundary) {
    DefinitionSet set;
    set.grace_seconds = 3600;  // One hour.
    const LocalTime due = T("2024-03-10 17:00:00");
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 18:00:00"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 18:00:01"), due, set), Timeliness::kLate);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-09 16:59:59"), due, set), Timeliness::kEarly);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-09 17:00:00"), due, set), Timeliness::kOnTime);
}

TEST(DossierStatsTest, DayLevelComparesCalendarDays) {
    DefinitionSet set;
    set.day_level = true;  // On time = finished on or before the due date; early = a day or more before it.
    const LocalTime due = T("2024-03-10 17:00:00");
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 23:59:59"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-10 08:00:00"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-11 00:00:00"), due, set), Timeliness::kLate);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-09 23:59:59"), due, set), Timeliness::kEarly);
    // A due time at midnight belongs to its own day; the leap day is an ordinary day.
    const LocalTime midnight = T("2024-03-01 00:00:00");
    EXPECT_EQ(JudgeTimeliness(T("2024-03-01 23:59:59"), midnight, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-02-29 23:59:59"), midnight, set), Timeliness::kEarly);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-02 00:00:00"), midnight, set), Timeliness::kLate);
    // The same times at the instant level: 00:00:01 on the due day is already late.
    EXPECT_EQ(JudgeTimeliness(T("2024-03-01 00:00:01"), midnight, DefaultDefinitionSet()), Timeliness::kLate);
    // Two days' early threshold.
    set.early_days = 2;
    EXPECT_EQ(JudgeTimeliness(T("2024-03-09 08:00:00"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-08 23:59:59"), due, set), Timeliness::kEarly);
    // Day level with a grace of one day: the 11th is still on time.
    set.grace_seconds = 86400;
    EXPECT_EQ(JudgeTimeliness(T("2024-03-11 23:59:59"), due, set), Timeliness::kOnTime);
    EXPECT_EQ(JudgeTimeliness(T("2024-03-12 00:00:00"), due, set), Timeliness::kLate);
}

TEST(DossierStatsTest, OpenDossiersAreNotDueDueSoonOrOverdue) {
    // Due 10/03 17:00 with 3 due-soon days: due soon from 07/03 17:00:00, overdue after 10/03 17:00:00.
    const DefinitionSet set;
    const Dossier d = Make("2024-03-01 08:00:00", "2024-03-10 17:00:00");
    const auto state = [&](const char* as_of) { return Classify(d, set, T(as_of)).open_state; };
    EXPECT_EQ(state("2024-03-07 16:59:59"), OpenState::kNotDue);
    EXPECT_EQ(state("2024-03-07 17:00:00"), OpenState::kDueSoon);
    EXPECT_EQ(state("2024-03-10 17:00:00"), OpenState::kDueSoon);
    EXPECT_EQ(state("2024-03-10 17:00:01"), OpenState::kOverdue);
    // Before it was received it is nothing at all.
    EXPECT_FALSE(Classify(d, set, T("2024-03-01 07:59:59")).received);
    // A dossier finished after as_of is still open as of then.
    Dossier later = Make("2024-03-01 08:00:00", "2024-03-10 17:00:00", "2024-03-12 09:00:00");
    EXPECT_EQ(Classify(later, set, T("2024-03-11 00:00:00")).open_state, OpenState::kOverdue);
    EXPECT_FALSE(Classify(later, set, T("2024-03-11 00:00:00")).finished);
    const DossierClass done = Classify(later, set, T("2024-03-12 09:00:00"));
    EXPECT_TRUE(done.finished);
    EXPECT_EQ(done.timeliness, Timeliness::kLate);
    EXPECT_EQ(done.processing_seconds, 11 * 86400 + 3600);  // 01/03 08:00 → 12/03 09:00.
    // Day level: overdue only from the next day.
    DefinitionSet days;
    days.day_level = true;
    EXPECT_EQ(Classify(d, days, T("2024-03-10 23:59:59")).open_state, OpenState::kDueSoon);
    EXPECT_EQ(Classify(d, days, T("2024-03-11 00:00:00")).open_state, OpenState::kOverdue);
    EXPECT_EQ(Classify(d, days, T("2024-03-07 00:00:00")).open_state, OpenState::kDueSoon);
    EXPECT_EQ(Classify(d, days, T("2024-03-06 23:59:59")).open_state, OpenState::kNotDue);
}

TEST(DossierStatsTest, ApologyFaults) {
    const DefinitionSet set;
    const LocalTime as_of = T("2024-04-01 00:00:00");
    // Late with no apology letter.
    Dossier late = Make("2024-03-01 08:00:00", "2024-03-10 17:00:00", "2024-03-11 09:00:00");
    DossierClass c = Classify(late, set, as_of);
    EXPECT_TRUE(c.late_without_apology);
    EXPECT_FALSE(c.apology_excess);
    EXPECT_FALSE(c.apology_too_late);
    // One letter sent two days before the deadline: no fault.
    late.apology_letters = 1;
    late.apology_sent = T("2024-03-08 17:00:00");
    late.rescheduled_due = T("2024-03-12 17:00:00");
    c = Classify(late, set, as_of);
    EXPECT_FALSE(c.late_without_apology);
    EXPECT_FALSE(c.apology_excess);
    EXPECT_FALSE(c.apology_too_late);
    EXPECT_EQ(c.timeliness, Timeliness::kLate);  // The original due decides; the new date does not excuse.
    // Exactly one day before is in time; one second later is too late.
    late.apology_sent = T("2024-03-09 17:00:00");
    EXPECT_FALSE(Classify(late, set, as_of).apology_too_late);
    late.apology_sent = T("2024-03-09 17:00:01");
    EXPECT_TRUE(Classify(late, set, as_of).apology_too_late);
    // Two letters: the date was moved twice.
    late.apology_letters = 2;
    EXPECT_TRUE(Classify(late, set, as_of).apology_excess);
    // An open overdue dossier without a letter is late without apology too.
    const Dossier open = Make("2024-03-01 08:00:00", "2024-03-10 17:00:00");
    EXPECT_TRUE(Classify(open, set, as_of).late_without_apology);
    // An on-time dossier needs no letter.
    const Dossier ok = Make("2024-03-01 08:00:00", "2024-03-10 17:00:00", "2024-03-10 16:00:00");
    EXPECT_FALSE(Classify(ok, set, as_of).late_without_apology);
}

TEST(DossierStatsTest, SupplementFaultsFromTheThreshold) {
    DefinitionSet set;
    Dossier d = Make("2024-03-01 08:00:00", "2024-03-10 17:00:00");
    d.supplement_requests = 1;
    EXPECT_FALSE(Classify(d, set, kFarFuture).supplement_fault);
    d.supplement_requests = 2;
    EXPECT_TRUE(Classify(d, set, kFarFuture).supplement_fault);
    set.supplement_fault_threshold = 3;
    EXPECT_FALSE(Classify(d, set, kFarFuture).supplement_fault);
    d.supplement_requests = 5;
    EXPECT_TRUE(Classify(d, set, kFarFuture).supplement_fault);
}

// The worked example of the three denominator conventions: one unit, as of 31/03/2024 23:59:59, monthly.
//   A recv 20/02 08:00 due 05/03 17:00 fin 04/03 10:00  early (before 04/03 17:00)   carried into March
//   B recv 25/02 08:00 due 28/02 17:00 fin 02/03 09:00  late                         carried into March
//   C recv 01/03 08:00 due 10/03 17:00 fin 10/03 16:00  on time (not early)
//   D recv 05/03 08:00 due 15/03 17:00 fin 20/03 10:00  late
//   E recv 10/03 08:00 due 20/03 17:00 open             overdue at the end of March
//   F recv 25/03 08:00 due 05/04 17:00 open             not due (4 days 17 hours left > 3 days)
//   G recv 28/03 08:00 due 02/04 17:00 fin 29/03 09:00  early, due in April
//   H recv 12/03 08:00 due 14/03 17:00 fin 14/03 12:00  on time
// March: received 6 (C D E F G H), carried over 2 (A B), processed 6 (A B C D G H): on time 4 (A C G H, of
// which early 2: A G), late 2 (B D); open overdue 1 (E), not due 1 (F). Due in March: A C D E H = 5, of which on
// time 3 (A C H) and late 2 (D finished late, E overdue).
//   Thừa Thiên Huế (processed): on time 4/6 = 66.667 %, late 2/6 = 33.333 %, early 2/6 = 33.333 %.
//   Vĩnh Phúc (due in the period): on time 3/5 = 60.000 %, late 2/5 = 40.000 %.
//   Gia Lai (received + carried over = 8): late (2 + 1)/8 = 37.500 %, on time 4/8 = 50.000 %.
// February (as of its end 29/02 23:59:59): received 2 (A B); open at its end: A not due (due 05/03 17:00 is
// 4 days 17 hours away), B overdue (and without apology); due in February: B, finished late → due_late 1.
std::vector<Dossier> WorkedExample() {
    return {
        Make("2024-02-20 08:00:00", "2024-03-05 17:00:00", "2024-03-04 10:00:00"),  // A
        Make("2024-02-25 08:00:00", "2024-02-28 17:00:00", "2024-03-02 09:00:00"),  // B
        Make("2024-03-01 08:00:00", "2024-03-10 17:00:00", "2024-03-10 16:00:00"),  // C
        Make("2024-03-05 08:00:00", "2024-03-15 17:00:00", "2024-03-20 10:00:00"),  // D
        Make("2024-03-10 08:00:00", "2024-03-20 17:00:00"),                         // E
        Make("2024-03-25 08:00:00", "2024-04-05 17:00:00"),                         // F
        Make("2024-03-28 08:00:00", "2024-04-02 17:00:00", "2024-03-29 09:00:00"),  // G
        Make("2024-03-12 08:00:00", "2024-03-14 17:00:00", "2024-03-14 12:00:00"),  // H
    };
}

std::map<std::string, DossierCounters> Monthly(const std::vector<Dossier>& dossiers, const DefinitionSet& set,
                                               LocalTime as_of) {
    std::map<std::string, DossierCounters> months;
    for (const Dossier& d : dossiers) {
        FoldIntoPeriods(d, set, PeriodKind::kMonth, as_of,
                        [&](const Period& p, const DossierCounters& delta) { months[p.Key()] += delta; });
    }
    return months;
}

TEST(DossierStatsTest, FlowCountsOfTheWorkedExample) {
    const auto months = Monthly(WorkedExample(), DefaultDefinitionSet(), T("2024-03-31 23:59:59"));
    ASSERT_EQ(months.size(), 2u);
    const DossierCounters& feb = months.at("2024-02");
    EXPECT_EQ(feb.received, 2);
    EXPECT_EQ(feb.carried_over, 0);
    EXPECT_EQ(feb.processed, 0);
    EXPECT_EQ(feb.open_not_due, 1);
    EXPECT_EQ(feb.open_overdue, 1);
    EXPECT_EQ(feb.overdue_without_apology, 1);
    EXPECT_EQ(feb.due_total, 1);
    EXPECT_EQ(feb.due_late, 1);
    const DossierCounters& mar = months.at("2024-03");
    EXPECT_EQ(mar.received, 6);
    EXPECT_EQ(mar.received_counted, 6);
    EXPECT_EQ(mar.carried_over, 2);
    EXPECT_EQ(mar.processed, 6);
    EXPECT_EQ(mar.on_time, 4);
    EXPECT_EQ(mar.early, 2);
    EXPECT_EQ(mar.late, 2);
    EXPECT_EQ(mar.late_without_apology, 2);
    EXPECT_EQ(mar.open_overdue, 1);
    EXPECT_EQ(mar.open_not_due, 1);
    EXPECT_EQ(mar.open_due_soon, 0);
    EXPECT_EQ(mar.due_total, 5);
    EXPECT_EQ(mar.due_on_time, 3);
    EXPECT_EQ(mar.due_late, 2);
    // What was to process is processed or still open.
    for (const auto& [key, c] : months) {
        EXPECT_EQ(c.received_counted + c.carried_over, c.processed + c.open_not_due + c.open_due_soon + c.open_overdue)
            << key;
    }
}

TEST(DossierStatsTest, TheThreeRealDenominatorConventions) {
    DefinitionSet set;
    const auto march = [&] { return Monthly(WorkedExample(), set, T("2024-03-31 23:59:59")).at("2024-03"); };
    set.denominator = DenominatorConvention::kProcessedInPeriod;  // Thừa Thiên Huế.
    EXPECT_EQ(OnTimeRate(march(), set), Decimal::FromThousandths(66667));
    EXPECT_EQ(LateRate(march(), set), Decimal::FromThousandths(33333));
    EXPECT_EQ(EarlyRate(march(), set), Decimal::FromThousandths(33333));
    set.denominator = DenominatorConvention::kDueInPeriod;  // Vĩnh Phúc.
    EXPECT_EQ(OnTimeRate(march(), set), Decimal::FromInt(60));
    EXPECT_EQ(LateRate(march(), set), Decimal::FromInt(40));
    set.denominator = DenominatorConvention::kToProcess;  // Gia Lai.
    EXPECT_EQ(TimelinessDenominator(march(), set), 8);
    EXPECT_EQ(LateRate(march(), set), Decimal::FromThousandths(37500));
    EXPECT_EQ(OnTimeRate(march(), set), Decimal::FromInt(50));
    // Nothing to divide by: no rate rather than 0 %.
    EXPECT_FALSE(OnTimeRate(DossierCounters{}, set));
    EXPECT_FALSE(LateRate(DossierCounters{}, DefinitionSet{}));
}

TEST(DossierStatsTest, ReturnedWithdrawnAndRejectedAreCountedApart) {
    std::vector<Dossier> dossiers = WorkedExample();
    Dossier returned = Make("2024-03-03 08:00:00", "2024-03-10 17:00:00");
    returned.status = DossierStatus::kReturnedUnprocessed;
    Dossier withdrawn = Make("2024-03-04 08:00:00", "2024-03-06 17:00:00");
    withdrawn.status = DossierStatus::kWithdrawn;
    withdrawn.channel = Channel::kOnlineFull;
    Dossier rejected = Make("2024-03-06 08:00:00", "2024-03-10 17:00:00", "2024-03-07 10:00:00");
    rejected.status = DossierStatus::kRejected;
    dossiers.push_back(returned);
    dossiers.push_back(withdrawn);
    dossiers.push_back(rejected);
    DefinitionSet set;
    DossierCounters mar = Monthly(dossiers, set, T("2024-03-31 23:59:59")).at("2024-03");
    EXPECT_EQ(mar.received, 9);
    EXPECT_EQ(mar.received_counted, 6);
    EXPECT_EQ(mar.returned, 1);
    EXPECT_EQ(mar.withdrawn, 1);
    EXPECT_EQ(mar.rejected, 1);
    EXPECT_EQ(mar.processed, 6);
    EXPECT_EQ(mar.open_overdue, 1);  // E only: the withdrawn one (due 06/03) is not counted.
    EXPECT_EQ(mar.online_full, 1);
    EXPECT_EQ(OnTimeRate(mar, set), Decimal::FromThousandths(66667));  // Unchanged.
    // Counting rejections: the rejected one is processed early (07/03 10:00 < 09/03 17:00): on time 5/7.
    set.count_rejected = true;
    mar = Monthly(dossiers, set, T("2024-03-31 23:59:59")).at("2024-03");
    EXPECT_EQ(mar.received_counted, 7);
    EXPECT_EQ(mar.processed, 7);
    EXPECT_EQ(mar.early, 3);
    EXPECT_EQ(OnTimeRate(mar, set), Decimal::FromThousandths(71429));  // 5/7 = 71.428571…
    // Counting withdrawals too: the withdrawn one is open and overdue (due 06/03): Gia Lai late (2 + 2)/10.
    set.count_withdrawn = true;
    set.denominator = DenominatorConvention::kToProcess;
    mar = Monthly(dossiers, set, T("2024-03-31 23:59:59")).at("2024-03");
    EXPECT_EQ(mar.open_overdue, 2);
    EXPECT_EQ(LateRate(mar, set), Decimal::FromInt(40));
}

TEST(DossierStatsTest, AnOpenDossierIsCarriedOverEveryMonth) {
    // Received 10/01/2024, due 20/01 17:00, still open on 15/03: overdue at the end of January and February and
    // on 15/03; carried into February and March; due (and late) in January.
    const Dossier d = Make("2024-01-10 08:00:00", "2024-01-20 17:00:00");
    const auto months = Monthly({d}, DefaultDefinitionSet(), T("2024-03-15 12:00:00"));
    ASSERT_EQ(months.size(), 3u);
    EXPECT_EQ(months.at("2024-01").received, 1);
    EXPECT_EQ(months.at("2024-01").open_overdue, 1);
    EXPECT_EQ(months.at("2024-01").due_late, 1);
    EXPECT_EQ(months.at("2024-02").carried_over, 1);
    EXPECT_EQ(months.at("2024-02").open_overdue, 1);
    EXPECT_EQ(months.at("2024-03").carried_over, 1);
    EXPECT_EQ(months.at("2024-03").open_overdue, 1);
    EXPECT_EQ(months.at("2024-03").received, 0);
    // Received at 23:59:59 on 31/01 and finished at 00:00:00 on 01/02: received in January, processed in
    // February, carried over into February.
    const Dossier edge = Make("2024-01-31 23:59:59", "2024-02-01 17:00:00", "2024-02-01 00:00:00");
    const auto edges = Monthly({edge}, DefaultDefinitionSet(), kFarFuture);
    EXPECT_EQ(edges.at("2024-01").received, 1);
    EXPECT_EQ(edges.at("2024-01").open_due_soon, 1);  // At 31/01 23:59:59, due within 3 days.
    EXPECT_EQ(edges.at("2024-02").carried_over, 1);
    EXPECT_EQ(edges.at("2024-02").processed, 1);
    EXPECT_EQ(edges.at("2024-02").on_time, 1);
    EXPECT_EQ(edges.at("2024-02").processing_seconds_sum, 1);
}

TEST(DossierStatsTest, WeeklyAndDailyFlowsSplitAtTheirBoundaries) {
    // Received Sunday 03/03/2024 23:59:59 (week 9), finished Monday 04/03 00:00:00 (week 10).
    const Dossier d = Make("2024-03-03 23:59:59", "2024-03-05 17:00:00", "2024-03-04 00:00:00");
    std::map<std::string, DossierCounters> weeks;
    FoldIntoPeriods(d, DefaultDefinitionSet(), PeriodKind::kWeek, kFarFuture,
                    [&](const Period& p, const DossierCounters& delta) { weeks[p.Key()] += delta; });
    EXPECT_EQ(weeks.at("2024-W09").received, 1);
    EXPECT_EQ(weeks.at("2024-W10").processed, 1);
    EXPECT_EQ(weeks.at("2024-W10").on_time, 1);
    EXPECT_EQ(weeks.at("2024-W10").early, 1);  // 04/03 00:00 < 05/03 17:00 − 1 day.
    std::map<std::string, DossierCounters> days;
    const Dossier leap = Make("2024-02-28 10:00:00", "2024-03-01 17:00:00", "2024-02-29 23:59:59");
    FoldIntoPeriods(leap, DefaultDefinitionSet(), PeriodKind::kDay, kFarFuture,
                    [&](const Period& p, const DossierCounters& delta) { days[p.Key()] += delta; });
    EXPECT_EQ(days.at("2024-02-28").received, 1);
    EXPECT_EQ(days.at("2024-02-29").carried_over, 1);
    EXPECT_EQ(days.at("2024-02-28").open_due_soon, 1);  // At 28/02 23:59:59 the due time is 1 day 17 hours away.
    EXPECT_EQ(days.at("2024-02-29").on_time, 1);
    EXPECT_EQ(days.at("2024-02-29").early, 0);  // 29/02 23:59:59 is not before 01/03 17:00 − 1 day.
    EXPECT_EQ(days.count("2024-03-01"), 1u);    // Due that day, on time.
    EXPECT_EQ(days.at("2024-03-01").due_on_time, 1);
}

// The reference question on a hand-made file (unit u1, January and February 2024, as of a far future):
//   1 recv 31/01 23:59:59 due 05/02 17:00 fin 02/02 10:00 online_full   January: early
//   4 recv 15/01 09:00    due 20/01 17:00 fin 22/01 09:00 direct         January: late, 1 apology, 3 supplements
//   5 recv 16/01 00:00    due 25/01 17:00 open             online_partial January: not finished
//   2 recv 01/02 00:00:00 due 05/02 17:00 fin 06/02 08:00 direct         February: late, no apology, 2 supplements
//   3 recv 29/02 12:00    due 04/03 17:00 fin 04/03 17:00 online_full   February: on time (exactly at due)
//   6 recv 10/02 10:00    due 12/02 17:00 fin 12/02 09:00 postal         February: on time, not early
//   7 recv 20/02 08:00    due 25/02 17:00 withdrawn        online_full   February: counted (the question ignores
//   status)
// January: total 3, finished 2, on time 1, early 1, late 1, late w/o apology 0, ≥2 supplements 1, online 1/3.
// February: total 4, finished 3, on time 2, early 0, late 1, late w/o apology 1, ≥2 supplements 1, online 2/4.
std::vector<Dossier> ReferenceFile() {
    std::vector<Dossier> file;
    file.push_back(Make("2024-01-31 23:59:59", "2024-02-05 17:00:00", "2024-02-02 10:00:00", Channel::kOnlineFull));
    file.push_back(Make("2024-01-15 09:00:00", "2024-01-20 17:00:00", "2024-01-22 09:00:00"));
    file.back().apology_letters = 1;
    file.back().supplement_requests = 3;
    file.push_back(Make("2024-01-16 00:00:00", "2024-01-25 17:00:00", nullptr, Channel::kOnlinePartial));
    file.push_back(Make("2024-02-01 00:00:00", "2024-02-05 17:00:00", "2024-02-06 08:00:00"));
    file.back().supplement_requests = 2;
    file.push_back(Make("2024-02-29 12:00:00", "2024-03-04 17:00:00", "2024-03-04 17:00:00", Channel::kOnlineFull));
    file.push_back(Make("2024-02-10 10:00:00", "2024-02-12 17:00:00", "2024-02-12 09:00:00", Channel::kPostal));
    file.push_back(Make("2024-02-20 08:00:00", "2024-02-25 17:00:00", nullptr, Channel::kOnlineFull));
    file.back().status = DossierStatus::kWithdrawn;
    return file;
}

TEST(DossierStatsTest, ReferenceRowsOfTheBenchmarkQuestion) {
    DossierTally tally({Dimension::kUnit}, PeriodKind::kMonth, ReferenceDefinitionSet(), kFarFuture, true);
    for (const Dossier& d : ReferenceFile()) tally.Add(d);
    Dossier other = Make("2024-02-01 08:00:00", "2024-02-02 17:00:00", "2024-02-01 09:00:00");
    other.unit = "u2";
    tally.Add(other);
    ASSERT_EQ(tally.Rows().size(), 3u);
    const auto row = [&](const char* unit, const char* month) {
        return ToReferenceRow(
            tally.Rows().at(StatsKey{DossierKey{unit, "", "", "", std::nullopt}, *ParsePeriodKey(month)}));
    };
    ReferenceRow jan{3, 2, 1, 1, 1, 0, 1, Decimal::FromThousandths(33333)};
    EXPECT_EQ(row("u1", "2024-01"), jan);
    ReferenceRow feb{4, 3, 2, 0, 1, 1, 1, Decimal::FromInt(50)};
    EXPECT_EQ(row("u1", "2024-02"), feb);
    ReferenceRow u2{1, 1, 1, 1, 0, 0, 0, Decimal::FromInt(0)};  // 01/02 09:00 < 01/02 17:00 − 1 day: early.
    EXPECT_EQ(row("u2", "2024-02"), u2);
    // Under the default set the withdrawn one is set apart but still received.
    DossierCounters feb_default;
    for (const Dossier& d : ReferenceFile()) {
        if (MonthKey(d.received) == "2024-02") CountByReceived(d, DefaultDefinitionSet(), kFarFuture, feb_default);
    }
    EXPECT_EQ(feb_default.received, 4);
    EXPECT_EQ(feb_default.received_counted, 3);
    EXPECT_EQ(feb_default.withdrawn, 1);
    EXPECT_EQ(feb_default.processed, 3);
}

TEST(DossierStatsTest, CountersAddUp) {
    // Folding every dossier into one counter equals the sum of one counter per dossier, and per-month tallies
    // add up to the whole.
    const std::vector<Dossier> file = ReferenceFile();
    DossierCounters whole;
    DossierCounters sum;
    for (const Dossier& d : file) {
        CountByReceived(d, DefaultDefinitionSet(), kFarFuture, whole);
        DossierCounters one;
        CountByReceived(d, DefaultDefinitionSet(), kFarFuture, one);
        sum += one;
    }
    EXPECT_EQ(whole, sum);
    EXPECT_EQ(whole.received, 7);
    EXPECT_EQ(whole.direct + whole.online_partial + whole.online_full + whole.postal, whole.received);
    EXPECT_EQ(whole.on_time + whole.late, whole.processed);
    DossierTally tally({}, PeriodKind::kMonth, DefaultDefinitionSet(), kFarFuture, true);
    for (const Dossier& d : file) tally.Add(d);
    DossierCounters from_rows;
    for (const auto& [key, counters] : tally.Rows()) from_rows += counters;
    EXPECT_EQ(from_rows, whole);
    EXPECT_EQ((DossierCounters{} + whole), whole);
    // Processing time: 1: 1 d 10 h 0 m 1 s; 4: 7 d; 2: 5 d 8 h; 3: 4 d 5 h; 6: 1 d 23 h.
    const std::int64_t expected =
        (86400 + 10 * 3600 + 1) + 7 * 86400 + (5 * 86400 + 8 * 3600) + (4 * 86400 + 5 * 3600) + (86400 + 23 * 3600);
    EXPECT_EQ(whole.processing_seconds_sum, expected);
    EXPECT_EQ(AverageProcessingSeconds(whole), DivideRoundHalfAway(expected, 5));
    EXPECT_FALSE(AverageProcessingSeconds(DossierCounters{}));
    // The flow view over the same file receives each dossier once.
    DossierTally flow({Dimension::kUnit, Dimension::kChannel}, PeriodKind::kQuarter, DefaultDefinitionSet(), kFarFuture,
                      false);
    for (const Dossier& d : file) flow.Add(d);
    std::int64_t received = 0;
    for (const auto& [key, counters] : flow.Rows()) received += counters.received;
    EXPECT_EQ(received, 7);
}

// The reference rows against the benchmark's SQL read literally (text comparison of `YYYY-MM-DD HH:MM:SS`, as
// reference_sqlite.sql does), on 20,000 generated dossiers with many at the boundaries (exactly at due, exactly
// one day before, one second either side, month ends, the leap day).
TEST(DossierStatsTest, ReferenceRowsEqualTheSqlReadingOnGeneratedDossiers) {
    std::uint64_t state = 42;
    const auto next = [&](std::uint64_t below) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % below;
    };
    struct Row {
        std::string unit, received, due, finished;
        int apologies = 0, supplements = 0;
        Channel channel = Channel::kDirect;
    };
    const LocalTime year_start = T("2024-01-01 00:00:00");
    std::vector<Row> rows;
    DossierTally tally({Dimension::kUnit}, PeriodKind::kMonth, ReferenceDefinitionSet(), kFarFuture, true);
    for (int i = 0; i < 20000; ++i) {
        Row row;
        row.unit = "u" + std::to_string(next(7));
        LocalTime received = year_start + static_cast<std::int64_t>(next(366 * 86400ULL));
        if (next(10) == 0) received = T("2024-01-31 23:59:59") + static_cast<std::int64_t>(next(2));
        if (next(20) == 0) received = T("2024-02-29 23:59:59") + static_cast<std::int64_t>(next(2));
        const LocalTime due = received + static_cast<std::int64_t>(3600 + next(15 * 86400ULL));
        std::optional<LocalTime> finished;
        switch (next(10)) {
            case 0:
                break;  // Open.
            case 1:
                finished = due;
                break;
            case 2:
                finished = due - 86400;
                break;
            case 3:
                finished = due - 86400 - 1;
                break;
            case 4:
                finished = due + 1;
                break;
            case 5:
                finished = due - 86400 + 1;
                break;
            default:
                finished =
                    received + static_cast<std::int64_t>(next(static_cast<std::uint64_t>(due - received) + 2 * 86400));
        }
        row.received = received.Iso();
        row.due = due.Iso();
        row.finished = finished ? finished->Iso() : "";
        row.apologies = static_cast<int>(next(3));
        row.supplements = static_cast<int>(next(4));
        row.channel = static_cast<Channel>(next(4));
        rows.push_back(row);

        Dossier d;
        d.unit = row.unit;
        d.channel = row.channel;
        d.received = *ParseLocalTime(row.received);
        d.due = *ParseLocalTime(row.due);
        if (!row.finished.empty()) d.finished = ParseLocalTime(row.finished);
        d.status = finished ? DossierStatus::kFinished
                            : (i % 5 == 0 ? DossierStatus::kReturnedUnprocessed : DossierStatus::kInProgress);
        d.apology_letters = row.apologies;
        d.supplement_requests = row.supplements;
        tally.Add(d);
    }
    // The SQL, literally: text comparisons, and due − 1 day by calendar arithmetic on the text.
    struct Sql {
        std::int64_t total = 0, finished = 0, on_time = 0, early = 0, late = 0, lwa = 0, supp = 0, online = 0;
    };
    std::map<std::pair<std::string, std::string>, Sql> sql;
    for (const Row& row : rows) {
        Sql& s = sql[{row.unit, row.received.substr(0, 7)}];
        ++s.total;
        const CivilDate due_date = *ParseCivilDate(row.due.substr(0, 10));
        const std::string day_before = due_date.AddDays(-1).Iso() + row.due.substr(10);
        if (!row.finished.empty()) {
            ++s.finished;
            if (row.finished <= row.due) ++s.on_time;
            if (row.finished < day_before) ++s.early;
            if (row.finished > row.due) ++s.late;
            if (row.finished > row.due && row.apologies == 0) ++s.lwa;
        }
        if (row.supplements >= 2) ++s.supp;
        if (row.channel == Channel::kOnlineFull) ++s.online;
    }
    ASSERT_EQ(tally.Rows().size(), sql.size());
    std::int64_t boundary_total = 0;
    for (const auto& [key, s] : sql) {
        const StatsKey stats_key{DossierKey{key.first, "", "", "", std::nullopt}, *ParsePeriodKey(key.second)};
        ASSERT_EQ(tally.Rows().count(stats_key), 1u) << key.first << " " << key.second;
        const ReferenceRow row = ToReferenceRow(tally.Rows().at(stats_key));
        const ReferenceRow expected{
            s.total,   s.finished,
            s.on_time, s.early,
            s.late,    s.lwa,
            s.supp,    Decimal::FromThousandths((2 * s.online * 100000 + s.total) / (2 * s.total))};
        EXPECT_EQ(row, expected) << key.first << " " << key.second;
        boundary_total += s.total;
    }
    EXPECT_EQ(boundary_total, 20000);
}

TEST(DossierStatsTest, CounterFieldsNameEveryCounterOnce) {
    const auto fields = CounterFields();
    ASSERT_EQ(fields.size(), 26u);
    EXPECT_EQ(std::string(fields[0].name), "received");
    EXPECT_EQ(std::string(fields.back().name), "processing_seconds_sum");
    EXPECT_EQ(std::string(fields[5].label_vi), "Giải quyết đúng hạn (kể cả trước hạn)");
    std::set<std::string> names;
    std::set<std::string> labels;
    for (const CounterField& field : fields) {
        names.insert(field.name);
        labels.insert(field.label_vi);
        EXPECT_NE(std::string(field.label_en), "") << field.name;
    }
    EXPECT_EQ(names.size(), fields.size());
    EXPECT_EQ(labels.size(), fields.size());
    // Setting each counter through its member pointer to a distinct value touches a distinct member.
    DossierCounters c;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        c.*fields[i].member = static_cast<std::int64_t>(i + 1);
        sum += static_cast<std::int64_t>(i + 1);
    }
    std::int64_t read = 0;
    for (const CounterField& field : fields) read += c.*field.member;
    EXPECT_EQ(read, sum);
    EXPECT_EQ(c.supplement_2plus, 22);
    EXPECT_EQ(c.late_without_apology, 18);
    // operator+= adds every one of them.
    DossierCounters twice = c;
    twice += c;
    for (const CounterField& field : fields) EXPECT_EQ(twice.*field.member, 2 * (c.*field.member)) << field.name;
}

TEST(DossierStatsTest, PercentsRoundHalfAwayFromZero) {
    EXPECT_EQ(PercentOf(1, 3), Decimal::FromThousandths(33333));
    EXPECT_EQ(PercentOf(2, 3), Decimal::FromThousandths(66667));
    EXPECT_EQ(PercentOf(201, 800), Decimal::FromThousandths(25125));
    EXPECT_EQ(PercentOf(1, 200000), Decimal::FromThousandths(1));  // 0.0005 % rounds up to 0.001.
    EXPECT_EQ(PercentOf(1, 200001), Decimal::FromThousandths(0));
    EXPECT_EQ(PercentOf(0, 5), Decimal::FromInt(0));
    EXPECT_FALSE(PercentOf(1, 0));
    DossierCounters c;
    c.received = 8;
    c.online_full = 2;
    c.postal = 1;
    EXPECT_EQ(ChannelShare(c, Channel::kOnlineFull), Decimal::FromInt(25));
    EXPECT_EQ(ChannelShare(c, Channel::kPostal), Decimal::FromThousandths(12500));
    EXPECT_EQ(ChannelShare(c, Channel::kDirect), Decimal::FromInt(0));
}

}  // namespace
}  // namespace parindex
