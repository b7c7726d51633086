import { describe, expect, test } from 'vitest';
import {
  distinctValues, emptyMapping, foldHeader, formatOfName, guessColumns, importQuery, missingRequired,
  type FilePreview, type MappingField,
} from './importApi';
import { formatImportedAt } from './DossierImportPage';
import { makeImportText } from './importText';

const fields: MappingField[] = [
  { name: 'id', label: 'Mã hồ sơ', label_en: 'Dossier id', required: true },
  { name: 'unit', label: 'Mã đơn vị', label_en: 'Unit code', required: true },
  { name: 'channel', label: 'Kênh tiếp nhận', label_en: 'Channel', required: true },
  { name: 'received', label: 'Ngày tiếp nhận', label_en: 'Received', required: true },
  { name: 'due', label: 'Hạn trả kết quả', label_en: 'Due', required: true },
  { name: 'status', label: 'Trạng thái', label_en: 'Status', required: false },
];

describe('the mapping editor', () => {
  test('headers fold without diacritics, case, spaces, _ and -', () => {
    expect(foldHeader('Ngày tiếp nhận')).toBe('ngaytiepnhan');
    expect(foldHeader('NGAY_TIEP-NHAN')).toBe('ngaytiepnhan');
    expect(foldHeader('Đơn vị')).toBe('donvi');
  });

  test('columns are guessed from labels and the benchmark names, chosen ones kept', () => {
    const headers = ['MÃ HỒ SƠ', 'unit_code', 'Kênh tiếp nhận', 'ngay_tiep_nhan', 'Hạn xử lý', 'Trạng thái'];
    const guessed = guessColumns(headers, fields, { status: 'Hạn xử lý' });
    expect(guessed).toEqual({
      id: 'MÃ HỒ SƠ',
      unit: 'unit_code',
      channel: 'Kênh tiếp nhận',
      received: 'ngay_tiep_nhan',
      status: 'Hạn xử lý',
    });
    // "Hạn xử lý" is not "Hạn trả kết quả": the due column stays to choose, and is reported missing.
    const mapping = { ...emptyMapping('x', 'csv'), columns: guessed };
    expect(missingRequired(mapping, fields).map((f) => f.name)).toEqual(['due']);
    // The unit may come from the default unit or the unit importing.
    delete mapping.columns.unit;
    expect(missingRequired(mapping, fields).map((f) => f.name)).toEqual(['due']);
  });

  test('the distinct values of a column, for the value maps', () => {
    const preview: FilePreview = {
      file: 'a.csv', format: 'csv', sheet: '', total_rows: 4, headers: ['Mã', 'Tình trạng'],
      rows: [['1', 'Đã xong'], ['2', ''], ['3', 'Đang xử lý'], ['4', 'Đã xong']],
    };
    expect(distinctValues(preview, 'Tình trạng')).toEqual(['Đã xong', 'Đang xử lý']);
    expect(distinctValues(preview, 'Không có')).toEqual([]);
    expect(distinctValues(null, 'Tình trạng')).toEqual([]);
  });

  test('the format of a file from its name and the query of an upload', () => {
    expect(formatOfName('Xuat.XLSX')).toBe('xlsx');
    expect(formatOfName('a.json')).toBe('json');
    expect(formatOfName('a.txt')).toBe('csv');
    expect(importQuery({ unit: 'lakhe', file: 'hồ sơ.csv', mapping: null, dry_run: true, skip_bad: false })).toBe(
      '?unit=lakhe&file=h%E1%BB%93%20s%C6%A1.csv&dry_run=true',
    );
  });
});

describe('texts', () => {
  test('the import times in Việt Nam time, dd/mm/yyyy', () => {
    expect(formatImportedAt('2025-06-30T17:05:00Z')).toBe('01/07/2025 00:05');
    expect(formatImportedAt('later')).toBe('later');
  });

  test('Vietnamese first, English on request', () => {
    expect(makeImportText('vi')('imported', { rows: '1.200', inserted: 1000, updated: 200 })).toBe(
      'Đã nhập 1.200 hồ sơ (1000 mới, 200 cập nhật).',
    );
    expect(makeImportText('en')('skipBad')).toBe('Skip the bad rows');
  });
});
