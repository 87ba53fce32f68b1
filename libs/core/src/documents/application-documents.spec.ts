import {
  DEFAULT_DEADLINE_POLICY,
  DomainError,
  DomainErrorCode,
  OFFICIAL_NOTICES_2025_2026,
  WorkingCalendar,
} from '@app/domain';
import {
  apologyFrom,
  controlSheetFrom,
  departmentIdsOf,
  DocumentContext,
  receiptFrom,
  refusalFrom,
  supplementRequestFrom,
} from './application-documents';
import { stepResult } from './control-sheet-rows';
import { LegalBasis } from '@app/documents';
import { applicationView, DEPT, entry, RECEIVE } from './testing/application-view';

const OTHER_DEPT = 'dept-trung-hoc';

const ctx: DocumentContext = {
  organization: { provinceName: 'tỉnh Ninh Bình', agencyName: 'Sở Giáo dục và Đào tạo' },
  publicBaseUrl: 'https://motcua.example.vn/',
  departmentNames: new Map([
    [DEPT, 'Phòng Khảo thí và Quản lý chất lượng giáo dục'],
    [OTHER_DEPT, 'Phòng Giáo dục Trung học'],
  ]),
  now: new Date('2026-03-20T02:00:00Z'),
};

function expectNotFound(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(DomainErrorCode.NotFound);
    expect((error as DomainError).message).toMatch(message);
    return;
  }
  throw new Error('expected a NOT_FOUND DomainError');
}

describe('receiptFrom', () => {
  it('prints the appointment given at reception, the officer who received and the status URL', () => {
    // An apology moved dueAt; the receipt keeps the original appointment.
    const receipt = receiptFrom(applicationView({ dueAt: '2026-03-20T10:00:00Z' }), ctx);
    expect(receipt).toMatchObject({
      // The agency's one-stop desk receives, not the department that will process it.
      receivingUnit: 'Bộ phận Một cửa – Sở Giáo dục và Đào tạo',
      matter: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
      appointmentAt: new Date('2026-03-12T10:00:00Z'),
      receivedAt: new Date('2026-03-05T01:30:00Z'),
      receivingOfficer: 'Trần Văn Đức',
      logbookEntry: 'SGDDT-260305-0001',
      resultPlace: 'Bộ phận Một cửa – Sở Giáo dục và Đào tạo',
      statusUrl: 'https://motcua.example.vn/app/tra-cuu?code=SGDDT-260305-0001',
      legalBasis: LegalBasis.Tt03of2025,
      timeLimit: { value: 5, unit: 'working_days' },
    });
  });

  it.each([
    ['online', 'Trực tuyến, trên Cổng Dịch vụ công (bản điện tử)'],
    ['postal', 'Qua dịch vụ bưu chính công ích, tại địa chỉ của người nộp hồ sơ'],
  ])('a dossier sent %s collects its result accordingly', (channel, place) => {
    expect(receiptFrom(applicationView({ channel }), ctx).resultPlace).toBe(place);
  });

  it('uses the forms of TT 01/2018 for a dossier received before 1 July 2025', () => {
    const old = applicationView({
      receivedAt: '2025-06-30T09:00:00Z',
      originalDueAt: '2025-07-07T10:00:00Z',
    });
    expect(receiptFrom(old, ctx).legalBasis).toBe(LegalBasis.Tt01of2018);
  });

  it('has no receipt before the dossier is received', () => {
    const submitted = applicationView({
      status: 'submitted',
      receivedAt: null,
      dueAt: null,
      originalDueAt: null,
    });
    expectNotFound(() => receiptFrom(submitted, ctx), /no receipt/);
  });
});

describe('supplementRequestFrom, refusalFrom, apologyFrom', () => {
  const request = entry('request-supplement', '2026-03-06T02:00:00Z', {
    actor: { id: 'u2', name: 'Lê Văn Phúc', role: 'officer' },
    payload: { items: ['Bản sao chứng thực CCCD'], reason: 'Thiếu giấy tờ' },
  });

  it('takes the items and reason of the last supplement request', () => {
    const data = supplementRequestFrom(applicationView({ history: [RECEIVE, request] }), ctx);
    expect(data).toMatchObject({
      items: ['Bản sao chứng thực CCCD'],
      reason: 'Thiếu giấy tờ',
      guidingOfficer: 'Lê Văn Phúc',
      contact: 'ông/bà Lê Văn Phúc, Phòng Khảo thí và Quản lý chất lượng giáo dục',
      issuedAt: new Date('2026-03-06T02:00:00Z'),
    });
  });

  it('answers NOT_FOUND when there was no supplement request, refusal or apology', () => {
    expectNotFound(() => supplementRequestFrom(applicationView(), ctx), /no supplement request/);
    expectNotFound(() => refusalFrom(applicationView(), ctx), /no refusal/);
    expectNotFound(() => apologyFrom(applicationView(), ctx), /no apology/);
  });

  it('prints the refusal reasons of a not accepted dossier', () => {
    const refuse = entry('refuse', '2026-03-05T02:00:00Z', {
      payload: { reasons: ['Không thuộc thẩm quyền'] },
    });
    const refused = applicationView({
      status: 'not_accepted',
      receivedAt: null,
      history: [refuse],
    });
    expect(refusalFrom(refused, ctx)).toMatchObject({
      reasons: ['Không thuộc thẩm quyền'],
      officer: 'Trần Văn Đức',
    });
  });

  it('names the responsible department and both appointments of an apology', () => {
    const apologize = entry('apologize', '2026-03-11T03:00:00Z', {
      payload: {
        reason: 'Phải xin ý kiến cơ quan phối hợp',
        previousDueAt: '2026-03-12T10:00:00Z',
        newDueAt: '2026-03-20T10:00:00Z',
        responsibleDepartmentId: OTHER_DEPT,
      },
    });
    const app = applicationView({ history: [RECEIVE, apologize], dueAt: '2026-03-20T10:00:00Z' });
    expect(apologyFrom(app, ctx)).toMatchObject({
      addressee: 'Ông/Bà Nguyễn Thị Hằng',
      receivingAgency: 'Sở Giáo dục và Đào tạo',
      responsibleAgency: 'Phòng Giáo dục Trung học',
      originalDueAt: new Date('2026-03-12T10:00:00Z'),
      newDueAt: new Date('2026-03-20T10:00:00Z'),
      reason: 'Phải xin ý kiến cơ quan phối hợp',
    });
    expect(departmentIdsOf(app)).toEqual([DEPT, OTHER_DEPT]);
  });

  it('quotes the appointment in force when the apology comes after a restart', () => {
    // A supplement restarted the clock: the appointment became 19/03; the apology moves that one.
    const apologize = entry('apologize', '2026-03-18T03:00:00Z', {
      payload: {
        reason: 'Phải xin ý kiến cơ quan phối hợp',
        previousDueAt: '2026-03-19T10:00:00Z',
        newDueAt: '2026-03-26T10:00:00Z',
      },
    });
    const app = applicationView({ history: [RECEIVE, apologize], dueAt: '2026-03-26T10:00:00Z' });
    expect(apologyFrom(app, ctx).originalDueAt).toEqual(new Date('2026-03-19T10:00:00Z'));
  });
});

describe('controlSheetFrom', () => {
  // The appointment is 17:00 on 12/03 (local): the step result compares local dates.
  it.each([
    ['2026-03-11T09:00:00Z', 'early'],
    ['2026-03-12T16:59:00Z', 'on_time'], // 23:59 on 12/03 in Hà Nội
    ['2026-03-12T17:00:00Z', 'late'], // 00:00 on 13/03 in Hà Nội
  ])('result ready at %s is %s', (readyAt, result) => {
    expect(stepResult(new Date(readyAt), new Date('2026-03-12T10:00:00Z'))).toBe(result);
  });

  it('has one row per history entry, with hand-over parties and the step result', () => {
    const start = entry('start', '2026-03-05T03:00:00Z', {
      actor: { id: 'u2', name: 'Lê Văn Phúc', role: 'officer' },
    });
    const ready = entry('mark-result-ready', '2026-03-11T09:00:00Z', {
      actor: { id: 'u2', name: 'Lê Văn Phúc', role: 'officer' },
      note: 'Đã ký số',
    });
    const app = applicationView({
      history: [RECEIVE, start, ready],
      resultReadyAt: '2026-03-11T09:00:00Z',
    });
    const sheet = controlSheetFrom(app, ctx);
    expect(sheet.issuedAt).toEqual(ctx.now);
    expect(sheet.rows).toEqual([
      {
        giver: 'Người nộp hồ sơ (Nguyễn Thị Hằng)',
        receiver: 'Bộ phận Một cửa (Trần Văn Đức)',
        at: new Date('2026-03-05T01:30:00Z'),
        action: 'Tiếp nhận hồ sơ',
        result: null,
        note: 'Hẹn trả: 12/03/2026',
      },
      {
        giver: 'Bộ phận Một cửa',
        receiver: 'Phòng Khảo thí và Quản lý chất lượng giáo dục (Lê Văn Phúc)',
        at: new Date('2026-03-05T03:00:00Z'),
        action: 'Chuyển hồ sơ để giải quyết',
        result: null,
        note: null,
      },
      {
        giver: 'Phòng Khảo thí và Quản lý chất lượng giáo dục (Lê Văn Phúc)',
        receiver: 'Bộ phận Một cửa',
        at: new Date('2026-03-11T09:00:00Z'),
        action: 'Chuyển kết quả giải quyết',
        result: 'early',
        note: 'Đã ký số',
      },
    ]);
  });

  const k1 = {
    settings: {
      granularity: 'day' as const,
      paymentPausesClock: false,
      deadlinePolicy: DEFAULT_DEADLINE_POLICY,
    },
    calendar: new WorkingCalendar(OFFICIAL_NOTICES_2025_2026),
  };
  const officer = { id: 'u2', name: 'Lê Văn Phúc', role: 'officer' };

  it('agrees with K1 after a restart: the supplement wait is taken out, not the new date used', () => {
    // Appointment 12/03; supplement 06/03 → 11/03 (5 days), restart to 18/03; result 16/03.
    // Against the appointment in force (18/03) that is early; K1: 16/03 − 5 days = 11/03, early
    // against 12/03 — and "late" against 12/03 without the wait, as the sheet used to say.
    const history = [
      RECEIVE,
      entry('request-supplement', '2026-03-06T02:00:00Z', { actor: officer }),
      entry('receive-supplement', '2026-03-11T02:00:00Z'),
      entry('mark-result-ready', '2026-03-16T02:00:00Z', { actor: officer }),
    ];
    const app = applicationView({
      history,
      dueAt: '2026-03-18T10:00:00Z',
      resultReadyAt: '2026-03-16T02:00:00Z',
      status: 'result_ready',
    });
    const sheet = controlSheetFrom(app, { ...ctx, k1 });
    expect(sheet.rows.at(-1)?.result).toBe('early');
    expect(sheet.appointmentAt).toEqual(new Date('2026-03-18T10:00:00Z'));
    expect(sheet.originalAppointmentAt).toEqual(new Date('2026-03-12T10:00:00Z'));
  });

  it('names the liên thông parties and the department whose step overran', () => {
    const head = { id: 'u3', name: 'Phạm Thu', role: 'head' };
    const history = [
      RECEIVE,
      entry('hand-over', '2026-03-06T02:00:00Z', {
        actor: head,
        payload: {
          seq: 1,
          fromDepartmentId: DEPT,
          toDepartmentId: OTHER_DEPT,
          stepDueAt: '2026-03-09T10:00:00Z',
          closedStep: {
            seq: 0,
            outcome: 'early',
            departmentId: DEPT,
            dueAt: '2026-03-12T10:00:00Z',
          },
        },
      }),
      entry('hand-over', '2026-03-11T02:00:00Z', {
        actor: head,
        payload: {
          seq: 2,
          fromDepartmentId: OTHER_DEPT,
          toDepartmentId: DEPT,
          stepDueAt: '2026-03-12T10:00:00Z',
          closedStep: {
            seq: 1,
            outcome: 'late',
            departmentId: OTHER_DEPT,
            dueAt: '2026-03-09T10:00:00Z',
          },
        },
      }),
    ];
    const sheet = controlSheetFrom(applicationView({ history }), { ...ctx, k1 });
    expect(sheet.coordinatingAgencies).toEqual(['Phòng Giáo dục Trung học']);
    expect(sheet.lateDepartments).toEqual(['Phòng Giáo dục Trung học']);
    expect(sheet.rows[2]).toMatchObject({
      giver: 'Phòng Giáo dục Trung học (Phạm Thu)',
      receiver: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
      result: 'late',
      note: 'Hạn bước 2: 12/03/2026; Kết thúc bước 1 (Phòng Giáo dục Trung học): quá hạn, hạn 09/03/2026',
    });
  });
});
