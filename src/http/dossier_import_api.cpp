// Dossier imports over HTTP (issue 5 §1): upload a one-stop export with a mapping profile, dry runs, skipped bad
// rows with a downloadable report, the unit's history, the preview for the mapping editor, the mapping profiles.
#include "http/dossier_import_api.hpp"

#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/authorization.hpp"
#include "formats/dossier_csv.hpp"
#include "formats/dossier_sources.hpp"
#include "formats/json_writer.hpp"
#include "formats/results_json.hpp"
#include "formats/temporary_file.hpp"
#include "http/errors.hpp"
#include "http/handler_support.hpp"

namespace parindex::http {
namespace {

constexpr int kHistoryLimit = 50;

bool Flag(const Request& request, const std::string& name) {
    const std::string value = Query(request, name);
    return value == "1" || value == "true" || value == "yes";
}

Error NoUnit() {
    return BadField("query.unit", "unit", "", {"cần mã đơn vị nhập hồ sơ", "the unit importing is required"});
}

/// A file name from the `file` query parameter: no folders; `upload.csv` when absent.
Result<std::string> FileName(const Request& request) { return QueryFileName(request, std::string("upload.csv")); }

void WriteMappingJson(JsonWriter& w, const DossierMapping& mapping) { w.Raw(DossierMappingToJson(mapping)); }

/// The bytes of a body written to a temporary file with the upload's extension.
Result<std::unique_ptr<TemporaryFile>> Spool(const std::string& body, const std::string& file_name) {
    std::string suffix = ".csv";
    if (DossierSourceFormatOf(file_name) == DossierSourceFormat::kXlsx) suffix = ".xlsx";
    if (DossierSourceFormatOf(file_name) == DossierSourceFormat::kJson) suffix = ".json";
    auto file = std::make_unique<TemporaryFile>(suffix);
    std::ofstream out(file->Path(), std::ios::binary);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.close();
    if (file->Path().empty() || !out) {
        return MakeError(ErrorCode::kStorage, "Không lưu tạm được tệp tải lên", "Cannot keep the uploaded file");
    }
    return file;
}

class DossierImportApi {
  public:
    explicit DossierImportApi(DossierImportApiServices services) : services_(services) {}

    /// POST /api/dossiers/imports?unit=&mapping=&dry_run=&skip_bad=&file=
    Response Import(Request& request, const Principal& who) {
        const Language language = RequestLanguage(request);
        const std::string unit = Query(request, "unit");
        if (unit.empty()) return ErrorResponse(request, NoUnit());
        if (Status allowed = Authorize(who, Action::kImportDossiers, UnitTarget(unit, {})); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto name = FileName(request);
        if (!name) return ErrorResponse(request, name.GetError());
        if (request.body.empty()) {
            return ErrorResponse(request,
                                 BadField("body", "file", "", {"tệp tải lên rỗng", "the uploaded file is empty"}));
        }
        const bool dry_run = Flag(request, "dry_run");
        const bool skip_bad = Flag(request, "skip_bad");
        const std::string mapping_name = Query(request, "mapping");
        const DossierSourceFormat format = DossierSourceFormatOf(*name);

        DossierMapping mapping = BenchmarkDossierMapping();
        mapping.format = format;
        std::string mapping_label;
        if (!mapping_name.empty()) {
            auto found = services_.mappings.FindDossierMapping(mapping_name, std::nullopt);
            if (!found) return ErrorResponse(request, found.GetError());
            if (!*found) {
                return ErrorResponse(request,
                                     MakeError(ErrorCode::kNotFound, "Không có cấu hình ánh xạ " + mapping_name,
                                               "There is no mapping named " + mapping_name));
            }
            mapping = std::move(**found);
            mapping_label = mapping.name + "@" + std::to_string(mapping.version);
        }
        auto spooled = Spool(request.body, *name);
        if (!spooled) return ErrorResponse(request, spooled.GetError());

        DossierUnitRegister register_units;
        DossierSourceOptions options;
        options.skip_bad_rows = skip_bad;
        options.importing_unit = unit;
        if (mapping.dictionaries == DossierDictionaryMode::kStrict) {
            auto units = services_.store.ListUnits();
            if (!units) return ErrorResponse(request, units.GetError());
            for (const Unit& u : *units) {
                auto& departments = register_units[u.code];
                for (const Department& d : u.departments) departments.insert(d.code);
            }
            options.register_units = &register_units;
        }
        DossierSourceRead read;
        const bool fast = mapping_name.empty() && !skip_bad && format == DossierSourceFormat::kCsv;
        if (fast) {
            auto batch = ReadDossierCsv((*spooled)->Path(), *name);
            if (!batch) return ErrorResponse(request, batch.GetError());
            read.rows = static_cast<std::int64_t>(batch->Size());
            read.batch = std::move(*batch);
        } else {
            auto result = ReadDossierSource((*spooled)->Path(), *name, mapping, options);
            if (!result) return ErrorResponse(request, result.GetError());
            read = std::move(*result);
        }
        // A caller may only bring the rows of units they may import (a coordinator: their own unit).
        for (const std::string& code : read.batch.units) {
            if (code == unit) continue;
            if (Status allowed = Authorize(who, Action::kImportDossiers, UnitTarget(code, {})); !allowed) {
                Error error = allowed.GetError();
                std::string vi = "Tệp có hồ sơ của đơn vị ";
                vi += code;
                vi += ", không phải của đơn vị ";
                vi += unit;
                vi += "; bạn không được nhập hồ sơ của đơn vị đó.";
                std::string en = "The file holds dossiers of the unit ";
                en += code;
                en += ", not of ";
                en += unit;
                en += "; you may not import that unit's dossiers.";
                error.message = Text{std::move(vi), std::move(en)};
                ErrorDetail detail;
                detail.file = *name;
                detail.field = "unit";
                detail.value = code;
                detail.reason = Text{"đơn vị khác với đơn vị nhập", "another unit than the one importing"};
                error.details.push_back(std::move(detail));
                return ErrorResponse(request, error);
            }
        }

        DossierImportSummary summary;
        summary.rows = static_cast<std::int64_t>(read.batch.Size());
        std::optional<std::int64_t> id;
        if (!dry_run) {
            if (read.batch.Size() > 0) {
                auto stored = services_.dossiers.ImportDossiers(read.batch, {});
                if (!stored) return ErrorResponse(request, stored.GetError());
                summary = *stored;
            }
            DossierImportRecord record;
            record.unit = unit;
            record.file = *name;
            record.mapping = mapping_label;
            record.username = who.username;
            record.imported_at = IsoTime(services_.clock.Now());
            record.rows = summary.rows;
            record.inserted = summary.inserted;
            record.updated = summary.updated;
            record.skipped = read.bad_rows;
            record.errors = read.error_count;
            if (read.error_count > 0) record.report_csv = DossierErrorReportCsv(read.errors);
            auto recorded = services_.mappings.RecordDossierImport(record);
            if (!recorded) return ErrorResponse(request, recorded.GetError());
            id = *recorded;
        }
        JsonWriter w;
        w.BeginObject();
        w.Key("id");
        if (id) {
            w.Int(*id);
        } else {
            w.Null();
        }
        w.Key("dry_run").Bool(dry_run);
        w.Key("file").String(*name);
        w.Key("mapping").String(mapping_label);
        w.Key("rows").Int(summary.rows);
        w.Key("inserted").Int(summary.inserted);
        w.Key("updated").Int(summary.updated);
        w.Key("skipped").Int(read.bad_rows);
        w.Key("error_count").Int(read.error_count);
        w.Key("errors");
        WriteErrorDetails(w, read.errors, language);
        w.Key("report");
        if (id && read.error_count > 0) {
            w.String("/api/dossiers/imports/" + std::to_string(*id) + "/report");
        } else {
            w.Null();
        }
        w.EndObject();
        return Json(w.Take() + "\n", dry_run ? 200 : 201);
    }

    /// GET /api/dossiers/imports?unit=
    Response History(Request& request, const Principal& who) {
        const std::string unit = Query(request, "unit");
        if (unit.empty()) return ErrorResponse(request, NoUnit());
        if (Status allowed = Authorize(who, Action::kImportDossiers, UnitTarget(unit, {})); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto records = services_.mappings.ListDossierImports(unit, kHistoryLimit);
        if (!records) return ErrorResponse(request, records.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("unit").String(unit);
        w.Key("imports").BeginArray();
        for (const DossierImportRecord& r : *records) {
            w.BeginObject();
            w.Key("id").Int(r.id);
            w.Key("file").String(r.file);
            w.Key("mapping").String(r.mapping);
            w.Key("username").String(r.username);
            w.Key("imported_at").String(r.imported_at);
            w.Key("rows").Int(r.rows);
            w.Key("inserted").Int(r.inserted);
            w.Key("updated").Int(r.updated);
            w.Key("skipped").Int(r.skipped);
            w.Key("error_count").Int(r.errors);
            w.Key("report");
            if (r.has_report) {
                w.String("/api/dossiers/imports/" + std::to_string(r.id) + "/report");
            } else {
                w.Null();
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    /// GET /api/dossiers/imports/{id}/report
    Response Report(Request& request, const Principal& who) {
        const auto id = ParseInteger(request.params["id"]);
        const Error missing = MakeError(ErrorCode::kNotFound, "Không có báo cáo lỗi của lần nhập này.",
                                        "This import has no bad-row report.");
        if (!id) return ErrorResponse(request, missing);
        auto record = services_.mappings.FindDossierImport(*id);
        if (!record) return ErrorResponse(request, record.GetError());
        if (!*record) return ErrorResponse(request, missing);
        if (Status allowed = Authorize(who, Action::kImportDossiers, UnitTarget((*record)->unit, {})); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        if (!(*record)->has_report) return ErrorResponse(request, missing);
        return Attachment((*record)->report_csv, "text/csv; charset=utf-8", "loi-nhap-" + std::to_string(*id) + ".csv");
    }

    /// POST /api/dossiers/imports/preview?unit=&file=&format=&json_path=&sheet=&header_row=
    Response Preview(Request& request, const Principal& who) {
        const std::string unit = Query(request, "unit");
        if (unit.empty()) return ErrorResponse(request, NoUnit());
        if (Status allowed = Authorize(who, Action::kImportDossiers, UnitTarget(unit, {})); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        auto name = FileName(request);
        if (!name) return ErrorResponse(request, name.GetError());
        DossierSourceFormat format = DossierSourceFormatOf(*name);
        if (const std::string text = Query(request, "format"); !text.empty()) {
            auto parsed = ParseDossierSourceFormat(text);
            if (!parsed) {
                return ErrorResponse(request, BadField("query.format", "format", text,
                                                       {"cần csv, xlsx hoặc json", "expected csv, xlsx or json"}));
            }
            format = *parsed;
        }
        int header_row = 1;
        if (const std::string text = Query(request, "header_row"); !text.empty()) {
            const auto row = ParseInteger(text);
            if (!row || *row < 1 || *row > 1000) {
                return ErrorResponse(request,
                                     BadField("query.header_row", "header_row", text,
                                              {"cần một số từ 1 đến 1000", "expected a number from 1 to 1000"}));
            }
            header_row = static_cast<int>(*row);
        }
        auto spooled = Spool(request.body, *name);
        if (!spooled) return ErrorResponse(request, spooled.GetError());
        auto preview = PreviewDossierSource((*spooled)->Path(), *name, format, Query(request, "json_path"),
                                            Query(request, "sheet"), header_row, 20);
        if (!preview) return ErrorResponse(request, preview.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("file").String(*name);
        w.Key("format").String(DossierSourceFormatName(preview->format));
        w.Key("sheet").String(preview->sheet);
        w.Key("total_rows").Int(preview->total_rows);
        w.Key("headers").BeginArray();
        for (const std::string& header : preview->headers) w.String(header);
        w.EndArray();
        w.Key("rows").BeginArray();
        for (const auto& row : preview->rows) {
            w.BeginArray();
            for (const std::string& cell : row) w.String(cell);
            w.EndArray();
        }
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    /// GET /api/dossiers/mappings
    Response ListMappings(Request& request, const Principal& who) {
        if (Status allowed = MayUseMappings(who); !allowed) return ErrorResponse(request, allowed.GetError());
        auto mappings = services_.mappings.ListDossierMappings();
        if (!mappings) return ErrorResponse(request, mappings.GetError());
        JsonWriter w;
        w.BeginObject();
        w.Key("fields").BeginArray();
        for (int f = 0; f < kDossierFieldCount; ++f) {
            const auto field = static_cast<DossierField>(f);
            w.BeginObject();
            w.Key("name").String(DossierFieldName(field));
            w.Key("label").String(DossierFieldLabel(field).vi);
            w.Key("label_en").String(DossierFieldLabel(field).en);
            w.Key("required").Bool(IsRequiredDossierField(field));
            w.EndObject();
        }
        w.EndArray();
        w.Key("mappings").BeginArray();
        for (const DossierMapping& m : *mappings) WriteMappingJson(w, m);
        w.EndArray();
        w.EndObject();
        return Json(w.Take() + "\n");
    }

    /// GET /api/dossiers/mappings/{name}
    Response GetMapping(Request& request, const Principal& who) {
        if (Status allowed = MayUseMappings(who); !allowed) return ErrorResponse(request, allowed.GetError());
        const std::string name = request.params["name"];
        auto found = services_.mappings.FindDossierMapping(name, std::nullopt);
        if (!found) return ErrorResponse(request, found.GetError());
        if (!*found) return ErrorResponse(request, NoMapping(name));
        return Json(DossierMappingToJson(**found) + "\n");
    }

    /// PUT /api/dossiers/mappings/{name} with the mapping's JSON (its name must be {name}).
    Response SaveMapping(Request& request, const Principal& who) {
        if (Status allowed = MayUseMappings(who); !allowed) return ErrorResponse(request, allowed.GetError());
        const std::string name = request.params["name"];
        auto mapping = DossierMappingFromJson(request.body, "body");
        if (!mapping) return ErrorResponse(request, mapping.GetError());
        if (mapping->name != name) {
            return ErrorResponse(request, BadField("$.name", "name", mapping->name,
                                                   {"tên phải trùng với đường dẫn: " + name,
                                                    "the name must be the one in the path: " + name}));
        }
        mapping->saved_at = IsoTime(services_.clock.Now());
        mapping->saved_by = who.username;
        auto saved = services_.mappings.SaveDossierMapping(*mapping);
        if (!saved) return ErrorResponse(request, saved.GetError());
        return Json(DossierMappingToJson(*saved) + "\n", saved->version == 1 ? 201 : 200);
    }

    /// DELETE /api/dossiers/mappings/{name}
    Response DeleteMapping(Request& request, const Principal& who) {
        if (Status allowed = MayUseMappings(who); !allowed) return ErrorResponse(request, allowed.GetError());
        const std::string name = request.params["name"];
        auto removed = services_.mappings.DeleteDossierMapping(name);
        if (!removed) return ErrorResponse(request, removed.GetError());
        if (!*removed) return ErrorResponse(request, NoMapping(name));
        return NoContent();
    }

  private:
    /// The mapping profiles are shared: whoever may import dossiers of their own unit (administrators always).
    static Status MayUseMappings(const Principal& who) {
        return Authorize(who, Action::kImportDossiers, UnitTarget(who.unit_code, {}));
    }
    static Error NoMapping(const std::string& name) {
        return MakeError(ErrorCode::kNotFound, "Không có cấu hình ánh xạ " + name, "There is no mapping named " + name);
    }

    DossierImportApiServices services_;
};

}  // namespace

void RegisterDossierImportApi(Router& router, const DossierImportApiServices& services) {
    auto api = std::make_shared<DossierImportApi>(services);
    auto route = [&router, &services, api](const char* method, const std::string& pattern,
                                           Response (DossierImportApi::*handler)(Request&, const Principal&)) {
        router.Add(method, pattern,
                   services.sessions.WithSession([api, handler](Request& request, const Caller& caller) {
                       return ((*api).*handler)(request, caller.principal);
                   }));
    };
    route("POST", "/api/dossiers/imports", &DossierImportApi::Import);
    route("GET", "/api/dossiers/imports", &DossierImportApi::History);
    route("POST", "/api/dossiers/imports/preview", &DossierImportApi::Preview);
    route("GET", "/api/dossiers/imports/{id}/report", &DossierImportApi::Report);
    route("GET", "/api/dossiers/mappings", &DossierImportApi::ListMappings);
    route("GET", "/api/dossiers/mappings/{name}", &DossierImportApi::GetMapping);
    route("PUT", "/api/dossiers/mappings/{name}", &DossierImportApi::SaveMapping);
    route("DELETE", "/api/dossiers/mappings/{name}", &DossierImportApi::DeleteMapping);
}

}  // namespace parindex::http
