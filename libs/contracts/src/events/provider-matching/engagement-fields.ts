import { z } from 'zod';

/** Who an engagement joins and for which need; every engagement event carries it. */
export const engagementFields = {
  engagementId: z.uuid(),
  needId: z.uuid(),
  nonprofitId: z.uuid(),
  providerId: z.uuid(),
};

/** Why a provider declined a request: the matching uses the reason (see docs/matching.md). */
export const declineReasons = ['no-capacity', 'outside-expertise', 'language', 'region', 'budget', 'timing', 'other'] as const;
export const declineReason = z.enum(declineReasons);
export type DeclineReason = z.infer<typeof declineReason>;

export const cancelReasons = ['need-met-elsewhere', 'no-staff-time', 'scope-disagreement', 'provider-unavailable', 'other'] as const;
export const cancelReason = z.enum(cancelReasons);
export type CancelReason = z.infer<typeof cancelReason>;

/** The two payments that keep a partner engaged through a whole project: at kick-off and at completion. */
export const paymentMilestones = ['kick-off', 'completion'] as const;
export const paymentMilestone = z.enum(paymentMilestones);
export type PaymentMilestone = z.infer<typeof paymentMilestone>;

export const engagementSide = z.enum(['nonprofit', 'provider']);
export type EngagementSide = z.infer<typeof engagementSide>;
