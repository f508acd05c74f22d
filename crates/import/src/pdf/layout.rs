//! The seven layouts of the UN's monthly report between 2015 and 2025, told apart by the header
//! row of their table, and the parts every layout shares: where the columns start, which lines
//! are page furniture, and which cells are figures.

use super::text::{Cell, Line, joined};

/// A layout, named by how its table is organised (the letters are those of the parse log in
/// `data/un-uniformed-personnel/source_pdf_parse_log.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// D, 2015 to April 2017: "UN Mission's Summary detailed by Country"; country, mission and
    /// description columns, a subtotal per mission and per country, totals only.
    CountryMissionDescription,
    /// B, May 2017 to February 2018: numbered countries, mission headings, a subtotal per mission
    /// (total only), a total per country and a grand total.
    CountryMissionPost,
    /// A, March 2018 to August 2019: country level, no mission.
    CountryPost,
    /// W, October 2019: one wide table, a column pair (men, women) per personnel type.
    CountryMissionWide,
    /// G, November 2019 to January 2021: mission headings, contributor headings, totals without labels.
    MissionContributor,
    /// C, February 2021 onwards: the country in a merged cell beside its rows.
    MissionCountryType,
    /// E, October 2024: one flat row per figure, with its report date.
    Flat,
}

impl Layout {
    /// Recognises a table's header row.
    pub fn of_header(line: &Line) -> Option<Layout> {
        let text = line.text();
        let has = |word: &str| text.contains(word);
        let layout = if has("UNMEM M") {
            Layout::CountryMissionWide
        } else if has("Personnel Type") && has("Report Date") {
            Layout::Flat
        } else if has("Personnel Type") && has("Female") {
            Layout::MissionCountryType
        } else if has("Contributor") && has("Female") {
            Layout::MissionContributor
        } else if has("Country Name") && has("POST") {
            Layout::CountryPost
        } else if has("Mission") && has("POST") && has("FEMALE") {
            Layout::CountryMissionPost
        } else if has("UN Mission") && has("Description") {
            Layout::CountryMissionDescription
        } else {
            return None;
        };
        Some(layout)
    }

    /// Whether the report breaks its figures down by mission.
    pub fn has_missions(self) -> bool {
        self != Layout::CountryPost
    }

    pub fn letter(self) -> char {
        match self {
            Layout::CountryMissionDescription => 'D',
            Layout::CountryMissionPost => 'B',
            Layout::CountryPost => 'A',
            Layout::CountryMissionWide => 'W',
            Layout::MissionContributor => 'G',
            Layout::MissionCountryType => 'C',
            Layout::Flat => 'E',
        }
    }
}

/// Where the header row puts each column: a cell belongs to the column whose heading starts
/// nearest to it (text is left-aligned under its heading, give or take a few points).
#[derive(Debug, Clone)]
pub struct Columns {
    headings: Vec<(String, f64)>,
}

impl Columns {
    pub fn from_header(line: &Line) -> Columns {
        Columns {
            headings: line.cells.iter().map(|c| (c.text.clone(), c.x)).collect(),
        }
    }

    /// The headings' texts, left to right.
    pub fn headings(&self) -> impl Iterator<Item = &str> {
        self.headings.iter().map(|(text, _)| text.as_str())
    }

    /// The left edge of the heading that contains `word`.
    pub fn x_of(&self, word: &str) -> Option<f64> {
        self.headings
            .iter()
            .find(|(text, _)| text.split(' ').any(|w| w == word))
            .map(|(_, x)| *x)
    }

    /// The text of the cell nearest to the column starting at `x`, if one starts within `slack`.
    pub fn cell_at<'a>(&self, cells: &'a [Cell], x: f64, slack: f64) -> Option<&'a Cell> {
        cells
            .iter()
            .filter(|c| (c.x - x).abs() <= slack)
            .min_by(|a, b| (a.x - x).abs().total_cmp(&(b.x - x).abs()))
    }
}

/// A table line split into its text and the figures at its right end.
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    pub texts: &'a [Cell],
    pub figures: Vec<i64>,
}

impl<'a> Parts<'a> {
    pub fn of(line: &'a Line) -> Parts<'a> {
        let split = line
            .cells
            .iter()
            .rposition(|c| figure(&c.text).is_none())
            .map_or(0, |i| i + 1);
        Parts {
            texts: &line.cells[..split],
            figures: line.cells[split..]
                .iter()
                .filter_map(|c| figure(&c.text))
                .collect(),
        }
    }

    /// All the text of the line, cells joined by a space.
    pub fn text(&self) -> String {
        joined(self.texts)
    }
}

/// A printed head count: digits, with commas between thousands in some layouts.
pub fn figure(text: &str) -> Option<i64> {
    let digits: String = text.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 9 {
        return None;
    }
    digits.parse().ok()
}

/// Page numbers, generation stamps and the like, printed outside the table.
pub fn is_furniture(line: &Line) -> bool {
    let text = line.text();
    text.starts_with("Page ") && text.contains(" of ") || text.starts_with("Report Generated On")
}

#[cfg(test)]
mod tests {
    use super::figure;

    #[test]
    fn figures_are_whole_counts_with_optional_thousands_commas() {
        assert_eq!(figure("91,544"), Some(91_544));
        assert_eq!(figure("0"), Some(0));
        assert_eq!(figure("31/10/2024"), None);
        assert_eq!(figure("UNMISS"), None);
        assert_eq!(figure(""), None);
    }
}
