import type { InstrumentCode, TimePoint } from '../../../domain/instruments/instrument.ts';
import { TIME_POINTS } from '../../../domain/instruments/instrument.ts';
import { DEFAULT_QUESTIONNAIRE, fieldName, instrumentFor, itemsAt } from '../../../domain/instruments/registry.ts';
import type { InstrumentWording } from '../../../domain/instruments/instrument-wording.ts';

/** The questionnaire as a form: instruments in order, each item with its wording or its number. */
export type QuestionnaireForm = {
  timePoint: TimePoint;
  timePointLabel: string;
  sections: {
    code: InstrumentCode;
    title: string;
    preamble?: string | undefined;
    licenceNote?: string | undefined;
    wordingMissing: boolean;
    items: {
      field: string;
      label: string;
      hint?: string | undefined;
      kind: 'options' | 'count';
      options: { value: string; text: string }[];
      min: number;
      max: number;
    }[];
  }[];
};

export function questionnaireForm(
  timePoint: TimePoint,
  wordings: readonly InstrumentWording[],
  codes: readonly InstrumentCode[] = DEFAULT_QUESTIONNAIRE,
): QuestionnaireForm {
  const sections = codes.flatMap((code) => {
    const instrument = instrumentFor(code);
    if (!instrument) return [];
    const wording = wordings.find((w) => w.instrument === code);
    const items = itemsAt(instrument, timePoint);
    const wordingMissing = !instrument.licence.wordingShipped && !wording;
    return [
      {
        code,
        title: instrument.name,
        preamble: instrument.preamble,
        licenceNote: instrument.licence.wordingShipped ? undefined : instrument.licence.note,
        wordingMissing,
        items: items.map((item, index) => ({
          field: fieldName(code, item.key),
          label: item.text ?? wording?.items[index] ?? `Statement ${index + 1} of ${items.length}`,
          hint: item.hint,
          kind: item.kind,
          options: (item.options ?? []).map((o) => ({ value: String(o.value), text: o.label })),
          min: item.min,
          max: item.max,
        })),
      },
    ];
  });
  return { timePoint, timePointLabel: TIME_POINTS.find((t) => t.code === timePoint)?.label ?? timePoint, sections };
}
