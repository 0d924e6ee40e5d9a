import { closeSync, constants, fstatSync, openSync, readSync, Stats, statSync } from 'fs';
import { EstateValidationError } from '../util/problems';

/**
 * Reads an estate file's text, bounded. `stat` cannot bound it: devices and pipes report a
 * size of 0, so `ESTATE=/dev/zero` grew to 17 GB and `ESTATE=/dev/urandom` never returned.
 * Anything but a regular file is refused before it is opened (opening a FIFO blocks until a
 * writer comes); the file is then read on its descriptor, at most `maxBytes + 1` bytes,
 * whatever its size claims, and must be UTF-8.
 *
 * Throws EstateValidationError naming `path` for what is not an estate file; errors of the
 * file system itself (a missing file, no permission) are thrown as they are.
 */
export function readEstateFile(path: string, maxBytes: number): string {
  const refuse = (message: string) => new EstateValidationError(path, [{ path: '', message }]);
  const kind = notRegular(statSync(path));
  if (kind) throw refuse(`is ${kind}, not a regular file; name an estate file (YAML or JSON)`);
  // O_NONBLOCK: should the path be swapped for a FIFO between the stat and here, open returns at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  let bytes: Buffer;
  try {
    const swapped = notRegular(fstatSync(fd));
    if (swapped) throw refuse(`is ${swapped}, not a regular file; name an estate file (YAML or JSON)`);
    bytes = readAtMost(fd, maxBytes + 1);
  } finally {
    closeSync(fd);
  }
  if (bytes.length > maxBytes) throw refuse(`is more than ${maxBytes} bytes; estate files are limited to ${maxBytes} bytes`);
  return decodeUtf8(bytes, refuse);
}

/** What a non-regular file is, as a phrase ("a directory"), or undefined for a regular file. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Up to `limit` bytes from `fd`, in a loop that ends at end of file or at the limit. */
function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
}

/** The text, or a problem naming the line and column of the first byte that is not UTF-8. */
function decodeUtf8(bytes: Buffer, refuse: (message: string) => Error): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    throw refuse(
      `is not UTF-8 text: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at line ${line}, column ${column} (offset ${offset}); save the file as UTF-8`,
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the Unicode standard's table 3-7). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
