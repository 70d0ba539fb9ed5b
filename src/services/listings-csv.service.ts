import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ListingsCsvRepository } from '../data/repositories/listings-csv.repository.ts';
import type { RunRow } from '../data/repositories/oruk-import.repository.ts';
import type { SchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import { formatPhone, formatPostcode } from '../domain/contact-details.ts';
import { BadInput } from '../domain/errors.ts';
import { LISTING_CSV_COLUMNS, readListingsCsv, WEEKDAYS, type ListingCsvColumn } from '../domain/listings-csv.ts';
import { countOf, plural } from '../domain/plural.ts';
import { LANGUAGES, labelOf, MONTHS, TERRAINS, VOCABULARIES } from '../domain/vocabulary.ts';
import type { User } from '../domain/user.ts';
import { moderationArea } from './listing-access.ts';
import type { ImportReport, OrukImportService } from './oruk-import.service.ts';

/**
 * Listings in and out as a spreadsheet (decision 052). Coordinators export the listings in their
 * area and import a file into moderation through the Open Referral importer's mapping and lineage
 * (decision 046). A file with problems imports nothing unless the person asks for the valid rows.
 */
export type SpreadsheetInput = { name: string; text: string };
/** `row` is null for a listing the file no longer has (it would be withdrawn). */
export type SpreadsheetRow = { row: number | null; activityId: string; title: string; outcome: RunRow['outcome'] | 'problem'; messages: string[] };
export type SpreadsheetCheck =
  | { ok: false; message: string }
  | { ok: true; rows: SpreadsheetRow[]; problems: number; activities: number; report: ImportReport };

const outcomeOf = (row: RunRow | undefined): SpreadsheetRow['outcome'] => row?.outcome ?? 'problem';

export function createListingsCsvService(deps: {
  orukImport: OrukImportService;
  listings: ListingsCsvRepository;
  schemeAreas: SchemeAreaRepository;
  audit: AuditRepository;
}) {
  const { orukImport, listings, audit } = deps;

  /** A coordinator's files are their scheme's: two schemes may name files alike without sharing listings. */
  const sourceAddress = (user: User, name: string) => `csv:${user.role === 'admin' ? 'all' : (user.schemeId ?? 'none')}:${name}`;

  async function check(actor: User, input: SpreadsheetInput, dryRun: boolean, validRowsOnly = false): Promise<SpreadsheetCheck> {
    const area = await moderationArea(deps, actor);
    const file = readListingsCsv(input.text);
    if (!file.ok) return file;
    const request = { address: sourceAddress(actor, input.name), name: input.name, area };
    // Every row is read, so the check also says which listings importing the file would withdraw
    // (a row with a problem still names an activity the file has).
    const dry = await orukImport.runRecords(actor, {
      ...request,
      complete: true,
      services: file.services.map((s) => s.service),
      firstRows: file.services.map((s) => s.rows[0]!),
      otherRows: file.rows
        .filter((r) => r.problems.length > 0 && r.activityId)
        .map((r) => ({ page: r.row, externalId: r.activityId, name: r.title, outcome: 'rejected', reason: '' })),
      dryRun: true,
    });
    const outcomes = new Map(dry.rows.map((r) => [r.externalId, r]));
    const rows: SpreadsheetRow[] = file.rows.map((r) => {
      if (r.problems.length > 0)
        return {
          row: r.row,
          activityId: r.activityId,
          title: r.title,
          outcome: 'problem',
          messages: r.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)),
        };
      const done = outcomes.get(r.activityId);
      return { row: r.row, activityId: r.activityId, title: r.title, outcome: outcomeOf(done), messages: done?.reason ? [done.reason] : [] };
    });
    const problems = rows.filter((r) => r.outcome === 'problem' || r.outcome === 'rejected').length;
    if (dryRun)
      for (const w of dry.rows.filter((r) => r.outcome === 'withdrawn'))
        rows.push({ row: null, activityId: w.externalId, title: w.name, outcome: 'withdrawn', messages: [w.reason] });
    if (dryRun) return { ok: true, rows, problems, activities: file.services.length, report: dry };

    if (problems > 0 && !validRowsOnly) {
      throw new BadInput(
        `${countOf(problems, 'row')} of the file ${plural(problems, 'has a problem', 'have problems')}, so nothing was imported. Correct the file, or choose to import the valid rows`,
      );
    }
    const valid = file.services.filter((s) => outcomes.get(s.service.externalId)?.outcome !== 'rejected');
    const badRows: RunRow[] = rows
      .filter((r) => r.outcome === 'problem' || r.outcome === 'rejected')
      .map((r) => ({
        page: r.row ?? 0,
        externalId: r.activityId || `row ${r.row}`,
        name: r.title,
        outcome: 'rejected',
        reason: r.messages.join('; ').slice(0, 1000),
      }));
    const report = await orukImport.runRecords(actor, {
      ...request,
      // Every row read: an activity the source had and the file no longer has is withdrawn.
      complete: true,
      services: valid.map((s) => s.service),
      firstRows: valid.map((s) => s.rows[0]!),
      otherRows: badRows,
      dryRun: false,
    });
    return { ok: true, rows, problems, activities: valid.length, report };
  }

  return {
    /** What importing the file would do, row by row; nothing changes. */
    check: (actor: User, input: SpreadsheetInput) => check(actor, input, true),

    /** Imports the file in one transaction; with problems, only when the person chose the valid rows. */
    importFile: (actor: User, input: SpreadsheetInput, validRowsOnly: boolean) => check(actor, input, false, validRowsOnly),

    /** The listings the coordinator moderates (administrators: all), as CSV cells with a header row. */
    async exportRows(actor: User): Promise<string[][]> {
      const area = await moderationArea(deps, actor);
      const found = await listings.listingsIn(area);
      await audit.record({
        actorId: actor.id,
        action: 'listings.exported',
        subjectType: 'listings',
        subjectId: actor.schemeId ?? 'all',
        detail: { rows: found.length },
      });
      const labels = new Map(VOCABULARIES.flatMap((v) => v.terms.map((t) => [`${v.id}:${t.code}`, t.label] as const)));
      const body = found.map((l) => {
        const categories = Object.entries(l.terms).flatMap(([vocabulary, codes]) => (codes ?? []).map((c) => labels.get(`${vocabulary}:${c}`) ?? c));
        const cells: Record<ListingCsvColumn, string> = {
          organisation_id: l.organisationId,
          organisation_name: l.organisationName,
          organisation_website: l.organisationWebsite ?? '',
          organisation_email: l.organisationEmail ?? '',
          organisation_phone: l.organisationPhone ? formatPhone(l.organisationPhone) : '',
          organisation_description: l.organisationDescription,
          place_id: l.placeId,
          place_name: l.placeName,
          place_address: l.placeAddress,
          place_town: l.placeTown,
          place_postcode: formatPostcode(l.placePostcode),
          place_latitude: String(l.latitude),
          place_longitude: String(l.longitude),
          place_description: l.placeDescription,
          activity_id: l.activityId,
          activity_title: l.title,
          activity_summary: l.summary,
          activity_description: l.description,
          activity_status: l.status,
          cost: l.costType === 'paid' ? 'paid' : 'free',
          price_pounds: l.pricePence == null ? '' : (l.pricePence / 100).toFixed(2),
          cost_note: l.costNote,
          age_min: l.ageMin == null ? '' : String(l.ageMin),
          age_max: l.ageMax == null ? '' : String(l.ageMax),
          eligibility: l.eligibility,
          first_visit: l.firstVisit,
          group_size_max: l.groupSizeMax == null ? '' : String(l.groupSizeMax),
          capacity: l.capacity == null ? '' : String(l.capacity),
          funded_places: l.fundedPlaces == null ? '' : String(l.fundedPlaces),
          distance_walked_m: l.distanceWalkedM == null ? '' : String(l.distanceWalkedM),
          terrain: l.terrain ? labelOf(TERRAINS, l.terrain) : '',
          languages: l.languages.map((c) => labelOf(LANGUAGES, c)).join('; '),
          months: l.months.map((m) => labelOf(MONTHS, String(m))).join('; '),
          how_to_join: l.howToJoin,
          categories: [...new Set(categories)].join('; '),
          contact_name: l.contactName ?? '',
          contact_email: l.contactEmail ?? '',
          contact_phone: l.contactPhone ? formatPhone(l.contactPhone) : '',
          more_information_url: '',
          session_frequency: l.frequency ?? '',
          session_weekday: l.frequency && l.frequency !== 'once' && l.weekday ? WEEKDAYS[l.weekday - 1]! : '',
          session_week_of_month: l.weekOfMonth == null ? '' : String(l.weekOfMonth),
          session_start_date: l.startDate ?? '',
          session_end_date: l.endDate ?? '',
          session_start_time: l.startTime ?? '',
          session_end_time: l.endTime ?? '',
          session_note: l.sessionNote ?? '',
          session_bank_holidays: l.bankHolidays ?? '',
        };
        return LISTING_CSV_COLUMNS.map((c) => cells[c]);
      });
      return [[...LISTING_CSV_COLUMNS], ...body];
    },
  };
}

export type ListingsCsvService = ReturnType<typeof createListingsCsvService>;
