// Pages for paying heads: a head's payment identity (masked; managers enter
// it and may show the full numbers, audited), one honor payment with its
// kuitansi (PDF) and the non-cash transfer proof (multipart, once), and the
// finance office's payment list (CSV/XLSX with full account numbers, audited).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { Form, Submit, TextField } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { renderKuitansi } from './honor-pdf.js';
import { rupiahText } from './honor-rules.js';
import { IdentityForm, PaymentListQuery } from './money-schema.js';
import { paymentListSheet, kuitansiData } from './money-present.js';
import { BASE, isManager, ListPage, type Values } from './page-parts.js';
import { programmePolicy } from './policy.js';
import { idOf, textField, UPLOAD_MULTIPART, uploadedFile } from './upload-parts.js';
import { sendSheet } from './present.js';

type Identity = Awaited<ReturnType<Services['programme']['paymentIdentity']>>;
type Full = Awaited<ReturnType<Services['programme']['paymentIdentityFull']>>['full'];
type Payment = Awaited<ReturnType<Services['programme']['kuitansi']>>;

function IdentityPage(p: { pc: PageCtx; r: Identity; full?: Full; failure?: FormFailure | undefined; values: Values }) {
  const { pc, r } = p;
  const t = pc.t;
  const i = r.identity;
  const row = (label: Parameters<typeof t>[0], value: string | null | undefined) => (
    <div>
      <dt>{t(label)}</dt>
      <dd>{value || '–'}</dd>
    </div>
  );
  const shown =
    p.full ??
    (i ? { nik: i.nik, bankName: i.bankName, account: i.account, accountHolder: i.accountHolder, npwp: i.npwp } : null);
  const errors = p.failure?.errors;
  return (
    <ListPage pc={pc} title="money.identity_link" failure={p.failure}>
      <h2>{t('money.identity_title', { name: `${r.head.full_name} · ${r.head.region_name}` })}</h2>
      {shown ? (
        <dl class="summary-list" data-testid={p.full ? 'identity-full' : 'identity-masked'}>
          {row('money.nik', shown.nik)}
          {row('money.bank_name', shown.bankName)}
          {row('money.account_number', shown.account)}
          {row('money.account_holder', shown.accountHolder)}
          {row('money.npwp', shown.npwp)}
          {i ? row('money.updated_at', formatTime(i.updatedAt, pc, 'short')) : null}
        </dl>
      ) : (
        <p data-testid="identity-masked">{t('money.identity_none')}</p>
      )}
      {p.full ? <p class="hint">{t('money.revealed_note')}</p> : null}
      {isManager(pc) && i && !p.full ? (
        <Form pc={pc} action={`${BASE}/identitas/${r.head.id}/lihat`} testid="identity-reveal-form">
          <p class="hint">{t('money.reveal_hint')}</p>
          <Submit label={t('money.reveal')} variant="secondary" testid="identity-reveal" />
        </Form>
      ) : null}
      {isManager(pc) ? (
        <Form pc={pc} action={`${BASE}/identitas/${r.head.id}`} testid="identity-form">
          <TextField
            t={t}
            name="nik"
            label="money.nik"
            inputmode="numeric"
            maxLength={24}
            value={p.values.nik}
            hint={i ? 'money.keep_hint' : undefined}
            optional
            errors={errors}
          />
          <TextField
            t={t}
            name="bankName"
            label="money.bank_name"
            maxLength={100}
            value={p.values.bankName ?? i?.bankName}
            errors={errors}
          />
          <TextField
            t={t}
            name="accountNumber"
            label="money.account_number"
            inputmode="numeric"
            maxLength={30}
            value={p.values.accountNumber}
            hint={i ? 'money.keep_hint' : undefined}
            optional={!!i}
            errors={errors}
          />
          <TextField
            t={t}
            name="accountHolder"
            label="money.account_holder"
            maxLength={200}
            value={p.values.accountHolder ?? i?.accountHolder}
            errors={errors}
          />
          <TextField
            t={t}
            name="npwp"
            label="money.npwp"
            inputmode="numeric"
            maxLength={30}
            value={p.values.npwp}
            hint={i ? 'money.keep_hint' : undefined}
            optional
            errors={errors}
          />
          <Submit label={t('prog.save')} testid="identity-submit" />
        </Form>
      ) : null}
    </ListPage>
  );
}

function PaymentPage(p: { pc: PageCtx; k: Payment; failure?: FormFailure | undefined; values: Values }) {
  const { pc, k } = p;
  const t = pc.t;
  const x = k.payment;
  const errors = p.failure?.errors;
  const fileErr = errors?.find((e) => e.field === 'file');
  const row = (label: Parameters<typeof t>[0], value: string) => (
    <div>
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <ListPage pc={pc} title="prog.allowance_list" failure={p.failure}>
      <h2>{t('money.payment_title', { name: `${x.full_name} · ${x.region_name}`, period: x.period })}</h2>
      <dl class="summary-list" data-testid="payment-detail">
        {row('money.gross', rupiahText(x.amount))}
        {row('money.tax', rupiahText(x.tax))}
        {row('money.net', rupiahText(x.net))}
        {row('money.tax_rule', String((x.tax_rule as { version?: string } | null)?.version ?? '–'))}
        {row('money.bank_name', `${k.bankName || '–'} ${k.accountMasked ?? ''}`)}
      </dl>
      <p>
        <a href={`${BASE}/honor/pembayaran/${x.id}/kuitansi`} data-testid="kuitansi-link">
          {t('money.kuitansi')}
        </a>
      </p>
      <p data-testid="transfer-status">
        {x.transferred_at
          ? t('money.transferred', { when: formatTime(x.transferred_at, pc, 'short'), ref: x.transfer_ref ?? '' })
          : t('money.not_transferred')}
        {x.proof_file_id ? (
          <>
            {' '}
            <a href={`${BASE}/honor/pembayaran/${x.id}/bukti`} target="_blank" rel="noopener">
              {t('money.proof_view')}
            </a>
          </>
        ) : null}
      </p>
      {isManager(pc) && !x.transferred_at ? (
        <Form pc={pc} action={`${BASE}/honor/pembayaran/${x.id}/transfer`} multipart testid="transfer-form">
          <TextField
            t={t}
            name="transferRef"
            label="money.transfer_ref"
            maxLength={100}
            value={p.values.transferRef}
            errors={errors}
          />
          <div class={fileErr ? 'form-group form-group--error' : 'form-group'}>
            <label for="f-file">{t('money.transfer_file')}</label>
            <div class="hint" id="f-file-hint">
              {t('money.transfer_file_hint')}
            </div>
            {fileErr ? (
              <p class="error-message" id="f-file-error">
                {t(fileErr.key, fileErr.params)}
              </p>
            ) : null}
            <input
              id="f-file"
              type="file"
              name="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              aria-describedby="f-file-hint"
              data-testid="transfer-file"
            />
          </div>
          <Submit label={t('money.transfer_submit')} testid="transfer-submit" />
        </Form>
      ) : null}
    </ListPage>
  );
}

export function registerHonorPages(app: App, s: Services) {
  const P = s.programme;
  const identityView = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const r = await P.paymentIdentity(req.ctx(), id);
    const pc = pageCtx(req, reply);
    return (failure?: FormFailure, v: Values = {}, full?: Full) => (
      <IdentityPage pc={pc} r={r} failure={failure} values={v} full={full} />
    );
  };
  app.get(
    `${BASE}/identitas/:id`,
    { config: { access: [...programmePolicy.manage, ...programmePolicy.own] }, schema: { params: IdParam } },
    async (req, reply) => sendPage(reply, (await identityView(req, reply, req.params.id))()),
  );
  app.post(
    `${BASE}/identitas/:id`,
    {
      config: { access: programmePolicy.manage },
      attachValidation: true,
      schema: { params: IdParam, body: IdentityForm },
    },
    async (req, reply) => {
      const id = idOf(req);
      const view = await identityView(req, reply, id);
      const b = (req.body ?? {}) as Values;
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () => P.savePaymentIdentity(req.ctx(), id, req.body),
        done: () => redirectWithFlash(reply, `${BASE}/identitas/${id}`, 'flash.saved'),
      });
    },
  );
  // A POST: showing the full numbers is an action (audited), never a link that could be followed or prefetched.
  app.post(
    `${BASE}/identitas/:id/lihat`,
    { config: { access: programmePolicy.manage }, schema: { params: IdParam } },
    async (req, reply) => {
      const r = await P.paymentIdentityFull(req.ctx(), req.params.id);
      return sendPage(reply, (await identityView(req, reply, req.params.id))(undefined, {}, r.full));
    },
  );

  app.get(
    `${BASE}/honor/daftar-bayar`,
    { config: { access: programmePolicy.view }, schema: { querystring: PaymentListQuery } },
    async (req, reply) => {
      const q = req.query;
      const r = await P.paymentList(req.ctx(), q.period, q.under, q.format);
      // The name says what it holds: full account numbers, and that the download was recorded.
      return sendSheet(
        reply,
        paymentListSheet(req.t, r),
        q.format,
        `daftar-bayar-honor-${q.period}-rekening-lengkap-tercatat-audit`,
      );
    },
  );

  const paymentView = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const k = await P.kuitansi(req.ctx(), id);
    const pc = pageCtx(req, reply);
    return (failure?: FormFailure, v: Values = {}) => <PaymentPage pc={pc} k={k} failure={failure} values={v} />;
  };
  const payAccess = [...programmePolicy.view, ...programmePolicy.own];
  app.get(
    `${BASE}/honor/pembayaran/:id`,
    { config: { access: payAccess }, schema: { params: IdParam } },
    async (req, reply) => sendPage(reply, (await paymentView(req, reply, req.params.id))()),
  );
  app.get(
    `${BASE}/honor/pembayaran/:id/kuitansi`,
    { config: { access: payAccess }, schema: { params: IdParam } },
    async (req, reply) => {
      const k = await P.kuitansi(req.ctx(), req.params.id);
      const pdf = await renderKuitansi(kuitansiData(req.t, k));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="kuitansi-honor-${k.payment.period}-${k.payment.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
  app.get(
    `${BASE}/honor/pembayaran/:id/bukti`,
    { config: { access: payAccess }, schema: { params: IdParam } },
    async (req, reply) =>
      sendStoredFile(reply, await P.transferProof(req.ctx(), req.params.id), `bukti-transfer-${req.params.id}`),
  );
  app.post(
    `${BASE}/honor/pembayaran/:id/transfer`,
    {
      config: { access: programmePolicy.manage, multipartOptions: UPLOAD_MULTIPART },
      attachValidation: true,
      schema: { params: IdParam },
    },
    async (req, reply) => {
      const id = idOf(req);
      const view = await paymentView(req, reply, id); // 404 outside the scope before the file is looked at
      const ref = textField(req.body, 'transferRef');
      return handleForm(req, reply, {
        render: (failure) => view(failure, { transferRef: ref }),
        run: () => P.markTransferred(req.ctx(), id, ref, uploadedFile(req.body)),
        done: () => redirectWithFlash(reply, `${BASE}/honor/pembayaran/${id}`, 'flash.saved'),
      });
    },
  );
}
