// HTML pages for the region tree: browse, add RW/RT, rename, retire, import.
import { addMenu } from '../../kernel/menu.js';
import { STAFF_ROLES } from '../../kernel/roles.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Region } from '../../db/schema.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { UPLOAD_LIMIT } from '../../http/cookies.js';
import { CodeParam, Form as FormSchema, Str, type App } from '../../http/types.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { ErrorSummary, Form, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { RowProblems } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { regionPolicy } from './policy.js';
import { isWithin } from '../../kernel/regions.js';
import { ChildBody, DEFAULT_TREE_LEVELS, RetireBody } from './schema.js';

type Values = Record<string, string | undefined>;
type Detail = Awaited<ReturnType<Services['regions']['get']>>;
type ImportResult = Awaited<ReturnType<Services['regions']['importRwRt']>>;
type FormName = 'child' | 'rename' | 'retire';

/** The page form uses `newName` so its input id does not clash with the add-child form's `name`. */
const RenameForm = FormSchema({ newName: Str(120, 1) });

const levelLabel = (pc: PageCtx, level: string) => pc.t(`level.${level}` as 'level.rt');
const canManage = (pc: PageCtx) => !!pc.user && regionPolicy.manageRwRt.includes(pc.user.role);

function RetiredTag(p: { pc: PageCtx }) {
  return <span class="tag tag--grey">{p.pc.t('common.retired')}</span>;
}

function TreeNodes(p: { pc: PageCtx; nodes: Region[]; byParent: Map<string, Region[]> }) {
  return (
    <>
      {p.nodes.map((r) => {
        const kids = p.byParent.get(r.code) ?? [];
        return (
          <li data-testid={`tree-${r.code}`}>
            <a href={`/wilayah/${r.code}`}>
              {levelLabel(p.pc, r.level)} {r.name}
            </a>{' '}
            {r.retired_at ? <RetiredTag pc={p.pc} /> : null}
            {kids.length ? (
              <ul>
                <TreeNodes pc={p.pc} nodes={kids} byParent={p.byParent} />
              </ul>
            ) : null}
          </li>
        );
      })}
    </>
  );
}

function TreePage(p: { pc: PageCtx; regions: Region[] }) {
  const t = p.pc.t;
  const codes = new Set(p.regions.map((r) => r.code));
  const byParent = new Map<string, Region[]>();
  const roots: Region[] = [];
  for (const r of p.regions) {
    if (r.parent_code && codes.has(r.parent_code)) {
      const list = byParent.get(r.parent_code) ?? [];
      list.push(r);
      byParent.set(r.parent_code, list);
    } else roots.push(r);
  }
  return (
    <Layout pc={p.pc} title={t('regions.title')}>
      <h1>{t('regions.title')}</h1>
      {roots.length ? (
        <ul class="tree" data-testid="region-tree">
          <TreeNodes pc={p.pc} nodes={roots} byParent={byParent} />
        </ul>
      ) : (
        <p>{t('common.none')}</p>
      )}
    </Layout>
  );
}

function Breadcrumb(p: { pc: PageCtx; ancestors: Detail['ancestors'] }) {
  const scope = p.pc.user?.regionCode ?? '';
  return (
    <nav aria-label={p.pc.t('regions.title')} data-testid="breadcrumb">
      <ol class="breadcrumb">
        <li>
          <a href="/wilayah">{p.pc.t('regions.title')}</a>
        </li>
        {p.ancestors.map((a) => (
          <li>
            {isWithin(scope, a.code) ? (
              <a href={`/wilayah/${a.code}`}>{`${levelLabel(p.pc, a.level)} ${a.name}`}</a>
            ) : (
              `${levelLabel(p.pc, a.level)} ${a.name}`
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Like TextField, but the input itself carries the test id. */
function NumberField(p: { pc: PageCtx; value?: string | undefined; errors?: FormFailure['errors'] | undefined }) {
  const t = p.pc.t;
  const err = p.errors?.find((e) => e.field === 'number');
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'}>
      <label for="f-number">{t('f.number')}</label>
      <div class="hint" id="f-number-hint">
        {t('regions.number_hint')}
      </div>
      {err ? (
        <p class="error-message" id="f-number-error">
          {t(err.key, err.params)}
        </p>
      ) : null}
      <input
        id="f-number"
        name="number"
        type="text"
        inputmode="numeric"
        maxlength={10}
        class="input--short"
        value={p.value ?? ''}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? 'f-number-hint f-number-error' : 'f-number-hint'}
        data-testid="child-number"
      />
    </div>
  );
}

function DetailPage(p: {
  pc: PageCtx;
  detail: Detail;
  failure?: FormFailure | undefined;
  form?: FormName;
  values?: Values;
}) {
  const { pc, detail } = p;
  const t = pc.t;
  const r = detail.region;
  const v = p.values ?? {};
  const errorsFor = (f: FormName) => (p.form === f ? p.failure?.errors : undefined);
  const manager = canManage(pc) && !r.retired_at;
  const childLevel = r.level === 'kelurahan' ? 'rw' : r.level === 'rw' ? 'rt' : null;
  return (
    <Layout pc={pc} title={`${levelLabel(pc, r.level)} ${r.name}`}>
      <Breadcrumb pc={pc} ancestors={detail.ancestors} />
      <h1>
        {levelLabel(pc, r.level)} {r.name} {r.retired_at ? <RetiredTag pc={pc} /> : null}
      </h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <dl class="summary-list" data-testid="region-summary">
        <div>
          <dt>{t('common.name')}</dt>
          <dd>{r.name}</dd>
        </div>
        <div>
          <dt>{t('regions.level')}</dt>
          <dd>{levelLabel(pc, r.level)}</dd>
        </div>
        <div>
          <dt>{t('regions.code')}</dt>
          <dd>{r.code}</dd>
        </div>
        <div>
          <dt>{t('common.status')}</dt>
          <dd>{r.retired_at ? t('common.retired') : t('common.active')}</dd>
        </div>
      </dl>

      <h2>{t('regions.children')}</h2>
      {detail.children.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="children-table">
            <thead>
              <tr>
                <th>{t('f.number')}</th>
                <th>{t('common.name')}</th>
                <th>{t('common.status')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.children.map((c) => (
                <tr data-testid={`child-${c.code}`}>
                  <td>{c.code.split('.').pop()}</td>
                  <td>{c.name}</td>
                  <td>
                    {c.retired_at ? <RetiredTag pc={pc} /> : <span class="tag tag--green">{t('common.active')}</span>}
                  </td>
                  <td>
                    <a href={`/wilayah/${c.code}`}>{`${levelLabel(pc, c.level)} ${c.name}`}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="children-table">{t('common.none')}</p>
      )}

      {manager && childLevel ? (
        <section>
          <h2>{t(childLevel === 'rw' ? 'regions.add_rw' : 'regions.add_rt')}</h2>
          <Form pc={pc} action={`/wilayah/${r.code}/anak`} testid="add-child-form">
            <NumberField pc={pc} value={p.form === 'child' ? v.number : undefined} errors={errorsFor('child')} />
            <TextField
              t={t}
              name="name"
              label="f.name"
              value={p.form === 'child' ? v.name : undefined}
              maxLength={120}
              optional
              errors={errorsFor('child')}
            />
            <Submit label={t(childLevel === 'rw' ? 'regions.add_rw' : 'regions.add_rt')} testid="add-child-submit" />
          </Form>
        </section>
      ) : null}

      {manager && r.level === 'kelurahan' ? (
        <p>
          <a class="button button--secondary" href={`/wilayah/${r.code}/impor`} data-testid="import-link">
            {t('regions.import_link')}
          </a>
        </p>
      ) : null}

      {manager && (r.level === 'rw' || r.level === 'rt') ? (
        <section>
          <h2>{t('regions.rename')}</h2>
          <Form pc={pc} action={`/wilayah/${r.code}/ubah`} testid="rename-form">
            <TextField
              t={t}
              name="newName"
              label="f.name"
              value={p.form === 'rename' ? v.newName : r.name}
              maxLength={120}
              errors={errorsFor('rename')}
            />
            <Submit label={t('regions.rename')} testid="rename-submit" />
          </Form>
          <h2>{t('regions.retire')}</h2>
          <Form
            pc={pc}
            action={`/wilayah/${r.code}/nonaktif`}
            testid="retire-form"
            confirm={t('regions.retire_confirm')}
          >
            <Submit label={t('regions.retire')} variant="danger" testid="retire-submit" />
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

function ImportPage(p: {
  pc: PageCtx;
  region: Region;
  failure?: FormFailure;
  result?: ImportResult;
  csv?: string | undefined;
}) {
  const { pc, region } = p;
  const t = pc.t;
  const res = p.result;
  return (
    <Layout pc={pc} title={t('regions.import_title')}>
      <p>
        <a href={`/wilayah/${region.code}`}>
          {t('common.back')}: {levelLabel(pc, region.level)} {region.name}
        </a>
      </p>
      <h1>{t('regions.import_title')}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      {res && !res.errors.length ? (
        <div class="notice notice--success" role="status" data-testid="import-result">
          {t('regions.import_done', { created: res.created, skipped: res.skipped })}
        </div>
      ) : null}
      {res?.errors.length ? (
        <div data-testid="import-result">
          <div class="notice notice--warning" role="alert">
            {t('regions.import_errors')}
          </div>
          <RowProblems t={t} rows={res.errors} testid="import-error-row" tableTestid="import-errors" />
        </div>
      ) : null}
      <p class="hint">{t('regions.import_hint')}</p>
      <Form pc={pc} action={`/wilayah/${region.code}/impor`} multipart testid="import-form">
        <div class={p.failure?.errors.some((e) => e.field === 'file') ? 'form-group form-group--error' : 'form-group'}>
          <label for="f-file">{t('f.file')}</label>
          {p.failure?.errors.some((e) => e.field === 'file') ? (
            <p class="error-message" id="f-file-error">
              {t('regions.import_need_file')}
            </p>
          ) : null}
          <input id="f-file" type="file" name="file" accept=".csv,text/csv" data-testid="import-file" />
        </div>
        <p class="hint">{t('regions.import_or_paste')}</p>
        <TextArea t={t} name="csv" label="f.csv" value={p.csv} rows={8} optional errors={p.failure?.errors} />
        <Submit label={t('regions.import_title')} testid="import-submit" />
      </Form>
    </Layout>
  );
}

/** The CSV from a multipart upload (`file` as a Buffer) or the pasted `csv` field. */
function csvFromBody(body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  const file = b.file;
  if (Buffer.isBuffer(file) && file.length > 0) {
    if (file.length > UPLOAD_LIMIT) throw new AppError(413, 'error.too_large', { limit: '2 MB' });
    return file.toString('utf8');
  }
  const csv = typeof b.csv === 'string' ? b.csv : '';
  if (Buffer.byteLength(csv, 'utf8') > UPLOAD_LIMIT) throw new AppError(413, 'error.too_large', { limit: '2 MB' });
  if (!csv.trim()) throw fieldError('file', 'regions.import_need_file');
  return csv;
}

export function registerRegionsPages(app: App, s: Services) {
  addMenu(app, { href: '/wilayah', key: 'nav.regions', roles: STAFF_ROLES, order: 60 });
  const detailOf = (req: FastifyRequest, code: string) => s.regions.get(req.ctx(), code);
  const detailForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    form: FormName,
    values: Values,
    run: () => Promise<unknown>,
  ) => {
    const detail = await detailOf(req, code); // 404 outside scope before anything else
    return handleForm(req, reply, {
      render: (failure) => (
        <DetailPage pc={pageCtx(req, reply)} detail={detail} failure={failure} form={form} values={values} />
      ),
      run,
      done: () => redirectWithFlash(reply, `/wilayah/${code}`, 'flash.saved'),
    });
  };

  app.get('/wilayah', { config: { access: regionPolicy.view } }, async (req, reply) => {
    const regions = await s.regions.tree(req.ctx(), DEFAULT_TREE_LEVELS);
    return sendPage(reply, <TreePage pc={pageCtx(req, reply)} regions={regions} />);
  });
  app.get(
    '/wilayah/:code',
    { config: { access: regionPolicy.view }, schema: { params: CodeParam } },
    async (req, reply) =>
      sendPage(reply, <DetailPage pc={pageCtx(req, reply)} detail={await detailOf(req, req.params.code)} />),
  );
  app.post(
    '/wilayah/:code/anak',
    {
      config: { access: regionPolicy.manageRwRt },
      attachValidation: true,
      schema: { params: CodeParam, body: ChildBody },
    },
    async (req, reply) =>
      detailForm(req, reply, req.params.code, 'child', { number: req.body?.number, name: req.body?.name }, () =>
        s.regions.createChild(req.ctx(), req.params.code, { number: req.body.number, name: req.body.name }),
      ),
  );
  app.post(
    '/wilayah/:code/ubah',
    {
      config: { access: regionPolicy.manageRwRt },
      attachValidation: true,
      schema: { params: CodeParam, body: RenameForm },
    },
    async (req, reply) =>
      detailForm(req, reply, req.params.code, 'rename', { newName: req.body?.newName }, () =>
        s.regions.rename(req.ctx(), req.params.code, req.body.newName),
      ),
  );
  app.post(
    '/wilayah/:code/nonaktif',
    {
      config: { access: regionPolicy.manageRwRt },
      attachValidation: true,
      schema: { params: CodeParam, body: RetireBody },
    },
    async (req, reply) =>
      detailForm(req, reply, req.params.code, 'retire', {}, () => s.regions.retire(req.ctx(), req.params.code)),
  );

  const kelurahanOf = async (req: FastifyRequest, code: string) => {
    const { region } = await detailOf(req, code);
    if (region.level !== 'kelurahan') throw new AppError(404, 'error.not_found');
    return region;
  };
  app.get(
    '/wilayah/:code/impor',
    { config: { access: regionPolicy.manageRwRt }, schema: { params: CodeParam } },
    async (req, reply) =>
      sendPage(reply, <ImportPage pc={pageCtx(req, reply)} region={await kelurahanOf(req, req.params.code)} />),
  );
  // No body schema: multipart arrives as key/values with `file` as a Buffer.
  app.post(
    '/wilayah/:code/impor',
    { config: { access: regionPolicy.manageRwRt }, schema: { params: CodeParam } },
    async (req, reply) => {
      const region = await kelurahanOf(req, req.params.code);
      const pasted =
        typeof (req.body as Record<string, unknown> | undefined)?.csv === 'string'
          ? ((req.body as Record<string, string>).csv ?? '').slice(0, 200000)
          : undefined;
      return handleForm(req, reply, {
        render: (failure) => <ImportPage pc={pageCtx(req, reply)} region={region} failure={failure} csv={pasted} />,
        run: async () => s.regions.importRwRt(req.ctx(), region.code, csvFromBody(req.body)),
        done: (result) =>
          sendPage(
            reply,
            <ImportPage
              pc={pageCtx(req, reply)}
              region={region}
              result={result}
              csv={result.errors.length ? pasted : undefined}
            />,
            result.errors.length ? 422 : 200,
          ),
      });
    },
  );
}
