import { ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { memberRole, organizationCategory, provinceOrTerritory } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { includeLeftQuery } from '../organizations/organizations.controller';
import { MembersService } from './members.service';

const profile = {
  organizationId: z.uuid(),
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable(),
  role: memberRole,
  expertise: z.array(z.string().trim().min(1).max(60)).max(30),
  /** The `sub` of the person's sign-in token, linking them to this profile. */
  subject: z.string().trim().min(1).max(255).nullable(),
};

export const joinMemberBody = z.strictObject({ ...profile, email: profile.email.default(null), expertise: profile.expertise.default([]), subject: profile.subject.default(null) });

export const updateMemberBody = z
  .strictObject(profile)
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { ...schemaMessage('field.nothing-to-change', 'give at least one field to change', 'indiquez au moins un champ à modifier') });

export const directoryQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional().describe('part of a name or organization name'),
  organizationId: z.uuid().optional(),
  category: organizationCategory.optional(),
  provinceOrTerritory: provinceOrTerritory.optional(),
  expertise: z.string().trim().min(1).max(60).optional(),
  includeLeft: includeLeftQuery,
});

/** A directory entry as the API answers it (documentation of the response). */
const contactOnly = 'only for coordinators and the member themself; left out for anyone else';
export const directoryEntry = z.strictObject({
  id: z.uuid(),
  consortiumId: z.uuid(),
  organizationId: z.uuid(),
  displayName: z.string(),
  email: z.string().nullable().optional().describe(`e-mail: ${contactOnly}`),
  role: memberRole,
  subject: z.string().nullable().optional().describe(`the sign-in subject linked to the profile: ${contactOnly}`),
  expertise: z.array(z.string()),
  joinedAt: z.iso.datetime(),
  leftAt: z.iso.datetime().nullable(),
  organization: z.strictObject({ name: z.string(), category: organizationCategory, provinceOrTerritory: provinceOrTerritory.nullable() }),
});
const openApiOutput = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as any;

@ConsortiumRoutes('members', 'members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Route('POST', { summary: 'A person joins on behalf of an organization / Une personne se joint au nom d’une organisation', roles: ['coordinator'] })
  join(@ConsortiumId() consortiumId: string, @ValidBody(joinMemberBody) body: z.infer<typeof joinMemberBody>) {
    return this.members.join(consortiumId, body);
  }

  @Route('GET', { summary: 'Member directory: search by name, organization, category, province, expertise / Répertoire des membres' })
  @ApiOkResponse({ description: 'e-mail and subject only for coordinators and the member themself / courriel et sujet pour la coordination et la personne elle-même seulement', schema: { type: 'array', items: openApiOutput(directoryEntry) } })
  directory(@Caller() { consortiumId, principal }: Caller, @ValidQuery(directoryQuery) query: z.infer<typeof directoryQuery>) {
    return this.members.directory(consortiumId, query, principal);
  }

  @Route('GET', ':memberId', { summary: 'A member / Un membre' })
  @ApiOkResponse({ description: 'e-mail and subject only for coordinators and the member themself / courriel et sujet pour la coordination et la personne elle-même seulement', schema: openApiOutput(directoryEntry) })
  get(@Caller() { consortiumId, principal }: Caller, @IdParam('memberId') memberId: string) {
    return this.members.get(consortiumId, memberId, principal);
  }

  @Route('PATCH', ':memberId', { summary: 'Update a member / Modifier un membre', roles: ['coordinator'] })
  update(@ConsortiumId() consortiumId: string, @IdParam('memberId') memberId: string, @ValidBody(updateMemberBody) body: z.infer<typeof updateMemberBody>) {
    return this.members.update(consortiumId, memberId, body);
  }

  @Route('DELETE', ':memberId', { summary: 'The member leaves / Le membre quitte le consortium', roles: ['coordinator'] })
  leave(@ConsortiumId() consortiumId: string, @IdParam('memberId') memberId: string) {
    return this.members.leave(consortiumId, memberId);
  }
}
