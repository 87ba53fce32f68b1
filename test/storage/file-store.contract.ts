import { FileStore, sha256Of } from '@app/storage';

/**
 * What every FileStore adapter must do; the same cases run against each adapter
 * (test/integration/file-store.int-spec.ts).
 */
export function describeFileStoreContract(name: string, open: () => Promise<FileStore>) {
  describe(`${name} (FileStore contract)`, () => {
    let store: FileStore;
    beforeAll(async () => {
      store = await open();
    });

    it('keeps bytes under their SHA-256 and gives them back unchanged', async () => {
      const content = Buffer.from(`%PDF-1.4 contract ${name} ${Math.random()}`);
      const stored = await store.put(content);
      expect(stored).toEqual({ sha256: sha256Of(content), sizeBytes: content.length });
      expect(await store.has(stored.sha256)).toBe(true);
      expect((await store.get(stored.sha256))?.equals(content)).toBe(true);
    });

    it('stores the same content twice as one copy with one key', async () => {
      const content = Buffer.from(`same bytes ${name} ${Math.random()}`);
      const first = await store.put(content);
      const second = await store.put(Buffer.from(content));
      expect(second.sha256).toBe(first.sha256);
      expect((await store.get(first.sha256))?.equals(content)).toBe(true);
    });

    it('keeps binary content intact (every byte value)', async () => {
      const content = Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 7) % 256));
      const { sha256 } = await store.put(content);
      expect((await store.get(sha256))?.equals(content)).toBe(true);
    });

    it('answers null and false for a key it does not hold', async () => {
      const absent = sha256Of(Buffer.from(`never stored ${Math.random()}`));
      expect(await store.get(absent)).toBeNull();
      expect(await store.has(absent)).toBe(false);
    });

    it('deletes, and deleting twice is not an error', async () => {
      const { sha256 } = await store.put(Buffer.from(`to delete ${Math.random()}`));
      await store.delete(sha256);
      await store.delete(sha256);
      expect(await store.has(sha256)).toBe(false);
      expect(await store.get(sha256)).toBeNull();
    });

    it.each(['../../etc/passwd', 'ABCDEF', `${'a'.repeat(63)}/`, ''])(
      'refuses a key that is not a SHA-256 (%p)',
      async (key) => {
        await expect(store.get(key)).rejects.toThrow(/SHA-256/);
        await expect(store.has(key)).rejects.toThrow(/SHA-256/);
      },
    );
  });
}
