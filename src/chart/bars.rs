//! Horizontal bars: one row per indicator, programme or category, its name wrapped on the
//! left, its bars on a common value axis with their numbers, a badge on the right.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::*;
use super::svg::{self, Pen};
use super::text::{self, Numbers};
use super::{AXIS, Colour, GRID, INK, MUTED, OUTLINE};

pub(super) enum Axis {
    Percent,
    Rupiah,
    Count,
}

pub(super) struct Bar {
    /// In axis units; `None`: no bar, only the label at the base.
    pub(super) value: Option<f64>,
    pub(super) text: String,
    pub(super) style: BarStyle,
    /// The label is a remark (no value), set in italics.
    pub(super) muted: bool,
}

pub(super) struct Badge {
    pub(super) text: String,
    pub(super) fill: Colour,
}

pub(super) struct Row {
    pub(super) label: String,
    pub(super) note: Option<String>,
    pub(super) bars: Vec<Bar>,
    pub(super) badge: Option<Badge>,
}

pub(super) struct HBars {
    pub(super) legend: Vec<(Swatch, String)>,
    pub(super) badge_header: Option<String>,
    pub(super) rows: Vec<Row>,
    pub(super) axis: Axis,
    pub(super) reference: Option<f64>,
    pub(super) axis_note: Option<String>,
    pub(super) footnote: Option<String>,
    pub(super) empty: String,
}

pub(super) const NAME_LINES: usize = 3;
/// Charts narrower than this stack each name above its bars.
pub(super) const STACK_BELOW: i32 = 480;
pub(super) const LINE_H: i32 = 15;
pub(super) const NOTE_H: i32 = 13;
pub(super) const BADGE_H: i32 = 20;
/// Bars longer than this many times the longest first bar of a row (the target, the pagu) or
/// the reference are cut with a break mark, so that one outlier (a realisation ten times its
/// target) does not flatten every other row; their labels still give the value.
const CLIP_FACTOR: f64 = 2.5;

pub(super) fn draw_hbars<'a>(frame: &Frame, spec: &'a HBars) -> HBarsDrawing<'a> {
    HBarsDrawing {
        spec,
        numbers: frame.numbers,
    }
}

pub(super) struct HBarsDrawing<'a> {
    pub(super) spec: &'a HBars,
    pub(super) numbers: Numbers,
}

/// The computed geometry of a bar chart.
pub(super) struct HBarsLayout {
    /// Narrow charts put each name above its bars, across the whole width, rather than in a
    /// column on the left: on a phone a column of names would leave the bars no room.
    pub(super) stacked: bool,
    pub(super) label_width: i32,
    pub(super) badge_width: i32,
    pub(super) top: i32,
    pub(super) bands: Vec<(Vec<String>, Vec<String>, i32)>,
    pub(super) bar_h: i32,
    pub(super) bottom_extra: i32,
    /// The footnote's lines, wrapped to the width.
    pub(super) footnote: Vec<String>,
}

impl HBarsDrawing<'_> {
    fn layout(&self, width: i32) -> HBarsLayout {
        let spec = self.spec;
        let side_width = ((width as f64 * 0.3) as i32).clamp(110, 240);
        // Stacked only where a name needs more than one line in the side column.
        let stacked = width < STACK_BELOW
            && spec.rows.iter().any(|r| {
                text::wrap(&r.label, 12.0, false, f64::from(side_width), NAME_LINES).len() > 1
            });
        let badge_width = spec
            .rows
            .iter()
            .filter_map(|r| r.badge.as_ref())
            .map(|b| width_px(&b.text, 12.0, true) + 16)
            .chain(
                spec.badge_header
                    .iter()
                    .map(|h| width_px(h, SMALL, true) + 4),
            )
            .max()
            .filter(|_| spec.rows.iter().any(|r| r.badge.is_some()))
            .map_or(0, |w| w.max(56) + 8);
        let label_width = if stacked {
            width - 2 * PAD - badge_width
        } else {
            side_width
        };
        let legend = legend_height(&spec.legend, PAD, width - PAD - badge_width);
        let top = PAD
            + if legend == 0 && spec.badge_header.is_none() {
                4
            } else {
                legend.max(18)
            };
        let max_bars = spec.rows.iter().map(|r| r.bars.len()).max().unwrap_or(1);
        let bar_h = if max_bars <= 1 { 18 } else { 13 };
        let bands = spec
            .rows
            .iter()
            .map(|row| {
                let lines = text::wrap(&row.label, 12.0, false, f64::from(label_width), NAME_LINES);
                let notes = row
                    .note
                    .iter()
                    .map(|n| text::ellipsize_if_needed(n, SMALL, f64::from(label_width)))
                    .collect::<Vec<_>>();
                let text_h = lines.len() as i32 * LINE_H + notes.len() as i32 * NOTE_H;
                let bars = row.bars.len() as i32;
                let bars_h = bars * bar_h + (bars - 1).max(0) * 3;
                let band = if stacked {
                    text_h + 4 + bars_h.max(BADGE_H) + 12
                } else {
                    text_h.max(bars_h).max(BADGE_H) + 12
                };
                (lines, notes, band)
            })
            .collect();
        let footnote = spec
            .footnote
            .as_ref()
            .map(|f| text::wrap(f, SMALL, false, f64::from(width - 2 * PAD), 3))
            .unwrap_or_default();
        let bottom_extra = spec.axis_note.as_ref().map_or(0, |_| 14)
            + if footnote.is_empty() {
                0
            } else {
                4 + 14 * footnote.len() as i32
            }
            + PAD;
        HBarsLayout {
            stacked,
            label_width,
            badge_width,
            top,
            bands,
            bar_h,
            bottom_extra,
            footnote,
        }
    }

    /// The length beyond which bars are cut, when some bar is well beyond it.
    fn clip(&self) -> Option<f64> {
        let spec = self.spec;
        let base = spec
            .rows
            .iter()
            .filter_map(|r| r.bars.first()?.value)
            .map(f64::abs)
            .chain(spec.reference)
            .fold(0.0, f64::max);
        let cap = base * CLIP_FACTOR;
        let beyond = spec
            .rows
            .iter()
            .flat_map(|r| &r.bars)
            .filter_map(|b| b.value)
            .any(|v| v.abs() > cap * 1.2);
        (base > 0.0 && beyond).then_some(cap)
    }

    /// The axis range: the data and 0, widened so that the value labels fit beside the bars.
    fn range(&self, plot_width: i32) -> (f64, f64) {
        let spec = self.spec;
        let clip = self.clip().unwrap_or(f64::INFINITY);
        let bars = spec.rows.iter().flat_map(|r| &r.bars);
        let values = bars
            .clone()
            .filter_map(|b| b.value)
            .map(|v| v.clamp(-clip, clip))
            .chain(spec.reference);
        let (mut lo, mut hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if hi - lo < 1e-9 {
            hi = lo
                + match spec.axis {
                    Axis::Percent => 100.0,
                    Axis::Rupiah | Axis::Count => 1.0,
                };
        }
        if let Axis::Count = spec.axis {
            hi = hi.max(1.0);
        }
        let label = |b: &Bar| f64::from(width_px(&b.text, SMALL, false) + 8);
        // A remark in place of a bar (no value) may run over the plot: it has no bar to follow.
        let right = bars
            .clone()
            .filter(|b| !b.muted && b.value.is_none_or(|v| v >= 0.0))
            .map(label)
            .fold(0.0, f64::max);
        let left = bars
            .filter(|b| b.value.is_some_and(|v| v < 0.0))
            .map(label)
            .fold(0.0, f64::max);
        let plot = f64::from(plot_width);
        let avail = (plot - left - right).max(plot * 0.25);
        let k = avail / (hi - lo);
        lo -= left / k;
        hi += right / k;
        (lo, hi)
    }
}

impl Drawing for HBarsDrawing<'_> {
    fn height(&self, width: i32) -> i32 {
        let layout = self.layout(width);
        let rows: i32 = layout.bands.iter().map(|b| b.2).sum();
        let rows = if self.spec.rows.is_empty() { 40 } else { rows };
        layout.top + rows + X_AXIS_H + layout.bottom_extra
    }

    fn draw(&self, frame: &Frame, area: &Area, width: i32, height: i32) -> Drawn {
        let spec = self.spec;
        let n = self.numbers;
        let layout = self.layout(width);
        // Stacked: room for half the first tick label ("Rp 0") left of the axis.
        let plot_left = if layout.stacked {
            PAD + 18
        } else {
            PAD + layout.label_width + 10
        };
        let plot_right = width - PAD - layout.badge_width - 4;
        let plot_top = layout.top;
        let plot_bottom = height - layout.bottom_extra - X_AXIS_H;
        let (lo, hi) = self.range(plot_right - plot_left);
        let clip = self.clip();

        let mut chart = ChartBuilder::on(area)
            .margin_top(plot_top)
            .margin_left(PAD)
            .margin_right(width - plot_right)
            .margin_bottom(layout.bottom_extra)
            .y_label_area_size((plot_left - PAD).max(0))
            .x_label_area_size(X_AXIS_H)
            .build_cartesian_2d(lo..hi, 0.0..1.0)?;
        let rupiah_unit = n.rupiah_unit(lo.abs().max(hi.abs()));
        let formatter = |v: &f64| -> String {
            match spec.axis {
                Axis::Percent => format!("{}%", n.number(*v, 1)),
                Axis::Rupiah => n.rupiah_in(*v, rupiah_unit),
                Axis::Count => {
                    if (v - v.round()).abs() < 1e-9 {
                        n.number(*v, 0)
                    } else {
                        String::new()
                    }
                }
            }
        };
        // As many ticks as fit their labels (rupiah labels are the widest).
        let room = match spec.axis {
            Axis::Rupiah => 72,
            Axis::Percent | Axis::Count => 50,
        };
        let fit = ((plot_right - plot_left) / room).clamp(2, 7) as usize;
        let ticks = match spec.axis {
            Axis::Count => ((hi.floor() as usize) + 1).clamp(2, fit),
            Axis::Rupiah | Axis::Percent => fit,
        };
        svg::with_group(&frame.doc, AXIS_GROUP, || {
            chart
                .configure_mesh()
                .disable_y_mesh()
                .disable_y_axis()
                .y_labels(0)
                .x_labels(ticks)
                .x_label_formatter(&formatter)
                .x_label_style(font(SMALL, false, MUTED, HPos::Center, VPos::Top))
                .bold_line_style(GRID.plotters())
                .light_line_style(TRANSPARENT)
                .max_light_lines(0)
                .axis_style(AXIS.plotters())
                .set_tick_mark_size(LabelAreaPosition::Bottom, 4)
                .draw()
        })?;
        let x_of = |v: f64| chart.backend_coord(&(v, 0.0)).0;
        let zero = x_of(0.0);

        if let Some(reference) = spec.reference {
            let x = x_of(reference);
            draw_polyline(
                frame,
                area,
                &[(x, plot_top - 2), (x, plot_bottom)],
                LineStyle {
                    colour: OUTLINE,
                    dash: Some("4 3"),
                    marker: Marker::None,
                    width: 1,
                    class: "reference",
                },
            )?;
        }
        if zero > plot_left {
            area.draw(&PathElement::new(
                vec![(zero, plot_top), (zero, plot_bottom)],
                AXIS.plotters(),
            ))?;
        }

        if spec.rows.is_empty() {
            area.draw(&Text::new(
                spec.empty.clone(),
                ((plot_left + plot_right) / 2, (plot_top + plot_bottom) / 2),
                italic(12.0, MUTED, HPos::Center, VPos::Center),
            ))?;
        }

        // The rows' texts (names, values, badges) come after their shapes, by look, each
        // look's together: placed apart, their order does not show.
        svg::hold_texts(&frame.doc);
        svg::hold_shapes(&frame.doc);
        // The break marks go over the bars, which are written after the rows.
        let mut breaks = Vec::new();
        let mut y = plot_top;
        for (i, (row, (lines, notes, band))) in spec.rows.iter().zip(&layout.bands).enumerate() {
            let text_h = lines.len() as i32 * LINE_H + notes.len() as i32 * NOTE_H;
            // Stacked: the name at the top of the band, the bars and badge below it.
            let (mid, text_mid) = if layout.stacked {
                let bars_top = y + 6 + text_h + 4;
                let bars_h = *band - 12 - text_h - 4;
                (bars_top + bars_h / 2, y + 6 + text_h / 2)
            } else {
                (y + band / 2, y + band / 2)
            };
            if i > 0 {
                area.draw(&PathElement::new(
                    vec![(PAD, y), (width - PAD, y)],
                    GRID.plotters(),
                ))?;
            }
            // Name and note, centred on the band (or above the bars).
            let mut ty = text_mid - text_h / 2 + LINE_H / 2;
            // Stacked names lie over the plot: a white halo keeps the grid and the reference
            // line from running through their letters.
            let name_pen = || Pen {
                halo: layout.stacked,
                ..Pen::default()
            };
            for line in lines {
                svg::with_pen(&frame.doc, name_pen(), || {
                    area.draw(&Text::new(
                        line.clone(),
                        (PAD, ty),
                        font(12.0, false, INK, HPos::Left, VPos::Center),
                    ))
                })?;
                ty += LINE_H;
            }
            ty += (NOTE_H - LINE_H) / 2;
            for note in notes {
                svg::with_pen(&frame.doc, name_pen(), || {
                    area.draw(&Text::new(
                        note.clone(),
                        (PAD, ty),
                        font(SMALL, false, MUTED, HPos::Left, VPos::Center),
                    ))
                })?;
                ty += NOTE_H;
            }
            // Bars, centred on the band.
            let count = row.bars.len() as i32;
            let bars_h = count * layout.bar_h + (count - 1).max(0) * 3;
            let mut by = mid - bars_h / 2;
            for bar in &row.bars {
                let label_y = by + layout.bar_h / 2;
                let end = match bar.value {
                    Some(v) => {
                        let cut = clip.filter(|c| v.abs() > *c);
                        let x = x_of(cut.map_or(v, |c| c.copysign(v)));
                        svg::with_pen(
                            &frame.doc,
                            Pen {
                                class: Some(bar.style.class),
                                outline: Some((bar.style.outline.rgb(), 1)),
                                ..Pen::default()
                            },
                            || {
                                area.draw(&Rectangle::new(
                                    [(zero, by), (x, by + layout.bar_h)],
                                    bar.style.fill.plotters().filled(),
                                ))
                            },
                        )?;
                        if cut.is_some() {
                            breaks.push((x, by, layout.bar_h, v < 0.0));
                        }
                        Some((x, v < 0.0))
                    }
                    None => None,
                };
                let style = |h| {
                    if bar.muted {
                        italic(SMALL, MUTED, h, VPos::Center)
                    } else {
                        font(SMALL, false, INK, h, VPos::Center)
                    }
                };
                let (x, h) = match end {
                    Some((x, true)) => (x.min(zero) - 4, HPos::Right),
                    Some((x, false)) => (x.max(zero) + 4, HPos::Left),
                    None => (zero + 4, HPos::Left),
                };
                let pen = Pen {
                    halo: true,
                    ..Pen::default()
                };
                let label = if bar.muted {
                    text::ellipsize_if_needed(&bar.text, SMALL, f64::from(plot_right - x))
                } else {
                    bar.text.clone()
                };
                svg::with_pen(&frame.doc, pen, || {
                    area.draw(&Text::new(label, (x, label_y), style(h)))
                })?;
                by += layout.bar_h + 3;
            }
            if let Some(badge) = &row.badge {
                let bw = layout.badge_width - 8;
                let bx = width - PAD - bw;
                svg::with_pen(&frame.doc, pen_class("badge"), || {
                    area.draw(&Rectangle::new(
                        [(bx, mid - BADGE_H / 2), (bx + bw, mid + BADGE_H / 2)],
                        badge.fill.plotters().filled(),
                    ))
                })?;
                area.draw(&Text::new(
                    badge.text.clone(),
                    (bx + bw / 2, mid),
                    font(
                        12.0,
                        true,
                        badge.fill.text_colour(),
                        HPos::Center,
                        VPos::Center,
                    ),
                ))?;
            }
            y += band;
        }
        svg::write_held_shapes(&frame.doc);
        for (x, by, h, leftwards) in breaks {
            draw_break(frame, area, x, by, h, leftwards)?;
        }
        svg::write_held_texts(&frame.doc);

        let legend_y = PAD + 9;
        draw_legend(
            frame,
            area,
            &spec.legend,
            PAD,
            legend_y,
            width - PAD - layout.badge_width,
        )?;
        if let Some(header) = &spec.badge_header
            && layout.badge_width > 0
        {
            area.draw(&Text::new(
                header.clone(),
                (width - PAD - (layout.badge_width - 8) / 2, plot_top - 6),
                font(SMALL, true, MUTED, HPos::Center, VPos::Bottom),
            ))?;
        }
        let mut foot_y = plot_bottom + X_AXIS_H;
        if let Some(note) = &spec.axis_note {
            area.draw(&Text::new(
                note.trim().to_string(),
                (plot_right, foot_y + 6),
                font(SMALL, false, MUTED, HPos::Right, VPos::Center),
            ))?;
            foot_y += 14;
        }
        for (k, line) in layout.footnote.iter().enumerate() {
            area.draw(&Text::new(
                line.clone(),
                (PAD, foot_y + 11 + 14 * k as i32),
                font(SMALL, false, MUTED, HPos::Left, VPos::Center),
            ))?;
        }
        Ok(())
    }
}

/// Two white slashes across the end of a cut bar.
fn draw_break(frame: &Frame, area: &Area, x: i32, y: i32, h: i32, leftwards: bool) -> Drawn {
    let dir = if leftwards { -1 } else { 1 };
    svg::with_pen(&frame.doc, pen_class("break"), || {
        for offset in [14, 8] {
            let x0 = x - dir * offset;
            area.draw(&PathElement::new(
                vec![(x0 - 3, y + h + 2), (x0 + 3, y - 2)],
                WHITE.stroke_width(3),
            ))?;
        }
        Ok(())
    })
}
