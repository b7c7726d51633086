#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "domain/clock.hpp"
#include "domain/dossier_store.hpp"
#include "domain/result.hpp"

namespace parindex {

namespace sqlite {
class Connection;
}  // namespace sqlite

/// The DossierStore port on the data folder's SQLite database (migration 0005): its own connection to the same
/// file (WAL), so that the long import transaction does not hold the connection of the other stores. Public
/// methods are serialised by a mutex.
class SqliteDossierStore final : public DossierStore {
  public:
    /// Opens (creating if needed) the database at `path` with the settings of SqliteStore::Open and applies
    /// pending migrations.
    static Result<std::unique_ptr<SqliteDossierStore>> Open(const std::string& path, const Clock& clock);
    ~SqliteDossierStore() override;

    Result<DossierImportSummary> ImportDossiers(const DossierBatch& batch, const DossierProgress& progress) override;
    Result<DossierImportSummary> ImportDossierParts(const std::string& file,
                                                    const std::function<Result<std::optional<DossierBatch>>()>& next,
                                                    const DossierProgress& progress) override;
    Result<std::vector<UnitMonthCounters>> UnitMonthStats(std::optional<int> year) override;
    Result<DossierPage> UnitMonthDossiers(const std::string& unit, int year, int month, std::int64_t offset,
                                          std::int64_t limit) override;
    Result<std::optional<Dossier>> FindDossier(const std::string& id) override;
    Result<std::vector<DossierStatsRow>> Aggregate(const DossierQuery& query) override;
    Result<DossierPage> ListDossiers(const DossierListQuery& query) override;
    Result<DossierNames> Names() override;

  private:
    SqliteDossierStore(std::unique_ptr<sqlite::Connection> connection, const Clock& clock);
    /// Stores one batch in the open transaction: the body of ImportDossiers and of each part of ImportDossierParts.
    Result<DossierImportSummary> StoreBatch(const DossierBatch& batch, const DossierProgress& progress);
    /// Records an import in dossier_imports.
    void LogImport(const std::string& file, const DossierImportSummary& summary);

    std::mutex mutex_;
    std::unique_ptr<sqlite::Connection> connection_;
    const Clock& clock_;
};

}  // namespace parindex
