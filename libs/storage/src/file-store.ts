import { createHash } from 'node:crypto';

/** What a store keeps for one content: its SHA-256 (the key) and its size. */
export interface StoredContent {
  sha256: string;
  sizeBytes: number;
}

/**
 * The port for uploaded documents' bytes. Content-addressed: the key is the SHA-256 of the
 * bytes, so the same document uploaded twice is kept once and a stored file cannot be altered
 * without its key changing. Keys are never shown to clients: files are served by the API
 * through a row id after an access check, never from a path a client could guess or reach.
 */
export abstract class FileStore {
  /** Stores the bytes (idempotent) and returns their key. */
  abstract put(content: Buffer): Promise<StoredContent>;
  /** The bytes of a key, or null when the store has none. */
  abstract get(sha256: string): Promise<Buffer | null>;
  abstract has(sha256: string): Promise<boolean>;
  /** Removes the bytes; removing a missing key is not an error. */
  abstract delete(sha256: string): Promise<void>;
}

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

const KEY = /^[0-9a-f]{64}$/;

/** Refuses anything but a SHA-256 in hex, so that no key can climb out of the store's folder. */
export function assertContentKey(sha256: string): void {
  if (!KEY.test(sha256)) {
    throw new Error('file store key must be a lowercase SHA-256 in hex');
  }
}

/** A store returns bytes only if they still hash to their key (a damaged copy is an error). */
export function verifiedContent(sha256: string, content: Buffer): Buffer {
  if (sha256Of(content) !== sha256) {
    throw new Error(`stored content ${sha256} does not match its hash`);
  }
  return content;
}
