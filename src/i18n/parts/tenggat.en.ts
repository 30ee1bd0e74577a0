// Messages of disposition deadlines, delegates and the unit counters (E-Surat, issue 15 items 1, 4, 8) (English).
// Keys must match tenggat.id.ts.
import type { tenggatId } from './tenggat.id.js';

export const tenggatEn: Record<keyof typeof tenggatId, string> = {
  'tenggat.notice.warn_title': 'Reminder: disposition {agenda} is nearing its due date',
  'tenggat.notice.warn_body':
    'The disposition of naskah {agenda} ({perihal}) is due {due} and 75 % of its working time has passed. Please follow it up and report.',
  'tenggat.notice.overdue_title': 'Overdue: disposition {agenda} is past its due date',
  'tenggat.notice.overdue_body':
    'The disposition of naskah {agenda} ({perihal}) to {to} was due {due} and has not been reported. Please follow it up.',
  'tenggat.on_behalf': '{prefix} — on behalf of {name}',
  'tenggat.act': '{step} by {actor}, {prefix} on behalf of {holder}, {when}',
  'tenggat.step_baca': 'Read',
  'tenggat.step_disposisi': 'Disposed',
  'tenggat.step_lapor': 'Reported',
  'tenggat.counter_pending': 'Incoming not followed up',
  'tenggat.nav': 'Unit correspondence',
  'tenggat.pantau_title': 'Correspondence per unit',
  'tenggat.pantau_intro':
    'Each unit you head and the units below it. Tap a number to see its list. Unread: not yet opened by the unit head; not followed up: neither disposed nor closed.',
  'tenggat.pantau_none': 'You do not head any unit, so there is no unit to follow.',
  'tenggat.col_unit': 'Unit',
  'tenggat.f.state': 'List',
  'tenggat.state.unread': 'Incoming unread',
  'tenggat.state.pending': 'Not followed up',
  'tenggat.state.disp_unread': 'Dispositions unread',
  'tenggat.state.disp_overdue': 'Dispositions overdue',
  'tenggat.list_title': '{state} — {unit}',
  'tenggat.list_none': 'No naskah or disposition in this state.',
  'tenggat.back': 'Back to the unit overview',
  'tenggat.col_naskah': 'Naskah',
  'tenggat.col_sender': 'Sender',
  'tenggat.col_received': 'Received',
  'tenggat.col_to': 'Disposed to',
  'tenggat.col_due': 'Due',
};
