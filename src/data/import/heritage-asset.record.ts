import type { HeritageSource } from '../../domain/heritage-sources.ts';

export type { HeritageSource };

/** One heritage place from an official open data set, as the importer and the demo seed write it. */

export type HeritageAssetRecord = {
  source: HeritageSource;
  sourceId: string;
  name: string;
  category: string;
  grade: string | null;
  url: string | null;
} & ({ easting: number; northing: number } | { latitude: number; longitude: number });

export const NHLE_LICENCE =
  'Contains Historic England data © Historic England 2025. Contains Ordnance Survey data © Crown copyright and database right 2025. Open Government Licence v3.0.';
export const MAPPING_MUSEUMS_LICENCE = 'Mapping Museums data, Birkbeck, University of London (www.mappingmuseums.org), CC BY 4.0.';

export const licenceOf = (source: HeritageSource) => (source === 'mapping_museums' ? MAPPING_MUSEUMS_LICENCE : NHLE_LICENCE);
