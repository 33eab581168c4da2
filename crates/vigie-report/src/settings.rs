//! What a report is made with: whom it is for, the helplines' country, its author and unit.

/// Whom a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The technical report for police and justice.
    #[default]
    Police,
    /// A short plain summary for the person, with nothing technical.
    Person,
}

/// Who writes a report, for whom, and what of the station it uses.
#[derive(Debug, Clone, Default)]
pub struct ReportSettings {
    /// Whom the report is for.
    pub audience: Audience,
    /// Country whose helplines the next steps give (`FR`, `BE`, ...).
    pub country: String,
    /// Who writes it (an operator, or the command line's user).
    pub author: Option<String>,
    /// The author's unit or organisation, from the station's settings.
    pub unit: Option<String>,
}
