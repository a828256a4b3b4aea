import { Bilingual, expertCriteria, OrganizationCategory, organizationCategories, stakeholderCriteria } from '@ccndr/contracts';

/*
 * The programme's indicators, once: what each is called and measures (FR/EN), its unit, the
 * programme's default target and whether its counts are suppressed. Evaluation computes them
 * under these keys; its report and dashboard, the portal and docs/evaluation.md read them from
 * here. Wording follows the programme's report (its "Critères d'évaluation" and "Évaluation").
 */

/** One of the programme's four outcomes (an indicator of none is a readiness figure of prototype 1). */
export type Outcome = 1 | 2 | 3 | 4;

export type IndicatorUnit = 'count' | 'percent' | 'average' | 'per-month';

/**
 * `more-than`: met above `value`; `at-least`: met from `value`; `between`: met from `value`,
 * expected up to `max`. With `dueOn`, a target not yet met is `on-track` while the value keeps
 * pace with the time elapsed since the consortium began.
 */
export interface Target {
  comparison: 'more-than' | 'at-least' | 'between';
  value: number;
  max?: number;
  dueOn?: string;
}

/** Counts from 1 up to `below` (exclusive) are never shown as numbers: "<5" instead. */
export interface SuppressionRule {
  below: number;
  /** Which counts of the indicator the rule covers. */
  cells: Bilingual;
  /** What a surface writes for the indicator's figure when the rule withholds it, where `suppressedFigureText` (organisations) does not fit. */
  withheld?: Bilingual;
}

export interface IndicatorDefinition {
  /** Stable key, e.g. `o1.meeting-participants`; `<dimension>` stands for each dimension of the consortium's framework. */
  key: string;
  outcome: Outcome | null;
  label: Bilingual;
  unit: IndicatorUnit;
  definition: Bilingual;
  /** The programme's default target (a consortium may set its own); null: followed without one. */
  target: Target | null;
  suppression: SuppressionRule | null;
}

/** A part of the evaluation: one outcome of the programme, or the readiness figures. */
export interface OutcomeDefinition {
  outcome: Outcome | null;
  heading: Bilingual;
  /** What the outcome is about, in a few words (dashboard sections). */
  title: Bilingual;
  /** The expected result as the programme's report states it. */
  statement: Bilingual;
}

const text = (fr: string, en: string): Bilingual => ({ fr, en });

export const outcomes: readonly OutcomeDefinition[] = [
  {
    outcome: 1,
    heading: text('1er résultat', 'Outcome 1'),
    title: text('engagement des organismes', 'engagement of organisations'),
    statement: text(
      'Accroître l’engagement des organismes participants en proposant un modèle de collaboration qui améliore le fonctionnement de l’écosystème pour le développement des compétences liées au numérique et aux données en appui au personnel des OBNL d’emploi jeunesse.',
      'Increase the engagement of participating organisations by proposing a collaboration model that improves how the digital and data skills ecosystem supports the staff of youth-employment nonprofits.',
    ),
  },
  {
    outcome: 2,
    heading: text('2e résultat', 'Outcome 2'),
    title: text('participation aux rencontres', 'participation in meetings'),
    statement: text(
      'Renforcer la participation et l’engagement des organismes et des participant·e·s par le biais de rencontres du Consortium.',
      'Strengthen the participation and engagement of organisations and participants through consortium meetings.',
    ),
  },
  {
    outcome: 3,
    heading: text('3e résultat', 'Outcome 3'),
    title: text('modèles de collaboration', 'collaboration models'),
    statement: text(
      'Recommander au moins un modèle de collaboration (fondé sur un modèle d’affaires viable) afin d’améliorer le fonctionnement de l’écosystème.',
      'Recommend at least one collaboration model (based on a viable business model) to improve how the ecosystem works.',
    ),
  },
  {
    outcome: 4,
    heading: text('4e résultat', 'Outcome 4'),
    title: text('liens entre partenaires', 'ties between partners'),
    statement: text(
      'Solidifier les liens au sein même des partenaires, et entre eux, y compris les OBNL d’emploi jeunesse, les prestataires de services de développement des capacités liées au numérique et aux données, et tout l’écosystème.',
      'Strengthen ties within and between partners, including youth-employment nonprofits, digital and data capacity-building providers and the whole ecosystem.',
    ),
  },
  {
    outcome: null,
    heading: text('Préparation numérique et aux données (prototype 1)', 'Digital and data readiness (prototype 1)'),
    title: text('préparation numérique et aux données (prototype 1)', 'digital and data readiness (prototype 1)'),
    statement: text('Autoévaluations de préparation des organismes et progression de leurs parcours.', 'Organisations’ readiness self-assessments and progress on their journeys.'),
  },
];

/** The categories of participating organisations, as the report's targets name them (plural, lower case: they are read within a sentence). */
export const organizationCategoryLabels: Record<OrganizationCategory, Bilingual> = {
  'youth-employment-nonprofit': text('organismes à but non lucratif d’emploi jeunesse', 'youth-employment nonprofits'),
  'service-provider': text('prestataires de services numériques et de données', 'digital and data service providers'),
  'technical-advisor': text('conseillers·ères techniques', 'technical advisors'),
  'sector-advisor': text('conseillers·ères sectoriel·le·s', 'sector advisors'),
  'other-member': text('autres membres du Consortium', 'other consortium members'),
};

/** The key of the active-organisations indicator of a category. */
export const activeOrganizationsKey = (category: OrganizationCategory) => `o1.active-organizations.${category}`;

/** The report's targets for active organisations, per category. */
const activeOrganizationTargets: Record<OrganizationCategory, number> = {
  'youth-employment-nonprofit': 10,
  'service-provider': 10,
  'technical-advisor': 2,
  'sector-advisor': 3,
  'other-member': 1,
};

/** The programme's three prototypes, each developed by its own working groups (circles). */
export const prototypes = [1, 2, 3] as const;
export type Prototype = (typeof prototypes)[number];

/** What each prototype is about, as the report names it. */
export const prototypeLabels: Record<Prototype, Bilingual> = {
  1: text('parcours de préparation numérique et aux données des OBNL', 'nonprofit digital and data readiness journey'),
  2: text('communauté de pratique', 'community of practice'),
  3: text('liens avec les prestataires de services', 'connections with service providers'),
};

/** The key of the co-design indicator of a prototype: organisations active in its working groups. */
export const codesignOrganizationsKey = (prototype: Prototype) => `o2.codesign-organizations.prototype-${prototype}`;

/** Below this, a count of people or organisations is suppressed wherever it is shown, and no figure is drawn from fewer. */
export const smallCellThreshold = 5;

/** A count as it may be shown: null (shown "<5") from 1 up to the threshold; 0 and larger counts as they are. */
export function suppressSmallCount(count: number | null): number | null {
  return count !== null && count > 0 && count < smallCellThreshold ? null : count;
}

/** Whether a figure drawn from `basis` organisations is withheld: from 1 up to the threshold (none: there is no figure to withhold). */
export function withheldFrom(basis: number): boolean {
  return basis > 0 && basis < smallCellThreshold;
}

/** What every surface writes for a figure the small-count rule withholds (its value is null, its indicator marked suppressed). */
export const suppressedFigureText: Bilingual = { fr: `non affichée (moins de ${smallCellThreshold} organismes)`, en: `not shown (fewer than ${smallCellThreshold} organisations)` };

/**
 * The programme's readiness benchmark pools the consortia that opted in. In a dimension, a
 * consortium contributes only with at least `smallCellThreshold` organisations scored (else a 4 + 1
 * split would show the one's score through the quartiles), and the figures are shown only when drawn
 * from at least this many contributing consortia and `benchmarkOrganizationThreshold` organisations in
 * all (quartiles of exactly 5 scores are 5 organisations' own scores), so that neither an
 * organisation's nor one consortium's figures are ever shown as the programme's.
 */
export const benchmarkConsortiumThreshold = 2;
export const benchmarkOrganizationThreshold = 10;

/** What every surface writes for a benchmark figure drawn from too few organisations (of consortia that contribute). */
export const fewBenchmarkOrganizationsText: Bilingual = {
  fr: `non affichée (moins de ${benchmarkOrganizationThreshold} organismes, d’au moins ${smallCellThreshold} par consortium)`,
  en: `not shown (fewer than ${benchmarkOrganizationThreshold} organisations, at least ${smallCellThreshold} per consortium)`,
};

/** What every surface writes for a benchmark figure drawn from a single contributing consortium. */
export const fewConsortiaText: Bilingual = {
  fr: `non affichée (moins de ${benchmarkConsortiumThreshold} consortiums d’au moins ${smallCellThreshold} organismes)`,
  en: `not shown (fewer than ${benchmarkConsortiumThreshold} consortia of at least ${smallCellThreshold} organisations)`,
};

/** What a surface writes for this indicator's figure when the small-count rule withholds it. */
export function withheldFigureText(key: string): Bilingual {
  return indicatorCatalogue.find((d) => d.key === key)?.suppression?.withheld ?? suppressedFigureText;
}

const selfIdentifiedCounts: SuppressionRule = {
  below: smallCellThreshold,
  cells: text('les nombres de personnes par groupe et par rencontre (auto-identification)', 'the counts of people per group and gathering (self-identified)'),
};

/** Readiness figures are one organisation's own scores when few have taken part. */
const readinessOrganizations: SuppressionRule = {
  below: smallCellThreshold,
  cells: text('les nombres d’organismes, et les moyennes tirées de moins de 5 organismes (non affichées)', 'the counts of organisations, and averages drawn from fewer than 5 organisations (not shown)'),
};
const trackedReadiness = { target: null, suppression: readinessOrganizations };

/** A survey average from few organisations is their own answers; its n would single them out. */
const surveyRespondents: SuppressionRule = {
  below: smallCellThreshold,
  cells: text(
    'les nombres de réponses et d’organismes (n), et les moyennes tirées de moins de 5 organismes (non affichées)',
    'the counts of responses and organisations (n), and averages drawn from fewer than 5 organisations (not shown)',
  ),
};

/** A working group is a handful of people: its counts would point at them. */
const workingGroupCounts: SuppressionRule = {
  below: smallCellThreshold,
  cells: text('les nombres de membres et d’organismes de chaque groupe de travail', 'the counts of members and organisations of each working group'),
};

/** Attendance with and without a reminder: a group of 1 to 4 registrations is those people's own attendance, and the other group's rate would give it away beside the overall rate. */
const reminderGroups: SuppressionRule = {
  below: smallCellThreshold,
  cells: text(
    'les nombres d’inscriptions de chaque groupe; quand l’un des groupes compte de 1 à 4 inscriptions, ni l’un ni l’autre taux n’est affiché',
    'the counts of registrations of each group; when either group has 1 to 4 registrations, neither rate is shown',
  ),
  withheld: text(`non affiché (moins de ${smallCellThreshold} inscriptions dans l’un des groupes)`, `not shown (fewer than ${smallCellThreshold} registrations in one of the groups)`),
};

/** The two groups compared by the reminder indicators. */
const reminderGroupDefinition = (group: Bilingual): Bilingual =>
  text(
    `Part des inscriptions «\u00a0présent·e\u00a0» à une rencontre qui a eu lieu (non annulée, heure de début passée) suivies d’une présence consignée et non retirée, ${group.fr}\u00a0: l’effet des rappels sur la présence (la question du rapport sur les horaires chargés). Une personne compte comme ayant reçu un rappel d’une rencontre dès qu’un seul lui a été envoyé (le serveur de courriel l’a accepté). Non affiché, pour les deux groupes, tant que l’un d’eux compte de 1 à 4 inscriptions; le détail donne le nombre d’inscriptions et de présences du groupe.`,
    `Share of the registrations as going to a gathering that took place (not cancelled, start time passed) followed by attendance recorded and not withdrawn, ${group.en}: the effect of reminders on attendance (the report’s question about busy schedules). A person counts as reminded of a gathering once a single reminder was sent to them (the mail server accepted it). Not shown, for both groups, while either has 1 to 4 registrations; the breakdown gives the group’s registrations and attendances.`,
  );

const feedbackCriteria = {
  participation: { label: text('Niveau de participation', 'Level of participation'), about: text('leur degré de participation', 'their level of participation') },
  'perceived-value': { label: text('Valeur perçue du consortium', 'Perceived value of the consortium'), about: text('la valeur perçue de la collaboration', 'the perceived value of the collaboration') },
  'model-contribution': { label: text('Contribution aux modèles de collaboration', 'Contribution to the collaboration models'), about: text('la contribution au développement des modèles', 'the contribution to developing the models') },
} as const;

const reviewCriteria: Record<(typeof stakeholderCriteria)[number] | (typeof expertCriteria)[number], Bilingual> = {
  feasibility: text('faisabilité', 'feasibility'),
  effectiveness: text('efficacité', 'effectiveness'),
  scalability: text('évolutivité', 'scalability'),
  impact: text('incidence potentielle', 'potential impact'),
  viability: text('viabilité', 'viability'),
  relevance: text('pertinence', 'relevance'),
};

const count = (n: number) => ({ comparison: 'at-least', value: n }) as const;
const tracked = { target: null, suppression: null };

export const indicatorCatalogue: readonly IndicatorDefinition[] = [
  ...organizationCategories.map(
    (category): IndicatorDefinition => ({
      key: activeOrganizationsKey(category),
      outcome: 1,
      label: text(`Organismes actifs\u00a0: ${organizationCategoryLabels[category].fr}`, `Active organisations: ${organizationCategoryLabels[category].en}`),
      unit: 'count',
      definition: text(
        `Nombre de ${organizationCategoryLabels[category].fr} qui ont pris part à au moins une activité du Consortium\u00a0: présence à une rencontre (tant qu’elle n’est pas retirée), publication ou ressource partagée, groupe de travail, modèle de collaboration proposé, autoévaluation terminée, accompagnement accepté ou activité de collaboration consignée.`,
        `Number of ${organizationCategoryLabels[category].en} that took part in at least one activity of the consortium: attendance at a gathering (unless withdrawn), a post or shared resource, a working group, a collaboration model proposed, a completed assessment, an accepted engagement or a collaboration record.`,
      ),
      target: count(activeOrganizationTargets[category]),
      suppression: null,
    }),
  ),
  {
    key: 'o1.meeting-participants',
    outcome: 1,
    label: text('Participants aux rencontres du consortium', 'Participants in consortium meetings'),
    unit: 'count',
    definition: text(
      'Présences consignées aux rencontres du Consortium (moins celles retirées), additionnées d’une rencontre à l’autre comme dans le rapport du programme (une personne venue à trois rencontres compte trois fois); le détail donne chaque rencontre et le nombre de personnes différentes.',
      'Attendance recorded at consortium meetings (less any withdrawn), summed over the meetings as in the programme’s report (a person at three meetings counts three times); the breakdown gives each meeting and the number of different people.',
    ),
    target: { comparison: 'more-than', value: 60 },
    suppression: null,
  },
  ...Object.entries(feedbackCriteria).map(
    ([criterion, { label, about }]): IndicatorDefinition => ({
      key: `o1.feedback.${criterion}`,
      outcome: 1,
      label: text(`${label.fr} (moyenne du sondage, 1 à 5)`, `${label.en} (survey average, 1–5)`),
      unit: 'average',
      definition: text(
        `Note moyenne (1 à 5) que les organismes participants donnent, dans les sondages de rétroaction, à ${about.fr}\u00a0: les réponses de chaque organisme sont d’abord moyennées, puis les moyennes des organismes; le détail donne le nombre de réponses et d’organismes (n). Non affichée avant que 5 organismes aient répondu.`,
        `Average score (1 to 5) participating organisations give, in feedback surveys, to ${about.en}: each organisation’s responses are averaged first, then the organisations’ averages; the breakdown gives the number of responses and of organisations (n). Not shown until 5 organisations have answered.`,
      ),
      target: null,
      suppression: surveyRespondents,
    }),
  ),
  {
    key: 'o2.attendance-rate',
    outcome: 2,
    label: text('Présence des personnes inscrites (%)', 'Attendance of those registered (%)'),
    unit: 'percent',
    definition: text(
      'Part des personnes inscrites comme présentes à une rencontre (non annulée) qui y ont assisté (présence consignée et non retirée), sur les rencontres qui ont eu lieu (heure de début passée)\u00a0: une rencontre à venir ne compte pas, ses inscrits ne sont pas des absents. Le taux change quand l’heure d’une rencontre arrive\u00a0; le détail donne chaque rencontre tenue, toutes les personnes présentes (inscrites ou non) et le nombre de rencontres à venir.',
      'Share of the people registered as going to a gathering (not cancelled) who attended it (attendance recorded and not withdrawn), over the gatherings that have taken place (start time passed): a gathering still to come does not count, and those registered for it are not no-shows. The rate changes when a gathering’s start time comes; the breakdown gives each gathering held, everyone present at them (registered or not) and the number still to come.',
    ),
    ...tracked,
  },
  {
    key: 'o2.attendance-rate.reminded',
    outcome: 2,
    label: text('Présence des personnes inscrites ayant reçu un rappel (%)', 'Attendance of those registered who were reminded (%)'),
    unit: 'percent',
    definition: reminderGroupDefinition(text('parmi les personnes à qui au moins un rappel de cette rencontre a été envoyé', 'among the people sent at least one reminder of that gathering')),
    target: null,
    suppression: reminderGroups,
  },
  {
    key: 'o2.attendance-rate.not-reminded',
    outcome: 2,
    label: text('Présence des personnes inscrites n’ayant reçu aucun rappel (%)', 'Attendance of those registered who were not reminded (%)'),
    unit: 'percent',
    definition: reminderGroupDefinition(text('parmi les personnes à qui aucun rappel de cette rencontre n’a été envoyé', 'among the people sent no reminder of that gathering')),
    target: null,
    suppression: reminderGroups,
  },
  ...prototypes.map(
    (prototype): IndicatorDefinition => ({
      key: codesignOrganizationsKey(prototype),
      outcome: 2,
      label: text(
        `Organismes actifs dans les groupes de travail du prototype ${prototype} (cocréation\u00a0: ${prototypeLabels[prototype].fr})`,
        `Organisations active in the prototype ${prototype} working groups (co-design: ${prototypeLabels[prototype].en})`,
      ),
      unit: 'count',
      definition: text(
        `Organismes dont au moins un membre a fait partie d’un groupe de travail (cercle) du prototype ${prototype}, à un moment ou à un autre\u00a0: un membre qui a quitté le groupe compte pour le temps où il y était actif. Chaque prototype est compté à part et comparé à sa propre cible (de 5 à 10 organismes), comme dans le rapport du programme; le détail donne, par cercle, les membres et organismes qui y ont été actifs et ceux qui le sont encore.`,
        `Organisations with at least one member who took part in a working group (circle) of prototype ${prototype} at some point: a member who left the group counts for the time they were active in it. Each prototype is counted apart and against its own target (5 to 10 organisations), as in the programme’s report; the breakdown gives, per circle, the members and organisations ever active in it and those still active.`,
      ),
      target: { comparison: 'between', value: 5, max: 10 },
      suppression: workingGroupCounts,
    }),
  ),
  {
    key: 'o2.representation.provinces-and-territories',
    outcome: 2,
    label: text('Provinces et territoires représentés aux rencontres', 'Provinces and territories represented at gatherings'),
    unit: 'count',
    definition: text(
      'Provinces et territoires des organismes dont des membres ont assisté à une rencontre; le détail donne le nombre d’organismes de chacun.',
      'Provinces and territories of the organisations whose members attended a gathering; the breakdown gives the number of organisations from each.',
    ),
    ...tracked,
  },
  {
    key: 'o2.representation.countries',
    outcome: 2,
    label: text('Pays représentés aux rencontres', 'Countries represented at gatherings'),
    unit: 'count',
    definition: text(
      'Pays des organismes dont des membres ont assisté à une rencontre; le détail donne le nombre d’organismes de chacun.',
      'Countries of the organisations whose members attended a gathering; the breakdown gives the number of organisations from each.',
    ),
    ...tracked,
  },
  {
    key: 'o2.representation.expertise',
    outcome: 2,
    label: text('Types d’expertise aux rencontres (rôles des membres)', 'Kinds of expertise at gatherings (members’ roles)'),
    unit: 'count',
    definition: text(
      'Rôles différents (personnel d’OBNL, de prestataire, conseil technique ou sectoriel…) parmi les personnes qui ont assisté aux rencontres; le détail donne le nombre de personnes par rôle.',
      'Distinct roles (nonprofit staff, provider staff, technical or sector advisor…) among the people who attended gatherings; the breakdown gives the number of people per role.',
    ),
    ...tracked,
  },
  {
    key: 'o2.representation.age-bands',
    outcome: 2,
    label: text('Tranches d’âge représentées (auto-identification, nombres sous 5 masqués)', 'Age bands represented (self-identified, counts under 5 hidden)'),
    unit: 'count',
    definition: text(
      'Tranches d’âge comptant au moins une personne dans l’agrégat de chaque rencontre, tiré de l’auto-identification consentie des personnes présentes («\u00a0préfère ne pas répondre\u00a0» exclu). Un nombre masqué ne compte pas comme représenté.',
      'Age bands with at least one person in each gathering’s aggregate, from the consented self-identification of attendees ("prefer not to say" excluded). A suppressed count does not count as represented.',
    ),
    target: null,
    suppression: selfIdentifiedCounts,
  },
  {
    key: 'o2.representation.identity-groups',
    outcome: 2,
    label: text('Groupes identitaires représentés (auto-identification, nombres sous 5 masqués)', 'Identity groups represented (self-identified, counts under 5 hidden)'),
    unit: 'count',
    definition: text(
      'Groupes identitaires comptant au moins une personne dans l’agrégat de chaque rencontre, tiré de l’auto-identification consentie des personnes présentes. Un nombre masqué ne compte pas comme représenté.',
      'Identity groups with at least one person in each gathering’s aggregate, from the consented self-identification of attendees. A suppressed count does not count as represented.',
    ),
    target: null,
    suppression: selfIdentifiedCounts,
  },
  {
    key: 'o2.knowledge-sharing.interactions',
    outcome: 2,
    label: text('Interactions de partage de connaissances (sujets, réponses, ressources, réactions)', 'Knowledge-sharing interactions (posts, replies, resources, reactions)'),
    unit: 'count',
    definition: text(
      'Sujets de discussion, réponses, ressources partagées et réactions dans la communauté de pratique; le détail donne chaque sorte et chaque mois.',
      'Discussion threads, replies, shared resources and reactions in the community of practice; the breakdown gives each kind and each month.',
    ),
    ...tracked,
  },
  {
    key: 'o2.knowledge-sharing.cross-organization',
    outcome: 2,
    label: text('Interactions entre organismes', 'Interactions between organisations'),
    unit: 'count',
    definition: text(
      'Interactions (réponse, réaction) d’une personne avec la publication d’une personne d’un autre organisme\u00a0: le réseautage entre organismes.',
      'Interactions (a reply, a reaction) of a person with a post by someone of another organisation: networking between organisations.',
    ),
    ...tracked,
  },
  {
    key: 'o2.knowledge-sharing.resources',
    outcome: 2,
    label: text('Ressources partagées', 'Resources shared'),
    unit: 'count',
    definition: text('Ressources partagées dans la communauté de pratique.', 'Resources shared in the community of practice.'),
    ...tracked,
  },
  {
    key: 'o3.models-proposed',
    outcome: 3,
    label: text('Modèles de collaboration proposés', 'Collaboration models proposed'),
    unit: 'count',
    definition: text('Modèles de collaboration proposés; le détail donne le nombre par prototype.', 'Collaboration models proposed; the breakdown gives the number per prototype.'),
    target: count(1),
    suppression: null,
  },
  ...(['stakeholder', 'expert'] as const).flatMap((role) =>
    (role === 'stakeholder' ? stakeholderCriteria : expertCriteria).map((criterion): IndicatorDefinition => {
      const who = role === 'stakeholder' ? text('Parties prenantes', 'Stakeholder') : text('Experts', 'Expert');
      const raters = role === 'stakeholder' ? text('les parties prenantes', 'stakeholders') : text('les expert·e·s désigné·e·s', 'designated experts');
      return {
        key: `o3.${role}-rating.${criterion}`,
        outcome: 3,
        label: text(`${who.fr} — évaluation des modèles\u00a0: ${reviewCriteria[criterion].fr} (1 à 5)`, `${who.en} rating of the models: ${reviewCriteria[criterion].en} (1–5)`),
        unit: 'average',
        definition: text(
          `Note moyenne (1 à 5) que ${raters.fr} donnent aux modèles proposés pour leur ${reviewCriteria[criterion].fr}; le détail donne chaque modèle avec l’accord entre les évaluateurs.`,
          `Average score (1 to 5) ${raters.en} give the proposed models for their ${reviewCriteria[criterion].en}; the breakdown gives each model with the agreement among raters.`,
        ),
        ...tracked,
      };
    }),
  ),
  {
    key: 'o3.viability-criteria-met',
    outcome: 3,
    label: text(
      'Modèles qui satisfont aux trois critères de viabilité (évolutivité, utilisation efficace des ressources, durabilité)',
      'Models meeting all three viability criteria (scalability, efficient use of resources, sustainability)',
    ),
    unit: 'count',
    definition: text(
      'Modèles dont la vérification de viabilité retient les trois critères du rapport\u00a0: l’évolutivité, l’utilisation efficiente des ressources et la pérennité.',
      'Models whose viability check meets the report’s three criteria: scalability, efficient use of resources and sustainability.',
    ),
    ...tracked,
  },
  {
    key: 'o3.rater-agreement',
    outcome: 3,
    label: text('Accord entre les évaluateurs (rWG, 0 à 1)', 'Agreement among raters (rWG, 0–1)'),
    unit: 'average',
    definition: text(
      'Accord intragroupe moyen (rWG, 0 à 1) sur chaque modèle et critère évalués par au moins deux personnes.',
      'Mean within-group agreement (rWG, 0 to 1) over each model and criterion rated by at least two people.',
    ),
    ...tracked,
  },
  {
    key: 'o4.partnerships.confirmed',
    outcome: 4,
    label: text('Partenariats confirmés', 'Confirmed partnerships'),
    unit: 'count',
    definition: text(
      'Nouveaux partenariats confirmés; le détail donne les partenariats à chaque étape (proposés, en négociation, confirmés, terminés).',
      'New partnerships confirmed; the breakdown gives the partnerships at each stage (proposed, in negotiation, confirmed, ended).',
    ),
    ...tracked,
  },
  {
    key: 'o4.partnerships.in-negotiation',
    outcome: 4,
    label: text('Partenariats en négociation', 'Partnerships in negotiation'),
    unit: 'count',
    definition: text('Partenariats dont la négociation est en cours, pas encore confirmés.', 'Partnerships whose negotiation is under way, not yet confirmed.'),
    ...tracked,
  },
  {
    key: 'o4.collaboration-intensity',
    outcome: 4,
    label: text('Collaboration entre partenaires (activités par mois)', 'Collaboration between partners (records per month)'),
    unit: 'per-month',
    definition: text(
      'Activités de collaboration consignées entre partenaires (initiatives conjointes, ressources partagées, communications) par mois, du premier mois qui en compte au dernier; le détail donne chaque mois et chaque sorte.',
      'Collaboration records between partners (joint initiatives, shared resources, communications) per month, from the first month with a record to the last; the breakdown gives each month and kind.',
    ),
    ...tracked,
  },
  {
    key: 'o4.perception.trust-synergy',
    outcome: 4,
    label: text('Confiance et synergie entre partenaires (moyenne du sondage, 1 à 5)', 'Trust and synergy between partners (survey average, 1–5)'),
    unit: 'average',
    definition: text(
      'Note moyenne (1 à 5) que les parties prenantes donnent, dans les sondages de rétroaction, aux liens, à la confiance et à la synergie entre les partenaires\u00a0: les réponses de chaque organisme sont d’abord moyennées, puis les moyennes des organismes; le détail donne le nombre de réponses et d’organismes (n). Non affichée avant que 5 organismes aient répondu.',
      'Average score (1 to 5) stakeholders give, in feedback surveys, to the ties, trust and synergy between partners: each organisation’s responses are averaged first, then the organisations’ averages; the breakdown gives the number of responses and of organisations (n). Not shown until 5 organisations have answered.',
    ),
    target: null,
    suppression: surveyRespondents,
  },
  {
    key: 'readiness.assessments-completed',
    outcome: null,
    label: text('Autoévaluations de préparation terminées', 'Readiness assessments completed'),
    unit: 'count',
    definition: text(
      'Autoévaluations de préparation numérique et aux données terminées (chaque reprise compte); le détail donne le nombre d’organismes (moins de 5\u00a0: non affiché).',
      'Digital and data readiness self-assessments completed (every retake counts); the breakdown gives the number of organisations (under 5: not shown).',
    ),
    ...trackedReadiness,
  },
  {
    key: 'readiness.maturity.<dimension>',
    outcome: null,
    label: text('Maturité moyenne\u00a0: {dimension} (0 à 100, dernière autoévaluation de chaque organisme)', 'Average maturity: {dimension} (0–100, latest assessment of each organisation)'),
    unit: 'average',
    definition: text(
      'Note moyenne (0 à 100) sur une dimension du cadre de préparation du consortium, d’après la dernière autoévaluation terminée de chaque organisme; une par dimension. Non affichée avant que 5 organismes en aient une\u00a0: une moyenne plus petite révélerait les notes d’un organisme.',
      'Average score (0 to 100) on one dimension of the consortium’s readiness framework, over the latest completed assessment of each organisation; one per dimension. Not shown until 5 organisations have one: a smaller average would give away an organisation’s own scores.',
    ),
    ...trackedReadiness,
  },
  {
    key: 'readiness.journey-progress',
    outcome: null,
    label: text('Progression des parcours de préparation (% des jalons franchis)', 'Progress on the readiness journeys (% of milestones completed)'),
    unit: 'percent',
    definition: text(
      'Part moyenne des jalons franchis sur le dernier parcours de préparation de chaque organisme; non affichée avant que 5 organismes aient un parcours.',
      'Average share of milestones completed on each organisation’s latest readiness journey; not shown until 5 organisations have a journey.',
    ),
    ...trackedReadiness,
  },
];

const dimensionPlaceholder = '<dimension>';

/** The definition of an indicator key (`readiness.maturity.cybersecurity` is the `<dimension>` entry's); throws for a key not in the catalogue. */
export function indicatorDefinition(key: string): IndicatorDefinition {
  const found = indicatorCatalogue.find((d) => d.key === key || (d.key.endsWith(dimensionPlaceholder) && key.startsWith(d.key.slice(0, -dimensionPlaceholder.length)) && key.length > d.key.length - dimensionPlaceholder.length));
  if (!found) throw new Error(`indicator ${key} is not in the catalogue`);
  return found;
}

/** The label of an indicator key, with the dimension's name where the label names one. */
export function indicatorLabel(key: string, dimension?: Bilingual): Bilingual {
  const { label } = indicatorDefinition(key);
  if (!dimension) return label;
  return { fr: label.fr.replace('{dimension}', dimension.fr), en: label.en.replace('{dimension}', dimension.en) };
}

/** The catalogue's indicators of one outcome (null: the readiness figures), in the catalogue's order. */
export function indicatorsOf(outcome: Outcome | null): IndicatorDefinition[] {
  return indicatorCatalogue.filter((d) => d.outcome === outcome);
}

/** A label read at the start of a line or a cell: its first letter capitalised. */
export function capitalised(label: string): string {
  return label.charAt(0).toLocaleUpperCase('fr-CA') + label.slice(1);
}
