#pragma once

#include "domain/clock.hpp"
#include "domain/definition_set_store.hpp"
#include "domain/dossier_store.hpp"
#include "domain/kpi_store.hpp"
#include "domain/store.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"
#include "http/workflow_api.hpp"

namespace parindex::http {

/// What the KPI handlers work with; everything outlives the router.
struct KpiApiServices {
    SessionGate& sessions;
    KpiStore& kpis;          ///< The catalogue, targets, manual actuals and criterion rules.
    DossierStore& dossiers;  ///< Actuals of the dossier measures (Aggregate, as GET /api/dossiers/stats).
    Store& store;            ///< Units, peer groups (an appraiser's scope), frameworks and assessments.
    /// The stored definition sets (the active one counts); null: DefaultDefinitionSet().
    DefinitionSetStore* definitions;
    EvidenceFiles files;  ///< The evidence vault shared with the assessment workflow and the plans.
    const Clock& clock;
};

/// Registers the KPI routes (docs/api/openapi.yaml, tag "kpis"): the indicator catalogue (read by everyone, edited
/// with edit_rules), a unit's targets of a year with their actuals, statuses and computations (read_dossiers),
/// setting a target and entering a manual actual with evidence (edit_targets), the overview of every unit the caller
/// may read, a framework's criterion rules (edit_rules to change) and the suggested scores of a unit's assessment
/// (read_results).
void RegisterKpiApi(Router& router, const KpiApiServices& services);

}  // namespace parindex::http
