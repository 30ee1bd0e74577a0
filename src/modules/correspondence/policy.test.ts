// The access rule of a naskah, as a matrix: roles × own unit / a unit below / another unit × security class.
import { describe, expect, it } from 'vitest';
import { canRegisterFor, canSeeNaskah, type Viewer } from './policy.js';
import { SECURITY_CLASSES, type SecurityClass } from './rules.js';

const restricted = new Set<SecurityClass>(['rahasia', 'sangat_rahasia']);
const CITY = '35.74';
const OWN = `${CITY}/DINAS`;
const BELOW = `${CITY}/DINAS/BIDANG`;
const OTHER = `${CITY}/TETANGGA`;
const FOREIGN = `35.75/DINAS`;

const v = (p: Partial<Viewer>): Viewer => ({
  role: 'pegawai',
  city: CITY,
  unitPath: null,
  headOf: [],
  tuOf: [],
  employeeId: null,
  ...p,
});
const viewers: Record<string, Viewer> = {
  admin: v({ role: 'admin_kota' }),
  head: v({ unitPath: OWN, headOf: [OWN] }),
  tu: v({ unitPath: OWN, tuOf: [OWN] }),
  staff: v({ unitPath: OWN }),
  'head of the unit below': v({ unitPath: BELOW, headOf: [BELOW] }),
  'no record': v({}),
  lurah: v({ role: 'lurah', unitPath: OWN, headOf: [OWN] }),
};

// Expected per viewer: [own unit open, below open, other open, foreign open, own restricted, below restricted]
const expected: Record<string, boolean[]> = {
  admin: [true, true, true, false, false, false],
  head: [true, true, false, false, true, false],
  tu: [true, false, false, false, true, false],
  staff: [true, false, false, false, false, false],
  'head of the unit below': [false, true, false, false, false, true],
  'no record': [false, false, false, false, false, false],
  lurah: [false, false, false, false, true, false],
};

describe('canSeeNaskah', () => {
  for (const [name, viewer] of Object.entries(viewers))
    it(`${name}`, () => {
      const cells = SECURITY_CLASSES.flatMap((cls) =>
        [OWN, BELOW, OTHER, FOREIGN].map((unitPath) => ({
          cls,
          unitPath,
          seen: canSeeNaskah(viewer, { unitPath, securityClass: cls }, restricted),
        })),
      );
      const [ownOpen, belowOpen, otherOpen, foreignOpen] = expected[name]!;
      for (const c of cells.filter((c) => !restricted.has(c.cls)))
        expect(c.seen, `${c.cls} at ${c.unitPath}`).toBe(
          c.unitPath === OWN
            ? ownOpen
            : c.unitPath === BELOW
              ? belowOpen
              : c.unitPath === OTHER
                ? otherOpen
                : foreignOpen,
        );
      for (const c of cells.filter((c) => restricted.has(c.cls)))
        expect(c.seen, `${c.cls} at ${c.unitPath}`).toBe(
          c.unitPath === OWN ? expected[name]![4] : c.unitPath === BELOW ? expected[name]![5] : false,
        );
    });

  it('the restricted classes come from the data: with none restricted, staff see rahasia of their unit', () => {
    expect(canSeeNaskah(viewers.staff!, { unitPath: OWN, securityClass: 'rahasia' }, new Set())).toBe(true);
  });
});

describe('canSeeNaskah: disposisi', () => {
  const recipient = v({ unitPath: OTHER, employeeId: 42 });
  it('a person a disposition names sees the naskah of another unit, rahasia included', () => {
    for (const cls of SECURITY_CLASSES)
      expect(canSeeNaskah(recipient, { unitPath: OWN, securityClass: cls, recipients: [42] }, restricted)).toBe(true);
  });
  it('without a disposition naming them (or withdrawn: not listed) they do not; nor does a colleague of theirs', () => {
    expect(canSeeNaskah(recipient, { unitPath: OWN, securityClass: 'biasa', recipients: [7] }, restricted)).toBe(false);
    expect(canSeeNaskah(recipient, { unitPath: OWN, securityClass: 'rahasia', recipients: [] }, restricted)).toBe(
      false,
    );
    const colleague = v({ unitPath: OTHER, employeeId: 43 });
    expect(canSeeNaskah(colleague, { unitPath: OWN, securityClass: 'rahasia', recipients: [42] }, restricted)).toBe(
      false,
    );
  });
  it('a staff member of the unit still does not see a rahasia naskah disposed to someone else', () => {
    const staff = v({ unitPath: OWN, employeeId: 5 });
    expect(canSeeNaskah(staff, { unitPath: OWN, securityClass: 'rahasia', recipients: [42] }, restricted)).toBe(false);
  });
});

describe('canSeeNaskah: a Plh./Plt. in force (queues follow the delegate)', () => {
  const plh = v({ unitPath: OTHER, employeeId: 77, actsFor: [42], actsForHeadOf: [OWN] });
  it('sees what the person they stand in for sees through dispositions, rahasia included', () => {
    for (const cls of SECURITY_CLASSES)
      expect(canSeeNaskah(plh, { unitPath: OWN, securityClass: cls, recipients: [42] }, restricted)).toBe(true);
  });
  it("does not see the person's unit or what is disposed to others (standing in is not heading)", () => {
    expect(canSeeNaskah(plh, { unitPath: OWN, securityClass: 'biasa', recipients: [] }, restricted)).toBe(false);
    expect(canSeeNaskah(plh, { unitPath: OWN, securityClass: 'biasa', recipients: [7] }, restricted)).toBe(false);
    expect(canSeeNaskah(plh, { unitPath: OWN, securityClass: 'rahasia', recipients: [7] }, restricted)).toBe(false);
  });
  it('once the window ends (no longer listed) nothing is left', () => {
    const after = v({ unitPath: OTHER, employeeId: 77 });
    expect(canSeeNaskah(after, { unitPath: OWN, securityClass: 'biasa', recipients: [42] }, restricted)).toBe(false);
  });
});

describe('canRegisterFor', () => {
  it('the unit head and its TU desk register; staff, a head above (for the unit below) and admins do not', () => {
    expect(canRegisterFor(viewers.head!, OWN)).toBe(true);
    expect(canRegisterFor(viewers.tu!, OWN)).toBe(true);
    expect(canRegisterFor(viewers.staff!, OWN)).toBe(false);
    expect(canRegisterFor(viewers.head!, BELOW)).toBe(false);
    expect(canRegisterFor(viewers.admin!, OWN)).toBe(false);
    expect(canRegisterFor(viewers.tu!, OTHER)).toBe(false);
  });
});
