#include "app/plan_commands.hpp"
#include "app/data_folder.hpp"
#include "app/render.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/dataset_loader.hpp"
#include "app/smtp_transport.hpp"
#include "app/text_table.hpp"
#include "domain/results_engine.hpp"
#include "formats/docx.hpp"
#include "formats/plan_documents.hpp"
#include "formats/results_json.hpp"
#include "formats/temporary_file.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {
namespace {

namespace fs = std::filesystem;

constexpr int kExitError = 1;

constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The options the plan commands share.
struct PlanOptions {
    std::string data_dir = "data";
    std::string format = "table";
    std::string lang = "vi";
    std::string unit;
    int year = 0;
    bool replace = false;
    std::string out;
    std::string progress;
    SmtpOptions smtp;  ///< `reminders run`: sends the outbox when `--smtp-url` is given.

    Language Lang() const { return lang == "en" ? Language::kEnglish : Language::kVietnamese; }
    bool Json() const { return format == "json"; }
};

const char* L(Language language, const char* vi, const char* en) { return language == Language::kEnglish ? en : vi; }

/// Prints a handled error on stderr (the JSON error structure in JSON mode) and returns exit code 1.
int Fail(const PlanOptions& options, const Error& error) {
    return PrintFailure(std::cerr, error, options.Lang(), options.Json());
}

/// Opens the data folder's database; kNotFound when it has none.
Result<std::unique_ptr<SqliteStore>> OpenData(const std::string& data_dir) {
    static SystemClock clock;
    auto database = DataFolderDatabase(data_dir, false);
    if (!database) return database.TakeError();
    return SqliteStore::Open(*database, clock);
}

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/// A unit known only by its code (the service found the plan; the unit record is missing).
Unit UnitNamed(const std::string& code) {
    Unit unit;
    unit.code = code;
    unit.name = code;
    return unit;
}

std::string DepartmentName(const Unit& unit, const std::string& code) {
    for (const Department& d : unit.departments) {
        if (d.code == code) return d.name;
    }
    return code;
}

std::string RecurrenceText(const PlanTask& task, Language language) {
    switch (task.recurrence) {
        case Recurrence::kOnce:
            return task.deadline ? task.deadline->Vietnamese() : std::string("–");
        case Recurrence::kMonthly:
            return L(language, "Hằng tháng", "Monthly");
        case Recurrence::kQuarterly:
            return L(language, "Hằng quý", "Quarterly");
        case Recurrence::kOngoing:
            return L(language, "Thường xuyên", "Ongoing");
    }
    return "";
}

std::string JoinCodes(const std::vector<std::string>& codes) {
    std::string text;
    for (const std::string& code : codes) text += (text.empty() ? "" : ", ") + code;
    return text;
}

void Lines(std::string& out, const std::string& heading, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += heading + "\n";
    for (const std::string& line : lines) out += "  - " + line + "\n";
}

/// The plan as text: metadata, the sections and the task table.
std::string RenderPlan(const PlanView& view, const Unit& unit, Language language) {
    const Plan& plan = view.plan;
    std::string out;
    out += plan.authority + " / " + plan.issuer + "\n";
    out += std::string(L(language, "Số: ", "No.: ")) + (plan.number.empty() ? "…" : plan.number) + "/" +
           plan.number_suffix + "    " + plan.place + ", " +
           (plan.date ? plan.date->Vietnamese()
                      : std::string(L(language, "ngày … tháng … năm ", "date … ")) + std::to_string(plan.year)) +
           "\n";
    out += std::string(L(language, "KẾ HOẠCH ", "PLAN ")) + plan.title + "\n";
    out +=
        std::string(L(language, "Đơn vị: ", "Unit: ")) + unit.name + " (" + unit.code + ")" +
        L(language, ", năm ", ", year ") + std::to_string(plan.year) +
        L(language, ", theo kết quả năm ", ", answering the results of ") + std::to_string(plan.results_year) +
        L(language, "; trạng thái: ", "; status: ") +
        (plan.status == PlanStatus::kDraft ? L(language, "dự thảo", "draft") : L(language, "đã ban hành", "issued")) +
        L(language, ", phiên bản ", ", revision ") + std::to_string(plan.revision) + "\n\n";
    Lines(out, L(language, "Căn cứ", "Basis"), plan.basis);
    Lines(out, L(language, "I.1. Mục đích", "I.1. Purposes"), plan.purposes);
    Lines(out, L(language, "I.2. Yêu cầu", "I.2. Requirements"), plan.requirements);
    Lines(out, L(language, "II. Nguyên nhân", "II. Causes"), plan.causes);
    Lines(out, L(language, "III. Kết quả đạt được", "III. Results so far"), plan.progress);
    Lines(out, L(language, "IV. Giải pháp, nhiệm vụ", "IV. Solutions"), plan.solutions);
    if (!plan.responsibilities.empty()) {
        out += std::string(L(language, "V. Tổ chức thực hiện", "V. Organisation")) + "\n";
        for (const DepartmentDuty& duty : plan.responsibilities) {
            out += "  " + duty.heading + "\n";
            for (const std::string& line : duty.duties) out += "    - " + line + "\n";
        }
    }
    Lines(out, L(language, "Nơi nhận", "Recipients"), plan.recipients);
    out += std::string(L(language, "Người ký: ", "Signer: ")) + plan.signer.title +
           (plan.signer.name.empty() ? "" : " " + plan.signer.name) + "\n\n";

    out += std::string(L(language, "Nhiệm vụ (", "Tasks (")) + std::to_string(view.tasks.size()) + "):\n";
    TextTable table(
        {L(language, "TT", "No."), L(language, "Nhiệm vụ", "Task"), L(language, "Tiêu chí", "Criteria"),
         L(language, "Chủ trì", "Lead"), L(language, "Thời hạn", "Due"), L(language, "Nguyên nhân", "Cause")},
        {true, false, false, false, false, false});
    for (const TaskView& t : view.tasks) {
        table.AddRow({std::to_string(t.task.position), t.task.title, JoinCodes(t.task.criteria),
                      DepartmentName(unit, t.task.lead_department), RecurrenceText(t.task, language), t.task.cause});
    }
    out += table.Render(48);
    return out;
}

Status WriteBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    if (out) out << bytes;
    if (!out) return MakeError(ErrorCode::kInvalidInput, "Không ghi được tệp " + path, "Cannot write the file " + path);
    return OkStatus();
}

Error BadOption(const std::string& option, const std::string& value, const Text& reason) {
    ErrorDetail detail;
    detail.field = option;
    detail.value = value;
    detail.reason = reason;
    return MakeError(ErrorCode::kInvalidInput, "Tùy chọn " + option + " không hợp lệ: " + reason.vi,
                     "Invalid option " + option + ": " + reason.en, {detail});
}

int RunDraft(const PlanOptions& options) {
    auto store = OpenData(options.data_dir);
    if (!store) return Fail(options, store.GetError());
    SystemClock clock;
    PlanService plans = MakePlanService(**store, clock);
    auto view = plans.Draft(nullptr, options.unit, options.year, options.replace);
    if (!view) return Fail(options, view.GetError());
    if (options.Json()) {
        auto progress = plans.Progress(nullptr, options.unit, options.year);
        if (!progress) return Fail(options, progress.GetError());
        const bool draft = view->plan.status == PlanStatus::kDraft;
        std::cout << http::PlanViewToJson(*view, *progress, http::PlanCan{draft, draft, true});
        return 0;
    }
    auto unit = (*store)->FindUnit(options.unit);
    if (!unit) return Fail(options, unit.GetError());
    std::cout << RenderPlan(*view, unit->value_or(UnitNamed(options.unit)), options.Lang());
    return 0;
}

int RunExport(const PlanOptions& options) {
    const std::string ext = Lower(fs::path(options.out).extension().string());
    http::PlanFileRequest what;
    what.unit = options.unit;
    what.year = options.year;
    if (ext == ".docx") {
        what.kind = options.progress.empty() ? http::PlanFileKind::kPlan : http::PlanFileKind::kProgress;
    } else if (ext == ".xlsx" && options.progress.empty()) {
        what.kind = http::PlanFileKind::kAnnex;
    } else {
        return Fail(options, BadOption("--out", options.out,
                                       options.progress.empty()
                                           ? Text{"cần đuôi .docx (kế hoạch) hoặc .xlsx (phụ lục phân công nhiệm vụ)",
                                                  "needs the extension .docx (the plan) or .xlsx (the task annex)"}
                                           : Text{"báo cáo tiến độ (--progress) cần đuôi .docx",
                                                  "the progress report (--progress) needs the extension .docx"}));
    }
    if (!options.progress.empty()) {
        auto date = ParseCivilDate(options.progress);
        if (!date) {
            return Fail(options, BadOption("--progress", options.progress,
                                           {"cần một ngày có thật dạng dd/mm/yyyy (ví dụ 30/06/2024)",
                                            "a real day as dd/mm/yyyy is expected (e.g. 30/06/2024)"}));
        }
        what.date = *date;
    }
    auto store = OpenData(options.data_dir);
    if (!store) return Fail(options, store.GetError());
    SystemClock clock;
    auto file = MakePlanFile(**store, clock, nullptr, what);
    if (!file) return Fail(options, file.GetError());
    if (Status written = WriteBytes(options.out, file->bytes); !written) return Fail(options, written.GetError());
    std::cout << L(options.Lang(), "Đã ghi ", "Wrote ") << options.out << "\n";
    return 0;
}

int RunReminders(const PlanOptions& options) {
    auto smtp = SmtpSettingsFrom(options.smtp);
    if (!smtp) return Fail(options, smtp.GetError());
    auto store = OpenData(options.data_dir);
    if (!store) return Fail(options, store.GetError());
    SystemClock clock;
    PlanService plans = MakePlanService(**store, clock);
    std::vector<int> years;
    if (options.year > 0) {
        years = {options.year};
    } else {
        const int today = VietnamDate(clock.Now()).year;
        years = {today - 1, today};
    }
    const Language language = options.Lang();
    std::string out;
    for (int year : years) {
        auto run = plans.RunReminders(year);
        if (!run) return Fail(options, run.GetError());
        if (options.Json()) {
            out += "{\"year\": " + std::to_string(year) + ", \"notifications\": " + std::to_string(run->notifications) +
                   ", \"emails\": " + std::to_string(run->emails) + "}\n";
        } else {
            out += std::string(L(language, "Năm ", "Year ")) + std::to_string(year) + ": " +
                   std::to_string(run->notifications) + L(language, " thông báo mới, ", " new notifications, ") +
                   std::to_string(run->emails) +
                   L(language, " email mới trong hộp thư đi.\n", " new emails in the outbox.\n");
        }
    }
    if (smtp->has_value()) {
        // Every unsent email of the outbox (these runs' and earlier ones), once; failures stay for the next run.
        SmtpTransport transport(std::move(**smtp), clock);
        auto flush = FlushOutbox(**store, transport, clock);
        if (!flush) return Fail(options, flush.GetError());
        if (options.Json()) {
            out += "{\"emails_sent\": " + std::to_string(flush->sent) +
                   ", \"emails_failed\": " + std::to_string(flush->failed) +
                   ", \"emails_without_address\": " + std::to_string(flush->skipped_no_address) + "}\n";
        } else {
            out += std::string(L(language, "Hộp thư đi: ", "Outbox: ")) + std::to_string(flush->sent) +
                   L(language, " email đã gửi, ", " emails sent, ") + std::to_string(flush->failed) +
                   L(language, " gửi lỗi (giữ lại để gửi lần sau), ", " failed (kept for the next run), ") +
                   std::to_string(flush->skipped_no_address) +
                   L(language, " chưa có địa chỉ người nhận.\n", " without a recipient address.\n");
        }
    }
    std::cout << out;
    return 0;
}

/// The user of a demo login as a principal.
Result<Principal> DemoPrincipal(AuthStore& users, const std::string& username) {
    auto user = users.FindUserByName(username);
    if (!user) return user.TakeError();
    if (!user->has_value()) {
        return MakeError(ErrorCode::kNotFound, "Không có tài khoản mẫu " + username, "No demo login " + username);
    }
    const User& u = **user;
    Principal who;
    who.user_id = u.id;
    who.username = u.username;
    who.role = u.role;
    who.unit_code = u.unit_code;
    who.group_codes = u.group_codes;
    who.department_code = u.department_code;
    who.address = "demo";
    return who;
}

/// A moment of a day in Việt Nam (UTC+7).
std::chrono::system_clock::time_point VietnamTime(int year, int month, int day, int hour) {
    const CivilDate date{year, month, day};
    return std::chrono::system_clock::time_point(std::chrono::hours(date.DaysSinceEpoch() * 24 + hour - 7));
}

}  // namespace

UnitResultsSource EngineResults(Store& store) {
    return [&store](const std::string& unit_code, int year) -> Result<UnitResult> {
        auto data = LoadDataset(store, year);
        if (!data) return data.TakeError();
        const ResultsEngine engine(std::move(*data));
        return engine.ForUnit(unit_code, year);
    };
}

PlanService MakePlanService(SqliteStore& store, const Clock& clock) {
    return PlanService(store, store, store, clock, EngineResults(store));
}

Result<http::PlanDownload> MakePlanFile(SqliteStore& store, const Clock& clock, const Principal* who,
                                        const http::PlanFileRequest& what) {
    // A progress report on a past day shows the due states of that day: the service reads the time from a clock
    // stopped at the day's end in Việt Nam.
    const FixedClock end_of_day(VietnamTime(what.date.year, what.date.month, what.date.day, 24) -
                                std::chrono::seconds(1));
    const bool past = what.kind == http::PlanFileKind::kProgress && what.date < VietnamDate(clock.Now());
    PlanService plans = MakePlanService(store, past ? static_cast<const Clock&>(end_of_day) : clock);
    auto view = plans.View(who, what.unit, what.year);
    if (!view) return view.TakeError();
    auto found = store.FindUnit(what.unit);
    if (!found) return found.TakeError();
    const Unit unit = found->value_or(UnitNamed(what.unit));
    std::vector<PlanTask> tasks;
    tasks.reserve(view->tasks.size());
    for (const TaskView& t : view->tasks) tasks.push_back(t.task);
    const std::string stem = what.unit + "-" + std::to_string(what.year);
    http::PlanDownload file;
    switch (what.kind) {
        case http::PlanFileKind::kPlan: {
            auto results = plans.ResultsOf(who, view->plan);
            if (!results) return results.TakeError();
            auto bytes = WriteDocx(PlanDocument(view->plan, unit, *results, tasks));
            if (!bytes) return bytes.TakeError();
            file = {"ke-hoach-" + stem + ".docx", kDocxType, std::move(*bytes)};
            break;
        }
        case http::PlanFileKind::kProgress: {
            auto progress = plans.Progress(who, what.unit, what.year);
            if (!progress) return progress.TakeError();
            auto bytes = WriteDocx(ProgressReportDocument(view->plan, unit, *view, *progress, what.date));
            if (!bytes) return bytes.TakeError();
            std::string day = what.date.Iso();
            file = {"bao-cao-tien-do-" + stem + "-" + day + ".docx", kDocxType, std::move(*bytes)};
            break;
        }
        case http::PlanFileKind::kAnnex: {
            auto bytes = BytesWrittenBy(
                [&](const std::string& path) { return WriteTaskAnnexXlsx(view->plan, unit, tasks, path); }, ".xlsx");
            if (!bytes) return bytes.TakeError();
            file = {"phu-luc-nhiem-vu-" + stem + ".xlsx", kXlsxType, std::move(*bytes)};
            break;
        }
    }
    return file;
}

Result<std::string> SeedDemoPlan(SqliteStore& store, Language language) {
    constexpr const char* kUnit = "lakhe";
    constexpr int kYear = 2024;
    constexpr const char* kOfficer = "tuphap.lakhe";
    constexpr const char* kDepartment = "tp-ht";
    FixedClock clock(VietnamTime(kYear, 3, 1, 8));
    PlanService plans = MakePlanService(store, clock);

    auto drafted = plans.Draft(nullptr, kUnit, kYear, false);
    if (!drafted) {
        // The demo run again: the plan drafted the first time (and whatever was done with it since) stays.
        if (drafted.GetError().code == ErrorCode::kConflict) {
            return std::string(L(language, "Kế hoạch mẫu 2024 của La Khê đã có, giữ nguyên.\n",
                                 "La Khê's 2024 demo plan exists already; kept.\n"));
        }
        return drafted.TakeError();
    }

    // Seed 000's metadata (../shared/seeds/000): the header, the place, the signer and Nơi nhận.
    Plan plan = drafted->plan;
    plan.authority = "UBND QUẬN HÀ ĐÔNG";
    plan.issuer = "ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ";
    plan.place = "La Khê";
    plan.signer.mode = SignerMode::kPersonal;
    plan.signer.title = "CHỦ TỊCH";
    plan.signer.name = "Nguyễn Hữu Hiến";
    plan.recipients = {"Quận ủy Hà Đông;", "Phòng Nội vụ quận Hà Đông;", "TT Đảng ủy – UBND phường;",
                       "Các bộ phận chuyên môn phường;", "Lưu: VT."};
    auto saved = plans.Save(nullptr, plan);
    if (!saved) return saved.TakeError();

    // The Tư pháp – Hộ tịch officer leads the tasks of that department (at least two are given to it).
    std::vector<PlanTask> tasks;
    for (const TaskView& t : drafted->tasks) tasks.push_back(t.task);
    std::vector<std::int64_t> assigned;
    for (PlanTask& task : tasks) {
        if (task.lead_department == kDepartment) assigned.push_back(task.id);
    }
    for (PlanTask& task : tasks) {
        if (assigned.size() >= 2) break;
        if (std::find(assigned.begin(), assigned.end(), task.id) == assigned.end()) assigned.push_back(task.id);
    }
    for (PlanTask& task : tasks) {
        if (std::find(assigned.begin(), assigned.end(), task.id) == assigned.end()) continue;
        task.lead_department = kDepartment;
        task.lead_user = kOfficer;
        if (task.solution.empty()) {
            task.solution = "Rà soát, bổ sung hồ sơ và tài liệu kiểm chứng; báo cáo đúng hạn.";
        }
        task.expected_output = task.expected_output.empty() ? "Báo cáo" : task.expected_output;
        auto stored = plans.SaveTask(nullptr, task);
        if (!stored) return stored.TakeError();
    }

    // A few dated updates by the officer: one task done, one under way, the others not started.
    auto officer = DemoPrincipal(store, kOfficer);
    if (!officer) return officer.TakeError();
    struct Step {
        std::size_t task;
        int month;
        int day;
        TaskStatus status;
        int progress;
        const char* note;
    };
    const Step steps[] = {
        {0, 5, 20, TaskStatus::kInProgress, 40, "Đã rà soát hồ sơ năm 2023, lập danh mục tài liệu cần bổ sung."},
        {0, 8, 30, TaskStatus::kInProgress, 70, "Đã bổ sung 5/7 tài liệu kiểm chứng; còn chờ xác nhận của quận."},
        {1, 6, 14, TaskStatus::kInProgress, 50, "Đã ban hành kế hoạch triển khai, đang tổ chức thực hiện."},
        {1, 10, 15, TaskStatus::kDone, 100, "Hoàn thành; báo cáo kết quả gửi Văn phòng – Thống kê."},
    };
    int updates = 0;
    for (const Step& step : steps) {
        if (step.task >= assigned.size()) continue;
        clock.Set(VietnamTime(kYear, step.month, step.day, 9));
        auto update = plans.UpdateTask(&*officer, assigned[step.task], step.status, step.progress, step.note, {});
        if (!update) return update.TakeError();
        ++updates;
    }

    // The reminders of a day after the default deadline: overdue tasks to their officers, escalated to the
    // coordinator and the leader.
    clock.Set(VietnamTime(kYear, 12, 5, 7));
    auto reminders = plans.RunReminders(kYear);
    if (!reminders) return reminders.TakeError();

    const std::string count = std::to_string(drafted->tasks.size());
    if (language == Language::kEnglish) {
        return "Demo plan: La Khê 2024 drafted from its 2023 results (" + count + " tasks, " +
               std::to_string(assigned.size()) + " assigned to " + kOfficer + ", " + std::to_string(updates) +
               " updates, " + std::to_string(reminders->notifications) + " reminders).\n";
    }
    return "Kế hoạch mẫu: La Khê 2024 dự thảo từ kết quả 2023 (" + count + " nhiệm vụ, " +
           std::to_string(assigned.size()) + " giao " + kOfficer + ", " + std::to_string(updates) + " lần cập nhật, " +
           std::to_string(reminders->notifications) + " thông báo nhắc việc).\n";
}

void AddPlanCommands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<PlanOptions>();
    auto add_common = [options](CLI::App* command) {
        command->add_option("--data", options->data_dir, "Thư mục dữ liệu / data folder")->capture_default_str();
        command->add_option("--format", options->format, "table | json")
            ->check(CLI::IsMember({"table", "json"}))
            ->capture_default_str();
        command->add_option("--lang", options->lang, "vi | en")
            ->check(CLI::IsMember({"vi", "en"}))
            ->capture_default_str();
    };

    auto* plan = app.add_subcommand("plan", "Kế hoạch cải thiện chỉ số / improvement plans");
    plan->require_subcommand(1);
    auto* draft = plan->add_subcommand("draft", "Dự thảo kế hoạch từ kết quả năm trước / draft a plan");
    add_common(draft);
    draft->add_option("--unit", options->unit, "Mã đơn vị / unit code")->required();
    draft->add_option("--year", options->year, "Năm của kế hoạch / the plan's year")->required();
    draft->add_flag("--replace", options->replace, "Thay bản dự thảo đã có / replace an existing draft");
    draft->callback([options, &exit_code] { exit_code = RunDraft(*options); });

    auto* exporter = plan->add_subcommand("export", "Xuất kế hoạch (.docx), phụ lục (.xlsx) / export a plan");
    add_common(exporter);
    exporter->add_option("--unit", options->unit, "Mã đơn vị / unit code")->required();
    exporter->add_option("--year", options->year, "Năm của kế hoạch / the plan's year")->required();
    exporter->add_option("--out", options->out, "Tệp ra .docx | .xlsx / output file")->required();
    exporter->add_option("--progress", options->progress,
                         "Báo cáo tiến độ tại ngày dd/mm/yyyy (.docx) / progress report on a date");
    exporter->callback([options, &exit_code] { exit_code = RunExport(*options); });

    auto* reminders = app.add_subcommand("reminders", "Nhắc việc / task reminders");
    reminders->require_subcommand(1);
    auto* run = reminders->add_subcommand(
        "run", "Tạo thông báo và email nhắc việc (mặc định năm nay và năm trước) / create due reminders");
    add_common(run);
    run->add_option("--year", options->year, "Năm / year");
    AddSmtpOptions(*run, options->smtp);
    run->callback([options, &exit_code] { exit_code = RunReminders(*options); });
}

}  // namespace parindex
