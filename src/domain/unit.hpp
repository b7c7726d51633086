#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/provenance.hpp"

namespace parindex {

/// A department (bộ phận chuyên môn) inside a unit, such as Văn phòng–Thống kê or Tư pháp–Hộ tịch.
struct Department {
    std::string code;
    std::string name;
};

/// An administrative unit (province, district, commune, ward, town) in a configurable hierarchy.
struct Unit {
    std::string code;               ///< Stable short code, e.g. `lakhe`.
    std::string name;               ///< Full Vietnamese name, NFC, e.g. `Phường La Khê`.
    std::string type;               ///< Free unit type: province, district, commune, ward, town, department ...
    std::string parent_code;        ///< Empty for a root.
    std::optional<int> valid_from;  ///< First year the unit exists, if known.
    std::optional<int> valid_to;    ///< Last year the unit exists (merged or abolished), if known.
    std::string successor_code;     ///< The unit it was merged into, if any.
    bool demo = false;              ///< Invented for the demo (named `Phường mẫu 01` ...).
    std::vector<Department> departments;
    SourceRef source;
};

}  // namespace parindex
