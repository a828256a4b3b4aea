import { defaultFramework } from './default-framework';
import { Framework, frameworkSchema } from './framework.schema';

/** Every leaf text of the framework with its path, for the bilingual check. */
function texts(node: unknown, path: string): { path: string; fr?: unknown; en?: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => texts(item, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  if ('fr' in record || 'en' in record) return [{ path, fr: record.fr, en: record.en }];
  return Object.entries(record).flatMap(([key, value]) => texts(value, `${path}.${key}`));
}

describe('the readiness framework', () => {
  it('ships a default version that passes validation and covers the required dimensions', () => {
    expect(frameworkSchema.safeParse(defaultFramework).error?.issues ?? []).toEqual([]);
    expect(defaultFramework.dimensions.map((d) => d.key)).toEqual([
      'data-governance', 'data-collection', 'evidence-use', 'digital-tools', 'cybersecurity', 'digital-skills', 'leadership-strategy', 'culture',
    ]);
  });

  it('has every text in both French and English', () => {
    const all = texts(defaultFramework, 'framework');
    expect(all.length).toBeGreaterThan(150);
    const missing = all.filter((t) => typeof t.fr !== 'string' || !t.fr.trim() || typeof t.en !== 'string' || !t.en.trim() || t.fr === t.en && t.fr.length > 12);
    expect(missing).toEqual([]);
  });

  const problems = (framework: Framework) => frameworkSchema.safeParse(framework).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('refuses a version with a missing translation or without its five stages', () => {
    const broken = structuredClone(defaultFramework) as Framework;
    (broken.dimensions[1].questions[0].text as { fr: string; en?: string }).en = undefined;
    broken.stages = broken.stages.slice(0, 4);
    expect(problems(broken)).toEqual([expect.stringMatching(/^stages: /), expect.stringMatching(/^dimensions\.1\.questions\.0\.text\.en: /)]);
  });

  it('refuses a version with a stage that has no guidance', () => {
    const broken = structuredClone(defaultFramework) as Framework;
    broken.dimensions[2].guidance = broken.dimensions[2].guidance.filter((g) => g.stage !== 4);
    expect(problems(broken)).toEqual(['dimensions.2.guidance: dimension evidence-use has no guidance for stage 4']);
  });
});
