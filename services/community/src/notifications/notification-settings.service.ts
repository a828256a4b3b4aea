import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { query } from '@ccndr/persistence';
import { ConsortiaService } from '../consortia/consortia.service';
import { GatheringNotifications } from './gathering-notifications';
import { saveReminderOffsets } from './notifications.sql';

export interface NotificationSettings {
  consortiumId: string;
  /** Minutes before each gathering, the earliest reminder first. */
  reminderOffsetsMinutes: number[];
}

/** A consortium's notification settings: when its gathering reminders go out. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly consortia: ConsortiaService,
    private readonly notifications: GatheringNotifications,
  ) {}

  async get(consortiumId: string): Promise<NotificationSettings> {
    await this.consortia.require(consortiumId);
    return { consortiumId, reminderOffsetsMinutes: await this.notifications.reminderOffsets(this.db.manager, consortiumId) };
  }

  async set(consortiumId: string, reminderOffsetsMinutes: number[]): Promise<NotificationSettings> {
    const offsets = [...reminderOffsetsMinutes].sort((a, b) => b - a);
    await this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const now = new Date();
      await query(manager, saveReminderOffsets, [consortiumId, offsets, now]);
      // The gatherings to come take the new offsets; a time already past gets no reminder, so none is sent twice.
      await this.notifications.planReminders(manager, consortiumId, randomUUID(), null, now);
    });
    return { consortiumId, reminderOffsetsMinutes: offsets };
  }
}
