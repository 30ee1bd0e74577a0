// The archive classification codes (Permendagri 83/2022, bagian B) for the city
// admin: the shipped file's version, the last import, and a button to import it
// again after codes were added to the file (reference/klasifikasi-arsip-permendagri-83-2022.md).
import type { FormFailure } from '../../http/forms.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import type { PageCtx } from '../../ui/page.js';
import type { CatalogueService } from './service.js';

type Data = Awaited<ReturnType<CatalogueService['classifications']>>;

export function ClassificationPage(p: { pc: PageCtx; data: Data; failure?: FormFailure | undefined }) {
  const { pc, data } = p;
  const t = pc.t;
  const last = data.lastImport;
  return (
    <Layout pc={pc} title={t('cat.classification_title')}>
      <p>
        <a href="/admin/jenis-surat">
          {t('common.back')}: {t('cat.title')}
        </a>
      </p>
      <h1>{t('cat.classification_title')}</h1>
      <p>{t('cat.classification_intro')}</p>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <p data-testid="classification-versions">
        {t('cat.classification_shipped', { version: data.shippedVersion })}{' '}
        {last
          ? t('cat.classification_last', {
              version: last.source_version,
              date: formatIndonesianDate(last.imported_at.toISOString(), pc.timeZone),
              total: last.codes_total,
              added: last.codes_added,
              changed: last.codes_changed,
              deactivated: last.codes_deactivated,
            })
          : t('cat.classification_never')}
      </p>
      <Form pc={pc} action="/admin/klasifikasi/impor" testid="classification-import">
        <input type="hidden" name="expected_version" value={String(data.shippedVersion)} />
        <Submit label={t('cat.classification_reimport')} variant="secondary" testid="classification-reimport" />
      </Form>
      <div class="table-wrap">
        <table class="table" data-testid="classification-codes">
          <caption>{t('cat.classification_caption')}</caption>
          <thead>
            <tr>
              <th>{t('cat.col_code')}</th>
              <th>{t('cat.col_name')}</th>
              <th>{t('cat.col_active')}</th>
            </tr>
          </thead>
          <tbody>
            {data.codes.map((c) => (
              <tr data-testid={`code-${c.code}`}>
                <td>{c.code}</td>
                <td>{c.name}</td>
                <td>{c.active ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
