#pragma once

#include <string>

namespace parindex {

/// Hashes and checks passwords; the real one is libsodium's argon2id (src/app), tests may use a fast fake.
class PasswordHasher {
  public:
    virtual ~PasswordHasher() = default;
    /// A self-describing hash string of the password.
    virtual std::string Hash(const std::string& password) const = 0;
    /// True when `password` matches `hash`.
    virtual bool Verify(const std::string& hash, const std::string& password) const = 0;
};

/// Random tokens and their one-way digests (session ids, CSRF tokens, one-time passwords).
class TokenSource {
  public:
    virtual ~TokenSource() = default;
    /// `bytes` random bytes as lower-case hex.
    virtual std::string RandomHex(std::size_t bytes) = 0;
    /// A readable one-time password (letters and digits, no look-alikes).
    virtual std::string OneTimePassword() = 0;
    /// A hex digest of the token, stored instead of the token.
    virtual std::string Digest(const std::string& token) const = 0;
};

}  // namespace parindex
