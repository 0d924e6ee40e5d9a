/**
 * IPv4 CIDR arithmetic for address planning. Addresses are unsigned 32-bit
 * integers; a block is its network address plus prefix length.
 */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Why a string is not a usable CIDR block, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  const m = CIDR_PATTERN.exec(text);
  if (!m) return 'is not an IPv4 CIDR block like 10.1.0.0/16';
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255)) return 'has an octet above 255';
  if (prefix > 32) return 'has a prefix length above 32';
  const base = toInt(octets);
  const masked = maskOf(prefix) & base;
  if (masked >>> 0 !== base) {
    return `has host bits set; the network address is ${format({ base: masked >>> 0, prefix })}`;
  }
  return undefined;
}

/** Parses a CIDR block; throws on invalid input (validate with cidrProblem first). */
export function parseCidr(text: string): Cidr {
  const problem = cidrProblem(text);
  if (problem) throw new Error(`"${text}" ${problem}`);
  const m = CIDR_PATTERN.exec(text)!;
  return { base: toInt(m.slice(1, 5).map(Number)), prefix: Number(m[5]) };
}

export function format(cidr: Cidr): string {
  const b = cidr.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${cidr.prefix}`;
}

export function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function lastAddress(cidr: Cidr): number {
  return cidr.base + size(cidr) - 1;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && lastAddress(inner) <= lastAddress(outer);
}

/** The `index`-th block of length `prefix` inside `parent`. */
export function subBlock(parent: Cidr, prefix: number, index: number): Cidr {
  if (prefix < parent.prefix) throw new Error(`/${prefix} does not fit in ${format(parent)}`);
  const count = 2 ** (prefix - parent.prefix);
  if (index < 0 || index >= count) throw new Error(`block ${index} of /${prefix} is outside ${format(parent)}`);
  return { base: parent.base + index * 2 ** (32 - prefix), prefix };
}

/** How many blocks of length `prefix` fit in `parent` (0 when larger than the parent). */
export function blockCount(parent: Cidr, prefix: number): number {
  return prefix < parent.prefix ? 0 : 2 ** (prefix - parent.prefix);
}

/** The `offset`-th host address of a block, e.g. 4 for the first address Azure hands out. */
export function hostAddress(cidr: Cidr, offset: number): string {
  const a = cidr.base + offset;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

function toInt(octets: number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
