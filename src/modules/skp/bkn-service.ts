// The export for BKN (issue 16, item 8): SKP and predikat per employee for a period, as JSON (docs/bkn-export.schema.json)
// and CSV, documented field by field in docs/BKN-EXPORT.md. BKN's import format is not published to us: the mapping
// is marked "perlu dikonfirmasi" in the file itself. The SKP the viewer may see (own, appraised, heads' subtree, the
// city for its admin), optionally under one unit; people are named by their number through the employees module's
// identity rule (NIP, NI PPPK or the city's staff number). Each export is audited with the SHA-256 of its bytes.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { toCsv } from '../../kernel/export.js';
import type { Clock } from '../../lib/clock.js';
import { fieldError, notFound } from '../../lib/errors.js';
import { translator } from '../../i18n/index.js';
import { employeeIdentity, type EmployeeKind } from '../employees/index.js';
import type { EmployeesService } from '../employees/service.js';
import { createSkpBknRepo, type BknRow, type SkpBknRepo } from './bkn-repo.js';
import { createSkpRepo } from './repo.js';
import type { SkpService } from './service.js';

export interface SkpBknDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  skp: SkpService;
  employees: EmployeesService;
  repo?: SkpBknRepo;
}

export const BKN_FORMAT = 'pamong-skp-bkn';
export const BKN_FORMAT_VERSION = '1.0';
export const BKN_NOTE = 'Pemetaan ke format BKN perlu dikonfirmasi dengan BKN.';
const PERIOD = /^(\d{4})(-(0[1-9]|1[0-2]))?$/;

/** The kind of number a person carries, as the export writes it: 'NIP', 'NI_PPPK' or 'NOMOR_PEGAWAI'. */
function identity(e: { kind: EmployeeKind; nip: string | null; staff_number: string | null }) {
  const id = employeeIdentity(e);
  const kind =
    id.labelKey === 'pegawai.id.NIP' ? 'NIP' : id.labelKey === 'pegawai.id.NI_PPPK' ? 'NI_PPPK' : 'NOMOR_PEGAWAI';
  return { jenis: kind, nomor: id.number };
}

/** The CSV columns, in order (docs/BKN-EXPORT.md). */
export const BKN_CSV_COLUMNS = [
  'tahun',
  'periode',
  'skp_id',
  'versi_skp',
  'status_skp',
  'tanggal_persetujuan',
  'nama',
  'jenis_pegawai',
  'jenis_identitas',
  'nomor_identitas',
  'jabatan',
  'golongan',
  'kode_unit',
  'unit_kerja',
  'nama_penilai',
  'jenis_identitas_penilai',
  'nomor_identitas_penilai',
  'jumlah_rhk_utama',
  'jumlah_rhk_tambahan',
  'rating_hasil_kerja',
  'rating_perilaku_kerja',
  'predikat',
  'predikat_teks',
  'tanggal_penilaian',
] as const;

export function createSkpBknService(d: SkpBknDeps) {
  const { db, clock, audit } = d;
  const repo = d.repo ?? createSkpBknRepo();
  const plans = createSkpRepo();
  const tId = translator('id');

  async function collect(ctx: Ctx, q: { year: number; period?: string | undefined; unitId?: number | undefined }) {
    const period = q.period || String(q.year);
    const m = PERIOD.exec(period);
    if (!m || Number(m[1]) !== q.year) throw fieldError('period', 'skp.bkn.err.period');
    const v = await d.skp.viewer(ctx);
    let unitPath: string | null = null;
    if (q.unitId) {
      const unit = (await d.employees.units(ctx)).find((u) => u.id === q.unitId);
      const reach = (p: string) => !!v.cityPrefix || v.headOf.some((h) => p === h || p.startsWith(h + '/'));
      if (!unit || !reach(unit.path)) throw notFound();
      unitPath = unit.path;
    }
    const rows = await repo.rows(db, v, { year: q.year, period, unitPath });
    const results = await plans.results(
      db,
      rows.map((r) => r.skp_id),
    );
    const indicators = await plans.indicators(
      db,
      results.map((r) => r.id),
    );
    const behaviours = new Map<number, { code: string; expectation: string }[]>();
    for (const b of await repo.behaviours(
      db,
      rows.map((r) => r.skp_id),
    ))
      behaviours.set(b.skp_id, [...(behaviours.get(b.skp_id) ?? []), { code: b.code, expectation: b.expectation }]);
    return {
      period,
      rows,
      results,
      indicators,
      behaviours,
      city: ctx.scope.regionCode.split('.').slice(0, 2).join('.'),
    };
  }

  type Collected = Awaited<ReturnType<typeof collect>>;

  function toJson(c: Collected, year: number) {
    const day = (x: Date | null) => (x ? x.toISOString() : null);
    return {
      format: BKN_FORMAT,
      versi_format: BKN_FORMAT_VERSION,
      catatan: BKN_NOTE,
      dibuat_pada: clock.now().toISOString(),
      kode_wilayah: c.city,
      tahun: year,
      periode: c.period,
      jumlah: c.rows.length,
      data: c.rows.map((r: BknRow) => {
        const own = c.results.filter((x) => x.skp_id === r.skp_id);
        return {
          pegawai: {
            nama: r.full_name,
            jenis_pegawai: r.kind,
            identitas: identity(r),
            jabatan: r.position,
            golongan: r.grade,
            unit_kerja: { kode: r.unit_code, nama: r.unit_name, jalur: r.unit_path },
          },
          pejabat_penilai:
            r.appraiser_name && r.appraiser_kind
              ? {
                  nama: r.appraiser_name,
                  identitas: identity({
                    kind: r.appraiser_kind,
                    nip: r.appraiser_nip,
                    staff_number: r.appraiser_staff_number,
                  }),
                  jabatan: r.appraiser_position ?? '',
                }
              : null,
          skp: {
            id: r.skp_id,
            tahun: r.year,
            versi: r.version,
            status: r.status,
            disetujui_pada: day(r.agreed_at),
            hasil_kerja: own.map((x) => ({
              id: x.id,
              jenis: x.kind,
              uraian: x.text,
              mendukung_rhk_id: x.parent_result_id,
              indikator: c.indicators
                .filter((i) => i.result_id === x.id)
                .map((i) => ({ uraian: i.text, aspek: i.aspect, target: Number(i.target), satuan: i.unit_label })),
            })),
            perilaku_kerja: (c.behaviours.get(r.skp_id) ?? []).map((b) => ({
              kode: b.code,
              ekspektasi: b.expectation,
            })),
          },
          penilaian:
            r.predikat && r.result_rating && r.behaviour_rating
              ? {
                  periode: r.period!,
                  rating_hasil_kerja: r.result_rating,
                  rating_perilaku_kerja: r.behaviour_rating,
                  predikat: r.predikat,
                  predikat_teks: tId(`skp.predikat.${r.predikat}`),
                  dinilai_pada: day(r.rated_at),
                }
              : null,
        };
      }),
    };
  }

  function toCsvText(c: Collected, year: number) {
    return toCsv({
      title: `SKP ${c.period}`,
      header: [...BKN_CSV_COLUMNS],
      rows: c.rows.map((r) => {
        const own = c.results.filter((x) => x.skp_id === r.skp_id);
        const id = identity(r);
        const ap = r.appraiser_kind
          ? identity({ kind: r.appraiser_kind, nip: r.appraiser_nip, staff_number: r.appraiser_staff_number })
          : null;
        return [
          year,
          c.period,
          r.skp_id,
          r.version,
          r.status,
          r.agreed_at ? r.agreed_at.toISOString() : '',
          r.full_name,
          r.kind,
          id.jenis,
          id.nomor,
          r.position,
          r.grade ?? '',
          r.unit_code,
          r.unit_name,
          r.appraiser_name ?? '',
          ap?.jenis ?? '',
          ap?.nomor ?? '',
          own.filter((x) => x.kind === 'utama').length,
          own.filter((x) => x.kind === 'tambahan').length,
          r.result_rating ?? '',
          r.behaviour_rating ?? '',
          r.predikat ?? '',
          r.predikat ? tId(`skp.predikat.${r.predikat}`) : '',
          r.rated_at ? r.rated_at.toISOString() : '',
        ];
      }),
    });
  }

  return {
    /** The export as a document and its bytes; audited with the bytes' SHA-256. */
    async export(
      ctx: Ctx,
      q: { year: number; period?: string | undefined; unitId?: number | undefined; format: 'json' | 'csv' },
    ) {
      if (!Number.isInteger(q.year) || q.year < 2000 || q.year > 2999) throw fieldError('year', 'skp.bkn.err.year');
      const c = await collect(ctx, q);
      const json = q.format === 'json' ? toJson(c, q.year) : null;
      const body = Buffer.from(json ? JSON.stringify(json, null, 2) + '\n' : toCsvText(c, q.year), 'utf8');
      const sha256 = createHash('sha256').update(body).digest('hex');
      await db.transaction().execute((trx) =>
        audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.bkn_exported',
            entityType: 'skp_plan',
            entityId: null,
            regionCode: ctx.scope.regionCode,
            details: {
              year: q.year,
              period: c.period,
              unitId: q.unitId ?? null,
              format: q.format,
              rows: c.rows.length,
              sha256,
            },
          }),
        ),
      );
      return { body, sha256, json, period: c.period, rows: c.rows.length };
    },
  };
}
export type SkpBknService = ReturnType<typeof createSkpBknService>;
