//! A realistic synthetic roster shaped on one month of the UN's published figures, dated around the
//! day the demo is made.
//!
//! For every mission, contributing country, police category and gender, the number of officers
//! deployed on the day the demo is made ([`DemoOptions::today`]) equals the published count of the
//! shaping month times the scale (made on the shaping month's last day, the demo gives back that
//! month's figures). Tours last 12 months and start on every day
//! of the year before, so rotations fall in every month from now on, whatever the day the demo is
//! started; the members of a formed police unit share one nationality and one tour. Names,
//! languages and skills follow the officer's nationality. Beside them, a few officers per country
//! are assessed and cleared but not deployed: the pool that force generation draws on
//! ([`requests`] gives them a history). The same seed gives the same roster.

use crate::Store;
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use unpol_domain::published::Level;
use unpol_domain::roster::{
    AmsResult, AmsTest, Assessment, Deployment, DeploymentId, Gender, LanguageSkill, Officer,
    OfficerId, Post, PostCategory, PostId, Unit, UnitId,
};
use unpol_domain::{Category, CountryCode, MissionCode, Month};
use unpol_storage::published::FigureFilter;
use unpol_storage::roster::RosterLoad;

mod conduct;
mod history;
mod incidents;
mod names;
mod operations;

use history::Available;

/// A formed police unit's usual strength.
const FPU_SIZE: u32 = 140;
const TOUR_DAYS: u64 = 365;

#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// The published month whose figures shape the roster.
    pub like: Month,
    pub scale: u32,
    pub seed: u64,
    /// The day the demo is made: every tour runs on it.
    pub today: NaiveDate,
    /// Also make a force-generation history around `today` (requests closed, open and draft),
    /// whose deployments add to the roster shaped on `like`.
    pub history: bool,
}

/// One officer available for force generation (assessed, cleared, not on a tour) for every this
/// many individual police officers a country has deployed, and at least this few per country.
const POOL_EVERY: u32 = 20;
const POOL_LEAST: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the roster is not empty: the demo fills an empty database only")]
    NotEmpty,
    #[error("{0} has no mission-level published figures to shape the demo on (import them first)")]
    NoMissionFigures(Month),
    #[error("--scale must be at least 1")]
    BadScale,
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub officers: usize,
    /// Officers of the pool: assessed and cleared, not deployed.
    pub available: usize,
    /// Force-generation requests made for the history.
    pub requests: usize,
    /// Synthetic conduct cases (none without a case key).
    pub cases: usize,
    /// Incidents: UCDP's events in MINUSCA's host country and synthetic reports.
    pub incidents: usize,
    /// Capacity-building activities with the host State's police.
    pub activities: usize,
    /// Evaluations of serving officers.
    pub evaluations: usize,
    /// Mission performance indicators defined.
    pub indicators: usize,
    pub units: usize,
    pub posts: usize,
    pub deployments: usize,
}

/// Generates and loads the demo roster in one transaction.
pub async fn fill(store: &Store, options: DemoOptions) -> Result<DemoSummary, DemoError> {
    let db = store.db();
    if options.scale == 0 {
        return Err(DemoError::BadScale);
    }
    if !db.roster_is_empty().await? {
        return Err(DemoError::NotEmpty);
    }
    if db.month_level(options.like).await? != Some(Level::Mission) {
        return Err(DemoError::NoMissionFigures(options.like));
    }
    let figures = db
        .published_figures(options.like, Level::Mission, &FigureFilter::default())
        .await?;
    let mut cells: BTreeMap<(MissionCode, CountryCode), [(u32, u32); 2]> = BTreeMap::new();
    for f in figures.iter().filter(|f| f.category.is_police()) {
        let slot = usize::from(f.category == Category::FormedPoliceUnits);
        let mission = f.mission.ok_or(DemoError::NoMissionFigures(options.like))?;
        let cell = &mut cells.entry((mission, f.country)).or_default()[slot];
        cell.0 += f.headcount.women * options.scale;
        cell.1 += f.headcount.men * options.scale;
    }
    let (roster, pool) = generate(&cells, options);
    let mut summary = DemoSummary {
        officers: roster.officers.len(),
        available: pool.len(),
        requests: 0,
        cases: 0,
        incidents: 0,
        activities: 0,
        evaluations: 0,
        indicators: 0,
        units: roster.units.len(),
        posts: roster.posts.len(),
        deployments: roster.deployments.len(),
    };
    db.load_roster(&roster).await?;
    // The history goes to the mission with the most individual police officers.
    let busiest = cells
        .iter()
        .fold(
            BTreeMap::<MissionCode, u32>::new(),
            |mut m, (&(mission, _), [(w, n), _])| {
                *m.entry(mission).or_default() += w + n;
                m
            },
        )
        .into_iter()
        .max_by_key(|&(mission, n)| (n, std::cmp::Reverse(mission)))
        .map(|(mission, _)| mission);
    if let (true, Some(mission)) = (options.history, busiest) {
        summary.requests = history::make(store, mission, &pool, options.today).await?;
    }
    if options.history {
        let serving: Vec<conduct::Serving> = cells
            .iter()
            .flat_map(|(&(mission, country), [ipo, fpu])| {
                [(ipo, false), (fpu, true)]
                    .into_iter()
                    .filter(|((w, m), _)| w + m > 0)
                    .map(move |(_, formed)| conduct::Serving {
                        mission,
                        country,
                        formed,
                    })
            })
            .collect();
        summary.cases = conduct::make(store, &serving, options.today, options.seed).await?;
        let missions: Vec<MissionCode> = cells.keys().map(|&(mission, _)| mission).collect();
        summary.incidents = incidents::make(store, &missions, options.today, options.seed).await?;
        let made = operations::make(store, &missions, options.today, options.seed)
            .await
            .map_err(|e| anyhow::anyhow!("the demo's operations: {e}"))?;
        summary.activities = made.activities;
        summary.evaluations = made.evaluations;
        summary.indicators = made.indicators;
    }
    Ok(summary)
}

struct Builder {
    rng: ChaCha8Rng,
    day: NaiveDate,
    roster: RosterLoad,
}

/// The roster, and the officers of its pool.
fn generate(
    cells: &BTreeMap<(MissionCode, CountryCode), [(u32, u32); 2]>,
    options: DemoOptions,
) -> (RosterLoad, Vec<Available>) {
    let mut b = Builder {
        rng: ChaCha8Rng::seed_from_u64(options.seed),
        day: options.today,
        roster: RosterLoad::default(),
    };
    for (&(mission, country), [(ipo_women, ipo_men), (fpu_women, fpu_men)]) in cells {
        for (gender, count) in [(Gender::Female, *ipo_women), (Gender::Male, *ipo_men)] {
            for _ in 0..count {
                b.individual_officer(mission, country, gender);
            }
        }
        b.formed_units(mission, country, *fpu_women, *fpu_men);
    }
    b.vacant_posts(cells);
    let before = b.roster.officers.len();
    b.pool(cells, options.today);
    let pool = b.roster.officers[before..]
        .iter()
        .map(|o| Available {
            officer: o.id,
            country: o.nationality,
        })
        .collect();
    (b.roster, pool)
}

impl Builder {
    /// A tour of 12 months that covers the report day, starting on any of the 365 days before.
    fn tour_start(&mut self) -> NaiveDate {
        self.day - Days::new(self.rng.random_range(0..TOUR_DAYS))
    }

    fn officer(&mut self, country: CountryCode, gender: Gender, ranks: &[&str]) -> OfficerId {
        let id = OfficerId(self.roster.officers.len() as i64 + 1);
        let profile = names::profile(country);
        let given = *profile
            .given(gender)
            .choose(&mut self.rng)
            .unwrap_or(&"Alex");
        let family = *profile.family.choose(&mut self.rng).unwrap_or(&"Doe");
        let birth = NaiveDate::from_ymd_opt(1968, 1, 1).unwrap_or_default()
            + Days::new(self.rng.random_range(0..9_500));
        let mut languages: Vec<LanguageSkill> = profile
            .languages
            .iter()
            .map(|&(language, level)| LanguageSkill {
                language: language.into(),
                level,
            })
            .collect();
        if !languages.iter().any(|l| l.language == "en") {
            languages.push(LanguageSkill {
                language: "en".into(),
                level: self.rng.random_range(2..=4),
            });
        }
        let how_many = self.rng.random_range(1..=3);
        let mut skills: Vec<String> = names::SKILLS
            .choose_multiple(&mut self.rng, how_many)
            .map(|s| s.to_string())
            .collect();
        skills.sort();
        self.roster.officers.push(Officer {
            id,
            external_id: format!("DEMO-{country}-{:07}", id.0),
            given_name: given.into(),
            family_name: family.into(),
            nationality: country,
            gender,
            birth_date: birth,
            rank: ranks
                .choose(&mut self.rng)
                .unwrap_or(&"Officer")
                .to_string(),
            languages,
            skills,
            vetting: "cleared".into(),
            assessments: Vec::new(),
        });
        id
    }

    /// Passes of every AMS test, taken two months before the tour and valid for two years.
    fn assess(&mut self, officer: OfficerId, tour_start: NaiveDate) {
        let taken_on = tour_start - Days::new(60);
        let assessments = AmsTest::ALL
            .iter()
            .map(|&test| Assessment {
                test,
                result: AmsResult::Passed,
                taken_on,
                valid_until: Some(taken_on + Days::new(730)),
            })
            .collect();
        if let Some(o) = self.roster.officers.get_mut(officer.0 as usize - 1) {
            o.assessments = assessments;
        }
    }

    fn post(&mut self, mission: MissionCode, category: PostCategory, title: &str) -> PostId {
        let id = PostId(self.roster.posts.len() as i64 + 1);
        let location = names::LOCATIONS
            .choose(&mut self.rng)
            .unwrap_or(&"Headquarters")
            .to_string();
        self.roster.posts.push(Post {
            id,
            external_id: format!("DEMO-{}-P{:07}", mission.as_str().replace(' ', ""), id.0),
            mission,
            title: title.into(),
            category,
            location,
        });
        id
    }

    fn deploy(
        &mut self,
        officer: OfficerId,
        mission: MissionCode,
        category: Category,
        unit: Option<UnitId>,
        post: Option<PostId>,
        start: NaiveDate,
    ) {
        self.assess(officer, start);
        let id = DeploymentId(self.roster.deployments.len() as i64 + 1);
        self.roster.deployments.push(Deployment {
            id,
            external_id: format!("DEMO-T{:07}", id.0),
            officer,
            unit,
            mission,
            post,
            category,
            start,
            planned_end: start + Days::new(TOUR_DAYS - 1),
            actual_end: None,
            end_reason: None,
        });
    }

    fn individual_officer(&mut self, mission: MissionCode, country: CountryCode, gender: Gender) {
        let officer = self.officer(country, gender, names::IPO_RANKS);
        let title = *names::IPO_TITLES
            .choose(&mut self.rng)
            .unwrap_or(&"Police Adviser");
        let post = self.post(mission, PostCategory::Ipo, title);
        let start = self.tour_start();
        self.deploy(
            officer,
            mission,
            Category::IndividualPolice,
            None,
            Some(post),
            start,
        );
    }

    /// Splits a country's formed police in a mission into units of about 140, women spread
    /// evenly; each unit rotates as a whole.
    fn formed_units(&mut self, mission: MissionCode, country: CountryCode, women: u32, men: u32) {
        let total = women + men;
        if total == 0 {
            return;
        }
        let units = total.div_ceil(FPU_SIZE);
        for k in 0..units {
            let share = |n: u32| n * (k + 1) / units - n * k / units;
            let id = UnitId(self.roster.units.len() as i64 + 1);
            self.roster.units.push(Unit {
                id,
                external_id: format!(
                    "DEMO-{}-{country}-FPU{}",
                    mission.as_str().replace(' ', ""),
                    k + 1
                ),
                kind: PostCategory::Fpu,
                country,
                mission,
                designation: format!("{country} FPU {}", k + 1),
            });
            let start = self.tour_start();
            for (gender, count) in [(Gender::Female, share(women)), (Gender::Male, share(men))] {
                for _ in 0..count {
                    let officer = self.officer(country, gender, names::FPU_RANKS);
                    self.deploy(
                        officer,
                        mission,
                        Category::FormedPoliceUnits,
                        Some(id),
                        None,
                        start,
                    );
                }
            }
        }
    }

    /// Officers ready for a mission but on none: passes of every AMS test taken ten months before
    /// `today` and valid two years, vetting cleared, no tour.
    fn pool(
        &mut self,
        cells: &BTreeMap<(MissionCode, CountryCode), [(u32, u32); 2]>,
        today: NaiveDate,
    ) {
        let mut per_country: BTreeMap<CountryCode, u32> = BTreeMap::new();
        for (&(_, country), [(w, m), _]) in cells {
            *per_country.entry(country).or_default() += w + m;
        }
        for (country, deployed) in per_country {
            if deployed == 0 {
                continue;
            }
            for k in 0..(deployed / POOL_EVERY).max(POOL_LEAST) {
                let gender = if k % 3 == 0 {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let officer = self.officer(country, gender, names::IPO_RANKS);
                // Assessed as if for a tour starting eight months later: valid well past today.
                self.assess(officer, today - Days::new(240));
            }
        }
    }

    /// About one vacant individual-police post for every ten filled, so that posts show gaps.
    fn vacant_posts(&mut self, cells: &BTreeMap<(MissionCode, CountryCode), [(u32, u32); 2]>) {
        let mut per_mission: BTreeMap<MissionCode, u32> = BTreeMap::new();
        for (&(mission, _), [(w, m), _]) in cells {
            *per_mission.entry(mission).or_default() += w + m;
        }
        for (mission, filled) in per_mission {
            for _ in 0..filled.div_ceil(10) {
                let title = *names::IPO_TITLES
                    .choose(&mut self.rng)
                    .unwrap_or(&"Police Adviser");
                self.post(mission, PostCategory::Ipo, title);
            }
        }
    }
}

/// Whether the roster holds no officer yet (a demo fills only an empty one).
pub async fn roster_is_empty(store: &Store) -> anyhow::Result<bool> {
    store.db().roster_is_empty().await
}
