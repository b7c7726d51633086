#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parindex {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

SourceRef Src(int line) { return SourceRef{"framework.csv", line, ""}; }

FrameworkNode Node(std::string code, std::string parent, std::optional<Decimal> max, int line) {
    FrameworkNode n;
    n.code = std::move(code);
    n.parent_code = std::move(parent);
    n.title = "Tiêu chí " + n.code;
    n.max = max;
    n.source = Src(line);
    return n;
}

Framework Valid() {
    Framework f;
    f.code = "fw-2023";
    f.max = D("30");
    f.source = SourceRef{"framework.csv", 1, "$"};
    f.nodes = {Node("1", "", D("10"), 2), Node("1.1", "1", D("4"), 3),       Node("1.2", "1", D("6"), 4),
               Node("2", "", D("20"), 5), Node("2.1", "2", std::nullopt, 6), Node("2.2", "2", D("5"), 7)};
    f.bands = {{"a", "A", D("90"), false}, {"b", "B", D("0"), false}};
    return f;
}

std::vector<std::string> Fields(const std::vector<ErrorDetail>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field + "=" + e.value);
    return out;
}

TEST(ValidateFramework, AcceptsAValidFramework) { EXPECT_TRUE(ValidateFramework(Valid(), {}).empty()); }

TEST(ValidateFramework, ChildrenMaximaMustAddUp) {
    Framework f = Valid();
    f.nodes[2].max = D("5");  // 4 + 5 ≠ 10
    auto errors = ValidateFramework(f, {});
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "max");
    EXPECT_EQ(errors[0].value, "10");
    EXPECT_EQ(errors[0].file, "framework.csv");
    EXPECT_EQ(*errors[0].line, 2);
    EXPECT_NE(errors[0].reason.vi.find("tổng điểm tối đa các tiêu chí con 9"), std::string::npos)
        << errors[0].reason.vi;
    EXPECT_NE(errors[0].reason.en.find("sum of its children's maxima, 9"), std::string::npos);

    // A declared difference makes it add up.
    f.nodes[0].declared_difference = D("1");
    EXPECT_TRUE(ValidateFramework(f, {}).empty());
}

TEST(ValidateFramework, BlankChildMaximumSkipsTheSum) {
    Framework f = Valid();
    f.nodes[5].max = D("1");  // 2.1 is blank, so 2 is not checked
    EXPECT_TRUE(ValidateFramework(f, {}).empty());
}

TEST(ValidateFramework, FrameworkMaxAgainstAreas) {
    Framework f = Valid();
    f.max = D("100");
    auto errors = ValidateFramework(f, {});
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "max");
    EXPECT_EQ(errors[0].value, "100");
    EXPECT_EQ(errors[0].path, "$");
}

TEST(ValidateFramework, UnknownParentDuplicateAndNegativeMax) {
    Framework f = Valid();
    f.nodes.push_back(Node("3.1", "3", D("1"), 8));
    f.nodes.push_back(Node("1.1", "1", D("0"), 9));
    f.nodes.push_back(Node("4", "", D("-1"), 10));
    f.max.reset();
    auto errors = ValidateFramework(f, {});
    EXPECT_EQ(Fields(errors), (std::vector<std::string>{"code=1.1", "parent_code=3", "max=-1"}));
    EXPECT_EQ(*errors[0].line, 9);
    EXPECT_NE(errors[0].reason.vi.find("bị trùng"), std::string::npos);
    EXPECT_NE(errors[1].reason.en.find("not in the framework"), std::string::npos);
    EXPECT_EQ(*errors[1].line, 8);
    EXPECT_EQ(errors[2].reason.vi, "điểm tối đa không được âm");
}

TEST(ValidateFramework, Cycles) {
    Framework f = Valid();
    f.nodes.push_back(Node("x", "y", std::nullopt, 8));
    f.nodes.push_back(Node("y", "x", std::nullopt, 9));
    f.nodes.push_back(Node("z", "z", std::nullopt, 10));
    auto errors = ValidateFramework(f, {});
    EXPECT_EQ(Fields(errors), (std::vector<std::string>{"parent_code=y", "parent_code=x", "parent_code=z"}));
    EXPECT_NE(errors[0].reason.en.find("cycle"), std::string::npos);
    EXPECT_NE(errors[0].reason.vi.find("vòng lặp"), std::string::npos);
}

TEST(ValidateFramework, BandsAndPreviousVersion) {
    Framework f = Valid();
    f.bands.push_back({"a", "A again", D("50"), false});
    f.bands.push_back({"c", "C", D("100.5"), false});
    f.bands.push_back({"d", "D", D("-1"), false});
    f.previous_code = "fw-2022";
    auto errors = ValidateFramework(f, {});
    EXPECT_EQ(Fields(errors),
              (std::vector<std::string>{"previous_code=fw-2022", "code=a", "min_index=100.5", "min_index=-1"}));
    KnownCodes known;
    known.frameworks.insert("fw-2022");
    f.bands.resize(2);
    EXPECT_TRUE(ValidateFramework(f, known).empty());
}

// ---------------------------------------------------------------------------------------------------------------

Unit U(std::string code, std::string name, std::string parent = "") {
    Unit u;
    u.code = std::move(code);
    u.name = std::move(name);
    u.parent_code = std::move(parent);
    u.source = SourceRef{"units.csv", 0, "$.units[0]"};
    return u;
}

TEST(ValidateUnits, Rules) {
    KnownCodes known;
    known.units.insert("hanoi");
    std::vector<Unit> units = {U("hadong", "Quận Hà Đông", "hanoi"), U("lakhe", "Phường La Khê", "hadong")};
    EXPECT_TRUE(ValidateUnits(units, known).empty());

    units.push_back(U("La Khe", "Phường"));          // bad code
    units.push_back(U("vankhe", ""));                // no name
    units.push_back(U("lakhe", "Phường La Khê 2"));  // duplicate
    units.push_back(U("yennghia", "Phường Yên Nghĩa", "nowhere"));
    units.push_back(U("a", "A", "b"));
    units.push_back(U("b", "B", "a"));
    Unit merged = U("kienhung", "Phường Kiến Hưng");
    merged.valid_from = 2025;
    merged.valid_to = 2020;
    merged.successor_code = "ghost";
    units.push_back(merged);
    auto errors = ValidateUnits(units, known);
    EXPECT_EQ(Fields(errors),
              (std::vector<std::string>{"code=La Khe", "name=", "code=lakhe", "parent_code=nowhere", "parent_code=b",
                                        "parent_code=a", "valid_to=2020", "successor_code=ghost"}));
    EXPECT_EQ(errors[0].path, "$.units[0]");
    EXPECT_FALSE(errors[0].line.has_value());  // line 0 means unknown
    for (const auto& e : errors) {
        EXPECT_FALSE(e.reason.vi.empty());
        EXPECT_FALSE(e.reason.en.empty());
    }
    EXPECT_NE(errors[6].reason.vi.find("năm kết thúc 2020 trước năm bắt đầu 2025"), std::string::npos);
}

TEST(ValidatePeerGroup, Rules) {
    KnownCodes known;
    known.units = {"a", "b"};
    known.frameworks = {"fw"};
    PeerGroup g;
    g.code = "hadong-wards";
    g.year = 2023;
    g.framework_code = "fw";
    g.members = {{"a", true, {}}, {"b", false, {}}};
    g.source = SourceRef{"groups.csv", 4, ""};
    EXPECT_TRUE(ValidatePeerGroup(g, known).empty());
    g.year = 1989;
    g.framework_code = "fw-x";
    g.members.push_back({"c", true, {}});
    g.members.push_back({"a", true, SourceRef{"groups.csv", 7, ""}});
    auto errors = ValidatePeerGroup(g, known);
    EXPECT_EQ(Fields(errors),
              (std::vector<std::string>{"year=1989", "framework_code=fw-x", "unit_code=c", "unit_code=a"}));
    EXPECT_EQ(*errors[2].line, 4);  // the group's line when the member has none
    EXPECT_EQ(*errors[3].line, 7);
    EXPECT_NE(errors[3].reason.en.find("listed twice"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------

TEST(ValidateAssessment, Rules) {
    Framework f = Valid();
    f.nodes.push_back(Node("2.khac", "2", D("15"), 8));
    f.nodes.back().max_only = true;
    KnownCodes known;
    known.units = {"lakhe"};
    known.groups = {"hadong-wards"};
    known.frameworks = {"fw-2023"};
    Assessment a;
    a.unit_code = "lakhe";
    a.year = 2023;
    a.framework_code = "fw-2023";
    a.source = SourceRef{"scores.csv", 0, "$.assessments[0]"};
    NodeScore s;
    s.code = "1.1";
    s.self = D("4");
    s.appraised = D("3.5");
    s.source = SourceRef{"scores.csv", 3, ""};
    a.nodes.push_back(s);
    PublishedRank r;
    r.group_code = "hadong-wards";
    r.rank = 16;
    r.of = 17;
    a.ranks.push_back(r);
    EXPECT_TRUE(ValidateAssessment(a, &f, known).empty());

    Assessment bad = a;
    bad.unit_code = "nowhere";
    bad.year = 2101;
    bad.nodes[0].appraised = D("4.5");  // above max 4
    NodeScore negative = s;
    negative.code = "1.2";
    negative.self = D("-1");
    negative.appraised.reset();
    negative.source = SourceRef{"scores.csv", 4, ""};
    bad.nodes.push_back(negative);
    NodeScore unknown = s;
    unknown.code = "9.9";
    bad.nodes.push_back(unknown);
    NodeScore max_only = s;
    max_only.code = "2.khac";
    max_only.self.reset();
    max_only.appraised = D("15");
    bad.nodes.push_back(max_only);
    bad.ranks[0].rank = 18;
    PublishedRank zero = r;
    zero.rank = 0;
    zero.group_code = "other";
    bad.ranks.push_back(zero);
    auto errors = ValidateAssessment(bad, &f, known);
    EXPECT_EQ(Fields(errors),
              (std::vector<std::string>{"unit_code=nowhere", "year=2101", "appraised=4.5", "self=-1", "code=9.9",
                                        "appraised=15", "rank=18", "rank=0", "group_code=other"}));
    EXPECT_EQ(*errors[2].line, 3);
    EXPECT_NE(errors[2].reason.vi.find("vượt điểm tối đa 4"), std::string::npos) << errors[2].reason.vi;
    EXPECT_NE(errors[3].reason.en.find("negative"), std::string::npos);
    EXPECT_NE(errors[5].reason.en.find("only a maximum"), std::string::npos);
    EXPECT_EQ(errors[0].path, "$.assessments[0]");
    EXPECT_NE(errors[6].reason.vi.find("lớn hơn số đơn vị được xếp hạng 17"), std::string::npos);
}

TEST(ValidateAssessment, HistoricYearWithoutFramework) {
    KnownCodes known;
    known.units = {"lakhe"};
    known.groups = {"hadong-wards"};
    Assessment a;
    a.unit_code = "lakhe";
    a.year = 2021;
    a.total_points = D("87.43");
    a.total_max = D("100");
    PublishedRank r;
    r.group_code = "hadong-wards";
    r.rank = 14;
    r.of = 17;
    a.ranks.push_back(r);
    EXPECT_TRUE(ValidateAssessment(a, nullptr, known).empty());
    NodeScore s;
    s.code = "1";
    s.appraised = D("10");
    a.nodes.push_back(s);
    auto errors = ValidateAssessment(a, nullptr, known);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "framework_code");
    // A rank with an unknown group size is fine.
    a.nodes.clear();
    a.ranks[0].of = 0;
    a.ranks[0].rank = 30;
    EXPECT_TRUE(ValidateAssessment(a, nullptr, known).empty());
}

}  // namespace
}  // namespace parindex
