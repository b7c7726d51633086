#pragma once

#include <string>

#include "domain/auth_service.hpp"
#include "domain/auth_store.hpp"
#include "domain/clock.hpp"
#include "domain/security.hpp"

namespace parindex {

/// Initialises libsodium once for the process (thread-safe; later calls do nothing). Returns false when the
/// library cannot start, which leaves the program without a random source: callers treat it as fatal.
bool InitializeSodium();

/// argon2id through libsodium's crypto_pwhash_str at the interactive limits (~100 ms, 64 MiB per hash).
class SodiumPasswordHasher final : public PasswordHasher {
  public:
    SodiumPasswordHasher();
    std::string Hash(const std::string& password) const override;
    bool Verify(const std::string& hash, const std::string& password) const override;
};

/// Random tokens from randombytes_buf, digests with crypto_generichash (BLAKE2b-256) as lower-case hex.
class SodiumTokenSource final : public TokenSource {
  public:
    SodiumTokenSource();
    std::string RandomHex(std::size_t bytes) override;
    /// 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I), grouped `xxxx-xxxx-xxxx`.
    std::string OneTimePassword() override;
    std::string Digest(const std::string& token) const override;
};

/// The real pieces of logins wired together: libsodium's hasher and tokens, the wall clock, and an AuthService
/// over `store` (usually the SqliteStore of the data folder). The command line and the server each make one.
class SodiumAuth {
  public:
    explicit SodiumAuth(AuthStore& store, AuthSettings settings = {})
        : service_(store, hasher_, tokens_, clock_, settings) {}
    SodiumAuth(const SodiumAuth&) = delete;
    SodiumAuth& operator=(const SodiumAuth&) = delete;

    /// The service; lives as long as this object.
    AuthService& Service() { return service_; }

  private:
    SodiumPasswordHasher hasher_;
    SodiumTokenSource tokens_;
    SystemClock clock_;
    AuthService service_;
};

}  // namespace parindex
