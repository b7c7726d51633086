#pragma once

namespace parindex {

/// Runs the `parindex` command line; returns the exit code (0 success, 1 handled error, 2 wrong usage,
/// 3 findings under `check --strict`).
int RunCli(int argc, char** argv);

}  // namespace parindex
