// The results engine evaluates lazily and keeps rank tables: answers must not depend on what was asked before,
// and a large group (evaluated on two threads) must rank as RankDescending does.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "domain/ranking.hpp"
#include "domain/results_engine.hpp"

namespace parindex {
namespace {

constexpr int kUnits = 600;  // Above the size from which the engine evaluates a group on two threads.

std::string UnitCode(int i) { return "u" + std::to_string(1000 + i); }

/// Three areas of three criteria (max 10 each), two years, one group; a few units unranked, some of them unscored.
Dataset LargeGroup() {
    Dataset d;
    Framework fw;
    fw.code = "fw";
    fw.display_decimals = 2;
    fw.bands = {Band{"a", "A", Decimal::FromInt(80), false}, Band{"b", "B", Decimal::FromInt(0), false}};
    for (int a = 1; a <= 3; ++a) {
        FrameworkNode area;
        area.code = std::to_string(a);
        fw.nodes.push_back(area);
        for (int c = 1; c <= 3; ++c) {
            FrameworkNode leaf;
            leaf.code = area.code + "." + std::to_string(c);
            leaf.parent_code = area.code;
            leaf.max = Decimal::FromInt(10);
            fw.nodes.push_back(leaf);
        }
    }
    d.frameworks.push_back(fw);
    std::mt19937 rng(7);
    for (int i = 0; i < kUnits; ++i) {
        Unit u;
        u.code = UnitCode(i);
        u.name = "Đơn vị " + u.code;
        d.units.push_back(u);
    }
    for (int year = 2023; year <= 2024; ++year) {
        PeerGroup g;
        g.code = "big";
        g.name = "Nhóm lớn";
        g.year = year;
        g.framework_code = "fw";
        for (int i = 0; i < kUnits; ++i) g.members.push_back({UnitCode(i), i % 97 != 5, {}});
        d.groups.push_back(g);
        for (int i = 0; i < kUnits; ++i) {
            if (i % 97 == 5 && year == 2024) continue;  // An unranked unit without assessment.
            Assessment a;
            a.unit_code = UnitCode(i);
            a.year = year;
            a.framework_code = "fw";
            for (const auto& n : fw.nodes) {
                if (n.parent_code.empty()) continue;
                NodeScore s;
                s.code = n.code;
                // Quarter-point steps: many ties.
                s.appraised = Decimal::FromThousandths(static_cast<std::int64_t>(rng() % 41) * 250);
                s.provenance = Provenance::kEntered;
                a.nodes.push_back(s);
            }
            d.assessments.push_back(a);
        }
    }
    return d;
}

/// The expected total ranks of a year, worked out directly with RankDescending.
RankTable ExpectedTotalRanks(const Dataset& d, int year) {
    std::map<std::string, bool> ranked;
    for (const auto& g : d.groups)
        if (g.year == year)
            for (const auto& m : g.members) ranked[m.unit_code] = m.ranked;
    std::vector<std::pair<std::string, Decimal>> entries;
    for (const auto& a : d.assessments) {
        if (a.year != year || !ranked[a.unit_code]) continue;
        Decimal total;
        for (const auto& s : a.nodes) total += *s.appraised;
        entries.emplace_back(a.unit_code, *Decimal::Percent(total, Decimal::FromInt(90), 2));
    }
    return RankDescending(entries);
}

TEST(RanksCache, CompetitionRanksAgreeWithRankDescending) {
    std::mt19937 rng(3);
    std::vector<std::pair<Decimal, int>> entries;
    std::vector<std::pair<std::string, Decimal>> named;
    for (int i = 0; i < 500; ++i) {
        const Decimal v = Decimal::FromInt(static_cast<std::int64_t>(rng() % 60));
        entries.emplace_back(v, i);
        named.emplace_back("n" + std::to_string(i), v);
    }
    const auto ranks = CompetitionRanks(entries);
    auto table = RankDescending(named);
    ASSERT_EQ(ranks.size(), entries.size());
    for (int i = 0; i < 500; ++i) EXPECT_EQ(ranks[static_cast<std::size_t>(i)], table.rank["n" + std::to_string(i)]);
}

TEST(RanksCache, LargeGroupRanksAsRankDescending) {
    const Dataset d = LargeGroup();
    const RankTable now = ExpectedTotalRanks(d, 2024);
    const RankTable before = ExpectedTotalRanks(d, 2023);
    ResultsEngine engine(d);
    auto g = engine.Ranking("big", 2024);
    ASSERT_TRUE(g.Ok());
    ASSERT_EQ(g->rows.size(), static_cast<std::size_t>(kUnits));
    int ranked_rows = 0;
    for (const auto& row : g->rows) {
        auto it = now.rank.find(row.unit_code);
        if (it == now.rank.end()) {
            EXPECT_FALSE(row.rank.has_value()) << row.unit_code;
            continue;
        }
        ++ranked_rows;
        ASSERT_TRUE(row.rank.has_value()) << row.unit_code;
        EXPECT_EQ(*row.rank, it->second) << row.unit_code;
        auto prev = before.rank.find(row.unit_code);
        if (prev == before.rank.end()) {
            EXPECT_FALSE(row.previous_rank.has_value()) << row.unit_code;
        } else {
            EXPECT_EQ(row.previous_rank, prev->second) << row.unit_code;
            EXPECT_EQ(row.change, prev->second - it->second) << row.unit_code;
        }
    }
    EXPECT_EQ(ranked_rows, now.of);
    auto u = engine.ForUnit(UnitCode(10), 2024);
    ASSERT_TRUE(u.Ok());
    ASSERT_EQ(u->ranks.size(), 1u);
    EXPECT_EQ(u->ranks[0].rank, now.rank.at(UnitCode(10)));
    EXPECT_EQ(u->ranks[0].of, now.of);
    // Area 2's rank, against RankDescending over the peers' area points.
    std::vector<std::pair<std::string, Decimal>> area2;
    for (const auto& a : d.assessments) {
        if (a.year != 2024 || now.rank.count(a.unit_code) == 0) continue;
        Decimal points;
        for (const auto& s : a.nodes)
            if (s.code.rfind("2.", 0) == 0) points += *s.appraised;
        area2.emplace_back(a.unit_code, points);
    }
    auto expected = RankDescending(area2);
    ASSERT_EQ(u->areas.size(), 3u);
    ASSERT_EQ(u->areas[1].ranks.size(), 1u);
    EXPECT_EQ(u->areas[1].ranks[0].rank, expected.rank.at(UnitCode(10)));
    EXPECT_EQ(u->areas[1].ranks[0].of, expected.of);
}

std::string Describe(const RankResult& r) {
    return r.group_code + ":" + (r.rank ? std::to_string(*r.rank) : "-") + "/" + std::to_string(r.of) + ":" +
           (r.previous_rank ? std::to_string(*r.previous_rank) : "-") + ":" + (r.excluded ? "x" : "");
}

std::string Describe(const UnitResult& u) {
    std::string out = u.unit_code + " " + (u.index ? u.index->ToString() : "-") + " " + (u.band ? u.band->code : "-");
    for (const auto& r : u.ranks) out += " " + Describe(r);
    for (const auto& a : u.areas) {
        out += " | " + a.code + "=" + (a.points ? a.points->ToString() : "-");
        for (const auto& r : a.ranks) out += " " + Describe(r);
    }
    for (const auto& t : u.trend) {
        out += " | " + std::to_string(t.year);
        for (const auto& r : t.ranks) out += " " + Describe(r);
    }
    return out;
}

std::string Describe(const GroupRanking& g) {
    std::string out;
    for (const auto& row : g.rows)
        out += row.unit_code + ":" + (row.rank ? std::to_string(*row.rank) : "-") + ":" +
               (row.previous_rank ? std::to_string(*row.previous_rank) : "-") + ":" +
               (row.index ? row.index->ToString() : "-") + ":" + (row.band ? row.band->code : "-") + "\n";
    return out;
}

TEST(RanksCache, AnswersDoNotDependOnWhatWasAskedBefore) {
    const Dataset d = LargeGroup();
    const std::vector<int> sample = {0, 5, 42, 300, 599};
    std::vector<std::string> units_first, units_after;
    std::string ranking_first, ranking_after;
    std::size_t findings_first = 0, findings_after = 0;
    {
        ResultsEngine engine(d);
        for (int i : sample) {
            auto u = engine.ForUnit(UnitCode(i), 2024);
            units_first.push_back(u.Ok() ? Describe(*u) : "not found");
        }
        ranking_after = Describe(*engine.Ranking("big", 2024)) + Describe(*engine.Ranking("big", 2023));
        findings_after = engine.Check(2024).size();
    }
    {
        ResultsEngine engine(d);
        findings_first = engine.Check(2024).size();
        ranking_first = Describe(*engine.Ranking("big", 2024)) + Describe(*engine.Ranking("big", 2023));
        for (int i : sample) {
            auto u = engine.ForUnit(UnitCode(i), 2024);
            units_after.push_back(u.Ok() ? Describe(*u) : "not found");
        }
    }
    EXPECT_EQ(units_first, units_after);
    EXPECT_EQ(ranking_first, ranking_after);
    EXPECT_EQ(findings_first, findings_after);
    // Area ranks are given: every ranked peer has the areas.
    EXPECT_NE(units_first[0].find("| 1="), std::string::npos);
    EXPECT_NE(units_first[0].find(" big:", units_first[0].find("| 1=")), std::string::npos);
}

}  // namespace
}  // namespace parindex
