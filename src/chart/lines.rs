//! Lines over categories (quarters or years), with reference lines and labelled points.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::*;
use super::svg::{self, Pen};
use super::text::{self, Numbers};
use super::{AXIS, GRID, MUTED};

pub(super) struct Trace {
    pub(super) style: LineStyle,
    pub(super) points: Vec<Option<f64>>,
    /// Labels of the points (none: the series is not labelled).
    pub(super) labels: Vec<Option<String>>,
    /// Bold labels, placed first.
    pub(super) emphasis: bool,
}

pub(super) struct HLine {
    pub(super) value: f64,
    pub(super) label: String,
    pub(super) style: LineStyle,
}

pub(super) struct Lines {
    pub(super) legend: Vec<(Swatch, String)>,
    /// Category positions on the x axis and their labels.
    pub(super) xs: Vec<(f64, String)>,
    pub(super) series: Vec<Trace>,
    pub(super) hlines: Vec<HLine>,
    /// The words of an ordinal scale, lowest first: y = rank 1..n.
    pub(super) y_words: Option<Vec<String>>,
    pub(super) unit: String,
    pub(super) note: Option<String>,
}

pub(super) fn draw_lines<'a>(frame: &Frame, spec: &'a Lines) -> LinesDrawing<'a> {
    LinesDrawing {
        spec,
        numbers: frame.numbers,
    }
}

pub(super) struct LinesDrawing<'a> {
    pub(super) spec: &'a Lines,
    pub(super) numbers: Numbers,
}

impl LinesDrawing<'_> {
    fn y_range(&self) -> (f64, f64) {
        if let Some(words) = &self.spec.y_words {
            return (0.5, words.len().max(1) as f64 + 0.5);
        }
        let values: Vec<f64> = self
            .spec
            .series
            .iter()
            .flat_map(|s| s.points.iter().flatten().copied())
            .chain(self.spec.hlines.iter().map(|h| h.value))
            .filter(|v| v.is_finite())
            .collect();
        let (lo, hi) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        if values.is_empty() {
            return (0.0, 1.0);
        }
        // One point (or values within a hair of each other, a realisation on its target):
        // no zoom onto a sliver of the scale (92 to 92,3), but the axis from 0.
        let points = self
            .spec
            .series
            .iter()
            .flat_map(|s| s.points.iter().flatten())
            .count();
        if lo >= 0.0 && (points <= 1 || hi - lo < hi.abs() * 0.01) {
            return (0.0, (hi * 1.2).max(1.0));
        }
        let span = if hi - lo > 1e-9 {
            hi - lo
        } else {
            (hi.abs() * 0.1).max(1.0)
        };
        let mut bottom = lo - span * 0.15;
        let top = hi + span * 0.25;
        if lo >= 0.0 && bottom < 0.0 {
            bottom = 0.0;
        }
        (bottom, top)
    }

    fn y_label(&self, v: f64) -> String {
        match &self.spec.y_words {
            Some(words) => {
                let rank = v.round();
                if (v - rank).abs() < 1e-9 && rank >= 1.0 && rank as usize <= words.len() {
                    text::ellipsize_if_needed(&words[rank as usize - 1], SMALL, 140.0)
                } else {
                    String::new()
                }
            }
            None => self.numbers.number(v, 2),
        }
    }

    fn y_label_width(&self) -> i32 {
        let (lo, hi) = self.y_range();
        let samples: Vec<String> = match &self.spec.y_words {
            Some(words) => (1..=words.len()).map(|r| self.y_label(r as f64)).collect(),
            None => [lo, hi, (lo + hi) / 2.0, hi - (hi - lo) / 7.0]
                .iter()
                .map(|&v| self.y_label(v))
                .collect(),
        };
        samples
            .iter()
            .map(|s| width_px(s, SMALL, false))
            .max()
            .unwrap_or(0)
            + 12
    }
}

impl Drawing for LinesDrawing<'_> {
    fn height(&self, width: i32) -> i32 {
        let legend = legend_height(&self.spec.legend, PAD, width - PAD);
        legend + ((width as f64 * 0.4) as i32).clamp(200, 320)
    }

    fn draw(&self, frame: &Frame, area: &Area, width: i32, _height: i32) -> Drawn {
        let spec = self.spec;
        let legend_h = legend_height(&spec.legend, PAD, width - PAD);
        let unit_h = 18;
        let plot_top = PAD + legend_h + unit_h;
        let y_label_width = self.y_label_width().min(width / 3);
        let (lo, hi) = self.y_range();
        let first = spec.xs.first().map_or(0.0, |x| x.0);
        let last = spec.xs.last().map_or(1.0, |x| x.0);
        let mut chart = ChartBuilder::on(area)
            .margin_top(plot_top)
            .margin_left(PAD)
            .margin_right(PAD + 8)
            .margin_bottom(PAD)
            .y_label_area_size(y_label_width)
            .x_label_area_size(X_AXIS_H)
            .build_cartesian_2d(first - 0.5..last + 0.5, lo..hi)?;
        let y_formatter = |v: &f64| self.y_label(*v);
        let y_ticks = match &spec.y_words {
            Some(words) => words.len() + 1,
            None => 6,
        };
        svg::with_group(&frame.doc, AXIS_GROUP, || {
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(0)
                .y_labels(y_ticks)
                .y_label_formatter(&y_formatter)
                .y_label_style(font(SMALL, false, MUTED, HPos::Right, VPos::Center))
                .bold_line_style(GRID.plotters())
                .light_line_style(TRANSPARENT)
                .max_light_lines(0)
                .axis_style(AXIS.plotters())
                .draw()
        })?;
        let (plot_x, plot_y) = chart.plotting_area().get_pixel_range();
        let at = |x: f64, y: f64| chart.backend_coord(&(x, y));

        // x labels at the categories.
        for (x, label) in &spec.xs {
            let (px, _) = at(*x, lo);
            area.draw(&Text::new(
                label.clone(),
                (px, plot_y.end + 5),
                font(SMALL, false, MUTED, HPos::Center, VPos::Top),
            ))?;
        }
        area.draw(&Text::new(
            spec.unit.clone(),
            (plot_x.start, plot_top - 8),
            font(SMALL, false, MUTED, HPos::Left, VPos::Bottom),
        ))?;

        // The legend's line swatches are drawn with the lines and markers of their series,
        // so that each look is one path; its texts come at the end.
        let places = legend_places(&spec.legend, PAD, PAD + 9, width - PAD);
        let mut drawn = vec![false; spec.legend.len()];
        let swatches = |class: &str| -> Vec<(usize, (i32, i32))> {
            spec.legend
                .iter()
                .zip(&places)
                .enumerate()
                .filter_map(|(i, ((swatch, _), &place))| match swatch {
                    Swatch::Line(style) if style.class == class => Some((i, place)),
                    _ => None,
                })
                .collect()
        };

        // Reference lines first (the labels come after every line and marker is known).
        let mut segments: Vec<[i32; 4]> = Vec::new();
        let mut hline_ys = Vec::new();
        for hline in &spec.hlines {
            let (_, py) = at(first, hline.value);
            draw_polyline(
                frame,
                area,
                &[(plot_x.start, py), (plot_x.end - 1, py)],
                hline.style,
            )?;
            if hline.style.marker == Marker::None {
                for (i, place) in swatches(hline.style.class) {
                    if !drawn[i] {
                        draw_polyline(frame, area, &swatch_line(place), hline.style)?;
                        drawn[i] = true;
                    }
                }
            }
            segments.push([plot_x.start, py, plot_x.end - 1, py]);
            hline_ys.push(py);
        }

        // Series: lines broken where a point is missing, then markers.
        for s in &spec.series {
            let mut run: Vec<(i32, i32)> = Vec::new();
            for (i, p) in s.points.iter().enumerate() {
                match (p, spec.xs.get(i)) {
                    (Some(v), Some((x, _))) => run.push(at(*x, *v)),
                    _ => {
                        if run.len() > 1 {
                            draw_polyline(frame, area, &run, s.style)?;
                            segments
                                .extend(run.windows(2).map(|w| [w[0].0, w[0].1, w[1].0, w[1].1]));
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                draw_polyline(frame, area, &run, s.style)?;
                segments.extend(run.windows(2).map(|w| [w[0].0, w[0].1, w[1].0, w[1].1]));
            }
            for (i, place) in swatches(s.style.class) {
                if !drawn[i] {
                    draw_polyline(frame, area, &swatch_line(place), s.style)?;
                }
            }
        }
        for s in &spec.series {
            let mut markers: Vec<(i32, i32)> = s
                .points
                .iter()
                .zip(&spec.xs)
                .filter_map(|(p, (x, _))| Some(at(*x, (*p)?)))
                .collect();
            for (i, place) in swatches(s.style.class) {
                if !drawn[i] {
                    markers.push(swatch_marker(place));
                    drawn[i] = true;
                }
            }
            if s.style.marker == Marker::Dot {
                svg::dots(&frame.doc, &markers, s.style.colour.rgb(), 4);
            } else {
                for &m in &markers {
                    draw_marker(frame, area, m, s.style)?;
                }
            }
        }
        // Labels, placed by a collision pass on their boxes (widths from the embedded font):
        // each takes the candidate place that overlaps the fewest markers, lines, other labels
        // and plot edges; the reference lines' labels first, then the emphasised series.
        let mut taken: Vec<[i32; 4]> = Vec::new();
        for s in &spec.series {
            for (i, p) in s.points.iter().enumerate() {
                if let (Some(v), Some((x, _))) = (p, spec.xs.get(i)) {
                    let (px, py) = at(*x, *v);
                    taken.push([px - 6, py - 6, px + 6, py + 6]);
                }
            }
        }
        let bounds = [plot_x.start, plot_y.start, plot_x.end, plot_y.end - 2];
        let score = |b: &[i32; 4], taken: &[[i32; 4]]| -> i32 {
            let boxes = taken.iter().filter(|t| overlap(b, t)).count() as i32;
            let lines = segments.iter().filter(|s| crosses(s, b)).count() as i32;
            let outside =
                b[0] < bounds[0] || b[1] < bounds[1] || b[2] > bounds[2] || b[3] > bounds[3];
            10 * boxes + 3 * lines + if outside { 100 } else { 0 }
        };
        // Placed apart, the labels are written by look, each look's together.
        svg::hold_texts(&frame.doc);
        for (hline, &py) in spec.hlines.iter().zip(&hline_ys) {
            let w = width_px(&hline.label, SMALL, false);
            let (right, left) = (plot_x.end - 4, plot_x.start + 4);
            let candidates = [
                (
                    right,
                    py - 4,
                    HPos::Right,
                    VPos::Bottom,
                    [right - w, py - 17, right, py - 3],
                ),
                (
                    right,
                    py + 4,
                    HPos::Right,
                    VPos::Top,
                    [right - w, py + 3, right, py + 17],
                ),
                (
                    left,
                    py - 4,
                    HPos::Left,
                    VPos::Bottom,
                    [left, py - 17, left + w, py - 3],
                ),
                (
                    left,
                    py + 4,
                    HPos::Left,
                    VPos::Top,
                    [left, py + 3, left + w, py + 17],
                ),
            ];
            let best = candidates
                .iter()
                .min_by_key(|c| score(&c.4, &taken))
                .expect("candidates");
            taken.push(best.4);
            let halo = Pen {
                halo: true,
                ..Pen::default()
            };
            svg::with_pen(&frame.doc, halo, || {
                area.draw(&Text::new(
                    hline.label.clone(),
                    (best.0, best.1),
                    font(SMALL, false, hline.style.colour, best.2, best.3),
                ))
            })?;
        }
        let mut order: Vec<&Trace> = spec.series.iter().collect();
        order.sort_by_key(|s| !s.emphasis);
        for s in order {
            for (i, p) in s.points.iter().enumerate() {
                let (Some(v), Some((x, _)), Some(Some(label))) =
                    (p, spec.xs.get(i), s.labels.get(i))
                else {
                    continue;
                };
                let (px, py) = at(*x, *v);
                let w = width_px(label, SMALL, s.emphasis);
                let half = w / 2 + 1;
                // Above, below, right, left of the point; the emphasised series prefers above.
                let mut candidates = [
                    (
                        px,
                        py - 8,
                        HPos::Center,
                        VPos::Bottom,
                        [px - half, py - 21, px + half, py - 8],
                    ),
                    (
                        px,
                        py + 8,
                        HPos::Center,
                        VPos::Top,
                        [px - half, py + 8, px + half, py + 21],
                    ),
                    (
                        px + 9,
                        py,
                        HPos::Left,
                        VPos::Center,
                        [px + 9, py - 7, px + 10 + w, py + 7],
                    ),
                    (
                        px - 9,
                        py,
                        HPos::Right,
                        VPos::Center,
                        [px - 10 - w, py - 7, px - 9, py + 7],
                    ),
                ];
                if !s.emphasis {
                    candidates.swap(0, 1);
                }
                let best = candidates
                    .iter()
                    .min_by_key(|c| score(&c.4, &taken))
                    .expect("candidates");
                taken.push(best.4);
                let pen = Pen {
                    halo: true,
                    ..Pen::default()
                };
                svg::with_pen(&frame.doc, pen, || {
                    area.draw(&Text::new(
                        label.clone(),
                        (best.0, best.1),
                        font(SMALL, s.emphasis, s.style.colour, best.2, best.3),
                    ))
                })?;
            }
        }
        svg::write_held_texts(&frame.doc);
        if let Some(note) = &spec.note {
            area.draw(&Text::new(
                note.clone(),
                (
                    (plot_x.start + plot_x.end) / 2,
                    (plot_y.start + plot_y.end) / 2,
                ),
                italic(12.0, MUTED, HPos::Center, VPos::Center),
            ))?;
        }
        draw_legend_at(frame, area, &spec.legend, &places, &drawn)?;
        Ok(())
    }
}

fn overlap(a: &[i32; 4], b: &[i32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether the segment `[x0, y0, x1, y1]` passes through the box `[left, top, right, bottom]`
/// (sampled every pixel or so: exact enough for label boxes).
pub(super) fn crosses(segment: &[i32; 4], b: &[i32; 4]) -> bool {
    let [x0, y0, x1, y1] = segment.map(f64::from);
    let steps = ((x1 - x0).abs().max((y1 - y0).abs()).ceil() as i32).max(1);
    (0..=steps).any(|k| {
        let t = f64::from(k) / f64::from(steps);
        let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        x > f64::from(b[0]) && x < f64::from(b[2]) && y > f64::from(b[1]) && y < f64::from(b[3])
    })
}
