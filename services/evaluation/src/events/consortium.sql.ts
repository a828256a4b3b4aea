import { BatchWrite } from '@ccndr/messaging';

export const consortia: BatchWrite<{ consortiumId: string; defaultLanguage: string; createdAt: string }> = {
  statement: `INSERT INTO consortia (consortium_id, default_language, created_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'defaultLanguage', 'createdAt'],
};
