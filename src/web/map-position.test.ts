import { describe, expect, it } from 'vitest';
import { placeContributionForm } from './features/contribute/contribution.form.ts';
import { parseForm } from './forms.ts';
import { MAP_POSITION_MESSAGES, parseMapPosition } from './map-position.ts';

const place = (position: Record<string, string>) => ({
  title: 'Palmer’s butcher’s',
  placeKind: 'shop',
  body: 'Everyone queued here on a Saturday.',
  postcode: 'NR30 2AA',
  creditKind: 'anonymous',
  licence: 'cc_by_sa_4',
  ...position,
});

/** The map picker's position, checked on the server (issue 11): both or neither, numbers, inside England. */
describe('a position chosen on a map', () => {
  it('is none when the map was not used (no JavaScript, or the postcode only)', () => {
    expect(parseMapPosition('', '')).toEqual({ ok: true, latitude: null, longitude: null });
    expect(parseMapPosition('  ', '')).toEqual({ ok: true, latitude: null, longitude: null });
  });

  it('is taken inside England, from the Isles of Scilly to Berwick and Lowestoft', () => {
    expect(parseMapPosition('52.6081', '1.7302')).toEqual({ ok: true, latitude: 52.6081, longitude: 1.7302 });
    expect(parseMapPosition('49.9145', '-6.3150')).toEqual({ ok: true, latitude: 49.9145, longitude: -6.315 });
    expect(parseMapPosition('55.7700', '-2.0070')).toEqual({ ok: true, latitude: 55.77, longitude: -2.007 });
  });

  it('refuses one coordinate without the other', () => {
    expect(parseMapPosition('52.6', '')).toEqual({ ok: false, message: MAP_POSITION_MESSAGES.incomplete });
    expect(parseMapPosition('', '1.73')).toEqual({ ok: false, message: MAP_POSITION_MESSAGES.incomplete });
  });

  it('refuses anything but plain decimal degrees', () => {
    for (const [lat, lng] of [
      ['52.6', 'east'],
      ['NaN', '1.7'],
      ['Infinity', '1.7'],
      ['1e1', '1.7'],
      ['52,6', '1.7'],
      ['52.6; drop table', '1.7'],
    ]) {
      expect(parseMapPosition(lat!, lng!).ok, `${lat} ${lng}`).toBe(false);
    }
  });

  it('refuses places outside England: Paris, Dublin, Edinburgh, the middle of the sea', () => {
    for (const [lat, lng] of [
      ['48.8566', '2.3522'],
      ['53.3498', '-6.7'],
      ['55.9533', '-3.1883'],
      ['0', '0'],
    ]) {
      expect(parseMapPosition(lat!, lng!)).toEqual({ ok: false, message: MAP_POSITION_MESSAGES.outsideEngland });
    }
  });

  it('is parsed with the "add a place" form: a message beside the map, and the position as numbers when it is good', () => {
    const good = parseForm(placeContributionForm, place({ latitude: '52.6081', longitude: '1.7302' }));
    expect(good.ok && { latitude: good.data.latitude, longitude: good.data.longitude }).toEqual({ latitude: 52.6081, longitude: 1.7302 });
    const none = parseForm(placeContributionForm, place({}));
    expect(none.ok && { latitude: none.data.latitude, longitude: none.data.longitude }).toEqual({ latitude: null, longitude: null });
    const half = parseForm(placeContributionForm, place({ latitude: '52.6081' }));
    expect(half.ok ? null : half.fieldErrors).toEqual({ position: MAP_POSITION_MESSAGES.incomplete });
    const abroad = parseForm(placeContributionForm, place({ latitude: '48.8566', longitude: '2.3522' }));
    expect(abroad.ok ? null : abroad.errors).toEqual([{ text: MAP_POSITION_MESSAGES.outsideEngland, href: '#position' }]);
  });
});
