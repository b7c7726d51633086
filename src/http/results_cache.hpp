#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/result.hpp"
#include "domain/results_engine.hpp"

namespace parindex::http {

/// Loads what the results engine needs to answer questions about a year (LoadDataset over the data folder's
/// store; wired in src/app, since http does not depend on app).
using DatasetLoader = std::function<Result<Dataset>(int year)>;

/// A peer group's ranking of one year, serialised once so that a page is a concatenation of rows.
struct RankingPages {
    std::string group_code;
    std::string group_name;
    int year = 0;
    std::string framework_code;
    std::string tie_rule;
    std::vector<std::string> rows;                  ///< Each row as compact JSON, the keys of RankingToJson's rows.
    std::vector<std::string> search_keys;           ///< Each row's code and name folded for matching (no diacritics).
    std::shared_ptr<const std::string> whole;       ///< The body of the whole ranking (offset 0, every row).
    std::shared_ptr<const std::string> whole_gzip;  ///< `whole` gzip-compressed (null when too small to gain).

    /// The body of rows [offset, offset + limit) of those matching `query` (folded; empty matches all):
    /// {"group","group_name","year","framework","tie_rule","total","offset","rows"}.
    std::string Page(std::size_t offset, std::size_t limit, const std::string& query) const;
};

/// A JSON body kept by the cache, with its gzip-compressed bytes when it is large enough to gain from them.
struct CachedJson {
    std::shared_ptr<const std::string> json;
    std::shared_ptr<const std::string> gzip;  ///< Null below kGzipMinimum bytes.
};

/// One year's results engine with the JSON it has already produced: a unit's results (exactly
/// `parindex results --format json`) and group rankings are computed once and then served from memory.
class YearResults {
  public:
    YearResults(int year, Dataset data);

    /// The year answered.
    int Year() const { return year_; }
    /// The peer groups `unit_code` belongs to this year (empty when none).
    const std::vector<std::string>& GroupsOf(const std::string& unit_code) const;
    /// The units of `group_code` this year (empty when none).
    const std::vector<std::string>& MembersOf(const std::string& group_code) const;
    /// The unit's assessment of this year is published (public: everyone may read it).
    bool IsPublished(const std::string& unit_code) const;
    /// Every member of the group this year has a published assessment (and there is at least one member).
    bool IsGroupPublished(const std::string& group_code) const;
    /// The unit's results JSON; kNotFound as the engine reports it.
    Result<CachedJson> UnitJson(const std::string& unit_code) const;
    /// The group's ranking, ready for paging; kNotFound as the engine reports it.
    Result<std::shared_ptr<const RankingPages>> Ranking(const std::string& group_code) const;
    /// The unit's results as the engine computes them (for the .xlsx download; not kept: downloads are rare).
    Result<UnitResult> UnitResultOf(const std::string& unit_code) const;
    /// The group's ranking as the engine computes it (for the .xlsx download; not kept).
    Result<GroupRanking> RankingOf(const std::string& group_code) const;
    /// The year's consistency findings.
    std::vector<Finding> Check() const;

  private:
    int year_;
    ResultsEngine engine_;
    std::map<std::string, std::vector<std::string>> unit_groups_;
    std::map<std::string, std::vector<std::string>> group_members_;
    std::set<std::string> published_units_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, CachedJson> unit_json_;
    mutable std::unordered_map<std::string, std::shared_ptr<const RankingPages>> rankings_;
};

/// The results engines of the years asked about, built on first use and kept until Invalidate (any write).
/// Thread-safe: concurrent requests share one engine per year.
class ResultsCache {
  public:
    explicit ResultsCache(DatasetLoader loader);

    /// The year's results, loading the dataset the first time; the loader's error otherwise.
    Result<std::shared_ptr<const YearResults>> ForYear(int year);
    /// Forgets every year (call after any write to units, groups, frameworks or scores).
    void Invalidate();

  private:
    DatasetLoader loader_;
    std::mutex mutex_;       ///< Guards years_ and generation_.
    std::mutex load_mutex_;  ///< One load at a time, so that a burst of first requests loads a year once.
    std::map<int, std::shared_ptr<const YearResults>> years_;
    std::uint64_t generation_ = 0;
};

}  // namespace parindex::http
