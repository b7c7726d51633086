#pragma once

#include "domain/dossier_store.hpp"
#include "domain/result.hpp"
#include "domain/store.hpp"

namespace parindex {

/// The demo's dossiers (issue 5 §6): a generated, seeded (the same every time) `year` of dossiers for every
/// commune, ward and town of the store — a few thousand per unit: 90–99 % on time, some late without an apology,
/// 60–80 % fully online, a few with two or more supplement requests or two apologies, a handful returned,
/// withdrawn, rejected or still open at the end of the year — in the units' own departments, the fields dat-dai,
/// ho-tich, chung-thuc, xay-dung and lao-dong-tbxh and procedures with their names. Imported in one transaction as
/// the file "demo:YEAR"; running it again replaces the same dossiers.
Result<DossierImportSummary> SeedDemoDossiers(Store& store, DossierStore& dossiers, int year = 2024);

}  // namespace parindex
