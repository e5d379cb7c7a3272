//! The SOP's flowchart as a self-contained inline SVG, drawn from `sop.toml`.
//!
//! The layout is the one an Indonesian officer knows from the paper SOP (Permendagri 52/2011,
//! PermenPAN-RB 35/2012): a table with the columns No | Uraian Prosedur | one column per
//! `pelaksana` | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan, and one row per step. In the
//! `pelaksana` columns (the swimlanes) the flow is drawn: the first step is a start terminator
//! (a stadium labelled "Mulai"), the last one an end terminator ("Selesai"), every other step a
//! process box in the lane of its `pelaksana`, and one arrow from each step to the next,
//! straight down within a lane and with one elbow across lanes. Approval steps
//! (`persetujuan = true`) get a double border and a check-mark tag, so that they read in
//! greyscale too.
//!
//! The picture is black on white, has no external reference, no script and no
//! `<foreignObject>`; it scales to the width of its container (`width="100%"` and a
//! `viewBox`). Text is wrapped by its width ([`text_width`]), measured with the advance widths
//! of the embedded DejaVu Sans, the first font of [`FONT_FAMILY`] (the others have nearly the
//! same metrics or are narrower), as the charts measure theirs; so wrapped text stays inside
//! its cell, and is escaped as the charts escape theirs.
//! The output is deterministic: the same SOP gives the same bytes.
//!
//! Stable hooks, for tests and stylesheets:
//! - `<g class="lane" data-role="kepala_opd" data-index="0">` per swimlane, in the order of
//!   `pelaksana`, holding `<rect class="lane-head">`, `<text class="lane-label">` and
//!   `<rect class="lane-area">` (the lane's column in the body of the table). A step whose
//!   `pelaksana` is not in the SOP's `pelaksana` (a validation error) gets an extra lane at the
//!   end, marked `data-extra="true"`, so that nothing is lost.
//! - `<rect class="step process|terminator start|terminator end" data-step="4"
//!   data-role="kasubag_program">`, one per step; approval steps have `data-approval="true"`,
//!   an inner `<rect class="approval-border">` and a `<g class="approval-mark" data-step="…">`.
//! - `<path class="arrow" data-from="3" data-to="4">`, exactly one per pair of consecutive
//!   steps (steps − 1 in all): the terminators are steps themselves and have no connector of
//!   their own.
//! - `<g class="row" data-step="4">` per step with `<rect class="cell" data-col="…">` and
//!   `<text class="cell-text" data-col="…" data-step="4">` (one `<tspan>` per wrapped line) for
//!   the columns `no`, `uraian`, `kelengkapan`, `waktu`, `output`, `keterangan`.

use std::fmt::Write as _;

use crate::model::{Language, Role, Sop, SopStep, TimeStandard, TimeUnit};
use crate::render::labels::Labels;

/// The fonts the SVG asks for and the width of text set in the first one (the embedded DejaVu
/// Sans): the charts' text module, so that the flowchart and the charts measure alike.
pub use crate::chart::{FONT_FAMILY, text_width};

/// Font size of the table's text, in SVG user units.
pub const FONT_SIZE: f64 = 11.0;

const LINE: f64 = 14.0;
const PAD_X: f64 = 6.0;
const PAD_Y: f64 = 7.0;
/// From the top of a line box to its baseline.
const ASCENT: f64 = 10.5;
const MARGIN: f64 = 8.0;

const W_NO: f64 = 30.0;
const W_URAIAN: f64 = 230.0;
const W_LANE: f64 = 90.0;
const W_KELENGKAPAN: f64 = 110.0;
const W_WAKTU: f64 = 76.0;
const W_OUTPUT: f64 = 110.0;
const W_KETERANGAN: f64 = 90.0;

const HEAD_GROUP_H: f64 = 24.0;
const HEAD_NUMBER_H: f64 = 16.0;
const MIN_ROW_H: f64 = 52.0;
const BOX_W: f64 = 64.0;
const BOX_H: f64 = 28.0;

const HEAD_FILL: &str = "#e6e6e6";
const INK: &str = "#000";
const MARKER_ID: &str = "capaian-sop-arrow";
const TITLE_ID: &str = "capaian-sop-title";
const DESC_ID: &str = "capaian-sop-desc";

/// Splits `text` into lines no wider than `max_width` (by [`text_width`]). Lines break at
/// spaces (not at a no-break space), after `/` and `-`, and, for a word wider than the line, between characters; a
/// newline in the text is kept as a line break. No line is empty.
pub fn wrap_text(text: &str, max_width: f64, font_size: f64, bold: bool) -> Vec<String> {
    let fits = |s: &str| text_width(s, font_size, bold) <= max_width;
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut current = String::new();
        // A no-break space joins words that must stay together ("2 working" in "2 working days").
        let breakable = |c: char| c.is_whitespace() && c != '\u{A0}' && c != '\u{202F}';
        for word in paragraph.split(breakable).filter(|w| !w.is_empty()) {
            for (i, piece) in break_points(word).into_iter().enumerate() {
                let glue = if i == 0 && !current.is_empty() {
                    " "
                } else {
                    ""
                };
                let candidate = format!("{current}{glue}{piece}");
                if fits(&candidate) {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                if fits(piece) {
                    current = piece.to_string();
                    continue;
                }
                // A piece wider than the line: break it between characters.
                for c in piece.chars() {
                    let mut candidate = current.clone();
                    candidate.push(c);
                    if current.is_empty() || fits(&candidate) {
                        current = candidate;
                    } else {
                        lines.push(std::mem::replace(&mut current, c.to_string()));
                    }
                }
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
    }
    lines
}

/// A word cut after each `/` and `-` that has something after it.
fn break_points(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        if (c == '/' || c == '-') && i > start && end < word.len() {
            pieces.push(&word[start..end]);
            start = end;
        }
    }
    pieces.push(&word[start..]);
    pieces
}

/// The human label of a role, as a column heading.
pub fn role_label(role: Role, labels: &Labels) -> &'static str {
    labels.get(match role {
        Role::KepalaOpd => "peran_kepala_opd",
        Role::Sekretaris => "peran_sekretaris",
        Role::Kabid => "peran_kabid",
        Role::KasubagProgram => "peran_kasubag_program",
        Role::Kasubag => "peran_kasubag",
        Role::Kasi => "peran_kasi",
        Role::FungsionalUmum => "peran_fungsional_umum",
    })
}

/// The time standard in words: "10 menit" or "10 minutes".
pub fn time_label(time: TimeStandard, language: Language) -> String {
    match language {
        Language::Indonesian => time.to_string(),
        Language::English => {
            let (one, many) = match time.unit {
                TimeUnit::Minutes => ("minute", "minutes"),
                TimeUnit::Hours => ("hour", "hours"),
                TimeUnit::WorkingDays => ("working day", "working days"),
            };
            // A no-break space keeps the number with its unit when the cell wraps.
            format!(
                "{}\u{A0}{}",
                time.amount,
                if time.amount == 1 { one } else { many }
            )
        }
    }
}

/// Text for XML content and attribute values: the charts' escaping ([`crate::chart::escape_svg`]).
fn escape(text: &str) -> String {
    crate::chart::escape_svg(text)
}

/// A number for an attribute: at most two decimals, no trailing zeros, never "-0".
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 || !r.is_finite() {
        "0".to_string()
    } else if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
}

/// A column of the table that is not a swimlane.
struct TextColumn {
    key: &'static str,
    x: f64,
    width: f64,
    align: Align,
}

impl TextColumn {
    /// The column that starts at `x`, which moves on to its right edge.
    fn next(x: &mut f64, key: &'static str, width: f64, align: Align) -> TextColumn {
        let column = TextColumn {
            key,
            x: *x,
            width,
            align,
        };
        *x += width;
        column
    }
}

/// Text laid out in a cell: wrapped lines, top-aligned.
/// `column` is the cell's left edge and width; `top` the top of the first line's box.
fn text_block(
    out: &mut String,
    attrs: &str,
    lines: &[String],
    (x, width): (f64, f64),
    top: f64,
    align: Align,
    bold: bool,
) {
    if lines.is_empty() {
        return;
    }
    let (tx, anchor) = match align {
        Align::Left => (x + PAD_X, ""),
        Align::Center => (x + width / 2.0, " text-anchor=\"middle\""),
    };
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    let _ = write!(out, "<text {attrs}{anchor}{weight}>");
    for (i, line) in lines.iter().enumerate() {
        let y = top + ASCENT + LINE * i as f64;
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(tx),
            num(y),
            escape(line)
        );
    }
    out.push_str("</text>");
}

/// Height of a block of `n` lines with its padding.
fn block_height(n: usize) -> f64 {
    PAD_Y * 2.0 + LINE * n as f64
}

/// The swimlanes: the SOP's `pelaksana` in order (each once), then any role a step uses that
/// is not among them (flagged as extra).
fn lanes(sop: &Sop) -> Vec<(Role, bool)> {
    let mut lanes: Vec<(Role, bool)> = Vec::new();
    for actor in &sop.actors {
        if !lanes.iter().any(|(r, _)| *r == **actor) {
            lanes.push((**actor, false));
        }
    }
    for step in &sop.steps {
        if !lanes.iter().any(|(r, _)| *r == *step.actor) {
            lanes.push((*step.actor, true));
        }
    }
    lanes
}

/// The SOP's procedure as the classic Indonesian SOP flowchart, an inline SVG.
pub fn sop_flowchart(sop: &Sop, language: Language) -> String {
    let labels = Labels::new(language);
    let w = |key| labels.get(key);
    let lanes = lanes(sop);
    let mut steps: Vec<&SopStep> = sop.steps.iter().collect();
    steps.sort_by_key(|s| *s.no);

    // Columns, left to right.
    let x0 = MARGIN;
    let mut x = x0;
    let col_no = TextColumn::next(&mut x, "no", W_NO, Align::Center);
    let col_uraian = TextColumn::next(&mut x, "uraian", W_URAIAN, Align::Left);
    let lanes_x = x;
    let lane_x = |i: usize| lanes_x + W_LANE * i as f64;
    x += W_LANE * lanes.len() as f64;
    let mutu_x = x;
    let col_kelengkapan = TextColumn::next(&mut x, "kelengkapan", W_KELENGKAPAN, Align::Left);
    let col_waktu = TextColumn::next(&mut x, "waktu", W_WAKTU, Align::Center);
    let col_output = TextColumn::next(&mut x, "output", W_OUTPUT, Align::Left);
    let col_keterangan = TextColumn::next(&mut x, "keterangan", W_KETERANGAN, Align::Left);
    let x1 = x;
    let table_w = x1 - x0;

    // Header: a group row (Pelaksana, Mutu Baku), a row of column names, a row of numbers.
    let head_wrap = |text: &str, width: f64| wrap_text(text, width - 2.0 * PAD_X, FONT_SIZE, true);
    let lane_labels: Vec<Vec<String>> = lanes
        .iter()
        .map(|(role, _)| head_wrap(role_label(*role, &labels), W_LANE))
        .collect();
    let mutu_labels: Vec<(&TextColumn, Vec<String>)> = [
        (&col_kelengkapan, w("alur_kelengkapan")),
        (&col_waktu, w("alur_waktu")),
        (&col_output, w("alur_output")),
    ]
    .into_iter()
    .map(|(c, t)| (c, head_wrap(t, c.width)))
    .collect();
    let tall_labels: Vec<(&TextColumn, Vec<String>)> = [
        (&col_no, w("alur_no")),
        (&col_uraian, w("alur_uraian")),
        (&col_keterangan, w("alur_keterangan")),
    ]
    .into_iter()
    .map(|(c, t)| (c, head_wrap(t, c.width)))
    .collect();
    let pelaksana_label = head_wrap(
        w("alur_pelaksana"),
        (W_LANE * lanes.len() as f64).max(W_LANE),
    );
    let mutu_label = head_wrap(w("alur_mutu_baku"), W_KELENGKAPAN + W_WAKTU + W_OUTPUT);
    let group_h = block_height(pelaksana_label.len().max(mutu_label.len()))
        .max(HEAD_GROUP_H)
        .max(if lanes.is_empty() { 0.0 } else { HEAD_GROUP_H });
    let names_h = lane_labels
        .iter()
        .chain(mutu_labels.iter().map(|(_, l)| l))
        .map(|l| block_height(l.len()))
        .fold(HEAD_GROUP_H, f64::max);
    let tall_h = tall_labels
        .iter()
        .map(|(_, l)| block_height(l.len()))
        .fold(0.0, f64::max);
    let names_h = names_h.max(tall_h - group_h);
    let y0 = MARGIN;
    let y_names = y0 + group_h;
    let y_numbers = y_names + names_h;
    let y_body = y_numbers + HEAD_NUMBER_H;

    // Body rows: wrapped text and height per step.
    let text_columns = [
        &col_no,
        &col_uraian,
        &col_kelengkapan,
        &col_waktu,
        &col_output,
        &col_keterangan,
    ];
    struct Row<'a> {
        step: &'a SopStep,
        top: f64,
        height: f64,
        cells: Vec<Vec<String>>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut y = y_body;
    for step in &steps {
        let texts = [
            format!("{}.", *step.no),
            step.description.clone(),
            step.requirements.clone(),
            time_label(*step.time, language),
            step.output.clone(),
            step.note.clone(),
        ];
        let cells: Vec<Vec<String>> = text_columns
            .iter()
            .zip(texts.iter())
            .map(|(c, t)| wrap_text(t, c.width - 2.0 * PAD_X, FONT_SIZE, false))
            .collect();
        let height = cells
            .iter()
            .map(|l| block_height(l.len()))
            .fold(MIN_ROW_H, f64::max);
        rows.push(Row {
            step,
            top: y,
            height,
            cells,
        });
        y += height;
    }
    let empty_h = if rows.is_empty() { MIN_ROW_H } else { 0.0 };
    let y1 = y + empty_h;
    let legend_top = y1 + 14.0;
    let legend_h = 30.0;
    let total_w = x1 + MARGIN;
    let total_h = legend_top + legend_h + MARGIN;

    let mut out = String::new();
    let title = format!("{} {}", w("alur_judul"), sop.name);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sop-flowchart\" viewBox=\"0 0 {} {}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"{TITLE_ID} {DESC_ID}\" \
         font-family=\"{}\" font-size=\"{}\" fill=\"{INK}\" data-lanes=\"{}\" data-steps=\"{}\">",
        num(total_w),
        num(total_h),
        escape(FONT_FAMILY),
        num(FONT_SIZE),
        lanes.len(),
        steps.len(),
    );
    let _ = writeln!(out, "<title id=\"{TITLE_ID}\">{}</title>", escape(&title));
    let _ = writeln!(
        out,
        "<desc id=\"{DESC_ID}\">{}</desc>",
        escape(&describe(sop, &steps, &lanes, language, &labels))
    );
    let _ = writeln!(
        out,
        "<defs><marker id=\"{MARKER_ID}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"{INK}\" stroke=\"none\"/></marker></defs>"
    );
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#fff\" stroke=\"none\"/>",
        num(total_w),
        num(total_h)
    );

    // Header.
    out.push_str("<g class=\"header\">\n");
    for (col, lines) in &tall_labels {
        head_cell(
            &mut out,
            col.key,
            col.x,
            y0,
            col.width,
            y_numbers - y0,
            lines,
        );
    }
    if !lanes.is_empty() {
        head_cell(
            &mut out,
            "pelaksana",
            lanes_x,
            y0,
            W_LANE * lanes.len() as f64,
            group_h,
            &pelaksana_label,
        );
    }
    head_cell(
        &mut out,
        "mutu-baku",
        mutu_x,
        y0,
        W_KELENGKAPAN + W_WAKTU + W_OUTPUT,
        group_h,
        &mutu_label,
    );
    for (col, lines) in &mutu_labels {
        head_cell(&mut out, col.key, col.x, y_names, col.width, names_h, lines);
    }
    // The row of column numbers, as on the paper form.
    let mut number_columns: Vec<(f64, f64)> =
        vec![(col_no.x, col_no.width), (col_uraian.x, col_uraian.width)];
    number_columns.extend((0..lanes.len()).map(|i| (lane_x(i), W_LANE)));
    number_columns.extend(
        [&col_kelengkapan, &col_waktu, &col_output, &col_keterangan]
            .iter()
            .map(|c| (c.x, c.width)),
    );
    for (i, (cx, cw)) in number_columns.iter().enumerate() {
        let _ = writeln!(
            out,
            "<rect class=\"col-number-cell\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{HEAD_FILL}\" stroke=\"none\"/>\
             <text class=\"col-number\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\">{}</text>",
            num(*cx),
            num(y_numbers),
            num(*cw),
            num(HEAD_NUMBER_H),
            num(cx + cw / 2.0),
            num(y_numbers + 11.5),
            i + 1
        );
    }
    out.push_str("</g>\n");

    // Swimlanes.
    out.push_str("<g class=\"lanes\">\n");
    for (i, ((role, extra), label)) in lanes.iter().zip(&lane_labels).enumerate() {
        let lx = lane_x(i);
        let extra_attr = if *extra { " data-extra=\"true\"" } else { "" };
        let _ = write!(
            out,
            "<g class=\"lane\" data-role=\"{}\" data-index=\"{i}\"{extra_attr}>\
             <rect class=\"lane-head\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{HEAD_FILL}\" stroke=\"none\"/>",
            role.key(),
            num(lx),
            num(y_names),
            num(W_LANE),
            num(names_h)
        );
        let top = y_names + (names_h - block_height(label.len())) / 2.0 + PAD_Y;
        let attrs = format!("class=\"lane-label\" data-role=\"{}\"", role.key());
        text_block(
            &mut out,
            &attrs,
            label,
            (lx, W_LANE),
            top,
            Align::Center,
            true,
        );
        let _ = writeln!(
            out,
            "<rect class=\"lane-area\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff\" stroke=\"none\"/></g>",
            num(lx),
            num(y_body),
            num(W_LANE),
            num(y1 - y_body)
        );
    }
    out.push_str("</g>\n");

    // Rows: the text columns.
    out.push_str("<g class=\"rows\">\n");
    for row in &rows {
        let no = *row.step.no;
        let _ = write!(out, "<g class=\"row\" data-step=\"{no}\">");
        for (col, lines) in text_columns.iter().zip(&row.cells) {
            let _ = write!(
                out,
                "<rect class=\"cell\" data-col=\"{}\" data-step=\"{no}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff\" stroke=\"none\"/>",
                col.key,
                num(col.x),
                num(row.top),
                num(col.width),
                num(row.height)
            );
            let attrs = format!(
                "class=\"cell-text\" data-col=\"{}\" data-step=\"{no}\"",
                col.key
            );
            text_block(
                &mut out,
                &attrs,
                lines,
                (col.x, col.width),
                row.top + PAD_Y,
                col.align,
                false,
            );
        }
        out.push_str("</g>\n");
    }
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "<text class=\"no-steps\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-style=\"italic\">{}</text>",
            num(x0 + table_w / 2.0),
            num(y_body + MIN_ROW_H / 2.0 + 4.0),
            escape(w("alur_tanpa_langkah"))
        );
    }
    out.push_str("</g>\n");

    // Grid lines.
    grid(
        &mut out,
        &GridSpec {
            empty: rows.is_empty(),
            x0,
            x1,
            y0,
            y_names,
            y_numbers,
            y_body,
            y1,
            boundaries: column_boundaries(&number_columns),
            lanes_span: (!lanes.is_empty()).then(|| (lanes_x, lane_x(lanes.len()))),
            mutu_span: (mutu_x, col_keterangan.x),
            row_lines: rows.iter().skip(1).map(|r| r.top).collect(),
        },
    );

    // The flow: arrows first, so that boxes sit on top of their ends.
    let boxes: Vec<(f64, f64)> = rows
        .iter()
        .map(|row| {
            let lane = lanes
                .iter()
                .position(|(r, _)| *r == *row.step.actor)
                .unwrap_or(0);
            (lane_x(lane) + W_LANE / 2.0, row.top + row.height / 2.0)
        })
        .collect();
    out.push_str("<g class=\"flow\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\">\n");
    for (i, pair) in boxes.windows(2).enumerate() {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let target_top = by - BOX_H / 2.0;
        let d = if (ax - bx).abs() < 0.01 {
            format!(
                "M{},{} V{}",
                num(ax),
                num(ay + BOX_H / 2.0),
                num(target_top)
            )
        } else {
            let side = if bx > ax {
                ax + BOX_W / 2.0
            } else {
                ax - BOX_W / 2.0
            };
            format!(
                "M{},{} H{} V{}",
                num(side),
                num(ay),
                num(bx),
                num(target_top)
            )
        };
        let _ = writeln!(
            out,
            "<path class=\"arrow\" data-from=\"{}\" data-to=\"{}\" d=\"{d}\" marker-end=\"url(#{MARKER_ID})\"/>",
            *rows[i].step.no,
            *rows[i + 1].step.no
        );
    }
    let last = rows.len().saturating_sub(1);
    for (i, (row, (cx, cy))) in rows.iter().zip(&boxes).enumerate() {
        let (kind, label) = match (i == 0, i == last) {
            (true, true) => ("terminator start end", w("alur_mulai_selesai").to_string()),
            (true, false) => ("terminator start", w("mulai").to_string()),
            (false, true) => ("terminator end", w("selesai").to_string()),
            (false, false) => ("process", row.step.no.to_string()),
        };
        let step_box = StepBox {
            no: *row.step.no,
            role: row.step.actor.key(),
            kind,
            label: &label,
            cx: *cx,
            cy: *cy,
            approval: row.step.approval,
        };
        step_box.draw(&mut out);
    }
    out.push_str("</g>\n");

    legend(&mut out, &labels, x0, legend_top);
    out.push_str("</svg>\n");
    out
}

/// A header cell: grey fill, bold label centred both ways.
fn head_cell(
    out: &mut String,
    key: &str,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    lines: &[String],
) {
    let _ = write!(
        out,
        "<rect class=\"head\" data-col=\"{key}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{HEAD_FILL}\" stroke=\"none\"/>",
        num(x),
        num(y),
        num(width),
        num(height)
    );
    let top = y + (height - block_height(lines.len())) / 2.0 + PAD_Y;
    let attrs = format!("class=\"head-text\" data-col=\"{key}\"");
    text_block(out, &attrs, lines, (x, width), top, Align::Center, true);
    out.push('\n');
}

/// The x of every boundary between two adjacent columns.
fn column_boundaries(columns: &[(f64, f64)]) -> Vec<f64> {
    columns.iter().skip(1).map(|(x, _)| *x).collect()
}

struct GridSpec {
    empty: bool,
    x0: f64,
    x1: f64,
    y0: f64,
    y_names: f64,
    y_numbers: f64,
    y_body: f64,
    y1: f64,
    boundaries: Vec<f64>,
    lanes_span: Option<(f64, f64)>,
    mutu_span: (f64, f64),
    row_lines: Vec<f64>,
}

/// The table's rules: an outer border, the column rules (starting below the group row inside
/// the Pelaksana and Mutu Baku groups) and the row rules.
fn grid(out: &mut String, g: &GridSpec) {
    let inside =
        |x: f64, span: Option<(f64, f64)>| span.is_some_and(|(a, b)| x > a + 0.01 && x < b - 0.01);
    out.push_str("<g class=\"grid\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.8\">\n");
    let _ = writeln!(
        out,
        "<rect class=\"border\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" stroke-width=\"1.2\"/>",
        num(g.x0),
        num(g.y0),
        num(g.x1 - g.x0),
        num(g.y1 - g.y0)
    );
    let mut d = String::new();
    for &x in &g.boundaries {
        let top = if inside(x, g.lanes_span) || inside(x, Some(g.mutu_span)) {
            g.y_names
        } else {
            g.y0
        };
        // With no step, the body is one merged cell for the notice.
        let bottom = if g.empty { g.y_body } else { g.y1 };
        let _ = write!(d, "M{},{}V{}", num(x), num(top), num(bottom));
    }
    for (a, b) in g.lanes_span.into_iter().chain([g.mutu_span]) {
        let _ = write!(d, "M{},{}H{}", num(a), num(g.y_names), num(b));
    }
    for y in [g.y_numbers, g.y_body]
        .into_iter()
        .chain(g.row_lines.iter().copied())
    {
        let _ = write!(d, "M{},{}H{}", num(g.x0), num(y), num(g.x1));
    }
    let _ = writeln!(out, "<path class=\"rules\" d=\"{d}\"/>");
    out.push_str("</g>\n");
}

struct StepBox<'a> {
    no: u32,
    role: &'a str,
    /// "process", "terminator start", "terminator end" or "terminator start end".
    kind: &'a str,
    label: &'a str,
    cx: f64,
    cy: f64,
    approval: bool,
}

impl StepBox<'_> {
    fn draw(&self, out: &mut String) {
        let (x, y) = (self.cx - BOX_W / 2.0, self.cy - BOX_H / 2.0);
        let rx = if self.kind.starts_with("terminator") {
            BOX_H / 2.0
        } else {
            0.0
        };
        let approval_attr = if self.approval {
            " data-approval=\"true\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<rect class=\"step {}\" data-step=\"{}\" data-role=\"{}\"{approval_attr} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"#fff\"/>",
            self.kind,
            self.no,
            self.role,
            num(x),
            num(y),
            num(BOX_W),
            num(BOX_H),
            num(rx)
        );
        if self.approval {
            // A double border: a second outline inside the first.
            let inset = 3.0;
            let _ = write!(
                out,
                "<rect class=\"approval-border\" data-step=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" stroke-width=\"0.8\"/>",
                self.no,
                num(x + inset),
                num(y + inset),
                num(BOX_W - 2.0 * inset),
                num(BOX_H - 2.0 * inset),
                num((rx - inset).max(0.0))
            );
        }
        // The label: the step number in a process box, Mulai/Selesai in a terminator.
        let mut size = 10.0;
        while size > 6.0 && text_width(self.label, size, false) > BOX_W - 12.0 {
            size -= 0.5;
        }
        let _ = write!(
            out,
            "<text class=\"step-label\" data-step=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"#000\" stroke=\"none\">{}</text>",
            self.no,
            num(self.cx),
            num(self.cy + size * 0.36),
            num(size),
            escape(self.label)
        );
        if self.approval {
            approval_mark(out, self.no, x + BOX_W, y);
        }
        out.push('\n');
    }
}

/// A check mark in a small circle, centred on (`cx`, `cy`).
fn approval_mark(out: &mut String, no: u32, cx: f64, cy: f64) {
    let _ = write!(
        out,
        "<g class=\"approval-mark\" data-step=\"{no}\"><circle cx=\"{}\" cy=\"{}\" r=\"6.5\" fill=\"#fff\" stroke-width=\"1\"/>\
         <path d=\"M{},{} L{},{} L{},{}\" stroke-width=\"1.6\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></g>",
        num(cx),
        num(cy),
        num(cx - 3.2),
        num(cy + 0.2),
        num(cx - 0.9),
        num(cy + 2.6),
        num(cx + 3.3),
        num(cy - 2.6)
    );
}

/// What the shapes mean, under the table.
fn legend(out: &mut String, labels: &Labels, x0: f64, top: f64) {
    let (bw, bh) = (34.0, 16.0);
    let cy = top + bh / 2.0;
    let symbol = |x: f64, rx: f64| {
        format!(
            "<rect class=\"legend-symbol\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"#fff\"/>",
            num(x),
            num(top),
            num(bw),
            num(bh),
            num(rx)
        )
    };
    out.push_str("<g class=\"legend\" font-size=\"10\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\">\n");
    let mut x = x0;
    for (i, label) in [
        "alur_mulai_selesai",
        "alur_kegiatan",
        "alur_persetujuan",
        "alur_arah",
    ]
    .map(|key| labels.get(key))
    .into_iter()
    .enumerate()
    {
        let shape = match i {
            0 => symbol(x, bh / 2.0),
            1 => symbol(x, 0.0),
            2 => {
                let mut mark = String::new();
                approval_mark(&mut mark, 0, x + bw, top);
                format!(
                    "{}<rect class=\"legend-symbol\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" stroke-width=\"0.8\"/>{}",
                    symbol(x, 0.0),
                    num(x + 3.0),
                    num(top + 3.0),
                    num(bw - 6.0),
                    num(bh - 6.0),
                    mark.replace(
                        "class=\"approval-mark\" data-step=\"0\"",
                        "class=\"legend-symbol\""
                    )
                )
            }
            _ => format!(
                "<path class=\"legend-symbol\" d=\"M{},{} H{}\" marker-end=\"url(#{MARKER_ID})\"/>",
                num(x),
                num(cy),
                num(x + bw)
            ),
        };
        let _ = writeln!(
            out,
            "<g class=\"legend-item\">{shape}<text x=\"{}\" y=\"{}\" fill=\"#000\" stroke=\"none\">{}</text></g>",
            num(x + bw + 12.0),
            num(cy + 3.6),
            escape(label)
        );
        // Measured with the embedded font, with room for a wider fallback font: the items
        // never run into each other.
        let label_w = text_width(label, 10.0, false);
        x += bw + 12.0 + label_w * 1.15 + 28.0;
    }
    out.push_str("</g>\n");
}

/// The steps in words, for `<desc>`.
fn describe(
    sop: &Sop,
    steps: &[&SopStep],
    lanes: &[(Role, bool)],
    language: Language,
    labels: &Labels,
) -> String {
    let w = |key| labels.get(key);
    let roles: Vec<&str> = lanes.iter().map(|(r, _)| role_label(*r, labels)).collect();
    let mut text = format!(
        "{} {}: {} {} {} {} {} ({}).",
        w("alur_ringkasan"),
        sop.name,
        steps.len(),
        w("alur_langkah_banyak"),
        w("alur_oleh"),
        lanes.len(),
        w("alur_pelaksana_banyak"),
        roles.join(", ")
    );
    let last = steps.len().saturating_sub(1);
    for (i, step) in steps.iter().enumerate() {
        let mut tags = Vec::new();
        if i == 0 {
            tags.push(w("mulai").to_lowercase());
        }
        if i == last {
            tags.push(w("selesai").to_lowercase());
        }
        if step.approval {
            tags.push(w("alur_persetujuan").to_lowercase());
        }
        let tags = if tags.is_empty() {
            String::new()
        } else {
            format!(" ({})", tags.join(", "))
        };
        let description = step
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            text,
            " {} {}{tags}, {}: {}",
            w("alur_langkah"),
            *step.no,
            role_label(*step.actor, labels),
            description
        );
        if !description.ends_with(['.', '!', '?']) {
            text.push('.');
        }
        let _ = write!(
            text,
            " {} {}",
            w("alur_waktu"),
            time_label(*step.time, language)
        );
        if !step.output.trim().is_empty() {
            let _ = write!(
                text,
                ", {}: {}",
                w("alur_output").to_lowercase(),
                step.output.trim()
            );
        }
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_width_and_keeps_words() {
        let text = "Meminta realisasi capaian atas target dalam Perjanjian Kinerja kepada penanggung jawab Program/Kegiatan.";
        let lines = wrap_text(text, 100.0, 11.0, false);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(text_width(line, 11.0, false) <= 100.0, "{line}");
        }
        assert_eq!(lines.join(" ").replace("/ ", "/"), text);
    }

    #[test]
    fn breaks_a_word_wider_than_the_line() {
        let lines = wrap_text(&"x".repeat(60), 50.0, 11.0, false);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 11.0, false) <= 50.0));
        assert_eq!(lines.concat(), "x".repeat(60));
    }

    #[test]
    fn escapes_and_drops_invalid_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39; "
        );
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
    }
}
