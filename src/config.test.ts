import { describe, expect, it } from 'vitest';
import { loadConfig, parseMapTiles, parseTrustProxy } from './config.ts';

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
  });

  it('takes a number of proxy hops', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
  });

  it('takes a comma-separated list of addresses and CIDR ranges', () => {
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7,fd00::/8')).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
  });

  it('refuses to trust every hop, and anything that is not an address', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true" would trust any X-Forwarded-For/);
    expect(() => parseTrustProxy('loopback')).toThrow(/"loopback" is not an IP address/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an IP address or CIDR/);
    expect(() => parseTrustProxy('11')).toThrow(/at most 10/);
  });
});

describe('session limits', () => {
  it('default to 30 idle minutes and 12 hours', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect([c.sessionIdleMinutes, c.sessionMaxHours]).toEqual([30, 12]);
  });

  it('refuse an idle limit longer than the absolute one, or nonsense', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '1' })).toThrow(/SESSION_IDLE_MINUTES must not be longer/);
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_MAX_HOURS: '0' })).toThrow(/SESSION_MAX_HOURS/);
  });
});

describe('map tiles', () => {
  const OSM = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

  it('are off unless MAP_TILES_URL is set: the map then draws council boundaries', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).mapTiles).toBeNull();
  });

  it('take a tile template and its attribution, and name the hosts images may come from', () => {
    const c = loadConfig({ NODE_ENV: 'test', MAP_TILES_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', MAP_TILES_ATTRIBUTION: OSM });
    expect(c.mapTiles).toEqual({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: OSM, origins: ['https://tile.openstreetmap.org'] });
    expect(parseMapTiles('https://{s}.tiles.example.org/{z}/{x}/{y}{r}.png', 'Example')?.origins).toEqual([
      'https://a.tiles.example.org',
      'https://b.tiles.example.org',
      'https://c.tiles.example.org',
    ]);
  });

  it('still accept the earlier name MAP_TILE_URL', () => {
    const c = loadConfig({ NODE_ENV: 'test', MAP_TILE_URL: 'http://127.0.0.1:8080/{z}/{x}/{y}.png', MAP_TILES_ATTRIBUTION: 'Local tiles' });
    expect(c.mapTiles?.origins).toEqual(['http://127.0.0.1:8080']);
  });

  it('refuse a template without its placeholders, another scheme, or no attribution', () => {
    expect(() => parseMapTiles('https://tiles.example.org/{z}/{x}.png', 'Example')).toThrow(/needs \{y\}/);
    expect(() => parseMapTiles('https://tiles.example.org/{z}/{x}/{y}.png?key={apikey}', 'Example')).toThrow(/unknown placeholder \{apikey\}/);
    expect(() => parseMapTiles('ftp://tiles.example.org/{z}/{x}/{y}.png', 'Example')).toThrow(/http or https/);
    expect(() => parseMapTiles('tiles/{z}/{x}/{y}.png', 'Example')).toThrow(/not a URL/);
    expect(() => loadConfig({ NODE_ENV: 'test', MAP_TILES_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' })).toThrow(
      /MAP_TILES_ATTRIBUTION: give the credit/,
    );
  });

  it('allow only text and links in the attribution, which Leaflet shows as HTML', () => {
    const url = 'https://tiles.example.org/{z}/{x}/{y}.png';
    expect(parseMapTiles(url, 'Tiles &copy; Example')?.attribution).toBe('Tiles &copy; Example');
    expect(() => parseMapTiles(url, '<img src=x onerror=alert(1)>')).toThrow(/only text and links/);
    expect(() => parseMapTiles(url, '<a href="javascript:alert(1)">x</a>')).toThrow(/only text and links/);
    expect(() => parseMapTiles(url, '<a href="https://example.org" style="color:red">x</a>')).toThrow(/only text and links/);
  });
});

describe('jobs and read replica', () => {
  it('runs background jobs unless JOBS=off (a web-only process)', () => {
    expect(loadConfig({}).jobs).toBe(true);
    expect(loadConfig({ JOBS: 'off' }).jobs).toBe(false);
    expect(() => loadConfig({ JOBS: 'no' })).toThrow(/JOBS/);
  });

  it('takes a read replica only beside a primary', () => {
    const both = loadConfig({ DATABASE_URL: 'postgres://db-primary/waymark', DATABASE_READ_URL: 'postgres://db-replica/waymark' });
    expect(both.databaseReadUrl).toBe('postgres://db-replica/waymark');
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://db-replica/waymark' })).toThrow(/DATABASE_READ_URL/);
  });
});
