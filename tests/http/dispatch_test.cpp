// The pieces around the handlers: the error shape and status mapping, the language of messages, request targets,
// JSON bodies, the router, and the dispatcher's one place for 404, 405 and exceptions.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "formats/results_json.hpp"
#include "http/dispatcher.hpp"
#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "http/request_target.hpp"
#include "http/router.hpp"

namespace parindex::http {
namespace {

Request MakeRequest(std::string method, std::string path) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.request_id = "0123456789abcdef";
    return request;
}

TEST(ErrorsTest, OneStatusPerErrorCode) {
    EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidInput), 400);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kForbidden), 403);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kStorage), 503);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ErrorsTest, TheBodyIsErrorToJsonWithTheRequestId) {
    ErrorDetail detail;
    detail.file = "a.csv";
    detail.line = 3;
    detail.field = "max";
    detail.value = "x";
    detail.reason = Text{"không phải số", "not a number"};
    const Error error = MakeError(ErrorCode::kInvalidInput, "Sai", "Wrong", {detail});
    auto expected = boost::json::parse(ErrorToJson(error, Language::kVietnamese));
    expected.as_object()["error"].as_object()["request_id"] = "abc";
    EXPECT_EQ(boost::json::parse(ErrorBody(error, Language::kVietnamese, "abc")), expected);

    Request request = MakeRequest("GET", "/x");
    request.headers["accept-language"] = "en";
    const Response response = ErrorResponse(request, error);
    EXPECT_EQ(response.status, 400);
    const auto json = boost::json::parse(response.body);
    EXPECT_EQ(json.at("error").at("message").as_string(), "Wrong");
    EXPECT_EQ(json.at("error").at("details").at(0).at("reason").as_string(), "not a number");
    EXPECT_EQ(json.at("error").at("request_id").as_string(), "0123456789abcdef");
    EXPECT_EQ(ErrorResponse(request, error, 413).status, 413);
}

TEST(ErrorsTest, LanguageFromAcceptLanguage) {
    Request request;
    EXPECT_EQ(RequestLanguage(request), Language::kVietnamese);
    request.headers["accept-language"] = "en-US,en;q=0.9";
    EXPECT_EQ(RequestLanguage(request), Language::kEnglish);
    request.headers["accept-language"] = "vi-VN,vi;q=0.9,en;q=0.8";
    EXPECT_EQ(RequestLanguage(request), Language::kVietnamese);
    request.headers["accept-language"] = "fr, en;q=0.5";
    EXPECT_EQ(RequestLanguage(request), Language::kEnglish);
    request.headers["accept-language"] = "en;q=0.3, vi;q=0.7";
    EXPECT_EQ(RequestLanguage(request), Language::kVietnamese);
    request.headers["accept-language"] = "de";
    EXPECT_EQ(RequestLanguage(request), Language::kVietnamese);
}

TEST(RequestTargetTest, DecodesThePathAndQuery) {
    Request request;
    ASSERT_TRUE(ParseRequestTarget(
        "/api/groups/hadong-wards/ranking?year=2023&q=Ph%C6%B0%E1%BB%9Dng+m%E1%BA%ABu&q=x%20y", request));
    EXPECT_EQ(request.path, "/api/groups/hadong-wards/ranking");
    EXPECT_EQ(request.query.at("year"), "2023");
    EXPECT_EQ(request.query.at("q"), "x y");
    ASSERT_TRUE(ParseRequestTarget("/a%20b/?q=Ph%C6%B0%E1%BB%9Dng+m%E1%BA%ABu", request));
    EXPECT_EQ(request.path, "/a b/");
    EXPECT_EQ(request.query.at("q"), "Phường mẫu");
    EXPECT_FALSE(ParseRequestTarget("http://example.com/", request));
    EXPECT_FALSE(ParseRequestTarget("no-slash", request));
}

TEST(JsonBodyTest, ReadsStringFields) {
    Request request;
    request.headers["content-type"] = "application/json; charset=utf-8";
    request.body = R"({"username":"a","password":"b","extra":1})";
    auto fields = ParseStringFields(request, {"username", "password"});
    ASSERT_TRUE(fields.Ok());
    EXPECT_EQ(fields->at("username"), "a");
    EXPECT_EQ(fields->at("password"), "b");
}

TEST(JsonBodyTest, NamesEachMissingOrWrongField) {
    Request request;
    request.headers["content-type"] = "application/json";
    request.body = R"({"username":3})";
    auto fields = ParseStringFields(request, {"username", "password"});
    ASSERT_FALSE(fields.Ok());
    ASSERT_EQ(fields.GetError().details.size(), 2u);
    EXPECT_EQ(fields.GetError().details[0].path, "$.username");
    EXPECT_EQ(fields.GetError().details[1].field, "password");
    request.body = "[1]";
    EXPECT_FALSE(ParseStringFields(request, {}).Ok());
    request.body = "";
    EXPECT_FALSE(ParseStringFields(request, {}).Ok());
    request.body = "{} trailing";
    EXPECT_FALSE(ParseStringFields(request, {}).Ok());
}

TEST(RouterTest, MatchesParametersAndTellsKnownPathsApart) {
    Router router;
    router.Add("GET", "/api/units/{code}/results", [](Request& r) { return JsonResponse(r.params["code"]); });
    router.Add("POST", "/api/units/{code}/results", [](Request&) { return JsonResponse("post"); });
    router.Add("GET", "/api/units", [](Request&) { return JsonResponse("units"); });
    Request request = MakeRequest("GET", "/api/units/lakhe/results");
    bool known = false;
    const Handler* handler = router.Match(request, known);
    ASSERT_NE(handler, nullptr);
    EXPECT_EQ((*handler)(request).body, "lakhe");
    request = MakeRequest("DELETE", "/api/units/lakhe/results");
    EXPECT_EQ(router.Match(request, known), nullptr);
    EXPECT_TRUE(known);
    EXPECT_EQ(router.AllowedMethods("/api/units/x/results"), "GET, POST");
    request = MakeRequest("GET", "/api/units/lakhe");
    EXPECT_EQ(router.Match(request, known), nullptr);
    EXPECT_FALSE(known);
}

TEST(DispatcherTest, ExceptionsBecomeA500WithTheRequestIdAndALogLine) {
    Router router;
    router.Add("GET", "/api/boom", [](Request&) -> Response { throw std::runtime_error("kaboom"); });
    std::vector<std::string> log;
    Dispatcher dispatcher(router, nullptr, [&](std::string_view line) { log.emplace_back(line); });
    Request request = MakeRequest("GET", "/api/boom");
    const Response response = dispatcher.Handle(request);
    EXPECT_EQ(response.status, 500);
    const auto json = boost::json::parse(response.body);
    EXPECT_EQ(json.at("error").at("code").as_string(), "internal");
    EXPECT_EQ(json.at("error").at("request_id").as_string(), "0123456789abcdef");
    EXPECT_EQ(json.at("error").at("message").as_string().find("kaboom"), std::string::npos);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_NE(log[0].find("0123456789abcdef"), std::string::npos);
    EXPECT_NE(log[0].find("kaboom"), std::string::npos);
}

TEST(DispatcherTest, HeadIsAnsweredAsGet) {
    Router router;
    router.Add("GET", "/api/health", [](Request&) { return JsonResponse("{}"); });
    Dispatcher dispatcher(router, nullptr, nullptr);
    Request request = MakeRequest("HEAD", "/api/health");
    EXPECT_EQ(dispatcher.Handle(request).status, 200);
    request = MakeRequest("POST", "/index.html");
    EXPECT_EQ(dispatcher.Handle(request).status, 405);
}

}  // namespace
}  // namespace parindex::http
