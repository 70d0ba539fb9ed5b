import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { NotFound } from '../../../domain/errors.ts';
import { formatUkDate } from '../../render.ts';
import { paths } from '../../paths.ts';

type WithId = { Params: { id: string } };

/**
 * An erased person's page says so (decision 023), to those who could have seen it: 410 with the date.
 * Anyone else, and an id never used, gets the usual "not found".
 */
export async function orErased<T>(services: Services, request: FastifyRequest<WithId>, reply: FastifyReply, page: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await page();
  } catch (err) {
    if (!(err instanceof NotFound) || !request.user) throw err;
    const gone = await services.privacy.erased(request.user, request.params.id);
    if (!gone) throw err;
    return reply.status(410).view('features/caseload/erased.njk', {
      pageTitle: 'This person’s record was erased',
      reference: gone.reference,
      erasedOn: formatUkDate(gone.at),
      backHref: request.user.role === 'admin' ? paths.admin.home : paths.caseload.list,
    });
  }
}

/** Subject access (a readable document and its JSON) and erasure: the caseworker, the scheme's coordinator, or an administrator. */
export function registerPrivacyRoutes(app: FastifyInstance, services: Services) {
  const { privacy } = services;

  app.get<WithId>(paths.caseload.participantPrivacy(':id'), async (request, reply) =>
    orErased(services, request, reply, async () => {
      const r = await privacy.request(request.user!, request.params.id);
      return reply.view('features/caseload/privacy.njk', {
        pageTitle: 'Their data: see, download or erase',
        person: r,
        backHref: request.user!.role === 'admin' ? paths.admin.home : paths.caseload.participant(r.id),
      });
    }),
  );

  // The readable document: a page that prints on A4 (or saves as PDF from the browser's print).
  app.get<WithId>(paths.caseload.participantExport(':id'), async (request, reply) =>
    orErased(services, request, reply, async () => {
      const e = await privacy.exportFor(request.user!, request.params.id, 'page');
      return reply.view('features/caseload/subject-access.njk', {
        pageTitle: `Everything Waymark holds about ${e.document.person.lines[0]?.value ?? 'this person'}`,
        d: e.document,
        madeOn: formatUkDate(e.document.generatedAt),
        jsonHref: paths.caseload.participantExportJson(request.params.id),
        backHref: paths.caseload.participantPrivacy(request.params.id),
      });
    }),
  );

  // The same document as data, for another system.
  app.get<WithId>(paths.caseload.participantExportJson(':id'), async (request, reply) =>
    orErased(services, request, reply, async () => {
      const e = await privacy.exportFor(request.user!, request.params.id, 'json');
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.filename}"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(e.document, null, 2));
    }),
  );

  app.get<WithId>(paths.caseload.participantErase(':id'), async (request, reply) =>
    orErased(services, request, reply, async () => {
      const r = await privacy.request(request.user!, request.params.id);
      return reply.view('features/caseload/erase.njk', {
        pageTitle: 'Erase their personal data',
        person: r,
        action: paths.caseload.participantErase(r.id),
        backHref: paths.caseload.participantPrivacy(r.id),
      });
    }),
  );

  app.post<WithId>(paths.caseload.participantErase(':id'), async (request, reply) =>
    orErased(services, request, reply, async () => {
      await privacy.erase(request.user!, request.params.id);
      return reply.redirect(`${request.user!.role === 'admin' ? paths.admin.home : paths.caseload.list}?done=erased`, 303);
    }),
  );
}
