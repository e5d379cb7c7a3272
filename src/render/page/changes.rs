//! The view of a year's change page: each value changed since the approval, old → new.

use serde::Serialize;

use crate::changes::{ValueChange, YearChanges};
use crate::format::Format;
use crate::model::{Moment, Quarter};
use crate::provenance::Table;
use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::{PageMeta, Views};
use crate::route::Route;

#[derive(Clone, Debug, Serialize)]
pub struct ChangesView {
    /// "disetujui 3 Desember 2026 17.08" or the quarter run's approval.
    pub sejak: String,
    /// Whether the comparison is with the year's approval (else a quarterly run's).
    pub tahunan: bool,
    pub baseline: String,
    pub nilai: Vec<ChangeView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangeView {
    /// The indicator or programme, with its page.
    pub nama: String,
    pub url: Option<String>,
    /// `realisasi` or `anggaran`.
    pub jenis: &'static str,
    pub triwulan: u8,
    pub lama: Option<String>,
    pub baru: Option<String>,
    pub commit: Option<String>,
    pub penulis: Option<String>,
    pub tanggal: Option<String>,
    /// The quarter's achievement after the change, where it has one.
    pub capaian_baru: Option<f64>,
}

impl Views<'_> {
    pub(crate) fn changes(&self, data: &YearData<'_>, changed: &YearChanges) -> ChangesView {
        let f = Format::new(self.report.site.language);
        let when = match changed.since {
            Moment::Day(d) => f.date(d.0),
            Moment::At(dt) => format!("{} {}", f.date(dt.date()), dt.strftime("%H.%M")),
        };
        ChangesView {
            sejak: when,
            tahunan: changed.final_run,
            baseline: changed.baseline.clone(),
            nilai: changed
                .values
                .iter()
                .map(|c| self.change(data, c, f))
                .collect(),
        }
    }

    fn change(&self, data: &YearData<'_>, c: &ValueChange, f: Format) -> ChangeView {
        let shown = |v: &Option<String>| {
            v.as_ref().map(|v| match v.parse::<f64>() {
                Ok(x) if c.table == Table::Anggaran => f.rupiah(x),
                Ok(x) => f.number(x, 4),
                Err(_) => v.clone(),
            })
        };
        let quarter = Quarter::new(i64::from(c.quarter));
        let (nama, url, jenis) = match c.table {
            Table::Realisasi => {
                let found = data
                    .model
                    .pks
                    .iter()
                    .filter(|p| p.id == c.pk)
                    .flat_map(|p| p.indicators())
                    .find(|(_, i)| *i.id == c.item);
                (
                    found.map_or_else(|| c.item.clone(), |(_, i)| i.name.clone()),
                    found.map(|_| self.indicator_url(data.year, &c.item)),
                    "realisasi",
                )
            }
            Table::Anggaran => {
                let found = data
                    .model
                    .pks
                    .iter()
                    .filter(|p| p.id == c.pk)
                    .flat_map(|p| &p.programmes)
                    .find(|p| *p.id == c.item);
                (
                    found.map_or_else(|| c.item.clone(), |p| p.name.clone()),
                    found.map(|_| self.pk_url(data.year, &c.pk)),
                    "anggaran",
                )
            }
        };
        let origin = quarter.and_then(|q| match c.table {
            Table::Realisasi => self.origin(data.year, &c.pk, &c.item, q),
            Table::Anggaran => None,
        });
        let capaian_baru = quarter
            .filter(|_| c.table == Table::Realisasi)
            .and_then(|q| {
                data.result?
                    .pks
                    .iter()
                    .filter(|p| p.id == c.pk)
                    .flat_map(|p| &p.goals)
                    .flat_map(|g| &g.indicators)
                    .find(|i| i.id == c.item)?
                    .quarters
                    .iter()
                    .find(|r| r.quarter == q)?
                    .achievement
            });
        let crate::render::view::working::Committed {
            commit,
            penulis,
            tanggal,
        } = self.committed(origin.as_ref());
        ChangeView {
            nama,
            url,
            jenis,
            triwulan: c.quarter,
            lama: shown(&c.old),
            baru: shown(&c.new),
            commit,
            penulis,
            tanggal,
            capaian_baru,
        }
    }
}

/// `/<year>/perubahan/`: each value changed since the approval, old → new, with who and when.
pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    changed: &crate::changes::YearChanges,
) -> Result<(), RenderError> {
    let Some(path) = out.wanted(&Route::Changes(data.year)) else {
        return Ok(());
    };
    let title = format!(
        "{} {}",
        views.labels.get("perubahan_sejak_persetujuan"),
        data.year
    );
    let meta = PageMeta {
        kind: "changes",
        title: title.clone(),
        url: views.route_url(&Route::Changes(data.year)),
        breadcrumbs: vec![
            home(views),
            year_crumb(views, data.year),
            crumb(&title, None),
        ],
        year: Some(data.year),
        draft: !data.approved(views.report),
        prev: None,
        next: None,
    };
    let mut context = Context::new();
    context.insert("perubahan", &views.changes(data, changed));
    out.page("perubahan.html", &path, meta, context)
}
