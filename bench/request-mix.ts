import { random } from './positions.ts';

/** The request mix: the search page with a postcode, 5 or 10 miles and two filters, with and without words; some doorstep pages. */
export function requestMix(postcodes: string[], count: number) {
  const rng = random(7);
  const kinds: { kind: string; url: () => string }[] = [
    {
      kind: 'search: postcode + 5 mi + type + need',
      url: () =>
        `/activities?where=${rng.pick(postcodes)}&radius=5&type=${rng.pick(['walk', 'memory_cafe', 'crafts', 'oral_history'])}&need=${rng.pick(['loneliness', 'dementia', 'low_mood'])}`,
    },
    {
      kind: 'search: postcode + 5 mi + words + access + cost',
      url: () =>
        `/activities?where=${rng.pick(postcodes)}&radius=5&q=${rng.pick(['history', 'memory', 'walk', 'railway', 'singing'])}&access=step_free&cost=free`,
    },
    {
      kind: 'search: postcode + 10 mi + need + day',
      url: () => `/activities?where=${rng.pick(postcodes)}&radius=10&need=${rng.pick(['dementia', 'carers', 'anxiety'])}&day=${1 + rng.int(7)}`,
    },
    {
      kind: 'search: postcode + 5 mi + two words + type',
      url: () =>
        `/activities?where=${rng.pick(postcodes)}&radius=5&q=${encodeURIComponent(rng.pick(['family history', 'memory cafe', 'old mills', 'canal walk']))}&type=${rng.pick(['talks_learning', 'walk', 'archives_research'])}`,
    },
    { kind: 'doorstep: postcode + 5 mi', url: () => `/heritage-nearby?where=${rng.pick(postcodes)}&radius=5` },
  ];
  const weights = [3, 3, 2, 1, 1];
  const list: { kind: string; url: string }[] = [];
  for (let i = 0; i < count; i++) {
    let r = rng.int(weights.reduce((a, b) => a + b, 0));
    let k = 0;
    while (r >= weights[k]!) r -= weights[k++]!;
    list.push({ kind: kinds[k]!.kind, url: kinds[k]!.url() });
  }
  return list;
}
