import { ApplicationStatus as S, Channel, TransitionAction as A } from '../lifecycle';
import { k5SyncLag, k5SyncRate } from '../kpi/indicators';
import {
  codeTableOn,
  DVCQG_CODE_TABLES,
  DvcqgCodeTable,
  UnmappedProcedureCode,
} from './dvcqg-code-tables';
import {
  cutText,
  formatDvcqgDate,
  PortalSnapshot,
  toDvcqgDossier,
  toDvcqgProgress,
} from './dvcqg-mapper';
import { DVCQG_TEXT_LIMITS } from './dvcqg-wire-format';

const at = (iso: string) => new Date(iso);

function snapshot(over: Partial<PortalSnapshot> = {}): PortalSnapshot {
  return {
    code: '000.00.12.H00-260304-0001',
    procedureCode: '2.001914',
    procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    channel: Channel.Postal,
    status: S.Processing,
    applicantFullName: 'Nguyễn Thị Hoà',
    applicantPhone: '0912345678',
    applicantEmail: null,
    applicantAddress: 'Phường Hoa Lư, tỉnh Ninh Bình',
    receivedAt: at('2026-03-04T02:15:09Z'),
    dueAt: at('2026-03-11T10:00:00Z'),
    returnedAt: null,
    stoppedAt: null,
    agencyName: 'Sở Giáo dục và Đào tạo',
    departmentName: 'Phòng Giáo dục Trung học',
    supplements: [],
    history: [],
    ...over,
  };
}

const table = DVCQG_CODE_TABLES[0];

function dossierOf(s: PortalSnapshot, t: DvcqgCodeTable = table) {
  const d = toDvcqgDossier(s, t);
  if (d === null) {
    throw new Error('no national status');
  }
  return d;
}

describe('DVCQG mapper (spec §10)', () => {
  it.each([
    ['2026-03-04T02:15:09Z', '20260304091509'],
    ['2026-03-04T16:59:59Z', '20260304235959'],
    ['2026-03-04T17:00:00Z', '20260305000000'], // midnight in Hà Nội, still the 4th in UTC
    ['2025-12-31T17:30:00Z', '20260101003000'],
  ])('dates as yyyyMMddHHmmss in Asia/Ho_Chi_Minh: %s → %s', (iso, wire) => {
    expect(formatDvcqgDate(at(iso))).toBe(wire);
  });

  it('cuts text to its limit by characters, never inside a letter, with an ellipsis', () => {
    expect(cutText('Hoà', 10)).toBe('Hoà');
    expect(cutText('Nguyễn Văn A', 7)).toBe('Nguyễn…');
    expect([...cutText('ễ'.repeat(300), 200)]).toHaveLength(200);
    const long = dossierOf(snapshot({ applicantFullName: 'Trần '.repeat(100) }), table);
    expect([...long.ChuHoSo].length).toBe(DVCQG_TEXT_LIMITS.ChuHoSo);
  });

  it('maps identity, channel, dates, national status and the division', () => {
    const d = dossierOf(snapshot(), table);
    expect(d).toMatchObject({
      MaHoSo: '000.00.12.H00-260304-0001',
      MaTTHC: '2.001914',
      KenhThucHien: 3,
      ChuHoSo: 'Nguyễn Thị Hoà',
      NgayTiepNhan: '20260304091509',
      NgayHenTra: '20260311170000',
      NgayTra: null,
      TrangThaiHoSo: 4,
      DonViXuLy: 'Phòng Giáo dục Trung học – Sở Giáo dục và Đào tạo',
      PhienBanBangMa: '2025.1',
    });
  });

  it.each([
    [S.Submitted, 1],
    [S.Received, 2],
    [S.NotAccepted, 3],
    [S.Processing, 4],
    [S.SupplementRequested, 5],
    [S.PaymentRequired, 6],
    [S.WithdrawalRequested, 7],
    [S.Stopped, 8],
    [S.ResultReady, 9],
    [S.ResultReturned, 10],
  ])('local state %s → national status %i', (status: S, code: number) => {
    expect(dossierOf(snapshot({ status }), table).TrangThaiHoSo).toBe(code);
  });

  it('NgayTra is the return (10), the stop (8) or the refusal (3); no appointment before reception', () => {
    const returned = snapshot({ status: S.ResultReturned, returnedAt: at('2026-03-10T01:00:00Z') });
    expect(dossierOf(returned, table).NgayTra).toBe('20260310080000');
    const refused = snapshot({
      status: S.NotAccepted,
      receivedAt: null,
      history: [
        {
          id: 7,
          at: at('2026-03-04T03:00:00Z'),
          action: A.Refuse,
          toStatus: S.NotAccepted,
          actorName: 'Lê Văn B',
          actorUnit: 'Bộ phận Một cửa',
          note: null,
        },
      ],
    });
    expect(dossierOf(refused, table)).toMatchObject({
      NgayTra: '20260304100000',
      NgayTiepNhan: null,
      NgayHenTra: null,
    });
  });

  it('the supplement list carries the old and the new appointment', () => {
    const d = dossierOf(
      snapshot({
        supplements: [
          {
            id: 's1',
            requestedAt: at('2026-03-05T02:00:00Z'),
            completedAt: at('2026-03-06T02:00:00Z'),
            items: ['Bản sao CCCD'],
            reason: 'thiếu giấy tờ',
            previousDueAt: at('2026-03-11T10:00:00Z'),
            newDueAt: at('2026-03-13T10:00:00Z'),
          },
        ],
      }),
      table,
    );
    expect(d.DanhSachHoSoBoSung).toEqual([
      {
        HoSoBoSungId: 's1',
        NgayYeuCauBoSung: '20260305090000',
        NoiDungBoSung: 'Bản sao CCCD; Lý do: thiếu giấy tờ',
        NgayTiepNhanBoSung: '20260306090000',
        NgayHenTraTruoc: '20260311170000',
        NgayHenTraMoi: '20260313170000',
      },
    ]);
  });

  it('progress rows: officer, department, time, content, status, keyed for upserts', () => {
    const rows = toDvcqgProgress(
      'HS-1',
      [
        {
          id: 41,
          at: at('2026-03-05T02:00:00Z'),
          action: A.RequestSupplement,
          toStatus: S.SupplementRequested,
          actorName: 'Phạm Văn C',
          actorUnit: 'Phòng Giáo dục Trung học',
          note: 'thiếu bản sao',
        },
      ],
      table,
    );
    expect(rows).toEqual([
      {
        MaTienDo: 'HS-1-41',
        NguoiXuLy: 'Phạm Văn C',
        PhongBanXuLy: 'Phòng Giáo dục Trung học',
        ThoiDiemXuLy: '20260305090000',
        NoiDungXuLy: 'Yêu cầu bổ sung hồ sơ: thiếu bản sao',
        TrangThai: 5,
      },
    ]);
  });

  it('local procedure codes map through the versioned table; unknown local codes are refused', () => {
    const v2: DvcqgCodeTable = {
      ...table,
      version: '2026.1',
      validFrom: '2026-01-01',
      procedureCodes: { 'SGD-07': '1.008950' },
    };
    const tables = [table, v2];
    expect(codeTableOn('2025-12-31', tables).version).toBe('2025.1');
    expect(codeTableOn('2026-01-01', tables).version).toBe('2026.1');
    expect(codeTableOn('2020-01-01', tables).version).toBe('2025.1');
    expect(dossierOf(snapshot({ procedureCode: 'SGD-07' }), v2).MaTTHC).toBe('1.008950');
    expect(() => toDvcqgDossier(snapshot({ procedureCode: 'SGD-07' }), table)).toThrow(
      UnmappedProcedureCode,
    );
    // The catalog's placeholders are not national codes until the table maps them.
    expect(() => toDvcqgDossier(snapshot({ procedureCode: '9.900001' }), table)).toThrow(
      UnmappedProcedureCode,
    );
  });
});

describe('states without a national status (incomplete at the desk)', () => {
  const row = (id: number, toStatus: S) => ({
    id,
    at: at('2026-03-04T02:00:00Z'),
    action: 'x',
    toStatus,
    actorName: null,
    actorUnit: 'Bộ phận Một cửa',
    note: null,
  });
  it('a dossier never received nor submitted is not sent; its rows are not either', () => {
    const s = snapshot({ status: S.IncompleteAtDesk, history: [row(1, S.IncompleteAtDesk)] });
    expect(toDvcqgDossier(s, table)).toBeNull();
    expect(toDvcqgProgress('HS', s.history, table)).toEqual([]);
  });
  it('an online dossier sent back for completion keeps its last national status (1)', () => {
    const s = snapshot({
      status: S.IncompleteAtDesk,
      history: [row(1, S.Submitted), row(2, S.IncompleteAtDesk)],
    });
    expect(dossierOf(s).TrangThaiHoSo).toBe(1);
    expect(toDvcqgProgress('HS', s.history, table).map((p) => p.MaTienDo)).toEqual(['HS-1']);
  });
});

describe('K5 sync figures', () => {
  it('sync rate = acknowledged ÷ received; N/A without receptions', () => {
    expect(k5SyncRate(7, 8)).toBe(87.5);
    expect(k5SyncRate(0, 0)).toBeNull();
  });
  it('sync lag: average and worst in seconds', () => {
    expect(k5SyncLag({ total: 10, count: 4, max: 6 })).toEqual({
      averageSeconds: 2.5,
      maxSeconds: 6,
    });
    expect(k5SyncLag({ total: 0, count: 0, max: 0 })).toEqual({
      averageSeconds: null,
      maxSeconds: null,
    });
  });
});
