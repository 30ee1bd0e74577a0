// What the pact's PDF prints, gathered at print time: the kelurahan's kop
// (the letters module's office row, else the region names), the head's post
// written once ("Ketua RT 001 / RW 001"), their NIK decrypted from the register
// (never stored with the pact; the printing is audited), and the lurah's
// name, NIP and jabatan from their account.
import { cityOf } from '../../kernel/regions.js';
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { notFound } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import { formatIndonesianDate } from '../../lib/text.js';
import type { AccountsPort } from '../accounts/service.js';
import { kopContactLines, kopHeading, type LettersKeys } from '../letters/service.js';
import type { RegionsReader } from '../regions/service.js';
import type { ResidentsReader } from '../residents/service.js';
import type { RtRwRepo } from './repo.js';
import type { AppointRepo } from './repo-appoint.js';
import type { PactPayload } from './rules.js';
import { postTitle } from './term-rules.js';

export interface PrintDeps {
  db: Db;
  audit: AuditRepo;
  regions: RegionsReader;
  residents: ResidentsReader;
  accounts: AccountsPort;
  letters: LettersKeys;
  pii: PiiCipher;
  repo: RtRwRepo;
  appointRepo: AppointRepo;
  timeZone: string;
}

const bare = (name: string) => name.replace(/^(kota|kabupaten|kecamatan|kelurahan|desa)\s+/i, '').trim();

export function createPactPrint(d: PrintDeps) {
  const { db } = d;
  return async function pactPrint(ctx: Ctx, id: number) {
    const sig = (await d.repo.signatures(db, ctx.scope, { id }))[0];
    if (!sig) throw notFound();
    const p = sig.payload as unknown as Partial<PactPayload>;
    const kel = sig.region_code.split('.').slice(0, 4).join('.');
    const kec = kel.split('.').slice(0, 3).join('.');
    const city = cityOf(sig.region_code);
    const names = new Map((await d.regions.namesOf(db, [city, kec, kel])).map((r) => [r.code, r.name]));
    const cityName = names.get(city) ?? city;
    const kelName = names.get(kel) ?? kel;
    const office = (await d.letters.offices(db, [kel]))[0];
    const kop = {
      heading: kopHeading({ city: cityName, kecamatan: names.get(kec) ?? kec, kelurahan: kelName }),
      contact: office
        ? kopContactLines({
            address: office.address,
            phone: office.phone,
            postalCode: office.postal_code,
            website: office.website,
            email: office.email,
          })
        : [],
    };
    const nikEnc = sig.resident_id !== null ? await d.residents.nikEncOf(db, sig.resident_id) : null;
    const nik = nikEnc ? d.pii.decrypt(nikEnc) : null;
    const lurahId = sig.countersigned_by ?? (await d.appointRepo.lurahOf(db, kel))?.id ?? null;
    const lurah = lurahId !== null ? await d.accounts.signerIdentity(db, lurahId) : undefined;
    const cs = sig.countersign_payload as { lurahName?: string; countersignedAt?: string } | null;
    const dated = cs?.countersignedAt ?? sig.signed_at.toISOString();
    await d.audit.append(
      db,
      auditFrom(ctx, {
        action: 'rtrw.pact_printed',
        entityType: 'pact_signature',
        entityId: sig.id,
        regionCode: sig.region_code,
        details: { withNik: !!nik },
      }),
    );
    return {
      title: sig.title,
      version: sig.version,
      body: sig.body,
      kop,
      headName: sig.signer_name,
      headNik: nik,
      post: postTitle(sig.position, sig.region_code),
      kelurahan: `Kelurahan ${bare(kelName)}`,
      placeDate: `${bare(cityName)}, ${formatIndonesianDate(dated, d.timeZone)}`,
      signedAt: sig.signed_at.toISOString(),
      countersignedAt: cs?.countersignedAt ?? null,
      lurah: {
        name: cs?.lurahName ?? lurah?.full_name ?? null,
        nip: lurah?.nip ?? null,
        jabatan: lurah?.jabatan || `Lurah ${bare(kelName)}`,
      },
      verifyCode: sig.verify_code,
      regionName: p.region?.name ?? sig.region_code,
    };
  };
}
export type PactPrint = Awaited<ReturnType<ReturnType<typeof createPactPrint>>>;
