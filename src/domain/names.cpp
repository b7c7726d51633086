#include <string>

#include "domain/assessment.hpp"
#include "domain/framework.hpp"
#include "domain/provenance.hpp"
#include "domain/results.hpp"

namespace parindex {

const char* ProvenanceName(Provenance provenance) {
    switch (provenance) {
        case Provenance::kEntered:
            return "entered";
        case Provenance::kPublished:
            return "published";
        case Provenance::kComputed:
            return "computed";
        case Provenance::kDerived:
            return "derived";
        case Provenance::kDemo:
            return "demo";
    }
    return "computed";
}

std::optional<Provenance> ParseProvenance(std::string_view name) {
    for (Provenance p : {Provenance::kEntered, Provenance::kPublished, Provenance::kComputed, Provenance::kDerived,
                         Provenance::kDemo}) {
        if (name == ProvenanceName(p)) return p;
    }
    return std::nullopt;
}

const char* ScoringMethodName(ScoringMethod method) {
    switch (method) {
        case ScoringMethod::kAppraisal:
            return "appraisal";
        case ScoringMethod::kSurvey:
            return "survey";
        case ScoringMethod::kData:
            return "data";
    }
    return "appraisal";
}

std::optional<ScoringMethod> ParseScoringMethod(std::string_view name) {
    if (name == "appraisal" || name == "thẩm định" || name == "tự đánh giá") return ScoringMethod::kAppraisal;
    if (name == "survey" || name == "điều tra" || name == "ĐTXHH") return ScoringMethod::kSurvey;
    if (name == "data" || name == "dữ liệu") return ScoringMethod::kData;
    return std::nullopt;
}

const char* AssessmentStatusName(AssessmentStatus status) {
    switch (status) {
        case AssessmentStatus::kDraft:
            return "draft";
        case AssessmentStatus::kSubmitted:
            return "submitted";
        case AssessmentStatus::kAppraised:
            return "appraised";
        case AssessmentStatus::kFinal:
            return "final";
        case AssessmentStatus::kPublished:
            return "published";
    }
    return "draft";
}

std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view name) {
    for (AssessmentStatus s : {AssessmentStatus::kDraft, AssessmentStatus::kSubmitted, AssessmentStatus::kAppraised,
                               AssessmentStatus::kFinal, AssessmentStatus::kPublished}) {
        if (name == AssessmentStatusName(s)) return s;
    }
    return std::nullopt;
}

const char* ChangeStatusName(ChangeStatus status) {
    switch (status) {
        case ChangeStatus::kNone:
            return "none";
        case ChangeStatus::kPublished:
            return "published";
        case ChangeStatus::kComputed:
            return "computed";
        case ChangeStatus::kNotComparable:
            return "not_comparable";
    }
    return "none";
}

}  // namespace parindex
