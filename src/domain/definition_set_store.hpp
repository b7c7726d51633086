#pragma once

// Definition sets of the dossier statistics as data (issue 5 §2): versioned, editable by an appraiser, one of them
// active. Every save of a code makes a new version; old versions stay readable so that a published figure can
// say which rules produced it.

#include <optional>
#include <string>
#include <vector>

#include "domain/dossier.hpp"
#include "domain/result.hpp"

namespace parindex {

/// One stored version of a definition set, with who saved it and when.
struct StoredDefinitionSet {
    DefinitionSet set;
    std::string saved_by;  ///< Username.
    std::string saved_at;  ///< ISO 8601 UTC.
    bool active = false;   ///< This code is the active one (its latest version is used).
};

/// The port of the stored definition sets. The default set of CONVENTIONS.md ("default", version 1) is always
/// there, active until another code is activated.
class DefinitionSetStore {
  public:
    virtual ~DefinitionSetStore() = default;

    /// The latest version of every code, ordered by code.
    virtual Result<std::vector<StoredDefinitionSet>> ListDefinitionSets() = 0;
    /// Every version of `code`, newest first; empty when unknown.
    virtual Result<std::vector<StoredDefinitionSet>> DefinitionSetVersions(const std::string& code) = 0;
    /// `code` at `version` (the latest when absent); nothing when unknown.
    virtual Result<std::optional<DefinitionSet>> FindDefinitionSet(const std::string& code,
                                                                   std::optional<int> version) = 0;
    /// The latest version of the active code.
    virtual Result<DefinitionSet> ActiveDefinitionSet() = 0;
    /// Saves `set` as the next version of its code (set.version is ignored and set by the store); returns it.
    virtual Result<DefinitionSet> SaveDefinitionSet(const DefinitionSet& set, const std::string& saved_by) = 0;
    /// Makes `code` the active set.
    virtual Status ActivateDefinitionSet(const std::string& code) = 0;
};

/// Reads `code` or `code@version` (the `definition` parameter of the statistics); nothing when malformed.
struct DefinitionRef {
    std::string code;
    std::optional<int> version;
};
std::optional<DefinitionRef> ParseDefinitionRef(std::string_view text);

}  // namespace parindex
