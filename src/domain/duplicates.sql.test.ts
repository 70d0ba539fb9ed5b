import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../data/database.ts';
import { createDuplicateRepository } from '../data/repositories/duplicate.repository.ts';
import { ENGINES } from '../../test/engines.ts';
import { blockedPrecisionRecall, readLabelled, writeActivities, writeOrganisations, writePlaces } from '../../test/fixtures/duplicates-labelled-db.ts';
import { distinctiveWords, precisionRecall, scoreActivities, scoreOrganisations, scorePlaces, THRESHOLDS } from './duplicates.ts';

/**
 * Decision 047 addendum: at national scale candidate pairs come from SQL blocks. The SQL form of a
 * name's distinctive words must be the rules' own, and the blocks must keep every labelled pair the
 * rules would flag (so precision and recall stay those of docs/benchmarks.md).
 */
const labelled = readLabelled();

describe.each(ENGINES)('duplicate blocks on $name', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => db.drop());

  it('reads a name’s distinctive words in SQL as the rules do', async () => {
    const names = [
      ...new Set([
        ...labelled.organisations.flatMap((p) => [p.a.name, p.b.name]),
        ...labelled.places.flatMap((p) => [p.a.name, p.b.name]),
        ...labelled.activities.flatMap((p) => [p.a.title, p.b.title]),
        'The St. Mary’s & All Saints',
        'Café Crème at the Mt Pleasant Ctr',
        'The Friends Trust',
        'The',
        'ÉCOLE  d’Été — Rd',
      ]),
    ];
    const rows = await db.query<{ name: string; words: string }>('select n as name, duplicate_words(n) as words from unnest($1::text[]) as n', [names]);
    const differ = rows.filter((r) => r.words !== distinctiveWords(r.name).join(' '));
    expect(differ.map((r) => `${r.name} → ${r.words} / ${distinctiveWords(r.name).join(' ')}`)).toEqual([]);
  });

  it('finds every labelled pair the rules flag, so precision and recall are unchanged', async () => {
    const repo = createDuplicateRepository(db);
    const everywhere = { everywhere: true } as const;
    const orgs = await writeOrganisations(db, labelled.organisations);
    const o = blockedPrecisionRecall('organisation', orgs, await repo.organisationPairs(everywhere), scoreOrganisations, THRESHOLDS.organisation);
    const places = await writePlaces(db, labelled.places);
    const p = blockedPrecisionRecall('place', places, await repo.placePairs(everywhere), scorePlaces, THRESHOLDS.place);
    const acts = await writeActivities(db, labelled.activities);
    const a = blockedPrecisionRecall('activity', acts, await repo.activityPairs(everywhere), scoreActivities, THRESHOLDS.activity);
    expect({ organisations: o.blockedOut, places: p.blockedOut, activities: a.blockedOut }).toEqual({ organisations: 0, places: 0, activities: 0 });
    expect(o.recall).toBe(precisionRecall(labelled.organisations, scoreOrganisations, THRESHOLDS.organisation).recall);
    expect(p.recall).toBe(precisionRecall(labelled.places, scorePlaces, THRESHOLDS.place).recall);
    expect(a.recall).toBe(precisionRecall(labelled.activities, scoreActivities, THRESHOLDS.activity).recall);
  }, 120_000);
});
