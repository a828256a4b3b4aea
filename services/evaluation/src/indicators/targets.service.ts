import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TargetChangedV1 } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { Target } from './indicator';
import { IndicatorsService } from './indicators.service';
import { lockIndicators, refreshIndicators } from './refresh';
import { deleteTarget, saveTarget } from './targets.sql';

/** Coordinators set their consortium's own target for an indicator (or go back to the default); the change is an event. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly indicators: IndicatorsService,
  ) {}

  async set(consortiumId: string, key: string, target: Target | null) {
    await this.indicators.get(consortiumId, key); // 404 for an unknown consortium or indicator
    await this.db.transaction(async (manager) => {
      const changedAt = new Date();
      if (target) {
        await query(manager, saveTarget, [consortiumId, key, target.comparison, target.value, target.max ?? null, target.dueOn ?? null, changedAt]);
      } else {
        await query(manager, deleteTarget, [consortiumId, key]);
      }
      const [event] = await this.outbox.append(manager, consortiumId, TargetChangedV1, {
        indicatorKey: key,
        target: target ? { comparison: target.comparison, value: target.value, max: target.max ?? null, dueOn: target.dueOn ?? null } : null,
        changedAt: changedAt.toISOString(),
      });
      // Recomputed at once: the answer shows the indicator with its new target.
      await lockIndicators(manager, consortiumId);
      await refreshIndicators(manager, consortiumId, event.id);
    });
    return this.indicators.get(consortiumId, key);
  }
}
