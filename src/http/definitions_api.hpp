#pragma once

#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/definition_set_store.hpp"
#include "domain/store.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"

namespace parindex::http {

/// What the definition-set handlers work with; everything outlives the router.
struct DefinitionsApiServices {
    SessionGate& sessions;
    DefinitionSetStore& definitions;
    Store& store;      ///< Transactions: a save and its audit entries are one.
    AuthStore& audit;  ///< The system-wide audit log.
    const Clock& clock;
};

/// Registers the definition-set routes (docs/api/openapi.yaml, tag "dossiers"): the list with the active one
/// (GET /api/dossiers/definitions), one set with its versions (GET /api/dossiers/definitions/{code}?version=),
/// saving a new version (PUT, edit_rules) and activating a code (POST …/{code}/activate, edit_rules). Every
/// route needs a session; reading is open to every signed-in user. Register them before the dossier routes, whose
/// /api/dossiers/{id} would otherwise take /api/dossiers/definitions.
void RegisterDefinitionsApi(Router& router, const DefinitionsApiServices& services);

}  // namespace parindex::http
