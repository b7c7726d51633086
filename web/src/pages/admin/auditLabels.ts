// Names of the system-wide audit actions in Vietnamese and English (an unknown action shows as itself).
import type { AdminAuditEntry } from '../../types';

const ACTIONS: Record<string, [string, string]> = {
  'session.login': ['Đăng nhập', 'Logged in'],
  'session.logout': ['Đăng xuất', 'Logged out'],
  'session.login_failed': ['Đăng nhập không thành công', 'Failed login'],
  'user.create': ['Tạo người dùng', 'User created'],
  'user.update': ['Sửa người dùng', 'User changed'],
  'user.reset': ['Đặt lại mật khẩu', 'Password reset'],
  'user.password': ['Đổi mật khẩu', 'Password changed'],
  'user.disable': ['Khoá tài khoản', 'Account disabled'],
  'user.enable': ['Mở khoá tài khoản', 'Account enabled'],
  'unit.create': ['Thêm đơn vị', 'Unit created'],
  'unit.update': ['Sửa đơn vị', 'Unit changed'],
  'group.create': ['Thêm nhóm so sánh', 'Peer group created'],
  'group.update': ['Sửa nhóm so sánh', 'Peer group changed'],
  'data.import': ['Nhập dữ liệu', 'Data imported'],
  'assessment.open': ['Mở phiếu', 'Opened'],
  'criterion.assign': ['Giao tiêu chí', 'Assigned'],
  'score.self': ['Tự chấm', 'Self score'],
  'score.explanation': ['Thuyết minh', 'Explanation'],
  'evidence.add': ['Tải tài liệu kiểm chứng', 'Evidence uploaded'],
  'assessment.approve': ['Phê duyệt', 'Approved'],
  'assessment.submit': ['Nộp', 'Submitted'],
  'assessment.withdraw': ['Rút lại', 'Withdrawn'],
  'score.accept': ['Chấp nhận điểm', 'Accepted'],
  'score.adjust': ['Điều chỉnh điểm', 'Adjusted'],
  'assessment.appraised': ['Hoàn thành thẩm định', 'Appraisal completed'],
  'score.explain': ['Giải trình', 'Explained'],
  'assessment.finalise': ['Chốt kết quả', 'Finalised'],
  'assessment.publish': ['Công bố', 'Published'],
};

/** "user.create" → "Tạo người dùng"; an unknown action as its own name. */
export function auditActionLabel(action: string, lang: 'vi' | 'en' = 'vi'): string {
  return ACTIONS[action]?.[lang === 'en' ? 1 : 0] ?? action;
}

/** What an entry is about: its subject, else the unit and year (and criterion) it names. */
export function auditSubject(e: Pick<AdminAuditEntry, 'subject' | 'unit' | 'year' | 'node'>): string {
  const parts = [e.subject || e.unit, e.year ? String(e.year) : null, e.node].filter((x) => x !== null && x !== undefined && x !== '');
  return parts.join(' · ');
}
