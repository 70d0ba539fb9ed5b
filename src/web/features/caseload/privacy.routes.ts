import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';

type WithId = { Params: { id: string } };

/** Subject access export and erasure: the caseworker, the scheme's coordinator, or an administrator. */
export function registerPrivacyRoutes(app: FastifyInstance, services: Services) {
  const { privacy } = services;

  app.get<WithId>(paths.caseload.participantPrivacy(':id'), async (request, reply) => {
    const r = await privacy.request(request.user!, request.params.id);
    return reply.view('features/caseload/privacy.njk', {
      pageTitle: 'Their data: download or erase',
      person: r,
      backHref: request.user!.role === 'admin' ? paths.admin.home : paths.caseload.participant(r.id),
    });
  });

  app.get<WithId>(paths.caseload.participantExport(':id'), async (request, reply) => {
    const e = await privacy.exportFor(request.user!, request.params.id);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${e.filename}"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(e.document, null, 2));
  });

  app.get<WithId>(paths.caseload.participantErase(':id'), async (request, reply) => {
    const r = await privacy.request(request.user!, request.params.id);
    return reply.view('features/caseload/erase.njk', {
      pageTitle: 'Erase their personal data',
      person: r,
      action: paths.caseload.participantErase(r.id),
      backHref: paths.caseload.participantPrivacy(r.id),
    });
  });

  app.post<WithId>(paths.caseload.participantErase(':id'), async (request, reply) => {
    await privacy.erase(request.user!, request.params.id);
    return reply.redirect(`${request.user!.role === 'admin' ? paths.admin.home : paths.caseload.list}?done=erased`, 303);
  });
}
