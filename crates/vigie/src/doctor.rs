//! `vigie doctor`: what this box can do, item by item, with what to do where it cannot.

use crate::env::Env;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};
use vigie_station::{Diagnosis, Health};

/// Looks at the box and prints the diagnosis (JSON for machines); exit 1 when a check
/// cannot run.
pub fn doctor(env: &Env, json: bool) -> Result<ExitCode> {
    let d = vigie_station::diagnose(&env.data_dir, Timestamp::now());
    let mut out = crate::shown::stdout();
    if json {
        write_json(&mut out, env, &d)?;
    } else {
        write_text(&mut out, env, &d)?;
    }
    Ok(if d.ready() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The words for how an item stands.
fn health_key(h: Health) -> &'static str {
    match h {
        Health::Ok => "doctor-health-ok",
        Health::Warning => "doctor-health-warning",
        Health::Missing => "doctor-health-missing",
    }
}

fn write_text(out: &mut dyn Write, env: &Env, d: &Diagnosis) -> Result<()> {
    let cat = &env.cat;
    writeln!(out, "{}", cat.key("doctor-title"))?;
    for i in &d.items {
        let sign = match i.health {
            Health::Ok => "✓",
            Health::Warning => "!",
            Health::Missing => "✗",
        };
        let health = cat.key(health_key(i.health));
        writeln!(out, "{sign} [{health}] {}", cat.text(&i.found))?;
        if let Some(todo) = &i.todo {
            let m = Message::new("doctor-todo").arg("todo", cat.text(todo));
            writeln!(out, "    {}", cat.text(&m))?;
        }
    }
    let verdict = if d.ready() {
        "doctor-ready"
    } else {
        "doctor-not-ready"
    };
    writeln!(out, "{}", cat.key(verdict))?;
    Ok(())
}

fn write_json(out: &mut dyn Write, env: &Env, d: &Diagnosis) -> Result<()> {
    let cat = &env.cat;
    let items: Vec<serde_json::Value> = d
        .items
        .iter()
        .map(|i| {
            serde_json::json!({
                "item": i.item,
                "health": i.health,
                "found": cat.text(&i.found),
                "todo": i.todo.as_ref().map(|t| cat.text(t)),
            })
        })
        .collect();
    let doc = serde_json::json!({ "ready": d.ready(), "items": items });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
