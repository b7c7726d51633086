#pragma once

#include "http/http_types.hpp"
#include "http/log.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace parindex::http {

/// Turns every request into a response: the API routes under /api/, the web application's files elsewhere.
/// Unknown API paths (404), wrong methods (405) and every exception a handler throws (500 with the request id,
/// logged) are decided here and nowhere else.
class Dispatcher {
  public:
    /// `static_files` may be null (no web application served).
    Dispatcher(const Router& router, const StaticFiles* static_files, LogSink log);

    /// The response to one request; never throws.
    Response Handle(Request& request) const noexcept;

  private:
    Response Route(Request& request) const;

    const Router& router_;
    const StaticFiles* static_files_;
    LogSink log_;
};

}  // namespace parindex::http
