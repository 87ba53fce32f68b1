/** A PostgreSQL WAL position (`16/B374D848`: high and low 32 bits in hex) as one number. */
export function lsnToBigInt(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) {
    throw new Error(`not a WAL position: ${JSON.stringify(lsn)}`);
  }
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}
