/**
 * Real heritage places in the demo areas, for 'heritage on your doorstep', copied at build time from:
 * - the National Heritage List for England layers (MicroPasts/heritage-at-risk snapshot, c. January 2025):
 *   Open Government Licence v3.0. Contains Historic England data (c) Historic England 2025.
 *   Contains Ordnance Survey data (c) Crown copyright and database right 2025.
 * - Mapping Museums (Birkbeck, University of London, doi:10.18743/DATA.00171): CC BY 4.0,
 *   www.mappingmuseums.org. Museum positions are the published latitude/longitude.
 * The full national layers load with `npm run import:heritage`.
 */
import type { HeritageAssetRecord } from '../import/heritage-asset.record.ts';

export const SEED_HERITAGE_ASSETS: readonly HeritageAssetRecord[] = [
  { source: 'nhle_scheduled_monument', sourceId: '1002882', name: 'Caister Castle', category: 'Scheduled monument', grade: null, easting: 650472, northing: 312284, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1002882' },
  { source: 'nhle_scheduled_monument', sourceId: '1003738', name: 'Caves under Nos 3-7 Middle Pavement', category: 'Scheduled monument', grade: null, easting: 457428, northing: 339710, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1003738' },
  { source: 'nhle_scheduled_monument', sourceId: '1003782', name: 'Town walls', category: 'Scheduled monument', grade: null, easting: 652458, northing: 308091, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1003782' },
  { source: 'nhle_scheduled_monument', sourceId: '1003935', name: 'Medieval vaults under 50-56 Howard Street', category: 'Scheduled monument', grade: null, easting: 652405, northing: 307436, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1003935' },
  { source: 'nhle_scheduled_monument', sourceId: '1003958', name: 'Nos 6, 7 and 8, Row 111, South Quay', category: 'Scheduled monument', grade: null, easting: 652458, northing: 307194, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1003958' },
  { source: 'nhle_scheduled_monument', sourceId: '1004020', name: 'Merchant\'s House, Row 117, South Quay', category: 'Scheduled monument', grade: null, easting: 652462, northing: 307141, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1004020' },
  { source: 'nhle_scheduled_monument', sourceId: '1006006', name: 'St Andrew\'s Church (remains of)', category: 'Scheduled monument', grade: null, easting: 651709, northing: 295511, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006006' },
  { source: 'nhle_scheduled_monument', sourceId: '1006055', name: 'Mettingham Castle', category: 'Scheduled monument', grade: null, easting: 635984, northing: 288605, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006055' },
  { source: 'nhle_scheduled_monument', sourceId: '1006060', name: 'Bungay Castle', category: 'Scheduled monument', grade: null, easting: 633507, northing: 289642, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006060' },
  { source: 'nhle_scheduled_monument', sourceId: '1006064', name: 'Butter Cross', category: 'Scheduled monument', grade: null, easting: 633636, northing: 289772, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006064' },
  { source: 'nhle_scheduled_monument', sourceId: '1006162', name: 'Wadbury camp', category: 'Scheduled monument', grade: null, easting: 373753, northing: 148859, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006162' },
  { source: 'nhle_scheduled_monument', sourceId: '1006377', name: 'Caves at Drury Hill', category: 'Scheduled monument', grade: null, easting: 457457, northing: 339592, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006377' },
  { source: 'nhle_scheduled_monument', sourceId: '1006380', name: 'Medieval city wall', category: 'Scheduled monument', grade: null, easting: 456880, northing: 339955, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006380' },
  { source: 'nhle_scheduled_monument', sourceId: '1006382', name: 'Nottingham Castle', category: 'Scheduled monument', grade: null, easting: 456923, northing: 339404, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006382' },
  { source: 'nhle_scheduled_monument', sourceId: '1006403', name: 'Old Trent Bridge', category: 'Scheduled monument', grade: null, easting: 458228, northing: 338129, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1006403' },
  { source: 'nhle_scheduled_monument', sourceId: '1013094', name: 'Burgh Castle Roman fort, vicus, pre-Conquest monastery and Norman motte and bailey castle', category: 'Scheduled monument', grade: null, easting: 647618, northing: 304567, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1013094' },
  { source: 'nhle_scheduled_monument', sourceId: '1014716', name: 'Nunney Castle', category: 'Scheduled monument', grade: null, easting: 373671, northing: 145731, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1014716' },
  { source: 'nhle_scheduled_monument', sourceId: '1015268', name: 'Caister-on-Sea Roman fort and Saxon settlement', category: 'Scheduled monument', grade: null, easting: 651669, northing: 312296, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1015268' },
  { source: 'nhle_scheduled_monument', sourceId: '1016955', name: 'Drying house at The Coach House, Willow Vale', category: 'Scheduled monument', grade: null, easting: 377896, northing: 148142, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1016955' },
  { source: 'nhle_scheduled_monument', sourceId: '1017653', name: 'Bestwood Colliery engine house', category: 'Scheduled monument', grade: null, easting: 455634, northing: 347458, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1017653' },
  { source: 'nhle_scheduled_monument', sourceId: '1017910', name: 'Greyfriars Franciscan friary', category: 'Scheduled monument', grade: null, easting: 652398, northing: 307317, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1017910' },
  { source: 'nhle_scheduled_monument', sourceId: '1019675', name: 'Lenton Priory', category: 'Scheduled monument', grade: null, easting: 455262, northing: 338782, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1019675' },
  { source: 'nhle_park_garden', sourceId: '1000188', name: 'Somerleyton Park', category: 'Registered park and garden', grade: 'II*', easting: 649230, northing: 297685, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1000188' },
  { source: 'nhle_park_garden', sourceId: '1000344', name: 'Wollaton Hall', category: 'Registered park and garden', grade: 'II*', easting: 453390, northing: 339210, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1000344' },
  { source: 'nhle_park_garden', sourceId: '1000382', name: 'Orchardleigh', category: 'Registered park and garden', grade: 'II*', easting: 377471, northing: 151246, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1000382' },
  { source: 'nhle_park_garden', sourceId: '1001083', name: 'Nottingham Arboretum', category: 'Registered park and garden', grade: 'II*', easting: 456776, northing: 340761, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001083' },
  { source: 'nhle_park_garden', sourceId: '1001350', name: 'Highfields Park', category: 'Registered park and garden', grade: 'II*', easting: 454195, northing: 337892, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001350' },
  { source: 'nhle_park_garden', sourceId: '1001479', name: 'Hunger Hill Gardens, Stonepit Coppice Gardens And Gorseyclose Gardens', category: 'Registered park and garden', grade: 'II*', easting: 458186, northing: 341690, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001479' },
  { source: 'nhle_park_garden', sourceId: '1001486', name: 'Church Cemetery', category: 'Registered park and garden', grade: 'II*', easting: 456796, northing: 341175, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001486' },
  { source: 'nhle_park_garden', sourceId: '1001487', name: 'General Cemetery', category: 'Registered park and garden', grade: 'II', easting: 456557, northing: 340348, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001487' },
  { source: 'nhle_park_garden', sourceId: '1001618', name: 'The Venetian Waterways', category: 'Registered park and garden', grade: 'II', easting: 653174, northing: 308650, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001618' },
  { source: 'nhle_park_garden', sourceId: '1001621', name: 'Belle Vue Park', category: 'Registered park and garden', grade: 'II', easting: 654986, northing: 294451, url: 'https://historicengland.org.uk/listing/the-list/list-entry/1001621' },
  { source: 'mapping_museums', sourceId: 'mm.ace.413', name: 'Time And Tide Museum', category: 'Museum - Local Histories', grade: null, latitude: 52.602168, longitude: 1.731332, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE106', name: 'Elizabethan House Museum', category: 'Museum - Buildings', grade: null, latitude: 52.605382, longitude: 1.725533, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.EM078', name: 'National Justice Museum', category: 'Museum - Buildings', grade: null, latitude: 52.950772, longitude: -1.144252, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE495', name: 'Row 111 Great Yarmouth', category: 'Museum - Buildings', grade: null, latitude: 52.603729, longitude: 1.726619, url: null },
  { source: 'mapping_museums', sourceId: 'mm.New.86', name: 'Nottingham Industrial Museum', category: 'Museum - Industry and manufacture', grade: null, latitude: 52.94778, longitude: -1.210959, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.EM056', name: 'Ruddington Framework Knitters Museum', category: 'Museum - Rural Industry', grade: null, latitude: 52.891235, longitude: -1.15183, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE576', name: 'Lowestoft Maritime Museum', category: 'Museum - Sea and seafaring', grade: null, latitude: 52.487875, longitude: 1.757594, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE424', name: 'Lowestoft Museum', category: 'Museum - Local Histories', grade: null, latitude: 52.473648, longitude: 1.706814, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.EM016', name: 'Nottingham Castle Museum And Art Gallery', category: 'Museum - Mixed', grade: null, latitude: 52.949434, longitude: -1.154415, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.EM019', name: 'Museum Of Nottingham Life, Brewhouse Yard', category: 'Museum - Local Histories', grade: null, latitude: 52.948858, longitude: -1.151866, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SW246', name: 'Frome Heritage Museum', category: 'Museum - Local Histories', grade: null, latitude: 51.232823, longitude: -2.319097, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.EM023', name: 'Greens Mill And Science Centre, Nottingham', category: 'Museum - Rural Industry', grade: null, latitude: 52.952726, longitude: -1.130966, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE418', name: 'Beccles And District Museum', category: 'Museum - Local Histories', grade: null, latitude: 52.455527, longitude: 1.559809, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE440', name: 'Bungay Museum', category: 'Museum - Local Histories', grade: null, latitude: 52.457276, longitude: 1.436317, url: null },
  { source: 'mapping_museums', sourceId: 'mm.domus.SE110', name: 'Tolhouse', category: 'Museum - Buildings', grade: null, latitude: 52.604412, longitude: 1.72808, url: null },
];
