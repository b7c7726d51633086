#pragma once

#include <string_view>
#include <vector>

namespace parindex {

/// A file compiled into the program (migrations, demo data), named by its path in the repository.
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

}  // namespace parindex
