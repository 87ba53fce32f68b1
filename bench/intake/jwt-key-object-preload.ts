import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * A what-if for the profile's top item, preloaded into the API only with
 * `--variant=jwt-key-object` (BENCH_VARIANT): jsonwebtoken 9 first tries every string secret as
 * a PEM public key (`createPublicKey`, which throws) before it treats it as an HMAC secret, on
 * every verify. Handing it a KeyObject made once skips that. The application code is unchanged;
 * the same effect in the app is `secret: createSecretKey(Buffer.from(jwtSecret))` in JwtModule.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonwebtoken = require('jsonwebtoken') as { verify: (...args: unknown[]) => unknown };
const originalVerify = jsonwebtoken.verify;
const keys = new Map<string, KeyObject>();

jsonwebtoken.verify = function verifyWithKeyObject(
  this: unknown,
  token: unknown,
  secret: unknown,
  ...rest: unknown[]
) {
  if (typeof secret === 'string') {
    let key = keys.get(secret);
    if (!key) {
      key = createSecretKey(Buffer.from(secret));
      keys.set(secret, key);
    }
    return originalVerify.call(this, token, key, ...rest);
  }
  return originalVerify.call(this, token, secret, ...rest);
};
