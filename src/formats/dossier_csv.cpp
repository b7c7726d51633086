#include "formats/dossier_csv.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "formats/unicode.hpp"

namespace parindex {
namespace {

enum Column : int {
    kId,
    kUnit,
    kDepartment,
    kProcedure,
    kField,
    kChannel,
    kReceived,
    kDue,
    kFinished,
    kReturned,
    kSupplements,
    kApologies,
    kStatus,
    kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "dossier_id", "unit_code",   "department_code", "procedure_code",      "field_code",      "channel", "received_at",
    "due_at",     "finished_at", "returned_at",     "supplement_requests", "apology_letters", "status"};

constexpr std::size_t kMaxDictionary = 65535;
constexpr std::size_t kParallelThreshold = 4u << 20;  ///< Files below 4 MB are read by one thread.
constexpr std::size_t kReleaseEvery = 32u << 20;      ///< Mapped pages behind the cursor are dropped this often.

bool HasNonAscii(std::string_view text) {
    for (unsigned char c : text) {
        if (c >= 0x80) return true;
    }
    return false;
}

/// A hash of short codes, eight bytes at a time.
std::uint64_t HashBytes(std::string_view text) {
    std::uint64_t hash = 0x9E3779B97F4A7C15ull ^ text.size();
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + at, 8);
        hash = (hash ^ word) * 0xBF58476D1CE4E5B9ull;
        hash ^= hash >> 31;
    }
    if (at < text.size()) {
        std::uint64_t word = 0;
        for (std::size_t k = at; k < text.size(); ++k) {
            word |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[k])) << (8 * (k - at));
        }
        hash = (hash ^ word) * 0x94D049BB133111EBull;
    }
    // MurmurHash3's finaliser: every input bit reaches the low bits that pick the slot.
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDull;
    hash ^= hash >> 33;
    hash *= 0xC4CEB9FE1A85EC53ull;
    return hash ^ (hash >> 33);
}

/// True where a byte of `word` equals the byte broadcast in `pattern` (the high bit of that byte set).
inline std::uint64_t BytesEqual(std::uint64_t word, std::uint64_t pattern) {
    const std::uint64_t x = word ^ pattern;
    return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
}

/// The first of `separator`, '\n' or '\r' from `p`, or `end`.
inline const char* FindFieldEnd(const char* p, const char* end, char separator) {
    const std::uint64_t sep = 0x0101010101010101ull * static_cast<unsigned char>(separator);
    constexpr std::uint64_t kNewline = 0x0101010101010101ull * '\n';
    constexpr std::uint64_t kReturn = 0x0101010101010101ull * '\r';
    while (end - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        const std::uint64_t hits = BytesEqual(word, sep) | BytesEqual(word, kNewline) | BytesEqual(word, kReturn);
        if (hits != 0) return p + (__builtin_ctzll(hits) >> 3);
        p += 8;
    }
    while (p < end && *p != separator && *p != '\n' && *p != '\r') ++p;
    return p;
}

/// Interns strings as small numbers: an open-addressing table over the dictionary's own strings.
class Dictionary {
  public:
    explicit Dictionary(std::size_t limit) : limit_(limit), slots_(1024, 0) {}

    /// The number of `text` (added when new); nothing when the dictionary is full.
    std::optional<std::uint16_t> Intern(std::string_view text) {
        const std::uint64_t hash = HashBytes(text);
        std::size_t mask = slots_.size() - 1;
        std::size_t slot = hash & mask;
        while (slots_[slot] != 0) {
            const std::uint32_t index = slots_[slot] - 1;
            if (values_[index] == text) return static_cast<std::uint16_t>(index);
            slot = (slot + 1) & mask;
        }
        if (values_.size() >= limit_) return std::nullopt;
        values_.emplace_back(text);
        slots_[slot] = static_cast<std::uint32_t>(values_.size());
        if (values_.size() * 2 > slots_.size()) Grow();
        return static_cast<std::uint16_t>(values_.size() - 1);
    }

    const std::vector<std::string>& Values() const { return values_; }
    std::vector<std::string> Take() { return std::move(values_); }

  private:
    void Grow() {
        std::vector<std::uint32_t> slots(slots_.size() * 2, 0);
        const std::size_t mask = slots.size() - 1;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            std::size_t slot = HashBytes(values_[i]) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = static_cast<std::uint32_t>(i + 1);
        }
        slots_ = std::move(slots);
    }

    std::size_t limit_;
    std::vector<std::uint32_t> slots_;  ///< 0 empty, else index + 1.
    std::vector<std::string> values_;
};

/// Parses a local time into a compact one; nothing when malformed, impossible or outside 2000..2136.
std::optional<CompactTime> ParseTimestamp(std::string_view text) {
    // The benchmark's `YYYY-MM-DD HH:MM:SS`, read at fixed places; anything else through ParseLocalTime.
    if (text.size() == 19 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' &&
        text[16] == ':') {
        int v[6];
        const std::size_t at[6] = {0, 5, 8, 11, 14, 17};
        const std::size_t width[6] = {4, 2, 2, 2, 2, 2};
        bool digits = true;
        for (int k = 0; k < 6; ++k) {
            int value = 0;
            for (std::size_t d = 0; d < width[k]; ++d) {
                const unsigned digit = static_cast<unsigned char>(text[at[k] + d]) - '0';
                digits = digits && digit <= 9;
                value = value * 10 + static_cast<int>(digit);
            }
            v[k] = value;
        }
        static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (digits && v[0] >= 2000 && v[1] >= 1 && v[1] <= 12 && v[2] >= 1 && v[3] <= 23 && v[4] <= 59 && v[5] <= 59) {
            const bool leap = (v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0;
            if (v[2] <= kDays[v[1] - 1] + (v[1] == 2 && leap ? 1 : 0)) {
                // Days since 2000-01-01 (H. Hinnant's days_from_civil, shifted).
                const int y = v[0] - (v[1] <= 2 ? 1 : 0);
                const int era = y / 400;
                const int yoe = y - era * 400;
                const int doy = (153 * (v[1] + (v[1] > 2 ? -3 : 9)) + 2) / 5 + v[2] - 1;
                const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
                const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468 - 10957;
                const std::int64_t seconds = days * 86400 + std::int64_t{v[3]} * 3600 + std::int64_t{v[4]} * 60 + v[5];
                if (seconds < static_cast<std::int64_t>(kNoCompactTime)) return static_cast<CompactTime>(seconds);
            }
            return std::nullopt;
        }
    }
    const std::optional<LocalTime> time = ParseLocalTime(text);
    if (!time) return std::nullopt;
    return ToCompactTime(*time);
}

/// A count 0..255; nothing otherwise. Empty reads as 0.
std::optional<std::uint8_t> ParseCount(std::string_view text) {
    if (text.empty()) return std::uint8_t{0};
    if (text.size() > 3) return std::nullopt;
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 255) return std::nullopt;
    return static_cast<std::uint8_t>(value);
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

/// Splits one record starting at `p` into fields; quoted fields are unescaped into `scratch` (which keeps its
/// capacity). Returns the position after the record's line end and the number of physical lines it spans.
struct RecordReader {
    char separator = ',';
    std::vector<std::string_view> fields;
    std::deque<std::string> scratch;  ///< One buffer per quoted field (a deque: views stay valid as it grows).
    bool unterminated = false;

    const char* Read(const char* p, const char* end, std::int64_t& lines) {
        fields.clear();
        unterminated = false;
        lines = 1;
        std::size_t quoted_count = 0;
        while (true) {
            if (p < end && *p == '"') {
                if (scratch.size() <= quoted_count) scratch.emplace_back();
                std::string& buffer = scratch[quoted_count++];
                buffer.clear();
                ++p;
                while (true) {
                    if (p >= end) {
                        unterminated = true;
                        break;
                    }
                    if (*p == '"') {
                        if (p + 1 < end && p[1] == '"') {
                            buffer += '"';
                            p += 2;
                            continue;
                        }
                        ++p;
                        break;
                    }
                    if (*p == '\n') ++lines;
                    buffer += *p++;
                }
                // Anything between the closing quote and the separator is kept (lenient).
                while (p < end && *p != separator && *p != '\n' && *p != '\r') buffer += *p++;
                fields.emplace_back(buffer);
            } else {
                const char* start = p;
                p = FindFieldEnd(p, end, separator);
                fields.emplace_back(start, static_cast<std::size_t>(p - start));
            }
            if (p >= end) return p;
            if (*p == separator) {
                ++p;
                continue;
            }
            // Line end: \n, \r\n or a lone \r.
            if (*p == '\r') ++p;
            if (p < end && *p == '\n') ++p;
            return p;
        }
    }
};

/// What one reading thread produced.
struct Chunk {
    DossierBatch::Part part;
    Dictionary units{kMaxDictionary};
    Dictionary departments{kMaxDictionary};
    Dictionary procedures{kMaxDictionary};
    Dictionary fields{kMaxDictionary};
    std::vector<ErrorDetail> errors;
    std::size_t error_count = 0;
    std::int64_t lines = 0;  ///< Physical lines consumed.
    const char* stop = nullptr;
};

struct Layout {
    std::array<int, kColumnCount> index{};  ///< The file column of each known column.
    std::size_t width = 0;                  ///< Columns in the header.
    char separator = ',';
    std::vector<std::string> headers;
};

class ChunkReader {
  public:
    ChunkReader(const Layout& layout, const std::string& file, std::size_t max_errors, Chunk& chunk)
        : layout_(layout), file_(file), max_errors_(max_errors), chunk_(chunk) {
        reader_.separator = layout.separator;
    }

    /// Reads records from `p` until the position reaches `until` (at a record start) or `end`.
    /// `first_line` numbers the first record's line; `released`/`base` drop mapped pages behind the cursor.
    void Run(const char* p, const char* until, const char* end, std::int64_t first_line, const char* map_base,
             std::atomic<std::int64_t>* done, const std::function<void()>& tick) {
        std::int64_t line = first_line;
        const char* last_report = p;
        const char* released = p;
        while (p < until && p < end) {
            std::int64_t spanned = 0;
            const char* next = reader_.Read(p, end, spanned);
            if (!(reader_.fields.size() == 1 && Trim(reader_.fields[0]).empty())) Record(line);
            line += spanned;
            p = next;
            if (p - last_report >= (1 << 20)) {
                if (done != nullptr) done->fetch_add(p - last_report, std::memory_order_relaxed);
                last_report = p;
                if (tick) tick();
                if (map_base != nullptr && p - released >= static_cast<std::ptrdiff_t>(kReleaseEvery)) {
                    Release(map_base, released, p);
                    released = p;
                }
            }
        }
        if (done != nullptr) done->fetch_add(p - last_report, std::memory_order_relaxed);
        chunk_.lines = line - first_line;
        chunk_.stop = p;
    }

  private:
    static void Release(const char* base, const char* from, const char* to) {
        const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        // Whole pages inside [from, to), found by offsets from the page-aligned start of the mapping.
        const auto first = (static_cast<std::size_t>(from - base) + page - 1) / page * page;
        const auto last = static_cast<std::size_t>(to - base) / page * page;
        if (last <= first) return;
        madvise(const_cast<char*>(base) + first, last - first, MADV_DONTNEED);
    }

    void Fail(std::int64_t line, int column, std::string_view value, const char* vi, const char* en) {
        ++chunk_.error_count;
        if (chunk_.errors.size() >= max_errors_) return;
        ErrorDetail detail;
        detail.file = file_;
        detail.line = line;
        if (column >= 0) {
            detail.column = layout_.index[static_cast<std::size_t>(column)] + 1;
            detail.field = std::string(kColumnNames[static_cast<std::size_t>(column)]);
        }
        detail.value = std::string(value.substr(0, 200));
        detail.reason = Text{vi, en};
        chunk_.errors.push_back(std::move(detail));
    }

    std::string_view Field(int column) const {
        return Trim(reader_.fields[static_cast<std::size_t>(layout_.index[static_cast<std::size_t>(column)])]);
    }

    std::optional<std::uint16_t> Code(Dictionary& dictionary, int column, std::int64_t line) {
        std::string_view text = Field(column);
        std::optional<std::uint16_t> code;
        if (HasNonAscii(text)) {
            if (!IsValidUtf8(text)) {
                Fail(line, column, text, "không phải UTF-8 hợp lệ", "not valid UTF-8");
                return std::nullopt;
            }
            code = dictionary.Intern(NormalizeNfc(text));
        } else {
            code = dictionary.Intern(text);
        }
        if (!code)
            Fail(line, column, text, "quá nhiều mã khác nhau trong cột này", "too many distinct codes in this column");
        return code;
    }

    std::optional<CompactTime> Time(int column, std::int64_t line, bool required) {
        std::string_view text = Field(column);
        if (text.empty()) {
            if (!required) return kNoCompactTime;
            Fail(line, column, text, "thiếu thời điểm", "the time is missing");
            return std::nullopt;
        }
        std::optional<CompactTime> time = ParseTimestamp(text);
        if (!time) {
            Fail(line, column, text,
                 "thời điểm không hợp lệ: cần YYYY-MM-DD HH:MM:SS hoặc dd/mm/yyyy hh:mm, từ năm 2000",
                 "invalid time: expected YYYY-MM-DD HH:MM:SS or dd/mm/yyyy hh:mm, from the year 2000");
        }
        return time;
    }

    std::optional<std::uint8_t> Count(int column, std::int64_t line) {
        std::string_view text = Field(column);
        std::optional<std::uint8_t> count = ParseCount(text);
        if (!count) {
            Fail(line, column, text, "cần một số nguyên từ 0 đến 255", "expected a whole number from 0 to 255");
        }
        return count;
    }

    void Record(std::int64_t line) {
        if (reader_.unterminated) {
            Fail(line, -1, "", "dấu ngoặc kép không được đóng đến hết tệp",
                 "a quote is not closed before the end of the file");
            return;
        }
        if (reader_.fields.size() != layout_.width) {
            Fail(line, -1, "",
                 ("dòng có " + std::to_string(reader_.fields.size()) + " cột, tiêu đề có " +
                  std::to_string(layout_.width))
                     .c_str(),
                 ("the line has " + std::to_string(reader_.fields.size()) + " columns, the header has " +
                  std::to_string(layout_.width))
                     .c_str());
            return;
        }
        const std::size_t errors_before = chunk_.error_count;
        CompactDossier row;
        std::string_view id = Field(kId);
        std::string normalized;
        if (id.empty()) {
            Fail(line, kId, id, "thiếu mã hồ sơ", "the dossier id is missing");
        } else if (HasNonAscii(id)) {
            if (!IsValidUtf8(id)) {
                Fail(line, kId, id, "không phải UTF-8 hợp lệ", "not valid UTF-8");
            } else {
                normalized = NormalizeNfc(id);
                id = normalized;
            }
        }
        if (id.size() > 1000)
            Fail(line, kId, id, "mã hồ sơ dài quá 1000 byte", "the dossier id is longer than 1000 bytes");
        if (Field(kUnit).empty()) Fail(line, kUnit, "", "thiếu mã đơn vị", "the unit code is missing");
        const auto unit = Code(chunk_.units, kUnit, line);
        const auto department = Code(chunk_.departments, kDepartment, line);
        const auto procedure = Code(chunk_.procedures, kProcedure, line);
        const auto field = Code(chunk_.fields, kField, line);
        const std::string_view channel_text = Field(kChannel);
        const auto channel = ParseChannel(channel_text);
        if (!channel) {
            Fail(line, kChannel, channel_text, "kênh không hợp lệ: cần direct, online_partial, online_full hoặc postal",
                 "unknown channel: expected direct, online_partial, online_full or postal");
        }
        const auto received = Time(kReceived, line, true);
        const auto due = Time(kDue, line, true);
        const auto finished = Time(kFinished, line, false);
        const auto returned = Time(kReturned, line, false);
        const auto supplements = Count(kSupplements, line);
        const auto apologies = Count(kApologies, line);
        const bool has_finished = finished && *finished != kNoCompactTime;
        const std::string_view status_text = Field(kStatus);
        std::optional<DossierStatus> status = ParseDossierStatus(status_text);
        if (status_text.empty()) {
            status = has_finished ? DossierStatus::kFinished : DossierStatus::kInProgress;
        } else if (!status) {
            Fail(line, kStatus, status_text,
                 "trạng thái không hợp lệ: cần in_progress, finished, returned, withdrawn hoặc rejected",
                 "unknown status: expected in_progress, finished, returned, withdrawn or rejected");
        } else if (finished && *status == DossierStatus::kFinished && !has_finished) {
            Fail(line, kStatus, status_text, "hồ sơ đã giải quyết nhưng thiếu finished_at",
                 "a finished dossier needs its finished_at");
        } else if (*status == DossierStatus::kInProgress && has_finished) {
            Fail(line, kStatus, status_text, "hồ sơ đang xử lý nhưng đã có finished_at",
                 "a dossier in progress has a finished_at");
        }
        if (received && has_finished && *finished < *received) {
            Fail(line, kFinished, Field(kFinished), "thời điểm hoàn thành trước thời điểm tiếp nhận",
                 "finished before it was received");
        }
        if (received && returned && *returned != kNoCompactTime && *returned < *received) {
            Fail(line, kReturned, Field(kReturned), "thời điểm trả trước thời điểm tiếp nhận",
                 "returned before it was received");
        }
        if (received && due && *due < *received) {
            Fail(line, kDue, Field(kDue), "hạn trả kết quả trước thời điểm tiếp nhận", "due before it was received");
        }
        if (chunk_.error_count != errors_before) return;
        std::string& ids = chunk_.part.ids;
        if (ids.size() + id.size() > 0xFFFFFFFFu) {
            Fail(line, kId, id, "tệp quá lớn cho một lần nhập", "the file is too large for one import");
            return;
        }
        row.id_offset = static_cast<std::uint32_t>(ids.size());
        row.id_length = static_cast<std::uint16_t>(id.size());
        ids.append(id);
        row.unit = *unit;
        row.department = *department;
        row.procedure = *procedure;
        row.field = *field;
        row.status = static_cast<std::uint8_t>(*status);
        row.channel = static_cast<std::uint8_t>(*channel);
        row.received = *received;
        row.due = *due;
        row.finished = *finished;
        row.returned = *returned;
        row.supplement_requests = *supplements;
        row.apology_letters = *apologies;
        chunk_.part.rows.push_back(row);
    }

    const Layout& layout_;
    const std::string& file_;
    std::size_t max_errors_;
    Chunk& chunk_;
    RecordReader reader_;
};

Error FileError(const std::string& file, const char* vi, const char* en) {
    ErrorDetail detail;
    detail.file = file;
    return MakeError(ErrorCode::kInvalidInput, "Tệp " + file + ": " + vi, "File " + file + ": " + en, {detail});
}

/// Reads the header line; fills the layout or returns the error.
std::optional<Error> ReadHeader(std::string_view text, const std::string& file, Layout& layout, std::size_t& body) {
    const std::size_t newline = text.find('\n');
    const std::string_view first = text.substr(0, newline);
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : first) {
        if (c == '"') quoted = !quoted;
        if (!quoted && c == ',') ++commas;
        if (!quoted && c == ';') ++semicolons;
    }
    layout.separator = semicolons > commas ? ';' : ',';
    RecordReader reader;
    reader.separator = layout.separator;
    std::int64_t lines = 0;
    const char* next = reader.Read(text.data(), text.data() + text.size(), lines);
    body = static_cast<std::size_t>(next - text.data());
    layout.width = reader.fields.size();
    layout.index.fill(-1);
    for (std::size_t i = 0; i < reader.fields.size(); ++i) {
        std::string name(Trim(reader.fields[i]));
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        layout.headers.push_back(name);
        for (std::size_t k = 0; k < kColumnCount; ++k) {
            if (name == kColumnNames[k] && layout.index[k] < 0) layout.index[k] = static_cast<int>(i);
        }
    }
    std::vector<ErrorDetail> missing;
    for (std::size_t k = 0; k < kColumnCount; ++k) {
        if (layout.index[k] >= 0) continue;
        ErrorDetail detail;
        detail.file = file;
        detail.line = 1;
        detail.field = std::string(kColumnNames[k]);
        detail.reason =
            Text{"thiếu cột " + detail.field + " trong dòng tiêu đề", "the header line has no column " + detail.field};
        missing.push_back(std::move(detail));
    }
    if (!missing.empty()) {
        const std::string count = std::to_string(missing.size());
        return MakeError(ErrorCode::kInvalidInput, "Tệp " + file + " thiếu " + count + " cột của bố cục hồ sơ",
                         "File " + file + " lacks " + count + " columns of the dossier layout", std::move(missing));
    }
    return std::nullopt;
}

/// Moves the rows and dictionaries of `chunk` into `batch`, renumbering codes into the batch's dictionaries.
void MergeChunk(Chunk& chunk, std::array<Dictionary*, 4> global, DossierBatch& batch) {
    std::array<std::vector<std::uint16_t>, 4> remap;
    const std::array<Dictionary*, 4> local = {&chunk.units, &chunk.departments, &chunk.procedures, &chunk.fields};
    bool identity = true;
    for (std::size_t k = 0; k < 4; ++k) {
        for (std::size_t i = 0; i < local[k]->Values().size(); ++i) {
            // Cannot overflow: the merged dictionaries were checked by the caller.
            const std::uint16_t code = global[k]->Intern(local[k]->Values()[i]).value_or(0);
            remap[k].push_back(code);
            if (code != i) identity = false;
        }
    }
    if (!identity) {
        for (CompactDossier& row : chunk.part.rows) {
            row.unit = remap[0][row.unit];
            row.department = remap[1][row.department];
            row.procedure = remap[2][row.procedure];
            row.field = remap[3][row.field];
        }
    }
    batch.parts.push_back(std::move(chunk.part));
}

/// Asks for transparent huge pages on a large buffer: the store later reads the rows in block order, scattered
/// over hundreds of megabytes, and 4 KB pages would make every read a TLB miss.
void AdviseHugePages(const void* data, std::size_t bytes) {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    char* begin = static_cast<char*>(const_cast<void*>(data));
    const std::size_t misalignment = reinterpret_cast<std::uintptr_t>(begin) % kHuge;
    const std::size_t skip = misalignment == 0 ? 0 : kHuge - misalignment;
    if (bytes <= skip + kHuge) return;
    madvise(begin + skip, (bytes - skip) / kHuge * kHuge, MADV_HUGEPAGE);
}

/// The expected rows and id bytes of `bytes` of body, from a sample of its first lines.
std::pair<std::size_t, std::size_t> Estimate(std::string_view body, std::size_t bytes) {
    const std::string_view sample = body.substr(0, std::min<std::size_t>(body.size(), std::size_t{64} * 1024));
    std::size_t lines = 0, id_bytes = 0, start = 0;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        if (sample[i] != '\n') continue;
        ++lines;
        const std::size_t comma = sample.find_first_of(",;", start);
        id_bytes += comma == std::string_view::npos || comma > i ? 0 : comma - start;
        start = i + 1;
    }
    if (lines == 0) return {16, 256};
    const double per_line = static_cast<double>(sample.size()) / static_cast<double>(lines);
    const auto rows = static_cast<std::size_t>(static_cast<double>(bytes) / per_line * 1.03) + 64;
    const auto ids = static_cast<std::size_t>(static_cast<double>(id_bytes) / static_cast<double>(lines) *
                                              static_cast<double>(rows) * 1.03) +
                     256;
    return {rows, ids};
}

/// What reading part of a body gave: the batch (when no row was bad), the errors, and where reading stopped.
struct BodyRead {
    DossierBatch batch;
    std::size_t error_count = 0;
    std::vector<ErrorDetail> errors;
    const char* stop = nullptr;  ///< The first byte not read (a record start, or `end`).
    std::int64_t lines = 0;      ///< Physical lines consumed.
};

/// Reads the records that start in [begin, until) — a record begun before `until` is read to its end, up to `end`
/// — on one or two threads, numbering the first record's line `first_line`. `done` counts the bytes read.
BodyRead ReadBody(const Layout& layout, const char* begin, const char* until, const char* end, std::int64_t first_line,
                  const std::string& file_name, const DossierCsvOptions& options, const char* map_base,
                  std::atomic<std::int64_t>& done, const std::function<void()>& tick) {
    const auto body_size = static_cast<std::size_t>(until - begin);
    const bool parallel = options.threads >= 2 && body_size >= kParallelThreshold;
    const char* split = until;
    if (parallel) {
        const char* middle = begin + body_size / 2;
        const void* newline = std::memchr(middle, '\n', static_cast<std::size_t>(until - middle));
        split = newline == nullptr ? until : static_cast<const char*>(newline) + 1;
    }

    std::vector<std::unique_ptr<Chunk>> chunks;
    chunks.push_back(std::make_unique<Chunk>());
    {
        auto [rows, ids] = Estimate({begin, body_size}, static_cast<std::size_t>(split - begin));
        chunks[0]->part.rows.reserve(rows);
        chunks[0]->part.ids.reserve(ids);
        AdviseHugePages(chunks[0]->part.rows.data(), rows * sizeof(CompactDossier));
        AdviseHugePages(chunks[0]->part.ids.data(), ids);
    }
    if (split < until) {
        chunks.push_back(std::make_unique<Chunk>());
        auto [rows, ids] =
            Estimate({split, static_cast<std::size_t>(until - split)}, static_cast<std::size_t>(until - split));
        chunks[1]->part.rows.reserve(rows);
        chunks[1]->part.ids.reserve(ids);
        AdviseHugePages(chunks[1]->part.rows.data(), rows * sizeof(CompactDossier));
        AdviseHugePages(chunks[1]->part.ids.data(), ids);
    }
    std::thread second;
    if (split < until) {
        second = std::thread([&] {
            ChunkReader reader(layout, file_name, options.max_errors, *chunks[1]);
            reader.Run(split, until, end, 0, map_base, &done, nullptr);
        });
    }
    {
        ChunkReader reader(layout, file_name, options.max_errors, *chunks[0]);
        reader.Run(begin, split, end, first_line, map_base, &done, tick);
    }
    if (second.joinable()) second.join();
    if (split < until) {
        const std::int64_t offset = first_line + chunks[0]->lines;
        if (chunks[0]->stop != split) {
            // A quoted field ran over the split point: the second thread started inside a record. Read the
            // rest again after the first thread's stop.
            chunks[1] = std::make_unique<Chunk>();
            ChunkReader reader(layout, file_name, options.max_errors, *chunks[1]);
            reader.Run(chunks[0]->stop, until, end, offset, nullptr, nullptr, nullptr);
        } else {
            for (ErrorDetail& detail : chunks[1]->errors) *detail.line += offset;
        }
    }

    BodyRead read;
    read.stop = chunks.back()->stop;
    for (const auto& chunk : chunks) read.lines += chunk->lines;
    for (auto& chunk : chunks) {
        read.error_count += chunk->error_count;
        for (ErrorDetail& detail : chunk->errors) {
            if (read.errors.size() < options.max_errors) read.errors.push_back(std::move(detail));
        }
    }

    DossierBatch& batch = read.batch;
    batch.file = file_name;
    Dictionary units(kMaxDictionary), departments(kMaxDictionary), procedures(kMaxDictionary), fields(kMaxDictionary);
    const std::array<Dictionary*, 4> global = {&units, &departments, &procedures, &fields};
    if (read.error_count == 0) {
        // The merged dictionaries must still fit.
        static constexpr std::array<const char*, 4> kWhat = {"unit_code", "department_code", "procedure_code",
                                                             "field_code"};
        for (std::size_t k = 0; k < 4 && chunks.size() > 1; ++k) {
            const std::array<Dictionary*, 4> first = {&chunks[0]->units, &chunks[0]->departments,
                                                      &chunks[0]->procedures, &chunks[0]->fields};
            const std::array<Dictionary*, 4> other = {&chunks[1]->units, &chunks[1]->departments,
                                                      &chunks[1]->procedures, &chunks[1]->fields};
            Dictionary probe(kMaxDictionary);
            bool fits = true;
            for (const std::string& v : first[k]->Values()) fits = fits && probe.Intern(v).has_value();
            for (const std::string& v : other[k]->Values()) fits = fits && probe.Intern(v).has_value();
            if (!fits) {
                ++read.error_count;
                ErrorDetail detail;
                detail.file = file_name;
                detail.field = kWhat[k];
                detail.reason = Text{"quá nhiều mã khác nhau trong cột này", "too many distinct codes in this column"};
                read.errors.push_back(std::move(detail));
            }
        }
    }
    if (read.error_count > 0) return read;
    for (auto& chunk : chunks) MergeChunk(*chunk, global, batch);
    batch.units = units.Take();
    batch.departments = departments.Take();
    batch.procedures = procedures.Take();
    batch.fields = fields.Take();
    return read;
}

Error BadRows(const std::string& file_name, std::size_t error_count, std::vector<ErrorDetail> errors) {
    const std::string count = std::to_string(error_count);
    const std::string listed = std::to_string(errors.size());
    const bool capped = errors.size() < error_count;
    return MakeError(ErrorCode::kInvalidInput,
                     "Tệp " + file_name + " có " + count + " lỗi; không hồ sơ nào được nhập" +
                         (capped ? " (liệt kê " + listed + " lỗi đầu)" : ""),
                     "File " + file_name + " has " + count + (error_count == 1 ? " error" : " errors") +
                         "; nothing was imported" + (capped ? " (the first " + listed + " listed)" : ""),
                     std::move(errors));
}

/// Skips a UTF-8 byte order mark.
std::string_view WithoutBom(std::string_view content) {
    if (content.size() >= 3 && static_cast<unsigned char>(content[0]) == 0xEF &&
        static_cast<unsigned char>(content[1]) == 0xBB && static_cast<unsigned char>(content[2]) == 0xBF) {
        content.remove_prefix(3);
    }
    return content;
}

Result<DossierBatch> Parse(std::string_view content, const std::string& file_name, const DossierCsvOptions& options,
                           const char* map_base) {
    content = WithoutBom(content);
    if (Trim(content).empty()) return FileError(file_name, "tệp rỗng", "the file is empty");
    Layout layout;
    std::size_t body_offset = 0;
    if (std::optional<Error> header = ReadHeader(content, file_name, layout, body_offset)) return std::move(*header);
    const char* begin = content.data() + body_offset;
    const char* end = content.data() + content.size();

    std::atomic<std::int64_t> done{0};
    const auto total = static_cast<std::int64_t>(content.size());
    std::function<void()> tick;
    if (options.progress) tick = [&] { options.progress(done.load(std::memory_order_relaxed), total); };
    BodyRead read = ReadBody(layout, begin, end, end, 2, file_name, options, map_base, done, tick);
    if (options.progress) options.progress(total, total);
    if (read.error_count > 0) return BadRows(file_name, read.error_count, std::move(read.errors));
    return std::move(read.batch);
}

/// A read-only mapping of a whole file, unmapped when it goes away.
class MappedFile {
  public:
    static Result<std::unique_ptr<MappedFile>> Open(const std::string& path, const std::string& file_name) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            ErrorDetail detail;
            detail.file = file_name;
            return MakeError(ErrorCode::kNotFound, "Không mở được tệp " + path + ": " + std::strerror(errno),
                             "Cannot open the file " + path + ": " + std::strerror(errno), {detail});
        }
        struct stat info {};
        if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
            ::close(fd);
            return FileError(file_name, "không phải một tệp thường", "not a regular file");
        }
        const auto size = static_cast<std::size_t>(info.st_size);
        if (size == 0) {
            ::close(fd);
            return FileError(file_name, "tệp rỗng", "the file is empty");
        }
        void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (map == MAP_FAILED) {
            return FileError(file_name, "không ánh xạ được tệp vào bộ nhớ", "cannot map the file into memory");
        }
        madvise(map, size, MADV_SEQUENTIAL);
        return std::unique_ptr<MappedFile>(new MappedFile(static_cast<const char*>(map), size));
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() { munmap(const_cast<char*>(data_), size_); }

    const char* Data() const { return data_; }
    std::size_t Size() const { return size_; }

  private:
    MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
    const char* data_;
    std::size_t size_;
};

}  // namespace

Result<DossierBatch> ParseDossierCsv(std::string_view content, const std::string& file_name,
                                     const DossierCsvOptions& options) {
    return Parse(content, file_name, options, nullptr);
}

Result<DossierBatch> ReadDossierCsv(const std::string& path, const std::string& file_name,
                                    const DossierCsvOptions& options) {
    auto file = MappedFile::Open(path, file_name);
    if (!file) return file.TakeError();
    return Parse({(*file)->Data(), (*file)->Size()}, file_name, options, (*file)->Data());
}

struct DossierCsvParts::State {
    std::unique_ptr<MappedFile> file;
    std::string file_name;
    DossierCsvOptions options;
    std::size_t part_bytes = 0;
    Layout layout;
    const char* cursor = nullptr;
    const char* end = nullptr;
    std::int64_t line = 2;
    std::atomic<std::int64_t> done{0};
    std::int64_t total = 0;
};

Result<std::unique_ptr<DossierCsvParts>> DossierCsvParts::Open(const std::string& path, const std::string& file_name,
                                                               const DossierCsvOptions& options,
                                                               std::size_t part_bytes) {
    auto file = MappedFile::Open(path, file_name);
    if (!file) return file.TakeError();
    auto state = std::make_unique<State>();
    const std::string_view content = WithoutBom({(*file)->Data(), (*file)->Size()});
    if (Trim(content).empty()) return FileError(file_name, "tệp rỗng", "the file is empty");
    std::size_t body_offset = 0;
    if (std::optional<Error> header = ReadHeader(content, file_name, state->layout, body_offset)) {
        return std::move(*header);
    }
    state->cursor = content.data() + body_offset;
    state->end = content.data() + content.size();
    state->total = static_cast<std::int64_t>((*file)->Size());
    state->file = std::move(*file);
    state->file_name = file_name;
    state->options = options;
    state->part_bytes = std::max<std::size_t>(part_bytes, 1);
    return std::unique_ptr<DossierCsvParts>(new DossierCsvParts(std::move(state)));
}

DossierCsvParts::DossierCsvParts(std::unique_ptr<State> state) : state_(std::move(state)) {}
DossierCsvParts::~DossierCsvParts() = default;

Result<std::optional<DossierBatch>> DossierCsvParts::Next() {
    State& s = *state_;
    if (s.cursor >= s.end) return std::optional<DossierBatch>();
    std::function<void()> tick;
    if (s.options.progress) tick = [&s] { s.options.progress(s.done.load(std::memory_order_relaxed), s.total); };
    // A part ends at the line end after part_bytes (a record still open there is read to its end).
    auto part_end = [&s](const char* from) {
        if (static_cast<std::size_t>(s.end - from) <= s.part_bytes) return s.end;
        const char* at = from + s.part_bytes;
        const void* newline = std::memchr(at, '\n', static_cast<std::size_t>(s.end - at));
        return newline == nullptr ? s.end : static_cast<const char*>(newline) + 1;
    };
    BodyRead read = ReadBody(s.layout, s.cursor, part_end(s.cursor), s.end, s.line, s.file_name, s.options,
                             s.file->Data(), s.done, tick);
    s.cursor = read.stop;
    s.line += read.lines;
    if (read.error_count > 0) {
        // Every bad row of the file is listed, not only this part's: read the rest for its errors.
        std::size_t error_count = read.error_count;
        std::vector<ErrorDetail> errors = std::move(read.errors);
        while (s.cursor < s.end) {
            BodyRead more = ReadBody(s.layout, s.cursor, part_end(s.cursor), s.end, s.line, s.file_name, s.options,
                                     s.file->Data(), s.done, tick);
            s.cursor = more.stop;
            s.line += more.lines;
            error_count += more.error_count;
            for (ErrorDetail& detail : more.errors) {
                if (errors.size() < s.options.max_errors) errors.push_back(std::move(detail));
            }
        }
        return BadRows(s.file_name, error_count, std::move(errors));
    }
    if (s.cursor >= s.end && s.options.progress) s.options.progress(s.total, s.total);
    return std::optional<DossierBatch>(std::move(read.batch));
}

}  // namespace parindex
