#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace parindex {

int RunCli(int argc, char** argv) {
    CLI::App app{"ParIndex: chỉ số cải cách hành chính (PAR INDEX) / administrative-reform index"};
    app.require_subcommand(1);
    app.add_subcommand("version", "In phiên bản / print the version")->callback([] { std::cout << "parindex 0.1.0\n"; });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return 0;
}

}  // namespace parindex
