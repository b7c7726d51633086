#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/decimal.hpp"

namespace parindex {

/// A small streaming JSON writer. Decimals are written as plain numbers with their exact digits
/// (90.02, 91.989), never in exponent form (Boost.JSON's serializer writes 9.002E1).
class JsonWriter {
  public:
    /// `indent` > 0 pretty-prints with that many spaces per level.
    explicit JsonWriter(int indent = 0) : indent_(indent) {}

    JsonWriter& BeginObject();
    JsonWriter& EndObject();
    JsonWriter& BeginArray();
    JsonWriter& EndArray();
    /// Writes an object key; the next call writes its value.
    JsonWriter& Key(std::string_view key);
    JsonWriter& String(std::string_view value);
    JsonWriter& Int(std::int64_t value);
    JsonWriter& Bool(bool value);
    JsonWriter& Null();
    /// The shortest exact text of the decimal.
    JsonWriter& Number(Decimal value);
    /// The decimal rounded to exactly `decimals` places (an index at the framework's display decimals).
    JsonWriter& Fixed(Decimal value, int decimals);
    /// Number(value) or null.
    JsonWriter& Number(const std::optional<Decimal>& value);
    /// Fixed(value, decimals) or null.
    JsonWriter& Fixed(const std::optional<Decimal>& value, int decimals);
    /// Int(value) or null.
    JsonWriter& Int(const std::optional<int>& value);
    /// Writes already-serialised JSON as a value.
    JsonWriter& Raw(std::string_view json);

    /// The text written so far.
    const std::string& str() const { return out_; }
    std::string Take() { return std::move(out_); }

  private:
    void BeforeValue();
    void NewLine();

    std::string out_;
    int indent_ = 0;
    // One entry per open container: true while it has no element yet.
    std::vector<bool> first_;
    bool after_key_ = false;
};

/// Escapes a string as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace parindex
