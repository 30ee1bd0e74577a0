// What the request log may say. Personal data stays out of log lines: a URL is
// logged with its path and its parameters' names, but a parameter's value only
// when it is short plain text and not free text (a search, a return address);
// and, as the last net, every line has each run of 16 or more digits (a NIK, a
// KK number, a NIP) masked like the lists show it before it is written.
import type { FastifyRequest } from 'fastify';

/** Parameters whose values are free text typed by people, or carry such text: never logged. */
const FREE_TEXT = new Set(['q', 'next', 'cari']);
const PLAIN = /^[A-Za-z0-9_.,:-]{0,40}$/;
/** A run of 16+ digits that is not part of a decimal number (pino writes response times with many decimals). */
const LONG_NUMBER = /(?<![\d.])\d{16,}(?![\d.])/g;

export const maskLongNumbers = (line: string): string =>
  line.replace(LONG_NUMBER, (m) => `${m.slice(0, 4)}${'*'.repeat(m.length - 8)}${m.slice(-4)}`);

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let value = eq < 0 ? '' : pair.slice(eq + 1);
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        return `${name}=[…]`;
      }
      return FREE_TEXT.has(name) || !PLAIN.test(value) || /\d{8}/.test(value) ? `${name}=[…]` : pair;
    });
  return `${url.slice(0, at)}?${params.join('&')}`;
}

/** Fastify's request fields, with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export interface LogSink {
  write(line: string): unknown;
}

/** The logger's destination, masking long numbers in every line on the way. */
export const maskingSink = (sink: LogSink): LogSink => ({ write: (line: string) => sink.write(maskLongNumbers(line)) });
