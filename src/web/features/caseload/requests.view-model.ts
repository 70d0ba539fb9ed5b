import { messageDate } from '../../../domain/message-date.ts';
import { countOf } from '../../../domain/plural.ts';
import type { FhirService } from '../../../services/fhir.service.ts';
import type { LinkWorkerRequestService } from '../../../services/link-worker-request.service.ts';
import { paths } from '../../paths.ts';

type Waiting = Awaited<ReturnType<LinkWorkerRequestService['queue']>>;

/** "People asking to talk to a link worker" on the caseload page, oldest first, with how long each has waited. */
export function requestRows(waiting: Waiting) {
  return waiting.map((r) => ({
    id: r.id,
    name: r.preferredName,
    needs: r.needs.join(', '),
    note: r.note,
    asked: messageDate(r.createdAt),
    waited: r.waitedWorkingDays === 0 ? 'Asked today' : `${countOf(r.waitedWorkingDays, 'working day')}`,
    overdue: r.overdue,
    takeAction: paths.caseload.takeRequest(r.id),
    closeAction: paths.caseload.closeRequest(r.id),
  }));
}

/** "Referrals sent by other systems" (decision 051): drafts waiting for a link worker to take, oldest first. */
export function receivedRows(received: Awaited<ReturnType<FhirService['waiting']>>) {
  return received.map((r) => ({
    name: r.preferredName,
    activity: r.activityTitle,
    sender: r.senderName,
    received: messageDate(r.receivedAt),
    takeAction: paths.referrals.takeReceived(r.referralId),
  }));
}
