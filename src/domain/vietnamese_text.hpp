#pragma once

#include <string>
#include <string_view>

namespace parindex {

/// Small Vietnamese text helpers of the domain (no ICU here: a table of the Vietnamese letters, NFC or NFD).

/// Folds for loose matching of names: lower case, Vietnamese diacritics removed (đ → d), every run of other
/// characters (spaces, dashes, punctuation) one space, trimmed. "Tư pháp – Hộ tịch" → "tu phap ho tich".
std::string FoldVietnamese(std::string_view text);

/// Upper case of the Vietnamese and ASCII letters: "Phường La Khê" → "PHƯỜNG LA KHÊ".
std::string UpperVietnamese(std::string_view text);

/// The first letter in lower case, for a name used inside a sentence: "Quận Hà Đông" → "quận Hà Đông".
std::string LowerFirstLetter(std::string_view text);

}  // namespace parindex
