#pragma once

#include "domain/audit.hpp"
#include "domain/peer_group.hpp"
#include "domain/unit.hpp"
#include "formats/json_writer.hpp"

namespace parindex::http {

/// A unit as the API shows it (the Unit schema of docs/api/openapi.yaml): code, name, type, parent, demo,
/// valid_from, valid_to, successor and its departments.
void WriteUnitJson(JsonWriter& w, const Unit& unit);

/// A peer group's year as the API lists it (the GroupSummary schema): code, name, year, framework, the number
/// of members and of ranked members.
void WriteGroupSummaryJson(JsonWriter& w, const PeerGroup& group);

/// The fields every audit entry shows (the AuditEntry schema): id, at, username, address, action, node, field,
/// old and new; the caller opens and closes the object (and may add fields).
void WriteAuditEntryFields(JsonWriter& w, const AuditEntry& entry);

}  // namespace parindex::http
