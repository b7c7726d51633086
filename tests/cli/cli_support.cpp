#include "cli_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace parindex::testing {
namespace {

std::string ShellQuote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "parindex-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (made == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = made;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
    const std::string file = path_ + "/" + name;
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
}

RunOutput RunParindex(const std::vector<std::string>& args) {
    static TempDir scratch;
    static int counter = 0;
    const std::string out_file = scratch.path() + "/out" + std::to_string(counter);
    const std::string err_file = scratch.path() + "/err" + std::to_string(counter++);
    std::string command = ShellQuote(PARINDEX_BINARY);
    for (const std::string& arg : args) command += " " + ShellQuote(arg);
    command += " >" + ShellQuote(out_file) + " 2>" + ShellQuote(err_file) + " </dev/null";
    const int status = std::system(command.c_str());
    RunOutput result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = Slurp(out_file);
    result.err = Slurp(err_file);
    return result;
}

boost::json::value ParseJson(const std::string& text) {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(text, ec);
    EXPECT_FALSE(ec) << "invalid JSON: " << text.substr(0, 500);
    return value;
}

std::string RawNumberAfter(const std::string& raw, const std::string& key) {
    const std::string needle = "\"" + key + "\": ";
    const auto at = raw.find(needle);
    if (at == std::string::npos) return {};
    const auto start = at + needle.size();
    const auto end = raw.find_first_of(",\n}", start);
    return raw.substr(start, end - start);
}

}  // namespace parindex::testing
