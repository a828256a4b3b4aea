import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TargetChangedV1 } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { indicatorDefinition } from '@ccndr/indicators';
import { statusOf, Target, targetOf } from './indicator';
import { IndicatorsService, IndicatorView } from './indicators.service';
import { sectionMask, sectionOf } from './sections';
import { markStaleNow } from './stale-marks.sql';
import { deleteTarget, saveTarget } from './targets.sql';

/** Coordinators set their consortium's own target for an indicator (or go back to the default); the change is an event. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly indicators: IndicatorsService,
  ) {}

  /**
   * The target saved and the change recorded; the indicator's section is marked stale for the
   * refresher, as an event would (no recomputation in the request). The answer is the indicator
   * with its new target and the status that target gives its current value: what the refresher
   * will store.
   */
  async set(consortiumId: string, key: string, target: Target | null): Promise<IndicatorView> {
    const current = await this.indicators.get(consortiumId, key); // 404 for an unknown consortium or indicator
    const startedAt = await this.db.transaction(async (manager) => {
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
      await query(manager, markStaleNow, [[consortiumId], [event.id], [sectionMask([sectionOf(key)])]]);
      return this.indicators.startOf(manager, consortiumId);
    });
    // None of the consortium's own: the programme's default.
    const applied = target ? targetOf(target.comparison, target.value, target.max ?? null, target.dueOn ?? null) : (indicatorDefinition(key).target && { ...indicatorDefinition(key).target! });
    return { ...current, target: applied, status: statusOf(applied, current.value, { startedAt, now: new Date() }) };
  }
}
