/**
 * The clinician's review of a safety alert through the programme API: "needed" or "false alarm", with an
 * optional reason from a fixed list, on behalf of a clinician who may acknowledge the alert.
 */
import { z } from 'zod';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { NotFoundError } from '../programmes/errors';
import { ProgrammeStore } from '../programmes/programmeStore';
import { alertViewSchema, idSchema, reviewAlertSchema } from '../programmes/schemas';
import { Review, ReviewResult } from '../safety/review/alertReview';
import { ApiRouter, errorBody } from './apiRouter';

/** Records a review as a care-team member (the safety escalation's AlertService). */
export type AlertReviewer = (alertId: string, aadObjectId: string, review: Review) => Promise<ReviewResult>;

const alertParams = z.object({ programmeId: idSchema, alertId: z.string().min(1).max(200) }).strict();
const reviewViewSchema = alertViewSchema.pick({ alertId: true, status: true, reviewOutcome: true, reviewReason: true, reviewedAt: true, reviewedBy: true }).strict();

export function registerAlertReviewApi(api: ApiRouter, options: { store: DocumentStore; programmes: ProgrammeStore; review: AlertReviewer }): void {
  const { store, programmes } = options;
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/alerts/:alertId/review',
    summary: 'Review an alert as needed or a false alarm, on behalf of one of its clinicians (a later review replaces it; all are audited)',
    access: 'programme',
    params: alertParams,
    body: reviewAlertSchema,
    responses: {
      200: { description: 'The review as stored on the alert', schema: reviewViewSchema },
      403: { description: 'That clinician may not review this alert' },
    },
    handler: async ({ params, body }) => {
      const notFound = () => new NotFoundError(`There is no alert "${params.alertId}" in this programme.`);
      const alert = await store.read<{ programmeId?: string }>(CONTAINERS.alerts, params.alertId, params.alertId);
      if (!alert || alert.body.programmeId !== params.programmeId) throw notFound();
      const clinician = await programmes.getClinician(params.programmeId, body.clinicianId);
      if (!clinician) throw new NotFoundError(`There is no clinician "${body.clinicianId}" in this programme.`);
      const { clinicianId: _clinicianId, ...review } = body;
      const result = await options.review(params.alertId, clinician.aadObjectId, review);
      if (result.outcome === 'notFound') throw notFound();
      if (result.outcome === 'refused') {
        return { status: 403, body: errorBody([{ path: 'body.clinicianId', message: 'Only the assigned clinician, the backup, or the on-call once reached can review this alert.' }]) };
      }
      const stored = await store.read<Record<string, unknown>>(CONTAINERS.alerts, params.alertId, params.alertId);
      if (!stored) throw notFound();
      const view = Object.fromEntries(Object.keys(reviewViewSchema.shape).flatMap((key) => (stored.body[key] === undefined ? [] : [[key, stored.body[key]]])));
      return { status: 200, body: reviewViewSchema.parse(view) };
    },
  });
}
