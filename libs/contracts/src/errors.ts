import { Bilingual } from './bilingual';

/**
 * Every error code of the HTTP API, in one place: its status and what it means to a person, in
 * both official languages. A problem document carries the code (`code`, and `type` =
 * `urn:ccndr:problem:<code>`); clients (the portal first) show this text, never the problem's
 * `detail`, which may name fields, values and ids. The texts name no field key, id or validator
 * term. docs/api.md lists the codes; errors.spec.ts checks that every code thrown is here.
 */
export const errorCatalogue = {
  // The request itself
  'request.invalid': { status: 400, en: 'The request is not valid.', fr: 'La requête n’est pas valide.' },
  'request.invalid-fields': { status: 400, en: 'Some of the information given is not valid.', fr: 'Certaines informations fournies ne sont pas valides.' },
  'request.body-not-json': { status: 400, en: 'The request body is not valid JSON.', fr: 'Le corps de la requête n’est pas du JSON valide.' },
  'request.body-too-deep': { status: 400, en: 'The request body is nested too deeply.', fr: 'Le corps de la requête est trop imbriqué.' },
  'request.body-unreadable': { status: 400, en: 'The request body could not be read completely.', fr: 'Le corps de la requête n’a pas pu être lu en entier.' },
  'request.body-too-large': { status: 413, en: 'What was sent is too large.', fr: 'L’envoi est trop volumineux.' },
  'request.unsupported-media-type': { status: 415, en: 'This kind of content is not accepted here.', fr: 'Ce type de contenu n’est pas accepté ici.' },
  'request.unprocessable': { status: 422, en: 'The request cannot be processed.', fr: 'La requête ne peut pas être traitée.' },
  'request.too-many': { status: 429, en: 'Too many requests: wait a moment, then try again.', fr: 'Trop de requêtes\u00a0: patientez un instant, puis réessayez.' },
  'limit.writes': { status: 429, en: 'Too many changes at once: slow down and try again after the time given.', fr: 'Trop de modifications à la fois\u00a0: ralentissez et réessayez après le délai indiqué.' },
  'limit.expensive-reads': { status: 429, en: 'Too many reports, exports or suggestions asked for: try again after the time given.', fr: 'Trop de rapports, d’exportations ou de suggestions demandés\u00a0: réessayez après le délai indiqué.' },
  'limit.failed-tokens': { status: 429, en: 'Too many invalid sign-ins from this address: try again after the time given.', fr: 'Trop de connexions invalides depuis cette adresse\u00a0: réessayez après le délai indiqué.' },
  'limit.sign-in': { status: 429, en: 'Too many sign-in attempts from this address: try again after the time given.', fr: 'Trop de tentatives de connexion depuis cette adresse\u00a0: réessayez après le délai indiqué.' },
  'limit.unsubscribe': { status: 429, en: 'Too many unsubscribe requests from this address: try again after the time given.', fr: 'Trop de demandes de désabonnement depuis cette adresse\u00a0: réessayez après le délai indiqué.' },
  'idempotency.key-reused': { status: 422, en: 'This retry key was already used for another request.', fr: 'Cette clé de nouvelle tentative a déjà servi à une autre requête.' },
  'idempotency.answer-lost': { status: 409, en: 'The request was already applied: reload to see the result.', fr: 'La requête a déjà été appliquée\u00a0: rechargez pour voir le résultat.' },

  // Sign-in, roles and tenancy
  'auth.token-required': { status: 401, en: 'Sign in to continue.', fr: 'Connectez-vous pour continuer.' },
  'auth.invalid-token': { status: 401, en: 'Your sign-in is no longer valid: sign in again.', fr: 'Votre connexion n’est plus valide\u00a0: reconnectez-vous.' },
  'access.denied': { status: 403, en: 'You are not allowed to do this.', fr: 'Vous n’êtes pas autorisé·e à faire ceci.' },
  'access.role-required': { status: 403, en: 'Your role does not allow this.', fr: 'Votre rôle ne permet pas ceci.' },
  'access.not-a-member': {
    status: 403,
    en: 'You are not a member of this consortium yet: ask a coordinator to link your sign-in to your member profile.',
    fr: 'Vous n’êtes pas encore membre de ce consortium\u00a0: demandez à la coordination de lier votre connexion à votre profil de membre.',
  },
  'access.own-organization-only': { status: 403, en: 'Only members of this organization can act for it.', fr: 'Seuls les membres de cet organisme peuvent agir en son nom.' },
  'access.self-only': { status: 403, en: 'You can act only for yourself; coordinators act for other members.', fr: 'Vous ne pouvez agir que pour vous-même\u00a0; la coordination agit pour les autres membres.' },
  'consortium.not-found': { status: 404, en: 'This consortium does not exist or is not yours.', fr: 'Ce consortium n’existe pas ou ne vous est pas ouvert.' },
  'resource.not-found': { status: 404, en: 'This page or item does not exist.', fr: 'Cette page ou cet élément n’existe pas.' },
  'resource.conflict': { status: 409, en: 'This cannot be done in the current state.', fr: 'Impossible dans l’état actuel.' },
  'resource.already-exists': { status: 409, en: 'This already exists.', fr: 'Cela existe déjà.' },

  // The platform
  'server.unexpected': { status: 500, en: 'Something went wrong on our side. Try again later.', fr: 'Un problème est survenu de notre côté. Réessayez plus tard.' },
  'server.database-unavailable': { status: 503, en: 'The service is briefly unavailable: try again in a moment.', fr: 'Le service est momentanément indisponible\u00a0: réessayez dans un instant.' },
  'session.cross-site': { status: 403, en: 'This request does not come from the portal’s own pages: reload the page.', fr: 'Cette requête ne vient pas des pages du portail\u00a0: rechargez la page.' },
  'session.csrf-token-required': { status: 403, en: 'This page is out of date: reload it.', fr: 'Cette page n’est plus à jour\u00a0: rechargez-la.' },
  'session.stale-form': { status: 403, en: 'The form is out of date or comes from elsewhere: reload the page.', fr: 'Le formulaire est périmé ou vient d’ailleurs\u00a0: rechargez la page.' },
  'sign-in.refused': { status: 400, en: 'The identity provider refused the sign-in.', fr: 'Le fournisseur d’identité a refusé la connexion.' },
  'sign-in.stale': { status: 400, en: 'This sign-in is out of date or was not started here: sign in again.', fr: 'Cette connexion est périmée ou n’a pas commencé ici\u00a0: connectez-vous de nouveau.' },
  'sign-in.incomplete': { status: 400, en: 'The identity provider did not complete the sign-in: sign in again.', fr: 'Le fournisseur d’identité n’a pas terminé la connexion\u00a0: connectez-vous de nouveau.' },
  'sign-in.unverified': { status: 400, en: 'The identity provider’s answer could not be verified: sign in again.', fr: 'La réponse du fournisseur d’identité n’a pas pu être vérifiée\u00a0: connectez-vous de nouveau.' },
  'sign-in.token-without-expiry': { status: 400, en: 'The identity provider gave a sign-in without a valid expiry: ask its administrators.', fr: 'Le fournisseur d’identité a remis une connexion sans expiration valide\u00a0: adressez-vous à ses administrateurs.' },
  'server.unavailable': { status: 503, en: 'The service is unavailable: try again later.', fr: 'Le service est indisponible\u00a0: réessayez plus tard.' },
  'rebuild.already-running': { status: 409, en: 'A rebuild is already running.', fr: 'Une reconstruction est déjà en cours.' },
  'rebuild.stream-truncated': { status: 409, en: 'The event stream no longer holds every event since its first: a rebuild is refused.', fr: 'Le flux d’événements ne contient plus tous les événements depuis le premier\u00a0: la reconstruction est refusée.' },
  'dead-letter.not-found': { status: 404, en: 'This dead letter does not exist.', fr: 'Cette lettre morte n’existe pas.' },

  // A field's value (the validation of every request body, query and parameter)
  'field.required': { status: 400, en: 'This information is required.', fr: 'Cette information est obligatoire.' },
  'field.too-long': { status: 400, en: 'This text is too long.', fr: 'Ce texte est trop long.' },
  'field.too-short': { status: 400, en: 'This text is too short.', fr: 'Ce texte est trop court.' },
  'field.too-many': { status: 400, en: 'Too many items were chosen.', fr: 'Trop d’éléments ont été choisis.' },
  'field.too-few': { status: 400, en: 'Choose at least one item.', fr: 'Choisissez au moins un élément.' },
  'field.out-of-range': { status: 400, en: 'This value is outside the allowed range.', fr: 'Cette valeur est hors de la plage permise.' },
  'field.not-a-number': { status: 400, en: 'Enter a number.', fr: 'Saisissez un nombre.' },
  'field.not-a-whole-number': { status: 400, en: 'Enter a whole number.', fr: 'Saisissez un nombre entier.' },
  'field.not-a-date': { status: 400, en: 'Enter a valid date.', fr: 'Saisissez une date valide.' },
  'field.not-an-email': { status: 400, en: 'Enter a valid e-mail address.', fr: 'Saisissez une adresse courriel valide.' },
  'field.not-a-url': { status: 400, en: 'Enter a valid web address.', fr: 'Saisissez une adresse Web valide.' },
  'field.not-an-id': { status: 400, en: 'This reference is not valid.', fr: 'Cette référence n’est pas valide.' },
  'field.not-one-of': { status: 400, en: 'Choose one of the options offered.', fr: 'Choisissez l’une des options proposées.' },
  'field.wrong-type': { status: 400, en: 'This value has the wrong form.', fr: 'Cette valeur n’a pas la bonne forme.' },
  'field.invalid-format': { status: 400, en: 'This value is not in the expected format.', fr: 'Cette valeur n’a pas le format attendu.' },
  'field.unknown': { status: 400, en: 'Some of the information sent is not expected here.', fr: 'Certaines informations envoyées ne sont pas attendues ici.' },
  'field.contains-nul': { status: 400, en: 'This text contains a character that cannot be stored.', fr: 'Ce texte contient un caractère qui ne peut pas être enregistré.' },
  'field.nothing-to-change': { status: 400, en: 'Change at least one piece of information.', fr: 'Modifiez au moins une information.' },
  'field.repeated': { status: 400, en: 'Each item can be given only once.', fr: 'Chaque élément ne peut figurer qu’une fois.' },
  'field.end-before-start': { status: 400, en: 'The end must not come before the start.', fr: 'La fin ne doit pas précéder le début.' },
  'field.must-not-be-in-future': { status: 400, en: 'This date must not be in the future.', fr: 'Cette date ne doit pas être dans le futur.' },
  'field.invalid': { status: 400, en: 'This value is not valid.', fr: 'Cette valeur n’est pas valide.' },

  // Community: organisations and members
  'organization.not-found': { status: 404, en: 'This organization does not exist.', fr: 'Cet organisme n’existe pas.' },
  'organization.unknown': { status: 400, en: 'Choose an organization of this consortium.', fr: 'Choisissez un organisme de ce consortium.' },
  'organization.left': { status: 409, en: 'This organization has left the consortium.', fr: 'Cet organisme a quitté le consortium.' },
  'organization.name-taken': { status: 409, en: 'An organization with this name already takes part in the consortium.', fr: 'Un organisme de ce nom fait déjà partie du consortium.' },
  'organization.province-required': { status: 400, en: 'Choose the province or territory of an organization in Canada.', fr: 'Choisissez la province ou le territoire d’un organisme au Canada.' },
  'organization.province-outside-canada': { status: 400, en: 'A province or territory applies only to organizations in Canada.', fr: 'Une province ou un territoire ne s’applique qu’aux organismes au Canada.' },
  'member.not-found': { status: 404, en: 'This member does not exist.', fr: 'Ce membre n’existe pas.' },
  'member.unknown': { status: 400, en: 'Choose members of this consortium.', fr: 'Choisissez des membres de ce consortium.' },
  'member.not-in-organization': { status: 400, en: 'Choose members of this organization.', fr: 'Choisissez des membres de cet organisme.' },
  'member.left': { status: 409, en: 'This member has left the consortium.', fr: 'Ce membre a quitté le consortium.' },
  'member.email-taken': { status: 409, en: 'A member with this e-mail address already belongs to the consortium.', fr: 'Un membre avec cette adresse courriel fait déjà partie du consortium.' },
  'member.sign-in-taken': { status: 409, en: 'Another member already signs in with this identity.', fr: 'Un autre membre se connecte déjà avec cette identité.' },
  'unsubscribe.invalid-link': {
    status: 400,
    en: 'This unsubscribe link is not valid: use the link of a message you received, or choose your notifications in the portal.',
    fr: 'Ce lien de désabonnement n’est pas valide\u00a0: utilisez le lien d’un message reçu, ou choisissez vos notifications dans le portail.',
  },
  'representation.not-found': { status: 404, en: 'No self-identification is recorded.', fr: 'Aucune auto-identification n’est consignée.' },
  'representation.consent-required': { status: 400, en: 'Give your consent to record your self-identification.', fr: 'Donnez votre consentement pour consigner votre auto-identification.' },

  // Community: circles, gatherings, knowledge, surveys, collaboration models
  'circle.not-found': { status: 404, en: 'This circle does not exist.', fr: 'Ce cercle n’existe pas.' },
  'circle.unknown': { status: 400, en: 'Choose a circle of this consortium.', fr: 'Choisissez un cercle de ce consortium.' },
  'circle.name-taken': { status: 409, en: 'A circle with this name already exists.', fr: 'Un cercle porte déjà ce nom.' },
  'circle.already-member': { status: 409, en: 'This person is already an active member of the circle.', fr: 'Cette personne est déjà membre actif du cercle.' },
  'circle.not-a-member': { status: 404, en: 'This person is not an active member of the circle.', fr: 'Cette personne n’est pas membre actif du cercle.' },
  'circle.members-only': { status: 403, en: 'Only active members of the circle can do this.', fr: 'Seuls les membres actifs du cercle peuvent faire ceci.' },
  'gathering.not-found': { status: 404, en: 'This gathering does not exist.', fr: 'Cette rencontre n’existe pas.' },
  'gathering.unknown': { status: 400, en: 'Choose a gathering of this consortium.', fr: 'Choisissez une rencontre de ce consortium.' },
  'gathering.must-start-in-future': { status: 400, en: 'Choose a date and time in the future, or mark the gathering as already held.', fr: 'Choisissez une date et une heure à venir, ou indiquez que la rencontre a déjà eu lieu.' },
  'gathering.held-must-be-past': { status: 400, en: 'A gathering already held has a date in the past.', fr: 'Une rencontre déjà tenue a une date passée.' },
  'gathering.capacity-below-registrations': { status: 409, en: 'More people are already registered as going than this number of places.', fr: 'Plus de personnes sont déjà inscrites comme présentes que ce nombre de places.' },
  'gathering.took-place': { status: 409, en: 'Attendance is recorded: the gathering took place and cannot change.', fr: 'Des présences sont consignées\u00a0: la rencontre a eu lieu et ne peut plus changer.' },
  'gathering.full': { status: 409, en: 'The gathering is full.', fr: 'La rencontre est complète.' },
  'gathering.not-started': { status: 409, en: 'Attendance opens when the gathering starts.', fr: 'Les présences se consignent à partir du début de la rencontre.' },
  'gathering.cancelled': { status: 409, en: 'This gathering is cancelled.', fr: 'Cette rencontre est annulée.' },
  'registration.not-found': { status: 404, en: 'This person is not registered.', fr: 'Cette personne n’est pas inscrite.' },
  'registration.already-exists': { status: 409, en: 'This person is already registered: change their answer instead.', fr: 'Cette personne est déjà inscrite\u00a0: modifiez plutôt sa réponse.' },
  'join-log.too-many-rows': { status: 413, en: 'The join log has too many lines: split the file. Nothing was recorded.', fr: 'Le journal de connexion compte trop de lignes\u00a0: scindez le fichier. Rien n’a été consigné.' },
  'join-log.unusable-rows': { status: 422, en: 'Some lines of the join log cannot be used. Nothing was recorded.', fr: 'Certaines lignes du journal de connexion sont inutilisables. Rien n’a été consigné.' },
  'join-log.empty': { status: 422, en: 'The join log lists nobody. Nothing was recorded.', fr: 'Le journal de connexion ne nomme personne. Rien n’a été consigné.' },
  'join-log.malformed-row': { status: 422, en: 'This line cannot be read.', fr: 'Cette ligne est illisible.' },
  'join-log.missing-columns': { status: 422, en: 'The file has no e-mail or name column: export the participant report again.', fr: 'Le fichier n’a pas de colonne de courriel ni de nom\u00a0: exportez de nouveau le rapport des participants.' },
  'join-log.no-identity': { status: 422, en: 'This line has neither a name nor an e-mail address.', fr: 'Cette ligne n’a ni nom ni adresse courriel.' },
  'join-log.no-match': { status: 422, en: 'No member matches this line.', fr: 'Aucun membre ne correspond à cette ligne.' },
  'join-log.ambiguous-name': { status: 422, en: 'Several members have this name: give their e-mail address.', fr: 'Plusieurs membres portent ce nom\u00a0: indiquez leur adresse courriel.' },
  'join-log.unclosed-quote': { status: 422, en: 'A quotation mark on this line is opened and never closed.', fr: 'Un guillemet de cette ligne est ouvert et jamais fermé.' },
  'join-log.stray-quote': { status: 422, en: 'A quotation mark on this line is out of place.', fr: 'Un guillemet de cette ligne est mal placé.' },
  'join-log.wrong-field-count': { status: 422, en: 'This line does not have as many columns as the header.', fr: 'Cette ligne n’a pas autant de colonnes que l’en-tête.' },
  'join-log.missing-duration': { status: 422, en: 'The file has no duration column, so a minimum time attended cannot be applied: export the participant report with durations, or leave the minimum empty.', fr: 'Le fichier n’a pas de colonne de durée\u00a0: la durée minimale de présence ne peut pas s’appliquer. Exportez le rapport des participants avec les durées, ou laissez le minimum vide.' },
  'join-log.bad-duration': { status: 422, en: 'The time attended on this line cannot be read.', fr: 'La durée de présence de cette ligne est illisible.' },
  'knowledge.item-not-found': { status: 404, en: 'This post or resource does not exist.', fr: 'Cette publication ou cette ressource n’existe pas.' },
  'knowledge.thread-not-found': { status: 404, en: 'This discussion does not exist.', fr: 'Cette discussion n’existe pas.' },
  'knowledge.already-reacted': { status: 409, en: 'You already reacted this way.', fr: 'Vous avez déjà réagi ainsi.' },
  'survey.not-found': { status: 404, en: 'This survey does not exist.', fr: 'Ce sondage n’existe pas.' },
  'survey.duplicate-question': { status: 400, en: 'Each question needs its own key.', fr: 'Chaque question doit avoir sa propre clé.' },
  'survey.scale-question-required': { status: 400, en: 'Ask at least one question answered from 1 to 5.', fr: 'Posez au moins une question à laquelle on répond de 1 à 5.' },
  'survey.must-close-in-future': { status: 400, en: 'Choose a closing date in the future.', fr: 'Choisissez une date de fermeture à venir.' },
  'survey.unknown-question': { status: 400, en: 'This question is not part of the survey.', fr: 'Cette question ne fait pas partie du sondage.' },
  'survey.closed': { status: 409, en: 'This survey is closed.', fr: 'Ce sondage est fermé.' },
  'survey.already-answered': { status: 409, en: 'You already answered this survey.', fr: 'Vous avez déjà répondu à ce sondage.' },
  'collaboration-model.not-found': { status: 404, en: 'This collaboration model does not exist.', fr: 'Ce modèle de collaboration n’existe pas.' },
  'collaboration-model.already-reviewed': { status: 409, en: 'This model was already reviewed by this person.', fr: 'Cette personne a déjà évalué ce modèle.' },
  'collaboration-model.wrong-criteria': { status: 400, en: 'Rate exactly the criteria of your role.', fr: 'Notez exactement les critères de votre rôle.' },

  // Assessments
  'framework.version-not-found': { status: 404, en: 'This version of the readiness framework does not exist.', fr: 'Cette version du cadre de préparation n’existe pas.' },
  'framework.unknown-version': { status: 400, en: 'Choose a published version of the readiness framework.', fr: 'Choisissez une version publiée du cadre de préparation.' },
  'framework.version-published': { status: 409, en: 'This version of the readiness framework is already published.', fr: 'Cette version du cadre de préparation est déjà publiée.' },
  'framework.not-known-yet': { status: 400, en: 'The consortium’s readiness framework is not known yet: try again in a moment.', fr: 'Le cadre de préparation du consortium n’est pas encore connu\u00a0: réessayez dans un instant.' },
  'dimension.unknown': { status: 400, en: 'Choose a dimension of the readiness framework.', fr: 'Choisissez une dimension du cadre de préparation.' },
  'assessment.not-found': { status: 404, en: 'This self-assessment does not exist.', fr: 'Cette autoévaluation n’existe pas.' },
  'assessment.none-completed': { status: 404, en: 'No self-assessment is completed for this organization yet.', fr: 'Aucune autoévaluation n’est encore terminée pour cet organisme.' },
  'assessment.not-complete': { status: 409, en: 'The self-assessment is not complete yet.', fr: 'L’autoévaluation n’est pas encore terminée.' },
  'assessment.not-a-respondent': { status: 403, en: 'You are not a respondent of this self-assessment.', fr: 'Vous ne répondez pas à cette autoévaluation.' },
  'assessment.already-submitted': { status: 409, en: 'Your answers are already submitted.', fr: 'Vos réponses sont déjà soumises.' },
  'assessment.unanswered-questions': { status: 400, en: 'Answer every question before submitting.', fr: 'Répondez à toutes les questions avant de soumettre.' },
  'assessment.unknown-question': { status: 400, en: 'This question is not part of the readiness framework.', fr: 'Cette question ne fait pas partie du cadre de préparation.' },
  'assessment.unknown-option': { status: 400, en: 'Choose one of the answers offered.', fr: 'Choisissez l’une des réponses proposées.' },
  'journey.not-started': { status: 404, en: 'There is no readiness journey yet: complete a self-assessment first.', fr: 'Il n’y a pas encore de parcours\u00a0: terminez d’abord une autoévaluation.' },
  'milestone.not-found': { status: 404, en: 'This milestone does not exist.', fr: 'Ce jalon n’existe pas.' },
  'milestone.already-completed': { status: 409, en: 'This milestone is already completed.', fr: 'Ce jalon est déjà franchi.' },

  // Provider matching
  'provider.not-found': { status: 404, en: 'This provider does not exist.', fr: 'Ce fournisseur n’existe pas.' },
  'provider.unknown': { status: 400, en: 'Choose an organization that has a provider profile.', fr: 'Choisissez un organisme qui a un profil de fournisseur.' },
  'provider.not-a-provider-organization': { status: 400, en: 'Only a service-provider organization has a provider profile.', fr: 'Seul un organisme fournisseur de services a un profil de fournisseur.' },
  'provider.no-capacity': { status: 409, en: 'All engagement places are taken: raise the capacity in the profile, or decline for lack of capacity.', fr: 'Toutes les places d’accompagnement sont prises\u00a0: augmentez la capacité du profil, ou déclinez faute de capacité.' },
  'provider.fee-range-required': { status: 400, en: 'Give the fee range of a subsidised or fee-based offer.', fr: 'Indiquez la fourchette de tarifs d’une offre subventionnée ou payante.' },
  'provider.area-required': { status: 400, en: 'Serve at least one province or territory, or remotely.', fr: 'Desservez au moins une province ou un territoire, ou à distance.' },
  'need.not-found': { status: 404, en: 'This need does not exist.', fr: 'Ce besoin n’existe pas.' },
  'need.unknown': { status: 400, en: 'Choose a need of this consortium.', fr: 'Choisissez un besoin de ce consortium.' },
  'need.already-exists': { status: 409, en: 'The organization already has a need for this dimension: confirm or update it.', fr: 'L’organisme a déjà un besoin pour cette dimension\u00a0: confirmez-le ou mettez-le à jour.' },
  'need.not-draft': { status: 409, en: 'This need is no longer a draft.', fr: 'Ce besoin n’est plus une ébauche.' },
  'need.not-open': { status: 409, en: 'Confirm the need (with the staff time set aside) before asking a provider.', fr: 'Confirmez le besoin (avec le temps que votre équipe y consacre) avant de solliciter un fournisseur.' },
  'need.closed': { status: 409, en: 'This need is closed.', fr: 'Ce besoin est fermé.' },
  'engagement.not-found': { status: 404, en: 'This engagement does not exist.', fr: 'Cet accompagnement n’existe pas.' },
  'engagement.unknown': { status: 400, en: 'Choose an engagement of this consortium.', fr: 'Choisissez un accompagnement de ce consortium.' },
  'engagement.parties-only': { status: 403, en: 'Only the nonprofit, the provider and coordinators act on this engagement.', fr: 'Seuls l’OBNL, le fournisseur et la coordination agissent sur cet accompagnement.' },
  'engagement.provider-answers': { status: 403, en: 'Only the provider the request is addressed to answers it.', fr: 'Seul le fournisseur à qui la demande est adressée y répond.' },
  'engagement.provider-proposes-scope': { status: 403, en: 'The provider proposes the scope: ask it for a proposal, then agree to it here.', fr: 'Le fournisseur propose la portée\u00a0: demandez-lui une proposition, puis acceptez-la ici.' },
  'engagement.nonprofit-agrees-scope': { status: 403, en: 'Only the nonprofit agrees the proposed scope: ask it to review the proposal.', fr: 'Seul l’OBNL accepte la portée proposée\u00a0: demandez-lui d’examiner la proposition.' },
  'engagement.provider-does-the-work': { status: 403, en: 'Only the provider starts and delivers its work: ask it to record this step.', fr: 'Seul le fournisseur commence et livre son travail\u00a0: demandez-lui de consigner cette étape.' },
  'engagement.nonprofit-confirms-completion': { status: 403, en: 'Only the nonprofit confirms that the work is complete: ask it to check the delivery.', fr: 'Seul l’OBNL confirme que le travail est terminé\u00a0: demandez-lui de vérifier la livraison.' },
  'engagement.scope-not-agreed': { status: 409, en: 'The scope is not agreed yet: the work starts once the nonprofit agrees the proposed scope.', fr: 'La portée n’est pas encore acceptée\u00a0: le travail commence quand l’OBNL accepte la portée proposée.' },
  'engagement.scope-changed': { status: 409, en: 'The provider changed the proposed scope since you read it: read the new terms, then agree to them.', fr: 'Le fournisseur a modifié la portée proposée depuis votre lecture\u00a0: lisez les nouvelles conditions, puis acceptez-les.' },
  'engagement.no-scope-proposed': { status: 409, en: 'No scope is proposed yet: the provider proposes one first.', fr: 'Aucune portée n’est encore proposée\u00a0: le fournisseur en propose une d’abord.' },
  'engagement.not-delivered': { status: 409, en: 'The provider has not delivered the work yet: confirm completion once it has.', fr: 'Le fournisseur n’a pas encore livré le travail\u00a0: confirmez la fin une fois la livraison faite.' },
  'engagement.wrong-status': { status: 409, en: 'The engagement cannot take this step at its current stage: reload it to see its next step.', fr: 'L’accompagnement ne peut pas franchir cette étape à son stade actuel\u00a0: rechargez-le pour voir sa prochaine étape.' },
  'engagement.too-many-pending': { status: 409, en: 'The organization has too many unanswered requests: wait for an answer or cancel one.', fr: 'L’organisme a trop de demandes sans réponse\u00a0: attendez une réponse ou annulez-en une.' },
  'engagement.already-requested': { status: 409, en: 'This provider was already asked for this need.', fr: 'Ce fournisseur a déjà été sollicité pour ce besoin.' },
  'payment.not-payable-yet': {
    status: 409,
    en: 'This payment cannot be recorded yet: the kick-off payment once the nonprofit agrees the scope, the completion payment once it confirms completion.',
    fr: 'Ce versement ne peut pas encore être consigné\u00a0: celui de lancement quand l’OBNL accepte la portée, le versement final quand il confirme la fin du travail.',
  },
  'payment.completion-before-kick-off': { status: 400, en: 'The completion payment cannot fall due before the kick-off payment.', fr: 'Le versement final ne peut pas être dû avant le versement de lancement.' },
  'payment.already-recorded': { status: 409, en: 'This payment is already recorded.', fr: 'Ce versement est déjà consigné.' },
  'rating.parties-only': { status: 403, en: 'Only the nonprofit and the provider of the engagement rate it.', fr: 'Seuls l’OBNL et le fournisseur de l’accompagnement l’évaluent.' },
  'rating.not-completed': { status: 409, en: 'An engagement is rated once it is completed.', fr: 'Un accompagnement s’évalue une fois terminé.' },
  'rating.already-given': { status: 409, en: 'This engagement is already rated by this side.', fr: 'Cet accompagnement est déjà évalué de ce côté.' },
  'partnership.not-found': { status: 404, en: 'This partnership does not exist.', fr: 'Ce partenariat n’existe pas.' },
  'partnership.partners-only': { status: 403, en: 'Only members of the partner organizations and coordinators act on a partnership.', fr: 'Seuls les membres des organismes partenaires et la coordination agissent sur un partenariat.' },
  'partnership.wrong-status': { status: 409, en: 'The partnership cannot take this step at its current stage.', fr: 'Le partenariat ne peut pas franchir cette étape à son stade actuel.' },
  'partnership.engagement-outside': { status: 400, en: 'The engagement’s nonprofit and provider must both be partners.', fr: 'L’OBNL et le fournisseur de l’accompagnement doivent tous deux être partenaires.' },

  // Evaluation
  'indicator.not-found': { status: 404, en: 'This indicator does not exist.', fr: 'Cet indicateur n’existe pas.' },
  'narrative.text-required': { status: 400, en: 'Write the text in French, in English or in both.', fr: 'Rédigez le texte en français, en anglais ou dans les deux langues.' },
  'narrative.period-incomplete': { status: 400, en: 'Give both the first and the last day of the period, or neither for the whole history.', fr: 'Indiquez le premier et le dernier jour de la période, ou aucun des deux pour tout l’historique.' },
  'period.not-found': { status: 404, en: 'This closed period does not exist.', fr: 'Cette période close n’existe pas.' },
  'period.overlaps': { status: 409, en: 'This period overlaps a period already closed.', fr: 'Cette période chevauche une période déjà close.' },
} as const satisfies Record<string, { status: number } & Bilingual>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The problem `type` of a code (RFC 9457): one URI per code, documented in docs/api.md. */
export function problemType(code: ErrorCode): string {
  return `urn:ccndr:problem:${code}`;
}

/** What a person reads for a code, in their language. */
export function errorText(code: ErrorCode, language: 'en' | 'fr'): string {
  return errorCatalogue[code][language];
}

/** The code of an error that carries only a status (a framework's own, e.g. an unknown route's 404). */
export function codeOfStatus(status: number): ErrorCode {
  const codes: Record<number, ErrorCode> = {
    400: 'request.invalid',
    401: 'auth.token-required',
    403: 'access.denied',
    404: 'resource.not-found',
    409: 'resource.conflict',
    413: 'request.body-too-large',
    415: 'request.unsupported-media-type',
    422: 'request.unprocessable',
    429: 'request.too-many',
    503: 'server.unavailable',
  };
  return codes[status] ?? (status >= 500 ? 'server.unexpected' : 'request.invalid');
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value);
}

/** One field's problem: the `errors[]` entries of a problem document. `detail` says it for developers. */
export interface FieldError {
  code: ErrorCode;
  field: string;
  detail: Bilingual;
}

export interface DomainErrorDetails {
  /** The field the error is about (a body field, query or route parameter, or header). */
  field?: string;
  /** This occurrence in both languages, when it says more than the catalogue's text (values, limits, states). */
  detail?: Bilingual;
  /** Several fields at once (validation). */
  errors?: FieldError[];
  /** More members of the problem document for clients (e.g. `unanswered`, `rowErrors`). */
  extra?: Record<string, unknown>;
}

/**
 * The one error the platform's code throws for a refusal: a catalogued code (which fixes the HTTP
 * status), the field when there is one, and this occurrence's detail. Each service's problem filter
 * turns it into a problem document; it knows nothing of HTTP frameworks.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details: DomainErrorDetails = {},
  ) {
    super(details.detail?.en ?? errorCatalogue[code].en);
    this.name = 'DomainError';
    this.status = errorCatalogue[code].status;
  }
}
