import { describe, expect, it } from 'vitest';
import { formatPhone, formatPostcode, isMobile, normalisePhone, normalisePostcode, outcodeOf, phoneHref } from './contact-details.ts';

describe('postcodes: stored without spaces, shown with the standard space', () => {
  it('stores any typing the same way', () => {
    for (const typed of ['NR30 1NE', 'nr301ne', ' NR30  1NE ', 'Nr30 1ne']) expect(normalisePostcode(typed)).toBe('NR301NE');
  });

  it('shows a full postcode with its space, an outcode as it is, and other text unchanged', () => {
    expect(formatPostcode('NR301NE')).toBe('NR30 1NE');
    expect(formatPostcode('nr30 1ne')).toBe('NR30 1NE');
    expect(formatPostcode('NG16EL')).toBe('NG1 6EL');
    expect(formatPostcode('BA111AT')).toBe('BA11 1AT');
    expect(formatPostcode('W1A0AX')).toBe('W1A 0AX');
    expect(formatPostcode('NR30')).toBe('NR30');
    expect(formatPostcode('somewhere')).toBe('somewhere');
    expect(outcodeOf('NR301NE')).toBe('NR30');
  });
});

describe('phone numbers: stored as E.164, shown in the national format', () => {
  it('stores any UK typing the same way', () => {
    for (const typed of ['01493 846346', '01493846346', '(01493) 846-346', '+44 1493 846346', '+44 (0)1493 846346', '0044 1493 846346']) {
      expect(normalisePhone(typed)).toBe('+441493846346');
    }
    expect(normalisePhone('07700 900 982')).toBe('+447700900982');
  });

  it('refuses what is not a UK number', () => {
    for (const typed of ['12345', '0800 12', '+33 1 23 45 67 89', 'call me', '01493 846346 ext 2']) expect(normalisePhone(typed)).toBeNull();
  });

  it('shows numbers with the standard spacing, whatever form they were stored in', () => {
    expect(formatPhone('+441493846346')).toBe('01493 846346');
    expect(formatPhone('01493846346')).toBe('01493 846346');
    expect(formatPhone('+447700900982')).toBe('07700 900982');
    expect(formatPhone('+442079460000')).toBe('020 7946 0000');
    expect(formatPhone('+441169773333')).toBe('0116 977 3333');
    expect(formatPhone('ask at the desk')).toBe('ask at the desk');
    expect(phoneHref('01493 846346')).toBe('tel:+441493846346');
  });

  it('knows a mobile number for texts', () => {
    expect(isMobile('+447700900982')).toBe(true);
    expect(isMobile('07700 900982')).toBe(true);
    expect(isMobile('+441493846346')).toBe(false);
  });
});
