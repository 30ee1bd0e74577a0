import { describe as group, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  describe,
  isConnectionError,
  isReadOnlyStatement,
  mayRetry,
  wasNeverSent,
} from './connection-errors.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });

group('isConnectionError', () => {
  it('knows SQLSTATE class 08, 57P01–03, socket errors and pg’s words', () => {
    for (const code of ['08000', '08003', '08006', '08001', '08004', '08P01', '57P01', '57P02', '57P03'])
      expect(isConnectionError(pgError(code)), code).toBe(true);
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'])
      expect(isConnectionError(Object.assign(new Error(code), { code })), code).toBe(true);
    for (const m of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ])
      expect(isConnectionError(new Error(m)), m).toBe(true);
  });

  it('leaves statement errors alone', () => {
    for (const code of ['23505', '40001', '40P01', '57014', '42P01', '22P02', '25P02', 'FST_ERR_VALIDATION'])
      expect(isConnectionError(pgError(code)), code).toBe(false);
    expect(isConnectionError(new Error('Connection refused by policy'))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
    expect(isConnectionError('Connection terminated')).toBe(false);
  });

  it('looks through causes (an error wrapped by Kysely, a migration or a connect)', () => {
    expect(isConnectionError(new Error('outer', { cause: pgError('57P01') }))).toBe(true);
    expect(isConnectionError(new DatabaseUnavailableError(pgError('55000')))).toBe(true);
  });
});

group('mayRetry', () => {
  const lost = pgError('57P01', 'terminating connection due to administrator command');
  const notSent = new Error('Client has encountered a connection error and is not queryable');

  it('sends a read again, and a write only when it never left', () => {
    expect(mayRetry(lost, 'select "id" from "users" where "id" = $1', true)).toBe(true);
    expect(mayRetry(lost, '/*prepare:session*/ select 1', true)).toBe(true);
    expect(mayRetry(lost, 'begin', true)).toBe(true);
    expect(mayRetry(lost, 'insert into attendance_records (id) values ($1)', true)).toBe(false);
    expect(mayRetry(lost, 'update sessions set last_seen_at = $1', true)).toBe(false);
    expect(mayRetry(lost, 'with x as (insert into t values (1) returning *) select * from x', true)).toBe(false);
    expect(mayRetry(lost, "select nextval('letter_seq')", true)).toBe(false);
    expect(mayRetry(notSent, 'insert into t values (1)', true)).toBe(true);
    expect(mayRetry(new DatabaseUnavailableError(lost), 'delete from t', true)).toBe(true);
  });

  it('never inside a transaction already under way, nor for an error of the statement itself', () => {
    expect(mayRetry(lost, 'select 1', false)).toBe(false);
    expect(mayRetry(notSent, 'select 1', false)).toBe(false);
    expect(mayRetry(pgError('23505'), 'select 1', true)).toBe(false);
  });

  it('reads what is a read conservatively', () => {
    expect(isReadOnlyStatement('  /* a */ /*prepare:x*/\n SELECT 1')).toBe(true);
    expect(isReadOnlyStatement('select * from t for update')).toBe(false); // a false "no" only costs a retry
    expect(isReadOnlyStatement('select "updated_at" from t')).toBe(true);
    expect(isReadOnlyStatement('commit')).toBe(false);
    expect(wasNeverSent(lost)).toBe(false);
  });
});

group('describe', () => {
  it('says the code and pg’s connection message, never other text', () => {
    expect(describe(pgError('57P01', 'terminating connection due to administrator command'))).toEqual({
      code: '57P01',
      message: 'terminating connection due to administrator command',
    });
    const detail = Object.assign(pgError('23505', 'duplicate key value'), { detail: 'Key (nik)=(3574…) exists' });
    expect(JSON.stringify(describe(detail))).not.toContain('3574');
    expect(describe(new DatabaseUnavailableError(pgError('55000', 'database "x" is not accepting')))).toEqual({
      code: '55000',
      message: '(message withheld)',
    });
    expect(describe(new DatabaseUnavailableError(new Error('timeout exceeded when trying to connect')))).toEqual({
      code: 'DB_UNAVAILABLE',
      message: 'timeout exceeded when trying to connect',
    });
  });
});
