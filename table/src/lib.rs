//! One description of every result trustmeta returns, from which the front doors emit
//! their forms of it.
//!
//! Each result record — a verified SAML response, an SMP endpoint, a metadata entity — is
//! declared once in [`records`]: its fields, each with a name, a [`Kind`], a doc sentence
//! and how it is read from the core type. From that one declaration come the record's
//! [`Value`] tree at run time (which the CLI turns into JSON with [`to_json`], and the
//! bindings into their objects) and, at build time, everything that must be written out
//! per front door (the field tables of the docs, checked fresh by `generate --check`).
//! Names of enum values come from the core's `name()` methods, never from a front door.
//!
//! ```
//! use trustmeta_table::Describe;
//! let desc = <trustmeta::VerifiedResponse as Describe>::desc();
//! assert_eq!((desc.name, desc.class), ("saml_response", "VerifiedSamlResponse"));
//! assert!(desc.field("signed_by").is_some());
//! ```

/// A description's text (docs, hints, the command line): kept with the `docs` feature,
/// which the generators and most front doors use, left out of lean builds (the
/// WebAssembly module), where only the names and kinds are needed at run time.
macro_rules! text {
    ($t:expr) => {
        if cfg!(feature = "docs") {
            $t
        } else {
            ""
        }
    };
}

pub mod gen;
mod json;
pub mod ops;
pub mod records;

pub use json::{to_json, to_json_with};

use trustmeta::DateTime;

/// A value of a result, as every front door sees it before giving it its own form.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Absent.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Text (an enum value is its core name).
    Str(String),
    /// Bytes (DER certificates, digests).
    Bytes(Vec<u8>),
    /// An instant.
    Time(DateTime),
    /// XML text (canonical signed content, written records).
    Xml(String),
    /// A list.
    List(Vec<Value>),
    /// A record.
    Record(Record),
}

/// A record's values, in the order of its description's fields.
#[derive(Clone, Debug)]
pub struct Record {
    /// What the record is.
    pub desc: &'static RecordDesc,
    /// One value per field.
    pub values: Vec<Value>,
}

impl PartialEq for Record {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self.desc, other.desc) && self.values == other.values
    }
}

impl Record {
    /// The value of the field `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.desc
            .fields
            .iter()
            .position(|f| f.name == name)
            .map(|i| &self.values[i])
    }

    /// `(field, value)` pairs, in order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static Field, &Value)> {
        self.desc.fields.iter().zip(&self.values)
    }
}

/// The description of a result record.
pub struct RecordDesc {
    /// Its name in snake case (`saml_response`): the stem of its C type and accessors.
    pub name: &'static str,
    /// Its class name (`VerifiedSamlResponse`): the Python class and TypeScript interface.
    pub class: &'static str,
    /// The core type it is read from.
    pub rust: &'static str,
    /// One sentence about it.
    pub doc: &'static str,
    /// A pair-like record (a certificate's subject and digest, a text and its language):
    /// Python gives it as a named tuple, so it also compares equal to a plain tuple.
    pub tuple: bool,
    /// Its fields, in order.
    pub fields: &'static [Field],
}

impl core::fmt::Debug for RecordDesc {
    // By name: descriptions refer to each other, and a derived form would repeat them.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RecordDesc({})", self.name)
    }
}

impl RecordDesc {
    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// One field of a record.
#[derive(Debug)]
pub struct Field {
    /// Its name in snake case; front doors with another case derive theirs.
    pub name: &'static str,
    /// What values it takes.
    pub kind: Kind,
    /// One sentence about it.
    pub doc: &'static str,
}

/// What values a field takes.
#[derive(Debug)]
pub enum Kind {
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// Text.
    Str,
    /// Bytes.
    Bytes,
    /// An instant.
    Time,
    /// XML text: bytes in Python, a string in JavaScript and C.
    Xml,
    /// One of these names (the core's `NAMES` of the enum).
    Enum(&'static [&'static str]),
    /// The inner kind, or absent.
    Opt(&'static Kind),
    /// A list of the inner kind.
    List(&'static Kind),
    /// A record.
    Record(&'static RecordDesc),
}

impl Kind {
    /// Whether `v` is a value of this kind.
    pub fn admits(&self, v: &Value) -> bool {
        match (self, v) {
            (Kind::Bool, Value::Bool(_))
            | (Kind::Int, Value::Int(_))
            | (Kind::Str, Value::Str(_))
            | (Kind::Bytes, Value::Bytes(_))
            | (Kind::Time, Value::Time(_))
            | (Kind::Xml, Value::Xml(_)) => true,
            (Kind::Enum(names), Value::Str(s)) => names.contains(&s.as_str()),
            (Kind::Opt(_), Value::Null) => true,
            (Kind::Opt(k), v) => k.admits(v),
            (Kind::List(k), Value::List(items)) => items.iter().all(|i| k.admits(i)),
            (Kind::Record(d), Value::Record(r)) => {
                core::ptr::eq(*d, r.desc)
                    && r.values.len() == d.fields.len()
                    && r.fields().all(|(f, v)| f.kind.admits(v))
            }
            _ => false,
        }
    }

    /// A short spelling for the docs: `str`, `list of endpoint`, `time or null`.
    pub fn spelling(&self) -> String {
        match self {
            Kind::Bool => "bool".into(),
            Kind::Int => "int".into(),
            Kind::Str => "str".into(),
            Kind::Bytes => "bytes".into(),
            Kind::Time => "time".into(),
            Kind::Xml => "xml".into(),
            Kind::Enum(names) => format!("one of {}", names.join(", ")),
            Kind::Opt(k) => format!("{} or null", k.spelling()),
            Kind::List(k) => format!("list of {}", k.spelling()),
            Kind::Record(d) => d.name.into(),
        }
    }
}

/// A core type that is one of the records.
pub trait Describe {
    /// Its description.
    fn desc() -> &'static RecordDesc;
    /// Its values.
    fn record(&self) -> Record;
    /// Its values as a [`Value`].
    fn value(&self) -> Value {
        Value::Record(self.record())
    }
}

/// What a field's reader may return: converted into the field's [`Value`].
pub trait IntoValue {
    /// The value.
    fn into_value(self) -> Value;
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                Value::Int(i64::try_from(self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_values!(u8, u16, u32, u64, usize, i32, i64);

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::Str(self.to_owned())
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::Str(self)
    }
}

impl IntoValue for &String {
    fn into_value(self) -> Value {
        Value::Str(self.clone())
    }
}

impl IntoValue for char {
    fn into_value(self) -> Value {
        Value::Str(self.to_string())
    }
}

impl IntoValue for DateTime {
    fn into_value(self) -> Value {
        Value::Time(self)
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        self.map_or(Value::Null, IntoValue::into_value)
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::List(self.into_iter().map(IntoValue::into_value).collect())
    }
}

/// XML text.
pub struct Xml(pub String);

impl IntoValue for Xml {
    fn into_value(self) -> Value {
        Value::Xml(self.0)
    }
}

/// Bytes, not a list of integers.
pub struct Bytes<'a>(pub &'a [u8]);

impl IntoValue for Bytes<'_> {
    fn into_value(self) -> Value {
        Value::Bytes(self.0.to_vec())
    }
}

/// A record, from any core type that is one.
pub struct Rec<'a, T>(pub &'a T);

impl<T: Describe> IntoValue for Rec<'_, T> {
    fn into_value(self) -> Value {
        self.0.value()
    }
}

/// A list of records.
pub fn recs<'a, T: Describe + 'a>(items: impl IntoIterator<Item = &'a T>) -> Value {
    Value::List(items.into_iter().map(Describe::value).collect())
}

/// A record or null.
pub fn opt_rec<T: Describe>(item: Option<&T>) -> Value {
    item.map_or(Value::Null, Describe::value)
}

/// A list of byte strings.
pub fn byte_list<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> Value {
    Value::List(
        items
            .into_iter()
            .map(|b| Value::Bytes(b.to_vec()))
            .collect(),
    )
}

/// A list of texts.
pub fn str_list<'a, S: AsRef<str> + 'a>(items: impl IntoIterator<Item = &'a S>) -> Value {
    Value::List(
        items
            .into_iter()
            .map(|s| Value::Str(s.as_ref().to_owned()))
            .collect(),
    )
}

/// `snake_case` as `camelCase` (the JavaScript spelling of a field).
///
/// ```
/// assert_eq!(trustmeta_table::camel_case("in_response_to"), "inResponseTo");
/// assert_eq!(trustmeta_table::camel_case("sha256"), "sha256");
/// ```
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `snake_case` as `PascalCase` (class and interface names).
///
/// ```
/// assert_eq!(trustmeta_table::pascal_case("saml_response"), "SamlResponse");
/// ```
pub fn pascal_case(snake: &str) -> String {
    let c = camel_case(snake);
    let mut chars = c.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => c,
    }
}
