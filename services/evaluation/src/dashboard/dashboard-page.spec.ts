import { dashboardFragment, dashboardFragmentStyles, dashboardScript, updatedAtText } from './dashboard-page';
import { IndicatorView } from '../indicators/indicators.service';

const indicator = (key: string, value: number | null, status: IndicatorView['status'] = 'tracked'): IndicatorView => ({
  key,
  outcome: 1,
  label: { fr: `Libellé ${key}`, en: `Label ${key}` },
  unit: 'average',
  value,
  suppressed: false,
  target: null,
  status,
  breakdown: null,
  updatedAt: '2026-01-15T06:01:00.000Z',
  lastEventId: null,
});

describe('the dashboard’s content', () => {
  it('says when it was drawn as a clock time in the consortium’s zone, named, in each language (never a duration)', () => {
    // 06:01 UTC on a January day is 1:01 in Toronto, on standard time; in July, daylight time.
    expect(updatedAtText(new Date('2026-01-15T06:01:31Z'), 'fr')).toBe('Mis à jour à 1 h 01 (HNE)');
    expect(updatedAtText(new Date('2026-01-15T06:01:31Z'), 'en')).toBe('Updated at 1:01\u202fa.m. EST'); // a narrow no-break space before a.m., as Intl writes it
    expect(updatedAtText(new Date('2026-07-15T17:30:00Z'), 'fr')).toBe('Mis à jour à 13 h 30 (HAE)');
    expect(dashboardFragment([indicator('o1.meeting-participants', 2)], 'fr', new Date('2026-01-15T06:01:31Z'))).toContain('<p hidden data-role="updated">Mis à jour à 1 h 01 (HNE)</p>');
  });

  it('writes a figure without data in small muted words with what will fill it, not in the big number', () => {
    const french = dashboardFragment([indicator('o1.feedback.participation', null)], 'fr');
    expect(french).toContain('<div class="value none" data-role="value">Pas encore de données</div><p class="filled-by">Viendra des réponses aux sondages de rétroaction.</p>');
    const english = dashboardFragment([indicator('readiness.maturity.culture', null)], 'en');
    expect(english).toContain('<div class="value none" data-role="value">No data yet</div><p class="filled-by">Will come from completed self-assessments.</p>');
    expect(dashboardFragment([indicator('o1.meeting-participants', 2)], 'fr')).toContain('<div class="value" data-role="value">2</div>');
    expect(dashboardFragmentStyles).toMatch(/\.dashboard \.value\.none \{[^}]*font-size: \.95rem/);
  });

  it('colours each status as the portal’s badges do (its tokens, the same values standalone)', () => {
    expect(dashboardFragmentStyles).toContain('.dashboard .status.not-met { background: var(--color-danger-soft, #fbeaea); color: var(--color-danger, #b4232a); }');
    expect(dashboardFragmentStyles).toContain('.dashboard .status.met { background: var(--color-success-soft, #e2f2e7); color: var(--color-success, #1b6a3a); }');
    expect(dashboardFragment([indicator('o1.meeting-participants', 2, 'not-met')], 'en')).toContain('<span class="status not-met">Target not met</span>');
  });

  it('the script takes its texts from the catalogue in both languages', () => {
    expect(dashboardScript).toContain('"title":"Tableau de bord de l’évaluation"');
    expect(dashboardScript).toContain('"lost":"Connection lost, trying again…"');
    expect(dashboardScript).not.toMatch(/timeStyle|En direct/);
  });
});
