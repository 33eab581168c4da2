//! Operator accounts of the station app, kept in the case file (encrypted like every row),
//! with passwords hashed by Argon2id.

use crate::crypto::seal;
use crate::store::aad;
use crate::store::to_json;
use crate::{CaseError, CaseStore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::OsRng;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use vigie_core::Timestamp;

/// An operator account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// Row id.
    pub id: i64,
    /// Login name.
    pub name: String,
    /// May manage operators and purge cases.
    pub admin: bool,
    /// Argon2id hash of the password (PHC string).
    pub password_hash: String,
    /// When the account was created (UTC).
    pub created: String,
}

impl Operator {
    /// Whether `password` is this operator's.
    pub fn check_password(&self, password: &str) -> bool {
        PasswordHash::new(&self.password_hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    }
}

/// Hashes a password with Argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, CaseError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CaseError::Damaged(e.to_string()))
}

impl CaseStore {
    /// Every operator account.
    pub fn operators(&self) -> Result<Vec<Operator>, CaseError> {
        let rows = self.select_rows("SELECT id, body FROM operators ORDER BY id")?;
        let operators = rows.into_iter();
        operators
            .map(|(id, body)| self.open_json("operators", id, &body))
            .collect()
    }

    /// The operator with this login name.
    pub fn operator(&self, name: &str) -> Result<Option<Operator>, CaseError> {
        let name = name.trim();
        Ok(self.operators()?.into_iter().find(|o| o.name == name))
    }

    /// Creates an operator account (the password is hashed here); logged.
    pub fn add_operator(
        &mut self,
        name: &str,
        password: &str,
        admin: bool,
        now: Timestamp,
    ) -> Result<Operator, CaseError> {
        let name = name.trim();
        if self.operator(name)?.is_some() {
            return Err(CaseError::OperatorExists(name.to_owned()));
        }
        let password_hash = hash_password(password)?;
        let lookup = self.lookup(&format!("operator:{name}"));
        self.in_transaction(|s| {
            let id = s.next_id("operators")?;
            let op = Operator {
                id,
                name: name.to_owned(),
                admin,
                password_hash,
                created: now.to_string(),
            };
            let plain = to_json(&op)?;
            s.conn.execute(
                "INSERT INTO operators (id, lookup, body) VALUES (?1, ?2, ?3)",
                params![
                    id,
                    lookup,
                    seal(&s.data_key, &aad("operators", id), &plain)?
                ],
            )?;
            s.audit(
                now,
                "operator-created",
                Some(format!("operators:{id}")),
                Some(&plain),
            )?;
            Ok(op)
        })
    }

    /// Writes an action that changes no record (a login, a check started) to the audit log.
    pub fn log(
        &mut self,
        action: &str,
        object: Option<String>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        self.in_transaction(|s| s.audit(now, action, object, None))
    }
}

/// Long runs people type because they are easy: digits, the alphabet, and the letter rows
/// of French and English keyboards.
const RUNS: [&str; 5] = [
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "azertyuiopqsdfghjklmwxcvbn",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
];

/// Words that the first guesses at a station's password try, whatever follows them.
const FIRST_GUESSES: [&str; 15] = [
    "password",
    "motdepasse",
    "passw0rd",
    "azerty",
    "qwerty",
    "admin",
    "administrateur",
    "administrator",
    "gendarmerie",
    "police",
    "vigie",
    "station",
    "bonjour",
    "soleil",
    "iloveyou",
];

/// Whether `secret` (a password or a passphrase) would fall to the first guesses: few
/// different characters (`aaaaaaaaaa`, `abababab`), a run of digits, letters or a keyboard
/// row, one of the words tried first followed only by digits or signs, or the account's own
/// `name`. Length is checked apart.
pub fn is_guessable(name: &str, secret: &str) -> bool {
    let lower = secret.to_lowercase();
    let distinct: std::collections::BTreeSet<char> = lower.chars().collect();
    if distinct.len() < 5 {
        return true;
    }
    let reversed: String = lower.chars().rev().collect();
    if RUNS
        .iter()
        .any(|run| run.contains(lower.as_str()) || run.contains(reversed.as_str()))
    {
        return true;
    }
    let only_decoration = |rest: &str| rest.chars().all(|c| !c.is_alphabetic());
    if FIRST_GUESSES
        .iter()
        .any(|w| lower.strip_prefix(w).is_some_and(only_decoration))
    {
        return true;
    }
    let name = name.trim().to_lowercase();
    name.chars().count() >= 3 && lower.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::is_guessable;

    #[test]
    fn the_first_guesses_are_refused_and_words_pass() {
        for weak in [
            "aaaaaaaaaa",
            "abababababab",
            "1234567890",
            "0987654321",
            "azertyuiop",
            "qwertyuiop",
            "abcdefghijk",
            "Motdepasse2026!",
            "password123",
            "Gendarmerie1",
            "ana-martin-2026",
        ] {
            assert!(is_guessable("ana-martin", weak), "{weak}");
        }
        for fine in [
            "correct horse battery",
            "three unrelated words",
            "long passphrase 1",
            "station test passphrase",
        ] {
            assert!(!is_guessable("ana-martin", fine), "{fine}");
        }
    }
}
