import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../lib/errors.js';
import { ErrorSummary } from './forms.js';
import { Layout } from './layout.js';
import { pageCtx } from './page.js';

export function renderErrorPage(req: FastifyRequest, reply: FastifyReply, e: AppError): string {
  const pc = pageCtx(req, reply);
  const node = (
    <Layout pc={pc} title={pc.t('error.title')}>
      <h1>{pc.t('error.title')}</h1>
      <ErrorSummary t={pc.t} errors={e.fields} message={e.key} params={{ limit: '2 MB', ...e.params }} />
      <p>
        <a href="/">{pc.t('nav.home')}</a>
      </p>
    </Layout>
  );
  return '<!doctype html>' + String(node);
}
