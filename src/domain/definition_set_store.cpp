#include "domain/definition_set_store.hpp"

#include <charconv>

namespace parindex {

std::optional<DefinitionRef> ParseDefinitionRef(std::string_view text) {
    DefinitionRef ref;
    const std::size_t at = text.find('@');
    const std::string_view code = text.substr(0, at);
    if (code.empty() || code.size() > 64) return std::nullopt;
    for (char c : code) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return std::nullopt;
    }
    ref.code = std::string(code);
    if (at != std::string_view::npos) {
        const std::string_view digits = text.substr(at + 1);
        int version = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
        if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || version < 1) {
            return std::nullopt;
        }
        ref.version = version;
    }
    return ref;
}

}  // namespace parindex
