#include "app/data_folder.hpp"

#include <filesystem>
#include <system_error>

namespace parindex {

Result<std::string> DataFolderDatabase(const std::string& data_dir, bool create) {
    namespace fs = std::filesystem;
    const fs::path dir(data_dir);
    std::error_code ec;
    if (create) {
        fs::create_directories(dir / "files", ec);
        if (ec) {
            return MakeError(ErrorCode::kInvalidInput,
                             "Không tạo được thư mục dữ liệu " + dir.string() + ": " + ec.message(),
                             "Cannot create the data folder " + dir.string() + ": " + ec.message());
        }
    } else if (!fs::exists(dir / "parindex.db", ec)) {
        return MakeError(ErrorCode::kNotFound,
                         "Thư mục " + dir.string() + " chưa có cơ sở dữ liệu; chạy `parindex init --data " +
                             dir.string() + "` trước.",
                         "The folder " + dir.string() + " has no database yet; run `parindex init --data " +
                             dir.string() + "` first.");
    }
    return (dir / "parindex.db").string();
}

}  // namespace parindex
