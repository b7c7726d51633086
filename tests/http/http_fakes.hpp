#pragma once

// In-memory stand-ins for the ports the HTTP handlers use, so that handler tests need no socket and no database.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/auth_store.hpp"
#include "domain/results_engine.hpp"
#include "domain/security.hpp"
#include "domain/store.hpp"
#include "support/memory_auth.hpp"

namespace parindex::http::testing {

using parindex::testing::CountingTokens;
using parindex::testing::FakeHasher;
using parindex::testing::MemoryAuthStore;

/// Units, groups, frameworks and assessments in memory (read-only use by the handlers).
class MemoryStore final : public Store {
  public:
    explicit MemoryStore(Dataset data) : data_(std::move(data)) {}

    Status InTransaction(const std::function<Status()>& work) override { return work(); }
    Status SaveUnit(const Unit& unit) override {
        data_.units.push_back(unit);
        return OkStatus();
    }
    Result<std::optional<Unit>> FindUnit(const std::string& code) override {
        for (const Unit& unit : data_.units) {
            if (unit.code == code) return std::optional<Unit>(unit);
        }
        return std::optional<Unit>();
    }
    Result<std::vector<Unit>> ListUnits() override { return data_.units; }
    Status SavePeerGroup(const PeerGroup& group) override {
        data_.groups.push_back(group);
        return OkStatus();
    }
    Result<std::optional<PeerGroup>> FindPeerGroup(const std::string& code, int year) override {
        for (const PeerGroup& group : data_.groups) {
            if (group.code == code && group.year == year) return std::optional<PeerGroup>(group);
        }
        return std::optional<PeerGroup>();
    }
    Result<std::vector<PeerGroup>> ListPeerGroups(std::optional<int> year) override {
        std::vector<PeerGroup> groups;
        for (const PeerGroup& group : data_.groups) {
            if (!year || group.year == *year) groups.push_back(group);
        }
        return groups;
    }
    Status SaveFramework(const Framework& framework) override {
        data_.frameworks.push_back(framework);
        return OkStatus();
    }
    Result<std::optional<Framework>> FindFramework(const std::string& code) override {
        for (const Framework& framework : data_.frameworks) {
            if (framework.code == code) return std::optional<Framework>(framework);
        }
        return std::optional<Framework>();
    }
    Result<std::vector<Framework>> ListFrameworks() override { return data_.frameworks; }
    Status SaveAssessment(const Assessment& assessment) override {
        data_.assessments.push_back(assessment);
        return OkStatus();
    }
    Result<std::optional<Assessment>> FindAssessment(const std::string& unit_code, int year) override {
        for (const Assessment& assessment : data_.assessments) {
            if (assessment.unit_code == unit_code && assessment.year == year) {
                return std::optional<Assessment>(assessment);
            }
        }
        return std::optional<Assessment>();
    }
    Result<std::vector<Assessment>> ListAssessments(int from_year, int to_year) override {
        std::vector<Assessment> list;
        for (const Assessment& assessment : data_.assessments) {
            if (assessment.year >= from_year && assessment.year <= to_year) list.push_back(assessment);
        }
        return list;
    }

    const Dataset& Data() const { return data_; }

  private:
    Dataset data_;
};

/// Two areas of one criterion each (max 10), units u01..u12 in group `wards` and `other` alone in group
/// `communes`, scored in 2023.
inline Dataset SmallDataset() {
    Dataset d;
    Framework fw;
    fw.code = "fw";
    fw.title = "Bộ chỉ số thử";
    fw.display_decimals = 2;
    fw.bands = {Band{"a", "Tốt", Decimal::FromInt(80), false}, Band{"b", "Khá", Decimal::FromInt(0), false}};
    for (int a = 1; a <= 2; ++a) {
        FrameworkNode area;
        area.code = std::to_string(a);
        area.title = "Lĩnh vực " + area.code;
        fw.nodes.push_back(area);
        FrameworkNode leaf;
        leaf.code = area.code + ".1";
        leaf.parent_code = area.code;
        leaf.title = "Tiêu chí " + leaf.code;
        leaf.max = Decimal::FromInt(10);
        leaf.evidence_required = a == 1;
        fw.nodes.push_back(leaf);
    }
    d.frameworks.push_back(fw);
    PeerGroup wards{"wards", "Các phường", 2023, "fw", {}, {}};
    PeerGroup communes{"communes", "Các xã", 2023, "fw", {}, {}};
    for (int i = 1; i <= 13; ++i) {
        Unit unit;
        unit.code = i <= 12 ? (i < 10 ? "u0" : "u") + std::to_string(i) : "other";
        unit.name = i <= 12 ? "Phường Đông " + std::to_string(i) : "Xã Khác";
        unit.type = i <= 12 ? "ward" : "commune";
        d.units.push_back(unit);
        (i <= 12 ? wards : communes).members.push_back(GroupMember{unit.code, true, {}});
        Assessment assessment;
        assessment.unit_code = unit.code;
        assessment.year = 2023;
        assessment.framework_code = "fw";
        for (const char* code : {"1.1", "2.1"}) {
            NodeScore score;
            score.code = code;
            score.appraised = Decimal::FromThousandths(static_cast<std::int64_t>(5000 + i * 250));
            score.self = Decimal::FromInt(10);
            assessment.nodes.push_back(score);
        }
        d.assessments.push_back(assessment);
    }
    d.groups = {wards, communes};
    return d;
}

}  // namespace parindex::http::testing
