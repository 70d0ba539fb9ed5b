// A map beside a list (decision 021), drawn with Leaflet. The list stays the source of truth: every
// marker is numbered as in the list, and its popup links to its entry there. Markers that overlap
// cluster; markers and clusters are buttons, so Tab reaches them and Enter opens their popup.
// Without a tile server, the map draws local authority boundaries on a sea-coloured background
// (they are clipped to the coastline, so land and sea show). Leaflet positions things through
// element.style (CSSOM), which the Content Security Policy allows; nothing here writes a style attribute.

let leaflet;

function stylesheet(href) {
  if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = resolve;
    link.onerror = resolve;
    document.head.append(link);
  });
}

/** Leaflet and the clustering plug-in are UMD files that set window.L; loaded once per page. */
function loadLeaflet(base) {
  leaflet ??= (async () => {
    await Promise.all([stylesheet(`${base}leaflet.css`), stylesheet(`${base}MarkerCluster.css`)]);
    await import(`${base}leaflet.js`);
    await import(`${base}leaflet.markercluster.js`);
    return window.L;
  })();
  return leaflet;
}

function json(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function element(tag, className, content) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content !== undefined) el.append(content);
  return el;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Polygons of delta-encoded rings (src/domain/map-outline.ts) → Leaflet's [lat, lng] rings. */
function decodePolygons(polygons, scale) {
  return polygons.map((rings) =>
    rings.map((ring) => {
      const out = [];
      let x = 0;
      let y = 0;
      for (let i = 0; i + 1 < ring.length; i += 2) {
        x += ring[i];
        y += ring[i + 1];
        out.push([y / scale, x / scale]);
      }
      return out;
    }),
  );
}

const LABELS_FROM_ZOOM = 8;

async function fetchAreas(url) {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    const data = response.ok ? await response.json() : null;
    return data && Array.isArray(data.areas) && data.areas.length > 0 ? data : null;
  } catch {
    return null;
  }
}

/**
 * Draws the districts in and around the view, adding more as the map moves: a town's map needs a
 * handful of England's 296 outlines, and each drawn outline costs the browser work on every zoom.
 */
export async function drawAreas(L, map, areasLoading, credit) {
  const data = await areasLoading;
  if (!data) return;
  // Names are for sighted orientation only; the list and the legend carry the information.
  const labels = map.createPane('app-area-names');
  labels.setAttribute('aria-hidden', 'true');
  const renderer = L.svg({ padding: 0.5 });
  const waiting = data.areas.map((area) => {
    const polygons = decodePolygons(area.polygons, data.scale);
    return { area, polygons, bounds: L.latLngBounds(polygons.flat(2)) };
  });
  const drawInView = () => {
    const view = map.getBounds().pad(0.5);
    for (let i = waiting.length - 1; i >= 0; i--) {
      const { area, polygons, bounds } = waiting[i];
      if (!view.intersects(bounds)) continue;
      waiting.splice(i, 1);
      L.polygon(polygons, {
        renderer,
        interactive: false,
        className: 'app-map__area',
        color: '#768692',
        weight: 1,
        fillColor: '#fbfbf7',
        fillOpacity: 1,
      }).addTo(map);
      L.marker([area.label[1], area.label[0]], {
        pane: 'app-area-names',
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'app-map__area-name', html: `<span>${escapeHtml(area.name)}</span>`, iconSize: null }),
      }).addTo(map);
    }
  };
  const showLabels = () => labels.classList.toggle('app-map__area-names--hidden', map.getZoom() < LABELS_FROM_ZOOM);
  map.on('moveend', drawInView);
  map.on('zoomend', showLabels);
  drawInView();
  showLabels();
  if (data.attribution) {
    credit.textContent = `${data.attribution}.`;
    credit.hidden = false;
  }
}

function numberedIcon(L, point) {
  const name = `${point.n}. ${point.title}`;
  return L.divIcon({
    className: 'app-map__marker',
    html: `<span aria-hidden="true" data-first="${point.n}">${point.n}</span><span class="nhsuk-u-visually-hidden">${escapeHtml(name)}</span>`,
    iconSize: [30, 30],
  });
}

function clusterIcon(L, cluster) {
  const count = cluster.getChildCount();
  const numbers = cluster
    .getAllChildMarkers()
    .map((m) => m.options.point.n)
    .sort((a, b) => a - b);
  return L.divIcon({
    className: 'app-map__cluster',
    html: `<span aria-hidden="true" data-first="${numbers[0]}">${count}</span><span class="nhsuk-u-visually-hidden">${count} places close together: numbers ${numbers.join(', ')}</span>`,
    iconSize: [38, 38],
  });
}

/** Moves to an entry in the list: scrolls there and puts keyboard focus on its link. */
function goToListEntry(event, target) {
  const entry = document.getElementById(target);
  if (!entry) return;
  event.preventDefault();
  entry.scrollIntoView({ block: 'center' });
  (entry.querySelector('a[href]') ?? entry).focus({ preventScroll: true });
}

function listLink(point, text) {
  const link = element('a', null, text);
  link.href = `#${point.target}`;
  link.addEventListener('click', (e) => goToListEntry(e, point.target));
  return link;
}

function markerPopup(point) {
  const box = element('div', 'app-map-popup');
  const title = element('p', 'app-map-popup__title');
  if (point.href) {
    const open = element('a', null, `${point.n}. ${point.title}`);
    open.href = point.href;
    title.append(open);
  } else {
    title.textContent = `${point.n}. ${point.title}`;
  }
  box.append(title);
  if (point.place) box.append(element('p', null, point.place));
  if (point.target) box.append(element('p', null, listLink(point, 'Show in the list')));
  return box;
}

function clusterPopup(cluster, onZoom) {
  const points = cluster
    .getAllChildMarkers()
    .map((m) => m.options.point)
    .sort((a, b) => a.n - b.n);
  const box = element('div', 'app-map-popup');
  box.append(element('p', 'app-map-popup__title', `${points.length} places close together`));
  const list = element('ul', 'app-map-popup__list');
  for (const p of points) list.append(element('li', null, p.target ? listLink(p, `${p.n}. ${p.title}`) : `${p.n}. ${p.title}`));
  box.append(list);
  const zoom = element('button', 'app-map-popup__zoom', 'Zoom in to these');
  zoom.type = 'button';
  zoom.addEventListener('click', onZoom);
  box.append(zoom);
  return box;
}

function centreIcon(L, label) {
  const html = `<span class="app-map__centre-mark"></span><span class="app-map__centre-label" aria-hidden="true">${escapeHtml(label)}</span>`;
  return L.divIcon({ className: 'app-map__centre', html, iconSize: [22, 22] });
}

/** What every map slot starts from: its tiles (or district outlines when none), and Leaflet; null when Leaflet cannot load. */
export async function mapBase(slot) {
  const tiles = json(slot.getAttribute('data-tiles'));
  const areasLoading = tiles ? null : fetchAreas(slot.getAttribute('data-areas'));
  try {
    return { L: await loadLeaflet(slot.getAttribute('data-leaflet') || '/vendor/leaflet/'), tiles, areasLoading };
  } catch {
    return null;
  }
}

export async function init(slot) {
  const data = json(slot.getAttribute('data-points'));
  const points = (data?.points ?? []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng));
  if (points.length === 0) return;
  const base = await mapBase(slot);
  if (!base) return; // the note and the list remain
  const { L, tiles, areasLoading } = base;
  const single = points.length === 1 && !points[0].n;

  const canvas = element('div', `app-map${single ? ' app-map--small' : ''}${tiles ? '' : ' app-map--outline'}`);
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', slot.getAttribute('data-label') || 'Map');
  const credit = element('p', 'nhsuk-body-s app-map__credit');
  credit.hidden = true;
  slot.replaceChildren(canvas);

  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(canvas, {
    minZoom: 5,
    maxZoom: tiles ? 18 : 16,
    attributionControl: Boolean(tiles),
    zoomSnap: 0.5,
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
  });
  if (tiles) {
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
  }

  const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lng]));
  if (data.centre && Number.isFinite(data.centre.lat)) {
    bounds.extend([data.centre.lat, data.centre.lng]);
    L.marker([data.centre.lat, data.centre.lng], { icon: centreIcon(L, data.centre.label), interactive: false, keyboard: false, zIndexOffset: -1000 }).addTo(
      map,
    );
  }

  if (single) {
    const p = points[0];
    L.marker([p.lat, p.lng], {
      icon: L.divIcon({ className: 'app-map__pin', html: '<span></span>', iconSize: [26, 26] }),
      interactive: false,
      keyboard: false,
    }).addTo(map);
    // Without tiles, a wider view shows the coast or the neighbouring districts around the place.
    map.setView([p.lat, p.lng], tiles ? 15 : 11);
  } else {
    addMarkers(L, map, points, still);
    map.fitBounds(bounds, { padding: [28, 28], maxZoom: 14 });
  }

  const legend = element('p', 'nhsuk-body-s app-map__legend');
  if (!single) legend.textContent = data.centre ? `Numbers match the list below. The cross marks ${data.centre.label}.` : 'Numbers match the list below.';
  if (legend.textContent) slot.append(legend);
  slot.append(credit);
  if (areasLoading) drawAreas(L, map, areasLoading, credit);
}

function addMarkers(L, map, points, still) {
  let returnFocusTo = null;
  let byKeyboard = false;

  const group = L.markerClusterGroup({
    showCoverageOnHover: false,
    animate: !still,
    zoomToBoundsOnClick: false,
    spiderfyOnMaxZoom: false,
    maxClusterRadius: 36,
    iconCreateFunction: (cluster) => clusterIcon(L, cluster),
  });

  const zoomOrSpread = (cluster) => {
    const first = cluster.getAllChildMarkers()[0].getLatLng();
    const samePlace = cluster.getAllChildMarkers().every((m) => m.getLatLng().equals(first));
    if (samePlace || map.getZoom() >= map.getMaxZoom()) cluster.spiderfy();
    else cluster.zoomToBounds({ padding: [40, 40] });
  };

  group.on('clusterclick', (e) => zoomOrSpread(e.layer));
  // After "Zoom in to these", keyboard focus goes to the first of them (or the cluster it is still in).
  let focusAfterZoom = null;
  const focusFirst = () => {
    const el = focusAfterZoom && group.getVisibleParent(focusAfterZoom)?.getElement();
    focusAfterZoom = null;
    el?.focus();
  };
  group.on('animationend spiderfied', () => requestAnimationFrame(focusFirst));
  group.on('clusterkeypress', (e) => {
    if (e.originalEvent.key !== 'Enter') return;
    const cluster = e.layer;
    returnFocusTo = cluster.getElement();
    byKeyboard = true;
    const popup = L.popup({ maxWidth: 280 })
      .setLatLng(cluster.getLatLng())
      .setContent(
        clusterPopup(cluster, () => {
          returnFocusTo = null;
          focusAfterZoom = cluster.getAllChildMarkers().sort((a, b) => a.options.point.n - b.options.point.n)[0];
          map.closePopup(popup);
          zoomOrSpread(cluster);
        }),
      );
    popup.openOn(map);
  });

  for (const point of points) {
    const marker = L.marker([point.lat, point.lng], { icon: numberedIcon(L, point), title: `${point.n}. ${point.title}`, keyboard: true, point });
    // Before bindPopup, whose own keypress handler opens the popup: focus moves into it only for keyboard users.
    marker.on('keypress', (e) => {
      if (e.originalEvent.key !== 'Enter') return;
      returnFocusTo = marker.getElement();
      byKeyboard = true;
    });
    marker.bindPopup(() => markerPopup(point), { maxWidth: 280 });
    group.addLayer(marker);
  }
  map.addLayer(group);

  // Tab follows the list's order: markers and clusters are put in order of the first number they show
  // each time clustering changes (Leaflet places them by transform, so their order in the page is free).
  const pane = map.getPane('markerPane');
  const inListOrder = () => {
    const icons = [...pane.querySelectorAll(':scope > .app-map__marker, :scope > .app-map__cluster')];
    const first = (el) => Number(el.querySelector('[data-first]')?.getAttribute('data-first') ?? 0);
    const sorted = [...icons].sort((a, b) => first(a) - first(b));
    if (sorted.every((el, i) => el === icons[i])) return;
    const focused = document.activeElement;
    for (const el of sorted) pane.append(el);
    if (focused instanceof HTMLElement && pane.contains(focused) && document.activeElement !== focused) focused.focus({ preventScroll: true });
  };
  group.on('animationend', inListOrder);
  map.on('moveend', () => requestAnimationFrame(inListOrder));
  inListOrder();

  // Leaflet closes popups on Escape only while the map itself has focus; focus is in the popup here.
  map.getContainer().addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && map.getContainer().querySelector('.leaflet-popup')) map.closePopup();
  });

  map.on('popupopen', (e) => {
    if (!byKeyboard) return;
    byKeyboard = false;
    e.popup.getElement()?.querySelector('.app-map-popup a[href], .app-map-popup button')?.focus();
  });
  map.on('popupclose', (e) => {
    const popupEl = e.popup.getElement();
    const focusWasInside = popupEl?.contains(document.activeElement) || document.activeElement === document.body;
    if (returnFocusTo?.isConnected && focusWasInside) returnFocusTo.focus();
    returnFocusTo = null;
  });
}
