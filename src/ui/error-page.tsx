import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../lib/errors.js';
import { ErrorSummary } from './forms.js';
import { Layout } from './layout.js';
import { pageCtx } from './page.js';

export function renderErrorPage(req: FastifyRequest, reply: FastifyReply, e: AppError): string {
  const pc = pageCtx(req, reply);
  const title = pc.t(titleFor(e.status));
  const node = (
    <Layout pc={pc} title={title}>
      <h1>{title}</h1>
      <ErrorSummary
        t={pc.t}
        errors={e.fields}
        message={e.key}
        params={{ limit: '2 MB', ...e.params }}
        title={summaryTitleFor(e.status)}
      />
      <p>
        <a href="/">{pc.t('nav.home')}</a>
      </p>
    </Layout>
  );
  return '<!doctype html>' + String(node);
}

/** The heading says what kind of trouble it is: input to fix, nothing there, no permission, or a fault on our side. */
function titleFor(status: number) {
  if (status === 404) return 'error.title_not_found' as const;
  if (status === 401 || status === 403) return 'error.title_forbidden' as const;
  if (status === 503) return 'error.title_unavailable' as const;
  if (status >= 500) return 'error.title_server' as const;
  return 'error.title' as const;
}

/** A refusal or a missing page has nothing to fix in a form: its box says what it is. */
function summaryTitleFor(status: number) {
  if (status === 401 || status === 403) return 'error.summary_forbidden' as const;
  if (status === 404) return 'error.summary_not_found' as const;
  if (status >= 500) return 'error.summary_problem' as const;
  return undefined;
}
