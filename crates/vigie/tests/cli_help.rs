//! `vigie --help` and argument errors in the operator's language (issue 16, item 6): the
//! descriptions, headings and notes in French or English, from `--lang` or the system's
//! locale; a mistake said plainly, with the usage and where to find help, exit code 2.

mod common;

use common::Vigie;
use std::process::Output;

/// What the command wrote: standard output, standard error, exit code.
fn said(o: &Output) -> (String, String, Option<i32>) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&o.stdout), text(&o.stderr), o.status.code())
}

#[test]
fn help_in_french_and_in_english() {
    let v = Vigie::new();
    let (out, _, code) = said(&v.run(&["--lang", "fr", "--help"]));
    assert_eq!(code, Some(0));
    for words in [
        "Vigie — station de détection de logiciels espions",
        "Utilisation : vigie",
        "Commandes :",
        "Vérifier un trafic capturé, ou un appareil",
        "Afficher l’aide",
    ] {
        assert!(out.contains(words), "{words:?} not in:\n{out}");
    }
    assert!(
        !out.contains("Usage:") && !out.contains("Print help"),
        "{out}"
    );
    let (out, _, _) = said(&v.run(&["--lang", "fr", "report", "--help"]));
    assert!(
        out.contains("Pour qui : le rapport technique") && out.contains("[par défaut : police]"),
        "{out}"
    );
    // The system's locale, when --lang is not given.
    let fr = v.env("LANG", "fr_FR.UTF-8").env("VIGIE_LANG", "");
    let (out, _, _) = said(&fr.run(&["scan", "pcap", "--help"]));
    assert!(out.contains("Fichiers de capture"), "{out}");
    let (out, _, _) = said(&v.run(&["--lang", "en", "scan", "pcap", "--help"]));
    assert!(
        out.contains("Usage: vigie scan pcap") && out.contains("Capture files"),
        "{out}"
    );
    assert!(
        out.contains("[possible values: text, json] [default: text]"),
        "{out}"
    );
}

#[test]
fn argument_mistakes_are_said_in_the_operators_language() {
    let v = Vigie::new();
    let (out, err, code) = said(&v.run(&["--lang", "fr", "scan", "pcap", "--nope", "x"]));
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(
        err.starts_with("vigie : argument inattendu « --nope »"),
        "{err}"
    );
    assert!(
        err.contains("Utilisation : vigie scan pcap") && err.contains("essayez « --help »"),
        "{err}"
    );
    let (_, err, code) = said(&v.run(&["--lang", "fr", "scna"]));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("commande inconnue « scna ». Vouliez-vous dire « scan » ?"),
        "{err}"
    );
    let (_, err, _) = said(&v.run(&["--lang", "fr", "doctor", "--format", "xml"]));
    assert!(
        err.contains("valeur invalide « xml » [valeurs possibles : text, json]"),
        "{err}"
    );
    let (_, err, code) = said(&v.run(&["--lang", "en", "report"]));
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("vigie: missing: --out <OUT>, <REFERENCE>"),
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");
}
