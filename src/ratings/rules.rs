//! Rating rules, pure: when a customer may rate, and whom a rating counts for.

use chrono::{Duration, NaiveDateTime};

use crate::kpis::rules::{Attribution, Receipt, Tag, late_upstream};

/// Ratings are accepted this long after delivery (or the last failed attempt).
pub const RATE_WITHIN_DAYS: i64 = 30;
/// A rating can be changed this long after it was first given.
pub const CHANGE_WITHIN_DAYS: i64 = 7;
/// A driver's rating is the mean of this many latest counted ratings.
pub const DRIVER_RATING_WINDOW: i64 = 500;
pub const MAX_COMMENT_CHARS: usize = 1000;
/// At most this many stars is a low rating (the ones fair attribution looks at).
pub const LOW_STARS: i32 = 2;

/// A customer who gives one star to at least `share` of at least `min_ratings` deliveries.
#[derive(clap::Args, Debug, Clone, Copy, PartialEq)]
pub struct HarshRater {
    /// A customer with at least this many ratings, ...
    #[arg(
        long = "harsh-rater-min-ratings",
        env = "DOORSTEP_HARSH_RATER_MIN_RATINGS",
        default_value_t = 5,
        global = true
    )]
    pub min_ratings: i64,
    /// ... of which at least this share are one star, is a harsh rater: their low ratings do
    /// not count against drivers.
    #[arg(
        long = "harsh-rater-share",
        env = "DOORSTEP_HARSH_RATER_SHARE",
        default_value_t = 0.9,
        global = true
    )]
    pub share: f64,
}

impl Default for HarshRater {
    fn default() -> Self {
        crate::args::defaults()
    }
}

impl HarshRater {
    /// `ones` of `total` earlier-and-this ratings by the same customer are one star.
    pub fn is_harsh(&self, ones: i64, total: i64) -> bool {
        total >= self.min_ratings && (ones as f64) >= self.share * total as f64
    }
}

/// Why a rating does not count (as given) for the driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    HarshRater,
    UpstreamLate,
    UpstreamDamage,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::HarshRater => "harsh_rater",
            Reason::UpstreamLate => "upstream_late",
            Reason::UpstreamDamage => "upstream_damage",
        }
    }

    pub fn explain(self) -> &'static str {
        match self {
            Reason::HarshRater => "the customer gives nearly every delivery one star",
            Reason::UpstreamLate => {
                "the courier received the parcel after the promised window had started"
            }
            Reason::UpstreamDamage => "the damage was noted when the courier received the parcel",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        [
            Reason::HarshRater,
            Reason::UpstreamLate,
            Reason::UpstreamDamage,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// What the custody chain says about a rated shipment, and the customer's standing.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub receipt: Option<&'a Receipt>,
    pub window_start: NaiveDateTime,
    /// The customer is a harsh rater now, by all their ratings (see [`standing`]).
    pub harsh_rater: bool,
}

/// Whether a customer is a harsh rater once this rating (`stars`) is counted with their
/// ratings of other shipments, `others` = (one-star count, total). Every low rating of theirs
/// follows that standing, the earlier ones included ([`stale`]).
pub fn standing(others: (i64, i64), stars: i32, harsh: HarshRater) -> bool {
    let (ones, total) = others;
    harsh.is_harsh(ones + i64::from(stars == 1), total + 1)
}

/// Whom a rating counts for, and why when not the driver. High ratings always count for the
/// driver. A harsh rater's low ratings count for nobody. Otherwise a low one counts for the
/// party that handed the parcel over when every negative tag points at it.
pub fn attribute(stars: i32, tags: &[Tag], ctx: &Context<'_>) -> (Attribution, Option<Reason>) {
    if stars > LOW_STARS {
        return (Attribution::Driver, None);
    }
    if ctx.harsh_rater {
        return (Attribution::Excluded, Some(Reason::HarshRater));
    }
    let negative: Vec<Tag> = tags.iter().copied().filter(|t| t.negative()).collect();
    let Some(receipt) = ctx.receipt else {
        return (Attribution::Driver, None);
    };
    let late_upstream = late_upstream(Some(receipt), ctx.window_start).is_some();
    let explained = |t: &Tag| match t {
        Tag::Late => late_upstream,
        Tag::Damaged => receipt.damaged,
        _ => false,
    };
    if negative.is_empty() || !negative.iter().all(explained) {
        return (Attribution::Driver, None);
    }
    let reason = if negative.contains(&Tag::Damaged) && receipt.damaged {
        Reason::UpstreamDamage
    } else {
        Reason::UpstreamLate
    };
    (
        Attribution::Upstream(receipt.from_org.clone()),
        Some(reason),
    )
}

/// At most this many of a customer's earlier ratings are recounted when their standing
/// changes (newest first); any left over are recounted with their next rating. A customer
/// rarely has more than a handful.
pub const RECOUNT_MAX: i64 = 50;

/// Whether an earlier rating (`stars`, stored `counted_for` and `reason`) no longer matches
/// its customer's standing: a low one still counting while they are a harsh rater, or one
/// excluded as a harsh rater's while they are not (any more).
pub fn stale(stars: i32, counted_for: &str, reason: Option<&str>, harsh_rater: bool) -> bool {
    if stars > LOW_STARS {
        return false;
    }
    if harsh_rater {
        counted_for != "excluded"
    } else {
        reason == Some(Reason::HarshRater.as_str())
    }
}

/// Whether the customer may still rate (or change) at `now`.
pub fn may_rate(rateable_since: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - rateable_since <= Duration::days(RATE_WITHIN_DAYS)
}

pub fn may_change(first_given: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - first_given <= Duration::days(CHANGE_WITHIN_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn t(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("valid time")
    }

    fn receipt(at: NaiveDateTime, damaged: bool) -> Receipt {
        Receipt {
            from_org: "sup".into(),
            at,
            damaged,
        }
    }

    fn ctx(r: &Receipt) -> Context<'_> {
        Context {
            receipt: Some(r),
            window_start: t(10),
            harsh_rater: false,
        }
    }

    #[test]
    fn high_ratings_count_for_the_driver_whatever_the_tags() {
        let r = receipt(t(12), true);
        let got = attribute(3, &[Tag::Late, Tag::Damaged], &ctx(&r));
        assert_eq!(got, (Attribution::Driver, None));
    }

    #[test]
    fn late_after_a_late_handoff_goes_upstream() {
        let r = receipt(t(11), false);
        let got = attribute(1, &[Tag::Late, Tag::OnTime], &ctx(&r));
        assert_eq!(
            got,
            (
                Attribution::Upstream("sup".into()),
                Some(Reason::UpstreamLate)
            )
        );
        // The courier had it before the window: lateness is the driver's.
        let r = receipt(t(9), false);
        assert_eq!(attribute(1, &[Tag::Late], &ctx(&r)).0, Attribution::Driver);
    }

    #[test]
    fn damage_noted_at_receipt_goes_upstream_but_not_with_another_complaint() {
        let r = receipt(t(9), true);
        let got = attribute(2, &[Tag::Damaged], &ctx(&r));
        assert_eq!(
            got,
            (
                Attribution::Upstream("sup".into()),
                Some(Reason::UpstreamDamage)
            )
        );
        let got = attribute(2, &[Tag::Damaged, Tag::Rude], &ctx(&r));
        assert_eq!(got, (Attribution::Driver, None));
        // No negative tag: nothing points elsewhere.
        assert_eq!(attribute(1, &[], &ctx(&r)).0, Attribution::Driver);
        let undamaged = receipt(t(9), false);
        assert_eq!(
            attribute(1, &[Tag::Damaged], &ctx(&undamaged)).0,
            Attribution::Driver
        );
    }

    #[test]
    fn a_harsh_raters_low_ratings_count_for_nobody_and_follow_their_standing() {
        let harsh = HarshRater {
            min_ratings: 5,
            share: 0.8,
        };
        // 3 ones out of 4 before, this one is the 5th and a one: 4/5 = 0.8.
        assert!(standing((3, 4), 1, harsh));
        // 2 of 4 before: 3/5 < 0.8.
        assert!(!standing((2, 4), 1, harsh));
        // Too few ratings to judge.
        assert!(!standing((3, 3), 1, harsh));
        // A good rating can end the standing: 4 of 5 others, then a five: 4/6.
        assert!(!standing((4, 5), 5, harsh));

        let r = receipt(t(11), false);
        let mut c = ctx(&r);
        c.harsh_rater = true;
        assert_eq!(
            attribute(1, &[Tag::Rude], &c),
            (Attribution::Excluded, Some(Reason::HarshRater))
        );
        // Even a low rating that would go upstream counts for nobody.
        assert_eq!(
            attribute(2, &[Tag::Late], &c),
            (Attribution::Excluded, Some(Reason::HarshRater))
        );
        // Their good ratings still count.
        assert_eq!(attribute(5, &[], &c).0, Attribution::Driver);
        c.harsh_rater = false;
        assert_eq!(
            attribute(2, &[Tag::Late], &c).0,
            Attribution::Upstream("sup".into())
        );
    }

    #[test]
    fn earlier_ratings_are_recounted_when_they_no_longer_match_the_standing() {
        // Harsh now: every low rating still counting for someone is stale.
        assert!(stale(1, "driver", None, true));
        assert!(stale(2, "upstream", Some("upstream_late"), true));
        assert!(!stale(1, "excluded", Some("harsh_rater"), true));
        assert!(!stale(3, "driver", None, true), "high ratings always count");
        // Not harsh (any more): only the ones excluded for it come back.
        assert!(stale(1, "excluded", Some("harsh_rater"), false));
        assert!(!stale(1, "driver", None, false));
        assert!(!stale(2, "upstream", Some("upstream_damage"), false));
    }

    #[test]
    fn windows() {
        assert!(may_rate(t(0), t(0) + Duration::days(30)));
        assert!(!may_rate(
            t(0),
            t(0) + Duration::days(30) + Duration::seconds(1)
        ));
        assert!(may_change(t(0), t(0) + Duration::days(7)));
        assert!(!may_change(t(0), t(0) + Duration::days(8)));
    }
}
