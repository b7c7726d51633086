#pragma once

#include "domain/clock.hpp"
#include "domain/definition_set_store.hpp"
#include "domain/dossier_store.hpp"
#include "domain/store.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"

namespace parindex::http {

/// What the dossier handlers work with; everything outlives the router.
struct DossierApiServices {
    SessionGate& sessions;
    DossierStore& dossiers;
    Store& store;  ///< Units (names, departments) and peer groups (an appraiser's scope).
    /// The stored definition sets; null: only "default" (DefaultDefinitionSet()) is known.
    DefinitionSetStore* definitions;
    const Clock& clock;
};

/// Registers the dossier routes (docs/api/openapi.yaml, tag "dossiers"; GET only): the statistics of a unit-year
/// (`/api/dossiers/stats`), the dossiers behind one number (`/api/dossiers`), the province heat map of units ×
/// months (`/api/dossiers/heatmap`) and one dossier (`/api/dossiers/{id}`). Every route needs a session and
/// read_dossiers on the unit concerned.
void RegisterDossierApi(Router& router, const DossierApiServices& services);

}  // namespace parindex::http
