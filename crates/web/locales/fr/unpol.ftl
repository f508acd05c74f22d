# Les pages d'unpol en français. Chaque message doit aussi figurer dans ../en/unpol.ftl (un test le vérifie).

## Autour de chaque page
skip-to-content = Aller au contenu
tagline = Système d'information de la Police des Nations Unies
language-name = Français
nav-label = Principale
nav-stats = Statistiques
nav-parity = Parité
nav-trend = Évolution
nav-roster = Fichier du personnel
nav-posts = Postes
nav-units = Unités
nav-deployments = Déploiements
nav-rotations = Relèves
nav-api = API
nav-account = Mon compte
nav-sign-in = Se connecter
footer = unpol, logiciel libre pour les composantes de police des opérations de paix des Nations Unies.

## Messages
forbidden-title = Accès refusé
forbidden-message = Votre rôle ne permet pas d'ouvrir cette page.
not-found-title = Introuvable
not-found-message = Il n'y a rien à cette adresse, ou cela sort de ce que vous pouvez voir.
expired-title = Formulaire expiré
expired-login-message = Le formulaire de connexion a expiré. Ouvrez à nouveau la page de connexion.
expired-message = Le formulaire a expiré. Rechargez la page et réessayez.
bad-request-title = Requête illisible
bad-request-message = L'adresse demande quelque chose qu'unpol ne sait pas lire.
method-not-allowed-message = Cette adresse n'accepte pas ce type de requête.
too-large-message = L'envoi est trop volumineux.
unsupported-type-message = L'envoi n'est pas dans un format qu'unpol lit ici.
busy-title = Occupé
busy-message = unpol est occupé par une autre tâche (une importation, par exemple). Réessayez dans quelques secondes ; rien n'a été perdu.
server-error-title = Une erreur est survenue
server-error-message = unpol n'a pas pu répondre. L'erreur a été journalisée ; réessayez et prévenez votre administrateur si elle persiste.
bad-filter-message = Un champ de recherche contient une valeur illisible : un pays est un code de trois lettres (SEN), le sexe est femme ou homme, une mission est un sigle (UNMISS).
bad-month-title = Mois invalide
bad-month-message = Écrivez le mois sous la forme AAAA-MM, par exemple 2018-01.
range-from = Du
range-to = Au
bad-range-title = Période invalide
bad-range-message = Le premier mois est postérieur au dernier : choisissez un premier mois antérieur ou égal au dernier.
stats-no-data-title = Pas de chiffres pour ce mois
stats-no-data = Les Nations Unies n'ont publié aucun chiffre pour ce mois. Mois disponibles : { $available }.
stats-empty-title = Pas encore de chiffres
stats-empty = Aucun chiffre publié n'est chargé. Lancez `unpol import published --bundled`.

## Connexion
login-title = Connexion
login-login = Identifiant
login-password = Mot de passe
login-submit = Se connecter
login-public = Les statistiques publiques sont accessibles sans connexion.
login-locked = Trop d'échecs : ce compte est bloqué pour un moment.
login-refused = Identifiant ou mot de passe incorrect.

## Accueil
home-title = Mon compte
home-welcome = Bienvenue,
home-role = Rôle
home-scope = Périmètre
home-may = Vous pouvez voir
sign-out = Se déconnecter
role-admin = la gestion des utilisateurs et des données de référence
role-hq = la constitution des forces, le fichier du personnel, les déploiements et les statistiques de toutes les missions
role-pcc = les ressortissants de votre pays : candidatures, déploiements, évaluations, affaires renvoyées
role-mission = les postes, le personnel, les évaluations, les incidents et le renforcement des capacités de votre mission
role-conduct = les allégations et les affaires en entier, et l'assistance aux victimes
role-analyst = les agrégats et les exports anonymisés

## Mois
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Statistiques
stats-title = Contributions à la Police des Nations Unies
stats-month = Mois
stats-show = Afficher
headline-police = Policiers
headline-women = Femmes
headline-women-share = Part des femmes
headline-countries = Pays contributeurs
headline-missions = Missions
source-un = Source : Nations Unies, Département des opérations de paix, « Contributions en personnel en tenue aux opérations de maintien de la paix par pays, mission et type de personnel ».
stats-country-level = Pour ce mois, les Nations Unies n'ont publié que des chiffres par pays, sans ventilation par mission.
table-empty = Rien à afficher.
export = Télécharger :
stats-heading = Contributions à la Police des Nations Unies : { $month }

table-categories = Policiers par catégorie
table-missions = Policiers par mission
table-countries = Policiers par pays contributeur
table-parity = Part des femmes parmi les policiers, chaque mois
table-trend = Policiers, chaque mois
table-mission = Les policiers de la mission, chaque mois
table-country = Les policiers du pays, chaque mois
table-officers = Policiers
table-tours = Affectations
table-posts = Postes
table-units = Unités
table-deployments = Déploiements
table-rotations = Relèves

col-category = Catégorie
col-women = Femmes
col-men = Hommes
col-total = Total
col-women-share = Part des femmes
col-mission = Mission
col-mission-name = Nom de la mission
col-country = Pays
col-country-name = Nom du pays
col-month = Mois
col-ipo-women = Femmes hors unités
col-ipo-total = Total hors unités
col-ipo-share = Part des femmes hors unités
col-ipo-target = Objectif hors unités
col-fpu-women = Femmes UPC
col-fpu-total = Total UPC
col-fpu-share = Part des femmes UPC
col-fpu-target = Objectif UPC
col-officer = Policier
col-family-name = Nom
col-given-name = Prénom
col-nationality = Nationalité
col-gender = Sexe
col-rank = Grade
col-languages = Langues
col-skills = Compétences
col-vetting = Contrôle
col-tour = Affectation
col-start = Début
col-planned-end = Fin prévue
col-actual-end = Fin
col-end-reason = Motif de fin
col-birth-date = Date de naissance
col-post = Poste
col-title = Intitulé
col-location = Lieu
col-filled = Pourvu aujourd'hui
col-unit = Unité
col-designation = Désignation
col-ending-women = Femmes partantes
col-ending-men = Hommes partants
col-strength = Effectif avant
col-women-in-strength = Femmes dans l'effectif
col-target = Objectif
col-women-needed = Femmes nécessaires
col-reachable = Objectif atteignable

category-individual-police = Policiers hors unités constituées
category-formed-police-units = Unités de police constituées
category-experts-on-mission = Experts en mission
category-staff-officers = Officiers d'état-major
category-troops = Contingents

parity-title = Parité femmes-hommes dans la Police des Nations Unies
parity-intro = La part des femmes parmi les policiers hors unités constituées et dans les unités de police constituées (UPC), chaque mois, face aux objectifs annuels de la Stratégie sur la parité des genres applicable au personnel en tenue (2018-2028) (en tirets).
parity-chart-title = Les femmes dans la Police des Nations Unies, face aux objectifs
parity-chart-y = Part des femmes
series-ipo-share = Policiers hors unités constituées
series-fpu-share = Unités de police constituées
series-ipo-target = Objectif, policiers hors unités constituées
series-fpu-target = Objectif, unités de police constituées
trend-title = Effectifs de la Police des Nations Unies
trend-intro = Les policiers déployés dans les opérations des Nations Unies à la fin de chaque mois, et combien sont des femmes.
trend-chart-y = Policiers
series-police = Policiers
series-women = Femmes
mission-intro = Les policiers de la mission à la fin de chaque mois ventilé par mission.
country-intro = Les policiers du pays dans toutes les opérations des Nations Unies à la fin de chaque mois.

## Fichier du personnel
roster-title = Fichier des policiers
officer-edit = Modifier le policier
officer-new = Enregistrer un policier
filter-name = Nom
filter-nationality = Nationalité
filter-gender = Sexe
filter-skill = Compétence
filter-language = Langue
filter-mission = Mission
search = Rechercher
results = Résultats :
previous = Précédent
next = Suivant
gender-female = Femme
gender-male = Homme
vetting-pending = En attente
vetting-cleared = Favorable
vetting-refused = Défavorable
yes = Oui
no = Non
posts-title = Postes
units-title = Unités
deployments-title = Déploiements
rotations-title = Relèves des douze prochains mois

## Le formulaire d'un policier
field-external-id = Référence (celle du pays)
field-given-name = Prénom
field-family-name = Nom
field-nationality = Nationalité (ISO3, p. ex. SEN)
field-birth-date = Date de naissance (AAAA-MM-JJ)
field-rank = Grade
field-languages = Langues (code:niveau, p. ex. fr:5;en:3)
field-skills = Compétences
field-gender = Sexe
field-vetting = Contrôle
field-required = Ce champ est obligatoire.
field-unknown-country = Aucun pays n'a pour code ou nom « { $value } ».
field-not-your-national = Vous ne pouvez enregistrer que des ressortissants de { $own }.
field-unknown-gender = Choisissez femme ou homme.
field-unknown-vetting = Choisissez en attente, favorable ou défavorable.
field-bad-language = Écrivez chaque langue avec un code de deux lettres et un niveau de 1 à 5, p. ex. fr:5;en:3.
field-assessment-validity = Une évaluation doit rester valable après le jour où elle a été passée.
field-bad-date = Écrivez la date sous la forme AAAA-MM-JJ.
field-too-long = { $max } caractères au plus.
field-control-character = Retirez les caractères de contrôle (tabulations, retours à la ligne).
field-birth-date-range = Un policier a au moins 18 ans : la date de naissance doit être au plus tard le { $latest }.
form-has-errors = Le policier n'a pas été enregistré : corrigez les champs signalés ci-dessous.
save = Enregistrer

## Documentation de l'API
api-title = Documentation de l'API
api-intro = L'API REST répond en JSON ; les erreurs sont en problem+json (RFC 9457). Le document OpenAPI :
api-routes = Les routes de l'API
api-method = Méthode
api-path = Chemin
api-summary = Ce qu'elle fait

## Constitution des forces
nav-forcegen = Constitution des forces
forcegen-title = Demandes de constitution des forces
forcegen-intro = Les demandes de policiers adressées aux pays contributeurs. Le point de contact d'un pays voit les demandes qui lui sont adressées et propose ses ressortissants ; le siège planifie, sélectionne et déploie.
table-requests = Demandes
table-request = La demande
table-nominations = Candidatures
table-slate = La liste proposée
table-reserve = Réserve (éligibles, hors de la liste)
table-ineligible = Candidats inéligibles et pourquoi
col-request = Demande
col-posts = Postes
col-min-rank = Grade minimum
col-deadline = Date limite
col-countries = Adressée à
col-nomination = Candidature
col-status = État
col-label-of = { $column } (libellé)
col-nominated-on = Proposé le
col-decided-on = Décidé le
col-deployed-on = Déployé le
col-name = Nom
col-fit-skills = Compétences
col-fit-languages = Langues
col-fit-experience = Expérience
col-fit = Adéquation
col-reasons = Motifs
nomination-nominated = Proposé
nomination-selected = Sélectionné
nomination-not-selected = Non sélectionné
nomination-deployed = Déployé
nomination-withdrawn = Retiré
nominate-title = Proposer un policier
field-officer = Numéro du policier (dans le fichier)
nominate = Proposer
field-officer-number = Écrivez le numéro du policier, p. ex. 42.
field-officer-unknown = Aucun policier de votre fichier n'a ce numéro.
decide-title = Décider
plan-open = Ouvrir le plan optimal
select-slate = Sélectionner la liste du plan
deploy-selected = Déployer les policiers sélectionnés
plan-title = Plan optimal
plan-objective = Adéquation totale
plan-bound = Borne
plan-gap = Au plus à cette distance de l'optimum
plan-filled = Postes pourvus
plan-proven = Optimum prouvé : aucune liste respectant les règles n'a une adéquation totale plus élevée.
plan-not-proven = Optimum non prouvé : la borne dit de combien une liste pourrait au plus être meilleure.
plan-women-rule = Femmes parmi les sélectionnés, au moins :
plan-binding = Règles qui coûtent en adéquation :
plan-back = Retour à la demande
plan-heading = Plan optimal : { $title }
request-new = Nouvelle demande
request-new-title = Nouvelle demande de constitution des forces
request-edit-title = Modifier le projet de demande
request-edit = Modifier ce projet
request-requirements = Ce que demande la mission
request-steps = Étapes
request-send = Envoyer aux pays
request-close-nominations = Clore les candidatures
request-close = Clore la demande
request-cancel = Annuler la demande
request-status-draft = Projet
request-status-sent = Envoyée
request-status-nominations-closed = Candidatures closes
request-status-selected = Sélection faite
request-status-deployed = Déployée
request-status-closed = Close
request-status-cancelled = Annulée
field-decided-on = Date de la décision
field-reason = Motif
field-mission = Mission
field-min-rank = Grade minimum
field-title = Intitulé
field-posts = Postes
field-start = Début de l’affectation
field-tour-months = Durée de l’affectation (mois)
field-deadline = Date limite des candidatures
field-country-cap = Part maximale d’un même pays
field-countries = Adressée à
field-unreadable = { $field } : « { $value } » illisible.
hint-languages = code:niveau, p. ex. fr:3;en:2
hint-country-cap = une part de 0 à 1, p. ex. 0,5 ; vide si aucune
hint-countries = codes ISO séparés par ;, p. ex. SEN;FRA
plan-deployed = Déjà déployés : { $deployed } sur { $posts } postes ; le plan pourvoit les { $open } autres.
field-unknown-term = « { $value } » n’est pas une valeur connue. Valeurs connues : { $known }.
pick-intro = Vos policiers qui peuvent être proposés, chacun avec les conditions de cette demande vérifiées maintenant : les éligibles d’abord, les mieux adaptés en tête.
pick-search = Nom
pick-caption = Policiers que vous pouvez proposer
pick-eligible = Éligible (adéquation { $fit })
pick-nominated = Proposé
col-eligibility = Éligibilité
col-action = Action
ineligible-language = { $language } de niveau { $required } exigé, a { $has }
ineligible-rank = grade { $required } ou supérieur exigé, est { $has }
ineligible-assessment = pas de réussite valide à toutes les épreuves de l’AMS le { $on }
ineligible-vetting = contrôle { $status }, non validé
ineligible-on-tour = en affectation du { $from } au { $to }
ineligible-country = la demande n’a pas été adressée à { $country }
plan-women-ask = Planifier avec cette part de femmes (%) au lieu de l’objectif de parité
plan-again = Planifier à nouveau
plan-women-given = demandée sur cette page
plan-women-target = objectif de parité de { $year }, { $kind ->
    [official] officiel
   *[path] sur la trajectoire du prochain objectif officiel
}
plan-cap-ask = Planifier avec ce maximum par pays (%) au lieu du plafond de la demande
plan-cap-rule = Part maximale d’un même pays :
plan-cap-given = demandé sur cette page
plan-asked-reason = Plan établi avec les règles fixées sur sa page ; femmes au moins { $women }, un même pays au plus { $cap }
binding-women = femmes au moins { $share } (prix { $price } par unité)
binding-country = { $country } au plus { $share } (prix { $price } par unité)
shortfall-women = La règle de parité laisse des postes vacants : { $needed } femmes nécessaires pour pourvoir { $fill } postes à { $share }, { $eligible } éligibles. { $filled } postes pourvus sur { $posts } ; sans cette règle, { $without } :
shortfall-country = La règle d’au plus { $cap } d’un même pays laisse des postes vacants : au plus { $most } d’un même pays pour { $fill } postes pourvus ; éligibles : { $eligible }. { $filled } postes pourvus sur { $posts } ; sans cette règle, { $without } :
select-relaxed = Sélectionner cette liste, avec le motif
select-manual = Ou cocher les policiers à sélectionner (une sélection autre que celle du plan exige un motif)
select-ticked = Sélectionner les policiers cochés
table-relaxed = La meilleure liste sans cette règle
table-relaxed-2 = La meilleure liste sans cette règle
# Refusals of the rules (crates/domain/src/message.rs).
fg-out-of-order = la demande { $request } est à l’étape « { $status } » et ne peut pas passer à « { $next } »
fg-not-draft = la demande { $request } est à l’étape « { $status } » et ne peut plus être modifiée
fg-date-future = une décision ne peut pas être datée après aujourd’hui ({ $today }) : { $on }
fg-date-before = la demande { $request } a franchi sa dernière étape le { $last } ; une étape suivante ne peut pas être datée du { $on }
fg-cancel-reason = indiquez pourquoi la demande est annulée
fg-own-step = une demande passe à « { $next } » par l’étape qui lui est propre, pas par celle-ci
fg-sent-after-deadline = la date limite des candidatures ({ $deadline }) précède le jour de l’envoi ({ $on })
fg-not-taking = la demande { $request } est à l’étape « { $status } » : elle ne reçoit de candidatures qu’une fois envoyée et jusqu’à leur clôture
fg-not-sent-to = la demande { $request } n’a pas été adressée à { $country }
fg-nominations-ended = les candidatures à la demande { $request } ont été closes le { $deadline }
fg-all-filled = tous les postes de la demande { $request } sont pourvus : { $deployed } déployés pour { $posts } postes
fg-reason-needed = cette sélection s’écarte du plan : indiquez pourquoi (motif)
fg-no-nomination = la demande { $request } n’a aucune candidature ouverte parmi laquelle sélectionner
fg-none-eligible = aucune des { $count } candidatures ouvertes à la demande { $request } n’est éligible : voir le plan
fg-too-many = la demande { $request } a { $open } postes ouverts ; { $chosen } policiers ont été choisis
fg-not-nominee = le policier { $officer } n’a pas de candidature ouverte à la demande { $request }
fg-not-eligible = le policier { $officer } n’est pas éligible : { $reasons }
fg-nothing-to-deploy = la demande { $request } n’a aucun policier sélectionné à déployer
fg-no-open-post = la demande n’a plus de poste ouvert : plus de policiers que de postes ont été sélectionnés
unknown-mission = mission inconnue « { $value } »
fg-own-mission = vous ne pouvez demander des policiers que pour { $mission }
fg-title-required = l’intitulé est obligatoire
fg-title-text = intitulé : { $problem }
fg-reason-text = motif : { $problem }
fg-too-many-skills = une demande porte sur 50 compétences au plus
fg-posts-range = le nombre de postes va de 1 à 10 000
fg-language-level = langue « { $language } » niveau { $level } : le niveau va de 1 à 5
fg-tour-months = la durée de l’affectation va de 1 à 36 mois
fg-dates-range = le début et la date limite doivent se situer entre le { $first } et le { $last }
fg-deadline-after-start = la date limite des candidatures ne doit pas être postérieure au début de l’affectation
fg-country-cap = la part maximale d’un même pays est supérieure à 0 et au plus 1
unknown-country = pays inconnu « { $value } »
fg-no-country = une demande est adressée à au moins un pays
fg-tour-past-calendar = l’affectation se terminerait au-delà du calendrier
vocabulary-unknown = { $vocabulary ->
        [rank] grade
        [skill] compétence
       *[language] langue
    } inconnu(e) « { $value } » ; valeurs connues : { $known }
fg-none-chosen = aucun policier n’a été choisi
filter-on = À la date du
filter-from = À partir de
post-category-individual-police = Policier hors unités constituées
post-category-formed-police-units = Unité de police constituée
post-category-specialized-police-teams = Équipe de police spécialisée
col-strength-if-replaced = Effectif si relevé
rotations-assumption = L’effectif compte les affectations enregistrées aujourd’hui : sans relève, il diminue à mesure que les affectations prennent fin. « Effectif si relevé » conserve l’effectif d’avant { $before }, comme si chaque policier relevé était remplacé nombre pour nombre ; les femmes nécessaires supposent cette relève.
tour-ended = l’affectation { $tour } est déjà terminée
tour-end-before-start = l’affectation { $tour } commence le { $start } : elle ne peut pas se terminer avant
tour-extend-earlier = l’affectation { $tour } doit se terminer le { $end } : une prolongation se termine plus tard
tour-overlap = cette affectation chevauche une autre affectation du même policier
table-assessments = Évaluation d’aptitude au service en mission (AMS)
table-officer-nominations = Candidatures aux demandes de constitution des forces
col-ams-test = Épreuve
col-ams-result = Résultat
col-taken-on = Passée le
col-valid-until = Valable jusqu’au
col-valid-today = Valable aujourd’hui
ams-test-language = Langue
ams-test-driving = Conduite
ams-test-firearms = Armes à feu
ams-result-scheduled = Programmée
ams-result-passed = Réussie
ams-result-failed = Échouée
end-reason-end-of-tour = Fin d’affectation
end-reason-extension = Prolongation
end-reason-medical = Raisons médicales
end-reason-disciplinary-repatriation = Rapatriement disciplinaire
end-reason-compassionate = Raisons familiales
end-reason-other = Autre
tour-change-title = Affectation
tour-end-on = Fin le
tour-end = Mettre fin à l’affectation
tour-extend-to = Prolonger jusqu’au
tour-extend = Prolonger
tour-add-title = Ajouter une affectation
tour-add = Ajouter l’affectation
tour-overlaps = cette affectation (du { $new_start } au { $new_end }) chevauche celle du policier du { $existing_start } au { $existing_end }
tour-overlaps-hidden = le policier { $officer } a une autre affectation pendant cette période
filter-all = Tous
pages = Pages
first = Première
last = Dernière
page-of = Page { $page } sur { $pages }

# Refus des règles du fichier du personnel
text-required = { $field ->
        [external_id] l’identifiant
        [given_name] le prénom
        [family_name] le nom
        [title] l’intitulé
        [location] le lieu
        [designation] la désignation
        [start] le début
        [planned_end] la fin prévue
        [actual_end] la fin effective
        [birth_date] la date de naissance
        [skills] la liste des compétences
        [rank] le grade
        [topic] le thème
        [name] le nom
        [task] la tâche
        [owner] le responsable
        [name_en] le nom anglais
        [name_fr] le nom français
       *[other] « { $field } »
    } est obligatoire
text-too-long = { $field ->
        [external_id] l’identifiant
        [given_name] le prénom
        [family_name] le nom
        [title] l’intitulé
        [location] le lieu
        [designation] la désignation
        [start] le début
        [planned_end] la fin prévue
        [actual_end] la fin effective
        [birth_date] la date de naissance
        [skills] la liste des compétences
        [rank] le grade
       *[other] « { $field } »
    } dépasse { $max } caractères
text-control = { $field ->
        [external_id] l’identifiant
        [given_name] le prénom
        [family_name] le nom
        [title] l’intitulé
        [location] le lieu
        [designation] la désignation
        [start] le début
        [planned_end] la fin prévue
        [actual_end] la fin effective
        [birth_date] la date de naissance
        [skills] la liste des compétences
        [rank] le grade
       *[other] « { $field } »
    } contient un caractère de contrôle
gender-unknown = sexe inconnu « { $value } »
vetting-unknown = le contrôle d’antécédents est « pending », « cleared » ou « refused », pas « { $value } »
assessment-validity = évaluation AMS { $test } du { $taken_on } : dates de 1948 à 2199, fin de validité après la date de l’évaluation
birth-date-range = la date de naissance est comprise entre le { $earliest } et le { $latest } (un policier a au moins 18 ans)
day-out-of-range = { $field ->
        [external_id] l’identifiant
        [given_name] le prénom
        [family_name] le nom
        [title] l’intitulé
        [location] le lieu
        [designation] la désignation
        [start] le début
        [planned_end] la fin prévue
        [actual_end] la fin effective
        [birth_date] la date de naissance
        [skills] la liste des compétences
        [rank] le grade
       *[other] « { $field } »
    } ({ $day }) est hors de la période du { $first } au { $last }
no-officer = aucun policier { $id }
no-post = aucun poste { $id }
no-unit = aucune unité { $id }
own-mission-tours = vous ne pouvez enregistrer des affectations que dans la mission { $own }
own-mission-posts = vous ne pouvez enregistrer des postes que dans la mission { $own }
own-mission-units = vous ne pouvez enregistrer des unités que dans la mission { $own }
own-country-units = vous ne pouvez enregistrer que des unités de { $own }
own-nationals = vous ne pouvez enregistrer que des ressortissants de { $own }
tour-category = la catégorie est « individual_police » ou « formed_police_units », pas « { $value } »
tour-end-reason = motif de fin inconnu « { $value } » ; valeurs connues : { $known }
tour-ends-before-start = une affectation se termine après son début (début le { $start }, fin le { $end })
tour-wrong-post = l’affectation d’un policier hors unités constituées exige un poste de catégorie « individual_police » ou « specialized_police_teams », pas « { $category } »
tour-under-18 = le policier { $officer } a moins de 18 ans le { $day }
tour-post-mission = le poste { $post } relève de la mission { $mission }, pas de { $wanted }
tour-unit-mission = l’unité { $unit } sert dans la mission { $mission }, pas dans { $wanted }
tour-unit-country = l’unité { $unit } vient de { $country } ; le policier { $officer } est ressortissant de { $nationality }
tour-fpu-category = une affectation dans l’unité de police constituée { $unit } a la catégorie « formed_police_units »
post-category = la catégorie est « individual_police », « formed_police_units » ou « specialized_police_teams », pas « { $value } »
unit-kind = le type est « formed_police_units » ou « specialized_police_teams », pas « { $value } »
record-exists = un enregistrement porte déjà cet identifiant externe
reference-unknown = un code ne correspond à aucune donnée de référence
value-breaks-rule = une valeur enfreint une règle : { $detail }
fg-already-nominated = le policier { $officer } est déjà proposé pour la demande { $request }
fg-nomination-elsewhere = la candidature { $nomination } ne relève pas de la demande { $request }
fg-nomination-step = la candidature { $nomination } est « { $was } » et ne peut pas devenir « { $becomes } »
fg-nomination-officer = la candidature { $nomination } n’est pas celle du policier { $officer }
fg-nomination-not-selected = la candidature { $nomination } est « { $was } », pas sélectionnée
conduct-only = seuls les agents de la déontologie et de la discipline enregistrent des dossiers
own-mission-cases = vous ne pouvez enregistrer des dossiers que pour la mission { $own }
incident-writers = seuls le Siège et le personnel des missions enregistrent des incidents
own-mission-incidents = vous ne pouvez enregistrer des incidents que pour la mission { $own }
mission-writers = seuls le Siège et le personnel des missions enregistrent ces données
own-mission-records = vous ne pouvez enregistrer que pour la mission { $own }
day-in-future = { $field } ne peut pas être postérieur à aujourd’hui ({ $today })
ends-before-starts = la fin ({ $end }) précède le début ({ $start })
project-delivery = un projet livré doit avoir sa date de livraison, et seul un projet livré en a une
evaluation-remedy = une appréciation inférieure à « meets » est une sous-performance et exige une mesure (improvement_plan ou repatriation) ; une appréciation « meets » ou supérieure n’en prend aucune
evaluation-tour = le policier { $officer } n’a effectué aucune affectation à la mission { $mission } sur cette période
evaluation-competency = la compétence « { $competency } » est notée deux fois
indicator-computed = l’indicateur { $indicator } est calculé par unpol à partir de ses données ; ses valeurs ne peuvent pas être saisies
indicator-number = { $field } doit être un nombre fini
incident-precision = « { $field } » doit être un nombre entier de 1 à { $max }
incident-count = « { $field } » ne peut pas dépasser { $max }
incident-ends-before = un incident ne peut pas finir avant de commencer
incident-future = un incident ne peut pas commencer après aujourd’hui ({ $today })
incident-point = indiquez à la fois la latitude (-90 à 90) et la longitude (-180 à 180), ou ni l’une ni l’autre
value-unknown = { $field ->
        [allegation] type d’allégation
        [sex] sexe
        [age_group] tranche d’âge
        [category] catégorie de personnel
        [incident_category] catégorie d’incident
        [status] état du suivi
        [investigator] enquêteur
        [outcome] résultat
        [action] mesure du pays
        [measure] mesure provisoire
        [activity_kind] type d’activité
        [project_kind] type de projet
        [project_status] état du projet
        [partner] partenaire
        [competency] compétence
        [rating] appréciation
        [remedy] mesure corrective
        [readiness] état de préparation
        [direction] sens
        [computed] indicateur calculé
        [recipient] destinataire
        [task_status] état de la tâche
        [unit] unité
       *[other] « { $field } »
    } inconnu(e) « { $value } » ; valeurs connues : { $known }
conduct-victim-twice = le code de victime « { $code } » est donné deux fois
conduct-out-of-order = le dossier { $case } est à l’étape « { $step } » et ne peut pas passer à « { $target } »
conduct-date-before = le dossier { $case } a franchi sa dernière étape le { $last } ; une étape suivante ne peut pas être datée du { $on }
conduct-no-officer = pas de policier { $officer } dans le fichier ; laissez le policier vide pour une personne non identifiée
conduct-glass-admin = seul un administrateur peut briser la glace
conduct-glass-reason = dites pourquoi vous ouvrez ce dossier (au moins 10 caractères) : le motif est montré à ses agents de déontologie
conduct-step-country = un point focal enregistre l’enquêteur, l’enquête, le résultat et les mesures, pas l’étape « { $target } »
conduct-closed = le dossier { $case } est clos
conduct-not-subject = le policier { $officer } n’est pas mis en cause dans le dossier { $case }
conduct-no-key = les dossiers de déontologie sont chiffrés avec une clé gardée hors de la base de données, et ce serveur n’en a pas : définissez UNPOL_CASE_KEY ou --case-key-file
conduct-rekey = seuls le siège ou un administrateur, à la console, changent la clé des dossiers
conduct-incident-after = les faits ({ $incident }) ne peuvent pas suivre la réception du signalement ({ $received })
ineligible-conduct = non autorisé à l’issue du contrôle de déontologie et de discipline
ineligible-underperformance = jugé insuffisant lors d’évaluations répétées

## Conduct and discipline
nav-conduct = Dossiers de déontologie
nav-conduct-figures = Chiffres des fautes
conduct-title = Dossiers de déontologie et de discipline
conduct-intro = Les dossiers que vous pouvez consulter : un agent de déontologie voit les dossiers de la mission, le point focal d’un pays contributeur les dossiers renvoyés à son pays, sans victime ni récit. Chaque consultation est enregistrée.
conduct-new = Enregistrer une allégation
conduct-form-intro = Le récit, les notes et les renseignements sur les victimes sont chiffrés avant d’être enregistrés. Désignez les victimes par un code, jamais par leur nom.
conduct-overdue-title = Délais dépassés
conduct-overdue-intro = Les délais des pays contributeurs dépassés, ou qui le seront dans le nombre de jours demandé, au { $today }.
conduct-figures-title = Allégations de faute
conduct-figures-intro = Allégations reçues contre le personnel de police, comptées comme l’ONU les compte : une par signalement, une fois pour chaque catégorie de personnel et chaque pays qu’il vise. Aucune personne, aucune victime, aucun récit.
conduct-chart-title = Allégations reçues par année
conduct-chart-y = Allégations
source-unpol-conduct = Source : dossiers de déontologie d’unpol (fictifs dans la démonstration), comptés comme le site de l’ONU sur la déontologie dans les missions les compte.
series-sea = Exploitation et atteintes sexuelles
series-other-misconduct = Autres fautes
conduct-case-title = Dossier { $id }
conduct-clocks = Délais
conduct-no-clock = Aucun délai ne court.
clock-name-investigator = Enquêteur à désigner par le pays
clock-complete-investigation = Enquête à achever
clock-left = jours restants : { $days }
clock-overdue = jours de retard : { $days }
conduct-subjects = Personnes mises en cause
conduct-unidentified = Non identifiée
conduct-officer = policier { $id }
conduct-investigation = Enquête
conduct-step-to = Enregistrer :
conduct-measures = Mesures provisoires
conduct-measure-add = Enregistrer la mesure
conduct-confidential = Confidentiel
conduct-approximate = approximative
conduct-victims = Victimes
conduct-reads = Qui a consulté ce dossier
conduct-glass-by = accès d’urgence
conduct-glass-title = Accès d’urgence
conduct-glass-intro = Les administrateurs ne consultent pas les dossiers. En cas d’urgence, vous pouvez en ouvrir un en disant pourquoi : le motif est inscrit au journal d’audit et montré aux agents de déontologie du dossier.
conduct-glass-open = Ouvrir le dossier
conduct-subject-n = Personne mise en cause
conduct-victim-n = Victime
field-received-on = Reçue le
field-incident-on = Date des faits
field-incident-approximate = La date des faits est approximative
field-location = Lieu
field-urgent = Urgent (toujours le cas si une victime est un enfant)
field-restricted = Réservé à moi
field-subject-officer = Numéro du policier dans le fichier (vide si non identifié)
field-sex = Sexe
field-age-group = Tranche d’âge
field-victim-code = Code de la victime
field-victim-details = Assistance et orientations
hint-victim-details = Assistance apportée (médicale, psychosociale, juridique, matérielle), orientée quand et vers qui, toute demande de reconnaissance de paternité.
field-narrative = Récit
field-notes = Notes
field-investigator = Enquêteur
field-outcome = Résultat
field-country-action = Mesures communiquées par le pays
field-measure = Mesure
field-within-days = Échéance dans (jours)
show = Afficher
sex-female = Féminin
sex-male = Masculin
sex-unknown = Inconnu
category-specialized-police-teams = Équipes de police spécialisées
col-case = Dossier
col-allegation = Allégation
col-received-on = Reçue le
col-urgent = Urgent
col-referred-to = Renvoyée à
col-referred-on = Renvoyée le
col-clock = Délai
col-due = Échéance
col-days-left = Jours restants
col-year = Année
col-allegations = Allégations
table-cases = Dossiers
table-overdue = Délais dépassés ou proches
table-allegations = Allégations reçues

# Incidents
nav-incidents = Incidents
incidents-title = Incidents
incidents-intro = Les incidents dans la zone de la mission : ceux que signale son personnel et les données ouvertes d’événements importées dans unpol. Chaque point est un incident à l’endroit où sa source l’a placé, coloré selon sa catégorie et dimensionné selon le nombre de morts ; les filtres s’appliquent à la carte, au tableau et aux chiffres.
incidents-since = Du
incidents-until = Au
incidents-apply = Appliquer les filtres
incidents-reset = Toutes les dates et catégories
incidents-no-map = Pas de carte : unpol ne détient pas le contour du pays hôte de cette mission, ou aucune mission n’est choisie.
incidents-list = Les incidents
incidents-shown = Les { $shown } derniers des { $total } incidents choisis ; les fichiers CSV et XLSX les contiennent tous.
incidents-aggregates = Par mois, zone et catégorie
incidents-map-title = Incidents de la { $mission }
incidents-map-desc = { $events } incidents placés sur la carte du pays { $country }, colorés selon leur catégorie et dimensionnés selon le nombre de morts.
incidents-area-unnamed = (zone non indiquée)
incidents-chart-months = Incidents par mois
incidents-chart-events = Incidents
incidents-chart-areas = Incidents et morts par zone de premier niveau
source-ucdp-ged = Source : UCDP Georeferenced Event Dataset (GED), version mondiale 23.1, Uppsala Conflict Data Program (Davies, Pettersson et Öberg 2023 ; Sundberg et Melander 2013), CC BY 4.0.
source-unpol-incidents = Source : incidents enregistrés dans unpol par le personnel des missions.
table-incidents = Incidents
table-incident-months = Incidents par mois
table-incident-areas = Incidents par zone de premier niveau
table-incident-categories = Incidents par catégorie
col-incident = Incident
col-started = Début
col-ended = Fin
col-incident-category = Catégorie
col-area = Zone (premier niveau)
col-area2 = Zone (second niveau)
col-place = Lieu
col-latitude = Latitude
col-longitude = Longitude
col-deaths = Morts
col-source = Source
col-source-id = Identifiant à la source
col-events = Incidents

# Opérations : renforcement des capacités, performance, indicateurs et transition
nav-capacity = Renforcement des capacités
nav-performance = Performance
nav-dashboard = Tableau de bord de la mission
operations-all-missions = Toutes les missions que vous pouvez consulter
operations-show = Afficher
source-unpol-operations = Source : données tenues dans unpol par les composantes police des missions.
capacity-title = Renforcement des capacités de la police de l’État hôte
capacity-intro = Ce que la composante police fait avec la police de l’État hôte : formations, appui à son recrutement et à la vérification des antécédents, colocalisation et encadrement sur ses sites, et les commissariats et centres de police de proximité construits pour elle. Une formation compte dans le trimestre où elle se termine ; un site dans chaque trimestre où il est encadré.
capacity-quarters = Par mission et par trimestre
capacity-activities = Activités
capacity-projects = Projets d’infrastructure
capacity-chart-title = Policiers du pays hôte formés par trimestre, par sexe
capacity-chart-y = Policiers formés
table-capacity-quarters = Renforcement des capacités par mission et par trimestre
table-capacity-activities = Activités avec la police de l’État hôte
table-capacity-projects = Projets d’infrastructure
performance-title = Performance des policiers et des unités
performance-intro = Évaluations des policiers déployés au regard des compétences de référence, et évaluations de l’état de préparation des unités de police constituées. Une appréciation inférieure à « répond à la norme » est une sous-performance et indique la mesure prise ; deux telles évaluations écartent un policier de la sélection.
performance-evaluations = Évaluations des policiers
performance-units = État de préparation des unités de police constituées
table-evaluations = Évaluations des policiers
table-unit-assessments = Évaluations de l’état de préparation des unités
dashboard-title = Performance et transition de la mission
dashboard-intro = Les indicateurs de performance de la mission au regard de leurs cibles sur les huit derniers trimestres : ceux marqués calculés sont comptés par unpol à partir de ses propres données à chaque lecture (les effectifs au dernier jour du trimestre, les flux sur le trimestre), les autres sont saisis par la mission. Un décompte sur un trimestre n’est comparé à sa cible qu’une fois le trimestre terminé. Plus bas, les tâches de police que la mission transfère.
dashboard-none = Aucune mission n’a d’indicateurs à afficher.
dashboard-indicators = Indicateurs au regard de leurs cibles
dashboard-trends = Évolution
dashboard-transition = Transition : tâches à transférer
transition-readiness = { $share } % des { $tasks } tâches sont transférées.
indicator-source-computed = Calculé par unpol
indicator-source-entered = Saisi par la mission
table-indicators = Indicateurs
table-indicator-values = Valeurs des indicateurs par trimestre
table-transition-tasks = Tâches de transition
col-activity-kind = Activité
col-topic = Thème
col-end = Fin
col-institution = Institution hôte
col-partner = Partenaire
col-trainers = Formateurs des Nations Unies
col-project-kind = Projet
col-delivered-on = Livré le
col-quarter = Trimestre
col-courses = Formations
col-sites = Sites encadrés
col-projects-delivered = Projets livrés
col-rating = Appréciation générale
col-underperformance = Sous-performance
col-remedy = Mesure corrective
col-assessed-on = Évaluée le
col-readiness = État de préparation
col-indicator = Indicateur
col-indicator-unit = Unité
col-direction = Sens
col-baseline = Référence
col-value = Valeur
col-met = Cible atteinte
col-task = Tâche
col-recipient = Transférée à
col-owner = Responsable
incidents-report = Signaler un incident
incidents-report-intro = Un incident dans la zone de votre mission, tel que son personnel l’a constaté ou appris : où et quand, quoi, qui était impliqué, et le tort causé. Il apparaît aussitôt sur la carte de la mission ; son suivi est enregistré ensuite.
incidents-report-submit = Enregistrer l’incident
incidents-new-link = Signaler un incident
field-actors = Acteurs impliqués
field-injuries = Blessés
field-victims = Victimes (un groupe, si connu)
field-victims-count = Nombre de victimes
field-victim-sex = Sexe
field-victim-age = Tranche d’âge
field-description = Ce qui s’est passé
field-whole-number = Écrivez un nombre entier, par exemple 3.
field-degrees = Écrivez les degrés en nombre décimal, par exemple 4,3612.
