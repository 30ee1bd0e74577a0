// The offices behind the letters: each kelurahan's and kecamatan's kop
// (address, telephone, e-mail, website, kode pos), its own unit code for
// letter numbers, the city's lambang, and who may sign for the head
// (a.n., u.b., Plt., Plh. — Permendagri 1/2023). The head of the office
// (lurah, camat) and the city's admin keep them; every change is audited.
import type { Db } from '../../db/database.js';
import type { DelegationMode } from '../../db/schema.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { checkUpload } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { cityOf, levelOfCode } from '../../kernel/regions.js';
import { covers } from '../../kernel/scope.js';
import type { Clock } from '../../lib/clock.js';
import { fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { AccountsPort } from '../accounts/service.js';
import type { RegionsReader } from '../regions/service.js';
import type { LettersRepo, OfficeInput } from './repo.js';

export interface OfficesDeps {
  db: Db;
  letters: LettersRepo;
  regions: RegionsReader;
  accounts: Pick<AccountsPort, 'officialsOf'>;
  files: FileStorage;
  audit: AuditRepo;
  clock: Clock;
  config: { timeZone: string };
}

export const DELEGATION_MODES: readonly DelegationMode[] = ['an', 'ub', 'plt', 'plh'];
const LAMBANG_MAX_BYTES = 512 * 1024;

/** Who keeps an office's kop and delegations: its head for their own office, the city's admin for all. */
export function mayKeepOffice(ctx: Ctx, code: string): boolean {
  const level = levelOfCode(code);
  if (ctx.scope.role === 'admin_kota')
    return covers(ctx.scope, code) && (level === 'kelurahan' || level === 'kecamatan');
  if (ctx.scope.role === 'lurah') return level === 'kelurahan' && ctx.scope.regionCode === code;
  if (ctx.scope.role === 'camat') return level === 'kecamatan' && ctx.scope.regionCode === code;
  return false;
}

/** Checks an office form; every problem at once. */
const fe = (field: string, key: MessageKey, params?: Record<string, string | number>): FieldError => ({
  field,
  key,
  ...(params ? { params } : {}),
});

export function checkOffice(v: OfficeInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[^{}\s]{0,40}$/.test(v.kode_unit)) errors.push(fe('kode_unit', 'offices.err.kode_unit'));
  if (!/^([0-9]{5})?$/.test(v.postal_code)) errors.push(fe('postal_code', 'offices.err.postal_code'));
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) errors.push(fe('email', 'offices.err.email'));
  if (!/^[0-9 ()+.-]{0,60}$/.test(v.phone)) errors.push(fe('phone', 'offices.err.phone'));
  if (v.website && !/^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i.test(v.website.replace(/^https?:\/\//, '')))
    errors.push(fe('website', 'offices.err.website'));
  if (v.address.length > 200) errors.push(fe('address', 'field.too_long', { field: 'offices.f.address', limit: 200 }));
  return errors;
}

export function createOfficesService(d: OfficesDeps) {
  const { db } = d;
  const guard = (ctx: Ctx, code: string) => {
    if (!mayKeepOffice(ctx, code)) throw forbidden();
  };

  return {
    /** The offices a person keeps: their own, or every kecamatan and kelurahan of the city for its admin. */
    async keptOffices(ctx: Ctx) {
      const codes =
        ctx.scope.role === 'admin_kota'
          ? (await d.regions.subtree(db, ctx.scope, ['kecamatan', 'kelurahan'])).map((r) => r.code)
          : [ctx.scope.regionCode];
      const names = await d.regions.namesOf(db, codes);
      const rows = await d.letters.offices(db, codes);
      return names
        .filter((n) => mayKeepOffice(ctx, n.code))
        .map((n) => ({ ...n, office: rows.find((r) => r.region_code === n.code) ?? null }));
    },

    async office(ctx: Ctx, code: string) {
      guard(ctx, code);
      const name = (await d.regions.namesOf(db, [code]))[0];
      if (!name) throw notFound();
      const [row] = await d.letters.offices(db, [code]);
      const [city] = await d.letters.offices(db, [cityOf(code)]);
      return {
        ...name,
        office: row ?? null,
        hasLambang: !!city?.lambang_file_id,
        officials: await d.accounts.officialsOf(db, code),
        delegations: await d.letters.delegations(db, code),
      };
    },

    async saveOffice(ctx: Ctx, code: string, input: OfficeInput) {
      guard(ctx, code);
      const v = {
        kode_unit: input.kode_unit.trim(),
        address: input.address.trim(),
        phone: input.phone.trim(),
        email: input.email.trim(),
        website: input.website.trim(),
        postal_code: input.postal_code.trim(),
      };
      const errors = checkOffice(v);
      if (errors.length) throw invalid(errors);
      await db.transaction().execute(async (trx) => {
        await d.letters.saveOffice(trx, code, v, ctx.scope.userId, d.clock.now());
        await d.audit.append(
          trx,
          auditFrom(ctx, { action: 'office.saved', entityType: 'region', entityId: code, regionCode: code }),
        );
      });
    },

    /** The city's lambang for every kop: a PNG or JPEG, checked by its content. */
    async setLambang(ctx: Ctx, content: Buffer) {
      if (ctx.scope.role !== 'admin_kota') throw forbidden();
      const check = checkUpload(content, LAMBANG_MAX_BYTES, ['image/png', 'image/jpeg']);
      if (!check.ok) throw fieldError('lambang', `offices.lambang_${check.reason}`);
      const city = cityOf(ctx.scope.regionCode);
      await db.transaction().execute(async (trx) => {
        const id = await d.files.put(trx, { mime: check.mime, content });
        await d.letters.setLambang(trx, city, id, ctx.scope.userId, d.clock.now());
        await d.audit.append(
          trx,
          auditFrom(ctx, { action: 'office.lambang', entityType: 'region', entityId: city, regionCode: city }),
        );
      });
    },

    async addDelegation(
      ctx: Ctx,
      code: string,
      input: { userId: number; mode: string; viaJabatan: string; validFrom: string; validTo: string },
    ) {
      guard(ctx, code);
      const errors: FieldError[] = [];
      const officials = await d.accounts.officialsOf(db, code);
      const person = officials.find((o) => o.id === input.userId);
      if (!person) errors.push(fe('userId', 'offices.err.delegate'));
      else if (!person.nip) errors.push(fe('userId', 'offices.err.delegate_nip'));
      const mode = DELEGATION_MODES.find((m) => m === input.mode);
      if (!mode) errors.push(fe('mode', 'field.invalid_choice', { field: 'offices.f.mode' }));
      if (mode === 'ub' && !input.viaJabatan.trim()) errors.push(fe('viaJabatan', 'offices.err.via'));
      const date = /^\d{4}-\d{2}-\d{2}$/;
      if (!date.test(input.validFrom)) errors.push(fe('validFrom', 'offices.err.date'));
      if (input.validTo && (!date.test(input.validTo) || input.validTo < input.validFrom))
        errors.push(fe('validTo', 'offices.err.date_to'));
      if (errors.length || !mode) throw invalid(errors);
      await db.transaction().execute(async (trx) => {
        const row = await d.letters.insertDelegation(trx, {
          region_code: code,
          user_id: input.userId,
          mode,
          via_jabatan: input.viaJabatan.trim(),
          valid_from: input.validFrom,
          valid_to: input.validTo || null,
          created_by: ctx.scope.userId,
        });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'office.delegation_added',
            entityType: 'signing_delegation',
            entityId: row.id,
            regionCode: code,
            details: { userId: input.userId, mode },
          }),
        );
      });
    },

    async revokeDelegation(ctx: Ctx, code: string, id: number) {
      guard(ctx, code);
      await db.transaction().execute(async (trx) => {
        const r = await d.letters.revokeDelegation(trx, id, code, d.clock.now());
        if (!r.numUpdatedRows) throw notFound();
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'office.delegation_revoked',
            entityType: 'signing_delegation',
            entityId: id,
            regionCode: code,
          }),
        );
      });
    },
  };
}
