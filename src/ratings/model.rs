use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::rules::{self, MAX_COMMENT_CHARS, Reason};
use crate::db::schema::ratings;
use crate::error::FieldError;
use crate::kpis::rules::Tag;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ratings)]
pub struct RatingRow {
    pub id: String,
    pub shipment_id: String,
    pub marketplace_id: String,
    pub courier_id: String,
    pub driver_id: String,
    pub attempt_id: String,
    pub stars: i32,
    pub tags: String,
    pub comment: Option<String>,
    pub customer_key: Option<String>,
    pub counted_for: String,
    pub attributed_org_id: Option<String>,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl RatingRow {
    pub fn tag_list(&self) -> Vec<Tag> {
        self.tags.split(',').filter_map(Tag::parse).collect()
    }
}

/// The customer's rating of the delivery: 1–5 stars, tags from the fixed vocabulary, a comment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateDelivery {
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub stars: i32,
    /// Positive: on_time, friendly, careful, called_ahead, good_placement. Negative: late,
    /// early_without_notice, false_not_home, rude, damaged, thrown, wrong_place, no_call.
    #[serde(default)]
    #[schema(example = json!(["friendly", "called_ahead"]))]
    pub tags: Vec<String>,
    /// Up to 1000 characters.
    pub comment: Option<String>,
}

impl RateDelivery {
    /// Stars, known tags (each once, in vocabulary order) and the trimmed comment.
    pub fn validate(self) -> Result<(i32, Vec<Tag>, Option<String>), Vec<FieldError>> {
        let mut errors = Vec::new();
        if !(1..=5).contains(&self.stars) {
            errors.push(FieldError::new("stars", "must be between 1 and 5"));
        }
        let mut tags = Vec::new();
        // Capped before each is checked: a list of thousands would answer with as many errors.
        if self.tags.len() > Tag::ALL.len() {
            errors.push(FieldError::new(
                "tags",
                format!("at most {} tags", Tag::ALL.len()),
            ));
            return Err(errors);
        }
        for (i, t) in self.tags.iter().enumerate() {
            match Tag::parse(t) {
                Some(tag) => tags.push(tag),
                None => errors.push(FieldError::new(
                    format!("tags[{i}]"),
                    format!(
                        "unknown tag; use one of: {}",
                        Tag::ALL.map(Tag::as_str).join(", ")
                    ),
                )),
            }
        }
        tags.sort();
        tags.dedup();
        let comment = self
            .comment
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        if let Some(c) = &comment {
            if c.chars().count() > MAX_COMMENT_CHARS {
                errors.push(FieldError::new(
                    "comment",
                    format!("must be at most {MAX_COMMENT_CHARS} characters"),
                ));
            }
            if c.contains('\0') {
                errors.push(FieldError::new(
                    "comment",
                    "must not contain NUL characters",
                ));
            }
        }
        if errors.is_empty() {
            Ok((self.stars, tags, comment))
        } else {
            Err(errors)
        }
    }
}

/// The customer's own rating, as their link shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerRating {
    pub stars: i32,
    pub tags: Vec<Tag>,
    pub comment: Option<String>,
    pub given_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Until when it can still be changed.
    pub changeable_until: DateTime<Utc>,
}

impl From<&RatingRow> for CustomerRating {
    fn from(r: &RatingRow) -> Self {
        CustomerRating {
            stars: r.stars,
            tags: r.tag_list(),
            comment: r.comment.clone(),
            given_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
            changeable_until: (r.created_at + chrono::Duration::days(rules::CHANGE_WITHIN_DAYS))
                .and_utc(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountedFor {
    /// Counts in the driver's (and courier's) rating.
    Driver,
    /// Counts against the party that handed the parcel to the courier.
    Upstream,
    /// Counts for nobody.
    Excluded,
}

/// A rating as the courier or the marketplace sees it: the shipment and the attempt rated (so
/// the courier can coach the driver with the evidence), and when it counts for someone else or
/// for nobody, why. Nothing identifies the customer: their contact data is read, when the
/// reader may, from the shipment.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rating {
    pub id: String,
    pub shipment_id: String,
    /// The attempt rated: the shipment's last attempt when the rating was given.
    pub attempt_id: String,
    pub driver_id: String,
    pub courier_id: String,
    pub day: NaiveDate,
    pub stars: i32,
    pub tags: Vec<Tag>,
    pub comment: Option<String>,
    pub counted_for: CountedFor,
    /// The party a low rating counts against instead of the driver.
    pub attributed_org_id: Option<String>,
    #[schema(example = "upstream_late")]
    pub reason: Option<String>,
    /// The reason in words.
    pub reason_text: Option<String>,
}

impl Rating {
    pub fn view(r: RatingRow) -> Rating {
        let reason = r.reason.as_deref().and_then(Reason::parse);
        Rating {
            tags: r.tag_list(),
            counted_for: match r.counted_for.as_str() {
                "upstream" => CountedFor::Upstream,
                "excluded" => CountedFor::Excluded,
                _ => CountedFor::Driver,
            },
            id: r.id,
            shipment_id: r.shipment_id,
            attempt_id: r.attempt_id,
            driver_id: r.driver_id,
            courier_id: r.courier_id,
            day: r.created_at.date(),
            stars: r.stars,
            comment: r.comment,
            attributed_org_id: r.attributed_org_id,
            reason: reason.map(|r| r.as_str().to_owned()),
            reason_text: reason.map(|r| r.explain().to_owned()),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingFilter {
    pub driver_id: Option<String>,
    #[param(value_type = Option<CountedFor>)]
    pub counted_for: Option<String>,
    /// The rating of this shipment (at most one).
    pub shipment_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StarCount {
    pub stars: i32,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TagCount {
    pub tag: Tag,
    pub count: i64,
}

/// A comment shown to the driver and their courier: nothing about the customer. The courier's
/// staff also get the shipment and the attempt rated, to look at the evidence with the driver;
/// the driver gets the day only.
#[derive(Debug, Serialize, ToSchema)]
pub struct DriverComment {
    /// For the courier's staff (and platform admins) only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipment_id: Option<String>,
    /// The attempt rated; for the courier's staff (and platform admins) only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt_id: Option<String>,
    pub day: NaiveDate,
    pub stars: i32,
    pub tags: Vec<Tag>,
    pub comment: String,
}

/// Uber-style: the mean of the driver's latest 500 counted ratings.
#[derive(Debug, Serialize, ToSchema)]
pub struct DriverRating {
    pub driver_id: String,
    pub name: String,
    /// Mean stars, two decimals; absent before the first counted rating.
    #[schema(example = 4.87)]
    pub average: Option<f64>,
    /// Ratings the average is over (at most `window`).
    pub count: i64,
    pub window: i64,
    /// 5 stars first.
    pub distribution: Vec<StarCount>,
    /// Tags in those ratings, most frequent first.
    pub tags: Vec<TagCount>,
    /// Ratings of the driver's deliveries that count for someone else or nobody (all time).
    pub not_counted: i64,
    /// The latest comments (up to 50), for the driver and their courier only.
    pub comments: Option<Vec<DriverComment>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_of_tags_are_one_error() {
        let input = RateDelivery {
            stars: 5,
            tags: vec![String::new(); 15_000],
            comment: None,
        };
        let errors = input.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "tags");
        let ok = RateDelivery {
            stars: 5,
            tags: vec!["on_time".into(), "on_time".into()],
            comment: None,
        };
        assert_eq!(ok.validate().unwrap().1, vec![Tag::OnTime]);
    }
}
