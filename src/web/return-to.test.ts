import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.ts';

describe('safeReturnTo', () => {
  it('keeps paths on this site, with their query strings', () => {
    for (const path of ['/caseload', '/activities?q=walk&page=2', '/caseload/0b8af6be-ad31-422e-b4cb-6405d2e8fc25', '/a%20b'])
      expect(safeReturnTo(path, '/home'), path).toBe(path);
  });

  it('ignores anything that could lead to another site or break the Location header', () => {
    for (const bad of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '\t/evil',
      ' /caseload',
      'https://evil.example',
      'javascript:alert(1)',
      '/caf\u00e9',
      '/\u0000',
      '/a b',
      `/${'x'.repeat(2001)}`,
      '',
      ['/caseload'],
      undefined,
    ]) {
      expect(safeReturnTo(bad, '/home'), JSON.stringify(bad)).toBe('/home');
    }
  });
});
