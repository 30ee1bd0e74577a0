// A minimal DER reader: enough to walk a CMS SignedData and slice out the
// exact bytes that were signed. Slicing (rather than decoding and encoding
// again) keeps the bytes the signer hashed, byte for byte.

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

export class DerError extends Error {}

/** One TLV at `offset` of `b`, within `limit`. Definite lengths only, as DER requires. */
export function readTlv(b: Buffer, offset: number, limit = b.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = b[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag number');
  let pos = offset + 1;
  let len = b[pos++]!;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || pos + n > limit) throw new DerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[pos++]!;
  }
  const end = pos + len;
  if (end > limit) throw new DerError('truncated');
  return { tag, start: offset, contentStart: pos, end };
}

/** The TLVs directly inside a constructed one. */
export function childrenOf(b: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = parent.contentStart;
  while (pos < parent.end) {
    const child = readTlv(b, pos, parent.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export const contentOf = (b: Buffer, t: Tlv): Buffer => b.subarray(t.contentStart, t.end);
export const bytesOf = (b: Buffer, t: Tlv): Buffer => b.subarray(t.start, t.end);

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function oidOf(b: Buffer, t: Tlv): string {
  if (t.tag !== 0x06) throw new DerError('not an OID');
  const c = contentOf(b, t);
  if (!c.length) throw new DerError('empty OID');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of c) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const parts = [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80, ...arcs];
  return parts.join('.');
}
