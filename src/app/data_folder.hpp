#pragma once

#include <string>

#include "domain/result.hpp"

namespace parindex {

/// The path of the data folder's database (DIR/parindex.db). With `create`, makes the folder and DIR/files first
/// (kInvalidInput when that fails); without, kNotFound telling the user to run `parindex init --data DIR` when the
/// folder has no database yet.
Result<std::string> DataFolderDatabase(const std::string& data_dir, bool create);

}  // namespace parindex
