#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parindex {

/// The string in Unicode normalisation form C (every imported string goes through this).
std::string NormalizeNfc(std::string_view text);

/// True when the bytes are valid UTF-8.
bool IsValidUtf8(std::string_view text);

/// Folds a string for loose matching of headers and names: NFC, lower case, Vietnamese diacritics removed
/// (đ → d), spaces, `_` and `-` removed. "Điểm tối đa" and "diem_toi_da" fold to the same key.
std::string FoldForMatching(std::string_view text);

/// Compares two strings in Vietnamese collation order (ICU `vi`): negative, zero or positive.
int CompareVietnamese(std::string_view a, std::string_view b);

/// Sorts strings in Vietnamese collation order.
void SortVietnamese(std::vector<std::string>& values);

}  // namespace parindex
