#include "http/results_cache.hpp"

#include <algorithm>
#include <utility>

#include "formats/json_writer.hpp"
#include "formats/results_json.hpp"
#include "formats/unicode.hpp"
#include "http/compression.hpp"

namespace parindex::http {
namespace {

const std::vector<std::string>& Lookup(const std::map<std::string, std::vector<std::string>>& map,
                                       const std::string& key) {
    static const std::vector<std::string> empty;
    auto it = map.find(key);
    return it == map.end() ? empty : it->second;
}

/// One ranking row with the keys and values of RankingToJson's rows, compact.
std::string RowJson(const RankingRow& row, int decimals) {
    JsonWriter w;
    w.BeginObject();
    w.Key("rank").Int(row.rank);
    w.Key("unit").String(row.unit_code);
    w.Key("unit_name").String(row.unit_name);
    w.Key("points").Number(row.points);
    w.Key("max").Number(row.max);
    w.Key("index").Fixed(row.index, decimals);
    w.Key("band");
    if (row.band) {
        w.String(row.band->name);
    } else {
        w.Null();
    }
    w.Key("previous_rank").Int(row.previous_rank);
    w.Key("change").Int(row.change);
    w.Key("excluded").Bool(row.excluded);
    w.Key("demo").Bool(row.demo);
    w.EndObject();
    return w.Take();
}

/// The body's gzip bytes when it is worth compressing: computed once per snapshot, served on every request.
std::shared_ptr<const std::string> GzipOf(const std::string& body) {
    if (body.size() < kGzipMinimum) return nullptr;
    auto packed = Gzip(body);
    if (!packed) return nullptr;
    return std::make_shared<const std::string>(std::move(*packed));
}

std::shared_ptr<const RankingPages> MakePages(const GroupRanking& ranking) {
    auto pages = std::make_shared<RankingPages>();
    pages->group_code = ranking.group_code;
    pages->group_name = ranking.group_name;
    pages->year = ranking.year;
    pages->framework_code = ranking.framework_code;
    pages->tie_rule = ranking.tie_rule;
    pages->rows.reserve(ranking.rows.size());
    pages->search_keys.reserve(ranking.rows.size());
    for (const RankingRow& row : ranking.rows) {
        pages->rows.push_back(RowJson(row, ranking.display_decimals));
        pages->search_keys.push_back(FoldForMatching(row.unit_code) + "\n" + FoldForMatching(row.unit_name));
    }
    pages->whole = std::make_shared<const std::string>(pages->Page(0, pages->rows.size(), ""));
    pages->whole_gzip = GzipOf(*pages->whole);
    return pages;
}

}  // namespace

std::string RankingPages::Page(std::size_t offset, std::size_t limit, const std::string& query) const {
    std::vector<std::size_t> matching;
    if (!query.empty()) {
        for (std::size_t i = 0; i < search_keys.size(); ++i) {
            if (search_keys[i].find(query) != std::string::npos) matching.push_back(i);
        }
    }
    const std::size_t total = query.empty() ? rows.size() : matching.size();
    JsonWriter w;
    w.BeginObject();
    w.Key("group").String(group_code);
    w.Key("group_name").String(group_name);
    w.Key("year").Int(static_cast<std::int64_t>(year));
    w.Key("framework").String(framework_code);
    w.Key("tie_rule").String(tie_rule);
    w.Key("total").Int(static_cast<std::int64_t>(total));
    w.Key("offset").Int(static_cast<std::int64_t>(offset));
    w.Key("rows").BeginArray();
    const std::size_t end = offset + std::min(limit, total > offset ? total - offset : 0);
    for (std::size_t i = offset; i < end; ++i) w.Raw(rows[query.empty() ? i : matching[i]]);
    w.EndArray();
    w.EndObject();
    return w.Take() + "\n";
}

YearResults::YearResults(int year, Dataset data) : year_(year), engine_(Dataset{}) {
    for (const PeerGroup& group : data.groups) {
        if (group.year != year) continue;
        for (const GroupMember& member : group.members) {
            unit_groups_[member.unit_code].push_back(group.code);
            group_members_[group.code].push_back(member.unit_code);
        }
    }
    for (const Assessment& assessment : data.assessments) {
        if (assessment.year == year && assessment.status == AssessmentStatus::kPublished) {
            published_units_.insert(assessment.unit_code);
        }
    }
    engine_ = ResultsEngine(std::move(data));
}

bool YearResults::IsPublished(const std::string& unit_code) const { return published_units_.count(unit_code) != 0; }

bool YearResults::IsGroupPublished(const std::string& group_code) const {
    const std::vector<std::string>& members = MembersOf(group_code);
    if (members.empty()) return false;
    for (const std::string& unit : members) {
        if (!IsPublished(unit)) return false;
    }
    return true;
}

const std::vector<std::string>& YearResults::GroupsOf(const std::string& unit_code) const {
    return Lookup(unit_groups_, unit_code);
}

const std::vector<std::string>& YearResults::MembersOf(const std::string& group_code) const {
    return Lookup(group_members_, group_code);
}

Result<CachedJson> YearResults::UnitJson(const std::string& unit_code) const {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        auto it = unit_json_.find(unit_code);
        if (it != unit_json_.end()) return it->second;
    }
    // Computed outside the lock so that cached answers never wait for a computation.
    auto result = engine_.ForUnit(unit_code, year_);
    if (!result) return result.TakeError();
    CachedJson json;
    json.json = std::make_shared<const std::string>(ResultsToJson(*result));
    json.gzip = GzipOf(*json.json);
    const std::lock_guard<std::mutex> lock(mutex_);
    return unit_json_.emplace(unit_code, std::move(json)).first->second;
}

Result<std::shared_ptr<const RankingPages>> YearResults::Ranking(const std::string& group_code) const {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        auto it = rankings_.find(group_code);
        if (it != rankings_.end()) return it->second;
    }
    auto ranking = engine_.Ranking(group_code, year_);
    if (!ranking) return ranking.TakeError();
    auto pages = MakePages(*ranking);
    const std::lock_guard<std::mutex> lock(mutex_);
    return rankings_.emplace(group_code, std::move(pages)).first->second;
}

Result<UnitResult> YearResults::UnitResultOf(const std::string& unit_code) const {
    return engine_.ForUnit(unit_code, year_);
}

Result<GroupRanking> YearResults::RankingOf(const std::string& group_code) const {
    return engine_.Ranking(group_code, year_);
}

std::vector<Finding> YearResults::Check() const { return engine_.Check(year_); }

ResultsCache::ResultsCache(DatasetLoader loader) : loader_(std::move(loader)) {}

Result<std::shared_ptr<const YearResults>> ResultsCache::ForYear(int year) {
    std::uint64_t generation = 0;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        auto it = years_.find(year);
        if (it != years_.end()) return it->second;
        generation = generation_;
    }
    const std::lock_guard<std::mutex> loading(load_mutex_);
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        auto it = years_.find(year);
        if (it != years_.end()) return it->second;
        generation = generation_;
    }
    auto data = loader_(year);
    if (!data) return data.TakeError();
    auto results = std::make_shared<const YearResults>(year, std::move(*data));
    const std::lock_guard<std::mutex> lock(mutex_);
    // A write during the load makes this engine stale: answer with it once, but do not keep it.
    if (generation == generation_) years_[year] = results;
    return std::shared_ptr<const YearResults>(results);
}

void ResultsCache::Invalidate() {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
    years_.clear();
}

}  // namespace parindex::http
