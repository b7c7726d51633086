#include "domain/framework_tree.hpp"

#include <algorithm>
#include <cstddef>

namespace parindex {

FrameworkTree::FrameworkTree(const Framework& fw) : framework(&fw) {
    const std::size_t n = fw.nodes.size();
    parent.assign(n, -1);
    children.assign(n, {});
    depth.assign(n, 0);
    order.assign(n, 1 << 30);
    for (std::size_t i = 0; i < n; ++i) index_.emplace(fw.nodes[i].code, static_cast<int>(i));
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = fw.nodes[i].parent_code;
        int pi = -1;
        if (!p.empty()) {
            auto it = index_.find(p);
            if (it != index_.end() && it->second != static_cast<int>(i)) pi = it->second;
        }
        // A duplicate code (not the first) is left out of the tree.
        if (index_.at(fw.nodes[i].code) != static_cast<int>(i)) continue;
        parent[i] = pi;
        if (pi < 0)
            roots.push_back(static_cast<int>(i));
        else
            children[static_cast<std::size_t>(pi)].push_back(static_cast<int>(i));
    }
    // Iterative pre-order from the areas; nodes on cycles are never reached.
    std::vector<std::pair<int, int>> stack;
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.emplace_back(*it, 1);
    while (!stack.empty()) {
        auto [node, d] = stack.back();
        stack.pop_back();
        const auto un = static_cast<std::size_t>(node);
        if (depth[un] != 0) continue;
        depth[un] = d;
        order[un] = static_cast<int>(preorder.size());
        preorder.push_back(node);
        const auto& kids = children[un];
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, d + 1);
    }

    root_pos.assign(n, -1);
    for (std::size_t r = 0; r < roots.size(); ++r) root_pos[static_cast<std::size_t>(roots[r])] = static_cast<int>(r);
    first.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) first[i] = index_.at(fw.nodes[i].code) == static_cast<int>(i) ? 1 : 0;
    // Maxima, children before parents: a blank max is the sum of the children's (blank if any is blank).
    max.assign(n, std::nullopt);
    for (auto it = preorder.rbegin(); it != preorder.rend(); ++it) {
        const auto i = static_cast<std::size_t>(*it);
        max[i] = fw.nodes[i].max;
        if (max[i] || children[i].empty()) continue;
        Decimal sum;
        bool known = true;
        for (int k : children[i]) {
            const auto& m = max[static_cast<std::size_t>(k)];
            if (!m) {
                known = false;
                break;
            }
            sum += *m;
        }
        if (known) max[i] = sum;
    }
    total_max = fw.max;
    if (!total_max && !roots.empty()) {
        Decimal sum;
        bool known = true;
        for (int r : roots) {
            const auto& m = max[static_cast<std::size_t>(r)];
            if (!m) {
                known = false;
                break;
            }
            sum += *m;
        }
        if (known) total_max = sum;
    }
    bands = fw.bands;
    std::stable_sort(bands.begin(), bands.end(),
                     [](const Band& x, const Band& y) { return x.min_index < y.min_index; });
    for (int r : roots) {
        const auto m = fw.nodes[static_cast<std::size_t>(r)].method;
        if (std::find(root_methods.begin(), root_methods.end(), m) == root_methods.end()) root_methods.push_back(m);
    }
}

int FrameworkTree::Find(const std::string& code) const {
    auto it = index_.find(code);
    return it == index_.end() ? -1 : it->second;
}

bool CodeLess(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t ei = i, ej = j;
            while (ei < a.size() && digit(a[ei])) ++ei;
            while (ej < b.size() && digit(b[ej])) ++ej;
            // Skip leading zeros, then compare by length, then lexicographically.
            std::size_t si = i, sj = j;
            while (si + 1 < ei && a[si] == '0') ++si;
            while (sj + 1 < ej && b[sj] == '0') ++sj;
            if (ei - si != ej - sj) return ei - si < ej - sj;
            const int c = a.compare(si, ei - si, b, sj, ej - sj);
            if (c != 0) return c < 0;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
            ++i;
            ++j;
        }
    }
    if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
    return a < b;
}

}  // namespace parindex
