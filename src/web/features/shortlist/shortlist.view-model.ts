import { formatPhone, formatPostcode } from '../../../domain/contact-details.ts';
import type { SearchResult } from '../../../domain/search.ts';
import { describeSession, londonDate } from '../../../domain/schedule.ts';
import type { PublicActivityService } from '../../../services/public-activity.service.ts';
import { formatUkDate, formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';
import { qrCodeSvg } from '../../qr-code.ts';
import { costLabel, keyAccessLabels, toResultView } from '../search/result.view-model.ts';

export const SHORTLIST_MAX = 30;

type Found = { items: SearchResult[]; missing: number };
type FoundWithDetails = Awaited<ReturnType<PublicActivityService['shortlistDetails']>>;

const SHARE_SUBJECT = 'Heritage wellbeing activities';
const shareMessage = (url: string) => `Here are some heritage wellbeing activities you might like: ${url}`;

/** The link to a shared list, and ready-made ways to send it (email and text open on the device, nothing is sent by Waymark). */
export function shareLinkView(code: string, publicUrl: string) {
  const url = new URL(paths.sharedShortlist(code), publicUrl).toString();
  return {
    code,
    url,
    emailHref: `mailto:?subject=${encodeURIComponent(SHARE_SUBJECT)}&body=${encodeURIComponent(shareMessage(url))}`,
    // "sms:?&body=" is understood by both Android and iOS.
    textHref: `sms:?&body=${encodeURIComponent(shareMessage(url))}`,
  };
}

/** Every item on your own list has a remove button; a shared list is read-only. */
const listView = (found: Found, readOnly: boolean) => found.items.map((r) => ({ ...toResultView(r, new Set()), onShortlist: !readOnly }));

/** Your own shortlist (a cookie), with the share link once you have made one for exactly this list. */
export function ownShortlistView(found: Found, opts: { share: { code: string; publicUrl: string } | null; flash?: string | undefined }) {
  const items = listView(found, false);
  return {
    pageTitle: 'Your shortlist',
    shared: false,
    flash: opts.flash,
    items,
    missing: found.missing,
    printHref: items.length ? `${paths.shortlist}?print=1` : null,
    share: opts.share ? shareLinkView(opts.share.code, opts.share.publicUrl) : null,
    // Removing an item comes back to the list itself (not to a confirmation or share link in the address).
    returnTo: paths.shortlist,
  };
}

/** A list someone shared: read-only, with one button to add them all to your own. */
export function sharedShortlistView(found: Found & { code: string }) {
  const items = listView(found, true);
  return {
    pageTitle: 'A shared shortlist of activities',
    shared: true,
    items,
    missing: found.missing,
    printHref: items.length ? `${paths.sharedShortlist(found.code)}?print=1` : null,
    addAllAction: paths.sharedShortlistAdd(found.code),
  };
}

/** "Are you sure?" before clearing your shortlist. */
export function clearShortlistView(count: number) {
  return { pageTitle: 'Clear your shortlist', count, backHref: paths.shortlist };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The printed handout: everything needed to go along without a screen (where, when and how often,
 * cost, phone and email, how to join, key access facts) and a QR code to the activity page for the
 * latest dates. No web addresses in the text: the QR code carries it.
 */
export async function shortlistPrintView(found: FoundWithDetails, opts: { publicUrl: string; now: Date; backHref: string; shared: boolean }) {
  const today = londonDate(opts.now);
  const items = await Promise.all(
    found.items.map(async (r) => {
      const { activity: a, organisation: o, place: p } = r.details;
      const url = new URL(paths.activity(r.id), opts.publicUrl).toString();
      return {
        id: r.id,
        title: r.title,
        organisation: o.name,
        address: [p.name, p.addressLine, p.town, p.postcode ? formatPostcode(p.postcode) : null].filter(Boolean).join(', '),
        nextSession: r.nextSessionAt ? formatUkDateTime(r.nextSessionAt) : null,
        // Regular sessions, and one-off dates still to come.
        howOften: r.details.sessions.filter((s) => s.frequency !== 'once' || s.startDate >= today).map(describeSession),
        cost: costLabel(r.costType, r.pricePence),
        phone: a.contactPhone || o.phone ? formatPhone((a.contactPhone || o.phone)!) : null,
        email: a.contactEmail || o.email || null,
        howToJoin: oneLine(a.howToJoin),
        access: keyAccessLabels(a.access),
        href: paths.activity(r.id),
        qrCode: await qrCodeSvg(url),
      };
    }),
  );
  return {
    pageTitle: opts.shared ? 'A shared shortlist of activities' : 'Your shortlist of activities',
    items,
    missing: found.missing,
    backHref: opts.backHref,
    printedOn: formatUkDate(opts.now),
  };
}
