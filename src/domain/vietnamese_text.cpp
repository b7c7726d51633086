#include "domain/vietnamese_text.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace parindex {
namespace {

/// Decodes UTF-8 into code points (an invalid byte reads as itself).
std::vector<char32_t> Decode(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        int extra = 0;
        char32_t code = byte;
        if (byte >= 0xF0 && byte < 0xF8) {
            extra = 3;
            code = byte & 0x07;
        } else if (byte >= 0xE0) {
            extra = 2;
            code = byte & 0x0F;
        } else if (byte >= 0xC0) {
            extra = 1;
            code = byte & 0x1F;
        }
        bool valid = i + static_cast<std::size_t>(extra) < text.size();
        for (int k = 1; valid && k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) valid = false;
            code = (code << 6) | (next & 0x3F);
        }
        if (!valid) {
            out.push_back(byte);
            ++i;
            continue;
        }
        out.push_back(code);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

void Encode(char32_t code, std::string& out) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// The Vietnamese letters by base letter, lower and upper case in the same order.
struct Letters {
    char base;
    const char* lower;
    const char* upper;
};
constexpr Letters kLetters[] = {
    {'a', "aàáạảãâầấậẩẫăằắặẳẵ", "AÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ"},
    {'e', "eèéẹẻẽêềếệểễ", "EÈÉẸẺẼÊỀẾỆỂỄ"},
    {'i', "iìíịỉĩ", "IÌÍỊỈĨ"},
    {'o', "oòóọỏõôồốộổỗơờớợởỡ", "OÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ"},
    {'u', "uùúụủũưừứựửữ", "UÙÚỤỦŨƯỪỨỰỬỮ"},
    {'y', "yỳýỵỷỹ", "YỲÝỴỶỸ"},
    {'d', "dđ", "DĐ"},
};

struct Tables {
    std::map<char32_t, char32_t> to_upper;
    std::map<char32_t, char32_t> to_lower;
    std::map<char32_t, char> base;
};

const Tables& LetterTables() {
    static const Tables tables = [] {
        Tables t;
        for (const Letters& letters : kLetters) {
            const std::vector<char32_t> lower = Decode(letters.lower);
            const std::vector<char32_t> upper = Decode(letters.upper);
            for (std::size_t i = 0; i < lower.size() && i < upper.size(); ++i) {
                t.to_upper[lower[i]] = upper[i];
                t.to_lower[upper[i]] = lower[i];
                t.base[lower[i]] = letters.base;
                t.base[upper[i]] = letters.base;
            }
        }
        for (char32_t c = 'a'; c <= 'z'; ++c) {
            t.to_upper.emplace(c, c - 'a' + 'A');
            t.to_lower.emplace(c - 'a' + 'A', c);
            t.base.emplace(c, static_cast<char>(c));
            t.base.emplace(c - 'a' + 'A', static_cast<char>(c));
        }
        return t;
    }();
    return tables;
}

bool IsCombiningMark(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

}  // namespace

std::string FoldVietnamese(std::string_view text) {
    const Tables& tables = LetterTables();
    std::string out;
    bool pending_space = false;
    for (char32_t c : Decode(text)) {
        if (IsCombiningMark(c)) continue;
        char folded = 0;
        if (const auto found = tables.base.find(c); found != tables.base.end()) {
            folded = found->second;
        } else if (c >= '0' && c <= '9') {
            folded = static_cast<char>(c);
        }
        if (folded == 0) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += folded;
    }
    return out;
}

std::string UpperVietnamese(std::string_view text) {
    const Tables& tables = LetterTables();
    std::string out;
    for (char32_t c : Decode(text)) {
        const auto found = tables.to_upper.find(c);
        Encode(found == tables.to_upper.end() ? c : found->second, out);
    }
    return out;
}

std::string LowerFirstLetter(std::string_view text) {
    const Tables& tables = LetterTables();
    std::string out;
    bool first = true;
    for (char32_t c : Decode(text)) {
        if (first) {
            if (const auto found = tables.to_lower.find(c); found != tables.to_lower.end()) c = found->second;
            first = false;
        }
        Encode(c, out);
    }
    return out;
}

}  // namespace parindex
