import { plural } from '../../../domain/plural.ts';
import type { InstrumentCode, TimePoint } from '../../../domain/instruments/instrument.ts';
import { TIME_POINTS } from '../../../domain/instruments/instrument.ts';
import { DEFAULT_QUESTIONNAIRE, fieldName, instrumentFor, itemsAt } from '../../../domain/instruments/registry.ts';
import type { InstrumentWording } from '../../../domain/instruments/instrument-wording.ts';

/**
 * How a question's answers are laid out, compact on a phone:
 * - `scale`: numbered scales (0–10, 1–5) as one row of numbers, the words for the ends beneath;
 * - `row`: a few short answers ("None of the time" … "All of the time", Yes/No) side by side;
 * - `stack`: longer answers as ordinary radios, one under another;
 * - `count`: a number typed in.
 */
export type AnswerLayout = 'scale' | 'row' | 'stack' | 'count';

export type ChoiceView = { value: string; text: string; box: string; hidden?: string };

/** The questionnaire as a form: instruments in order, each item with its wording or its number. */
export type QuestionnaireForm = {
  timePoint: TimePoint;
  timePointLabel: string;
  questionCount: number;
  sections: {
    code: InstrumentCode;
    title: string;
    /** The progress line: "Part 2 of 4 · questions 8 to 11 of 18". */
    progress: string;
    preamble?: string | undefined;
    licenceNote?: string | undefined;
    wordingMissing: boolean;
    items: {
      field: string;
      label: string;
      hint?: string | undefined;
      kind: 'options' | 'count';
      layout: AnswerLayout;
      options: ChoiceView[];
      /** For a scale: the words at each end ("not at all", "completely"). */
      ends?: { low: string; high: string } | undefined;
      min: number;
      max: number;
    }[];
  }[];
};

const ROW_MAX_OPTIONS = 5;
const ROW_MAX_LABEL = 20;
/** "0 – not at all" → "not at all"; "7" → "". */
const NUMBERED = /^(\d+)(?:\s*[–-]\s*(.*))?$/;

function layoutOf(kind: 'options' | 'count', options: readonly { value: number; label: string }[]): AnswerLayout {
  if (kind === 'count') return 'count';
  if (options.length > 2 && options.every((o) => NUMBERED.exec(o.label)?.[1] === String(o.value))) return 'scale';
  if (options.length <= ROW_MAX_OPTIONS && options.every((o) => o.label.length <= ROW_MAX_LABEL)) return 'row';
  return 'stack';
}

function choicesFor(
  layout: AnswerLayout,
  options: readonly { value: number; label: string }[],
): { options: ChoiceView[]; ends?: { low: string; high: string } } {
  if (layout !== 'scale') return { options: options.map((o) => ({ value: String(o.value), text: o.label, box: o.label })) };
  const words = (label: string) => NUMBERED.exec(label)?.[2] ?? '';
  const first = options[0]!;
  const last = options.at(-1)!;
  return {
    // The box shows the number; the words of the ends are read with it, and shown under the row.
    options: options.map((o) => {
      const w = words(o.label);
      return { value: String(o.value), text: o.label, box: String(o.value), ...(w ? { hidden: ` – ${w}` } : {}) };
    }),
    ends: { low: `${first.value} = ${words(first.label)}`, high: `${last.value} = ${words(last.label)}` },
  };
}

export function questionnaireForm(
  timePoint: TimePoint,
  wordings: readonly InstrumentWording[],
  codes: readonly InstrumentCode[] = DEFAULT_QUESTIONNAIRE,
): QuestionnaireForm {
  const instruments = codes.flatMap((code) => {
    const instrument = instrumentFor(code);
    return instrument ? [{ code, instrument, items: itemsAt(instrument, timePoint) }] : [];
  });
  const questionCount = instruments.reduce((n, i) => n + i.items.length, 0);
  let asked = 0;
  const sections = instruments.map(({ code, instrument, items }, part) => {
    const wording = wordings.find((w) => w.instrument === code);
    const from = asked + 1;
    asked += items.length;
    const questions = plural(items.length, `question ${from}`, `questions ${from} to ${asked}`);
    return {
      code,
      title: instrument.name,
      progress: `Part ${part + 1} of ${instruments.length} · ${questions} of ${questionCount}`,
      preamble: instrument.preamble,
      licenceNote: instrument.licence.wordingShipped ? undefined : instrument.licence.note,
      wordingMissing: !instrument.licence.wordingShipped && !wording,
      items: items.map((item, index) => {
        const layout = layoutOf(item.kind, item.options ?? []);
        return {
          field: fieldName(code, item.key),
          label: item.text ?? wording?.items[index] ?? `Statement ${index + 1} of ${items.length}`,
          hint: item.hint,
          kind: item.kind,
          layout,
          ...choicesFor(layout, item.options ?? []),
          min: item.min,
          max: item.max,
        };
      }),
    };
  });
  return { timePoint, timePointLabel: TIME_POINTS.find((t) => t.code === timePoint)?.label ?? timePoint, questionCount, sections };
}
