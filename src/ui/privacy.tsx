// The short privacy notice shown where citizens give their data (UU 27/2022
// PDP: what is collected, why, how long, whom to ask), linking to /privasi.
// The numbers and the contact come from the configuration (PrivacyPolicy).
import type { PrivacyPolicy } from '../config.js';
import type { Translate } from '../i18n/index.js';

export type PrivacyNoticeKind = 'request' | 'registration' | 'resident' | 'tracking';

const KEYS = {
  request: 'privacy.short.request',
  registration: 'privacy.short.registration',
  resident: 'privacy.short.resident',
  tracking: 'privacy.short.tracking',
} as const;

/** Whom citizens ask: the configured contact, or their kelurahan office. */
export const privacyContact = (t: Translate, p: PrivacyPolicy) => p.contact || t('privacy.contact_default');

export function PrivacyNotice(props: { t: Translate; kind: PrivacyNoticeKind; policy: PrivacyPolicy }) {
  const { t, policy } = props;
  return (
    <p class="hint privacy-notice" data-testid="privacy-notice">
      {t(KEYS[props.kind], {
        completed: policy.completedDays,
        rejected: policy.rejectedDays,
        contact: privacyContact(t, policy),
      })}{' '}
      <a href="/privasi">{t('privacy.more')}</a>
    </p>
  );
}
