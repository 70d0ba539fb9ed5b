import { OPEN_DATA_LICENCE, OPENACTIVE_ACTIVITY_MAP } from '../../../domain/openactive.ts';
import { formatLongDate, londonDate } from '../../../domain/schedule.ts';
import { ACTIVITY_TYPES } from '../../../domain/vocabulary.ts';
import { paths } from '../../paths.ts';

/**
 * The OpenActive dataset page (decision 045): what a person or a harvester needs to use Waymark's open
 * data, as text and as the schema.org `Dataset` (JSON-LD) the OpenActive dataset directory reads.
 */
export function datasetPage(ctx: { baseUrl: string; lastChanged: Date | null }) {
  const abs = (path: string) => `${ctx.baseUrl}${path}`;
  const feeds = [
    {
      name: 'Session series (OpenActive RPDE)',
      url: abs(paths.openData.sessionSeries),
      format: 'application/vnd.openactive.rpde+json; version=1',
      description:
        'Every public activity as an OpenActive SessionSeries with its schedules, updated within a minute of a change. Listings that leave the directory stay in the feed as deleted items.',
    },
    {
      name: 'Activities on a map (GeoJSON)',
      url: abs(paths.openData.activitiesGeojson),
      format: 'application/geo+json',
      description: 'One point per public activity at its place, with its name, web address, organisation, short code and next session.',
    },
    {
      name: 'Services (Open Referral UK 3.0)',
      url: abs(paths.api.orukServices),
      format: 'application/json',
      description: 'The directory as Open Referral UK 3.0 services, for service finders and directories.',
    },
    {
      name: 'Services (Open Referral UK 1.0)',
      url: abs(paths.api.orukV1.services),
      format: 'application/json',
      description: 'The same listings in the 1.0 paging envelope that most service finders read.',
    },
    {
      name: 'Places (Open Referral UK 1.0)',
      url: abs(paths.api.orukV1.locations),
      format: 'application/json',
      description: 'Every place with a public activity: its address, position and the access features of the place itself, with the activities held there.',
    },
    {
      name: 'Sessions to subscribe to (iCalendar)',
      url: abs(paths.calendars.search),
      format: 'text/calendar',
      description: 'The sessions of any search, for a calendar app; each activity and organisation also has its own.',
    },
  ];
  const activityTypes = ACTIVITY_TYPES.map((t) => ({
    code: t.code,
    anchor: `activity-type-${t.code}`,
    label: t.label,
    openActive: OPENACTIVE_ACTIVITY_MAP[t.code] ?? null,
  }));
  const jsonLd = {
    '@context': ['https://schema.org/', 'https://openactive.io/'],
    '@type': 'Dataset',
    '@id': abs(paths.openData.dataset),
    url: abs(paths.openData.dataset),
    name: 'Waymark heritage wellbeing sessions',
    description:
      'Heritage wellbeing activities in England open to people referred through social prescribing and to everyone: walks, memory cafés, archives, crafts and more, with their places and schedules.',
    keywords: ['heritage', 'wellbeing', 'social prescribing', 'sessions', 'England'],
    license: OPEN_DATA_LICENCE.url,
    inLanguage: ['en-GB'],
    schemaVersion: 'https://openactive.io/modelling-opportunity-data/2.0/',
    publisher: { '@type': 'Organization', name: 'Waymark', url: abs('/') },
    ...(ctx.lastChanged ? { dateModified: ctx.lastChanged.toISOString() } : {}),
    distribution: [
      {
        '@type': 'DataDownload',
        name: 'SessionSeries',
        additionalType: 'https://openactive.io/SessionSeries',
        encodingFormat: feeds[0]!.format,
        contentUrl: feeds[0]!.url,
        identifier: 'SessionSeries',
      },
      { '@type': 'DataDownload', name: 'Activities (GeoJSON)', encodingFormat: feeds[1]!.format, contentUrl: feeds[1]!.url },
    ],
  };
  return {
    pageTitle: 'Open data: heritage wellbeing sessions',
    feeds,
    activityTypes,
    licence: OPEN_DATA_LICENCE,
    lastChanged: ctx.lastChanged ? formatLongDate(londonDate(ctx.lastChanged)) : null,
    // Safe inside a <script> element: no "<" survives (so no "</script>").
    jsonLd: JSON.stringify(jsonLd).replace(/</g, '\\u003c'),
  };
}
