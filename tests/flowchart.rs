//! The SOP flowchart: the SVG is parsed, never compared as a string.

use capaian::flowchart::{FONT_SIZE, sop_flowchart, text_width};
use capaian::model::{Language, Sop};
use roxmltree::{Document, Node};

/// The seed's SOP as the data reference reads it: 4 lanes, 12 steps, steps 9 and 10 approve.
const SEED: &str = r#"
nama = "SOP Pengumpulan Data Capaian Kinerja"
nomor = "065/017/DP3APPKB/2022"
dasar_hukum = ["Permendagri 52/2011"]
kualifikasi = ["Memiliki kewenangan"]
keterkaitan = ["SOP Rapat Internal"]
peralatan = ["Renstra"]
pencatatan = ["Dokumen program"]
peringatan = "Jika tidak dilaksanakan sesuai SOP, maka proses tidak berjalan lancar."
pelaksana = ["kepala_opd", "sekretaris", "kasubag_program", "fungsional_umum"]

[[langkah]]
no = 1
uraian = "Memerintahkan pengumpulan data capaian kinerja."
pelaksana = "kepala_opd"
kelengkapan = "Disposisi surat"
waktu = "10 menit"
output = "Disposisi surat"

[[langkah]]
no = 2
uraian = "Mengkoordinir pengumpulan data capaian kinerja."
pelaksana = "sekretaris"
kelengkapan = "Disposisi surat"
waktu = "10 menit"
output = "Disposisi surat"

[[langkah]]
no = 3
uraian = "Mempelajari target-target dalam dokumen Perjanjian Kinerja Kepala OPD, Pejabat Eselon III dan IV."
pelaksana = "kasubag_program"
kelengkapan = "Perjanjian Kinerja"
waktu = "2 jam"
output = "Perjanjian Kinerja"

[[langkah]]
no = 4
uraian = "Meminta realisasi capaian atas target dalam Perjanjian Kinerja kepada penanggung jawab Program/Kegiatan."
pelaksana = "kasubag_program"
kelengkapan = "Format realisasi capaian kinerja"
waktu = "1 jam"
output = "Draft data capaian kinerja"

[[langkah]]
no = 5
uraian = "Membandingkan antara realisasi capaian dengan target kinerja dalam dokumen Perjanjian Kinerja."
pelaksana = "fungsional_umum"
kelengkapan = "Draft data capaian kinerja"
waktu = "2 jam"
output = "Draft data capaian kinerja"

[[langkah]]
no = 6
uraian = "Menganalisis perbandingan data kinerja."
pelaksana = "fungsional_umum"
kelengkapan = "Draft data capaian kinerja"
waktu = "2 hari"
output = "Draft data capaian kinerja"

[[langkah]]
no = 7
uraian = "Menyusun konsep data capaian kinerja."
pelaksana = "fungsional_umum"
kelengkapan = "Draft data capaian kinerja"
waktu = "2 hari"
output = "Dokumen data capaian kinerja"

[[langkah]]
no = 8
uraian = "Mengoreksi konsep data capaian kinerja."
pelaksana = "kasubag_program"
kelengkapan = "Dokumen data capaian kinerja"
waktu = "1 hari"
output = "Dokumen data capaian kinerja"

[[langkah]]
no = 9
uraian = "Menyampaikan data capaian kinerja kepada Kepala OPD untuk dimintakan persetujuan."
pelaksana = "sekretaris"
kelengkapan = "Dokumen data capaian kinerja"
waktu = "1 jam"
output = "Dokumen data capaian kinerja"
persetujuan = true

[[langkah]]
no = 10
uraian = "Penandatanganan dokumen data capaian kinerja oleh Kepala OPD."
pelaksana = "kepala_opd"
kelengkapan = "Konsep surat pengantar"
waktu = "10 menit"
output = "Surat pengantar"
persetujuan = true

[[langkah]]
no = 11
uraian = "Membuat surat pengantar pengiriman sekaligus penomoran surat, kemudian diserahkan ke staf untuk dikirimkan ke alamat yang dituju."
pelaksana = "kasubag_program"
kelengkapan = "Dokumen data capaian kinerja"
waktu = "15 menit"
output = "Dokumen data capaian kinerja"

[[langkah]]
no = 12
uraian = "Mengantar surat, Menggandakan dan mengarsipkan dokumen data capaian kinerja."
pelaksana = "fungsional_umum"
kelengkapan = "Dokumen data capaian kinerja"
waktu = "1 jam"
output = "Dokumen data capaian kinerja"
"#;

const HEAD: &str = r#"
dasar_hukum = []
kualifikasi = []
keterkaitan = []
peralatan = []
pencatatan = []
peringatan = ""
"#;

/// An SOP of another agency: 3 lanes in another order, 5 steps, roles the seed does not use,
/// editor text with markup, one word wider than any column, steps written out of order.
fn other_sop() -> Sop {
    let long = "Memeriksa ".repeat(30);
    let text = format!(
        r#"nama = "SOP Verifikasi <script>alert('nama')</script> & Arsip"
pelaksana = ["kabid", "kasi", "kepala_opd"]
{HEAD}
[[langkah]]
no = 2
uraian = "{long}Sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss selesai."
pelaksana = "kabid"
kelengkapan = "Format-realisasi-capaian-kinerja-triwulanan-yang-sangat-panjang"
waktu = "3 hari"
output = "Berita acara verifikasi data capaian kinerja triwulan"
keterangan = "Dilakukan bersama tim evaluasi internal, dicatat dalam buku agenda."
persetujuan = true

[[langkah]]
no = 1
uraian = "Menerima <script>alert('x')</script> surat & memeriksa kelengkapannya."
pelaksana = "kasi"
kelengkapan = "Surat masuk"
waktu = "1 menit"
output = "Surat"

[[langkah]]
no = 3
uraian = "Menyetujui hasil verifikasi."
pelaksana = "kepala_opd"
kelengkapan = "Berita acara"
waktu = "10 menit"
output = "Disposisi"
persetujuan = true

[[langkah]]
no = 4
uraian = "Meneruskan disposisi."
pelaksana = "kasi"
kelengkapan = "Disposisi"
waktu = "2 jam"
output = "Surat"

[[langkah]]
no = 5
uraian = "Mengarsipkan."
pelaksana = "kabid"
kelengkapan = "Surat"
waktu = "1 jam"
output = "Arsip"
"#
    );
    parse(&text)
}

fn parse(text: &str) -> Sop {
    toml::from_str(text).unwrap_or_else(|e| panic!("test SOP does not parse: {e}"))
}

fn seed() -> Sop {
    parse(SEED)
}

fn attr<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", node.tag_name().name()))
}

fn num(node: Node, name: &str) -> f64 {
    attr(node, name)
        .parse()
        .unwrap_or_else(|_| panic!("{name} of <{}> is not a number", node.tag_name().name()))
}

fn has_class(node: Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

fn all<'a, 'i>(doc: &'a Document<'i>, tag: &str, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag && has_class(*n, class))
        .collect()
}

#[derive(Debug)]
struct Lane {
    role: String,
    x: f64,
    width: f64,
    label: String,
}

fn lanes(doc: &Document) -> Vec<Lane> {
    all(doc, "g", "lane")
        .into_iter()
        .map(|g| {
            let area = g
                .children()
                .find(|n| has_class(*n, "lane-area"))
                .expect("lane has a lane-area");
            let label = g
                .children()
                .find(|n| has_class(*n, "lane-label"))
                .expect("lane has a label");
            let label: Vec<&str> = label.children().filter_map(|t| t.text()).collect();
            Lane {
                role: attr(g, "data-role").to_string(),
                x: num(area, "x"),
                width: num(area, "width"),
                label: label.join(" "),
            }
        })
        .collect()
}

#[derive(Debug, Clone)]
struct StepBox {
    no: u32,
    role: String,
    class: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    rx: f64,
    approval: bool,
}

impl StepBox {
    fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
}

fn boxes(doc: &Document) -> Vec<StepBox> {
    all(doc, "rect", "step")
        .into_iter()
        .map(|r| StepBox {
            no: attr(r, "data-step").parse().unwrap(),
            role: attr(r, "data-role").to_string(),
            class: attr(r, "class").to_string(),
            x: num(r, "x"),
            y: num(r, "y"),
            w: num(r, "width"),
            h: num(r, "height"),
            rx: r.attribute("rx").map_or(0.0, |v| v.parse().unwrap()),
            approval: r.attribute("data-approval") == Some("true"),
        })
        .collect()
}

#[derive(Debug)]
struct Arrow {
    from: u32,
    to: u32,
    points: Vec<(f64, f64)>,
}

/// The points of a path made of `M x,y`, `H x` and `V y` commands.
fn points(d: &str) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    let mut rest = d.trim();
    while !rest.is_empty() {
        let cmd = rest.chars().next().unwrap();
        let end = rest[1..]
            .find(['M', 'H', 'V'])
            .map_or(rest.len(), |i| i + 1);
        let arg = rest[1..end].trim();
        let (lx, ly) = pts.last().copied().unwrap_or((0.0, 0.0));
        match cmd {
            'M' => {
                let (x, y) = arg.split_once(',').expect("M x,y");
                pts.push((x.trim().parse().unwrap(), y.trim().parse().unwrap()));
            }
            'H' => pts.push((arg.parse().unwrap(), ly)),
            'V' => pts.push((lx, arg.parse().unwrap())),
            other => panic!("unexpected path command {other} in {d}"),
        }
        rest = rest[end..].trim_start();
    }
    pts
}

fn arrows(doc: &Document) -> Vec<Arrow> {
    all(doc, "path", "arrow")
        .into_iter()
        .map(|p| Arrow {
            from: attr(p, "data-from").parse().unwrap(),
            to: attr(p, "data-to").parse().unwrap(),
            points: points(attr(p, "d")),
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

/// The checks every flowchart passes, whatever its SOP.
fn check_structure(sop: &Sop, svg: &str) {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );

    // One lane per pelaksana, in order, side by side without overlap.
    let lanes = lanes(&doc);
    let expected: Vec<&str> = sop.actors.iter().map(|r| r.key()).collect();
    let got: Vec<&str> = lanes.iter().map(|l| l.role.as_str()).collect();
    assert_eq!(got, expected, "lanes");
    for pair in lanes.windows(2) {
        assert!(
            pair[0].x + pair[0].width <= pair[1].x + 0.01,
            "lanes overlap: {pair:?}"
        );
    }

    // One box per step, each inside its pelaksana's lane, in the order of the steps.
    let boxes = boxes(&doc);
    let mut steps: Vec<_> = sop.steps.iter().collect();
    steps.sort_by_key(|s| *s.no);
    assert_eq!(boxes.len(), steps.len(), "one box per step");
    for (b, step) in boxes.iter().zip(&steps) {
        assert_eq!(b.no, *step.no);
        assert_eq!(b.role, step.actor.key(), "role of box {}", b.no);
        let lane = lanes
            .iter()
            .find(|l| l.role == b.role)
            .expect("the box's lane exists");
        assert!(
            b.x >= lane.x && b.x + b.w <= lane.x + lane.width,
            "box {} is outside its lane {lane:?}: {b:?}",
            b.no
        );
        assert_eq!(b.approval, step.approval, "approval mark of step {}", b.no);
    }
    for pair in boxes.windows(2) {
        assert!(
            pair[0].y + pair[0].h < pair[1].y,
            "box {} is not above box {}",
            pair[0].no,
            pair[1].no
        );
    }

    // Terminators: a stadium on the first and on the last step, rectangles between.
    let last = boxes.len().saturating_sub(1);
    for (i, b) in boxes.iter().enumerate() {
        let classes: Vec<&str> = b.class.split_whitespace().collect();
        assert_eq!(
            classes.contains(&"start"),
            i == 0,
            "start class on box {}",
            b.no
        );
        assert_eq!(
            classes.contains(&"end"),
            i == last,
            "end class on box {}",
            b.no
        );
        let terminator = i == 0 || i == last;
        assert_eq!(classes.contains(&"terminator"), terminator);
        assert_eq!(classes.contains(&"process"), !terminator);
        if terminator {
            assert!(
                close(b.rx, b.h / 2.0),
                "terminator {} is not a stadium: {b:?}",
                b.no
            );
        } else {
            assert!(close(b.rx, 0.0), "process box {} is not a rectangle", b.no);
        }
    }

    // Arrows: exactly one from each step to the next (terminators are steps and have no
    // connector of their own), from the source box's edge into the top of the target box,
    // made of horizontal and vertical segments, with an arrowhead marker.
    let arrows = arrows(&doc);
    assert_eq!(
        arrows.len(),
        steps.len().saturating_sub(1),
        "arrows = steps - 1"
    );
    for (arrow, pair) in arrows.iter().zip(boxes.windows(2)) {
        let (a, b) = (&pair[0], &pair[1]);
        assert_eq!((arrow.from, arrow.to), (a.no, b.no));
        let (sx, sy) = arrow.points[0];
        let (ex, ey) = *arrow.points.last().unwrap();
        assert!(
            close(ex, b.cx()) && close(ey, b.y),
            "arrow {}→{} does not end on top of box {}",
            a.no,
            b.no,
            b.no
        );
        let on_edge = (close(sx, a.x) || close(sx, a.x + a.w)) && sy >= a.y && sy <= a.y + a.h
            || close(sy, a.y + a.h) && sx >= a.x && sx <= a.x + a.w;
        assert!(
            on_edge,
            "arrow {}→{} does not start on box {}'s edge",
            a.no, b.no, a.no
        );
        for seg in arrow.points.windows(2) {
            assert!(
                close(seg[0].0, seg[1].0) || close(seg[0].1, seg[1].1),
                "diagonal segment in {arrow:?}"
            );
        }
        if a.role == b.role {
            assert_eq!(
                arrow.points.len(),
                2,
                "straight down within a lane: {arrow:?}"
            );
        } else {
            assert_eq!(arrow.points.len(), 3, "one elbow across lanes: {arrow:?}");
        }
    }
    for path in all(&doc, "path", "arrow") {
        let marker = attr(path, "marker-end");
        let id = marker
            .strip_prefix("url(#")
            .and_then(|m| m.strip_suffix(')'))
            .expect("marker-end is url(#id)");
        let target = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
            .expect("marker exists");
        assert_eq!(target.tag_name().name(), "marker");
    }

    // Self-contained, no script, printable: black lines on white, greys only.
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "foreignObject", "image", "use", "a", "style"].contains(&name),
            "<{name}> in the SVG"
        );
        for a in node.attributes() {
            assert!(!a.name().starts_with("on"), "event handler {}", a.name());
            assert!(a.name() != "href", "external reference");
            if a.name() == "stroke" {
                assert!(
                    ["#000", "none"].contains(&a.value()),
                    "stroke {} is not black",
                    a.value()
                );
            }
            if a.name() == "fill" {
                assert!(
                    ["#000", "#fff", "none", "#e6e6e6"].contains(&a.value()),
                    "fill {} is not a grey",
                    a.value()
                );
            }
            if let Some(inner) = a.value().strip_prefix("url(") {
                assert!(inner.starts_with('#'), "external url in {}", a.name());
            }
        }
    }

    // Accessible and scalable.
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    assert!(
        root.attribute("height").is_none(),
        "height follows the viewBox"
    );
    let view_box: Vec<f64> = attr(root, "viewBox")
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view_box.len(), 4);
    let first = root.children().find(|n| n.is_element()).unwrap();
    assert_eq!(first.tag_name().name(), "title");
    assert!(
        first.text().is_some_and(|t| t.contains(&sop.name)),
        "title names the SOP"
    );
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .expect("<desc>")
        .text()
        .unwrap_or("");
    for step in &steps {
        assert!(
            desc.contains(step.description.split_whitespace().next().unwrap()),
            "desc tells step {}",
            *step.no
        );
    }
    // Everything drawn is inside the viewBox.
    for b in &boxes {
        assert!(b.x >= 0.0 && b.y >= 0.0 && b.x + b.w <= view_box[2] && b.y + b.h <= view_box[3]);
    }

    check_cells(&doc);
}

/// Every wrapped line of every text cell fits in its cell, by the same width estimate the
/// renderer uses; and the text in the cells is the step's text, whole.
fn check_cells(doc: &Document) {
    let cells = all(doc, "rect", "cell");
    for text in all(doc, "text", "cell-text") {
        let (col, step) = (attr(text, "data-col"), attr(text, "data-step"));
        let cell = cells
            .iter()
            .find(|c| attr(**c, "data-col") == col && attr(**c, "data-step") == step)
            .unwrap_or_else(|| panic!("no cell for {col} of step {step}"));
        let (cx, cy, cw, ch) = (
            num(*cell, "x"),
            num(*cell, "y"),
            num(*cell, "width"),
            num(*cell, "height"),
        );
        let middle = text.attribute("text-anchor") == Some("middle");
        for tspan in text.children().filter(|n| n.has_tag_name("tspan")) {
            let line = tspan.text().unwrap_or("");
            let (x, y) = (num(tspan, "x"), num(tspan, "y"));
            let w = text_width(line, FONT_SIZE, false);
            let (left, right) = if middle {
                (x - w / 2.0, x + w / 2.0)
            } else {
                (x, x + w)
            };
            assert!(
                left >= cx && right <= cx + cw,
                "{line:?} ({col}, step {step}) spills out of its cell horizontally"
            );
            assert!(
                y - FONT_SIZE >= cy && y + FONT_SIZE * 0.25 <= cy + ch,
                "{line:?} ({col}, step {step}) spills out vertically"
            );
        }
    }
}

fn cell_lines(doc: &Document, col: &str, step: u32) -> Vec<String> {
    let step = step.to_string();
    all(doc, "text", "cell-text")
        .into_iter()
        .find(|t| attr(*t, "data-col") == col && attr(*t, "data-step") == step)
        .map(|t| {
            t.children()
                .filter_map(|s| s.text())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn seed_sop_has_its_lanes_boxes_and_arrows() {
    let sop = seed();
    let svg = sop_flowchart(&sop, Language::Indonesian);
    check_structure(&sop, &svg);
    let doc = Document::parse(&svg).unwrap();
    let lanes = lanes(&doc);
    let labels: Vec<&str> = lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Kepala OPD",
            "Sekretaris",
            "Kasubag Program",
            "Fungsional Umum"
        ]
    );
    let boxes = boxes(&doc);
    let lane_of = |no: u32| boxes.iter().find(|b| b.no == no).unwrap().role.clone();
    for (no, role) in [
        (1, "kepala_opd"),
        (2, "sekretaris"),
        (3, "kasubag_program"),
        (4, "kasubag_program"),
        (5, "fungsional_umum"),
        (8, "kasubag_program"),
        (9, "sekretaris"),
        (10, "kepala_opd"),
        (12, "fungsional_umum"),
    ] {
        assert_eq!(lane_of(no), role, "step {no}");
    }
    // Steps 3→4 stay in the lane: a straight arrow; 4→5 crosses: an elbow.
    let arrows = arrows(&doc);
    assert_eq!(arrows.len(), 11);
    assert_eq!(arrows.iter().find(|a| a.from == 3).unwrap().points.len(), 2);
    assert_eq!(arrows.iter().find(|a| a.from == 4).unwrap().points.len(), 3);
    // The header reads like the paper form.
    let heads: Vec<String> = all(&doc, "text", "head-text")
        .iter()
        .map(|t| {
            t.children()
                .filter_map(|s| s.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for label in [
        "No",
        "Uraian Prosedur",
        "Pelaksana",
        "Mutu Baku",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Keterangan",
    ] {
        assert!(
            heads.iter().any(|h| h == label),
            "header {label} missing: {heads:?}"
        );
    }
    assert_eq!(cell_lines(&doc, "waktu", 6), ["2 hari"]);
    assert_eq!(cell_lines(&doc, "no", 12), ["12."]);
}

#[test]
fn approval_steps_are_marked_by_shape_not_colour() {
    let svg = sop_flowchart(&seed(), Language::Indonesian);
    let doc = Document::parse(&svg).unwrap();
    let approved: Vec<u32> = boxes(&doc)
        .iter()
        .filter(|b| b.approval)
        .map(|b| b.no)
        .collect();
    assert_eq!(approved, [9, 10]);
    let marked = |class: &str| -> Vec<u32> {
        doc.descendants()
            .filter(|n| has_class(*n, class))
            .map(|n| attr(n, "data-step").parse().unwrap())
            .collect()
    };
    assert_eq!(marked("approval-border"), [9, 10], "double border");
    assert_eq!(marked("approval-mark"), [9, 10], "check-mark tag");
    // The inner border sits inside its box.
    let boxes = boxes(&doc);
    for inner in all(&doc, "rect", "approval-border") {
        let b = boxes
            .iter()
            .find(|b| b.no.to_string() == attr(inner, "data-step"))
            .unwrap();
        assert!(num(inner, "x") > b.x && num(inner, "x") + num(inner, "width") < b.x + b.w);
        assert!(num(inner, "y") > b.y && num(inner, "y") + num(inner, "height") < b.y + b.h);
    }
}

#[test]
fn another_agency_gets_its_own_chart() {
    let sop = other_sop();
    let svg = sop_flowchart(&sop, Language::Indonesian);
    check_structure(&sop, &svg);
    let doc = Document::parse(&svg).unwrap();
    let lanes = lanes(&doc);
    let labels: Vec<&str> = lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["Kepala Bidang", "Kepala Seksi", "Kepala OPD"]);
    let boxes = boxes(&doc);
    let order: Vec<(u32, &str)> = boxes.iter().map(|b| (b.no, b.role.as_str())).collect();
    assert_eq!(
        order,
        [
            (1, "kasi"),
            (2, "kabid"),
            (3, "kepala_opd"),
            (4, "kasi"),
            (5, "kabid")
        ],
        "sorted by no"
    );
    let approved: Vec<u32> = boxes.iter().filter(|b| b.approval).map(|b| b.no).collect();
    assert_eq!(approved, [2, 3]);
    assert_eq!(arrows(&doc).len(), 4);
    // Different SOPs, different pictures.
    assert_ne!(svg, sop_flowchart(&seed(), Language::Indonesian));
}

#[test]
fn long_text_wraps_inside_its_cell() {
    let sop = other_sop();
    let doc_text = sop_flowchart(&sop, Language::Indonesian);
    let doc = Document::parse(&doc_text).unwrap();
    // check_cells (in check_structure) proves every line fits; here: it did wrap, lost nothing,
    // and the row grew to hold it.
    check_cells(&doc);
    let step = sop.step(2).unwrap();
    let lines = cell_lines(&doc, "uraian", 2);
    assert!(lines.len() > 5, "{lines:?}");
    let joined: String = lines
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let original: String = step
        .description
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(joined, original, "wrapping loses no character");
    let kelengkapan = cell_lines(&doc, "kelengkapan", 2);
    assert!(
        kelengkapan.len() > 1 && kelengkapan[0].ends_with('-'),
        "breaks after a hyphen: {kelengkapan:?}"
    );
    let rows: Vec<(String, f64)> = all(&doc, "rect", "cell")
        .into_iter()
        .filter(|c| attr(*c, "data-col") == "uraian")
        .map(|c| (attr(c, "data-step").to_string(), num(c, "height")))
        .collect();
    let tall = rows.iter().find(|(s, _)| s == "2").unwrap().1;
    let short = rows.iter().find(|(s, _)| s == "3").unwrap().1;
    assert!(tall > short + 5.0 * 12.0, "row 2 grew: {rows:?}");
}

#[test]
fn editor_text_is_escaped() {
    let sop = other_sop();
    let svg = sop_flowchart(&sop, Language::Indonesian);
    let doc = Document::parse(&svg).expect("well-formed despite <script> and & in the text");
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    let text = cell_lines(&doc, "uraian", 1).join(" ");
    assert!(
        text.contains("<script>alert('x')</script>"),
        "markup comes out as text: {text}"
    );
    assert!(text.contains("surat & memeriksa"));
    let title = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap();
    assert_eq!(
        title.text(),
        Some("Diagram alir SOP Verifikasi <script>alert('nama')</script> & Arsip")
    );
    assert!(!svg.contains("<script"), "no raw <script in the bytes");
}

#[test]
fn output_is_deterministic() {
    for sop in [seed(), other_sop()] {
        for language in [Language::Indonesian, Language::English] {
            let a = sop_flowchart(&sop, language);
            let b = sop_flowchart(&sop.clone(), language);
            assert_eq!(a.as_bytes(), b.as_bytes());
        }
    }
}

#[test]
fn english_labels() {
    let sop = seed();
    let svg = sop_flowchart(&sop, Language::English);
    check_structure(&sop, &svg);
    let doc = Document::parse(&svg).unwrap();
    let labels: Vec<String> = lanes(&doc).into_iter().map(|l| l.label).collect();
    assert_eq!(
        labels,
        [
            "Head of Agency",
            "Secretary",
            "Head of Programme Subdivision",
            "General Staff"
        ]
    );
    assert_eq!(
        cell_lines(&doc, "waktu", 6),
        ["2\u{A0}working", "days"],
        "the number stays with its unit"
    );
    assert_eq!(cell_lines(&doc, "waktu", 1), ["10\u{A0}minutes"]);
    let start = doc
        .descendants()
        .find(|n| has_class(*n, "step-label") && n.attribute("data-step") == Some("1"));
    assert_eq!(start.and_then(|n| n.text()), Some("Start"));
    let desc = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("desc"))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        desc.starts_with("Flowchart of SOP Pengumpulan Data Capaian Kinerja: 12 steps by 4 roles"),
        "{desc}"
    );
    assert!(desc.contains("Step 9 (approval), Secretary:"), "{desc}");
}

#[test]
fn one_step_and_no_step_do_not_panic() {
    let one = parse(&format!(
        r#"nama = "Satu"
pelaksana = ["sekretaris"]
{HEAD}
[[langkah]]
no = 1
uraian = "Satu-satunya langkah."
pelaksana = "sekretaris"
kelengkapan = "-"
waktu = "1 jam"
output = "-"
persetujuan = true
"#
    ));
    let svg = sop_flowchart(&one, Language::Indonesian);
    check_structure(&one, &svg);
    let doc = Document::parse(&svg).unwrap();
    let single = boxes(&doc);
    assert_eq!(single.len(), 1);
    assert_eq!(single[0].class, "step terminator start end");
    assert!(arrows(&doc).is_empty());

    let none = parse(&format!(
        "nama = \"Kosong\"\npelaksana = [\"kasi\", \"kabid\"]\nlangkah = []\n{HEAD}"
    ));
    let svg = sop_flowchart(&none, Language::Indonesian);
    check_structure(&none, &svg);
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(lanes(&doc).len(), 2);
    assert!(boxes(&doc).is_empty());
    assert!(doc.descendants().any(|n| has_class(n, "no-steps")));

    let nothing = parse(&format!(
        "nama = \"\"\npelaksana = []\nlangkah = []\n{HEAD}"
    ));
    let svg = sop_flowchart(&nothing, Language::English);
    Document::parse(&svg).expect("an empty SOP is still a picture");
}

#[test]
fn a_step_outside_the_lanes_gets_an_extra_lane() {
    // A validation error elsewhere; the chart must still show every step.
    let sop = parse(&format!(
        r#"nama = "Salah"
pelaksana = ["kasi"]
{HEAD}
[[langkah]]
no = 1
uraian = "A"
pelaksana = "kasi"
kelengkapan = "-"
waktu = "1 jam"
output = "-"
[[langkah]]
no = 2
uraian = "B"
pelaksana = "kabid"
kelengkapan = "-"
waktu = "1 jam"
output = "-"
"#
    ));
    let svg = sop_flowchart(&sop, Language::Indonesian);
    let doc = Document::parse(&svg).unwrap();
    let extra: Vec<(&str, Option<&str>)> = all(&doc, "g", "lane")
        .iter()
        .map(|g| (attr(*g, "data-role"), g.attribute("data-extra")))
        .collect();
    assert_eq!(extra, [("kasi", None), ("kabid", Some("true"))]);
    let lanes = lanes(&doc);
    let b = boxes(&doc).into_iter().find(|b| b.no == 2).unwrap();
    assert!(b.x >= lanes[1].x && b.x + b.w <= lanes[1].x + lanes[1].width);
}

#[test]
fn the_demo_sop_draws() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/content/sop.toml");
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let sop = parse(&text);
    for language in [Language::Indonesian, Language::English] {
        check_structure(&sop, &sop_flowchart(&sop, language));
    }
}
