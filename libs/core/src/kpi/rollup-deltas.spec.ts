import { RollupDeltas } from './rollup-deltas';

const unit = { departmentId: 'd1', procedureId: 'p1', channel: 'direct' };

describe('RollupDeltas', () => {
  it('sums events of one local day, department, procedure and channel into one row', () => {
    const deltas = new RollupDeltas();
    deltas.add('2026-05-04T02:00:00Z', unit, { received: 1 });
    deltas.add('2026-05-04T09:00:00Z', unit, { received: 1, supplement_requests: 1 });
    deltas.add('2026-05-04T09:00:00Z', { ...unit, channel: 'online' }, { received: 1 });
    const rows = deltas.toRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ day: '2026-05-04', received: 2, supplement_requests: 1 });
    expect(rows[1]).toMatchObject({ channel: 'online', received: 1, supplement_requests: 0 });
  });

  it('keys by the day in Asia/Ho_Chi_Minh, not UTC', () => {
    const deltas = new RollupDeltas();
    deltas.add('2026-05-04T16:59:59Z', unit, { received: 1 }); // 23:59:59 on 4/5
    deltas.add('2026-05-04T17:00:00Z', unit, { received: 1 }); // 00:00 on 5/5
    expect(deltas.toRows().map((r) => [r.day, r.received])).toEqual([
      ['2026-05-04', 1],
      ['2026-05-05', 1],
    ]);
  });

  it('leaves out rows whose counters are all zero', () => {
    const deltas = new RollupDeltas();
    deltas.add('2026-05-04T02:00:00Z', unit, { withdrawn: 0 });
    expect(deltas.toRows()).toEqual([]);
  });

  it('adds single counters into the same rows as whole sets, and cancels what a fact withdrew', () => {
    const deltas = new RollupDeltas();
    deltas.addOnDay('2026-05-04', unit, { received: 1, result_on_time: 1 });
    deltas.addCount('2026-05-04', unit, 'received', 1);
    deltas.addCount('2026-05-04', unit, 'result_on_time', -1);
    deltas.addCount('2026-05-05', { ...unit, procedureId: 'p2' }, 'withdrawn', 1);
    deltas.addCount('2026-05-06', unit, 'received', 1);
    deltas.addCount('2026-05-06', unit, 'received', -1);
    expect(deltas.toRows()).toEqual([
      expect.objectContaining({
        day: '2026-05-04',
        procedureId: 'p1',
        received: 2,
        result_on_time: 0,
      }),
      expect.objectContaining({ day: '2026-05-05', procedureId: 'p2', withdrawn: 1, received: 0 }),
    ]);
  });
});
