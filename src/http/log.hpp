#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace parindex::http {

/// Where the server writes its log lines (one request per line); tests pass a collector.
using LogSink = std::function<void(std::string_view line)>;

/// Writes each line to stderr in one write, so that lines from several threads never interleave.
LogSink StderrLog();

/// The current UTC time as `2025-01-31T08:00:00.123Z`, for log lines.
std::string LogTimestamp();

}  // namespace parindex::http
