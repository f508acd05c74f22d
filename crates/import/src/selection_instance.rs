//! Reading a selection instance from files: the format of `../shared/bench/forcegen/gen.py`
//! (`posts.csv`, `candidates.csv`, `edges.csv` in one folder), so that unpol and external solvers
//! are measured on the same input.
//!
//! Only what the optimizer needs is kept: each post's mission, each candidate's gender and country,
//! and the edges with their score (the generator has already applied the hard rules). Ids are kept
//! as written so that a slate is reported in the instance's own terms.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use rustc_hash::FxHashMap;
use unpol_selection::Graph;

/// An instance as read: the graph and what the share rules need to know.
#[derive(Debug)]
pub struct SelectionInstance {
    pub graph: Graph,
    pub post_ids: Vec<String>,
    pub post_mission: Vec<u16>,
    pub missions: Vec<String>,
    pub candidate_ids: Vec<String>,
    pub candidate_female: Vec<bool>,
    pub candidate_country: Vec<u16>,
    pub countries: Vec<String>,
}

/// Reads `dir/posts.csv`, `dir/candidates.csv` and `dir/edges.csv`.
pub fn read_selection_instance(dir: &Path) -> Result<SelectionInstance> {
    let posts = read_posts(&dir.join("posts.csv"))?;
    let candidates = read_candidates(&dir.join("candidates.csv"))?;
    let (post, candidate, fit) =
        read_edges(&dir.join("edges.csv"), &posts.index, &candidates.index)?;
    let graph = Graph::from_columns(posts.ids.len(), candidates.ids.len(), post, candidate, fit)
        .with_context(|| format!("{}", dir.join("edges.csv").display()))?;
    Ok(SelectionInstance {
        graph,
        post_ids: posts.ids,
        post_mission: posts.mission,
        missions: posts.missions.names,
        candidate_ids: candidates.ids,
        candidate_female: candidates.female,
        candidate_country: candidates.country,
        countries: candidates.countries.names,
    })
}

/// Ids to indices. Generated ids are `0, 1, 2...` in order; then the index is the id itself and
/// the ten million edge rows of a large instance need no hashing.
#[derive(Debug, Default)]
struct IdIndex {
    dense: bool,
    map: FxHashMap<String, u32>,
}

impl IdIndex {
    fn insert(&mut self, id: &str, index: usize) -> bool {
        if index == 0 {
            self.dense = true;
        }
        self.dense &= id.parse::<usize>().ok() == Some(index);
        self.map.insert(id.to_string(), index as u32).is_none()
    }

    fn get(&self, id: &[u8]) -> Option<u32> {
        let id = std::str::from_utf8(id).ok()?;
        if self.dense {
            let i: u32 = id.parse().ok()?;
            return ((i as usize) < self.map.len()).then_some(i);
        }
        self.map.get(id).copied()
    }
}

/// Names to small indices, in order of first appearance.
#[derive(Debug, Default)]
struct Names {
    names: Vec<String>,
    index: FxHashMap<String, u16>,
}

impl Names {
    fn index_of(&mut self, name: &str) -> Result<u16> {
        if let Some(&i) = self.index.get(name) {
            return Ok(i);
        }
        let i = u16::try_from(self.names.len())
            .map_err(|_| anyhow!("more than {} distinct names", u16::MAX))?;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        Ok(i)
    }
}

struct Posts {
    ids: Vec<String>,
    index: IdIndex,
    mission: Vec<u16>,
    missions: Names,
}

struct Candidates {
    ids: Vec<String>,
    index: IdIndex,
    female: Vec<bool>,
    country: Vec<u16>,
    countries: Names,
}

fn open(path: &Path) -> Result<(csv::Reader<std::fs::File>, csv::StringRecord)> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let header = reader
        .headers()
        .with_context(|| format!("{}: no header", path.display()))?
        .clone();
    Ok((reader, header))
}

fn column(path: &Path, header: &csv::StringRecord, name: &str) -> Result<usize> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| anyhow!("{}: no column `{name}`", path.display()))
}

fn read_posts(path: &Path) -> Result<Posts> {
    let (mut reader, header) = open(path)?;
    let (id_col, mission_col) = (
        column(path, &header, "post_id")?,
        column(path, &header, "mission")?,
    );
    let mut posts = Posts {
        ids: Vec::new(),
        index: IdIndex::default(),
        mission: Vec::new(),
        missions: Names::default(),
    };
    for (row, record) in reader.records().enumerate() {
        let at = Located::new(path, row);
        let record = record.with_context(|| at.to_string())?;
        let (id, mission) = (&record[id_col], &record[mission_col]);
        if !posts.index.insert(id, posts.ids.len()) {
            bail!("{at}: post `{id}` appears twice");
        }
        posts.ids.push(id.to_string());
        posts.mission.push(
            posts
                .missions
                .index_of(mission)
                .with_context(|| at.to_string())?,
        );
    }
    Ok(posts)
}

fn read_candidates(path: &Path) -> Result<Candidates> {
    let (mut reader, header) = open(path)?;
    let id_col = column(path, &header, "candidate_id")?;
    let (gender_col, country_col) = (
        column(path, &header, "gender")?,
        column(path, &header, "country")?,
    );
    let mut out = Candidates {
        ids: Vec::new(),
        index: IdIndex::default(),
        female: Vec::new(),
        country: Vec::new(),
        countries: Names::default(),
    };
    for (row, record) in reader.records().enumerate() {
        let at = Located::new(path, row);
        let record = record.with_context(|| at.to_string())?;
        let id = &record[id_col];
        if !out.index.insert(id, out.ids.len()) {
            bail!("{at}: candidate `{id}` appears twice");
        }
        out.ids.push(id.to_string());
        out.female.push(match &record[gender_col] {
            "F" => true,
            "M" => false,
            other => bail!("{at}: gender must be F or M, got `{other}`"),
        });
        out.country.push(
            out.countries
                .index_of(&record[country_col])
                .with_context(|| at.to_string())?,
        );
    }
    Ok(out)
}

/// The edges as three columns (post, candidate, score), which the graph keeps as they are: ten
/// million edges are read without a second copy.
fn read_edges(path: &Path, posts: &IdIndex, candidates: &IdIndex) -> Result<EdgeColumns> {
    let (mut reader, header) = open(path)?;
    let cols = [
        column(path, &header, "post_id")?,
        column(path, &header, "candidate_id")?,
        column(path, &header, "score")?,
    ];
    let (mut post_column, mut candidate_column, mut fit_column) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut record = csv::ByteRecord::new();
    let mut row = 0;
    while reader
        .read_byte_record(&mut record)
        .with_context(|| Located::new(path, row).to_string())?
    {
        let at = || Located::new(path, row);
        let post = posts
            .get(&record[cols[0]])
            .ok_or_else(|| anyhow!("{}: unknown post", at()))?;
        let candidate = candidates
            .get(&record[cols[1]])
            .ok_or_else(|| anyhow!("{}: unknown candidate", at()))?;
        let fit = std::str::from_utf8(&record[cols[2]])
            .ok()
            .and_then(|s| s.parse::<i32>().ok())
            .ok_or_else(|| anyhow!("{}: score must be an integer of at most {}", at(), i32::MAX))?;
        post_column.push(post);
        candidate_column.push(candidate);
        fit_column.push(fit);
        row += 1;
    }
    Ok((post_column, candidate_column, fit_column))
}

type EdgeColumns = (Vec<u32>, Vec<u32>, Vec<i32>);

/// `FILE:LINE` of a data row (the header is line 1).
struct Located {
    path: PathBuf,
    line: usize,
}

impl Located {
    fn new(path: &Path, row: usize) -> Self {
        Self {
            path: path.to_path_buf(),
            line: row + 2,
        }
    }
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}
