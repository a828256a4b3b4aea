import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { officialLanguage, reactionKind } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { KnowledgeService } from './knowledge.service';

const text = z.string().trim().min(1).max(20_000);

export const startThreadBody = z.strictObject({
  circleId: z.uuid().nullable().default(null),
  title: z.string().trim().min(1).max(300),
  body: text,
  language: officialLanguage,
});
export const replyBody = z.strictObject({ body: text, language: officialLanguage });
export const shareResourceBody = z.strictObject({
  circleId: z.uuid().nullable().default(null),
  title: z.string().trim().min(1).max(300),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  language: officialLanguage,
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});
export const reactBody = z.strictObject({ reaction: reactionKind });
export const threadsQuery = z.strictObject({ circleId: z.uuid().optional() });
export const resourcesQuery = z.strictObject({ circleId: z.uuid().optional(), tag: z.string().trim().min(1).max(60).optional(), language: officialLanguage.optional() });

/** Sharing and reacting are done in one's own name: the caller must be linked to a member profile. */
@ConsortiumRoutes('knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Route('POST', 'threads', { summary: 'Start a discussion, in a circle or the whole consortium / Lancer une discussion', roles: participantRoles })
  startThread(@Caller() { consortiumId, principal }: Caller, @ValidBody(startThreadBody) body: z.infer<typeof startThreadBody>) {
    return this.knowledge.startThread(consortiumId, principal, body);
  }

  @Route('GET', 'threads', { summary: 'Discussions / Discussions' })
  threads(@ConsortiumId() consortiumId: string, @ValidQuery(threadsQuery) query: z.infer<typeof threadsQuery>) {
    return this.knowledge.threads(consortiumId, query.circleId);
  }

  @Route('GET', 'threads/:threadId', { summary: 'A discussion with its replies / Une discussion et ses réponses' })
  thread(@ConsortiumId() consortiumId: string, @IdParam('threadId') threadId: string) {
    return this.knowledge.thread(consortiumId, threadId);
  }

  @Route('POST', 'threads/:threadId/replies', { summary: 'Reply to a discussion / Répondre à une discussion', roles: participantRoles })
  reply(@Caller() { consortiumId, principal }: Caller, @IdParam('threadId') threadId: string, @ValidBody(replyBody) body: z.infer<typeof replyBody>) {
    return this.knowledge.reply(consortiumId, principal, threadId, body);
  }

  @Route('POST', 'resources', { summary: 'Share a resource (title, link, language, tags) / Partager une ressource', roles: participantRoles })
  shareResource(@Caller() { consortiumId, principal }: Caller, @ValidBody(shareResourceBody) body: z.infer<typeof shareResourceBody>) {
    return this.knowledge.shareResource(consortiumId, principal, body);
  }

  @Route('GET', 'resources', { summary: 'Shared resources / Ressources partagées' })
  resources(@ConsortiumId() consortiumId: string, @ValidQuery(resourcesQuery) query: z.infer<typeof resourcesQuery>) {
    return this.knowledge.resources(consortiumId, query);
  }

  @Route('POST', 'knowledge/:itemId/reactions', { summary: 'React to a discussion, reply or resource / Réagir à un contenu', roles: participantRoles })
  react(@Caller() { consortiumId, principal }: Caller, @IdParam('itemId') itemId: string, @ValidBody(reactBody) body: z.infer<typeof reactBody>) {
    return this.knowledge.react(consortiumId, principal, itemId, body.reaction);
  }
}
