#pragma once

#include "domain/auth_service.hpp"
#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/store.hpp"
#include "http/results_cache.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"

namespace parindex::http {

/// What the API handlers work with; everything outlives the router.
struct ApiServices {
    AuthService& auth;      ///< Logins, sessions, password changes.
    SessionGate& sessions;  ///< The session check shared with the workflow routes.
    AuthStore& users;       ///< Read-only: the display name of the logged-in user.
    Store& store;           ///< Read-only: units, groups and frameworks.
    ResultsCache& results;  ///< Results, rankings and findings per year.
    const Clock& clock;
};

/// Settings of the API.
struct ApiOptions {
    bool secure_cookies = false;  ///< Adds `Secure` to the session cookie (behind TLS).
};

/// Registers every /api route: health, the session (login, logout, current user, password change), units,
/// groups, frameworks, a unit's results and a group's ranking (JSON and .xlsx) and the consistency findings. Every
/// route but health and login needs a session; every state-changing request needs X-CSRF-Token; every read is
/// authorised with Authorize.
void RegisterApi(Router& router, ApiServices services, ApiOptions options = {});

}  // namespace parindex::http
