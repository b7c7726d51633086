#pragma once

// Private to src/formats: the columns of the table formats, their English header (written to CSV), their
// Vietnamese header (written to .xlsx) and every header name accepted on import (docs/formats.md).

#include <string_view>
#include <vector>

namespace parindex {

/// One column: `names.front()` is the English header; every name is accepted, compared by FoldForMatching.
struct ColumnNames {
    std::string_view vietnamese;
    std::vector<std::string_view> names;
};

struct UnitColumns {
    ColumnNames code{"Mã", {"code", "mã", "mã đơn vị"}};
    ColumnNames name{"Tên", {"name", "tên", "tên đơn vị"}};
    ColumnNames type{"Loại", {"type", "loại", "loại đơn vị", "cấp"}};
    ColumnNames parent_code{"Mã cấp trên", {"parent_code", "parent", "mã cấp trên", "đơn vị cấp trên"}};
    ColumnNames valid_from{"Hiệu lực từ năm", {"valid_from", "hiệu lực từ năm", "hiệu lực từ", "từ năm"}};
    ColumnNames valid_to{"Hiệu lực đến năm", {"valid_to", "hiệu lực đến năm", "hiệu lực đến", "đến năm"}};
    ColumnNames successor_code{"Đơn vị kế thừa",
                               {"successor_code", "successor", "đơn vị kế thừa", "mã đơn vị kế thừa", "sáp nhập vào"}};
    ColumnNames demo{"Dữ liệu mẫu", {"demo", "dữ liệu mẫu", "mẫu"}};
};

struct GroupColumns {
    ColumnNames group_code{"Mã nhóm", {"group_code", "group", "mã nhóm", "nhóm"}};
    ColumnNames group_name{"Tên nhóm", {"group_name", "tên nhóm"}};
    ColumnNames year{"Năm", {"year", "năm"}};
    ColumnNames framework_code{"Mã bộ chỉ số", {"framework_code", "framework", "mã bộ chỉ số", "bộ chỉ số"}};
    ColumnNames unit_code{"Mã đơn vị", {"unit_code", "unit", "mã đơn vị", "đơn vị"}};
    ColumnNames ranked{"Xếp hạng", {"ranked", "xếp hạng", "được xếp hạng"}};
};

struct FrameworkColumns {
    ColumnNames framework_code{"Mã bộ chỉ số", {"framework_code", "framework", "mã bộ chỉ số", "bộ chỉ số"}};
    ColumnNames code{"Mã", {"code", "mã", "mã tiêu chí", "tt", "stt"}};
    ColumnNames parent_code{"Mã cấp trên", {"parent_code", "parent", "mã cấp trên", "mã cha", "thuộc"}};
    ColumnNames title{"Nội dung tiêu chí", {"title", "nội dung tiêu chí", "tiêu chí", "nội dung", "tên tiêu chí"}};
    ColumnNames max{"Điểm tối đa", {"max", "điểm tối đa", "điểm chuẩn", "tối đa"}};
    ColumnNames method{"Phương pháp", {"method", "phương pháp", "phương pháp chấm điểm"}};
    ColumnNames evidence_required{"Cần tài liệu kiểm chứng",
                                  {"evidence_required", "cần tài liệu kiểm chứng", "tài liệu kiểm chứng", "tlkc"}};
    ColumnNames responsible{
        "Trách nhiệm tham mưu",
        {"responsible", "trách nhiệm tham mưu", "trách nhiệm", "bộ phận tham mưu", "bộ phận phụ trách"}};
    ColumnNames previous_code{"Mã năm trước", {"previous_code", "mã năm trước", "mã tương ứng năm trước"}};
    ColumnNames max_only{"Chỉ có điểm tối đa", {"max_only", "chỉ có điểm tối đa"}};
    ColumnNames declared_difference{"Chênh lệch khai báo", {"declared_difference", "chênh lệch khai báo"}};
    ColumnNames note{"Ghi chú", {"note", "ghi chú"}};
    ColumnNames max_provenance{"Nguồn điểm tối đa", {"max_provenance", "nguồn điểm tối đa"}};
};

struct ScoreColumns {
    ColumnNames unit_code{"Mã đơn vị", {"unit_code", "unit", "mã đơn vị", "đơn vị"}};
    ColumnNames year{"Năm", {"year", "năm"}};
    ColumnNames framework_code{"Mã bộ chỉ số", {"framework_code", "framework", "mã bộ chỉ số", "bộ chỉ số"}};
    ColumnNames code{"Mã", {"code", "mã", "mã tiêu chí", "tt", "stt"}};
    ColumnNames title{"Nội dung tiêu chí", {"title", "nội dung tiêu chí", "tiêu chí", "nội dung", "tên tiêu chí"}};
    ColumnNames max{"Điểm tối đa", {"max", "điểm tối đa", "điểm chuẩn", "tối đa"}};
    ColumnNames self{"Tự chấm", {"self", "tự chấm", "điểm tự chấm", "tự đánh giá", "điểm tự đánh giá"}};
    ColumnNames appraised{"Thẩm định", {"appraised", "thẩm định", "điểm thẩm định", "điểm đạt", "points"}};
    ColumnNames change{"Tăng/giảm", {"change", "tăng/giảm", "tăng giảm", "tăng/giảm so với năm trước", "thay đổi"}};
    ColumnNames explanation{"Giải trình", {"explanation", "giải trình"}};
    ColumnNames reason{"Lý do điều chỉnh", {"reason", "lý do điều chỉnh", "lý do"}};
    ColumnNames cause{"Nguyên nhân", {"cause", "nguyên nhân", "nguyên nhân bị trừ điểm"}};
    ColumnNames responsible{
        "Trách nhiệm tham mưu",
        {"responsible", "trách nhiệm tham mưu", "trách nhiệm", "bộ phận tham mưu", "bộ phận phụ trách"}};
    ColumnNames provenance{"Nguồn", {"provenance", "nguồn", "nguồn số liệu"}};
    ColumnNames note{"Ghi chú", {"note", "ghi chú"}};
};

inline const UnitColumns kUnitColumns;
inline const GroupColumns kGroupColumns;
inline const FrameworkColumns kFrameworkColumns;
inline const ScoreColumns kScoreColumns;

}  // namespace parindex
