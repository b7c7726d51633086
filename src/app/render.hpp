#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/results.hpp"
#include "domain/text.hpp"

namespace parindex {

/// A unit's results as readable tables (Vietnamese by default): the summary, ranks, parts, areas with
/// changes, the three-year trend, lost points, gaps, strengths and weaknesses.
std::string RenderResults(const UnitResult& result, Language language);
/// A group ranking as a table with the tie rule stated.
std::string RenderRanking(const GroupRanking& ranking, Language language);
/// The consistency report.
std::string RenderFindings(int year, const std::vector<Finding>& findings, Language language);
/// A decimal for display: Vietnamese uses a decimal comma; blank shows as "–".
/// Prints a handled error for people on `out`: the message, then a line per detail ("  - FILE:dòng 3, cột 7 PATH
/// (FIELD) = "VALUE": REASON"), or, with `json`, the JSON error structure (ErrorToJson). Returns exit code 1.
int PrintFailure(std::ostream& out, const Error& error, Language language, bool json);

std::string ShowNumber(const std::optional<Decimal>& value, Language language);
/// A change with its sign (+5,55), or "–", or "không so sánh được" when not comparable.
std::string ShowChange(const std::optional<Decimal>& value, ChangeStatus status, Language language);

}  // namespace parindex
