#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace parindex::testing {

/// What a run of the real `parindex` binary printed and returned.
struct RunOutput {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the built `parindex` binary with `args` (each quoted for the shell) and captures its output.
RunOutput RunParindex(const std::vector<std::string>& args);

/// A fresh temporary folder, removed when the object goes away.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    /// Writes a file inside the folder and returns its path.
    std::string Write(const std::string& name, const std::string& content) const;

  private:
    std::string path_;
};

/// Parses JSON output, failing the test on invalid JSON.
boost::json::value ParseJson(const std::string& text);

/// A JSON number's exact text as written in `raw` after `"key": ` (the first occurrence), to check decimals.
std::string RawNumberAfter(const std::string& raw, const std::string& key);

}  // namespace parindex::testing
