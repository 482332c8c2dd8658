//! A small A4 page writer shared by the asset documents and the list exports: wrapped text in
//! one embedded TrueType font (Noto Sans, SIL OFL, `assets/fonts/`), rules, tables whose
//! header row repeats on every page, a running header with the title, scope and date on every
//! page and "page N of M" at the foot. Portrait for documents, landscape for wide tables.
//!
//! Text is written as glyph ids (Type0 font, Identity-H) with a ToUnicode map, so every
//! Cyrillic and Kazakh letter the font has renders and can be copied or searched in a viewer.
//! Only the glyphs a document uses are embedded (a subset of the font), which keeps a
//! statement in the tens of kilobytes instead of carrying the whole 500 KB font.
//!
//! A finished page is encoded at once (glyph ids are assigned as text arrives), so a list of
//! ten thousand rows holds its pages as content bytes, not as laid-out cells; only the page
//! count ("of M") waits for the end, and goes into each page's running footer then.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::error::{Error, Result};

static FONT: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");

const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;
const BOTTOM: f32 = 60.0;

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thin: bool,
    },
}

/// A table's header cells, `(text, x offset, width)`, and their font size.
type HeaderRow = (Vec<(String, f32, f32)>, f32);

/// A document being laid out top to bottom.
pub(crate) struct Layout {
    face: ttf_parser::Face<'static>,
    title: String,
    header: String,
    width: f32,
    height: f32,
    margin: f32,
    /// Encoded bodies of the finished pages.
    pages: Vec<Vec<u8>>,
    current: Vec<Op>,
    y: f32,
    /// The table header drawn again at the top of every new page.
    repeat: Option<HeaderRow>,
    remapper: subsetter::GlyphRemapper,
    /// Subset glyph id -> (original glyph id, the character it shows).
    used: BTreeMap<u16, (u16, char)>,
}

impl Layout {
    /// A portrait page. `title` heads the first page and the document's metadata; `header`
    /// (scope and date) is repeated on every page.
    pub fn new(title: &str, header: &str) -> Result<Self> {
        Self::with_size(title, header, A4_SHORT, A4_LONG, 56.0)
    }

    /// A landscape page, for tables wider than they are long.
    pub fn landscape(title: &str, header: &str) -> Result<Self> {
        Self::with_size(title, header, A4_LONG, A4_SHORT, 36.0)
    }

    fn with_size(title: &str, header: &str, width: f32, height: f32, margin: f32) -> Result<Self> {
        let face = ttf_parser::Face::parse(FONT, 0)
            .map_err(|e| Error::internal(format!("embedded font: {e}")))?;
        let mut layout = Self {
            face,
            title: title.to_owned(),
            header: header.to_owned(),
            width,
            height,
            margin,
            pages: Vec::new(),
            current: Vec::new(),
            y: height - 90.0,
            repeat: None,
            remapper: subsetter::GlyphRemapper::new(),
            used: BTreeMap::new(),
        };
        layout.paragraph(title, 15.0);
        layout.space(6.0);
        Ok(layout)
    }

    /// The width between the margins, in points.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn text_width(&self, text: &str, size: f32) -> f32 {
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
                if self.text_width(&candidate, size) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.text_width(&piece, size) > max && piece.chars().count() > 1 {
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

    fn top(&self) -> f32 {
        self.height - 90.0
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.break_page();
        }
    }

    fn break_page(&mut self) {
        let ops = std::mem::take(&mut self.current);
        let body = self.encode(&ops);
        self.pages.push(body);
        self.y = self.top();
        if let Some((cells, size)) = self.repeat.take() {
            self.draw_header(&cells, size);
            self.repeat = Some((cells, size));
        }
    }

    fn push(&mut self, op: Op) {
        self.current.push(op);
    }

    pub fn space(&mut self, height: f32) {
        self.y -= height;
    }

    /// Wrapped text across the page.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        for line in self.wrap(text, size, self.content_width()) {
            self.ensure(size * 1.4);
            self.y -= size * 1.4;
            self.push(Op::Text {
                x: self.margin,
                y: self.y,
                size,
                bold: false,
                text: line,
            });
        }
    }

    /// A label on the left and its wrapped value on the right.
    pub fn field(&mut self, label: &str, value: &str) {
        let rest = self.content_width() - 200.0;
        self.columns(&[(label, 0.0, 190.0), (value, 200.0, rest)], 10.0);
    }

    /// Cells at `(text, x offset, width)`, each wrapped; the row is as tall as its tallest.
    pub fn columns(&mut self, cells: &[(&str, f32, f32)], size: f32) {
        self.cells(cells, size, false, true);
    }

    /// Lays out one row of cells; `ensure` is false while drawing a repeated header, which
    /// must not start yet another page.
    fn cells(&mut self, cells: &[(&str, f32, f32)], size: f32, bold: bool, ensure: bool) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|(t, _, w)| self.wrap(t, size, *w))
            .collect();
        let rows = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let line = size * 1.4;
        if ensure {
            self.ensure(line * rows as f32);
        }
        for (cell, lines) in cells.iter().zip(wrapped) {
            for (i, text) in lines.into_iter().enumerate() {
                let y = self.y - line * (i as f32 + 1.0);
                self.push(Op::Text {
                    x: self.margin + cell.1,
                    y,
                    size,
                    bold,
                    text,
                });
            }
        }
        self.y -= line * rows as f32;
    }

    /// Starts a table: its header row now and again at the top of every following page.
    pub fn table_header(&mut self, cells: &[(&str, f32, f32)], size: f32) {
        let owned: Vec<(String, f32, f32)> = cells
            .iter()
            .map(|(t, x, w)| ((*t).to_owned(), *x, *w))
            .collect();
        self.ensure(size * 1.4 * 3.0);
        self.draw_header(&owned, size);
        self.repeat = Some((owned, size));
    }

    fn draw_header(&mut self, cells: &[(String, f32, f32)], size: f32) {
        let borrowed: Vec<(&str, f32, f32)> =
            cells.iter().map(|(t, x, w)| (t.as_str(), *x, *w)).collect();
        self.cells(&borrowed, size, true, false);
        self.rule_line(false);
    }

    /// One table row with a thin rule under it.
    pub fn table_row(&mut self, cells: &[(&str, f32, f32)], size: f32) {
        self.cells(cells, size, false, true);
        self.rule_line(true);
    }

    fn rule_line(&mut self, thin: bool) {
        self.y -= 2.0;
        let y = self.y;
        self.push(Op::Line {
            x1: self.margin,
            y1: y,
            x2: self.width - self.margin,
            y2: y,
            thin,
        });
        self.y -= 2.0;
    }

    /// A right-aligned amount beside a left label (for the computation lines).
    pub fn amount_row(&mut self, label: &str, amount: &str) {
        let size = 10.0;
        let right = self.width - self.margin;
        let amount_width = self.text_width(amount, size);
        let labels = self.wrap(label, size, self.content_width() - amount_width - 16.0);
        let line = size * 1.4;
        self.ensure(line * labels.len().max(1) as f32);
        for (i, text) in labels.iter().enumerate() {
            let y = self.y - line * (i as f32 + 1.0);
            self.push(Op::Text {
                x: self.margin,
                y,
                size,
                bold: false,
                text: text.clone(),
            });
        }
        let y = self.y - line;
        self.push(Op::Text {
            x: right - amount_width,
            y,
            size,
            bold: false,
            text: amount.to_owned(),
        });
        self.y -= line * labels.len().max(1) as f32;
    }

    pub fn rule(&mut self) {
        self.ensure(8.0);
        self.y -= 2.0;
        self.rule_line(false);
    }

    /// "Label ____________ (signature)" lines.
    pub fn signature(&mut self, label: &str) {
        self.space(14.0);
        self.ensure(30.0);
        self.paragraph(label, 10.0);
        self.space(14.0);
        let y = self.y;
        let (left, right) = (self.margin, self.width - self.margin);
        self.push(Op::Line {
            x1: left,
            y1: y,
            x2: left + 220.0,
            y2: y,
            thin: false,
        });
        self.push(Op::Line {
            x1: left + 260.0,
            y1: y,
            x2: right,
            y2: y,
            thin: false,
        });
        self.y -= 12.0;
        let y = self.y;
        for (x, text) in [
            (left, "(қолы / подпись)"),
            (left + 260.0, "(аты-жөні / Ф. И. О.)"),
        ] {
            self.push(Op::Text {
                x,
                y,
                size: 7.0,
                bold: false,
                text: text.to_owned(),
            });
        }
    }

    /// Glyph ids of the subset for `text`, remembering which characters they show.
    fn glyphs(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let glyph = self.face.glyph_index(c).map(|g| g.0).unwrap_or(0);
            let new = self.remapper.remap(glyph);
            self.used.entry(new).or_insert((glyph, c));
            out.extend_from_slice(&new.to_be_bytes());
        }
        out
    }

    fn encode(&mut self, ops: &[Op]) -> Vec<u8> {
        let mut content = Content::new();
        content.set_line_width(0.5);
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    text,
                } => self.show(&mut content, *x, *y, *size, *bold, text),
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    thin,
                } => {
                    if *thin {
                        content.set_stroke_gray(0.75).set_line_width(0.3);
                    }
                    content.move_to(*x1, *y1).line_to(*x2, *y2).stroke();
                    if *thin {
                        content.set_stroke_gray(0.0).set_line_width(0.5);
                    }
                }
            }
        }
        content.finish().to_vec()
    }

    fn show(&mut self, content: &mut Content, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        let bytes = self.glyphs(s);
        content.begin_text();
        if bold {
            // One regular face embedded: bold is the outline stroked over the fill.
            content
                .set_text_rendering_mode(TextRenderingMode::FillStroke)
                .set_line_width(size * 0.03);
        }
        content
            .set_font(Name(b"F1"), size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
        if bold {
            content
                .set_text_rendering_mode(TextRenderingMode::Fill)
                .set_line_width(0.5);
        }
    }

    /// Writes the PDF: header and page numbers on every page, the used glyphs of the font
    /// embedded once. Glyph ids in the content are those of the subset.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let ops = std::mem::take(&mut self.current);
        let body = self.encode(&ops);
        self.pages.push(body);
        let pages = std::mem::take(&mut self.pages);

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
        let count = pages.len();
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

        let (width, height, margin) = (self.width, self.height, self.margin);
        for (index, body) in pages.into_iter().enumerate() {
            let mut content = Content::new();
            let header = self.header.clone();
            self.show(&mut content, margin, height - 40.0, 8.0, false, &header);
            content.set_line_width(0.5);
            content
                .move_to(margin, height - 48.0)
                .line_to(width - margin, height - 48.0)
                .stroke();
            let footer = format!("Бет / Страница {} / {}", index + 1, count);
            let footer_width = self.text_width(&footer, 8.0);
            self.show(
                &mut content,
                width - margin - footer_width,
                30.0,
                8.0,
                false,
                &footer,
            );
            let mut data = content.finish().to_vec();
            data.push(b'\n');
            data.extend_from_slice(&body);
            let content_id = Ref::new(first_page + 2 * index as i32 + 1);
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&data, 6);
            pdf.stream(content_id, &compressed)
                .filter(Filter::FlateDecode);
            let mut page = pdf.page(page_ids[index]);
            page.media_box(Rect::new(0.0, 0.0, width, height))
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
            for (new, (glyph, _)) in &self.used {
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
        for (new, (_, c)) in &self.used {
            cmap.pair(*new, *c);
        }
        let cmap_data = cmap.finish();
        pdf.cmap(cmap_id, cmap_data.as_slice());
        let subset = subsetter::subset(FONT, 0, &self.remapper)
            .map_err(|e| Error::internal(format!("font subset: {e}")))?;
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
        pdf.stream(file_id, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        Ok(pdf.finish())
    }
}
