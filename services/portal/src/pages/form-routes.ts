/**
 * Every form the portal's pages post to (each POST route of its page controllers; the proxy's
 * /api/… routes answer JSON, not pages). form-routes.spec.ts checks that this list is complete,
 * and the portal-forms e2e spec posts invalid values to each of them and reads the page that
 * comes back: no field key, schema word or text of the other language.
 */
export const formRoutes = [
  '/sign-in',
  '/sign-out',
  '/c/:consortiumId/gatherings',
  '/c/:consortiumId/gatherings/:gatheringId/attendance',
  '/c/:consortiumId/gatherings/:gatheringId/registrations',
  '/c/:consortiumId/gatherings/:gatheringId/attendance/import',
  '/c/:consortiumId/circles',
  '/c/:consortiumId/circles/:circleId/members',
  '/c/:consortiumId/models/:modelId/:what',
  '/c/:consortiumId/surveys',
  '/c/:consortiumId/surveys/:surveyId/answer',
  '/c/:consortiumId/narratives/:section',
  '/c/:consortiumId/organizations/:organizationId',
  '/c/:consortiumId/programme-benchmark',
  '/c/:consortiumId/periods',
  '/c/:consortiumId/periods/:periodId/restatements',
  '/c/:consortiumId/partnerships',
  '/c/:consortiumId/partnerships/:partnershipId/:step',
  '/c/:consortiumId/engagements/:engagementId/payments/:milestone',
  '/c/:consortiumId/engagements/:engagementId/:step',
  '/c/:consortiumId/assessments',
  '/c/:consortiumId/assessments/:assessmentId/steps/:step',
  '/c/:consortiumId/assessments/:assessmentId/submit',
  '/c/:consortiumId/organization/journey/:milestoneId',
  '/c/:consortiumId/organization/journey/:milestoneId/due',
  '/c/:consortiumId/needs',
  '/c/:consortiumId/needs/:needId/confirm',
  '/c/:consortiumId/needs/:needId/introductions',
  '/c/:consortiumId/requests/:engagementId',
  '/c/:consortiumId/provider-profile',
  '/c/:consortiumId/notifications',
  '/unsubscribe',
] as const;

export type FormRoute = (typeof formRoutes)[number];
