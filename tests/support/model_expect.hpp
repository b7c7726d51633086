#pragma once

// Field-by-field comparisons of the domain values, shared by the format and storage tests. The domain types have
// no operator== because SourceRef (where an object was read from) is not part of a value's identity.

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "domain/assessment.hpp"
#include "domain/decimal.hpp"
#include "domain/framework.hpp"
#include "domain/peer_group.hpp"
#include "domain/unit.hpp"

namespace parindex {

/// Lets GoogleTest print decimals readably in failure messages.
inline void PrintTo(const Decimal& value, std::ostream* out) { *out << value.ToString(); }

namespace testing {

inline void ExpectSame(const Unit& a, const Unit& b) {
    SCOPED_TRACE("unit " + a.code);
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.parent_code, b.parent_code);
    EXPECT_EQ(a.valid_from, b.valid_from);
    EXPECT_EQ(a.valid_to, b.valid_to);
    EXPECT_EQ(a.successor_code, b.successor_code);
    EXPECT_EQ(a.demo, b.demo);
    ASSERT_EQ(a.departments.size(), b.departments.size());
    for (std::size_t i = 0; i < a.departments.size(); ++i) {
        EXPECT_EQ(a.departments[i].code, b.departments[i].code);
        EXPECT_EQ(a.departments[i].name, b.departments[i].name);
    }
}

inline void ExpectSame(const PeerGroup& a, const PeerGroup& b) {
    SCOPED_TRACE("group " + a.code);
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.framework_code, b.framework_code);
    ASSERT_EQ(a.members.size(), b.members.size());
    for (std::size_t i = 0; i < a.members.size(); ++i) {
        EXPECT_EQ(a.members[i].unit_code, b.members[i].unit_code);
        EXPECT_EQ(a.members[i].ranked, b.members[i].ranked);
    }
}

inline void ExpectSame(const FrameworkNode& a, const FrameworkNode& b) {
    SCOPED_TRACE("node " + a.code);
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.parent_code, b.parent_code);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.max, b.max);
    EXPECT_EQ(a.method, b.method);
    EXPECT_EQ(a.evidence_required, b.evidence_required);
    EXPECT_EQ(a.responsible, b.responsible);
    EXPECT_EQ(a.previous_code, b.previous_code);
    EXPECT_EQ(a.max_only, b.max_only);
    EXPECT_EQ(a.declared_difference, b.declared_difference);
    EXPECT_EQ(a.max_provenance, b.max_provenance);
    EXPECT_EQ(a.note, b.note);
}

/// `nodes_only` for formats that hold only the nodes of a framework (CSV, .xlsx).
inline void ExpectSame(const Framework& a, const Framework& b, bool nodes_only = false) {
    SCOPED_TRACE("framework " + a.code);
    EXPECT_EQ(a.code, b.code);
    if (!nodes_only) {
        EXPECT_EQ(a.title, b.title);
        EXPECT_EQ(a.version, b.version);
        EXPECT_EQ(a.decision, b.decision);
        EXPECT_EQ(a.previous_code, b.previous_code);
        EXPECT_EQ(a.max, b.max);
        EXPECT_EQ(a.display_decimals, b.display_decimals);
        EXPECT_EQ(a.bands.size(), b.bands.size());
        for (std::size_t i = 0; i < a.bands.size() && i < b.bands.size(); ++i) {
            EXPECT_EQ(a.bands[i].code, b.bands[i].code);
            EXPECT_EQ(a.bands[i].name, b.bands[i].name);
            EXPECT_EQ(a.bands[i].min_index, b.bands[i].min_index);
            EXPECT_EQ(a.bands[i].demo, b.bands[i].demo);
        }
    }
    ASSERT_EQ(a.nodes.size(), b.nodes.size());
    for (std::size_t i = 0; i < a.nodes.size(); ++i) ExpectSame(a.nodes[i], b.nodes[i]);
}

inline void ExpectSame(const NodeScore& a, const NodeScore& b) {
    SCOPED_TRACE("score " + a.code);
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.self, b.self);
    EXPECT_EQ(a.appraised, b.appraised);
    EXPECT_EQ(a.change, b.change);
    EXPECT_EQ(a.explanation, b.explanation);
    EXPECT_EQ(a.reason, b.reason);
    EXPECT_EQ(a.cause, b.cause);
    EXPECT_EQ(a.responsible, b.responsible);
    EXPECT_EQ(a.provenance, b.provenance);
    EXPECT_EQ(a.note, b.note);
}

/// `scores_only` for table formats, which hold the node scores and the total but not parts, ranks or status.
inline void ExpectSame(const Assessment& a, const Assessment& b, bool scores_only = false) {
    SCOPED_TRACE("assessment " + a.unit_code + " " + std::to_string(a.year));
    EXPECT_EQ(a.unit_code, b.unit_code);
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.framework_code, b.framework_code);
    EXPECT_EQ(a.total_self, b.total_self);
    EXPECT_EQ(a.total_points, b.total_points);
    EXPECT_EQ(a.total_max, b.total_max);
    EXPECT_EQ(a.total_change, b.total_change);
    EXPECT_EQ(a.total_provenance, b.total_provenance);
    if (!scores_only) {
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.losses_complete, b.losses_complete);
        EXPECT_EQ(a.note, b.note);
        EXPECT_EQ(a.parts.size(), b.parts.size());
        for (std::size_t i = 0; i < a.parts.size() && i < b.parts.size(); ++i) {
            EXPECT_EQ(a.parts[i].method, b.parts[i].method);
            EXPECT_EQ(a.parts[i].self, b.parts[i].self);
            EXPECT_EQ(a.parts[i].points, b.parts[i].points);
            EXPECT_EQ(a.parts[i].max, b.parts[i].max);
            EXPECT_EQ(a.parts[i].index, b.parts[i].index);
            EXPECT_EQ(a.parts[i].change, b.parts[i].change);
            EXPECT_EQ(a.parts[i].provenance, b.parts[i].provenance);
        }
        EXPECT_EQ(a.ranks.size(), b.ranks.size());
        for (std::size_t i = 0; i < a.ranks.size() && i < b.ranks.size(); ++i) {
            EXPECT_EQ(a.ranks[i].group_code, b.ranks[i].group_code);
            EXPECT_EQ(a.ranks[i].scope, b.ranks[i].scope);
            EXPECT_EQ(a.ranks[i].rank, b.ranks[i].rank);
            EXPECT_EQ(a.ranks[i].of, b.ranks[i].of);
            EXPECT_EQ(a.ranks[i].provenance, b.ranks[i].provenance);
        }
    }
    ASSERT_EQ(a.nodes.size(), b.nodes.size());
    for (std::size_t i = 0; i < a.nodes.size(); ++i) ExpectSame(a.nodes[i], b.nodes[i]);
}

}  // namespace testing
}  // namespace parindex
