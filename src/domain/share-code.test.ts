import { describe, expect, it } from 'vitest';
import { newShareCode, normaliseShareCode, SHARE_CODE_ALPHABET, SHARE_CODE_PATTERN } from './share-code.ts';

describe('share codes', () => {
  it('are eight characters with no 0, O, 1 or I', () => {
    expect(SHARE_CODE_ALPHABET).toHaveLength(32);
    expect(SHARE_CODE_ALPHABET).not.toMatch(/[0O1I]/);
    for (let i = 0; i < 200; i++) {
      const code = newShareCode();
      expect(code).toMatch(SHARE_CODE_PATTERN);
      expect(code).not.toMatch(/[0O1I]/);
    }
  });

  it('use every character equally often: each of the 256 byte values picks one, 8 bytes to a character', () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const c = newShareCode((n) => new Uint8Array(n).fill(b))[0]!;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...SHARE_CODE_ALPHABET].sort().join(''));
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  it('accepts a typed code in lower case and refuses anything else', () => {
    expect(normaliseShareCode('7kq4mx2p')).toBe('7KQ4MX2P');
    expect(normaliseShareCode('7KQ4MX2P')).toBe('7KQ4MX2P');
    expect(normaliseShareCode('7KQ4MX2')).toBeNull();
    expect(normaliseShareCode('7KQ4MX2PA')).toBeNull();
    expect(normaliseShareCode('OKQ4MX2P')).toBeNull();
    expect(normaliseShareCode('1KQ4MX2P')).toBeNull();
    expect(normaliseShareCode('7KQ4-X2P')).toBeNull();
  });
});
