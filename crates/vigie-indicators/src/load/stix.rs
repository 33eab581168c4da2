//! STIX 2.1 bundles as MVT and its indicator index publish them.
//!
//! Indicators are read from their `pattern` (see [`super::pattern`]), each comparison
//! becoming one indicator. The app or campaign is the malware object the indicator
//! "indicates". Patterns Vigie cannot evaluate are reported as unsupported.

use super::pattern::{kind_of_path, parse_pattern};
use crate::model::IndicatorRole;
use crate::set::IndicatorSet;
use serde_json::Value;
use std::collections::HashMap;
use vigie_core::ThreatCategory;

/// The names of a bundle's apps or campaigns by id, and which indicator indicates which.
#[derive(Default)]
struct Relations<'b> {
    malware: HashMap<&'b str, &'b str>,
    indicates: HashMap<&'b str, &'b str>,
    /// The bundle's only app or campaign, if it has one.
    sole: Option<&'b str>,
}

impl<'b> Relations<'b> {
    /// The relations of a bundle's objects.
    fn of(objects: &'b [Value]) -> Self {
        let mut r = Relations::default();
        for o in objects {
            let ty = o.get("type").and_then(Value::as_str).unwrap_or_default();
            let id = o.get("id").and_then(Value::as_str).unwrap_or_default();
            match ty {
                "malware" | "tool" | "campaign" | "intrusion-set" => {
                    if let Some(name) = o.get("name").and_then(Value::as_str) {
                        r.malware.insert(id, name);
                    }
                }
                "relationship"
                    if o.get("relationship_type").and_then(Value::as_str) == Some("indicates") =>
                {
                    if let (Some(s), Some(t)) = (
                        o.get("source_ref").and_then(Value::as_str),
                        o.get("target_ref").and_then(Value::as_str),
                    ) {
                        r.indicates.insert(s, t);
                    }
                }
                _ => {}
            }
        }
        if r.malware.len() == 1 {
            r.sole = r.malware.values().next().copied();
        }
        r
    }

    /// The app or campaign an indicator indicates (the bundle's only one when not said).
    fn app_of(&self, indicator: &str) -> Option<&'b str> {
        self.indicates
            .get(indicator)
            .and_then(|m| self.malware.get(m))
            .copied()
            .or(self.sole)
    }

    /// The bundle's category: from its index entry's name, else from its apps' names.
    fn category(&self, index_name: Option<&str>) -> ThreatCategory {
        let stalkerware_named = |s: &str| s.to_ascii_lowercase().contains("stalkerware");
        match index_name {
            Some(n) if stalkerware_named(n) => ThreatCategory::Stalkerware,
            Some(_) => ThreatCategory::MercenarySpyware,
            None if self.malware.values().any(|m| stalkerware_named(m)) => {
                ThreatCategory::Stalkerware
            }
            None => ThreatCategory::Spyware,
        }
    }
}

/// Loads a STIX 2.1 bundle (`index_name`: its name in an MVT index, which sets its category).
pub(crate) fn load(
    set: &mut IndicatorSet,
    src: usize,
    text: &str,
    index_name: Option<&str>,
) -> Result<(), String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let objects = doc
        .get("objects")
        .and_then(Value::as_array)
        .ok_or("no \"objects\" array")?;
    let relations = Relations::of(objects);
    let category = relations.category(index_name);
    for o in objects
        .iter()
        .filter(|o| o.get("type").and_then(Value::as_str) == Some("indicator"))
    {
        let id = o.get("id").and_then(Value::as_str).unwrap_or_default();
        load_indicator(set, src, o, relations.app_of(id), category);
    }
    Ok(())
}

/// One indicator object: each comparison of its pattern, or why it cannot be used.
fn load_indicator(
    set: &mut IndicatorSet,
    src: usize,
    o: &Value,
    app: Option<&str>,
    category: ThreatCategory,
) {
    let id = o.get("id").and_then(Value::as_str).unwrap_or_default();
    let Some(pattern) = o.get("pattern").and_then(Value::as_str) else {
        set.add_unsupported(src, id, "indicator without a pattern");
        return;
    };
    if let Some(pt) = o.get("pattern_type").and_then(Value::as_str) {
        if pt != "stix" {
            set.add_unsupported(
                src,
                pattern,
                &format!("pattern type '{pt}' is not supported"),
            );
            return;
        }
    }
    let comparisons = match parse_pattern(pattern) {
        Ok(c) => c,
        Err(why) => {
            set.add_unsupported(src, pattern, &why);
            return;
        }
    };
    for c in comparisons {
        match kind_of_path(&c.path, &c.value) {
            Some(kind) => {
                set.add(kind, &c.value, IndicatorRole::Indicator, app, category, src);
            }
            None => set.add_unsupported(
                src,
                &format!("{} = '{}'", c.path, c.value),
                &format!("object path '{}' is not supported", c.path),
            ),
        }
    }
}
