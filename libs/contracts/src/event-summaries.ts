/**
 * When each event version is published, in both official languages: the catalogue subscribers
 * read (AsyncAPI document and its page). Every type of the catalog has one (the contracts test checks).
 */
export const eventSummaries: Record<string, { fr: string; en: string }> = {
  'ccndr.community.consortium.created.v1': {
    en: 'A platform admin opens a consortium.',
    fr: 'Une personne administratrice de la plateforme ouvre un consortium.',
  },
  'ccndr.community.organization.joined.v1': {
    en: 'An organisation joins the consortium.',
    fr: 'Un organisme se joint au consortium.',
  },
  'ccndr.community.organization.updated.v1': {
    en: 'An organisation’s public profile changes (a new name alone publishes nothing).',
    fr: 'Le profil public d’un organisme change (un nouveau nom seul ne publie rien).',
  },
  'ccndr.community.organization.left.v1': {
    en: 'An organisation leaves; its members leave with it, each with member.left.',
    fr: 'Un organisme quitte le consortium\u00a0; ses membres partent avec lui, chacun avec member.left.',
  },
  'ccndr.community.member.joined.v1': {
    en: 'A person joins for an organisation.',
    fr: 'Une personne se joint au consortium pour un organisme.',
  },
  'ccndr.community.member.updated.v1': {
    en: 'A member’s role or organisation changes.',
    fr: 'Le rôle ou l’organisme d’un membre change.',
  },
  'ccndr.community.member.left.v1': {
    en: 'A person leaves; their past attendance keeps counting.',
    fr: 'Une personne quitte le consortium\u00a0; ses présences passées continuent de compter.',
  },
  'ccndr.community.gathering.scheduled.v1': {
    en: 'A meeting, workshop, consultation or working session is scheduled.',
    fr: 'Une réunion, un atelier, une consultation ou une séance de travail est planifié.',
  },
  'ccndr.community.gathering.rescheduled.v1': {
    en: 'A gathering moves to another time.',
    fr: 'Une rencontre est déplacée.',
  },
  'ccndr.community.gathering.cancelled.v1': {
    en: 'A gathering will not take place.',
    fr: 'Une rencontre n’aura pas lieu.',
  },
  'ccndr.community.gathering.registration-changed.v1': {
    en: 'A member registers for a gathering or changes their answer (registration, not attendance).',
    fr: 'Un membre s’inscrit à une rencontre ou change sa réponse (inscription, pas présence).',
  },
  'ccndr.community.gathering.attendance-recorded.v1': {
    en: 'People are recorded as present at a gathering (only those newly recorded).',
    fr: 'Des personnes sont inscrites comme présentes à une rencontre (seulement les nouvelles).',
  },
  'ccndr.community.gathering.attendance-withdrawn.v1': {
    en: 'People recorded as present at a gathering are no longer counted as present (a correction); the later of a recording and a withdrawal stands.',
    fr: 'Des personnes consignées comme présentes à une rencontre ne le sont plus (une correction)\u00a0; la plus récente d’une consignation et d’un retrait l’emporte.',
  },
  'ccndr.community.gathering.reminder-sent.v1': {
    en: 'A reminder of a gathering was sent to a member (once per reminder the mail server accepted; no address).',
    fr: 'Un rappel d’une rencontre a été envoyé à un membre (une fois par rappel accepté par le serveur de courriel\u00a0; sans adresse).',
  },
  'ccndr.community.gathering.representation-snapshot.v1': {
    en: 'The attendance of a gathering changed: who took part, in aggregate, from consenting attendees’ self-identification (small counts suppressed).',
    fr: 'Les présences d’une rencontre ont changé\u00a0: qui y a pris part, en agrégé, d’après l’auto-identification consentie (petits nombres masqués).',
  },
  'ccndr.community.circle.created.v1': {
    en: 'A circle (working group) is formed.',
    fr: 'Un cercle (groupe de travail) est formé.',
  },
  'ccndr.community.circle.member-joined.v1': {
    en: 'A member becomes active in a circle.',
    fr: 'Un membre devient actif dans un cercle.',
  },
  'ccndr.community.circle.member-left.v1': {
    en: 'A member stops being active in a circle (also on leaving the consortium).',
    fr: 'Un membre cesse d’être actif dans un cercle (aussi en quittant le consortium).',
  },
  'ccndr.community.knowledge.shared.v1': {
    en: 'Someone starts a discussion, replies or shares a resource (no title, text or link).',
    fr: 'Quelqu’un lance une discussion, répond ou partage une ressource (sans titre, texte ni lien).',
  },
  'ccndr.community.knowledge.reacted.v1': {
    en: 'Someone reacts to a discussion, reply or resource.',
    fr: 'Quelqu’un réagit à une discussion, une réponse ou une ressource.',
  },
  'ccndr.community.survey.published.v1': {
    en: 'A feedback survey opens (its wording stays in the service).',
    fr: 'Un sondage de rétroaction s’ouvre (son libellé reste dans le service).',
  },
  'ccndr.community.feedback.submitted.v1': {
    en: 'Someone answers a survey (no respondent id, no free text).',
    fr: 'Quelqu’un répond à un sondage (sans identifiant de répondant ni texte libre).',
  },
  'ccndr.community.collaboration-model.proposed.v1': {
    en: 'A working group proposes a collaboration model.',
    fr: 'Un groupe de travail propose un modèle de collaboration.',
  },
  'ccndr.community.collaboration-model.reviewed.v1': {
    en: 'A stakeholder or expert reviews a collaboration model (comments stay in the service).',
    fr: 'Une partie prenante ou une personne experte évalue un modèle de collaboration (les commentaires restent dans le service).',
  },
  'ccndr.community.collaboration-model.viability-checked.v1': {
    en: 'The viability checklist of a model is filled in or changed.',
    fr: 'La liste de viabilité d’un modèle est remplie ou modifiée.',
  },
  'ccndr.assessments.assessment.started.v1': {
    en: 'An organisation starts a readiness self-assessment.',
    fr: 'Un organisme commence une autoévaluation de sa préparation.',
  },
  'ccndr.assessments.assessment.submitted.v1': {
    en: 'One respondent submits their answers (the answers stay in the service).',
    fr: 'Une personne répondante soumet ses réponses (les réponses restent dans le service).',
  },
  'ccndr.assessments.assessment.completed.v1': {
    en: 'Every respondent has submitted: the organisation’s maturity profile.',
    fr: 'Toutes les personnes répondantes ont soumis\u00a0: le profil de maturité de l’organisme.',
  },
  'ccndr.assessments.readiness.gaps-identified.v1': {
    en: 'The gaps to close, most pressing first, for provider matching.',
    fr: 'Les écarts à combler, les plus urgents d’abord, pour le jumelage avec des fournisseurs.',
  },
  'ccndr.assessments.framework.adopted.v1': {
    en: 'A consortium’s assessments use this framework version (the default on creation, another when a coordinator pins it).',
    fr: 'Les évaluations d’un consortium utilisent cette version du cadre (celle par défaut à la création, une autre quand la coordination la fixe).',
  },
  'ccndr.assessments.journey.created.v1': {
    en: 'A readiness journey is generated from the gaps.',
    fr: 'Un parcours de préparation est généré à partir des écarts.',
  },
  'ccndr.assessments.journey.milestone-completed.v1': {
    en: 'A journey milestone is ticked (the note stays in the service).',
    fr: 'Une étape du parcours est cochée (la note reste dans le service).',
  },
  'ccndr.assessments.journey.milestone-due-set.v1': {
    en: 'An organisation sets (or clears) the day a journey milestone is due.',
    fr: 'Un organisme fixe (ou retire) la date d’échéance d’une étape du parcours.',
  },
  'ccndr.provider-matching.provider.registered.v1': {
    en: 'A service provider publishes its profile (offering titles stay in the service).',
    fr: 'Un fournisseur de services publie son profil (les titres des offres restent dans le service).',
  },
  'ccndr.provider-matching.provider.updated.v1': {
    en: 'A provider replaces its profile.',
    fr: 'Un fournisseur remplace son profil.',
  },
  'ccndr.provider-matching.need.posted.v1': {
    en: 'A need opens for matching (the description stays in the service).',
    fr: 'Un besoin s’ouvre au jumelage (la description reste dans le service).',
  },
  'ccndr.provider-matching.match.suggested.v1': {
    en: 'Providers were ranked for a need, with the factors of each score (first ten).',
    fr: 'Des fournisseurs ont été classés pour un besoin, avec les facteurs de chaque note (les dix premiers).',
  },
  'ccndr.provider-matching.engagement.requested.v1': {
    en: 'A nonprofit asks a provider for an introduction (the message stays in the service).',
    fr: 'Un organisme demande une mise en relation à un fournisseur (le message reste dans le service).',
  },
  'ccndr.provider-matching.engagement.accepted.v1': {
    en: 'The provider accepts the engagement.',
    fr: 'Le fournisseur accepte l’accompagnement.',
  },
  'ccndr.provider-matching.engagement.declined.v1': {
    en: 'The provider declines, with a reason from a fixed list.',
    fr: 'Le fournisseur refuse, avec un motif tiré d’une liste fixe.',
  },
  'ccndr.provider-matching.engagement.scope-proposed.v1': {
    en: 'The provider proposes the scope (its text stays in the service) and the two payments; the nonprofit has yet to agree.',
    fr: 'Le fournisseur propose la portée (son texte reste dans le service) et les deux paiements\u00a0; l’OBNL doit encore l’accepter.',
  },
  'ccndr.provider-matching.engagement.scoped.v1': {
    en: 'The nonprofit agrees the proposed scope (its text stays in the service) and the two payments.',
    fr: 'L’OBNL accepte la portée proposée (son texte reste dans le service) et les deux paiements.',
  },
  'ccndr.provider-matching.engagement.started.v1': {
    en: 'The work begins.',
    fr: 'Le travail commence.',
  },
  'ccndr.provider-matching.engagement.delivered.v1': {
    en: 'The provider says the work is done; the nonprofit has yet to confirm it.',
    fr: 'Le fournisseur indique que le travail est fait\u00a0; l’OBNL doit encore le confirmer.',
  },
  'ccndr.provider-matching.engagement.completed.v1': {
    en: 'The nonprofit confirms the work is done and the need closes.',
    fr: 'L’OBNL confirme que le travail est fait et le besoin est fermé.',
  },
  'ccndr.provider-matching.engagement.cancelled.v1': {
    en: 'The engagement stops before completion.',
    fr: 'L’accompagnement s’arrête avant la fin.',
  },
  'ccndr.provider-matching.engagement.response-overdue.v1': {
    en: 'The provider’s promised response time passed without an answer: a reminder is due.',
    fr: 'Le délai de réponse promis par le fournisseur est dépassé\u00a0: un rappel est dû.',
  },
  'ccndr.provider-matching.engagement.expired.v1': {
    en: 'The request went unanswered for twice the promised time.',
    fr: 'La demande est restée sans réponse deux fois plus longtemps que le délai promis.',
  },
  'ccndr.provider-matching.engagement.milestone-paid.v1': {
    en: 'A coordinator records a payment.',
    fr: 'La coordination inscrit un paiement.',
  },
  'ccndr.provider-matching.engagement.rated.v1': {
    en: 'One side rates the completed engagement (the comment stays in the service).',
    fr: 'Une des parties note l’accompagnement terminé (le commentaire reste dans le service).',
  },
  'ccndr.provider-matching.partnership.proposed.v1': {
    en: 'Organisations propose a partnership (title and purpose stay in the service).',
    fr: 'Des organismes proposent un partenariat (le titre et l’objet restent dans le service).',
  },
  'ccndr.provider-matching.partnership.negotiation-started.v1': {
    en: 'The partners start negotiating.',
    fr: 'Les partenaires entament la négociation.',
  },
  'ccndr.provider-matching.partnership.confirmed.v1': {
    en: 'The partnership is confirmed.',
    fr: 'Le partenariat est confirmé.',
  },
  'ccndr.provider-matching.partnership.ended.v1': {
    en: 'The partnership ends, or the proposal is abandoned.',
    fr: 'Le partenariat prend fin, ou la proposition est abandonnée.',
  },
  'ccndr.provider-matching.partnership.collaboration-recorded.v1': {
    en: 'Partners record their collaboration (the summary stays in the service).',
    fr: 'Les partenaires consignent leur collaboration (le résumé reste dans le service).',
  },
  'ccndr.evaluation.target.changed.v1': {
    en: 'A coordinator sets the consortium’s own target for an indicator, or returns to the default.',
    fr: 'La coordination fixe la cible propre au consortium pour un indicateur, ou revient à celle par défaut.',
  },
  'ccndr.evaluation.period.closed.v1': {
    en: 'A coordinator closes a period: its indicators, frozen as computed then (aggregates only; small counts null).',
    fr: 'La coordination clôt une période\u00a0: ses indicateurs, figés tels que calculés alors (agrégats seulement\u00a0; petits nombres nuls).',
  },
  'ccndr.evaluation.period.restated.v1': {
    en: 'A coordinator restates a closed period: its indicators computed again, with the reason as a code; the original figures stay.',
    fr: 'La coordination redresse une période close\u00a0: ses indicateurs calculés de nouveau, avec le motif sous forme de code\u00a0; les chiffres d’origine restent.',
  },
};
