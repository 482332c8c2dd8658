//! A small A4 page writer for the asset documents: wrapped text in one embedded TrueType font
//! (Noto Sans, SIL OFL, `assets/fonts/`), horizontal rules, a header with the title, scope and
//! date on every page and "page N of M" at the foot.
//!
//! Text is written as glyph ids (Type0 font, Identity-H) with a ToUnicode map, so every
//! Cyrillic and Kazakh letter the font has renders and can be copied or searched in a viewer.
//! Only the glyphs a document uses are embedded (a subset of the font), which keeps a
//! statement in the tens of kilobytes instead of carrying the whole 500 KB font.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::error::{Error, Result};

static FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");

const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TOP: f32 = HEIGHT - 90.0;
const BOTTOM: f32 = 60.0;

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

/// A document being laid out top to bottom.
pub(crate) struct Layout {
    face: ttf_parser::Face<'static>,
    title: String,
    header: String,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    /// `title` heads the first page and the running header; `header` (scope and date) is
    /// repeated on every page.
    pub fn new(title: &str, header: &str) -> Result<Self> {
        let face = ttf_parser::Face::parse(FONT, 0)
            .map_err(|e| Error::internal(format!("embedded font: {e}")))?;
        let mut layout = Self {
            face,
            title: title.to_owned(),
            header: header.to_owned(),
            pages: vec![Vec::new()],
            y: TOP,
        };
        layout.paragraph(title, 15.0);
        layout.space(6.0);
        Ok(layout)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let per_em = f32::from(self.face.units_per_em());
        text.chars()
            .map(|c| {
                let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum::<f32>()
            * size
            / per_em
    }

    /// Splits `text` into lines no wider than `max` points (long words are cut).
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(&piece, size) > max {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y -= height;
    }

    /// Wrapped text across the page.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        for line in self.wrap(text, size, WIDTH - 2.0 * MARGIN) {
            self.ensure(size * 1.4);
            self.y -= size * 1.4;
            self.push(Op::Text {
                x: MARGIN,
                y: self.y,
                size,
                text: line,
            });
        }
    }

    /// A label on the left and its wrapped value on the right.
    pub fn field(&mut self, label: &str, value: &str) {
        self.columns(
            &[
                (label, 0.0, 190.0),
                (value, 200.0, WIDTH - 2.0 * MARGIN - 200.0),
            ],
            10.0,
        );
    }

    /// Cells at `(text, x offset, width)`, each wrapped; the row is as tall as its tallest.
    pub fn columns(&mut self, cells: &[(&str, f32, f32)], size: f32) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|(t, _, w)| self.wrap(t, size, *w))
            .collect();
        let rows = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let line = size * 1.4;
        self.ensure(line * rows as f32);
        for (cell, lines) in cells.iter().zip(&wrapped) {
            for (i, text) in lines.iter().enumerate() {
                let y = self.y - line * (i as f32 + 1.0);
                self.push(Op::Text {
                    x: MARGIN + cell.1,
                    y,
                    size,
                    text: text.clone(),
                });
            }
        }
        self.y -= line * rows as f32;
    }

    /// A right-aligned amount beside a left label (for the computation lines).
    pub fn amount_row(&mut self, label: &str, amount: &str) {
        let size = 10.0;
        let right = WIDTH - MARGIN;
        let amount_width = self.width(amount, size);
        let labels = self.wrap(label, size, WIDTH - 2.0 * MARGIN - amount_width - 16.0);
        let line = size * 1.4;
        self.ensure(line * labels.len().max(1) as f32);
        for (i, text) in labels.iter().enumerate() {
            let y = self.y - line * (i as f32 + 1.0);
            self.push(Op::Text {
                x: MARGIN,
                y,
                size,
                text: text.clone(),
            });
        }
        let y = self.y - line;
        self.push(Op::Text {
            x: right - amount_width,
            y,
            size,
            text: amount.to_owned(),
        });
        self.y -= line * labels.len().max(1) as f32;
    }

    pub fn rule(&mut self) {
        self.ensure(8.0);
        self.y -= 4.0;
        let y = self.y;
        self.push(Op::Line {
            x1: MARGIN,
            y1: y,
            x2: WIDTH - MARGIN,
            y2: y,
        });
        self.y -= 4.0;
    }

    /// "Label ____________ (signature)" lines.
    pub fn signature(&mut self, label: &str) {
        self.space(14.0);
        self.ensure(30.0);
        self.paragraph(label, 10.0);
        self.space(14.0);
        let y = self.y;
        self.push(Op::Line {
            x1: MARGIN,
            y1: y,
            x2: MARGIN + 220.0,
            y2: y,
        });
        self.push(Op::Line {
            x1: MARGIN + 260.0,
            y1: y,
            x2: WIDTH - MARGIN,
            y2: y,
        });
        self.y -= 12.0;
        let y = self.y;
        self.push(Op::Text {
            x: MARGIN,
            y,
            size: 7.0,
            text: "(қолы / подпись)".to_owned(),
        });
        self.push(Op::Text {
            x: MARGIN + 260.0,
            y,
            size: 7.0,
            text: "(аты-жөні / Ф. И. О.)".to_owned(),
        });
    }

    /// Writes the PDF: header and page numbers on every page, the used glyphs of the font
    /// embedded once. Glyph ids in the content are those of the subset.
    pub fn finish(self) -> Result<Vec<u8>> {
        // New (subset) glyph id -> (original glyph id, the character it shows).
        let mut used: BTreeMap<u16, (u16, char)> = BTreeMap::new();
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut encode = |text: &str, used: &mut BTreeMap<u16, (u16, char)>| -> Vec<u8> {
            let mut out = Vec::with_capacity(text.len() * 2);
            for c in text.chars() {
                let glyph = self.face.glyph_index(c).map(|g| g.0).unwrap_or(0);
                let new = remapper.remap(glyph);
                used.entry(new).or_insert((glyph, c));
                out.extend_from_slice(&new.to_be_bytes());
            }
            out
        };

        let mut pdf = Pdf::new();
        let catalog_id = Ref::new(1);
        let tree_id = Ref::new(2);
        let font_id = Ref::new(3);
        let cid_id = Ref::new(4);
        let descriptor_id = Ref::new(5);
        let file_id = Ref::new(6);
        let cmap_id = Ref::new(7);
        let info_id = Ref::new(8);
        let first_page = 10;
        let count = self.pages.len();
        let page_ids: Vec<Ref> = (0..count)
            .map(|i| Ref::new(first_page + 2 * i as i32))
            .collect();

        pdf.catalog(catalog_id).pages(tree_id);
        pdf.pages(tree_id)
            .kids(page_ids.iter().copied())
            .count(count as i32);
        pdf.document_info(info_id)
            .title(TextStr(&self.title))
            .producer(TextStr("Jasaq"));

        for (index, ops) in self.pages.iter().enumerate() {
            let mut content = Content::new();
            let mut text = |content: &mut Content, x: f32, y: f32, size: f32, s: &str| {
                let bytes = encode(s, &mut used);
                content
                    .begin_text()
                    .set_font(Name(b"F1"), size)
                    .next_line(x, y)
                    .show(Str(&bytes))
                    .end_text();
            };
            text(&mut content, MARGIN, HEIGHT - 40.0, 8.0, &self.header);
            content.set_line_width(0.5);
            content
                .move_to(MARGIN, HEIGHT - 48.0)
                .line_to(WIDTH - MARGIN, HEIGHT - 48.0)
                .stroke();
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        text: s,
                    } => text(&mut content, *x, *y, *size, s),
                    Op::Line { x1, y1, x2, y2 } => {
                        content.move_to(*x1, *y1).line_to(*x2, *y2).stroke();
                    }
                }
            }
            let footer = format!("Бет / Страница {} / {}", index + 1, count);
            let footer_width = self.width(&footer, 8.0);
            text(
                &mut content,
                WIDTH - MARGIN - footer_width,
                30.0,
                8.0,
                &footer,
            );
            let data = content.finish();
            let content_id = Ref::new(first_page + 2 * index as i32 + 1);
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&data, 6);
            pdf.stream(content_id, &compressed)
                .filter(Filter::FlateDecode);
            let mut page = pdf.page(page_ids[index]);
            page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
                .parent(tree_id)
                .contents(content_id);
            page.resources().fonts().pair(Name(b"F1"), font_id);
            page.finish();
        }

        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(font_id)
            .base_font(Name(b"JASAQA+NotoSans-Regular"))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(cmap_id);
        let per_em = f32::from(self.face.units_per_em());
        let scale = |v: i16| f32::from(v) * 1000.0 / per_em;
        {
            let mut cid = pdf.cid_font(cid_id);
            cid.subtype(CidFontType::Type2)
                .base_font(Name(b"JASAQA+NotoSans-Regular"))
                .system_info(system)
                .font_descriptor(descriptor_id)
                .default_width(0.0)
                .cid_to_gid_map_predefined(Name(b"Identity"));
            let mut widths = cid.widths();
            for (new, (glyph, _)) in &used {
                let advance = self
                    .face
                    .glyph_hor_advance(ttf_parser::GlyphId(*glyph))
                    .unwrap_or(0);
                widths.consecutive(*new, [f32::from(advance) * 1000.0 / per_em]);
            }
        }
        let bbox = self.face.global_bounding_box();
        pdf.font_descriptor(descriptor_id)
            .name(Name(b"JASAQA+NotoSans-Regular"))
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                scale(bbox.x_min),
                scale(bbox.y_min),
                scale(bbox.x_max),
                scale(bbox.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scale(self.face.ascender()))
            .descent(scale(self.face.descender()))
            .cap_height(scale(
                self.face.capital_height().unwrap_or(self.face.ascender()),
            ))
            .stem_v(80.0)
            .font_file2(file_id);
        let mut cmap = UnicodeCmap::new(Name(b"Jasaq-UTF16"), system);
        for (new, (_, c)) in &used {
            cmap.pair(*new, *c);
        }
        let cmap_data = cmap.finish();
        pdf.cmap(cmap_id, cmap_data.as_slice());
        let subset = subsetter::subset(FONT, 0, &remapper)
            .map_err(|e| Error::internal(format!("font subset: {e}")))?;
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
        pdf.stream(file_id, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        Ok(pdf.finish())
    }
}
