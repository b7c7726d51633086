#include "app/cli.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "app/data_folder.hpp"
#include "app/dataset_loader.hpp"
#include "app/definitions_demo.hpp"
#include "app/dossier_commands.hpp"
#include "app/dossier_demo.hpp"
#include "app/import_service.hpp"
#include "app/kpi_demo.hpp"
#include "app/plan_commands.hpp"
#include "app/render.hpp"
#include "app/serve_command.hpp"
#include "app/sodium_security.hpp"
#include "app/transfer.hpp"
#include "app/user_commands.hpp"
#include "domain/clock.hpp"
#include "domain/embedded_file.hpp"
#include "domain/results_engine.hpp"
#include "formats/codecs.hpp"
#include "formats/results_json.hpp"
#include "formats/table.hpp"
#include "storage/sqlite/sqlite_dossier_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {

std::vector<EmbeddedFile> DemoFiles();

namespace {

namespace fs = std::filesystem;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitFindings = 3;

/// Options every command shares.
struct Common {
    std::string data_dir = "data";
    std::string format = "table";
    std::string lang = "vi";

    Language Lang() const { return lang == "en" ? Language::kEnglish : Language::kVietnamese; }
    bool Json() const { return format == "json"; }
};

const char* L(const Common& common, const char* vi, const char* en) {
    return common.Lang() == Language::kEnglish ? en : vi;
}

/// Prints a handled error on stderr (as the JSON error structure in JSON mode) and returns exit code 1.
int Fail(const Common& common, const Error& error) {
    return PrintFailure(std::cerr, error, common.Lang(), common.Json());
}

std::string DatabasePath(const Common& common) { return (fs::path(common.data_dir) / "parindex.db").string(); }

/// Opens the data folder's database (the Store and the AuthStore); with `create`, makes the folder (and
/// `files/`) first.
Result<std::unique_ptr<SqliteStore>> OpenData(const Common& common, bool create) {
    static SystemClock clock;
    auto database = DataFolderDatabase(common.data_dir, create);
    if (!database) return database.TakeError();
    return SqliteStore::Open(*database, clock);
}

/// Shows a progress bar on a terminal for imports with many objects.
ProgressCallback MakeProgress() {
    if (!isatty(STDERR_FILENO)) return nullptr;
    return [](int done, int total) {
        if (total < 50) return;
        const int width = 30;
        const int filled = total > 0 ? done * width / total : width;
        std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total
                  << (done == total ? "\n" : "") << std::flush;
    };
}

std::string Extension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

std::string SummaryText(const Common& common, const ImportSummary& s) {
    if (common.Lang() == Language::kEnglish) {
        return "Imported " + std::to_string(s.units) + " units, " + std::to_string(s.groups) + " peer-group years, " +
               std::to_string(s.frameworks) + " frameworks, " + std::to_string(s.assessments) + " assessments (" +
               std::to_string(s.node_scores) + " node scores).\n";
    }
    return "Đã nhập " + std::to_string(s.units) + " đơn vị, " + std::to_string(s.groups) + " nhóm-năm, " +
           std::to_string(s.frameworks) + " bộ chỉ số, " + std::to_string(s.assessments) + " bản đánh giá (" +
           std::to_string(s.node_scores) + " điểm tiêu chí).\n";
}

int RunInit(const Common& common) {
    auto store = OpenData(common, true);
    if (!store) return Fail(common, store.GetError());
    std::cout << L(common, "Đã khởi tạo thư mục dữ liệu ", "Initialised the data folder ") << common.data_dir << " ("
              << DatabasePath(common) << ")\n";
    SodiumAuth auth(**store);
    auto password = auth.Service().EnsureAdministrator("admin");
    if (!password) return Fail(common, password.GetError());
    if (password->has_value()) std::cout << RenderFirstAdministrator("admin", **password, common.Lang());
    return 0;
}

int RunDemo(const Common& common) {
    auto store = OpenData(common, true);
    if (!store) return Fail(common, store.GetError());
    Bundle all;
    for (const EmbeddedFile& file : DemoFiles()) {
        auto bundle = ParseBundleJson(file.content, std::string(file.name));
        if (!bundle) return Fail(common, bundle.GetError());
        for (auto& x : bundle->units) all.units.push_back(std::move(x));
        for (auto& x : bundle->groups) all.groups.push_back(std::move(x));
        for (auto& x : bundle->frameworks) all.frameworks.push_back(std::move(x));
        for (auto& x : bundle->assessments) all.assessments.push_back(std::move(x));
    }
    auto summary = ImportBundle(**store, std::move(all), ScoreMerge::kReplace, MakeProgress());
    if (!summary) return Fail(common, summary.GetError());
    std::cout << L(common, "Dữ liệu mẫu (từ các kế hoạch mẫu; đơn vị \"mẫu\" là bịa ra). ",
                   "Demo data (from the seed plans; \"mẫu\" units are invented). ")
              << SummaryText(common, *summary);
    SodiumAuth auth(**store);
    std::vector<std::string> created;
    if (Status users = CreateDemoUsers(auth.Service(), &created); !users) return Fail(common, users.GetError());
    std::cout << RenderDemoLogins(created, common.Lang());
    auto plan = SeedDemoPlan(**store, common.Lang());
    if (!plan) return Fail(common, plan.GetError());
    std::cout << *plan;
    auto definitions = SeedDemoDefinitionSets(**store);
    if (!definitions) return Fail(common, definitions.GetError());
    static SystemClock dossier_clock;
    auto dossier_store = SqliteDossierStore::Open(DatabasePath(common), dossier_clock);
    if (!dossier_store) return Fail(common, dossier_store.GetError());
    auto dossiers = SeedDemoDossiers(**store, **dossier_store, 2024);
    if (!dossiers) return Fail(common, dossiers.GetError());
    std::cout << L(common, "Hồ sơ mẫu năm 2024: ", "Demo dossiers of 2024: ") << dossiers->stored << "\n";
    auto kpis = SeedDemoKpis(**store, **store);
    if (!kpis) return Fail(common, kpis.GetError());
    std::cout << *kpis;
    return 0;
}

struct ImportOptions {
    std::string kind;
    std::string file;
    std::string unit;
    int year = 0;
    std::string framework;
    std::string sheet;
};

int RunImport(const Common& common, const ImportOptions& options) {
    ImportRequest request;
    request.kind = options.kind;
    request.path = options.file;
    request.file_name = fs::path(options.file).filename().string();
    request.unit = options.unit;
    if (options.year > 0) request.year = options.year;
    request.framework = options.framework;
    request.sheet = options.sheet;
    auto parsed = ReadImportFile(request);
    if (!parsed) return Fail(common, parsed.GetError());
    auto store = OpenData(common, false);
    if (!store) return Fail(common, store.GetError());
    auto summary = ImportBundle(**store, std::move(parsed->bundle), parsed->merge, MakeProgress());
    if (!summary) return Fail(common, summary.GetError());
    std::cout << SummaryText(common, *summary);
    return 0;
}

Result<ResultsEngine> LoadEngine(const Common& common, int year) {
    auto store = OpenData(common, false);
    if (!store) return store.TakeError();
    auto data = LoadDataset(**store, year);
    if (!data) return data.TakeError();
    return ResultsEngine(std::move(*data));
}

int RunResults(const Common& common, const std::string& unit, int year) {
    auto engine = LoadEngine(common, year);
    if (!engine) return Fail(common, engine.GetError());
    auto result = engine->ForUnit(unit, year);
    if (!result) return Fail(common, result.GetError());
    std::cout << (common.Json() ? ResultsToJson(*result) : RenderResults(*result, common.Lang()));
    return 0;
}

int RunRanking(const Common& common, const std::string& group, int year) {
    auto engine = LoadEngine(common, year);
    if (!engine) return Fail(common, engine.GetError());
    auto ranking = engine->Ranking(group, year);
    if (!ranking) return Fail(common, ranking.GetError());
    std::cout << (common.Json() ? RankingToJson(*ranking) : RenderRanking(*ranking, common.Lang()));
    return 0;
}

int RunCheck(const Common& common, int year, bool strict) {
    auto engine = LoadEngine(common, year);
    if (!engine) return Fail(common, engine.GetError());
    const std::vector<Finding> findings = engine->Check(year);
    std::cout << (common.Json() ? FindingsToJson(year, findings) : RenderFindings(year, findings, common.Lang()));
    return strict && !findings.empty() ? kExitFindings : 0;
}

Status WriteText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (out) out << text;
    if (!out) {
        return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path, "Cannot write the file " + path);
    }
    return OkStatus();
}

struct ExportOptions {
    std::string what;
    std::string out;
    std::string unit;
    std::string group;
    std::string framework;
    int year = 0;
};

int RunExport(const Common& common, const ExportOptions& o) {
    const std::string ext = Extension(o.out);
    auto bad_ext = [&](const char* allowed) {
        return Fail(common, MakeError(ErrorCode::kInvalidInput, "Tệp xuất " + o.out + " cần đuôi " + allowed + ".",
                                      "The output file " + o.out + " needs the extension " + allowed + "."));
    };
    auto need = [&](bool ok, const char* option) {
        if (ok) return 0;
        std::cerr << L(common, "Thiếu tùy chọn ", "Missing option ") << option << "\n";
        return kExitUsage;
    };
    Status written;
    if (o.what == "results" || o.what == "ranking") {
        if (int rc = need(o.year > 0, "--year")) return rc;
        if (int rc = need(o.what == "results" ? !o.unit.empty() : !o.group.empty(),
                          o.what == "results" ? "--unit" : "--group"))
            return rc;
        auto engine = LoadEngine(common, o.year);
        if (!engine) return Fail(common, engine.GetError());
        if (o.what == "results") {
            auto result = engine->ForUnit(o.unit, o.year);
            if (!result) return Fail(common, result.GetError());
            if (ext == ".xlsx")
                written = WriteResultsXlsx(*result, o.out);
            else if (ext == ".json")
                written = WriteText(o.out, ResultsToJson(*result));
            else
                return bad_ext(".xlsx, .json");
        } else {
            auto ranking = engine->Ranking(o.group, o.year);
            if (!ranking) return Fail(common, ranking.GetError());
            if (ext == ".xlsx")
                written = WriteRankingXlsx(*ranking, o.out);
            else if (ext == ".json")
                written = WriteText(o.out, RankingToJson(*ranking));
            else
                return bad_ext(".xlsx, .json");
        }
    } else {
        if (o.what != "units" && o.what != "groups" && o.what != "framework" && o.what != "scores" && o.what != "all") {
            std::cerr << L(common, "Không xuất được ", "Cannot export ") << o.what << "\n";
            return kExitUsage;
        }
        if (int rc = need(o.what != "framework" || !o.framework.empty(), "--framework")) return rc;
        if (int rc = need(o.what != "scores" || (!o.unit.empty() && o.year > 0), "--unit, --year")) return rc;
        if (ext != ".json" && ext != ".csv" && ext != ".xlsx") return bad_ext(".json, .csv, .xlsx");
        if (o.what == "all" && ext != ".json") return bad_ext(".json");
        auto store = OpenData(common, false);
        if (!store) return Fail(common, store.GetError());
        ExportRequest request;
        request.kind = o.what;
        request.format = ext.substr(1);
        request.unit = o.unit;
        if (o.year > 0) request.year = o.year;
        request.framework = o.framework;
        written = WriteExportFile(**store, request, o.out);
    }
    if (!written) return Fail(common, written.GetError());
    std::cout << L(common, "Đã ghi ", "Wrote ") << o.out << "\n";
    return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
    CLI::App app{"ParIndex – Chỉ số cải cách hành chính (PAR INDEX) / administrative-reform index"};
    app.require_subcommand(1);
    Common common;
    auto add_common = [&](CLI::App* command) {
        command->add_option("--data", common.data_dir, "Thư mục dữ liệu / data folder")->capture_default_str();
        command->add_option("--format", common.format, "table | json")
            ->check(CLI::IsMember({"table", "json"}))
            ->capture_default_str();
        command->add_option("--lang", common.lang, "vi | en")
            ->check(CLI::IsMember({"vi", "en"}))
            ->capture_default_str();
    };
    int exit_code = 0;

    auto* init = app.add_subcommand("init", "Tạo thư mục dữ liệu và cơ sở dữ liệu / create the data folder");
    add_common(init);
    init->callback([&] { exit_code = RunInit(common); });

    auto* demo = app.add_subcommand("demo", "Nạp dữ liệu mẫu từ các kế hoạch / load the demo data");
    add_common(demo);
    demo->callback([&] { exit_code = RunDemo(common); });

    ImportOptions import_options;
    auto* import = app.add_subcommand("import", "Nhập tệp JSON, CSV, .xlsx / import a file");
    add_common(import);
    import->add_option("kind", import_options.kind, "units | groups | framework | scores | all")
        ->required()
        ->check(CLI::IsMember({"units", "groups", "framework", "scores", "all"}));
    import->add_option("file", import_options.file, "Tệp / file (.json, .csv, .xlsx)")->required();
    import->add_option("--unit", import_options.unit, "Mã đơn vị khi tệp không có cột đơn vị / unit code");
    import->add_option("--year", import_options.year, "Năm khi tệp không có cột năm / year");
    import->add_option("--framework", import_options.framework, "Mã bộ chỉ số / framework code");
    import->add_option("--sheet", import_options.sheet, "Tên trang tính .xlsx / sheet name");
    import->callback([&] { exit_code = RunImport(common, import_options);
});

std::string unit;
std::string group;
int year = 0;
auto* results = app.add_subcommand("results", "Kết quả của một đơn vị / a unit's results");
add_common(results);
results->add_option("--unit", unit, "Mã đơn vị / unit code")->required();
results->add_option("--year", year, "Năm / year")->required();
results->callback([&] { exit_code = RunResults(common, unit, year); });

auto* ranking = app.add_subcommand("ranking", "Xếp hạng một nhóm / a peer group's ranking");
add_common(ranking);
ranking->add_option("--group", group, "Mã nhóm / group code")->required();
ranking->add_option("--year", year, "Năm / year")->required();
ranking->callback([&] { exit_code = RunRanking(common, group, year); });

bool strict = false;
auto* check = app.add_subcommand("check", "Kiểm tra số liệu công bố / consistency report");
add_common(check);
check->add_option("--year", year, "Năm / year")->required();
check->add_flag("--strict", strict, "Mã thoát 3 khi có phát hiện / exit 3 on findings");
check->callback([&] { exit_code = RunCheck(common, year, strict); });

ExportOptions export_options;
auto* exporter = app.add_subcommand("export", "Xuất tệp / export to .xlsx, .csv, .json");
add_common(exporter);
exporter->add_option("what", export_options.what, "results | ranking | units | groups | framework | scores | all")
    ->required()
    ->check(CLI::IsMember({"results", "ranking", "units", "groups", "framework", "scores", "all"}));
exporter->add_option("--out", export_options.out, "Tệp ra / output file")->required();
exporter->add_option("--unit", export_options.unit, "Mã đơn vị / unit code");
exporter->add_option("--group", export_options.group, "Mã nhóm / group code");
exporter->add_option("--framework", export_options.framework, "Mã bộ chỉ số / framework code");
exporter->add_option("--year", export_options.year, "Năm / year");
exporter->callback([&] { exit_code = RunExport(common, export_options); });

UserAddOptions user_add;
bool password_stdin = false;
std::string username;
auto* user = app.add_subcommand("user", "Quản lý tài khoản / manage user accounts");
user->require_subcommand(1);
auto run_user = [&](const std::function<Result<std::string>(AuthService&)>& command) {
    auto store = OpenData(common, false);
    if (!store) {
        exit_code = Fail(common, store.GetError());
        return;
    }
    SodiumAuth auth(**store);
    auto text = command(auth.Service());
    exit_code = text ? 0 : Fail(common, text.GetError());
    if (text) std::cout << *text;
};
auto* user_add_command = user->add_subcommand("add", "Tạo tài khoản / create an account");
add_common(user_add_command);
user_add_command->add_option("username", user_add.username, "Tên đăng nhập / username")->required();
user_add_command
    ->add_option("--role", user_add.role, "administrator | appraiser | coordinator | officer | leader | viewer")
    ->required()
    ->check(CLI::IsMember({"administrator", "appraiser", "coordinator", "officer", "leader", "viewer"}));
user_add_command->add_option("--unit", user_add.unit, "Mã đơn vị / unit code");
user_add_command->add_option("--group", user_add.groups, "Mã nhóm (lặp lại được) / group code (repeatable)");
user_add_command->add_option("--department", user_add.department, "Mã phòng ban / department code");
user_add_command->add_option("--name", user_add.name, "Họ tên / full name");
user_add_command->add_option("--email", user_add.email, "Thư điện tử nhận nhắc việc / email for reminders");
user_add_command
    ->add_flag("--password-stdin", password_stdin,
               "Đọc mật khẩu từ một dòng đầu vào chuẩn / read the password from stdin")
    ->required();
user_add_command->callback([&] {
    run_user([&](AuthService& auth) { return AddUserCommand(auth, user_add, std::cin, common.Lang()); });
});
auto* user_reset = user->add_subcommand("reset", "Cấp mật khẩu dùng một lần mới / new one-time password");
add_common(user_reset);
user_reset->add_option("username", username, "Tên đăng nhập / username")->required();
user_reset->callback([&] {
    run_user([&](AuthService& auth) { return ResetUserCommand(auth, username, common.Lang()); });
});
for (const bool disabled : {true, false}) {
    auto* command =
        user->add_subcommand(disabled ? "disable" : "enable", disabled ? "Vô hiệu hóa tài khoản / disable an account"
                                                                       : "Kích hoạt lại tài khoản / enable an account");
    add_common(command);
    command->add_option("username", username, "Tên đăng nhập / username")->required();
    command->callback([&, disabled] {
        run_user([&](AuthService& auth) { return SetUserDisabledCommand(auth, username, disabled, common.Lang()); });
    });
}
auto* user_list = user->add_subcommand("list", "Danh sách tài khoản / list the accounts");
add_common(user_list);
user_list->callback([&] {
    run_user([&](AuthService& auth) { return ListUsersCommand(auth, common.Json(), common.Lang()); });
});

AddServeCommand(app, exit_code, argc > 0 ? argv[0] : "parindex");
AddPlanCommands(app, exit_code);
AddDossierCommands(app, exit_code);

auto* version = app.add_subcommand("version", "In phiên bản / print the version");
version->callback([] { std::cout << "parindex 0.1.0\n"; });

try {
    app.parse(argc, argv);
} catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
}
return exit_code;
}  // namespace parindex

}  // namespace parindex
