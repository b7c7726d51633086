#include "storage/sqlite/sqlite_failure.hpp"

#include <sqlite3.h>

namespace parindex::sqlite {
namespace {

/// What a person can do about a failure, by SQLite's primary and extended result codes.
Text HintFor(int code) {
    switch (code) {
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return {"dữ liệu tham chiếu tới một mã chưa có trong cơ sở dữ liệu (ví dụ mã đơn vị chưa được nhập)",
                    "the data refers to a code that is not in the database (such as a unit not yet imported)"};
        case SQLITE_CONSTRAINT_PRIMARYKEY:
        case SQLITE_CONSTRAINT_UNIQUE:
            return {"một mã xuất hiện hai lần", "a code appears twice"};
        default:
            break;
    }
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return {"cơ sở dữ liệu đang bị một tiến trình khác khóa; hãy thử lại sau",
                    "the database is locked by another process; try again later"};
        case SQLITE_CANTOPEN:
            return {"không mở được tệp; hãy kiểm tra thư mục có tồn tại và có quyền ghi",
                    "the file cannot be opened; check that its folder exists and is writable"};
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
            return {"tệp không phải là cơ sở dữ liệu ParIndex hoặc đã bị hỏng",
                    "the file is not a ParIndex database or is damaged"};
        case SQLITE_FULL:
            return {"ổ đĩa đã đầy", "the disk is full"};
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return {"không có quyền ghi vào cơ sở dữ liệu", "the database cannot be written to"};
        case SQLITE_IOERR:
            return {"lỗi đọc/ghi tệp trên ổ đĩa", "the file could not be read or written"};
        case SQLITE_CONSTRAINT:
            return {"dữ liệu vi phạm một ràng buộc", "the data breaks a constraint"};
        case SQLITE_TOOBIG:
            return {"dữ liệu quá lớn", "the data is too large"};
        case SQLITE_NOMEM:
            return {"không đủ bộ nhớ", "out of memory"};
        default:
            return {"lỗi cơ sở dữ liệu", "database error"};
    }
}

}  // namespace

Error MakeSqliteError(int code, const Text& action, const std::string& sqlite_message) {
    const Text hint = HintFor(code);
    return MakeError(ErrorCode::kStorage,
                     "Không thể " + action.vi + ": " + hint.vi + " (SQLite: " + sqlite_message + ")",
                     "Could not " + action.en + ": " + hint.en + " (SQLite: " + sqlite_message + ")");
}

Error MakeSqliteError(sqlite3* db, int code, const Text& action) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    const int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
    // The connection's last code can be stale for failures reported only through a return value.
    return MakeSqliteError((extended & 0xff) == (code & 0xff) ? extended : code, action, message);
}

Error MakeCorruptDataError(const Text& action, const std::string& table, const std::string& column,
                           const std::string& value) {
    return MakeError(ErrorCode::kStorage,
                     "Không thể " + action.vi + ": giá trị “" + value + "” trong cột " + table + "." + column +
                         " không hợp lệ (cơ sở dữ liệu bị hỏng hoặc do phiên bản mới hơn tạo ra)",
                     "Could not " + action.en + ": the value “" + value + "” in column " + table + "." + column +
                         " is not valid (the database is damaged or was written by a newer version)");
}

}  // namespace parindex::sqlite
