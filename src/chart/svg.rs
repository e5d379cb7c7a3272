//! A compact SVG backend for plotters.
//!
//! plotters' own `SVGBackend` repeats the font, size, opacity and colour on every element and
//! has no `<title>`, `<desc>`, `role` or classes. This one writes each element with only what
//! differs from the defaults set once on the `<svg>` element, integer coordinates, and the
//! attributes of the current [`Pen`] (a class, a dash pattern, an outline), so that a chart is a
//! few kilobytes and its parts can be found by class (in tests and in print CSS).
//!
//! Styles are written once: what an element's look is made of (stroke, width, dash, opacity;
//! a text's anchor, size, weight, colour, halo) becomes a class whose name spells its
//! declarations (`tm110b1f4e79h`: middle, 11 px, bold, #1f4e79, halo), and the chart ends
//! with one `<style>` holding the rules of the classes it used. A name stands for one set of
//! declarations only, so the rules of several charts inlined in one page never disagree. The
//! fill of a filled shape stays an attribute (it is the data's colour: a category, a series).
//! Consecutive unclassed segments and open squares of one style (grid lines, ticks, markers)
//! are one `<path>`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

use super::text::{self, FONT_FAMILY};

/// Font size in px set on the `<svg>` element; texts of this size do not repeat it.
pub const BASE_FONT: f64 = 12.0;
/// Text colour set on the `<svg>` element.
pub const INK: (u8, u8, u8) = (0x1f, 0x23, 0x28);

/// Extra attributes for the elements drawn while it is set.
#[derive(Clone, Debug, Default)]
pub struct Pen {
    pub class: Option<&'static str>,
    pub dash: Option<&'static str>,
    /// Outline of filled rectangles, circles and polygons: colour and width.
    pub outline: Option<((u8, u8, u8), u32)>,
    /// A white halo behind text, so that labels stay legible over lines and grid.
    pub halo: bool,
}

/// The SVG being written, shared by the backend (which plotters owns while drawing) and the
/// chart code (which sets the pen and writes the frame).
#[derive(Debug, Default)]
pub struct Doc {
    pub out: String,
    pub pen: Pen,
    /// The classes used so far: name → declarations, and whether the rule is written.
    pub styles: BTreeMap<String, (String, bool)>,
    /// Segments waiting to be written as one `<path>`: its class and its `d`.
    pub pending: Option<(String, String)>,
}

impl Doc {
    /// Writes the segments waiting to be one `<path>`.
    fn flush(&mut self) {
        if let Some((class, d)) = self.pending.take() {
            self.out.push_str("<path d=\"");
            self.out.push_str(&d);
            self.out.push_str("\" class=\"");
            self.out.push_str(&class);
            self.out.push_str("\"/>\n");
        }
    }

    /// Notes the class `name` with its declarations (written by [`Doc::write_styles`]).
    fn use_class(&mut self, name: &str, decls: impl FnOnce() -> String) {
        if !self.styles.contains_key(name) {
            self.styles.insert(name.to_string(), (decls(), false));
        }
    }

    /// Writes the rules not written yet as one `<style>`.
    fn write_styles(&mut self) {
        self.flush();
        let mut rules = String::new();
        for (name, (decls, written)) in &mut self.styles {
            if !*written {
                *written = true;
                rules.push('.');
                rules.push_str(name);
                rules.push('{');
                rules.push_str(decls);
                rules.push('}');
            }
        }
        if !rules.is_empty() {
            self.out.push_str("<style>");
            self.out.push_str(&rules);
            self.out.push_str("</style>\n");
        }
    }
}

pub type SharedDoc = Rc<RefCell<Doc>>;

/// Runs `draw` with `pen` set, then restores the previous pen.
pub fn with_pen<R>(doc: &SharedDoc, pen: Pen, draw: impl FnOnce() -> R) -> R {
    let previous = std::mem::replace(&mut doc.borrow_mut().pen, pen);
    let result = draw();
    doc.borrow_mut().pen = previous;
    result
}

/// Runs `draw` inside `<g {attrs}>…</g>`, so that its elements share the attributes (a class,
/// crisp edges) without repeating them.
pub fn with_group<R>(doc: &SharedDoc, attrs: &str, draw: impl FnOnce() -> R) -> R {
    {
        let doc = &mut *doc.borrow_mut();
        doc.flush();
        let _ = writeln!(doc.out, "<g {attrs}>");
    }
    let result = draw();
    let doc = &mut *doc.borrow_mut();
    doc.flush();
    doc.out.push_str("</g>\n");
    result
}

/// The header of a chart: the `<svg>` element with its accessibility attributes and text
/// defaults, `<title>` and `<desc>`.
pub fn open(out: &mut String, size: (u32, u32), title: &str, desc: &str, id: Option<&str>) {
    let (w, h) = size;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\""
    );
    if let Some(id) = id {
        let _ = write!(out, " aria-labelledby=\"{id}-title {id}-desc\"");
    }
    let _ = write!(
        out,
        " font-family=\"{FONT_FAMILY}\" font-size=\"{}\" fill=\"{}\">",
        BASE_FONT,
        hex(INK)
    );
    match id {
        Some(id) => {
            let _ = write!(out, "<title id=\"{id}-title\">");
        }
        None => out.push_str("<title>"),
    }
    text::escape_into(out, title);
    out.push_str("</title>");
    match id {
        Some(id) => {
            let _ = write!(out, "<desc id=\"{id}-desc\">");
        }
        None => out.push_str("<desc>"),
    }
    text::escape_into(out, desc);
    out.push_str("</desc>\n");
}

pub fn close(out: &mut String) {
    out.push_str("</svg>\n");
}

pub fn hex(rgb: (u8, u8, u8)) -> String {
    let mut out = String::with_capacity(7);
    push_hex(&mut out, rgb);
    out
}

// The element writers below append with `push_str` and these two helpers rather than
// `write!`: a chart is mostly integers and colours, and the formatting machinery cost more than
// the drawing.

/// Appends `#rrggbb`.
fn push_hex(out: &mut String, rgb: (u8, u8, u8)) {
    out.push('#');
    push_hex_digits(out, rgb);
}

/// Appends `rrggbb`.
fn push_hex_digits(out: &mut String, (r, g, b): (u8, u8, u8)) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in [r, g, b] {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0xf)] as char);
    }
}

/// Appends an integer in decimal, as `{}` does.
fn push_int(out: &mut String, n: impl Into<i64>) {
    let n: i64 = n.into();
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    for &d in &digits[start..] {
        out.push(d as char);
    }
}

/// Appends ` name="value"` for an integer.
fn push_int_attr(out: &mut String, name: &str, value: impl Into<i64>) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_int(out, value);
    out.push('"');
}

/// Appends ` name="#rrggbb"`.
fn push_colour_attr(out: &mut String, name: &str, c: BackendColor) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_hex(out, c.rgb);
    out.push('"');
}

/// The plotters backend writing into a [`Doc`].
pub struct Canvas {
    doc: SharedDoc,
    size: (u32, u32),
}

impl Canvas {
    pub fn new(doc: SharedDoc, size: (u32, u32)) -> Canvas {
        Canvas { doc, size }
    }
}

/// The opacity of a colour in hundredths, when it is not opaque (rounded, so that the output
/// is stable).
fn opacity_pct(c: BackendColor) -> Option<i64> {
    (c.alpha < 1.0).then(|| (c.alpha * 100.0).round() as i64)
}

/// Appends ` class="…"` with the pen's class and a style class, when there is any.
fn class_attr(out: &mut String, pen_class: Option<&str>, style: Option<&str>) {
    if pen_class.is_none() && style.is_none() {
        return;
    }
    out.push_str(" class=\"");
    if let Some(class) = pen_class {
        out.push_str(class);
        if style.is_some() {
            out.push(' ');
        }
    }
    if let Some(style) = style {
        out.push_str(style);
    }
    out.push('"');
}

/// What is inside a stroked shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Inside {
    /// Nothing (lines, open shapes).
    Nothing,
    /// White (an open marker over a line).
    White,
}

/// The class of a stroked element: `s` + colour, then `w` + width, `d` + dash, `j` (round
/// joins), `n` (no fill) or `f` (white fill), `o` + opacity, each only when it applies.
fn stroke_class(
    doc: &mut Doc,
    c: BackendColor,
    width: u32,
    dash: Option<&str>,
    round_joins: bool,
    inside: Inside,
) -> String {
    let mut name = String::with_capacity(20);
    name.push('s');
    push_hex_digits(&mut name, c.rgb);
    if width != 1 {
        name.push('w');
        push_int(&mut name, width);
    }
    if let Some(dash) = dash {
        name.push('d');
        name.extend(dash.chars().map(|ch| match ch {
            '0'..='9' => ch,
            '.' => 'p',
            _ => '_',
        }));
    }
    if round_joins {
        name.push('j');
    }
    name.push(match inside {
        Inside::Nothing => 'n',
        Inside::White => 'f',
    });
    let opacity = opacity_pct(c);
    if let Some(o) = opacity {
        name.push('o');
        push_int(&mut name, o);
    }
    doc.use_class(&name, || {
        let mut d = String::from("stroke:");
        push_hex(&mut d, c.rgb);
        if width != 1 {
            let _ = write!(d, ";stroke-width:{width}px");
        }
        if let Some(dash) = dash {
            let _ = write!(d, ";stroke-dasharray:{dash}");
        }
        if round_joins {
            d.push_str(";stroke-linejoin:round");
        }
        d.push_str(match inside {
            Inside::Nothing => ";fill:none",
            Inside::White => ";fill:#fff",
        });
        if let Some(o) = opacity {
            let _ = write!(d, ";opacity:{}", o as f64 / 100.0);
        }
        d
    });
    name
}

/// The class of a filled shape, whose fill stays an attribute: `k`, then the outline's colour
/// and `w` + its width (when not 1), `o` + opacity. `None` when it has neither.
fn fill_class(doc: &mut Doc, c: BackendColor) -> Option<String> {
    let outline = doc.pen.outline;
    let opacity = opacity_pct(c);
    if outline.is_none() && opacity.is_none() {
        return None;
    }
    let mut name = String::from("k");
    if let Some((colour, width)) = outline {
        push_hex_digits(&mut name, colour);
        if width != 1 {
            name.push('w');
            push_int(&mut name, width);
        }
    }
    if let Some(o) = opacity {
        name.push('o');
        push_int(&mut name, o);
    }
    doc.use_class(&name, || {
        let mut d = String::new();
        if let Some((colour, width)) = outline {
            d.push_str("stroke:");
            push_hex(&mut d, colour);
            if width != 1 {
                let _ = write!(d, ";stroke-width:{width}px");
            }
        }
        if let Some(o) = opacity {
            if !d.is_empty() {
                d.push(';');
            }
            let _ = write!(d, "opacity:{}", o as f64 / 100.0);
        }
        d
    });
    Some(name)
}

/// Appends a segment list to the `<path>` being gathered for `class`, writing the one before
/// when its class differs.
fn gather(doc: &mut Doc, class: String, points: &[BackendCoord], close: bool) {
    if doc.pending.as_ref().is_some_and(|(c, _)| *c != class) {
        doc.flush();
    }
    let (_, d) = doc.pending.get_or_insert_with(|| (class, String::new()));
    let mut previous: Option<BackendCoord> = None;
    for &(x, y) in points {
        match previous {
            None => {
                d.push('M');
                push_int(d, x);
                d.push(' ');
                push_int(d, y);
            }
            Some((px, _)) if px == x => {
                d.push('V');
                push_int(d, y);
            }
            Some((_, py)) if py == y => {
                d.push('H');
                push_int(d, x);
            }
            Some(_) => {
                d.push('L');
                push_int(d, x);
                d.push(' ');
                push_int(d, y);
            }
        }
        previous = Some((x, y));
    }
    if close {
        d.push('Z');
    }
}

/// Whether a stroked element may join the `<path>` of its style: no class of its own to be
/// found by, no dash (which would restart at each segment) and opaque (overlaps would show).
fn gatherable(pen: &Pen, c: BackendColor) -> bool {
    pen.class.is_none() && pen.dash.is_none() && c.alpha >= 1.0
}

fn points(out: &mut String, path: impl IntoIterator<Item = BackendCoord>) {
    out.push_str(" points=\"");
    for (i, (x, y)) in path.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_int(out, x);
        out.push(',');
        push_int(out, y);
    }
    out.push('"');
}

type Result = std::result::Result<(), DrawingErrorKind<std::fmt::Error>>;

impl Drop for Canvas {
    /// The drawing is over: the gathered path and the rules of the classes used are written.
    fn drop(&mut self) {
        if let Ok(mut doc) = self.doc.try_borrow_mut() {
            doc.write_styles();
        }
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Result {
        if color.alpha == 0.0 {
            return Ok(());
        }
        let doc = &mut *self.doc.borrow_mut();
        doc.flush();
        let class = fill_class(doc, color);
        doc.out.push_str("<rect");
        push_int_attr(&mut doc.out, "x", x);
        push_int_attr(&mut doc.out, "y", y);
        doc.out.push_str(" width=\"1\" height=\"1\"");
        push_colour_attr(&mut doc.out, "fill", color);
        class_attr(&mut doc.out, None, class.as_deref());
        doc.out.push_str("/>\n");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let doc = &mut *self.doc.borrow_mut();
        let class = stroke_class(
            doc,
            c,
            style.stroke_width(),
            doc.pen.dash,
            false,
            Inside::Nothing,
        );
        if gatherable(&doc.pen, c) {
            gather(doc, class, &[(x1, y1), (x2, y2)], false);
            return Ok(());
        }
        doc.flush();
        doc.out.push_str("<line");
        push_int_attr(&mut doc.out, "x1", x1);
        push_int_attr(&mut doc.out, "y1", y1);
        push_int_attr(&mut doc.out, "x2", x2);
        push_int_attr(&mut doc.out, "y2", y2);
        class_attr(&mut doc.out, doc.pen.class, Some(&class));
        doc.out.push_str("/>\n");
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        // plotters passes the corners as given; a bar to the left of its base comes reversed.
        let (x, w) = (x1.min(x2), (x2 - x1).abs());
        let (y, h) = (y1.min(y2), (y2 - y1).abs());
        let doc = &mut *self.doc.borrow_mut();
        let class = if fill {
            fill_class(doc, c)
        } else {
            let class = stroke_class(
                doc,
                c,
                style.stroke_width(),
                doc.pen.dash,
                false,
                Inside::Nothing,
            );
            if gatherable(&doc.pen, c) {
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                gather(doc, class, &corners, true);
                return Ok(());
            }
            Some(class)
        };
        doc.flush();
        doc.out.push_str("<rect");
        push_int_attr(&mut doc.out, "x", x);
        push_int_attr(&mut doc.out, "y", y);
        push_int_attr(&mut doc.out, "width", w);
        push_int_attr(&mut doc.out, "height", h);
        if fill {
            push_colour_attr(&mut doc.out, "fill", c);
        }
        class_attr(&mut doc.out, doc.pen.class, class.as_deref());
        doc.out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let doc = &mut *self.doc.borrow_mut();
        let path: Vec<BackendCoord> = path.into_iter().collect();
        let corners = path.len() > 2;
        let class = stroke_class(
            doc,
            c,
            style.stroke_width(),
            doc.pen.dash,
            corners,
            Inside::Nothing,
        );
        if gatherable(&doc.pen, c) {
            gather(doc, class, &path, false);
            return Ok(());
        }
        doc.flush();
        doc.out.push_str("<polyline");
        points(&mut doc.out, path);
        class_attr(&mut doc.out, doc.pen.class, Some(&class));
        doc.out.push_str("/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let doc = &mut *self.doc.borrow_mut();
        doc.flush();
        let class = if fill {
            fill_class(doc, c)
        } else {
            Some(stroke_class(
                doc,
                c,
                style.stroke_width(),
                None,
                false,
                Inside::White,
            ))
        };
        doc.out.push_str("<circle");
        push_int_attr(&mut doc.out, "cx", x);
        push_int_attr(&mut doc.out, "cy", y);
        push_int_attr(&mut doc.out, "r", radius);
        if fill {
            push_colour_attr(&mut doc.out, "fill", c);
        }
        class_attr(&mut doc.out, doc.pen.class, class.as_deref());
        doc.out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let doc = &mut *self.doc.borrow_mut();
        doc.flush();
        let class = fill_class(doc, c);
        doc.out.push_str("<polygon");
        points(&mut doc.out, vert);
        push_colour_attr(&mut doc.out, "fill", c);
        class_attr(&mut doc.out, doc.pen.class, class.as_deref());
        doc.out.push_str("/>\n");
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let doc = &mut *self.doc.borrow_mut();
        doc.flush();
        let anchor = style.anchor();
        let size = (style.size() * 10.0).round() / 10.0;
        let font_style = style.style();
        let halo = doc.pen.halo;
        let class = text_class(doc, font_style, c, halo);
        doc.out.push_str("<text");
        push_int_attr(&mut doc.out, "x", x);
        push_int_attr(&mut doc.out, "y", y);
        match anchor.v_pos {
            VPos::Top => doc.out.push_str(" dy=\".8em\""),
            VPos::Center => doc.out.push_str(" dy=\".35em\""),
            VPos::Bottom => doc.out.push_str(" dy=\"-.25em\""),
        }
        match anchor.h_pos {
            HPos::Left => {}
            HPos::Center => doc.out.push_str(" text-anchor=\"middle\""),
            HPos::Right => doc.out.push_str(" text-anchor=\"end\""),
        }
        if size != BASE_FONT {
            let _ = write!(doc.out, " font-size=\"{size}\"");
        }
        if matches!(font_style, FontStyle::Bold) {
            doc.out.push_str(" font-weight=\"bold\"");
        }
        if halo {
            doc.out.push_str(" paint-order=\"stroke\"");
        }
        match style.transform() {
            FontTransform::Rotate90 => {
                let _ = write!(doc.out, " transform=\"rotate(90 {x} {y})\"");
            }
            FontTransform::Rotate180 => {
                let _ = write!(doc.out, " transform=\"rotate(180 {x} {y})\"");
            }
            FontTransform::Rotate270 => {
                let _ = write!(doc.out, " transform=\"rotate(270 {x} {y})\"");
            }
            FontTransform::None => {}
        }
        class_attr(&mut doc.out, doc.pen.class, class.as_deref());
        doc.out.push('>');
        text::escape_into(&mut doc.out, text);
        doc.out.push_str("</text>\n");
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<std::fmt::Error>> {
        let bold = matches!(style.style(), FontStyle::Bold);
        let w = text::width(text, style.size(), bold).ceil() as u32;
        let h = (style.size() * 1.2).ceil() as u32;
        Ok(match style.transform() {
            FontTransform::Rotate90 | FontTransform::Rotate270 => (h, w),
            _ => (w, h),
        })
    }
}

/// The class of a text: `t`, its colour when not the ink, `i` (italic), `h` (a white halo
/// under it), `o` + opacity; `None` for a text of the colour set on the `<svg>` element. Its
/// position, anchor, size and weight stay attributes (what places it), and so does
/// `paint-order` of a halo.
fn text_class(doc: &mut Doc, font_style: FontStyle, c: BackendColor, halo: bool) -> Option<String> {
    let italic = matches!(font_style, FontStyle::Italic | FontStyle::Oblique);
    let opacity = opacity_pct(c);
    if c.rgb == INK && !italic && !halo && opacity.is_none() {
        return None;
    }
    let mut name = String::with_capacity(12);
    name.push('t');
    if c.rgb != INK {
        push_hex_digits(&mut name, c.rgb);
    }
    if italic {
        name.push('i');
    }
    if halo {
        name.push('h');
    }
    if let Some(o) = opacity {
        name.push('o');
        push_int(&mut name, o);
    }
    doc.use_class(&name, || {
        let mut d = Vec::new();
        if c.rgb != INK {
            d.push(format!("fill:{}", hex(c.rgb)));
        }
        if italic {
            d.push("font-style:italic".to_string());
        }
        if let Some(o) = opacity {
            d.push(format!("opacity:{}", o as f64 / 100.0));
        }
        if halo {
            d.push("stroke:#fff;stroke-width:3px".to_string());
        }
        d.join(";")
    });
    Some(name)
}
