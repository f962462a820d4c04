/**
 * The safetensors format (huggingface/safetensors, "Format" in its README): an 8-byte
 * little-endian header length N, N bytes of JSON `{name: {dtype, shape, data_offsets:
 * [begin, end]}, "__metadata__"?: {string: string}}`, then the raw little-endian tensor
 * bytes, offsets relative to the end of the header. Only F32 is written or read here.
 */
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array | Float64Array; // stored as F32 either way
}

interface HeaderEntry { dtype: string; shape: number[]; data_offsets: [number, number] }

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Buffer {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`${t.name}: shape ${t.shape} holds ${n} values, data has ${t.data.length}`);
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned, which the reference implementation also does.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const hbytes = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + hbytes.length + offset);
  out.writeBigUInt64LE(BigInt(hbytes.length), 0);
  hbytes.copy(out, 8);
  let at = 8 + hbytes.length;
  for (const t of tensors) {
    const f32 = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
    for (let i = 0; i < f32.length; i++) out.writeFloatLE(f32[i], at + 4 * i);
    at += 4 * f32.length;
  }
  return out;
}

export function decodeSafetensors(buf: Buffer): { tensors: Map<string, NamedTensor>; metadata: Record<string, string> } {
  if (buf.length < 8) throw new Error('safetensors: file shorter than its header length');
  const n = Number(buf.readBigUInt64LE(0));
  if (8 + n > buf.length) throw new Error('safetensors: header runs past the end of the file');
  const header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8')) as Record<string, HeaderEntry | Record<string, string>>;
  const base = 8 + n;
  const tensors = new Map<string, NamedTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, e] of Object.entries(header)) {
    if (name === '__metadata__') { metadata = e as Record<string, string>; continue; }
    const { dtype, shape, data_offsets: [b, end] } = e as HeaderEntry;
    if (dtype !== 'F32') throw new Error(`safetensors: ${name} has dtype ${dtype}; only F32 is supported`);
    const count = shape.reduce((x, y) => x * y, 1);
    if (end - b !== 4 * count || base + end > buf.length) throw new Error(`safetensors: ${name} offsets do not match its shape`);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = buf.readFloatLE(base + b + 4 * i);
    tensors.set(name, { name, shape, data });
  }
  return { tensors, metadata };
}

export function writeSafetensors(path: string, tensors: readonly NamedTensor[], metadata?: Record<string, string>): void {
  writeFileSync(path, encodeSafetensors(tensors, metadata));
}

export function readSafetensors(path: string): ReturnType<typeof decodeSafetensors> {
  return decodeSafetensors(readFileSync(path));
}

/** The `__metadata__` of a file, from its header alone: a checkpoint's step without reading its tensors. */
export function readSafetensorsMetadata(path: string): Record<string, string> {
  const fd = openSync(path, 'r');
  try {
    const len = Buffer.alloc(8);
    if (readSync(fd, len, 0, 8, 0) < 8) throw new Error('safetensors: file shorter than its header length');
    const n = Number(len.readBigUInt64LE(0));
    const header = Buffer.alloc(n);
    if (readSync(fd, header, 0, n, 8) < n) throw new Error('safetensors: header runs past the end of the file');
    return ((JSON.parse(header.toString('utf8')) as { __metadata__?: Record<string, string> }).__metadata__) ?? {};
  } finally {
    closeSync(fd);
  }
}
