// A small map of the results on this page, drawn as SVG with no network requests.
// The list stays the source of truth: the map is one image whose numbers follow the list, so
// keyboard and screen reader users meet each activity once, in the list.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 360;
const PAD = 28;

function node(name, attrs = {}, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function init(el) {
  let data;
  try {
    data = JSON.parse(el.getAttribute('data-points') || '');
  } catch {
    return;
  }
  const points = (data.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng));
  if (points.length === 0) return;
  const all = data.centre ? [...points, data.centre] : points;
  const meanLat = all.reduce((s, p) => s + p.lat, 0) / all.length;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const xs = all.map((p) => p.lng * kx);
  const ys = all.map((p) => p.lat);
  const minX = Math.min(...xs),
    maxX = Math.max(...xs),
    minY = Math.min(...ys),
    maxY = Math.max(...ys);
  const span = Math.max(maxX - minX, (maxY - minY) * (WIDTH / HEIGHT), 0.01);
  const scale = (WIDTH - 2 * PAD) / span;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const project = (p) => [WIDTH / 2 + (p.lng * kx - cx) * scale, HEIGHT / 2 - (p.lat - cy) * scale];

  const svg = node('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'app-map-title' });
  svg.append(node('title', { id: 'app-map-title' }, `Map of the ${points.length} activities on this page. The list below has the same information.`));
  if (data.centre) {
    const [x, y] = project(data.centre);
    svg.append(node('path', { d: `M${x - 8} ${y}H${x + 8}M${x} ${y - 8}V${y + 8}`, stroke: '#212b32', 'stroke-width': 3 }));
    svg.append(node('text', { x: x + 10, y: y - 10, 'font-size': 14, fill: '#212b32' }, data.centre.label || 'You searched here'));
  }
  for (const p of points) {
    const [x, y] = project(p);
    svg.append(node('circle', { cx: x, cy: y, r: 11, fill: '#005eb8', stroke: '#ffffff', 'stroke-width': 2 }));
    svg.append(node('text', { x, y: y + 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 600, fill: '#ffffff' }, String(p.n)));
  }
  el.append(svg);
  const note = document.createElement('p');
  note.className = 'nhsuk-body-s';
  note.textContent = 'Numbers on the map follow the order of the list.';
  el.append(note);
}
