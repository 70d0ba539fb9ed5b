import type { User } from '../domain/user.ts';
import { paths } from './paths.ts';

export type NavItem = { href: string; text: string; key: string };

/** The header menu: the public directory for everyone, then each role's own places. */
export function navigationFor(user: User | undefined, shortlistCount: number): NavItem[] {
  const items: NavItem[] = [
    { key: 'search', href: paths.search, text: 'Find activities' },
    { key: 'doorstep', href: paths.doorstep, text: 'Heritage nearby' },
    { key: 'walks', href: paths.walks.list, text: 'Walks' },
    { key: 'shortlist', href: paths.shortlist, text: shortlistCount ? `Shortlist (${shortlistCount})` : 'Shortlist' },
  ];
  switch (user?.role) {
    case 'link_worker':
      items.push(
        { key: 'caseload', href: paths.caseload.list, text: 'Caseload' },
        { key: 'referrals', href: paths.referrals.list, text: 'Referrals' },
        { key: 'questionnaires', href: paths.caseload.questionnaires, text: 'Questionnaires due' },
      );
      break;
    case 'connector':
      items.push(
        { key: 'connector', href: paths.connector.home, text: 'Your referrals' },
        { key: 'signposting', href: paths.signposting.log, text: 'Signposting' },
        { key: 'phone', href: paths.phoneLine.home, text: 'Phone line' },
      );
      break;
    case 'provider':
      items.push(
        { key: 'provider', href: paths.provider.dashboard, text: 'Listings' },
        { key: 'inbox', href: paths.inbox.list, text: 'Referrals inbox' },
        { key: 'reports', href: paths.reports.outcomes, text: 'Outcomes' },
        { key: 'manage-walks', href: paths.walks.mine, text: 'Your walks' },
      );
      break;
    case 'coordinator':
      items.push(
        { key: 'coordinator', href: paths.coordinator.dashboard, text: 'Coordination' },
        { key: 'caseload', href: paths.caseload.list, text: 'Scheme caseload' },
        { key: 'reports', href: paths.reports.outcomes, text: 'Reports' },
        { key: 'manage-walks', href: paths.walks.mine, text: 'Walks to publish' },
        { key: 'insight', href: paths.insight.home, text: 'Insight' },
      );
      break;
    case 'commissioner':
      items.push(
        { key: 'dashboard', href: paths.insight.dashboard, text: 'Dashboard' },
        { key: 'reports', href: paths.reports.outcomes, text: 'Outcome reports' },
        { key: 'insight', href: paths.insight.home, text: 'Insight' },
      );
      break;
    case 'buddy':
      items.push({ key: 'volunteering', href: paths.volunteering.home, text: 'Your volunteering' });
      break;
    case 'volunteer_lead':
      items.push({ key: 'volunteers', href: paths.volunteers.list, text: 'Volunteers' }, { key: 'inbox', href: paths.inbox.list, text: 'Referrals inbox' });
      break;
    case 'contributor':
      items.push({ key: 'contribute', href: paths.contribute.yours, text: 'What you added' });
      break;
    case 'admin':
      items.push(
        { key: 'admin', href: paths.admin.home, text: 'Administration' },
        { key: 'coordinator', href: paths.coordinator.dashboard, text: 'Coordination' },
        { key: 'insight', href: paths.insight.home, text: 'Insight' },
      );
      break;
  }
  if (user) items.push({ key: 'account', href: paths.account.home, text: 'Your account' });
  return items;
}
