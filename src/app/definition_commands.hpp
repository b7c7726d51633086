#pragma once

namespace CLI {
class App;
}  // namespace CLI

namespace parindex {

/// Adds `definitions list | show CODE[@VERSION] | save FILE.json | activate CODE` under `dossiers` (the
/// definition sets of the dossier statistics); the callbacks store the exit code in `exit_code`.
void AddDefinitionCommands(CLI::App& dossiers, int& exit_code);

}  // namespace parindex
