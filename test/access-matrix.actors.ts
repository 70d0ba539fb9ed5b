import type { Role } from '../src/domain/user.ts';
import type { Scope } from './access-matrix.table.ts';

/**
 * Who tries every route. The "home" actors own the records the routes are filled with (Yarmouth);
 * the others are the same roles elsewhere, to show records do not leak across organisations and schemes.
 * `reaches`: which scoped records of the home fixtures this actor may see.
 */
export type Actor = { key: string; label: string; email?: string; role?: Role; reaches: Scope[]; createAs?: string };

export const ACTORS: Actor[] = [
  { key: 'signedOut', label: 'signed out', reaches: [] },
  { key: 'provider', label: 'provider (Yarmouth Heritage Trust)', email: 'provider.yarmouth@waymark.example', role: 'provider', reaches: ['own-organisation'] },
  { key: 'providerOther', label: 'provider of another organisation (Frome)', email: 'provider.frome@waymark.example', role: 'provider', reaches: [] },
  {
    key: 'linkWorker',
    label: 'link worker (Yarmouth, the caseworker)',
    email: 'linkworker.yarmouth@waymark.example',
    role: 'link_worker',
    reaches: ['own-caseload'],
  },
  {
    key: 'teammate',
    label: 'link worker in the same team (caseload shared)',
    email: 'matrix.teammate@waymark.example',
    role: 'link_worker',
    reaches: ['own-caseload'],
    createAs: 'matrix.teammate@waymark.example',
  },
  { key: 'linkWorkerOther', label: 'link worker of another scheme (Frome)', email: 'linkworker.frome@waymark.example', role: 'link_worker', reaches: [] },
  {
    key: 'connector',
    label: 'connector (Yarmouth, did not refer this person)',
    email: 'connector.yarmouth@waymark.example',
    role: 'connector',
    reaches: ['own-record', 'own-scheme'],
  },
  { key: 'coordinator', label: 'coordinator (Yarmouth & Waveney)', email: 'coordinator@waymark.example', role: 'coordinator', reaches: ['own-scheme'] },
  { key: 'coordinatorOther', label: 'coordinator of another scheme (Frome)', email: 'coordinator.frome@waymark.example', role: 'coordinator', reaches: [] },
  { key: 'admin', label: 'administrator', email: 'admin@waymark.example', role: 'admin', reaches: [] },
  { key: 'commissioner', label: 'commissioner', email: 'commissioner@waymark.example', role: 'commissioner', reaches: [] },
  { key: 'buddy', label: 'Heritage Buddy (Nottingham)', email: 'buddy.nottingham@waymark.example', role: 'buddy', reaches: ['own-visit'] },
  {
    key: 'volunteerLead',
    label: 'volunteer lead (Nottingham)',
    email: 'volunteers.nottingham@waymark.example',
    role: 'volunteer_lead',
    reaches: ['own-volunteers'],
  },
  {
    key: 'volunteerLeadOther',
    label: 'volunteer lead of another organisation (Frome)',
    email: 'matrix.lead.frome@waymark.example',
    role: 'volunteer_lead',
    reaches: [],
    createAs: 'matrix.lead.frome@waymark.example',
  },
  {
    key: 'contributor',
    label: 'contributor (Maureen, a member of the public)',
    email: 'contributor.yarmouth@waymark.example',
    role: 'contributor',
    reaches: ['own-contribution'],
  },
  { key: 'connectorOther', label: 'connector of another scheme (Frome)', email: 'connector.frome@waymark.example', role: 'connector', reaches: [] },
  {
    key: 'buddyOther',
    label: 'another Heritage Buddy of the same scheme (Harjit)',
    email: 'matrix.buddy@waymark.example',
    role: 'buddy',
    reaches: [],
    createAs: 'matrix.buddy@waymark.example',
  },
];
