/** The table's IPv4 ranges, looked up by the address a trusted hop recorded. */
import type { RouterEntry } from './types.js';

interface Range {
  base: number;
  mask: number;
  index: number;
}

export class IpRangeTable {
  private readonly ranges: Range[] = [];

  constructor(table: readonly RouterEntry[]) {
    table.forEach((entry, index) => {
      for (const cidr of entry.ipRanges ?? []) {
        const [address, bits] = cidr.split('/');
        const base = ipv4ToNumber(address ?? '');
        const length = Number(bits);
        if (base === null || !Number.isInteger(length) || length < 8 || length > 32)
          throw new Error(`router ${entry.id}: bad IPv4 range ${cidr}`);
        const mask = length === 32 ? 0xffffffff : ~(0xffffffff >>> length) >>> 0;
        this.ranges.push({ base: (base & mask) >>> 0, mask, index });
      }
    });
  }

  lookup(ip: string): number[] | undefined {
    const value = ipv4ToNumber(ip);
    if (value === null) return undefined;
    let hits: number[] | undefined;
    for (const range of this.ranges)
      if ((value & range.mask) >>> 0 === range.base) (hits ??= []).push(range.index);
    return hits;
  }
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToNumber(ip: string): number | null {
  const m = IPV4.exec(ip);
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}
