#include "domain/result.hpp"

namespace parindex {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return "invalid_input";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kForbidden:
            return "forbidden";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kStorage:
            return "storage";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

}  // namespace parindex
