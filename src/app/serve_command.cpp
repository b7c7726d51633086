#include "app/serve_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "app/data_folder.hpp"
#include "app/dataset_loader.hpp"
#include "app/plan_commands.hpp"
#include "app/sodium_security.hpp"
#include "app/transfer.hpp"
#include "domain/clock.hpp"
#include "http/admin_api.hpp"
#include "http/api.hpp"
#include "http/definitions_api.hpp"
#include "http/dispatcher.hpp"
#include "http/dossier_api.hpp"
#include "http/dossier_import_api.hpp"
#include "http/kpi_api.hpp"
#include "http/log.hpp"
#include "http/plan_api.hpp"
#include "http/results_cache.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/workflow_api.hpp"
#include "storage/files/file_vault.hpp"
#include "storage/sqlite/sqlite_dossier_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {
namespace {

namespace fs = std::filesystem;

int Fail(const ServeOptions& options, const Error& error) {
    const Language language = options.lang == "en" ? Language::kEnglish : Language::kVietnamese;
    std::cerr << (language == Language::kEnglish ? "Error: " : "Lỗi: ") << error.message.In(language) << "\n";
    for (const ErrorDetail& detail : error.details) {
        std::cerr << "  - " << detail.field << (detail.field.empty() ? "" : ": ") << detail.reason.In(language) << "\n";
    }
    return 1;
}

/// Splits `host:port` (or `[v6]:port`); false when malformed.
bool SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned long value = 0;
    for (char c : listen.substr(colon + 1)) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<unsigned long>(c - '0');
        if (value > 65535) return false;
    }
    port = static_cast<unsigned short>(value);
    return true;
}

/// The web application's folder: --web, else web/dist of the source tree the program was built in (the build
/// lives in <repo>/build/<preset>/src/app), else ./web/dist.
fs::path WebDirectory(const ServeOptions& options, const std::string& program) {
    if (!options.web_dir.empty()) return options.web_dir;
    std::error_code ec;
    fs::path executable = fs::read_symlink("/proc/self/exe", ec);
    if (ec) executable = fs::absolute(program, ec);
    std::vector<fs::path> candidates;
    if (!executable.empty()) {
        fs::path dir = executable.parent_path();
        for (int up = 0; up < 5 && !dir.empty(); ++up, dir = dir.parent_path()) {
            candidates.push_back(dir / "web" / "dist");
            if (dir == dir.parent_path()) break;
        }
        candidates.push_back(executable.parent_path().parent_path() / "share" / "parindex" / "web");
    }
    candidates.push_back(fs::current_path(ec) / "web" / "dist");
    for (const fs::path& candidate : candidates) {
        if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
    }
    return candidates.back();
}

/// Runs the reminders of the current and the previous year at once and then every hour, on a thread of its own,
/// until stopped (the server's shutdown); `after_run` (the outbox delivery's wake-up) follows every run.
class ReminderLoop {
  public:
    ReminderLoop(PlanService& plans, const Clock& clock, http::LogSink log, std::function<void()> after_run = {})
        : thread_([this, &plans, &clock, log = std::move(log), after_run = std::move(after_run)] {
              Run(plans, clock, log, after_run);
          }) {}
    ReminderLoop(const ReminderLoop&) = delete;
    ReminderLoop& operator=(const ReminderLoop&) = delete;
    ~ReminderLoop() { Stop(); }

    void Stop() {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            stopped_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

  private:
    void Run(PlanService& plans, const Clock& clock, const http::LogSink& log, const std::function<void()>& after_run) {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopped_) {
            lock.unlock();
            const int year = VietnamDate(clock.Now()).year;
            for (int y : {year - 1, year}) {
                auto run = plans.RunReminders(y);
                if (!run && log) log("reminders " + std::to_string(y) + ": " + run.GetError().message.en);
            }
            if (after_run) after_run();
            lock.lock();
            wake_.wait_for(lock, std::chrono::hours(1), [this] { return stopped_; });
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopped_ = false;
    std::thread thread_;  ///< Last: started once the members above exist.
};

}  // namespace

int RunServe(const ServeOptions& options, const std::string& program) {
    http::ServerOptions server_options;
    if (!SplitListen(options.listen, server_options.address, server_options.port)) {
        return Fail(
            options,
            MakeError(ErrorCode::kInvalidInput,
                      "--listen cần dạng địa_chỉ:cổng, ví dụ 127.0.0.1:8080 (nhận được \"" + options.listen + "\")",
                      "--listen needs host:port, e.g. 127.0.0.1:8080 (got \"" + options.listen + "\")"));
    }
    server_options.threads = options.threads;
    server_options.body_limit = options.body_limit_mib * 1024 * 1024;
    server_options.read_timeout = std::chrono::seconds(options.read_timeout_seconds);
    server_options.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
    auto smtp = SmtpSettingsFrom(options.smtp);
    if (!smtp) return Fail(options, smtp.GetError());

    auto database = DataFolderDatabase(options.data_dir, false);
    if (!database) return Fail(options, database.GetError());
    std::error_code ec;
    SystemClock clock;
    auto store = SqliteStore::Open(*database, clock);
    if (!store) return Fail(options, store.GetError());
    SqliteStore& sqlite = **store;
    if (!InitializeSodium()) {
        return Fail(options, MakeError(ErrorCode::kInternal, "Không khởi động được libsodium.",
                                       "libsodium failed to initialise."));
    }
    SodiumAuth auth(sqlite);
    (void)sqlite.DeleteExpiredSessions(clock.Now());

    http::ResultsCache results([&sqlite](int year) { return LoadDataset(sqlite, year); });
    http::Router router;
    http::SessionGate sessions(auth.Service(), clock);
    http::RegisterApi(router, http::ApiServices{auth.Service(), sessions, sqlite, sqlite, results, clock},
                      http::ApiOptions{options.secure_cookies});
    FileVault vault((fs::path(options.data_dir) / "files").string());
    http::EvidenceFiles files{
        [&vault](std::string_view bytes, const std::string& name) -> Result<http::StoredEvidenceFile> {
            auto stored = vault.Put(bytes, name);
            if (!stored) return stored.TakeError();
            return http::StoredEvidenceFile{stored->sha256, stored->content_type, stored->size};
        },
        [&vault](const std::string& sha256) { return vault.PathOf(sha256); }};
    PlanService plans = MakePlanService(sqlite, clock);
    const http::PlanApiServices plan_services{
        sessions,
        plans,
        sqlite,
        sqlite,
        sqlite,
        files,
        http::PlanFiles{[&sqlite, &clock](const Principal& who, const http::PlanFileRequest& what) {
            return MakePlanFile(sqlite, clock, &who, what);
        }},
        clock};
    http::RegisterPlanApi(router, plan_services);
    http::RegisterWorkflowApi(router, http::WorkflowServices{sessions, sqlite, sqlite, sqlite, files, results, clock,
                                                             http::TaskEvidenceDownload(plan_services)});
    http::AdminTransfers transfers{
        [&sqlite](const http::AdminImport& what) -> Result<http::AdminImportCounts> {
            ImportRequest request;
            request.kind = what.kind;
            request.file_name = what.file_name;
            request.unit = what.unit;
            request.year = what.year;
            request.framework = what.framework;
            request.sheet = what.sheet;
            auto summary = ImportUpload(sqlite, std::move(request), what.bytes, what.dry_run);
            if (!summary) return summary.TakeError();
            return http::AdminImportCounts{summary->units, summary->groups, summary->frameworks, summary->assessments,
                                           summary->node_scores};
        },
        [&sqlite](const http::AdminExport& what) -> Result<http::AdminDownload> {
            auto file =
                ExportToMemory(sqlite, ExportRequest{what.kind, what.format, what.unit, what.year, what.framework});
            if (!file) return file.TakeError();
            return http::AdminDownload{std::move(file->file_name), std::move(file->content_type),
                                       std::move(file->bytes)};
        }};
    http::RegisterAdminApi(router,
                           http::AdminServices{sessions, auth.Service(), sqlite, sqlite, results, clock, transfers});
    // Before the dossier routes: /api/dossiers/{id} would take /api/dossiers/definitions.
    http::RegisterDefinitionsApi(router, http::DefinitionsApiServices{sessions, sqlite, sqlite, sqlite, clock});
    // The dossiers (issue 5) on their own connection to the same database.
    auto dossier_store = SqliteDossierStore::Open(*database, clock);
    if (!dossier_store) return Fail(options, dossier_store.GetError());
    // Imports and mapping profiles, before /api/dossiers/{id} too.
    http::RegisterDossierImportApi(router,
                                   http::DossierImportApiServices{sessions, **dossier_store, sqlite, sqlite, clock});
    http::RegisterDossierApi(router, http::DossierApiServices{sessions, **dossier_store, sqlite, &sqlite, clock});
    // The KPI targets (issue 5 §4): actuals of dossier measures through the same store and definition sets.
    http::RegisterKpiApi(router,
                         http::KpiApiServices{sessions, sqlite, **dossier_store, sqlite, &sqlite, files, clock});
    const http::StaticFiles web(WebDirectory(options, program));
    const http::LogSink log = http::StderrLog();
    const http::Dispatcher dispatcher(router, &web, log);

    // Reminder emails go out through SMTP on a thread of their own when configured (kept in the outbox otherwise).
    std::unique_ptr<OutboxDelivery> delivery;
    if (smtp->has_value()) delivery = std::make_unique<OutboxDelivery>(sqlite, std::move(**smtp), clock, log);
    ReminderLoop reminders(plans, clock, log, [&delivery] {
        if (delivery) delivery->Wake();
    });
    Status served = http::RunServer(
        server_options, [&dispatcher](http::Request& request) { return dispatcher.Handle(request); },
        [&](unsigned short port) {
            const std::string host = server_options.address.find(':') != std::string::npos
                                         ? "[" + server_options.address + "]"
                                         : server_options.address;
            std::cout << "ParIndex đang chạy tại http://" << host << ":" << port << std::endl;
            std::cout << (options.lang == "en" ? "Web application: " : "Giao diện web: ") << web.Root().string()
                      << (fs::is_regular_file(web.Root() / "index.html", ec)
                              ? ""
                              : (options.lang == "en" ? " (not built)" : " (chưa build)"))
                      << std::endl;
        },
        log);
    reminders.Stop();
    if (delivery) delivery->Stop();
    if (!served) return Fail(options, served.GetError());
    return 0;
}

void AddServeCommand(CLI::App& app, int& exit_code, const std::string& program) {
    auto options = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand("serve", "Chạy máy chủ web / run the HTTP server");
    serve->add_option("--data", options->data_dir, "Thư mục dữ liệu / data folder")->capture_default_str();
    serve->add_option("--listen", options->listen, "Địa chỉ:cổng (cổng 0: tự chọn) / host:port")->capture_default_str();
    serve->add_option("--web", options->web_dir, "Thư mục giao diện web đã build / built web app folder");
    serve->add_option("--threads", options->threads, "Số luồng / threads")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    serve->add_option("--body-limit", options->body_limit_mib, "Cỡ nội dung tối đa (MiB) / body limit in MiB")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    serve->add_option("--read-timeout", options->read_timeout_seconds, "Giây để nhận một yêu cầu / seconds")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    serve->add_option("--idle-timeout", options->idle_timeout_seconds, "Giây chờ của kết nối rỗi / seconds")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    serve->add_flag("--secure-cookies", options->secure_cookies, "Cookie chỉ qua HTTPS / Secure cookies (TLS)");
    AddSmtpOptions(*serve, options->smtp);
    serve->add_option("--lang", options->lang, "vi | en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
    serve->callback([options, &exit_code, program] { exit_code = RunServe(*options, program); });
}

}  // namespace parindex
