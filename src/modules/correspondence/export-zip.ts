// A small ZIP writer for the export packages (issue 15 item 7): deflate from node:zlib, CRC-32 from zlib.crc32
// (Node ≥ 20.15; package.json asks for ≥ 20.19), names in UTF-8 (flag bit 11). No ZIP64: a package is a berkas of
// scanned letters, far below 4 GiB and 65,535 entries — both are refused rather than written wrongly. Pure.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  content: Buffer;
}

/** MS-DOS date and time fields of a moment (the local fields of the given offset). */
function dosTime(at: Date, offsetMinutes: number): { time: number; date: number } {
  const d = new Date(at.getTime() + offsetMinutes * 60_000);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function writeZip(entries: readonly ZipEntry[], at: Date, offsetMinutes = 0): Buffer {
  if (entries.length > 0xffff) throw new Error('ZIP: too many entries');
  const names = new Set<string>();
  const { time, date } = dosTime(at, offsetMinutes);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    if (!e.name || e.name.startsWith('/') || e.name.includes('..') || e.name.includes('\\'))
      throw new Error(`ZIP: unsafe name ${e.name}`);
    if (names.has(e.name)) throw new Error(`ZIP: ${e.name} twice`);
    names.add(e.name);
    const name = Buffer.from(e.name, 'utf8');
    const data = deflateRawSync(e.content);
    const crc = crc32(e.content);
    if (e.content.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('ZIP: too large for a package');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
