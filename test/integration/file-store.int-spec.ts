import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskFileStore, S3FileStore, sha256Of } from '@app/storage';
import { describeFileStoreContract } from '../storage/file-store.contract';
import { startLocalS3 } from '../storage/local-s3-server';

// One contract, two adapters: the local disk (the default) and S3 through s3rver.
let localRoot: string;
let s3: Awaited<ReturnType<typeof startLocalS3>>;
let s3Store: S3FileStore;

beforeAll(async () => {
  localRoot = await mkdtemp(join(tmpdir(), 'motcua-files-'));
  s3 = await startLocalS3('motcua-contract');
  s3Store = new S3FileStore(s3.options);
});

afterAll(async () => {
  s3Store.close();
  await s3.stop();
  await rm(localRoot, { recursive: true, force: true });
});

describeFileStoreContract('LocalDiskFileStore', () =>
  Promise.resolve(new LocalDiskFileStore(localRoot)),
);
describeFileStoreContract('S3FileStore', () => Promise.resolve(s3Store));

describe('LocalDiskFileStore on disk', () => {
  it('names files by hash only, under two levels of folders', async () => {
    const store = new LocalDiskFileStore(localRoot);
    const content = Buffer.from('%PDF-1.4 layout');
    const { sha256 } = await store.put(content);
    expect(await readdir(join(localRoot, sha256.slice(0, 2), sha256.slice(2, 4)))).toEqual([
      sha256,
    ]);
  });

  it('refuses to serve a file whose bytes were altered on disk', async () => {
    const store = new LocalDiskFileStore(localRoot);
    const { sha256 } = await store.put(Buffer.from('%PDF-1.4 original'));
    await writeFile(join(localRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256), 'tampered');
    await expect(store.get(sha256)).rejects.toThrow(/does not match/);
    expect(sha256).toBe(sha256Of(Buffer.from('%PDF-1.4 original')));
  });
});
