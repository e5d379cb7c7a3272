//! What the bar and line charts share: the frame every chart is drawn in ([`finish`]), text
//! styles, series styles, legends, lines and markers.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, FontFamily, FontStyle};

use super::svg::{self, Canvas, Doc, Pen, SharedDoc};
use super::text::{Numbers, width};
use super::{Chart, ChartOptions, Colour, INK, WHITE_C, series};

/// plotters' name for the font; the SVG names the real family once, on the `<svg>` element.
pub(super) const FAMILY: &str = "sans-serif";
pub(super) const PAD: i32 = 8;
pub(super) const SMALL: f64 = 11.0;
/// Height of the value axis's labels under a plot.
pub(super) const X_AXIS_H: i32 = 22;
/// The group of a plot's axes, ticks and grid: 1 px lines drawn crisp (by its class).
pub(super) const AXIS_GROUP: &str = "class=\"axis\"";

pub(super) type Area = DrawingArea<Canvas, Shift>;
pub(super) type Drawn = Result<(), DrawingAreaErrorKind<std::fmt::Error>>;

/// What a drawing gets: the document it writes into and the number format.
pub(super) struct Frame {
    pub(super) doc: SharedDoc,
    pub(super) numbers: Numbers,
}

/// A drawing sized by its content: asked for the height it needs at a width, then drawn.
pub(super) trait Drawing {
    fn height(&self, width: i32) -> i32;
    fn draw(&self, frame: &Frame, area: &Area, width: i32, height: i32) -> Drawn;
}

/// Draws a chart: the `<svg>` frame with its title and description, a white ground (the page
/// may be dark), and the drawing that `make` builds.
pub(super) fn finish<D: Drawing>(
    opts: &ChartOptions,
    title: String,
    desc: String,
    make: impl FnOnce(&Frame) -> D,
) -> Chart {
    // A chart is a few kilobytes: one allocation rather than a dozen reallocations.
    let doc: SharedDoc = Rc::new(RefCell::new(Doc {
        out: String::with_capacity(8 * 1024),
        ..Doc::default()
    }));
    let frame = Frame {
        doc: doc.clone(),
        numbers: opts.numbers(),
    };
    let drawing = make(&frame);
    let width = opts.width() as i32;
    let height = drawing.height(width).max(60);
    let size = (width as u32, height as u32);
    match &opts.described_by {
        Some((title_id, desc_id)) => {
            svg::open_described_by(&mut doc.borrow_mut().out, size, title_id, &title, desc_id)
        }
        None => svg::open(
            &mut doc.borrow_mut().out,
            size,
            &title,
            &desc,
            opts.id.as_deref(),
        ),
    }
    {
        // The white ground (the page may be dark) is the chart class's background.
        let area = Canvas::new(doc.clone(), size).into_drawing_area();
        // The backend cannot fail; a layout error of plotters leaves what was drawn, which is
        // valid SVG on its own.
        let _ = drawing.draw(&frame, &area, width, height);
    }
    drop(frame);
    let mut out = std::mem::take(&mut doc.borrow_mut().out);
    svg::close(&mut out);
    Chart {
        svg: out,
        title,
        desc,
        key: String::new(),
    }
}

pub(super) fn font(size: f64, bold: bool, colour: Colour, h: HPos, v: VPos) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    TextStyle {
        font: FontDesc::new(FontFamily::Name(FAMILY), size, style),
        color: BackendColor {
            alpha: 1.0,
            rgb: colour.rgb(),
        },
        pos: Pos::new(h, v),
    }
}

pub(super) fn italic(size: f64, colour: Colour, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FontFamily::Name(FAMILY), size, FontStyle::Italic),
        ..font(size, false, colour, h, v)
    }
}

pub(super) fn pen_class(class: &'static str) -> Pen {
    Pen {
        class: Some(class),
        ..Pen::default()
    }
}

#[derive(Clone, Copy)]
pub(super) struct BarStyle {
    pub(super) fill: Colour,
    pub(super) outline: Colour,
    pub(super) class: &'static str,
}

pub(super) const TARGET_BAR: BarStyle = BarStyle {
    fill: series::TARGET,
    outline: series::TARGET_LINE,
    class: "bar target",
};
pub(super) const REALISATION_BAR: BarStyle = BarStyle {
    fill: series::REALISATION,
    outline: series::REALISATION,
    class: "bar realisasi",
};
pub(super) const ABSORPTION_BAR: BarStyle = BarStyle {
    fill: series::ABSORPTION,
    outline: Colour(0x8a, 0x64, 0x00),
    class: "bar serapan",
};

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Marker {
    Dot,
    Square,
    Diamond,
    None,
}

#[derive(Clone, Copy)]
pub(super) struct LineStyle {
    pub(super) colour: Colour,
    pub(super) dash: Option<&'static str>,
    pub(super) marker: Marker,
    pub(super) width: u32,
    pub(super) class: &'static str,
}

pub(super) const TARGET_LINE: LineStyle = LineStyle {
    colour: series::TARGET_LINE,
    dash: Some("6 4"),
    marker: Marker::Square,
    width: 2,
    class: "line target",
};
/// The annual target as a reference line (no points).
pub(super) const ANNUAL_TARGET_LINE: LineStyle = LineStyle {
    marker: Marker::None,
    class: "line target tahunan",
    ..TARGET_LINE
};
pub(super) const REALISATION_LINE: LineStyle = LineStyle {
    colour: series::REALISATION,
    dash: None,
    marker: Marker::Dot,
    width: 3,
    class: "line realisasi",
};
pub(super) const RENSTRA_LINE: LineStyle = LineStyle {
    colour: series::RENSTRA,
    dash: Some("2 3"),
    marker: Marker::Diamond,
    width: 2,
    class: "line renstra",
};
pub(super) const NATIONAL_LINE: LineStyle = LineStyle {
    colour: series::NATIONAL,
    dash: Some("9 3 2 3"),
    marker: Marker::None,
    width: 2,
    class: "line standar",
};

pub(super) enum Swatch {
    Bar(BarStyle),
    Line(LineStyle),
}

/// Where each legend item's swatch starts (x, and the y its line is centred on): from `x` on
/// the line centred at `y`, wrapping at `max_x`.
pub(super) fn legend_places(
    items: &[(Swatch, String)],
    x: i32,
    y: i32,
    max_x: i32,
) -> Vec<(i32, i32)> {
    let (mut cx, mut cy) = (x, y);
    let mut places = Vec::with_capacity(items.len());
    for (swatch, label) in items {
        let item_width = 30 + width(label, SMALL, false).ceil() as i32 + 16;
        if cx > x && cx + item_width > max_x {
            cx = x;
            cy += 18;
        }
        places.push((cx, cy));
        cx += match swatch {
            Swatch::Bar(_) => 19 + width(label, SMALL, false).ceil() as i32 + 16,
            Swatch::Line(_) => item_width,
        };
    }
    places
}

/// The line of a legend's line swatch at `place`.
pub(super) fn swatch_line((cx, cy): (i32, i32)) -> [(i32, i32); 2] {
    [(cx, cy), (cx + 24, cy)]
}

/// The marker of a legend's line swatch at `place`.
pub(super) fn swatch_marker((cx, cy): (i32, i32)) -> (i32, i32) {
    (cx + 12, cy)
}

/// Draws the legend from `x` on the line centred at `y`; returns nothing, wraps at `max_x`.
pub(super) fn draw_legend(
    frame: &Frame,
    area: &Area,
    items: &[(Swatch, String)],
    x: i32,
    y: i32,
    max_x: i32,
) -> Drawn {
    let places = legend_places(items, x, y, max_x);
    draw_legend_at(frame, area, items, &places, &[])
}

/// Draws the legend's items at their places, the swatches but those of the lines already
/// drawn (`drawn[i]`: the swatch of item `i` is drawn with its series, to share its path).
pub(super) fn draw_legend_at(
    frame: &Frame,
    area: &Area,
    items: &[(Swatch, String)],
    places: &[(i32, i32)],
    drawn: &[bool],
) -> Drawn {
    for (i, ((swatch, label), &(cx, cy))) in items.iter().zip(places).enumerate() {
        match swatch {
            Swatch::Bar(style) => {
                svg::with_pen(
                    &frame.doc,
                    Pen {
                        outline: Some((style.outline.rgb(), 1)),
                        ..Pen::default()
                    },
                    || {
                        area.draw(&Rectangle::new(
                            [(cx, cy - 6), (cx + 14, cy + 6)],
                            style.fill.plotters().filled(),
                        ))
                    },
                )?;
                area.draw(&Text::new(
                    label.clone(),
                    (cx + 19, cy),
                    font(SMALL, false, INK, HPos::Left, VPos::Center),
                ))?;
            }
            Swatch::Line(style) => {
                if !drawn.get(i).copied().unwrap_or(false) {
                    draw_polyline(frame, area, &swatch_line((cx, cy)), *style)?;
                    draw_marker(frame, area, swatch_marker((cx, cy)), *style)?;
                }
                area.draw(&Text::new(
                    label.clone(),
                    (cx + 30, cy),
                    font(SMALL, false, INK, HPos::Left, VPos::Center),
                ))?;
            }
        }
    }
    Ok(())
}

/// The height the legend takes at this width (one or more lines of 18 px).
pub(super) fn legend_height(items: &[(Swatch, String)], x: i32, max_x: i32) -> i32 {
    if items.is_empty() {
        return 0;
    }
    let mut lines = 1;
    let mut cx = x;
    for (_, label) in items {
        let item_width = 30 + width(label, SMALL, false).ceil() as i32 + 16;
        if cx > x && cx + item_width > max_x {
            cx = x;
            lines += 1;
        }
        cx += item_width;
    }
    lines * 18 + 8
}

pub(super) fn draw_polyline(
    frame: &Frame,
    area: &Area,
    points: &[(i32, i32)],
    style: LineStyle,
) -> Drawn {
    svg::with_pen(
        &frame.doc,
        Pen {
            class: Some(style.class),
            dash: style.dash,
            // A series' line has corners, and its legend swatch shares its path and class.
            round_joins: style.marker != Marker::None,
            ..Pen::default()
        },
        || {
            area.draw(&PathElement::new(
                points.to_vec(),
                style.colour.plotters().stroke_width(style.width),
            ))
        },
    )
}

pub(super) fn draw_marker(
    frame: &Frame,
    area: &Area,
    (x, y): (i32, i32),
    style: LineStyle,
) -> Drawn {
    let colour = style.colour.plotters();
    svg::with_pen(
        &frame.doc,
        Pen {
            outline: Some((WHITE_C.rgb(), 1)),
            ..Pen::default()
        },
        || match style.marker {
            Marker::Dot => {
                svg::dots(&frame.doc, &[(x, y)], style.colour.rgb(), 4);
                Ok(())
            }
            Marker::Square => area.draw(&Rectangle::new(
                [(x - 4, y - 4), (x + 4, y + 4)],
                colour.stroke_width(2),
            )),
            Marker::Diamond => area.draw(&Polygon::new(
                vec![(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                colour.filled(),
            )),
            Marker::None => Ok(()),
        },
    )
}

/// The width of `text` in whole px, rounded up.
pub(super) fn width_px(text: &str, size: f64, bold: bool) -> i32 {
    width(text, size, bold).ceil() as i32
}
