/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
 * Kafka's RecordBatch v2. It runs over every produced batch and over the
 * tail of every log on recovery, so it is table-driven slice-by-8: eight
 * 256-entry tables let the loop consume 8 bytes per iteration with 8 table
 * lookups instead of 8 dependent byte steps.
 */

const POLY = 0x82f63b78;

/** TABLES[k * 256 + b]: CRC contribution of byte b followed by k zero bytes. */
const TABLES = buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let i = 0; i < 8; i++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[b] = c;
  }
  for (let b = 0; b < 256; b++) {
    let c = t[b]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + b] = c;
    }
  }
  return t;
}

/**
 * CRC-32C of buf[start, end). Returns an unsigned 32-bit number, comparable
 * with `buf.readUInt32BE(crcPos)`. Pass a previous result as `seed` to
 * continue a checksum over several chunks.
 */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, seed = 0): number {
  const T = TABLES;
  let crc = ~seed;
  let i = start;
  // Byte steps until 8 bytes or fewer... then 8 bytes per iteration.
  const fastEnd = end - 8;
  while (i <= fastEnd) {
    const lo = (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24)) ^ crc;
    crc =
      T[1792 + (lo & 0xff)]! ^
      T[1536 + ((lo >>> 8) & 0xff)]! ^
      T[1280 + ((lo >>> 16) & 0xff)]! ^
      T[1024 + (lo >>> 24)]! ^
      T[768 + buf[i + 4]!]! ^
      T[512 + buf[i + 5]!]! ^
      T[256 + buf[i + 6]!]! ^
      T[buf[i + 7]!]!;
    i += 8;
  }
  while (i < end) {
    crc = T[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
    i++;
  }
  return ~crc >>> 0;
}
