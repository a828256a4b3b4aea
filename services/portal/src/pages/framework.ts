import { Api } from './api';
import { PortalContext } from './context';

/** The consortium's readiness framework, as the assessments service serves it. */
export interface Framework {
  stages?: { stage: number; name: { fr: string; en: string } }[];
  dimensions: { key: string; name: { fr: string; en: string }; questions: { key: string; text: { fr: string; en: string }; options: { key: string; label: { fr: string; en: string } }[] }[] }[];
}

/** A stage by its number and name in the page's language (« 2 – En développement »), never a bare digit. */
export function stageNamer(framework: Framework, ctx: PortalContext): (stage: number) => string {
  return (stage: number) => {
    const name = framework.stages?.find((s) => s.stage === stage)?.name[ctx.lang];
    return name ? ctx.t.stageLabel({ stage, name }) : String(stage);
  };
}

/** The framework's names in the page's language: each dimension's by key, each stage's by number. */
export async function frameworkNames(api: Api, ctx: PortalContext, consortiumId: string): Promise<{ dimensions: Record<string, string>; stage: (stage: number) => string }> {
  const framework = await frameworkOf(api, ctx, consortiumId);
  return { dimensions: namesOf(framework, ctx), stage: stageNamer(framework, ctx) };
}

/** Each readiness dimension's name in the page's language, by key. */
export async function dimensionNames(api: Api, ctx: PortalContext, consortiumId: string): Promise<Record<string, string>> {
  return (await frameworkNames(api, ctx, consortiumId)).dimensions;
}

/** The framework the consortium's new assessments use (the version it has adopted). */
export function frameworkOf(api: Api, ctx: PortalContext, consortiumId: string): Promise<Framework> {
  return api.get(ctx.session, 'assessments', `/consortia/${consortiumId}/framework`, ctx.lang);
}

/** One published version: an assessment's, which stays the one it was started with when the consortium adopts a newer one. */
export function frameworkVersion(api: Api, ctx: PortalContext, version: string): Promise<Framework> {
  return api.get(ctx.session, 'assessments', `/frameworks/${encodeURIComponent(version)}`, ctx.lang);
}

/**
 * The framework an assessment was answered in (its version), so that a profile or a journey drawn
 * from it names its dimensions as that assessment did; the consortium's current one when the
 * version is not known or no longer served.
 */
export async function frameworkAt(api: Api, ctx: PortalContext, consortiumId: string, version: string | null | undefined): Promise<Framework> {
  if (version) {
    const answer = await api.call(ctx.session, 'assessments', 'GET', `/frameworks/${encodeURIComponent(version)}`, undefined, ctx.lang);
    if (answer.status === 200) return answer.body as Framework;
  }
  return frameworkOf(api, ctx, consortiumId);
}

export function namesOf(framework: Framework, ctx: PortalContext): Record<string, string> {
  return Object.fromEntries(framework.dimensions.map((d) => [d.key, d.name[ctx.lang]]));
}
