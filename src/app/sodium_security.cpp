#include "app/sodium_security.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace parindex {
namespace {

/// Letters and digits that cannot be mistaken for one another when read aloud or copied from paper.
constexpr std::string_view kReadableAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr std::size_t kOneTimeGroups = 3;
constexpr std::size_t kOneTimeGroupLength = 4;

void RequireSodium() {
    if (!InitializeSodium()) throw std::runtime_error("libsodium could not be initialised");
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

}  // namespace

bool InitializeSodium() {
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] { ready = sodium_init() >= 0; });
    return ready;
}

SodiumPasswordHasher::SodiumPasswordHasher() { RequireSodium(); }

std::string SodiumPasswordHasher::Hash(const std::string& password) const {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        // Only out of memory makes argon2id fail; there is nothing a caller could do about it.
        throw std::runtime_error("crypto_pwhash_str failed (out of memory)");
    }
    return std::string(hash);
}

bool SodiumPasswordHasher::Verify(const std::string& hash, const std::string& password) const {
    // crypto_pwhash_str_verify needs a NUL-terminated string no longer than crypto_pwhash_STRBYTES.
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

SodiumTokenSource::SodiumTokenSource() { RequireSodium(); }

std::string SodiumTokenSource::RandomHex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    std::string hex = Hex(buffer.data(), buffer.size());
    sodium_memzero(buffer.data(), buffer.size());
    return hex;
}

std::string SodiumTokenSource::OneTimePassword() {
    std::string password;
    for (std::size_t group = 0; group < kOneTimeGroups; ++group) {
        if (group > 0) password += '-';
        for (std::size_t i = 0; i < kOneTimeGroupLength; ++i) {
            // randombytes_uniform avoids the bias of a plain modulo.
            password += kReadableAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kReadableAlphabet.size()))];
        }
    }
    return password;
}

std::string SodiumTokenSource::Digest(const std::string& token) const {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return Hex(digest, sizeof digest);
}

}  // namespace parindex
