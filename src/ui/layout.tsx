// The base layout: accessible (skip link, landmarks, labels, focus), light
// (one CSS and one JS file, both cached for a year), Indonesian by default.
import type { Child } from 'hono/jsx';
import { assetUrl } from '../http/static.js';
import type { PageCtx } from './page.js';

export function Layout(props: { pc: PageCtx; title: string; children?: Child }) {
  const { pc } = props;
  const t = pc.t;
  const user = pc.user;
  const other = pc.locale === 'id' ? 'en' : 'id';
  return (
    <html lang={pc.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — ${t('app.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="icon" href={assetUrl('icon.svg')} type="image/svg+xml" />
        <meta name="theme-color" content="#1d3f72" />
        <script src={assetUrl('app.js')} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href="/">
              {t('app.name')}
            </a>
            {user ? (
              <nav class="site-nav" aria-label={t('app.name')}>
                {/* On a phone the modules' items fold into "Menu" (no script: <details>); wider screens show them in a row. */}
                <details class="site-menu" data-testid="site-menu">
                  <summary>{t('nav.menu')}</summary>
                  <ul>
                    {pc.menu.map((n) => (
                      <li>
                        <a href={n.href} aria-current={pc.path === n.href ? 'page' : undefined}>
                          {t(n.key)}
                        </a>
                      </li>
                    ))}
                    <li>
                      <a href="/akun/sandi">{t('nav.password')}</a>
                    </li>
                  </ul>
                </details>
                <ul>
                  <li>
                    <a href="/kotak-masuk" data-testid="inbox-link">
                      {t('nav.inbox')}
                      {pc.unread ? (
                        <span class="tag tag--red" data-testid="unread-count">
                          {pc.unread}
                        </span>
                      ) : null}
                    </a>
                  </li>
                  <li>
                    <form method="post" action="/keluar" class="inline-form">
                      <input type="hidden" name="_csrf" value={pc.csrf} />
                      <button type="submit" class="button--link">
                        {t('nav.logout')}
                      </button>
                    </form>
                  </li>
                </ul>
              </nav>
            ) : (
              <nav class="site-nav" aria-label={t('app.name')}>
                <ul>
                  <li>
                    <a href="/lacak" aria-current={pc.path === '/lacak' ? 'page' : undefined}>
                      {t('req.nav.track')}
                    </a>
                  </li>
                </ul>
              </nav>
            )}
            <ul class="lang-switch" aria-label={t('lang.label')}>
              <li>
                <a href={`/bahasa/${other}?next=${encodeURIComponent(pc.path)}`} lang={other}>
                  {other === 'en' ? 'English' : 'Bahasa Indonesia'}
                </a>
              </li>
            </ul>
          </div>
        </header>
        <div class="offline-banner" role="status">
          {t('offline.banner')}
        </div>
        <main class="container" id="main" tabindex={-1}>
          {pc.flash ? (
            <div class="notice notice--success" role="status">
              {t(pc.flash)}
            </div>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            {t('footer.text')} · <a href="/privasi">{t('privacy.nav')}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
