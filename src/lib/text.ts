/** Control characters never legitimate in text input (tab, CR and LF are allowed). PostgreSQL cannot store NUL. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
