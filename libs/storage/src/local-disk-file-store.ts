import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertContentKey,
  FileStore,
  sha256Of,
  StoredContent,
  verifiedContent,
} from './file-store';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Files on the local disk under `<root>/<aa>/<bb>/<sha256>` (two levels keep folders small).
 * The folder is never served by the web server: the API reads from it after its access check.
 */
export class LocalDiskFileStore extends FileStore {
  constructor(private readonly root: string) {
    super();
  }

  private pathOf(sha256: string): string {
    assertContentKey(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer): Promise<StoredContent> {
    const sha256 = sha256Of(content);
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(join(target, '..'), { recursive: true });
      // Written beside the target then renamed: a reader never sees half a file, and two
      // writers of the same content both end with the same whole file.
      const partial = `${target}.${randomUUID()}.partial`;
      await writeFile(partial, content, { mode: 0o640 });
      await rename(partial, target);
    }
    return { sha256, sizeBytes: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return verifiedContent(sha256, await readFile(this.pathOf(sha256)));
    } catch (error) {
      if (isMissing(error)) {
        return null;
      }
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isMissing(error)) {
        return false;
      }
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
