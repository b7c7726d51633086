import { describe, expect, it, vi, afterEach } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AdminPage } from './AdminPage';
import { ImportErrorTable } from './ImportTab';
import { importErrorRows } from './adminLogic';
import type { Session } from '../../types';

function session(role: string): Session {
  return {
    user: { username: role, display_name: role, role, unit: null, groups: [], department: null },
    csrf_token: 'x',
    must_change_password: false,
  };
}

function renderAdmin(role: string, path = '/admin/users') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['session'], session(role));
  return render(
    <QueryClientProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/admin/:tab" element={<AdminPage />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the administration page', () => {
  it('shows a friendly 403 page to a viewer', () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('no request expected'))));
    renderAdmin('viewer');
    expect(screen.getByText('Không có quyền truy cập')).toBeInTheDocument();
    expect(screen.getByText(/chỉ dành cho quản trị viên/)).toBeInTheDocument();
    expect(screen.queryByText('Người dùng')).not.toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  }, 20_000);

  it('lists the users with their roles and states for an administrator', async () => {
    const users = [
      { username: 'admin', display_name: 'Quản trị viên', role: 'administrator', unit: null, groups: [], department: null, disabled: false, must_change_password: false, locked: false },
      { username: 'tuphap.lakhe', display_name: 'Tư pháp La Khê', role: 'officer', unit: 'lakhe', groups: [], department: 'tu-phap', disabled: true, must_change_password: true, locked: false },
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        const body = url.startsWith('/api/admin/users')
          ? { users }
          : url.startsWith('/api/units')
            ? { units: [{ code: 'lakhe', name: 'Phường La Khê', type: 'ward', parent: 'hadong', demo: false, departments: [] }] }
            : { groups: [] };
        return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
      }),
    );
    renderAdmin('administrator');
    const table = await screen.findByTestId('users-table');
    const row = (await within(table).findByText('tuphap.lakhe')).closest('tr')!;
    expect(within(row).getByText('Cán bộ chuyên môn')).toBeInTheDocument();
    expect(await within(row).findByText('Phường La Khê')).toBeInTheDocument();
    expect(within(row).getByText('Đã khoá')).toBeInTheDocument();
    expect(within(row).getByText('Phải đổi mật khẩu')).toBeInTheDocument();
    expect(within(row).getByText('Mở khoá')).toBeInTheDocument();
    const adminRow = within(table).getByText('admin').closest('tr')!;
    expect(within(adminRow).getByText('Đang dùng')).toBeInTheDocument();
  }, 20_000);
});

describe('the import error table', () => {
  it('shows each error on its line, the errors of one line under one line cell', () => {
    const rows = importErrorRows([
      { line: 4, column: 3, field: 'parent_code', value: 'khong-co', reason: 'không có tiêu chí cha' },
      { line: 3, column: 5, field: 'max', value: 'mười', reason: 'số không hợp lệ' },
      { line: 3, column: 6, field: 'method', value: 'x', reason: 'phương pháp không hợp lệ' },
    ]);
    render(<ImportErrorTable rows={rows} />);
    const table = screen.getByTestId('import-errors');
    const line3 = within(table).getByTestId('error-line-3').closest('td')!;
    expect(line3).toHaveAttribute('rowspan', '2');
    const body = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(body[0]).toMatch(/3.*5.*max.*mười.*số không hợp lệ/);
    expect(body[1]).toMatch(/6.*method/);
    expect(body[2]).toMatch(/4.*3.*parent_code.*khong-co.*không có tiêu chí cha/);
  }, 20_000);
});
