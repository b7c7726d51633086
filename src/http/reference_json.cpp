#include "http/reference_json.hpp"

#include <cstdint>

#include "http/handler_support.hpp"

namespace parindex::http {

void WriteUnitJson(JsonWriter& w, const Unit& unit) {
    w.BeginObject();
    w.Key("code").String(unit.code);
    w.Key("name").String(unit.name);
    w.Key("type").String(unit.type);
    w.Key("parent").String(unit.parent_code);
    w.Key("demo").Bool(unit.demo);
    w.Key("valid_from").Int(unit.valid_from);
    w.Key("valid_to").Int(unit.valid_to);
    w.Key("successor").String(unit.successor_code);
    w.Key("departments").BeginArray();
    for (const Department& department : unit.departments) {
        w.BeginObject().Key("code").String(department.code).Key("name").String(department.name).EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void WriteGroupSummaryJson(JsonWriter& w, const PeerGroup& group) {
    std::int64_t ranked = 0;
    for (const GroupMember& member : group.members) ranked += member.ranked ? 1 : 0;
    w.BeginObject();
    w.Key("code").String(group.code);
    w.Key("name").String(group.name);
    w.Key("year").Int(static_cast<std::int64_t>(group.year));
    w.Key("framework").String(group.framework_code);
    w.Key("members").Int(static_cast<std::int64_t>(group.members.size()));
    w.Key("ranked").Int(ranked);
    w.EndObject();
}

void WriteAuditEntryFields(JsonWriter& w, const AuditEntry& entry) {
    w.Key("id").Int(entry.id);
    w.Key("at").String(IsoTime(entry.at));
    w.Key("username").String(entry.username);
    w.Key("address").String(entry.address);
    w.Key("action").String(entry.action);
    w.Key("node").String(entry.node_code);
    w.Key("field").String(entry.field);
    w.Key("old").String(entry.old_value);
    w.Key("new").String(entry.new_value);
}

}  // namespace parindex::http
