import fc from 'fast-check';

/**
 * One Unicode scalar value: any code point but a lone surrogate, the values of fast-check's
 * string unit 'binary'. That unit builds a table of all 1.1 million choices in every test file
 * that uses it (1.5 s); this draws the same choice index and maps it by arithmetic.
 */
export const anyCodePoint: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff - 0x800 }).map((i) => String.fromCodePoint(i < 0xd800 ? i : i + 0x800));
