import { createRequire } from 'node:module';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as Common from '@zxcvbn-ts/language-common';
import type * as En from '@zxcvbn-ts/language-en';
import { PASSWORD_MIN_LENGTH } from './password.ts';

// The dictionaries are large (most of a second to load): read on the first password checked, not by every process that starts.
const load = createRequire(import.meta.url);

/** Scores 0–4 (zxcvbn): 3 is "safely unguessable" against an offline attack on a slow hash like scrypt. */
export const MIN_PASSWORD_SCORE = 3;
const MAX_PASSWORD_LENGTH = 200;

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  const common = load('@zxcvbn-ts/language-common') as typeof Common;
  const en = load('@zxcvbn-ts/language-en') as typeof En;
  estimator = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/** Words a guesser would try first for this person: their name, their email address, the service. */
export function personalWords(...inputs: (string | undefined | null)[]): string[] {
  const words = new Set<string>(['waymark', 'heritage', 'nhs']);
  for (const input of inputs) {
    if (!input) continue;
    const lower = input.toLowerCase();
    words.add(lower);
    for (const part of lower.split(/[^a-z0-9]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Why a new password would be refused, in words for the person choosing it, or null when it will do.
 * `userWords`: their name, email address and the like (see personalWords).
 */
export function passwordProblem(password: string, userWords: string[] = []): string | null {
  if (password.length === 0) return 'Enter a new password';
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const result = zxcvbn().check(password, userWords);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const reason = result.feedback.warning ?? 'It would be easy to guess.';
  const tip = result.feedback.suggestions[0] ?? 'Add more words that are less common.';
  return `Choose a password that is harder to guess. ${reason} ${tip}`.replace(/\s+/g, ' ').trim();
}
