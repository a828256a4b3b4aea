import { z } from 'zod';
import { reminderOffsetMinutes } from '@ccndr/contracts';
import { ConsortiumId, ConsortiumRoutes, Route, schemaMessage, ValidBody } from '@ccndr/service-kit';
import { NotificationSettingsService } from './notification-settings.service';

export const notificationSettingsBody = z.strictObject({
  /** When reminders go out before each gathering, in minutes; none, one, two or three of them. */
  reminderOffsetsMinutes: z
    .array(reminderOffsetMinutes)
    .max(3)
    .refine((offsets) => new Set(offsets).size === offsets.length, { ...schemaMessage('field.repeated', 'must not repeat an offset', 'ne doit pas répéter un délai') })
    .describe('minutes before each gathering starts when a reminder is sent (5 to 20160, at most 3; [] for none); default [1440, 60]'),
});

@ConsortiumRoutes('notifications', 'notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Route('GET', { summary: 'When gathering reminders are sent / Quand les rappels de rencontre sont envoyés' })
  get(@ConsortiumId() consortiumId: string) {
    return this.settings.get(consortiumId);
  }

  @Route('PUT', {
    summary: 'Set when gathering reminders are sent / Régler quand les rappels de rencontre sont envoyés',
    description: 'The gatherings to come take the new offsets at once (an offset already past gets no reminder).',
    roles: ['coordinator'],
  })
  set(@ConsortiumId() consortiumId: string, @ValidBody(notificationSettingsBody) body: z.infer<typeof notificationSettingsBody>) {
    return this.settings.set(consortiumId, body.reminderOffsetsMinutes);
  }
}
