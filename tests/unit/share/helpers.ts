// Builds hand-made link payloads for tests: valid frames around text that the real encoder
// would never write (wrong JSON, wrong shapes, bombs).

import { deflateRaw, packFrame, toBase64Url } from '../../../src/share/frame';

/** A correctly framed v1 payload around arbitrary raw text (no dictionary shrinking). */
export async function craftLink(
  raw: string | Uint8Array,
  options: { declaredRaw?: number; version?: number } = {},
): Promise<string> {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const frame = packFrame(await deflateRaw(bytes), options.declaredRaw ?? bytes.length);
  return `s${options.version ?? 1}.${toBase64Url(frame)}`;
}

/** Deflates `size` bytes of one character without holding them all in memory at once. */
export async function deflatedRun(size: number, byte = 0x61): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const chunk = new Uint8Array(1024 * 1024).fill(byte);
  const feeding = (async () => {
    for (let left = size; left > 0; left -= chunk.length) {
      await writer.write(left >= chunk.length ? chunk : chunk.subarray(0, left));
    }
    await writer.close();
  })();
  const out = new Uint8Array(await new Response(stream.readable).arrayBuffer());
  await feeding;
  return out;
}
