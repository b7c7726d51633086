#include "formats/temporary_file.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "formats/table.hpp"

namespace parindex {

namespace fs = std::filesystem;

TemporaryFile::TemporaryFile(const std::string& suffix) {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / ("parindex-XXXXXX" + suffix)).string();
    const int fd = mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd >= 0) {
        close(fd);
        path_ = pattern;
    }
}

TemporaryFile::~TemporaryFile() {
    std::error_code ec;
    if (!path_.empty()) fs::remove(path_, ec);
}

Result<std::string> BytesWrittenBy(const std::function<Status(const std::string& path)>& write,
                                   const std::string& suffix) {
    const TemporaryFile file(suffix);
    if (file.Path().empty()) {
        return MakeError(ErrorCode::kStorage, "Không tạo được tệp tạm.", "Cannot create a temporary file.");
    }
    if (Status written = write(file.Path()); !written) return written.TakeError();
    return ReadFile(file.Path());
}

}  // namespace parindex
