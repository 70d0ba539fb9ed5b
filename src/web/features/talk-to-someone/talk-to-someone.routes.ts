import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import { INFORMATION_POINT_KINDS } from '../../../domain/information-points.ts';
import { WEEKDAYS } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services.ts';
import { flashFrom } from '../../flash.ts';
import { asArray, handleForm, type FormBody } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { pointView } from '../pack/pack.view-model.ts';
import { informationPointForm, informationPointValues } from './information-point.form.ts';

type WithId = { Params: { id: string } };
const MANAGE = 'features/talk-to-someone/information-points.njk';
const EDIT = 'features/talk-to-someone/information-point-edit.njk';
const FLASH = {
  added: 'The information point has been added.',
  changed: 'The information point has been changed.',
  retired: 'The information point has been retired. It is no longer listed or printed in packs.',
};

/** The form's choices, ticked from the values shown. */
const formChoices = (values: FormBody) => {
  const days = asArray(values.weekday);
  return {
    kinds: INFORMATION_POINT_KINDS.map((k) => ({ value: k.code, text: k.label, checked: values.kind === k.code })),
    weekdays: WEEKDAYS.map((d) => ({ value: d.code, text: d.label, checked: days.includes(d.code) })),
    values,
    fieldErrors: {},
  };
};

/**
 * "Talk to someone" (issue 10, decision 035): the information points by area — the Heritage Café
 * (where, when, who will be there), the phone line (number, opening hours), libraries with the pack —
 * and the page where a scheme's coordinators keep them.
 */
export function registerTalkToSomeoneRoutes(app: FastifyInstance, services: Services, config: Config) {
  app.get(paths.talkToSomeone, async (_request, reply) => {
    const areas = await services.informationPoints.listPublic();
    return reply.view('features/talk-to-someone/talk-to-someone.njk', {
      pageTitle: 'Talk to someone',
      areas: areas.map((a) => ({ area: a.area, points: a.points.map((p) => pointView({ ...p, dates: p.next }, config.publicUrl)) })),
    });
  });

  const coordinators = { preHandler: requireRole('coordinator') };
  const manageContext = async (user: Parameters<typeof services.informationPoints.ofMyScheme>[0], values: FormBody, query: unknown = {}) => ({
    pageTitle: 'Information points',
    flash: flashFrom(query, FLASH),
    points: (await services.informationPoints.ofMyScheme(user)).map((p) => ({
      ...pointView({ ...p, dates: p.next }, config.publicUrl),
      editHref: paths.informationPoints.edit(p.id),
    })),
    ...formChoices(values),
  });
  const editContext = async (user: Parameters<typeof services.informationPoints.ofMyScheme>[0], id: string, values?: FormBody) => {
    const point = await services.informationPoints.ofMine(user, id);
    return {
      pageTitle: `Change ${point.name}`,
      point: { id: point.id, name: point.name },
      ...formChoices(values ?? informationPointValues(point)),
    };
  };

  app.get(paths.informationPoints.list, coordinators, async (request, reply) => reply.view(MANAGE, await manageContext(request.user!, {}, request.query)));

  app.post(paths.informationPoints.list, coordinators, async (request, reply) =>
    handleForm(request, reply, {
      schema: informationPointForm,
      view: MANAGE,
      context: (values) => manageContext(request.user!, values),
      handle: async (input) => {
        await services.informationPoints.create(request.user!, input);
        return `${paths.informationPoints.list}?done=added`;
      },
    }),
  );

  app.get<WithId>(paths.informationPoints.edit(':id'), coordinators, async (request, reply) =>
    reply.view(EDIT, await editContext(request.user!, request.params.id)),
  );

  app.post<WithId>(paths.informationPoints.edit(':id'), coordinators, async (request, reply) => {
    await services.informationPoints.ofMine(request.user!, request.params.id); // 404 for another scheme's, before any form errors
    return handleForm(request, reply, {
      schema: informationPointForm,
      view: EDIT,
      context: (values) => editContext(request.user!, request.params.id, values),
      handle: async (input) => {
        await services.informationPoints.update(request.user!, request.params.id, input);
        return `${paths.informationPoints.list}?done=changed`;
      },
    });
  });

  app.post<WithId>(paths.informationPoints.retire(':id'), coordinators, async (request, reply) => {
    await services.informationPoints.retire(request.user!, request.params.id);
    return reply.redirect(`${paths.informationPoints.list}?done=retired`, 303);
  });
}
