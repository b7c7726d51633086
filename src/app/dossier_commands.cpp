#include "app/dossier_commands.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/definition_commands.hpp"
#include "app/text_table.hpp"
#include "domain/clock.hpp"
#include "formats/dossier_csv.hpp"
#include "formats/json_writer.hpp"
#include "formats/results_json.hpp"
#include "storage/sqlite/sqlite_dossier_store.hpp"

namespace parindex {
namespace {

namespace fs = std::filesystem;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

struct DossierOptions {
    std::string data_dir = "data";
    std::string format = "table";
    std::string lang = "vi";
    std::string file;
    std::string by = "unit,month";
    int year = 0;
    std::string unit;
    std::string month;
    std::int64_t offset = 0;
    std::int64_t limit = 50;

    Language Lang() const { return lang == "en" ? Language::kEnglish : Language::kVietnamese; }
    bool Json() const { return format == "json"; }
};

const char* L(Language language, const char* vi, const char* en) { return language == Language::kEnglish ? en : vi; }

/// Prints a handled error on stderr (the JSON error structure in JSON mode) and returns exit code 1.
int Fail(const DossierOptions& options, const Error& error) {
    const Language language = options.Lang();
    if (options.Json()) {
        std::cerr << ErrorToJson(error, language);
        return kExitError;
    }
    std::cerr << L(language, "Lỗi: ", "Error: ") << error.message.In(language) << "\n";
    for (const ErrorDetail& d : error.details) {
        std::string where = d.file;
        if (d.line)
            where += (where.empty() ? "" : ":") + std::string(L(language, "dòng ", "line ")) + std::to_string(*d.line);
        if (d.column) where += std::string(L(language, ", cột ", ", column ")) + std::to_string(*d.column);
        if (!d.field.empty()) where += " (" + d.field + ")";
        if (!d.value.empty()) where += " = \"" + d.value + "\"";
        const std::string& reason = d.reason.In(language);
        std::cerr << "  - " << where << (reason.empty() ? "" : ": ") << reason << "\n";
    }
    return kExitError;
}

/// Opens the data folder's dossier store; with `create`, makes the folder and the database first.
Result<std::unique_ptr<SqliteDossierStore>> OpenStore(const DossierOptions& options, bool create) {
    static SystemClock clock;
    const fs::path dir(options.data_dir);
    std::error_code ec;
    if (create) {
        fs::create_directories(dir / "files", ec);
        if (ec) {
            return MakeError(ErrorCode::kInvalidInput,
                             "Không tạo được thư mục dữ liệu " + dir.string() + ": " + ec.message(),
                             "Cannot create the data folder " + dir.string() + ": " + ec.message());
        }
    } else if (!fs::exists(dir / "parindex.db", ec)) {
        return MakeError(ErrorCode::kNotFound,
                         "Thư mục " + dir.string() + " chưa có cơ sở dữ liệu; chạy `parindex init --data " +
                             dir.string() + "` trước.",
                         "The folder " + dir.string() + " has no database yet; run `parindex init --data " +
                             dir.string() + "` first.");
    }
    return SqliteDossierStore::Open((dir / "parindex.db").string(), clock);
}

/// A progress bar on stderr when it is a terminal; redrawn at most every 1/10 s.
class ProgressBar {
  public:
    explicit ProgressBar(Language language) : language_(language), enabled_(isatty(STDERR_FILENO) != 0) {}

    void Show(std::string_view stage, std::int64_t done, std::int64_t total) {
        if (!enabled_ || total <= 0) return;
        const auto now = std::chrono::steady_clock::now();
        if (done < total && stage == stage_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        if (stage != stage_ && !stage_.empty()) std::cerr << "\n";
        stage_ = std::string(stage);
        const int width = 30;
        const auto filled = static_cast<int>(done * width / total);
        std::cerr << "\r" << Label(stage) << " [" << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done * 100 / total << "%"
                  << std::flush;
    }
    void Finish() {
        if (enabled_ && !stage_.empty()) std::cerr << "\n";
        stage_.clear();
    }

  private:
    std::string Label(std::string_view stage) const {
        if (stage == "read") return L(language_, "Đọc tệp   ", "Reading   ");
        if (stage == "blocks") return L(language_, "Ghi khối  ", "Writing   ");
        return L(language_, "Lập chỉ mục", "Indexing  ");
    }
    Language language_;
    bool enabled_;
    std::string stage_;
    std::chrono::steady_clock::time_point last_{};
};

/// With PARINDEX_TIMING set, prints the seconds since the start at the end of each stage on stderr.
class StageTimer {
  public:
    StageTimer() : enabled_(std::getenv("PARINDEX_TIMING") != nullptr), start_(std::chrono::steady_clock::now()) {}
    void Mark(std::string_view stage) {
        if (!enabled_ || stage == last_) return;
        last_ = std::string(stage);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
        std::fprintf(stderr, "timing: %-8s %.3f s\n", last_.c_str(), elapsed.count());
    }

  private:
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
    std::string last_;
};

int RunImport(const DossierOptions& options) {
    const Language language = options.Lang();
    ProgressBar bar(language);
    StageTimer timer;
    DossierCsvOptions csv;
    csv.progress = [&](std::int64_t done, std::int64_t total) { bar.Show("read", done, total); };
    const std::string name = fs::path(options.file).filename().string();
    Result<DossierBatch> batch = ReadDossierCsv(options.file, name, csv);
    bar.Finish();
    timer.Mark("read");
    if (!batch) return Fail(options, batch.GetError());
    auto store = OpenStore(options, true);
    if (!store) return Fail(options, store.GetError());
    auto summary = (*store)->ImportDossiers(*batch, [&](std::string_view stage, std::int64_t done, std::int64_t total) {
        if (done == total) timer.Mark(stage);
        bar.Show(stage, done, total);
    });
    bar.Finish();
    timer.Mark("commit");
    if (!summary) return Fail(options, summary.GetError());
    const DossierImportSummary& s = *summary;
    if (options.Json()) {
        JsonWriter json;
        json.BeginObject()
            .Key("file")
            .String(name)
            .Key("rows")
            .Int(s.rows)
            .Key("inserted")
            .Int(s.inserted)
            .Key("updated")
            .Int(s.updated)
            .Key("blocks")
            .Int(s.blocks)
            .Key("stored")
            .Int(s.stored)
            .EndObject();
        std::cout << json.str() << "\n";
        return 0;
    }
    if (language == Language::kEnglish) {
        std::cout << "Imported " << s.rows << " dossiers from " << name << " (" << s.inserted << " new, " << s.updated
                  << " updated) into " << s.blocks << " unit-month blocks; the store holds " << s.stored
                  << " dossiers.\n";
    } else {
        std::cout << "Đã nhập " << s.rows << " hồ sơ từ " << name << " (" << s.inserted << " mới, " << s.updated
                  << " cập nhật) vào " << s.blocks << " khối đơn vị – tháng; kho có " << s.stored << " hồ sơ.\n";
    }
    return 0;
}

std::string MonthText(int year, int month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    return text;
}

int RunStats(const DossierOptions& options) {
    const Language language = options.Lang();
    std::string by = options.by;
    by.erase(std::remove(by.begin(), by.end(), ' '), by.end());
    if (by != "unit,month") {
        std::cerr << L(language,
                       "Hiện chỉ hỗ trợ --by unit,month (nhận được: ", "Only --by unit,month is supported yet (got: ")
                  << options.by << ")\n";
        return kExitUsage;
    }
    auto store = OpenStore(options, false);
    if (!store) return Fail(options, store.GetError());
    const std::optional<int> year = options.year > 0 ? std::optional<int>(options.year) : std::nullopt;
    auto rows = (*store)->UnitMonthStats(year);
    if (!rows) return Fail(options, rows.GetError());
    if (options.format == "csv") {
        std::cout << DossierStatsCsv(*rows);
    } else if (options.Json()) {
        std::cout << DossierStatsJson(*rows, year);
    } else {
        TextTable table({L(language, "Đơn vị", "Unit"), L(language, "Tháng", "Month"),
                         L(language, "Tiếp nhận", "Received"), L(language, "Đã giải quyết", "Finished"),
                         L(language, "Đúng hạn", "On time"), L(language, "Trước hạn", "Early"),
                         L(language, "Quá hạn", "Late"), L(language, "Trễ không xin lỗi", "Late, no apology"),
                         L(language, "Bổ sung ≥ 2", "Supplements ≥ 2"), L(language, "Toàn trình %", "Fully online %")},
                        {false, false, true, true, true, true, true, true, true, true});
        for (const UnitMonthCounters& row : *rows) {
            const ReferenceRow r = ToReferenceRow(row.counters);
            table.AddRow({row.unit, MonthText(row.year, row.month), std::to_string(r.total), std::to_string(r.finished),
                          std::to_string(r.on_time), std::to_string(r.early), std::to_string(r.late),
                          std::to_string(r.late_without_apology), std::to_string(r.supplement_2plus),
                          r.online_full_share ? r.online_full_share->ToFixed(3) : ""});
        }
        std::cout << table.Render();
    }
    return 0;
}

int RunList(const DossierOptions& options) {
    const Language language = options.Lang();
    int year = 0, month = 0;
    const std::string& m = options.month;
    const bool shaped = m.size() == 7 && m[4] == '-' &&
                        std::all_of(m.begin(), m.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (shaped) {
        year = std::stoi(m.substr(0, 4));
        month = std::stoi(m.substr(5, 2));
    }
    if (!shaped || month < 1 || month > 12) {
        std::cerr << L(language, "--month cần dạng YYYY-MM: ", "--month needs the form YYYY-MM: ") << options.month
                  << "\n";
        return kExitUsage;
    }
    auto store = OpenStore(options, false);
    if (!store) return Fail(options, store.GetError());
    auto page = (*store)->UnitMonthDossiers(options.unit, year, month, options.offset, options.limit);
    if (!page) return Fail(options, page.GetError());
    if (options.Json()) {
        JsonWriter json;
        json.BeginObject().Key("unit").String(options.unit).Key("month").String(MonthText(year, month));
        json.Key("total").Int(page->total).Key("offset").Int(options.offset).Key("dossiers").BeginArray();
        for (const Dossier& d : page->dossiers) {
            json.BeginObject()
                .Key("dossier_id")
                .String(d.id)
                .Key("department_code")
                .String(d.department)
                .Key("procedure_code")
                .String(d.procedure)
                .Key("field_code")
                .String(d.field)
                .Key("channel")
                .String(ChannelName(d.channel))
                .Key("received_at")
                .String(d.received.Iso())
                .Key("due_at")
                .String(d.due.Iso());
            json.Key("finished_at");
            if (d.finished)
                json.String(d.finished->Iso());
            else
                json.Null();
            json.Key("returned_at");
            if (d.returned)
                json.String(d.returned->Iso());
            else
                json.Null();
            json.Key("supplement_requests")
                .Int(d.supplement_requests)
                .Key("apology_letters")
                .Int(d.apology_letters)
                .Key("status")
                .String(DossierStatusName(d.status))
                .EndObject();
        }
        json.EndArray().EndObject();
        std::cout << json.str() << "\n";
        return 0;
    }
    TextTable table({L(language, "Mã hồ sơ", "Dossier"), L(language, "Thủ tục", "Procedure"),
                     L(language, "Kênh", "Channel"), L(language, "Tiếp nhận", "Received"), L(language, "Hạn", "Due"),
                     L(language, "Hoàn thành", "Finished"), L(language, "Trạng thái", "Status")},
                    {false, false, false, false, false, false, false});
    for (const Dossier& d : page->dossiers) {
        table.AddRow({d.id, d.procedure, ChannelLabel(d.channel).In(language), d.received.Vietnamese(),
                      d.due.Vietnamese(), d.finished ? d.finished->Vietnamese() : "",
                      DossierStatusLabel(d.status).In(language)});
    }
    std::cout << table.Render() << L(language, "Tổng: ", "Total: ") << page->total << "\n";
    return 0;
}

}  // namespace

std::string DossierStatsCsv(const std::vector<UnitMonthCounters>& rows) {
    std::string out = kDossierStatsCsvHeader;
    out += '\n';
    for (const UnitMonthCounters& row : rows) {
        const ReferenceRow r = ToReferenceRow(row.counters);
        // Unit codes with a comma or a quote are quoted (RFC 4180).
        if (row.unit.find_first_of(",\"\n") != std::string::npos) {
            out += '"';
            for (char c : row.unit) out += c == '"' ? std::string("\"\"") : std::string(1, c);
            out += '"';
        } else {
            out += row.unit;
        }
        out += ',' + MonthText(row.year, row.month);
        for (std::int64_t value :
             {r.total, r.finished, r.on_time, r.early, r.late, r.late_without_apology, r.supplement_2plus}) {
            out += ',' + std::to_string(value);
        }
        out += ',' + (r.online_full_share ? r.online_full_share->ToFixed(3) : std::string());
        out += '\n';
    }
    return out;
}

std::string DossierStatsJson(const std::vector<UnitMonthCounters>& rows, std::optional<int> year) {
    JsonWriter json;
    json.BeginObject().Key("by").BeginArray().String("unit").String("month").EndArray().Key("year");
    if (year)
        json.Int(static_cast<std::int64_t>(*year));
    else
        json.Null();
    json.Key("rows").BeginArray();
    for (const UnitMonthCounters& row : rows) {
        const ReferenceRow r = ToReferenceRow(row.counters);
        json.BeginObject()
            .Key("unit")
            .String(row.unit)
            .Key("month")
            .String(MonthText(row.year, row.month))
            .Key("total")
            .Int(r.total)
            .Key("finished")
            .Int(r.finished)
            .Key("on_time")
            .Int(r.on_time)
            .Key("early")
            .Int(r.early)
            .Key("late")
            .Int(r.late)
            .Key("late_without_apology")
            .Int(r.late_without_apology)
            .Key("supplement_2plus")
            .Int(r.supplement_2plus)
            .Key("online_full_share")
            .Fixed(r.online_full_share, 3)
            .EndObject();
    }
    json.EndArray().EndObject();
    return json.str() + "\n";
}

void AddDossierCommands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<DossierOptions>();
    auto add_common = [options](CLI::App* command, const std::vector<std::string>& formats) {
        command->add_option("--data", options->data_dir, "Thư mục dữ liệu / data folder")->capture_default_str();
        std::string names;
        for (const std::string& f : formats) names += (names.empty() ? "" : " | ") + f;
        command->add_option("--format", options->format, names)->check(CLI::IsMember(formats))->capture_default_str();
        command->add_option("--lang", options->lang, "vi | en")
            ->check(CLI::IsMember({"vi", "en"}))
            ->capture_default_str();
    };
    auto* dossiers = app.add_subcommand("dossiers", "Hồ sơ thủ tục hành chính / administrative dossiers");
    dossiers->require_subcommand(1);
    AddDefinitionCommands(*dossiers, exit_code);

    auto* import = dossiers->add_subcommand("import", "Nhập tệp CSV hồ sơ / import a dossier CSV file");
    add_common(import, {"table", "json"});
    import->add_option("file", options->file, "Tệp CSV / CSV file")->required();
    import->callback([options, &exit_code] { exit_code = RunImport(*options);
});

auto* stats = dossiers->add_subcommand("stats", "Số liệu hồ sơ theo đơn vị và tháng / statistics per unit and month");
add_common(stats, {"table", "json", "csv"});
stats->add_option("--by", options->by, "unit,month")->capture_default_str();
stats->add_option("--year", options->year, "Năm tiếp nhận / year of reception");
stats->callback([options, &exit_code] { exit_code = RunStats(*options); });

auto* list =
    dossiers->add_subcommand("list", "Danh sách hồ sơ của một đơn vị trong một tháng / a unit-month's dossiers");
add_common(list, {"table", "json"});
list->add_option("--unit", options->unit, "Mã đơn vị / unit code")->required();
list->add_option("--month", options->month, "YYYY-MM")->required();
list->add_option("--offset", options->offset, "Bỏ qua / skip")->check(CLI::NonNegativeNumber);
list->add_option("--limit", options->limit, "Số hồ sơ / page size")->check(CLI::PositiveNumber)->capture_default_str();
list->callback([options, &exit_code] { exit_code = RunList(*options); });
}  // namespace parindex

}  // namespace parindex
