#pragma once

// A deterministic synthetic dataset for the benchmarks: one framework of 10 areas × 10 leaf criteria, a number of
// units split into 10 peer groups, and one appraised assessment per unit and year.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "domain/results_engine.hpp"

namespace parindex::bench {

/// The shape of the synthetic dataset.
struct SyntheticShape {
    int units = 10000;              ///< Units in all; split as evenly as possible over `groups`.
    int groups = 10;                ///< Peer groups, the same members every year.
    int first_year = 2022;          ///< First assessed year.
    int years = 3;                  ///< Assessed years, consecutive.
    int areas = 10;                 ///< Areas of the framework.
    int leaves_per_area = 10;       ///< Leaf criteria under each area.
    std::uint64_t seed = 20240917;  ///< Fixed: the same shape always gives the same scores.
};

/// The code of the synthetic framework (the same version every year).
inline constexpr const char* kSyntheticFramework = "bench-cchc";

/// "u00042": the code of unit `index` (0-based).
inline std::string SyntheticUnitCode(int index) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "u%05d", index + 1);
    return buffer;
}

/// "g07": the code of peer group `index` (0-based).
inline std::string SyntheticGroupCode(int index) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "g%02d", index + 1);
    return buffer;
}

/// The peer group (0-based) of unit `index`: consecutive blocks of units, sizes differing by at most one.
inline int SyntheticGroupOf(const SyntheticShape& shape, int index) {
    return static_cast<int>(static_cast<std::int64_t>(index) * shape.groups / shape.units);
}

/// The leaf maxima of one area in thousandths; they add up to 10 points, so 10 areas give 100.
inline std::vector<std::int64_t> SyntheticLeafMaxima(int leaves_per_area) {
    // Uneven maxima as in real frameworks (0.5 to 1.5 points); for other shapes, an even split of 10 points.
    if (leaves_per_area == 10) return {500, 750, 750, 1000, 1000, 1000, 1000, 1250, 1250, 1500};
    std::vector<std::int64_t> maxima(static_cast<std::size_t>(leaves_per_area), 10000 / leaves_per_area);
    maxima.back() += 10000 - maxima.front() * leaves_per_area;
    return maxima;
}

/// Builds the framework: areas "1".."10" (maxima left blank, so they are the sums of their criteria), leaves "a.c".
inline Framework MakeSyntheticFramework(const SyntheticShape& shape) {
    Framework fw;
    fw.code = kSyntheticFramework;
    fw.title = "Bộ chỉ số CCHC mẫu cho đo hiệu năng";
    fw.version = "2022";
    fw.decision = "Dữ liệu tổng hợp (benchmark)";
    fw.max = Decimal::FromInt(shape.areas * 10);
    fw.display_decimals = 2;
    fw.bands = {
        Band{"xuat-sac", "Xuất sắc", Decimal::FromInt(90), true},
        Band{"tot", "Tốt", Decimal::FromInt(80), true},
        Band{"kha", "Khá", Decimal::FromInt(70), true},
        Band{"trung-binh", "Trung bình", Decimal::FromInt(50), true},
        Band{"yeu", "Yếu", Decimal::FromInt(0), true},
    };
    const auto maxima = SyntheticLeafMaxima(shape.leaves_per_area);
    for (int a = 1; a <= shape.areas; ++a) {
        FrameworkNode area;
        area.code = std::to_string(a);
        area.title = "Lĩnh vực " + area.code;
        fw.nodes.push_back(area);
        for (int c = 1; c <= shape.leaves_per_area; ++c) {
            FrameworkNode leaf;
            leaf.code = area.code + "." + std::to_string(c);
            leaf.parent_code = area.code;
            leaf.title = "Tiêu chí " + leaf.code;
            leaf.max = Decimal::FromThousandths(maxima[static_cast<std::size_t>(c - 1)]);
            leaf.responsible = "Văn phòng";
            fw.nodes.push_back(std::move(leaf));
        }
    }
    return fw;
}

/// Builds the whole dataset. Each unit has a quality that drifts a little from year to year; a criterion is at its
/// maximum with that probability, otherwise it gets a partial score in steps of 0.25 (most often), 0.01 or 0.001
/// points, so totals have up to three decimals and equal indices (after rounding to 2 decimals) occur.
inline Dataset MakeSyntheticDataset(const SyntheticShape& shape) {
    Dataset data;
    std::mt19937_64 rng(shape.seed);
    std::uniform_real_distribution<double> unit_draw(0.0, 1.0);
    std::normal_distribution<double> quality_draw(0.80, 0.08);
    std::normal_distribution<double> drift_draw(0.0, 0.02);

    data.frameworks.push_back(MakeSyntheticFramework(shape));
    const Framework& fw = data.frameworks.front();
    std::vector<const FrameworkNode*> leaves;
    for (const auto& n : fw.nodes)
        if (!n.parent_code.empty()) leaves.push_back(&n);

    data.units.reserve(static_cast<std::size_t>(shape.units));
    for (int u = 0; u < shape.units; ++u) {
        Unit unit;
        unit.code = SyntheticUnitCode(u);
        char name[48];
        std::snprintf(name, sizeof name, "Xã mẫu %05d", u + 1);
        unit.name = name;
        unit.type = "commune";
        unit.demo = true;
        data.units.push_back(std::move(unit));
    }

    for (int y = 0; y < shape.years; ++y) {
        for (int g = 0; g < shape.groups; ++g) {
            PeerGroup group;
            group.code = SyntheticGroupCode(g);
            group.name = "Nhóm mẫu " + std::to_string(g + 1);
            group.year = shape.first_year + y;
            group.framework_code = fw.code;
            data.groups.push_back(std::move(group));
        }
        for (int u = 0; u < shape.units; ++u) {
            GroupMember member;
            member.unit_code = data.units[static_cast<std::size_t>(u)].code;
            data.groups[static_cast<std::size_t>(y * shape.groups + SyntheticGroupOf(shape, u))].members.push_back(
                std::move(member));
        }
    }

    std::vector<double> quality(static_cast<std::size_t>(shape.units));
    for (auto& q : quality) q = quality_draw(rng);
    data.assessments.reserve(static_cast<std::size_t>(shape.units) * static_cast<std::size_t>(shape.years));
    for (int y = 0; y < shape.years; ++y) {
        for (int u = 0; u < shape.units; ++u) {
            double& q = quality[static_cast<std::size_t>(u)];
            if (y > 0) q += drift_draw(rng);
            const double at_max = std::clamp(q, 0.30, 0.99);
            Assessment a;
            a.unit_code = data.units[static_cast<std::size_t>(u)].code;
            a.year = shape.first_year + y;
            a.framework_code = fw.code;
            a.status = AssessmentStatus::kAppraised;
            a.nodes.reserve(leaves.size());
            for (const FrameworkNode* leaf : leaves) {
                const std::int64_t max = leaf->max->Thousandths();
                std::int64_t value = max;
                if (unit_draw(rng) >= at_max) {
                    const double fraction = 0.3 + 0.7 * unit_draw(rng);
                    const double kind = unit_draw(rng);
                    const std::int64_t step = kind < 0.7 ? 250 : (kind < 0.9 ? 10 : 1);
                    value = static_cast<std::int64_t>(fraction * static_cast<double>(max)) / step * step;
                    if (value >= max) value = max - step;
                    if (value < 0) value = 0;
                }
                NodeScore score;
                score.code = leaf->code;
                score.appraised = Decimal::FromThousandths(value);
                score.provenance = Provenance::kEntered;
                a.nodes.push_back(std::move(score));
            }
            data.assessments.push_back(std::move(a));
        }
    }
    return data;
}

}  // namespace parindex::bench
