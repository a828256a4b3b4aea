import { dateFormat, organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, capitalised, codesignOrganizationsKey, indicatorCatalogue, indicatorDefinition, organizationCategoryLabels, outcomes, Prototype, prototypeLabels, prototypes, smallCellThreshold, suppressedFigureText, withheldFigureText } from '@ccndr/indicators';
import { IndicatorStatus } from '../indicators/indicator';
import { IndicatorFigure } from '../indicators/indicators.service';
import { indicatorCharts } from '../dashboard/indicator-charts';
import type { ChosenPeriod } from '../periods/period-choice';

export type Language = 'fr' | 'en';

/** The report as data: rendered to HTML, Markdown, PDF and Word from the same structure. */
export interface ReportDocument {
  language: Language;
  title: string;
  /** The consortium's name in the report's language (never its id). */
  consortiumName: string;
  subtitle: string;
  /** What a funder reads first: the consortium, the period covered, the date produced. */
  front: { label: string; value: string }[];
  /** One per outcome, then the readiness figures; `figures` are the chart library's accessible figures (HTML). */
  sections: { heading: string; statement: string; criteria: Criterion[]; figures: string[]; narrative: ReportNarrative | null }[];
  /** The learnings the coordinator wrote, when written. */
  learnings: ReportNarrative | null;
  methodology: { heading: string; paragraphs: string[]; definitionsHeading: string; definitions: { term: string; text: string }[] };
  dataQuality: { heading: string; notes: string[] };
}

/** What the report states beyond the indicators, from evaluation's facts (see report.sql.ts). */
export interface ReportFacts {
  /** Null when the consortium's creation carried no name. */
  consortiumName: Record<Language, string> | null;
  /** The first event's date: the start of the period covered (the whole history, for now). */
  firstEventAt: Date | null;
  /** Each partnership's furthest status and its organisations' names (null: not carried by the events). */
  partnerships: { status: string; organizations: (string | null)[] }[];
  /** The coordinator's latest text of each section written (outcome-1…4, learnings), a language not written null. */
  narratives?: { section: string; fr: string | null; en: string | null }[];
  /** The period the figures cover (none: the whole history to now); `to` is not included. */
  period?: ReportPeriod;
  /** How many periods the consortium has closed. */
  closedPeriods?: number;
}

/** The coordinator's own words: free text, in the report's language or, when only the other was written, in that one, said so. */
export interface ReportNarrative {
  heading: string;
  /** The language the text is written in (the report's, or the other). */
  language: Language;
  /** Said before a text in the other language: « (texte en anglais) ». */
  note: string | null;
  paragraphs: string[];
}

/** The period a report covers, as chosen by its query (see period-choice.ts). */
export type ReportPeriod = ChosenPeriod;

/** How a criterion's status reads, once, beside its result. */
export const statusLabels: Record<Exclude<IndicatorStatus, 'tracked'>, Record<Language, string>> = {
  met: { fr: 'cible atteinte', en: 'target met' },
  'not-met': { fr: 'cible non atteinte', en: 'target not met' },
  'on-track': { fr: 'en bonne voie', en: 'on track' },
};

/** The status label of a criterion, or null when it is followed without a target. */
export function statusLabel(status: IndicatorStatus | null, language: Language): string | null {
  return status && status !== 'tracked' ? statusLabels[status][language] : null;
}

/** Every heading of the document at its second level, in order (the sections a reader finds). */
export function reportHeadings(document: ReportDocument): string[] {
  return [...document.sections.map((s) => s.heading), ...(document.learnings ? [document.learnings.heading] : []), document.methodology.heading, document.dataQuality.heading];
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
export function reportDocument(
  consortiumId: string,
  indicators: IndicatorFigure[],
  language: Language,
  generatedAt: Date,
  facts: ReportFacts = { consortiumName: null, firstEventAt: null, partnerships: [] },
): ReportDocument {
  const l = (text: Text) => text[language];
  const colon = language === 'fr' ? '\u00a0: ' : ': ';
  const number = (value: number | null) => (value === null ? '—' : new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 }).format(value));
  // French writes the first of the month as an ordinal: « 1er juillet 2026 » (dateFormat).
  const date = (iso: string | null) => (iso ? dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '—');
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
  /** A target with its unit; none when the indicator has none (or is not computed yet). */
  const withUnit = (target: string | null, unit: string) => (target === null ? null : `${target} ${unit}`);
  /** Several indicators behind one criterion: met when all are, not met when any is, else on track. */
  const statusOf = (...keys: string[]): IndicatorStatus | null => {
    const statuses = keys.map((k) => find(k)?.status).filter((s): s is IndicatorStatus => Boolean(s) && s !== 'tracked');
    if (!statuses.length) return null;
    return statuses.every((s) => s === 'met') ? 'met' : statuses.includes('not-met') ? 'not-met' : 'on-track';
  };
  const average = (key: string, scale: Text) =>
    find(key)?.suppressed ? l(suppressedFigureText) : find(key)?.value === null || !find(key) ? l(t('aucune donnée pour l’instant', 'no data yet')) : `${value(key)} ${l(scale)}`;
  const onFive = t('sur 5', 'out of 5');
  /** A count with its noun; one the small-count rule withholds (null) is written "<5". */
  const plural = (n: number | null, one: Text, many: Text) => (n === null ? `<${smallCellThreshold} ${l(many)}` : `${number(n)} ${l((language === 'fr' ? n <= 1 : n === 1) ? one : many)}`);
  /** A count of a breakdown as it may be shown: "<5" where the small-count rule withholds it (null). */
  const count = (n: number | null) => (n === null ? `<${smallCellThreshold}` : number(n));
  /** How many answers a survey or review figure stands on (n), beside it. */
  const answersBehind = (key: string): string => {
    const figures = find(key)?.breakdown as { responses?: number | null; organizations?: number | null; models?: { ratings: number }[] } | undefined;
    if (figures?.responses !== undefined) {
      return ` (n = ${plural(figures.responses, t('réponse', 'response'), t('réponses', 'responses'))}, ${plural(figures.organizations === undefined ? 0 : figures.organizations, t('organisme', 'organisation'), t('organismes', 'organisations'))})`;
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
  const month = (yearMonth: string) => dateFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${yearMonth}-15T00:00:00Z`));
  const pairs = (...entries: [Text, string][]) => entries.map(([label, text]) => `${l(label)}${colon}${text}`).join(' · ');
  const meetings: { startsAt: string | null; participants: number }[] = breakdown('o1.meeting-participants').meetings ?? [];
  /** Attendance of those reminded beside the others (the report's question about busy schedules); nothing until someone registered was reminded. */
  const reminderEffect = (): string[] => {
    const [reminded, others] = ['o2.attendance-rate.reminded', 'o2.attendance-rate.not-reminded'].map(find);
    if (!reminded || !others) return [];
    if (reminded.suppressed || others.suppressed) {
      return [`${l(t('Effet des rappels', 'Effect of reminders'))}${colon}${l(withheldFigureText(reminded.key))}`];
    }
    if (reminded.value === null) return [];
    // A closed period's figures keep no breakdown: the rate without its count of registrations.
    const rate = (key: string) => {
      if (find(key)?.value === null) return l(t('aucune inscription', 'no registrations'));
      const { registered } = breakdown(key) as { registered?: number };
      return `${l(t(`${value(key)} %`, `${value(key)}%`))}${registered === undefined ? '' : ` (${plural(registered, t('inscription', 'registration'), t('inscriptions', 'registrations'))})`}`;
    };
    return [pairs([t('Présence avec rappel', 'Attendance with a reminder'), rate('o2.attendance-rate.reminded')], [t('sans rappel', 'without a reminder'), rate('o2.attendance-rate.not-reminded')])];
  };
  /** The working groups of a prototype: members and organisations ever active in each. */
  const circlesOf = (prototype: Prototype): { members: number | null; organizations: number | null; membersNow: number | null }[] => breakdown(codesignOrganizationsKey(prototype)).circles ?? [];
  const provinces = Object.keys(breakdown('o2.representation.provinces-and-territories').organizations ?? {}).sort();
  const countries = Object.keys(breakdown('o2.representation.countries').organizations ?? {}).sort();
  const months: { month: string; total: number }[] = Array.isArray(find('o4.collaboration-intensity')?.breakdown) ? (find('o4.collaboration-intensity')!.breakdown as { month: string; total: number }[]) : [];
  const byPrototype: Record<string, number> = breakdown('o3.models-proposed').byPrototype ?? {};
  const participants = l(t('participant·e·s', 'participants'));

  // The partner organisations of each partnership, by name (organisations, never people).
  const partnershipStatus: Record<string, Text> = {
    confirmed: t('Partenariat confirmé', 'Confirmed partnership'),
    'in-negotiation': t('Partenariat en cours de négociation', 'Partnership in negotiation'),
    proposed: t('Partenariat proposé', 'Proposed partnership'),
    ended: t('Partenariat terminé', 'Ended partnership'),
  };
  const unnamed = t('organisme dont le nom n’a pas été transmis', 'organisation whose name was not passed on');
  const list = (names: string[]) => new Intl.ListFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { type: 'conjunction' }).format(names);
  const partners = facts.partnerships.map((p) => `${l(partnershipStatus[p.status] ?? t(p.status, p.status))}${colon}${list(p.organizations.map((name) => name ?? l(unnamed)))}`);

  // The charts of the platform's chart library, each an accessible figure with its data table (HTML only).
  const charts = indicatorCharts(indicators, language, 'report');
  const sections: ReportDocument['sections'] = [
    {
      ...pick(outcomes[0], l),
      figures: [charts.categories, charts.meetings],
      narrative: null,
      criteria: [
        {
          heading: l(t('Nombre d’organismes participant activement aux activités et collaborations du Consortium', 'Number of organisations taking an active part in the consortium’s activities and collaborations')),
          target: activeTarget,
          result: active,
          status: statusOf(...organizationCategories.map(activeOrganizationsKey)),
          details: [],
        },
        {
          heading: l(t('Degré d’engagement attesté par la participation aux rencontres, ateliers, consultations et groupes de travail', 'Engagement shown by participation in meetings, workshops, consultations and working groups')),
          target: withUnit(targetText('o1.meeting-participants'), l(t('participant·e·s aux rencontres du Consortium', 'participants in consortium meetings'))),
          result: `${value('o1.meeting-participants')} ${l(t('participant·e·s aux rencontres du Consortium', 'participants in consortium meetings'))}`,
          status: find('o1.meeting-participants')?.status ?? null,
          details: [
            ...meetings.map((m, i) => `${l(t(`${ordinal(i + 1)} rencontre du Consortium`, `${ordinal(i + 1)} consortium meeting`))} (${date(m.startsAt)})${colon}${number(m.participants)} ${participants}`),
            // A closed period keeps no breakdown: nothing is said of what it did not keep.
            ...(breakdown('o1.meeting-participants').uniqueParticipants === undefined
              ? []
              : [plural(breakdown('o1.meeting-participants').uniqueParticipants, t('personne différente', 'different person'), t('personnes différentes', 'different people'))]),
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
      narrative: null,
      criteria: [
        {
          heading: l(t('Taux de participation aux rencontres du Consortium, ateliers et activités', 'Participation in consortium meetings, workshops and activities')),
          target: null,
          result:
            find('o2.attendance-rate')?.value === null
              ? l(t('aucune inscription enregistrée', 'no registrations recorded'))
              : l(t(`${value('o2.attendance-rate')} % des personnes inscrites étaient présentes`, `${value('o2.attendance-rate')}% of those registered attended`)),
          status: null,
          details: reminderEffect(),
        },
        // The report's target applies to each prototype apart.
        ...prototypes.map((prototype) => {
          const key = codesignOrganizationsKey(prototype);
          return {
            heading: l(
              t(
                `Organismes qui développent ensemble les modèles\u00a0: prototype ${prototype} (${prototypeLabels[prototype].fr})`,
                `Organisations developing the models together: prototype ${prototype} (${prototypeLabels[prototype].en})`,
              ),
            ),
            target: withUnit(targetText(key), l(t('organismes', 'organisations'))),
            result: `${value(key)} ${l(t('organismes actifs dans ses groupes de travail', 'organisations active in its working groups'))}`,
            status: find(key)?.status ?? null,
            // Members who left count for the time they were active; how many are still in the group is said when it differs.
            details: circlesOf(prototype).map(
              (c) =>
                `Prototype ${prototype} — ${pairs(
                  [t('membres actifs', 'active members'), count(c.members)],
                  [t('organismes', 'organisations'), count(c.organizations)],
                  // Counts under 5 are null: a difference is said only where the shown counts differ.
                  ...(c.membersNow !== c.members ? [[t('toujours membres', 'still members'), count(c.membersNow)] as [Text, string]] : []),
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
            l(t(`Tout nombre inférieur à ${smallCellThreshold} tiré de l’auto-identification est masqué («\u00a0<${smallCellThreshold}\u00a0»).`, `Any self-identified count under ${smallCellThreshold} is hidden ("<${smallCellThreshold}").`)),
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
      narrative: null,
      criteria: [
        {
          heading: l(t('Nombre et qualité des modèles de collaboration proposés', 'Number and quality of the collaboration models proposed')),
          target: withUnit(targetText('o3.models-proposed'), l(t('modèle', 'model'))),
          result: pairs([t('modèles proposés', 'models proposed'), value('o3.models-proposed')]),
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
          heading: l(t('Rétroaction des parties prenantes\u00a0: faisabilité, efficacité, évolutivité', 'Stakeholder feedback: feasibility, effectiveness, scalability')),
          target: null,
          result: averages([t('faisabilité', 'feasibility'), 'o3.stakeholder-rating.feasibility'], [t('efficacité', 'effectiveness'), 'o3.stakeholder-rating.effectiveness'], [t('évolutivité', 'scalability'), 'o3.stakeholder-rating.scalability']),
          status: null,
          details: agreementAmong('stakeholder'),
        },
        {
          heading: l(t('Évaluations expertes\u00a0: incidence potentielle, viabilité, pertinence', 'Expert assessments: potential impact, viability, relevance')),
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
      narrative: null,
      criteria: [
        {
          heading: l(t('Nombre de nouveaux partenariats', 'Number of new partnerships')),
          target: null,
          result: pairs([t('confirmés', 'confirmed'), value('o4.partnerships.confirmed')], [t('en cours de négociation', 'in negotiation'), value('o4.partnerships.in-negotiation')]),
          status: null,
          details: partners,
        },
        {
          heading: l(t('Intensité et fréquence de la collaboration (initiatives conjointes, ressources partagées, communications)', 'Intensity and frequency of collaboration (joint initiatives, shared resources, communications)')),
          target: null,
          result: pairs([t('activités par mois en moyenne', 'records per month on average'), value('o4.collaboration-intensity')]),
          status: null,
          details: months.map((m) => `${month(m.month)}${colon}${number(m.total)}`),
        },
        {
          heading: l(t('Perception des parties prenantes\u00a0: confiance et synergie', 'Stakeholder perception: trust and synergy')),
          target: null,
          result: survey('o4.perception.trust-synergy'),
          status: null,
          details: [],
        },
      ],
    },
  ];
  const maturity = indicators.filter((i) => i.key.startsWith('readiness.maturity.'));
  const fewerThanFive = suppressedFigureText;
  sections.push({
    ...pick(outcomes[4], l),
    figures: [],
    narrative: null,
    criteria: [
      {
        heading: l(t('Autoévaluations terminées', 'Assessments completed')),
        target: null,
        result: value('readiness.assessments-completed'),
        status: null,
        details: [
          ...maturity.map((i) => {
            // A closed period's figures keep no breakdown: the label names the dimension.
            const { dimension } = (i.breakdown ?? { dimension: null }) as { dimension: Text | null };
            return `${dimension ? l(dimension) : capitalised(i.label[language])}${colon}${i.suppressed ? l(fewerThanFive) : `${number(i.value)} / 100`}`;
          }),
          l(t(`Une moyenne tirée de moins de ${smallCellThreshold} organismes n’est pas affichée\u00a0: elle révélerait les notes d’un organisme.`, `An average drawn from fewer than ${smallCellThreshold} organisations is not shown: it would give away an organisation’s own scores.`)),
        ],
      },
      {
        heading: l(t('Progression des parcours', 'Progress on the journeys')),
        target: null,
        result:
          find('readiness.journey-progress')?.suppressed
            ? l(fewerThanFive)
            : find('readiness.journey-progress')?.value !== null
              ? `${value('readiness.journey-progress')} %`
              : l(t('aucun parcours pour l’instant', 'no journeys yet')),
        status: null,
        details: [],
      },
    ],
  });
  // The coordinator's narrative under each of the four outcomes (not under the readiness figures).
  const narrativeOf = (section: string, heading: Text) => reportNarrative(facts.narratives?.find((n) => n.section === section), l(heading), language);
  sections.forEach((s, i) => (s.narrative = i < 4 ? narrativeOf(`outcome-${i + 1}`, t('Commentaire de la coordination', 'Coordinator’s narrative')) : null));
  const consortiumName = facts.consortiumName?.[language] ?? l(t('Consortium (nom non transmis)', 'Consortium (name not passed on)'));
  const producedOn = date(generatedAt.toISOString());
  const from = date((facts.period?.from ?? facts.firstEventAt ?? generatedAt).toISOString());
  // The period's last day: `to` is not included.
  const until = facts.period ? date(new Date(facts.period.to.getTime() - 1).toISOString()) : producedOn;
  const closed = facts.period?.closed;
  const period = !facts.period
    ? l(t(`du ${from} au ${producedOn} (tout l’historique du Consortium)`, `${from} to ${producedOn} (the consortium’s whole history)`))
    : closed
      ? l(t(`du ${from} au ${until} (période close le ${date(closed.closedAt)})`, `${from} to ${until} (period closed on ${date(closed.closedAt)})`))
      : l(t(`du ${from} au ${until}`, `${from} to ${until}`));
  const source = closed
    ? t('à partir des chiffres figés à la clôture de la période', 'from the figures frozen when the period was closed')
    : facts.period
      ? t('à partir des indicateurs calculés pour la période', 'from the indicators computed for the period')
      : t('à partir des indicateurs en direct', 'from the live indicators');
  const periodsNote = closed
    ? [
        l(t(`Période close le ${date(closed.closedAt)}\u00a0: les chiffres sont ceux figés à la clôture\u00a0; le détail derrière eux (graphiques, n des sondages) n’est pas conservé.`, `Period closed on ${date(closed.closedAt)}: the figures are those frozen then; the detail behind them (charts, survey n) is not kept.`)),
        closed.restatements.length
          ? `${l(t('Retraitements depuis la clôture', 'Restatements since the period was closed'))}${colon}${closed.restatements.map((r) => `${date(r.restatedAt)} (${r.reasonLabel[language].toLocaleLowerCase(language === 'fr' ? 'fr-CA' : 'en-CA')})`).join(', ')}.`
          : l(t('Aucun chiffre de la période n’a été retraité depuis sa clôture.', 'No figure of the period has been restated since it was closed.')),
      ]
    : facts.closedPeriods
      ? [l(t(`Périodes closes\u00a0: ${number(facts.closedPeriods)}\u00a0; le rapport de chacune en donne les chiffres figés et leurs retraitements.`, `Closed periods: ${number(facts.closedPeriods)}; the report of each gives its frozen figures and their restatements.`))]
      : [l(t('Aucune période n’a encore été close\u00a0: aucun chiffre publié n’a été retraité.', 'No period has been closed yet: no reported figure has been restated.'))];
  return {
    language,
    title: l(t('Rapport d’évaluation', 'Evaluation report')),
    consortiumName,
    subtitle: `${consortiumName} — ${l(t(`rapport produit le ${producedOn}`, `report produced on ${producedOn}`))} ${l(source)}`,
    front: [
      { label: l(t('Consortium', 'Consortium')), value: consortiumName },
      { label: l(t('Période couverte', 'Period covered')), value: period },
      { label: l(t('Date de production', 'Date produced')), value: producedOn },
    ],
    sections,
    learnings: narrativeOf('learnings', t('Apprentissages', 'Learnings')),
    methodology: methodology(language),
    dataQuality: dataQuality(indicators, language, number, periodsNote),
  };
}

/** A section's text in the report's language, else in the other one with a note saying so; null when none is written. */
function reportNarrative(written: { fr: string | null; en: string | null } | undefined, heading: string, language: Language): ReportNarrative | null {
  if (!written) return null;
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const [shown, text] = written[language] ? [language, written[language]] : written[other] ? [other, written[other]] : [language, null];
  if (!text) return null;
  const notes: Record<Language, Text> = { fr: t('(texte en français)', '(text in French)'), en: t('(texte en anglais)', '(text in English)') };
  return {
    heading,
    language: shown,
    note: shown === language ? null : notes[shown][language],
    // A blank line between paragraphs, as the coordinator typed them.
    paragraphs: text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
  };
}

/** Where the figures come from, what each indicator measures (the catalogue's definitions) and the small-count rule. */
function methodology(language: Language): ReportDocument['methodology'] {
  const l = (text: Text) => text[language];
  const colon = language === 'fr' ? '\u00a0: ' : ': ';
  return {
    heading: l(t('Méthodologie', 'Methodology')),
    paragraphs: [
      l(
        t(
          'Sources des données\u00a0: les événements consignés par les services de la plateforme — la communauté (organismes, membres, rencontres et présences, groupes de travail, sondages de rétroaction, partage de connaissances, modèles de collaboration et leurs évaluations), la mise en relation avec les prestataires (partenariats et collaborations consignées) et les autoévaluations de préparation (évaluations terminées, parcours). Le service d’évaluation en tire ses faits et recalcule les indicateurs à chaque événement\u00a0; il peut les reconstruire en relisant le flux d’événements.',
          'Data sources: the events recorded by the platform’s services — the community (organisations, members, meetings and attendance, working groups, feedback surveys, knowledge sharing, collaboration models and their reviews), provider matching (partnerships and recorded collaboration) and the readiness self-assessments (completed assessments, journeys). The evaluation service keeps its facts from them and recomputes the indicators at each event; it can rebuild them by replaying the event stream.',
        ),
      ),
      l(
        t(
          'Les indicateurs sont calculés sur la période couverte, à la date de production du rapport\u00a0; une cible fixée par le Consortium remplace la cible par défaut du programme. Les moyennes de sondage sont calculées par organisme, puis entre organismes, et le nombre de réponses et d’organismes (n) est donné à côté de chacune; une moyenne tirée de moins de 5 organismes n’est pas affichée.',
          'The indicators are computed over the period covered, as of the date the report was produced; a target set by the consortium replaces the programme’s default target. Survey averages are taken per organisation, then across organisations, and the number of responses and of organisations (n) is given beside each; an average drawn from fewer than 5 organisations is not shown.',
        ),
      ),
      l(
        t(
          `Règle de confidentialité des petits nombres\u00a0: les nombres qui pourraient désigner des personnes ou les réponses d’un organisme — le nombre de réponses et d’organismes (n) d’un sondage, les membres et organismes de chaque groupe de travail, les nombres tirés de l’auto-identification et les organismes derrière les figures de préparation — sont remplacés par «\u00a0<${smallCellThreshold}\u00a0» de 1 à ${smallCellThreshold - 1}, et aucune moyenne de sondage ou de préparation n’est tirée de moins de ${smallCellThreshold} organismes (elle révélerait les réponses ou les notes d’un organisme). La définition de chaque indicateur ci-dessous dit quels nombres la règle masque.`,
          `Small-count privacy rule: the counts that could point at people or at one organisation’s answers — a survey’s number of responses and organisations (n), the members and organisations of each working group, the self-identified counts and the organisations behind the readiness figures — are replaced by "<${smallCellThreshold}" from 1 to ${smallCellThreshold - 1}, and no survey or readiness average is drawn from fewer than ${smallCellThreshold} organisations (it would give away an organisation’s own answers or scores). Each indicator’s definition below says which counts the rule hides.`,
        ),
      ),
      l(
        t(
          'Les organismes partenaires ne sont nommés qu’avec leur consentement\u00a0; les autres sont désignés comme «\u00a0organisme dont le nom n’a pas été transmis\u00a0».',
          'Partner organisations are named only with their consent; the others are written as "organisation whose name was not passed on".',
        ),
      ),
    ],
    definitionsHeading: l(t('Définition des indicateurs', 'Indicator definitions')),
    definitions: indicatorCatalogue.map((d) => ({
      term: capitalised(d.label[language].replace('{dimension}', l(t('chaque dimension', 'each dimension')))),
      text: `${d.definition[language]}${d.suppression ? ` ${l(t('Petits nombres masqués', 'Small counts hidden'))}${colon}${d.suppression.cells[language]}.` : ''}`,
    })),
  };
}

/** What the figures stand on: response counts, what the small-count rule hid, what has no data yet. */
function dataQuality(indicators: IndicatorFigure[], language: Language, number: (value: number | null) => string, periodsNote: string[]): ReportDocument['dataQuality'] {
  const l = (text: Text) => text[language];
  const colon = language === 'fr' ? '\u00a0: ' : ': ';
  const label = (i: IndicatorFigure) => capitalised(i.label[language]);
  const suppressionOf = (key: string) => {
    try {
      return indicatorDefinition(key).suppression;
    } catch {
      return null;
    }
  };
  const notes: string[] = [];
  const surveys = indicators.filter((i) => (i.breakdown as { responses?: number | null } | null)?.responses !== undefined);
  /** A count with its noun; one the small-count rule withholds (null) is written "<5". */
  const counted = (n: number | null, one: Text, many: Text) => (n === null ? `<${smallCellThreshold} ${l(many)}` : `${number(n)} ${l(n === 1 || (language === 'fr' && n === 0) ? one : many)}`);
  for (const i of surveys) {
    const { responses, organizations } = i.breakdown as { responses: number | null; organizations?: number | null };
    notes.push(`${label(i)}${colon}n = ${counted(responses, t('réponse', 'response'), t('réponses', 'responses'))}${organizations !== undefined ? `, ${counted(organizations, t('organisme', 'organisation'), t('organismes', 'organisations'))}` : ''}`);
  }
  const nulls = (value: unknown): number => (value === null ? 1 : Array.isArray(value) ? value.reduce((sum: number, v) => sum + nulls(v), 0) : typeof value === 'object' ? Object.values(value as object).reduce((sum: number, v) => sum + nulls(v), 0) : 0);
  const ruled = indicators.filter((i) => suppressionOf(i.key));
  const hiddenCounts = ruled.reduce((sum, i) => sum + nulls(i.breakdown), 0);
  const hiddenFigures = indicators.filter((i) => i.suppressed);
  notes.push(
    l(
      t(
        `Cellules masquées par la règle des petits nombres\u00a0: ${number(hiddenCounts)} nombre${hiddenCounts > 1 ? 's' : ''} affiché${hiddenCounts > 1 ? 's' : ''} «\u00a0<${smallCellThreshold}\u00a0», ${number(hiddenFigures.length)} figure${hiddenFigures.length > 1 ? 's' : ''} non affichée${hiddenFigures.length > 1 ? 's' : ''}${hiddenFigures.length ? ` (${hiddenFigures.map(label).join(', ')})` : ''}.`,
        `Cells hidden by the small-count rule: ${number(hiddenCounts)} count${hiddenCounts === 1 ? '' : 's'} shown as "<${smallCellThreshold}", ${number(hiddenFigures.length)} figure${hiddenFigures.length === 1 ? '' : 's'} not shown${hiddenFigures.length ? ` (${hiddenFigures.map(label).join(', ')})` : ''}.`,
      ),
    ),
  );
  const missing = indicators.filter((i) => i.value === null && !hiddenFigures.includes(i));
  notes.push(
    missing.length
      ? `${l(t('Données manquantes (aucune donnée pour l’instant)', 'Missing data (no data yet)'))}${colon}${missing.map(label).join(', ')}.`
      : l(t('Données manquantes\u00a0: aucune, chaque indicateur a au moins une donnée.', 'Missing data: none, every indicator has at least one data point.')),
  );
  notes.push(...periodsNote);
  return { heading: l(t('Qualité des données', 'Data quality')), notes };
}

function pick(outcome: { heading: Text; statement: Text }, l: (text: Text) => string) {
  return { heading: l(outcome.heading), statement: l(outcome.statement) };
}
