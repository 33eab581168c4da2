//! Next steps for the person, from guidance files that a support organisation can edit and
//! translate: Fluent files (`fr.ftl`, `en.ftl`), built in, or read from a folder that
//! replaces them (`DATA_DIR/guidance/`). The sections a report shows are chosen from what
//! was found; the helplines from the country.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use std::path::Path;
use vigie_core::Lang;

const EN: &str = include_str!("../guidance/en.ftl");
const FR: &str = include_str!("../guidance/fr.ftl");

/// Where guidance texts came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuidanceOrigin {
    /// Vigie's own texts.
    BuiltIn,
    /// The organisation's file, read from this path.
    File(String),
}

/// The guidance texts of one language.
pub struct Guidance {
    bundle: FluentBundle<FluentResource>,
    /// Where the texts came from.
    pub origin: GuidanceOrigin,
}

impl std::fmt::Debug for Guidance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Guidance({:?})", self.origin)
    }
}

/// Why a guidance file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GuidanceError {
    /// The file could not be read.
    #[error("{path}: {detail}")]
    Read {
        /// The file.
        path: String,
        /// What the system said.
        detail: String,
    },
    /// The file is not valid Fluent.
    #[error("{0}: not a valid guidance file (Fluent syntax)")]
    Syntax(String),
}

impl Guidance {
    /// The guidance for `lang`: `folder/<lang>.ftl` when that file exists, else built in.
    pub fn load(lang: Lang, folder: Option<&Path>) -> Result<Guidance, GuidanceError> {
        let file = folder.map(|f| f.join(format!("{}.ftl", lang.code())));
        let (source, origin) = match file.filter(|f| f.is_file()) {
            Some(f) => (
                std::fs::read_to_string(&f).map_err(|e| GuidanceError::Read {
                    path: f.display().to_string(),
                    detail: e.to_string(),
                })?,
                GuidanceOrigin::File(f.display().to_string()),
            ),
            None => (
                match lang {
                    Lang::Fr => FR,
                    Lang::En => EN,
                }
                .to_owned(),
                GuidanceOrigin::BuiltIn,
            ),
        };
        let name = match &origin {
            GuidanceOrigin::File(path) => path.clone(),
            GuidanceOrigin::BuiltIn => "built-in guidance".to_owned(),
        };
        let resource =
            FluentResource::try_new(source).map_err(|_| GuidanceError::Syntax(name.clone()))?;
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|_| GuidanceError::Syntax(name))?;
        Ok(Guidance { bundle, origin })
    }

    /// The text of a key, if the file has it.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> Option<String> {
        let pattern = self.bundle.get_message(key)?.value()?;
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set(*k, *v);
        }
        let mut errors = vec![];
        Some(
            self.bundle
                .format_pattern(pattern, Some(&a), &mut errors)
                .into_owned(),
        )
    }
}
