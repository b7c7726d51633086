#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/http_types.hpp"

namespace parindex::http {

/// A handler turns a request into a response; expected failures are responses, exceptions become a 500.
using Handler = std::function<Response(Request&)>;

/// A small explicit route table: method + pattern with `{name}` segments, matched in the order added.
class Router {
  public:
    /// Adds a route such as Add("GET", "/api/units/{code}/results", handler).
    void Add(std::string method, const std::string& pattern, Handler handler);
    /// The handler for the request (filling request.params), or nothing; `path_known` is true when the path
    /// matches some route, with this method or another (405 rather than 404).
    const Handler* Match(Request& request, bool& path_known) const;
    /// The methods of the routes matching `path` ("GET, POST"), for the Allow header of a 405.
    std::string AllowedMethods(const std::string& path) const;

  private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> routes_;
};

}  // namespace parindex::http
