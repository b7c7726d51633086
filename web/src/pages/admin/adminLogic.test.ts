import { describe, expect, it } from 'vitest';
import {
  adminRoleLabel,
  compareVi,
  errorLineCount,
  fieldName,
  fileProblem,
  formFieldErrors,
  groupYears,
  importErrorRows,
  importErrorSummary,
  importKey,
  importOptions,
  isAdministrator,
  matches,
  membersOf,
  nextBefore,
  scopedInput,
  scopeFields,
  userStates,
  withMembers,
} from './adminLogic';
import { auditActionLabel, auditSubject } from './auditLabels';

describe('roles and scope fields', () => {
  it('names every role in Vietnamese and English', () => {
    expect(adminRoleLabel('administrator')).toBe('Quản trị viên');
    expect(adminRoleLabel('appraiser')).toBe('Thẩm định viên');
    expect(adminRoleLabel('coordinator')).toBe('Đầu mối đơn vị');
    expect(adminRoleLabel('officer')).toBe('Cán bộ chuyên môn');
    expect(adminRoleLabel('leader')).toBe('Lãnh đạo');
    expect(adminRoleLabel('viewer')).toBe('Người xem');
    expect(adminRoleLabel('viewer', 'en')).toBe('Viewer');
    expect(adminRoleLabel('robot')).toBe('robot');
  });
  it('asks a unit of the unit roles, groups of an appraiser, a department of an officer', () => {
    expect(scopeFields('administrator')).toEqual({ unit: false, groups: false, department: false });
    expect(scopeFields('appraiser')).toEqual({ unit: false, groups: true, department: false });
    expect(scopeFields('coordinator')).toEqual({ unit: true, groups: false, department: false });
    expect(scopeFields('officer')).toEqual({ unit: true, groups: false, department: true });
    expect(scopeFields('leader')).toEqual({ unit: true, groups: false, department: false });
    expect(scopeFields('viewer')).toEqual({ unit: true, groups: false, department: false });
    expect(scopeFields(undefined)).toEqual({ unit: false, groups: false, department: false });
  });
  it('drops the scope values a role does not use', () => {
    const base = { display_name: 'X', unit: 'lakhe', groups: ['hadong-wards'], department: 'tu-phap' };
    expect(scopedInput({ ...base, role: 'officer' })).toMatchObject({ unit: 'lakhe', groups: [], department: 'tu-phap' });
    expect(scopedInput({ ...base, role: 'appraiser' })).toMatchObject({ unit: null, groups: ['hadong-wards'], department: null });
    expect(scopedInput({ ...base, role: 'coordinator' })).toMatchObject({ unit: 'lakhe', groups: [], department: null });
    expect(scopedInput({ ...base, role: 'administrator' })).toMatchObject({ unit: null, groups: [], department: null });
  });
  it('knows the administrator by the server and the mock names', () => {
    expect(isAdministrator('administrator')).toBe(true);
    expect(isAdministrator('admin')).toBe(true);
    expect(isAdministrator('viewer')).toBe(false);
    expect(isAdministrator(undefined)).toBe(false);
  });
  it('shows the account states', () => {
    expect(userStates({ disabled: false, locked: false, must_change_password: false })).toEqual(['active']);
    expect(userStates({ disabled: true, locked: false, must_change_password: true })).toEqual(['disabled', 'must_change']);
    expect(userStates({ disabled: false, locked: true, must_change_password: false })).toEqual(['locked']);
  });
});

describe('search and order', () => {
  it('finds without diacritics and sorts in Vietnamese order', () => {
    expect(matches('la khe', 'Phường La Khê')).toBe(true);
    expect(matches('DONG', 'Hà Đông')).toBe(true);
    expect(matches('', 'anything')).toBe(true);
    expect(matches('yen nghia', 'Phường La Khê', 'lakhe')).toBe(false);
    const names = ['Phường Đồng Mai', 'Phường Dương Nội', 'Phường Yên Nghĩa', 'Phường Biên Giang'];
    expect([...names].sort(compareVi)).toEqual(['Phường Biên Giang', 'Phường Dương Nội', 'Phường Đồng Mai', 'Phường Yên Nghĩa']);
  });
});

describe('server errors on form fields', () => {
  it('turns JSON paths into form field names', () => {
    expect(fieldName('$.username')).toEqual(['username']);
    expect(fieldName('$.departments[1].code')).toEqual(['departments', 1, 'code']);
    expect(fieldName('$.groups[0]', ['groups'])).toEqual(['groups']);
    expect(fieldName('$.members[3].unit', ['members'])).toEqual(['members']);
    expect(fieldName('Sheet1!D7')).toBeNull();
    expect(fieldName(undefined)).toBeNull();
  });
  it('puts each reason on its field and keeps the rest for the alert', () => {
    const { fields, other } = formFieldErrors(
      [
        { path: '$.unit', field: 'unit', value: 'khong-co', reason: 'không có đơn vị này' },
        { path: '$.groups[1]', field: 'groups', value: 'x', reason: 'không có nhóm này' },
        { path: '$.groups[2]', field: 'groups', value: 'y', reason: 'không có nhóm này' },
        { field: 'department_code', value: '', reason: 'vai trò officer cần mã phòng ban' },
        { reason: 'lỗi chung' },
      ],
      ['username', 'unit', 'groups', 'department'],
      ['groups'],
    );
    expect(fields).toEqual([
      { name: ['unit'], errors: ['không có đơn vị này'] },
      { name: ['groups'], errors: ['không có nhóm này'] },
      { name: ['department'], errors: ['vai trò officer cần mã phòng ban'] },
    ]);
    expect(other).toEqual([{ reason: 'lỗi chung' }]);
  });
  it('gives a detail without a reason the error message', () => {
    const { fields } = formFieldErrors([{ path: '$.username', field: 'username', value: 'vanphong.lakhe' }], ['username'], [], 'Tài khoản đã tồn tại');
    expect(fields).toEqual([{ name: ['username'], errors: ['Tài khoản đã tồn tại'] }]);
  });
});

describe('import errors next to the rows', () => {
  const details = [
    { file: 'khung.csv', line: 5, column: 3, field: 'parent_code', value: 'khong-co', reason: 'không có tiêu chí cha' },
    { file: 'khung.csv', line: 3, column: 5, field: 'max', value: 'mười', reason: 'số không hợp lệ' },
    { file: 'khung.csv', path: '$', reason: 'tệp trống' },
    { file: 'khung.csv', line: 3, column: 2, field: 'code', value: '', reason: 'thiếu mã' },
  ];
  it('sorts by line then column and groups the errors of one line', () => {
    const rows = importErrorRows(details);
    expect(rows.map((r) => [r.line, r.column, r.field])).toEqual([
      [3, 2, 'code'],
      [3, 5, 'max'],
      [5, 3, 'parent_code'],
      [null, null, ''],
    ]);
    expect(rows.map((r) => r.lineSpan)).toEqual([2, 0, 1, 1]);
    expect(rows[1].value).toBe('mười');
    expect(rows[3].path).toBe('$');
    expect(errorLineCount(rows)).toBe(2);
  });
  it('says that nothing was written, once', () => {
    expect(importErrorSummary('Tệp khung.csv có 2 lỗi', 'không có dữ liệu nào được ghi.')).toBe(
      'Tệp khung.csv có 2 lỗi; không có dữ liệu nào được ghi.',
    );
    expect(importErrorSummary('Tệp khung.csv có 2 lỗi; không có dữ liệu nào được ghi.', 'không có dữ liệu nào được ghi.')).toBe(
      'Tệp khung.csv có 2 lỗi; không có dữ liệu nào được ghi.',
    );
  });
  it('accepts .xlsx, .csv and .json, and only .json for everything', () => {
    expect(fileProblem('framework', 'Khung.XLSX')).toBeNull();
    expect(fileProblem('scores', 'diem.csv')).toBeNull();
    expect(fileProblem('units', 'donvi.pdf')).toBe('type');
    expect(fileProblem('all', 'tatca.csv')).toBe('allJson');
    expect(fileProblem('all', 'tatca.json')).toBeNull();
  });
  it('sends only the options of the kind, and a changed file or option needs a new check', () => {
    expect(importOptions('framework', { framework: ' hadong-2024 ', year: 2024, unit: 'lakhe', sheet: '' })).toEqual({ framework: 'hadong-2024' });
    expect(importOptions('scores', { unit: 'lakhe', year: 2024 })).toEqual({ unit: 'lakhe', year: 2024 });
    const file = { name: 'a.csv', size: 10, lastModified: 1 };
    const key = importKey('framework', file, { framework: 'x' });
    expect(importKey('framework', file, { framework: 'x', year: 2020 })).toBe(key);
    expect(importKey('framework', { ...file, size: 11 }, { framework: 'x' })).not.toBe(key);
    expect(importKey('framework', file, { framework: 'y' })).not.toBe(key);
    expect(importKey('framework', null, {})).toBe('');
  });
});

describe('groups and audit', () => {
  it('reads bundle members and keeps ranked flags when the selection changes', () => {
    const members = membersOf({ code: 'g', name: 'G', year: 2023, framework: 'f', members: ['lakhe', { unit: 'mau01', ranked: false }] });
    expect(members).toEqual([
      { unit: 'lakhe', ranked: true },
      { unit: 'mau01', ranked: false },
    ]);
    expect(withMembers(members, ['mau01', 'yennghia'])).toEqual([
      { unit: 'mau01', ranked: false },
      { unit: 'yennghia', ranked: true },
    ]);
    expect(groupYears([2023, 2021, 2023, 2024], [2025])).toEqual([2025, 2024, 2023, 2021]);
  });
  it('pages the audit log by the oldest id and names actions and subjects', () => {
    expect(nextBefore([{ id: 90 }, { id: 88 }, { id: '89' }])).toBe(88);
    expect(nextBefore([])).toBeNull();
    expect(auditActionLabel('user.create')).toBe('Tạo người dùng');
    expect(auditActionLabel('data.import', 'en')).toBe('Data imported');
    expect(auditActionLabel('group.update')).toBe('Sửa nhóm so sánh');
    expect(auditSubject({ subject: 'hadong-wards', year: 2024 })).toBe('hadong-wards · 2024');
    expect(auditActionLabel('x.y')).toBe('x.y');
    expect(auditSubject({ subject: 'tuphap2.lakhe' })).toBe('tuphap2.lakhe');
    expect(auditSubject({ unit: 'lakhe', year: 2024, node: '1.6' })).toBe('lakhe · 2024 · 1.6');
  });
});
