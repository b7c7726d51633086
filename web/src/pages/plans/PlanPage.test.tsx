import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { PlanPage } from './PlanPage';
import type { PlanView, Session, TaskView } from '../../types';

function session(role: string, department: string | null = null): Session {
  return {
    user: { username: `${role}.lakhe`, display_name: role, role, unit: 'lakhe', groups: [], department },
    csrf_token: 'x',
    must_change_password: false,
  };
}

function task(position: number, over: Partial<TaskView> = {}): TaskView {
  return {
    id: 100 + position, unit: 'lakhe', year: 2024, position, title: `Nhiệm vụ số ${position}`, criteria: [`1.${position}`],
    lead_department: position % 2 ? 'vp-tk' : 'tp-ht', lead_user: '', cooperating: [], recurrence: 'once',
    deadline: '2024-06-30', expected_output: 'Báo cáo', cause: '', solution: '', status: 'not_started', progress: 0,
    due_state: 'overdue', due: '2024-06-30', days_left: -30, last_update: null, ...over,
  };
}

function planView(): PlanView {
  return {
    plan: {
      unit: 'lakhe', year: 2024, results_year: 2023, authority: 'UBND QUẬN HÀ ĐÔNG', issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ',
      number: '', number_suffix: 'KH-UBND', place: 'La Khê', date: null, title: 'Cải thiện', basis: [], purposes: ['Mục đích'],
      requirements: [], causes: [], progress: [], solutions: [], responsibilities: [], closing: '', recipients: ['Lưu: VT.'],
      signer: { mode: 'personal', collective: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', deputy_title: '', name: 'Nguyễn Hữu Hiến' },
      status: 'draft', issued_at: null, revision: 3,
    },
    tasks: [task(1, { status: 'in_progress', progress: 60 }), task(2, { due_state: 'due_soon', days_left: 3 }), task(3, { status: 'done', progress: 100, due_state: 'not_due' })],
    progress: {
      tasks: 3, done: 1, overdue: 1, mean_progress: 53.3,
      by_department: [{ key: 'tp-ht', name: 'Tư pháp – Hộ tịch', tasks: 1, done: 0, overdue: 0, mean_progress: 0 }],
      by_criterion: [],
    },
    can: { edit: true, issue: false, update_tasks: true },
  };
}

type Handler = (url: string, init?: RequestInit) => { status: number; body?: unknown };

function renderPlan(role: string, handler: Handler, path = '/units/lakhe/plans/2024') {
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const answer = url.startsWith('/api/units?') || url === '/api/units' ? { status: 200, body: { units: [] } } : handler(url, init);
      return Promise.resolve(new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status }));
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['session'], session(role));
  return render(
    <QueryClientProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/units/:code/plans/:year" element={<PlanPage />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
}

const notFound = { status: 404, body: { error: { code: 'not_found', message: 'Đơn vị chưa có kế hoạch năm 2024', details: [] } } };

afterEach(() => vi.unstubAllGlobals());

describe('the plan page', () => {
  it('offers the coordinator a draft from the results of the year before when there is no plan', async () => {
    renderPlan('coordinator', () => notFound);
    expect(await screen.findByText('Đơn vị chưa có kế hoạch cải thiện năm 2024.')).toBeInTheDocument();
    expect(screen.getByTestId('plan-draft')).toHaveTextContent('Lập dự thảo kế hoạch từ kết quả năm 2023');
  }, 20_000);

  it('does not offer the draft to an officer', async () => {
    renderPlan('officer', () => notFound);
    expect(await screen.findByText('Đơn vị chưa có kế hoạch cải thiện năm 2024.')).toBeInTheDocument();
    expect(screen.queryByTestId('plan-draft')).not.toBeInTheDocument();
  }, 20_000);

  it('lists the tasks with their due states, departments and progress', async () => {
    renderPlan('coordinator', () => ({ status: 200, body: planView() }));
    const table = await screen.findByTestId('tasks-table');
    expect(within(table).getAllByTestId(/^task-title$/).map((e) => e.textContent)).toEqual(['Nhiệm vụ số 1', 'Nhiệm vụ số 2', 'Nhiệm vụ số 3']);
    const row1 = screen.getByTestId('task-row-1');
    expect(within(row1).getByText('Quá hạn 30 ngày')).toBeInTheDocument();
    expect(within(row1).getByText('Đang thực hiện')).toBeInTheDocument();
    expect(within(row1).getByText('60 %')).toBeInTheDocument();
    expect(within(row1).getByText('30/06/2024')).toBeInTheDocument();
    expect(within(screen.getByTestId('task-row-2')).getByText('Sắp đến hạn (còn 3 ngày)')).toBeInTheDocument();
    expect(within(screen.getByTestId('task-row-2')).getByTestId('task-department')).toHaveTextContent('Tư pháp – Hộ tịch');
    expect(screen.getByTestId('plan-status')).toHaveTextContent('Dự thảo');
    expect(screen.queryByTestId('plan-issue')).not.toBeInTheDocument();
    expect(screen.getByTestId('download-plan')).toHaveAttribute('href', '/api/units/lakhe/plans/2024/plan.docx');
    expect(screen.getByTestId('download-annex')).toHaveAttribute('href', '/api/units/lakhe/plans/2024/annex.xlsx');
    expect(screen.getByTestId('download-progress').getAttribute('href')).toMatch(/^\/api\/units\/lakhe\/plans\/2024\/progress\.docx\?date=\d{4}-\d{2}-\d{2}$/);
  }, 20_000);

  it('saves the document with its revision and explains a conflict', async () => {
    const sent: unknown[] = [];
    renderPlan(
      'coordinator',
      (_url, init) => {
        if (init?.method === 'PUT') {
          sent.push(JSON.parse(String(init.body)));
          return { status: 409, body: { error: { code: 'conflict', message: 'Kế hoạch đã được sửa', details: [] } } };
        }
        return { status: 200, body: planView() };
      },
      '/units/lakhe/plans/2024?tab=document',
    );
    const number = await screen.findByDisplayValue('UBND QUẬN HÀ ĐÔNG');
    expect(number).toBeInTheDocument();
    fireEvent.change(document.getElementById('plan-number')!, { target: { value: '45' } });
    fireEvent.click(screen.getByTestId('plan-save'));
    expect(await screen.findByText('Kế hoạch vừa được người khác sửa; tải lại để xem bản mới')).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ number: '45', revision: 3, purposes: ['Mục đích'], recipients: ['Lưu: VT.'], date: null });
    expect(sent[0]).not.toHaveProperty('status');
  }, 20_000);
  it('offers the unit\'s people in the task drawer, showing the assigned officer by name', async () => {
    const people = [
      { username: 'chutich.lakhe', display_name: 'Chủ tịch La Khê', role: 'leader', department: '' },
      { username: 'tuphap.lakhe', display_name: 'Công chức Tư pháp', role: 'officer', department: 'tp-ht' },
    ];
    const view = planView();
    view.tasks[1] = { ...view.tasks[1], lead_user: 'tuphap.lakhe' };
    const asked: string[] = [];
    renderPlan('coordinator', (url) => {
      asked.push(url);
      return url === '/api/units/lakhe/people' ? { status: 200, body: { people } } : { status: 200, body: view };
    });
    fireEvent.click(await screen.findByTestId('task-edit-2'));
    const select = await screen.findByTestId('task-lead-user-select');
    expect(await within(select).findByText('Công chức Tư pháp (tuphap.lakhe)')).toBeInTheDocument();
    expect(screen.queryByTestId('task-lead-user-text')).not.toBeInTheDocument();
    expect(asked).toContain('/api/units/lakhe/people');
  }, 20_000);

  it('falls back to typing the officer\'s username when the unit\'s people cannot be loaded', async () => {
    const refused = { status: 403, body: { error: { code: 'forbidden', message: 'Không được phép', details: [] } } };
    renderPlan('coordinator', (url) => (url === '/api/units/lakhe/people' ? refused : { status: 200, body: planView() }));
    fireEvent.click(await screen.findByTestId('task-edit-2'));
    expect(await screen.findByText('Không tải được danh sách người của đơn vị: nhập tên đăng nhập.')).toBeInTheDocument();
    expect(screen.queryByTestId('task-lead-user-select')).not.toBeInTheDocument();
    expect(document.getElementById('task-lead-user')).toBeInTheDocument();
  }, 20_000);
});
