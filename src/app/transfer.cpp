#include "app/transfer.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "formats/table.hpp"
#include "formats/temporary_file.hpp"

namespace parindex {
namespace {

namespace fs = std::filesystem;

std::string Extension(const std::string& name) {
    std::string ext = fs::path(name).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

ErrorDetail ParameterDetail(const std::string& field, const std::string& value, Text reason) {
    ErrorDetail detail;
    detail.path = "query." + field;
    detail.field = field;
    detail.value = value;
    detail.reason = std::move(reason);
    return detail;
}

Error BadOption(const std::string& field, const std::string& value, const Text& reason) {
    return MakeError(ErrorCode::kInvalidInput, "Tham số " + field + " không hợp lệ: " + reason.vi,
                     "Invalid parameter " + field + ": " + reason.en, {ParameterDetail(field, value, reason)});
}

Error NoTemporaryFile() {
    return MakeError(ErrorCode::kStorage, "Không tạo được tệp tạm.", "Cannot create a temporary file.");
}

/// Scores that would overwrite a published (frozen) assessment, each named with its source.
Status RefusePublishedOverwrites(Store& store, const Bundle& bundle) {
    std::vector<ErrorDetail> frozen;
    for (const Assessment& incoming : bundle.assessments) {
        auto stored = store.FindAssessment(incoming.unit_code, incoming.year);
        if (!stored) return stored.TakeError();
        if (!stored->has_value() || (*stored)->status != AssessmentStatus::kPublished) continue;
        ErrorDetail detail;
        detail.file = incoming.source.file;
        if (incoming.source.line > 0) detail.line = incoming.source.line;
        detail.path = incoming.source.path;
        detail.field = "status";
        detail.value = AssessmentStatusName(AssessmentStatus::kPublished);
        const std::string year = std::to_string(incoming.year);
        detail.reason =
            Text{"kết quả năm " + year + " của đơn vị " + incoming.unit_code + " đã công bố, không ghi đè được",
                 "the " + year + " results of unit " + incoming.unit_code + " are published and cannot be overwritten"};
        frozen.push_back(std::move(detail));
    }
    if (frozen.empty()) return OkStatus();
    const std::string count = std::to_string(frozen.size());
    return MakeError(ErrorCode::kConflict,
                     "Không nhập được: " + count + " bản đánh giá đã công bố; không có dữ liệu nào được ghi.",
                     "Cannot import: " + count + " assessments are published; nothing was written.", std::move(frozen));
}

}  // namespace

Result<ParsedImport> ReadImportFile(const ImportRequest& request) {
    const std::string ext = Extension(request.file_name);
    const std::string& name = request.file_name;
    const std::string& kind = request.kind;
    if (kind != "units" && kind != "groups" && kind != "framework" && kind != "scores" && kind != "all") {
        return BadOption("kind", kind,
                         {"cần units, groups, framework, scores hoặc all", "units, groups, framework, scores or all"});
    }
    ParsedImport parsed;
    if (ext == ".json") {
        auto content = ReadFile(request.path);
        if (!content) return content.TakeError();
        auto bundle = ParseBundleJson(*content, name);
        if (!bundle) return bundle.TakeError();
        parsed.bundle = std::move(*bundle);
        if (kind != "all") {
            // Keep only the named kind; a file that does not hold it is an error, not a silent no-op.
            if (kind != "units") parsed.bundle.units.clear();
            if (kind != "groups") parsed.bundle.groups.clear();
            if (kind != "framework") parsed.bundle.frameworks.clear();
            if (kind != "scores") parsed.bundle.assessments.clear();
        }
    } else if (ext == ".csv" || ext == ".xlsx") {
        if (kind == "all") {
            return MakeError(ErrorCode::kInvalidInput,
                             "Tệp CSV/.xlsx chỉ nhập được units, groups, framework hoặc scores.",
                             "CSV/.xlsx files import units, groups, framework or scores only.");
        }
        Result<Table> table = MakeError(ErrorCode::kInternal, "", "");
        if (ext == ".csv") {
            auto content = ReadFile(request.path);
            if (!content) return content.TakeError();
            table = ParseCsv(*content, name);
        } else {
            table = ReadXlsx(request.path, name, request.sheet);
        }
        if (!table) return table.TakeError();
        const TableOptions options{request.unit, request.year, request.framework};
        if (kind == "units") {
            auto units = ParseUnitsTable(*table);
            if (!units) return units.TakeError();
            parsed.bundle.units = std::move(*units);
        } else if (kind == "groups") {
            auto groups = ParseGroupsTable(*table, options);
            if (!groups) return groups.TakeError();
            parsed.bundle.groups = std::move(*groups);
        } else if (kind == "framework") {
            auto frameworks = ParseFrameworkTable(*table, options);
            if (!frameworks) return frameworks.TakeError();
            parsed.bundle.frameworks = std::move(*frameworks);
        } else {
            auto assessments = ParseScoresTable(*table, options);
            if (!assessments) return assessments.TakeError();
            parsed.bundle.assessments = std::move(*assessments);
            parsed.merge = ScoreMerge::kMerge;
        }
    } else {
        return MakeError(ErrorCode::kInvalidInput,
                         "Không nhận dạng được loại tệp " + name + ": cần .json, .csv hoặc .xlsx.",
                         "Unknown file type " + name + ": expected .json, .csv or .xlsx.");
    }
    const Bundle& b = parsed.bundle;
    if (b.units.empty() && b.groups.empty() && b.frameworks.empty() && b.assessments.empty()) {
        return MakeError(ErrorCode::kInvalidInput, "Tệp " + name + " không có dữ liệu loại \"" + kind + "\" để nhập.",
                         "File " + name + " holds no \"" + kind + "\" data to import.");
    }
    return parsed;
}

Result<ImportSummary> ImportUpload(Store& store, ImportRequest request, std::string_view bytes, bool dry_run) {
    const TemporaryFile file;
    if (file.Path().empty()) return NoTemporaryFile();
    {
        std::ofstream out(file.Path(), std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) return NoTemporaryFile();
    }
    request.path = file.Path();
    auto parsed = ReadImportFile(request);
    if (!parsed) return parsed.TakeError();

    ImportSummary summary;
    bool rolled_back_on_purpose = false;
    Status status = store.InTransaction([&]() -> Status {
        if (Status refused = RefusePublishedOverwrites(store, parsed->bundle); !refused) return refused;
        auto written = ImportBundle(store, std::move(parsed->bundle), parsed->merge, nullptr);
        if (!written) return written.TakeError();
        summary = *written;
        if (dry_run) {
            rolled_back_on_purpose = true;
            return MakeError(ErrorCode::kInternal, "Chạy thử: hoàn tác.", "Dry run: rolled back.");
        }
        return OkStatus();
    });
    if (!status && !rolled_back_on_purpose) return status.TakeError();
    return summary;
}

Status CheckExportRequest(const ExportRequest& request) {
    const std::string& kind = request.kind;
    if (kind != "units" && kind != "groups" && kind != "framework" && kind != "scores" && kind != "all") {
        return BadOption("kind", kind,
                         {"cần units, groups, framework, scores hoặc all", "units, groups, framework, scores or all"});
    }
    if (request.format != "json" && request.format != "csv" && request.format != "xlsx") {
        return BadOption("format", request.format, {"cần xlsx, json hoặc csv", "xlsx, json or csv"});
    }
    if (kind == "all" && request.format != "json") {
        return BadOption("format", request.format,
                         {"toàn bộ dữ liệu chỉ xuất được dạng json", "everything exports as json only"});
    }
    if (kind == "framework" && request.framework.empty()) {
        return BadOption("framework", "", {"cần mã bộ chỉ số", "a framework code is needed"});
    }
    if (kind == "scores" && request.unit.empty()) {
        return BadOption("unit", "", {"cần mã đơn vị", "a unit code is needed"});
    }
    if (kind == "scores" && !request.year) {
        return BadOption("year", "", {"cần năm", "a year is needed"});
    }
    return OkStatus();
}

Status WriteExportFile(Store& store, const ExportRequest& request, const std::string& path) {
    if (Status checked = CheckExportRequest(request); !checked) return checked;
    auto write_text = [&path](const std::string& text) -> Status {
        std::ofstream out(path, std::ios::binary);
        if (out) out << text;
        if (!out) {
            return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path, "Cannot write the file " + path);
        }
        return OkStatus();
    };
    const std::string& format = request.format;
    Bundle bundle;
    if (request.kind == "units") {
        auto units = store.ListUnits();
        if (!units) return units.TakeError();
        bundle.units = std::move(*units);
        if (format == "csv") return write_text(WriteUnitsCsv(bundle.units));
        if (format == "xlsx") return WriteUnitsXlsx(bundle.units, path);
    } else if (request.kind == "groups") {
        auto groups = store.ListPeerGroups(request.year);
        if (!groups) return groups.TakeError();
        bundle.groups = std::move(*groups);
        if (format == "csv") return write_text(WriteGroupsCsv(bundle.groups));
        if (format == "xlsx") return WriteGroupsXlsx(bundle.groups, path);
    } else if (request.kind == "framework") {
        auto framework = store.FindFramework(request.framework);
        if (!framework) return framework.TakeError();
        if (!framework->has_value()) {
            return MakeError(ErrorCode::kNotFound, "Không có bộ chỉ số " + request.framework,
                             "No framework " + request.framework);
        }
        bundle.frameworks.push_back(std::move(**framework));
        if (format == "csv") return write_text(WriteFrameworkCsv(bundle.frameworks.front()));
        if (format == "xlsx") return WriteFrameworkXlsx(bundle.frameworks.front(), path);
    } else if (request.kind == "scores") {
        const std::string year = std::to_string(*request.year);
        auto assessment = store.FindAssessment(request.unit, *request.year);
        if (!assessment) return assessment.TakeError();
        if (!assessment->has_value()) {
            return MakeError(ErrorCode::kNotFound, "Đơn vị " + request.unit + " chưa có bản đánh giá năm " + year,
                             "Unit " + request.unit + " has no assessment for " + year);
        }
        bundle.assessments.push_back(std::move(**assessment));
        std::optional<Framework> framework;
        if (!bundle.assessments.front().framework_code.empty()) {
            auto found = store.FindFramework(bundle.assessments.front().framework_code);
            if (!found) return found.TakeError();
            framework = std::move(*found);
        }
        if (format == "csv") return write_text(WriteScoresCsv(bundle.assessments));
        if (format == "xlsx") {
            return WriteScoresXlsx(bundle.assessments.front(), framework ? &*framework : nullptr, path);
        }
    } else {
        // Everything in the data folder as one JSON bundle: a backup that `import all` takes back.
        auto units = store.ListUnits();
        if (!units) return units.TakeError();
        auto groups = store.ListPeerGroups(std::nullopt);
        if (!groups) return groups.TakeError();
        auto frameworks = store.ListFrameworks();
        if (!frameworks) return frameworks.TakeError();
        auto assessments = store.ListAssessments(0, 9999);
        if (!assessments) return assessments.TakeError();
        bundle.units = std::move(*units);
        bundle.groups = std::move(*groups);
        bundle.frameworks = std::move(*frameworks);
        bundle.assessments = std::move(*assessments);
    }
    return write_text(WriteBundleJson(bundle));
}

Result<ExportedFile> ExportToMemory(Store& store, const ExportRequest& request) {
    if (Status checked = CheckExportRequest(request); !checked) return checked.TakeError();
    auto bytes = BytesWrittenBy([&](const std::string& path) { return WriteExportFile(store, request, path); });
    if (!bytes) return bytes.TakeError();
    ExportedFile exported;
    exported.bytes = std::move(*bytes);
    std::string name = request.kind == "all" ? "parindex-all" : request.kind;
    if (request.kind == "framework") name += "-" + request.framework;
    if (request.kind == "scores") name += "-" + request.unit + "-" + std::to_string(*request.year);
    if (request.kind == "groups" && request.year) name += "-" + std::to_string(*request.year);
    exported.file_name = name + "." + request.format;
    if (request.format == "xlsx") {
        exported.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else if (request.format == "csv") {
        exported.content_type = "text/csv; charset=utf-8";
    } else {
        exported.content_type = "application/json; charset=utf-8";
    }
    return exported;
}

}  // namespace parindex
