//! axe-core, Deque's accessibility rules (the npm package that `.ci/run` installs into
//! `target/axe`), run inside a page of the station app open in the test browser.

use std::path::{Path, PathBuf};

use super::webdriver::Browser;

/// The version `.ci/run` installs.
pub const VERSION: &str = "4.11.0";

fn script_path() -> PathBuf {
    match std::env::var_os("VIGIE_AXE") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../target/axe/node_modules/axe-core/axe.min.js"),
    }
}

/// axe-core's script, or `None` (saying that the test is skipped and how to get it) where it
/// is not installed.
pub fn script() -> Option<String> {
    let path = script_path();
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!(
                "skipped: axe-core is needed at {} (npm install --prefix target/axe axe-core@{VERSION}; .ci/run does it)",
                path.display()
            );
            None
        }
    }
}

/// The critical and serious violations axe-core finds on the page open in `b` (WCAG 2.x A
/// and AA and axe's best practices), one line each: rule, impact, help, and the elements.
pub fn serious_violations(b: &Browser, axe: &str) -> Vec<String> {
    b.script(&format!("{axe}\n;return true;"));
    let found = b.script_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] })
           .then(r => done(r.violations
             .filter(v => v.impact === 'critical' || v.impact === 'serious')
             .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
               + v.nodes.map(n => n.html.slice(0, 200)).join(' | '))))
           .catch(e => done(['axe-core failed: ' + e]));",
    );
    found
        .as_array()
        .map(|lines| {
            lines
                .iter()
                .filter_map(|l| l.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("axe-core gave no list: {found}")])
}

/// Where axe-core is installed, fails on any critical or serious violation of the page open
/// in `b` (named `name` in the message); else says that this check is left out.
pub fn assert_clean(b: &Browser, name: &str) {
    let Some(axe) = script() else {
        return;
    };
    let found = serious_violations(b, &axe);
    assert!(
        found.is_empty(),
        "axe-core on {name}:\n{}",
        found.join("\n")
    );
}
