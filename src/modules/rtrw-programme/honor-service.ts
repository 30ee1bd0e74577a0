// Use cases of paying heads: their payment identity (NIK, bank account, NPWP:
// encrypted, masked on screen, full view audited), an honor payment with PPh 21
// per HONOR_PPH21, the finance office's payment list (full account numbers: an
// audited export), the kuitansi and the non-cash transfer proof (once).
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { checkUpload } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { assertCovers } from '../../kernel/scope.js';
import { maskNumber, parseNik } from '../residents/index.js';
import { hasNpwpFor, maskTail, pph21, type Pph21Config } from './honor-rules.js';
import type { MoneyRepo } from './money-repo.js';
import { canManage, programmePolicy } from './policy.js';
import type { ProgrammeRepo } from './repo.js';
import { dayOf, rateFor } from './rules.js';

export interface HonorDeps {
  db: Db;
  clock: Clock;
  programme: ProgrammeRepo;
  money: MoneyRepo;
  audit: AuditRepo;
  pii: PiiCipher;
  files: FileStorage;
  timeZone: string;
  pph21: Pph21Config;
}

const digits = (s: string | undefined) => (s ?? '').replace(/[\s.-]/g, '');

export function createHonorService(d: HonorDeps) {
  const { db, clock } = d;
  const audit = (
    trx: Db,
    ctx: Ctx,
    action: string,
    id: number | string,
    region: string,
    details: Record<string, unknown>,
  ) =>
    d.audit.append(
      trx,
      auditFrom(ctx, { action, entityType: 'rtrw_programme', entityId: id, regionCode: region, details }),
    );
  const assertManager = (ctx: Ctx) => {
    if (!canManage(ctx.scope.role)) throw forbidden();
  };
  /** A head in scope; a head may reach only themself. */
  const headFor = async (ctx: Ctx, userId: number) => {
    const own = programmePolicy.own.includes(ctx.scope.role);
    if (own && userId !== ctx.scope.userId) throw notFound();
    const h = await d.programme.findHead(db, ctx.scope, userId);
    if (!h) throw notFound();
    return h;
  };
  const paymentFor = async (ctx: Ctx, id: number) => {
    const p = await d.money.findPayment(db, ctx.scope, id);
    if (!p || (programmePolicy.own.includes(ctx.scope.role) && p.user_id !== ctx.scope.userId)) throw notFound();
    return p;
  };
  const identityFlags = async (userId: number) => {
    const i = await d.money.identity(db, userId);
    return { npwp: !!i?.npwp_enc, nik: !!i?.nik_enc };
  };

  return {
    /** The masked identity (managers in scope, or the head themself). */
    async paymentIdentity(ctx: Ctx, userId: number) {
      const head = await headFor(ctx, userId);
      const i = await d.money.identity(db, head.id);
      return {
        head,
        identity: i
          ? {
              nik: i.nik_masked,
              bankName: i.bank_name,
              account: i.account_masked,
              accountHolder: i.account_holder,
              npwp: i.npwp_masked,
              updatedAt: i.updated_at,
            }
          : null,
      };
    },
    /** Full NIK, account number and NPWP: an explicit action of a manager, audited. */
    async paymentIdentityFull(ctx: Ctx, userId: number) {
      assertManager(ctx);
      const head = await headFor(ctx, userId);
      const i = await d.money.identity(db, head.id);
      if (!i) throw notFound();
      const dec = (b: Buffer | null) => (b ? d.pii.decrypt(b) : null);
      await audit(db, ctx, 'rtrw.payment_identity_viewed', head.id, head.region_code, {
        fields: ['nik', 'account', 'npwp'].filter((f) => i[`${f}_enc` as 'nik_enc']),
      });
      return {
        head,
        full: {
          nik: dec(i.nik_enc),
          bankName: i.bank_name,
          account: dec(i.account_enc),
          accountHolder: i.account_holder,
          npwp: dec(i.npwp_enc),
        },
      };
    },
    /** Saves a head's identity; a number left empty keeps the one stored. */
    async savePaymentIdentity(
      ctx: Ctx,
      userId: number,
      v: {
        nik?: string | undefined;
        bankName: string;
        accountNumber?: string | undefined;
        accountHolder: string;
        npwp?: string | undefined;
      },
    ) {
      assertManager(ctx);
      const head = await headFor(ctx, userId);
      const nik = digits(v.nik);
      const account = digits(v.accountNumber);
      const npwp = digits(v.npwp);
      if (nik && !parseNik(nik).ok) throw fieldError('nik', 'money.bad_nik');
      if (account && !/^[0-9]{5,20}$/.test(account)) throw fieldError('accountNumber', 'money.bad_account');
      if (npwp && !/^[0-9]{15,16}$/.test(npwp)) throw fieldError('npwp', 'money.bad_npwp');
      const had = await d.money.identity(db, head.id);
      if (!account && !had?.account_enc) throw fieldError('accountNumber', 'money.account_required');
      const enc = (
        value: string,
        old: Buffer | null | undefined,
        mask: (s: string) => string,
        oldMask?: string | null,
      ) => (value ? { enc: d.pii.encrypt(value), masked: mask(value) } : { enc: old ?? null, masked: oldMask ?? null });
      const n = enc(nik, had?.nik_enc, maskNumber, had?.nik_masked);
      const a = enc(account, had?.account_enc, maskTail, had?.account_masked);
      const w = enc(npwp, had?.npwp_enc, maskTail, had?.npwp_masked);
      await db.transaction().execute(async (trx) => {
        await d.money.saveIdentity(trx, {
          user_id: head.id,
          nik_enc: n.enc,
          nik_masked: n.masked,
          bank_name: v.bankName.trim(),
          account_enc: a.enc,
          account_masked: a.masked,
          account_holder: v.accountHolder.trim(),
          npwp_enc: w.enc,
          npwp_masked: w.masked,
          updated_at: clock.now(),
          updated_by: ctx.scope.userId,
        });
        await audit(trx, ctx, 'rtrw.payment_identity_saved', head.id, head.region_code, {
          changed: [nik && 'nik', account && 'account', npwp && 'npwp'].filter(Boolean),
          bankName: v.bankName.trim(),
        });
      });
    },

    /** Pays a head's honor for a period once: gross from the rate, PPh 21 per the configured rule, cumulative in the year. */
    async markPaid(ctx: Ctx, period: string, userId: number) {
      assertManager(ctx);
      const h = await headFor(ctx, userId);
      const rate = rateFor(await d.programme.rates(db, h.region_code), h.role, period, h.region_code);
      if (!rate) throw new AppError(422, 'prog.no_rate');
      const flags = await identityFlags(h.id);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await d.money.lockPayee(trx, h.id);
        const year = dayOf(now, d.timeZone).slice(0, 4);
        const prior = await d.money.priorDpp(trx, h.id, year, d.timeZone);
        const r = pph21(d.pph21, rate.amount, prior, hasNpwpFor(d.pph21, flags));
        const added = await d.programme.markPaid(trx, {
          period,
          user_id: h.id,
          amount: r.gross,
          dpp: r.dpp,
          tax: r.tax,
          net: r.net,
          tax_rule: JSON.stringify(r.rule),
          paid_by: ctx.scope.userId,
          paid_at: now,
        });
        if (added)
          await audit(trx, ctx, 'allowance.paid', h.id, h.region_code, {
            period,
            amount: r.gross,
            tax: r.tax,
            net: r.net,
            rule: r.rule.version,
          });
        return { added };
      });
    },

    /** The finance office's list of a period with full account numbers: each export is audited. */
    async paymentList(ctx: Ctx, period: string, under: string | undefined, format: string) {
      if (!programmePolicy.view.includes(ctx.scope.role)) throw forbidden();
      const u = under || ctx.scope.regionCode;
      assertCovers(ctx.scope, u);
      const rows = await d.money.paymentsUnder(db, ctx.scope, u, period);
      const ids = await d.money.identities(
        db,
        rows.map((r) => r.user_id),
      );
      const names = await d.money.regionNames(db, [...new Set(rows.map((r) => r.region_code.slice(0, 13)))]);
      await audit(db, ctx, 'allowance.payment_list_exported', period, u, { period, rows: rows.length, format });
      return {
        period,
        rows: rows.map((r) => {
          const i = ids.find((x) => x.user_id === r.user_id);
          return {
            payment: r,
            kelurahan: names.get(r.region_code.slice(0, 13)) ?? '',
            nikMasked: i?.nik_masked ?? null,
            bankName: i?.bank_name ?? '',
            account: i?.account_enc ? d.pii.decrypt(i.account_enc) : null,
            accountHolder: i?.account_holder ?? '',
          };
        }),
      };
    },

    /** What a kuitansi prints for one payment (the payee, a manager or the kecamatan in scope). */
    async kuitansi(ctx: Ctx, paymentId: number) {
      const p = await paymentFor(ctx, paymentId);
      const i = await d.money.identity(db, p.user_id);
      const codes = [p.region_code.slice(0, 5), p.region_code.slice(0, 13)];
      const names = await d.money.regionNames(db, codes);
      return {
        payment: p,
        cityName: names.get(codes[0]!) ?? '',
        kelurahanName: names.get(codes[1]!) ?? '',
        nikMasked: i?.nik_masked ?? null,
        npwpMasked: i?.npwp_masked ?? null,
        bankName: i?.bank_name ?? '',
        accountMasked: i?.account_masked ?? null,
        day: dayOf(p.paid_at, d.timeZone),
        timeZone: d.timeZone,
      };
    },

    /** Marks a payment transferred with its reference and the bank's proof; once. */
    async markTransferred(ctx: Ctx, paymentId: number, ref: string, content: Buffer) {
      assertManager(ctx);
      const p = await paymentFor(ctx, paymentId);
      if (p.transferred_at) throw conflict('money.transfer_done');
      const reference = ref.trim();
      if (!reference) throw fieldError('transferRef', 'money.transfer_ref_required');
      const check = checkUpload(content);
      if (!check.ok) throw fieldError('file', `money.file_${check.reason}`, { limit: '2 MB' });
      await db.transaction().execute(async (trx) => {
        const fileId = await d.files.put(trx, { mime: check.mime, content });
        const done = await d.money.markTransferred(trx, p.id, {
          transfer_ref: reference,
          proof_file_id: fileId,
          transferred_at: clock.now(),
          transferred_by: ctx.scope.userId,
        });
        if (!done) throw conflict('money.transfer_done');
        await audit(trx, ctx, 'allowance.transferred', p.user_id, p.region_code, { paymentId: p.id, fileId });
      });
    },
    /** The transfer proof (it shows an account number): each view audited. */
    async transferProof(ctx: Ctx, paymentId: number) {
      const p = await paymentFor(ctx, paymentId);
      if (!p.proof_file_id) throw notFound();
      const f = await d.files.get(db, p.proof_file_id);
      if (!f) throw notFound();
      await audit(db, ctx, 'allowance.proof_viewed', p.user_id, p.region_code, { paymentId: p.id });
      return f;
    },
  };
}
export type HonorService = ReturnType<typeof createHonorService>;
