//! The demo's incidents: UCDP's real events in the Central African Republic (bundled) imported
//! into MINUSCA when the demo has MINUSCA, and synthetic reports by every mission's staff dated in
//! the months before the day the demo is made (in MINUSCA at places where GED placed real events,
//! elsewhere at random points inside the host country), so that every mission's map and figures
//! hold recent incidents. Everything goes through the incidents' use
//! cases, each with a clock stopped on the day of the report.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::geography::{self, Outline};
use unpol_domain::incident::IncidentCategory;
use unpol_domain::{Clock, CountryCode, MissionCode};
use unpol_import::ucdp::{BUNDLED_CAR_NAME, bundled_car};

use crate::accounts::AuditContext;
use crate::incidents::{self, IncidentInput, Query, VictimsInput};
use crate::{Actor, Store};

/// How many reports the demo's staff make, over how many days before today.
const REPORTS: usize = 40;
const SPAN_DAYS: u64 = 330;

pub(super) fn staff_of(mission: MissionCode, day: NaiveDate) -> Actor {
    Actor::new(
        Principal {
            user_id: 0,
            login: "mission".into(),
            role: Role::Mission,
            scope: Scope::Mission(mission),
        },
        AuditContext {
            actor: "mission".into(),
            ..AuditContext::console().with_clock(Clock::on(day))
        },
    )
}

/// What the staff report, and what they did about it.
const REPORTED: &[(IncidentCategory, &str, &str)] = &[
    (
        IncidentCategory::ThreatToPersonnel,
        "Patrol fired upon on the road",
        "Escort reinforced on the axis",
    ),
    (
        IncidentCategory::Sgbv,
        "Rape reported to the gendarmerie brigade",
        "Victim referred to the one-stop centre",
    ),
    (
        IncidentCategory::OrganizedCrime,
        "Weapons seized at a checkpoint",
        "Case handed to the special criminal court's police unit",
    ),
    (
        IncidentCategory::PublicOrder,
        "Demonstration at the prefecture",
        "Formed unit deployed beside the host police",
    ),
    (
        IncidentCategory::HateSpeech,
        "Leaflets calling for violence against a community",
        "Reported to the mission's strategic communication",
    ),
    (
        IncidentCategory::ProtectionOfCivilians,
        "Village attacked; families displaced",
        "Joint patrol and early-warning meeting",
    ),
];

/// A random point inside an outline (none after many misses: a sliver of a country).
fn point_inside(outline: &Outline, rng: &mut ChaCha8Rng) -> Option<(f64, f64)> {
    let b = outline.bounds()?;
    (0..500).find_map(|_| {
        let lon = rng.random_range(b.west..=b.east);
        let lat = rng.random_range(b.south..=b.north);
        outline.contains(lon, lat).then_some((lon, lat))
    })
}

/// Where a report is: a place where GED placed a real event, or a point inside the country.
type Place = (String, String, Option<(f64, f64)>);

/// Imports the bundled events into MINUSCA (when the demo has it) and makes the reports of every
/// mission whose host country unpol can draw; returns how many incidents the demo holds.
pub(super) async fn make(
    store: &Store,
    missions: &[MissionCode],
    today: NaiveDate,
    seed: u64,
) -> anyhow::Result<usize> {
    let console = Actor::console(Clock::on(today));
    let mut held = 0;
    let mut ged_places: Vec<Place> = Vec::new();
    if let Some(minusca) = missions.iter().find(|m| m.as_str() == "MINUSCA") {
        let imported = incidents::import_ucdp(
            store,
            &console,
            BUNDLED_CAR_NAME,
            bundled_car(),
            minusca.as_str(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("the bundled UCDP events: {e}"))?;
        held += imported.inserted as usize;
        ged_places = incidents::list(store, &console, &Query::default())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .into_iter()
            .filter(|r| !r.incident.adm1.is_empty())
            .filter_map(|r| {
                let p = r.incident.point?;
                Some((
                    r.incident.adm1,
                    r.incident.place,
                    Some((p.longitude, p.latitude)),
                ))
            })
            .collect();
    }
    let hosts: BTreeMap<MissionCode, CountryCode> = store
        .db()
        .missions()
        .await?
        .into_iter()
        .map(|m| (m.acronym, m.host))
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x1c1d);
    let wanted: BTreeSet<MissionCode> = missions.iter().copied().collect();
    for mission in wanted {
        let Some(outline) = hosts
            .get(&mission)
            .and_then(|&host| geography::outline(host))
        else {
            continue;
        };
        let reports = if mission.as_str() == "MINUSCA" {
            REPORTS
        } else {
            REPORTS / 4
        };
        for _ in 0..reports {
            let place = match ged_places.choose(&mut rng) {
                Some(known) if mission.as_str() == "MINUSCA" => known.clone(),
                _ => (
                    String::new(),
                    String::new(),
                    point_inside(outline, &mut rng),
                ),
            };
            report(store, mission, place, today, &mut rng).await?;
            held += 1;
        }
    }
    Ok(held)
}

/// One report by the mission's staff on a day before today, followed up as it ages.
async fn report(
    store: &Store,
    mission: MissionCode,
    (adm1, place, point): Place,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> anyhow::Result<()> {
    let Some(&(category, description, follow_up)) = REPORTED.choose(rng) else {
        return Ok(());
    };
    let day = today - Days::new(rng.random_range(0..SPAN_DAYS));
    let staff = staff_of(mission, day);
    let victims = if category == IncidentCategory::Sgbv {
        let age = if rng.random_bool(0.3) {
            "child"
        } else {
            "adult"
        };
        vec![VictimsInput {
            sex: "female".into(),
            age_group: age.into(),
            count: 1,
        }]
    } else {
        Vec::new()
    };
    let input = IncidentInput {
        mission: mission.to_string(),
        category: category.code().into(),
        started_on: day,
        adm1,
        place,
        longitude: point.map(|p| p.0),
        latitude: point.map(|p| p.1),
        deaths: if category == IncidentCategory::ProtectionOfCivilians {
            rng.random_range(0..6)
        } else {
            0
        },
        injuries: Some(rng.random_range(0..4)),
        victims,
        description: description.into(),
        ..IncidentInput::default()
    };
    let id = incidents::record(store, &staff, &input)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // Older reports have been followed up, most of the oldest closed.
    let status = match (today - day).num_days() {
        0..=14 => None,
        15..=120 => Some("followed_up"),
        _ => Some(if rng.random_bool(0.8) {
            "closed"
        } else {
            "followed_up"
        }),
    };
    if let Some(status) = status {
        incidents::follow_up(store, &staff_of(mission, today), id, status, follow_up)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(())
}
