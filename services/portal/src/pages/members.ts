import { Api, PageStatus } from './api';
import { PortalContext } from './context';

export interface Member {
  id: string;
  subject: string | null;
  displayName: string;
  organizationId: string;
  organization: { name: string };
}

/** The consortium's members and the signed-in person's own profile, when they have one (a coordinator may not). */
export async function consortiumMembers(api: Api, ctx: PortalContext, consortiumId: string): Promise<{ members: Member[]; me?: Member }> {
  const members: Member[] = await api.get(ctx.session, 'community', `/consortia/${consortiumId}/members`, ctx.lang);
  return { members, me: members.find((m) => m.subject === ctx.session?.subject) };
}

/** The consortium's members, the signed-in person's own profile (linked by their sign-in subject) and their colleagues. */
export async function membersOf(api: Api, ctx: PortalContext, consortiumId: string): Promise<{ members: Member[]; me: Member; colleagues: Member[] }> {
  const { members, me } = await consortiumMembers(api, ctx, consortiumId);
  if (!me) throw new PageStatus(403);
  return { members, me, colleagues: members.filter((m) => m.organizationId === me.organizationId && m.id !== me.id) };
}
