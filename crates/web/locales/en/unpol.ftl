# unpol's pages in English. Every message here must also be in ../fr/unpol.ftl (a test checks).

## Around every page
skip-to-content = Skip to content
tagline = UN Police information system
language-name = English
nav-label = Main
nav-stats = Statistics
nav-parity = Gender parity
nav-trend = Trend
nav-roster = Roster
nav-posts = Posts
nav-units = Units
nav-deployments = Deployments
nav-rotations = Rotations
nav-api = API
nav-account = My account
nav-sign-in = Sign in
footer = unpol, open-source software for the police components of UN peace operations.

## Messages
forbidden-title = Not allowed
forbidden-message = Your role may not open this page.
not-found-title = Not found
not-found-message = There is nothing at this address, or it is outside what you may see.
expired-title = Form expired
expired-login-message = The sign-in form expired. Open the sign-in page again.
expired-message = The form expired. Reload the page and try again.
bad-request-title = Cannot read the request
bad-request-message = The address asks for something unpol cannot read.
bad-filter-message = A search field holds a value unpol cannot read: a country is a three-letter code (SEN), a gender is female or male, a mission is an acronym (UNMISS).
bad-month-title = Not a month
bad-month-message = Write the month as YYYY-MM, for example 2018-01.
stats-no-data-title = No figures for this month
stats-no-data = The UN published no figures for this month. Months with figures: { $available }.
stats-empty-title = No figures yet
stats-empty = No published figures are loaded. Run `unpol import published --bundled`.

## Signing in
login-title = Sign in
login-login = Login
login-password = Password
login-submit = Sign in
login-public = The public statistics need no sign-in.
login-locked = Too many failed attempts: this account is locked for a while.
login-refused = Wrong login or password.

## Home
home-title = My account
home-welcome = Welcome,
home-role = Role
home-scope = Scope
home-may = You may see
sign-out = Sign out
role-admin = manage users and reference data
role-hq = force generation, roster, deployments and statistics for all missions
role-pcc = your country's own nationals: nominations, deployments, evaluations, referred cases
role-mission = your mission's posts, personnel, evaluations, incidents and capacity building
role-conduct = allegations and cases in full, and victim assistance
role-analyst = aggregates and anonymised exports

## Months
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Statistics
stats-title = UN Police contributions
stats-month = Month
stats-show = Show
headline-police = Police
headline-women = Women
headline-women-share = Share of women
headline-countries = Contributing countries
headline-missions = Missions
source-un = Source: United Nations, Department of Peace Operations, "Contributions of uniformed personnel to UN peacekeeping operations by country, mission and personnel type".
stats-country-level = For this month the UN published figures by country only, without the breakdown by mission.
table-empty = Nothing to show.
export = Download

table-categories = Police by category
table-missions = Police by mission
table-countries = Police by contributing country
table-parity = Women's share of police every month
table-trend = Police every month
table-mission = The mission's police every month
table-country = The country's police every month
table-officers = Officers
table-tours = Tours
table-posts = Posts
table-units = Units
table-deployments = Deployments
table-rotations = Rotations

col-category = Category
col-women = Women
col-men = Men
col-total = Total
col-women-share = Share of women
col-mission = Mission
col-mission-name = Mission name
col-country = Country
col-country-name = Country name
col-month = Month
col-ipo-women = IPO women
col-ipo-total = IPO total
col-ipo-share = IPO share of women
col-ipo-target = IPO target
col-fpu-women = FPU women
col-fpu-total = FPU total
col-fpu-share = FPU share of women
col-fpu-target = FPU target
col-officer = Officer
col-family-name = Family name
col-given-name = Given name
col-nationality = Nationality
col-gender = Gender
col-rank = Rank
col-languages = Languages
col-skills = Skills
col-vetting = Vetting
col-tour = Tour
col-start = Start
col-planned-end = Planned end
col-actual-end = End
col-end-reason = End reason
col-birth-date = Date of birth
col-post = Post
col-title = Title
col-location = Location
col-filled = Filled today
col-unit = Unit
col-designation = Designation
col-ending-women = Women leaving
col-ending-men = Men leaving
col-strength = Strength before
col-women-in-strength = Women in strength
col-target = Target
col-women-needed = Women needed
col-reachable = Target reachable

category-individual-police = Individual police officers
category-formed-police-units = Formed police units
category-experts-on-mission = Experts on mission
category-staff-officers = Staff officers
category-troops = Troops

parity-title = Gender parity of UN Police
parity-intro = The share of women among individual police officers (IPO) and formed police units (FPU), every month, against the yearly targets of the Uniformed Gender Parity Strategy 2018-2028 (dashed).
parity-chart-title = Women among UN Police, against the targets
parity-chart-y = Share of women
series-ipo-share = Individual police
series-fpu-share = Formed units
series-ipo-target = Individual police target
series-fpu-target = Formed units target
trend-title = UN Police strength
trend-intro = Police deployed in UN operations at the end of every month, and how many are women.
trend-chart-y = Officers
series-police = Police
series-women = Women
mission-intro = The mission's police at the end of every month with figures by mission.
country-intro = The country's police in all UN operations at the end of every month.

## Roster
roster-title = Roster of officers
officer-new = Record an officer
filter-name = Name
filter-nationality = Nationality (ISO3)
filter-gender = Gender (female or male)
filter-skill = Skill
filter-language = Language (fr, en...)
filter-mission = Mission
search = Search
results = Results
previous = Previous
next = Next
gender-female = Female
gender-male = Male
vetting-pending = Pending
vetting-cleared = Cleared
vetting-refused = Refused
yes = Yes
no = No
posts-title = Posts
units-title = Units
deployments-title = Deployments
rotations-title = Rotations in the next twelve months

## The officer form
field-external-id = Reference (the country's own)
field-given-name = Given name
field-family-name = Family name
field-nationality = Nationality (ISO3, e.g. SEN)
field-birth-date = Date of birth (YYYY-MM-DD)
field-rank = Rank
field-languages = Languages (code:level, e.g. fr:5;en:3)
field-skills = Skills (separated by ;)
field-gender = Gender
field-vetting = Vetting
field-required = This field is required.
field-unknown-country = No country has the code or name "{ $value }".
field-not-your-national = You may only record nationals of { $own }.
field-unknown-gender = Choose female or male.
field-unknown-vetting = Choose pending, cleared or refused.
field-bad-language = Write each language as a two-letter code and a level from 1 to 5, e.g. fr:5;en:3.
field-assessment-validity = An assessment must stay valid after the day it was taken.
field-bad-date = Write the date as YYYY-MM-DD.
form-conflict = An officer with this reference is already recorded.
form-has-errors = The officer was not recorded: correct the fields marked below.
save = Save

## API documentation
api-title = API documentation
api-intro = The REST API answers JSON; errors are problem+json (RFC 9457). The OpenAPI document:
api-routes = Routes of the API
api-method = Method
api-path = Path
api-summary = What it does
