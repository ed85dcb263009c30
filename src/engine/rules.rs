//! Loads and validates the rules file (rules/rules.toml), compiled into the binary.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::verdict::Category;

pub const BUILTIN: &str = include_str!("../../rules/rules.toml");

#[derive(Debug)]
pub struct RulesError(pub String);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad rules file: {}", self.0)
    }
}

impl std::error::Error for RulesError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    version: String,
    terms: BTreeMap<String, Vec<String>>,
}

pub struct Rules {
    pub version: String,
    pub terms: Vec<(Category, Vec<String>)>,
}

impl Rules {
    pub fn parse(text: &str) -> Result<Rules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError(e.to_string()))?;
        if file.version.trim().is_empty() {
            return Err(RulesError("`version` is empty".into()));
        }
        let mut terms = Vec::new();
        for (id, list) in file.terms {
            let cat = Category::from_id(&id)
                .ok_or_else(|| RulesError(format!("unknown category id `{id}` in [terms]")))?;
            terms.push((cat, list.into_iter().map(|t| t.to_lowercase()).collect()));
        }
        Ok(Rules { version: file.version, terms })
    }
}
