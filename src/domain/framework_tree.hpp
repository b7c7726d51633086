#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/framework.hpp"

namespace parindex {

/// A framework's nodes as a tree (private helper of the results engine and validation).
/// Nodes whose parent is unknown are treated as areas; nodes on a parent cycle are left out of `preorder`.
struct FrameworkTree {
    explicit FrameworkTree(const Framework& framework);

    /// The index of the node with `code` (the first one when duplicated), or −1.
    int Find(const std::string& code) const;

    const Framework* framework = nullptr;
    std::vector<int> parent;                 ///< Index of the parent, −1 for an area.
    std::vector<std::vector<int>> children;  ///< In framework order.
    std::vector<int> roots;                  ///< The areas, in framework order.
    std::vector<int> root_pos;               ///< Position of each node in `roots`, −1 when not an area.
    std::vector<int> depth;                  ///< 1 for an area; 0 for a node not reachable from an area.
    std::vector<int> preorder;               ///< Reachable nodes, parents before children.
    std::vector<int> order;                  ///< Position of each node in `preorder` (large when unreachable).

    // Figures that do not depend on an assessment, worked out once for the results engine.
    std::vector<char> first;                  ///< 1 when the node is the first one with its code (what Find gives).
    std::vector<std::optional<Decimal>> max;  ///< The node's max, else the sum of its children's; none if unreachable.
    std::optional<Decimal> total_max;         ///< The framework's max, else the sum of the areas' maxima.
    std::vector<Band> bands;                  ///< The framework's bands, stably sorted by min_index.
    std::vector<ScoringMethod> root_methods;  ///< The scoring methods of the areas, in order of first use.

  private:
    std::unordered_map<std::string, int> index_;
};

/// Compares node codes naturally: "1.9" < "1.10" < "2", numbers compared as numbers.
bool CodeLess(const std::string& a, const std::string& b);

}  // namespace parindex
