import type { citizenId } from './citizen.id.js';
export const citizenEn: Record<keyof typeof citizenId, string> = {
  'requests.attachment_expired': 'The file "{name}" received earlier has expired. Please choose it again.',
  'req.upload.kept': 'Received ({size}). No need to choose it again; choose another file only to replace it.',
  'req.upload.view': 'View the received file',

  'req.correct.link': 'Correct and resubmit',
  'req.correct.title': 'Correct the request',
  'req.correct.intro':
    'Change the entries or photos the official asked for, then send. The previous version stays in the request’s history.',
  'req.correct.returned_by': 'Returned by {name} ({stage}): {reason}',
  'req.correct.current_file': 'Current file ({size}).',
  'req.correct.view_current': 'View the current file',
  'req.correct.replace_hint': 'Leave empty to keep the current file.',
  'req.correct.new_file': 'New file (optional)',
  'req.correct.details': 'Details',
  'req.correct.submit': 'Send the correction',
  'req.correct.stale_title': 'Correction not sent',
  'req.correct.stale':
    'This request changed after the form was opened: {action} by {actor}, {at}. Nothing was changed by this form.',
  'req.correct.not_returned': 'This request is not returned, so there is nothing to correct.',
  'req.correct.back': 'Back to the request',
  'req.flash.corrected': 'Correction sent. The request is back at the stage that returned it.',

  'req.versions.title': 'Version history',
  'req.versions.version': 'Version {n}',
  'req.versions.current': 'current',
  'req.versions.first': 'Submitted {at} by {name}.',
  'req.versions.corrected': 'Corrected {at} by {name}.',
  'req.versions.changes': 'Changed from version {n}:',
  'req.versions.no_change': 'No entry or photo changed (only a note).',
  'req.versions.purpose': 'Purpose: "{from}" became "{to}"',
  'req.versions.field': '{field}: "{from}" became "{to}"',
  'req.versions.file_replaced': '{name}: photo replaced',
  'req.versions.file_added': '{name}: photo added',
  'req.versions.file_removed': '{name}: photo removed',
  'req.versions.files': 'Attachments of this version:',
  'req.versions.file_gone': '{name} (removed after its retention period)',
  'req.detail.attachments_removed':
    'This request’s attachments were removed when their retention period ended (Law 27/2022 on Personal Data Protection).',
  'req.detail.attachments_until': 'Attachments are kept until {date}, then removed.',

  'req.offline.waiting': 'waiting for signal',
  'req.offline.sent': 'Sent',
  'req.offline.sent_code': 'Tracking code: {code}',
  'req.offline.track': 'Track the request',
  'req.offline.refused': 'Not sent yet: open the form again and check the entries.',
  'req.offline.close': 'Close',

  'privacy.nav': 'Privacy',
  'privacy.title': 'Privacy notice',
  'privacy.more': 'Full privacy notice',
  'privacy.contact_default': 'the kelurahan office where you are registered',
  'privacy.short.request':
    'Your entries and attached photos (KTP/KK) are used only to process this letter by your RT, RW, kelurahan and kecamatan. Attached photos are removed {completed} days after the request is completed ({rejected} days if rejected). Questions or requests about your data: {contact}.',
  'privacy.short.registration':
    'Your NIK, KK number and date of birth are used only to match your account with the kelurahan’s population records and are kept while your account is active. Questions or requests about your data: {contact}.',
  'privacy.short.resident':
    'Tell the resident: this data is used for kelurahan services and letters, seen only by officials of their area, and they may ask {contact} to correct or erase it.',
  'privacy.short.tracking':
    'The tracking page shows only the letter type and its stage, without a name or NIK. Questions about your data: {contact}.',
  'privacy.intro':
    'Pamong is a city government service. This notice explains what personal data we collect, why, how long it is kept and whom to ask, as required by Law No. 27 of 2022 on Personal Data Protection.',
  'privacy.what_title': 'What we collect',
  'privacy.what':
    'When you register an account: your NIK, Family Card number and date of birth. When you ask for a letter: the form’s entries, the purpose and attached photos such as your KTP and KK. Population data (name, address, NIK, KK number) comes from the kelurahan. We also record who opened personal data and when.',
  'privacy.why_title': 'Why',
  'privacy.why':
    'Only to process your letter request through the RT, RW, kelurahan and kecamatan, issue the letter and let it be checked for authenticity. The data is not used for anything else and is never sold.',
  'privacy.who_title': 'Who sees it',
  'privacy.who':
    'Your RT and RW heads and the kelurahan and kecamatan officials handling the request. NIK and KK numbers are stored encrypted and shown masked (e.g. 3574********0001) unless truly needed; every opening of the full data is recorded.',
  'privacy.how_long_title': 'How long it is kept',
  'privacy.how_long':
    'Attached photos are removed {completed} days after a request is completed, {rejected} days after it is rejected, or {returned} days after it was returned if it is not corrected. Files received from an incomplete form are removed after {pending} hours. Issued letters and the request history are kept as government records. Account data is kept while the account is active.',
  'privacy.rights_title': 'Your rights',
  'privacy.rights':
    'You may ask what data we hold about you, have wrong data corrected, and have data erased that is no longer needed.',
  'privacy.contact_title': 'Whom to ask',
  'privacy.contact': 'Send questions or requests about your data to {contact}.',
};
