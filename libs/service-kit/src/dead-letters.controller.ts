import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainError, say } from '@ccndr/contracts';
import { DeadLetterStore } from '@ccndr/messaging';
import { Route, ValidBody, ValidQuery } from './endpoints';
import { ZodPipe } from './validation';

const sequence = z.coerce.number().int().positive();
export const deadLettersQuery = z.strictObject({ consumer: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const redriveBody = z.strictObject({
  /** Dead letters to redrive by sequence; all of this service's (up to 1,000) when absent. */
  sequences: z.array(z.number().int().positive()).min(1).max(1000).optional(),
});
export const redriveOneBody = z.strictObject({
  /** The corrected event (same id) to apply instead of the one that was dead-lettered. */
  event: z.record(z.string(), z.unknown()).optional(),
});

const notFound = () => new DomainError('dead-letter.not-found', { detail: say('no dead letter of this service has this sequence', 'aucune lettre morte de ce service ne porte ce numéro') });

/** The operator's view of the events this service's consumers gave up on: list, inspect, redrive. */
@ApiTags('operations')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterStore) {}

  @Route('GET', { summary: 'Dead letters of this service’s consumers, oldest first / Lettres mortes du service', roles: ['platform-admin'] })
  list(@ValidQuery(deadLettersQuery) query: z.infer<typeof deadLettersQuery>) {
    return this.deadLetters.list(query);
  }

  @Route('GET', ':sequence', { summary: 'One dead letter, with its event and the reason / Une lettre morte', roles: ['platform-admin'] })
  async get(@Param('sequence', new ZodPipe(sequence, 'sequence')) seq: number) {
    const letter = await this.deadLetters.get(seq);
    if (!letter) throw notFound();
    return letter;
  }

  @Route('POST', 'redrive', { summary: 'Apply dead letters again, once what stopped them is fixed / Réappliquer des lettres mortes', roles: ['platform-admin'], status: 200 })
  async redrive(@ValidBody(redriveBody) body: z.infer<typeof redriveBody>) {
    const sequences = body.sequences ?? (await this.deadLetters.list({ limit: 1000 })).map((letter) => letter.sequence);
    const outcomes = [];
    for (const seq of sequences) outcomes.push((await this.deadLetters.redrive(seq)) ?? { sequence: seq, outcome: 'not-found' as const });
    return { outcomes };
  }

  @Route('POST', ':sequence/redrive', { summary: 'Apply one dead letter again, as it is or corrected / Réappliquer une lettre morte, telle quelle ou corrigée', roles: ['platform-admin'], status: 200 })
  async redriveOne(@Param('sequence', new ZodPipe(sequence, 'sequence')) seq: number, @ValidBody(redriveOneBody) body: z.infer<typeof redriveOneBody>) {
    const outcome = await this.deadLetters.redrive(seq, body.event);
    if (!outcome) throw notFound();
    return outcome;
  }
}
