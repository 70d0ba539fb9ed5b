import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { registerHomeRoutes } from './features/home/home.routes.ts';
import { registerAccountRoutes } from './features/account/account.routes.ts';
import { registerProviderRoutes } from './features/provider/provider.routes.ts';
import { registerCoordinatorRoutes } from './features/coordinator/coordinator.routes.ts';
import { registerSearchRoutes } from './features/search/search.routes.ts';
import { registerActivityRoutes } from './features/activity/activity.routes.ts';
import { registerShortlistRoutes } from './features/shortlist/shortlist.routes.ts';
import { registerDoorstepRoutes } from './features/doorstep/doorstep.routes.ts';
import { registerMapRoutes } from './features/map/map.routes.ts';
import { registerGpSummaryRoutes } from './features/gp-summary/gp-summary.routes.ts';
import { registerOverdueReferralRoutes } from './features/overdue-referrals/overdue-referrals.routes.ts';
import { registerLetterRoutes } from './features/letters/letters.routes.ts';
import { registerReferralRoutes } from './features/referrals/referrals.routes.ts';
import { registerInboxRoutes } from './features/inbox/inbox.routes.ts';
import { registerSelfReferralRoutes } from './features/self-referral/self-referral.routes.ts';
import { registerConnectorRoutes } from './features/connector/connector.routes.ts';
import { registerMatchingRoutes } from './features/matching/matching.routes.ts';
import { registerCaseloadRoutes } from './features/caseload/caseload.routes.ts';
import { registerPromptRoutes } from './features/prompts/prompts.routes.ts';
import { registerSearchSynonymRoutes } from './features/search-synonyms/search-synonyms.routes.ts';
import { registerBuddySchemeRoutes } from './features/buddy-schemes/buddy-schemes.routes.ts';
import { registerAdminRoutes } from './features/admin/admin.routes.ts';
import { registerVolunteerRoutes } from './features/volunteers/volunteers.routes.ts';

import { registerQuestionnaireRoutes } from './features/questionnaires/questionnaires.routes.ts';
import { registerReportRoutes } from './features/reports/reports.routes.ts';

/** Each journey registers its own routes; this list is the whole web surface. */
export async function registerWebRoutes(app: FastifyInstance, services: Services, config: Config) {
  registerHomeRoutes(app, services);
  registerAccountRoutes(app, services, config);
  await registerProviderRoutes(app, services);
  await registerCoordinatorRoutes(app, services);
  registerSearchRoutes(app, services);
  registerActivityRoutes(app, services, config);
  registerShortlistRoutes(app, services, config);
  registerDoorstepRoutes(app, services);
  registerMapRoutes(app, services);
  registerGpSummaryRoutes(app, services);
  registerOverdueReferralRoutes(app, services);
  registerLetterRoutes(app, services);
  registerReferralRoutes(app, services);
  registerInboxRoutes(app, services);
  registerSelfReferralRoutes(app, services, config);
  registerConnectorRoutes(app, services);
  registerMatchingRoutes(app, services);
  await registerCaseloadRoutes(app, services);
  await registerPromptRoutes(app, services);
  await registerSearchSynonymRoutes(app, services);
  await registerBuddySchemeRoutes(app, services);
  await registerAdminRoutes(app, services);
  await registerQuestionnaireRoutes(app, services);
  await registerReportRoutes(app, services);
  registerVolunteerRoutes(app, services);
}
