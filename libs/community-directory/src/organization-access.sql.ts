import { sql } from '@ccndr/persistence';
import type { OrganizationCategory } from '@ccndr/contracts';

/** The active member a sign-in pseudonym belongs to. */
export const memberBySignInKey = sql<{ member_id: string; organization_id: string }, [consortiumId: string, signInKey: string]>(
  `SELECT member_id, organization_id FROM members WHERE consortium_id = $1 AND sign_in_key = $2 AND left_at IS NULL`,
);

export const consortiumKnown = sql<{ known: 1 }, [consortiumId: string]>(`SELECT 1 AS known FROM consortia WHERE consortium_id = $1`);

export const activeOrganizationCategory = sql<{ category: OrganizationCategory }, [consortiumId: string, organizationId: string]>(
  `SELECT category FROM organizations WHERE consortium_id = $1 AND organization_id = $2 AND left_at IS NULL`,
);
