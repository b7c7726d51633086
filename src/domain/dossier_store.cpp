#include "domain/dossier_store.hpp"

namespace parindex {

DossierFacts FactsOf(const CompactDossier& row) {
    DossierFacts facts;
    facts.channel = static_cast<Channel>(row.channel);
    facts.status = static_cast<DossierStatus>(row.status);
    facts.received = ToLocalTime(row.received);
    facts.due = ToLocalTime(row.due);
    facts.finished = ToOptionalLocalTime(row.finished);
    facts.returned = ToOptionalLocalTime(row.returned);
    facts.supplement_requests = row.supplement_requests;
    facts.apology_letters = row.apology_letters;
    return facts;
}

const DefinitionSet& StoredCountersDefinition() {
    static const DefinitionSet set = ReferenceDefinitionSet();
    return set;
}

void CountStored(const CompactDossier& row, DossierCounters& counters) {
    // After every compact time: every stored dossier is judged with all its timestamps known.
    static const LocalTime after_all = ToLocalTime(kNoCompactTime - 1) + LocalTime::kSecondsPerDay * 400;
    CountByReceived(FactsOf(row), StoredCountersDefinition(), after_all, counters);
}

}  // namespace parindex
