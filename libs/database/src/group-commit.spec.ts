import { GroupCommit } from './group-commit';

/** A transaction stand-in that records each batch and can be held open or made to fail. */
function recorder(options: {
  maxBatch?: number;
  failWhen?: (items: readonly number[]) => boolean;
}) {
  const batches: number[][] = [];
  const singles: number[] = [];
  let release: () => void = () => undefined;
  let held: Promise<void> | null = null;
  const group = new GroupCommit<number, string>({
    many: async (items) => {
      batches.push([...items]);
      if (held) {
        await held;
      }
      if (options.failWhen?.(items)) {
        throw new Error(`batch ${items.join(',')} failed`);
      }
      return items.map((i) => `ok ${i}`);
    },
    one: (item) => {
      singles.push(item);
      return options.failWhen?.([item])
        ? Promise.reject(new Error(`item ${item} failed`))
        : Promise.resolve(`alone ${item}`);
    },
    maxBatch: () => options.maxBatch ?? 100,
  });
  return {
    group,
    batches,
    singles,
    hold: (): void => {
      held = new Promise<void>((r) => (release = r));
    },
    release: () => {
      held = null;
      release();
    },
  };
}

describe('GroupCommit', () => {
  it('applies a lone item at once, and gathers what arrives meanwhile into the next batch', async () => {
    const r = recorder({});
    r.hold();
    const first = r.group.submit(1);
    const rest = [2, 3, 4].map((i) => r.group.submit(i));
    await Promise.resolve();
    expect(r.batches).toEqual([[1]]);
    r.release();
    expect(await first).toBe('ok 1');
    expect(await Promise.all(rest)).toEqual(['ok 2', 'ok 3', 'ok 4']);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const r = recorder({ maxBatch: 2 });
    r.hold();
    const all = [1, 2, 3, 4, 5].map((i) => r.group.submit(i));
    r.release();
    await Promise.all(all);
    expect(r.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('when a batch fails, retries its items one by one: only the bad one fails', async () => {
    const r = recorder({ failWhen: (items) => items.includes(3) });
    r.hold();
    const first = r.group.submit(1);
    const rest = [2, 3, 4].map((i) => r.group.submit(i));
    r.release();
    await first;
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[0] as PromiseFulfilledResult<string>).value).toBe('alone 2');
    expect(r.singles).toEqual([2, 3, 4]);
  });

  it('a failing lone item is rejected without a retry', async () => {
    const r = recorder({ failWhen: () => true });
    await expect(r.group.submit(7)).rejects.toThrow('batch 7 failed');
    expect(r.singles).toEqual([]);
  });
});

describe('GroupCommit with several batches in flight', () => {
  /** Batches that stay open until released, counting how many were open at once. */
  function heldBatches(maxInFlight: number, options: { retryAlone?: boolean } = {}) {
    const batches: number[][] = [];
    const releases: Array<() => void> = [];
    let open = 0;
    let mostOpen = 0;
    const group = new GroupCommit<number, string>({
      many: async (items) => {
        batches.push([...items]);
        open++;
        mostOpen = Math.max(mostOpen, open);
        await new Promise<void>((r) => releases.push(r));
        open--;
        if (items.includes(13)) {
          throw new Error('connection lost');
        }
        return items.map((i) => `ok ${i}`);
      },
      one: (item) => Promise.resolve(`alone ${item}`),
      maxBatch: () => 3,
      maxInFlight: () => maxInFlight,
      retryAlone: () => options.retryAlone ?? true,
    });
    const releaseAll = async () => {
      while (releases.length > 0) {
        releases.splice(0).forEach((r) => r());
        await new Promise((r) => setImmediate(r));
      }
    };
    return { group, batches, releaseAll, mostOpen: () => mostOpen };
  }

  it('starts up to maxInFlight batches at once; the rest gather behind them', async () => {
    const h = heldBatches(2);
    const all = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => h.group.submit(i));
    await Promise.resolve();
    expect(h.batches).toEqual([[1], [2]]);
    await h.releaseAll();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `ok ${i}`));
    expect(h.batches).toEqual([[1], [2], [3, 4, 5], [6, 7, 8]]);
    expect(h.mostOpen()).toBe(2);
  });

  it('a failure not worth retrying alone rejects the whole batch at once', async () => {
    const h = heldBatches(1, { retryAlone: false });
    const first = h.group.submit(1);
    const rest = Promise.allSettled([12, 13, 14].map((i) => h.group.submit(i)));
    await h.releaseAll();
    expect(await first).toBe('ok 1');
    const settled = await rest;
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(h.batches).toEqual([[1], [12, 13, 14]]);
  });

  it('the same failure worth retrying: each item alone', async () => {
    const h = heldBatches(1, { retryAlone: true });
    const first = h.group.submit(1);
    const rest = [12, 13, 14].map((i) => h.group.submit(i));
    await h.releaseAll();
    await first;
    expect(await Promise.all(rest)).toEqual(['alone 12', 'alone 13', 'alone 14']);
  });
});
