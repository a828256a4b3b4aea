import { z } from 'zod';
import { maxPartitions, partitionedConsumers, PartitionLeases1764000018100 } from '@ccndr/messaging';
import { ServiceSpec } from '@ccndr/service-kit';
import { EvaluationFoundation1764000004000 } from './migrations/1764000004000-evaluation-foundation';
import { AssessmentsCompleted1764000005000 } from './migrations/1764000005000-assessments-completed';
import { Partnerships1764000006000 } from './migrations/1764000006000-partnerships';
import { OutcomeFacts1764000007000 } from './migrations/1764000007000-outcome-facts';
import { Targets1764000008000 } from './migrations/1764000008000-targets';
import { ConsortiumWalls1764000009000 } from './migrations/1764000009000-consortium-walls';
import { StaleIndicators1764000010000 } from './migrations/1764000010000-stale-indicators';
import { AttendanceWithdrawals1764000011000 } from './migrations/1764000011000-attendance-withdrawals';
import { FeedbackOrganizations1764000012000 } from './migrations/1764000012000-feedback-organizations';
import { IndicatorClock1764000013000 } from './migrations/1764000013000-indicator-clock';
import { ReportNames1764000013100 } from './migrations/1764000013100-report-names';
import { SuppressedIndicators1764000013200 } from './migrations/1764000013200-suppressed-indicators';
import { Narratives1764000013300 } from './migrations/1764000013300-narratives';
import { PeriodTimes1764000014000 } from './migrations/1764000014000-period-times';
import { ProgrammeView1764000014100 } from './migrations/1764000014100-programme-view';
import { GatheringReminders1764000015000 } from './migrations/1764000015000-gathering-reminders';
import { GatheringRollups1764000017100 } from './migrations/1764000017100-gathering-rollups';
import { PeriodIndexes1764000016000 } from './migrations/1764000016000-period-indexes';
import { IndicatorDigests1764000018000 } from './migrations/1764000018000-indicator-digests';
import { SurveyAndMembershipRollups1764000018010 } from './migrations/1764000018010-survey-and-membership-rollups';
import { SectionMarks1764000018200 } from './migrations/1764000018200-section-marks';
import { refreshStaleIndicators } from './indicators/refresh';
import { staleIndicatorsBacklog } from './indicators/stale-marks';

/**
 * Durable consumer of every platform event: one filter subject, so it works on NATS 2.9. With
 * EVALUATION_PARTITIONS above 1, one durable per partition (`evaluation-<k>`), each applied by one
 * replica at a time (docs/scaling.md#evaluation-partitions).
 */
export const evaluationConsumer = 'evaluation';

/** How many partitions the consortia are split into (EVALUATION_PARTITIONS): 1 keeps the one shared consumer. */
export function evaluationPartitions(settings: Record<string, string | undefined>): number {
  return z.coerce.number().int().min(1).max(maxPartitions).default(1).parse(settings.EVALUATION_PARTITIONS || undefined);
}

export const evaluationService: ServiceSpec = {
  name: 'evaluation',
  defaultPort: 3004,
  title: { en: 'Programme evaluation', fr: 'Évaluation du programme' },
  entities: [],
  migrations: [EvaluationFoundation1764000004000, AssessmentsCompleted1764000005000, Partnerships1764000006000, OutcomeFacts1764000007000, Targets1764000008000, ConsortiumWalls1764000009000, StaleIndicators1764000010000, AttendanceWithdrawals1764000011000, FeedbackOrganizations1764000012000, IndicatorClock1764000013000, ReportNames1764000013100, SuppressedIndicators1764000013200, Narratives1764000013300, PeriodTimes1764000014000, ProgrammeView1764000014100, GatheringReminders1764000015000, PeriodIndexes1764000016000, GatheringRollups1764000017100, IndicatorDigests1764000018000, SurveyAndMembershipRollups1764000018010, PartitionLeases1764000018100, SectionMarks1764000018200],
  consumers: (topology, settings) => partitionedConsumers(evaluationConsumer, topology.eventsSubjects, evaluationPartitions(settings)),
  // Everything is a projection of the stream except what coordinators set or write (targets,
  // narratives, which no event carries, and the benchmark opt-in): carried over as they are. The replayed facts' indicators
  // are computed before the rebuilt schema goes live.
  refreshBacklog: staleIndicatorsBacklog,
  rebuild: {
    keep: ['targets', 'narratives', 'programme_benchmark'],
    settle: async (db, schema) => {
      while ((await refreshStaleIndicators(db, schema)) > 0);
    },
  },
};
