import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import type { User } from '../../../domain/user.ts';
import { handleForm } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { eraseVolunteerForm } from './privacy.form.ts';

type WithId = { Params: { id: string } };
const VIEW = 'features/volunteers/privacy.njk';

/** A volunteer's subject access and erasure (decision 034): their volunteer lead, or an administrator. */
export async function registerVolunteerPrivacyRoutes(app: FastifyInstance, services: Services) {
  const { volunteerPrivacy } = services;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('volunteer_lead', 'admin'));
    const page = async (user: User, id: string) => {
      const v = await volunteerPrivacy.page(user, id);
      return {
        pageTitle: 'Their data: subject access and erasure',
        knownAs: v.knownAs,
        backHref: user.role === 'admin' ? paths.admin.home : paths.volunteers.volunteer(v.id),
        exportHref: paths.volunteers.privacyExport(v.id),
        eraseAction: paths.volunteers.privacyErase(v.id),
        fieldErrors: {},
      };
    };
    scope.get<WithId>(paths.volunteers.privacy(':id'), async (request, reply) => reply.view(VIEW, await page(request.user!, request.params.id)));
    scope.get<WithId>(paths.volunteers.privacyExport(':id'), async (request, reply) => {
      const data = await volunteerPrivacy.export(request.user!, request.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="waymark-volunteer-data.json"')
        .send(JSON.stringify(data, null, 2));
    });
    scope.post<WithId>(paths.volunteers.privacyErase(':id'), async (request, reply) => {
      const context = await page(request.user!, request.params.id);
      return handleForm(request, reply, {
        schema: eraseVolunteerForm,
        view: VIEW,
        context: () => context,
        handle: async () => {
          await volunteerPrivacy.erase(request.user!, request.params.id);
          return request.user!.role === 'admin' ? `${paths.admin.home}` : `${paths.volunteers.list}?done=erased`;
        },
      });
    });
  });
}
