import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@ccndr/auth';
import { Caller, ConsortiumRoutes, Route, ValidBody } from '@ccndr/service-kit';
import { NotificationPreferencesService } from './notification-preferences.service';

export const notificationPreferencesBody = z.strictObject({
  gatherings: z.boolean().optional().describe('invitations, changes, cancellations and reminders of gatherings (default on)'),
  engagements: z.boolean().optional().describe('the steps of engagements with service providers (default on)'),
  journey: z.boolean().optional().describe('the readiness journey: invitations to answer a team assessment (default on)'),
  digest: z.boolean().optional().describe('a periodic digest (default off)'),
});

/** The signed-in member's own notification preferences. */
@ConsortiumRoutes('notifications', 'members/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Route('GET', { summary: 'Which messages I receive, per category / Les messages que je reçois, par catégorie' })
  get(@Caller() { consortiumId, principal }: Caller) {
    return this.preferences.mine(consortiumId, principal);
  }

  @Route('PUT', { summary: 'Choose which messages I receive / Choisir les messages que je reçois', description: 'Categories left out keep their setting; a message already queued in a category turned off is not sent.' })
  set(@Caller() { consortiumId, principal }: Caller, @ValidBody(notificationPreferencesBody) body: z.infer<typeof notificationPreferencesBody>) {
    return this.preferences.setMine(consortiumId, principal, body);
  }
}

export const unsubscribeBody = z.strictObject({ token: z.string().min(1).max(300).describe('the token of the link at the foot of a message') });

/** One-click unsubscribe (RFC 8058), called by the portal's /unsubscribe page: no sign-in, the signed token is the authority. */
@ApiTags('notifications')
@Public()
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Route('POST', { summary: 'Stop one category of messages with a message’s signed link / Ne plus recevoir une catégorie de messages, par le lien signé d’un message', status: 200 })
  unsubscribe(@ValidBody(unsubscribeBody) body: z.infer<typeof unsubscribeBody>) {
    return this.preferences.unsubscribe(body.token);
  }
}
