//! A compact SVG backend for plotters.
//!
//! plotters' own `SVGBackend` repeats the font, size, opacity and colour on every element and
//! has no `<title>`, `<desc>`, `role` or classes. This one writes each element with only what
//! differs from the defaults set once on the `<svg>` element, integer coordinates, and the
//! attributes of the current [`Pen`] (a class, a dash pattern, an outline), so that a chart is a
//! few kilobytes and its parts can be found by class (in tests and in print CSS).

use std::cell::RefCell;
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
    let _ = writeln!(doc.borrow_mut().out, "<g {attrs}>");
    let result = draw();
    doc.borrow_mut().out.push_str("</g>\n");
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
fn push_hex(out: &mut String, (r, g, b): (u8, u8, u8)) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push('#');
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

/// ` opacity="…"` when not opaque, rounded so that the output is stable.
fn opacity(out: &mut String, c: BackendColor) {
    if c.alpha < 1.0 {
        let _ = write!(out, " opacity=\"{}\"", (c.alpha * 100.0).round() / 100.0);
    }
}

fn stroke_width(out: &mut String, width: u32) {
    if width != 1 {
        push_int_attr(out, "stroke-width", width);
    }
}

fn pen_attrs(out: &mut String, pen: &Pen, stroked: bool) {
    if let Some(class) = pen.class {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
    if stroked && let Some(dash) = pen.dash {
        out.push_str(" stroke-dasharray=\"");
        out.push_str(dash);
        out.push('"');
    }
}

fn outline(out: &mut String, pen: &Pen) {
    if let Some((c, w)) = pen.outline {
        out.push_str(" stroke=\"");
        push_hex(out, c);
        out.push('"');
        stroke_width(out, w);
    }
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
        doc.out.push_str("<rect");
        push_int_attr(&mut doc.out, "x", x);
        push_int_attr(&mut doc.out, "y", y);
        doc.out.push_str(" width=\"1\" height=\"1\"");
        push_colour_attr(&mut doc.out, "fill", color);
        opacity(&mut doc.out, color);
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
        doc.out.push_str("<line");
        push_int_attr(&mut doc.out, "x1", x1);
        push_int_attr(&mut doc.out, "y1", y1);
        push_int_attr(&mut doc.out, "x2", x2);
        push_int_attr(&mut doc.out, "y2", y2);
        push_colour_attr(&mut doc.out, "stroke", c);
        stroke_width(&mut doc.out, style.stroke_width());
        opacity(&mut doc.out, c);
        pen_attrs(&mut doc.out, &doc.pen, true);
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
        doc.out.push_str("<rect");
        push_int_attr(&mut doc.out, "x", x);
        push_int_attr(&mut doc.out, "y", y);
        push_int_attr(&mut doc.out, "width", w);
        push_int_attr(&mut doc.out, "height", h);
        if fill {
            push_colour_attr(&mut doc.out, "fill", c);
            outline(&mut doc.out, &doc.pen);
        } else {
            doc.out.push_str(" fill=\"none\"");
            push_colour_attr(&mut doc.out, "stroke", c);
            stroke_width(&mut doc.out, style.stroke_width());
        }
        opacity(&mut doc.out, c);
        pen_attrs(&mut doc.out, &doc.pen, !fill);
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
        doc.out.push_str("<polyline");
        points(&mut doc.out, path);
        doc.out.push_str(" fill=\"none\"");
        push_colour_attr(&mut doc.out, "stroke", c);
        stroke_width(&mut doc.out, style.stroke_width());
        opacity(&mut doc.out, c);
        pen_attrs(&mut doc.out, &doc.pen, true);
        if corners {
            doc.out.push_str(" stroke-linejoin=\"round\"");
        }
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
        doc.out.push_str("<circle");
        push_int_attr(&mut doc.out, "cx", x);
        push_int_attr(&mut doc.out, "cy", y);
        push_int_attr(&mut doc.out, "r", radius);
        if fill {
            push_colour_attr(&mut doc.out, "fill", c);
            outline(&mut doc.out, &doc.pen);
        } else {
            doc.out.push_str(" fill=\"#fff\"");
            push_colour_attr(&mut doc.out, "stroke", c);
            stroke_width(&mut doc.out, style.stroke_width());
        }
        opacity(&mut doc.out, c);
        pen_attrs(&mut doc.out, &doc.pen, false);
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
        doc.out.push_str("<polygon");
        points(&mut doc.out, vert);
        push_colour_attr(&mut doc.out, "fill", c);
        outline(&mut doc.out, &doc.pen);
        opacity(&mut doc.out, c);
        pen_attrs(&mut doc.out, &doc.pen, false);
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
        doc.out.push_str("<text");
        push_int_attr(&mut doc.out, "x", x);
        push_int_attr(&mut doc.out, "y", y);
        let anchor = style.anchor();
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
        let size = (style.size() * 10.0).round() / 10.0;
        if size != BASE_FONT {
            let _ = write!(doc.out, " font-size=\"{size}\"");
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => doc.out.push_str(" font-weight=\"bold\""),
            FontStyle::Italic | FontStyle::Oblique => doc.out.push_str(" font-style=\"italic\""),
        }
        if c.rgb != INK {
            push_colour_attr(&mut doc.out, "fill", c);
        }
        opacity(&mut doc.out, c);
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
        if doc.pen.halo {
            doc.out
                .push_str(" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"");
        }
        pen_attrs(&mut doc.out, &doc.pen, false);
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
