//! The words of the page and of the messages: Project Fluent catalogs, one per language in
//! `src/locales/<code>/doorstep.ftl`, embedded in the binary at compile
//! time. The code looks messages up by dotted keys (`ev.shipment.created`); the catalogs name
//! them with dashes (`ev-shipment-created`): [`fluent_id`] is the one place that maps them.
//! Tests check that every language has every message with the same variables. The reader's
//! language is `?lang=` or the best of `Accept-Language` ([`Lang::from_accept`], q-values
//! honoured). Times in words come from [`local`] only.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Every language we speak, in the order of the enum; the first is the default.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The catalog as translators write it.
    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("locales/en/doorstep.ftl"),
            Lang::Fr => include_str!("locales/fr/doorstep.ftl"),
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The language of a new shipment's messages: the one given, else its courier contract's,
    /// else English (each checked where it was set).
    pub fn resolve(given: Option<&str>, contract: Option<&str>) -> Lang {
        [given, contract]
            .into_iter()
            .flatten()
            .find_map(Lang::parse)
            .unwrap_or(Lang::En)
    }

    /// A stored language code read back (an unknown one, which validation keeps out, reads
    /// English).
    pub fn of_code(s: &str) -> Lang {
        Lang::parse(s).unwrap_or(Lang::En)
    }

    /// The language of `Accept-Language` the reader prefers most (highest q-value first, the
    /// header's order among equals; `q=0` refuses one) among those we speak, a regional tag
    /// counting for its language (`fr-CA` reads French); English otherwise.
    pub fn from_accept(header: Option<&str>) -> Lang {
        let requested: Vec<LanguageIdentifier> =
            accept_language::parse_with_quality(header.unwrap_or_default())
                .into_iter()
                .filter(|(_, q)| *q > 0.0)
                .filter_map(|(tag, _)| tag.parse().ok())
                .collect();
        let available = Lang::ALL.map(|l| l.langid());
        negotiate_languages(&requested, &available, None, NegotiationStrategy::Filtering)
            .first()
            .and_then(|best| Lang::ALL.into_iter().find(|l| l.langid() == **best))
            .unwrap_or(Lang::En)
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().unwrap_or_default()
    }

    fn catalog(self) -> &'static Catalog {
        &CATALOGS[self as usize]
    }

    /// The text of `key` without variables; English when this language lacks it (a test keeps
    /// that from happening); "" for an unknown key (callers fall back on that).
    pub fn t(self, key: &str) -> &'static str {
        let id = fluent_id(key);
        [self, Lang::En]
            .into_iter()
            .find_map(|l| l.catalog().plain.get(&id))
            .map_or("", String::as_str)
    }

    /// The text of `key` with its variables filled: `args` are (name, value) for the catalog's
    /// `{ $name }`. A value in plain digits (no sign, no leading zero) goes in as a number, so
    /// a catalog may choose a plural form (`{ $days -> [one] … *[other] … }`); it reads the
    /// same. English when this language lacks the message; "" for an unknown key.
    pub fn f(self, key: &str, args: &[(&str, &str)]) -> String {
        let id = fluent_id(key);
        let Some((catalog, pattern)) = [self, Lang::En].into_iter().find_map(|l| {
            let catalog = l.catalog();
            Some((catalog, catalog.bundle.get_message(&id)?.value()?))
        }) else {
            return String::new();
        };
        let mut values = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            values.set(*name, arg(value));
        }
        let mut errors = vec![];
        let text = catalog
            .bundle
            .format_pattern(pattern, Some(&values), &mut errors)
            .into_owned();
        if !errors.is_empty() {
            // Names only: the values may be a customer's.
            tracing::warn!(
                key,
                lang = catalog.lang.code(),
                ?errors,
                "message with errors"
            );
        }
        text
    }
}

/// Check a language code given by a client: one we have a catalog for.
pub fn check(field: &str, value: &str, errors: &mut Vec<crate::error::FieldError>) {
    if Lang::parse(value).is_none() {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        errors.push(crate::error::FieldError::new(
            field,
            format!("must be one of: {}", codes.join(", ")),
        ));
    }
}

/// The catalogs' name for the code's `key`: dots become dashes (Fluent ids have no dots),
/// underscores stay (`status.out_for_delivery` is `status-out_for_delivery`).
pub fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// A variable's value for Fluent: plain digits as a number (for plural forms), else text.
fn arg(value: &str) -> FluentValue<'_> {
    let digits = !value.is_empty()
        && value.len() <= 15
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    match value.parse::<u64>() {
        Ok(n) if digits => FluentValue::from(n),
        _ => FluentValue::from(value),
    }
}

struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// Every message formatted without variables, so that `t` gives `&'static str`.
    plain: HashMap<String, String>,
}

/// Parsed once, on first use, in the order of [`Lang::ALL`].
static CATALOGS: LazyLock<[Catalog; 2]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        let (catalog, problems) = load(lang);
        for problem in problems {
            tracing::error!(lang = lang.code(), %problem, "catalog");
        }
        catalog
    })
});

/// One language's catalog, and what is wrong with it (syntax errors, an id given twice): the
/// lines concerned are left out; a test requires none.
fn load(lang: Lang) -> (Catalog, Vec<String>) {
    let mut problems = vec![];
    let resource =
        FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, errors)| {
            problems.extend(errors.iter().map(|e| format!("{e:?}")));
            partial
        });
    let ids: Vec<String> = message_ids(&resource).map(str::to_owned).collect();
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // No U+2068/U+2069 around variables: the texts go into HTML, e-mail and SMS as they are.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        problems.extend(errors.iter().map(|e| format!("{e:?}")));
    }
    let plain = ids
        .into_iter()
        .filter_map(|id| {
            let pattern = bundle.get_message(&id)?.value()?;
            // A message with variables reads `{$name}` here: only `f` fills them.
            let text = bundle
                .format_pattern(pattern, None, &mut vec![])
                .into_owned();
            Some((id, text))
        })
        .collect();
    (
        Catalog {
            lang,
            bundle,
            plain,
        },
        problems,
    )
}

fn message_ids(resource: &FluentResource) -> impl Iterator<Item = &str> {
    resource.entries().filter_map(|entry| match entry {
        ast::Entry::Message(m) => Some(m.id.name),
        _ => None,
    })
}

/// How much of a moment a sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "Sat 2 May, 08:00 (Paris time)".
    DayAndTime,
    /// "08:00 (Paris time)", in a sentence whose day is shown beside it.
    Time,
}

const WEEKDAYS: [[&str; 7]; 2] = [
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
];
const MONTHS: [[&str; 12]; 2] = [
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
];

impl Lang {
    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Fr => 1,
        }
    }

    /// "Sat 2 May" / "sam. 2 mai".
    fn day(self, t: NaiveDateTime) -> String {
        use chrono::Datelike;
        let i = self.index();
        format!(
            "{} {} {}",
            WEEKDAYS[i][t.weekday().num_days_from_monday() as usize],
            t.day(),
            MONTHS[i][t.month0() as usize]
        )
    }

    /// "(Paris time)" / "(heure de Paris)": the zone by its city, "UTC" as it is.
    fn zone(self, tz: Tz) -> String {
        let name = tz.name();
        let city = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
        match (self, name) {
            (_, "UTC" | "Etc/UTC") => "(UTC)".to_owned(),
            (Lang::En, _) => format!("({city} time)"),
            (Lang::Fr, _) => format!("(heure de {city})"),
        }
    }
}

/// A moment as people read it: the day and wall-clock time in the shipment's zone `tz`, and the
/// zone by its city ("Sat 2 May, 08:00 (Paris time)"). With [`window`], the one place where
/// human-readable times are made: the page, its sentences, the customer's messages.
pub fn local(t: DateTime<Utc>, tz: Tz, l: Lang, shape: Shape) -> String {
    let at = crate::timezone::to_local(t, tz);
    match shape {
        Shape::DayAndTime => format!("{}, {} {}", l.day(at), at.format("%H:%M"), l.zone(tz)),
        Shape::Time => format!("{} {}", at.format("%H:%M"), l.zone(tz)),
    }
}

/// A window as people read it: "Tue 8 Dec, 16:00–20:00 (Paris time)", or across days
/// "Tue 8 Dec, 16:00 – Wed 9 Dec, 10:00 (Paris time)".
pub fn window(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz, l: Lang) -> String {
    let (s, e) = (
        crate::timezone::to_local(start, tz),
        crate::timezone::to_local(end, tz),
    );
    if s.date() == e.date() {
        format!(
            "{}, {}–{} {}",
            l.day(s),
            s.format("%H:%M"),
            e.format("%H:%M"),
            l.zone(tz)
        )
    } else {
        format!(
            "{}, {} – {}, {} {}",
            l.day(s),
            s.format("%H:%M"),
            l.day(e),
            e.format("%H:%M"),
            l.zone(tz)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Each message of a language with the variables it uses.
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        fn pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
            for element in &p.elements {
                if let ast::PatternElement::Placeable { expression } = element {
                    expr(expression, out);
                }
            }
        }
        fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                ast::Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern(&v.value, out);
                    }
                }
                ast::Expression::Inline(i) => inline(i, out),
            }
        }
        fn inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match i {
                ast::InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_owned());
                }
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.iter().for_each(|a| inline(a, out));
                    arguments.named.iter().for_each(|a| inline(&a.value, out));
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap();
        let mut all = BTreeMap::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern(&a.value, &mut vars);
                }
                assert!(
                    all.insert(m.id.name.to_owned(), vars).is_none(),
                    "{}: {} twice",
                    lang.code(),
                    m.id.name
                );
            }
        }
        all
    }

    #[test]
    fn every_catalog_loads_without_problems() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i, "Lang::ALL follows the enum");
            let (catalog, problems) = load(lang);
            assert_eq!(problems, Vec::<String>::new(), "{}", lang.code());
            assert!(catalog.plain.len() > 100);
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let en = messages(Lang::En);
        for lang in Lang::ALL {
            let other = messages(lang);
            let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{} has, English lacks {extra:?}",
                lang.code()
            );
            for (id, vars) in &en {
                assert_eq!(&other[id], vars, "{}: variables of {id}", lang.code());
            }
        }
    }

    #[test]
    fn every_message_formats_without_errors_with_its_variables() {
        let en = messages(Lang::En);
        for lang in Lang::ALL {
            let catalog = lang.catalog();
            for (id, vars) in &en {
                // Once as numbers (plural forms), once as words.
                for value in ["1", "14", "Speedy"] {
                    let mut args = FluentArgs::new();
                    for v in vars {
                        args.set(v.as_str(), arg(value));
                    }
                    let pattern = catalog.bundle.get_message(id).unwrap().value().unwrap();
                    let mut errors = vec![];
                    let text = catalog
                        .bundle
                        .format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{} {id}: {errors:?}", lang.code());
                    assert!(!text.contains(['\u{2068}', '\u{2069}', '{']), "{text}");
                }
            }
        }
    }

    #[test]
    fn keys_read_as_before() {
        assert_eq!(
            Lang::Fr.f("carrier", &[("name", "Speedy")]),
            "Transporteur : Speedy"
        );
        assert_eq!(
            Lang::En.f("ev.shipment.created", &[("marketplace", "TVshop")]),
            "TVshop registered your order"
        );
        assert_eq!(
            Lang::Fr.t("error.redelivery.start"),
            "Choisissez un début dans les jours indiqués, au moins 2 heures à l'avance."
        );
        assert_eq!(Lang::En.t("status.out_for_delivery"), "Out for delivery");
        // Texts that begin with a space keep it; an empty text is empty.
        assert_eq!(Lang::En.t("outcome.no_answer"), " — no answer");
        assert_eq!(Lang::Fr.t("outcome.sent"), "");
        // Unknown keys are "" (the page's error fields fall back on that).
        assert_eq!(Lang::En.t("error.contact.phone"), "");
        assert_eq!(Lang::Fr.f("no.such.key", &[("name", "x")]), "");
        // A reference in digits reads as written, not as a formatted number.
        assert_eq!(
            Lang::En.f("order", &[("reference", "007"), ("marketplace", "M")]),
            "Order 007 from M"
        );
        assert_eq!(
            Lang::En.f("order", &[("reference", "1234567"), ("marketplace", "M")]),
            "Order 1234567 from M"
        );
        assert_eq!(
            Lang::En.f("driver_rating", &[("stars", "4.0")]),
            "rated 4.0 ★ by customers"
        );
    }

    #[test]
    fn plural_forms_follow_the_number() {
        assert_eq!(
            Lang::En.f("redelivery.horizon", &[("days", "1")]),
            "Choose a time within the next 24 hours, at least 2 hours from now."
        );
        assert_eq!(
            Lang::En.f("redelivery.horizon", &[("days", "14")]),
            "Choose a time within the next 14 days, at least 2 hours from now."
        );
        assert_eq!(
            Lang::Fr.f("redelivery.horizon", &[("days", "1")]),
            "Choisissez un moment dans les prochaines 24 heures, au moins 2 heures à l'avance."
        );
        assert_eq!(
            Lang::Fr.f("redelivery.horizon", &[("days", "14")]),
            "Choisissez un moment dans les 14 prochains jours, au moins 2 heures à l'avance."
        );
    }

    #[test]
    fn times_read_in_the_shipments_zone_with_the_zone_named() {
        use chrono::TimeZone;
        let paris = crate::timezone::zone("Europe/Paris");
        let start = Utc.with_ymd_and_hms(2026, 5, 2, 6, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 5, 2, 12, 0, 0).unwrap();
        assert_eq!(
            local(start, paris, Lang::En, Shape::DayAndTime),
            "Sat 2 May, 08:00 (Paris time)"
        );
        assert_eq!(
            local(end, paris, Lang::Fr, Shape::DayAndTime),
            "sam. 2 mai, 14:00 (heure de Paris)"
        );
        assert_eq!(
            local(start, paris, Lang::Fr, Shape::Time),
            "08:00 (heure de Paris)"
        );
        // A window of one day names it once; across days, both.
        assert_eq!(
            window(start, end, paris, Lang::En),
            "Sat 2 May, 08:00–14:00 (Paris time)"
        );
        assert_eq!(
            window(start, end + chrono::Duration::days(1), paris, Lang::Fr),
            "sam. 2 mai, 08:00 – dim. 3 mai, 14:00 (heure de Paris)"
        );
        let ny = crate::timezone::zone("America/New_York");
        assert_eq!(
            local(start, ny, Lang::En, Shape::Time),
            "02:00 (New York time)"
        );
        // UTC shipments name UTC.
        assert_eq!(
            local(start, Tz::UTC, Lang::En, Shape::DayAndTime),
            "Sat 2 May, 06:00 (UTC)"
        );
        // The night the clocks go back (25 October 2026): an hour apart in UTC, the same
        // wall-clock time, then winter time.
        let before = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap();
        assert_eq!(
            local(before, paris, Lang::En, Shape::Time),
            "02:30 (Paris time)"
        );
        assert_eq!(
            local(after, paris, Lang::En, Shape::Time),
            "02:30 (Paris time)"
        );
        let winter = Utc.with_ymd_and_hms(2026, 10, 25, 6, 0, 0).unwrap();
        assert_eq!(
            local(winter, paris, Lang::En, Shape::Time),
            "07:00 (Paris time)"
        );
        // Across midnight the day moves too.
        let late = Utc.with_ymd_and_hms(2026, 5, 2, 23, 30, 0).unwrap();
        assert_eq!(
            local(late, paris, Lang::En, Shape::DayAndTime),
            "Sun 3 May, 01:30 (Paris time)"
        );
    }

    #[test]
    fn accept_language_honours_quality() {
        let pick = |h: &str| Lang::from_accept(Some(h));
        assert_eq!(pick("fr;q=0.1, en;q=0.9"), Lang::En);
        assert_eq!(pick("en;q=0.2, fr;q=0.9"), Lang::Fr);
        assert_eq!(pick("de, fr;q=0.5"), Lang::Fr);
        assert_eq!(pick("fr-FR,fr;q=0.9,en;q=0.8"), Lang::Fr);
        assert_eq!(pick("de-DE,en-GB;q=0.8,fr;q=0.5"), Lang::En);
        assert_eq!(pick("FR-ca"), Lang::Fr);
        // q=0 refuses a language.
        assert_eq!(pick("fr;q=0, de"), Lang::En);
        assert_eq!(pick("de"), Lang::En);
        assert_eq!(pick("*"), Lang::En);
        assert_eq!(pick(";;,,=q, ☃;q=x"), Lang::En);
        assert_eq!(pick(""), Lang::En);
        assert_eq!(Lang::from_accept(None), Lang::En);
    }
}
