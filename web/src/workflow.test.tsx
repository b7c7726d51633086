import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { actionButtons, currentStep, formatSize, parseScore, statusSteps, validateAppraisal, validateScore } from './workflow';
import { StatusSteps, buildAssessmentTree } from './pages/AssessmentPage';
import { makeTranslate } from './i18n';
import type { AssessmentCan, AssessmentNode } from './types';

const none: AssessmentCan = {
  self_score: false, assign: false, approve: false, submit: false, withdraw: false,
  appraise: false, complete: false, explain: false, finalise: false, publish: false,
};

describe('scores with a decimal comma', () => {
  it('parses "4,5", "4.5", numbers and empty text', () => {
    expect(parseScore('4,5')).toBe(4.5);
    expect(parseScore(' 4.5 ')).toBe(4.5);
    expect(parseScore('0,25')).toBe(0.25);
    expect(parseScore(3)).toBe(3);
    expect(parseScore('')).toBeNull();
    expect(parseScore(null)).toBeNull();
    expect(parseScore('4,5,1')).toBeNaN();
    expect(parseScore('bốn')).toBeNaN();
  });
  it('checks 0..max with Vietnamese messages', () => {
    expect(validateScore('4,5', 5)).toBeNull();
    expect(validateScore('5', 5)).toBeNull();
    expect(validateScore('', 5)).toBeNull();
    expect(validateScore('5,5', 5)).toBe('Điểm phải từ 0 đến 5');
    expect(validateScore('-1', 2.5)).toBe('Điểm phải từ 0 đến 2,5');
    expect(validateScore('abc', 5)).toMatch(/phải là một số/);
    expect(validateScore('1,125', 5)).toMatch(/2 chữ số thập phân/);
  });
  it('requires a reason when the appraised score differs from the self score', () => {
    expect(validateAppraisal('4,5', 4.5, '', 5)).toBeNull();
    expect(validateAppraisal('4', '4,5', '', 5)).toBe('Hãy nhập lý do khi điểm thẩm định khác điểm tự chấm');
    expect(validateAppraisal('4', '4,5', 'Thiếu văn bản', 5)).toBeNull();
    expect(validateAppraisal('6', 4, 'x', 5)).toBe('Điểm phải từ 0 đến 5');
    expect(validateAppraisal('', 4, 'x', 5)).toBe('Hãy nhập điểm thẩm định');
  });
});

describe('can → buttons', () => {
  it('shows nothing without permissions', () => {
    expect(actionButtons(none)).toEqual([]);
    expect(actionButtons(undefined)).toEqual([]);
  });
  it('maps each flag to its button and endpoint, in workflow order', () => {
    const all = { ...none, approve: true, submit: true, withdraw: true, complete: true, finalise: true, self_score: true };
    expect(actionButtons(all).map((b) => [b.action, b.endpoint])).toEqual([
      ['approve', 'approve'],
      ['submit', 'submit'],
      ['withdraw', 'withdraw'],
      ['complete', 'complete-appraisal'],
      ['finalise', 'finalise'],
    ]);
    const t = makeTranslate('vi');
    expect(actionButtons({ ...none, approve: true }).map((b) => t(b.label))).toEqual(['Phê duyệt']);
    expect(actionButtons({ ...none, submit: true, withdraw: false }).map((b) => t(b.label))).toEqual(['Nộp']);
    expect(actionButtons({ ...none, complete: true }).map((b) => t(b.label))).toEqual(['Hoàn thành thẩm định']);
    expect(actionButtons({ ...none, finalise: true }).map((b) => t(b.label))).toEqual(['Chốt kết quả']);
    expect(actionButtons({ ...none, withdraw: true })[0].danger).toBe(true);
  });
});

describe('status steps', () => {
  it('places each status on its step', () => {
    expect(currentStep('draft')).toBe(0);
    expect(currentStep('submitted', { appraisal_started_at: null })).toBe(1);
    expect(currentStep('submitted', { appraisal_started_at: '2025-11-03T02:00:00Z' })).toBe(2);
    expect(currentStep('appraised')).toBe(3);
    expect(currentStep('final')).toBe(4);
    expect(currentStep('published')).toBe(5);
  });
  it('carries the dates, the deadline under Giải trình', () => {
    const steps = statusSteps({ approved_at: '2025-10-01T01:00:00Z', submitted_at: '2025-10-02T01:00:00Z', explanation_deadline: '2025-11-10T10:00:00Z' });
    expect(steps.map((s) => s.date)).toEqual(['2025-10-01T01:00:00Z', '2025-10-02T01:00:00Z', null, '2025-11-10T10:00:00Z', null, null]);
    expect(steps[3].dateKind).toBe('deadline');
  });
  it('renders the six Vietnamese steps with dd/mm/yyyy HH:mm dates', () => {
    render(
      <StatusSteps
        t={makeTranslate('vi')}
        data={{
          status: 'submitted',
          state: { approved_at: null, approved_by: null, submitted_at: '2025-10-02T08:05:00', appraisal_started_at: null, explanation_deadline: null },
        }}
      />,
    );
    const steps = screen.getByTestId('status-steps');
    for (const title of ['Tự chấm', 'Đã nộp', 'Thẩm định', 'Giải trình', 'Chốt', 'Công bố']) expect(steps).toHaveTextContent(title);
    expect(steps).toHaveTextContent('02/10/2025 08:05');
    expect(steps.querySelector('.ant-steps-item-process')).toHaveTextContent('Đã nộp');
  });
});

describe('assessment tree', () => {
  const node = (code: string, parent: string | null, self: number | string | null, leaf = true): AssessmentNode => ({
    code, parent, title: code, max: 5, method: 'appraisal', evidence_required: false, max_only: false, leaf, depth: parent ? 1 : 0,
    assigned_department: null, self, explanation: null, appraised: null, reason: null, evidence: [], explanations: [],
  });
  it('nests criteria under areas and sums the self scores', () => {
    const tree = buildAssessmentTree([node('1', null, null, false), node('1.1', '1', '4,5'), node('1.2', '1', 2), node('1.3', '1', null)]);
    expect(tree).toHaveLength(1);
    expect(tree[0].children?.map((c) => c.code)).toEqual(['1.1', '1.2', '1.3']);
    expect(tree[0].selfTotal).toBe(6.5);
    expect(tree[0].appraisedTotal).toBeNull();
  });
  it('formats sizes with a decimal comma', () => {
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(12_700)).toBe('12,4 KB');
  });
});
