import { createHash } from 'node:crypto';
import type { Db } from '../data/database.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import type { OrukImportRepository, RunRow } from '../data/repositories/oruk-import.repository.ts';
import { normalisePhone } from '../domain/contact-details.ts';
import type { ListingStatus } from '../domain/directory.ts';
import { latLngToGrid, gridToLatLng } from '../domain/geo.ts';
import {
  builtInMappings,
  checkLocation,
  contentHash,
  inGreatBritain,
  mapTerm,
  readService,
  toActivityContent,
  type ImportedService,
  type TermTarget,
} from '../domain/oruk-import.ts';
import { areaCoversPlace, type ModerationArea } from '../domain/scheme-area.ts';

const WAYMARK_IMPORT_NAMESPACE = 'waymark-oruk-import';
/** A Waymark id for a source's record: the same on every re-import of it (lineage keeps it anyway). */
function stableId(sourceId: string, kind: string, externalId: string): string {
  const hash = createHash('sha1').update(`${WAYMARK_IMPORT_NAMESPACE}:${sourceId}:${kind}:${externalId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Where one record is being imported: its run, whether to write, and what the run has seen so far. */
export type ImportContext = {
  sourceId: string | null;
  runId: string | null;
  trusted: boolean;
  dryRun: boolean;
  now: Date;
  today: string;
  tableMappings: Map<string, TermTarget>;
  unmapped: Map<string, { label: string; records: number }>;
  seenInFeed: Map<string, number>;
  /** Write within this transaction, and let a failure undo it (instead of one transaction per service). */
  tx?: Db;
  /** Only places in this area are imported (a coordinator's own spreadsheet). */
  area?: ModerationArea;
};

/**
 * One record of a feed or spreadsheet onto Waymark's model (decision 046): read, placed, its terms
 * mapped, and (unless a dry run) written with its lineage — its organisation, place, activity and
 * sessions in one transaction, or nothing.
 */
export function createRecordImporter(deps: { db: Db; repo: OrukImportRepository }) {
  const { db, repo } = deps;
  const builtIn = builtInMappings();

  async function importOne(item: unknown, page: number, ctx: ImportContext): Promise<RunRow[]> {
    const fallbackId = typeof item === 'object' && item && 'id' in item ? String((item as { id: unknown }).id).slice(0, 200) : '(no id)';
    const fallbackName = typeof item === 'object' && item && 'name' in item ? String((item as { name: unknown }).name).slice(0, 200) : '';
    const reject = (reason: string, externalId = fallbackId, name = fallbackName): RunRow[] => [{ page, externalId, name, outcome: 'rejected', reason }];
    if (typeof item === 'object' && item && '__error' in item) return reject(`Its full record could not be read: ${(item as { __error: string }).__error}`);
    const s = readService(item);
    if (typeof s === 'string') return reject(`Not imported: ${s}`);
    return importService(s, page, ctx);
  }

  /** One service, read: onto a place, its terms mapped, and (unless a dry run) written with its lineage. */
  async function importService(s: ImportedService, page: number, ctx: ImportContext): Promise<RunRow[]> {
    const reject = (reason: string): RunRow[] => [{ page, externalId: s.externalId, name: s.name, outcome: 'rejected', reason }];
    const firstSeen = ctx.seenInFeed.get(s.externalId);
    if (firstSeen !== undefined) return reject(`Not imported: the service appears twice in the feed (first on page ${firstSeen})`);
    ctx.seenInFeed.set(s.externalId, page);
    if (!s.organisation?.name) return reject('Not imported: the service has no organisation');

    // Terms: mapped onto Waymark's vocabularies, or listed as unmapped with a count.
    // (Counted only for records that are imported, below.)
    const mapped: { vocabulary: string; code: string }[] = [];
    const unmappedHere: { label: string }[] = [];
    for (const term of s.terms) {
      const target = mapTerm(term, ctx.tableMappings, builtIn);
      if (target) mapped.push(target);
      else if (target === undefined) unmappedHere.push(term);
    }

    // The place: the first location with a full postcode and a position.
    const notes = [...s.notes];
    let place: {
      location: ImportedService['locations'][number];
      postcode: string;
      grid: { easting: number; northing: number };
      lat: number;
      lng: number;
    } | null = null;
    for (const l of s.locations) {
      const checked = checkLocation(l);
      if (typeof checked === 'string') {
        notes.push(`${checked}, so it was left out`);
        continue;
      }
      if (place) {
        notes.push(`location “${l.name}” was left out: a Waymark activity is held at one place`);
        continue;
      }
      if (inGreatBritain(l.latitude, l.longitude)) {
        const grid = latLngToGrid({ latitude: l.latitude!, longitude: l.longitude! });
        place = {
          location: l,
          postcode: checked.postcodeNormalised,
          grid: { easting: Math.round(grid.easting), northing: Math.round(grid.northing) },
          lat: l.latitude!,
          lng: l.longitude!,
        };
        continue;
      }
      const found = await repo.lookupPostcode(checked.postcodeNormalised, ctx.tx);
      if (!found) {
        notes.push(`location “${l.name}” has no position and its postcode ${l.postcode} is not in Waymark’s postcode list, so it was left out`);
        continue;
      }
      const ll = gridToLatLng(found);
      place = { location: l, postcode: checked.postcodeNormalised, grid: found, lat: ll.latitude, lng: ll.longitude };
    }
    if (!place) {
      const why = notes.filter((n) => n.startsWith('location')).join('; ');
      return reject(`Not imported: no usable location${s.locations.length === 0 ? ' (the service has none)' : ` (${why})`}`);
    }
    if (ctx.area && !areaCoversPlace(ctx.area, place.postcode)) return reject(`Not imported: the place’s postcode ${place.postcode} is outside your area`);

    for (const term of unmappedHere) {
      const key = term.label.toLowerCase().slice(0, 200);
      const entry = ctx.unmapped.get(key) ?? { label: term.label, records: 0 };
      entry.records++;
      ctx.unmapped.set(key, entry);
    }
    if (unmappedHere.length > 0) notes.push(`terms not mapped yet: ${unmappedHere.map((t) => t.label).join(', ')}`);
    const contactPhone = (s.contactPhone && normalisePhone(s.contactPhone)) || place.location.phoneInAddress;
    if (place.location.phoneInAddress) notes.push('a phone number in the address was moved to the contact phone');
    const orgExternal = s.organisation.externalId;
    // A place belongs to one organisation: the same location used by two organisations is two places.
    const placeExternal = `${orgExternal}\u001f${place.location.externalId}`;
    const sessions = s.sessions.map((x) => ({ ...x, startDate: x.startDate ?? ctx.today }));
    const orgFields = {
      name: s.organisation.name,
      description: s.organisation.description,
      email: s.organisation.email,
      website: s.organisation.website,
      phone: s.organisation.phone,
    };
    const placeFields = {
      name: place.location.name.slice(0, 200),
      addressLine: place.location.addressLine.slice(0, 300),
      town: place.location.town.slice(0, 100),
      postcode: place.postcode,
      easting: place.grid.easting,
      northing: place.grid.northing,
      latitude: place.lat,
      longitude: place.lng,
      description: place.location.description.slice(0, 2000),
    };
    const hashOf = (placeId: string) => contentHash({ orgFields, placeFields, content: toActivityContent(s, placeId, mapped, contactPhone), sessions });
    const reason = notes.join('; ');

    const lineage = ctx.sourceId ? await repo.lineage(ctx.sourceId, 'activity', s.externalId, ctx.tx) : undefined;
    const placeLineage = ctx.sourceId ? await repo.lineage(ctx.sourceId, 'place', placeExternal, ctx.tx) : undefined;
    const placeId = placeLineage?.waymarkId ?? (ctx.sourceId ? stableId(ctx.sourceId, 'place', placeExternal) : 'dry-run');
    const hash = hashOf(placeId);
    if (lineage && lineage.contentHash === hash && !lineage.withdrawnAt)
      return [{ page, externalId: s.externalId, name: s.name, outcome: 'unchanged', reason }];
    const outcome = lineage ? 'updated' : 'created';
    if (ctx.dryRun || !ctx.sourceId) {
      const where = ctx.trusted ? 'live straight away (trusted source)' : 'to the review queue';
      return [{ page, externalId: s.externalId, name: s.name, outcome, reason: [`would go ${where}`, reason].filter(Boolean).join('; ') }];
    }

    const sourceId = ctx.sourceId;
    let finalReason = reason;
    const write = async (tx: Db) => {
      const orgLineage = await repo.lineage(sourceId, 'organisation', orgExternal, tx);
      const organisationId = orgLineage?.waymarkId ?? stableId(sourceId, 'organisation', orgExternal);
      await repo.writeOrganisation(tx, organisationId, Boolean(orgLineage), orgFields, ctx.trusted ? 'approved' : 'pending', ctx.now);
      await repo.recordLineage(sourceId, 'organisation', orgExternal, organisationId, '', ctx.runId, ctx.now, tx);
      await repo.writePlace(tx, placeId, Boolean(placeLineage), organisationId, placeFields, ctx.now);
      await repo.recordLineage(sourceId, 'place', placeExternal, placeId, '', ctx.runId, ctx.now, tx);
      const activityId = lineage?.waymarkId ?? stableId(sourceId, 'activity', s.externalId);
      const content = toActivityContent(s, placeId, mapped, contactPhone);
      const state = lineage ? await repo.activityState(tx, activityId) : undefined;
      // Withdrawn because it had left the feed (not by a person): back in the feed, it is listed again.
      const returning = state?.status === 'withdrawn' && Boolean(lineage?.withdrawnAt);
      if (!state) {
        await repo.insertActivity(tx, activityId, organisationId, content, ctx.trusted ? 'live' : 'pending', ctx.now);
      } else if (state.status === 'live' && !ctx.trusted) {
        await repo.proposeChange(tx, activityId, content, ctx.now);
        finalReason = ['the change waits for a coordinator; the live listing is unchanged until then', reason].filter(Boolean).join('; ');
      } else {
        const status: ListingStatus = state.status === 'withdrawn' && !returning ? 'withdrawn' : ctx.trusted ? 'live' : 'pending';
        await repo.updateActivity(tx, activityId, organisationId, content, status, ctx.now);
      }
      await repo.replaceSessions(tx, activityId, sessions, ctx.now);
      await refreshActivityIndex(tx, [activityId], ctx.now);
      await repo.recordLineage(sourceId, 'activity', s.externalId, activityId, hash, ctx.runId, ctx.now, tx);
    };
    // Inside the caller's transaction (a spreadsheet: all or nothing), a failure undoes the whole file.
    if (ctx.tx) {
      await write(ctx.tx);
      return [{ page, externalId: s.externalId, name: s.name, outcome, reason: finalReason }];
    }
    try {
      await db.transaction(write);
    } catch (err) {
      // The transaction wrote nothing; the report says why and the rest of the feed carries on.
      return reject(`Not imported: it could not be saved (${(err as Error).message.slice(0, 120)})`);
    }
    return [{ page, externalId: s.externalId, name: s.name, outcome, reason: finalReason }];
  }

  return { importOne, importService };
}
