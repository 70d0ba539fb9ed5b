import { describe, expect, it } from 'vitest';
import { FragmentCache } from './fragment-cache.ts';
import { createTemplateEnvironment } from './render.ts';

// Whitespace next to tags is not rendered.
const squash = (html: string) => html.replace(/\s+/g, ' ').replace(/> /g, '>').replace(/ </g, '<').trim();

describe('{% cache %}', () => {
  it('draws a part once per key and reuses it', () => {
    const env = createTemplateEnvironment();
    let drawn = 0;
    env.addGlobal('draw', () => {
      drawn++;
      return `drawing ${drawn}`;
    });
    const page = '{% cache "part:" ~ key %}<p>{{ draw() }} for {{ key }}</p>{% endcache %}';
    expect(env.renderString(page, { key: 'a' })).toBe('<p>drawing 1 for a</p>');
    expect(env.renderString(page, { key: 'a' })).toBe('<p>drawing 1 for a</p>');
    expect(env.renderString(page, { key: 'b' })).toBe('<p>drawing 2 for b</p>');
    expect(env.fragments.hits).toBe(1);
  });

  it('draws the part every time when there is no key (e.g. a signed-in page)', () => {
    const env = createTemplateEnvironment();
    const page = '{% cache key %}<p>{{ who }}</p>{% endcache %}';
    expect(env.renderString(page, { key: null, who: 'Rosie' })).toBe('<p>Rosie</p>');
    expect(env.renderString(page, { key: null, who: 'Priya' })).toBe('<p>Priya</p>');
    expect(env.fragments.size).toBe(0);
  });

  it('keeps the newest parts up to its limit', () => {
    const cache = new FragmentCache(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.get('a');
    cache.set('c', '3');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['1', undefined, '3']);
  });
});

describe('lean input', () => {
  const field = {
    label: 'Postcode or town',
    labelClasses: 'nhsuk-label--s',
    hint: 'For example, NR30 1NE',
    id: 'where',
    name: 'where',
    autocomplete: 'postal-code',
  };
  const nhsuk = (f: typeof field & { value?: string; error?: string }) =>
    `{% from "nhsuk/components/input/macro.njk" import input %}{{ input({ label: { text: "${f.label}", classes: "${f.labelClasses}" }, hint: { text: "${f.hint}" }, id: "${f.id}", name: "${f.name}", value: value, autocomplete: "${f.autocomplete}", spellcheck: false, errorMessage: { text: error } if error }) }}`;
  const lean =
    '{% from "layouts/lean-input.njk" import leanInput %}{{ leanInput({ label: f.label, labelClasses: f.labelClasses, hint: f.hint, id: f.id, name: f.name, value: value, autocomplete: f.autocomplete, noSpellcheck: true, error: error }) }}';

  it.each([
    { value: '', error: undefined },
    { value: 'NR30 "1NE" <b>', error: undefined },
    { value: 'ZZ99', error: 'Enter a real postcode' },
  ])('draws the same markup as the NHS.UK input macro (value %j)', ({ value, error }) => {
    const env = createTemplateEnvironment();
    const context = { f: field, value, error };
    expect(squash(env.renderString(lean, context))).toBe(squash(env.renderString(nhsuk({ ...field, value, error }), context)));
  });
});
