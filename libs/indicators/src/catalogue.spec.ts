import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { organizationCategories } from '@ccndr/contracts';
import { catalogueMarkdown, evaluationDocFile, withCatalogueTable } from './catalogue-doc';
import { codesignOrganizationsKey, indicatorCatalogue, indicatorDefinition, indicatorLabel, outcomes, prototypes, suppressedFigureText, suppressSmallCount, withheldFigureText, withheldFrom } from './catalogue';

/** The programme report's facts, in structured form (the copy the demo seeds from). */
const reportFacts = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'tools', 'demo', 'consortium-facts.json'), 'utf8'));

describe('indicator catalogue', () => {
  it('names each indicator once, in both languages, under an outcome it describes', () => {
    const keys = indicatorCatalogue.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of indicatorCatalogue) {
      for (const text of [d.label, d.definition]) {
        expect(text.fr.trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
        expect(text.fr).not.toBe(text.en);
      }
      expect(outcomes.some((o) => o.outcome === d.outcome)).toBe(true);
      expect(d.key.startsWith(d.outcome === null ? 'readiness.' : `o${d.outcome}.`)).toBe(true);
    }
  });

  it('holds the default targets of the programme report', () => {
    const targets = reportFacts.targets;
    for (const category of organizationCategories) {
      expect(indicatorDefinition(`o1.active-organizations.${category}`).target).toEqual({ comparison: 'at-least', value: targets['o1.active-organizations'][category] });
    }
    expect(indicatorDefinition('o1.meeting-participants').target).toEqual({ comparison: 'more-than', value: targets['o1.meeting-participants']['more-than'] });
    // The report applies the co-design target to each prototype apart.
    for (const prototype of prototypes) {
      expect(indicatorDefinition(codesignOrganizationsKey(prototype)).target).toEqual({ comparison: 'between', value: targets['o2.codesign-organizations'].min, max: targets['o2.codesign-organizations'].max });
    }
    expect(() => indicatorDefinition('o2.codesign-organizations')).toThrow('not in the catalogue');
    expect(indicatorDefinition('o3.models-proposed').target).toEqual({ comparison: 'at-least', value: targets['o3.models-proposed'].min });
    const withTargets = indicatorCatalogue.filter((d) => d.target).map((d) => d.key);
    expect(withTargets).toHaveLength(organizationCategories.length + prototypes.length + 2);
  });

  it('suppresses the survey figures, attendance with and without a reminder, the working groups’ counts, the self-identified counts and the readiness figures, and only counts from 1 to 4', () => {
    expect(indicatorCatalogue.filter((d) => d.suppression).map((d) => d.key)).toEqual([
      'o1.feedback.participation',
      'o1.feedback.perceived-value',
      'o1.feedback.model-contribution',
      'o2.attendance-rate.reminded',
      'o2.attendance-rate.not-reminded',
      ...prototypes.map(codesignOrganizationsKey),
      'o2.representation.age-bands',
      'o2.representation.identity-groups',
      'o4.perception.trust-synergy',
      'readiness.assessments-completed',
      'readiness.maturity.<dimension>',
      'readiness.journey-progress',
    ]);
    expect([0, 1, 4, 5, 12, null].map(suppressSmallCount)).toEqual([0, null, null, 5, 12, null]);
    // A figure drawn from nobody is missing, not withheld.
    expect([0, 1, 4, 5, 12].map(withheldFrom)).toEqual([false, true, true, false, false]);
    // A figure withheld says why: organisations unless its rule says otherwise.
    expect(withheldFigureText('readiness.journey-progress')).toBe(suppressedFigureText);
    expect(withheldFigureText('o2.attendance-rate.reminded').en).toBe('not shown (fewer than 5 registrations in one of the groups)');
  });

  it('finds the per-dimension entry for a dimension key and names the dimension in its label', () => {
    expect(indicatorDefinition('readiness.maturity.cybersecurity').key).toBe('readiness.maturity.<dimension>');
    expect(indicatorLabel('readiness.maturity.cybersecurity', { fr: 'Cybersécurité', en: 'Cybersecurity' }).fr).toBe(
      'Maturité moyenne\u00a0: Cybersécurité (0 à 100, dernière autoévaluation de chaque organisme)',
    );
    expect(() => indicatorDefinition('readiness.maturity.')).toThrow('not in the catalogue');
    expect(() => indicatorDefinition('o9.unknown')).toThrow('not in the catalogue');
  });

  it('is the table docs/evaluation.md shows (npm run indicator-docs writes it)', () => {
    const document = readFileSync(evaluationDocFile, 'utf8');
    expect(document).toContain(catalogueMarkdown());
    expect(withCatalogueTable(document)).toBe(document);
    for (const d of indicatorCatalogue) expect(document).toContain(`| \`${d.key}\` |`);
  });
});
