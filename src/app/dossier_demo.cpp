#include "app/dossier_demo.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace parindex {
namespace {

/// A small deterministic generator (PCG-style LCG, high bits), so that the demo is the same on every machine.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed * 2862933555777941757ull + 3037000493ull) {}
    std::uint64_t Next() {
        state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
        return state_ >> 33;
    }
    /// 0 ≤ n < below.
    std::int64_t Below(std::int64_t below) {
        return static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(below));
    }
    /// A number in [0, 1).
    double Unit() { return static_cast<double>(Next() & 0xFFFFFF) / static_cast<double>(0x1000000); }

  private:
    std::uint64_t state_;
};

std::uint64_t Seed(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

struct DemoProcedure {
    const char* code;
    const char* name;
    int days;  ///< The legal processing time in calendar days.
};

struct DemoField {
    const char* code;
    const char* name;
    const char* department;           ///< The department that handles it…
    const char* fallback_department;  ///< …or this one when the unit has no such department.
    int weight;                       ///< Share of the dossiers, in percent.
    std::vector<DemoProcedure> procedures;
};

const std::vector<DemoField>& Fields() {
    static const std::vector<DemoField> fields = {
        {"chung-thuc",
         "Chứng thực",
         "tp-ht",
         "tp-ht",
         35,
         {{"2.000815", "Chứng thực bản sao từ bản chính", 1},
          {"2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", 1},
          {"2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản", 2}}},
        {"ho-tich",
         "Hộ tịch",
         "tp-ht",
         "tp-ht",
         30,
         {{"1.001193", "Đăng ký khai sinh", 1},
          {"1.000894", "Đăng ký kết hôn", 3},
          {"1.000656", "Đăng ký khai tử", 1},
          {"1.004884", "Cấp bản sao trích lục hộ tịch", 1}}},
        {"dat-dai",
         "Đất đai",
         "dc-xd",
         "vp-tk",
         15,
         {{"1.004227", "Đăng ký biến động quyền sử dụng đất", 10},
          {"1.004203", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", 30},
          {"1.003010", "Hòa giải tranh chấp đất đai", 45}}},
        {"lao-dong-tbxh",
         "Lao động – Thương binh và Xã hội",
         "vh-xh",
         "vh-xh",
         12,
         {{"1.001776", "Xác nhận hộ gia đình nghèo, cận nghèo", 7},
          {"1.001731", "Trợ cấp xã hội hàng tháng", 10},
          {"2.000286", "Hỗ trợ chi phí mai táng", 5}}},
        {"xay-dung",
         "Xây dựng",
         "dc-xd",
         "vp-tk",
         8,
         {{"1.009972", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15},
          {"1.009974", "Cấp giấy phép sửa chữa, cải tạo công trình", 15}}},
    };
    return fields;
}

/// The departments of a unit without its own list (the usual ones of a commune).
const std::vector<Department>& UsualDepartments() {
    static const std::vector<Department> departments = {{"vp-tk", "Văn phòng – Thống kê"},
                                                        {"tp-ht", "Tư pháp – Hộ tịch"},
                                                        {"tc-kt", "Tài chính – Kế toán"},
                                                        {"vh-xh", "Văn hóa – Xã hội"},
                                                        {"dc-xd", "Địa chính – Xây dựng"}};
    return departments;
}

bool HandlesDossiers(const Unit& unit) { return unit.type == "commune" || unit.type == "ward" || unit.type == "town"; }

std::uint16_t Intern(std::vector<std::string>& codes, std::vector<std::string>& names, const std::string& code,
                     const std::string& name) {
    auto found = std::find(codes.begin(), codes.end(), code);
    if (found != codes.end()) return static_cast<std::uint16_t>(found - codes.begin());
    codes.push_back(code);
    names.push_back(name);
    return static_cast<std::uint16_t>(codes.size() - 1);
}

}  // namespace

Result<DossierImportSummary> SeedDemoDossiers(Store& store, DossierStore& dossiers, int year) {
    auto units = store.ListUnits();
    if (!units) return units.TakeError();
    DossierBatch batch;
    batch.file = "demo:" + std::to_string(year);
    batch.parts.resize(1);
    DossierBatch::Part& part = batch.parts[0];

    // Dictionaries: fields and procedures with their names, departments with the usual names.
    std::vector<std::uint16_t> field_ids;
    std::vector<std::vector<std::uint16_t>> procedure_ids;
    for (const DemoField& field : Fields()) {
        field_ids.push_back(Intern(batch.fields, batch.field_names, field.code, field.name));
        procedure_ids.emplace_back();
        for (const DemoProcedure& procedure : field.procedures) {
            procedure_ids.back().push_back(
                Intern(batch.procedures, batch.procedure_names, procedure.code, procedure.name));
        }
    }
    for (const Department& department : UsualDepartments()) {
        Intern(batch.departments, batch.department_names, department.code, department.name);
    }

    const LocalTime start = LocalTime::FromParts(CivilDate{year, 1, 1});
    const LocalTime end = LocalTime::FromParts(CivilDate{year + 1, 1, 1});
    const std::int64_t days_in_year = (end - start) / LocalTime::kSecondsPerDay;
    constexpr std::int64_t kDay = LocalTime::kSecondsPerDay;
    auto compact = [](LocalTime time) { return ToCompactTime(time).value_or(kNoCompactTime); };

    for (const Unit& unit : *units) {
        if (!HandlesDossiers(unit)) continue;
        Random random(Seed(unit.code) ^ static_cast<std::uint64_t>(year));
        std::vector<std::string> unit_names;
        const std::uint16_t unit_id = Intern(batch.units, unit_names, unit.code, "");
        const std::vector<Department>& departments = unit.departments.empty() ? UsualDepartments() : unit.departments;
        // Each field's department in this unit.
        std::vector<std::uint16_t> department_of_field;
        for (const DemoField& field : Fields()) {
            const Department* chosen = &departments.front();
            for (const char* wanted : {field.department, field.fallback_department}) {
                auto found = std::find_if(departments.begin(), departments.end(),
                                          [&](const Department& d) { return d.code == wanted; });
                if (found != departments.end()) {
                    chosen = &*found;
                    break;
                }
            }
            department_of_field.push_back(
                Intern(batch.departments, batch.department_names, chosen->code, chosen->name));
        }
        // The unit's character: how many dossiers, how punctual, how online.
        const bool real = !unit.demo;
        const std::int64_t count = real ? 3000 + random.Below(1000) : 1000 + random.Below(1000);
        const double on_time_share = 0.915 + 0.07 * random.Unit();
        const double online_full_share = 0.60 + 0.20 * random.Unit();
        const double apology_share = 0.4 + 0.5 * random.Unit();  // Of the late ones.

        for (std::int64_t i = 0; i < count; ++i) {
            CompactDossier row;
            const std::string id = "DEMO-" + unit.code + "-" + std::to_string(year) + "-" + std::to_string(i + 1);
            row.id_offset = static_cast<std::uint32_t>(part.ids.size());
            row.id_length = static_cast<std::uint16_t>(id.size());
            part.ids += id;
            row.unit = unit_id;

            std::int64_t pick = random.Below(100);
            std::size_t f = 0;
            while (f + 1 < Fields().size() && pick >= Fields()[f].weight) pick -= Fields()[f++].weight;
            const DemoField& field = Fields()[f];
            const std::size_t p =
                static_cast<std::size_t>(random.Below(static_cast<std::int64_t>(field.procedures.size())));
            const DemoProcedure& procedure = field.procedures[p];
            row.field = field_ids[f];
            row.procedure = procedure_ids[f][p];
            row.department = department_of_field[f];

            const double channel = random.Unit();
            row.channel = static_cast<std::uint8_t>(channel < online_full_share          ? Channel::kOnlineFull
                                                    : channel < online_full_share + 0.12 ? Channel::kOnlinePartial
                                                    : channel < online_full_share + 0.15 ? Channel::kPostal
                                                                                         : Channel::kDirect);
            // Received on a working day (Sunday moves to Monday), during office hours.
            LocalTime day = start + random.Below(days_in_year) * kDay;
            const bool sunday = ((day.Day() % 7) + 7 + 4) % 7 == 0;  // 1970-01-01 was a Thursday.
            if (sunday && day + kDay < end) day = day + kDay;
            const LocalTime received = day + (7 * 3600 + 1800) + random.Below(std::int64_t{9} * 3600);
            const LocalTime due = LocalTime::FromParts((received + procedure.days * kDay).Date(), 17);
            row.received = compact(received);
            row.due = compact(due);

            const std::int64_t supplements = random.Below(1000);
            row.supplement_requests = supplements < 880 ? 0 : supplements < 970 ? 1 : supplements < 995 ? 2 : 3;

            const double fate = random.Unit();
            if (fate < 0.02) {
                // Returned unprocessed, withdrawn or rejected: handed back within a few days.
                row.status = static_cast<std::uint8_t>(fate < 0.012   ? DossierStatus::kReturnedUnprocessed
                                                       : fate < 0.016 ? DossierStatus::kWithdrawn
                                                                      : DossierStatus::kRejected);
                const LocalTime back = received + kDay + random.Below(2 * kDay);
                row.returned = back < end ? compact(back) : kNoCompactTime;
            } else if (fate < 0.023) {
                row.status = static_cast<std::uint8_t>(DossierStatus::kInProgress);  // Stuck: still open.
            } else {
                LocalTime finished;
                if (random.Unit() < on_time_share) {
                    finished = received + std::max<std::int64_t>(
                                              600, static_cast<std::int64_t>((0.15 + 0.85 * random.Unit()) *
                                                                             static_cast<double>(due - received)));
                } else {
                    finished = due + 3600 + random.Below(6 * kDay);
                    const double apology = random.Unit();
                    row.apology_letters = apology < apology_share ? 1 : apology < apology_share + 0.05 ? 2 : 0;
                }
                if (finished >= end) {
                    row.status = static_cast<std::uint8_t>(DossierStatus::kInProgress);  // Open at the year's end.
                } else {
                    row.status = static_cast<std::uint8_t>(DossierStatus::kFinished);
                    row.finished = compact(finished);
                    const LocalTime handed = finished + random.Below(2 * kDay);
                    row.returned = handed < end ? compact(handed) : kNoCompactTime;
                }
            }
            part.rows.push_back(row);
        }
    }
    return dossiers.ImportDossiers(batch, nullptr);
}

}  // namespace parindex
