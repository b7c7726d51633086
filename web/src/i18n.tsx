// A tiny dictionary: Vietnamese by default, English second; the choice is kept in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'vi' | 'en';

const vi = {
  appName: 'ParIndex',
  appTagline: 'Chỉ số cải cách hành chính',
  login: 'Đăng nhập',
  loginTitle: 'Đăng nhập hệ thống',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  usernameRequired: 'Hãy nhập tên đăng nhập',
  passwordRequired: 'Hãy nhập mật khẩu',
  loginFailed: 'Đăng nhập không thành công',
  logout: 'Đăng xuất',
  changePassword: 'Đổi mật khẩu',
  mustChangePassword: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
  oldPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  confirmPassword: 'Nhập lại mật khẩu mới',
  passwordsDiffer: 'Hai mật khẩu không khớp',
  passwordChanged: 'Đã đổi mật khẩu',
  save: 'Lưu',
  language: 'Ngôn ngữ',
  demoBanner: 'Dữ liệu mẫu',
  demoBannerText:
    'Một phần số liệu trên trang này là dữ liệu mẫu (đơn vị “mẫu” hoặc ngưỡng xếp loại do hệ thống thiết lập), không phải số liệu công bố chính thức.',
  home: 'Trang chủ',
  dashboard: 'Kết quả đơn vị',
  rankings: 'Xếp hạng',
  frameworks: 'Bộ chỉ số',
  myGroups: 'Các nhóm đơn vị được giao thẩm định',
  allGroups: 'Các nhóm đơn vị',
  members: 'Số đơn vị',
  group: 'Nhóm',
  year: 'Năm',
  framework: 'Bộ chỉ số',
  open: 'Xem',
  viewRanking: 'Xem xếp hạng',
  index: 'Chỉ số CCHC',
  indexShort: 'Chỉ số',
  band: 'Xếp loại',
  bandDemo: '(thiết lập mẫu)',
  changeVsLastYear: 'So với năm trước',
  points: 'Điểm',
  pointsOfMax: 'Điểm đạt/tối đa',
  max: 'Tối đa',
  rank: 'Thứ hạng',
  ranks: 'Thứ hạng trong nhóm',
  rankChange: 'Thay đổi thứ hạng',
  parts: 'Điểm thành phần',
  appraisal: 'Điểm thẩm định',
  survey: 'Điều tra xã hội học',
  areasChart: 'Điểm các lĩnh vực so với điểm tối đa',
  radarChart: 'Chỉ số các lĩnh vực (%)',
  trendChart: 'Chỉ số CCHC 3 năm gần nhất',
  lostPoints: 'Bảng các tiêu chí bị trừ điểm',
  tt: 'TT',
  criterion: 'Nội dung tiêu chí',
  appraisedPoints: 'Điểm thẩm định',
  lost: 'Bị trừ',
  cause: 'Nguyên nhân',
  responsible: 'Trách nhiệm tham mưu',
  gaps: 'Điểm tự đánh giá và điểm thẩm định',
  selfScore: 'Tự đánh giá',
  appraisedScore: 'Thẩm định',
  gap: 'Chênh lệch',
  noGaps: 'Không có chênh lệch giữa điểm tự đánh giá và điểm thẩm định (hoặc chưa có điểm tự đánh giá).',
  strengths: 'Ưu điểm',
  weaknesses: 'Hạn chế',
  kind_up: 'tăng điểm',
  kind_at_max: 'đạt điểm tối đa',
  kind_down: 'giảm điểm',
  kind_low: 'điểm thấp',
  none: 'Không có',
  noData: 'Chưa có dữ liệu',
  area: 'Lĩnh vực',
  code: 'Mã',
  title: 'Nội dung',
  method: 'Phương pháp',
  method_appraisal: 'Thẩm định',
  method_survey: 'Điều tra XHH',
  method_self: 'Tự đánh giá',
  evidenceRequired: 'Cần tài liệu kiểm chứng',
  yes: 'Có',
  no: 'Không',
  maxOnly: 'chỉ có điểm tối đa',
  unit: 'Đơn vị',
  unitName: 'Tên đơn vị',
  searchUnit: 'Tìm theo tên đơn vị',
  demoUnit: 'mẫu',
  excluded: 'không xếp hạng',
  indicesChart: 'Chỉ số CCHC các đơn vị trong nhóm',
  totalUnits: 'Tổng số {n} đơn vị',
  tieRule: 'Quy tắc xếp hạng',
  loading: 'Đang tải…',
  error: 'Có lỗi',
  requestId: 'Mã yêu cầu',
  notFound: 'Không tìm thấy trang',
  backHome: 'Về trang chủ',
  noUnit: 'Tài khoản chưa được gắn với đơn vị nào.',
  status: 'Trạng thái',
  status_published: 'Đã công bố',
  status_draft: 'Đang đánh giá',
  decision: 'Quyết định',
  bands: 'Ngưỡng xếp loại',
  fromIndex: 'từ {n}',
  units: 'Đơn vị',
  role_admin: 'Quản trị',
  role_appraiser: 'Thẩm định',
  role_coordinator: 'Điều phối (Văn phòng)',
  role_officer: 'Cán bộ chuyên môn',
  role_leader: 'Lãnh đạo',
  role_viewer: 'Xem',
  provenance_demo: 'mẫu',
  notComparable: 'không so sánh được',
  selfIndex: 'Tự đánh giá',
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  appName: 'ParIndex',
  appTagline: 'Administrative reform index',
  login: 'Log in',
  loginTitle: 'Log in',
  username: 'Username',
  password: 'Password',
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  loginFailed: 'Login failed',
  logout: 'Log out',
  changePassword: 'Change password',
  mustChangePassword: 'You must change your password before continuing.',
  oldPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Repeat the new password',
  passwordsDiffer: 'The passwords differ',
  passwordChanged: 'Password changed',
  save: 'Save',
  language: 'Language',
  demoBanner: 'Demo data',
  demoBannerText:
    'Part of the figures on this page are demo data (“mẫu” units or band thresholds set by the system), not officially published figures.',
  home: 'Home',
  dashboard: 'Unit results',
  rankings: 'Rankings',
  frameworks: 'Frameworks',
  myGroups: 'Peer groups you appraise',
  allGroups: 'Peer groups',
  members: 'Units',
  group: 'Group',
  year: 'Year',
  framework: 'Framework',
  open: 'Open',
  viewRanking: 'View ranking',
  index: 'PAR index',
  indexShort: 'Index',
  band: 'Band',
  bandDemo: '(demo setting)',
  changeVsLastYear: 'Change vs last year',
  points: 'Points',
  pointsOfMax: 'Points/max',
  max: 'Max',
  rank: 'Rank',
  ranks: 'Rank in group',
  rankChange: 'Rank change',
  parts: 'Parts',
  appraisal: 'Appraisal',
  survey: 'Survey',
  areasChart: 'Area points against maxima',
  radarChart: 'Area indices (%)',
  trendChart: 'PAR index, last 3 years',
  lostPoints: 'Criteria that lost points',
  tt: '#',
  criterion: 'Criterion',
  appraisedPoints: 'Appraised points',
  lost: 'Lost',
  cause: 'Cause',
  responsible: 'Responsible',
  gaps: 'Self-assessed against appraised',
  selfScore: 'Self',
  appraisedScore: 'Appraised',
  gap: 'Gap',
  noGaps: 'No difference between self-assessed and appraised scores (or no self scores).',
  strengths: 'Strengths',
  weaknesses: 'Weaknesses',
  kind_up: 'improved',
  kind_at_max: 'full marks',
  kind_down: 'fell',
  kind_low: 'low',
  none: 'None',
  noData: 'No data yet',
  area: 'Area',
  code: 'Code',
  title: 'Title',
  method: 'Method',
  method_appraisal: 'Appraisal',
  method_survey: 'Survey',
  method_self: 'Self-assessment',
  evidenceRequired: 'Evidence required',
  yes: 'Yes',
  no: 'No',
  maxOnly: 'maximum only',
  unit: 'Unit',
  unitName: 'Unit name',
  searchUnit: 'Search by unit name',
  demoUnit: 'demo',
  excluded: 'not ranked',
  indicesChart: 'PAR index of the group’s units',
  totalUnits: '{n} units in total',
  tieRule: 'Tie rule',
  loading: 'Loading…',
  error: 'Error',
  requestId: 'Request id',
  notFound: 'Page not found',
  backHome: 'Back to home',
  noUnit: 'This account is not attached to a unit.',
  status: 'Status',
  status_published: 'Published',
  status_draft: 'In assessment',
  decision: 'Decision',
  bands: 'Bands',
  fromIndex: 'from {n}',
  units: 'Units',
  role_admin: 'Administrator',
  role_appraiser: 'Appraiser',
  role_coordinator: 'Coordinator (Office)',
  role_officer: 'Department officer',
  role_leader: 'Leader',
  role_viewer: 'Viewer',
  provenance_demo: 'demo',
  notComparable: 'not comparable',
  selfIndex: 'Self-assessed',
};

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

const STORAGE_KEY = 'parindex.lang';

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // localStorage may be unavailable (private mode); Vietnamese is the default.
  }
  return 'vi';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

export function makeTranslate(lang: Lang): Translate {
  return (key, vars) => {
    let text = dictionaries[lang][key] ?? dictionaries.vi[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, String(v));
    return text;
  };
}

const I18nContext = createContext<I18nValue>({ lang: 'vi', setLang: () => {}, t: makeTranslate('vi') });

export function I18nProvider({ children, lang: fixedLang }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixedLang ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, still switched.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo(() => ({ lang, setLang, t: makeTranslate(lang) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

/** The Vietnamese (or English) name of a role. */
export function roleName(t: Translate, role: string): string {
  const key = `role_${role}` as MessageKey;
  return key in vi ? t(key) : role;
}
