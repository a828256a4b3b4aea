import { attendanceChart, categoryTargetsChart, funnelChart } from '@ccndr/charts';
import { organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, capitalised, organizationCategoryLabels, smallCellThreshold } from '@ccndr/indicators';
import { IndicatorFigure } from '../indicators/indicators.service';

export type Language = 'fr' | 'en';
type Text = Record<Language, string>;
const t = (fr: string, en: string): Text => ({ fr, en });

export const locales: Record<Language, string> = { fr: 'fr-CA', en: 'en-CA' };

const words = {
  showData: t('Voir les données', 'Show the data'),
  suppressed: t(`moins de ${smallCellThreshold}`, `fewer than ${smallCellThreshold}`),
  categories: {
    title: t('Organismes actifs par catégorie, par rapport aux cibles', 'Active organisations by category, against targets'),
    description: t(
      'Diagramme à barres horizontales : pour chaque catégorie d’organismes, le nombre d’organismes actifs (barre bleue, nombre écrit au bout) et la cible (trait rouge vertical).',
      'Horizontal bar chart: for each category of organisation, the number of active organisations (blue bar, number written at its end) and the target (red vertical mark).',
    ),
    category: t('Catégorie', 'Category'),
    value: t('Organismes actifs', 'Active organisations'),
    target: t('Cible', 'Target'),
  },
  meetings: {
    title: t('Participation aux rencontres du Consortium', 'Participation in consortium meetings'),
    description: t(
      'Diagramme à barres : le nombre de participant·e·s à chaque rencontre du Consortium, dans l’ordre des dates, le nombre écrit au-dessus de chaque barre.',
      'Bar chart: the number of participants in each consortium meeting, in date order, the number written above each bar.',
    ),
    meeting: t('Rencontre', 'Meeting'),
    participants: t('Participant·e·s', 'Participants'),
  },
  funnel: {
    title: t('Entonnoir des partenariats', 'Partnership funnel'),
    description: t(
      'Entonnoir : les partenariats à chaque étape, de proposés à en collaboration (confirmés avec au moins une collaboration consignée), chaque étape écrite avec son nombre.',
      'Funnel: the partnerships at each step, from proposed to collaborating (confirmed with at least one collaboration recorded), each step written with its count.',
    ),
    stage: t('Étape', 'Step'),
    count: t('Partenariats', 'Partnerships'),
    stages: [t('Proposés', 'Proposed'), t('En négociation', 'In negotiation'), t('Confirmés', 'Confirmed'), t('En collaboration', 'Collaborating')],
  },
};

/**
 * The evaluation's charts, made with the platform's one chart library (@ccndr/charts), for the
 * live dashboard and the report alike: organisations per category against targets, participants
 * per meeting, the partnership funnel. `idPrefix` keeps ids unique on a page that shows them twice.
 */
export function indicatorCharts(indicators: IndicatorFigure[], lang: Language, idPrefix = 'chart'): { categories: string; meetings: string; funnel: string } {
  const l = (text: Text) => text[lang];
  const find = (key: string) => indicators.find((i) => i.key === key);
  const base = (id: string, title: Text, description: Text) => ({
    id: `${idPrefix}-${id}`,
    locale: locales[lang],
    text: { title: l(title), description: l(description), showData: l(words.showData), suppressed: l(words.suppressed) },
  });
  const date = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeZone: 'UTC' });
  const meetings = ((find('o1.meeting-participants')?.breakdown as { meetings?: { startsAt: string | null; participants: number }[] } | null)?.meetings ?? []).map((m, i) => ({
    label: m.startsAt ? date.format(new Date(m.startsAt)) : `${l(words.meetings.meeting)} ${i + 1}`,
    participants: m.participants,
  }));
  const partnerships = (find('o4.partnerships.confirmed')?.breakdown ?? {}) as { funnel?: Record<string, number>; collaborating?: number };
  const funnel = partnerships.funnel ?? {};
  const stageCounts = [funnel.proposed ?? 0, funnel['in-negotiation'] ?? 0, funnel.confirmed ?? 0, partnerships.collaborating ?? 0];
  return {
    categories: categoryTargetsChart({
      ...base('categories', words.categories.title, words.categories.description),
      labels: { category: l(words.categories.category), value: l(words.categories.value), target: l(words.categories.target) },
      categories: organizationCategories.map((c) => {
        const indicator = find(activeOrganizationsKey(c));
        return { label: capitalised(organizationCategoryLabels[c][lang]), value: indicator?.value ?? 0, target: indicator?.target?.value ?? null };
      }),
    }),
    meetings: attendanceChart({
      ...base('meetings', words.meetings.title, words.meetings.description),
      labels: { meeting: l(words.meetings.meeting), participants: l(words.meetings.participants) },
      meetings,
    }),
    funnel: funnelChart({
      ...base('funnel', words.funnel.title, words.funnel.description),
      labels: { stage: l(words.funnel.stage), count: l(words.funnel.count) },
      stages: words.funnel.stages.map((s, i) => ({ label: l(s), value: stageCounts[i] })),
    }),
  };
}
