//! The three-digit ZIP areas Safe Harbor turns into `000` (45 CFR 164.514(b)(2)(i)(B): a ZIP code's first three
//! digits may stay only where the area they cover has more than 20,000 people), as versioned lists with their
//! sources (`labcore/deid/restricted_zip3.toml`).

use serde::Deserialize;

/// A list of restricted ZIP3 areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zip3List {
    id: String,
    areas: Vec<u16>,
    source: String,
}

#[derive(Deserialize)]
struct File {
    list: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    zip3: Vec<String>,
    source: String,
}

/// The lists built into labcore.
fn builtin_lists() -> Vec<Zip3List> {
    // deid/restricted_zip3.toml, turned into JSON by build.rs.
    let text = include_str!(concat!(env!("OUT_DIR"), "/deid/restricted_zip3.json"));
    let Ok(file) = serde_json::from_str::<File>(text) else { return Vec::new() };
    file.list
        .into_iter()
        .map(|e| Zip3List {
            id: e.id,
            areas: e.zip3.iter().filter_map(|z| z.trim().parse::<u16>().ok()).collect(),
            source: e.source,
        })
        .collect()
}

impl Zip3List {
    /// A built-in list by id: `census2020` (the default: the current census), `census2000` (the 17 areas of HHS's
    /// 2012 guidance), `census2010`, `census2020_no_zcta` (prefixes with no 2020 ZCTA at all); or several joined by
    /// `+`, their union — `census2000+census2020` zeroes every area either census restricts, the conservative
    /// choice (zeroing more than required never breaks Safe Harbor).
    ///
    /// ```
    /// use labcore::redact::Zip3List;
    /// let both = Zip3List::builtin("census2000+census2020").unwrap();
    /// assert!(both.is_restricted("063") && both.is_restricted("202")); // 2000 only, 2020 only
    /// assert!(!Zip3List::builtin("census2020").unwrap().is_restricted("063"));
    /// ```
    pub fn builtin(id: &str) -> Option<Zip3List> {
        let lists = builtin_lists();
        let mut parts = id.split('+').map(|part| lists.iter().find(|l| l.id == part.trim()).cloned());
        let first = parts.next()??;
        parts.try_fold(first, |all, next| next.map(|list| all.union(&list)))
    }

    /// The areas restricted by either list.
    pub fn union(&self, other: &Zip3List) -> Zip3List {
        let mut areas = self.areas.clone();
        areas.extend(other.areas.iter().filter(|a| !self.areas.contains(a)));
        areas.sort_unstable();
        Zip3List {
            id: format!("{}+{}", self.id, other.id),
            areas,
            source: format!("{}\n\n{}", self.source, other.source),
        }
    }

    /// The ids of the built-in lists.
    pub fn builtin_ids() -> Vec<String> {
        builtin_lists().into_iter().map(|l| l.id).collect()
    }

    /// A list of one's own (`["036", "059"]`), for another census or a stricter threshold.
    pub fn custom(id: impl Into<String>, areas: &[&str], source: impl Into<String>) -> Zip3List {
        Zip3List {
            id: id.into(),
            areas: areas.iter().filter_map(|z| z.trim().parse::<u16>().ok()).collect(),
            source: source.into(),
        }
    }

    /// The list's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Where the list comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the area of a ZIP code's first three digits is restricted.
    pub fn is_restricted(&self, zip3: &str) -> bool {
        zip3.parse::<u16>().is_ok_and(|z| self.areas.contains(&z))
    }

    /// Safe Harbor's generalisation of a ZIP code: its first three digits, or `000` in a restricted area.
    ///
    /// ```
    /// use labcore::redact::Zip3List;
    /// let list = Zip3List::builtin("census2000").unwrap();
    /// assert_eq!(list.generalize("62704"), "627");
    /// assert_eq!(list.generalize("03601-1234"), "000");
    /// ```
    pub fn generalize(&self, zip: &str) -> String {
        let digits: String = zip.chars().filter(char::is_ascii_digit).take(3).collect();
        if digits.len() < 3 || self.is_restricted(&digits) { "000".to_owned() } else { digits }
    }
}

impl Default for Zip3List {
    /// The 2020 census list when it is built in, else the 2000 one.
    fn default() -> Self {
        Zip3List::builtin("census2020")
            .or_else(|| Zip3List::builtin("census2000"))
            .unwrap_or_else(|| Zip3List::custom("none", &[], "no list built in"))
    }
}
