// The printable PDF of an issued letter (page link and API), signed inside
// the file; the public verification pages are in verify-pages.tsx.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import { notFound } from '../../lib/errors.js';
import type { Services } from '../../wiring.js';
import { lettersPolicy } from './policy.js';
import { renderLetterPdf } from './pdf.js';
import { registerVerifyPages } from './verify-pages.js';
import type { LetterPayload } from './service.js';

const tags = ['layanan'];

/** "470/0001/35.74.01.1001/2026" → "470-0001-35.74.01.1001-2026", safe in a header and a file name. */
function fileNameOf(number: string) {
  return `surat-${
    number
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 100) || 'layanan'
  }.pdf`;
}

export function registerLettersPages(app: App, s: Services, config: Config) {
  registerVerifyPages(app, s, config);

  const sendPdf = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const r = await s.requests.get(req.ctx(), id);
    if (!r.letter) throw notFound();
    const payload = r.letter.payload as unknown as LetterPayload;
    const verifyUrl = `${config.publicUrl}/v/${r.letter.verify_code}`;
    // Signed inside the file (PAdES) on every download: the layout is pdf.ts's, the signature sign-pdf.ts's.
    const pdf = await s.letters.signLetterPdf(
      await renderLetterPdf(payload, {
        ...(await s.letters.printInputs(r.request.resident_id, payload)),
        verifyUrl,
        cityName: payload.unit?.cityName ?? '',
        timeZone: config.timeZone,
      }),
      { cityName: payload.unit?.cityName ?? '', unitName: payload.unit?.name ?? '', verifyUrl },
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileNameOf(r.letter.number)}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  };
  app.get(
    '/layanan/:id/surat.pdf',
    { config: { access: lettersPolicy.view }, schema: { params: IdParam } },
    async (req, reply) => sendPdf(req, reply, req.params.id),
  );
  app.get(
    '/api/v1/requests/:id/letter.pdf',
    {
      config: { access: lettersPolicy.view },
      schema: { tags, params: IdParam, response: { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    },
    async (req, reply) => sendPdf(req, reply, req.params.id),
  );
}
