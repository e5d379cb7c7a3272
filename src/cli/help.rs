//! `--help` in the editors' language. clap's derive attributes hold the English texts; for an
//! Indonesian site the command is rewritten from the table below before parsing.
//!
//! The language is `CAPAIAN_LANG` (`id` or `en`) when set, else the `bahasa` of the site.toml
//! in the content folder the command names (`--content`, default `content`), else Indonesian.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Arg, Command};

use crate::model::Language;

/// The language of the help and of the messages said before a site is loaded.
pub fn language_of_args(args: &[OsString]) -> Language {
    if let Ok(lang) = std::env::var("CAPAIAN_LANG") {
        match lang.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => return Language::English,
            "id" | "indonesia" => return Language::Indonesian,
            _ => {}
        }
    }
    let mut content = PathBuf::from("content");
    let mut iter = args.iter().skip(1);
    // (`CAPAIAN_LANG` was read above; what follows is [`language_of`] for the folder named.)
    while let Some(arg) = iter.next() {
        let arg = arg.to_string_lossy();
        if arg == "--content" {
            if let Some(dir) = iter.next() {
                content = PathBuf::from(dir);
            }
        } else if let Some(dir) = arg.strip_prefix("--content=") {
            content = PathBuf::from(dir);
        }
    }
    language_of(&content)
}

/// The language of a content folder's messages: `CAPAIAN_LANG` when set, else site.toml's
/// `bahasa`, else Indonesian.
pub fn language_of(content: &std::path::Path) -> Language {
    if let Ok(lang) = std::env::var("CAPAIAN_LANG") {
        match lang.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => return Language::English,
            "id" | "indonesia" => return Language::Indonesian,
            _ => {}
        }
    }
    if content.join("site.toml").is_file() {
        crate::load::site_language(content)
    } else {
        Language::Indonesian
    }
}

/// The command with its help texts in `language`.
pub fn localised(command: Command, language: Language) -> Command {
    if language == Language::English {
        return command;
    }
    let mut command = command;
    command.build();
    let mut command = indonesian(command, "");
    for name in command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect::<Vec<_>>()
    {
        command = command.mut_subcommand(name.as_str(), |sub| indonesian(sub, &name));
    }
    command
}

/// One command's texts in Indonesian: its description, its arguments', the headings.
fn indonesian(command: Command, name: &str) -> Command {
    let mut command = command
        .help_template(
            "{before-help}{about-with-newline}\nPemakaian: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Perintah")
        .next_help_heading("Pilihan");
    if let Some(about) = about(name) {
        command = command.about(about).long_about(None::<&str>);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(id.as_str(), |arg| {
            let arg = translate_arg(arg, name, &id);
            if arg.is_positional() {
                arg.help_heading("Argumen")
            } else {
                arg.help_heading("Pilihan")
            }
        });
    }
    command
}

fn translate_arg(arg: Arg, command: &str, id: &str) -> Arg {
    let Some(help) = arg_help(command, id) else {
        return arg;
    };
    // clap's own "[default: …]" and "[possible values: …]" are English: the default is said
    // here, the values are in the help text.
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let help = if defaults.is_empty() || !arg.get_action().takes_values() {
        help.to_string()
    } else {
        format!("{help} [bawaan: {}]", defaults.join(", "))
    };
    arg.help(help)
        .long_help(None::<&str>)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// What a command does, in Indonesian.
fn about(command: &str) -> Option<&'static str> {
    Some(match command {
        "" => "Membangun situs laporan kinerja (LKjIP) dari berkas TOML",
        "build" => "Memeriksa isi, menghitung capaian, dan menulis situs",
        "check" => "Memeriksa isi terhadap spesifikasi data dan SOP, tanpa menulis apa pun",
        "serve" => {
            "Membangun dan menyajikan situs di http://127.0.0.1:1111/, membangun ulang setiap ada perubahan dan memuat ulang halaman yang terbuka; pembangunan ulang yang gagal mempertahankan situs terakhir yang baik dan menampilkan kesalahannya"
        }
        "watch" => "Membangun, lalu membangun ulang setiap ada perubahan, tanpa menyajikan",
        "new" => {
            "Menulis repositori laporan baru yang langsung bisa dibangun (site.toml, SOP awal, satu tahun)"
        }
        "import" => {
            "Menambahkan realisasi dari lembar kerja (CSV, XLSX, ODS) berformat formulir permintaan: indikator, triwulan, nilai, sumber, analisis, pelapor"
        }
        "pdf" => {
            "Membangun situs, lalu mencetak LKjIP satu tahun (/<tahun>/cetak/) ke PDF dengan Chromium tanpa layar yang ada di komputer ini"
        }
        "verify" => {
            "Memeriksa situs hasil bangun terhadap segel setiap tahun (data/<tahun>.manifest.json): setiap berkas keluaran; dengan --content setiap berkas masukannya; dengan --pdf hash manifes yang dimuat PDF cetakan. Keluar dengan 0 bila semuanya cocok, 1 dengan daftar setiap perbedaan"
        }
        "init-hooks" => {
            "Memasang hook pre-commit git yang menjalankan `capaian check` sebelum setiap commit"
        }
        "form" => {
            "Menambahkan formulir permintaan realisasi (langkah 4 SOP) ke <tahun>/realisasi/<pk>.toml: entri bertanda komentar untuk setiap indikator yang masih kosong, tanpa mengubah nilai yang sudah ada"
        }
        "help" => "Menampilkan bantuan ini atau bantuan perintah yang disebut",
        _ => return None,
    })
}

/// What an argument is for, in Indonesian.
fn arg_help(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        (_, "help") => "Tampilkan bantuan",
        (_, "version") => "Tampilkan versi",
        ("verify", "content") => "Periksa juga folder content yang menjadi sumber situs",
        ("verify", "site") => "Situs hasil bangun yang diperiksa",
        ("verify", "pdf") => {
            "Periksa juga bahwa PDF cetakan (capaian pdf) memuat segel salah satu tahun"
        }
        (_, "content") => {
            "Folder content: site.toml, sop.toml, renstra.toml, pages/, satu folder per tahun"
        }
        (_, "deny_warnings") => {
            "Anggap peringatan sebagai kesalahan: tidak membangun (keluar dengan 1) bila ada peringatan"
        }
        (_, "edition") => {
            "internal: semua tahun, draf diberi tanda, temuan dan catatan proses; public: hanya tahun yang sudah disetujui Kepala OPD [bawaan: `edisi` di site.toml, atau internal]"
        }
        (_, "output") => {
            "Tempat situs ditulis; diganti seluruhnya bila berhasil, tidak disentuh bila gagal"
        }
        (_, "theme") => {
            "Folder tema (templates/, static/) yang menimpa tema bawaan berkas demi berkas [bawaan: themes/<tema> di samping folder content, bila ada]"
        }
        ("check", "format") => {
            "Bentuk keluaran: human (teks bergaya rustc dengan baris sumbernya, di stderr), json (satu dokumen JSON di stdout: errors, warnings, findings), github (baris anotasi GitHub Actions di stdout)"
        }
        ("serve", "port") => "Port yang didengarkan (0 memilih port yang bebas)",
        ("serve", "bind") => "Alamat yang didengarkan; bawaannya hanya melayani komputer ini",
        ("serve", "allow_host") => {
            "Nama host yang juga dilayani, selain localhost dan alamat yang didengarkan (boleh diulang); permintaan dengan host lain ditolak"
        }
        ("new", "dir") => "Folder yang dibuat (harus kosong atau belum ada)",
        ("new", "nama") => "Nama lengkap instansi (`opd.nama`)",
        ("new", "singkatan") => "Singkatannya, mis. DP3APPKB",
        ("new", "wilayah") => "Kota, kabupaten atau provinsi, mis. \"Kota Tarakan\"",
        ("new", "kepala") => "Nama kepala instansi, dengan gelarnya",
        ("new", "nip") => "NIP kepala instansi",
        ("new", "jabatan") => "Jabatan kepala instansi, mis. \"Kepala Dinas\"",
        ("new", "tahun") => "Tahun anggaran pertama [bawaan: tahun ini]",
        (_, "year") => "Tahun anggaran",
        (_, "pk") => "Id PK (nama berkasnya di <tahun>/pk/)",
        ("import", "file") => "Lembar kerjanya: .csv (pemisah ; , atau tab), .xlsx, .xls atau .ods",
        ("import", "replace") => "Timpa entri yang sudah ada dengan nilai dari lembar kerja",
        ("import", "dry_run") => {
            "Periksa setiap baris dan sebutkan apa yang akan berubah, tanpa menulis"
        }
        ("import", "decimal") => {
            "Cara membaca angka yang ditulis sebagai teks bila lembar kerja tidak menunjukkannya: comma (1.250.000,5, cara Indonesia) atau point (1,250,000.5)"
        }
        ("pdf", "out") => "Berkas PDF yang ditulis [bawaan: lkjip-<tahun>.pdf]",
        ("form", "triwulan") => {
            "Triwulan yang diminta [bawaan: untuk setiap indikator, triwulan paling awal yang belum ada realisasinya]"
        }
        ("form", "xlsx") => {
            "Tulis formulir sebagai lembar kerja untuk diisi (lalu `capaian import`), bukan ditambahkan ke berkas TOML"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn help(args: &[&str], language: Language) -> String {
        let command = localised(crate::cli::Cli::command(), language);
        match command.try_get_matches_from(args) {
            Err(e) => e.render().to_string(),
            Ok(_) => panic!("{args:?} printed no help"),
        }
    }

    #[test]
    fn every_argument_of_every_command_has_indonesian_help() {
        let mut command = crate::cli::Cli::command();
        command.build();
        let mut missing = Vec::new();
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            if about(name).is_none() {
                missing.push(name.to_string());
            }
            for arg in sub.get_arguments() {
                if arg_help(name, arg.get_id().as_str()).is_none() {
                    missing.push(format!("{name} {}", arg.get_id()));
                }
            }
        }
        assert!(missing.is_empty(), "no Indonesian help: {missing:?}");
    }

    #[test]
    fn help_is_indonesian_by_default_and_english_on_request() {
        let id = help(&["capaian", "--help"], Language::Indonesian);
        assert!(id.contains("Pemakaian: capaian"), "{id}");
        assert!(id.contains("Perintah"), "{id}");
        assert!(id.contains("Memeriksa isi, menghitung capaian"), "{id}");
        assert!(!id.contains("Usage") && !id.contains("Commands"), "{id}");
        let build = help(&["capaian", "build", "--help"], Language::Indonesian);
        assert!(build.contains("Tempat situs ditulis"), "{build}");
        assert!(build.contains("Tampilkan bantuan"), "{build}");
        assert!(
            !build.contains("Print help") && !build.contains("Options"),
            "{build}"
        );
        let en = help(&["capaian", "build", "--help"], Language::English);
        assert!(en.contains("Where the site is written"), "{en}");
        assert!(!en.contains("Tempat situs"), "{en}");
    }
}
