#include "http/request_target.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace parindex::http {

bool ParseRequestTarget(std::string_view target, Request& request) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return false;
    const boost::urls::url_view& url = *parsed;
    request.path = url.path();
    if (request.path.empty()) request.path = "/";
    request.query.clear();
    for (auto param : url.params(boost::urls::encoding_opts(true, false, false))) {
        request.query[param.key] = param.value;
    }
    return true;
}

}  // namespace parindex::http
