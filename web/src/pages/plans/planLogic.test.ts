import { describe, expect, it } from 'vitest';
import type { Plan, TaskView, UnitPerson } from '../../types';
import {
  cleanLines, daysOverdue, deadlineText, dueStateTag, formatDateTimeVi, formatPercent, groupByMonth, isoToVi, mayReadOverdue,
  officerChoices, officerOptions, parseViDate, personLabel, planBody, progressBy, progressSums, splitList, validateTask,
} from './planLogic';
import { sortNotifications } from './NotificationBell';

function task(over: Partial<TaskView>): TaskView {
  return {
    id: 1,
    unit: 'lakhe',
    year: 2024,
    position: 1,
    title: 'Nhiệm vụ',
    criteria: [],
    lead_department: 'tp-ht',
    lead_user: '',
    cooperating: [],
    recurrence: 'once',
    deadline: '2024-03-31',
    expected_output: '',
    cause: '',
    solution: '',
    status: 'not_started',
    progress: 0,
    due_state: 'not_due',
    due: '2024-03-31',
    days_left: 10,
    last_update: null,
    ...over,
  };
}

describe('dates typed dd/mm/yyyy', () => {
  it('reads Vietnamese dates into ISO', () => {
    expect(parseViDate('15/03/2024')).toBe('2024-03-15');
    expect(parseViDate('5/3/2024')).toBe('2024-03-05');
    expect(parseViDate(' 05-03-2024 ')).toBe('2024-03-05');
    expect(parseViDate('31.12.2024')).toBe('2024-12-31');
    expect(parseViDate('2024-02-29')).toBe('2024-02-29');
  });
  it('refuses days that do not exist and other texts', () => {
    expect(parseViDate('29/02/2023')).toBeNull();
    expect(parseViDate('31/04/2024')).toBeNull();
    expect(parseViDate('00/01/2024')).toBeNull();
    expect(parseViDate('15/13/2024')).toBeNull();
    expect(parseViDate('03/15/24')).toBeNull();
    expect(parseViDate('')).toBeNull();
    expect(parseViDate(null)).toBeNull();
  });
  it('shows ISO dates as dd/mm/yyyy and date-times in Việt Nam time', () => {
    expect(isoToVi('2024-03-05')).toBe('05/03/2024');
    expect(isoToVi(null)).toBe('');
    expect(formatDateTimeVi('2024-03-04T18:30:00Z')).toBe('05/03/2024 01:30');
    // Round trip.
    expect(parseViDate(isoToVi('2024-12-01'))).toBe('2024-12-01');
  });
});

describe('due states', () => {
  it('labels overdue in red and due soon in orange, in both languages', () => {
    expect(dueStateTag('overdue', -12)).toEqual({ label: 'Quá hạn 12 ngày', color: 'red' });
    expect(dueStateTag('overdue', -1, 'en')).toEqual({ label: 'Overdue 1 day', color: 'red' });
    expect(dueStateTag('due_soon', 3)).toEqual({ label: 'Sắp đến hạn (còn 3 ngày)', color: 'orange' });
    expect(dueStateTag('due_soon', 0)).toEqual({ label: 'Đến hạn hôm nay', color: 'orange' });
    expect(dueStateTag('due_soon', 2, 'en')?.label).toBe('Due soon (2 days left)');
    expect(dueStateTag('not_due', 40)).toBeNull();
  });
  it('counts the days overdue', () => {
    expect(daysOverdue(task({ due_state: 'overdue', days_left: -250 }))).toBe(250);
    expect(daysOverdue(task({ due_state: 'due_soon', days_left: 2 }))).toBe(0);
  });
  it('writes the deadline or the recurrence', () => {
    expect(deadlineText({ recurrence: 'once', deadline: '2024-06-30' })).toBe('30/06/2024');
    expect(deadlineText({ recurrence: 'once', deadline: null })).toBe('—');
    expect(deadlineText({ recurrence: 'monthly', deadline: '2024-01-25' })).toBe('Hằng tháng (ngày 25)');
    expect(deadlineText({ recurrence: 'quarterly', deadline: null })).toBe('Hằng quý');
    expect(deadlineText({ recurrence: 'ongoing', deadline: null }, 'en')).toBe('Ongoing');
  });
});

describe('the timeline', () => {
  it('groups tasks by the month they are due, in order, undated last', () => {
    const groups = groupByMonth([
      task({ id: 1, position: 3, due: '2024-06-30' }),
      task({ id: 2, position: 1, due: '2024-03-31' }),
      task({ id: 3, position: 2, due: null, deadline: null, recurrence: 'ongoing' }),
      task({ id: 4, position: 4, due: '2024-03-15' }),
      task({ id: 5, position: 5, due: null, deadline: '2024-06-01' }),
      task({ id: 6, position: 6, due: null, deadline: '2024-09-30', recurrence: 'ongoing' }),
    ]);
    expect(groups.map((g) => g.key)).toEqual(['2024-03', '2024-06', '']);
    expect(groups.map((g) => g.label)).toEqual(['Tháng 3/2024', 'Tháng 6/2024', 'Thường xuyên, không có hạn']);
    expect(groups[0].tasks.map((t) => t.id)).toEqual([4, 2]);
    expect(groups[1].tasks.map((t) => t.id)).toEqual([5, 1]);
    expect(groups[2].tasks.map((t) => t.id)).toEqual([3, 6]);
    expect(groupByMonth([task({ due: '2024-11-02' })], 'en')[0].label).toBe('Nov 2024');
  });
});

describe('progress sums', () => {
  const list = [
    task({ status: 'done', progress: 100, lead_department: 'vp-tk', criteria: ['1.6'] }),
    task({ status: 'in_progress', progress: 60, lead_department: 'tp-ht', due_state: 'overdue', criteria: ['2.1', '2.3'] }),
    task({ status: 'not_started', progress: 0, lead_department: 'tp-ht', due_state: 'overdue', criteria: ['2.3'] }),
    task({ status: 'cancelled', progress: 10, lead_department: 'tp-ht', criteria: ['2.3'] }),
  ];
  it('counts tasks, done, overdue and the mean progress without cancelled tasks', () => {
    expect(progressSums(list)).toEqual({ tasks: 3, done: 1, overdue: 2, mean_progress: 53.3 });
    expect(progressSums([])).toEqual({ tasks: 0, done: 0, overdue: 0, mean_progress: 0 });
  });
  it('groups by department and by criterion', () => {
    const byDept = progressBy(list, (t) => [t.lead_department], (k) => (k === 'tp-ht' ? 'Tư pháp – Hộ tịch' : k));
    expect(byDept).toEqual([
      { key: 'vp-tk', name: 'vp-tk', tasks: 1, done: 1, overdue: 0, mean_progress: 100 },
      { key: 'tp-ht', name: 'Tư pháp – Hộ tịch', tasks: 2, done: 0, overdue: 2, mean_progress: 30 },
    ]);
    const byCrit = progressBy(list, (t) => t.criteria);
    expect(byCrit.find((r) => r.key === '2.3')).toMatchObject({ tasks: 2, overdue: 2, mean_progress: 30 });
  });
  it('writes percentages with a decimal comma', () => {
    expect(formatPercent(53.333)).toBe('53,3 %');
    expect(formatPercent(60)).toBe('60 %');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('forms', () => {
  it('checks a task: title, lead department, deadline of a one-off task, progress', () => {
    expect(validateTask({ title: ' ', lead_department: '', recurrence: 'once', deadline: null, progress: 0 })).toEqual({
      title: 'Hãy nhập nội dung nhiệm vụ',
      lead_department: 'Hãy chọn bộ phận chủ trì',
      deadline: 'Nhiệm vụ một lần cần thời hạn (dd/mm/yyyy)',
    });
    expect(validateTask({ title: 'X', lead_department: 'tp-ht', recurrence: 'ongoing', deadline: null, progress: 101 })).toEqual({
      progress: 'Tiến độ từ 0 đến 100',
    });
    expect(validateTask({ title: 'X', lead_department: 'tp-ht', recurrence: 'once', deadline: '2024-06-30', progress: 60 })).toEqual({});
  });
  it('sends the plan without unit, year, status and issue time, lists cleaned', () => {
    const plan = {
      unit: 'lakhe', year: 2024, results_year: 2023, authority: 'UBND QUẬN HÀ ĐÔNG', issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ',
      number: ' 45 ', number_suffix: 'KH-UBND', place: 'La Khê', date: '2024-03-15', title: 'T', basis: ['a', ' ', ''],
      purposes: [' b '], requirements: [], causes: [], progress: [], solutions: [], closing: 'c', recipients: ['Lưu: VT.', ''],
      responsibilities: [{ department: 'tp-ht', heading: 'Tư pháp', duties: ['x', ''] }, { department: '', heading: '', duties: [''] }],
      signer: { mode: 'personal', collective: '', title: 'CHỦ TỊCH', deputy_title: '', name: 'Nguyễn Hữu Hiến' },
      status: 'draft', issued_at: null, revision: 7,
    } as Plan;
    const body = planBody(plan);
    expect(body).not.toHaveProperty('unit');
    expect(body).not.toHaveProperty('status');
    expect(body).not.toHaveProperty('issued_at');
    expect(body.revision).toBe(7);
    expect(body.number).toBe('45');
    expect(body.basis).toEqual(['a']);
    expect(body.purposes).toEqual(['b']);
    expect(body.recipients).toEqual(['Lưu: VT.']);
    expect(body.responsibilities).toEqual([{ department: 'tp-ht', heading: 'Tư pháp', duties: ['x'] }]);
    expect(cleanLines([' x ', null, ''])).toEqual(['x']);
    expect(splitList('1.6, 6.8; 2.1')).toEqual(['1.6', '6.8', '2.1']);
  });
  it('opens the overdue list to coordinators, leaders, appraisers and administrators', () => {
    expect(['coordinator', 'leader', 'appraiser', 'administrator', 'admin'].every(mayReadOverdue)).toBe(true);
    expect(mayReadOverdue('officer')).toBe(false);
    expect(mayReadOverdue('viewer')).toBe(false);
  });
  it('lists unread notifications first, newest first', () => {
    const n = (id: number, read: boolean, at: string) => ({ id, read, created_at: at, kind: 'overdue' as const, unit: 'lakhe', year: 2024, task_id: 1, due: '2024-03-31', message: '', message_en: '' });
    expect(sortNotifications([n(1, true, '2024-05-01'), n(2, false, '2024-04-01'), n(3, false, '2024-04-02')]).map((x) => x.id)).toEqual([3, 2, 1]);
  });
});

describe('choosing the officer in charge', () => {
  const people: UnitPerson[] = [
    { username: 'chutich.lakhe', display_name: 'Chủ tịch UBND phường La Khê (mẫu)', role: 'leader', department: '' },
    { username: 'tuphap.lakhe', display_name: 'Công chức Tư pháp – Hộ tịch La Khê (mẫu)', role: 'officer', department: 'tp-ht' },
    { username: 'vhxh.lakhe', display_name: 'Công chức Văn hóa – Xã hội', role: 'officer', department: 'vh-xh' },
    { username: 'tuphap2.lakhe', display_name: 'Đặng Thị Hộ tịch', role: 'officer', department: 'tp-ht' },
    { username: 'vanphong.lakhe', display_name: 'Văn phòng – Thống kê', role: 'coordinator', department: '' },
  ];
  const names = (list: UnitPerson[]) => list.map((p) => p.username);

  it('puts the lead department\'s officers first, then the others, each in the server\'s order', () => {
    const choices = officerChoices(people, 'tp-ht', '');
    expect(names(choices.department)).toEqual(['tuphap.lakhe', 'tuphap2.lakhe']);
    expect(names(choices.others)).toEqual(['chutich.lakhe', 'vhxh.lakhe', 'vanphong.lakhe']);
    expect(choices.kept).toBeNull();
  });

  it('lists everyone as others while no lead department is chosen', () => {
    const choices = officerChoices(people, '', null);
    expect(choices.department).toEqual([]);
    expect(names(choices.others)).toEqual(names(people));
  });

  it('keeps an officer typed earlier (or since disabled) so that the choice still shows it', () => {
    expect(officerChoices(people, 'vh-xh', ' cu.lakhe ').kept).toBe('cu.lakhe');
    expect(officerChoices(people, 'vh-xh', 'vhxh.lakhe').kept).toBeNull();
    expect(names(officerChoices(people, 'vh-xh', 'vhxh.lakhe').department)).toEqual(['vhxh.lakhe']);
  });

  it('groups the Select\'s options, leaving empty groups out', () => {
    const labels = { kept: 'Đang giao', department: 'Công chức Tư pháp', others: 'Người khác', everyone: 'Người của đơn vị' };
    const grouped = officerOptions(officerChoices(people, 'tp-ht', 'cu.lakhe'), labels);
    expect(grouped.map((g) => [g.label, g.options.map((o) => o.value)])).toEqual([
      ['Đang giao', ['cu.lakhe']],
      ['Công chức Tư pháp', ['tuphap.lakhe', 'tuphap2.lakhe']],
      ['Người khác', ['chutich.lakhe', 'vhxh.lakhe', 'vanphong.lakhe']],
    ]);
    expect(grouped[1].options[0].label).toBe('Công chức Tư pháp – Hộ tịch La Khê (mẫu) (tuphap.lakhe)');
    const flat = officerOptions(officerChoices(people, '', ''), labels);
    expect(flat.map((g) => g.label)).toEqual(['Người của đơn vị']);
    expect(officerOptions(officerChoices([], 'tp-ht', ''), labels)).toEqual([]);
  });

  it('shows the display name with the username', () => {
    expect(personLabel(people[1])).toBe('Công chức Tư pháp – Hộ tịch La Khê (mẫu) (tuphap.lakhe)');
    expect(personLabel({ username: 'x.lakhe', display_name: '' })).toBe('x.lakhe');
    expect(personLabel({ username: 'x.lakhe', display_name: 'x.lakhe' })).toBe('x.lakhe');
  });
});
