#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/auth_service.hpp"
#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"
#include "http/results_cache.hpp"
#include "http/router.hpp"
#include "http/session_gate.hpp"

namespace parindex::http {

/// An uploaded file to import, as POST /api/admin/import names it.
struct AdminImport {
    std::string kind;       ///< units | groups | framework | scores | all.
    std::string file_name;  ///< Its extension decides the type; errors name it.
    std::string unit;
    std::optional<int> year;
    std::string framework;
    std::string sheet;
    std::string_view bytes;
    bool dry_run = false;  ///< Read and validate everything, write nothing.
};

/// What an import wrote (or, in a dry run, would write).
struct AdminImportCounts {
    int units = 0;
    int groups = 0;
    int frameworks = 0;
    int assessments = 0;
    int node_scores = 0;
};

/// What to export, as GET /api/admin/export names it.
struct AdminExport {
    std::string kind;    ///< units | groups | framework | scores | all.
    std::string format;  ///< xlsx | json | csv.
    std::string unit;
    std::optional<int> year;
    std::string framework;
};

/// An exported file.
struct AdminDownload {
    std::string file_name;
    std::string content_type;
    std::string bytes;
};

/// Imports and exports as the API sees them (wired in src/app to the import and export of `parindex import` and
/// `parindex export`, since http does not depend on app). `import_file` runs in one transaction of its own, which
/// joins the caller's when there is one.
struct AdminTransfers {
    std::function<Result<AdminImportCounts>(const AdminImport&)> import_file;
    std::function<Result<AdminDownload>(const AdminExport&)> export_file;
};

/// What the administration handlers work with; everything outlives the router.
struct AdminServices {
    SessionGate& sessions;  ///< The session check shared with the rest of the API.
    AuthService& auth;      ///< User administration.
    AuthStore& users;       ///< The audit log.
    Store& store;           ///< Units, groups, frameworks, assessments; its transactions cover the AuthStore too.
    ResultsCache& results;  ///< Invalidated after every write of reference data.
    const Clock& clock;
    AdminTransfers transfers;
};

/// Registers the administration routes under /api/admin (docs/api/openapi.yaml, tag "admin"): users (list,
/// create with a one-time password, update, reset password, disable, enable), units and group-years (create or
/// replace), imports and exports of units, groups, frameworks, scores and everything, and the system-wide audit
/// log. Every route needs a session and Authorize(who, kAdminister); every state-changing one needs
/// X-CSRF-Token; every write runs in one transaction with its audit entries.
void RegisterAdminApi(Router& router, const AdminServices& services);

}  // namespace parindex::http
