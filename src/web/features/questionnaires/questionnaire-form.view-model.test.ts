import { describe, expect, it } from 'vitest';
import { questionnaireForm } from './questionnaire-form.view-model.ts';

describe('the questionnaire form, laid out for a phone', () => {
  const form = questionnaireForm('end', []);
  const item = (field: string) => form.sections.flatMap((s) => s.items).find((i) => i.field === field)!;

  it('shows a 0–10 scale as one row of numbers, with the words for the ends beneath and read with the end choices', () => {
    const life = item('ons4-life_satisfaction');
    expect(life.layout).toBe('scale');
    expect(life.options.map((o) => o.box)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(life.options[0]).toMatchObject({ value: '0', hidden: ' – not at all' });
    expect(life.options[5]).not.toHaveProperty('hidden');
    expect(life.ends).toEqual({ low: '0 = not at all', high: '10 = completely' });
    expect(item('pilot-heritage_connection').ends).toEqual({ low: '1 = not at all connected', high: '5 = very connected' });
  });

  it('puts a few short answers side by side and stacks long ones', () => {
    expect(item('swemwbs-s1').layout).toBe('row');
    expect(item('swemwbs-s1').options.map((o) => o.box)).toEqual(['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time']);
    expect(item('ucla3-companionship').layout).toBe('row');
    expect(item('pilot-someone_to_talk').layout).toBe('row');
    expect(item('pilot-medication').layout).toBe('stack');
    expect(item('pilot-health_contacts').layout).toBe('count');
  });

  it('gives each part a progress line', () => {
    expect(form.questionCount).toBe(18);
    expect(form.sections.map((s) => s.progress)).toEqual([
      'Part 1 of 4 · questions 1 to 7 of 18',
      'Part 2 of 4 · questions 8 to 11 of 18',
      'Part 3 of 4 · questions 12 to 14 of 18',
      'Part 4 of 4 · questions 15 to 18 of 18',
    ]);
    expect(questionnaireForm('baseline', []).sections.at(-1)?.progress).toBe('Part 4 of 4 · questions 15 to 17 of 17');
  });
});
