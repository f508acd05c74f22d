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
bad-filter-message = Un champ de recherche contient une valeur illisible : un pays est un code de trois lettres (SEN), un genre est female ou male, une mission est un sigle (UNMISS).
bad-month-title = Mois invalide
bad-month-message = Écrivez le mois sous la forme AAAA-MM, par exemple 2018-01.
stats-no-data-title = Pas de chiffres pour ce mois
stats-no-data = Les Nations Unies n'ont publié aucun chiffre pour ce mois. Mois disponibles : { $available }.
stats-empty-title = Pas encore de chiffres
stats-empty = Aucun chiffre publié n'est chargé. Lancez `unpol import published --bundled`.

## Connexion
login-title = Connexion
login-login = Identifiant
login-password = Mot de passe
login-submit = Se connecter
login-public = Les statistiques publiques sont accessibles sans connexion.
login-locked = Trop d'échecs : ce compte est bloqué pour un moment.
login-refused = Identifiant ou mot de passe incorrect.

## Accueil
home-title = Mon compte
home-welcome = Bienvenue,
home-role = Rôle
home-scope = Périmètre
home-may = Vous pouvez voir
sign-out = Se déconnecter
role-admin = la gestion des utilisateurs et des données de référence
role-hq = la génération de forces, le fichier du personnel, les déploiements et les statistiques de toutes les missions
role-pcc = les ressortissants de votre pays : candidatures, déploiements, évaluations, affaires renvoyées
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
source-un = Source : Nations Unies, Département des opérations de paix, « Contributions en personnel en uniforme aux opérations de maintien de la paix par pays, mission et type de personnel ».
stats-country-level = Pour ce mois, les Nations Unies n'ont publié que des chiffres par pays, sans ventilation par mission.
table-empty = Rien à afficher.
export = Télécharger

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
col-ipo-women = Femmes IPO
col-ipo-total = Total IPO
col-ipo-share = Part des femmes IPO
col-ipo-target = Objectif IPO
col-fpu-women = Femmes FPU
col-fpu-total = Total FPU
col-fpu-share = Part des femmes FPU
col-fpu-target = Objectif FPU
col-officer = Policier
col-family-name = Nom
col-given-name = Prénom
col-nationality = Nationalité
col-gender = Genre
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
category-troops = Troupes

parity-title = Parité femmes-hommes dans la Police des Nations Unies
parity-intro = La part des femmes parmi les policiers hors unités constituées (IPO) et dans les unités de police constituées (FPU), chaque mois, face aux objectifs annuels de la Stratégie sur la parité des genres pour le personnel en uniforme 2018-2028 (en tirets).
parity-chart-title = Les femmes dans la Police des Nations Unies, face aux objectifs
parity-chart-y = Part des femmes
series-ipo-share = Policiers individuels
series-fpu-share = Unités constituées
series-ipo-target = Objectif policiers individuels
series-fpu-target = Objectif unités constituées
trend-title = Effectifs de la Police des Nations Unies
trend-intro = Les policiers déployés dans les opérations des Nations Unies à la fin de chaque mois, et combien sont des femmes.
trend-chart-y = Policiers
series-police = Policiers
series-women = Femmes
mission-intro = Les policiers de la mission à la fin de chaque mois ventilé par mission.
country-intro = Les policiers du pays dans toutes les opérations des Nations Unies à la fin de chaque mois.

## Fichier du personnel
roster-title = Fichier des policiers
officer-new = Enregistrer un policier
filter-name = Nom
filter-nationality = Nationalité (ISO3)
filter-gender = Genre (female ou male)
filter-skill = Compétence
filter-language = Langue (fr, en...)
filter-mission = Mission
search = Rechercher
results = Résultats
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
field-skills = Compétences (séparées par ;)
field-gender = Genre
field-vetting = Contrôle
field-required = Ce champ est obligatoire.
field-unknown-country = Aucun pays n'a pour code ou nom « { $value } ».
field-not-your-national = Vous ne pouvez enregistrer que des ressortissants de { $own }.
field-unknown-gender = Choisissez femme ou homme.
field-unknown-vetting = Choisissez en attente, favorable ou défavorable.
field-bad-language = Écrivez chaque langue avec un code de deux lettres et un niveau de 1 à 5, p. ex. fr:5;en:3.
field-assessment-validity = Une évaluation doit rester valable après le jour où elle a été passée.
field-bad-date = Écrivez la date sous la forme AAAA-MM-JJ.
form-conflict = Un policier avec cette référence est déjà enregistré.
form-has-errors = Le policier n'a pas été enregistré : corrigez les champs signalés ci-dessous.
save = Enregistrer

## Documentation de l'API
api-title = Documentation de l'API
api-intro = L'API REST répond en JSON ; les erreurs sont en problem+json (RFC 9457). Le document OpenAPI :
api-routes = Les routes de l'API
api-method = Méthode
api-path = Chemin
api-summary = Ce qu'elle fait
