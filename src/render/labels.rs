//! Every UI label of the site, in one table: Indonesian and English.
//!
//! Templates get the table of the site's `bahasa` as `labels` (`{{ labels.capaian }}`); the
//! renderer uses the same table for titles and breadcrumbs. Editor data (names, categories,
//! findings) is never translated.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Language;

/// (key, Indonesian, English).
const LABELS: &[(&str, &str, &str)] = &[
    // Navigation and page furniture
    ("beranda", "Beranda", "Home"),
    ("navigasi", "Navigasi utama", "Main navigation"),
    ("jejak", "Lokasi halaman", "Breadcrumbs"),
    ("lompat_ke_isi", "Langsung ke isi", "Skip to content"),
    (
        "halaman_lain",
        "Halaman sebelum dan sesudahnya",
        "Previous and next pages",
    ),
    ("daftar_isi", "Daftar isi", "Contents"),
    ("keadaan_per", "Data keadaan per", "Data as of"),
    ("unduh_data", "Unduh data", "Download data"),
    (
        "baca_laporan",
        "Baca laporan kinerja tahun",
        "Read the performance report of",
    ),
    // Readers: year switcher, search, site map, sharing (render::nav, render::search)
    ("ganti_tahun", "Ganti tahun", "Switch year"),
    (
        "tahun_tanpa_halaman_ini",
        "Tahun ini tidak memuat halaman ini: ke laporan tahunnya",
        "That year has no such page: to its report",
    ),
    ("cari", "Cari", "Search"),
    (
        "cari_keterangan",
        "Cari indikator, PK, pejabat atau halaman",
        "Search indicators, agreements, officials or pages",
    ),
    (
        "cari_contoh",
        "Indikator, PK, pejabat…",
        "Indicator, agreement, official…",
    ),
    ("cari_indikator", "Indikator", "Indicator"),
    ("cari_pk", "Perjanjian Kinerja", "Performance Agreement"),
    ("cari_pejabat", "Pejabat", "Official"),
    ("cari_halaman", "Halaman", "Page"),
    ("cari_hasil", "hasil", "results"),
    ("cari_tidak_ada", "Tidak ada hasil untuk", "No results for"),
    ("cari_semua", "Tampilkan semua hasil", "Show every result"),
    ("cari_tahun_lain", "Tahun lain", "Other years"),
    ("peta_situs", "Peta Situs", "Site Map"),
    (
        "peta_situs_keterangan",
        "Semua halaman situs ini. Tanpa JavaScript, kotak pencarian membuka halaman ini: cari dengan Ctrl+F.",
        "Every page of this site. Without JavaScript the search box opens this page: find with Ctrl+F.",
    ),
    ("halaman_umum", "Halaman umum", "General pages"),
    ("halaman_lainnya", "Halaman lainnya", "Other pages"),
    (
        "narasi_tahun",
        "Narasi laporan tahun",
        "Narrative of the report of",
    ),
    // Status
    ("draft", "DRAFT", "DRAFT"),
    (
        "draft_banner",
        "DRAFT — belum disetujui Kepala OPD",
        "DRAFT — not yet approved by the Head of Agency",
    ),
    ("disetujui", "Disetujui", "Approved"),
    // Provenance and approvals that no longer match the data
    (
        "persetujuan_basi",
        "Data berubah setelah disetujui",
        "Data changed after approval",
    ),
    (
        "persetujuan_basi_banner",
        "Data tahun ini berubah setelah disetujui Kepala OPD; persetujuannya perlu diperbarui",
        "This year's data changed after the Head of Agency approved it; the approval needs renewing",
    ),
    (
        "persetujuan_basi_keterangan",
        "Angka yang ditampilkan bukan lagi angka yang disetujui pada",
        "The figures shown are no longer those approved on",
    ),
    (
        "perubahan_belum_commit",
        "Ada perubahan yang belum di-commit.",
        "There are changes not committed yet.",
    ),
    ("dicatat", "Dicatat", "Committed"),
    ("belum_commit", "belum di-commit", "not committed"),
    (
        "riwayat_perubahan",
        "Riwayat Perubahan Data",
        "Data Change Log",
    ),
    (
        "riwayat_perubahan_keterangan",
        "Setiap commit yang mengubah berkas realisasi tahun ini, terbaru lebih dulu.",
        "Every commit that changed this year's realisation files, newest first.",
    ),
    ("commit", "Commit", "Commit"),
    ("tanggal", "Tanggal", "Date"),
    ("penulis", "Oleh", "By"),
    ("pesan", "Keterangan", "Message"),
    ("status", "Status", "Status"),
    // Titles
    ("laporan_kinerja", "Laporan Kinerja", "Performance Report"),
    ("kinerja_tahun", "Kinerja Tahun", "Performance in"),
    ("semua_tahun", "Semua Tahun Anggaran", "All Budget Years"),
    ("tahun", "Tahun", "Year"),
    ("tahun_anggaran", "Tahun Anggaran", "Budget Year"),
    (
        "perjanjian_kinerja",
        "Perjanjian Kinerja",
        "Performance Agreement",
    ),
    (
        "capaian_kinerja",
        "Capaian Kinerja",
        "Performance Achievement",
    ),
    (
        "realisasi_anggaran",
        "Realisasi Anggaran",
        "Budget Realisation",
    ),
    ("hasil_validasi", "Hasil Validasi", "Validation Results"),
    // The self-assessment against the LKE (render::view::evaluation)
    (
        "evaluasi_mandiri",
        "Evaluasi Mandiri SAKIP (LKE)",
        "SAKIP Self-Assessment (LKE)",
    ),
    (
        "evaluasi_keterangan",
        "Kriteria Lembar Kerja Evaluasi (LKE) PermenPAN-RB 88/2021 yang dapat dibaca dari data laporan ini, dengan buktinya dan yang perlu dilakukan. Kriteria lain dinilai evaluator dari dokumen dan wawancara (dinilai manual).",
        "The criteria of the evaluation sheet (LKE) of PermenPAN-RB 88/2021 that this report's data can show, with their evidence and what to do. The other criteria are judged by the evaluators from documents and interviews (judged by hand).",
    ),
    (
        "skor_per_komponen",
        "Skor per komponen",
        "Score per component",
    ),
    ("lke_komponen", "Komponen", "Component"),
    ("lke_bobot", "Bobot", "Weight"),
    ("lke_skor", "Skor", "Score"),
    ("lke_kriteria", "Kriteria", "Criterion"),
    ("lke_bukti", "Bukti", "Evidence"),
    (
        "kriteria_dari_data",
        "Kriteria dari data",
        "Criteria from the data",
    ),
    ("dinilai_manual", "Dinilai manual", "Judged by hand"),
    (
        "skor_keterangan",
        "Skor indikatif: bobot komponen × rata-rata status kriterianya yang terbaca dari data (terpenuhi 1, sebagian ½, belum 0; pemenuhan 20%, kualitas 30%, pemanfaatan 50% dari bobot), bukan nilai resmi evaluator.",
        "An indicative score: the component's weight × the mean state of its criteria the data shows (met 1, partly ½, not met 0; existence 20%, quality 30%, use 50% of the weight), not the evaluators' official mark.",
    ),
    ("batas_lkjip", "Batas penyampaian LKjIP", "LKjIP due"),
    ("yang_perlu_dilakukan", "Yang perlu dilakukan", "What to do"),
    ("lke_terpenuhi", "Terpenuhi", "Met"),
    ("lke_sebagian", "Sebagian", "Partly met"),
    ("lke_belum", "Belum", "Not met"),
    ("lke_pemenuhan", "pemenuhan", "existence"),
    ("lke_kualitas", "kualitas", "quality"),
    ("lke_pemanfaatan", "pemanfaatan", "use"),
    (
        "tindak_lanjut_rekomendasi",
        "Tindak Lanjut Rekomendasi Hasil Evaluasi",
        "Follow-up of the Evaluation's Recommendations",
    ),
    ("rekomendasi", "Rekomendasi", "Recommendation"),
    ("sumber_rekomendasi", "Sumber (LHE)", "Source (LHE)"),
    (
        "tindak_lanjut_keterangan",
        "Keterangan dan bukti",
        "Notes and evidence",
    ),
    ("tl_belum", "Belum", "Not started"),
    ("tl_proses", "Proses", "In progress"),
    ("tl_selesai", "Selesai", "Done"),
    (
        "tindak_lanjut_kosong",
        "Tahun ini tidak memiliki tindak_lanjut.toml: rekomendasi evaluasi terakhir dan tindak lanjutnya belum dicatat.",
        "This year has no tindak_lanjut.toml: the last evaluation's recommendations and their follow-up are not recorded.",
    ),
    ("naskah_pk", "Naskah Perjanjian", "Agreement"),
    (
        "sasaran_dan_capaian",
        "Sasaran, Indikator, Target dan Capaian",
        "Goals, Indicators, Targets and Achievement",
    ),
    (
        "program_dan_anggaran",
        "Program dan Anggaran",
        "Programmes and Budget",
    ),
    (
        "definisi_indikator",
        "Definisi Indikator",
        "Indicator Definition",
    ),
    (
        "capaian_per_triwulan",
        "Capaian per Triwulan",
        "Achievement by Quarter",
    ),
    (
        "analisis_capaian",
        "Analisis Capaian Kinerja",
        "Analysis of the Achievement",
    ),
    // Summary
    ("rata_rata_capaian", "Rata-rata capaian", "Mean achievement"),
    (
        "indikator_terukur",
        "Indikator terukur",
        "Indicators measured",
    ),
    (
        "indikator_dengan_capaian",
        "indikator yang sudah memiliki capaian",
        "indicators that have an achievement",
    ),
    ("serapan_anggaran", "Serapan anggaran", "Budget absorption"),
    (
        "sebaran_kategori",
        "Sebaran kategori capaian",
        "Achievement by category",
    ),
    ("dari", "dari", "of"),
    ("jumlah_pk", "Jumlah PK", "Agreements"),
    // Table headings and facts
    ("no", "No", "No"),
    ("jabatan", "Jabatan", "Position"),
    ("pejabat", "Pejabat", "Official"),
    ("nama", "Nama", "Name"),
    ("nip", "NIP", "NIP"),
    ("indikator", "Indikator", "Indicators"),
    (
        "indikator_kinerja",
        "Indikator Kinerja",
        "Performance Indicator",
    ),
    ("sasaran", "Sasaran", "Goal"),
    ("sasaran_strategis", "Sasaran Strategis", "Strategic Goal"),
    ("sasaran_program", "Sasaran Program", "Programme Goal"),
    ("sasaran_kegiatan", "Sasaran Kegiatan", "Activity Goal"),
    ("jenis", "Jenis", "Kind"),
    (
        "mendukung",
        "Mendukung sasaran atasan",
        "Supports the superior's goal",
    ),
    (
        "didukung",
        "Didukung oleh sasaran",
        "Supported by the goals",
    ),
    ("program", "Program", "Programme"),
    (
        "program_pendukung",
        "Program pendukung",
        "Supporting programmes",
    ),
    ("satuan", "Satuan", "Unit"),
    ("target", "Target", "Target"),
    ("target_triwulan", "Target triwulan", "Target of quarter"),
    ("realisasi", "Realisasi", "Realisation"),
    (
        "realisasi_kumulatif",
        "Realisasi s.d. triwulan",
        "Realisation to date",
    ),
    ("nilai_dilaporkan", "Nilai dilaporkan", "Value reported"),
    ("capaian", "Capaian", "Achievement"),
    ("kategori", "Kategori", "Category"),
    ("pagu", "Pagu", "Budget ceiling"),
    ("serapan", "Serapan", "Absorption"),
    // The budget hierarchy (partials/budget_hierarchy.html)
    ("kode", "Kode", "Code"),
    ("kegiatan", "Kegiatan", "Activity"),
    ("sub_kegiatan", "Sub Kegiatan", "Sub-activity"),
    (
        "program_kegiatan_sub_kegiatan",
        "Program / Kegiatan / Sub Kegiatan",
        "Programme / Activity / Sub-activity",
    ),
    ("pagu_murni", "Pagu Murni", "Original budget"),
    ("pagu_perubahan", "Pagu Perubahan", "Revised budget"),
    ("sumber_dana", "Sumber Dana", "Source of funds"),
    (
        "realisasi_dicatat_pada",
        "Realisasi dicatat pada PK",
        "Spending recorded in the PK of",
    ),
    (
        "serapan_keterangan",
        "Serapan = realisasi ÷ pagu × 100; terhadap pagu perubahan (APBD-P) bila ada. Belanja sub kegiatan terhitung pada kegiatan dan programnya.",
        "Absorption = realisation ÷ budget × 100; against the revised budget (APBD-P) where there is one. A sub-activity's spending counts for its activity and programme.",
    ),
    ("efisiensi", "Efisiensi", "Efficiency"),
    (
        "efisiensi_keterangan",
        "Efisiensi = rata-rata capaian indikator sasaran yang didukung − serapan anggaran (poin persen); nilai ≥ 0 berarti efisien.",
        "Efficiency = mean achievement of the indicators of the goals supported − budget absorption (percentage points); a value ≥ 0 reads efficient.",
    ),
    (
        "program_bawahan_keterangan",
        "Termasuk program pada sasaran bawahan yang mendukung sasaran ini.",
        "Includes the programmes of the goals below that support this goal.",
    ),
    ("efisien", "Efisien", "Efficient"),
    ("tidak_efisien", "Belum efisien", "Not efficient"),
    ("jumlah", "Jumlah", "Total"),
    ("triwulan", "Triwulan", "Quarter"),
    ("tw_1", "TW I", "Q1"),
    ("tw_2", "TW II", "Q2"),
    ("tw_3", "TW III", "Q3"),
    ("tw_4", "TW IV", "Q4"),
    ("triwulan_1", "Triwulan I", "Quarter 1"),
    ("triwulan_2", "Triwulan II", "Quarter 2"),
    ("triwulan_3", "Triwulan III", "Quarter 3"),
    ("triwulan_4", "Triwulan IV", "Quarter 4"),
    (
        "triwulan_keterangan",
        "Realisasi s.d. triwulan dihitung dari nilai triwulan 1 sampai triwulan tersebut menurut cara akumulasi indikator; capaian triwulan memerlukan target triwulan.",
        "The realisation to date is worked out from quarters 1 up to that quarter by the indicator's accumulation; a quarter's achievement needs a quarterly target.",
    ),
    ("pelapor", "Pelapor", "Reported by"),
    ("sumber", "Sumber / bukti", "Source / evidence"),
    ("keterangan", "Keterangan", "Remark"),
    // Indicator definition
    ("polaritas", "Polaritas", "Polarity"),
    ("positif", "positif", "positive"),
    ("negatif", "negatif", "negative"),
    (
        "positif_keterangan",
        "Makin tinggi makin baik",
        "Higher is better",
    ),
    (
        "negatif_keterangan",
        "Makin rendah makin baik",
        "Lower is better",
    ),
    (
        "stabil_keterangan",
        "Makin dekat ke rentang target makin baik",
        "Best within the target range",
    ),
    (
        "indikator_terukur_teks",
        "indikator terukur",
        "indicators measured",
    ),
    ("cara_pengukuran", "Cara pengukuran", "How it is measured"),
    ("sumber_data", "Sumber data", "Data source"),
    ("akumulasi", "Realisasi tahunan", "Yearly realisation"),
    (
        "akumulasi_akhir",
        "nilai triwulan terakhir yang dilaporkan",
        "the latest quarter reported",
    ),
    (
        "akumulasi_jumlah",
        "jumlah nilai triwulan",
        "the sum of the quarters",
    ),
    (
        "akumulasi_rata_rata",
        "rata-rata nilai triwulan",
        "the mean of the quarters",
    ),
    ("rumus_capaian", "Rumus capaian", "Achievement formula"),
    (
        "rumus_ordinal",
        "peringkat(R) / peringkat(T) × 100",
        "rank(R) / rank(T) × 100",
    ),
    (
        "rumus_ordinal_skor",
        "skor(R) / skor(T) × 100",
        "score(R) / score(T) × 100",
    ),
    ("skor", "skor", "score of"),
    (
        "rumus_rentang",
        "100 dalam rentang; di bawah: R / T_min × 100; di atas: (2·T_maks − R) / T_maks × 100",
        "100 within the range; below: R / T_min × 100; above: (2·T_max − R) / T_max × 100",
    ),
    ("stabil", "stabil (rentang)", "stable (range)"),
    // A year in progress: what the shown achievement is measured against
    ("sd", "s.d.", "to"),
    (
        "terhadap_target_tahunan",
        "terhadap target tahunan",
        "against the year target",
    ),
    ("belum_terukur", "belum terukur", "not measured yet"),
    (
        "capaian_target_tahunan",
        "Capaian terhadap target tahunan",
        "Achievement against the year target",
    ),
    (
        "tahun_berjalan_catatan",
        "Tahun berjalan: capaian diukur terhadap target triwulan terakhir yang telah berakhir",
        "Year in progress: achievements are measured against the target of the latest ended quarter",
    ),
    ("belum_ada_data", "belum ada data", "no data yet"),
    // How an achievement was computed (the indicator page's "Cara menghitung")
    ("cara_menghitung", "Cara menghitung", "How it was computed"),
    (
        "cara_menghitung_catatan",
        "Rumus dengan nilai-nilainya, dihitung oleh fungsi yang sama yang menghasilkan angka di tabel.",
        "The formula with its values, computed by the same function that gives the tables' figure.",
    ),
    ("realisasi_r", "Realisasi (R)", "Realisation (R)"),
    ("target_t", "Target (T)", "Target (T)"),
    ("rumus_dan_hasil", "Rumus dan hasil", "Formula and result"),
    ("kategori_rentang", "Rentang kategori", "Category band"),
    (
        "sumber_nilai",
        "Sumber setiap nilai",
        "Where each value comes from",
    ),
    ("periode_pengukuran", "Periode", "Period"),
    (
        "lihat_cara_menghitung",
        "Lihat cara menghitung",
        "See how it was computed",
    ),
    ("tidak_dihitung", "tidak dihitung", "not computed"),
    ("target_tahunan", "Target tahunan", "Year target"),
    (
        "per_tanggal",
        "per tanggal laporan",
        "as of the report date",
    ),
    ("tahun_berjalan", "Tahun berjalan", "Year in progress"),
    ("diukur", "diukur", "measured"),
    (
        "periode_target_triwulan",
        "realisasi s.d. triwulan terakhir yang telah berakhir dan dilaporkan, dibandingkan dengan target triwulan tersebut",
        "the realisation up to the latest reported quarter that has ended, against that quarter's target",
    ),
    (
        "periode_target_tahunan",
        "indikator ini tidak memiliki target triwulan, sehingga realisasi s.d. triwulan terakhir dibandingkan dengan target tahunan",
        "this indicator has no quarterly targets, so the realisation up to the latest quarter is compared with the year target",
    ),
    (
        "ditulis_nol",
        "ditulis 0 (capaian tidak pernah negatif)",
        "shown as 0 (an achievement is never negative)",
    ),
    (
        "target_tercapai",
        "target tercapai → 100%",
        "target met → 100%",
    ),
    (
        "target_tidak_tercapai",
        "target tidak tercapai → 0%",
        "target not met → 0%",
    ),
    (
        "dalam_rentang",
        "di dalam rentang target → 100%",
        "within the target range → 100%",
    ),
    ("di_bawah_rentang", "di bawah rentang", "below the range"),
    ("di_atas_rentang", "di atas rentang", "above the range"),
    ("peringkat", "peringkat", "rank of"),
    (
        "target_negatif",
        "target negatif, capaian tidak dihitung",
        "a negative target, no achievement computed",
    ),
    ("baris", "baris", "line"),
    // Early warning in a year in progress
    ("peringatan_dini", "Peringatan Dini", "Early Warning"),
    (
        "peringatan_dini_keterangan",
        "Indikator yang proyeksi capaian akhir tahunnya di bawah kategori Tinggi, dari yang terendah. Proyeksi memakai pola triwulan tahun lalu bila ada, selain itu tren linear nilai kumulatif.",
        "Indicators whose projected year-end achievement falls below Tinggi, worst first. The projection follows last year's quarterly profile where it exists, otherwise a linear trend of the cumulative values.",
    ),
    (
        "proyeksi_akhir_tahun",
        "Proyeksi akhir tahun",
        "Projected at year end",
    ),
    ("kebutuhan", "Kebutuhan", "Needed"),
    (
        "per_triwulan_tersisa",
        "per triwulan tersisa",
        "in each remaining quarter",
    ),
    ("pada_akhir_tahun", "pada akhir tahun", "by the year's end"),
    (
        "metode_profil_tahun_lalu",
        "pola tahun lalu",
        "last year's profile",
    ),
    ("metode_tren_linear", "tren linear", "linear trend"),
    // The print's annexes on how the numbers were computed and what evidence they rest on
    (
        "metodologi_perhitungan",
        "Metodologi Perhitungan",
        "How the Figures Were Computed",
    ),
    (
        "metodologi_keterangan",
        "Setiap capaian dalam laporan ini dihitung dengan rumus berikut dari nilai-nilai yang tercatat di repositori laporan; berkas dan baris setiap nilai disebutkan.",
        "Every achievement in this report was computed with the formula below from the values recorded in the report repository; the file and line of each value are given.",
    ),
    (
        "daftar_berkas_bukti",
        "Daftar Berkas Bukti",
        "Evidence Files",
    ),
    (
        "bukti_keterangan",
        "Berkas bukti yang dirujuk realisasi, dengan sidik SHA-256 untuk memeriksa keasliannya.",
        "The evidence files the realisations cite, with their SHA-256 to check they are unchanged.",
    ),
    (
        "tidak_ada_bukti",
        "Tidak ada berkas bukti yang dirujuk.",
        "No evidence file is cited.",
    ),
    ("berkas", "Berkas", "File"),
    // What changed since the approval (the change page)
    (
        "perubahan_sejak_persetujuan",
        "Perubahan Data sejak Persetujuan",
        "Changes since the Approval",
    ),
    (
        "perubahan_catatan_tahunan",
        "Nilai yang berbeda dari yang disetujui Kepala OPD",
        "Values that differ from those the Head of Agency approved",
    ),
    (
        "perubahan_catatan_triwulan",
        "Nilai yang berbeda dari yang disetujui pada pelaksanaan SOP triwulan terakhir",
        "Values that differ from those approved in the latest quarterly run of the SOP",
    ),
    (
        "dibandingkan_commit",
        "dibandingkan dengan commit",
        "compared with commit",
    ),
    ("nilai_lama", "Nilai disetujui", "Approved value"),
    ("nilai_baru", "Nilai sekarang", "Value now"),
    ("capaian_baru", "Capaian sekarang", "Achievement now"),
    ("dihapus", "dihapus", "removed"),
    ("baru_ditambahkan", "baru", "new"),
    (
        "tidak_ada_perubahan",
        "Tidak ada nilai yang berubah sejak persetujuan.",
        "No value has changed since the approval.",
    ),
    (
        "lihat_perubahan",
        "Lihat perubahan sejak persetujuan",
        "See what changed since the approval",
    ),
    ("skala", "Skala", "Scale"),
    ("standar_nasional", "Standar nasional", "National standard"),
    // The seven comparisons (PermenPAN-RB 53/2014)
    (
        "perbandingan_1",
        "Target dan realisasi tahun ini",
        "Target and realisation this year",
    ),
    (
        "perbandingan_2",
        "Realisasi dan capaian dibandingkan tahun-tahun sebelumnya",
        "Realisation and achievement compared with earlier years",
    ),
    (
        "perbandingan_3",
        "Realisasi dibandingkan target akhir Renstra",
        "Realisation against the Renstra's final target",
    ),
    (
        "perbandingan_4",
        "Realisasi dibandingkan standar nasional dan daerah lain",
        "Realisation against the national standard and other regions",
    ),
    (
        "perbandingan_5",
        "Analisis penyebab keberhasilan atau kegagalan dan upaya yang dilakukan",
        "Causes of success or failure and the remedies taken",
    ),
    (
        "perbandingan_6",
        "Efisiensi penggunaan sumber daya",
        "Efficiency of the use of resources",
    ),
    (
        "perbandingan_7",
        "Program yang menunjang keberhasilan atau kegagalan",
        "Programmes that supported success or caused failure",
    ),
    ("periode_renstra", "Periode Renstra", "Renstra period"),
    ("kondisi_awal", "Kondisi awal", "Baseline"),
    (
        "target_renstra_tahun_ini",
        "Target Renstra tahun ini",
        "Renstra target for this year",
    ),
    (
        "target_akhir_renstra",
        "Target akhir Renstra",
        "Renstra final target",
    ),
    (
        "capaian_renstra",
        "Capaian terhadap target akhir Renstra",
        "Achievement against the final Renstra target",
    ),
    (
        "capaian_terhadap_standar",
        "Capaian terhadap standar",
        "Achievement against the standard",
    ),
    (
        "memenuhi_standar",
        "Memenuhi standar nasional",
        "Meets the national standard",
    ),
    (
        "belum_memenuhi_standar",
        "Belum memenuhi standar nasional",
        "Below the national standard",
    ),
    // The Perjanjian Kinerja wording (PermenPAN-RB 53/2014 annex)
    (
        "pk_pembuka",
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        "In order to achieve effective, transparent and accountable government management oriented to results, we the undersigned:",
    ),
    (
        "pk_sebutan_pihak_pertama",
        "selanjutnya disebut pihak pertama;",
        "hereinafter the first party;",
    ),
    (
        "pk_sebutan_pihak_kedua",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.",
        "as the first party's superior, hereinafter the second party.",
    ),
    (
        "pk_janji",
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
        "The first party promises to achieve the performance targets set out in the annex to this agreement, towards the medium-term targets set in the planning documents. The success or failure to achieve these targets is our responsibility.",
    ),
    (
        "pk_supervisi",
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.",
        "The second party will provide the supervision needed, evaluate the performance achieved under this agreement, and take the action needed to give rewards and sanctions.",
    ),
    ("pihak_pertama", "Pihak Pertama", "First Party"),
    ("pihak_kedua", "Pihak Kedua", "Second Party"),
    // Validation
    ("kesalahan", "kesalahan", "errors"),
    ("peringatan", "peringatan", "warnings"),
    ("temuan_error", "Kesalahan", "Error"),
    ("temuan_warning", "Peringatan", "Warning"),
    ("saran", "Yang perlu dilakukan", "What to do"),
    (
        "validasi_keterangan",
        "Kesalahan menghentikan pembangunan situs; peringatan ditampilkan di sini sampai diperbaiki.",
        "Errors stop the build; warnings are shown here until they are fixed.",
    ),
    (
        "tidak_ada_temuan",
        "Tidak ada temuan: data tahun ini lolos validasi.",
        "No findings: this year's data passed validation.",
    ),
    // The SOP page, the approval of a year, and the realisation request forms
    ("sop", "SOP", "SOP"),
    ("identitas_sop", "Identitas SOP", "The SOP"),
    ("prosedur", "Prosedur", "Procedure"),
    ("pemerintah", "Pemerintah", "Government of"),
    ("nomor_sop", "Nomor SOP", "SOP number"),
    ("nama_sop", "Nama SOP", "SOP name"),
    ("dasar_hukum", "Dasar Hukum", "Legal Basis"),
    (
        "kualifikasi",
        "Kualifikasi Pelaksana",
        "Qualifications of the Staff",
    ),
    ("keterkaitan", "Keterkaitan", "Related SOPs"),
    ("peralatan", "Peralatan / Perlengkapan", "Equipment"),
    ("peringatan_sop", "Peringatan", "Warning"),
    ("pencatatan", "Pencatatan dan Pendataan", "Records"),
    ("pelaksanaan_sop", "Pelaksanaan SOP Tahun", "SOP Compliance"),
    (
        "kepatuhan_sop",
        "Pelaksanaan SOP tahun ini",
        "This year's compliance with the SOP",
    ),
    ("uraian_prosedur", "Uraian Prosedur", "Procedure step"),
    ("dilaksanakan_oleh", "Dilaksanakan oleh", "Done by"),
    ("mulai", "Mulai", "Start"),
    ("selesai", "Selesai", "End"),
    ("standar_waktu", "Standar waktu", "Time standard"),
    ("waktu_pelaksanaan", "Waktu pelaksanaan", "Time taken"),
    (
        "dokumen",
        "Dokumen / nomor surat",
        "Document / letter number",
    ),
    ("nomor_surat", "Nomor surat", "Letter number"),
    ("langkah", "langkah", "step"),
    ("langkah_dicatat", "langkah dicatat", "steps recorded"),
    (
        "langkah_melebihi",
        "langkah melebihi standar waktu",
        "over the time standard",
    ),
    (
        "langkah_persetujuan",
        "Langkah persetujuan",
        "Approval step",
    ),
    ("belum_dicatat", "Belum dicatat", "Not recorded"),
    ("sesuai_standar", "Sesuai standar", "Within standard"),
    ("melebihi_standar", "Melebihi standar", "Over standard"),
    (
        "tidak_terukur",
        "Tidak dapat diukur: waktu selesai (atau jam mulai dan selesai) tidak dicatat",
        "Cannot be measured: the end (or the start and end times) is not recorded",
    ),
    (
        "kepatuhan_keterangan",
        "Standar waktu dalam menit dan jam dihitung dari jam mulai sampai jam selesai; standar dalam hari dihitung sebagai hari kerja Senin–Jumat, hari mulai dan hari selesai ikut dihitung.",
        "Standards in minutes and hours are measured from the start time to the end time; standards in days are counted in working days, Monday to Friday, the first and the last day included.",
    ),
    (
        "tidak_ada_proses",
        "Belum ada catatan pelaksanaan SOP (proses.toml) untuk tahun ini.",
        "There is no record of the SOP's steps (proses.toml) for this year yet.",
    ),
    ("durasi_hari", "hari", "d"),
    ("durasi_jam", "jam", "h"),
    ("durasi_menit", "menit", "min"),
    ("hari_kerja", "hari kerja", "working days"),
    ("hari_kerja_satu", "hari kerja", "working day"),
    ("pengesahan", "Pengesahan", "Approval"),
    ("ditandatangani_oleh", "Ditandatangani oleh", "Signed by"),
    (
        "tanggal_persetujuan",
        "Tanggal penandatanganan",
        "Date signed",
    ),
    (
        "nomor_surat_pengantar",
        "Nomor surat pengantar",
        "Cover letter number",
    ),
    (
        "tanpa_persetujuan_keterangan",
        "Laporan tahun ini belum disetujui: SOP tidak memiliki langkah persetujuan, sehingga tidak ada tahun yang dapat disetujui.",
        "This year's report is not approved: the SOP has no approval step, so no year can be approved.",
    ),
    ("triwulan_disetujui", "TW disetujui", "Quarter approved"),
    (
        "triwulan_disetujui_keterangan",
        "Data triwulan yang sudah disetujui (pelaksanaan SOP triwulanan):",
        "Quarters whose data is approved (the SOP's quarterly runs):",
    ),
    (
        "belum_ada_tahun_disetujui",
        "Belum ada tahun yang disetujui Kepala OPD: edisi publik ini belum memuat laporan kinerja tahun mana pun.",
        "No year has been approved by the Head of Agency yet: this public edition holds no year's performance report.",
    ),
    (
        "draft_keterangan",
        "Laporan tahun ini belum disetujui dan ditandatangani Kepala OPD: langkah persetujuan SOP belum dicatat.",
        "This year's report is not yet approved and signed by the Head of Agency: the SOP's approval steps are not recorded.",
    ),
    ("formulir", "Formulir", "Form"),
    (
        "formulir_realisasi",
        "Formulir Realisasi",
        "Realisation Form",
    ),
    (
        "formulir_judul",
        "Format Realisasi Capaian Kinerja",
        "Performance Realisation Form",
    ),
    (
        "formulir_pk_keterangan",
        "Format isian realisasi per triwulan (SOP langkah 4), untuk dicetak dan diisi penanggung jawab:",
        "Quarterly realisation forms (SOP step 4), to print and fill in:",
    ),
    ("target_tahun", "Target tahun", "Target"),
    (
        "analisis",
        "Analisis (penyebab, kendala, upaya)",
        "Analysis (causes, obstacles, remedies)",
    ),
    ("mengetahui", "Mengetahui", "Acknowledged by"),
    (
        "analisis_dilaporkan",
        "Sudah dilaporkan: lihat halaman indikator",
        "Reported: see the indicator's page",
    ),
    ("target_sd", "Target s.d.", "Target to"),
    (
        "indikator_sudah_dilaporkan",
        "indikator sudah dilaporkan",
        "indicators reported already",
    ),
    (
        "formulir_cetak",
        "Cetak halaman ini untuk formulir A4.",
        "Print this page for an A4 form.",
    ),
    (
        "formulir_petunjuk",
        "Isi kolom (7), (8) dan (9) untuk setiap indikator; nilai yang sudah dilaporkan telah tercetak.",
        "Fill in columns (7), (8) and (9) for each indicator; values already reported are printed.",
    ),
    (
        "formulir_petunjuk_isian",
        "Kolom (7): isi seperti petunjuk di kotaknya. Nilai \u{201c}triwulan ini saja\u{201d} tidak menjumlahkan triwulan sebelumnya; kolom (6) memuat target yang sepadan dengan nilai itu.",
        "Column (7): fill in as its box says. A value for \u{201c}this quarter only\u{201d} does not add the earlier quarters; column (6) holds the target that matches that value.",
    ),
    // Empty states
    (
        "belum_ada_tahun",
        "Belum ada data tahun anggaran.",
        "There is no budget year yet.",
    ),
    (
        "belum_ada_pk",
        "Belum ada Perjanjian Kinerja.",
        "There is no performance agreement yet.",
    ),
    (
        "belum_ada_sasaran",
        "Belum ada sasaran.",
        "There is no goal yet.",
    ),
    (
        "belum_ada_indikator",
        "Belum ada indikator.",
        "There is no indicator yet.",
    ),
    (
        "belum_ada_program",
        "Tidak ada program yang dicatat.",
        "No programme is recorded.",
    ),
    (
        "belum_ada_riwayat",
        "Indikator ini belum ada pada tahun lain.",
        "This indicator is not in any other year.",
    ),
    (
        "belum_ada_analisis",
        "Belum ada analisis yang dilaporkan.",
        "No analysis has been reported.",
    ),
    (
        "tidak_ada_renstra",
        "Indikator ini tidak ada dalam Renstra.",
        "This indicator is not in the Renstra.",
    ),
    (
        "tidak_ada_standar",
        "Tidak ada standar nasional atau data pembanding untuk indikator ini.",
        "There is no national standard or benchmark for this indicator.",
    ),
    // Comparisons 4 and 5, IKU, the review on the year page (render::view::lkjip)
    ("nasional", "Nasional", "National"),
    ("pembanding", "Pembanding", "Benchmark"),
    ("nilai_pembanding", "Nilai", "Value"),
    ("selisih", "Selisih realisasi", "Realisation minus value"),
    ("tingkat", "tingkat", "steps"),
    (
        "setara_atau_lebih_baik",
        "Setara atau lebih baik",
        "As good or better",
    ),
    (
        "di_bawah_pembanding",
        "Lebih rendah kinerjanya",
        "Not as good",
    ),
    (
        "pembanding_keterangan",
        "Selisih = realisasi tahun ini dikurangi nilai pembanding; capaian = realisasi terhadap nilai pembanding sebagai target, dengan rumus capaian indikator ini.",
        "Difference = this year's realisation minus the benchmark; achievement = the realisation against the benchmark as target, by this indicator's formula.",
    ),
    ("faktor_pendorong", "Faktor pendorong", "Driving factors"),
    (
        "faktor_penghambat",
        "Faktor penghambat",
        "Inhibiting factors",
    ),
    (
        "solusi_antisipatif",
        "Solusi / langkah antisipatif",
        "Solutions / anticipating steps",
    ),
    ("iku_singkat", "IKU", "KPI"),
    ("tujuan_renstra", "Tujuan", "Objective"),
    ("skor_skala", "Skor", "Scores"),
    ("direviu_oleh", "Direviu oleh", "Reviewed by"),
    ("nomor_reviu", "Nomor", "Number"),
    ("tanggal_reviu", "Tanggal reviu", "Date of review"),
    // The printed report (LKjIP, PermenPAN-RB 53/2014)
    (
        "lkjip_judul",
        "Laporan Kinerja Instansi Pemerintah",
        "Government Agency Performance Report",
    ),
    ("lkjip", "LKjIP", "LKjIP"),
    (
        "versi_cetak",
        "Versi cetak (LKjIP)",
        "Print version (LKjIP)",
    ),
    (
        "cetak_petunjuk",
        "Halaman ini memuat seluruh LKjIP tahun ini sebagai satu dokumen A4: cetak atau simpan sebagai PDF dari peramban (Ctrl+P), atau jalankan capaian pdf.",
        "This page holds the year's whole LKjIP as one A4 document: print it or save it as a PDF from the browser (Ctrl+P), or run capaian pdf.",
    ),
    (
        "ikhtisar_eksekutif",
        "Ikhtisar Eksekutif",
        "Executive Summary",
    ),
    (
        "ringkasan_capaian",
        "Ringkasan Capaian Kinerja",
        "Performance at a Glance",
    ),
    ("bab", "Bab", "Chapter"),
    ("bab_1", "Pendahuluan", "Introduction"),
    ("bab_2", "Perencanaan Kinerja", "Performance Planning"),
    (
        "bab_3",
        "Akuntabilitas Kinerja",
        "Performance Accountability",
    ),
    ("bab_4", "Penutup", "Closing"),
    (
        "bab_kosong",
        "Belum ada halaman untuk bab ini.",
        "No page has been written for this chapter yet.",
    ),
    ("lampiran", "Lampiran", "Annex"),
    (
        "lampiran_keterangan",
        "Perjanjian Kinerja tahun ini yang ditandatangani setiap pejabat dengan atasannya, dokumen Indikator Kinerja Utama, dan capaian kinerja rinci setiap pejabat di bawah Kepala OPD.",
        "This year's performance agreements, signed by each official and their superior, the key performance indicator document, and the detailed performance of every official below the head of agency.",
    ),
    (
        "lampiran_pk",
        "Lampiran Perjanjian Kinerja",
        "Annex to the Performance Agreement",
    ),
    (
        "target_renstra",
        "Target Rencana Strategis",
        "Strategic Plan Targets",
    ),
    (
        "capaian_kinerja_organisasi",
        "Capaian Kinerja Organisasi",
        "Organisational Performance",
    ),
    (
        "rekap_pk",
        "Perjanjian Kinerja tahun ini; naskah lengkapnya terdapat pada Lampiran.",
        "This year's performance agreements; their full text is in the Annex.",
    ),
    ("anggaran_rp", "Anggaran (Rp)", "Budget (Rp)"),
    // The printed report's lists, IKU, signature, review statement and annex (render::cetak)
    ("daftar_tabel", "Daftar Tabel", "List of Tables"),
    ("daftar_gambar", "Daftar Gambar", "List of Figures"),
    ("tabel", "Tabel", "Table"),
    ("gambar", "Gambar", "Figure"),
    (
        "indikator_kinerja_utama",
        "Indikator Kinerja Utama",
        "Key Performance Indicators",
    ),
    (
        "iku_keterangan",
        "Indikator Kinerja Utama (IKU) adalah ukuran keberhasilan sasaran strategis dalam Perjanjian Kinerja Kepala OPD; uraian lengkapnya terdapat pada Lampiran.",
        "The Key Performance Indicators (IKU) measure the strategic goals of the head of agency's performance agreement; their full description is in the Annex.",
    ),
    (
        "dokumen_iku",
        "Dokumen Indikator Kinerja Utama",
        "Key Performance Indicator Document",
    ),
    (
        "definisi_operasional",
        "Definisi operasional",
        "Operational definition",
    ),
    ("formula", "Formula", "Formula"),
    ("penanggung_jawab", "Penanggung jawab", "Responsible"),
    (
        "rekap_pk_judul",
        "Rekapitulasi Perjanjian Kinerja",
        "Performance Agreements",
    ),
    ("capaian_indikator", "Capaian indikator", "Indicators of"),
    (
        "realisasi_anggaran_per_program",
        "Realisasi Anggaran per Program",
        "Budget Realisation by Programme",
    ),
    (
        "realisasi_anggaran_rinci",
        "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan",
        "Budget Realisation by Programme, Activity and Sub-activity",
    ),
    (
        "pengesahan_laporan",
        "Pengesahan laporan",
        "Approval of the report",
    ),
    (
        "pernyataan_reviu",
        "Pernyataan Telah Direviu",
        "Statement of Review",
    ),
    (
        "reviu_teks_1",
        "Kami telah mereviu Laporan Kinerja",
        "We have reviewed the Performance Report of",
    ),
    (
        "reviu_teks_2",
        "untuk tahun anggaran",
        "for the budget year",
    ),
    (
        "reviu_teks_3",
        "sesuai Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen",
        "in accordance with the Guidelines for the Review of Performance Reports. The substance of the information in the report is the responsibility of the management of",
    ),
    (
        "reviu_teks_4",
        "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah disajikan secara akurat, andal, dan valid.",
        "The review aims to give limited assurance that the performance report is presented accurately, reliably and validly.",
    ),
    (
        "reviu_teks_5",
        "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini keandalan informasi yang disajikan di dalam laporan kinerja ini.",
        "Based on our review, we found no condition or matter that gives reason to doubt the reliability of the information presented in this performance report.",
    ),
    (
        "capaian_rinci_bawahan",
        "Capaian Kinerja Rinci Pejabat Eselon III dan IV",
        "Detailed Performance of Echelon III and IV Officials",
    ),
    (
        "capaian_rinci_keterangan",
        "Capaian setiap sasaran dan indikator dalam Perjanjian Kinerja pejabat di bawah Kepala OPD, dengan tujuh perbandingan yang sama dengan Bab III.",
        "Every goal and indicator of the performance agreements below the head of agency, with the same seven comparisons as Chapter III.",
    ),
];

/// The labels of one language, serialized for the templates as a map.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct Labels(BTreeMap<&'static str, &'static str>);

impl Labels {
    pub fn new(language: Language) -> Labels {
        Labels(
            LABELS
                .iter()
                .map(|&(key, id, en)| {
                    (
                        key,
                        match language {
                            Language::Indonesian => id,
                            Language::English => en,
                        },
                    )
                })
                .collect(),
        )
    }

    /// The label of `key`; the key itself when the table has none (a theme bug, visible).
    pub fn get(&self, key: &'static str) -> &'static str {
        self.0.get(key).copied().unwrap_or(key)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_translated() {
        let mut seen = std::collections::BTreeSet::new();
        for (key, id, en) in LABELS {
            assert!(seen.insert(key), "label `{key}` twice");
            assert!(!id.is_empty() && !en.is_empty(), "label `{key}` is empty");
        }
    }

    #[test]
    fn draft_wording() {
        assert_eq!(
            Labels::new(Language::Indonesian).get("draft_banner"),
            "DRAFT — belum disetujui Kepala OPD"
        );
        assert_eq!(
            Labels::new(Language::English).get("draft_banner"),
            "DRAFT — not yet approved by the Head of Agency"
        );
    }
}
