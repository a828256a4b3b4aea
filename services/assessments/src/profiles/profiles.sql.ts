import { sql } from '@ccndr/persistence';
import type { OrganizationCategory } from '@ccndr/contracts';
import type { AssessmentScore } from '../assessments/scoring';

export const organizationCategory = sql<{ category: OrganizationCategory }, [consortiumId: string, organizationId: string]>(
  `SELECT category FROM organizations WHERE consortium_id = $1 AND organization_id = $2`,
);

/** The latest completed result of each organisation of a category. */
export const latestResultsOfCategory = sql<{ organization_id: string; result: AssessmentScore }, [consortiumId: string, category: OrganizationCategory]>(
  `SELECT DISTINCT ON (a.organization_id) a.organization_id, a.result
   FROM assessments a JOIN organizations o ON o.consortium_id = a.consortium_id AND o.organization_id = a.organization_id
   WHERE a.consortium_id = $1 AND o.category = $2 AND a.completed_at IS NOT NULL
   ORDER BY a.organization_id, a.completed_at DESC`,
);

export const completedAssessments = sql<{ id: string; framework_version: string; completed_at: Date; result: AssessmentScore }, [consortiumId: string, organizationId: string]>(
  `SELECT id, framework_version, completed_at, result FROM assessments WHERE consortium_id = $1 AND organization_id = $2 AND completed_at IS NOT NULL ORDER BY completed_at`,
);
