// The part of the letter-type form that says what the naskah needs: kind,
// addressee, identity block, effect and why the type is switched off; and
// the classification code with its name. Used by EditPage (pages.tsx).
import type { FormFailure } from '../../http/forms.js';
import { SelectField, TextArea, TextField } from '../../ui/forms.js';
import type { PageCtx } from '../../ui/page.js';
import { IDENTITY_FIELDS, LETTER_EFFECTS, LETTER_KINDS, type LetterTypeForm } from './rules.js';

export function ClassificationField(p: {
  pc: PageCtx;
  value: string | undefined;
  name: string | null | undefined;
  errors: FormFailure['errors'] | undefined;
}) {
  const t = p.pc.t;
  return (
    <div>
      <TextField
        t={t}
        name="classification"
        label="cat.f_classification"
        hint="cat.f_classification_hint"
        value={p.value}
        maxLength={20}
        class="input--short"
        errors={p.errors}
      />
      <p class="hint" data-testid="classification-name">
        {p.name ? t('cat.classification_is', { name: p.name }) : null}{' '}
        <a href="/admin/klasifikasi">{t('cat.classification_list')}</a>
      </p>
    </div>
  );
}

export function NaskahFields(p: { pc: PageCtx; values: LetterTypeForm; errors: FormFailure['errors'] | undefined }) {
  const t = p.pc.t;
  const v = p.values;
  return (
    <fieldset class="form-group">
      <legend>{t('cat.naskah')}</legend>
      <SelectField
        t={t}
        name="kind"
        label="cat.f_kind"
        hint="cat.f_kind_hint"
        value={v.kind ?? 'keterangan'}
        options={LETTER_KINDS.map((k) => ({ value: k, label: t(`cat.kind_${k}`) }))}
        errors={p.errors}
      />
      <TextField
        t={t}
        name="addressee"
        label="cat.f_addressee"
        hint="cat.f_addressee_hint"
        value={v.addressee}
        maxLength={200}
        optional
        errors={p.errors}
      />
      <TextField
        t={t}
        name="identity_fields"
        label="cat.f_identity_fields"
        hint="cat.f_identity_fields_hint"
        value={v.identity_fields}
        maxLength={300}
        optional
        errors={p.errors}
      />
      <p class="hint">{IDENTITY_FIELDS.join(', ')}</p>
      <SelectField
        t={t}
        name="effect"
        label="cat.f_effect"
        hint="cat.f_effect_hint"
        value={v.effect ?? ''}
        placeholder={t('cat.effect_none')}
        options={LETTER_EFFECTS.map((e) => ({ value: e, label: t(`cat.effect_${e}`) }))}
        errors={p.errors}
      />
      <TextArea
        t={t}
        name="disabled_reason"
        label="cat.f_disabled_reason"
        hint="cat.f_disabled_reason_hint"
        value={v.disabled_reason}
        rows={2}
        maxLength={500}
        optional
        errors={p.errors}
      />
    </fieldset>
  );
}
