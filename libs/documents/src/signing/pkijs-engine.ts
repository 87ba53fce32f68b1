import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

let ready = false;

/** pkijs does its own hashing and PBES2 through WebCrypto: give it Node's, once. */
export function ensurePkijsEngine(): void {
  if (ready) {
    return;
  }
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto }));
  ready = true;
}

/** An ArrayBuffer holding exactly these bytes (a Buffer may be a view into a larger pool). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

export function bufferOf(bytes: ArrayBuffer | Uint8Array): Buffer {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}
