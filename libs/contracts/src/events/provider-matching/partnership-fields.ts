import { z } from 'zod';

/** The organisations of a partnership; every partnership event carries them. */
export const partnershipFields = {
  partnershipId: z.uuid(),
  organizationIds: z.array(z.uuid()).min(2),
};

/** What partners record of their collaboration: outcome 4's intensity and frequency. */
export const collaborationKinds = ['joint-initiative', 'shared-resource', 'communication'] as const;
export const collaborationKind = z.enum(collaborationKinds);
export type CollaborationKind = z.infer<typeof collaborationKind>;
