import nunjucks from 'nunjucks';

/**
 * `{% cache "name:" ~ key %} … {% endcache %}` renders the body once per key and reuses the HTML.
 * For page parts that are expensive to draw through NHS.UK macros and the same for many visitors: the
 * search filters per selection, the header per navigation, the footer. The key must name everything
 * the body shows, and a body must never hold anything personal or per-request (form tokens, nonces,
 * what someone typed): those stay outside the tag. With no key (null or empty) the body is drawn every
 * time, so a view-model can switch caching off where a part is personal. The newest `limit` are kept.
 */
export class FragmentCache {
  private readonly entries = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(private readonly limit = 2000) {}

  get(key: string): string | undefined {
    const html = this.entries.get(key);
    if (html === undefined) return undefined;
    // Map keeps insertion order: move a used entry to the end, so the oldest unused goes first.
    this.entries.delete(key);
    this.entries.set(key, html);
    return html;
  }

  set(key: string, html: string) {
    this.entries.set(key, html);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size() {
    return this.entries.size;
  }
}

type Parser = {
  nextToken(): { value: string };
  parseSignature(tolerant: null, noParens: boolean): unknown;
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
};
type Nodes = { CallExtension: new (ext: object, prop: string, args: unknown, contentArgs: unknown[]) => unknown };

/** The Nunjucks extension behind `{% cache %}`; rendering is synchronous, so the body renders in place. */
export function fragmentCacheExtension(cache: FragmentCache) {
  return {
    tags: ['cache'],
    parse(parser: Parser, nodes: Nodes) {
      const tag = parser.nextToken();
      const args = parser.parseSignature(null, true);
      parser.advanceAfterBlockEnd(tag.value);
      const body = parser.parseUntilBlocks('endcache');
      parser.advanceAfterBlockEnd();
      return new nodes.CallExtension(this, 'run', args, [body]);
    },
    run(_context: unknown, key: unknown, body: () => string) {
      // No key (e.g. a signed-in page): draw the body every time.
      if (key === null || key === undefined || key === '') return new nunjucks.runtime.SafeString(body());
      if (typeof key !== 'string') throw new Error('{% cache %} needs a string key');
      let html = cache.get(key);
      if (html === undefined) {
        cache.misses++;
        html = body();
        cache.set(key, html);
      } else cache.hits++;
      return new nunjucks.runtime.SafeString(html);
    },
  };
}
