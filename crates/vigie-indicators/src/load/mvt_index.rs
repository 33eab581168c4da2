//! MVT's `indicators.yaml`: the index of the STIX bundles it publishes, with their names.

/// Where an entry of MVT's `indicators.yaml` index is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexLocation {
    /// A file in a GitHub repository.
    Github {
        /// Repository owner.
        owner: String,
        /// Repository name.
        repo: String,
        /// Branch.
        branch: String,
        /// Path of the bundle in the repository.
        path: String,
    },
    /// A plain download address.
    Url(String),
}

/// One entry of MVT's `indicators.yaml` index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The entry's name (campaign or source).
    pub name: String,
    /// Where its bundle is published.
    pub location: IndexLocation,
}

/// Reads MVT's `indicators.yaml` index. Entries without a location are left out.
pub fn mvt_index(text: &str) -> Vec<IndexEntry> {
    let Ok(doc) = super::yaml::parse(text) else {
        return vec![];
    };
    let Some(list) = doc.get("indicators").and_then(|v| v.as_sequence()) else {
        return vec![];
    };
    let text_of =
        |v: &serde_yaml_ng::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    list.iter()
        .filter_map(|e| {
            let name = text_of(e, "name").unwrap_or_else(|| "MVT indicators".to_owned());
            let location = match e.get("github") {
                Some(g) => IndexLocation::Github {
                    owner: text_of(g, "owner")?,
                    repo: text_of(g, "repo")?,
                    branch: text_of(g, "branch").unwrap_or_else(|| "main".to_owned()),
                    path: text_of(g, "path")?,
                },
                None => IndexLocation::Url(text_of(e, "download_url")?),
            };
            Some(IndexEntry { name, location })
        })
        .collect()
}

/// Entries of an MVT index as (path of the bundle relative to the index's folder, name).
/// Only entries hosted in the index's own repository resolve to a local file.
pub(crate) fn index_entries(text: &str) -> Vec<(String, String)> {
    mvt_index(text)
        .into_iter()
        .map(|e| match e.location {
            IndexLocation::Github { path, .. } => (path, e.name),
            IndexLocation::Url(url) => (url.rsplit('/').next().unwrap_or(&url).to_owned(), e.name),
        })
        .collect()
}
