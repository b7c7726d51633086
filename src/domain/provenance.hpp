#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parindex {

/// Where a stored figure comes from (CONVENTIONS.md, "Where each figure comes from").
enum class Provenance {
    kEntered,    ///< A self or appraised score typed or imported for a leaf.
    kPublished,  ///< Copied from an official result, at any level.
    kComputed,   ///< Worked out by the engine.
    kDerived,    ///< Worked back from other published figures (previous = current − published change).
    kDemo,       ///< Invented for the demo.
};

/// "entered", "published", "computed", "derived", "demo".
const char* ProvenanceName(Provenance provenance);
/// Reads a provenance name; nothing for an unknown one.
std::optional<Provenance> ParseProvenance(std::string_view name);

/// Where an imported object came from, so that validation can name the file, line or JSON path.
/// Filled by importers; not stored.
struct SourceRef {
    std::string file;
    std::int64_t line = 0;  ///< 1-based line or sheet row; 0 when unknown.
    std::string path;       ///< JSON path or `Sheet!A1` reference; empty when unknown.
};

}  // namespace parindex
