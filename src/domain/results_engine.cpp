#include "domain/results_engine.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "domain/framework_tree.hpp"
#include "domain/ranking.hpp"

namespace parindex {
namespace {

constexpr const char* kTieRuleVi =
    "Các đơn vị có chỉ số bằng nhau cùng thứ hạng, thứ hạng kế tiếp bị bỏ qua (1, 2, 2, 4)";
constexpr const char* kMinus = "\xE2\x88\x92";  // U+2212, as printed in the messages.

// Numbers in findings carry a placeholder decimal mark that Finding messages turn into a comma (Vietnamese) or a
// point (English), so that one sentence builder serves both languages without touching node codes like 5.2.2.
constexpr char kDecimalMark = '\x01';
std::string Num(Decimal d) {
    std::string text = d.ToString();
    for (char& c : text) {
        if (c == '.') c = kDecimalMark;
    }
    return text;
}
std::string Signed(Decimal d) { return (d > Decimal() ? "+" : "") + Num(d); }
// Replaces the decimal mark placeholder (or, with kDecimalMark as `mark`, a point) by `mark`.
std::string WithMark(std::string text, char mark) {
    const char from = mark == kDecimalMark ? '.' : kDecimalMark;
    for (char& c : text) {
        if (c == from) c = mark;
    }
    return text;
}

const char* PartTitle(ScoringMethod method) {
    switch (method) {
        case ScoringMethod::kAppraisal:
            return "Điểm thẩm định";
        case ScoringMethod::kSurvey:
            return "Điểm điều tra xã hội học";
        case ScoringMethod::kData:
            return "Điểm tính từ dữ liệu";
    }
    return "";
}

const char* PartLabelVi(ScoringMethod method) {
    switch (method) {
        case ScoringMethod::kAppraisal:
            return "Phần điểm thẩm định";
        case ScoringMethod::kSurvey:
            return "Phần điểm điều tra xã hội học";
        case ScoringMethod::kData:
            return "Phần điểm tính từ dữ liệu";
    }
    return "";
}

const char* PartLabelEn(ScoringMethod method) {
    switch (method) {
        case ScoringMethod::kAppraisal:
            return "The appraisal part";
        case ScoringMethod::kSurvey:
            return "The survey part";
        case ScoringMethod::kData:
            return "The data part";
    }
    return "";
}

std::string PartScope(ScoringMethod method) { return std::string("part:") + ScoringMethodName(method); }
std::string NodeScope(const std::string& code) { return "node:" + code; }

// ---------------------------------------------------------------------------------------------------------------
// Evaluation of one assessment: every node's figures, the total and the parts.

/// One node's figures as stored per assessment: 32 bytes, with presence bits instead of optionals.
struct NodeVal {
    static constexpr std::uint8_t kPoints = 1;
    static constexpr std::uint8_t kComputed = 2;
    static constexpr std::uint8_t kSelf = 4;

    Decimal points;
    Decimal computed;
    Decimal self;
    std::int32_t score = -1;  ///< Index of the node's NodeScore in the assessment, −1 when none.
    std::uint8_t has = 0;

    std::optional<Decimal> Get(std::uint8_t bit, Decimal value) const {
        return (has & bit) != 0 ? std::optional<Decimal>(value) : std::nullopt;
    }
    void Set(std::uint8_t bit, Decimal* field, const std::optional<Decimal>& value) {
        if (value) {
            *field = *value;
            has = static_cast<std::uint8_t>(has | bit);
        }
    }
};

/// A node's figures for one assessment, as the result builders and the check read them.
struct NodeEval {
    const NodeScore* score = nullptr;
    std::optional<Decimal> max;
    std::optional<Decimal> points;
    std::optional<Decimal> computed;
    std::optional<Decimal> self;
    std::optional<Decimal> index;
    Provenance provenance = Provenance::kComputed;
};

struct PartEval {
    ScoringMethod method = ScoringMethod::kAppraisal;
    const PartFigure* figure = nullptr;
    std::optional<Decimal> points;
    std::optional<Decimal> max;
    std::optional<Decimal> self;
    std::optional<Decimal> index;
    Provenance provenance = Provenance::kComputed;
};

struct Eval {
    const Assessment* assessment = nullptr;
    const FrameworkTree* tree = nullptr;  // null for a historic year without framework
    int decimals = 2;
    std::optional<Decimal> total_points;
    std::optional<Decimal> total_computed;
    std::optional<Decimal> total_max;
    std::optional<Decimal> total_self;
    std::optional<Decimal> total_index;
    Provenance total_provenance = Provenance::kComputed;
    std::vector<PartEval> parts;
    int band = -1;                                    ///< Index into tree->bands, −1 for none.
    std::vector<std::optional<Decimal>> area_points;  ///< By position in tree->roots: ranked without the nodes.
    std::vector<NodeVal> nodes;                       ///< By node index of the tree; only kept for a full evaluation.

    std::optional<Band> BandOf() const {
        if (band < 0) return std::nullopt;
        return tree->bands[static_cast<std::size_t>(band)];
    }
    /// A node's figures; needs a full evaluation.
    NodeEval At(int i) const {
        const auto ui = static_cast<std::size_t>(i);
        assert(ui < nodes.size());
        const FrameworkNode& node = tree->framework->nodes[ui];
        const NodeVal& v = nodes[ui];
        NodeEval e;
        if (v.score >= 0) e.score = &assessment->nodes[static_cast<std::size_t>(v.score)];
        e.max = tree->max[ui];
        e.points = v.Get(NodeVal::kPoints, v.points);
        e.computed = v.Get(NodeVal::kComputed, v.computed);
        e.self = v.Get(NodeVal::kSelf, v.self);
        if (e.points && e.max) e.index = Decimal::Percent(*e.points, *e.max, decimals);
        if (tree->depth[ui] != 0) {
            if (node.max_only)
                e.provenance = node.max_provenance;
            else if (e.score != nullptr)
                e.provenance = e.score->provenance;
        }
        return e;
    }
    const PartEval* Part(ScoringMethod method) const {
        for (const auto& p : parts)
            if (p.method == method) return &p;
        return nullptr;
    }
};

bool IsPublishedLike(Provenance p) {
    return p == Provenance::kPublished || p == Provenance::kDerived || p == Provenance::kDemo;
}

/// Adds what a child contributes to its parent's sums: its points and self, or its max when it is max-only and
/// the source lists every loss. A missing figure makes the sum missing.
struct Contribution {
    Decimal points;
    Decimal self;
    bool points_known = true;
    bool self_known = true;

    void Add(const FrameworkTree& tree, const NodeVal* nodes, int k, bool losses_complete) {
        const auto uk = static_cast<std::size_t>(k);
        if (tree.framework->nodes[uk].max_only) {
            const auto& m = tree.max[uk];
            if (losses_complete && m) {
                points += *m;
                self += *m;
            } else {
                points_known = false;
                self_known = false;
            }
            return;
        }
        const NodeVal& v = nodes[uk];
        if ((v.has & NodeVal::kPoints) != 0)
            points += v.points;
        else
            points_known = false;
        if ((v.has & NodeVal::kSelf) != 0)
            self += v.self;
        else
            self_known = false;
    }
    std::optional<Decimal> Points() const { return points_known ? std::optional<Decimal>(points) : std::nullopt; }
    std::optional<Decimal> Self() const { return self_known ? std::optional<Decimal>(self) : std::nullopt; }
};

/// Evaluates an assessment into `ev` (totals, parts, band), with every node's figures in `nodes` (one per node
/// of the tree: ev.nodes for a full evaluation, a scratch buffer when only the totals are kept).
void Evaluate(const Assessment& a, const FrameworkTree* tree, NodeVal* nodes, Eval& ev) {
    ev.assessment = &a;
    ev.tree = tree;
    ev.decimals = tree != nullptr ? tree->framework->display_decimals : 2;

    if (tree != nullptr) {
        const auto& fw = *tree->framework;
        const std::size_t n = fw.nodes.size();
        std::fill(nodes, nodes + n, NodeVal{});
        // Each node's score: the first one with its code. Scores usually come in framework order, so the node
        // after the previous match (or the one after it, past a parent without a score) is tried first.
        std::size_t cursor = 0;
        constexpr std::size_t kAhead = 8;  // Scores are large; fetch the two cache lines read here ahead of time.
        for (std::size_t j = 0; j < a.nodes.size(); ++j) {
            if (j + kAhead < a.nodes.size()) {
                __builtin_prefetch(&a.nodes[j + kAhead].code);
                __builtin_prefetch(&a.nodes[j + kAhead].provenance);
            }
            const std::string& code = a.nodes[j].code;
            int k = -1;
            for (std::size_t probe = cursor; probe < n && probe < cursor + 2; ++probe) {
                if (tree->first[probe] != 0 && fw.nodes[probe].code == code) {
                    k = static_cast<int>(probe);
                    break;
                }
            }
            if (k < 0) k = tree->Find(code);
            if (k < 0) continue;
            cursor = static_cast<std::size_t>(k) + 1;
            NodeVal& v = nodes[static_cast<std::size_t>(k)];
            if (v.score < 0 && tree->depth[static_cast<std::size_t>(k)] != 0) v.score = static_cast<std::int32_t>(j);
        }

        // Post-order: children before parents.
        for (auto it = tree->preorder.rbegin(); it != tree->preorder.rend(); ++it) {
            const auto i = static_cast<std::size_t>(*it);
            const FrameworkNode& node = fw.nodes[i];
            if (node.max_only) continue;
            NodeVal& e = nodes[i];
            const NodeScore* score = e.score >= 0 ? &a.nodes[static_cast<std::size_t>(e.score)] : nullptr;
            const auto& kids = tree->children[i];
            std::optional<Decimal> computed_self;
            if (kids.empty()) {
                if (score != nullptr && score->provenance == Provenance::kEntered) {
                    e.Set(NodeVal::kComputed, &e.computed, score->appraised);
                    computed_self = score->self;
                }
            } else {
                Contribution sum;
                for (int k : kids) sum.Add(*tree, nodes, k, a.losses_complete);
                e.Set(NodeVal::kComputed, &e.computed, sum.Points());
                computed_self = sum.Self();
            }
            const bool score_published = score != nullptr && (!kids.empty() || IsPublishedLike(score->provenance));
            if (score_published && score->appraised)
                e.Set(NodeVal::kPoints, &e.points, score->appraised);
            else
                e.Set(NodeVal::kPoints, &e.points, e.Get(NodeVal::kComputed, e.computed));
            e.Set(NodeVal::kSelf, &e.self, score != nullptr && score->self ? score->self : computed_self);
        }

        ev.area_points.reserve(tree->roots.size());
        for (int r : tree->roots) {
            const NodeVal& v = nodes[static_cast<std::size_t>(r)];
            ev.area_points.push_back(v.Get(NodeVal::kPoints, v.points));
        }
        if (!tree->roots.empty()) {
            Contribution sum;
            for (int r : tree->roots) sum.Add(*tree, nodes, r, a.losses_complete);
            ev.total_computed = sum.Points();
            ev.total_self = sum.Self();
        }
        ev.total_max = tree->total_max;
    } else {
        ev.total_max = a.total_max ? a.total_max : std::optional<Decimal>(Decimal::FromInt(100));
    }
    if (a.total_points) {
        ev.total_points = a.total_points;
        ev.total_provenance = a.total_provenance;
    } else {
        ev.total_points = ev.total_computed;
    }
    if (a.total_self) ev.total_self = a.total_self;
    if (ev.total_points && ev.total_max)
        ev.total_index = Decimal::Percent(*ev.total_points, *ev.total_max, ev.decimals);
    if (tree != nullptr && ev.total_index) {
        // The highest band reached; among bands with the same minimum, the last one listed.
        const auto& bands = tree->bands;
        const auto past = std::upper_bound(bands.begin(), bands.end(), *ev.total_index,
                                           [](Decimal value, const Band& b) { return value < b.min_index; });
        ev.band = static_cast<int>(past - bands.begin()) - 1;
    }

    // Parts: one per scoring method among the areas, shown when there is more than one or one is published.
    const bool show_parts = (tree != nullptr && tree->root_methods.size() > 1) || !a.parts.empty();
    if (show_parts) {
        std::vector<ScoringMethod> methods;
        if (tree != nullptr) methods = tree->root_methods;
        for (const auto& p : a.parts)
            if (std::find(methods.begin(), methods.end(), p.method) == methods.end()) methods.push_back(p.method);
        std::sort(methods.begin(), methods.end());
        for (ScoringMethod m : methods) {
            PartEval part;
            part.method = m;
            for (const auto& p : a.parts)
                if (p.method == m) part.figure = &p;
            Contribution sum;
            Decimal max_sum;
            bool max_known = true;
            bool any_area = false;
            if (tree != nullptr) {
                for (int r : tree->roots) {
                    if (tree->framework->nodes[static_cast<std::size_t>(r)].method != m) continue;
                    any_area = true;
                    sum.Add(*tree, nodes, r, a.losses_complete);
                    const auto& mx = tree->max[static_cast<std::size_t>(r)];
                    if (mx)
                        max_sum += *mx;
                    else
                        max_known = false;
                }
            }
            if (any_area) {
                part.points = sum.Points();
                part.self = sum.Self();
                if (max_known) part.max = max_sum;
            }
            if (part.figure != nullptr) {
                if (part.figure->points) part.points = part.figure->points;
                if (part.figure->self) part.self = part.figure->self;
                if (part.figure->max) part.max = part.figure->max;
                if (part.figure->points) part.provenance = part.figure->provenance;
            }
            if (part.points && part.max) part.index = Decimal::Percent(*part.points, *part.max, ev.decimals);
            ev.parts.push_back(part);
        }
    }
}

/// The total index of an evaluated year at `decimals` places.
std::optional<Decimal> IndexAt(const Eval& ev, int decimals) {
    if (!ev.total_points || !ev.total_max) return std::nullopt;
    return Decimal::Percent(*ev.total_points, *ev.total_max, decimals);
}

// ---------------------------------------------------------------------------------------------------------------

int NodeOrder(const std::string& code, const Eval* ev) {
    if (code == "TOTAL") return -1000;
    if (code.rfind("part:", 0) == 0) {
        auto m = ParseScoringMethod(code.substr(5));
        return -100 + (m ? static_cast<int>(*m) : 50);
    }
    if (ev != nullptr && ev->tree != nullptr) {
        const int i = ev->tree->Find(code);
        if (i >= 0) return ev->tree->order[static_cast<std::size_t>(i)];
    }
    return 1000000;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

struct ResultsEngine::Impl {
    /// A group-year's computed ranks for one scope, by member position (0 for a member without a rank).
    struct GroupTable {
        std::vector<int> rank_by_member;
        int of = 0;            ///< Ranked members with the figure.
        bool complete = true;  ///< False when some ranked member lacks the figure.
    };

    /// A rank in one group-year and scope before the group name and previous rank are added.
    struct RankCore {
        const PeerGroup* group = nullptr;  ///< Null when only a published rank names the group.
        std::optional<int> rank;
        int of = 0;
        bool excluded = false;
        Provenance provenance = Provenance::kComputed;
    };

    Dataset data;
    std::map<std::string, FrameworkTree> trees;

    // Units by integer id: every code named by a unit, a group member or an assessment.
    std::unordered_map<std::string, int> unit_ids;
    std::vector<const Unit*> unit_of;  ///< The first Unit with the code, or null.
    // Group codes by integer id; groups by (code id, year) → index in data.groups (the first one).
    std::unordered_map<std::string, int> group_code_ids;
    std::vector<std::vector<const PeerGroup*>> groups_by_code;  ///< By code id, in data order.
    std::unordered_map<std::uint64_t, int> group_at;
    std::vector<std::vector<int>> member_units;  ///< By group index: the unit id of each member.
    // Memberships of each unit, (group index, member index) in data order, as offsets into one array.
    std::vector<int> membership_start;
    std::vector<std::pair<int, int>> memberships;
    // Assessments by (unit id, year), the first one: its slot in `slot_assessment` and `evals`.
    std::unordered_map<std::uint64_t, int> slot_at;
    std::vector<const Assessment*> slot_assessment;

    // Caches filled on first use. The engine is not meant to be shared between threads without a lock of the
    // caller's; the public calls take `mutex` anyway so that concurrent const calls stay safe.
    mutable std::mutex mutex;
    mutable std::vector<std::unordered_map<std::string, GroupTable>> tables;  ///< By group index, then scope.
    /// By slot, evaluated on first use: kNone, then kTotals (no node figures kept) or kFull.
    mutable std::vector<Eval> evals;
    mutable std::vector<std::uint8_t> eval_state;
    mutable std::vector<NodeVal> scratch;  ///< Node figures of a totals-only evaluation.
    static constexpr std::uint8_t kNone = 0;
    static constexpr std::uint8_t kTotals = 1;
    static constexpr std::uint8_t kFull = 2;

    static std::uint64_t Pack(int id, int year) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(id)) << 32) | static_cast<std::uint32_t>(year);
    }

    int InternUnit(const std::string& code) {
        auto [it, added] = unit_ids.emplace(code, static_cast<int>(unit_of.size()));
        if (added) unit_of.push_back(nullptr);
        return it->second;
    }

    explicit Impl(Dataset d) : data(std::move(d)) {
        unit_ids.reserve(data.units.size() * 2);
        for (const auto& u : data.units) {
            const int id = InternUnit(u.code);
            if (unit_of[static_cast<std::size_t>(id)] == nullptr) unit_of[static_cast<std::size_t>(id)] = &u;
        }
        member_units.resize(data.groups.size());
        for (std::size_t gi = 0; gi < data.groups.size(); ++gi) {
            const auto& g = data.groups[gi];
            auto [cit, added] = group_code_ids.emplace(g.code, static_cast<int>(groups_by_code.size()));
            if (added) groups_by_code.emplace_back();
            groups_by_code[static_cast<std::size_t>(cit->second)].push_back(&g);
            group_at.emplace(Pack(cit->second, g.year), static_cast<int>(gi));
            auto& ids = member_units[gi];
            ids.reserve(g.members.size());
            for (const auto& m : g.members) ids.push_back(InternUnit(m.unit_code));
        }
        slot_at.reserve(data.assessments.size() * 2);
        slot_assessment.reserve(data.assessments.size());
        for (const auto& a : data.assessments) {
            if (slot_at.emplace(Pack(InternUnit(a.unit_code), a.year), static_cast<int>(slot_assessment.size())).second)
                slot_assessment.push_back(&a);
        }
        evals.resize(slot_assessment.size());
        eval_state.assign(slot_assessment.size(), kNone);

        membership_start.assign(unit_of.size() + 1, 0);
        for (const auto& ids : member_units)
            for (int u : ids) ++membership_start[static_cast<std::size_t>(u) + 1];
        for (std::size_t u = 0; u < unit_of.size(); ++u) membership_start[u + 1] += membership_start[u];
        memberships.resize(static_cast<std::size_t>(membership_start.back()));
        std::vector<int> fill(membership_start.begin(), membership_start.end() - 1);
        for (std::size_t gi = 0; gi < member_units.size(); ++gi) {
            const auto& ids = member_units[gi];
            for (std::size_t mi = 0; mi < ids.size(); ++mi)
                memberships[static_cast<std::size_t>(fill[static_cast<std::size_t>(ids[mi])]++)] = {
                    static_cast<int>(gi), static_cast<int>(mi)};
        }
        tables.resize(data.groups.size());

        for (const auto& f : data.frameworks) trees.emplace(f.code, FrameworkTree(f));
    }

    const FrameworkTree* Tree(const std::string& code) const {
        if (code.empty()) return nullptr;
        auto it = trees.find(code);
        return it == trees.end() ? nullptr : &it->second;
    }
    int UnitId(const std::string& code) const {
        auto it = unit_ids.find(code);
        return it == unit_ids.end() ? -1 : it->second;
    }
    int GroupCodeId(const std::string& code) const {
        auto it = group_code_ids.find(code);
        return it == group_code_ids.end() ? -1 : it->second;
    }
    const Unit* UnitOf(const std::string& code) const {
        const int id = UnitId(code);
        return id < 0 ? nullptr : unit_of[static_cast<std::size_t>(id)];
    }
    int SlotOf(int unit, int year) const {
        if (unit < 0) return -1;
        auto it = slot_at.find(Pack(unit, year));
        return it == slot_at.end() ? -1 : it->second;
    }
    const Assessment* AssessmentOf(int unit, int year) const {
        const int slot = SlotOf(unit, year);
        return slot < 0 ? nullptr : slot_assessment[static_cast<std::size_t>(slot)];
    }
    /// The evaluation of a slot: totals, parts and band, and with `full` every node's figures too.
    const Eval& EvalAt(int slot, bool full) const {
        const auto us = static_cast<std::size_t>(slot);
        Eval& ev = evals[us];
        const std::uint8_t want = full ? kFull : kTotals;
        if (eval_state[us] >= want) return ev;
        const Assessment& a = *slot_assessment[us];
        const FrameworkTree* tree = Tree(a.framework_code);
        const std::size_t n = tree != nullptr ? tree->framework->nodes.size() : 0;
        if (full) {
            // The totals come out the same; an evaluation already holding them keeps them (and pointers into
            // its parts) and only takes the node figures.
            Eval fresh;
            fresh.nodes.resize(n);
            Evaluate(a, tree, fresh.nodes.data(), fresh);
            if (eval_state[us] == kNone)
                ev = std::move(fresh);
            else
                ev.nodes = std::move(fresh.nodes);
        } else {
            EvaluateTotals(us, scratch);
        }
        eval_state[us] = want;
        return ev;
    }
    /// Evaluates a slot's totals, parts and band, with `buffer` for the node figures.
    void EvaluateTotals(std::size_t slot, std::vector<NodeVal>& buffer) const {
        const Assessment& a = *slot_assessment[slot];
        const FrameworkTree* tree = Tree(a.framework_code);
        const std::size_t n = tree != nullptr ? tree->framework->nodes.size() : 0;
        if (buffer.size() < n) buffer.resize(n);
        evals[slot] = Eval{};
        Evaluate(a, tree, buffer.data(), evals[slot]);
        eval_state[slot] = kTotals;
    }
    /// Evaluates the totals of the slots not yet evaluated, on two threads when there are many (a group-year of a
    /// province); each slot is written by one thread only.
    void WarmTotals(std::vector<int> slots) const {
        slots.erase(std::remove_if(slots.begin(), slots.end(),
                                   [&](int slot) { return eval_state[static_cast<std::size_t>(slot)] != kNone; }),
                    slots.end());
        std::sort(slots.begin(), slots.end());
        slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
        constexpr std::size_t kParallelFrom = 256;
        if (slots.size() >= kParallelFrom) {
            const std::size_t half = slots.size() / 2;
            std::thread helper;
            try {
                helper = std::thread([&] {
                    try {
                        std::vector<NodeVal> buffer;
                        for (std::size_t k = half; k < slots.size(); ++k)
                            EvaluateTotals(static_cast<std::size_t>(slots[k]), buffer);
                    } catch (...) {  // NOLINT(bugprone-empty-catch): what is left is evaluated on use
                    }
                });
            } catch (const std::system_error&) {  // No second thread to be had: all of it on this one.
            }
            if (helper.joinable()) {
                struct Joiner {
                    std::thread& thread;
                    ~Joiner() { thread.join(); }
                } joiner{helper};
                for (std::size_t k = 0; k < half; ++k) EvaluateTotals(static_cast<std::size_t>(slots[k]), scratch);
                return;
            }
        }
        for (int slot : slots) {
            const auto us = static_cast<std::size_t>(slot);
            if (eval_state[us] == kNone) EvaluateTotals(us, scratch);
        }
    }
    /// Evaluates the totals of a group-year's members ahead of use.
    void WarmGroup(int group_index, bool ranked_only) const {
        const PeerGroup& group = data.groups[static_cast<std::size_t>(group_index)];
        const auto& ids = member_units[static_cast<std::size_t>(group_index)];
        std::vector<int> slots;
        slots.reserve(ids.size());
        for (std::size_t mi = 0; mi < ids.size(); ++mi) {
            if (ranked_only && !group.members[mi].ranked) continue;
            const int slot = SlotOf(ids[mi], group.year);
            if (slot >= 0) slots.push_back(slot);
        }
        WarmTotals(std::move(slots));
    }
    /// The evaluation of the unit's assessment for the year, or null; see EvalAt.
    const Eval* EvalOf(int unit, int year, bool full = false) const {
        const int slot = SlotOf(unit, year);
        return slot < 0 ? nullptr : &EvalAt(slot, full);
    }
    const Eval* EvalOf(const std::string& unit, int year, bool full = false) const {
        return EvalOf(UnitId(unit), year, full);
    }
    /// Index in data.groups of the group-year, or −1.
    int GroupIndex(int code_id, int year) const {
        if (code_id < 0) return -1;
        auto it = group_at.find(Pack(code_id, year));
        return it == group_at.end() ? -1 : it->second;
    }
    std::string GroupName(int code_id, int year) const {
        if (code_id < 0) return "";
        const PeerGroup* best = nullptr;
        for (const PeerGroup* g : groups_by_code[static_cast<std::size_t>(code_id)])
            if (best == nullptr || std::abs(g->year - year) < std::abs(best->year - year)) best = g;
        return best != nullptr ? best->name : "";
    }

    /// The figure a scope ranks by: the rounded index for the total and parts, the points for a node.
    /// An area's points come with the totals; a deeper node's need a full evaluation of the slot.
    std::optional<Decimal> ScopeValue(int slot, const std::string& scope) const {
        const Eval& ev = EvalAt(slot, false);
        if (scope == "total") return ev.total_index;
        if (scope.rfind("part:", 0) == 0) {
            auto m = ParseScoringMethod(scope.substr(5));
            if (!m) return std::nullopt;
            const PartEval* p = ev.Part(*m);
            return p != nullptr ? p->index : std::nullopt;
        }
        if (scope.rfind("node:", 0) == 0) {
            if (ev.tree == nullptr) return std::nullopt;
            const int i = ev.tree->Find(scope.substr(5));
            if (i < 0) return std::nullopt;
            const int area = ev.tree->root_pos[static_cast<std::size_t>(i)];
            if (area >= 0) return ev.area_points[static_cast<std::size_t>(area)];
            return EvalAt(slot, true).At(i).points;
        }
        return std::nullopt;
    }

    /// Computed ranks of a group-year for a scope, built on first use and kept.
    const GroupTable& Computed(int group_index, const std::string& scope) const {
        auto& cache = tables[static_cast<std::size_t>(group_index)];
        auto found = cache.find(scope);
        if (found != cache.end()) return found->second;
        const PeerGroup& group = data.groups[static_cast<std::size_t>(group_index)];
        const auto& ids = member_units[static_cast<std::size_t>(group_index)];
        GroupTable table;
        table.rank_by_member.assign(group.members.size(), 0);
        std::vector<std::pair<Decimal, int>> entries;  // (value, member index)
        entries.reserve(group.members.size());
        WarmGroup(group_index, true);
        for (std::size_t mi = 0; mi < group.members.size(); ++mi) {
            if (!group.members[mi].ranked) continue;
            const int slot = SlotOf(ids[mi], group.year);
            std::optional<Decimal> v = slot >= 0 ? ScopeValue(slot, scope) : std::nullopt;
            if (v)
                entries.emplace_back(*v, static_cast<int>(mi));
            else
                table.complete = false;
        }
        const std::vector<int> ranks = CompetitionRanks(entries);
        for (std::size_t i = 0; i < entries.size(); ++i)
            table.rank_by_member[static_cast<std::size_t>(entries[i].second)] = ranks[i];
        table.of = static_cast<int>(entries.size());
        return cache.emplace(scope, std::move(table)).first->second;
    }

    static const PublishedRank* Published(const Assessment* a, const std::string& group_code,
                                          const std::string& scope) {
        if (a == nullptr) return nullptr;
        for (const auto& r : a->ranks)
            if (r.group_code == group_code && r.scope == scope) return &r;
        return nullptr;
    }

    /// The unit's rank in one group-year and scope, without the previous rank; nothing when the unit is neither
    /// a member that year nor has a published rank.
    std::optional<RankCore> RankOnly(int unit, const std::string& group_code, int code_id, int year,
                                     const std::string& scope) const {
        const int gi = GroupIndex(code_id, year);
        int member_index = -1;  // The last entry of the unit among the members.
        if (gi >= 0 && unit >= 0) {
            const auto begin = static_cast<std::size_t>(membership_start[static_cast<std::size_t>(unit)]);
            const auto end = static_cast<std::size_t>(membership_start[static_cast<std::size_t>(unit) + 1]);
            for (std::size_t k = begin; k < end; ++k)
                if (memberships[k].first == gi) member_index = memberships[k].second;
        }
        const PublishedRank* pub = Published(AssessmentOf(unit, year), group_code, scope);
        if (member_index < 0 && pub == nullptr) return std::nullopt;

        RankCore r;
        if (gi >= 0) r.group = &data.groups[static_cast<std::size_t>(gi)];
        if (member_index >= 0) {
            const GroupTable& table = Computed(gi, scope);
            const bool node_scope = scope.rfind("node:", 0) == 0;
            if (!r.group->members[static_cast<std::size_t>(member_index)].ranked) r.excluded = true;
            if (node_scope && !table.complete && pub == nullptr) return std::nullopt;
            r.of = table.of;
            if (!r.excluded) {
                const int rank = table.rank_by_member[static_cast<std::size_t>(member_index)];
                if (rank > 0) r.rank = rank;
            }
            r.provenance = Provenance::kComputed;
        }
        if (pub != nullptr) {
            r.rank = pub->rank;
            if (pub->of > 0 || member_index < 0) r.of = pub->of;
            r.provenance = pub->provenance;
        }
        return r;
    }

    std::optional<RankResult> RankWithPrevious(int unit, const std::string& group_code, int year,
                                               const std::string& scope) const {
        const int code_id = GroupCodeId(group_code);
        auto core = RankOnly(unit, group_code, code_id, year, scope);
        if (!core) return std::nullopt;
        RankResult r;
        r.group_code = group_code;
        r.group_name = core->group != nullptr ? core->group->name : GroupName(code_id, year);
        r.rank = core->rank;
        r.of = core->of;
        r.excluded = core->excluded;
        r.provenance = core->provenance;
        auto prev = RankOnly(unit, group_code, code_id, year - 1, scope);
        if (prev && prev->rank) {
            r.previous_rank = prev->rank;
            if (r.rank) r.change = *prev->rank - *r.rank;
        }
        return r;
    }

    /// Ranks of the unit in every group of the year containing it, then published ranks of other groups.
    /// With `published_only`, only published ranks (criteria below the areas are not ranked by the engine).
    std::vector<RankResult> RanksFor(const std::string& unit_code, int year, const std::string& scope,
                                     bool published_only = false) const {
        std::vector<RankResult> out;
        std::vector<const std::string*> seen;
        auto is_seen = [&](const std::string& code) {
            return std::any_of(seen.begin(), seen.end(), [&](const std::string* s) { return *s == code; });
        };
        const int unit = UnitId(unit_code);
        if (!published_only && unit >= 0) {
            const auto begin = static_cast<std::size_t>(membership_start[static_cast<std::size_t>(unit)]);
            const auto end = static_cast<std::size_t>(membership_start[static_cast<std::size_t>(unit) + 1]);
            for (std::size_t k = begin; k < end; ++k) {
                const PeerGroup& g = data.groups[static_cast<std::size_t>(memberships[k].first)];
                if (g.year != year || is_seen(g.code)) continue;
                seen.push_back(&g.code);
                if (auto r = RankWithPrevious(unit, g.code, year, scope)) out.push_back(std::move(*r));
            }
        }
        if (const Assessment* a = AssessmentOf(unit, year)) {
            for (const auto& pr : a->ranks) {
                if (pr.scope != scope || is_seen(pr.group_code)) continue;
                seen.push_back(&pr.group_code);
                if (auto r = RankWithPrevious(unit, pr.group_code, year, scope)) out.push_back(std::move(*r));
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------------------

    /// Whether the previous assessment's framework can be mapped from this one.
    static bool Mappable(const Eval& cur, const Eval& prev) {
        if (cur.tree == nullptr || prev.tree == nullptr) return false;
        const auto& f = *cur.tree->framework;
        const auto& p = *prev.tree->framework;
        return f.code == p.code || (!f.previous_code.empty() && f.previous_code == p.code);
    }

    /// The previous counterpart of a node, or -1.
    static int MapNode(const Eval& cur, const Eval& prev, int node) {
        if (!Mappable(cur, prev)) return -1;
        const auto& n = cur.tree->framework->nodes[static_cast<std::size_t>(node)];
        const bool same = cur.tree->framework->code == prev.tree->framework->code;
        const std::string code = same ? n.code : n.previous_code;
        if (code.empty()) return -1;
        return prev.tree->Find(code);
    }

    void NodeChange(const Eval& ev, const Eval* prev, int i, NodeResult& out) const {
        const NodeEval e = ev.At(i);
        if (e.score != nullptr && e.score->change) {
            out.change = e.score->change;
            out.change_status = ChangeStatus::kPublished;
            return;
        }
        if (prev == nullptr) return;
        if (out.max_only) return;
        const int j = MapNode(ev, *prev, i);
        if (j >= 0 && e.points) {
            const NodeEval pe = prev->At(j);
            if (pe.points) {
                out.change = *e.points - *pe.points;
                out.change_status = ChangeStatus::kComputed;
                return;
            }
        }
        out.change_status = ChangeStatus::kNotComparable;
    }

    NodeResult MakeNode(const Eval& ev, const Eval* prev, int i) const {
        const auto& n = ev.tree->framework->nodes[static_cast<std::size_t>(i)];
        const NodeEval e = ev.At(i);
        NodeResult r;
        r.code = n.code;
        r.title = n.title;
        r.depth = ev.tree->depth[static_cast<std::size_t>(i)];
        r.method = n.method;
        r.max = e.max;
        r.points = e.points;
        r.computed = e.computed;
        r.self = e.self;
        r.index = e.index;
        r.provenance = e.provenance;
        r.max_only = n.max_only;
        NodeChange(ev, prev, i, r);
        return r;
    }

    Result<UnitResult> ForUnit(const std::string& unit_code, int year) const {
        const Unit* unit = UnitOf(unit_code);
        if (unit == nullptr)
            return MakeError(ErrorCode::kNotFound, "Không tìm thấy đơn vị \"" + unit_code + "\"",
                             "Unit \"" + unit_code + "\" not found");
        const Eval* ev = EvalOf(unit_code, year, true);
        if (ev == nullptr)
            return MakeError(ErrorCode::kNotFound,
                             "Đơn vị " + unit->name + " chưa có kết quả đánh giá năm " + std::to_string(year),
                             "Unit " + unit->name + " has no assessment for " + std::to_string(year));
        const Assessment& a = *ev->assessment;
        const Eval* prev = EvalOf(unit_code, year - 1, true);

        UnitResult out;
        out.unit_code = unit_code;
        out.unit_name = unit->name;
        out.year = year;
        out.framework_code = a.framework_code;
        out.display_decimals = ev->decimals;
        out.status = AssessmentStatusName(a.status);
        out.self = ev->total_self;
        out.points = ev->total_points;
        out.max = ev->total_max;
        out.index = ev->total_index;
        out.band = ev->BandOf();
        out.provenance = ev->total_provenance;
        if (a.total_change) {
            out.change = a.total_change;
            out.change_status = ChangeStatus::kPublished;
        } else if (prev != nullptr) {
            // The previous index at this year's decimals (a historic year without framework shows 2).
            const auto prev_index = IndexAt(*prev, ev->decimals);
            if (ev->total_index && prev_index) {
                out.change = *ev->total_index - *prev_index;
                out.change_status = ChangeStatus::kComputed;
            } else {
                out.change_status = ChangeStatus::kNotComparable;
            }
        }
        out.ranks = RanksFor(unit_code, year, "total");

        for (const auto& p : ev->parts) {
            NodeResult r;
            r.code = ScoringMethodName(p.method);
            r.title = PartTitle(p.method);
            r.depth = 0;
            r.method = p.method;
            r.max = p.max;
            r.points = p.points;
            r.self = p.self;
            r.index = p.index;
            r.provenance = p.provenance;
            if (p.figure != nullptr && p.figure->change) {
                r.change = p.figure->change;
                r.change_status = ChangeStatus::kPublished;
            } else if (prev != nullptr) {
                const PartEval* pp = prev->Part(p.method);
                if (pp != nullptr && pp->points && p.points) {
                    r.change = *p.points - *pp->points;
                    r.change_status = ChangeStatus::kComputed;
                } else {
                    r.change_status = ChangeStatus::kNotComparable;
                }
            }
            r.ranks = RanksFor(unit_code, year, PartScope(p.method));
            out.parts.push_back(std::move(r));
        }

        if (ev->tree != nullptr) {
            const auto& tree = *ev->tree;
            const auto& fw = *tree.framework;
            for (int i : tree.preorder) {
                NodeResult r = MakeNode(*ev, prev, i);
                r.ranks = RanksFor(unit_code, year, NodeScope(r.code), r.depth != 1);
                out.criteria.push_back(r);
                if (r.depth == 1) out.areas.push_back(std::move(r));
            }

            // Lost points: the deepest scored node with a loss.
            std::vector<char> listed(fw.nodes.size(), 0), below(fw.nodes.size(), 0);
            for (auto it = tree.preorder.rbegin(); it != tree.preorder.rend(); ++it) {
                const auto i = static_cast<std::size_t>(*it);
                for (int k : tree.children[i])
                    if (listed[static_cast<std::size_t>(k)] || below[static_cast<std::size_t>(k)]) below[i] = 1;
                const auto& n = fw.nodes[i];
                const NodeEval e = ev->At(static_cast<int>(i));
                if (n.max_only || below[i]) continue;
                if (e.score == nullptr || !e.score->appraised || e.score->provenance == Provenance::kComputed) continue;
                if (!e.points || !e.max || *e.max - *e.points <= Decimal()) continue;
                listed[i] = 1;
            }
            for (int i : tree.preorder) {
                const auto ui = static_cast<std::size_t>(i);
                if (!listed[ui]) continue;
                const auto& n = fw.nodes[ui];
                const NodeEval e = ev->At(i);
                LostPoint lp;
                lp.code = n.code;
                lp.title = n.title;
                int root = i;
                while (tree.parent[static_cast<std::size_t>(root)] >= 0)
                    root = tree.parent[static_cast<std::size_t>(root)];
                lp.area_code = fw.nodes[static_cast<std::size_t>(root)].code;
                lp.points = *e.points;
                lp.max = *e.max;
                lp.lost = *e.max - *e.points;
                lp.cause = e.score->cause;
                lp.responsible = !e.score->responsible.empty() ? e.score->responsible : n.responsible;
                out.lost_points.push_back(std::move(lp));
            }
            std::stable_sort(out.lost_points.begin(), out.lost_points.end(),
                             [](const LostPoint& x, const LostPoint& y) {
                                 if (x.lost != y.lost) return x.lost > y.lost;
                                 return CodeLess(x.code, y.code);
                             });

            // Gaps between self and appraised scores.
            for (int i : tree.preorder) {
                const auto ui = static_cast<std::size_t>(i);
                const NodeEval e = ev->At(i);
                if (!e.self || !e.points || *e.self == *e.points) continue;
                out.gaps.push_back(
                    ScoreGap{fw.nodes[ui].code, fw.nodes[ui].title, *e.self, *e.points, *e.self - *e.points});
            }
            std::stable_sort(out.gaps.begin(), out.gaps.end(), [](const ScoreGap& x, const ScoreGap& y) {
                if (x.gap != y.gap) return x.gap > y.gap;
                return CodeLess(x.code, y.code);
            });

            // Strengths and weaknesses, one note per area.
            for (const auto& area : out.areas) {
                if (area.max_only) continue;
                const bool has_change = area.change && (area.change_status == ChangeStatus::kPublished ||
                                                        area.change_status == ChangeStatus::kComputed);
                AreaNote note{area.code,   area.title, "",
                              area.points, area.max,   has_change ? area.change : std::nullopt};
                if (area.points && area.max && *area.points == *area.max) {
                    note.kind = "at_max";
                    out.strengths.push_back(note);
                } else if (has_change && *area.change > Decimal()) {
                    note.kind = "up";
                    out.strengths.push_back(note);
                }
                if (has_change && *area.change < Decimal()) {
                    note.kind = "down";
                    out.weaknesses.push_back(note);
                }
            }
        }

        // Trend: up to three years ending with this one.
        for (int y = year - 2; y <= year; ++y) {
            const Eval* t = EvalOf(unit_code, y);
            if (t == nullptr) continue;
            TrendPoint tp;
            tp.year = y;
            tp.points = t->total_points;
            tp.max = t->total_max;
            tp.index = t->total_index;
            tp.ranks = RanksFor(unit_code, y, "total");
            tp.provenance = t->total_provenance;
            out.trend.push_back(std::move(tp));
        }
        return out;
    }

    Result<GroupRanking> Ranking(const std::string& group_code, int year) const {
        const int code_id = GroupCodeId(group_code);
        const int gi = GroupIndex(code_id, year);
        if (gi < 0)
            return MakeError(ErrorCode::kNotFound,
                             "Không tìm thấy nhóm \"" + group_code + "\" năm " + std::to_string(year),
                             "Group \"" + group_code + "\" not found for " + std::to_string(year));
        const PeerGroup* group = &data.groups[static_cast<std::size_t>(gi)];
        GroupRanking out;
        out.group_code = group->code;
        out.group_name = group->name;
        out.year = year;
        out.framework_code = group->framework_code;
        const FrameworkTree* tree = Tree(group->framework_code);
        out.display_decimals = tree != nullptr ? tree->framework->display_decimals : 2;
        out.tie_rule = kTieRuleVi;
        const std::string scope = "total";
        const auto& ids = member_units[static_cast<std::size_t>(gi)];
        std::vector<char> seen(unit_of.size(), 0);
        WarmGroup(gi, false);
        out.rows.reserve(group->members.size());
        for (std::size_t mi = 0; mi < group->members.size(); ++mi) {
            const auto& m = group->members[mi];
            const int unit = ids[mi];
            if (seen[static_cast<std::size_t>(unit)] != 0) continue;
            seen[static_cast<std::size_t>(unit)] = 1;
            RankingRow row;
            row.unit_code = m.unit_code;
            const Unit* u = unit_of[static_cast<std::size_t>(unit)];
            row.unit_name = u != nullptr ? u->name : m.unit_code;
            row.demo = u != nullptr && u->demo;
            row.excluded = !m.ranked;
            if (const Eval* ev = EvalOf(unit, year)) {
                row.points = ev->total_points;
                row.max = ev->total_max;
                row.index = ev->total_index;
                row.band = ev->BandOf();
            }
            if (auto r = RankOnly(unit, group_code, code_id, year, scope)) {
                row.rank = r->rank;
                row.excluded = r->excluded;
                auto prev = RankOnly(unit, group_code, code_id, year - 1, scope);
                if (prev && prev->rank) {
                    row.previous_rank = prev->rank;
                    if (row.rank) row.change = *prev->rank - *row.rank;
                }
            }
            out.rows.push_back(std::move(row));
        }
        std::stable_sort(out.rows.begin(), out.rows.end(), [](const RankingRow& x, const RankingRow& y) {
            if (x.rank.has_value() != y.rank.has_value()) return x.rank.has_value();
            if (x.rank && *x.rank != *y.rank) return *x.rank < *y.rank;
            if (!x.rank) {
                // Scored-but-excluded units before units without a figure.
                const bool xs = x.index.has_value(), ys = y.index.has_value();
                if (xs != ys) return xs;
            }
            return x.unit_code < y.unit_code;
        });
        return out;
    }

    std::vector<Finding> Check(int year) const;
};

// ---------------------------------------------------------------------------------------------------------------
// The consistency check.

namespace {

struct Label {
    std::string vi;
    std::string en;
};

Label NodeLabel(const FrameworkTree& tree, int i) {
    const auto& code = tree.framework->nodes[static_cast<std::size_t>(i)].code;
    if (tree.depth[static_cast<std::size_t>(i)] == 1) return {"Lĩnh vực " + code, "Area " + code};
    return {"Tiêu chí " + code, "Criterion " + code};
}

Label ChildWord(const FrameworkTree* tree, int parent) {
    if (parent < 0) return {"các lĩnh vực", "the areas"};
    (void)tree;
    return {"các tiêu chí", "the criteria"};
}

Label ChildLabelLower(const FrameworkTree& tree, int i) {
    const auto& code = tree.framework->nodes[static_cast<std::size_t>(i)].code;
    if (tree.depth[static_cast<std::size_t>(i)] == 1) return {"lĩnh vực " + code, "area " + code};
    return {"tiêu chí " + code, "criterion " + code};
}

struct CheckContext {
    const Eval& ev;
    const Eval* prev;
    const Assessment& a;
    std::vector<Finding>& out;
    std::set<std::string> loss_reported;

    void Add(std::string kind, std::string node, std::optional<Decimal> published, std::optional<Decimal> expected,
             std::string vi, std::string en) {
        Finding f;
        f.kind = std::move(kind);
        f.unit_code = a.unit_code;
        f.year = a.year;
        f.node_code = std::move(node);
        f.published = published;
        f.expected = expected;
        f.message = Text{WithMark(std::move(vi), ','), WithMark(std::move(en), '.')};
        out.push_back(std::move(f));
    }
};

const std::vector<int> kNoChildren{};  // NOLINT(readability-identifier-naming): a constant, named as such

/// Children of a node, or the areas for the total (parent −1).
const std::vector<int>& ChildrenOf(const Eval& ev, int parent) {
    if (ev.tree == nullptr) return kNoChildren;
    return parent < 0 ? ev.tree->roots : ev.tree->children[static_cast<std::size_t>(parent)];
}

// a. change_sum
void CheckChangeSum(CheckContext& c, int node, const std::string& code, std::optional<Decimal> change,
                    const Label& label) {
    if (!change) return;
    const auto& kids = ChildrenOf(c.ev, node);
    if (kids.empty()) return;
    Decimal sum;
    for (int k : kids) {
        const NodeEval e = c.ev.At(k);
        if (e.score == nullptr || !e.score->change) return;
        sum += *e.score->change;
    }
    if (sum == *change) return;
    const Label kids_word = ChildWord(c.ev.tree, node);
    c.Add("change_sum", code, change, sum,
          label.vi + " có thay đổi được công bố " + Signed(*change) + " điểm nhưng thay đổi của " + kids_word.vi +
              " cộng lại là " + Signed(sum) + " điểm (chênh lệch " + Num(*change - sum) + ")",
          label.en + " has a published change of " + Signed(*change) + " points but the changes of " + kids_word.en +
              " add up to " + Signed(sum) + " (a difference of " + Num(*change - sum) + ")");
}

// c. loss_unaccounted
void CheckLoss(CheckContext& c, int node, const std::string& code, std::optional<Decimal> published,
               std::optional<Decimal> computed, std::optional<Decimal> max, const Label& label) {
    if (!c.a.losses_complete || !published || !computed || !max || *published == *computed) return;
    const auto& kids = ChildrenOf(c.ev, node);
    if (kids.empty()) return;
    const Decimal loss = *max - *published;
    // The loss the listed children account for: the sum of their own losses where all maxima are known.
    std::optional<Decimal> listed = Decimal();
    for (int k : kids) {
        const NodeEval e = c.ev.At(k);
        const auto& n = c.ev.tree->framework->nodes[static_cast<std::size_t>(k)];
        if (n.max_only) continue;
        if (!e.max || !e.points) {
            listed.reset();
            break;
        }
        *listed += *e.max - *e.points;
    }
    const Decimal accounted = listed ? *listed : *max - *computed;
    const Label kids_word = ChildWord(c.ev.tree, node);
    std::string vi = label.vi + " mất " + Num(loss) + " điểm (" + Num(*max) + " " + kMinus + " " + Num(*published) +
                     ") nhưng " + kids_word.vi + " được liệt kê ";
    std::string en = label.en + " lost " + Num(loss) + " points (" + Num(*max) + " " + kMinus + " " + Num(*published) +
                     ") but " + kids_word.en + " listed ";
    if (accounted < loss) {
        vi += "chỉ giải thích " + Num(accounted) + " điểm";
        en += "account for only " + Num(accounted);
    } else {
        vi += "mất tới " + Num(accounted) + " điểm";
        en += "lose " + Num(accounted);
    }
    c.Add("loss_unaccounted", code, published, computed, vi, en);
    c.loss_reported.insert(code);
}

// d. change_exceeds_max
void CheckChangeExceedsMax(CheckContext& c, const std::string& code, std::optional<Decimal> value,
                           std::optional<Decimal> change, std::optional<Decimal> prev_max, const Label& label,
                           std::optional<Decimal> cur_max) {
    if (!value || !change || !prev_max) return;
    const Decimal implied = *value - *change;
    const std::string prev_year = std::to_string(c.a.year - 1);
    const std::string shown = Num(*value) + (cur_max ? "/" + Num(*cur_max) : "");
    if (implied > *prev_max) {
        c.Add("change_exceeds_max", code, implied, prev_max,
              label.vi + " đạt " + shown + " với thay đổi " + Signed(*change) + " điểm, tức là năm " + prev_year +
                  " đạt " + Num(implied) + " điểm, vượt điểm tối đa " + Num(*prev_max),
              label.en + " scored " + shown + " with a change of " + Signed(*change) + ", which implies " +
                  Num(implied) + " points in " + prev_year + ", above the maximum of " + Num(*prev_max));
    } else if (implied < Decimal()) {
        c.Add("change_exceeds_max", code, implied, Decimal(),
              label.vi + " đạt " + shown + " với thay đổi " + Signed(*change) + " điểm, tức là năm " + prev_year +
                  " đạt " + Num(implied) + " điểm, dưới 0",
              label.en + " scored " + shown + " with a change of " + Signed(*change) + ", which implies " +
                  Num(implied) + " points in " + prev_year + ", below zero");
    }
}

// e. gap_unaccounted
void CheckGap(CheckContext& c, int node, const std::string& code, std::optional<Decimal> self,
              std::optional<Decimal> appraised, const Label& label) {
    if (!self || !appraised || c.loss_reported.count(code) != 0) return;
    const auto& kids = ChildrenOf(c.ev, node);
    if (kids.empty()) return;
    const Decimal fall = *self - *appraised;
    Decimal kid_self, kid_appraised;
    int with_figures = 0;
    std::vector<int> missing;
    std::optional<Decimal> missing_max = Decimal();
    std::string listed_falls;
    for (int k : kids) {
        const NodeEval e = c.ev.At(k);
        const auto& n = c.ev.tree->framework->nodes[static_cast<std::size_t>(k)];
        if (e.self && e.points) {
            kid_self += *e.self;
            kid_appraised += *e.points;
            ++with_figures;
            if (node >= 0) {
                if (!listed_falls.empty()) listed_falls += "; ";
                listed_falls += n.code + ": " + Num(*e.self) + " → " + Num(*e.points);
            }
        } else if (!n.max_only && !e.self && !e.points) {
            missing.push_back(k);
            if (missing_max && e.max)
                *missing_max += *e.max;
            else
                missing_max.reset();
        }
    }
    const Decimal kid_fall = kid_self - kid_appraised;
    if (kid_fall == fall) return;

    const Label kids_word = ChildWord(c.ev.tree, node);
    std::string vi = label.vi + " giảm từ " + Num(*self) + " (tự chấm) xuống " + Num(*appraised) +
                     " (thẩm định), giảm " + Num(fall) + " điểm";
    std::string en = label.en + " fell from " + Num(*self) + " (self) to " + Num(*appraised) + " (appraised), " +
                     Num(fall) + " points";
    if (with_figures == 0) {
        vi +=
            ", nhưng không có " + kids_word.vi.substr(std::string("các ").size()) + " nào có điểm tự chấm và thẩm định";
        en += ", but none of " + kids_word.en + " has self and appraised scores";
    } else if (node < 0) {
        vi += ", nhưng " + kids_word.vi + " được liệt kê cộng lại tự chấm " + Num(kid_self) + ", thẩm định " +
              Num(kid_appraised) + " (giảm " + Num(kid_fall) + ")";
        en += ", but " + kids_word.en + " listed add up to self " + Num(kid_self) + " and appraised " +
              Num(kid_appraised) + " (a fall of " + Num(kid_fall) + ")";
    } else {
        vi += ", nhưng " + kids_word.vi + " được liệt kê chỉ giải thích mức giảm " + Num(kid_fall) + " (" +
              listed_falls + ")";
        en += ", but " + kids_word.en + " listed account for a fall of " + Num(kid_fall) + " (" + listed_falls + ")";
    }
    if (!missing.empty()) {
        std::string names_vi, names_en;
        for (int k : missing) {
            const Label l = ChildLabelLower(*c.ev.tree, k);
            const NodeEval e = c.ev.At(k);
            const std::string mx = e.max ? " (tối đa " + Num(*e.max) + ")" : "";
            const std::string mx_en = e.max ? " (max " + Num(*e.max) + ")" : "";
            if (!names_vi.empty()) {
                names_vi += ", ";
                names_en += ", ";
            }
            names_vi += l.vi + mx;
            names_en += l.en + mx_en;
        }
        vi += "; " + names_vi + " không có điểm";
        en += "; " + names_en + (missing.size() == 1 ? " has" : " have") + " no scores";
        if (missing_max && with_figures > 0) {
            const Decimal would = kid_appraised + *missing_max;
            vi += std::string("; nếu ") + (missing.size() == 1 ? "mục này" : "các mục này") +
                  " đạt điểm tối đa thì điểm thẩm định sẽ là " + Num(would) + ", không phải " + Num(*appraised) +
                  " như đã công bố";
            en += "; at full marks the appraised " + std::string(node < 0 ? "total" : "score") + " would be " +
                  Num(would) + ", not the published " + Num(*appraised);
        }
    }
    c.Add("gap_unaccounted", code, fall, kid_fall, vi, en);
}

}  // namespace

std::vector<Finding> ResultsEngine::Impl::Check(int year) const {
    std::vector<Finding> all;
    // The year's assessments by unit code.
    std::vector<int> slots;
    for (std::size_t slot = 0; slot < slot_assessment.size(); ++slot)
        if (slot_assessment[slot]->year == year) slots.push_back(static_cast<int>(slot));
    std::sort(slots.begin(), slots.end(), [&](int x, int y) {
        return slot_assessment[static_cast<std::size_t>(x)]->unit_code <
               slot_assessment[static_cast<std::size_t>(y)]->unit_code;
    });
    for (int slot : slots) {
        const Eval& ev = EvalAt(slot, true);
        const Assessment& a = *ev.assessment;
        const Eval* prev = EvalOf(a.unit_code, year - 1);
        std::vector<Finding> found;
        CheckContext c{ev, prev, a, found, {}};
        const Label total{"Tổng chỉ số", "The total"};

        // Total and parts first, then nodes in framework order.
        CheckChangeSum(c, -1, "TOTAL", a.total_change, total);
        for (const auto& p : a.parts) {
            if (!p.index || !p.points || !p.max) continue;
            bool ok = false;
            for (int d = ev.decimals; d >= 0 && !ok; --d) {
                if (p.index->RoundTo(d) != *p.index) break;
                auto computed = Decimal::Percent(*p.points, *p.max, d);
                ok = computed && *computed == *p.index;
            }
            if (ok) continue;
            auto computed = Decimal::Percent(*p.points, *p.max, ev.decimals);
            if (!computed) continue;
            c.Add("part_index", PartScope(p.method), p.index, computed,
                  std::string(PartLabelVi(p.method)) + " được công bố chỉ số " + Num(*p.index) + "% nhưng " +
                      Num(*p.points) + "/" + Num(*p.max) + " = " +
                      WithMark(computed->ToFixed(ev.decimals), kDecimalMark) + "%",
                  std::string(PartLabelEn(p.method)) + " is published with an index of " + Num(*p.index) + "% but " +
                      Num(*p.points) + "/" + Num(*p.max) + " = " +
                      WithMark(computed->ToFixed(ev.decimals), kDecimalMark) + "%");
        }
        if (a.total_points) CheckLoss(c, -1, "TOTAL", a.total_points, ev.total_computed, ev.total_max, total);
        if (a.total_change && ev.total_index) {
            std::optional<Decimal> bound = Decimal::FromInt(100);
            CheckChangeExceedsMax(c, "TOTAL", ev.total_index, a.total_change, bound, total, std::nullopt);
        }
        CheckGap(c, -1, "TOTAL", a.total_self, a.total_points, total);
        const auto prev_index = prev != nullptr ? IndexAt(*prev, ev.decimals) : std::nullopt;
        if (a.total_change && a.total_points && prev != nullptr && prev->assessment->total_points && ev.total_index &&
            prev_index) {
            const Decimal diff = *ev.total_index - *prev_index;
            if (diff != *a.total_change) {
                const std::string py = std::to_string(year - 1);
                c.Add("previous_total_mismatch", "TOTAL", a.total_change, diff,
                      "Tổng chỉ số có thay đổi được công bố " + Signed(*a.total_change) + " nhưng " +
                          Num(*ev.total_index) + " " + kMinus + " " + Num(*prev_index) + " (năm " + py +
                          ") = " + Signed(diff),
                      "The total has a published change of " + Signed(*a.total_change) + " but " +
                          Num(*ev.total_index) + " " + kMinus + " " + Num(*prev_index) + " (" + py +
                          ") = " + Signed(diff));
            }
        }

        if (ev.tree != nullptr) {
            const auto& tree = *ev.tree;
            const auto& fw = *tree.framework;
            for (int i : tree.preorder) {
                const auto ui = static_cast<std::size_t>(i);
                const auto& n = fw.nodes[ui];
                const NodeEval e = ev.At(i);
                if (n.max_only || e.score == nullptr) continue;
                const Label label = NodeLabel(tree, i);
                const bool has_kids = !tree.children[ui].empty();
                CheckChangeSum(c, i, n.code, e.score->change, label);
                if (has_kids) CheckLoss(c, i, n.code, e.score->appraised, e.computed, e.max, label);
                if (e.score->change && e.score->appraised) {
                    std::optional<Decimal> prev_max;
                    if (prev != nullptr) {
                        const int j = MapNode(ev, *prev, i);
                        if (j >= 0) prev_max = prev->tree->max[static_cast<std::size_t>(j)];
                    }
                    if (!prev_max) prev_max = e.max;
                    CheckChangeExceedsMax(c, n.code, e.score->appraised, e.score->change, prev_max, label, e.max);
                }
                if (has_kids) CheckGap(c, i, n.code, e.score->self, e.score->appraised, label);
            }
        }
        std::stable_sort(found.begin(), found.end(), [&](const Finding& x, const Finding& y) {
            return NodeOrder(x.node_code, &ev) < NodeOrder(y.node_code, &ev);
        });
        all.insert(all.end(), found.begin(), found.end());
    }
    // Slots are taken by unit code, so findings are already by unit code.
    return all;
}

// ---------------------------------------------------------------------------------------------------------------

ResultsEngine::ResultsEngine(Dataset data) : impl_(std::make_unique<Impl>(std::move(data))) {}
ResultsEngine::~ResultsEngine() = default;
ResultsEngine::ResultsEngine(ResultsEngine&&) noexcept = default;
ResultsEngine& ResultsEngine::operator=(ResultsEngine&&) noexcept = default;

Result<UnitResult> ResultsEngine::ForUnit(const std::string& unit_code, int year) const {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->ForUnit(unit_code, year);
}

Result<GroupRanking> ResultsEngine::Ranking(const std::string& group_code, int year) const {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->Ranking(group_code, year);
}

std::vector<Finding> ResultsEngine::Check(int year) const {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->Check(year);
}

}  // namespace parindex
