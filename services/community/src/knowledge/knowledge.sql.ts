import { sql } from '@ccndr/persistence';
import type { OfficialLanguage } from '@ccndr/contracts';

export type ItemType = 'thread' | 'reply' | 'resource';
export type Reaction = 'helpful' | 'insightful' | 'thanks';

export const itemById = sql<{ id: string; item_type: ItemType; organization_id: string; circle_id: string | null; thread_id: string | null }, [consortiumId: string, id: string]>(
  `SELECT id, item_type, organization_id, circle_id, thread_id FROM knowledge_items WHERE consortium_id = $1 AND id = $2`,
);

export const insertReaction = sql<{ item_id: string }, [consortiumId: string, itemId: string, memberId: string, reaction: Reaction]>(
  `INSERT INTO reactions (consortium_id, item_id, member_id, reaction) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING item_id`,
);

export const threadById = sql<{ organization_id: string; circle_id: string | null }, [consortiumId: string, id: string]>(
  `SELECT organization_id, circle_id FROM knowledge_items WHERE consortium_id = $1 AND id = $2 AND item_type = 'thread'`,
);

export const insertItem = sql<
  never,
  [
    id: string,
    consortiumId: string,
    itemType: ItemType,
    threadId: string | null,
    circleId: string | null,
    memberId: string,
    organizationId: string,
    title: string | null,
    body: string | null,
    url: string | null,
    language: OfficialLanguage,
    tags: string[],
    involvedOrganizationIds: string[],
    createdAt: Date,
  ]
>(
  `INSERT INTO knowledge_items (id, consortium_id, item_type, thread_id, circle_id, member_id, organization_id, title, body, url, language, tags, involved_organization_ids, created_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
);

export const circleExists = sql<{ found: 1 }, [consortiumId: string, circleId: string]>(`SELECT 1 AS found FROM circles WHERE consortium_id = $1 AND id = $2`);

export interface ItemRow {
  id: string;
  item_type: ItemType;
  thread_id: string | null;
  circle_id: string | null;
  member_id: string;
  organization_id: string;
  title: string | null;
  body: string | null;
  url: string | null;
  language: OfficialLanguage;
  tags: string[];
  involved_organization_ids: string[];
  created_at: Date;
  author_name: string;
  reply_count: number;
}

type ItemFilter = [consortiumId: string, id: string | null, itemType: ItemType | null, threadId: string | null, circleId: string | null, tag: string | null, language: string | null];

const items = (order: 'ASC' | 'DESC') =>
  sql<ItemRow, ItemFilter>(
    `SELECT k.id, k.item_type, k.thread_id, k.circle_id, k.member_id, k.organization_id, k.title, k.body, k.url, k.language, k.tags,
            k.involved_organization_ids, k.created_at, m.display_name AS author_name,
            (SELECT count(*) FROM knowledge_items r WHERE r.thread_id = k.id)::int AS reply_count
     FROM knowledge_items k JOIN members m ON m.consortium_id = k.consortium_id AND m.id = k.member_id
     WHERE k.consortium_id = $1
       AND ($2::uuid IS NULL OR k.id = $2)
       AND ($3::text IS NULL OR k.item_type = $3)
       AND ($4::uuid IS NULL OR k.thread_id = $4)
       AND ($5::uuid IS NULL OR k.circle_id = $5)
       AND ($6::text IS NULL OR $6 = ANY (k.tags))
       AND ($7::text IS NULL OR k.language = $7)
     ORDER BY k.created_at ${order}
     LIMIT 500`,
  );

/** Shared items, every filter optional (null): replies read oldest first, everything else newest first. */
export const knowledgeItems = { oldestFirst: items('ASC'), newestFirst: items('DESC') };

export const reactionCounts = sql<{ item_id: string; reaction: Reaction; n: number }, [itemIds: string[]]>(
  `SELECT item_id, reaction, count(*)::int AS n FROM reactions WHERE item_id = ANY($1::uuid[]) GROUP BY item_id, reaction`,
);
