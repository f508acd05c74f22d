//! The text of a PDF as a person sees it: pages of lines, each line a row of cells with their
//! horizontal position. The UN's reports are tables drawn as text; where a word sits on the
//! page says which column it belongs to.
//!
//! pdf-extract decodes the fonts and places every glyph; this module groups glyphs into cells
//! (runs of glyphs no more than about a space apart) and cells into lines (same baseline, within
//! a few points: the reports print a subtotal's label and its figure 2-3 points apart).

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

/// A run of glyphs read as one piece of text: a word, a name, a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Left edge, in points from the left of the page.
    pub x: f64,
    /// Right edge of the last glyph.
    pub x_end: f64,
    pub text: String,
}

/// The cells that share a baseline, left to right, numbered from the top of the page.
#[derive(Debug, Clone)]
pub struct Line {
    pub page: u32,
    /// 1 for the top line of its page.
    pub number: u32,
    /// Baseline, in points from the top of the page.
    pub y: f64,
    pub cells: Vec<Cell>,
}

impl Line {
    /// The whole line as text, cells separated by one space.
    pub fn text(&self) -> String {
        joined(&self.cells)
    }
}

/// Cells' texts separated by one space.
pub fn joined(cells: &[Cell]) -> String {
    let words: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    words.join(" ")
}

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("not a PDF file, or a damaged one: {0}")]
    Damaged(String),
    #[error("the PDF is encrypted; save an unencrypted copy and import that")]
    Encrypted,
}

/// Every line of every page, in reading order.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, TextError> {
    let mut document = Document::load_mem(bytes).map_err(|e| TextError::Damaged(e.to_string()))?;
    if document.is_encrypted() {
        return Err(TextError::Encrypted);
    }
    expand_cid_widths(&mut document);
    let mut glyphs = Glyphs::default();
    // pdf-extract asserts on some malformed content instead of returning an error; a damaged
    // file must be refused with a message, not take the process down.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&document, &mut glyphs)
    }));
    match outcome {
        Ok(Ok(())) => Ok(group(glyphs.glyphs)),
        Ok(Err(e)) => Err(TextError::Damaged(e.to_string())),
        Err(_) => Err(TextError::Damaged("its content cannot be decoded".into())),
    }
}

#[derive(Debug, Clone)]
struct Glyph {
    page: u32,
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    text: String,
}

/// Collects glyphs with their place on the page (origin at the top left, y downwards).
#[derive(Default)]
struct Glyphs {
    page: u32,
    flip: Option<Transform>,
    glyphs: Vec<Glyph>,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page;
        self.flip = Some(Transform::row_major(
            1.,
            0.,
            0.,
            -1.,
            0.,
            media_box.ury - media_box.lly,
        ));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(flip) = self.flip else {
            return Ok(());
        };
        let position = trm.post_transform(&flip);
        let scaled = trm.transform_vector(euclid::vec2(font_size, font_size));
        let size = (scaled.x * scaled.y).abs().sqrt();
        self.glyphs.push(Glyph {
            page: self.page,
            x: position.m31,
            y: position.m32,
            width: width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Glyphs closer than this many points vertically share a line.
const SAME_LINE: f64 = 4.0;

/// Glyphs into cells, cells into lines, lines numbered per page from the top.
fn group(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut pages: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        if glyph.text.trim().is_empty() || !glyph.x.is_finite() || !glyph.y.is_finite() {
            continue;
        }
        let page = glyph.page as usize;
        if pages.len() < page {
            pages.resize_with(page, Vec::new);
        }
        pages[page - 1].push(glyph);
    }
    let mut lines = Vec::new();
    for mut glyphs in pages {
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
        let mut rows: Vec<Vec<Glyph>> = Vec::new();
        for glyph in glyphs {
            match rows.last_mut() {
                Some(row) if glyph.y - row[0].y < SAME_LINE => row.push(glyph),
                _ => rows.push(vec![glyph]),
            }
        }
        for (index, mut row) in rows.into_iter().enumerate() {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            lines.push(Line {
                page: row[0].page,
                number: index as u32 + 1,
                y: row[0].y,
                cells: cells(&row),
            });
        }
    }
    lines
}

/// Glyphs of one line, left to right, into cells: a gap wider than about a space starts a cell.
fn cells(row: &[Glyph]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    for glyph in row {
        let end = glyph.x + glyph.width;
        if let Some(cell) = cells.last_mut() {
            let gap = glyph.x - cell.x_end;
            if gap > -0.5 && gap < glyph.size * 0.2 {
                cell.text.push_str(&glyph.text);
                cell.x_end = end;
                continue;
            }
            if gap > -0.5 && gap < glyph.size * 0.6 {
                cell.text.push(' ');
                cell.text.push_str(&glyph.text);
                cell.x_end = end;
                continue;
            }
        }
        cells.push(Cell {
            x: glyph.x,
            x_end: end,
            text: glyph.text.clone(),
        });
    }
    cells
}

/// pdf-extract 0.12 misreads the `c_first c_last w` form of a CID font's `/W` widths array and
/// falls back to a width of 1000 for those glyphs, which spreads every word after the first
/// across the line (the reports printed by Microsoft's Print To PDF use that form). Rewriting it
/// to the equivalent `c_first [w w ...]` form, which pdf-extract reads correctly, fixes the
/// positions without touching the text.
fn expand_cid_widths(document: &mut Document) {
    let mut referenced = Vec::new();
    for object in document.objects.values_mut() {
        visit(object, &mut referenced);
    }
    for id in referenced {
        if let Some(Object::Array(widths)) = document.objects.get_mut(&id) {
            *widths = expanded(widths);
        }
    }
}

fn visit(object: &mut Object, referenced: &mut Vec<pdf_extract::ObjectId>) {
    let dictionary = match object {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &mut s.dict,
        Object::Array(items) => {
            for item in items {
                visit(item, referenced);
            }
            return;
        }
        _ => return,
    };
    let is_cid_font = matches!(
        dictionary.get(b"Subtype").and_then(Object::as_name),
        Ok(b"CIDFontType0" | b"CIDFontType2")
    );
    if is_cid_font {
        match dictionary.get_mut(b"W") {
            Ok(Object::Array(widths)) => *widths = expanded(widths),
            Ok(Object::Reference(id)) => referenced.push(*id),
            _ => {}
        }
    }
    for (_, value) in dictionary.iter_mut() {
        visit(value, referenced);
    }
}

fn expanded(widths: &[Object]) -> Vec<Object> {
    let mut out = Vec::with_capacity(widths.len());
    let mut i = 0;
    while i + 1 < widths.len() {
        if let Object::Array(_) = widths[i + 1] {
            out.extend_from_slice(&widths[i..i + 2]);
            i += 2;
            continue;
        }
        let (Some(first), Some(last), Some(width)) = (
            widths[i].as_i64().ok(),
            widths[i + 1].as_i64().ok(),
            widths.get(i + 2),
        ) else {
            break;
        };
        if last < first || last - first > 65_535 {
            break;
        }
        out.push(Object::Integer(first));
        out.push(Object::Array(vec![
            width.clone();
            (last - first + 1) as usize
        ]));
        i += 3;
    }
    out
}
