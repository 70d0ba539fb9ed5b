// "Where it is" on a map (issue 11): an optional enhancement of the "add a place that matters" form.
// Clicking or tapping the map (or "Put the pin at the centre of the map", for the keyboard) fills the
// form's hidden latitude and longitude; the server checks them (both or neither, inside England) and
// uses them when they are within 5 km of the postcode. Without JavaScript the slot stays hidden and
// the postcode and description are the position. The map module's Leaflet loader and district
// outlines are reused, so the picker looks like every other map.
import { drawAreas, element, mapBase } from './map.js';

const ENGLAND = { lat: 52.8, lng: -1.6, zoom: 6 };

export async function init(slot) {
  const form = slot.closest('form');
  const lat = form?.querySelector('input[name="latitude"]');
  const lng = form?.querySelector('input[name="longitude"]');
  if (!lat || !lng) return;
  const base = await mapBase(slot);
  if (!base) return; // the postcode remains
  const { L, tiles, areasLoading } = base;

  const canvas = element('div', `app-map app-map-picker__map${tiles ? '' : ' app-map--outline'}`);
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', 'Map: click or tap where the place is');
  const status = element('p', 'nhsuk-body-s app-map-picker__status');
  status.setAttribute('role', 'status');
  const centre = element('button', 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-map-picker__button', 'Put the pin at the centre of the map');
  centre.type = 'button';
  const clear = element('button', 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-map-picker__button', 'Remove the pin');
  clear.type = 'button';
  const credit = element('p', 'nhsuk-body-s app-map__credit');
  credit.hidden = true;
  const buttons = element('div', 'nhsuk-button-group app-map-picker__buttons');
  buttons.append(centre, clear);
  slot.querySelector('.app-map-picker__slot')?.replaceChildren(canvas, status, buttons, credit);
  slot.hidden = false;

  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(canvas, { minZoom: 5, maxZoom: tiles ? 18 : 16, attributionControl: Boolean(tiles), zoomAnimation: !still, fadeAnimation: !still });
  if (tiles) {
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
  }
  const pinIcon = L.divIcon({ className: 'app-map__pin', html: '<span></span>', iconSize: [26, 26] });
  let pin = null;

  const show = () => {
    const chosen = lat.value !== '' && lng.value !== '';
    status.textContent = chosen
      ? `Pin placed at ${Number(lat.value).toFixed(5)}, ${Number(lng.value).toFixed(5)}. We use it if it is within 5 km of the postcode.`
      : 'No pin on the map: we use the postcode’s position.';
    clear.hidden = !chosen;
  };
  const place = (at) => {
    lat.value = at.lat.toFixed(6);
    lng.value = at.lng.toFixed(6);
    if (pin) pin.setLatLng(at);
    else pin = L.marker(at, { icon: pinIcon, interactive: false, keyboard: false }).addTo(map);
    show();
  };

  const start = lat.value !== '' && lng.value !== '' && Number.isFinite(Number(lat.value)) && Number.isFinite(Number(lng.value));
  if (start) {
    const at = L.latLng(Number(lat.value), Number(lng.value));
    map.setView(at, tiles ? 16 : 13);
    pin = L.marker(at, { icon: pinIcon, interactive: false, keyboard: false }).addTo(map);
  } else {
    map.setView([ENGLAND.lat, ENGLAND.lng], ENGLAND.zoom);
  }
  show();

  map.on('click', (e) => place(e.latlng));
  centre.addEventListener('click', () => place(map.getCenter()));
  clear.addEventListener('click', () => {
    lat.value = '';
    lng.value = '';
    pin?.remove();
    pin = null;
    show();
    centre.focus();
  });
  if (areasLoading) drawAreas(L, map, areasLoading, credit);
}
