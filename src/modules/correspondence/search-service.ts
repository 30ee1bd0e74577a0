// E-Surat search (issue 15, item 3): the text layer of a naskah's PDFs is read when the PDF is registered —
// in the request, before the registering transaction, bounded by NASKAH_TEXT_* (docs/ARCHITECTURE.md says why
// not a job) — and stored with the naskah; search matches the metadata OR that text, ranked, under the one
// access rule (repo.ts visibleTo). A failed or empty read is recorded and never blocks registering.
import type { Db } from '../../db/database.js';
import type { Viewer } from './policy.js';
import type { SecurityClass } from './rules.js';
import { createSearchRepo, type SearchPlan, type SearchRepo } from './search-repo.js';
import { readTextLayer, type TextLayer, type TextLimits } from './search-text.js';

export interface SearchDeps {
  db: Db;
  limits: TextLimits;
  restricted: ReadonlySet<SecurityClass>;
  repo?: SearchRepo;
}

const AGENDA_LIKE = /^(?=[^\s]*\d)[^\s/]+(\/[^\s/]+)+$/;

export function createSearchService(d: SearchDeps) {
  const repo = d.repo ?? createSearchRepo();
  return {
    repo,
    /** Reads a PDF's text layer (never throws; outside any transaction: it may take up to the timeout). */
    readText: (pdf: Buffer): Promise<TextLayer> => readTextLayer(pdf, d.limits),
    /** Stores what readText gave, in the caller's transaction (with the naskah or the new PDF of it). */
    saveText: (trx: Db, naskahId: number, fileId: number, layer: TextLayer, at: Date) =>
      repo.saveText(trx, naskahId, fileId, layer, at),
    /** Reads and stores in one go, for a PDF added to a naskah after its registration (attachments, signed PDFs). */
    async indexPdf(naskahId: number, fileId: number, pdf: Buffer, at: Date) {
      const layer = await readTextLayer(pdf, d.limits);
      await repo.saveText(d.db, naskahId, fileId, layer, at);
      return layer;
    },
    textStatus: (naskahId: number) => repo.textStatus(d.db, naskahId),
    /**
     * Scoped search over metadata and text (metadata matches first, newest first); each row says where it matched.
     * What reads like an agenda number ("12/DISDIK/2026": no space, a '/' and a digit) is looked up by it first —
     * what a TU types from a paper disposition sheet — under the same rule; not found, it is searched as words.
     */
    async search(v: Viewer, o: { userId: number; q: string; limit: number; offset: number }, force?: SearchPlan) {
      if (AGENDA_LIKE.test(o.q)) {
        const hit = await repo.byAgendaNumber(d.db, v, d.restricted, o.q, o.userId);
        if (hit.length) return o.offset ? [] : hit;
      }
      return repo.search(d.db, v, d.restricted, o, force);
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
