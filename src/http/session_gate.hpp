#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/auth_service.hpp"
#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "domain/user.hpp"
#include "http/router.hpp"

namespace parindex::http {

/// The name of the session cookie.
inline constexpr const char* kSessionCookie = "parindex_session";

/// The caller behind the session cookie.
struct Caller {
    Principal principal;  ///< With the request's client address, for the audit log.
    std::string csrf_token;
    std::string token;
};

/// True for methods that change something (everything but GET, HEAD and OPTIONS).
bool StateChanging(const std::string& method);

/// Compares without stopping at the first difference, so that timing does not reveal the CSRF token.
bool SameSecret(const std::string& left, const std::string& right);

/// The one session check of every API route: the cookie's session (401 without one), X-CSRF-Token on
/// state-changing requests (403), and a changed one-time password (403). A session checked a moment ago is
/// trusted for a short while without asking the store again (the store is one mutex shared by every request);
/// logouts and password changes through this server drop it at once.
class SessionGate {
  public:
    SessionGate(AuthService& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

    /// The caller behind the request's session cookie.
    Result<Caller> Authenticate(const Request& request);

    using Protected = std::function<Response(Request&, const Caller&)>;
    /// Wraps a handler with the checks; `during_password_change` lets a one-time password through.
    Handler WithSession(Protected handler, bool during_password_change = false);

    /// Wraps a handler with the checks and then Authorize(kAdminister) (403 for every other role).
    Handler ForAdministrators(std::function<Response(Request&, const Principal&)> handler);

    /// Drops a session from the cache (logout).
    void Forget(const std::string& token);
    /// Drops every cached session of a user (password change: the service closed the others).
    void ForgetUser(std::int64_t user_id);

  private:
    struct CachedSession {
        Principal principal;
        std::string csrf_token;
        std::chrono::system_clock::time_point checked;
    };

    AuthService& auth_;
    const Clock& clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, CachedSession> sessions_;
};

}  // namespace parindex::http
