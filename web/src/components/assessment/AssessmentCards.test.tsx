import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import type { ColumnsType } from 'antd/es/table';
import { AssessmentCards } from './AssessmentCards';

type Node = { code: string; title: string; max: number; self: number | null; leaf: boolean; children?: Node[] };

const tree: Node[] = [
  {
    code: '2',
    title: 'Tổ chức thực hiện văn bản quy phạm pháp luật',
    max: 3,
    self: 1.75,
    leaf: false,
    children: [
      { code: '2.1', title: 'Tổ chức thực hiện các VBQPPL', max: 1, self: 0.75, leaf: true },
      { code: '2.3', title: 'Theo dõi thi hành pháp luật', max: 0.5, self: null, leaf: true },
    ],
  },
];

const columns: ColumnsType<Node> = [
  { title: 'Mã', key: 'code', dataIndex: 'code', render: (c: string) => <b>{c}</b> },
  { title: 'Nội dung tiêu chí', key: 'title', dataIndex: 'title', render: (t: string) => <span>{t}</span> },
  { title: 'Tối đa', key: 'max', dataIndex: 'max', render: (m: number) => String(m).replace('.', ',') },
  {
    title: 'Tự chấm',
    key: 'self',
    render: (_: unknown, n: Node) => (n.leaf ? <input aria-label={`Tự chấm ${n.code}`} defaultValue={n.self ?? ''} /> : String(n.self).replace('.', ',')),
  },
  { title: 'Thuyết minh', key: 'explanation', render: (_: unknown, n: Node) => (n.leaf ? <textarea aria-label={`Thuyết minh ${n.code}`} /> : null) },
  { title: '', key: 'history', render: (_: unknown, n: Node) => (n.leaf ? <button type="button">Lịch sử {n.code}</button> : null) },
];

describe('AssessmentCards', () => {
  it('renders an area header with its totals and one labelled card per leaf criterion', () => {
    render(<AssessmentCards<Node> tree={tree} columns={columns} testid="assessment-tree" />);
    const container = screen.getByTestId('assessment-tree');
    const area = within(container).getByTestId('area-card-2');
    expect(area.querySelector('.area-card-header')?.textContent).toBe('2 Tổ chức thực hiện văn bản quy phạm pháp luậtTối đa 3Tự chấm 1,75');
    // The area header carries no editors; explanation and history are for leaves only.
    expect(area.querySelector('.area-card-header textarea')).toBeNull();

    const card = within(container).getByTestId('criterion-card-2.1');
    expect(card.querySelector('.criterion-card-code')?.textContent).toBe('2.1');
    expect(card.querySelector('.criterion-card-heading')?.textContent).toBe('Tổ chức thực hiện các VBQPPL');
    const labels = [...card.querySelectorAll('.criterion-card-label')].map((e) => e.textContent);
    expect(labels).toEqual(['Tối đa', 'Tự chấm', 'Thuyết minh']);
    expect(within(card).getByLabelText('Tự chấm 2.1')).toHaveProperty('value', '0.75');
    expect(within(card).getByRole('button', { name: 'Lịch sử 2.1' })).toBeTruthy();
    expect(within(container).getByTestId('criterion-card-2.3').querySelector('.criterion-card-max .criterion-card-value')?.textContent).toBe('0,5');
    expect(container.querySelectorAll('[data-testid^="criterion-card-"]')).toHaveLength(2);
  });
});
