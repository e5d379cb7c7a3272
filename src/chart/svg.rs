//! A compact SVG backend for plotters.
//!
//! plotters' own `SVGBackend` repeats the font, size, opacity and colour on every element and
//! has no `<title>`, `<desc>`, `role` or classes. This one writes each element with only its
//! geometry (integer coordinates, a text's baseline too), the data's colour
//! (the fill of a filled shape) and its classes, so that a chart is a few kilobytes and its
//! parts can be found by class (in tests and in print CSS).
//!
//! Styles are written once: what an element's look is made of (stroke, width, dash, opacity;
//! a text's anchor, size, weight, colour, halo) becomes a class. The looks of the default
//! palette are the shared classes of [`STYLESHEET`], a few letters each, which the site's
//! stylesheet carries (an inline `<svg>` takes the page's CSS); any other look gets a class
//! whose name spells its declarations (`s1f4e79w3jn`: stroke #1f4e79, 3 px, round joins, no
//! fill) and a rule in the chart's own `<style>`. A name stands for one set of declarations
//! only, so the rules of several charts inlined in one page never disagree. Consecutive
//! elements of one look share it through a `<g>`; consecutive unclassed segments and open
//! squares of one style (grid lines, ticks, markers) are one `<path>`.

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

/// Font size in px of a chart (set by its class `ch`); texts of this size do not repeat it.
pub const BASE_FONT: f64 = 11.0;
/// Text colour of a chart (set by its class `ch`).
pub const INK: (u8, u8, u8) = (0x1f, 0x23, 0x28);

/// The class of every chart's `<svg>`: its font, text colour and white ground.
const ROOT_CLASS: &str = "ch";

/// The shared classes: (name, declarations), the looks of the default palette. A look whose
/// declarations are here gets the short name and no rule in the chart; [`STYLESHEET`] has
/// their rules, scoped to `.ch`.
const SHARED: &[(&str, &str)] = &[
    // Grid, axes and ticks.
    ("a", "stroke:#e1e5ea;fill:none"),
    ("b", "stroke:#8c959f;fill:none"),
    // Axis labels and notes in the muted colour.
    ("c", "text-anchor:end;fill:#57606a"),
    ("d", "text-anchor:middle;fill:#57606a"),
    ("e", "fill:#57606a"),
    // The series' lines (`j`: with corners) and markers.
    (
        "f",
        "stroke:#1f4e79;stroke-width:3px;stroke-linejoin:round;fill:none",
    ),
    ("g", "stroke:#1f4e79;stroke-width:3px;fill:none"),
    (
        "h",
        "stroke:#596b80;stroke-width:2px;stroke-dasharray:6 4;stroke-linejoin:round;fill:none",
    ),
    (
        "i",
        "stroke:#596b80;stroke-width:2px;stroke-dasharray:6 4;fill:none",
    ),
    ("j", "stroke:#596b80;stroke-width:2px;fill:none"),
    (
        "k",
        "stroke:#9a6700;stroke-width:2px;stroke-dasharray:2 3;stroke-linejoin:round;fill:none",
    ),
    (
        "l",
        "stroke:#9a6700;stroke-width:2px;stroke-dasharray:2 3;fill:none",
    ),
    ("m", "stroke:#ffffff"),
    // The realisation's dots.
    ("K", "stroke:#1f4e79;stroke-width:8px;stroke-linecap:round"),
    ("u", "stroke:#1f4e79"),
    ("v", "stroke:#596b80"),
    ("w", "stroke:#8a6400"),
    ("x", "stroke:#3d444d"),
    // Reference lines: the national standard, the 100% line.
    (
        "y",
        "stroke:#b42318;stroke-width:2px;stroke-dasharray:9 3 2 3;fill:none",
    ),
    ("z", "stroke:#3d444d;stroke-dasharray:4 3;fill:none"),
    // Value labels with a halo.
    (
        "n",
        "text-anchor:middle;font-weight:bold;fill:#1f4e79;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "o",
        "font-weight:bold;fill:#1f4e79;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "p",
        "text-anchor:end;font-weight:bold;fill:#1f4e79;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "q",
        "text-anchor:middle;fill:#596b80;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "r",
        "fill:#596b80;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "s",
        "text-anchor:end;fill:#596b80;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    ("A", "stroke:#fff;stroke-width:3px;paint-order:stroke"),
    (
        "B",
        "fill:#57606a;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "C",
        "text-anchor:end;fill:#b42318;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    (
        "D",
        "fill:#b42318;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    // Names, badges and headers of the bar charts.
    (
        "E",
        "font-size:12px;stroke:#fff;stroke-width:3px;paint-order:stroke",
    ),
    ("F", "text-anchor:middle;font-weight:bold;fill:#57606a"),
    (
        "G",
        "text-anchor:middle;font-size:12px;font-weight:bold;fill:#ffffff",
    ),
    ("H", "text-anchor:middle;font-size:12px;font-weight:bold"),
    ("I", "font-size:12px"),
    (
        "J",
        "text-anchor:middle;font-size:12px;font-style:italic;fill:#57606a",
    ),
];

/// The rules of the shared classes and of the charts' `<svg>`, for the site's stylesheet
/// (appended to the theme's `style.css`) and for a chart that stands alone.
pub fn stylesheet() -> String {
    let mut css = String::from("\n/* Charts: the shared classes of the chart module's SVG */\n");
    css.push_str(&root_rules());
    for (name, decls) in SHARED {
        let _ = writeln!(css, ".{ROOT_CLASS} .{name}{{{decls}}}");
    }
    css
}

/// The rules of the chart's `<svg>` (font, size, ink, white ground) and of its axes.
fn root_rules() -> String {
    format!(
        ".{ROOT_CLASS}{{font-family:{};font-size:{}px;fill:{};background:#fff}}\n.{ROOT_CLASS} .axis{{shape-rendering:crispEdges}}\n",
        FONT_FAMILY,
        BASE_FONT,
        hex(INK)
    )
}

/// The shared class with these declarations.
fn shared_class(decls: &str) -> Option<&'static str> {
    SHARED.iter().find(|(_, d)| *d == decls).map(|(n, _)| *n)
}

/// Extra attributes for the elements drawn while it is set.
#[derive(Clone, Debug, Default)]
pub struct Pen {
    pub class: Option<&'static str>,
    pub dash: Option<&'static str>,
    /// Outline of filled rectangles, circles and polygons: colour and width.
    pub outline: Option<((u8, u8, u8), u32)>,
    /// A white halo behind text, so that labels stay legible over lines and grid.
    pub halo: bool,
    /// Round joins on every line, even one of two points (a legend's swatch of a series
    /// whose line has corners, so that both are one `<path>` of one class).
    pub round_joins: bool,
}

/// What consecutive elements may share through a `<g>`: the fill of filled shapes and the
/// style class (its properties are inherited; opacity is not, and is never shared).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Shared {
    fill: Option<(u8, u8, u8)>,
    style: Option<String>,
}

/// An element waiting in a run: its start (`<circle cx=".." cy=".." r=".."`), its own class
/// (the pen's, to find it by) and its end (`/>` or `>text</text>`).
#[derive(Debug)]
pub(super) struct Item {
    open: String,
    class: Option<&'static str>,
    close: String,
}

/// The SVG being written, shared by the backend (which plotters owns while drawing) and the
/// chart code (which sets the pen and writes the frame).
#[derive(Debug, Default)]
pub struct Doc {
    pub out: String,
    pub pen: Pen,
    /// The unshared classes used so far: name → declarations, and whether the rule is written.
    pub styles: BTreeMap<String, (String, bool)>,
    /// Segments waiting to be written as one `<path>`: its fill and class, and its `d`.
    pub(super) pending: Option<(Shared, String)>,
    /// Where the pending path's pen is, and where its last piece starts.
    pub(super) cursor: (BackendCoord, BackendCoord),
    /// Elements of one look waiting to be written, in a `<g>` when more than one.
    pub(super) run: Option<(Shared, Vec<Item>)>,
    /// Texts held back to the end of the group being drawn (axis labels after the ticks, so
    /// that the ticks are one path).
    pub(super) deferred: Option<Vec<(Shared, Item)>>,
    /// Shapes held back until [`write_held_shapes`], each with its own class in its look, so
    /// that those of one look (a bar chart's target bars) share one `<g>` with their fill and
    /// class.
    pub(super) held: Option<Vec<(Shared, Item)>>,
}

impl Doc {
    /// Writes the segments waiting to be one `<path>` and the elements of the run.
    fn flush(&mut self) {
        if let Some((shared, d)) = self.pending.take() {
            // The `d` last: a value before `/>` keeps its quotes in a page, and a path's `d`
            // has them anyway (it has spaces); its class may then lose them.
            self.out.push_str("<path");
            if let Some(fill) = shared.fill {
                push_fill(&mut self.out, fill);
            }
            class_attr(&mut self.out, None, shared.style.as_deref());
            self.out.push_str(" d=\"");
            self.out.push_str(&d);
            self.out.push_str("\"/>");
        }
        if let Some((shared, items)) = self.run.take() {
            let out = &mut self.out;
            if let [item] = items.as_slice() {
                out.push_str(&item.open);
                if let Some(fill) = shared.fill {
                    push_fill(out, fill);
                }
                class_attr(out, item.class, shared.style.as_deref());
                out.push_str(&item.close);
            } else if let Some(line) = one_line(&items) {
                // Texts on one baseline (an axis's labels): one `<text>`, each label after the
                // first a `<tspan>` at its own x, which starts a chunk of its own (anchored by
                // itself, as a `<text>` of its own would be).
                let (first, rest) = items.split_first().expect("more than one");
                out.push_str(&first.open);
                if let Some(fill) = shared.fill {
                    push_fill(out, fill);
                }
                class_attr(out, None, shared.style.as_deref());
                out.push_str(first.close.strip_suffix("</text>").unwrap_or(&first.close));
                for (item, x) in rest.iter().zip(line) {
                    out.push_str("<tspan x=\"");
                    out.push_str(x);
                    out.push_str("\">");
                    let content = item.close.strip_prefix('>').unwrap_or(&item.close);
                    out.push_str(content.strip_suffix("</text>").unwrap_or(content));
                    out.push_str("</tspan>");
                }
                out.push_str("</text>");
            } else if shared.fill.is_none() && shared.style.is_none() {
                // Nothing to share: each on its own.
                for item in &items {
                    out.push_str(&item.open);
                    class_attr(out, item.class, None);
                    out.push_str(&item.close);
                }
            } else {
                out.push_str("<g");
                if let Some(fill) = shared.fill {
                    push_fill(out, fill);
                }
                class_attr(out, None, shared.style.as_deref());
                out.push('>');
                for item in &items {
                    out.push_str(&item.open);
                    class_attr(out, item.class, None);
                    out.push_str(&item.close);
                }
                out.push_str("</g>");
            }
        }
    }

    /// Writes an element: into the run of its look, or alone.
    fn emit(&mut self, shared: Shared, item: Item, text: bool) {
        if text && let Some(deferred) = &mut self.deferred {
            deferred.push((shared, item));
            return;
        }
        if self.pending.is_some() {
            self.flush();
        }
        // Texts of no class gather too: those on one baseline (a legend's) become one.
        let groupable = (shared.fill.is_some() || shared.style.is_some() || text)
            && !shared.style.as_deref().is_some_and(has_opacity);
        match &mut self.run {
            Some((current, items)) if groupable && *current == shared => items.push(item),
            _ => {
                self.flush();
                self.run = Some((shared, vec![item]));
                if !groupable {
                    self.flush();
                }
            }
        }
    }

    /// Writes a shape (no content) of the pen's class with its fill and style class.
    fn shape(&mut self, open: String, fill: Option<(u8, u8, u8)>, style: Option<String>) {
        if let Some(held) = &mut self.held {
            let style = match (self.pen.class, style) {
                (Some(own), Some(style)) => Some(format!("{own} {style}")),
                (Some(own), None) => Some(own.to_string()),
                (None, style) => style,
            };
            let item = Item {
                open,
                class: None,
                close: "/>".to_string(),
            };
            held.push((Shared { fill, style }, item));
            return;
        }
        let item = Item {
            open,
            class: self.pen.class,
            close: "/>".to_string(),
        };
        self.emit(Shared { fill, style }, item, false);
    }

    /// The class to write for a look: its shared name, or `name` with a rule of its own.
    fn use_class(&mut self, name: String, decls: String) -> String {
        if let Some(shared) = shared_class(&decls) {
            return shared.to_string();
        }
        if !self.styles.contains_key(&name) {
            self.styles.insert(name.clone(), (decls, false));
        }
        name
    }

    /// Writes the rules not written yet as one `<style>`.
    fn write_styles(&mut self) {
        // Shapes and texts still held back (a drawing that stopped early) are written first.
        for (shared, item) in self.held.take().unwrap_or_default() {
            self.emit(shared, item, false);
        }
        for (shared, item) in self.deferred.take().unwrap_or_default() {
            self.emit(shared, item, true);
        }
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
            self.out.push_str("</style>");
        }
    }
}

/// The x of each text after the first of a run of texts on one baseline (`<text x=".." y=".."`
/// alike but for x, no class of their own); `None` for any other run.
fn one_line(items: &[Item]) -> Option<Vec<&str>> {
    let (_, y) = text_xy(items.first()?)?;
    items[1..]
        .iter()
        .map(|item| {
            text_xy(item)
                .filter(|(_, other)| *other == y)
                .map(|(x, _)| x)
        })
        .collect()
}

/// The x and y of a text written `<text x=".." y=".."` and nothing else, of no class of its own.
fn text_xy(item: &Item) -> Option<(&str, &str)> {
    let rest = item.open.strip_prefix("<text x=\"")?;
    let (x, rest) = rest.split_once("\" y=\"")?;
    let y = rest.strip_suffix('"')?;
    (item.class.is_none() && !y.contains('"') && item.close.ends_with("</text>")).then_some((x, y))
}

/// Whether a class's rule has an opacity (which a `<g>` would apply to the group as a whole).
fn has_opacity(class: &str) -> bool {
    // Shared classes are opaque; a spelled name ends in `o` + hundredths when it is not. The
    // style class is the last of an element's classes.
    let class = class.rsplit(' ').next().unwrap_or(class);
    class.len() > 2
        && class
            .rsplit_once('o')
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

pub type SharedDoc = Rc<RefCell<Doc>>;

/// Runs `draw` with `pen` set, then restores the previous pen.
pub fn with_pen<R>(doc: &SharedDoc, pen: Pen, draw: impl FnOnce() -> R) -> R {
    let previous = std::mem::replace(&mut doc.borrow_mut().pen, pen);
    let result = draw();
    doc.borrow_mut().pen = previous;
    result
}

/// Runs `draw` inside `<g {attrs}>…</g>`, so that its elements share the attributes (a class)
/// without repeating them. Its texts come after its lines (they do not overlap them: axis
/// labels beside their ticks), so that the lines are one path.
pub fn with_group<R>(doc: &SharedDoc, attrs: &str, draw: impl FnOnce() -> R) -> R {
    {
        let doc = &mut *doc.borrow_mut();
        doc.flush();
        let _ = write!(doc.out, "<g {attrs}>");
        doc.deferred = Some(Vec::new());
    }
    let result = draw();
    let doc = &mut *doc.borrow_mut();
    for (shared, item) in doc.deferred.take().unwrap_or_default() {
        doc.emit(shared, item, true);
    }
    doc.flush();
    doc.out.push_str("</g>");
    result
}

/// Holds back the shapes (rectangles, circles, polygons that are not pieces of a path) drawn
/// from now on, until [`write_held_shapes`].
pub fn hold_shapes(doc: &SharedDoc) {
    doc.borrow_mut().held.get_or_insert_with(Vec::new);
}

/// Writes the shapes held back by [`hold_shapes`], those of one look together in a `<g>` that
/// carries their fill and classes, the looks in the order they first came (shapes placed
/// apart, such as the bars of different rows: their order does not show).
pub fn write_held_shapes(doc: &SharedDoc) {
    let doc = &mut *doc.borrow_mut();
    let held = doc.held.take().unwrap_or_default();
    // The looks in the order they first came, each look's shapes in theirs.
    let mut looks: Vec<(Shared, Vec<Item>)> = Vec::new();
    for (shared, item) in held {
        match looks.iter_mut().find(|(look, _)| *look == shared) {
            Some((_, items)) => items.push(item),
            None => looks.push((shared, vec![item])),
        }
    }
    for (shared, items) in looks {
        for item in items {
            doc.emit(shared.clone(), item, false);
        }
    }
}

/// Holds back the texts drawn from now on, until [`write_held_texts`].
pub fn hold_texts(doc: &SharedDoc) {
    let doc = &mut *doc.borrow_mut();
    if doc.deferred.is_none() {
        doc.deferred = Some(Vec::new());
    }
}

/// Writes the texts held back by [`hold_texts`], those of one look together (labels placed
/// so that they do not overlap: their order does not show), so that they share a `<g>`.
pub fn write_held_texts(doc: &SharedDoc) {
    let doc = &mut *doc.borrow_mut();
    let mut held = doc.deferred.take().unwrap_or_default();
    held.sort_by(|a, b| a.0.cmp(&b.0));
    for (shared, item) in held {
        doc.emit(shared, item, true);
    }
}

/// The header of a chart: the `<svg>` element with its accessibility attributes and class,
/// `<title>` and `<desc>`. No `height`: the `viewBox` gives it from the width (a file of its
/// own gets it back, [`standalone`]).
pub fn open(out: &mut String, size: (u32, u32), title: &str, desc: &str, id: Option<&str>) {
    let (w, h) = size;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" role=\"img\""
    );
    if let Some(id) = id {
        let _ = write!(out, " aria-labelledby=\"{id}-title {id}-desc\"");
    }
    let _ = write!(out, " class=\"{ROOT_CLASS}\">");
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
    out.push_str("</desc>");
}

/// The `<svg>` element of a chart that the page describes: it refers to the page's elements
/// of `desc_ids` (the tables of its numbers; none when empty) and has no `<desc>` of its own;
/// it is named by the page's element `title_id` (its caption), or, when that is empty, by its
/// own `<title>`.
pub fn open_described_by(
    out: &mut String,
    size: (u32, u32),
    title_id: &str,
    title: &str,
    desc_ids: &str,
) {
    let (w, h) = size;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" role=\"img\""
    );
    if !title_id.is_empty() {
        let _ = write!(out, " aria-labelledby=\"{}\"", escape_id(title_id));
    }
    if !desc_ids.is_empty() {
        let _ = write!(out, " aria-describedby=\"{}\"", escape_id(desc_ids));
    }
    let _ = write!(out, " class=\"{ROOT_CLASS}\">");
    if title_id.is_empty() {
        out.push_str("<title>");
        text::escape_into(out, title);
        out.push_str("</title>");
    }
}

/// An id as an attribute value: markup escaped.
fn escape_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    text::escape_into(&mut out, id);
    out
}

pub fn close(out: &mut String) {
    out.push_str("</svg>");
}

/// The chart as an SVG file of its own: the namespace and the rules of the shared classes it
/// uses (an inline chart takes them from the page's stylesheet; a file loaded as an image
/// cannot), so that it looks the same as inline and carries no rule it does not need.
pub fn standalone(svg: &str) -> String {
    let Some(rest) = svg.strip_prefix("<svg") else {
        return svg.to_string();
    };
    let used: std::collections::BTreeSet<&str> = svg
        .split(" class=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .flat_map(|c| c.split(' '))
        .collect();
    let mut out = String::with_capacity(svg.len() + 1024);
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    // Its width and `viewBox` give its height, as inline. A document of its own: the root's
    // rules by its tag, no class.
    let end = rest.rfind("</svg>").unwrap_or(rest.len());
    out.push_str(&rest[..end].replacen(&format!(" class=\"{ROOT_CLASS}\">"), ">", 1));
    out.push_str("<style>");
    let _ = write!(
        out,
        "svg{{font:{BASE_FONT}px {FONT_FAMILY};fill:{};background:#fff}}",
        hex(INK)
    );
    if used.contains("axis") {
        out.push_str(".axis{shape-rendering:crispEdges}");
    }
    let used: Vec<(&str, &str)> = SHARED
        .iter()
        .filter(|(name, _)| used.contains(name))
        .copied()
        .collect();
    out.push_str(&grouped_rules(&used));
    out.push_str("</style></svg>");
    out
}

/// The rules of these classes as a file of its own needs them (no other rules to scope them
/// against): each declaration written once, the classes that share a set of declarations
/// sharing its rule (`.n,.o{stroke:#fff;…}`). A chart's element has one class with a rule, so
/// the order of the rules does not matter.
fn grouped_rules(classes: &[(&str, &str)]) -> String {
    // Each declaration with the classes that have it, in the order they come.
    let mut by_decl: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, decls) in classes {
        for decl in decls.split(';') {
            match by_decl.iter_mut().find(|(d, _)| *d == decl) {
                Some((_, names)) => names.push(name),
                None => by_decl.push((decl, vec![name])),
            }
        }
    }
    // The declarations of each set of classes.
    let mut by_names: Vec<(Vec<&str>, Vec<&str>)> = Vec::new();
    for (decl, names) in by_decl {
        match by_names.iter_mut().find(|(n, _)| *n == names) {
            Some((_, decls)) => decls.push(decl),
            None => by_names.push((names, vec![decl])),
        }
    }
    let mut css = String::new();
    for (names, decls) in by_names {
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                css.push(',');
            }
            css.push('.');
            css.push_str(name);
        }
        css.push('{');
        css.push_str(&decls.join(";").replace("#ffffff", "#fff"));
        css.push('}');
    }
    css
}

/// The width and height of a chart, from its `viewBox`.
pub fn size(svg: &str) -> (u32, u32) {
    let numbers: Vec<u32> = svg
        .split_once("viewBox=\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .map(|v| v.split(' ').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_default();
    match numbers.as_slice() {
        [_, _, w, h] => (*w, *h),
        _ => (0, 0),
    }
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

/// Appends ` fill="#rrggbb"`.
fn push_fill(out: &mut String, rgb: (u8, u8, u8)) {
    out.push_str(" fill=\"");
    push_hex(out, rgb);
    out.push('"');
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
    doc.use_class(name, d)
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
    Some(doc.use_class(name, d))
}

/// Appends a command of a path: the absolute or the relative form, whichever is shorter.
fn push_command(d: &mut String, abs: char, rel: char, a: &[i32], r: &[i32]) {
    let mut absolute = String::with_capacity(12);
    let mut relative = String::with_capacity(12);
    for (form, letter, values) in [(&mut absolute, abs, a), (&mut relative, rel, r)] {
        form.push(letter);
        for (i, &v) in values.iter().enumerate() {
            if i > 0 && v >= 0 {
                form.push(' ');
            }
            push_int(form, v);
        }
    }
    let form = if relative.len() < absolute.len() {
        &relative
    } else {
        &absolute
    };
    // A command repeating the one before needs no letter when its first number's `-` parts
    // it from the last number (`l5 5-5 5`); a move's repeat would be a line.
    let letter = form.chars().next().unwrap_or(' ');
    let last = d.chars().rev().find(char::is_ascii_alphabetic);
    if last == Some(letter) && !matches!(letter, 'M' | 'm') && form[1..].starts_with('-') {
        d.push_str(&form[1..]);
    } else {
        d.push_str(form);
    }
}

/// Appends a segment list to the `<path>` being gathered for its look (a stroke class, or a
/// fill and its outline class), writing the one before when its look differs.
fn gather(doc: &mut Doc, look: Shared, points: &[BackendCoord], close: bool) {
    if doc.run.is_some() || doc.pending.as_ref().is_some_and(|(c, _)| *c != look) {
        doc.flush();
    }
    let fresh = doc.pending.is_none();
    let Doc {
        pending, cursor, ..
    } = doc;
    let (_, d) = pending.get_or_insert_with(|| (look, String::new()));
    let mut previous: Option<BackendCoord> = None;
    for &(x, y) in points {
        match previous {
            None => {
                let (px, py) = if fresh { (0, 0) } else { cursor.0 };
                push_command(d, 'M', 'm', &[x, y], &[x - px, y - py]);
                cursor.1 = (x, y);
            }
            Some((px, py)) if px == x => push_command(d, 'V', 'v', &[y], &[y - py]),
            Some((px, py)) if py == y => push_command(d, 'H', 'h', &[x], &[x - px]),
            Some((px, py)) => push_command(d, 'L', 'l', &[x, y], &[x - px, y - py]),
        }
        previous = Some((x, y));
    }
    if close {
        d.push('Z');
        cursor.0 = cursor.1;
    } else if let Some(last) = previous {
        cursor.0 = last;
    }
}

/// Whether a stroked element may join the `<path>` of its look: opaque (overlaps would show),
/// and undashed unless it has a class of its own (a series' line, drawn a whole line at a time:
/// each line is a piece of the path, where the dash starts again as it did on a line of its
/// own; the segments of a grid are not).
fn gatherable(pen: &Pen, c: BackendColor) -> bool {
    c.alpha >= 1.0 && (pen.class.is_some() || pen.dash.is_none())
}

/// The look of a gathered stroked path.
fn stroked(class: String) -> Shared {
    Shared {
        fill: None,
        style: Some(class),
    }
}

/// The look of a gathered stroked path drawn with `pen`: its own class (to be found by)
/// before its style class.
fn stroked_by(pen: &Pen, class: String) -> Shared {
    match pen.class {
        Some(own) => stroked(format!("{own} {class}")),
        None => stroked(class),
    }
}

/// Dots of one colour and radius: the round ends of zero-length pieces of one `<path>`, a few
/// bytes a dot instead of a `<circle>` each. Twice the line's width and more, a dot stands out
/// of its own line without a ring.
pub fn dots(doc: &SharedDoc, points: &[BackendCoord], colour: (u8, u8, u8), radius: u32) {
    if points.is_empty() {
        return;
    }
    let doc = &mut *doc.borrow_mut();
    let width = 2 * radius;
    let mut name = String::from("r");
    push_hex_digits(&mut name, colour);
    name.push('w');
    push_int(&mut name, width);
    let mut d = String::from("stroke:");
    push_hex(&mut d, colour);
    let _ = write!(d, ";stroke-width:{width}px;stroke-linecap:round");
    let class = doc.use_class(name, d);
    for &p in points {
        gather(doc, stroked(class.clone()), &[p, p], false);
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

impl Drop for Canvas {
    /// The drawing is over: the gathered path and the rules of the classes used are written.
    fn drop(&mut self) {
        if let Ok(mut doc) = self.doc.try_borrow_mut() {
            doc.write_styles();
        }
    }
}

/// The start of an element: `<tag` and its geometry, written by `geometry`.
fn open_tag(tag: &str, geometry: impl FnOnce(&mut String)) -> String {
    let mut open = String::with_capacity(48);
    open.push('<');
    open.push_str(tag);
    geometry(&mut open);
    open
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
        let style = fill_class(doc, color);
        let open = open_tag("rect", |o| {
            push_int_attr(o, "x", x);
            push_int_attr(o, "y", y);
            o.push_str(" width=\"1\" height=\"1\"");
        });
        doc.shape(open, Some(color.rgb), style);
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
            let look = stroked_by(&doc.pen, class);
            gather(doc, look, &[(x1, y1), (x2, y2)], false);
            return Ok(());
        }
        let open = open_tag("line", |o| {
            push_int_attr(o, "x1", x1);
            push_int_attr(o, "y1", y1);
            push_int_attr(o, "x2", x2);
            push_int_attr(o, "y2", y2);
        });
        doc.shape(open, None, Some(class));
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
                let look = stroked_by(&doc.pen, class);
                gather(doc, look, &corners, true);
                return Ok(());
            }
            Some(class)
        };
        let open = open_tag("rect", |o| {
            push_int_attr(o, "x", x);
            push_int_attr(o, "y", y);
            push_int_attr(o, "width", w);
            push_int_attr(o, "height", h);
        });
        doc.shape(open, fill.then_some(c.rgb), class);
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
        let corners = path.len() > 2 || doc.pen.round_joins;
        let class = stroke_class(
            doc,
            c,
            style.stroke_width(),
            doc.pen.dash,
            corners,
            Inside::Nothing,
        );
        if gatherable(&doc.pen, c) {
            let look = stroked_by(&doc.pen, class);
            gather(doc, look, &path, false);
            return Ok(());
        }
        let open = open_tag("polyline", |o| points(o, path));
        doc.shape(open, None, Some(class));
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
        let open = open_tag("circle", |o| {
            push_int_attr(o, "cx", x);
            push_int_attr(o, "cy", y);
            push_int_attr(o, "r", radius);
        });
        doc.shape(open, fill.then_some(c.rgb), class);
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
        let class = fill_class(doc, c);
        if doc.pen.class.is_none() && c.alpha >= 1.0 {
            // Markers of one colour (diamonds) are the pieces of one path.
            let vert: Vec<BackendCoord> = vert.into_iter().collect();
            let look = Shared {
                fill: Some(c.rgb),
                style: class,
            };
            gather(doc, look, &vert, true);
            return Ok(());
        }
        let open = open_tag("polygon", |o| points(o, vert));
        doc.shape(open, Some(c.rgb), class);
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
        let anchor = style.anchor();
        let size = (style.size() * 10.0).round() / 10.0;
        let look = TextLook {
            anchor: anchor.h_pos,
            size,
            bold: matches!(style.style(), FontStyle::Bold),
            italic: matches!(style.style(), FontStyle::Italic | FontStyle::Oblique),
            colour: c,
            halo: doc.pen.halo,
        };
        let class = text_class(doc, &look);
        // The baseline where plotters' vertical anchor puts it, to the nearest unit.
        let shift = match anchor.v_pos {
            VPos::Top => 0.8,
            VPos::Center => 0.35,
            VPos::Bottom => -0.25,
        } * size;
        let transform = style.transform();
        let open = open_tag("text", |o| {
            push_int_attr(o, "x", x);
            o.push_str(" y=\"");
            match transform {
                // Turned, the shift is along the turned baseline's normal.
                FontTransform::None => push_int(o, (f64::from(y) + shift).round() as i64),
                _ => push_int(o, y),
            }
            o.push('"');
            let turn = match transform {
                FontTransform::Rotate90 => Some(90),
                FontTransform::Rotate180 => Some(180),
                FontTransform::Rotate270 => Some(270),
                FontTransform::None => None,
            };
            if let Some(turn) = turn {
                let _ = write!(
                    o,
                    " dy=\"{}em\" transform=\"rotate({turn} {x} {y})\"",
                    shift / size
                );
            }
        });
        let mut close = String::with_capacity(text.len() + 8);
        close.push('>');
        text::escape_into(&mut close, text);
        close.push_str("</text>");
        let item = Item {
            open,
            class: doc.pen.class,
            close,
        };
        doc.emit(
            Shared {
                fill: None,
                style: class,
            },
            item,
            true,
        );
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

/// What a text looks like, apart from where it is.
struct TextLook {
    anchor: HPos,
    size: f64,
    bold: bool,
    italic: bool,
    colour: BackendColor,
    halo: bool,
}

/// The class of a text: `t`, then `m` or `e` (anchored in the middle or at the end), its size
/// in tenths when not the chart's, `b` (bold), its colour when not the ink, `i` (italic), `h`
/// (a white halo under it), `o` + opacity; `None` for a plain text of the chart's size and
/// colour.
fn text_class(doc: &mut Doc, look: &TextLook) -> Option<String> {
    let c = look.colour;
    let opacity = opacity_pct(c);
    let anchor = match look.anchor {
        HPos::Left => None,
        HPos::Center => Some(("m", "middle")),
        HPos::Right => Some(("e", "end")),
    };
    let sized = look.size != BASE_FONT;
    if anchor.is_none()
        && !sized
        && !look.bold
        && c.rgb == INK
        && !look.italic
        && !look.halo
        && opacity.is_none()
    {
        return None;
    }
    let mut name = String::with_capacity(16);
    let mut d = Vec::new();
    name.push('t');
    if let Some((letter, word)) = anchor {
        name.push_str(letter);
        d.push(format!("text-anchor:{word}"));
    }
    if sized {
        push_int(&mut name, (look.size * 10.0).round() as i64);
        d.push(format!("font-size:{}px", look.size));
    }
    if look.bold {
        name.push('b');
        d.push("font-weight:bold".to_string());
    }
    if c.rgb != INK {
        push_hex_digits(&mut name, c.rgb);
        d.push(format!("fill:{}", hex(c.rgb)));
    }
    if look.italic {
        name.push('i');
        d.push("font-style:italic".to_string());
    }
    if let Some(o) = opacity {
        name.push('o');
        push_int(&mut name, o);
        d.push(format!("opacity:{}", o as f64 / 100.0));
    }
    if look.halo {
        name.push('h');
        d.push("stroke:#fff;stroke-width:3px;paint-order:stroke".to_string());
    }
    Some(doc.use_class(name, d.join(";")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_takes_the_shorter_of_absolute_and_relative_commands() {
        let mut doc = Doc::default();
        let a = || stroked("a".into());
        gather(&mut doc, a(), &[(59, 169), (343, 169)], false);
        gather(&mut doc, a(), &[(59, 124), (343, 124)], false);
        gather(
            &mut doc,
            a(),
            &[(90, 176), (98, 176), (98, 184), (90, 184)],
            true,
        );
        gather(&mut doc, a(), &[(161, 144), (169, 144)], false);
        let (_, d) = doc.pending.clone().unwrap();
        // 59,169 → 343,169; 59,124 → 343,124; the square from 90,176 back to its start; then
        // 161,144 from there.
        assert_eq!(d, "M59 169H343M59 124H343M90 176h8v8H90Zm71-32h8");
    }

    #[test]
    fn a_repeated_command_after_a_number_then_a_minus_needs_no_letter() {
        let mut doc = Doc::default();
        let diamond = |x: i32, y: i32| [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)];
        gather(&mut doc, stroked("a".into()), &diamond(226, 92), true);
        gather(&mut doc, stroked("a".into()), &diamond(252, 89), true);
        let (_, d) = doc.pending.clone().unwrap();
        // l5 5, then l-5 5 and l-5-5 without their letter; the next diamond's move keeps its.
        assert_eq!(d, "M226 87l5 5-5 5-5-5Zm26-3l5 5-5 5-5-5Z");
    }

    #[test]
    fn the_shared_classes_are_in_the_stylesheet_once() {
        let css = stylesheet();
        for (name, decls) in SHARED {
            assert_eq!(
                css.matches(&format!(".{ROOT_CLASS} .{name}{{")).count(),
                1,
                "{name}"
            );
            assert!(css.contains(decls));
        }
        let mut names: Vec<_> = SHARED.iter().map(|(n, _)| n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), SHARED.len());
    }
}
