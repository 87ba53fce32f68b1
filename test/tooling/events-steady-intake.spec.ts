import { steadyIntake } from '../../bench/events/steady-intake';

describe('bench:events steady intake with a warm-up', () => {
  it('reports the warm-up apart: its commits are marked, its drops not counted as measured', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const before = Date.now();
    const run = steadyIntake({
      rate: 1000,
      warmup: 0.2,
      duration: 0.3,
      maxInFlight: 5,
      interrupted: () => false,
      // The first five never finish before the window ends: every later one is dropped.
      insertOne: async () => {
        const id = `e${n++}`;
        if (n <= 5) {
          await gate;
        }
        return id;
      },
    });
    setTimeout(release, 600);
    const result = await run;

    expect(result.commitMs.size).toBe(5);
    // The five were issued in the warm-up: no measured latency.
    expect(result.latencies).toHaveLength(0);
    expect([...result.warmupIds].sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    // About 200 owed in the warm-up and 300 after it, all but the five dropped (a late timer
    // tick moves a few from one phase to the other, never out of the sum).
    expect(result.warmupDropped + result.dropped + 5).toBeGreaterThanOrEqual(480);
    expect(result.warmupDropped + result.dropped + 5).toBeLessThanOrEqual(510);
    expect(result.warmupDropped).toBeGreaterThan(50);
    expect(result.dropped).toBeGreaterThan(150);
    expect(result.measuredFromMs - before).toBeGreaterThanOrEqual(195);
    expect(result.seconds).toBeGreaterThanOrEqual(0.3);
  });

  it('without a warm-up every commit is measured', async () => {
    let n = 0;
    const result = await steadyIntake({
      rate: 500,
      duration: 0.2,
      maxInFlight: 64,
      interrupted: () => false,
      insertOne: () => Promise.resolve(`e${n++}`),
    });
    expect(result.warmupIds.size).toBe(0);
    expect(result.warmupDropped).toBe(0);
    expect(result.commitMs.size).toBeGreaterThan(50);
    expect(result.latencies).toHaveLength(result.commitMs.size);
    expect([...result.latencies]).toEqual([...result.latencies].sort((a, b) => a - b));
  });

  it('measures each intake from its issue to its commit', async () => {
    let n = 0;
    const result = await steadyIntake({
      rate: 200,
      duration: 0.2,
      maxInFlight: 64,
      interrupted: () => false,
      insertOne: async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return `e${n++}`;
      },
    });
    expect(result.latencies.length).toBeGreaterThan(20);
    expect(result.latencies[0]).toBeGreaterThanOrEqual(29);
    expect(result.latencies[result.latencies.length - 1]).toBeLessThan(1_000);
  });
});
