// Protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/):
// a growable writer and a reader, for proto-codec.ts. Integers travel as JavaScript
// numbers (64-bit values beyond 2^53 lose precision, like @grpc/proto-loader's
// `longs: Number`).

export const WIRE = { VARINT: 0, FIXED64: 1, LEN: 2, FIXED32: 5 } as const;

const TWO_32 = 4294967296;

export class ProtoWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;
  private readonly forks: number[] = [];

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  tag(id: number, wireType: number): this {
    return this.uint(id * 8 + wireType);
  }

  /** A non-negative integer below 2^53 as a varint. */
  uint(n: number): this {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  /** Any 64-bit integer as a varint (negative numbers take ten bytes, as int64). */
  int(n: number): this {
    if (n >= 0) return this.uint(n);
    let v = BigInt.asUintN(64, BigInt(Math.trunc(n)));
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  zigzag(n: number): this {
    return this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  fixed32(n: number, signed = false): this {
    this.ensure(4);
    if (signed) this.buf.writeInt32LE(n, this.pos);
    else this.buf.writeUInt32LE(n >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  fixed64(n: number): this {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt.asUintN(64, BigInt(Math.trunc(n))), this.pos);
    this.pos += 8;
    return this;
  }

  float(n: number): this {
    this.ensure(4);
    this.buf.writeFloatLE(n, this.pos);
    this.pos += 4;
    return this;
  }

  double(n: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(n, this.pos);
    this.pos += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.uint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  string(s: string): this {
    const n = Buffer.byteLength(s);
    this.uint(n);
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  /** Starts a length-delimited part; ldelim() closes it. */
  fork(): this {
    this.forks.push(this.pos);
    return this;
  }

  ldelim(): this {
    const start = this.forks.pop()!;
    const len = this.pos - start;
    let prefix = 1;
    for (let v = len; v >= 0x80; v = Math.floor(v / 0x80)) prefix++;
    this.ensure(prefix);
    this.buf.copyWithin(start + prefix, start, this.pos);
    const end = this.pos + prefix;
    this.pos = start;
    this.uint(len);
    this.pos = end;
    return this;
  }

  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

export class ProtoReader {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
    public readonly end = buf.length,
  ) {}

  private byte(): number {
    if (this.pos >= this.end) throw new RangeError('protobuf: message truncated');
    return this.buf[this.pos++]!;
  }

  /** A varint as an unsigned 64-bit BigInt when it needs more than 52 bits, else a number. */
  private varint(): number | bigint {
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
    let big = BigInt(n);
    for (let shift = 49n; shift < 70n; shift += 7n) {
      const b = this.byte();
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, big);
    }
    throw new RangeError('protobuf: varint too long');
  }

  uint(): number {
    return Number(this.varint());
  }

  /** int32/int64/enum: two's complement. */
  int(bits: 32 | 64): number {
    const v = this.varint();
    if (bits === 32) return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
    return typeof v === 'number' ? v : Number(BigInt.asIntN(64, v));
  }

  uint32(): number {
    const v = this.varint();
    return typeof v === 'number' ? v >>> 0 : Number(BigInt.asUintN(32, v));
  }

  zigzag(): number {
    const v = this.varint();
    if (typeof v === 'number') return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    return Number((v >> 1n) ^ -(v & 1n));
  }

  fixed32(signed: boolean): number {
    const n = signed ? this.buf.readInt32LE(this.pos) : this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return n;
  }

  fixed64(signed: boolean): number {
    const lo = this.buf.readUInt32LE(this.pos);
    const hi = signed ? this.buf.readInt32LE(this.pos + 4) : this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return hi * TWO_32 + lo;
  }

  float(): number {
    const n = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return n;
  }

  double(): number {
    const n = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return n;
  }

  bytes(): Buffer {
    const n = this.uint();
    if (this.pos + n > this.end) throw new RangeError('protobuf: message truncated');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A reader over the next length-delimited part. */
  sub(): ProtoReader {
    const n = this.uint();
    if (this.pos + n > this.end) throw new RangeError('protobuf: message truncated');
    const r = new ProtoReader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  skip(wireType: number): void {
    if (wireType === WIRE.VARINT) this.varint();
    else if (wireType === WIRE.FIXED64) this.pos += 8;
    else if (wireType === WIRE.LEN) {
      const n = this.uint(); // before reading this.pos: uint() moves it
      this.pos += n;
    } else if (wireType === WIRE.FIXED32) this.pos += 4;
    else throw new Error(`protobuf: unsupported wire type ${wireType}`);
    if (this.pos > this.end) throw new RangeError('protobuf: message truncated');
  }
}
