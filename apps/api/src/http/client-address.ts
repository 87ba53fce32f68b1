import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address as Fastify resolved it (X-Forwarded-For only from TRUSTED_PROXIES),
 * validated: a header that is not an address falls back to the connected peer, so a
 * client-chosen string never becomes a key. IPv4-mapped IPv6 is unwrapped.
 */
export function clientAddress(request: FastifyRequest): string {
  for (const candidate of [request.ip, request.socket?.remoteAddress]) {
    if (typeof candidate === 'string' && isIP(candidate) !== 0) {
      const parsed = ipaddr.process(candidate);
      return parsed.toString();
    }
  }
  return 'unknown';
}

/**
 * What a per-address limit counts: one IPv4 address, or one IPv6 /64 — the block a single
 * subscriber gets, which it could otherwise rotate through freely.
 */
export function addressBucket(address: string): string {
  if (!ipaddr.isValid(address)) {
    return 'unknown';
  }
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') {
    return parsed.toString();
  }
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
