import { Bilingual, Framework } from './framework.schema';

type Pair = [fr: string, en: string];
const t = ([fr, en]: Pair): Bilingual => ({ fr, en });

/** A question whose five answers are, in order, typical of stages 1 to 5. */
function question(key: string, text: Pair, answers: [Pair, Pair, Pair, Pair, Pair]) {
  return { key, text: t(text), options: answers.map((answer, i) => ({ key: `s${i + 1}`, label: t(answer), stage: i + 1 })) };
}

/** The next step to take from each stage (stage 5: keep leading). */
function guidance(steps: [Pair, Pair, Pair, Pair, Pair], resources: { title: Pair; url: string }[] = []) {
  return steps.map((step, i) => ({ stage: i + 1, nextSteps: [t(step)], resources: resources.map((r) => ({ title: t(r.title), url: r.url })) }));
}

const privacyCommissioner = { title: ['Commissariat à la protection de la vie privée du Canada', 'Office of the Privacy Commissioner of Canada'] as Pair, url: 'https://www.priv.gc.ca/' };
const getCyberSafe = { title: ['Pensez cybersécurité (gouvernement du Canada)', 'Get Cyber Safe (Government of Canada)'] as Pair, url: 'https://www.getcybersafe.gc.ca/' };
const cyberCentre = { title: ['Centre canadien pour la cybersécurité', 'Canadian Centre for Cyber Security'] as Pair, url: 'https://www.cyber.gc.ca/' };
const statcan = { title: ['Statistique Canada\u00a0: littératie des données', 'Statistics Canada: data literacy'] as Pair, url: 'https://www.statcan.gc.ca/' };

/** The framework that ships with the service (version 2026.1). */
export const defaultFramework: Framework = {
  version: '2026.1',
  title: t(['Cadre de préparation numérique et aux données', 'Digital and data readiness framework']),
  stages: [
    { stage: 1, name: t(['Émergent', 'Emerging']), description: t(['Les pratiques sont informelles et dépendent de quelques personnes.', 'Practices are informal and depend on a few people.']) },
    { stage: 2, name: t(['En développement', 'Developing']), description: t(['Des pratiques existent mais sont inégales d’une équipe à l’autre.', 'Practices exist but vary from team to team.']) },
    { stage: 3, name: t(['Établi', 'Established']), description: t(['Les pratiques sont documentées et suivies dans l’organisation.', 'Practices are documented and followed across the organisation.']) },
    { stage: 4, name: t(['Avancé', 'Advanced']), description: t(['Les pratiques sont mesurées et améliorées régulièrement.', 'Practices are measured and improved regularly.']) },
    { stage: 5, name: t(['Exemplaire', 'Leading']), description: t(['L’organisation innove et partage ses pratiques avec le secteur.', 'The organisation innovates and shares its practices with the sector.']) },
  ],
  dimensions: [
    {
      key: 'data-governance',
      name: t(['Gouvernance des données et vie privée', 'Data governance and privacy']),
      description: t(['Qui est responsable des données, comment elles sont protégées et utilisées avec consentement.', 'Who is responsible for data, and how it is protected and used with consent.']),
      questions: [
        question('responsibility', ['Qui est responsable des données des participants\u00a0?', 'Who is responsible for participant data?'], [
          ['Personne en particulier', 'No one in particular'],
          ['Chaque programme gère ses propres données', 'Each programme manages its own data'],
          ['Une personne désignée pour l’organisation', 'A named person for the whole organisation'],
          ['Un rôle désigné avec un plan et un budget', 'A named role with a plan and budget'],
          ['Une gouvernance revue par le conseil d’administration', 'Governance reviewed by the board'],
        ]),
        question('consent', ['Comment obtenez-vous le consentement des jeunes pour utiliser leurs données\u00a0?', 'How do you obtain young people’s consent to use their data?'], [
          ['Nous ne le demandons pas', 'We do not ask'],
          ['Oralement, sans trace', 'Verbally, with no record'],
          ['Un formulaire signé, conservé', 'A signed form, kept on file'],
          ['Un consentement précis par usage, révocable', 'Specific consent per use, withdrawable'],
          ['Un consentement dynamique que les jeunes gèrent eux-mêmes', 'Dynamic consent that young people manage themselves'],
        ]),
      ],
      guidance: guidance(
        [
          ['Nommer une personne responsable des données et dresser la liste des données recueillies.', 'Name a person responsible for data and list the data you collect.'],
          ['Rédiger une politique de confidentialité simple et un formulaire de consentement.', 'Write a simple privacy policy and a consent form.'],
          ['Fixer des durées de conservation et former le personnel à la politique.', 'Set retention periods and train staff on the policy.'],
          ['Mener une évaluation des facteurs relatifs à la vie privée pour chaque nouveau projet.', 'Run a privacy impact assessment for every new project.'],
          ['Partager vos modèles de gouvernance avec d’autres organismes.', 'Share your governance templates with other nonprofits.'],
        ],
        [privacyCommissioner],
      ),
    },
    {
      key: 'data-collection',
      name: t(['Collecte et qualité des données', 'Data collection and quality']),
      description: t(['Comment les données sont recueillies, vérifiées et tenues à jour.', 'How data is collected, checked and kept up to date.']),
      questions: [
        question('collection-tools', ['Comment recueillez-vous les données sur les participants\u00a0?', 'How do you collect data about participants?'], [
          ['Sur papier ou pas du tout', 'On paper or not at all'],
          ['Dans des tableurs propres à chaque personne', 'In each person’s own spreadsheets'],
          ['Dans un outil partagé avec des champs définis', 'In a shared tool with defined fields'],
          ['Dans un système intégré avec validation à la saisie', 'In an integrated system that validates entries'],
          ['Automatiquement, avec des contrôles de qualité continus', 'Automatically, with continuous quality checks'],
        ]),
        question('quality', ['À quel point vous fiez-vous à l’exactitude de vos données\u00a0?', 'How far do you trust the accuracy of your data?'], [
          ['Pas du tout', 'Not at all'],
          ['Un peu, nous trouvons souvent des erreurs', 'A little, we often find errors'],
          ['Assez, nous vérifions avant les rapports', 'Fairly, we check before reporting'],
          ['Beaucoup, la qualité est mesurée', 'Very much, quality is measured'],
          ['Entièrement, et nous corrigeons les causes des erreurs', 'Fully, and we fix the causes of errors'],
        ]),
      ],
      guidance: guidance([
        ['Choisir les quelques données essentielles à recueillir pour chaque participant.', 'Choose the few essential data points to collect for each participant.'],
        ['Regrouper la collecte dans un seul outil partagé avec des définitions communes.', 'Bring collection into one shared tool with common definitions.'],
        ['Ajouter des règles de validation et un contrôle mensuel de la qualité.', 'Add validation rules and a monthly quality check.'],
        ['Mesurer la qualité (complétude, exactitude) et en rendre compte.', 'Measure quality (completeness, accuracy) and report on it.'],
        ['Automatiser les contrôles et aider vos partenaires à faire de même.', 'Automate checks and help your partners do the same.'],
      ]),
    },
    {
      key: 'evidence-use',
      name: t(['Analyse et utilisation des données probantes', 'Analysis and use of evidence']),
      description: t(['Comment les données éclairent les décisions et l’amélioration des programmes.', 'How data informs decisions and programme improvement.']),
      questions: [
        question('decisions', ['Comment les données servent-elles aux décisions\u00a0?', 'How is data used in decisions?'], [
          ['Elles ne servent qu’aux rapports aux bailleurs', 'Only for funder reports'],
          ['À l’occasion, quand quelqu’un y pense', 'Occasionally, when someone thinks of it'],
          ['Dans des revues régulières des programmes', 'In regular programme reviews'],
          ['Avec des indicateurs suivis et des cibles', 'With tracked indicators and targets'],
          ['Pour tester et améliorer les programmes en continu', 'To test and improve programmes continuously'],
        ]),
        question('outcomes', ['Mesurez-vous les résultats pour les jeunes (emploi, compétences)\u00a0?', 'Do you measure outcomes for young people (employment, skills)?'], [
          ['Non', 'No'],
          ['Nous comptons les participants seulement', 'We only count participants'],
          ['Nous mesurons quelques résultats à la sortie', 'We measure some outcomes at exit'],
          ['Nous suivons les résultats dans le temps', 'We follow outcomes over time'],
          ['Nous comparons et publions nos résultats', 'We compare and publish our outcomes'],
        ]),
      ],
      guidance: guidance(
        [
          ['Définir deux ou trois résultats qui comptent pour les jeunes que vous servez.', 'Define two or three outcomes that matter to the young people you serve.'],
          ['Tenir une revue trimestrielle des données avec l’équipe.', 'Hold a quarterly data review with the team.'],
          ['Établir un cadre logique avec des indicateurs et des cibles.', 'Set up a logic model with indicators and targets.'],
          ['Suivre les jeunes après la sortie pour mesurer les effets durables.', 'Follow up after exit to measure lasting effects.'],
          ['Publier vos résultats et contribuer aux données probantes du secteur.', 'Publish your results and contribute to the sector’s evidence.'],
        ],
        [statcan],
      ),
    },
    {
      key: 'digital-tools',
      name: t(['Outils et infrastructure numériques', 'Digital tools and infrastructure']),
      description: t(['Les outils, le matériel et les systèmes sur lesquels repose le travail.', 'The tools, hardware and systems the work relies on.']),
      questions: [
        question('systems', ['Comment vos outils numériques travaillent-ils ensemble\u00a0?', 'How do your digital tools work together?'], [
          ['Peu d’outils, souvent personnels', 'Few tools, often personal ones'],
          ['Plusieurs outils qui ne se parlent pas', 'Several tools that do not connect'],
          ['Des outils communs choisis par l’organisation', 'Common tools chosen by the organisation'],
          ['Des outils intégrés, avec un plan de renouvellement', 'Integrated tools, with a renewal plan'],
          ['Une architecture pensée pour évoluer et être partagée', 'An architecture designed to grow and be shared'],
        ]),
        question('support', ['Qui s’occupe de vos outils et de votre matériel\u00a0?', 'Who looks after your tools and equipment?'], [
          ['Personne', 'No one'],
          ['Un bénévole ou un membre du personnel à temps perdu', 'A volunteer or staff member in spare time'],
          ['Un fournisseur ou une personne désignée', 'A provider or a named person'],
          ['Une fonction TI avec des niveaux de service', 'An IT function with service levels'],
          ['Une équipe qui planifie avec la direction', 'A team that plans with leadership'],
        ]),
      ],
      guidance: guidance([
        ['Faire l’inventaire des outils et des comptes utilisés.', 'Take stock of the tools and accounts in use.'],
        ['Choisir des outils communs et retirer les doublons.', 'Choose common tools and retire duplicates.'],
        ['Relier les outils clés (CRM, courriel, formulaires) entre eux.', 'Connect key tools (CRM, e-mail, forms) to each other.'],
        ['Établir un plan de renouvellement et un budget technologique.', 'Set a renewal plan and a technology budget.'],
        ['Mutualiser l’infrastructure avec d’autres organismes.', 'Share infrastructure with other nonprofits.'],
      ]),
    },
    {
      key: 'cybersecurity',
      name: t(['Cybersécurité', 'Cybersecurity']),
      description: t(['La protection des comptes, des appareils et des données contre les menaces.', 'Protecting accounts, devices and data from threats.']),
      questions: [
        question('accounts', ['Comment les comptes sont-ils protégés\u00a0?', 'How are accounts protected?'], [
          ['Mots de passe partagés', 'Shared passwords'],
          ['Mots de passe individuels, sans règle', 'Individual passwords, no rules'],
          ['Gestionnaire de mots de passe et authentification à deux facteurs pour certains', 'Password manager and two-factor authentication for some'],
          ['Authentification à deux facteurs partout, accès revus', 'Two-factor authentication everywhere, access reviewed'],
          ['Contrôles testés et surveillance des incidents', 'Tested controls and incident monitoring'],
        ]),
        question('incidents', ['Que feriez-vous en cas de fuite de données\u00a0?', 'What would you do if data leaked?'], [
          ['Nous ne savons pas', 'We do not know'],
          ['Nous improviserions', 'We would improvise'],
          ['Un plan de réponse écrit existe', 'A written response plan exists'],
          ['Le plan est exercé chaque année', 'The plan is rehearsed every year'],
          ['Nous aidons d’autres organismes à se préparer', 'We help other nonprofits prepare'],
        ]),
      ],
      guidance: guidance(
        [
          ['Activer l’authentification à deux facteurs sur le courriel et les comptes clés.', 'Turn on two-factor authentication for e-mail and key accounts.'],
          ['Adopter un gestionnaire de mots de passe et former le personnel à l’hameçonnage.', 'Adopt a password manager and train staff on phishing.'],
          ['Écrire un plan de réponse aux incidents et faire des sauvegardes testées.', 'Write an incident response plan and keep tested backups.'],
          ['Exercer le plan chaque année et revoir les accès chaque trimestre.', 'Rehearse the plan yearly and review access quarterly.'],
          ['Partager vos pratiques et vos exercices avec le secteur.', 'Share your practices and exercises with the sector.'],
        ],
        [getCyberSafe, cyberCentre],
      ),
    },
    {
      key: 'digital-skills',
      name: t(['Compétences numériques', 'Digital skills']),
      description: t(['La capacité du personnel et des bénévoles à utiliser le numérique et les données.', 'How well staff and volunteers can use digital tools and data.']),
      questions: [
        question('staff-skills', ['Le personnel est-il à l’aise avec les outils et les données\u00a0?', 'Are staff comfortable with tools and data?'], [
          ['Peu de personnes le sont', 'Few people are'],
          ['Certaines personnes, de façon inégale', 'Some people, unevenly'],
          ['La plupart, avec une formation de base', 'Most, with basic training'],
          ['Toutes, avec un plan de formation', 'Everyone, with a training plan'],
          ['Toutes, et certaines forment d’autres organismes', 'Everyone, and some train other nonprofits'],
        ]),
        question('learning', ['Comment le personnel apprend-il de nouveaux outils\u00a0?', 'How do staff learn new tools?'], [
          ['Seul, quand il le faut', 'Alone, when needed'],
          ['Auprès de collègues, au besoin', 'From colleagues, as needed'],
          ['Par des formations prévues', 'Through planned training'],
          ['Selon un plan lié aux rôles', 'Following a plan tied to roles'],
          ['Par une communauté de pratique active', 'Through an active community of practice'],
        ]),
      ],
      guidance: guidance([
        ['Repérer les compétences de base qui manquent à l’équipe.', 'Identify the basic skills the team is missing.'],
        ['Offrir une courte formation commune sur les outils principaux.', 'Offer a short shared training on the main tools.'],
        ['Lier un plan de formation à chaque rôle.', 'Tie a training plan to each role.'],
        ['Désigner des personnes-ressources et mesurer les progrès.', 'Name go-to people and measure progress.'],
        ['Animer une communauté de pratique ouverte au secteur.', 'Lead a community of practice open to the sector.'],
      ]),
    },
    {
      key: 'leadership-strategy',
      name: t(['Leadership et stratégie', 'Leadership and strategy']),
      description: t(['La place du numérique et des données dans les priorités et les budgets.', 'Where digital and data stand in priorities and budgets.']),
      questions: [
        question('strategy', ['Le numérique figure-t-il dans votre plan stratégique\u00a0?', 'Is digital part of your strategic plan?'], [
          ['Non', 'No'],
          ['Mentionné, sans objectifs', 'Mentioned, without goals'],
          ['Avec des objectifs et un responsable', 'With goals and an owner'],
          ['Avec un budget et un suivi par la direction', 'With a budget and leadership follow-up'],
          ['Au cœur de la stratégie et de la mission', 'At the heart of strategy and mission'],
        ]),
        question('investment', ['Comment le numérique est-il financé\u00a0?', 'How is digital funded?'], [
          ['Avec les restes du budget', 'With what is left over'],
          ['Projet par projet', 'Project by project'],
          ['Une ligne budgétaire annuelle', 'An annual budget line'],
          ['Un plan pluriannuel', 'A multi-year plan'],
          ['Un investissement défendu auprès des bailleurs', 'An investment championed with funders'],
        ]),
      ],
      guidance: guidance([
        ['Mettre le numérique à l’ordre du jour de la direction.', 'Put digital on the leadership agenda.'],
        ['Fixer deux objectifs numériques pour l’année.', 'Set two digital goals for the year.'],
        ['Prévoir une ligne budgétaire et un responsable.', 'Plan a budget line and an owner.'],
        ['Adopter un plan pluriannuel suivi par le conseil.', 'Adopt a multi-year plan followed by the board.'],
        ['Plaider auprès des bailleurs pour le financement du numérique.', 'Advocate with funders for digital funding.'],
      ]),
    },
    {
      key: 'culture',
      name: t(['Culture', 'Culture']),
      description: t(['L’ouverture au changement, à l’expérimentation et au partage.', 'Openness to change, experimentation and sharing.']),
      questions: [
        question('experimentation', ['Comment l’organisation accueille-t-elle les nouvelles façons de faire\u00a0?', 'How does the organisation welcome new ways of working?'], [
          ['Avec méfiance', 'With suspicion'],
          ['Avec prudence, au cas par cas', 'Cautiously, case by case'],
          ['Favorablement quand c’est utile', 'Favourably when useful'],
          ['Par des essais planifiés et évalués', 'Through planned, evaluated trials'],
          ['L’expérimentation fait partie du quotidien', 'Experimentation is part of daily work'],
        ]),
        question('sharing', ['Partagez-vous vos apprentissages avec d’autres organismes\u00a0?', 'Do you share what you learn with other nonprofits?'], [
          ['Jamais', 'Never'],
          ['Rarement', 'Rarely'],
          ['Parfois, dans des réseaux', 'Sometimes, in networks'],
          ['Souvent, avec des partenaires', 'Often, with partners'],
          ['Systématiquement, en données ouvertes quand c’est possible', 'Routinely, as open data where possible'],
        ]),
      ],
      guidance: guidance([
        ['Célébrer une petite réussite numérique de l’équipe.', 'Celebrate a small digital success of the team.'],
        ['Lancer un essai court d’un nouvel outil et en tirer des leçons.', 'Run a short trial of a new tool and draw lessons.'],
        ['Prévoir du temps pour apprendre et partager entre équipes.', 'Set aside time to learn and share across teams.'],
        ['Évaluer les essais et diffuser les résultats.', 'Evaluate trials and spread the results.'],
        ['Partager vos apprentissages avec le secteur.', 'Share your learning with the sector.'],
      ]),
    },
  ],
};
