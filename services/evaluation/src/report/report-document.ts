import { organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, codesignOrganizationsKey, organizationCategoryLabels, outcomes, Prototype, prototypeLabels, prototypes, smallCellThreshold } from '@ccndr/indicators';
import { IndicatorStatus } from '../indicators/indicator';
import { IndicatorView } from '../indicators/indicators.service';
import { indicatorCharts } from '../dashboard/indicator-charts';

export type Language = 'fr' | 'en';

/** The report as data: rendered to HTML and to Markdown from the same structure. */
export interface ReportDocument {
  language: Language;
  title: string;
  subtitle: string;
  sections: { heading: string; statement: string; criteria: Criterion[]; figures: string[] }[];
}

export interface Criterion {
  heading: string;
  target: string | null;
  result: string;
  status: IndicatorStatus | null;
  details: string[];
}

type Text = Record<Language, string>;
const t = (fr: string, en: string): Text => ({ fr, en });

/** Builds the "Évaluation" section of the programme's report from the live indicators. */
export function reportDocument(consortiumId: string, indicators: IndicatorView[], language: Language, generatedAt: Date): ReportDocument {
  const l = (text: Text) => text[language];
  const colon = language === 'fr' ? ' : ' : ': ';
  const number = (value: number | null) => (value === null ? '—' : new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 }).format(value));
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '—');
  const ordinal = (n: number) => (language === 'fr' ? `${n}${n === 1 ? 're' : 'e'}` : `${n}${[, 'st', 'nd', 'rd'][n] ?? 'th'}`);
  const find = (key: string) => indicators.find((i) => i.key === key);
  const value = (key: string) => number(find(key)?.value ?? null);
  const breakdown = (key: string): any => find(key)?.breakdown ?? {};
  const targetText = (key: string): string | null => {
    const target = find(key)?.target;
    if (!target) return null;
    if (target.comparison === 'between') return language === 'fr' ? `de ${number(target.value)} à ${number(target.max ?? null)}` : `${number(target.value)} to ${number(target.max ?? null)}`;
    return target.comparison === 'more-than' ? l(t(`plus de ${number(target.value)}`, `more than ${number(target.value)}`)) : l(t(`au moins ${number(target.value)}`, `at least ${number(target.value)}`));
  };
  /** Several indicators behind one criterion: met when all are, not met when any is, else on track. */
  const statusOf = (...keys: string[]): IndicatorStatus | null => {
    const statuses = keys.map((k) => find(k)?.status).filter((s): s is IndicatorStatus => Boolean(s) && s !== 'tracked');
    if (!statuses.length) return null;
    return statuses.every((s) => s === 'met') ? 'met' : statuses.includes('not-met') ? 'not-met' : 'on-track';
  };
  const verdicts: Record<Exclude<IndicatorStatus, 'tracked'>, Text> = {
    met: t('cible atteinte', 'target met'),
    'not-met': t('cible non atteinte', 'target not met'),
    'on-track': t('en bonne voie', 'on track'),
  };
  const verdict = (status: IndicatorStatus | null, text: string) => (status && status !== 'tracked' ? `${l(verdicts[status])}${colon}${text}` : text);
  const average = (key: string, scale: Text) => (find(key)?.value === null || !find(key) ? l(t('aucune donnée pour l’instant', 'no data yet')) : `${value(key)} ${l(scale)}`);
  const onFive = t('sur 5', 'out of 5');
  const plural = (n: number, one: Text, many: Text) => `${number(n)} ${l((language === 'fr' ? n <= 1 : n === 1) ? one : many)}`;
  /** How many answers a survey or review figure stands on (n), beside it. */
  const answersBehind = (key: string): string => {
    const figures = find(key)?.breakdown as { responses?: number; organizations?: number; models?: { ratings: number }[] } | undefined;
    if (figures?.responses !== undefined) {
      return ` (n = ${plural(figures.responses, t('réponse', 'response'), t('réponses', 'responses'))}, ${plural(figures.organizations ?? 0, t('organisme', 'organisation'), t('organismes', 'organisations'))})`;
    }
    if (figures?.models) return ` (n = ${plural(figures.models.reduce((sum, m) => sum + m.ratings, 0), t('évaluation', 'rating'), t('évaluations', 'ratings'))})`;
    return '';
  };
  const survey = (key: string) => `${average(key, onFive)}${answersBehind(key)}`;
  const averages = (...entries: [Text, string][]) => entries.map(([label, key]) => `${l(label)} ${survey(key)}`).join(' · ');
  /** The agreement among the raters of one group (rWG), where at least two of them rated the same model and criterion. */
  const agreementAmong = (raters: 'stakeholder' | 'expert'): string[] => {
    const agreement = (find('o3.rater-agreement')?.breakdown as { byRaters?: Record<typeof raters, number | null> } | undefined)?.byRaters?.[raters] ?? null;
    if (agreement === null) return [];
    const among = raters === 'expert' ? t('Accord entre les experts', 'Agreement among the experts') : t('Accord entre les parties prenantes', 'Agreement among the stakeholders');
    return [`${l(among)} (rWG)${colon}${number(agreement)}`];
  };

  const active = organizationCategories.map((c) => `${l(organizationCategoryLabels[c])}${colon}${value(activeOrganizationsKey(c))}`).join(', ');
  const activeTarget = organizationCategories.map((c) => `${l(organizationCategoryLabels[c])}${colon}${number(find(activeOrganizationsKey(c))?.target?.value ?? null)}`).join(', ');
  const month = (yearMonth: string) => new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${yearMonth}-15T00:00:00Z`));
  const pairs = (...entries: [Text, string][]) => entries.map(([label, text]) => `${l(label)}${colon}${text}`).join(' · ');
  const meetings: { startsAt: string | null; participants: number }[] = breakdown('o1.meeting-participants').meetings ?? [];
  /** The working groups of a prototype: members and organisations ever active in each. */
  const circlesOf = (prototype: Prototype): { members: number; organizations: number; membersNow: number }[] => breakdown(codesignOrganizationsKey(prototype)).circles ?? [];
  const provinces = Object.keys(breakdown('o2.representation.provinces-and-territories').organizations ?? {}).sort();
  const countries = Object.keys(breakdown('o2.representation.countries').organizations ?? {}).sort();
  const months: { month: string; total: number }[] = Array.isArray(find('o4.collaboration-intensity')?.breakdown) ? (find('o4.collaboration-intensity')!.breakdown as { month: string; total: number }[]) : [];
  const byPrototype: Record<string, number> = breakdown('o3.models-proposed').byPrototype ?? {};
  const participants = l(t('participant·e·s', 'participants'));

  // The charts of the platform's chart library, each an accessible figure with its data table (HTML only).
  const charts = indicatorCharts(indicators, language, 'report');
  const sections: ReportDocument['sections'] = [
    {
      ...pick(outcomes[0], l),
      figures: [charts.categories, charts.meetings],
      criteria: [
        {
          heading: l(t('Nombre d’organismes participant activement aux activités et collaborations du Consortium', 'Number of organisations taking an active part in the consortium’s activities and collaborations')),
          target: activeTarget,
          result: verdict(statusOf(...organizationCategories.map(activeOrganizationsKey)), active),
          status: statusOf(...organizationCategories.map(activeOrganizationsKey)),
          details: [],
        },
        {
          heading: l(t('Degré d’engagement attesté par la participation aux rencontres, ateliers, consultations et groupes de travail', 'Engagement shown by participation in meetings, workshops, consultations and working groups')),
          target: `${targetText('o1.meeting-participants')} ${l(t('participant·e·s aux rencontres du Consortium', 'participants in consortium meetings'))}`,
          result: verdict(find('o1.meeting-participants')?.status ?? null, `${value('o1.meeting-participants')} ${l(t('participant·e·s aux rencontres du Consortium', 'participants in consortium meetings'))}`),
          status: find('o1.meeting-participants')?.status ?? null,
          details: [
            ...meetings.map((m, i) => `${l(t(`${ordinal(i + 1)} rencontre du Consortium`, `${ordinal(i + 1)} consortium meeting`))} (${date(m.startsAt)})${colon}${number(m.participants)} ${participants}`),
            l(t(`${number(breakdown('o1.meeting-participants').uniqueParticipants ?? 0)} personnes différentes`, `${number(breakdown('o1.meeting-participants').uniqueParticipants ?? 0)} different people`)),
          ],
        },
        {
          heading: l(t('Rétroaction des organismes participants (participation, valeur perçue, contribution aux modèles)', 'Feedback from participating organisations (participation, perceived value, contribution to the models)')),
          target: null,
          result: averages([t('participation', 'participation'), 'o1.feedback.participation'], [t('valeur perçue', 'perceived value'), 'o1.feedback.perceived-value'], [t('contribution aux modèles', 'contribution to the models'), 'o1.feedback.model-contribution']),
          status: null,
          details: [],
        },
      ],
    },
    {
      ...pick(outcomes[1], l),
      figures: [],
      criteria: [
        {
          heading: l(t('Taux de participation aux rencontres du Consortium, ateliers et activités', 'Participation in consortium meetings, workshops and activities')),
          target: null,
          result:
            find('o2.attendance-rate')?.value === null
              ? l(t('aucune inscription enregistrée', 'no registrations recorded'))
              : l(t(`${value('o2.attendance-rate')} % des personnes inscrites étaient présentes`, `${value('o2.attendance-rate')}% of those registered attended`)),
          status: null,
          details: [],
        },
        // The report's target applies to each prototype apart.
        ...prototypes.map((prototype) => {
          const key = codesignOrganizationsKey(prototype);
          return {
            heading: l(
              t(
                `Organismes qui développent ensemble les modèles : prototype ${prototype} (${prototypeLabels[prototype].fr})`,
                `Organisations developing the models together: prototype ${prototype} (${prototypeLabels[prototype].en})`,
              ),
            ),
            target: `${targetText(key)} ${l(t('organismes', 'organisations'))}`,
            result: verdict(find(key)?.status ?? null, `${value(key)} ${l(t('organismes actifs dans ses groupes de travail', 'organisations active in its working groups'))}`),
            status: find(key)?.status ?? null,
            // Members who left count for the time they were active; how many are still in the group is said when it differs.
            details: circlesOf(prototype).map(
              (c) =>
                `Prototype ${prototype} — ${pairs(
                  [t('membres actifs', 'active members'), number(c.members)],
                  [t('organismes', 'organisations'), number(c.organizations)],
                  ...(c.membersNow < c.members ? [[t('toujours membres', 'still members'), number(c.membersNow)] as [Text, string]] : []),
                )}`,
            ),
          };
        }),
        {
          heading: l(t('Diversité et représentation des organismes participants et parties prenantes', 'Diversity and representation of participating organisations and stakeholders')),
          target: null,
          result: pairs(
            [t('provinces et territoires', 'provinces and territories'), `${value('o2.representation.provinces-and-territories')} (${provinces.join(', ') || '—'})`],
            [t('pays', 'countries'), `${value('o2.representation.countries')} (${countries.join(', ') || '—'})`],
            [t('types d’expertise', 'kinds of expertise'), value('o2.representation.expertise')],
          ),
          status: null,
          details: [
            pairs(
              [t('tranches d’âge représentées (auto-identification consentie)', 'age bands represented (self-identified, with consent)'), value('o2.representation.age-bands')],
              [t('groupes identitaires représentés', 'identity groups represented'), value('o2.representation.identity-groups')],
            ),
            l(t(`Tout nombre inférieur à ${smallCellThreshold} tiré de l’auto-identification est masqué (« <${smallCellThreshold} »).`, `Any self-identified count under ${smallCellThreshold} is hidden ("<${smallCellThreshold}").`)),
          ],
        },
        {
          heading: l(t('Interactions, réseautage et partage du savoir parmi les participant·e·s', 'Interactions, networking and knowledge sharing among participants')),
          target: null,
          result: pairs(
            [t('interactions', 'interactions'), value('o2.knowledge-sharing.interactions')],
            [t('entre organismes', 'between organisations'), value('o2.knowledge-sharing.cross-organization')],
            [t('ressources partagées', 'resources shared'), value('o2.knowledge-sharing.resources')],
          ),
          status: null,
          details: [],
        },
      ],
    },
    {
      ...pick(outcomes[2], l),
      figures: [],
      criteria: [
        {
          heading: l(t('Nombre et qualité des modèles de collaboration proposés', 'Number and quality of the collaboration models proposed')),
          target: `${targetText('o3.models-proposed')} ${l(t('modèle', 'model'))}`,
          result: verdict(find('o3.models-proposed')?.status ?? null, pairs([t('modèles proposés', 'models proposed'), value('o3.models-proposed')])),
          status: find('o3.models-proposed')?.status ?? null,
          details: Object.entries(byPrototype)
            .filter(([prototype]) => prototype !== 'none')
            .sort()
            .map(([prototype, n]) => `Prototype ${prototype}${colon}${number(n)}`),
        },
        {
          heading: l(t('Compatibilité avec les critères de viabilité (évolutivité, utilisation efficiente des ressources, pérennité)', 'Fit with the viability criteria (scalability, efficient use of resources, sustainability)')),
          target: null,
          result: pairs([t('modèles qui satisfont aux trois critères', 'models meeting all three criteria'), value('o3.viability-criteria-met')]),
          status: null,
          details: [],
        },
        {
          heading: l(t('Rétroaction des parties prenantes : faisabilité, efficacité, évolutivité', 'Stakeholder feedback: feasibility, effectiveness, scalability')),
          target: null,
          result: averages([t('faisabilité', 'feasibility'), 'o3.stakeholder-rating.feasibility'], [t('efficacité', 'effectiveness'), 'o3.stakeholder-rating.effectiveness'], [t('évolutivité', 'scalability'), 'o3.stakeholder-rating.scalability']),
          status: null,
          details: agreementAmong('stakeholder'),
        },
        {
          heading: l(t('Évaluations expertes : incidence potentielle, viabilité, pertinence', 'Expert assessments: potential impact, viability, relevance')),
          target: null,
          result: averages([t('incidence', 'impact'), 'o3.expert-rating.impact'], [t('viabilité', 'viability'), 'o3.expert-rating.viability'], [t('pertinence', 'relevance'), 'o3.expert-rating.relevance']),
          status: null,
          details: agreementAmong('expert'),
        },
      ],
    },
    {
      ...pick(outcomes[3], l),
      figures: [charts.funnel],
      criteria: [
        {
          heading: l(t('Nombre de nouveaux partenariats', 'Number of new partnerships')),
          target: null,
          result: pairs([t('confirmés', 'confirmed'), value('o4.partnerships.confirmed')], [t('en cours de négociation', 'in negotiation'), value('o4.partnerships.in-negotiation')]),
          status: null,
          details: [],
        },
        {
          heading: l(t('Intensité et fréquence de la collaboration (initiatives conjointes, ressources partagées, communications)', 'Intensity and frequency of collaboration (joint initiatives, shared resources, communications)')),
          target: null,
          result: pairs([t('activités par mois en moyenne', 'records per month on average'), value('o4.collaboration-intensity')]),
          status: null,
          details: months.map((m) => `${month(m.month)}${colon}${number(m.total)}`),
        },
        {
          heading: l(t('Perception des parties prenantes : confiance et synergie', 'Stakeholder perception: trust and synergy')),
          target: null,
          result: survey('o4.perception.trust-synergy'),
          status: null,
          details: [],
        },
      ],
    },
  ];
  const maturity = indicators.filter((i) => i.key.startsWith('readiness.maturity.'));
  const fewerThanFive = t(`non affichée (moins de ${smallCellThreshold} organismes)`, `not shown (fewer than ${smallCellThreshold} organisations)`);
  sections.push({
    ...pick(outcomes[4], l),
    figures: [],
    criteria: [
      {
        heading: l(t('Autoévaluations terminées', 'Assessments completed')),
        target: null,
        result: value('readiness.assessments-completed'),
        status: null,
        details: [
          ...maturity.map((i) => {
            const { dimension, organizations } = i.breakdown as { dimension: Text; organizations: number | null };
            return `${l(dimension)}${colon}${i.value === null && organizations !== 0 ? l(fewerThanFive) : `${number(i.value)} / 100`}`;
          }),
          l(t(`Une moyenne tirée de moins de ${smallCellThreshold} organismes n’est pas affichée : elle révélerait les notes d’un organisme.`, `An average drawn from fewer than ${smallCellThreshold} organisations is not shown: it would give away an organisation’s own scores.`)),
        ],
      },
      {
        heading: l(t('Progression des parcours', 'Progress on the journeys')),
        target: null,
        result:
          find('readiness.journey-progress')?.value !== null
            ? `${value('readiness.journey-progress')} %`
            : (find('readiness.journey-progress')?.breakdown as { journeys: number | null } | undefined)?.journeys === 0
              ? l(t('aucun parcours pour l’instant', 'no journeys yet'))
              : l(fewerThanFive),
        status: null,
        details: [],
      },
    ],
  });
  return {
    language,
    title: l(t('Évaluation', 'Evaluation')),
    subtitle: l(
      t(
        `Consortium ${consortiumId} — rapport produit le ${date(generatedAt.toISOString())} à partir des indicateurs en direct`,
        `Consortium ${consortiumId} — report generated on ${date(generatedAt.toISOString())} from the live indicators`,
      ),
    ),
    sections,
  };
}

function pick(outcome: { heading: Text; statement: Text }, l: (text: Text) => string) {
  return { heading: l(outcome.heading), statement: l(outcome.statement) };
}
