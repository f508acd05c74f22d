//! The published history shipped inside the binary (see `data/SOURCE.md`), so that a fresh
//! machine with no network can load it.

use std::io::Read;

use flate2::read::GzDecoder;

/// A compressed CSV compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct BundledFile {
    pub name: &'static str,
    gzipped: &'static [u8],
}

impl BundledFile {
    pub fn decompress(&self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        GzDecoder::new(self.gzipped).read_to_end(&mut out)?;
        Ok(out)
    }
}

/// Mission-level history first, then the country-level months it lacks (2018-03 to 2019-08).
pub const BUNDLED: [BundledFile; 2] = [
    BundledFile {
        name: "un_uniformed_personnel_by_mission_country_type.csv",
        gzipped: include_bytes!("../data/un_uniformed_personnel_by_mission_country_type.csv.gz"),
    },
    BundledFile {
        name: "un_uniformed_personnel_by_country_type_2018-03_to_2019-08.csv",
        gzipped: include_bytes!(
            "../data/un_uniformed_personnel_by_country_type_2018-03_to_2019-08.csv.gz"
        ),
    },
];
