// Routes of a BPJS claim's file (/program-rtrw/bpjs/klaim/:id/...): incident
// details, heirs, documents per checklist item (multipart, judged by content;
// each view audited) and the children's scholarship. Each form re-renders the
// claim's page with its message.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { IdParam } from '../../http/types.js';
import { pageCtx, redirectWithFlash } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { renderClaimPage } from './bpjs-pages.js';
import { idOf, textField, UPLOAD_MULTIPART, uploadedFile } from './upload-parts.js';
import { ClaimDetailsForm, DocParams, HeirForm, ScholarshipForm } from './money-schema.js';
import { BASE, type Values } from './page-parts.js';
import { programmePolicy } from './policy.js';

export function registerClaimFilePages(app: App, s: Services) {
  const P = s.programme;
  const view = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const c = await P.claim(req.ctx(), id); // 404 outside the scope before anything else
    const pc = pageCtx(req, reply);
    return (failure?: FormFailure, v: Values = {}) => renderClaimPage(pc, c, failure, v);
  };
  const back = (reply: FastifyReply, id: number) => redirectWithFlash(reply, `${BASE}/bpjs/klaim/${id}`, 'flash.saved');
  const manage = { access: programmePolicy.manage };
  const IdOnly = { params: IdParam };

  app.post(
    `${BASE}/bpjs/klaim/:id/rincian`,
    { config: manage, attachValidation: true, schema: { ...IdOnly, body: ClaimDetailsForm } },
    async (req, reply) => {
      const id = idOf(req);
      const page = await view(req, reply, id);
      return handleForm(req, reply, {
        render: (failure) => page(failure, (req.body ?? {}) as Values),
        run: () =>
          P.setDetails(req.ctx(), id, {
            occurredOn: req.body.occurredOn || undefined,
            incidentPlace: req.body.incidentPlace,
            chronology: req.body.chronology,
            roadAccident: req.body.roadAccident === 'true',
          }),
        done: () => back(reply, id),
      });
    },
  );
  app.post(
    `${BASE}/bpjs/klaim/:id/ahli-waris`,
    { config: manage, attachValidation: true, schema: { ...IdOnly, body: HeirForm } },
    async (req, reply) => {
      const id = idOf(req);
      const page = await view(req, reply, id);
      return handleForm(req, reply, {
        render: (failure) => page(failure, (req.body ?? {}) as Values),
        run: () => P.addHeir(req.ctx(), id, req.body),
        done: () => back(reply, id),
      });
    },
  );
  app.post(
    `${BASE}/bpjs/klaim/:id/dokumen`,
    { config: { ...manage, multipartOptions: UPLOAD_MULTIPART }, attachValidation: true, schema: IdOnly },
    async (req, reply) => {
      const id = idOf(req);
      const page = await view(req, reply, id);
      const item = textField(req.body, 'item');
      return handleForm(req, reply, {
        render: (failure) => page(failure, { item }),
        run: () => P.uploadDocument(req.ctx(), id, item, uploadedFile(req.body)),
        done: () => back(reply, id),
      });
    },
  );
  app.get(
    `${BASE}/bpjs/klaim/:id/dokumen/:docId`,
    { config: { access: programmePolicy.view }, schema: { params: DocParams } },
    async (req, reply) => {
      const d = await P.document(req.ctx(), req.params.id, req.params.docId);
      return sendStoredFile(reply, d.file, `klaim-${req.params.id}-${d.item.replace(/_/g, '-')}`);
    },
  );
  app.post(
    `${BASE}/bpjs/klaim/:id/beasiswa`,
    { config: manage, attachValidation: true, schema: { ...IdOnly, body: ScholarshipForm } },
    async (req, reply) => {
      const id = idOf(req);
      const page = await view(req, reply, id);
      return handleForm(req, reply, {
        render: (failure) => page(failure, (req.body ?? {}) as Values),
        run: () => P.addScholarship(req.ctx(), id, req.body),
        done: () => back(reply, id),
      });
    },
  );
}
