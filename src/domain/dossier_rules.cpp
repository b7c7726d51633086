// Names and labels of the dossier enumerations, the definition sets and the checks of dossiers and sets.

#include <string>

#include "domain/dossier.hpp"
#include "domain/service_index.hpp"
#include "domain/vietnamese_text.hpp"

namespace parindex {
namespace {

constexpr std::int64_t kMaxSeconds = 366 * LocalTime::kSecondsPerDay;

ErrorDetail FieldError(std::string field, std::string value, std::string vi, std::string en) {
    ErrorDetail detail;
    detail.field = std::move(field);
    detail.value = std::move(value);
    detail.reason = Text{std::move(vi), std::move(en)};
    return detail;
}

std::string TimeText(const std::optional<LocalTime>& time) { return time ? time->Iso() : std::string(); }

}  // namespace

const char* ChannelName(Channel channel) {
    switch (channel) {
        case Channel::kDirect:
            return "direct";
        case Channel::kOnlinePartial:
            return "online_partial";
        case Channel::kOnlineFull:
            return "online_full";
        case Channel::kPostal:
            return "postal";
    }
    return "direct";
}

Text ChannelLabel(Channel channel) {
    switch (channel) {
        case Channel::kDirect:
            return Text{"Trực tiếp", "In person"};
        case Channel::kOnlinePartial:
            return Text{"Trực tuyến một phần", "Partly online"};
        case Channel::kOnlineFull:
            return Text{"Trực tuyến toàn trình", "Fully online"};
        case Channel::kPostal:
            return Text{"Bưu chính công ích", "Postal"};
    }
    return Text{};
}

std::optional<Channel> ParseChannel(std::string_view text) {
    for (Channel channel : {Channel::kDirect, Channel::kOnlinePartial, Channel::kOnlineFull, Channel::kPostal}) {
        if (text == ChannelName(channel)) return channel;
    }
    const std::string folded = FoldVietnamese(text);
    struct Alias {
        const char* folded;
        Channel channel;
    };
    static constexpr Alias kAliases[] = {
        {"direct", Channel::kDirect},
        {"truc tiep", Channel::kDirect},
        {"in person", Channel::kDirect},
        {"online partial", Channel::kOnlinePartial},
        {"partly online", Channel::kOnlinePartial},
        {"truc tuyen mot phan", Channel::kOnlinePartial},
        {"mot phan", Channel::kOnlinePartial},
        {"dvctt mot phan", Channel::kOnlinePartial},
        {"online full", Channel::kOnlineFull},
        {"fully online", Channel::kOnlineFull},
        {"truc tuyen toan trinh", Channel::kOnlineFull},
        {"toan trinh", Channel::kOnlineFull},
        {"dvctt toan trinh", Channel::kOnlineFull},
        {"postal", Channel::kPostal},
        {"buu chinh", Channel::kPostal},
        {"buu chinh cong ich", Channel::kPostal},
        {"bcci", Channel::kPostal},
    };
    for (const Alias& alias : kAliases) {
        if (folded == alias.folded) return alias.channel;
    }
    return std::nullopt;
}

const char* DossierStatusName(DossierStatus status) {
    switch (status) {
        case DossierStatus::kInProgress:
            return "in_progress";
        case DossierStatus::kFinished:
            return "finished";
        case DossierStatus::kReturnedUnprocessed:
            return "returned";
        case DossierStatus::kWithdrawn:
            return "withdrawn";
        case DossierStatus::kRejected:
            return "rejected";
    }
    return "in_progress";
}

Text DossierStatusLabel(DossierStatus status) {
    switch (status) {
        case DossierStatus::kInProgress:
            return Text{"Đang xử lý", "In progress"};
        case DossierStatus::kFinished:
            return Text{"Đã giải quyết", "Finished"};
        case DossierStatus::kReturnedUnprocessed:
            return Text{"Trả lại hồ sơ", "Returned unprocessed"};
        case DossierStatus::kWithdrawn:
            return Text{"Rút hồ sơ", "Withdrawn"};
        case DossierStatus::kRejected:
            return Text{"Từ chối", "Rejected"};
    }
    return Text{};
}

std::optional<DossierStatus> ParseDossierStatus(std::string_view text) {
    for (DossierStatus status :
         {DossierStatus::kInProgress, DossierStatus::kFinished, DossierStatus::kReturnedUnprocessed,
          DossierStatus::kWithdrawn, DossierStatus::kRejected}) {
        if (text == DossierStatusName(status)) return status;
    }
    const std::string folded = FoldVietnamese(text);
    struct Alias {
        const char* folded;
        DossierStatus status;
    };
    static constexpr Alias kAliases[] = {
        {"in progress", DossierStatus::kInProgress},
        {"processing", DossierStatus::kInProgress},
        {"dang xu ly", DossierStatus::kInProgress},
        {"dang giai quyet", DossierStatus::kInProgress},
        {"finished", DossierStatus::kFinished},
        {"done", DossierStatus::kFinished},
        {"completed", DossierStatus::kFinished},
        {"da giai quyet", DossierStatus::kFinished},
        {"hoan thanh", DossierStatus::kFinished},
        {"da hoan thanh", DossierStatus::kFinished},
        {"da xu ly", DossierStatus::kFinished},
        {"da tra ket qua", DossierStatus::kFinished},
        {"returned", DossierStatus::kReturnedUnprocessed},
        {"returned unprocessed", DossierStatus::kReturnedUnprocessed},
        {"tra lai", DossierStatus::kReturnedUnprocessed},
        {"tra lai ho so", DossierStatus::kReturnedUnprocessed},
        {"withdrawn", DossierStatus::kWithdrawn},
        {"rut ho so", DossierStatus::kWithdrawn},
        {"da rut ho so", DossierStatus::kWithdrawn},
        {"cong dan rut ho so", DossierStatus::kWithdrawn},
        {"rejected", DossierStatus::kRejected},
        {"tu choi", DossierStatus::kRejected},
        {"tu choi giai quyet", DossierStatus::kRejected},
        {"khong giai quyet", DossierStatus::kRejected},
    };
    for (const Alias& alias : kAliases) {
        if (folded == alias.folded) return alias.status;
    }
    return std::nullopt;
}

const char* DenominatorConventionName(DenominatorConvention convention) {
    switch (convention) {
        case DenominatorConvention::kProcessedInPeriod:
            return "processed_in_period";
        case DenominatorConvention::kDueInPeriod:
            return "due_in_period";
        case DenominatorConvention::kToProcess:
            return "to_process";
    }
    return "processed_in_period";
}

std::optional<DenominatorConvention> ParseDenominatorConvention(std::string_view name) {
    for (DenominatorConvention convention : {DenominatorConvention::kProcessedInPeriod,
                                             DenominatorConvention::kDueInPeriod, DenominatorConvention::kToProcess}) {
        if (name == DenominatorConventionName(convention)) return convention;
    }
    return std::nullopt;
}

const char* TimelinessName(Timeliness timeliness) {
    switch (timeliness) {
        case Timeliness::kEarly:
            return "early";
        case Timeliness::kOnTime:
            return "on_time";
        case Timeliness::kLate:
            return "late";
    }
    return "late";
}

const char* OpenStateName(OpenState state) {
    switch (state) {
        case OpenState::kNotDue:
            return "not_due";
        case OpenState::kDueSoon:
            return "due_soon";
        case OpenState::kOverdue:
            return "overdue";
    }
    return "not_due";
}

const char* DimensionName(Dimension dimension) {
    switch (dimension) {
        case Dimension::kUnit:
            return "unit";
        case Dimension::kDepartment:
            return "department";
        case Dimension::kField:
            return "field";
        case Dimension::kProcedure:
            return "procedure";
        case Dimension::kChannel:
            return "channel";
    }
    return "unit";
}

std::optional<Dimension> ParseDimension(std::string_view name) {
    for (Dimension dimension :
         {Dimension::kUnit, Dimension::kDepartment, Dimension::kField, Dimension::kProcedure, Dimension::kChannel}) {
        if (name == DimensionName(dimension)) return dimension;
    }
    return std::nullopt;
}

bool DefinitionSet::Counts(DossierStatus status) const {
    switch (status) {
        case DossierStatus::kReturnedUnprocessed:
            return count_returned;
        case DossierStatus::kWithdrawn:
            return count_withdrawn;
        case DossierStatus::kRejected:
            return count_rejected;
        default:
            return true;
    }
}

DefinitionSet DefaultDefinitionSet() { return DefinitionSet{}; }

DefinitionSet ReferenceDefinitionSet() {
    DefinitionSet set;
    set.code = "benchmark-reference";
    set.name = Text{"Câu hỏi tham chiếu của phép đo tốc độ", "The benchmark's reference question"};
    set.count_returned = true;
    set.count_withdrawn = true;
    set.count_rejected = true;
    return set;
}

std::vector<ErrorDetail> ValidateDefinitionSet(const DefinitionSet& set) {
    std::vector<ErrorDetail> errors;
    bool code_ok = !set.code.empty() && set.code.size() <= 64;
    for (char c : set.code) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                             c == '_' || c == '.';
        code_ok = code_ok && allowed;
    }
    if (!code_ok) {
        errors.push_back(FieldError("code", set.code, "mã bộ định nghĩa chỉ gồm chữ, số, '-', '_', '.' (1-64 ký tự)",
                                    "a definition set's code has 1-64 letters, digits, '-', '_' or '.'"));
    }
    if (set.version < 1) {
        errors.push_back(FieldError("version", std::to_string(set.version), "phiên bản phải từ 1 trở lên",
                                    "the version must be 1 or more"));
    }
    if (set.name.vi.empty()) {
        errors.push_back(FieldError("name", "", "cần tên tiếng Việt của bộ định nghĩa",
                                    "the definition set needs a Vietnamese name"));
    }
    const auto seconds = [&](const char* field, std::int64_t value) {
        if (value < 0 || value > kMaxSeconds) {
            errors.push_back(FieldError(field, std::to_string(value), "số giây phải trong khoảng 0 đến 366 ngày",
                                        "seconds must lie between 0 and 366 days"));
        }
    };
    const auto range = [&](const char* field, std::int64_t value, std::int64_t low, std::int64_t high) {
        if (value < low || value > high) {
            const std::string bounds = std::to_string(low) + ".." + std::to_string(high);
            errors.push_back(FieldError(field, std::to_string(value), "giá trị phải trong khoảng " + bounds,
                                        "the value must lie in " + bounds));
        }
    };
    seconds("early_seconds", set.early_seconds);
    seconds("grace_seconds", set.grace_seconds);
    seconds("apology_min_lead_seconds", set.apology_min_lead_seconds);
    range("early_days", set.early_days, 1, 366);
    range("due_soon_days", set.due_soon_days, 0, 366);
    range("max_apologies", set.max_apologies, 0, 10);
    range("supplement_fault_threshold", set.supplement_fault_threshold, 1, 100);
    if (set.service_index) {
        for (ErrorDetail& detail : ValidateServiceIndexGroup(*set.service_index)) {
            detail.field = "service_index." + detail.field;
            errors.push_back(std::move(detail));
        }
    }
    return errors;
}

std::vector<ErrorDetail> ValidateDossier(const DossierFacts& dossier) {
    std::vector<ErrorDetail> errors;
    if (dossier.due < dossier.received) {
        errors.push_back(FieldError("due", dossier.due.Iso(), "hạn trả kết quả trước ngày tiếp nhận",
                                    "the due time is before the received time"));
    }
    if (dossier.finished && *dossier.finished < dossier.received) {
        errors.push_back(FieldError("finished", TimeText(dossier.finished), "ngày hoàn thành trước ngày tiếp nhận",
                                    "the finished time is before the received time"));
    }
    if (dossier.returned && *dossier.returned < dossier.received) {
        errors.push_back(FieldError("returned", TimeText(dossier.returned), "ngày trả kết quả trước ngày tiếp nhận",
                                    "the returned time is before the received time"));
    }
    if (dossier.rescheduled_due && *dossier.rescheduled_due < dossier.due) {
        errors.push_back(FieldError("rescheduled_due", TimeText(dossier.rescheduled_due),
                                    "ngày hẹn lại trước hạn ban đầu",
                                    "the rescheduled due is before the original due"));
    }
    if (dossier.apology_sent && *dossier.apology_sent < dossier.received) {
        errors.push_back(FieldError("apology_sent", TimeText(dossier.apology_sent),
                                    "thư xin lỗi gửi trước ngày tiếp nhận",
                                    "the apology was sent before the received time"));
    }
    if (dossier.status == DossierStatus::kFinished && !dossier.finished) {
        errors.push_back(FieldError("status", DossierStatusName(dossier.status),
                                    "hồ sơ đã giải quyết nhưng thiếu ngày hoàn thành",
                                    "a finished dossier needs its finished time"));
    }
    if (dossier.status == DossierStatus::kInProgress && dossier.finished) {
        errors.push_back(FieldError("status", DossierStatusName(dossier.status),
                                    "hồ sơ đang xử lý nhưng đã có ngày hoàn thành",
                                    "a dossier in progress has a finished time"));
    }
    if (dossier.supplement_requests < 0) {
        errors.push_back(FieldError("supplement_requests", std::to_string(dossier.supplement_requests),
                                    "số lần yêu cầu bổ sung không được âm", "supplement requests cannot be negative"));
    }
    if (dossier.apology_letters < 0) {
        errors.push_back(FieldError("apology_letters", std::to_string(dossier.apology_letters),
                                    "số thư xin lỗi không được âm", "apology letters cannot be negative"));
    }
    return errors;
}

}  // namespace parindex
