import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';

export type VisitExpense = {
  id: string;
  visitId: string;
  volunteerId: string;
  volunteerKnownAs: string;
  organisationId: string;
  organisationName: string;
  travelDate: string;
  miles: number;
  mileagePence: number;
  startPostcode: string | null;
  endPostcode: string | null;
  publicTransportPence: number;
  parkingPence: number;
  totalPence: number;
  status: 'claimed' | 'approved' | 'rejected';
  claimedAt: Date;
  decidedAt: Date | null;
  decidedByName: string | null;
};

export type NewExpense = Omit<
  VisitExpense,
  'id' | 'volunteerKnownAs' | 'organisationId' | 'organisationName' | 'status' | 'claimedAt' | 'decidedAt' | 'decidedByName'
>;

const SELECT = `select e.*, to_char(e.travel_date, 'YYYY-MM-DD') as travel_date, v.known_as, v.organisation_id, o.name as organisation_name, u.display_name as decided_by_name
  from visit_expenses e join volunteers v on v.id = e.volunteer_id join organisations o on o.id = v.organisation_id left join users u on u.id = e.decided_by`;

const toExpense = (r: Record<string, unknown>): VisitExpense => ({
  id: String(r.id),
  visitId: String(r.visit_id),
  volunteerId: String(r.volunteer_id),
  volunteerKnownAs: String(r.known_as),
  organisationId: String(r.organisation_id),
  organisationName: String(r.organisation_name),
  travelDate: String(r.travel_date),
  miles: Number(r.miles),
  mileagePence: Number(r.mileage_pence),
  startPostcode: (r.start_postcode as string | null) ?? null,
  endPostcode: (r.end_postcode as string | null) ?? null,
  publicTransportPence: Number(r.public_transport_pence),
  parkingPence: Number(r.parking_pence),
  totalPence: Number(r.total_pence),
  status: r.status as VisitExpense['status'],
  claimedAt: new Date(r.claimed_at as string),
  decidedAt: r.decided_at ? new Date(r.decided_at as string) : null,
  decidedByName: (r.decided_by_name as string | null) ?? null,
});

/** Expense claims on accompanied visits: one per visit (a unique key, so two posts at once make one). */
export function createVisitExpenseRepository(db: Db) {
  return {
    async find(id: string, tx: Db = db): Promise<VisitExpense | undefined> {
      const r = await maybeOne<Record<string, unknown>>(tx, `${SELECT} where e.id = $1`, [id]);
      return r && toExpense(r);
    },

    async forVisit(visitId: string, tx: Db = db): Promise<VisitExpense | undefined> {
      const r = await maybeOne<Record<string, unknown>>(tx, `${SELECT} where e.visit_id = $1`, [visitId]);
      return r && toExpense(r);
    },

    /** Locks the volunteer's row, so their claims in a tax year are counted one at a time. */
    async lockVolunteer(volunteerId: string, tx: Db): Promise<void> {
      await tx.query('select id from volunteers where id = $1 for update', [volunteerId]);
    },

    /** Miles already claimed (not rejected) by a volunteer from `from` (a tax year's start). */
    async milesSince(volunteerId: string, from: string, tx: Db): Promise<number> {
      const [r] = await tx.query<{ miles: string | null }>(
        `select sum(miles) as miles from visit_expenses where volunteer_id = $1 and travel_date >= $2 and status <> 'rejected'`,
        [volunteerId, from],
      );
      return Number(r?.miles ?? 0);
    },

    /** Inserts the claim; undefined when the visit already has one. */
    async insert(e: NewExpense, now: Date, tx: Db): Promise<string | undefined> {
      const rows = await tx.query<{ id: string }>(
        `insert into visit_expenses (visit_id, volunteer_id, travel_date, miles, mileage_pence, start_postcode, end_postcode, public_transport_pence,
           parking_pence, total_pence, claimed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (visit_id) do nothing returning id`,
        [
          e.visitId,
          e.volunteerId,
          e.travelDate,
          e.miles,
          e.mileagePence,
          e.startPostcode,
          e.endPostcode,
          e.publicTransportPence,
          e.parkingPence,
          e.totalPence,
          now,
        ],
      );
      return rows[0]?.id;
    },

    async decide(id: string, status: 'approved' | 'rejected', userId: string, now: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update visit_expenses set status = $2, decided_by = $3, decided_at = $4 where id = $1 and status = 'claimed' returning id`,
        [id, status, userId, now],
      );
      return rows.length === 1;
    },

    /** Claims of volunteers hosted by these organisations, newest first. */
    async ofOrganisations(organisationIds: string[], tx: Db = db): Promise<VisitExpense[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<Record<string, unknown>>(`${SELECT} where v.organisation_id = any($1::uuid[]) order by e.claimed_at desc, e.id`, [
        organisationIds,
      ]);
      return rows.map(toExpense);
    },
  };
}

export type VisitExpenseRepository = ReturnType<typeof createVisitExpenseRepository>;
