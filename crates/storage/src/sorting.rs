//! The orders a list can be read in. A caller names a key from a closed list (`?sort=title`);
//! each key stands for a fixed SQL expression, so the caller's text never reaches the query, and
//! the record's id comes last so that equal values keep one order from page to page.

/// A column a list sorts by.
pub trait SortKey: Copy + PartialEq + 'static {
    /// Every key, in the order pages offer them.
    const ALL: &'static [Self];

    /// The key's name in a query string (`family_name`).
    fn code(self) -> &'static str;

    /// The SQL expression ordered by (`o.family_name`): fixed text, never the caller's.
    fn expression(self) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|key| key.code() == code)
    }
}

/// Declares a closed list of sort keys: `Variant => ("code", "sql expression")`.
macro_rules! sort_keys {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($code:literal, $sql:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variant),+
        }

        impl $crate::sorting::SortKey for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            fn expression(self) -> &'static str {
                match self {
                    $($name::$variant => $sql),+
                }
            }
        }
    };
}
pub(crate) use sort_keys;

/// The order of a list: by a key, upward or downward; by id when no key is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order<K> {
    pub key: Option<K>,
    pub descending: bool,
}

impl<K> Default for Order<K> {
    fn default() -> Self {
        Order {
            key: None,
            descending: false,
        }
    }
}

impl<K: SortKey> Order<K> {
    /// The order a query string asks for (`sort`, and `dir` as `asc` or `desc`); none when either
    /// names something the list does not know, so that a page can say so rather than guess.
    pub fn parse(sort: Option<&str>, dir: Option<&str>) -> Option<Self> {
        let key = match sort {
            None => None,
            Some(code) => Some(K::from_code(code)?),
        };
        let descending = match dir {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => return None,
        };
        Some(Order { key, descending })
    }

    /// ` ORDER BY ...`, ending with the record's `id` column.
    pub(crate) fn sql(self, id: &str) -> String {
        let direction = if self.descending { " DESC" } else { "" };
        match self.key {
            Some(key) => format!(" ORDER BY {}{direction}, {id}", key.expression()),
            None => format!(" ORDER BY {id}{direction}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    sort_keys! {
        /// A list of two keys.
        Sample { Name => ("name", "t.name"), Day => ("day", "t.day") }
    }

    #[test]
    fn a_known_key_orders_by_its_expression_then_by_id() {
        let order = Order::<Sample>::parse(Some("day"), Some("desc")).expect("known");
        assert_eq!(order.sql("t.id"), " ORDER BY t.day DESC, t.id");
        let default = Order::<Sample>::parse(None, None).expect("default");
        assert_eq!(default.sql("t.id"), " ORDER BY t.id");
    }

    #[test]
    fn an_unknown_key_or_direction_is_no_order() {
        assert_eq!(Order::<Sample>::parse(Some("t.name; DROP"), None), None);
        assert_eq!(Order::<Sample>::parse(Some("name"), Some("sideways")), None);
    }
}
