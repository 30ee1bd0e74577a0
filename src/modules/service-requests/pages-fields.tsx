// Form parts shared by the request form and the correction form: the type's
// own fields, an attachment input that says what it already has (an upload
// kept from a refused round, or the request's current photo), and the names
// of stages. Every id on these pages is unique (`f-<field name>`).
import type { LetterAttachment, LetterField } from '../../db/schema.js';
import type { Translate } from '../../i18n/index.js';
import type { FieldError } from '../../lib/errors.js';
import { STAGES, type Stage } from './rules.js';
import { sizeLabel, type KeptUpload } from './uploads.js';

export const stageName = (t: Translate, s: string | null) =>
  (STAGES as readonly string[]).includes(s ?? '') ? t(`req.stage.${s as Stage}`) : (s ?? '');

export const sizeText = sizeLabel;

export function ErrorLine(p: { t: Translate; id: string; err: FieldError }) {
  return (
    <p class="error-message" id={p.id}>
      {p.t(p.err.key, p.err.params)}
    </p>
  );
}

export function DynamicField(p: { t: Translate; f: LetterField; value: string; errors: FieldError[] }) {
  const name = `field_${p.f.name}`;
  const err = p.errors.find((e) => e.field === name);
  const common = {
    id: `f-${name}`,
    name,
    maxlength: p.f.maxLength ?? 500,
    'aria-invalid': err ? 'true' : undefined,
    'aria-describedby': err ? `f-${name}-error` : undefined,
  };
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'}>
      <label for={`f-${name}`}>
        {p.f.label}
        {p.f.required ? '' : ` ${p.t('common.optional')}`}
      </label>
      {err ? <ErrorLine t={p.t} id={`f-${name}-error`} err={err} /> : null}
      {p.f.type === 'textarea' ? (
        <textarea {...common} rows={3}>
          {p.value}
        </textarea>
      ) : (
        <input
          {...common}
          type={p.f.type === 'date' ? 'date' : 'text'}
          inputmode={p.f.type === 'number' ? 'numeric' : undefined}
          value={p.value}
        />
      )}
    </div>
  );
}

/**
 * One attachment's input. `kept`: an upload accepted in an earlier round,
 * carried by its token (the person need not choose it again); `current`: in a
 * correction, the request's photo of this kind (kept unless a new one is chosen).
 */
export function AttachmentField(p: {
  t: Translate;
  a: LetterAttachment;
  errors: FieldError[];
  maxBytes: number;
  kept?: KeptUpload | undefined;
  current?: { href: string; sizeBytes: number } | undefined;
}) {
  const t = p.t;
  const name = `file_${p.a.kind}`;
  const err = p.errors.find((e) => e.field === name);
  const hasHint = !!(p.kept || p.current);
  const describedBy = [hasHint ? `f-${name}-hint` : '', err ? `f-${name}-error` : ''].filter(Boolean).join(' ');
  // Nothing more is needed when a file is already there: the label says the new one is optional.
  const optional = !p.a.required || !!p.kept || !!p.current;
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'} data-testid={`attachment-${p.a.kind}`}>
      <label for={`f-${name}`}>
        {p.a.label}
        {optional ? ` ${t('common.optional')}` : ''}
      </label>
      {p.kept ? (
        <div class="hint" id={`f-${name}-hint`} data-testid="kept-upload">
          {t('req.upload.kept', { size: sizeText(p.kept.sizeBytes) })}{' '}
          <a href={`/layanan/unggahan/${p.kept.token}`}>{t('req.upload.view')}</a>
        </div>
      ) : p.current ? (
        <div class="hint" id={`f-${name}-hint`} data-testid="current-file">
          {t('req.correct.current_file', { size: sizeText(p.current.sizeBytes) })}{' '}
          <a href={p.current.href}>{t('req.correct.view_current')}</a> {t('req.correct.replace_hint')}
        </div>
      ) : null}
      {err ? <ErrorLine t={t} id={`f-${name}-error`} err={err} /> : null}
      {p.kept ? <input type="hidden" name={`pending_${p.a.kind}`} value={p.kept.token} /> : null}
      <input
        id={`f-${name}`}
        name={name}
        type="file"
        accept="image/*,application/pdf"
        capture="environment"
        data-max-bytes={String(p.maxBytes)}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/** Reads the multipart (or urlencoded) body by hand: strings, and the files of the type's kinds as Buffers. */
export function readParts(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const file = (k: string) => {
    const raw = b[k];
    const buf = Array.isArray(raw) ? raw.find((x) => Buffer.isBuffer(x)) : raw;
    return Buffer.isBuffer(buf) && buf.length > 0 ? buf : null;
  };
  /** The type's fields (values as typed, for the form), files, and the tokens of uploads kept before. */
  const ofType = (type: { fields: LetterField[]; attachments: LetterAttachment[] } | undefined) => {
    const values: Record<string, string> = {};
    const fields: Record<string, string> = {};
    for (const f of type?.fields ?? []) {
      const v = str(`field_${f.name}`);
      values[`field_${f.name}`] = v.slice(0, 1000);
      fields[f.name] = v;
    }
    const attachments: { kind: string; content: Buffer }[] = [];
    const pending: Record<string, string> = {};
    for (const a of type?.attachments ?? []) {
      const buf = file(`file_${a.kind}`);
      if (buf) attachments.push({ kind: a.kind, content: buf });
      const token = str(`pending_${a.kind}`);
      if (/^[0-9a-f]{32}$/.test(token)) pending[a.kind] = token;
    }
    return { values, fields, attachments, pending };
  };
  return { str, ofType };
}

/** The uploads a refused form kept, by kind, for the re-rendered form. */
export const keptByKind = (kept: readonly KeptUpload[] | undefined) =>
  new Map((kept ?? []).map((k) => [k.kind, k] as const));
