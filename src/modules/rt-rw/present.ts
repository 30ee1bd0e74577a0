// How a pact's verification is shown on the public page and in the API.
import type { Services } from '../../wiring.js';
import type { PactPayload } from './rules.js';

export type Verification = NonNullable<Awaited<ReturnType<Services['rtrw']['verifyPact']>>>;
/** Plain strings only: a tampered record may lack fields and must still answer TIDAK VALID, not fail. */
export function presentPactVerification(v: Verification) {
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  const p = (v.payload ?? {}) as Partial<PactPayload>;
  return {
    authentic: v.authentic,
    name: str(p.name),
    region: str(p.region?.name),
    version: typeof p.version === 'number' ? p.version : 0,
    signedAt: str(p.signedAt),
    countersigner: str(v.countersign?.lurahName ?? v.countersigner),
    countersignedAt: str(v.countersign?.countersignedAt),
  };
}
