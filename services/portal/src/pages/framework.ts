import { Api } from './api';
import { PortalContext } from './context';

/** The consortium's readiness framework, as the assessments service serves it. */
export interface Framework {
  stages?: { stage: number; name: { fr: string; en: string } }[];
  dimensions: { key: string; name: { fr: string; en: string }; questions: { key: string; text: { fr: string; en: string }; options: { key: string; label: { fr: string; en: string } }[] }[] }[];
}

/** Each readiness dimension's name in the page's language, by key. */
export async function dimensionNames(api: Api, ctx: PortalContext, consortiumId: string): Promise<Record<string, string>> {
  return namesOf(await frameworkOf(api, ctx, consortiumId), ctx);
}

export function frameworkOf(api: Api, ctx: PortalContext, consortiumId: string): Promise<Framework> {
  return api.get(ctx.session, 'assessments', `/consortia/${consortiumId}/framework`, ctx.lang);
}

export function namesOf(framework: Framework, ctx: PortalContext): Record<string, string> {
  return Object.fromEntries(framework.dimensions.map((d) => [d.key, d.name[ctx.lang]]));
}
