// The API's handlers driven through the router and the dispatcher, without sockets: sessions, CSRF, the
// results and ranking endpoints, bad parameters, and the one error shape.

#include "http/api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>

#include "domain/auth_service.hpp"
#include "formats/results_json.hpp"
#include "http/dispatcher.hpp"
#include "http/http_fakes.hpp"

namespace parindex::http {
namespace {

using testing::CountingTokens;
using testing::FakeHasher;
using testing::MemoryAuthStore;
using testing::MemoryStore;
using testing::SmallDataset;

constexpr const char* kPassword = "correct-horse-battery";

boost::json::value Parse(const Response& response) { return boost::json::parse(response.Body()); }

std::string HeaderOf(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

class ApiTest : public ::testing::Test {
  protected:
    ApiTest()
        : clock_(std::chrono::system_clock::time_point(std::chrono::seconds(1714552200))),
          auth_(users_, hasher_, tokens_, clock_),
          store_(SmallDataset()),
          results_([this](int year) -> Result<Dataset> {
              ++loads_;
              auto assessments = store_.ListAssessments(year - 3, year);
              Dataset data = store_.Data();
              data.assessments = std::move(*assessments);
              return data;
          }),
          dispatcher_(router_, nullptr, [this](std::string_view line) { log_.emplace_back(line); }) {
        RegisterApi(router_, ApiServices{auth_, sessions_, users_, store_, results_, clock_}, ApiOptions{true});
        AddUser("xem.u01", Role::kViewer, "u01");
        AddUser("thamdinh", Role::kAppraiser, "", {"wards"});
        AddUser("admin", Role::kAdministrator, "");
    }

    void AddUser(const std::string& name, Role role, const std::string& unit, std::vector<std::string> groups = {}) {
        NewUser user;
        user.username = name;
        user.display_name = "Người dùng " + name;
        user.role = role;
        user.unit_code = unit;
        user.group_codes = std::move(groups);
        ASSERT_TRUE(auth_.CreateUser(nullptr, user, kPassword).Ok());
    }

    Response Send(const std::string& method, const std::string& path, std::map<std::string, std::string> query = {},
                  std::string body = {}, std::map<std::string, std::string> headers = {}) {
        Request request;
        request.method = method;
        request.path = path;
        request.query = std::move(query);
        request.body = std::move(body);
        request.headers = std::move(headers);
        if (!cookie_.empty() && request.headers.count("cookie") == 0) request.headers["cookie"] = cookie_;
        request.remote_address = "127.0.0.1";
        request.request_id = "req-" + std::to_string(++requests_);
        return dispatcher_.Handle(request);
    }

    /// Logs in and keeps the session cookie and CSRF token for the next requests.
    Response Login(const std::string& name, const std::string& password = kPassword) {
        Response response =
            Send("POST", "/api/session", {}, R"({"username":")" + name + R"(","password":")" + password + R"("})",
                 {{"content-type", "application/json"}});
        if (response.status == 200) {
            const std::string set_cookie = HeaderOf(response, "Set-Cookie");
            cookie_ = set_cookie.substr(0, set_cookie.find(';'));
            csrf_ = std::string(Parse(response).at("csrf_token").as_string());
        }
        return response;
    }

    std::string ExpectedResults(const std::string& unit) {
        ResultsEngine engine(SmallDataset());
        return ResultsToJson(*engine.ForUnit(unit, 2023));
    }

    static void ExpectError(const Response& response, int status, const std::string& code,
                            const std::string& request_id_prefix = "req-") {
        EXPECT_EQ(response.status, status) << response.Body();
        const auto json = boost::json::parse(response.Body());
        const auto& error = json.at("error").as_object();
        EXPECT_EQ(error.at("code").as_string(), code);
        EXPECT_FALSE(error.at("message").as_string().empty());
        EXPECT_TRUE(error.at("details").is_array());
        EXPECT_EQ(std::string(error.at("request_id").as_string()).rfind(request_id_prefix, 0), 0u);
    }

    MemoryAuthStore users_;
    FakeHasher hasher_;
    CountingTokens tokens_;
    FixedClock clock_;
    AuthService auth_;
    SessionGate sessions_{auth_, clock_};
    MemoryStore store_;
    int loads_ = 0;
    ResultsCache results_;
    Router router_;
    std::vector<std::string> log_;
    Dispatcher dispatcher_;
    std::string cookie_;
    std::string csrf_;
    int requests_ = 0;
};

TEST_F(ApiTest, HealthNeedsNoLogin) {
    const Response response = Send("GET", "/api/health");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Body(), "{\"status\":\"ok\"}\n");
}

TEST_F(ApiTest, EveryOtherEndpointNeedsASession) {
    for (const char* path : {"/api/session", "/api/units", "/api/units/u01/results", "/api/groups",
                             "/api/groups/wards/ranking", "/api/frameworks", "/api/frameworks/fw", "/api/check"}) {
        ExpectError(Send("GET", path, {{"year", "2023"}}), 401, "unauthenticated");
    }
}

TEST_F(ApiTest, LoginSetsAnHttpOnlyStrictCookieAndReturnsTheUserAndCsrfToken) {
    const Response response = Login("xem.u01");
    ASSERT_EQ(response.status, 200) << response.Body();
    const std::string cookie = HeaderOf(response, "Set-Cookie");
    EXPECT_EQ(cookie.rfind("parindex_session=", 0), 0u);
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
    EXPECT_NE(cookie.find("; Secure"), std::string::npos);
    const auto json = Parse(response);
    EXPECT_EQ(json.at("user").at("username").as_string(), "xem.u01");
    EXPECT_EQ(json.at("user").at("display_name").as_string(), "Người dùng xem.u01");
    EXPECT_EQ(json.at("user").at("role").as_string(), "viewer");
    EXPECT_EQ(json.at("user").at("unit").as_string(), "u01");
    EXPECT_FALSE(json.at("csrf_token").as_string().empty());
    EXPECT_FALSE(json.at("must_change_password").as_bool());

    const Response current = Send("GET", "/api/session");
    EXPECT_EQ(current.status, 200);
    EXPECT_EQ(Parse(current).at("csrf_token").as_string(), csrf_);
}

TEST_F(ApiTest, AWrongPasswordIs401AndMalformedLoginsAre400) {
    ExpectError(Login("xem.u01", "wrong-password-123"), 401, "unauthenticated");
    ExpectError(Send("POST", "/api/session", {}, "{\"username\":", {{"content-type", "application/json"}}), 400,
                "invalid_input");
    const Response missing =
        Send("POST", "/api/session", {}, R"({"username":"xem.u01"})", {{"content-type", "application/json"}});
    ExpectError(missing, 400, "invalid_input");
    EXPECT_EQ(Parse(missing).at("error").at("details").at(0).at("field").as_string(), "password");
    ExpectError(
        Send("POST", "/api/session", {}, R"({"username":"a","password":"b"})", {{"content-type", "text/plain"}}), 400,
        "invalid_input");
}

TEST_F(ApiTest, MalformedJsonNamesTheLineAndColumn) {
    const Response response =
        Send("POST", "/api/session", {}, "{\n  \"username\": tru\n}", {{"content-type", "application/json"}});
    ExpectError(response, 400, "invalid_input");
    const auto json = Parse(response);
    const auto& detail = json.at("error").at("details").at(0);
    EXPECT_EQ(detail.at("line").as_int64(), 2);
    EXPECT_GT(detail.at("column").as_int64(), 1);
}

TEST_F(ApiTest, ResultsAreExactlyTheCliJson) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    const Response response = Send("GET", "/api/units/u01/results", {{"year", "2023"}});
    ASSERT_EQ(response.status, 200) << response.Body();
    EXPECT_EQ(response.Body(), ExpectedResults("u01"));
    // Served from the cache the second time, and the year is loaded once.
    EXPECT_EQ(Send("GET", "/api/units/u01/results", {{"year", "2023"}}).Body(), ExpectedResults("u01"));
    EXPECT_EQ(loads_, 1);
}

TEST_F(ApiTest, AViewerCannotReadAnotherUnitsResults) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    ExpectError(Send("GET", "/api/units/u02/results", {{"year", "2023"}}), 403, "forbidden");
    ExpectError(Send("GET", "/api/groups/communes/ranking", {{"year", "2023"}}), 403, "forbidden");
}

TEST_F(ApiTest, AnAppraiserReadsTheUnitsOfItsGroupsOnly) {
    ASSERT_EQ(Login("thamdinh").status, 200);
    EXPECT_EQ(Send("GET", "/api/units/u05/results", {{"year", "2023"}}).status, 200);
    ExpectError(Send("GET", "/api/units/other/results", {{"year", "2023"}}), 403, "forbidden");
}

TEST_F(ApiTest, UnknownUnitIs404ForAnAdministrator) {
    ASSERT_EQ(Login("admin").status, 200);
    ExpectError(Send("GET", "/api/units/nowhere/results", {{"year", "2023"}}), 404, "not_found");
}

TEST_F(ApiTest, BadYearsAre400NamingTheParameterInTheRequestedLanguage) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    for (const auto& query : std::vector<std::map<std::string, std::string>>{{}, {{"year", "abc"}}, {{"year", "20"}}}) {
        const Response response = Send("GET", "/api/units/u01/results", query);
        ExpectError(response, 400, "invalid_input");
        const auto json = Parse(response);
        EXPECT_EQ(json.at("error").at("details").at(0).at("field").as_string(), "year");
        EXPECT_NE(std::string(json.at("error").at("message").as_string()).find("Tham số year"), std::string::npos);
    }
    const Response english =
        Send("GET", "/api/units/u01/results", {{"year", "x"}}, {}, {{"accept-language", "en-US,en;q=0.9"}});
    EXPECT_NE(std::string(Parse(english).at("error").at("message").as_string()).find("Invalid parameter year"),
              std::string::npos);
}

TEST_F(ApiTest, RankingPagesSearchesAndMatchesRankingToJsonRows) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    const Response whole = Send("GET", "/api/groups/wards/ranking", {{"year", "2023"}});
    ASSERT_EQ(whole.status, 200) << whole.Body();
    const auto all = Parse(whole);
    EXPECT_EQ(all.at("total").as_int64(), 12);
    EXPECT_EQ(all.at("rows").as_array().size(), 12u);
    ResultsEngine engine(SmallDataset());
    const auto expected = boost::json::parse(RankingToJson(*engine.Ranking("wards", 2023)));
    EXPECT_EQ(all.at("rows"), expected.at("rows"));
    EXPECT_EQ(all.at("tie_rule"), expected.at("tie_rule"));
    EXPECT_EQ(all.at("group_name"), expected.at("group_name"));

    const auto page =
        Parse(Send("GET", "/api/groups/wards/ranking", {{"year", "2023"}, {"offset", "10"}, {"limit", "5"}}));
    EXPECT_EQ(page.at("total").as_int64(), 12);
    EXPECT_EQ(page.at("offset").as_int64(), 10);
    ASSERT_EQ(page.at("rows").as_array().size(), 2u);
    EXPECT_EQ(page.at("rows").at(0), expected.at("rows").at(10));

    // Search folds case and diacritics: "dong 1" finds Đông 1, 10, 11, 12.
    const auto found = Parse(Send("GET", "/api/groups/wards/ranking", {{"year", "2023"}, {"q", "ĐÔNG 1"}}));
    EXPECT_EQ(found.at("total").as_int64(), 4);

    ExpectError(Send("GET", "/api/groups/wards/ranking", {{"year", "2023"}, {"limit", "0"}}), 400, "invalid_input");
    ExpectError(Send("GET", "/api/groups/wards/ranking", {{"year", "2023"}, {"offset", "-1"}}), 400, "invalid_input");
}

TEST_F(ApiTest, ResultsAndRankingDownloadAsXlsxAuthorisedLikeTheirJson) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    const Response results = Send("GET", "/api/units/u01/results.xlsx", {{"year", "2023"}});
    ASSERT_EQ(results.status, 200) << results.Body();
    EXPECT_EQ(results.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(results.Body().rfind("PK", 0), 0u);
    EXPECT_NE(HeaderOf(results, "Content-Disposition").find("attachment; filename=\"ket-qua-u01-2023.xlsx\""),
              std::string::npos);
    const Response ranking = Send("GET", "/api/groups/wards/ranking.xlsx", {{"year", "2023"}});
    ASSERT_EQ(ranking.status, 200) << ranking.Body();
    EXPECT_EQ(ranking.Body().rfind("PK", 0), 0u);
    EXPECT_NE(HeaderOf(ranking, "Content-Disposition").find("filename=\"xep-hang-wards-2023.xlsx\""),
              std::string::npos);
    // The same year's engine answers the JSON and the downloads.
    EXPECT_EQ(Send("GET", "/api/units/u01/results", {{"year", "2023"}}).status, 200);
    EXPECT_EQ(loads_, 1);
    // Refused exactly like the JSON routes.
    ExpectError(Send("GET", "/api/units/u02/results.xlsx", {{"year", "2023"}}), 403, "forbidden");
    ExpectError(Send("GET", "/api/groups/communes/ranking.xlsx", {{"year", "2023"}}), 403, "forbidden");
    ExpectError(Send("GET", "/api/units/u01/results.xlsx", {{"year", "abc"}}), 400, "invalid_input");
    ASSERT_EQ(Login("admin").status, 200);
    ExpectError(Send("GET", "/api/units/nowhere/results.xlsx", {{"year", "2023"}}), 404, "not_found");
    ExpectError(Send("GET", "/api/groups/nowhere/ranking.xlsx", {{"year", "2023"}}), 404, "not_found");
}

TEST_F(ApiTest, GroupsListsOnlyWhatTheCallerMayRank) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    const auto groups = Parse(Send("GET", "/api/groups", {{"year", "2023"}}));
    ASSERT_EQ(groups.at("groups").as_array().size(), 1u);
    EXPECT_EQ(groups.at("groups").at(0).at("code").as_string(), "wards");
    EXPECT_EQ(groups.at("groups").at(0).at("members").as_int64(), 12);
}

TEST_F(ApiTest, UnitsAndFrameworks) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    EXPECT_EQ(Parse(Send("GET", "/api/units")).at("units").as_array().size(), 13u);
    const auto list = Parse(Send("GET", "/api/frameworks"));
    EXPECT_EQ(list.at("frameworks").at(0).at("nodes").as_int64(), 4);
    const auto tree = Parse(Send("GET", "/api/frameworks/fw"));
    EXPECT_EQ(tree.at("nodes").at(1).at("parent").as_string(), "1");
    EXPECT_EQ(tree.at("nodes").at(1).at("max").as_int64(), 10);
    EXPECT_TRUE(tree.at("nodes").at(1).at("evidence_required").as_bool());
    ExpectError(Send("GET", "/api/frameworks/none"), 404, "not_found");
}

TEST_F(ApiTest, CheckShowsFindingsOfReadableUnits) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    const auto json = Parse(Send("GET", "/api/check", {{"year", "2023"}}));
    EXPECT_EQ(json.at("year").as_int64(), 2023);
    EXPECT_TRUE(json.at("findings").is_array());
}

TEST_F(ApiTest, StateChangingRequestsNeedTheCsrfToken) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    ExpectError(Send("DELETE", "/api/session"), 403, "forbidden");
    ExpectError(Send("DELETE", "/api/session", {}, {}, {{"x-csrf-token", "wrong"}, {"cookie", cookie_}}), 403,
                "forbidden");
    // Refused, so the session is still open.
    EXPECT_EQ(Send("GET", "/api/session").status, 200);
    const Response logout = Send("DELETE", "/api/session", {}, {}, {{"x-csrf-token", csrf_}, {"cookie", cookie_}});
    EXPECT_EQ(logout.status, 204);
    EXPECT_NE(HeaderOf(logout, "Set-Cookie").find("Max-Age=0"), std::string::npos);
    ExpectError(Send("GET", "/api/session"), 401, "unauthenticated");
}

TEST_F(ApiTest, ASessionClosedElsewhereIsRefusedWithinTwoSeconds) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    EXPECT_EQ(Send("GET", "/api/session").status, 200);
    users_.sessions.clear();  // As `parindex user disable` would, from another process.
    EXPECT_EQ(Send("GET", "/api/session").status, 200);
    clock_.Set(clock_.Now() + std::chrono::seconds(2));
    ExpectError(Send("GET", "/api/session"), 401, "unauthenticated");
}

TEST_F(ApiTest, AOneTimePasswordAllowsOnlyThePasswordChange) {
    auto one_time = auth_.ResetPassword(nullptr, "xem.u01");
    ASSERT_TRUE(one_time.Ok());
    const Response login = Login("xem.u01", *one_time);
    ASSERT_EQ(login.status, 200) << login.Body();
    EXPECT_TRUE(Parse(login).at("must_change_password").as_bool());
    ExpectError(Send("GET", "/api/units/u01/results", {{"year", "2023"}}), 403, "forbidden");
    EXPECT_EQ(Send("GET", "/api/session").status, 200);
    const Response changed = Send("POST", "/api/session/password", {},
                                  R"({"old_password":")" + *one_time + R"(","new_password":"my-own-password-1"})",
                                  {{"content-type", "application/json"}, {"x-csrf-token", csrf_}, {"cookie", cookie_}});
    ASSERT_EQ(changed.status, 204) << changed.Body();
    EXPECT_EQ(Send("GET", "/api/units/u01/results", {{"year", "2023"}}).status, 200);
}

TEST_F(ApiTest, PasswordChangeKeepsThisSession) {
    ASSERT_EQ(Login("xem.u01").status, 200);
    const std::string body =
        R"({"old_password":")" + std::string(kPassword) + R"(","new_password":"another-long-one"})";
    ExpectError(Send("POST", "/api/session/password", {}, body, {{"content-type", "application/json"}}), 403,
                "forbidden");
    const Response changed = Send("POST", "/api/session/password", {}, body,
                                  {{"content-type", "application/json"}, {"x-csrf-token", csrf_}, {"cookie", cookie_}});
    EXPECT_EQ(changed.status, 204) << changed.Body();
    EXPECT_EQ(Send("GET", "/api/session").status, 200);
    cookie_.clear();
    EXPECT_EQ(Login("xem.u01", "another-long-one").status, 200);
}

TEST_F(ApiTest, UnknownPathsAre404AndWrongMethods405WithAllow) {
    ExpectError(Send("GET", "/api/nothing"), 404, "not_found");
    const Response response = Send("PUT", "/api/health");
    ExpectError(response, 405, "invalid_input");
    EXPECT_EQ(HeaderOf(response, "Allow"), "GET");
    // Without a web application, other paths are 404 too, in the same shape.
    ExpectError(Send("GET", "/ranking"), 404, "not_found");
}

}  // namespace
}  // namespace parindex::http
