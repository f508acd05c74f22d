//! The stylesheet, scripts and vendored assets, served by unpol itself (no CDN: missions work on
//! slow, filtered links). Pages link each asset with a hash of its content (`?v=…`), so browsers
//! cache it for a year and a new release is fetched at once.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// An asset: its name under `/static/`, its media type and its bytes (compiled in).
#[derive(Debug)]
struct Asset {
    name: &'static str,
    media_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "unpol.css",
        media_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/unpol.css"),
    },
    Asset {
        name: "htmx.min.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/vendor/htmx.min.js"),
    },
    Asset {
        name: "swagger-ui-bundle.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/vendor/swagger-ui-bundle.js"),
    },
    Asset {
        name: "swagger-ui.css",
        media_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/vendor/swagger-ui.css"),
    },
    Asset {
        name: "api-docs.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/api-docs.js"),
    },
];

/// The first 12 hex digits of each asset's SHA-256.
fn versions() -> &'static HashMap<&'static str, String> {
    static VERSIONS: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    VERSIONS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| (a.name, hex::encode(&Sha256::digest(a.bytes)[..6])))
            .collect()
    })
}

/// The cache-busted address of an asset, for pages.
pub fn href(name: &str) -> String {
    match versions().get(name) {
        Some(version) => format!("/static/{name}?v={version}"),
        None => {
            debug_assert!(false, "unknown asset {name}");
            format!("/static/{name}")
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Version {
    v: Option<String>,
}

/// `/static/{name}`: immutable for a year when asked by its current version, else revalidated.
pub async fn serve(Path(name): Path<String>, Query(version): Query<Version>) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let current = versions().get(asset.name).map(String::as_str);
    let cache = if version.v.as_deref() == current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (header::CONTENT_TYPE, asset.media_type),
            (header::CACHE_CONTROL, cache),
        ],
        asset.bytes,
    )
        .into_response()
}

/// `/robots.txt`: the smallest static answer of the server, also the baseline of the load
/// benchmark.
pub async fn robots() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "User-agent: *\nAllow: /stats\nDisallow: /api/\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_has_a_versioned_address() {
        for asset in ASSETS {
            let address = href(asset.name);
            assert!(address.starts_with(&format!("/static/{}?v=", asset.name)));
            assert_eq!(address.len(), "/static/?v=".len() + asset.name.len() + 12);
        }
    }
}
