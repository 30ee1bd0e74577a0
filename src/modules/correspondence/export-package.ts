// The export package for SRIKANDI and the archives (issue 15 item 7), pure: naskah.json / berkas.json built by one
// function each (the schema is docs/srikandi-export.schema.json, the mapping docs/SRIKANDI-EXPORT.md), the PDFs,
// and manifest.json with the SHA-256 of every other file. Field names follow SRIKANDI's Indonesian concepts.
import { createHash } from 'node:crypto';
import type { BerkasRow } from './berkas-repo.js';
import type { NaskahRow } from './repo.js';
import { writeZip, type ZipEntry } from './export-zip.js';

export const EXPORT_SCHEMA = 'pamong-srikandi-export/1';
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A disposition as the trail keeps it (dispositions-repo.ts tree rows). */
export interface TrailNode {
  id: number;
  parent_id: number | null;
  from_name: string;
  to_name: string;
  to_unit_name: string;
  instructions: string[];
  note: string;
  due_date: string;
  created_at: Date | string;
  read_at: Date | string | null;
  withdrawn_at: Date | string | null;
  closed_at: Date | string | null;
  closed_kind: 'laporan' | 'otomatis' | null;
  report_text: string | null;
  report_sha256: string | null;
}

/**
 * One step of the routing of an outgoing naskah (verifier, signer, copy, opinion), in the order of its rounds (a
 * return starts a new round); an incoming naskah has none.
 */
export interface RoutingStep {
  urutan: number;
  peran: 'pemeriksa' | 'penandatangan' | 'tembusan' | 'pendapat';
  nama: string;
  unit: string;
  status: string;
  waktu: string | null;
  catatan: string;
}

export interface NaskahExportInput {
  naskah: NaskahRow;
  kindName: string;
  securityName: string;
  dispositions: readonly TrailNode[];
  /** [] for incoming naskah; the routing steps of every round for outgoing ones (keluar-repo.ts steps). */
  routing: readonly RoutingStep[];
  /** Outgoing: the external addressees of the signed version. */
  external?: readonly { nama: string; alamat: string }[];
  berkas: { id: number; judul: string } | null;
  /** Path of the PDF in the package, or null when it is not included (destroyed with its berkas). */
  pdfPath: string | null;
  destroyed: boolean;
}

/** naskah.json — the one place its shape is written. */
export function naskahRecord(i: NaskahExportInput) {
  const n = i.naskah;
  return {
    id: n.id,
    arah: n.direction,
    jenis: { kode: n.kind_code, nama: i.kindName },
    status: n.status,
    nomorAgenda: n.agenda_number,
    perihal: n.perihal,
    pengirim:
      n.direction === 'masuk'
        ? {
            instansi: n.sender_instansi ?? '',
            nama: n.sender_name,
            nomor: n.sender_number ?? '',
            tanggal: n.sender_date,
          }
        : null,
    tanggalDiterima: n.received_date,
    unit: { id: n.unit_id, nama: n.unit_name, path: n.unit_path },
    klasifikasi: { kode: n.classification_code, nama: n.classification_name },
    jra:
      n.retention_final !== null && n.retention_active_years !== null && n.retention_inactive_years !== null
        ? {
            aktifTahun: n.retention_active_years,
            inaktifTahun: n.retention_inactive_years,
            penyusutanAkhir: n.retention_final,
            sumber: n.retention_source ?? 'bawaan',
            terverifikasi: !!n.retention_verified,
          }
        : null,
    skkaad: { kode: n.security_class, nama: i.securityName },
    urgensi: n.urgency,
    // Incoming: the receiving unit and every person a disposition named; outgoing adds its addressees (item 5).
    penerima: {
      internal: [
        { jenis: 'unit' as const, nama: n.unit_name, unit: n.unit_name },
        ...[...new Map(i.dispositions.map((x) => [x.to_name + '\u0000' + x.to_unit_name, x])).values()].map((x) => ({
          jenis: 'pegawai' as const,
          nama: x.to_name,
          unit: x.to_unit_name,
        })),
      ],
      eksternal: [...(i.external ?? [])],
    },
    disposisi: i.dispositions.map((x) => ({
      id: x.id,
      indukId: x.parent_id,
      dari: x.from_name,
      kepada: x.to_name,
      unitPenerima: x.to_unit_name,
      instruksi: x.instructions,
      catatan: x.note,
      tenggat: x.due_date,
      dikirim: iso(x.created_at)!,
      dibaca: iso(x.read_at),
      ditarik: iso(x.withdrawn_at),
      selesai: iso(x.closed_at),
      jenisSelesai: x.closed_kind,
      laporan: x.report_text,
      laporanSha256: x.report_sha256,
    })),
    routing: [...i.routing],
    berkas: i.berkas,
    dokumen: i.pdfPath ? { path: i.pdfPath, sha256: n.file_sha256 ?? '' } : null,
    dimusnahkan: i.destroyed,
    dicatat: iso(n.created_at)!,
    dicatatOleh: n.created_by_name,
  };
}
export type NaskahRecord = ReturnType<typeof naskahRecord>;

export function berkasRecord(
  b: BerkasRow,
  classificationName: string,
  decisions: readonly {
    kind: string;
    decree_number: string;
    decided_on: string;
    decided_by_name: string;
    note: string;
    file_sha256: string | null;
  }[],
  naskahPaths: readonly { id: number; path: string }[],
) {
  return {
    id: b.id,
    judul: b.title,
    tahun: b.year,
    unit: { id: b.unit_id, nama: b.unit_name, path: b.unit_path },
    klasifikasi: { kode: b.classification_code, nama: classificationName },
    status: b.state,
    dibuka: iso(b.created_at)!,
    ditutup: b.closed_on,
    jra:
      b.retention_final !== null && b.retention_active_years !== null && b.retention_inactive_years !== null
        ? {
            aktifTahun: b.retention_active_years,
            inaktifTahun: b.retention_inactive_years,
            penyusutanAkhir: b.retention_final,
          }
        : null,
    aktifSampai: b.active_until,
    inaktifSampai: b.inactive_until,
    keputusan: decisions.map((x) => ({
      jenis: x.kind,
      nomorKeputusan: x.decree_number,
      tanggal: x.decided_on,
      olehNama: x.decided_by_name,
      catatan: x.note,
      beritaAcaraSha256: x.file_sha256,
    })),
    naskah: naskahPaths.map((p) => ({ id: p.id, path: p.path })),
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The package: the given files plus manifest.json (SHA-256 and size of every other file), zipped. */
export function packageZip(files: readonly ZipEntry[], at: Date, offsetMinutes: number): Buffer {
  const manifest = {
    schema: EXPORT_SCHEMA,
    dibuat: at.toISOString(),
    berkas: files.map((f) => ({ path: f.name, sha256: sha256(f.content), ukuran: f.content.length })),
  };
  return writeZip(
    [...files, { name: 'manifest.json', content: Buffer.from(JSON.stringify(manifest, null, 2)) }],
    at,
    offsetMinutes,
  );
}

export const jsonFile = (name: string, value: unknown): ZipEntry => ({
  name,
  content: Buffer.from(JSON.stringify({ schema: EXPORT_SCHEMA, ...(value as object) }, null, 2)),
});
