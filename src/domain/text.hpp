#pragma once

#include <string>

namespace parindex {

/// The language a person reads messages and tables in: Vietnamese first, English second.
enum class Language { kVietnamese, kEnglish };

/// A message in both languages; the Vietnamese text is the one shown by default.
struct Text {
    std::string vi;
    std::string en;

    /// The text in `language`, falling back to Vietnamese where no English was given.
    const std::string& In(Language language) const { return language == Language::kEnglish && !en.empty() ? en : vi; }
};

}  // namespace parindex
