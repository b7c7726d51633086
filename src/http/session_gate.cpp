#include "http/session_gate.hpp"

#include "domain/authorization.hpp"
#include "http/errors.hpp"

namespace parindex::http {
namespace {

/// How long a checked session is trusted without asking the store again. Logouts and password changes through
/// this server take effect at once; sessions closed by another process (`parindex user disable`) within this time.
constexpr auto kSessionRecheck = std::chrono::seconds(2);
constexpr std::size_t kMaxCachedSessions = 10000;

}  // namespace

bool StateChanging(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool SameSecret(const std::string& left, const std::string& right) {
    if (left.size() != right.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < left.size(); ++i) {
        difference |= static_cast<unsigned char>(left[i] ^ right[i]);
    }
    return difference == 0;
}

Result<Caller> SessionGate::Authenticate(const Request& request) {
    std::string token = request.Cookie(kSessionCookie);
    if (token.empty()) return MakeError(ErrorCode::kUnauthenticated, "Chưa đăng nhập.", "Not logged in.");
    const auto now = clock_.Now();
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        auto it = sessions_.find(token);
        if (it != sessions_.end() && now >= it->second.checked && now - it->second.checked < kSessionRecheck) {
            Caller caller{it->second.principal, it->second.csrf_token, std::move(token)};
            caller.principal.address = request.remote_address;
            return caller;
        }
    }
    auto session = auth_.Authenticate(token, request.remote_address);
    if (!session) {
        Forget(token);
        return session.TakeError();
    }
    session->first.address = request.remote_address;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (sessions_.size() >= kMaxCachedSessions) sessions_.clear();
    sessions_[token] = CachedSession{session->first, session->second, now};
    return Caller{std::move(session->first), std::move(session->second), std::move(token)};
}

Handler SessionGate::ForAdministrators(std::function<Response(Request&, const Principal&)> handler) {
    return WithSession([handler = std::move(handler)](Request& request, const Caller& caller) {
        if (Status allowed = Authorize(caller.principal, Action::kAdminister, Target{}); !allowed) {
            return ErrorResponse(request, allowed.GetError());
        }
        return handler(request, caller.principal);
    });
}

Handler SessionGate::WithSession(Protected handler, bool during_password_change) {
    return [this, handler = std::move(handler), during_password_change](Request& request) {
        auto caller = Authenticate(request);
        if (!caller) return ErrorResponse(request, caller.GetError());
        if (StateChanging(request.method) && !SameSecret(request.Header("x-csrf-token"), caller->csrf_token)) {
            return ErrorResponse(
                request, MakeError(ErrorCode::kForbidden, "Thiếu hoặc sai mã chống giả mạo (tiêu đề X-CSRF-Token).",
                                   "The X-CSRF-Token header is missing or wrong."));
        }
        if (caller->principal.must_change_password && !during_password_change) {
            return ErrorResponse(request, MakeError(ErrorCode::kForbidden, "Hãy đổi mật khẩu dùng một lần trước.",
                                                    "Change the one-time password first."));
        }
        return handler(request, *caller);
    };
}

void SessionGate::Forget(const std::string& token) {
    const std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(token);
}

void SessionGate::ForgetUser(std::int64_t user_id) {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(sessions_, [user_id](const auto& entry) { return entry.second.principal.user_id == user_id; });
}

}  // namespace parindex::http
