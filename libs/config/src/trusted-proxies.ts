import { isIP } from 'node:net';

/**
 * TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For is believed. Anything else is a
 * client speaking for itself, so the header is ignored (the rate-limit bypass). Each
 * entry is an address or a CIDR; a typo fails the start rather than trusting the world.
 */
export function parseTrustedProxies(value: string | undefined): {
  list: string[];
  problems: string[];
} {
  const list = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const problems = list
    .filter((entry) => !isAddressOrCidr(entry))
    .map((entry) => `TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an IP address or CIDR`);
  return { list, problems };
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) {
    return false;
  }
  if (bits === undefined) {
    return true;
  }
  if (!/^\d{1,3}$/.test(bits)) {
    return false;
  }
  const prefix = Number(bits);
  // A /0 trusts every address: the same hole as no list at all, said explicitly.
  return prefix >= 1 && prefix <= (family === 4 ? 32 : 128);
}
