// Export packages per naskah and per berkas (issue 15 item 7): who may export is who may see (core.visible, the one
// access rule) except a copy (tembusan) recipient, who only reads (policy.ts canAdministerNaskah: 403, since they
// know the naskah exists); a berkas also needs canSeeBerkas and every naskah in it exportable by the exporter. The file of a
// naskah whose berkas was destroyed is left out. Each export is audited.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { BerkasService } from './berkas-service.js';
import { createKeluarRepo } from './keluar-repo.js';
import { createDispositionsRepo } from './dispositions-repo.js';
import { berkasRecord, jsonFile, naskahRecord, packageZip, type RoutingStep } from './export-package.js';
import type { ZipEntry } from './export-zip.js';
import type { Viewer } from './policy.js';
import type { NaskahReference } from './reference.js';
import type { NaskahRow } from './repo.js';

export function createExportService(d: {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  reference: NaskahReference;
  offsetMinutes: number;
  berkas: BerkasService;
  core: { visible(ctx: Ctx, id: number): Promise<NaskahRow & { viewer: Viewer; copyOnly: boolean }> };
}) {
  const { db } = d;
  const dispositions = createDispositionsRepo();
  const kindName = new Map(d.reference.kinds.map((k) => [k.code, k.name]));
  const securityName = new Map(d.reference.security.map((s) => [s.code, s.name]));

  const keluar = createKeluarRepo();
  const ROLE = {
    paraf: 'pemeriksa',
    pendapat: 'pendapat',
    tandatangan: 'penandatangan',
    tembusan: 'tembusan',
  } as const;
  /** The routing trail (each round's steps, who acted and on whose behalf) and external addressees of a naskah keluar. */
  async function outgoing(
    n: NaskahRow,
  ): Promise<{ routing: RoutingStep[]; external: { nama: string; alamat: string }[] }> {
    if (n.direction !== 'keluar') return { routing: [], external: [] };
    const [steps, versions] = await Promise.all([keluar.steps(db, n.id), keluar.versions(db, n.id)]);
    const last = versions[versions.length - 1];
    return {
      routing: steps.map((st, i) => ({
        urutan: i + 1,
        peran: ROLE[st.role],
        nama:
          st.actor_name && st.actor_employee_id !== st.employee_id
            ? `${st.actor_name} a.n. ${st.person_name}`
            : st.person_name,
        unit: st.person_position,
        status: st.status,
        waktu: st.acted_at ? st.acted_at.toISOString() : null,
        catatan: st.comment ?? '',
      })),
      external: (last?.addressees ?? [])
        .filter((a): a is Extract<typeof a, { type: 'external' }> => a.type === 'external')
        .map((a) => ({ nama: a.name, alamat: a.address ?? '' })),
    };
  }

  /** naskah.json and the PDF of one visible naskah, under `dir` ('' or 'naskah/<id>/'). */
  async function naskahEntries(n: NaskahRow, dir: string): Promise<ZipEntry[]> {
    const filed = await d.berkas.repo.berkasOf(db, n.id);
    const destroyed = filed?.state === 'dimusnahkan';
    const file = !destroyed && n.file_id ? await d.files.get(db, n.file_id) : undefined;
    const pdfPath = file ? `${dir}naskah.pdf` : null;
    const record = naskahRecord({
      naskah: n,
      kindName: kindName.get(n.kind_code) ?? n.kind_code,
      securityName: securityName.get(n.security_class) ?? n.security_class,
      dispositions: await dispositions.tree(db, n.id),
      ...(await outgoing(n)),
      berkas: filed ? { id: filed.id, judul: filed.title } : null,
      pdfPath,
      destroyed,
    });
    return [
      jsonFile(`${dir}naskah.json`, { naskah: record }),
      ...(file && pdfPath ? [{ name: pdfPath, content: file.content }] : []),
    ];
  }

  const audit = (
    ctx: Ctx,
    action: string,
    type: string,
    id: number,
    region: string,
    details: Record<string, unknown>,
  ) => d.audit.append(db, auditFrom(ctx, { action, entityType: type, entityId: id, regionCode: region, details }));

  return {
    async naskahPackage(ctx: Ctx, id: number) {
      const n = await d.core.visible(ctx, id);
      if (n.copyOnly) throw forbidden();
      const at = d.clock.now();
      const entries = await naskahEntries(n, '');
      const zip = packageZip(entries, at, d.offsetMinutes);
      await audit(ctx, 'naskah.exported', 'naskah', id, n.region_code, { files: entries.map((e) => e.name) });
      return { zip, name: `naskah-${n.id}` };
    },

    /** Refused (409) when the berkas holds a naskah the exporter may not see: an archive package is whole or not made. */
    async berkasPackage(ctx: Ctx, id: number) {
      const { berkas: b } = await d.berkas.visible(ctx, id);
      const items = await d.berkas.repo.items(db, id);
      const entries: ZipEntry[] = [];
      const paths: { id: number; path: string }[] = [];
      for (const item of items) {
        let n: NaskahRow & { copyOnly: boolean };
        try {
          n = await d.core.visible(ctx, item.id);
        } catch (e) {
          if (e instanceof AppError && e.status === 404)
            throw new AppError(409, 'berkas.err.export_withheld', {}, [] as FieldError[]);
          throw e;
        }
        if (n.copyOnly) throw new AppError(409, 'berkas.err.export_withheld', {}, [] as FieldError[]);
        entries.push(...(await naskahEntries(n, `naskah/${n.id}/`)));
        paths.push({ id: n.id, path: `naskah/${n.id}/naskah.json` });
      }
      const cls = await d.berkas.classificationName(b.classification_code);
      const record = berkasRecord(b, cls, await d.berkas.repo.decisions(db, id), paths);
      const at = d.clock.now();
      const zip = packageZip([jsonFile('berkas.json', { berkas: record }), ...entries], at, d.offsetMinutes);
      await audit(ctx, 'berkas.exported', 'naskah_berkas', id, b.region_code, { naskah: paths.map((p) => p.id) });
      return { zip, name: `berkas-${b.id}` };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
