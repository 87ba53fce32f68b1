import { ReplayCoverage } from './replay-coverage';

describe('ReplayCoverage', () => {
  it('covers nothing before the first replayed sample', () => {
    const c = new ReplayCoverage();
    expect(c.coversUntil).toBe(0);
    c.sampled(1000, 100n);
    c.replayed(99n);
    expect(c.coversUntil).toBe(0);
  });

  it('covers up to the time of the newest sample the replica has replayed', () => {
    const c = new ReplayCoverage();
    c.sampled(1000, 100n);
    c.sampled(1200, 150n);
    c.sampled(1400, 150n);
    c.sampled(1600, 300n);
    c.replayed(150n);
    // Both samples at position 150 are replayed: the later one's time counts.
    expect(c.coversUntil).toBe(1400);
    expect(c.waiting).toBe(1);
    c.replayed(299n);
    expect(c.coversUntil).toBe(1400);
    c.replayed(300n);
    expect(c.coversUntil).toBe(1600);
    expect(c.waiting).toBe(0);
  });

  it('stays where it was while the replica is paused, however long the primary writes', () => {
    const c = new ReplayCoverage();
    c.sampled(1000, 100n);
    c.replayed(100n);
    for (let at = 1200; at < 20000; at += 200) {
      c.sampled(at, BigInt(at));
      c.replayed(100n);
    }
    expect(c.coversUntil).toBe(1000);
  });

  it('never moves back, and forgets old samples', () => {
    const c = new ReplayCoverage();
    c.sampled(1000, 100n);
    c.replayed(100n);
    c.replayed(50n);
    expect(c.coversUntil).toBe(1000);
    c.sampled(2000, 200n);
    c.sampled(3000, 300n);
    c.forgetBefore(2500);
    expect(c.waiting).toBe(1);
    c.replayed(300n);
    expect(c.coversUntil).toBe(3000);
  });
});
