// The web application's files: content types, cache headers, client-side routes and refused traversal.

#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace parindex::http {
namespace {

namespace fs = std::filesystem;

std::string HeaderOf(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("parindex-static-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root_);
        fs::create_directories(root_ / "assets");
        Write(root_ / "index.html", "<!doctype html><title>ParIndex</title>");
        Write(root_ / "assets" / "index-3f2a9c.js", "console.log(1)");
        Write(root_ / "assets" / "index-3f2a9c.css", "body{}");
        Write(root_ / "favicon.svg", "<svg/>");
        Write(root_ / ".env", "SECRET=1");
        Write(root_.parent_path() / "parindex-outside.txt", "outside");
    }
    void TearDown() override { fs::remove_all(root_); }

    static void Write(const fs::path& path, const std::string& content) { std::ofstream(path) << content; }

    Response Get(const std::string& path) const {
        Request request;
        request.method = "GET";
        request.path = path;
        request.request_id = "r1";
        return StaticFiles(root_).Serve(request);
    }

    fs::path root_;
};

TEST_F(StaticFilesTest, ContentTypesByExtension) {
    EXPECT_EQ(ContentTypeFor("a.html"), "text/html; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.JS"), "text/javascript; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.css"), "text/css; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.svg"), "image/svg+xml");
    EXPECT_EQ(ContentTypeFor("a.png"), "image/png");
    EXPECT_EQ(ContentTypeFor("a.json"), "application/json; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.woff2"), "font/woff2");
    EXPECT_EQ(ContentTypeFor("a.ico"), "image/x-icon");
    EXPECT_EQ(ContentTypeFor("a.js.map"), "application/json; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.bin"), "application/octet-stream");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsRevalidated) {
    const Response script = Get("/assets/index-3f2a9c.js");
    EXPECT_EQ(script.status, 200);
    EXPECT_EQ(script.body, "console.log(1)");
    EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(HeaderOf(script, "Cache-Control"), "public, max-age=31536000, immutable");
    const Response index = Get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
    EXPECT_EQ(HeaderOf(Get("/favicon.svg"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ClientSideRoutesGetIndexHtmlButMissingFilesAre404) {
    const Response route = Get("/units/lakhe/2023");
    EXPECT_EQ(route.status, 200);
    EXPECT_EQ(route.body, "<!doctype html><title>ParIndex</title>");
    EXPECT_EQ(HeaderOf(route, "Cache-Control"), "no-cache");
    EXPECT_EQ(Get("/assets/index-old.js").status, 404);
}

TEST_F(StaticFilesTest, TraversalAndHiddenFilesAreRefused) {
    EXPECT_EQ(Get("/../parindex-outside.txt").status, 400);
    EXPECT_EQ(Get("/assets/../../parindex-outside.txt").status, 400);
    EXPECT_EQ(Get("/.env").status, 400);
    EXPECT_EQ(Get("/assets\\..\\x").status, 400);
}

TEST_F(StaticFilesTest, PrecompressedSiblingsWhenTheClientTakesThem) {
    Write(root_ / "assets" / "index-3f2a9c.js.br", "BROTLI");
    Write(root_ / "assets" / "index-3f2a9c.js.gz", "GZIP");
    Request request;
    request.method = "GET";
    request.path = "/assets/index-3f2a9c.js";
    request.request_id = "r1";
    const StaticFiles files(root_);
    Response plain = files.Serve(request);
    EXPECT_EQ(plain.body, "console.log(1)");
    EXPECT_EQ(HeaderOf(plain, "Vary"), "Accept-Encoding");
    EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "");
    request.headers["accept-encoding"] = "gzip, deflate, br";
    Response brotli = files.Serve(request);
    EXPECT_EQ(brotli.body, "BROTLI");
    EXPECT_EQ(HeaderOf(brotli, "Content-Encoding"), "br");
    EXPECT_EQ(brotli.content_type, "text/javascript; charset=utf-8");
    request.headers["accept-encoding"] = "gzip;q=0.8, br;q=0";
    Response gzip = files.Serve(request);
    EXPECT_EQ(gzip.body, "GZIP");
    EXPECT_EQ(HeaderOf(gzip, "Content-Encoding"), "gzip");
    EXPECT_EQ(HeaderOf(Get("/index.html"), "Vary"), "");
}

TEST_F(StaticFilesTest, AMissingBuildSaysSo) {
    Request request;
    request.method = "GET";
    request.path = "/";
    request.request_id = "r1";
    const Response response = StaticFiles(root_ / "nowhere").Serve(request);
    EXPECT_EQ(response.status, 404);
    EXPECT_NE(response.body.find("npm run build"), std::string::npos);
}

}  // namespace
}  // namespace parindex::http
