#include "app/kpi_demo.hpp"

#include <algorithm>
#include <vector>

namespace parindex {
namespace {

constexpr const char* kSavedBy = "demo";
constexpr const char* kSavedAt = "2024-01-02 01:00:00";

Decimal N(std::int64_t whole) { return Decimal::FromInt(whole); }

struct Seed {
    const char* code;
    const char* vi;
    const char* en;
    const char* unit_of_measure;
    KpiMeasure measure;
    KpiComparator comparator;
    Decimal value;
    Decimal margin;
    const char* field;  ///< Scope, or nullptr.
    const char* source;
};

/// Every target of the seed plans (PRODUCT.md step 6; seeds 001, 002, 003).
std::vector<KpiIndicator> Catalogue() {
    const std::vector<Seed> seeds{
        {"dung-han", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn, trước hạn", "Dossiers resolved on time or early", "%",
         KpiMeasure::kOnTimeRate, KpiComparator::kAtLeast, N(95), N(2), nullptr,
         "KH duy trì PAR INDEX, SIPAS 2024 của xã (seed 001): đạt 95% trở lên; Q. Thanh Xuân (seed 002): 100%"},
        {"dung-han-dat-dai", "Tỷ lệ đúng hạn lĩnh vực đất đai (tài nguyên môi trường)", "On time, land", "%",
         KpiMeasure::kOnTimeRate, KpiComparator::kAtLeast, N(99), N(1), "dat-dai",
         "KH CCHC 2024 Q. Thanh Xuân (seed 002): tài nguyên môi trường, kế hoạch đầu tư tối thiểu 99%"},
        {"dung-han-dau-tu", "Tỷ lệ đúng hạn lĩnh vực kế hoạch đầu tư", "On time, investment", "%",
         KpiMeasure::kOnTimeRate, KpiComparator::kAtLeast, N(99), N(1), "dau-tu",
         "KH CCHC 2024 Q. Thanh Xuân (seed 002): tài nguyên môi trường, kế hoạch đầu tư tối thiểu 99%"},
        {"toan-trinh", "Tỷ lệ hồ sơ TTHC xử lý hoàn toàn trực tuyến", "Dossiers processed fully online", "%",
         KpiMeasure::kOnlineFullShare, KpiComparator::kAtLeast, N(70), N(5), nullptr,
         "KH CCHC 2024 Q. Thanh Xuân (seed 002): 70% hồ sơ xử lý hoàn toàn trực tuyến"},
        {"xin-loi-tre-han", "Hồ sơ trễ hạn không có văn bản xin lỗi", "Late dossiers without an apology letter",
         "hồ sơ", KpiMeasure::kLateWithoutApology, KpiComparator::kAtMost, N(0), N(0), nullptr,
         "Seed 000, 001: ban hành văn bản xin lỗi kèm kết quả khi trả trễ hẹn (NĐ 61/2018)"},
        {"xin-loi-mot-lan", "Hồ sơ xin lỗi, hẹn lại quá một lần", "Dossiers apologised for more than once", "hồ sơ",
         KpiMeasure::kApologyExcess, KpiComparator::kAtMost, N(0), N(0), nullptr,
         "Seed 001: mỗi hồ sơ trễ hạn thư xin lỗi không quá một lần"},
        {"bo-sung-mot-lan", "Hồ sơ yêu cầu bổ sung từ hai lần trở lên", "Dossiers with two or more supplement requests",
         "hồ sơ", KpiMeasure::kSupplement2Plus, KpiComparator::kAtMost, N(0), N(0), nullptr,
         "Seed 001: khắc phục triệt để tình trạng yêu cầu bổ sung hồ sơ nhiều lần"},
        {"so-hoa-ket-qua-quan", "Tỷ lệ số hóa kết quả giải quyết TTHC (cấp quận)", "Digitised results (district)", "%",
         KpiMeasure::kManual, KpiComparator::kAtLeast, N(60), N(5), nullptr,
         "KH CCHC 2024 Q. Thanh Xuân (seed 002): số hóa tối thiểu 60% (cấp quận)"},
        {"so-hoa-ket-qua", "Tỷ lệ số hóa kết quả giải quyết TTHC (cấp xã, phường)", "Digitised results (commune)", "%",
         KpiMeasure::kManual, KpiComparator::kAtLeast, N(50), N(5), nullptr,
         "KH CCHC 2024 Q. Thanh Xuân (seed 002): số hóa tối thiểu 50% (cấp phường)"},
        {"sipas", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", "Satisfaction index (SIPAS)", "%",
         KpiMeasure::kManual, KpiComparator::kAtLeast, N(90), N(3), nullptr,
         "KH CCHC 2024 Q. Thanh Xuân (seed 002): chỉ số hài lòng đạt từ 90% trở lên"},
        {"cong-chuc-dat-chuan", "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn", "Commune officials meeting standards", "%",
         KpiMeasure::kManual, KpiComparator::kAtLeast, N(90), N(5), nullptr,
         "Seed 003, tiêu chí 4.2: đạt chuẩn 77,27% (chỉ tiêu 90% trở lên)"},
        {"tin-bai", "Tin, bài đăng trên Trang thông tin điện tử", "Posts on the website", "bài", KpiMeasure::kManual,
         KpiComparator::kAtLeast, N(60), N(10), nullptr,
         "Seed 003, tiêu chí 6.4.2: đăng tải dưới 60 tin bài, tự chấm 2/3"},
        {"hinh-thuc-tuyen-truyen", "Số hình thức tuyên truyền CCHC", "Forms of administrative reform outreach",
         "hình thức", KpiMeasure::kManual, KpiComparator::kAtLeast, N(3), N(1), nullptr,
         "PRODUCT.md bước 6: ít nhất 3 hình thức tuyên truyền"},
        {"doi-thoai", "Số cuộc đối thoại với người dân, doanh nghiệp về TTHC", "Dialogues with citizens on procedures",
         "cuộc", KpiMeasure::kManual, KpiComparator::kAtLeast, N(2), N(0), nullptr,
         "Seed 002: người đứng đầu ít nhất 6 tháng/lần tổ chức đối thoại (2 cuộc/năm)"},
        {"kiem-tra-cong-chuc", "Tỷ lệ cán bộ, công chức được kiểm tra công vụ ít nhất một lần",
         "Officials inspected once", "%", KpiMeasure::kManual, KpiComparator::kAtLeast, N(100), N(5), nullptr,
         "Seed 002: 100% tổ, bộ phận, cán bộ, công chức được kiểm tra ít nhất 1 lần"},
        {"phan-anh-kien-nghi", "Tỷ lệ phản ánh, kiến nghị về TTHC được xử lý", "Feedback on procedures handled", "%",
         KpiMeasure::kManual, KpiComparator::kAtLeast, N(100), N(5), nullptr,
         "Seed 002: 100% phản ánh, kiến nghị được tiếp nhận, xử lý và thông báo kết quả"},
    };
    std::vector<KpiIndicator> catalogue;
    for (const Seed& s : seeds) {
        KpiIndicator k;
        k.code = s.code;
        k.name = {s.vi, s.en};
        k.unit_of_measure = s.unit_of_measure;
        k.measure = s.measure;
        k.comparator = s.comparator;
        k.value = s.value;
        k.amber_margin = s.margin;
        if (s.field != nullptr) k.scope.field = s.field;
        k.source = s.source;
        k.saved_by = kSavedBy;
        k.saved_at = kSavedAt;
        catalogue.push_back(std::move(k));
    }
    return catalogue;
}

int VersionOf(const Framework& framework) {
    int version = 0;
    for (char c : framework.version) {
        if (c < '0' || c > '9') return 0;
        version = version * 10 + (c - '0');
    }
    return version;
}

/// Saves `rules` for `framework` when it exists and has no rules yet.
Result<int> SeedRules(KpiStore& kpis, Store& store, const std::string& code, std::vector<KpiRule> rules) {
    auto framework = store.FindFramework(code);
    if (!framework) return framework.TakeError();
    if (!framework->has_value()) return 0;
    const int version = VersionOf(**framework);
    auto existing = kpis.FindKpiRules(code, version);
    if (!existing) return existing.TakeError();
    if (existing->has_value()) return 0;
    if (Status saved = kpis.SaveKpiRules(KpiRuleSet{code, version, std::move(rules), kSavedBy, kSavedAt}); !saved) {
        return saved.GetError();
    }
    return 1;
}

}  // namespace

Result<std::string> SeedDemoKpis(KpiStore& kpis, Store& store) {
    auto existing = kpis.ListKpis();
    if (!existing) return existing.TakeError();
    int indicators = 0;
    for (const KpiIndicator& k : Catalogue()) {
        const bool known =
            std::any_of(existing->begin(), existing->end(), [&](const KpiIndicator& e) { return e.code == k.code; });
        if (known) continue;
        auto saved = kpis.SaveKpi(k);
        if (!saved) return saved.GetError();
        ++indicators;
    }
    int rule_sets = 0;
    auto hadong =
        SeedRules(kpis, store, "hadong-2024-mau",
                  {{"3.2", "dung-han", KpiScoringMethod::kThresholds, Decimal(), {{N(95), N(2)}, {N(90), N(1)}}},
                   {"6.7", "so-hoa-ket-qua", KpiScoringMethod::kProportional, Decimal(), {}}});
    if (!hadong) return hadong.GetError();
    rule_sets += *hadong;
    auto caoloc = SeedRules(kpis, store, "caoloc-2023",
                            {{"6.4.2",
                              "tin-bai",
                              KpiScoringMethod::kThresholds,
                              Decimal(),
                              {{N(60), N(3)}, {N(40), N(2)}, {N(20), N(1)}}}});
    if (!caoloc) return caoloc.GetError();
    rule_sets += *caoloc;

    // La Khê 2024: its own on-time target and a few figures entered by hand (only on a first run).
    auto unit = store.FindUnit("lakhe");
    if (!unit) return unit.TakeError();
    int actuals = 0;
    if (unit->has_value()) {
        auto targets = kpis.ListTargets(std::string("lakhe"), 2024);
        if (!targets) return targets.TakeError();
        if (targets->empty()) {
            KpiTarget target;
            target.unit = "lakhe";
            target.year = 2024;
            target.kpi = "dung-han";
            target.comparator = KpiComparator::kAtLeast;
            target.value = N(95);
            target.note = "Kế hoạch CCHC năm 2024 của UBND phường La Khê";
            target.saved_by = kSavedBy;
            target.saved_at = kSavedAt;
            if (Status saved = kpis.SaveTarget(target); !saved) return saved.GetError();
            struct Figure {
                const char* kpi;
                std::int64_t thousandths;
                CivilDate date;
                const char* note;
            };
            const std::vector<Figure> figures{
                {"tin-bai", 52000, CivilDate{2024, 12, 31}, "Thống kê Trang thông tin điện tử phường (mẫu)"},
                {"hinh-thuc-tuyen-truyen", 4000, CivilDate{2024, 9, 30},
                 "Pa nô, loa truyền thanh, mạng xã hội, hội nghị (mẫu)"},
                {"doi-thoai", 1000, CivilDate{2024, 6, 30}, "Hội nghị đối thoại 6 tháng đầu năm (mẫu)"},
                {"sipas", 91200, CivilDate{2024, 12, 15}, "Khảo sát SIPAS của quận (mẫu)"},
                {"so-hoa-ket-qua", 46500, CivilDate{2024, 12, 31}, "Báo cáo số hóa kết quả TTHC (mẫu)"},
            };
            for (const Figure& f : figures) {
                KpiManualActual actual;
                actual.unit = "lakhe";
                actual.year = 2024;
                actual.kpi = f.kpi;
                actual.value = Decimal::FromThousandths(f.thousandths);
                actual.date = f.date;
                actual.note = f.note;
                actual.by = "vanphong.lakhe";
                actual.recorded_at = kSavedAt;
                auto id = kpis.AddManualActual(actual);
                if (!id) return id.GetError();
                ++actuals;
            }
        }
    }
    return "Chỉ tiêu mẫu: " + std::to_string(indicators) + " chỉ tiêu, " + std::to_string(rule_sets) +
           " bộ quy tắc chấm theo chỉ tiêu, " + std::to_string(actuals) + " kết quả nhập tay.\n";
}

}  // namespace parindex
