// The only file that includes Boost.Beast and Boost.Asio: one Beast translation unit takes ~27 s to compile, and
// nothing outside this file needs to know how bytes reach the handlers.
#include "http/server.hpp"

#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/errors.hpp"
#include "http/request_target.hpp"

namespace parindex::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using Tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Strand = net::strand<net::io_context::executor_type>;

constexpr std::size_t kReadChunk = 4096;
constexpr std::size_t kMaxRequestIdLength = 64;
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kMaxLingerBytes = std::size_t{64} * 1024 * 1024;

/// 16 random hex digits; request ids need to be unique in the logs, not secret.
std::string NewRequestId() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t bits = random();
    std::string id(16, '0');
    for (char& c : id) {
        c = kHex[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

/// The client's X-Request-Id when it is short and plain (so logs stay parseable), else a new one.
std::string RequestIdFrom(std::string_view header) {
    if (header.empty() || header.size() > kMaxRequestIdLength) return NewRequestId();
    for (char c : header) {
        const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                           c == '_' || c == '.' || c == ':';
        if (!plain) return NewRequestId();
    }
    return std::string(header);
}

std::string Lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

class Session;

/// What every connection shares with the server. Connections own it too, so that a connection destroyed late
/// (with the io_context, after a forced stop) never touches a destroyed server.
struct SharedState {
    SharedState(const ServerOptions& server_options, RequestHandler request_handler, LogSink log_sink)
        : options(server_options), handler(std::move(request_handler)), log(std::move(log_sink)) {}

    bool Stopping() const { return stopping.load(std::memory_order_acquire); }
    void Log(std::string_view line) const {
        if (log) log(line);
    }
    void Register(Session* session, std::weak_ptr<Session> weak) {
        const std::lock_guard<std::mutex> lock(mutex);
        sessions.emplace(session, std::move(weak));
    }
    void Unregister(Session* session) {
        const std::lock_guard<std::mutex> lock(mutex);
        sessions.erase(session);
        if (sessions.empty() && Stopping() && on_last_session) on_last_session();
    }

    const ServerOptions options;
    const RequestHandler handler;
    const LogSink log;
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
    std::function<void()> on_last_session;  ///< Cleared (under `mutex`) before the io_context goes away.
};

/// The listening side: the acceptor, the signals and the grace timer, all on one strand.
class ServerState {
  public:
    ServerState(net::io_context& context, std::shared_ptr<SharedState> shared)
        : context_(context),
          shared_(std::move(shared)),
          control_(net::make_strand(context)),
          acceptor_(control_),
          signals_(control_, SIGINT, SIGTERM),
          grace_(control_) {
        shared_->on_last_session = [this] { net::post(control_, [this] { FinishStop(); }); };
    }
    ServerState(const ServerState&) = delete;
    ServerState& operator=(const ServerState&) = delete;
    ~ServerState() {
        const std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->on_last_session = nullptr;
    }

    Status Listen();
    unsigned short Port() const { return acceptor_.local_endpoint().port(); }
    void Accept();
    void WaitForSignal();

  private:
    void BeginStop();
    void FinishStop();

    net::io_context& context_;
    std::shared_ptr<SharedState> shared_;
    Strand control_;
    Tcp::acceptor acceptor_;
    net::signal_set signals_;
    net::steady_timer grace_;
};

/// One connection: reads requests one after the other (keep-alive), hands each to the handler and writes the
/// response. Every step runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Tcp::socket socket, std::shared_ptr<SharedState> server)
        : stream_(std::move(socket)), shared_(std::move(server)), server_(*shared_) {}
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session() { server_.Unregister(this); }

    void Start() {
        beast::error_code ec;
        stream_.socket().set_option(Tcp::no_delay(true), ec);
        const auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ = endpoint.address().to_string();
        server_.Register(this, weak_from_this());
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
    }

    /// Called on SIGTERM: an idle connection closes now, a busy one after its response.
    void Stop() {
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->idle_) self->stream_.cancel();
        });
    }

  private:
    void WaitForRequest() {
        if (server_.Stopping()) return Close();
        if (buffer_.size() > 0) return ReadHeader();
        // Waiting for the first byte of the next request is the idle time of a keep-alive connection.
        idle_ = true;
        stream_.expires_after(server_.options.idle_timeout);
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                    self->idle_ = false;
                                    if (ec) return self->Close();
                                    self->buffer_.commit(bytes);
                                    self->ReadHeader();
                                });
    }

    void ReadHeader() {
        started_ = Clock::now();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
        parser_->body_limit(server_.options.body_limit);
        stream_.expires_after(server_.options.read_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec) return self->ReadFailed(ec);
                                     self->ReadBody();
                                 });
    }

    void ReadBody() {
        if (parser_->is_done()) return Process();
        const auto& header = parser_->get();
        auto expect = header.find(bhttp::field::expect);
        if (expect != header.end() && beast::iequals(expect->value(), "100-continue")) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                 if (ec) return self->Close();
                                 self->ReadRest();
                             });
            return;
        }
        ReadRest();
    }

    void ReadRest() {
        bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->ReadFailed(ec);
            self->Process();
        });
    }

    void ReadFailed(beast::error_code ec) {
        if (ec == bhttp::error::body_limit) {
            return Refuse(413, MakeError(ErrorCode::kInvalidInput,
                                         "Nội dung yêu cầu quá lớn (tối đa " +
                                             std::to_string(server_.options.body_limit) + " byte).",
                                         "The request body is too large (at most " +
                                             std::to_string(server_.options.body_limit) + " bytes)."));
        }
        if (ec == bhttp::error::header_limit) {
            return Refuse(431, MakeError(ErrorCode::kInvalidInput, "Phần đầu yêu cầu quá lớn.",
                                         "The request header is too large."));
        }
        if (ec.category() == bhttp::make_error_code(bhttp::error::body_limit).category() &&
            ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
            return Refuse(400, MakeError(ErrorCode::kInvalidInput, "Yêu cầu HTTP không hợp lệ: " + ec.message(),
                                         "Malformed HTTP request: " + ec.message()));
        }
        Close();  // The client went away or was too slow: nobody to answer.
    }

    /// Builds the handler's view of the request from Beast's message.
    Request MakeRequest(bhttp::request<bhttp::string_body>& message) {
        Request request;
        request.method = std::string(message.method_string());
        for (const auto& field : message) {
            std::string name = Lower(field.name_string());
            auto [it, inserted] = request.headers.try_emplace(std::move(name), field.value());
            if (!inserted) it->second.append(it->first == "cookie" ? "; " : ", ").append(field.value());
        }
        request.body = std::move(message.body());
        request.remote_address = remote_;
        request.request_id = RequestIdFrom(request.Header("x-request-id"));
        return request;
    }

    void Process() {
        bhttp::request<bhttp::string_body> message = parser_->release();
        Request request = MakeRequest(message);
        const bool head = request.method == "HEAD";
        Response response;
        if (!ParseRequestTarget(message.target(), request)) {
            request.path = std::string(message.target());
            response = ErrorResponse(request, MakeError(ErrorCode::kInvalidInput, "Địa chỉ yêu cầu không hợp lệ.",
                                                        "Malformed request target."));
        } else {
            response = server_.handler(request);
        }
        Send(request, std::move(response), message.keep_alive() && !server_.Stopping(), head, false);
    }

    /// Answers a request that could not be read (too large, malformed) and closes the connection.
    void Refuse(int status, const Error& error) {
        Request request;
        request.remote_address = remote_;
        if (parser_ && parser_->is_header_done()) {
            const auto& header = parser_->get();
            request.method = std::string(header.method_string());
            request.path = std::string(header.target());
            auto id = header.find("X-Request-Id");
            request.request_id = RequestIdFrom(id == header.end() ? std::string_view() : std::string_view(id->value()));
            auto language = header.find(bhttp::field::accept_language);
            if (language != header.end()) request.headers["accept-language"] = std::string(language->value());
        } else {
            request.request_id = NewRequestId();
        }
        Send(request, ErrorResponse(request, error, status), false, false, true);
    }

    void Send(const Request& request, Response response, bool keep_alive, bool head, bool linger) {
        response_ = std::move(response);
        log_method_ = request.method;
        log_path_ = request.path;
        log_id_ = request.request_id;
        message_.emplace();
        auto& message = *message_;
        message.version(11);
        message.result(static_cast<unsigned>(response_.status));
        const bool no_body = response_.status == 204 || response_.status == 304;
        if (!no_body) message.set(bhttp::field::content_type, response_.content_type);
        message.set("X-Request-Id", log_id_);
        message.set("X-Content-Type-Options", "nosniff");
        for (const auto& [name, value] : response_.headers) message.insert(name, value);
        message.keep_alive(keep_alive);
        const std::string_view body = response_.Body();
        if (head || no_body) {
            if (!no_body) message.content_length(body.size());
        } else {
            message.body() = bhttp::span_body<const char>::value_type(body.data(), body.size());
            message.prepare_payload();
        }
        stream_.expires_after(server_.options.read_timeout);
        bhttp::async_write(stream_, message,
                           [self = shared_from_this(), keep_alive, linger](beast::error_code ec, std::size_t) {
                               self->Written(ec, keep_alive, linger);
                           });
    }

    void Written(beast::error_code ec, bool keep_alive, bool linger) {
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
        server_.Log(LogTimestamp() + " " + log_id_ + " " + log_method_ + " " + log_path_ + " " +
                    std::to_string(response_.status) + " " + std::to_string(micros) + "us");
        message_.reset();
        response_ = Response();
        if (ec) return Close();
        if (linger) return Linger();
        if (!keep_alive) return Close();
        WaitForRequest();
    }

    /// Half-closes and reads what the client still sends for a while, so that it sees the error response
    /// rather than a reset connection (a client still uploading a body that was too large).
    void Linger() {
        beast::error_code ec;
        stream_.socket().shutdown(Tcp::socket::shutdown_send, ec);
        if (ec) return Close();
        stream_.expires_after(kLingerTime);
        buffer_.consume(buffer_.size());
        Drain();
    }

    void Drain() {
        stream_.async_read_some(buffer_.prepare(kReadChunk * 16),
                                [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                    self->lingered_ += bytes;
                                    if (ec || self->lingered_ > kMaxLingerBytes) return self->Close();
                                    self->Drain();
                                });
    }

    void Close() {
        if (closed_) return;
        closed_ = true;
        beast::error_code ec;
        stream_.socket().shutdown(Tcp::socket::shutdown_both, ec);
        stream_.close();
    }

    beast::tcp_stream stream_;
    std::shared_ptr<SharedState> shared_;
    SharedState& server_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    Response response_;  ///< Kept alive while it is written: the message's body points into it.
    std::optional<bhttp::response<bhttp::span_body<const char>>> message_;
    std::string remote_;
    std::string log_method_;
    std::string log_path_;
    std::string log_id_;
    Clock::time_point started_ = Clock::now();
    std::size_t lingered_ = 0;
    bool idle_ = false;
    bool closed_ = false;
};

Status ServerState::Listen() {
    beast::error_code ec;
    const ServerOptions& options = shared_->options;
    const std::string where = options.address + ":" + std::to_string(options.port);
    auto fail = [&](const char* vi, const char* en) -> Status {
        return MakeError(ErrorCode::kInvalidInput, std::string(vi) + " " + where + ": " + ec.message(),
                         std::string(en) + " " + where + ": " + ec.message());
    };
    const auto address = net::ip::make_address(options.address, ec);
    if (ec) return fail("Địa chỉ nghe không hợp lệ", "Invalid listen address");
    const Tcp::endpoint endpoint(address, options.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return fail("Không mở được cổng", "Cannot open a socket for");
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    acceptor_.bind(endpoint, ec);
    if (ec) return fail("Không nghe được tại", "Cannot listen on");
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("Không nghe được tại", "Cannot listen on");
    return OkStatus();
}

void ServerState::Accept() {
    acceptor_.async_accept(net::make_strand(context_),
                           net::bind_executor(control_, [this](beast::error_code ec, Tcp::socket socket) {
                               if (shared_->Stopping() || !acceptor_.is_open()) return;
                               if (!ec) {
                                   std::make_shared<Session>(std::move(socket), shared_)->Start();
                               } else {
                                   shared_->Log(LogTimestamp() + " - ERROR accept: " + ec.message());
                               }
                               Accept();
                           }));
}

void ServerState::WaitForSignal() {
    signals_.async_wait([this](beast::error_code ec, int) {
        if (ec) return;
        if (shared_->Stopping()) {
            // A second signal: stop without waiting.
            context_.stop();
            return;
        }
        BeginStop();
        WaitForSignal();
    });
}

void ServerState::BeginStop() {
    shared_->Log(LogTimestamp() + " - shutting down: no new connections, finishing the requests in flight");
    std::vector<std::shared_ptr<Session>> live;
    {
        const std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->stopping.store(true, std::memory_order_release);
        for (auto& [raw, weak] : shared_->sessions) {
            if (auto session = weak.lock()) live.push_back(std::move(session));
        }
    }
    beast::error_code ec;
    acceptor_.close(ec);
    for (auto& session : live) session->Stop();
    live.clear();
    grace_.expires_after(shared_->options.shutdown_grace);
    grace_.async_wait([this](beast::error_code wait_ec) {
        if (wait_ec) return;
        shared_->Log(LogTimestamp() + " - requests still in flight after the grace time; stopping");
        context_.stop();
    });
    const std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->sessions.empty()) net::post(control_, [this] { FinishStop(); });
}

void ServerState::FinishStop() {
    grace_.cancel();
    beast::error_code ec;
    signals_.cancel(ec);
}

}  // namespace

Status RunServer(const ServerOptions& options, RequestHandler handler, const ListeningCallback& on_listening,
                 LogSink log) {
    const int threads = options.threads > 0 ? options.threads : 1;
    net::io_context context(threads);
    auto shared = std::make_shared<SharedState>(options, std::move(handler), std::move(log));
    ServerState server(context, shared);
    Status listening = server.Listen();
    if (!listening) return listening;
    if (on_listening) on_listening(server.Port());
    server.WaitForSignal();
    server.Accept();
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(threads - 1));
    for (int i = 1; i < threads; ++i) workers.emplace_back([&context] { context.run(); });
    context.run();
    for (std::thread& worker : workers) worker.join();
    shared->Log(LogTimestamp() + " - stopped");
    return OkStatus();
}

}  // namespace parindex::http
