// /privasi: the full privacy notice (UU 27/2022 PDP: what is collected, why,
// who sees it, how long it is kept, the person's rights, whom to ask), from
// the message catalogue; the periods and the contact from the configuration.
// Public: anyone about to give their data can read it first.
import type { App } from '../../http/types.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import { privacyContact } from '../../ui/privacy.js';
import type { Services } from '../../wiring.js';

function PrivacyPage(p: { pc: PageCtx; policy: ReturnType<Services['requests']['privacy']> }) {
  const t = p.pc.t;
  const n = p.policy;
  const sections = [
    ['privacy.what_title', t('privacy.what')],
    ['privacy.why_title', t('privacy.why')],
    ['privacy.who_title', t('privacy.who')],
    [
      'privacy.how_long_title',
      t('privacy.how_long', {
        completed: n.completedDays,
        rejected: n.rejectedDays,
        returned: n.returnedDays,
        pending: n.pendingHours,
      }),
    ],
    ['privacy.rights_title', t('privacy.rights')],
    ['privacy.contact_title', t('privacy.contact', { contact: privacyContact(t, n) })],
  ] as const;
  return (
    <Layout pc={p.pc} title={t('privacy.title')}>
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.intro')}</p>
      {sections.map(([title, text]) => (
        <section>
          <h2>{t(title)}</h2>
          <p data-testid={title.replace('privacy.', '').replace('_title', '')}>{text}</p>
        </section>
      ))}
    </Layout>
  );
}

export function registerPrivacyPage(app: App, s: Services) {
  app.get('/privasi', { config: { access: 'public' } }, async (req, reply) =>
    sendPage(reply, <PrivacyPage pc={pageCtx(req, reply)} policy={s.requests.privacy()} />),
  );
}
