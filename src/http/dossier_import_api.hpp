#pragma once

#include "domain/clock.hpp"
#include "domain/dossier_mapping.hpp"
#include "domain/dossier_store.hpp"
#include "domain/store.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"

namespace parindex::http {

/// What the dossier import handlers work with; everything outlives the router.
struct DossierImportApiServices {
    SessionGate& sessions;
    DossierStore& dossiers;
    Store& store;                   ///< The unit register (strict dictionaries).
    DossierMappingStore& mappings;  ///< Mapping profiles and the import history.
    const Clock& clock;
};

/// Registers the import routes (docs/api/openapi.yaml, tag "dossiers"): POST /api/dossiers/imports (the file as
/// the body; unit, mapping, dry_run, skip_bad, file), GET /api/dossiers/imports?unit= (the unit's history),
/// GET /api/dossiers/imports/{id}/report (the bad-row report, CSV), POST /api/dossiers/imports/preview (headers
/// and first rows of a file) and GET/PUT/DELETE /api/dossiers/mappings[/{name}]. Every route needs a session and
/// import_dossiers on the unit concerned (the mappings: on the caller's own unit; administrators everywhere).
/// Register them before the dossier routes, whose /api/dossiers/{id} would otherwise take /api/dossiers/imports.
void RegisterDossierImportApi(Router& router, const DossierImportApiServices& services);

}  // namespace parindex::http
