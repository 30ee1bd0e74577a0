/** Control characters never legitimate in text input (tab, CR and LF are allowed). PostgreSQL cannot store NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
