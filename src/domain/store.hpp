#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/framework.hpp"
#include "domain/peer_group.hpp"
#include "domain/result.hpp"
#include "domain/unit.hpp"

namespace parindex {

/// The storage port: every repository the domain needs, implemented by storage/sqlite (and later postgres).
/// Implementations translate driver errors into ErrorCode::kStorage with a readable message; the domain
/// never sees SQLite or PostgreSQL errors.
class Store {
  public:
    virtual ~Store() = default;

    /// Runs `work` in one transaction: commits when it returns Ok, rolls everything back otherwise
    /// (and on an exception, which is rethrown). Nested calls join the outer transaction.
    virtual Status InTransaction(const std::function<Status()>& work) = 0;

    /// Inserts or replaces a unit (and its departments) by code.
    virtual Status SaveUnit(const Unit& unit) = 0;
    /// The unit with this code, or nothing.
    virtual Result<std::optional<Unit>> FindUnit(const std::string& code) = 0;
    /// Every unit, ordered by code.
    virtual Result<std::vector<Unit>> ListUnits() = 0;

    /// Inserts or replaces a peer group's year: its name, framework and the whole member list of that year.
    virtual Status SavePeerGroup(const PeerGroup& group) = 0;
    /// The group's year, or nothing.
    virtual Result<std::optional<PeerGroup>> FindPeerGroup(const std::string& code, int year) = 0;
    /// Every group-year, or those of one year; ordered by code then year.
    virtual Result<std::vector<PeerGroup>> ListPeerGroups(std::optional<int> year) = 0;

    /// Inserts or replaces a framework with its bands and nodes (in the given order).
    virtual Status SaveFramework(const Framework& framework) = 0;
    /// The framework, or nothing.
    virtual Result<std::optional<Framework>> FindFramework(const std::string& code) = 0;
    /// Every framework, ordered by code.
    virtual Result<std::vector<Framework>> ListFrameworks() = 0;

    /// Inserts or replaces a unit's assessment for a year with all its figures.
    virtual Status SaveAssessment(const Assessment& assessment) = 0;
    /// The unit's assessment for a year, or nothing.
    virtual Result<std::optional<Assessment>> FindAssessment(const std::string& unit_code, int year) = 0;
    /// Every assessment whose year lies in [from_year, to_year], ordered by unit then year.
    virtual Result<std::vector<Assessment>> ListAssessments(int from_year, int to_year) = 0;
};

}  // namespace parindex
