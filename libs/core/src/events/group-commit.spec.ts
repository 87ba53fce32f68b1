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
