import { describe, expect, it } from 'vitest';
import {
  alsoFindProblem,
  chooseCorrection,
  conceptsFrom,
  editDistance,
  foldAccents,
  phrasesOf,
  queryWords,
  searchedForProblem,
  synonymText,
} from './search-words.ts';

describe('query words', () => {
  it('folds accents and case, so café and cafe are one word', () => {
    expect(foldAccents('Café Crème ÉCOLE')).toBe('cafe creme ecole');
    expect(queryWords('Memory Café')).toEqual(['memory', 'cafe']);
    expect(queryWords('cafe\u0301')).toEqual(['cafe']);
  });

  it('keeps letters only, three or more, once each, and at most eight', () => {
    expect(queryWords("St John's 1707 tour, tour & (walk)")).toEqual(['john', 'tour', 'walk']);
    expect(queryWords('one two three four five six seven eight nine ten')).toHaveLength(8);
  });

  it('leaves out stop words and words that say nothing about what someone wants', () => {
    expect(queryWords('activities for lonely people near Frome')).toEqual(['lonely', 'people', 'frome']);
    expect(queryWords('the and with')).toEqual([]);
  });

  it('lists the phrases a synonym might name, longest first', () => {
    expect(phrasesOf(['hard', 'hearing', 'loop', 'frome'])).toEqual([
      'hard hearing loop',
      'hearing loop frome',
      'hard hearing',
      'hearing loop',
      'loop frome',
      'hard',
      'hearing',
      'loop',
      'frome',
    ]);
  });
});

describe('concepts', () => {
  it('makes each typed word a concept, with the other words its synonyms name', () => {
    const synonyms = new Map([['lonely', ['loneliness', 'isolation']]]);
    expect(conceptsFrom(['lonely', 'walk'], synonyms)).toEqual([
      { typed: 'lonely', alternatives: [['lonely'], ['loneliness'], ['isolation']] },
      { typed: 'walk', alternatives: [['walk']] },
    ]);
  });

  it('keeps a phrase a synonym names together, taking the longest, and splits other words', () => {
    const synonyms = new Map([
      ['family tree', ['family history']],
      ['family', ['relatives']],
      ['music and song', ['x']],
    ]);
    expect(conceptsFrom(['my', 'family', 'tree', 'frome'], synonyms)).toEqual([
      { typed: 'my', alternatives: [['my']] },
      {
        typed: 'family tree',
        alternatives: [
          ['family', 'tree'],
          ['family', 'history'],
        ],
      },
      { typed: 'frome', alternatives: [['frome']] },
    ]);
    expect(conceptsFrom(['family', 'walks'], synonyms)[0]).toEqual({ typed: 'family', alternatives: [['family'], ['relatives']] });
  });

  it('reads the words to also find as a query is read, and drops repeats', () => {
    const synonyms = new Map([['choir', ['music and song', 'Singing', 'singing', 'the']]]);
    expect(conceptsFrom(['choir'], synonyms)).toEqual([{ typed: 'choir', alternatives: [['choir'], ['music', 'song'], ['singing']] }]);
  });
});

describe('typo correction', () => {
  it('counts edits, a swapped pair of letters as one', () => {
    expect(editDistance('mmeory', 'memory')).toBe(1);
    expect(editDistance('archeology', 'archaeology')).toBe(1);
    expect(editDistance('choir', 'chosen')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('corrects to the nearest similar listing word within the slips a word of that length may hold', () => {
    expect(chooseCorrection('mmeory', [{ word: 'memory', similarity: 0.27 }])).toBe('memory');
    expect(chooseCorrection('dementai', [{ word: 'dementia', similarity: 0.4 }])).toBe('dementia');
    // As near: the more similar.
    expect(
      chooseCorrection('walkes', [
        { word: 'walks', similarity: 0.4 },
        { word: 'walkers', similarity: 0.5 },
      ]),
    ).toBe('walkers');
    // Nearer wins over more similar.
    expect(
      chooseCorrection('gardner', [
        { word: 'gardeners', similarity: 0.5 },
        { word: 'gardener', similarity: 0.45 },
      ]),
    ).toBe('gardener');
  });

  it('does not turn a real word into a different one', () => {
    expect(chooseCorrection('choir', [{ word: 'chosen', similarity: 0.3 }])).toBeNull();
    expect(chooseCorrection('ancestors', [{ word: 'restorers', similarity: 0.25 }])).toBeNull();
    expect(chooseCorrection('tae', [{ word: 'tea', similarity: 0.3 }])).toBeNull(); // three letters: too short to guess
    expect(chooseCorrection('memory', [{ word: 'memory', similarity: 1 }])).toBeNull();
    expect(chooseCorrection('memry', [{ word: 'mem%ry', similarity: 0.5 }])).toBeNull();
  });
});

describe('synonym words', () => {
  it('keeps synonyms in lower case with single spaces', () => {
    expect(synonymText('  Family   Tree ')).toBe('family tree');
  });

  it('accepts a word or a phrase of up to three words people search for', () => {
    expect(searchedForProblem('lonely')).toBeNull();
    expect(searchedForProblem('hard of hearing')).toBeNull();
    expect(searchedForProblem('men’s shed')).toBeNull();
    expect(searchedForProblem('old family tree records')).toMatch(/3 words or fewer/);
  });

  it('refuses symbols, words search leaves out and phrases of only stop words', () => {
    expect(searchedForProblem('tea & cake')).toMatch(/only include letters/);
    expect(searchedForProblem('craft activities')).toBe('Leave out ‘activities’: search ignores it');
    expect(searchedForProblem('the')).toMatch(/not only words like/);
  });

  it('accepts words listings use, and refuses symbols or only stop words', () => {
    expect(alsoFindProblem('places of worship')).toBeNull();
    expect(alsoFindProblem('step-free')).toBeNull();
    expect(alsoFindProblem('music & song')).toMatch(/only include letters/);
    expect(alsoFindProblem('and the')).toMatch(/not only words like/);
  });
});
