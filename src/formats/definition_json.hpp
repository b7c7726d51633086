#pragma once

// The JSON form of a dossier definition set (issue 5 §2): one object whose snake_case keys are the fields of
// DefinitionSet, read with an error per bad field (JSON path, field, value, reason) and written back in the same
// form, so that a written set reads back equal.
//
//   {"code": "hue", "version": 1, "name": "Thừa Thiên Huế …", "name_en": "…", "day_level": false,
//    "early_seconds": 86400, "early_days": 1, "grace_seconds": 0, "denominator": "processed_in_period",
//    "count_returned": false, "count_withdrawn": false, "count_rejected": false, "due_soon_days": 3,
//    "apology_min_lead_seconds": 86400, "max_apologies": 1, "supplement_fault_threshold": 2}

#include <string>
#include <string_view>
#include <vector>

#include "domain/dossier.hpp"
#include "domain/result.hpp"
#include "formats/json_writer.hpp"

namespace parindex {

/// Every key of the JSON form, in the order they are written.
const std::vector<std::string>& DefinitionSetJsonKeys();

/// Reads one definition set from `text`. "code" and "name" are required; a missing option takes the value of
/// DefaultDefinitionSet(); "version" is optional (1 when absent). kInvalidInput listing every problem: malformed
/// JSON (line and column), an unknown key, a value of the wrong type, a value out of range
/// (ValidateDefinitionSet), each with its JSON path (`$.grace_seconds`), field, the value given and the reason in
/// both languages. `file` names the source in the details (empty for a request body). With `code` given (the
/// code in a URL), "code" may be absent and then takes it.
Result<DefinitionSet> ReadDefinitionSetJson(std::string_view text, const std::string& file = {},
                                            const std::string& code = {});

/// Reads every set of a JSON array of definition sets (or of one object), paths `$[2].grace_seconds`.
Result<std::vector<DefinitionSet>> ReadDefinitionSetsJson(std::string_view text, const std::string& file = {});

/// Writes the set as one JSON object (the keys of DefinitionSetJsonKeys()).
void WriteDefinitionSetJson(JsonWriter& w, const DefinitionSet& set);

/// Writes the 766 group's point table (the "service_index" member of a definition set).
void WriteServiceIndexJson(JsonWriter& w, const ServiceIndexGroup& group);

/// The set as a JSON document (pretty-printed with `indent` spaces, compact with 0).
std::string DefinitionSetToJson(const DefinitionSet& set, int indent = 2);

}  // namespace parindex
