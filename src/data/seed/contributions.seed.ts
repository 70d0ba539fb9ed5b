import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ContributionStatus } from '../../domain/contribution.ts';
import { createContributionRepository, type NewContribution } from '../repositories/contribution.repository.ts';

type Seeded = Omit<
  NewContribution,
  'contributorId' | 'enteredForOrganisationId' | 'aboutHeritageAssetId' | 'aboutPlaceId' | 'aboutActivityId' | 'aboutWalkStopId' | 'tellerConsentAt'
> & {
  key: string;
  by: string;
  forOrganisation?: string;
  aboutAsset?: string;
  aboutPlace?: string;
  aboutActivity?: string;
  /** A stop on a seeded walk: the walk's title and the stop's name (walks.seed.ts). */
  aboutWalkStop?: [walk: string, stop: string];
  status: ContributionStatus;
  report?: string;
};

const base = { oneOfSeveralViews: false, privateToGroup: false, postcode: null, whereDescription: null, easting: null, northing: null, placeKind: null };

/**
 * Community heritage in the three pilot areas (issue 11, decision 042): places that matter to people
 * and their memories, by fictional people about real places. One item waits for review (Maureen's
 * memory of the Herring Girls café) and one has been reported (the Winter Gardens).
 */
const ITEMS: Seeded[] = [
  {
    ...base,
    key: 'row-111',
    kind: 'memory',
    by: 'contributor.yarmouth@waymark.example',
    status: 'published',
    aboutWalkStop: ['Great Yarmouth’s Rows', 'Row 111 Houses'],
    title: 'Hopscotch in Row 111',
    body: 'My nan lived two Rows along and we played hopscotch on the flagstones here. The Row was so narrow we could touch both walls, and in summer it was the only cool place in town.',
    approximateDate: '1950s',
    areaOutcode: 'NR30',
    creditKind: 'first_name',
    creditName: 'Maureen',
    licence: 'cc_by_sa_4',
  },
  {
    ...base,
    key: 'chips',
    kind: 'place',
    by: 'contributor.yarmouth@waymark.example',
    status: 'published',
    title: 'The chip stalls on the Market Place',
    placeKind: 'shop',
    body: 'Every Saturday after the pictures we had chips with scraps from the stalls, sitting on the church wall.\n\nThe stalls have changed hands many times, but they are still where Yarmouth meets.',
    approximateDate: '1950s to today',
    postcode: 'NR301NE',
    whereDescription: 'The row of stalls on the south side of the Market Place',
    easting: 652388,
    northing: 307989,
    areaOutcode: 'NR30',
    creditKind: 'first_name',
    creditName: 'Maureen',
    licence: 'cc_by_sa_4',
  },
  {
    ...base,
    key: 'walls',
    kind: 'memory',
    by: 'contributor.yarmouth@waymark.example',
    status: 'published',
    aboutAsset: '1003782',
    title: 'Playing on the town walls',
    body: 'We were told not to climb the towers, so of course we did. My brother hid his conkers in a gap in the flint every autumn.',
    approximateDate: '1950s',
    areaOutcode: 'NR30',
    creditKind: 'full_name',
    creditName: 'Maureen Cole',
    licence: 'cc_by_4',
  },
  {
    ...base,
    key: 'winter-gardens',
    kind: 'place',
    by: 'contributor.yarmouth@waymark.example',
    status: 'reported',
    report: 'inaccurate',
    title: 'Winter Gardens dances',
    placeKind: 'building',
    body: 'Tea dances under the glass every Sunday afternoon.',
    approximateDate: '1960s',
    postcode: 'NR302RG',
    whereDescription: 'On the seafront by the Wellington Pier',
    easting: 652435,
    northing: 307180,
    areaOutcode: 'NR30',
    creditKind: 'anonymous',
    creditName: null,
    licence: 'cc_by_sa_4',
  },
  {
    ...base,
    key: 'herring-girls',
    kind: 'memory',
    by: 'contributor.yarmouth@waymark.example',
    status: 'waiting_for_review',
    aboutActivity: 'Herring Girls memory café',
    title: 'My mother was a herring girl',
    body: 'She came down from Wick every October and gutted herring on the Denes with her fingers bound in cloth.',
    approximateDate: '1930s',
    areaOutcode: 'NR30',
    creditKind: 'first_name',
    creditName: 'Maureen',
    licence: 'cc_by_sa_4',
  },
  {
    ...base,
    key: 'catherine-hill',
    kind: 'place',
    by: 'provider.frome@waymark.example',
    forOrganisation: 'Frome History Society',
    status: 'published',
    title: 'The steps up Catherine Hill',
    placeKind: 'structure',
    body: 'Everyone who grew up in Frome has been told off for racing down these steps. The memory café remembers the cobbler and the sweet shop that stood at the bottom.',
    approximateDate: '1940s to 1970s',
    postcode: 'BA111AT',
    whereDescription: 'Between Catherine Street and Stony Street',
    easting: 377817,
    northing: 148231,
    areaOutcode: 'BA11',
    creditKind: 'group',
    creditName: 'Frome memory café',
    licence: 'cc_by_sa_4',
  },
  {
    ...base,
    key: 'sledging',
    kind: 'memory',
    by: 'provider.frome@waymark.example',
    forOrganisation: 'Frome History Society',
    status: 'published',
    aboutPlace: 'catherine-hill',
    title: 'The big freeze',
    body: 'In the winter of 1963 the hill froze for weeks and we slid down on tin trays.',
    approximateDate: 'Winter 1963',
    areaOutcode: 'BA11',
    creditKind: 'first_name',
    creditName: 'Jean',
    licence: 'waymark_only',
  },
  {
    ...base,
    key: 'goose-fair',
    kind: 'place',
    by: 'provider.nottingham@waymark.example',
    forOrganisation: 'Nottingham Museums Collective',
    status: 'published',
    title: 'Goose Fair on the Forest',
    placeKind: 'green_space',
    body: 'The first week of October meant mushy peas, the cakewalk and coming home with your ears ringing.',
    approximateDate: 'Every October',
    postcode: 'NG74HF',
    whereDescription: 'The Forest Recreation Ground, off Mansfield Road',
    easting: 456582,
    northing: 340642,
    areaOutcode: 'NG7',
    creditKind: 'group',
    creditName: 'Nottingham reminiscence group',
    licence: 'cc_by_4',
  },
  {
    ...base,
    key: 'drury-1',
    kind: 'memory',
    by: 'provider.nottingham@waymark.example',
    forOrganisation: 'Nottingham Museums Collective',
    status: 'published',
    aboutAsset: '1006377',
    title: 'When Drury Hill came down',
    body: 'They pulled down the whole street for the Broad Marsh centre. We lost the oldest street in Nottingham for a car park.',
    approximateDate: '1969',
    oneOfSeveralViews: true,
    areaOutcode: 'NG1',
    creditKind: 'first_name',
    creditName: 'Derek',
    licence: 'cc_by_sa_4',
  },
  {
    ...base,
    key: 'drury-2',
    kind: 'memory',
    by: 'provider.nottingham@waymark.example',
    forOrganisation: 'Nottingham Museums Collective',
    status: 'published',
    aboutAsset: '1006377',
    title: 'The new shopping centre',
    body: 'The old houses were damp and falling down. When the Broad Marsh opened it was the most modern thing in the city and we were proud of it.',
    approximateDate: '1975',
    oneOfSeveralViews: true,
    areaOutcode: 'NG1',
    creditKind: 'first_name',
    creditName: 'Pat',
    licence: 'cc_by_sa_4',
  },
];

export async function seedContributions(tx: Db, now: Date) {
  const repo = createContributionRepository(tx);
  const ids = new Map<string, string>();
  const userId = async (email: string) => (await one<{ id: string }>(tx, 'select id from users where email = $1', [email])).id;
  for (const item of ITEMS) {
    const { key, by, forOrganisation, aboutAsset, aboutPlace, aboutActivity, aboutWalkStop, status, report, ...fields } = item;
    const org = forOrganisation ? (await one<{ id: string }>(tx, 'select id from organisations where name = $1', [forOrganisation])).id : null;
    const asset = aboutAsset
      ? await maybeOne<{ id: string }>(tx, `select id from heritage_assets where source like 'nhle%' and source_id = $1`, [aboutAsset])
      : null;
    if (aboutAsset && !asset) continue; // the demo heritage list was not loaded
    const activity = aboutActivity ? (await one<{ id: string }>(tx, 'select id from activities where title = $1', [aboutActivity])).id : null;
    const stop = aboutWalkStop
      ? await maybeOne<{ id: string }>(tx, 'select s.id from walk_stops s join walks w on w.id = s.walk_id where w.title = $1 and s.name = $2', aboutWalkStop)
      : null;
    if (aboutWalkStop && !stop) continue;
    const id = await repo.insert(
      {
        ...fields,
        contributorId: await userId(by),
        enteredForOrganisationId: org,
        tellerConsentAt: org ? now : null,
        aboutHeritageAssetId: asset ? String(asset.id) : null,
        aboutPlaceId: aboutPlace ? (ids.get(aboutPlace) ?? null) : null,
        aboutActivityId: activity,
        aboutWalkStopId: stop?.id ?? null,
      },
      now,
      tx,
    );
    ids.set(key, id);
    await tx.query('update contributions set status = $2, submitted_at = $3, published_at = $4 where id = $1', [
      id,
      status,
      now,
      status === 'published' || status === 'reported' ? now : null,
    ]);
    if (report)
      await repo.addReport(
        { contributionId: id, reporterKey: 'demo-reader', reason: 'inaccurate', details: 'The Winter Gardens dances were on Saturdays, not Sundays.' },
        now,
        tx,
      );
  }
}
