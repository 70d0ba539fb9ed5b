import { accessSummary, lengthAndTimeText, walkFacts, type Walk } from '../../../domain/walks.ts';
import { paths } from '../../paths.ts';

/** The licence published walks are shared under, with the credit every copy carries (decision 043). */
export const WALK_LICENCE = {
  name: 'CC BY-SA 4.0',
  url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  attribution:
    'Heritage walks from Waymark, written by local heritage organisations and coordinators. Positions from postcodes contain OS data © Crown copyright and database right.',
} as const;

/** Whether XML 1.0 can carry a character at all (tab, newlines, and from space up, less the non-characters). */
const xmlAllowed = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
};

const xml = (text: string) => [...text].filter(xmlAllowed).join('').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const coordinate = (degrees: number) => degrees.toFixed(6);

/** Credit line for one walk. */
export const walkCredit = (walk: Pick<Walk, 'organisationName'>) => (walk.organisationName ? `${walk.organisationName} and Waymark` : 'Waymark');

/**
 * GPX 1.1 (https://www.topografix.com/GPX/1/1/): the walk as a route (`rte`) of its stops in order,
 * each `rtept` with the stop's name and its directions and story as the description; metadata with
 * the walk's name, its page and the licence.
 */
export function walkGpx(walk: Walk, publicUrl: string, now: Date): string {
  const url = new URL(paths.walks.walk(walk.id), publicUrl).toString();
  const facts = walkFacts(walk.stops);
  const desc = [walk.summary, lengthAndTimeText(facts), ...accessSummary(facts)].join(' ');
  const points = walk.stops
    .map(
      (s) => `    <rtept lat="${coordinate(s.latitude)}" lon="${coordinate(s.longitude)}">
      <name>${xml(`${s.position}. ${s.name}`)}</name>
      <desc>${xml([s.directions, s.story].filter(Boolean).join(' '))}</desc>
    </rtept>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Waymark" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata>
    <name>${xml(walk.title)}</name>
    <desc>${xml(desc)}</desc>
    <author><name>${xml(walkCredit(walk))}</name></author>
    <copyright author="${xml(walkCredit(walk))}">
      <year>${now.getUTCFullYear()}</year>
      <license>${WALK_LICENCE.url}</license>
    </copyright>
    <link href="${xml(url)}"><text>${xml(walk.title)} on Waymark</text></link>
    <time>${now.toISOString()}</time>
  </metadata>
  <rte>
    <name>${xml(walk.title)}</name>
    <desc>${xml(desc)}</desc>
    <link href="${xml(url)}"><text>The walk’s page, with access facts for every stop</text></link>
${points}
  </rte>
</gpx>
`;
}

/**
 * Published walks as open data (GeoJSON, RFC 7946): per walk a LineString through its stops in
 * order, and a Point per stop; the licence and credit on the collection and on every feature.
 */
export function walksGeoJson(walks: readonly Walk[], publicUrl: string) {
  const features: unknown[] = [];
  for (const walk of walks) {
    const url = new URL(paths.walks.walk(walk.id), publicUrl).toString();
    const facts = walkFacts(walk.stops);
    const common = { walkId: walk.id, licence: WALK_LICENCE.name, licenceUrl: WALK_LICENCE.url, credit: walkCredit(walk) };
    features.push({
      type: 'Feature',
      id: walk.id,
      geometry: { type: 'LineString', coordinates: walk.stops.map((s) => [Number(coordinate(s.longitude)), Number(coordinate(s.latitude))]) },
      properties: {
        ...common,
        kind: 'walk',
        title: walk.title,
        summary: walk.summary,
        town: walk.town,
        url,
        lengthMetres: facts.lengthM,
        minutesAtSlowPace: facts.minutes,
        stepFreeThroughout: facts.stepFreeThroughout,
        longestWithoutRestMetres: facts.longestWithoutRestM,
        toiletsAtStops: facts.toilets,
        access: accessSummary(facts).join(' '),
      },
    });
    for (const s of walk.stops) {
      features.push({
        type: 'Feature',
        id: s.id,
        geometry: { type: 'Point', coordinates: [Number(coordinate(s.longitude)), Number(coordinate(s.latitude))] },
        properties: {
          ...common,
          kind: 'stop',
          stop: s.position,
          name: s.name,
          directions: s.directions,
          story: s.story,
          stepFree: s.stepFree,
          bench: s.bench,
          toilet: s.toilet,
          // The stop's photo, credited, under the walk's licence (decision 048).
          photo: s.photo
            ? {
                url: new URL(paths.photo(s.photo.id, 'large.jpg'), publicUrl).toString(),
                description: s.photo.altText,
                credit: s.photo.credit,
                licence: WALK_LICENCE.name,
                licenceUrl: WALK_LICENCE.url,
              }
            : null,
        },
      });
    }
  }
  return {
    type: 'FeatureCollection',
    licence: WALK_LICENCE.name,
    licenceUrl: WALK_LICENCE.url,
    attribution: WALK_LICENCE.attribution,
    features,
  };
}
