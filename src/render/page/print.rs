//! The printed report, `/<year>/cetak/`: the year's whole LKjIP as one document, in the
//! structure of the PermenPAN-RB 53/2014 annex, for the browser's print dialog or
//! `capaian pdf`.
//!
//! | part | from |
//! |---|---|
//! | cover | `site.toml` (agency, region), the year, the theme's `logo.*` when it has one |
//! | Kata Pengantar, Ikhtisar Eksekutif | the pages with `bab = 0` (the Kata Pengantar signed by the head), then the computed summary |
//! | Daftar Isi, Daftar Tabel, Daftar Gambar | the headings below (a line per sasaran strategis of the head's PK), the numbered tables and figures, as in-page links |
//! | Bab I–IV | the pages with that `bab`, in `urutan` order; Bab II adds the Renstra, the IKU table and the head's PK; Bab III A is the head's PK by sasaran strategis (indicators, one chart, the seven comparisons of each indicator), Bab III B the budget down to sub-kegiatan; Bab IV closes with the report's signature (place, date, signer, room to sign) |
//! | Lampiran | every PK as signed, the IKU document, the review statement (`[reviu]`), the other PKs' detail (what Bab III held when it listed every PK), the methods, the evidence files |
//!
//! The pages are the year's own (`<year>/pages/`) and the site pages (`pages/`) that have a
//! `bab`, never another year's; their shortcodes quote this year's values. The document is
//! dated by the year's approval, or by `tanggal_laporan` while the year is a draft. The `@page`
//! rules live in the theme (`cetak.html`, `style.css`); the view gives them the running header
//! and the draft mark as CSS strings.
//!
//! Like mdBook's print page, the document is one HTML file: every id is unique in it (the
//! Markdown pages' and analyses' ids get a prefix, the charts' ids too), and links between its
//! parts become in-page anchors (a page, an indicator, a PK, a goal or a programme of this
//! year); links elsewhere (other years, downloads) stay links into the site.
//!
//! Page numbers: Chromium prints `@page` margin boxes (the footer's page number), but not
//! `target-counter()`, so the table of contents is a list of in-page links, which a PDF keeps
//! as clickable links. The stylesheet asks for `target-counter()` anyway, for the print engines
//! that have it (WeasyPrint, Prince); Chromium shows no number rather than a wrong one.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::model::Page;
use crate::render::charts::ChartView;
use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::markdown::Ids;
use crate::render::narrative::Quotes;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::theme;
use crate::render::view::{
    self, ANALYSIS_HEADING_OFFSET, GoalView, IndicatorPageView, PageMeta, PkView, Views, YearView,
};

/// The names a theme's logo may have, in the order they are looked for.
const LOGO_NAMES: &[&str] = &[
    "logo.svg",
    "logo.png",
    "logo.jpg",
    "logo.jpeg",
    "logo.webp",
    "img/logo.svg",
    "img/logo.png",
    "img/logo.jpg",
];

/// The chapters: number, Roman numeral and the label of its title.
const CHAPTERS: [(i64, &str, &str); 4] = [
    (1, "I", "bab_1"),
    (2, "II", "bab_2"),
    (3, "III", "bab_3"),
    (4, "IV", "bab_4"),
];

/// What `cetak.html` gets as `cetak` (besides `year`, the year's [`YearView`], and `charts`,
/// the year's charts).
#[derive(Clone, Debug, Serialize)]
pub struct PrintView {
    pub tahun: i32,
    pub disetujui: bool,
    /// The URL of the theme's logo (`static/logo.svg`, `.png`, …), when it has one.
    pub logo: Option<String>,
    /// The year the report is issued: the year of [`PrintView::tanggal`], else the year after
    /// the budget year, or the year of `tanggal_laporan` when that is earlier.
    pub tahun_terbit: i32,
    /// The date of the document, `YYYY-MM-DD`: the day the year's approval was signed, else
    /// `tanggal_laporan`.
    pub tanggal: Option<String>,
    /// Who signs the document: the signer of the approval, else the head of the agency.
    pub penandatangan: Option<view::OfficialView>,
    /// Every heading of the table of contents, in document order.
    pub daftar_isi: Vec<TocEntry>,
    /// The numbered tables ("Tabel 3.1 …") and figures ("Gambar 3.1 …"), in document order.
    pub daftar_tabel: Vec<TocEntry>,
    pub daftar_gambar: Vec<TocEntry>,
    /// The pages with `bab = 0` (Kata Pengantar, Ikhtisar Eksekutif), in `urutan` order.
    pub depan: Vec<SectionView>,
    /// The heading of the computed summary that closes the front part.
    pub ringkasan: Heading,
    /// Bab I to IV.
    pub bab: Vec<ChapterView>,
    /// The headings of the generated sections of Bab II and III, lettered after the
    /// chapter's own sections when those are lettered (`A.`, `B.`, …).
    pub bagian: Generated,
    /// The captions of the numbered tables and figures outside Bab III A.
    pub tabel: Tables,
    pub gambar: Figures,
    /// Bab II: the Renstra's targets.
    pub renstra: Option<RenstraTable>,
    /// Bab II and the annex: the Indikator Kinerja Utama, from the head's PK.
    pub iku: Vec<IkuRow>,
    /// Every PK in the order of the hierarchy with its goals and indicators in detail.
    pub pk: Vec<PrintPk>,
    /// The position in `pk` of the head of the agency's PK (the official with
    /// `peran = "kepala_opd"`, else the first PK of the hierarchy): Bab III A, by sasaran
    /// strategis. The others are detailed in the annex.
    pub kepala: Option<usize>,
    /// Whether there is a PK besides the head's.
    pub ada_bawahan: bool,
    /// The APIP's review statement, when the year records one.
    pub reviu: Option<view::lkjip::ReviewView>,
    /// The running header of every sheet but the cover, as a CSS string literal (escaped for
    /// a `<style>` element); the theme's `@page` rules put it in place.
    pub kepala_halaman: String,
    /// For a year not approved, the DRAFT mark of every sheet, as a CSS string literal.
    pub tanda_draft: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub label: String,
    /// 1 a chapter (or the front part, the annex), 2 a section, 3 a sasaran strategis or a PK.
    pub level: u8,
}

#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    pub id: String,
    pub judul: String,
}

/// A numbered table or figure: its anchor and its caption ("Tabel 2.1 Target …").
#[derive(Clone, Debug, Serialize)]
pub struct Caption {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Generated {
    pub renstra: Heading,
    pub iku: Heading,
    pub pk: Heading,
    pub capaian: Heading,
    pub anggaran: Heading,
}

/// The numbered tables of Bab II and Bab III B.
#[derive(Clone, Debug, Serialize)]
pub struct Tables {
    pub renstra: Option<Caption>,
    pub iku: Option<Caption>,
    /// The head's PK: goals, indicators, targets.
    pub pk: Option<Caption>,
    /// The head's PK: programmes and budget.
    pub program: Option<Caption>,
    /// Every PK of the year, one row each.
    pub rekap: Caption,
    pub anggaran: Option<Caption>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub anggaran: Option<Caption>,
    pub efisiensi: Option<Caption>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChapterView {
    pub nomor: i64,
    pub romawi: &'static str,
    pub judul: String,
    pub id: String,
    pub bagian: Vec<SectionView>,
}

/// One Markdown page in the document.
#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub id: String,
    pub slug: String,
    /// The page's title, when it is not the chapter's own (a chapter of one page whose title
    /// is the chapter's name shows it once).
    pub judul: Option<String>,
    /// The page's title, for the table of contents.
    pub label: String,
    /// The page's HTML: ids prefixed, `h2`s given ids for the table of contents.
    pub html: String,
    /// The Kata Pengantar (slug `pengantar`, or titled so): signed by the head.
    pub pengantar: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct RenstraTable {
    pub awal: i32,
    pub akhir: i32,
    /// The years that have a target, as columns.
    pub tahun: Vec<i32>,
    pub baris: Vec<RenstraRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RenstraRow {
    pub nama: String,
    pub satuan: String,
    /// Numbers, or words of an ordinal indicator.
    pub kondisi_awal: Option<crate::model::Value>,
    /// One per column of `tahun`.
    pub target: Vec<Option<crate::model::Value>>,
    /// The Renstra `[[tujuan]]` on the first row of its indicators.
    pub tujuan_baru: Option<String>,
    /// The indicator in Bab III, when this year has it.
    pub url: Option<String>,
}

/// One Indikator Kinerja Utama: the row of the IKU table (Bab II) and of the IKU document
/// (the annex).
#[derive(Clone, Debug, Serialize)]
pub struct IkuRow {
    pub nomor: String,
    /// The anchor of the indicator in Bab III A.
    pub id: String,
    pub sasaran: String,
    pub indikator: view::IndicatorView,
    /// How the value is obtained (`rumus`): the operational definition.
    pub definisi: String,
    /// How the value is computed (`rumus`), when the definition is written apart from it.
    pub formula: Option<String>,
    /// The achievement formula in use.
    pub rumus_capaian: String,
    pub sumber_data: String,
    /// The positions of the officials whose goals carry it (those that cascade from its goal),
    /// else the head's.
    pub penanggung_jawab: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PrintPk {
    /// `1`, `2`, … in the order of the hierarchy (the annex); `0` for the head (Bab III A).
    pub nomor: usize,
    pub pk: PkView,
    pub sasaran: Vec<PrintGoal>,
    /// Whether an indicator of it shows how its achievement was computed (the methods annex
    /// gives it a table).
    pub ada_cara_menghitung: bool,
    /// The files its computed values come from, numbered from 1 in the methods annex: each
    /// value's place there is `<number>:<line>` (see [`number_files`]).
    pub berkas: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PrintGoal {
    /// `1` in Bab III A, `1.2` in the annex.
    pub nomor: String,
    pub sasaran: GoalView,
    pub indikator: Vec<PrintIndicator>,
    /// Bab III A: the caption of the goal's table of indicators.
    pub tabel: Option<Caption>,
    /// Bab III A: the goal's one chart and its caption.
    pub gambar: Option<Caption>,
    pub grafik: Option<ChartView>,
    /// The annex (a PK below the head's): the years before this one that some indicator's
    /// history reaches, the columns of comparison 2 in the goal's measurement table.
    pub tahun_lalu: Vec<i32>,
    /// The annex: the last year of the Renstra when some indicator of the goal is in it (the
    /// columns of comparison 3); `None` when none is.
    pub renstra_akhir: Option<i32>,
    /// The annex: whether some indicator of the goal has a standard or benchmark (the column
    /// of comparison 4).
    pub ada_pembanding: bool,
    /// The annex: comparisons 6 and 7, the programmes of the goal and of the goals below that
    /// cascade from it (the same for each of its indicators, so written once).
    pub program: Vec<view::ProgrammeView>,
    /// Whether `program` holds programmes of goals below.
    pub program_bawahan: bool,
    /// The annex: the numbers of its indicators that have no analysis yet (comparison 5).
    pub tanpa_analisis: Vec<String>,
    /// The annex: an earlier goal of the same PK whose programmes (comparisons 6 and 7) are
    /// exactly these, which shows them; `program` is then empty.
    pub program_seperti: Option<SameAs>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PrintIndicator {
    /// `1.2` in Bab III A, `1.2.3` in the annex.
    pub nomor: String,
    /// The anchor of the indicator in the document.
    pub id: String,
    /// What the indicator's own page shows.
    pub data: IndicatorPageView,
    /// Whether its quarters say anything: it has quarterly targets or more than one quarter
    /// reported (a yearly statistic reported once shows its year alone).
    pub per_triwulan: bool,
    /// The annex: its achievement in each year of its goal's `tahun_lalu` (`None`: not in
    /// that year, or not measured). Its `data.riwayat` and `data.program` are then empty: the
    /// table and the goal say them once.
    pub capaian_lalu: Vec<Option<f64>>,
    /// Bab III A: the first indicator of its goal when its programmes (comparisons 6 and 7)
    /// are that one's, which shows them; its own `data.program` is then empty.
    pub program_seperti: Option<SameAs>,
}

/// Another indicator of the document: its anchor and its number.
#[derive(Clone, Debug, Serialize)]
pub struct SameAs {
    pub id: String,
    pub nomor: String,
}

/// Renders `<year>/cetak/index.html`.
pub(crate) fn render_cetak(
    out: &Output<'_>,
    views: &Views<'_>,
    quotes: &Quotes<'_, '_>,
    data: &YearData<'_>,
    year_view: &YearView,
) -> Result<(), RenderError> {
    let Some(path) = out.wanted(&crate::route::Route::Print(data.year)) else {
        return Ok(());
    };
    let labels = views.labels;
    let logo = LOGO_NAMES
        .iter()
        .find(|name| out.theme.static_files().any(|(n, _)| n == **name))
        .map(|name| views.url(name));
    let links = Links::new(views, data, year_view);
    let cetak = build(views, quotes, data, year_view, &links, logo);
    let title = format!("{} {}", labels.get("lkjip_judul"), data.year);
    let meta = PageMeta {
        kind: "cetak",
        title: title.clone(),
        url: cetak_url(views, data.year),
        breadcrumbs: vec![
            home(views),
            year_crumb(views, data.year),
            crumb(labels.get("versi_cetak"), None),
        ],
        year: Some(data.year),
        draft: !year_view.disetujui,
        prev: None,
        next: None,
    };
    // The views' links into the document are its anchors (`Links::views`); the site's
    // navigation, from `page`, keeps pointing at the site.
    let mut context = Context::new();
    // The context holds a copy: a large year's view is tens of megabytes. The view, its
    // anchored JSON and the context's copy are never all alive at once.
    let anchored = links.views(&cetak)?;
    drop(cetak);
    context.insert("cetak", &anchored);
    drop(anchored);
    context.insert("year", &links.views(year_view)?);
    context.insert(
        "charts",
        &links.views(&views.charts.with_prefix("cetak-").year(data))?,
    );
    // The follow-up of the last evaluation's recommendations, for the annex (the partial
    // the evaluation page uses).
    context.insert("tindak_lanjut", &links.views(&views.follow_up(data.year))?);
    out.add_reader(&meta, &mut context);
    context.insert("page", &meta);
    let template = "cetak.html";
    let html = out
        .tera
        .render(template, &context)
        .map_err(|e| RenderError::Render {
            template: template.to_string(),
            page: path.clone(),
            origin: out.theme.origin_of(template),
            message: theme::error_chain(&e),
        })?;
    drop(context);
    let html = drop_unlinked_ids(&html);
    out.file(path, html.into_bytes(), &format!("the page \"{title}\""))
}

/// The ids of the annex's indicator rows that nothing in the document points at (no link,
/// no page number of the table of contents, no label) are left out: the annex numbers a
/// thousand indicator rows on a large report and few of them are link targets. Only ids
/// written `<tr id="indikator-…"` are candidates; every other id stays (a goal's, a
/// chapter's, Bab III's indicators: places a reader may link to from elsewhere).
fn drop_unlinked_ids(html: &str) -> String {
    let mut wanted: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for attribute in [
        " href=",
        " data-halaman-untuk=",
        " aria-labelledby=",
        " aria-describedby=",
        " aria-controls=",
    ] {
        for (at, _) in html.match_indices(attribute) {
            // Quoted (`"a b"`) or not (`#a`, up to a space or the tag's end).
            let rest = &html[at + attribute.len()..];
            let value = match rest.strip_prefix('"') {
                Some(quoted) => &quoted[..quoted.find('"').unwrap_or(quoted.len())],
                None => &rest[..rest.find([' ', '>']).unwrap_or(rest.len())],
            };
            let value = if attribute == " href=" {
                value.strip_prefix('#').unwrap_or_default()
            } else {
                value
            };
            wanted.extend(value.split_ascii_whitespace());
        }
    }
    let mut kept = String::with_capacity(html.len());
    let mut last = 0;
    for (at, _) in html.match_indices(" id=\"") {
        let start = at + " id=\"".len();
        let Some(length) = html[start..].find('"') else {
            continue;
        };
        let id = &html[start..start + length];
        let row = html[..at].ends_with("<tr");
        if row && id.starts_with("indikator-") && !wanted.contains(id) {
            kept.push_str(&html[last..at]);
            last = start + length + 1;
        }
    }
    kept.push_str(&html[last..]);
    kept
}

pub(crate) fn cetak_url(views: &Views<'_>, year: i32) -> String {
    views.route_url(&crate::route::Route::Print(year))
}

/// Numbers the tables (or the figures) of the document chapter by chapter, in the order they
/// are asked for, which is the order they appear in: "Tabel 2.1", "Tabel 2.2", "Tabel 3.1".
struct Numbering {
    word: &'static str,
    slug: &'static str,
    chapter: u8,
    next: usize,
    list: Vec<TocEntry>,
}

impl Numbering {
    fn new(word: &'static str, slug: &'static str) -> Numbering {
        Numbering {
            word,
            slug,
            chapter: 0,
            next: 1,
            list: Vec::new(),
        }
    }

    fn chapter(&mut self, chapter: u8) {
        self.chapter = chapter;
        self.next = 1;
    }

    fn take(&mut self, title: &str) -> Caption {
        let caption = Caption {
            id: format!("{}-{}-{}", self.slug, self.chapter, self.next),
            label: format!("{} {}.{} {title}", self.word, self.chapter, self.next),
        };
        self.next += 1;
        self.list.push(TocEntry {
            id: caption.id.clone(),
            label: caption.label.clone(),
            level: 2,
        });
        caption
    }
}

fn build(
    views: &Views<'_>,
    quotes: &Quotes<'_, '_>,
    data: &YearData<'_>,
    year_view: &YearView,
    links: &Links,
    logo: Option<String>,
) -> PrintView {
    let labels = views.labels;
    let report = views.report;
    let section = |p: &Page, chapter: Option<&str>| {
        let body = quotes.expand(p, Some(data.year));
        page_section(
            views,
            p,
            &anchor_slug(report, data.year, p),
            &body,
            chapter,
            links,
        )
    };

    // The front part: the pages of chapter 0, then the computed summary.
    let depan: Vec<SectionView> = crate::narrative::chapter_pages(report, data.year, 0)
        .into_iter()
        .map(|p| section(p, None))
        .collect();
    let ringkasan = Heading {
        id: "ringkasan-capaian".into(),
        judul: format!(
            "{} {} {}",
            labels.get("ringkasan_capaian"),
            labels.get("tahun"),
            data.year
        ),
    };

    let bab: Vec<ChapterView> = CHAPTERS
        .iter()
        .map(|&(nomor, romawi, key)| {
            let judul = labels.get(key).to_string();
            let bagian = crate::narrative::chapter_pages(report, data.year, nomor)
                .into_iter()
                .map(|p| section(p, Some(&judul)))
                .collect();
            ChapterView {
                nomor,
                romawi,
                judul,
                id: format!("bab-{nomor}"),
                bagian,
            }
        })
        .collect();

    let head = head_position(views, data);
    let head_view = head.and_then(|h| year_view.pk.get(h));
    let renstra = renstra_table(views, data);
    let iku = head
        .map(|h| iku_rows(views, data, year_view, h))
        .unwrap_or_default();

    // Bab II: the Renstra, the IKU, the head's PK.
    let mut letters = Letters::after(&bab[1].bagian);
    let renstra_title = match &renstra {
        Some(r) => format!("{} {}–{}", labels.get("target_renstra"), r.awal, r.akhir),
        None => labels.get("target_renstra").to_string(),
    };
    let renstra_heading = Heading {
        id: "renstra".into(),
        judul: if renstra.is_some() {
            letters.label(&renstra_title)
        } else {
            renstra_title.clone()
        },
    };
    let iku_title = labels.get("indikator_kinerja_utama").to_string();
    let iku_heading = Heading {
        id: "iku".into(),
        judul: if iku.is_empty() {
            iku_title.clone()
        } else {
            letters.label(&iku_title)
        },
    };
    let pk_heading = Heading {
        id: "perjanjian-kinerja".into(),
        judul: letters.label(&format!(
            "{} {} {}",
            labels.get("perjanjian_kinerja"),
            labels.get("tahun"),
            data.year
        )),
    };
    // The regulation letters Bab III's parts itself: A. Capaian Kinerja Organisasi, B.
    // Realisasi Anggaran; the chapter's own sections, when not lettered, come before them.
    let mut letters = Letters::after(&bab[2].bagian).or_from_a();
    let bagian = Generated {
        renstra: renstra_heading,
        iku: iku_heading,
        pk: pk_heading,
        capaian: Heading {
            id: "capaian-kinerja".into(),
            judul: letters.label(labels.get("capaian_kinerja_organisasi")),
        },
        anggaran: Heading {
            id: "realisasi-anggaran".into(),
            judul: letters.label(labels.get("realisasi_anggaran")),
        },
    };

    // The numbered tables and figures, in the order of the document.
    let mut tables = Numbering::new(labels.get("tabel"), "tabel");
    let mut figures = Numbering::new(labels.get("gambar"), "gambar");
    tables.chapter(2);
    figures.chapter(2);
    let tabel_renstra = renstra.as_ref().map(|_| tables.take(&renstra_title));
    let tabel_iku = (!iku.is_empty()).then(|| tables.take(&iku_title));
    let jabatan = head_view.map(|pk| pk.pejabat.jabatan.clone());
    let tabel_pk = jabatan.as_ref().map(|j| {
        tables.take(&format!(
            "{} {j} {} {}",
            labels.get("perjanjian_kinerja"),
            labels.get("tahun"),
            data.year
        ))
    });
    let tabel_program = head_view.filter(|pk| !pk.program.is_empty()).map(|pk| {
        tables.take(&format!(
            "{} {}",
            labels.get("program_dan_anggaran"),
            pk.pejabat.jabatan
        ))
    });
    let tabel_rekap = tables.take(&format!(
        "{} {} {}",
        labels.get("rekap_pk_judul"),
        labels.get("tahun"),
        data.year
    ));

    tables.chapter(3);
    figures.chapter(3);
    let mut pks = organisation(views, data, year_view, head, links);
    if let Some(kepala) = head.and_then(|h| pks.get_mut(h)) {
        let pk = data.ordered[head.unwrap_or_default()];
        for (goal, s) in pk.goals.iter().zip(&mut kepala.sasaran) {
            let name = format!("{} {}", kepala.pk.jenis_sasaran, s.nomor);
            s.tabel = Some(tables.take(&format!(
                "{} {name}: {}",
                labels.get("capaian_indikator"),
                s.sasaran.nama
            )));
            s.grafik = views
                .charts
                .with_prefix(&format!("cetak-sasaran-{}--", *goal.id))
                .goal(data, pk, goal);
            s.gambar = s
                .grafik
                .as_ref()
                .map(|c| figures.take(&format!("{name}: {}", c.title)));
        }
    }
    let rinci = year_view.program.iter().any(|p| !p.kegiatan.is_empty());
    let tabel_anggaran = (!year_view.program.is_empty()).then(|| {
        tables.take(labels.get(if rinci {
            "realisasi_anggaran_rinci"
        } else {
            "realisasi_anggaran_per_program"
        }))
    });
    let year_charts = views.charts.year(data);
    let gambar_anggaran = year_charts
        .anggaran
        .as_ref()
        .map(|c| figures.take(&c.title));
    let gambar_efisiensi = year_charts
        .efisiensi
        .as_ref()
        .map(|c| figures.take(&c.title));

    let reviu = year_view.reviu.clone();
    let daftar_isi = table_of_contents(
        views,
        &depan,
        &ringkasan,
        &bab,
        &bagian,
        &renstra,
        !iku.is_empty(),
        &pks,
        head,
        reviu.is_some(),
        views.follow_up(data.year).is_some(),
        year_view,
    );
    let tanggal = print_date(views, year_view);
    PrintView {
        tahun: data.year,
        disetujui: year_view.disetujui,
        logo,
        tahun_terbit: match &tanggal {
            Some(date) => date
                .get(..4)
                .and_then(|y| y.parse().ok())
                .unwrap_or_else(|| issue_year(views, data.year)),
            None => issue_year(views, data.year),
        },
        tanggal,
        penandatangan: signer(year_view, head_view),
        daftar_isi,
        daftar_tabel: tables.list,
        daftar_gambar: figures.list,
        depan,
        ringkasan,
        bab,
        bagian,
        tabel: Tables {
            renstra: tabel_renstra,
            iku: tabel_iku,
            pk: tabel_pk,
            program: tabel_program,
            rekap: tabel_rekap,
            anggaran: tabel_anggaran,
        },
        gambar: Figures {
            anggaran: gambar_anggaran,
            efisiensi: gambar_efisiensi,
        },
        renstra,
        iku,
        ada_bawahan: pks.len() > usize::from(head.is_some()),
        pk: pks,
        kepala: head,
        reviu,
        kepala_halaman: css_string(&running_header(views, data.year)),
        tanda_draft: (!year_view.disetujui).then(|| css_string(labels.get("draft_banner"))),
    }
}

/// The position in the hierarchy of the head's PK: the PK of the official whose `peran` is
/// `kepala_opd`, else the first PK (the highest echelon).
fn head_position(views: &Views<'_>, data: &YearData<'_>) -> Option<usize> {
    let report = views.report;
    data.ordered
        .iter()
        .position(|pk| {
            report
                .official(&pk.official)
                .is_some_and(|o| *o.role == crate::model::Role::KepalaOpd)
        })
        .or_else(|| (!data.ordered.is_empty()).then_some(0))
}

/// The Indikator Kinerja Utama: the indicators of the head's PK marked `iku = true`; all of
/// them when the year marks none (the head's PK measures the organisation).
fn iku_rows(
    views: &Views<'_>,
    data: &YearData<'_>,
    year_view: &YearView,
    head: usize,
) -> Vec<IkuRow> {
    let report = views.report;
    let (Some(pk), Some(pk_view)) = (data.ordered.get(head), year_view.pk.get(head)) else {
        return Vec::new();
    };
    let marked = data.indicators().any(|(_, _, i)| i.is_iku());
    let mut rows = Vec::new();
    for (m, goal) in pk.goals.iter().enumerate() {
        let mut carriers: Vec<String> = Vec::new();
        for (child_pk, _) in data.children(&goal.id) {
            if let Some(o) = report.official(&child_pk.official)
                && !carriers.contains(&o.position)
            {
                carriers.push(o.position.clone());
            }
        }
        if carriers.is_empty() {
            carriers.push(pk_view.pejabat.jabatan.clone());
        }
        let Some(goal_view) = pk_view.sasaran.get(m) else {
            continue;
        };
        for (k, (indicator, indicator_view)) in
            goal.indicators.iter().zip(&goal_view.indikator).enumerate()
        {
            if marked && !indicator.is_iku() {
                continue;
            }
            let page = views.indicator_page(data, pk, goal, indicator, pk_view);
            rows.push(IkuRow {
                nomor: format!("{}.{}", m + 1, k + 1),
                id: format!("indikator-{}", *indicator.id),
                sasaran: goal.name.clone(),
                indikator: indicator_view.clone(),
                definisi: if page.definisi.definisi.trim().is_empty() {
                    page.definisi.rumus.clone()
                } else {
                    page.definisi.definisi.clone()
                },
                formula: Some(page.definisi.rumus.clone())
                    .filter(|r| !r.trim().is_empty() && !page.definisi.definisi.trim().is_empty()),
                rumus_capaian: page.definisi.rumus_capaian.clone(),
                sumber_data: page.definisi.sumber_data.clone(),
                penanggung_jawab: if page.definisi.penanggung_jawab.trim().is_empty() {
                    carriers.clone()
                } else {
                    vec![page.definisi.penanggung_jawab.clone()]
                },
            });
        }
    }
    rows
}

fn entry(heading: &Heading, level: u8) -> TocEntry {
    TocEntry {
        id: heading.id.clone(),
        label: heading.judul.clone(),
        level,
    }
}

#[allow(clippy::too_many_arguments)]
fn table_of_contents(
    views: &Views<'_>,
    depan: &[SectionView],
    ringkasan: &Heading,
    bab: &[ChapterView],
    generated: &Generated,
    renstra: &Option<RenstraTable>,
    iku: bool,
    pks: &[PrintPk],
    head: Option<usize>,
    reviu: bool,
    tindak_lanjut: bool,
    year_view: &YearView,
) -> Vec<TocEntry> {
    let labels = views.labels;
    let mut toc = Vec::new();
    if depan.is_empty() {
        toc.push(TocEntry {
            id: "ikhtisar".into(),
            label: labels.get("ikhtisar_eksekutif").into(),
            level: 1,
        });
    }
    for section in depan {
        toc.push(TocEntry {
            id: section.id.clone(),
            label: section.label.clone(),
            level: 1,
        });
        toc.extend(section_toc(section));
    }
    toc.push(entry(ringkasan, 2));
    toc.push(TocEntry {
        id: "daftar-tabel".into(),
        label: labels.get("daftar_tabel").into(),
        level: 1,
    });
    toc.push(TocEntry {
        id: "daftar-gambar".into(),
        label: labels.get("daftar_gambar").into(),
        level: 1,
    });
    for chapter in bab {
        toc.push(TocEntry {
            id: chapter.id.clone(),
            label: format!("{} {} {}", labels.get("bab"), chapter.romawi, chapter.judul),
            level: 1,
        });
        for section in &chapter.bagian {
            match &section.judul {
                Some(title) => toc.push(TocEntry {
                    id: section.id.clone(),
                    label: title.clone(),
                    level: 2,
                }),
                None => toc.extend(section_toc(section)),
            }
        }
        match chapter.nomor {
            2 => {
                if renstra.is_some() {
                    toc.push(entry(&generated.renstra, 2));
                }
                if iku {
                    toc.push(entry(&generated.iku, 2));
                }
                toc.push(entry(&generated.pk, 2));
            }
            3 => {
                toc.push(entry(&generated.capaian, 2));
                // A line per sasaran strategis of the head's PK.
                if let Some(pk) = head.and_then(|h| pks.get(h)) {
                    for s in &pk.sasaran {
                        toc.push(TocEntry {
                            id: format!("sasaran-{}", s.sasaran.id),
                            label: format!(
                                "{} {}: {}",
                                pk.pk.jenis_sasaran, s.nomor, s.sasaran.nama
                            ),
                            level: 3,
                        });
                    }
                }
                toc.push(entry(&generated.anggaran, 2));
            }
            4 => toc.push(TocEntry {
                id: "pengesahan".into(),
                label: labels.get("pengesahan_laporan").into(),
                level: 2,
            }),
            _ => {}
        }
    }
    toc.push(TocEntry {
        id: "lampiran".into(),
        label: labels.get("lampiran").into(),
        level: 1,
    });
    for pk in &year_view.pk {
        toc.push(TocEntry {
            id: format!("lampiran-{}", pk.id),
            label: format!(
                "{} {}",
                labels.get("perjanjian_kinerja"),
                pk.pejabat.jabatan
            ),
            level: 2,
        });
    }
    if iku {
        toc.push(TocEntry {
            id: "lampiran-iku".into(),
            label: labels.get("dokumen_iku").into(),
            level: 2,
        });
    }
    if reviu {
        toc.push(TocEntry {
            id: "lampiran-reviu".into(),
            label: labels.get("pernyataan_reviu").into(),
            level: 2,
        });
    }
    if tindak_lanjut {
        toc.push(TocEntry {
            id: "lampiran-tindak-lanjut".into(),
            label: labels.get("tindak_lanjut_rekomendasi").into(),
            level: 2,
        });
    }
    let mut bawahan = pks
        .iter()
        .enumerate()
        .filter(|(n, _)| Some(*n) != head)
        .map(|(_, pk)| pk)
        .peekable();
    if bawahan.peek().is_some() {
        toc.push(TocEntry {
            id: "lampiran-capaian".into(),
            label: labels.get("capaian_rinci_bawahan").into(),
            level: 2,
        });
        for pk in bawahan {
            toc.push(TocEntry {
                id: format!("capaian-pk-{}", pk.pk.id),
                label: format!("{}. {}", pk.nomor, pk.pk.pejabat.jabatan),
                level: 3,
            });
        }
    }
    toc.push(TocEntry {
        id: "lampiran-metodologi".into(),
        label: labels.get("metodologi_perhitungan").into(),
        level: 2,
    });
    toc.push(TocEntry {
        id: "lampiran-bukti".into(),
        label: labels.get("daftar_berkas_bukti").into(),
        level: 2,
    });
    toc
}

/// The `h2`s of a Markdown page, which [`page_section`] gave ids.
fn section_toc(section: &SectionView) -> Vec<TocEntry> {
    let mut entries = Vec::new();
    let mut rest = section.html.as_str();
    let open = format!("<h2 id=\"bag-{}-", section.slug);
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + "<h2 id=\"".len()..];
        let Some(quote) = after.find('"') else { break };
        let id = &after[..quote];
        let Some(close) = after.find("</h2>") else {
            break;
        };
        let inner = &after[quote..close];
        let inner = inner.split_once('>').map_or("", |(_, text)| text);
        entries.push(TocEntry {
            id: id.to_string(),
            label: text_of(inner),
            level: 2,
        });
        rest = &after[close..];
    }
    entries
}

/// A Markdown page as a section of the document. In the front part a page is a part of its
/// own (its title an `h1`, its sections `h2`); in a chapter (an `h1`) it is a section (`h2`),
/// unless its title is the chapter's name (the usual one page per chapter), in which case its
/// own sections are the chapter's.
fn page_section(
    views: &Views<'_>,
    page: &Page,
    slug: &str,
    body: &str,
    chapter: Option<&str>,
    links: &Links,
) -> SectionView {
    let id = format!("hal-{slug}");
    let own_title = body.trim_start().starts_with("# ");
    let (judul, offset) = match chapter {
        None => ((!own_title).then(|| page.front.title.clone()), 0),
        Some(_) if own_title => (None, 1),
        Some(chapter) if chapter.trim().eq_ignore_ascii_case(page.front.title.trim()) => (None, 0),
        Some(_) => (Some(page.front.title.clone()), 1),
    };
    // Ids of the page's own (footnotes, in-page links) and of its sections, in families of
    // their own: `catatan-<slug>--<name>` and `bag-<slug>-<n>` cannot meet each other or
    // another page's.
    let html = views.markdown(offset).to_html_with_ids(
        body,
        &Ids {
            prefix: &format!("catatan-{slug}--"),
            sections: Some(&format!("bag-{slug}")),
            anchors: Some(&|url| links.anchor(url)),
        },
    );
    let title = page.front.title.trim();
    SectionView {
        id,
        slug: slug.to_string(),
        judul,
        label: page.front.title.clone(),
        html,
        pengantar: chapter.is_none()
            && (page.slug == "pengantar"
                || title.eq_ignore_ascii_case("kata pengantar")
                || title.eq_ignore_ascii_case("foreword")),
    }
}

/// The text of a piece of HTML: tags dropped, the entities the renderer writes decoded (the
/// template escapes it again).
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Letters for the generated sections of a chapter: after the chapter's own sections when
/// every one of them is lettered (`A. Latar belakang`), from `A` when it has none, and no
/// letters when its sections are not lettered.
struct Letters {
    next: Option<u8>,
}

impl Letters {
    fn after(sections: &[SectionView]) -> Letters {
        let headings: Vec<String> = sections
            .iter()
            .flat_map(|s| match &s.judul {
                Some(title) => vec![title.clone()],
                None => section_toc(s).into_iter().map(|e| e.label).collect(),
            })
            .collect();
        let lettered = headings.iter().all(|h| {
            let mut chars = h.chars();
            matches!((chars.next(), chars.next()), (Some(c), Some('.')) if c.is_ascii_uppercase())
        });
        Letters {
            next: lettered.then(|| {
                headings
                    .iter()
                    .filter_map(|h| h.bytes().next())
                    .max()
                    .map_or(b'A', |last| last + 1)
            }),
        }
    }

    /// From `A` when the sections before are not lettered.
    fn or_from_a(self) -> Letters {
        Letters {
            next: Some(self.next.unwrap_or(b'A')),
        }
    }

    fn label(&mut self, title: &str) -> String {
        match self.next {
            Some(letter) if letter <= b'Z' => {
                self.next = Some(letter + 1);
                format!("{}. {title}", letter as char)
            }
            _ => title.to_string(),
        }
    }
}

/// The Renstra's indicators with their baseline and yearly targets.
fn renstra_table(views: &Views<'_>, data: &YearData<'_>) -> Option<RenstraTable> {
    let plan = views.report.renstra.as_ref()?;
    plan.all_indicators().next()?;
    let [awal, akhir] = *plan.period;
    let tahun: Vec<i32> = (awal..=akhir)
        .filter(|y| plan.all_indicators().any(|i| i.goal(*y).is_some()))
        .collect();
    let in_year: std::collections::BTreeSet<&str> =
        data.indicators().map(|(_, _, i)| i.id.as_str()).collect();
    Some(RenstraTable {
        awal,
        akhir,
        // Grouped by the plan's tujuan, with word targets of ordinal indicators.
        baris: view::lkjip::renstra_rows(plan, &tahun)
            .into_iter()
            .map(|r| RenstraRow {
                url: in_year
                    .contains(r.id.as_str())
                    .then(|| views.indicator_url(data.year, &r.id)),
                nama: r.nama,
                satuan: r.satuan,
                kondisi_awal: r.kondisi_awal,
                target: r.target,
                tujuan_baru: r.tujuan_baru,
            })
            .collect(),
        tahun,
    })
}

/// Every PK in the order of the hierarchy, its goals and their indicators, each with what its
/// own page shows. The head's (at `head`) is numbered by goal (`1`, `1.2`), for Bab III A; the
/// others by their place among the others (`1.2`, `1.2.3`), for the annex.
fn organisation(
    views: &Views<'_>,
    data: &YearData<'_>,
    year_view: &YearView,
    head: Option<usize>,
    links: &Links,
) -> Vec<PrintPk> {
    let mut others = 0;
    data.ordered
        .iter()
        .zip(&year_view.pk)
        .enumerate()
        .map(|(n, (pk, pk_view))| {
            let nomor = if Some(n) == head {
                0
            } else {
                others += 1;
                others
            };
            let prefix = if nomor == 0 {
                String::new()
            } else {
                format!("{nomor}.")
            };
            let sasaran: Vec<PrintGoal> = pk
                .goals
                .iter()
                .zip(&pk_view.sasaran)
                .enumerate()
                .map(|(m, (goal, goal_view))| PrintGoal {
                    nomor: format!("{prefix}{}", m + 1),
                    sasaran: goal_view.clone(),
                    tabel: None,
                    gambar: None,
                    grafik: None,
                    tahun_lalu: Vec::new(),
                    renstra_akhir: None,
                    ada_pembanding: false,
                    program: Vec::new(),
                    program_bawahan: false,
                    tanpa_analisis: Vec::new(),
                    program_seperti: None,
                    indikator: goal
                        .indicators
                        .iter()
                        .enumerate()
                        .map(|(k, indicator)| {
                            let id = format!("indikator-{}", *indicator.id);
                            let mut page = views.indicator_page(data, pk, goal, indicator, pk_view);
                            // The report of a year tells what was known that year: no later
                            // year in its comparisons.
                            page.riwayat.retain(|h| h.tahun <= data.year);
                            analyses_in_document(views, data, pk, indicator, &id, links, &mut page);
                            let reported =
                                page.triwulan.iter().filter(|q| q.nilai.is_some()).count();
                            PrintIndicator {
                                per_triwulan: indicator.quarter_targets.is_some() || reported > 1,
                                nomor: format!("{prefix}{}.{}", m + 1, k + 1),
                                id,
                                data: page,
                                capaian_lalu: Vec::new(),
                                program_seperti: None,
                            }
                        })
                        .collect(),
                })
                .map(|goal| {
                    if nomor == 0 {
                        programmes_once(goal)
                    } else {
                        annex_goal(goal, data.year)
                    }
                })
                .collect();
            let sasaran = if nomor == 0 {
                sasaran
            } else {
                annex_programmes_once(sasaran)
            };
            PrintPk {
                nomor,
                pk: pk_view.clone(),
                ada_cara_menghitung: sasaran
                    .iter()
                    .flat_map(|g| &g.indikator)
                    .any(|x| x.data.cara_menghitung.is_some()),
                berkas: Vec::new(),
                sasaran,
            }
        })
        .map(number_files)
        .map(|pk| shorter_workings(views, pk))
        .collect()
}

/// The methods annex says once, above its tables, what a row would otherwise repeat: `T` is
/// the year target unless the row names another, each value stands in the formula beside its
/// source, and the achievement ends the formula line. So a row's target reads `T = 22,68`
/// (not `T = target tahunan = 22,68`), its category band `≥ 91 → Sangat Tinggi` (not
/// `95,41% ≥ 91 → …` after the formula's `= 95,41%`), and its sources only where each value
/// is (`TW IV 1:444; T 2:16`) when the place is known.
fn shorter_workings(views: &Views<'_>, mut pk: PrintPk) -> PrintPk {
    let year_target = views.labels.get("target_tahunan").to_lowercase();
    let default_target = format!("T = {year_target} = ");
    for x in pk.sasaran.iter_mut().flat_map(|g| &mut g.indikator) {
        let Some(working) = x.data.cara_menghitung.as_mut() else {
            continue;
        };
        if let Some(value) = working.target.strip_prefix(&default_target) {
            working.target = format!("T = {value}");
        }
        let target_name = working
            .target
            .strip_prefix("T = ")
            .and_then(|t| t.rsplit_once(" = "))
            .map(|(name, _)| name.to_string())
            .unwrap_or_else(|| year_target.clone());
        if let Some(band) = working.kategori.as_mut()
            && let Some(rest) = band.strip_prefix(&format!("{} ", working.hasil))
        {
            // The band does not break inside (`≥ 91 → Sangat Tinggi` wraps whole).
            *band = rest.replace(' ', "\u{a0}");
        }
        for source in &mut working.sumber {
            if source.lokasi.is_none() {
                continue;
            }
            let Some((name, value)) = source.nilai.split_once(": ") else {
                continue;
            };
            let said = |line: &str| {
                line.split(' ')
                    .any(|word| word.trim_matches(|c| c == '(' || c == ')') == value)
            };
            if !said(&working.realisasi) && !said(&working.target) {
                continue;
            }
            source.nilai = if name == target_name || name == year_target {
                "T".to_string()
            } else {
                name.to_string()
            };
        }
    }
    pk
}

/// The methods annex names each file a PK's values come from once: the files get numbers in
/// the order they are first cited, and each value's place `path:line` becomes `number:line`.
fn number_files(mut pk: PrintPk) -> PrintPk {
    let mut files: Vec<String> = Vec::new();
    for x in pk.sasaran.iter_mut().flat_map(|g| &mut g.indikator) {
        let Some(working) = x.data.cara_menghitung.as_mut() else {
            continue;
        };
        for source in &mut working.sumber {
            let Some(place) = source.lokasi.as_mut() else {
                continue;
            };
            let Some((path, line)) = place.rsplit_once(':').filter(|(path, line)| {
                !path.is_empty() && !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit())
            }) else {
                continue;
            };
            let number = match files.iter().position(|f| f == path) {
                Some(n) => n + 1,
                None => {
                    files.push(path.to_string());
                    files.len()
                }
            };
            *place = format!("{number}:{line}");
        }
    }
    pk.berkas = files;
    pk
}

/// What makes two indicators' programme tables the same: each programme's id, pagu,
/// realisation, mean capaian and efficiency (the floats by their bits).
type ProgrammeKey = (String, i64, i64, Option<u64>, Option<u64>);

/// Bab III A: the programmes of a goal (comparisons 6 and 7) are shown with its first
/// indicator; the others that have the same point at it.
fn programmes_once(mut goal: PrintGoal) -> PrintGoal {
    let Some((first, rest)) = goal.indikator.split_first_mut() else {
        return goal;
    };
    let key = |x: &PrintIndicator| programme_keys(&x.data.program);
    let shown = key(first);
    if shown.is_empty() {
        return goal;
    }
    for x in rest {
        if key(x) == shown && x.data.program_bawahan == first.data.program_bawahan {
            x.data.program = Vec::new();
            x.program_seperti = Some(SameAs {
                id: first.id.clone(),
                nomor: first.nomor.clone(),
            });
        }
    }
    goal
}

/// What makes two lists of programmes the same (see [`ProgrammeKey`]).
fn programme_keys(programmes: &[view::ProgrammeView]) -> Vec<ProgrammeKey> {
    programmes
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.pagu,
                p.realisasi,
                p.rata_rata_capaian.map(f64::to_bits),
                p.efisiensi.map(f64::to_bits),
            )
        })
        .collect()
}

/// The annex: a PK's goals often share their programmes (a programme supporting the first,
/// third and fifth goal gives the three the same table of comparisons 6 and 7). The first
/// goal shows the table; a later one with exactly the same programmes points at it.
fn annex_programmes_once(mut goals: Vec<PrintGoal>) -> Vec<PrintGoal> {
    let mut shown: Vec<(Vec<ProgrammeKey>, bool, SameAs)> = Vec::new();
    for goal in &mut goals {
        if goal.program.is_empty() {
            continue;
        }
        let key = programme_keys(&goal.program);
        match shown
            .iter()
            .find(|(k, below, _)| *k == key && *below == goal.program_bawahan)
        {
            Some((_, _, first)) => {
                goal.program = Vec::new();
                goal.program_seperti = Some(first.clone());
            }
            None => shown.push((
                key,
                goal.program_bawahan,
                SameAs {
                    id: format!("sasaran-{}", goal.sasaran.id),
                    nomor: goal.nomor.clone(),
                },
            )),
        }
    }
    goals
}

/// A goal of the annex as one measurement table: the years of its indicators' histories as
/// columns, whether a Renstra or a benchmark column is needed, its programmes once. What the
/// table and the goal now say leaves the indicators (their history, their programmes).
fn annex_goal(mut goal: PrintGoal, year: i32) -> PrintGoal {
    let mut years = std::collections::BTreeSet::new();
    for x in &goal.indikator {
        years.extend(x.data.riwayat.iter().map(|h| h.tahun).filter(|t| *t < year));
    }
    goal.tahun_lalu = years.into_iter().collect();
    goal.renstra_akhir = goal
        .indikator
        .iter()
        .find_map(|x| x.data.renstra.as_ref().map(|r| r.akhir));
    goal.ada_pembanding = goal.indikator.iter().any(|x| !x.data.pembanding.is_empty());
    goal.tanpa_analisis = goal
        .indikator
        .iter()
        .filter(|x| x.data.analisis.is_empty())
        .map(|x| x.nomor.clone())
        .collect();
    if let Some(first) = goal.indikator.first_mut() {
        goal.program = std::mem::take(&mut first.data.program);
        goal.program_bawahan = first.data.program_bawahan;
    }
    for x in &mut goal.indikator {
        x.capaian_lalu = goal
            .tahun_lalu
            .iter()
            .map(|t| {
                x.data
                    .riwayat
                    .iter()
                    .find(|h| h.tahun == *t)
                    .and_then(|h| h.capaian)
            })
            .collect();
        x.data.riwayat = Vec::new();
        x.data.program = Vec::new();
    }
    goal
}

/// Renders an indicator's analyses and factors again from their Markdown, with ids of their
/// own in the document (`<indicator>--analisis-<n>--…`): their footnotes cannot clash with
/// another's.
fn analyses_in_document(
    views: &Views<'_>,
    data: &YearData<'_>,
    pk: &crate::model::Pk,
    indicator: &crate::model::Indicator,
    id: &str,
    links: &Links,
    page: &mut IndicatorPageView,
) {
    let markdown = views.markdown(ANALYSIS_HEADING_OFFSET);
    let entries = data.entries(&pk.id, &indicator.id);
    for (q, analysis) in page.analisis.iter_mut().enumerate() {
        let Some(entry) = entries
            .iter()
            .find(|e| e.quarter.number() == analysis.triwulan)
        else {
            continue;
        };
        let prefix = format!("{id}--analisis-{q}--");
        let render = |text: Option<&str>, name: &str| {
            text.map(str::trim).filter(|t| !t.is_empty()).map(|t| {
                markdown.to_html_with_ids(
                    t,
                    &Ids {
                        prefix: &format!("{prefix}{name}"),
                        sections: None,
                        anchors: Some(&|url| links.anchor(url)),
                    },
                )
            })
        };
        analysis.html = render(entry.analysis.as_deref(), "").unwrap_or_default();
        analysis.faktor.pendorong = render(entry.drivers.as_deref(), "pendorong-");
        analysis.faktor.penghambat = render(entry.obstacles.as_deref(), "penghambat-");
        analysis.faktor.solusi = render(entry.solutions.as_deref(), "solusi-");
    }
}

/// The name of a page in the document's ids: its file stem, unless the year has a page of the
/// same stem, in which case the site page's is `situs-<stem>`.
fn anchor_slug(report: &crate::model::Report, year: i32, page: &Page) -> String {
    let shadowed = page.year.is_none()
        && report
            .years
            .get(&year)
            .is_some_and(|y| y.pages.iter().any(|p| p.slug == page.slug));
    if shadowed {
        format!("situs-{}", page.slug)
    } else {
        page.slug.clone()
    }
}

/// The date of the printed report of a year: the day the year was approved (its own approval,
/// never another year's), else the report's "as of" date (`tanggal_laporan`) while the year is
/// a draft.
fn print_date(views: &Views<'_>, year_view: &YearView) -> Option<String> {
    match &year_view.persetujuan {
        Some(approval) if year_view.disetujui => Some(approval.tanggal.clone()),
        _ => views
            .report
            .site
            .report_date
            .as_ref()
            .map(|d| d.to_string()),
    }
}

/// Who signs the printed report: the signer of the year's approval, else the official of the
/// head's PK (the head of the agency).
fn signer(year_view: &YearView, head: Option<&PkView>) -> Option<view::OfficialView> {
    match &year_view.persetujuan {
        Some(approval) if year_view.disetujui => Some(approval.penandatangan.clone()),
        _ => head.map(|pk| pk.pejabat.clone()),
    }
}

/// The year the report comes out: the year after the budget year, unless `tanggal_laporan`
/// says the data is as of an earlier year (a year still running).
fn issue_year(views: &Views<'_>, year: i32) -> i32 {
    let next = year + 1;
    match &views.report.site.report_date {
        Some(date) => next.min(i32::from(date.value.0.year())).max(year),
        None => next,
    }
}

/// The running header of the printed report: its name, agency, region and year.
fn running_header(views: &Views<'_>, year: i32) -> String {
    let labels = views.labels;
    let agency = &views.report.site.agency;
    format!(
        "{} {} {} {} {year}",
        labels.get("lkjip"),
        agency.short_name,
        agency.region,
        labels.get("tahun")
    )
}
/// A CSS string literal that cannot end its `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Site URLs that the document holds, and the anchors they become.
struct Links {
    /// The year of the document.
    year: i32,
    /// A page, an indicator of this year, the year itself → its anchor.
    anchors: BTreeMap<String, String>,
    /// The URL of each PK of the year → the PK's id.
    pks: BTreeMap<String, String>,
    /// Each PK's programme id → the anchor of its row in Bab III B, which lists a programme
    /// once: a programme the head's PK lists by its code points at the row of the PK that
    /// records its spending.
    programmes: BTreeMap<String, String>,
}

impl Links {
    fn new(views: &Views<'_>, data: &YearData<'_>, year_view: &YearView) -> Links {
        let mut anchors = BTreeMap::new();
        let report = views.report;
        for chapter in 0..=4 {
            for page in crate::narrative::chapter_pages(report, data.year, chapter) {
                let url = match page.year {
                    Some(year) => {
                        crate::render::view::links::year_page_url(views, year, &page.slug)
                    }
                    None => views.page_url(&page.slug),
                };
                anchors.insert(
                    url,
                    format!("#hal-{}", anchor_slug(report, data.year, page)),
                );
            }
        }
        for (_, _, indicator) in data.indicators() {
            anchors.insert(
                views.indicator_url(data.year, &indicator.id),
                format!("#indikator-{}", *indicator.id),
            );
        }
        anchors.insert(views.year_url(data.year), "#capaian-kinerja".to_string());
        let pks = year_view
            .pk
            .iter()
            .map(|pk| (pk.url.clone(), pk.id.clone()))
            .collect();
        let printed = &year_view.program;
        let programmes = year_view
            .pk
            .iter()
            .flat_map(|pk| &pk.program)
            .map(|p| {
                let row = printed
                    .iter()
                    .find(|q| q.id == p.id)
                    .or_else(|| {
                        let kode = p.kode.as_ref()?;
                        printed.iter().find(|q| q.kode.as_ref() == Some(kode))
                    })
                    .map_or_else(
                        || "#realisasi-anggaran".to_string(),
                        |q| format!("#program-{}", q.id),
                    );
                (p.id.clone(), row)
            })
            .collect();
        Links {
            year: data.year,
            anchors,
            pks,
            programmes,
        }
    }

    /// The anchor a link of the site becomes in the document, if it points into it.
    fn anchor(&self, url: &str) -> Option<String> {
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        if let Some(pk) = self.pks.get(path) {
            return Some(match fragment {
                Some(f) if f.starts_with("sasaran-") => format!("#{f}"),
                Some(f) if f.starts_with("program-") => self
                    .programmes
                    .get(&f["program-".len()..])
                    .cloned()
                    .unwrap_or_else(|| "#realisasi-anggaran".to_string()),
                _ => format!("#lampiran-{pk}"),
            });
        }
        self.anchors.get(path).cloned()
    }

    /// A view as the document's template gets it: every `url` in it (the templates write a
    /// view's `url` in an `href` and nowhere else) that points into the document is the
    /// anchor it becomes.
    fn views<T: Serialize + ?Sized>(&self, view: &T) -> Result<serde_json::Value, RenderError> {
        let mut value = serde_json::to_value(view).map_err(|source| RenderError::Json {
            year: self.year,
            source,
        })?;
        self.anchor_urls(&mut value);
        Ok(value)
    }

    fn anchor_urls(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, field) in fields.iter_mut() {
                    match field {
                        serde_json::Value::String(url) if key == "url" => {
                            if let Some(anchor) = self.anchor(url) {
                                *url = anchor;
                            }
                        }
                        other => self.anchor_urls(other),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    self.anchor_urls(item);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FrontMatter, Language, Sp};
    use crate::render::{Input, Theme, to_vec};

    /// The marks around the document in the rendered page.
    const START: &str = "<!-- cetak:awal -->";
    const END: &str = "<!-- cetak:akhir -->";

    /// The fixture of the render tests with its pages in chapters, and the printed report of
    /// 2025 it renders.
    fn printed(approved: bool, language: Language) -> String {
        let (mut report, computed) = crate::render::tests::fixture(approved);
        report.site.language = language;
        report.pages[0].front.chapter = Some(Sp::unplaced(1));
        report.pages[0]
            .body
            .push_str("\nCatatan[^1].\n\n[^1]: Sumber.\n");
        report.pages.push(Page {
            slug: "ikhtisar".into(),
            front: FrontMatter {
                title: "Ikhtisar Eksekutif".into(),
                order: 0,
                chapter: Some(Sp::unplaced(0)),
            },
            body: "Ringkas[^1]: lihat [IPG](/2025/indikator/ipg/) dan [PK](/2025/pk/kepala/#sasaran-s1).\n\n## Capaian\n\nBaik.\n\n[^1]: Catatan lain.\n".into(),
            ..Page::default()
        });
        report.pages.push(Page {
            slug: "penutup-bab".into(),
            front: FrontMatter {
                title: "Kesimpulan".into(),
                order: 5,
                chapter: Some(Sp::unplaced(4)),
            },
            body: "Selesai.\n".into(),
            ..Page::default()
        });
        let files = to_vec(&Input::new(
            &report,
            &computed,
            &[],
            &Theme::load(None).unwrap(),
        ))
        .unwrap();
        let file = files
            .into_iter()
            .find(|f| f.path == std::path::Path::new("2025/cetak/index.html"))
            .expect("the printed report is rendered");
        String::from_utf8(file.contents).unwrap()
    }

    /// The values of the attribute `name` in the page, parsed as a browser does (quoted or
    /// not).
    fn attributes(html: &str, name: &str) -> Vec<String> {
        let document = scraper::Html::parse_document(html);
        let selector = scraper::Selector::parse(&format!("[{name}]")).unwrap();
        document
            .select(&selector)
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    }

    #[test]
    fn ids_are_unique_and_every_anchor_resolves() {
        let html = printed(true, Language::Indonesian);
        let ids = attributes(&html, "id");
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            assert!(seen.insert(id.as_str()), "the id `{id}` twice");
        }
        for href in attributes(&html, "href") {
            if let Some(anchor) = href.strip_prefix('#').filter(|a| !a.is_empty()) {
                assert!(seen.contains(anchor), "`#{anchor}` points at nothing");
            }
        }
        assert!(
            seen.contains("catatan-ikhtisar--1"),
            "footnotes of two pages do not clash"
        );
        assert!(seen.contains("catatan-pendahuluan--1"));
        assert!(seen.contains("bag-ikhtisar-1"), "the sections have ids");
    }

    /// An annex row's id stays when anything points at it, quoted or not, and goes when
    /// nothing does; other ids always stay.
    #[test]
    fn only_unlinked_indicator_rows_lose_their_ids() {
        let html = concat!(
            "<a href=#indikator-a>a</a><a href=\"#indikator-b\">b</a>",
            "<span data-halaman-untuk=indikator-c></span>",
            "<svg aria-describedby=\"x indikator-d\"></svg>",
            "<tr id=\"indikator-a\"><tr id=\"indikator-b\"><tr id=\"indikator-c\">",
            "<tr id=\"indikator-d\"><tr id=\"indikator-e\"><h2 id=\"indikator-f\">",
        );
        let kept = drop_unlinked_ids(html);
        for id in ["a", "b", "c", "d"] {
            assert!(
                kept.contains(&format!("<tr id=\"indikator-{id}\">")),
                "{id}: {kept}"
            );
        }
        assert!(kept.contains("<tr><h2 id=\"indikator-f\">"), "{kept}");
    }

    #[test]
    fn links_into_the_document_become_anchors() {
        let html = printed(true, Language::Indonesian);
        let (before, rest) = html.split_once(START).unwrap();
        let (document, _) = rest.split_once(END).unwrap();
        assert!(
            document.contains("href=\"#indikator-ipg\""),
            "an indicator of the year"
        );
        assert!(document.contains("href=\"#sasaran-s1\""), "a goal of a PK");
        assert!(
            document.contains("<a href=\"#lampiran-kepala\">"),
            "a PK, from a view's url"
        );
        assert!(
            !document.contains("href=\"/2025/pk/"),
            "no link back to a PK's page"
        );
        assert!(
            !document.contains("href=\"/2025/indikator/"),
            "no link back to the site"
        );
        assert!(
            before.contains("href=/2025/>"),
            "the site's navigation stays"
        );
    }

    #[test]
    fn the_views_urls_into_the_document_are_anchors() {
        let links = Links {
            year: 2025,
            anchors: BTreeMap::from([(
                "/2025/indikator/ipg/".to_string(),
                "#indikator-ipg".to_string(),
            )]),
            pks: BTreeMap::from([("/2025/pk/kadis/".to_string(), "kadis".to_string())]),
            programmes: BTreeMap::from([("p1".to_string(), "#program-p9".to_string())]),
        };
        let view = serde_json::json!({
            "url": "/2025/pk/kadis/",
            "program": [
                {"url": "/2025/pk/kadis/#program-p1"},
                {"url": "/2025/pk/kadis/#program-p2"},
                {"url": "/2025/pk/kadis/#sasaran-s1"},
            ],
            "indikator": {"url": "/2025/indikator/ipg/", "tautan": "/2025/indikator/ipg/"},
            "bukti": {"url": "/bukti/2025/sk.pdf"},
        });
        let mapped = links.views(&view).unwrap();
        assert_eq!(
            mapped,
            serde_json::json!({
                "url": "#lampiran-kadis",
                "program": [
                    {"url": "#program-p9"},
                    {"url": "#realisasi-anggaran"},
                    {"url": "#sasaran-s1"},
                ],
                "indikator": {"url": "#indikator-ipg", "tautan": "/2025/indikator/ipg/"},
                "bukti": {"url": "/bukti/2025/sk.pdf"},
            })
        );
    }

    #[test]
    fn the_parts_come_in_the_order_of_the_regulation() {
        let html = printed(true, Language::Indonesian);
        let at = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("`{needle}` is in the report"))
        };
        let order = [
            "class=\"sampul\"",
            "id=\"hal-ikhtisar\"",
            "id=\"ringkasan-capaian\"",
            "id=\"daftar-isi\"",
            "id=\"daftar-tabel\"",
            "id=\"daftar-gambar\"",
            "id=\"bab-1\"",
            "id=\"hal-pendahuluan\"",
            "id=\"bab-2\"",
            "id=\"perjanjian-kinerja\"",
            "id=\"bab-3\"",
            "id=\"capaian-kinerja\"",
            "id=\"indikator-ipg\"",
            "id=\"realisasi-anggaran\"",
            "id=\"bab-4\"",
            "id=\"hal-penutup-bab\"",
            "id=\"pengesahan\"",
            "id=\"lampiran\"",
            "id=\"lampiran-kepala\"",
        ];
        for pair in order.windows(2) {
            assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
        }
        // A chapter's single page named like it shows its title once; another page its own.
        assert!(
            html.contains("<h2>Kesimpulan</h2>"),
            "a page titled unlike its chapter"
        );
        assert!(html.contains("Pihak pertama berjanji"), "the PK's wording");
        assert!(
            !html.contains("class=\"watermark\""),
            "no draft mark on an approved year"
        );
        assert!(html.contains(
            "@page lkjip { @top-right { content: \"LKjIP DP3APPKB Kota Tarakan Tahun 2025\"; } }"
        ));
    }

    #[test]
    fn a_draft_carries_its_mark_and_english_its_words() {
        let html = printed(false, Language::English);
        assert!(html.contains("class=\"watermark\""));
        assert!(html.contains(
            "@top-left { content: \"DRAFT — not yet approved by the Head of Agency\"; }"
        ));
        assert!(html.contains("Chapter I"), "the chapters in English");
        assert!(html.contains("Government Agency Performance Report"));
    }

    fn numbered(markdown: &str) -> String {
        crate::render::markdown::Markdown::default().to_html_with_ids(
            markdown,
            &Ids {
                prefix: "catatan-p--",
                sections: Some("bag-p"),
                anchors: None,
            },
        )
    }

    #[test]
    fn headings_are_numbered_and_read_back() {
        let html = numbered("x\n\n## A. Satu & dua\n\ny\n\n## B. *Dua*\n");
        assert!(html.contains("<h2 id=\"bag-p-1\">A. Satu"), "{html}");
        let section = SectionView {
            id: "hal-p".into(),
            slug: "p".into(),
            judul: None,
            label: "P".into(),
            html,
            pengantar: false,
        };
        let toc = section_toc(&section);
        let labels: Vec<&str> = toc.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["A. Satu & dua", "B. Dua"]);
        assert_eq!(toc[1].id, "bag-p-2");
        let mut letters = Letters::after(&[section]);
        assert_eq!(letters.label("Tiga"), "C. Tiga");
        assert_eq!(letters.label("Empat"), "D. Empat");
    }

    #[test]
    fn unlettered_sections_stay_unlettered() {
        let section = SectionView {
            id: "hal-p".into(),
            slug: "p".into(),
            judul: None,
            label: "P".into(),
            html: numbered("## Latar belakang\n"),
            pengantar: false,
        };
        assert_eq!(Letters::after(&[section]).label("Capaian"), "Capaian");
        assert_eq!(Letters::after(&[]).label("Capaian"), "A. Capaian");
    }

    #[test]
    fn css_strings_cannot_escape() {
        assert_eq!(css_string("a\"b"), "\"a\\\"b\"");
        assert_eq!(css_string("</style>"), "\"\\3c /style\\3e \"");
    }
}
