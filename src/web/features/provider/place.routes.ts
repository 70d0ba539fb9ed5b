import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatPostcode } from '../../../domain/contact-details.ts';
import type { Place } from '../../../domain/directory.ts';
import { paths } from '../../paths.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { placeForm } from './place.form.ts';

const FORM = 'features/provider/place-form.njk';
const FIELDS = ['name', 'addressLine', 'town', 'postcode', 'nhleListEntry', 'description'] as const;

function valuesOf(source: unknown) {
  const s = (source ?? {}) as Record<string, unknown>;
  const values: Record<string, string | string[]> = Object.fromEntries(FIELDS.map((f) => [f, s[f] == null ? '' : String(s[f])]));
  if (values.postcode) values.postcode = formatPostcode(String(values.postcode)); // stored without its space (decision 023)
  values.communityValued = s.communityValued === true || s.communityValued === 'yes' ? ['yes'] : [];
  return values;
}

const placeView = (p: Place) => ({
  id: p.id,
  name: p.name,
  address: [p.addressLine, p.town, formatPostcode(p.postcode)].filter(Boolean).join(', '),
  heritage: p.nhleListEntry ? `National Heritage List entry ${p.nhleListEntry}` : p.communityValued ? 'Valued by the community' : '',
});

export function registerPlaceRoutes(app: FastifyInstance, services: Services) {
  const places = services.listings.places;

  app.get(paths.provider.places, async (request, reply) => {
    const list = await places.list(request.user!);
    return reply.view('features/provider/places.njk', {
      pageTitle: 'Your places',
      places: list.map(placeView),
      flash: flashFrom(request.query, { saved: 'The place has been saved' }),
    });
  });

  const newPage = { pageTitle: 'Add a place', action: paths.provider.placeNew, fieldErrors: {} };
  app.get(paths.provider.placeNew, async (_request, reply) => reply.view(FORM, { ...newPage, values: valuesOf({}) }));
  app.post(paths.provider.placeNew, async (request, reply) => {
    await places.list(request.user!); // a provider without an organisation is refused before any form errors
    return handleForm(request, reply, {
      schema: placeForm,
      view: FORM,
      context: (values) => ({ ...newPage, values: valuesOf(values) }),
      handle: async (input) => {
        await places.create(request.user!, input);
        return `${paths.provider.places}?done=saved`;
      },
    });
  });

  const editPage = (id: string) => ({ pageTitle: 'Edit place', action: paths.provider.placeEdit(id), fieldErrors: {} });
  app.get<{ Params: { id: string } }>(paths.provider.placeEdit(':id'), async (request, reply) => {
    const place = await places.get(request.user!, request.params.id);
    return reply.view(FORM, { ...editPage(place.id), values: valuesOf(place) });
  });
  app.post<{ Params: { id: string } }>(paths.provider.placeEdit(':id'), async (request, reply) => {
    const { id } = request.params;
    await places.get(request.user!, id); // someone else's place is not found before any form errors
    return handleForm(request, reply, {
      schema: placeForm,
      view: FORM,
      context: (values) => ({ ...editPage(id), values: valuesOf(values) }),
      handle: async (input) => {
        await places.update(request.user!, id, input);
        return `${paths.provider.places}?done=saved`;
      },
    });
  });
}
