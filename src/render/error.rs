//! What can go wrong in a render.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot read the theme file `{}`: {source}; check that the theme folder and its files are readable", path.display())]
    ThemeIo {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "a template of {origin} does not compile:\n{message}\nhelp: fix the template named above, or delete it from the theme folder to use the built-in one"
    )]
    Template {
        /// The theme the templates come from.
        origin: String,
        message: String,
    },
    #[error(
        "cannot render `{page}` with the template `{template}` from {origin}:\n{message}\nhelp: fix the template (the variables each template gets are listed in the docs of capaian::render), or delete it from the theme folder to use the built-in one"
    )]
    Render {
        template: String,
        page: String,
        origin: String,
        message: String,
    },
    #[error(
        "two files would be written to `{path}`: {first}, and {second}; rename one of them (a page's file name is its URL)"
    )]
    Collision {
        path: String,
        first: String,
        second: String,
    },
    #[error("cannot export the data of {year} as JSON: {source}")]
    Json {
        year: i32,
        source: serde_json::Error,
    },
    /// The render was cancelled ([`crate::render::Input::cancel`]): a newer change replaced it.
    #[error("the build was cancelled: a newer change replaced it")]
    Cancelled,
    /// A rendered file could not be written ([`crate::render::render`]).
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
}
