// GOV.UK-style form parts: an error summary that links to each field, the
// message next to the field, labels and hints tied to inputs for screen readers.
import type { Child } from 'hono/jsx';
import type { MessageKey, Translate } from '../i18n/index.js';
import type { FieldError } from '../lib/errors.js';
import type { PageCtx } from './page.js';

export function ErrorSummary(props: {
  t: Translate;
  errors?: FieldError[] | undefined;
  message?: MessageKey | undefined;
  params?: Record<string, string | number>;
  /** What kind of trouble it is; "Ada yang perlu diperbaiki" (something to fix in a form) by default. */
  title?: MessageKey | undefined;
}) {
  const { t, errors } = props;
  if (!errors?.length && !props.message) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 id="error-summary-title">{t(props.title ?? 'error.title')}</h2>
      {props.message ? <p>{t(props.message, props.params)}</p> : null}
      <ul>
        {(errors ?? []).map((e) => (
          <li>
            <a href={`#f-${e.field}`}>{t(e.key, e.params)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Form(props: {
  pc: PageCtx;
  action: string;
  multipart?: boolean;
  testid?: string;
  confirm?: string;
  class?: string;
  children?: Child;
}) {
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      data-testid={props.testid}
      data-confirm={props.confirm}
      class={props.class}
    >
      <input type="hidden" name="_csrf" value={props.pc.csrf} />
      {props.children}
    </form>
  );
}

interface FieldProps {
  t: Translate;
  name: string;
  label: MessageKey;
  errors?: FieldError[] | undefined;
  hint?: MessageKey | undefined;
  optional?: boolean;
  /** The element's id (`f-<id>`) and the error field it answers to, when two forms on a page share a name. */
  id?: string | undefined;
  /** A stable data-testid on the control itself, for browser tests. */
  testid?: string | undefined;
}

const idOf = (p: { id?: string | undefined; name: string }) => p.id ?? p.name;

function Group(props: FieldProps & { children?: Child }) {
  const id = idOf(props);
  const err = props.errors?.find((e) => e.field === id);
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'}>
      <label for={`f-${id}`}>
        {props.t(props.label)}
        {props.optional ? ` ${props.t('common.optional')}` : ''}
      </label>
      {props.hint ? (
        <div class="hint" id={`f-${id}-hint`}>
          {props.t(props.hint)}
        </div>
      ) : null}
      {err ? (
        <p class="error-message" id={`f-${id}-error`}>
          {props.t(err.key, err.params)}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(p: FieldProps): string | undefined {
  const id = idOf(p);
  const ids = [p.hint ? `f-${id}-hint` : '', p.errors?.some((e) => e.field === id) ? `f-${id}-error` : ''].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: string;
    autocomplete?: string;
    inputmode?: 'numeric' | 'tel' | 'email' | 'text';
    maxLength?: number;
    class?: string;
  },
) {
  const invalid = props.errors?.some((e) => e.field === idOf(props));
  return (
    <Group {...props}>
      <input
        id={`f-${idOf(props)}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxLength}
        class={props.class}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        data-testid={props.testid}
      />
    </Group>
  );
}

export function TextArea(props: FieldProps & { value?: string | undefined; rows?: number; maxLength?: number }) {
  return (
    <Group {...props}>
      <textarea
        id={`f-${idOf(props)}`}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxLength}
        aria-describedby={describedBy(props)}
        data-testid={props.testid}
      >
        {props.value ?? ''}
      </textarea>
    </Group>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: { value: string; label: string }[]; placeholder?: string },
) {
  return (
    <Group {...props}>
      <select
        id={`f-${idOf(props)}`}
        name={props.name}
        aria-describedby={describedBy(props)}
        data-testid={props.testid}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

export function Submit(props: { label: string; variant?: 'secondary' | 'danger'; testid?: string }) {
  return (
    <button
      type="submit"
      class={props.variant ? `button button--${props.variant}` : 'button'}
      data-testid={props.testid}
    >
      {props.label}
    </button>
  );
}
