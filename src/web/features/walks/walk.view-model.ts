import { formatPostcode } from '../../../domain/contact-details.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import {
  accessSummary,
  distanceText,
  GRADIENTS,
  heritageAssetWords,
  lengthAndTimeText,
  SURFACES,
  walkFacts,
  walkReadAloud,
  type Walk,
  type WalkStop,
} from '../../../domain/walks.ts';
import type { ListedWalk } from '../../../services/walk.service.ts';
import { mapPointsJson } from '../../map-points.ts';
import { paths } from '../../paths.ts';
import { formatDistance } from '../../render.ts';

/** The way to a stop in words: "400 m · paved · flat · step-free · a bench on the way". */
function legText(stop: WalkStop, lengthM: number | undefined): string | null {
  if (!stop.leg || lengthM === undefined) return null;
  const l = stop.leg;
  return [
    distanceText(lengthM),
    labelOf(SURFACES, l.surface).toLowerCase(),
    labelOf(GRADIENTS, l.gradient).toLowerCase(),
    l.stepFree ? 'step-free' : 'steps or kerbs without a dropped kerb',
    ...(l.bench ? ['a bench on the way'] : []),
  ].join(' · ');
}

/** A stop's own facts: "Step-free · bench · toilets". */
const stopAccessText = (s: WalkStop) =>
  [s.stepFree ? 'Step-free' : 'Not step-free', ...(s.bench ? ['bench'] : []), ...(s.toilet ? ['toilets'] : [])].join(' · ');

export function stopView(stop: WalkStop, lengthM: number | undefined) {
  const asset = stop.heritageAsset ? { name: stop.heritageAsset.name, ...heritageAssetWords(stop.heritageAsset) } : null;
  return {
    id: stop.id,
    number: stop.position,
    name: stop.name,
    postcode: stop.postcode ? formatPostcode(stop.postcode) : null,
    directions: stop.directions,
    story: stop.story,
    leg: legText(stop, lengthM),
    access: stopAccessText(stop),
    accessNote: stop.accessNote,
    stepFree: stop.stepFree,
    asset,
    place: stop.contributedPlace ? { title: stop.contributedPlace.title, href: paths.place(stop.contributedPlace.id) } : null,
    photo: stop.photo
      ? {
          alt: stop.photo.altText,
          credit: stop.photo.credit,
          smallJpeg: paths.photo(stop.photo.id, 'small.jpg'),
          smallWebp: paths.photo(stop.photo.id, 'small.webp'),
          largeJpeg: paths.photo(stop.photo.id, 'large.jpg'),
          largeWebp: paths.photo(stop.photo.id, 'large.webp'),
          width: stop.photo.width,
          height: stop.photo.height,
        }
      : null,
  };
}

/** Everything a walk's pages show (the walk page, the route card, the authoring overview). */
export function walkView(walk: Walk, publicUrl: string) {
  const facts = walkFacts(walk.stops);
  const lengths = new Map(facts.legs.map((l) => [l.to, l.lengthM]));
  return {
    id: walk.id,
    title: walk.title,
    summary: walk.summary,
    town: walk.town,
    startPostcode: formatPostcode(walk.postcode),
    organisation: walk.organisationName,
    status: walk.status,
    lengthAndTime: walk.stops.length > 1 ? lengthAndTimeText(facts) : null,
    access: walk.stops.length > 1 ? accessSummary(facts) : [],
    stepFreeThroughout: facts.stepFreeThroughout,
    stops: walk.stops.map((s) => stopView(s, lengths.get(s.position))),
    url: new URL(paths.walks.walk(walk.id), publicUrl).toString(),
    href: paths.walks.walk(walk.id),
    routeCardHref: paths.walks.routeCard(walk.id),
    gpxHref: paths.walks.gpx(walk.id),
    mapPoints: mapPointsJson(
      walk.stops.map((s) => ({ n: s.position, lat: s.latitude, lng: s.longitude, title: s.name, target: `stop-${s.position}` })),
      null,
    ),
  };
}

/** A walk in a list (the walks page, search, phone line, heritage nearby, matching). */
export function walkListItem(walk: ListedWalk) {
  const facts = walkFacts(walk.stops);
  return {
    id: walk.id,
    title: walk.title,
    summary: walk.summary,
    town: walk.town,
    href: paths.walks.walk(walk.id),
    routeCardHref: paths.walks.routeCard(walk.id),
    stops: walk.stops.length,
    lengthAndTime: lengthAndTimeText(facts),
    access: accessSummary(facts),
    stepFreeThroughout: facts.stepFreeThroughout,
    distance: walk.distanceM === null ? null : formatDistance(walk.distanceM),
    source: walk.organisationName
      ? `Heritage walk by ${walk.organisationName}, checked by the local coordinator`
      : 'Heritage walk by the local Waymark coordinator',
    readAloud: walkReadAloud(walk, formatPostcode(walk.postcode)),
  };
}
