// Sends a request's surat izin cuti: rendered (leave-letter-pdf.ts) with the
// city's name and the letter's check address, then signed inside the file
// (PAdES) by the letters module's public signLetterPdf, like a letter.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Services } from '../../wiring.js';
import { systemCtx } from './close-day.js';
import { renderLeaveLetterPdf } from './leave-letter-pdf.js';

/** The signed PDF of a request's surat izin cuti, for whoever may see the request. */
export async function sendLeaveLetter(
  req: FastifyRequest,
  reply: FastifyReply,
  s: Services,
  config: Config,
  id: number,
) {
  const l = await s.attendance.cuti.letter(req.ctx(), id);
  const city = l.city;
  // Region names are public national data; a head of unit's scope covers no region.
  const cityName = await s.regions.get(systemCtx(city), city).then(
    (x) => x.region.name,
    () => city,
  );
  const verifyUrl = `${config.publicUrl}/v/cuti/${l.verify_code}`;
  const pdf = await s.letters.signLetterPdf(await renderLeaveLetterPdf({ letter: l.payload, cityName, verifyUrl }), {
    cityName,
    unitName: l.payload.opd.name,
    verifyUrl,
  });
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="surat-izin-cuti-${l.verify_code}.pdf"`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}
