import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { officialLanguage, reactionKind } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
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
const participants = ['coordinator', 'member', 'provider', 'advisor'] as const;

@ApiTags('knowledge')
@Controller('consortia/:consortiumId')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post('threads')
  @Roles(...participants)
  @ApiOperation({ summary: 'Start a discussion, in a circle or the whole consortium / Lancer une discussion' })
  @ApiBody(openApiBody(startThreadBody))
  startThread(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(startThreadBody)) body: z.infer<typeof startThreadBody>) {
    return this.knowledge.startThread(consortiumId, principal, body);
  }

  @Get('threads')
  @ApiOperation({ summary: 'Discussions / Discussions' })
  @ApiQuery({ name: 'circleId', required: false })
  threads(@Param('consortiumId') consortiumId: string, @Query(new ZodPipe(threadsQuery)) query: z.infer<typeof threadsQuery>) {
    return this.knowledge.threads(consortiumId, query.circleId);
  }

  @Get('threads/:threadId')
  @ApiOperation({ summary: 'A discussion with its replies / Une discussion et ses réponses' })
  thread(@Param('consortiumId') consortiumId: string, @Param('threadId', new ZodPipe(uuidParam, 'threadId')) threadId: string) {
    return this.knowledge.thread(consortiumId, threadId);
  }

  @Post('threads/:threadId/replies')
  @Roles(...participants)
  @ApiOperation({ summary: 'Reply to a discussion / Répondre à une discussion' })
  @ApiBody(openApiBody(replyBody))
  reply(
    @Param('consortiumId') consortiumId: string,
    @Param('threadId', new ZodPipe(uuidParam, 'threadId')) threadId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(replyBody)) body: z.infer<typeof replyBody>,
  ) {
    return this.knowledge.reply(consortiumId, principal, threadId, body);
  }

  @Post('resources')
  @Roles(...participants)
  @ApiOperation({ summary: 'Share a resource (title, link, language, tags) / Partager une ressource' })
  @ApiBody(openApiBody(shareResourceBody))
  shareResource(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(shareResourceBody)) body: z.infer<typeof shareResourceBody>) {
    return this.knowledge.shareResource(consortiumId, principal, body);
  }

  @Get('resources')
  @ApiOperation({ summary: 'Shared resources / Ressources partagées' })
  @ApiQuery({ name: 'circleId', required: false })
  @ApiQuery({ name: 'tag', required: false })
  @ApiQuery({ name: 'language', required: false, enum: ['fr', 'en'] })
  resources(@Param('consortiumId') consortiumId: string, @Query(new ZodPipe(resourcesQuery)) query: z.infer<typeof resourcesQuery>) {
    return this.knowledge.resources(consortiumId, query);
  }

  @Post('knowledge/:itemId/reactions')
  @Roles(...participants)
  @ApiOperation({ summary: 'React to a discussion, reply or resource / Réagir à un contenu' })
  @ApiBody(openApiBody(reactBody))
  react(
    @Param('consortiumId') consortiumId: string,
    @Param('itemId', new ZodPipe(uuidParam, 'itemId')) itemId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(reactBody)) body: z.infer<typeof reactBody>,
  ) {
    return this.knowledge.react(consortiumId, principal, itemId, body.reaction);
  }
}
