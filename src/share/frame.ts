// The byte frame inside a share link, and the text/binary helpers around it.
//
//   [varint bodyLength][varint rawLength][crc32 LE, 4 bytes][body = deflate-raw(text)]
//
// The lengths let us tell a link that was cut off (body shorter than announced) from one
// that was garbled (checksum mismatch), and refuse a payload that announces too much
// output before inflating anything. The checksum covers the lengths and the body.

export type FrameFailure = 'truncated' | 'corrupt' | 'too-large';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_CODES = Uint8Array.from(B64, (ch) => ch.charCodeAt(0));
const ASCII = new TextDecoder('latin1');
const B64_INDEX = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) table[B64.charCodeAt(i)] = i;
  // Standard base64 spells 62 and 63 as '+' and '/'; accept them in case a tool converted.
  table['+'.charCodeAt(0)] = 62;
  table['/'.charCodeAt(0)] = 63;
  return table;
})();

/** Encodes bytes as unpadded base64url (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  // Writing ASCII codes into a byte array and decoding once is ~20× faster than building
  // the string a character at a time, which matters for megabyte-sized playgrounds.
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = B64_CODES[n >> 18]!;
    out[o++] = B64_CODES[(n >> 12) & 63]!;
    out[o++] = B64_CODES[(n >> 6) & 63]!;
    out[o++] = B64_CODES[n & 63]!;
  }
  if (whole < bytes.length) {
    const n = (bytes[whole]! << 16) | ((bytes[whole + 1] ?? 0) << 8);
    out[o++] = B64_CODES[n >> 18]!;
    out[o++] = B64_CODES[(n >> 12) & 63]!;
    if (whole + 1 < bytes.length) out[o++] = B64_CODES[(n >> 6) & 63]!;
  }
  return ASCII.decode(out);
}

/**
 * Decodes base64url (or standard base64) without padding. Returns undefined when a
 * character is outside the alphabet. A dangling final character (length % 4 == 1) cannot
 * hold a whole byte, so it is dropped and the frame's length check reports the cut.
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  const full = Math.floor(text.length / 4);
  const rest = text.length % 4;
  const out = new Uint8Array(full * 3 + (rest === 3 ? 2 : rest === 2 ? 1 : 0));
  let o = 0;
  const val = (i: number): number => {
    const code = text.charCodeAt(i);
    return code < 128 ? (B64_INDEX[code] ?? -1) : -1;
  };
  for (let i = 0; i < text.length; i++) if (val(i) < 0) return undefined;
  for (let i = 0; i + 3 < text.length; i += 4) {
    const n = (val(i) << 18) | (val(i + 1) << 12) | (val(i + 2) << 6) | val(i + 3);
    out[o++] = (n >> 16) & 255;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const i = full * 4;
  if (rest >= 2) {
    const n = (val(i) << 18) | (val(i + 1) << 12) | (rest === 3 ? val(i + 2) << 6 : 0);
    out[o++] = (n >> 16) & 255;
    if (rest === 3) out[o++] = (n >> 8) & 255;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip/PNG one) of several byte ranges taken in order. */
export function crc32(...chunks: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      crc = CRC_TABLE[(crc ^ chunk[i]!) & 255]! ^ (crc >>> 8);
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function writeVarint(n: number, out: number[]): void {
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

// Up to 5 bytes (35 bits) is plenty for any length we accept.
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | FrameFailure {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 5; i++) {
    const b = bytes[at + i];
    if (b === undefined) return 'truncated';
    value += (b & 127) * scale;
    if (b < 128) return { value, next: at + i + 1 };
    scale *= 128;
  }
  return 'corrupt';
}

/** Wraps a compressed body with its lengths and checksum. */
export function packFrame(body: Uint8Array, rawLength: number): Uint8Array {
  const lengths: number[] = [];
  writeVarint(body.length, lengths);
  writeVarint(rawLength, lengths);
  const head = Uint8Array.from(lengths);
  const crc = crc32(head, body);
  const out = new Uint8Array(head.length + 4 + body.length);
  out.set(head, 0);
  new DataView(out.buffer).setUint32(head.length, crc, true);
  out.set(body, head.length + 4);
  return out;
}

/** Checks a frame's lengths and checksum; refuses one announcing more than maxRaw bytes. */
export function unpackFrame(
  bytes: Uint8Array,
  maxRaw: number,
):
  | { ok: true; body: Uint8Array; rawLength: number }
  | { ok: false; failure: FrameFailure; expectedBytes?: number } {
  const bodyLen = readVarint(bytes, 0);
  if (typeof bodyLen === 'string') return { ok: false, failure: bodyLen };
  const rawLen = readVarint(bytes, bodyLen.next);
  if (typeof rawLen === 'string') return { ok: false, failure: rawLen };
  const start = rawLen.next + 4;
  if (bytes.length < start + bodyLen.value) {
    return { ok: false, failure: 'truncated', expectedBytes: start + bodyLen.value };
  }
  if (bytes.length > start + bodyLen.value) return { ok: false, failure: 'corrupt' };
  const stored = new DataView(bytes.buffer, bytes.byteOffset).getUint32(rawLen.next, true);
  const body = bytes.subarray(start);
  if (crc32(bytes.subarray(0, rawLen.next), body) !== stored)
    return { ok: false, failure: 'corrupt' };
  if (rawLen.value > maxRaw) return { ok: false, failure: 'too-large' };
  return { ok: true, body, rawLength: rawLen.value };
}

/** Compresses with the platform's deflate-raw (no zlib header: smaller links). */
export async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const feeding = writer.write(data as Uint8Array<ArrayBuffer>).then(() => writer.close());
  feeding.catch(() => undefined);
  const out = await collect(stream.readable.getReader(), Infinity);
  if (typeof out === 'string') throw new Error('Compressing the playground failed.');
  return out;
}

// Feeding the inflater in slices lets us stop a zip bomb after a few hundred KB of input
// instead of letting it expand a whole megabyte of input first.
const FEED_SLICE = 16 * 1024;

/**
 * Inflates deflate-raw data, giving up with 'too-large' as soon as the output passes
 * maxBytes and with 'corrupt' when the stream is invalid.
 */
export async function inflateRawCapped(
  data: Uint8Array,
  maxBytes: number,
): Promise<Uint8Array | 'too-large' | 'corrupt'> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const feeding = (async () => {
    for (let i = 0; i < data.length; i += FEED_SLICE) {
      await writer.write(data.subarray(i, i + FEED_SLICE) as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  })();
  // The reader reports every failure; this only keeps a cancelled write from being unhandled.
  feeding.catch(() => undefined);
  return collect(stream.readable.getReader(), maxBytes);
}

async function collect(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | 'too-large' | 'corrupt'> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
