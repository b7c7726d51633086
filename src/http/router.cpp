#include "http/router.hpp"

namespace parindex::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
    std::vector<std::string> segments;
    std::string current;
    for (char c : path) {
        if (c == '/') {
            if (!current.empty()) segments.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) segments.push_back(std::move(current));
    return segments;
}

bool IsParameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

const std::string& Request::Header(const std::string& lower_name) const {
    static const std::string empty;
    auto it = headers.find(lower_name);
    return it == headers.end() ? empty : it->second;
}

std::string Request::Cookie(const std::string& name) const {
    const std::string& all = Header("cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::size_t start = pos;
        while (start < end && all[start] == ' ') ++start;
        const std::size_t eq = all.find('=', start);
        if (eq != std::string::npos && eq < end && all.compare(start, eq - start, name) == 0 &&
            eq - start == name.size()) {
            return all.substr(eq + 1, end - eq - 1);
        }
        pos = end + 1;
    }
    return {};
}

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
    routes_.push_back(Route{std::move(method), Split(pattern), std::move(handler)});
}

std::string Router::AllowedMethods(const std::string& path) const {
    const std::vector<std::string> segments = Split(path);
    std::string allowed;
    for (const Route& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) {
            matches = IsParameter(route.segments[i]) || route.segments[i] == segments[i];
        }
        if (!matches || allowed.find(route.method) != std::string::npos) continue;
        if (!allowed.empty()) allowed += ", ";
        allowed += route.method;
    }
    return allowed;
}

const Handler* Router::Match(Request& request, bool& path_known) const {
    path_known = false;
    const std::vector<std::string> segments = Split(request.path);
    for (const Route& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) {
            if (IsParameter(route.segments[i])) {
                params[route.segments[i].substr(1, route.segments[i].size() - 2)] = segments[i];
            } else if (route.segments[i] != segments[i]) {
                matches = false;
            }
        }
        if (!matches) continue;
        path_known = true;
        if (route.method != request.method) continue;
        request.params = std::move(params);
        return &route.handler;
    }
    return nullptr;
}

}  // namespace parindex::http
