import type { AccountRow, AuditRow } from '../../../data/repositories/user-admin.repository.ts';
import { auditActionLabel } from '../../../domain/audit-actions.ts';
import { ROLE_LABELS, type Role } from '../../../domain/user.ts';
import { countOf } from '../../../domain/plural.ts';
import type { SubjectAccessMatch } from '../../../domain/subject-access.ts';
import { formatUkDate } from '../../render.ts';
import { paths } from '../../paths.ts';

/** Detail holds field names and codes only; shown as short "key: value" text. */
function describeDetail(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

type AuditResult = { rows: AuditRow[]; total: number; page: number; pages: number; filter: { subject: string; actor: string; from: string; to: string } };

export function auditView(result: AuditResult, users: readonly AccountRow[]) {
  const query = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(result.filter)) if (v) q.set(k, v);
    q.set('page', String(page));
    return `${paths.admin.audit}?${q.toString()}`;
  };
  return {
    filter: result.filter,
    total: result.total,
    actorItems: [
      { value: '', text: 'Anyone' },
      ...users.map((u) => ({ value: u.id, text: `${u.displayName} (${u.email})`, selected: u.id === result.filter.actor })),
    ],
    rows: result.rows.map((r) => ({
      at: r.at,
      action: auditActionLabel(r.action),
      actionCode: r.action,
      actor: r.actorName ?? (r.actorId ? 'A deleted account' : 'Waymark (automatic)'),
      subject: `${r.subjectType} ${r.subjectId}`,
      subjectHref: r.subjectType === 'participant' ? paths.caseload.participantPrivacy(r.subjectId) : undefined,
      detail: describeDetail(r.detail),
    })),
    previous: result.page > 1 ? { href: query(result.page - 1), labelText: 'Newer events' } : undefined,
    next: result.page < result.pages ? { href: query(result.page + 1), labelText: 'Older events' } : undefined,
    pageText: `Page ${result.page} of ${result.pages}`,
  };
}

const ROLES: Role[] = ['link_worker', 'connector', 'coordinator', 'provider', 'commissioner', 'admin', 'buddy', 'volunteer_lead'];

export function userFormContext(
  options: { schemes: { id: string; name: string }[]; organisations: { id: string; name: string; kind: string }[] },
  body: unknown,
) {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const values = { displayName: s('displayName'), email: s('email'), role: s('role'), schemeId: s('schemeId'), organisationId: s('organisationId') };
  return {
    pageTitle: 'Create an account',
    action: paths.admin.userNew,
    values,
    fieldErrors: {},
    roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] })),
    schemeItems: [{ value: '', text: 'No scheme' }, ...options.schemes.map((x) => ({ value: x.id, text: x.name, selected: x.id === values.schemeId }))],
    organisationItems: [
      { value: '', text: 'No organisation' },
      ...options.organisations.map((o) => ({
        value: o.id,
        text: `${o.name} (${o.kind === 'referrer' ? 'referrer team' : 'heritage provider'})`,
        selected: o.id === values.organisationId,
      })),
    ],
  };
}

/** "Find a person" results: enough to tell people apart (name, scheme, when added), each opening their privacy page. */
export function privacySearchView(found: { by: 'name' | 'reference'; matches: readonly SubjectAccessMatch[] }) {
  return {
    by: found.by,
    summary: `${countOf(found.matches.length, 'record')} found by ${found.by === 'name' ? 'name' : 'reference'}`,
    matches: found.matches.map((m) =>
      m.kind === 'contributor'
        ? {
            href: paths.admin.contributorPrivacy(m.id),
            name: m.displayName,
            detail: `Contributor (community heritage), account opened ${formatUkDate(m.addedOn)}`,
            reference: m.id,
          }
        : m.kind === 'person'
          ? {
              href: paths.caseload.participantPrivacy(m.id),
              name: m.anonymisedAt ? 'Anonymised' : m.preferredName,
              detail: `${m.schemeName}, added ${formatUkDate(m.addedOn)}${m.anonymisedAt ? `, anonymised ${formatUkDate(m.anonymisedAt)}` : ''}`,
              reference: m.id,
            }
          : {
              href: paths.caseload.participantPrivacy(m.id),
              name: 'Erased record',
              detail: `${m.schemeName ?? 'A scheme'}, erased ${formatUkDate(m.erasedAt)}`,
              reference: m.id,
            },
    ),
  };
}
