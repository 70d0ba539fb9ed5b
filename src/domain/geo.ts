/**
 * British National Grid (OSGB36) <-> WGS84 conversion, accurate to a few metres, using the
 * Ordnance Survey's published transverse Mercator formulas and 7-parameter Helmert transform
 * ("A guide to coordinate systems in Great Britain", OS, appendices B and C).
 */
export type LatLng = { latitude: number; longitude: number };
export type GridRef = { easting: number; northing: number };

const AIRY = { a: 6377563.396, b: 6356256.909 };
const GRS80 = { a: 6378137.0, b: 6356752.3141 };
const F0 = 0.9996012717;
const LAT0 = (49 * Math.PI) / 180;
const LON0 = (-2 * Math.PI) / 180;
const N0 = -100000;
const E0 = 400000;
// WGS84 -> OSGB36 Helmert parameters (metres, ppm, arc-seconds).
const HELMERT = { tx: -446.448, ty: 125.157, tz: -542.06, s: 20.4894, rx: -0.1502, ry: -0.247, rz: -0.8421 };

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

function toCartesian(lat: number, lon: number, e: { a: number; b: number }) {
  const e2 = 1 - (e.b * e.b) / (e.a * e.a);
  const nu = e.a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return {
    x: nu * Math.cos(lat) * Math.cos(lon),
    y: nu * Math.cos(lat) * Math.sin(lon),
    z: nu * (1 - e2) * Math.sin(lat),
  };
}

function fromCartesian(p: { x: number; y: number; z: number }, e: { a: number; b: number }) {
  const e2 = 1 - (e.b * e.b) / (e.a * e.a);
  const pr = Math.sqrt(p.x * p.x + p.y * p.y);
  let lat = Math.atan2(p.z, pr * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const nu = e.a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    lat = Math.atan2(p.z + e2 * nu * Math.sin(lat), pr);
  }
  return { lat, lon: Math.atan2(p.y, p.x) };
}

function helmert(p: { x: number; y: number; z: number }, sign: 1 | -1) {
  const h = HELMERT;
  const s = 1 + sign * h.s * 1e-6;
  const rx = rad((sign * h.rx) / 3600);
  const ry = rad((sign * h.ry) / 3600);
  const rz = rad((sign * h.rz) / 3600);
  return {
    x: sign * h.tx + s * p.x - rz * p.y + ry * p.z,
    y: sign * h.ty + rz * p.x + s * p.y - rx * p.z,
    z: sign * h.tz - ry * p.x + rx * p.y + s * p.z,
  };
}

function meridionalArc(lat: number) {
  const { a, b } = AIRY;
  const n = (a - b) / (a + b);
  const n2 = n * n;
  const n3 = n2 * n;
  const dl = lat - LAT0;
  const sl = lat + LAT0;
  return (
    b *
    F0 *
    ((1 + n + (5 / 4) * n2 + (5 / 4) * n3) * dl -
      (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(dl) * Math.cos(sl) +
      ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * dl) * Math.cos(2 * sl) -
      (35 / 24) * n3 * Math.sin(3 * dl) * Math.cos(3 * sl))
  );
}

export function latLngToGrid({ latitude, longitude }: LatLng): GridRef {
  const osgb = fromCartesian(helmert(toCartesian(rad(latitude), rad(longitude), GRS80), 1), AIRY);
  const { lat, lon } = osgb;
  const { a, b } = AIRY;
  const e2 = 1 - (b * b) / (a * a);
  const sin = Math.sin(lat);
  const cos = Math.cos(lat);
  const tan = Math.tan(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * F0 * (1 - e2)) / (1 - e2 * sin * sin) ** 1.5;
  const eta2 = nu / rho - 1;
  const M = meridionalArc(lat);
  const I = M + N0;
  const II = (nu / 2) * sin * cos;
  const III = (nu / 24) * sin * cos ** 3 * (5 - tan ** 2 + 9 * eta2);
  const IIIA = (nu / 720) * sin * cos ** 5 * (61 - 58 * tan ** 2 + tan ** 4);
  const IV = nu * cos;
  const V = (nu / 6) * cos ** 3 * (nu / rho - tan ** 2);
  const VI = (nu / 120) * cos ** 5 * (5 - 18 * tan ** 2 + tan ** 4 + 14 * eta2 - 58 * tan ** 2 * eta2);
  const dL = lon - LON0;
  return {
    northing: Math.round(I + II * dL ** 2 + III * dL ** 4 + IIIA * dL ** 6),
    easting: Math.round(E0 + IV * dL + V * dL ** 3 + VI * dL ** 5),
  };
}

export function gridToLatLng({ easting, northing }: GridRef): LatLng {
  const { a, b } = AIRY;
  const e2 = 1 - (b * b) / (a * a);
  let lat = LAT0;
  let M = 0;
  do {
    lat = (northing - N0 - M) / (a * F0) + lat;
    M = meridionalArc(lat);
  } while (Math.abs(northing - N0 - M) >= 0.00001);
  const sin = Math.sin(lat);
  const cos = Math.cos(lat);
  const tan = Math.tan(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * F0 * (1 - e2)) / (1 - e2 * sin * sin) ** 1.5;
  const eta2 = nu / rho - 1;
  const sec = 1 / cos;
  const VII = tan / (2 * rho * nu);
  const VIII = (tan / (24 * rho * nu ** 3)) * (5 + 3 * tan ** 2 + eta2 - 9 * tan ** 2 * eta2);
  const IX = (tan / (720 * rho * nu ** 5)) * (61 + 90 * tan ** 2 + 45 * tan ** 4);
  const X = sec / nu;
  const XI = (sec / (6 * nu ** 3)) * (nu / rho + 2 * tan ** 2);
  const XII = (sec / (120 * nu ** 5)) * (5 + 28 * tan ** 2 + 24 * tan ** 4);
  const XIIA = (sec / (5040 * nu ** 7)) * (61 + 662 * tan ** 2 + 1320 * tan ** 4 + 720 * tan ** 6);
  const dE = easting - E0;
  const osLat = lat - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6;
  const osLon = LON0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7;
  const wgs = fromCartesian(helmert(toCartesian(osLat, osLon, AIRY), -1), GRS80);
  return { latitude: round6(deg(wgs.lat)), longitude: round6(deg(wgs.lon)) };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

// Postcodes live with phone numbers in contact-details.ts (decision 023); re-exported for the geography code.
export { formatPostcode, isFullPostcode, isOutcode, normalisePostcode } from './contact-details.ts';
