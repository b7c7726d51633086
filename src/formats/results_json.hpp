#pragma once

#include <string>
#include <vector>

#include "domain/framework.hpp"
#include "domain/result.hpp"
#include "domain/results.hpp"
#include "formats/json_writer.hpp"

namespace parindex {

/// A framework's bands as a JSON array of {code, name, min_index, demo} (the bundle format and the API share it).
void WriteBandsJson(JsonWriter& w, const std::vector<Band>& bands);

/// The results JSON of CONVENTIONS.md (`parindex results --format json`, later `GET /api/units/{code}/results`).
std::string ResultsToJson(const UnitResult& result);
/// A group ranking as JSON.
std::string RankingToJson(const GroupRanking& ranking);
/// The consistency findings of a year as JSON.
std::string FindingsToJson(int year, const std::vector<Finding>& findings);
/// The one error structure of the CLI's JSON mode and the HTTP API:
/// {"error": {"code", "message", "details": [{"file", "line", "column", "path", "field", "value", "reason"}]}}.
std::string ErrorToJson(const Error& error, Language language);
/// The details of an error as the array of ErrorToJson's "details" (file, line, column, path, field, value, reason).
void WriteErrorDetails(JsonWriter& w, const std::vector<ErrorDetail>& details, Language language);

}  // namespace parindex
