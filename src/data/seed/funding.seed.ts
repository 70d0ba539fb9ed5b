import type { Db } from '../database.ts';
import type { FundingInput } from '../../domain/funding.ts';
import { addDays, londonDate } from '../../domain/schedule.ts';
import { createFundingRepository } from '../repositories/funding.repository.ts';

/**
 * Demo funding opportunities (decision 047): real funders, described generically; the programme
 * names, amounts and links are illustrative, not the funders' current offers. Deadlines are set
 * from the seed's clock so one is always closing soon, one open and one rolling.
 */
export function demoFunding(today: string): FundingInput[] {
  return [
    {
      funder: 'The National Lottery Heritage Fund',
      programme: 'Small grants for heritage projects (demo)',
      funds: ['heritage', 'volunteering', 'activities'],
      summary: 'Grants for projects that help people explore, share and look after their local heritage. Check the funder’s site for the current programme.',
      amountMinPounds: 3000,
      amountMaxPounds: 10000,
      eligibility: 'Not-for-profit organisations in England; a constituted group with a bank account.',
      areas: ['England'],
      deadline: addDays(today, 10),
      link: 'https://www.heritagefund.org.uk/',
    },
    {
      funder: 'Norfolk Community Foundation',
      programme: 'Connecting communities fund (demo)',
      funds: ['wellbeing', 'activities', 'core_costs'],
      summary: 'Support for groups that bring isolated people together, including social prescribing activities and memory cafés.',
      amountMinPounds: 500,
      amountMaxPounds: 5000,
      eligibility: 'Voluntary and community groups working in Norfolk or Waveney.',
      areas: ['Norfolk', 'Suffolk'],
      deadline: addDays(today, 45),
      link: 'https://www.norfolkfoundation.com/',
    },
    {
      funder: 'Arts Council England',
      programme: 'Project grants for museums and libraries (demo)',
      funds: ['heritage', 'activities', 'capital'],
      summary: 'Open funding for arts, museums and libraries projects that engage people in their communities. Applications are taken all year.',
      amountMinPounds: 1000,
      amountMaxPounds: 100000,
      eligibility: 'Individuals and organisations based in England.',
      areas: ['England'],
      deadline: null,
      link: 'https://www.artscouncil.org.uk/',
    },
  ];
}

/** Entered by the first demo coordinator. */
export async function seedFunding(tx: Db, now: Date, coordinatorId: string) {
  const funding = createFundingRepository(tx);
  for (const f of demoFunding(londonDate(now))) await funding.insert(f, coordinatorId, now, tx);
}
