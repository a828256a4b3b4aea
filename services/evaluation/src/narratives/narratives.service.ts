import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@ccndr/contracts';
import { Database, query } from '@ccndr/persistence';
import { Narrative, NarrativePeriod, NarrativeSection } from './narrative';
import { insertNarrative, knownConsortium, latestNarratives, lockNarrative, NarrativeRow, narrativeVersions } from './narratives.sql';

/**
 * The coordinator's narratives: each write is a new version, none is changed or deleted. Free text
 * written by a person: kept here, never put in an event.
 */
@Injectable()
export class NarrativesService {
  constructor(private readonly db: DataSource) {}

  async write(consortiumId: string, period: NarrativePeriod, section: NarrativeSection, text: { fr: string | null; en: string | null }, writtenBy: string): Promise<Narrative> {
    await this.known(consortiumId);
    return this.db.transaction(async (manager) => {
      await query(manager, lockNarrative, [`narratives:${consortiumId}:${section}:${period.from ?? ''}:${period.to ?? ''}`]);
      const [row] = await query(manager, insertNarrative, [consortiumId, period.from, period.to, section, text.fr, text.en, new Date(), writtenBy]);
      return narrative(row);
    });
  }

  /** The latest version of each section written for the period (sections never written are absent). */
  async latest(consortiumId: string, period: NarrativePeriod, db: Database = this.db): Promise<Narrative[]> {
    return (await query(db, latestNarratives, [consortiumId, period.from, period.to])).map(narrative);
  }

  async versions(consortiumId: string, period: NarrativePeriod, section: NarrativeSection): Promise<Narrative[]> {
    await this.known(consortiumId);
    return (await query(this.db, narrativeVersions, [consortiumId, period.from, period.to, section])).map(narrative);
  }

  /** Not yet known to evaluation (its creation event still on its way): a 404, as the report answers. */
  private async known(consortiumId: string): Promise<void> {
    const [{ known }] = await query(this.db, knownConsortium, [consortiumId]);
    if (!known) throw new DomainError('consortium.not-found');
  }
}

function narrative(row: NarrativeRow): Narrative {
  return {
    section: row.section,
    period: { from: row.period_from, to: row.period_to },
    version: row.version,
    fr: row.text_fr,
    en: row.text_en,
    writtenAt: row.written_at.toISOString(),
  };
}
