#pragma once

// Private to src/formats: readings of enum names, booleans and whole numbers shared by the JSON and table codecs.

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "domain/assessment.hpp"
#include "domain/framework.hpp"
#include "domain/provenance.hpp"
#include "formats/unicode.hpp"

namespace parindex {

/// A scoring method by its English or Vietnamese name, in any case, with or without diacritics.
inline std::optional<ScoringMethod> ParseMethodText(std::string_view text) {
    const std::string key = FoldForMatching(text);
    if (key == "appraisal" || key == "thamdinh" || key == "tudanhgia") return ScoringMethod::kAppraisal;
    if (key == "survey" || key == "dieutra" || key == "dtxhh" || key == "dieutraxahoihoc")
        return ScoringMethod::kSurvey;
    if (key == "data" || key == "dulieu") return ScoringMethod::kData;
    return std::nullopt;
}

/// The Vietnamese name of a scoring method, as written in .xlsx files.
inline const char* MethodVietnamese(ScoringMethod method) {
    switch (method) {
        case ScoringMethod::kAppraisal:
            return "thẩm định";
        case ScoringMethod::kSurvey:
            return "điều tra";
        case ScoringMethod::kData:
            return "dữ liệu";
    }
    return "thẩm định";
}

/// A provenance by its English name (any case) or a Vietnamese one.
inline std::optional<Provenance> ParseProvenanceText(std::string_view text) {
    const std::string key = FoldForMatching(text);
    if (key == "entered" || key == "nhap" || key == "nhapvao") return Provenance::kEntered;
    if (key == "published" || key == "congbo") return Provenance::kPublished;
    if (key == "computed" || key == "tinhtoan") return Provenance::kComputed;
    if (key == "derived" || key == "suyra") return Provenance::kDerived;
    if (key == "demo" || key == "mau") return Provenance::kDemo;
    return std::nullopt;
}

/// The Vietnamese name of a provenance, as written in .xlsx files (ParseProvenanceText reads it back).
inline const char* ProvenanceVietnamese(Provenance provenance) {
    switch (provenance) {
        case Provenance::kEntered:
            return "nhập";
        case Provenance::kPublished:
            return "công bố";
        case Provenance::kComputed:
            return "tính toán";
        case Provenance::kDerived:
            return "suy ra";
        case Provenance::kDemo:
            return "mẫu";
    }
    return "tính toán";
}

/// An assessment status by its English name (any case).
inline std::optional<AssessmentStatus> ParseStatusText(std::string_view text) {
    const std::string key = FoldForMatching(text);
    for (AssessmentStatus s : {AssessmentStatus::kDraft, AssessmentStatus::kSubmitted, AssessmentStatus::kAppraised,
                               AssessmentStatus::kFinal, AssessmentStatus::kPublished}) {
        if (key == AssessmentStatusName(s)) return s;
    }
    return std::nullopt;
}

/// A yes/no cell: 1/0, true/false, yes/no, có/không, x; nothing for anything else (the caller treats blank).
inline std::optional<bool> ParseBoolText(std::string_view text) {
    const std::string key = FoldForMatching(text);
    if (key == "1" || key == "true" || key == "yes" || key == "co" || key == "x") return true;
    if (key == "0" || key == "false" || key == "no" || key == "khong") return false;
    return std::nullopt;
}

/// A whole number written with digits only (an optional sign; "2023.0" from a spreadsheet is accepted).
inline std::optional<long long> ParseWholeNumber(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    const std::size_t point = text.find_first_of(".,");
    if (point != std::string_view::npos) {
        const std::string_view fraction = text.substr(point + 1);
        if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
        text = text.substr(0, point);
    }
    long long value = 0;
    if (text.empty()) return std::nullopt;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

/// The codes that mark the total row of a scores table: TOTAL, Tổng, Tổng cộng, Chỉ số CCHC.
inline bool IsTotalCode(std::string_view text) {
    const std::string key = FoldForMatching(text);
    return key == "total" || key == "tong" || key == "tongcong" || key == "chisocchc" || key == "tongdiem";
}

}  // namespace parindex
