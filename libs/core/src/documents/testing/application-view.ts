import type { ApplicationView, HistoryView } from '../../applications/application.view';

// An application as the API returns it, for tests of the mapping to form data.

export const DEPT = 'dept-khao-thi';

export const entry = (
  action: string,
  at: string,
  overrides: Partial<HistoryView> = {},
): HistoryView => ({
  id: 1,
  at,
  action,
  fromStatus: null,
  toStatus: 'received',
  actor: { id: 'u1', name: 'Trần Văn Đức', role: 'reception' },
  note: null,
  payload: {},
  ...overrides,
});

export const RECEIVE = entry('receive', '2026-03-05T01:30:00Z');

export function applicationView(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: '7b0c0a52-9a49-4c55-9d7b-2a4d3f1a0c11',
    code: 'SGDDT-260305-0001',
    status: 'received',
    portalStatusCode: 2,
    statusLabel: 'Được tiếp nhận',
    clock: 'running',
    procedure: {
      id: 'p1',
      code: '1.005092',
      version: 1,
      name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
      timeLimit: { value: 5, unit: 'working_days' },
    },
    departmentId: DEPT,
    holdingDepartmentId: DEPT,
    channel: 'direct',
    applicant: {
      fullName: 'Nguyễn Thị Hằng',
      kind: 'person',
      idNumber: '001203004567',
      phone: '0912345678',
      email: null,
      address: 'Số 8 ngõ Hầm Dẫn',
    },
    documents: [{ name: 'Đơn đề nghị', copies: 1 }],
    note: null,
    submittedAt: null,
    receivedAt: '2026-03-05T01:30:00Z',
    dueAt: '2026-03-12T10:00:00Z',
    originalDueAt: '2026-03-12T10:00:00Z',
    pausedDueAt: null,
    supplementCount: 0,
    apologyCount: 0,
    resultReadyAt: null,
    returnedAt: null,
    stoppedAt: null,
    stopReason: null,
    withdrawalRequestedAt: null,
    assignedOfficerId: null,
    review: { chain: [], position: null },
    resultNumber: null,
    resultSignedBy: null,
    resultSignedAt: null,
    version: 1,
    createdAt: '2026-03-05T01:30:00Z',
    updatedAt: '2026-03-05T01:30:00Z',
    history: [RECEIVE],
    ...overrides,
  };
}
