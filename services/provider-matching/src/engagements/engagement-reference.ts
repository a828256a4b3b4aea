/** The fields every engagement event starts with, from an engagements row. */
export function engagementReference(row: { id: string; need_id: string; nonprofit_id: string; provider_id: string }) {
  return { engagementId: row.id, needId: row.need_id, nonprofitId: row.nonprofit_id, providerId: row.provider_id };
}
