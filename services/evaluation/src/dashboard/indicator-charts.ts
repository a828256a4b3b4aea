import { attendanceChart, categoryTargetsChart, funnelChart } from '@ccndr/charts';
import { dateFormat, organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, capitalised, organizationCategoryLabels, smallCellThreshold } from '@ccndr/indicators';
import { IndicatorFigure } from '../indicators/indicators.service';
import { dashboardText, Language } from './texts';

export type { Language };

export const locales: Record<Language, string> = { fr: 'fr-CA', en: 'en-CA' };

const funnelStages = ['proposed', 'in-negotiation', 'confirmed', 'collaborating'] as const;

/**
 * The evaluation's charts, made with the platform's one chart library (@ccndr/charts), for the
 * live dashboard and the report alike: organisations per category against targets, participants
 * per meeting, the partnership funnel. `idPrefix` keeps ids unique on a page that shows them twice.
 */
export function indicatorCharts(indicators: IndicatorFigure[], lang: Language, idPrefix = 'chart'): { categories: string; meetings: string; funnel: string } {
  const l = (key: string) => dashboardText(lang, `charts.${key}`, { threshold: smallCellThreshold });
  const find = (key: string) => indicators.find((i) => i.key === key);
  const base = (id: 'categories' | 'meetings' | 'funnel') => ({
    id: `${idPrefix}-${id}`,
    locale: locales[lang],
    text: { title: l(`${id}.title`), description: l(`${id}.description`), showData: l('showData'), suppressed: l('suppressed') },
  });
  const date = dateFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const meetings = ((find('o1.meeting-participants')?.breakdown as { meetings?: { startsAt: string | null; participants: number }[] } | null)?.meetings ?? []).map((m, i) => ({
    label: m.startsAt ? date.format(new Date(m.startsAt)) : `${l('meetings.meeting')} ${i + 1}`,
    participants: m.participants,
  }));
  const partnerships = (find('o4.partnerships.confirmed')?.breakdown ?? {}) as { funnel?: Record<string, number>; collaborating?: number };
  const funnel = partnerships.funnel ?? {};
  const stageCounts = [funnel.proposed ?? 0, funnel['in-negotiation'] ?? 0, funnel.confirmed ?? 0, partnerships.collaborating ?? 0];
  return {
    categories: categoryTargetsChart({
      ...base('categories'),
      labels: { category: l('categories.category'), value: l('categories.value'), target: l('categories.target') },
      categories: organizationCategories.map((c) => {
        const indicator = find(activeOrganizationsKey(c));
        return { label: capitalised(organizationCategoryLabels[c][lang]), value: indicator?.value ?? 0, target: indicator?.target?.value ?? null };
      }),
    }),
    meetings: attendanceChart({
      ...base('meetings'),
      labels: { meeting: l('meetings.meeting'), participants: l('meetings.participants') },
      meetings,
    }),
    funnel: funnelChart({
      ...base('funnel'),
      labels: { stage: l('funnel.stage'), count: l('funnel.count') },
      stages: funnelStages.map((stage, i) => ({ label: l(`funnel.stages.${stage}`), value: stageCounts[i] })),
    }),
  };
}
