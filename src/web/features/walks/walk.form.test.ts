import { describe, expect, it } from 'vitest';
import { parseForm } from '../../forms.ts';
import { stopForm } from './walk.form.ts';

const stop = (position: Record<string, string>) => ({
  name: 'The Tolhouse',
  postcode: '',
  directions: 'Along Middlegate',
  story: 'A gaol and a court.',
  stepFree: 'yes',
  legStepFree: 'yes',
  legSurface: 'paved',
  legGradient: 'flat',
  ...position,
});

/** A walk stop's typed position goes through the same check as a map picker's (map-position.ts), in the stop form's own words. */
describe('a walk stop’s latitude and longitude', () => {
  it('takes a position copied from a map app, with as many decimal places as the map picker gives', () => {
    const copied = parseForm(stopForm, stop({ latitude: ' 52.6044123456 ', longitude: '1.7281987654' }));
    expect(copied.ok && { latitude: copied.data.latitude, longitude: copied.data.longitude }).toEqual({ latitude: 52.6044123456, longitude: 1.7281987654 });
    const postcodeOnly = parseForm(stopForm, stop({ postcode: 'NR30 2RG', latitude: '', longitude: '' }));
    expect(postcodeOnly.ok && { latitude: postcodeOnly.data.latitude, longitude: postcodeOnly.data.longitude }).toEqual({ latitude: null, longitude: null });
  });

  it('says beside each field what is wrong with it', () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ latitude: 'north', longitude: '1.7281' }, { latitude: 'Latitude must be a number in degrees, like 52.6044' }],
      [{ latitude: '52.6044', longitude: '1e1' }, { longitude: 'Longitude must be a number in degrees, like 1.7281' }],
      [
        { latitude: '48.8566', longitude: '2.3522' },
        { latitude: 'Latitude must be in England, like 52.6044', longitude: 'Longitude must be in England, like 1.7281' },
      ],
      [{ latitude: '52.6044', longitude: '' }, { longitude: 'Enter both the latitude and the longitude, or neither' }],
      [{ latitude: '', longitude: '' }, { postcode: 'Enter the stop’s postcode, or its latitude and longitude' }],
    ];
    for (const [position, errors] of cases) {
      const parsed = parseForm(stopForm, stop(position));
      expect(parsed.ok ? null : parsed.fieldErrors, JSON.stringify(position)).toEqual(errors);
    }
  });
});
