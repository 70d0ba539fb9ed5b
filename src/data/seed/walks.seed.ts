import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { latLngToGrid } from '../../domain/geo.ts';
import type { WalkLeg, WalkStopInput } from '../../domain/walks.ts';
import sharp from 'sharp';
import { photoCopies, processPhoto } from '../../services/photo-images.ts';
import { createContributionRepository } from '../repositories/contribution.repository.ts';
import { createWalkRepository } from '../repositories/walk.repository.ts';

/**
 * A drawing of a Yarmouth Row for the demo's stop photo (decision 048), made here rather than kept as a
 * binary: two tall brick walls, a strip of sky, flagstones, a lamp. Put through the same pipeline as uploads.
 */
const ROW_DRAWING = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200" viewBox="0 0 900 1200">
  <rect width="900" height="1200" fill="#cfe3f0"/>
  <polygon points="0,0 360,0 400,1200 0,1200" fill="#8c4a32"/>
  <polygon points="540,0 900,0 900,1200 500,1200" fill="#7a3f2b"/>
  <g stroke="#5e2f20" stroke-width="4">${Array.from({ length: 40 }, (_, i) => `<line x1="0" y1="${i * 30}" x2="380" y2="${i * 30}"/><line x1="520" y1="${i * 30}" x2="900" y2="${i * 30}"/>`).join('')}</g>
  <polygon points="400,1200 500,1200 470,560 430,560" fill="#b7b0a4"/>
  <g stroke="#8d877c" stroke-width="3">${Array.from({ length: 12 }, (_, i) => `<line x1="${430 - i * 2}" y1="${600 + i * 50}" x2="${470 + i * 2}" y2="${600 + i * 50}"/>`).join('')}</g>
  <rect x="330" y="420" width="14" height="160" fill="#222"/>
  <circle cx="350" cy="410" r="22" fill="#f5d76e" stroke="#222" stroke-width="4"/>
</svg>`;

type SeedStop = Omit<WalkStopInput, 'postcode' | 'latitude' | 'longitude' | 'heritageAssetId' | 'contributedPlaceId' | 'leg'> & {
  postcode: string | null;
  latitude: number;
  longitude: number;
  /** The heritage asset's source and id in the importers' data (heritage-assets.data.ts). */
  asset?: [source: string, sourceId: string];
  leg?: WalkLeg;
  /** The stop's photo: the drawing above, described and credited. */
  photo?: { altText: string; credit: string };
};

const flatPaved: WalkLeg = { walkedM: null, stepFree: true, surface: 'paved', gradient: 'flat', bench: false };

/**
 * Great Yarmouth's Rows: along South Quay and through the Rows, the narrow lanes that ran between
 * the quay and Middlegate, to the Tolhouse and the town wall. Real places; stories written for the demo.
 */
const YARMOUTH: SeedStop[] = [
  {
    name: 'Elizabethan House Museum, South Quay',
    postcode: 'NR302QH',
    latitude: 52.605382,
    longitude: 1.725533,
    asset: ['mapping_museums', 'mm.domus.SE106'],
    directions: 'Start on South Quay facing the river, outside the Elizabethan House at number 4.',
    story:
      'A merchant’s house with a Georgian front hiding a Tudor house behind it. Local tradition says the death of King Charles I was decided in one of its rooms during the Civil War.',
    stepFree: true,
    bench: true,
    toilet: true,
    accessNote: 'Toilets inside the museum when it is open. Benches along the quay railings.',
  },
  {
    name: 'Nelson Museum, 26 South Quay',
    postcode: 'NR302RG',
    latitude: 52.604625,
    longitude: 1.725942,
    directions: 'Keep the river on your right and walk south along South Quay for about 100 metres. The museum is a tall brick house on your left.',
    story:
      'Nelson landed at Great Yarmouth after the Battle of the Nile and again after Copenhagen. The museum tells his story through the town that cheered him.',
    stepFree: false,
    bench: false,
    toilet: false,
    accessNote: 'Two steps at the front door; ask inside about the side entrance.',
    leg: { ...flatPaved },
  },
  {
    name: 'Row 111 Houses',
    postcode: 'NR302RG',
    latitude: 52.603729,
    longitude: 1.726619,
    asset: ['nhle_scheduled_monument', '1003958'],
    directions: 'Carry on south along South Quay. Row 111 is the narrow lane on your left, signed by English Heritage.',
    story:
      'Yarmouth had 145 Rows, so narrow that a special cart, the troll cart, was built to fit them. Most were bombed in 1942; these houses show how families lived packed between the quay and the market.',
    stepFree: true,
    bench: false,
    toilet: false,
    accessNote: 'The Row is about 1 metre wide in places.',
    photo: {
      altText: 'Drawing of a Yarmouth Row: a narrow flagstoned lane between two tall brick walls, with a strip of sky above and a street lamp',
      credit: 'Yarmouth Heritage Trust (drawing)',
    },
    leg: { ...flatPaved },
  },
  {
    name: 'Merchant’s House, Row 117',
    postcode: 'NR302RG',
    latitude: 52.603379,
    longitude: 1.726693,
    asset: ['nhle_scheduled_monument', '1004020'],
    directions: 'Come back to South Quay, turn left, and take the next Row on your left, Row 117.',
    story: 'A 17th-century merchant’s house with some of the finest plaster ceilings in the town, built when Yarmouth grew rich on herring.',
    stepFree: false,
    bench: false,
    toilet: false,
    accessNote: 'Steps down into the house. The Row itself has uneven old paving.',
    leg: { walkedM: 80, stepFree: true, surface: 'cobbles', gradient: 'flat', bench: false },
  },
  {
    name: 'The Tolhouse, Tolhouse Street',
    postcode: 'NR302SQ',
    latitude: 52.604412,
    longitude: 1.72808,
    asset: ['mapping_museums', 'mm.domus.SE110'],
    directions:
      'Walk through Row 117 to Middlegate. Cross at the lights, turn left and then right into Tolhouse Street. The Tolhouse is the flint building on your right.',
    story: 'One of the oldest civic buildings in England: the town’s court and gaol for 700 years. Its cells are still there below the hall.',
    stepFree: true,
    bench: true,
    toilet: true,
    accessNote: 'Level entrance to the ground floor. Toilets inside when the museum is open. A bench in the garden.',
    leg: { walkedM: 260, stepFree: true, surface: 'mixed', gradient: 'flat', bench: false },
  },
  {
    name: 'Town wall, Blackfriars Road',
    postcode: 'NR303BX',
    latitude: 52.60275,
    longitude: 1.73302,
    asset: ['nhle_scheduled_monument', '1003782'],
    directions: 'Go back to Middlegate and follow it south, then turn left along Blackfriars Road. The wall and its tower are on your right.',
    story: 'Yarmouth’s medieval wall took a hundred years to build and is one of the most complete in England. Its towers watched over the Rows behind them.',
    stepFree: true,
    bench: true,
    toilet: false,
    accessNote: 'Benches on the green beside the wall.',
    leg: { walkedM: 420, stepFree: true, surface: 'paved', gradient: 'flat', bench: false },
  },
];

/** A Frome town walk: Market Place, Cheap Street, St John’s, Rook Lane Chapel and Catherine Hill. */
const FROME: SeedStop[] = [
  {
    name: 'Market Place',
    postcode: 'BA111AB',
    latitude: 51.22992,
    longitude: -2.32105,
    directions: 'Start by the Boyle Cross drinking fountain in the Market Place, opposite the Blue House.',
    story: 'Frome grew rich on wool cloth. On market days the square filled with sheep, cheese and the cloth that went from here all over England.',
    stepFree: true,
    bench: true,
    toilet: true,
    accessNote: 'Public toilets at the Cattle Market car park, signed from the square.',
  },
  {
    name: 'Cheap Street',
    postcode: 'BA111BB',
    latitude: 51.22963,
    longitude: -2.32005,
    directions: 'Cross to the narrow street that rises to the east of the square. Cheap Street has a stream running down the middle.',
    story: 'A Tudor shopping street with a water channel, the leat, flowing down its centre. It has been a street of small shops for 500 years.',
    stepFree: true,
    bench: false,
    toilet: false,
    accessNote: 'Traffic-free. Some shop doors have a step.',
    leg: { walkedM: 90, stepFree: true, surface: 'paved', gradient: 'gentle', bench: false },
  },
  {
    name: 'St John’s Church',
    postcode: 'BA111PL',
    latitude: 51.22905,
    longitude: -2.31965,
    directions: 'Walk up Cheap Street to the top and turn right into Church Street. The church gate is on your left.',
    story: 'A church has stood here since St Aldhelm founded one around 685. Look for the Via Crucis carvings along the path to the door.',
    stepFree: false,
    bench: true,
    toilet: false,
    accessNote: 'Steps up from Church Street; a step-free path from Vicarage Street at the back. Benches in the churchyard.',
    leg: { walkedM: 140, stepFree: true, surface: 'paved', gradient: 'gentle', bench: false },
  },
  {
    name: 'Rook Lane Chapel',
    postcode: 'BA111DN',
    latitude: 51.22868,
    longitude: -2.32215,
    directions: 'Go back down Church Street, cross Bath Street at the crossing, and turn left. The chapel’s classical front faces you at the top of Rook Lane.',
    story: 'Built in 1707 for Frome’s Nonconformists, it was once the largest chapel in Somerset. It fell empty and was rescued in the 2000s.',
    stepFree: true,
    bench: false,
    toilet: true,
    accessNote: 'Level entrance. Toilets inside when there is an event on.',
    leg: { walkedM: 260, stepFree: true, surface: 'paved', gradient: 'gentle', bench: false },
  },
  {
    name: 'Catherine Hill',
    postcode: 'BA111BE',
    latitude: 51.23026,
    longitude: -2.32266,
    directions: 'Cross back over Bath Street and climb Catherine Hill, the steep cobbled lane of small shops that leads up from the Market Place.',
    story: 'Once the main road out of town to the west, now a lane of independent shops. Its cobbles and steps show how steep old Frome is.',
    stepFree: false,
    bench: true,
    toilet: false,
    accessNote: 'A bench at the top, on Catherine Street.',
    leg: { walkedM: 230, stepFree: false, surface: 'cobbles', gradient: 'steep', bench: false },
  },
];

async function seedWalk(
  tx: Db,
  now: Date,
  walk: { title: string; summary: string; town: string; postcode: string; organisation: string; publishedBy: string },
  stops: SeedStop[],
) {
  const repo = createWalkRepository(tx);
  const org = await one<{ id: string }>(tx, 'select id from organisations where name = $1', [walk.organisation]);
  const author = await one<{ id: string }>(tx, 'select user_id as id from memberships where organisation_id = $1 order by created_at limit 1', [org.id]);
  const coordinator = await one<{ id: string }>(tx, 'select id from users where email = $1', [walk.publishedBy]);
  const first = stops[0]!;
  const id = await repo.create(
    tx,
    {
      title: walk.title,
      summary: walk.summary,
      town: walk.town,
      postcode: walk.postcode,
      organisationId: org.id,
      createdBy: author.id,
      ...latLngToGrid(first),
    },
    now,
  );
  for (const s of stops) {
    const [asset] = s.asset ? await tx.query<{ id: string }>('select id from heritage_assets where source = $1 and source_id = $2', s.asset) : [];
    const stopId = await repo.addStop(tx, id, {
      ...s,
      ...latLngToGrid(s),
      heritageAssetId: asset ? String(asset.id) : null,
      contributedPlaceId: null,
      leg: s.leg ?? { ...flatPaved },
    });
    if (s.photo) {
      const images = await processPhoto(await sharp(Buffer.from(ROW_DRAWING)).png().toBuffer());
      await createContributionRepository(tx).insertPhoto(
        {
          owner: { walkStopId: stopId, credit: s.photo.credit },
          addedBy: author.id,
          altText: s.photo.altText,
          peopleAgreed: false,
          width: images.width,
          height: images.height,
          copies: photoCopies(images),
        },
        now,
        tx,
      );
    }
  }
  await repo.setStatus(tx, id, 'draft', 'published', coordinator.id, now);
  return id;
}

/** The demo's two heritage walks (issue 11, decision 043), published by their areas' coordinators. */
export async function seedWalks(tx: Db, now: Date) {
  await seedWalk(
    tx,
    now,
    {
      title: 'Great Yarmouth’s Rows',
      summary:
        'A short, level walk along South Quay and through the Rows, the narrow lanes where Yarmouth’s families lived, to the Tolhouse and the medieval town wall.',
      town: 'Great Yarmouth',
      postcode: 'NR302QH',
      organisation: 'Yarmouth Heritage Trust',
      publishedBy: 'coordinator@waymark.example',
    },
    YARMOUTH,
  );
  await seedWalk(
    tx,
    now,
    {
      title: 'Frome town walk: Cheap Street to Catherine Hill',
      summary:
        'Frome’s old centre in five stops: the Market Place, Tudor Cheap Street with its stream, St John’s Church, Rook Lane Chapel and the cobbles of Catherine Hill.',
      town: 'Frome',
      postcode: 'BA111AB',
      organisation: 'Frome History Society',
      publishedBy: 'coordinator.frome@waymark.example',
    },
    FROME,
  );
}
