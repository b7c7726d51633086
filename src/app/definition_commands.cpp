// `parindex dossiers definitions …`: the definition sets of the dossier statistics from the command line.
#include "app/definition_commands.hpp"
#include "app/data_folder.hpp"
#include "app/render.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/text_table.hpp"
#include "domain/clock.hpp"
#include "domain/definition_set_store.hpp"
#include "formats/definition_json.hpp"
#include "formats/json_writer.hpp"
#include "formats/results_json.hpp"
#include "formats/table.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace parindex {
namespace {

namespace fs = std::filesystem;

constexpr int kExitError = 1;

struct DefinitionOptions {
    std::string data_dir = "data";
    std::string format = "table";
    std::string lang = "vi";
    std::string argument;  ///< show: CODE[@VERSION]; save: the JSON file; activate: CODE.

    Language Lang() const { return lang == "en" ? Language::kEnglish : Language::kVietnamese; }
    bool Json() const { return format == "json"; }
};

const char* L(const DefinitionOptions& options, const char* vi, const char* en) {
    return options.Lang() == Language::kEnglish ? en : vi;
}

int Fail(const DefinitionOptions& options, const Error& error) {
    return PrintFailure(std::cerr, error, options.Lang(), options.Json());
}

Result<std::unique_ptr<SqliteStore>> OpenStore(const DefinitionOptions& options) {
    static SystemClock clock;
    auto database = DataFolderDatabase(options.data_dir, false);
    if (!database) return database.TakeError();
    return OpenSqliteStoreConcrete(*database, clock);
}

std::string SecondsText(const DefinitionOptions& options, std::int64_t seconds) {
    if (seconds % 86400 == 0) return std::to_string(seconds / 86400) + L(options, " ngày", " days");
    if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + L(options, " giờ", " hours");
    return std::to_string(seconds) + L(options, " giây", " seconds");
}

int RunList(const DefinitionOptions& options) {
    auto store = OpenStore(options);
    if (!store) return Fail(options, store.GetError());
    auto sets = (*store)->ListDefinitionSets();
    if (!sets) return Fail(options, sets.GetError());
    if (options.Json()) {
        JsonWriter w(2);
        w.BeginArray();
        for (const StoredDefinitionSet& stored : *sets) {
            w.BeginObject();
            w.Key("definition");
            WriteDefinitionSetJson(w, stored.set);
            w.Key("active").Bool(stored.active);
            w.Key("saved_by").String(stored.saved_by);
            w.Key("saved_at").String(stored.saved_at);
            w.EndObject();
        }
        w.EndArray();
        std::cout << w.Take() << "\n";
        return 0;
    }
    TextTable table(
        {L(options, "Mã", "Code"), L(options, "Phiên bản", "Version"), L(options, "Áp dụng", "Active"),
         L(options, "Mẫu số", "Denominator"), L(options, "Gia hạn", "Grace"), L(options, "Lưu bởi", "Saved by"),
         L(options, "Lưu lúc (UTC)", "Saved at (UTC)"), L(options, "Tên", "Name")},
        {false, true, false, false, true, false, false, false});
    for (const StoredDefinitionSet& stored : *sets) {
        table.AddRow({stored.set.code, std::to_string(stored.set.version), stored.active ? "*" : "",
                      DenominatorConventionName(stored.set.denominator), SecondsText(options, stored.set.grace_seconds),
                      stored.saved_by, stored.saved_at, stored.set.name.In(options.Lang())});
    }
    std::cout << table.Render(80);
    return 0;
}

int RunShow(const DefinitionOptions& options) {
    const std::optional<DefinitionRef> ref = ParseDefinitionRef(options.argument);
    if (!ref) {
        return Fail(options,
                    MakeError(ErrorCode::kInvalidInput,
                              "Cần mã bộ quy tắc, có thể kèm phiên bản (ma@phien-ban): " + options.argument,
                              "A definition set's code, optionally code@version, is expected: " + options.argument));
    }
    auto store = OpenStore(options);
    if (!store) return Fail(options, store.GetError());
    auto found = (*store)->FindDefinitionSet(ref->code, ref->version);
    if (!found) return Fail(options, found.GetError());
    if (!found->has_value()) {
        return Fail(options, MakeError(ErrorCode::kNotFound, "Không có bộ quy tắc thống kê " + options.argument + ".",
                                       "There is no definition set " + options.argument + "."));
    }
    std::cout << DefinitionSetToJson(**found) << "\n";
    return 0;
}

int RunSave(const DefinitionOptions& options) {
    Result<std::string> content = ReadFile(options.argument);
    if (!content) return Fail(options, content.GetError());
    auto sets = ReadDefinitionSetsJson(*content, fs::path(options.argument).filename().string());
    if (!sets) return Fail(options, sets.GetError());
    auto store = OpenStore(options);
    if (!store) return Fail(options, store.GetError());
    const char* user = std::getenv("USER");
    std::vector<DefinitionSet> saved;
    Status done = (*store)->InTransaction([&]() -> Status {
        for (const DefinitionSet& set : *sets) {
            auto written = (*store)->SaveDefinitionSet(set, user != nullptr ? user : "cli");
            if (!written) return written.TakeError();
            saved.push_back(*written);
        }
        return OkStatus();
    });
    if (!done) return Fail(options, done.GetError());
    if (options.Json()) {
        JsonWriter w(2);
        w.BeginArray();
        for (const DefinitionSet& set : saved) WriteDefinitionSetJson(w, set);
        w.EndArray();
        std::cout << w.Take() << "\n";
        return 0;
    }
    for (const DefinitionSet& set : saved) {
        std::cout << L(options, "Đã lưu bộ quy tắc ", "Saved the definition set ") << set.code
                  << L(options, ", phiên bản ", ", version ") << set.version << "\n";
    }
    return 0;
}

int RunActivate(const DefinitionOptions& options) {
    auto store = OpenStore(options);
    if (!store) return Fail(options, store.GetError());
    if (Status activated = (*store)->ActivateDefinitionSet(options.argument); !activated) {
        return Fail(options, activated.GetError());
    }
    auto active = (*store)->ActiveDefinitionSet();
    if (!active) return Fail(options, active.GetError());
    if (options.Json()) {
        std::cout << DefinitionSetToJson(*active) << "\n";
    } else {
        std::cout << L(options, "Đang áp dụng bộ quy tắc ", "The active definition set is ") << active->code
                  << L(options, ", phiên bản ", ", version ") << active->version << "\n";
    }
    return 0;
}

}  // namespace

void AddDefinitionCommands(CLI::App& dossiers, int& exit_code) {
    auto options = std::make_shared<DefinitionOptions>();
    auto add_common = [options](CLI::App* command, const std::vector<std::string>& formats) {
        command->add_option("--data", options->data_dir, "Thư mục dữ liệu / data folder")->capture_default_str();
        std::string names;
        for (const std::string& f : formats) names += (names.empty() ? "" : " | ") + f;
        command->add_option("--format", options->format, names)->check(CLI::IsMember(formats))->capture_default_str();
        command->add_option("--lang", options->lang, "vi | en")
            ->check(CLI::IsMember({"vi", "en"}))
            ->capture_default_str();
    };
    auto* definitions = dossiers.add_subcommand(
        "definitions", "Bộ quy tắc thống kê hồ sơ (có phiên bản) / the dossier definition sets (versioned)");
    definitions->require_subcommand(1);
    auto* list = definitions->add_subcommand("list", "Các bộ quy tắc, bộ đang áp dụng có dấu * / the sets, * active");
    add_common(list, {"table", "json"});
    list->callback([options, &exit_code] { exit_code = RunList(*options); });
    auto* show = definitions->add_subcommand("show", "In một bộ quy tắc dạng JSON / print a set as JSON");
    add_common(show, {"json"});
    show->add_option("code", options->argument, "MÃ hoặc MÃ@PHIÊN-BẢN / CODE or CODE@VERSION")->required();
    show->callback([options, &exit_code] { exit_code = RunShow(*options); });
    auto* save = definitions->add_subcommand(
        "save", "Lưu phiên bản mới từ tệp JSON (một bộ hoặc một mảng) / save new versions from a JSON file");
    add_common(save, {"table", "json"});
    save->add_option("file", options->argument, "Tệp JSON / JSON file")->required();
    save->callback([options, &exit_code] { exit_code = RunSave(*options); });
    auto* activate = definitions->add_subcommand("activate", "Áp dụng một bộ quy tắc / make a set the active one");
    add_common(activate, {"table", "json"});
    activate->add_option("code", options->argument, "Mã / code")->required();
    activate->callback([options, &exit_code] { exit_code = RunActivate(*options); });
}

}  // namespace parindex
