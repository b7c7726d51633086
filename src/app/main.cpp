#include "app/cli.hpp"

int main(int argc, char** argv) { return parindex::RunCli(argc, argv); }
