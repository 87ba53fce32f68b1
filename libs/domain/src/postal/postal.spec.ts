import { DomainError, DomainErrorCode } from '../errors';
import {
  assertShipmentMove,
  canMoveShipment,
  isValidTrackingCode,
  postalReceptionTime,
  s10CheckDigit,
  SHIPMENT_MOVES,
  SHIPMENT_STATUSES,
  ShipmentDirection as D,
  ShipmentStatus as S,
  toCarrierOrder,
  trackingCode,
} from './index';

describe('S10 tracking codes', () => {
  it.each<[string, number]>([
    // Worked examples of the UPU S10 check digit (weights 8 6 4 2 3 5 9 7; 10 → 0, 11 → 5).
    ['47312482', 9], // UPU's published example: RR473124829GB
    ['12345678', 5],
    ['00000000', 5],
    ['00000001', 4],
    ['00000010', 2],
  ])('serial %s has check digit %i', (serial, digit) => {
    expect(s10CheckDigit(serial)).toBe(digit);
  });

  it('builds and recognises codes; a changed digit fails the check', () => {
    const code = trackingCode('RR', 47312482);
    expect(code).toBe('RR473124829VN');
    expect(isValidTrackingCode(code)).toBe(true);
    expect(isValidTrackingCode('RR473124819VN')).toBe(false);
    expect(isValidTrackingCode('rr473124828VN')).toBe(false);
    expect(isValidTrackingCode('RR47312482VN')).toBe(false);
  });

  it('refuses serials and letters out of range', () => {
    expect(() => trackingCode('R1', 1)).toThrow(RangeError);
    expect(() => trackingCode('RR', 100_000_000)).toThrow(RangeError);
    expect(() => trackingCode('RR', -1)).toThrow(RangeError);
  });
});

describe('shipment moves', () => {
  it('every move goes between statuses of its direction', () => {
    for (const direction of [D.Inbound, D.Outbound]) {
      for (const [from, tos] of Object.entries(SHIPMENT_MOVES[direction])) {
        expect(SHIPMENT_STATUSES[direction]).toContain(from);
        tos.forEach((to) => expect(SHIPMENT_STATUSES[direction]).toContain(to));
      }
    }
  });

  it.each<[D, S, S, boolean]>([
    [D.Outbound, S.Created, S.HandedToPost, true],
    [D.Outbound, S.Created, S.Delivered, false],
    [D.Outbound, S.DeliveryFailed, S.InTransit, true],
    [D.Outbound, S.Delivered, S.InTransit, false],
    [D.Outbound, S.HandedToPost, S.Cancelled, false],
    [D.Inbound, S.AcceptedByPost, S.HandedOver, true],
    [D.Inbound, S.HandedOver, S.InTransit, false],
    [D.Inbound, S.Created, S.HandedOver, false],
  ])('%s %s → %s: %s', (direction, from, to, legal) => {
    expect(canMoveShipment(direction, from, to)).toBe(legal);
  });

  it('an illegal move is a conflict carrying the current state and naming the field', () => {
    const current = { status: S.Delivered };
    let error: unknown;
    try {
      assertShipmentMove(D.Outbound, S.Delivered, S.InTransit, current);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(DomainErrorCode.IllegalTransition);
    expect((error as DomainError).current).toBe(current);
    expect((error as DomainError).details).toEqual([
      { field: 'status', reason: 'delivered is final' },
    ]);
  });
});

describe('postal reception time (the hand-over signature)', () => {
  const now = new Date('2026-05-04T02:00:00Z'); // Mon 4/5/2026 09:00 in Hà Nội
  const at = (iso: string) => postalReceptionTime({ signedAt: new Date(iso), now, maxAgeDays: 7 });

  it('is the signature time, not the time the desk logs it', () => {
    expect(at('2026-04-29T03:00:00Z').toISOString()).toBe('2026-04-29T03:00:00.000Z');
  });

  it('refuses a future signature beyond a few minutes of skew; within them it is now', () => {
    expect(() => at('2026-05-04T02:10:00Z')).toThrow(/handOver.signedAt: is in the future/);
    expect(at('2026-05-04T02:03:00Z').toISOString()).toBe(now.toISOString());
  });

  it('refuses a signature older than the configured bound', () => {
    expect(() => at('2026-04-26T01:59:59Z')).toThrow(/more than 7 days ago/);
    expect(at('2026-04-27T02:00:00Z').toISOString()).toBe('2026-04-27T02:00:00.000Z');
    expect(() =>
      postalReceptionTime({ signedAt: new Date('x'), now, maxAgeDays: 7, field: 'signedAt' }),
    ).toThrow(/signedAt: must be a date-time/);
  });
});

describe('carrier order', () => {
  it('fills the wire fields and cuts long texts to their limits', () => {
    const order = toCarrierOrder({
      trackingCode: 'RR473124829VN',
      customerCode: 'SGDDT',
      applicationCode: 'SGD-260504-0001',
      procedureName: 'Cấp bản sao văn bằng'.repeat(20),
      sender: { name: 'Sở Giáo dục và Đào tạo', address: null },
      receiver: {
        name: 'Nguyễn Thị Hoà',
        phone: '0912345678',
        street: 'Số 5 Lê Lợi',
        commune: 'Phường Đông Thành',
        district: null,
        province: 'Ninh Bình',
      },
      postageVnd: 25_000,
      codVnd: 0,
    });
    expect(order).toMatchObject({
      MaBuuGui: 'RR473124829VN',
      LoaiDichVu: 'KQ_TTHC',
      MaHoSo: 'SGD-260504-0001',
      NguoiNhan: { HoTen: 'Nguyễn Thị Hoà', PhuongXa: 'Phường Đông Thành', QuanHuyen: null },
      CuocPhi: 25_000,
    });
    expect(order.NoiDung.length).toBe(250);
  });
});
