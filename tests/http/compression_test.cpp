#include "http/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace parindex::http {
namespace {

/// `packed` inflated with zlib's gzip decoding, or "<error>".
std::string Gunzip(const std::string& packed) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return "<error>";
    std::string input = packed;
    stream.next_in = reinterpret_cast<Bytef*>(input.data());
    stream.avail_in = static_cast<uInt>(input.size());
    std::string out;
    char buffer[4096];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END && stream.avail_in == 0 ? out : "<error>";
}

std::string LargeJson() {
    std::string json = "{\"rows\":[";
    for (int i = 0; i < 1000; ++i) {
        json += (i == 0 ? "" : ",") + std::string("{\"rank\":") + std::to_string(i + 1) + ",\"unit\":\"phường " +
                std::to_string(i * 7919 % 1009) + "\"}";
    }
    return json + "]}\n";
}

TEST(CompressionTest, GzipRoundTripsThroughZlibInflate) {
    for (const std::string& text : {std::string(), std::string("{}"), LargeJson()}) {
        auto packed = Gzip(text);
        ASSERT_TRUE(packed.has_value());
        ASSERT_GE(packed->size(), 2u);
        EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f) << "the gzip magic";
        EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
        EXPECT_EQ(Gunzip(*packed), text);
    }
    const std::string large = LargeJson();
    EXPECT_LT(Gzip(large)->size(), large.size() / 3);
}

TEST(CompressionTest, AcceptEncodingNeedsTheCodingWithoutQZero) {
    EXPECT_TRUE(AcceptsEncoding("gzip", "gzip"));
    EXPECT_TRUE(AcceptsEncoding("gzip, deflate, br", "gzip"));
    EXPECT_TRUE(AcceptsEncoding("br;q=1.0, GZip;q=0.5", "gzip"));
    EXPECT_TRUE(AcceptsEncoding("deflate , gzip ; q=1", "gzip"));
    EXPECT_FALSE(AcceptsEncoding("", "gzip"));
    EXPECT_FALSE(AcceptsEncoding("identity", "gzip"));
    EXPECT_FALSE(AcceptsEncoding("br, deflate", "gzip"));
    EXPECT_FALSE(AcceptsEncoding("gzip;q=0", "gzip"));
    EXPECT_FALSE(AcceptsEncoding("gzip; q=0.0, br", "gzip"));
    EXPECT_FALSE(AcceptsEncoding("x-gzip2", "gzip"));
}

TEST(CompressionTest, LargeJsonIsCompressedOnlyWhenAccepted) {
    Request request;
    Response plain;
    plain.body = LargeJson();
    Response response = plain;
    CompressApiResponse(request, response);
    EXPECT_EQ(response.Body(), plain.body) << "no Accept-Encoding: identity";
    ASSERT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Vary", "Accept-Encoding"}));

    request.headers["accept-encoding"] = "gzip, deflate";
    response = plain;
    CompressApiResponse(request, response);
    EXPECT_EQ(Gunzip(std::string(response.Body())), plain.body);
    EXPECT_EQ(response.headers.back(), (std::pair<std::string, std::string>{"Content-Encoding", "gzip"}));

    Response small;
    small.body = "{\"status\":\"ok\"}\n";
    CompressApiResponse(request, small);
    EXPECT_EQ(small.Body(), "{\"status\":\"ok\"}\n");
    EXPECT_TRUE(small.headers.empty());
}

TEST(CompressionTest, CachedGzipBytesAreSentAsTheyAre) {
    Request request;
    request.headers["accept-encoding"] = "gzip";
    Response response;
    response.shared_body = std::make_shared<const std::string>(LargeJson());
    response.shared_gzip = std::make_shared<const std::string>(*Gzip(LargeJson()));
    const std::string* cached = response.shared_gzip.get();
    CompressApiResponse(request, response);
    EXPECT_EQ(response.shared_body.get(), cached) << "no compression on a cached body";
    EXPECT_EQ(Gunzip(std::string(response.Body())), LargeJson());
}

}  // namespace
}  // namespace parindex::http
