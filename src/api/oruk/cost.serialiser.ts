import type { Activity } from '../../domain/directory.ts';
import { childId } from './oruk-ids.ts';

/** ORUK cost_option (amounts in pounds) and the service's plain-English `fees`. */
const pounds = (pence: number) => (pence % 100 === 0 ? `£${pence / 100}` : `£${(pence / 100).toFixed(2)}`);

export function describeCost(a: Pick<Activity, 'costType' | 'pricePence' | 'costNote' | 'fundedPlaces'>): string {
  const note = a.costNote.trim();
  let text: string;
  if (a.costType === 'free') text = 'Free';
  else if (a.costType === 'free_for_referred')
    text = a.pricePence ? `Free for people who are referred; ${pounds(a.pricePence)} for others` : 'Free for people who are referred';
  else text = a.pricePence ? pounds(a.pricePence) : 'There is a charge';
  if (a.costType === 'paid' && a.fundedPlaces) text += `; ${a.fundedPlaces} funded places for people who are referred`;
  return note ? `${text}. ${note}` : text;
}

export function costOptions(a: Activity) {
  const option = (kind: string, label: string, amount: number | undefined) => ({
    id: childId(a.id, `cost:${kind}`),
    service_id: a.id,
    option: label,
    amount,
    amount_description: a.costNote.trim() || undefined,
  });
  switch (a.costType) {
    case 'free':
      return [option('free', 'Free', 0)];
    case 'free_for_referred':
      return [option('referred', 'People who are referred', 0), ...(a.pricePence ? [option('standard', 'Everyone else', a.pricePence / 100)] : [])];
    case 'paid':
      return [
        option('standard', 'Standard', a.pricePence ? a.pricePence / 100 : undefined),
        ...(a.fundedPlaces ? [{ ...option('funded', `Funded places for people who are referred (${a.fundedPlaces})`, 0), amount_description: undefined }] : []),
      ];
  }
}
