//! What every console page shares: the language, the error pages, ranges of days, CSV.

use actix_web::http::StatusCode;
use actix_web::web::Query;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::session::Console;
use super::views;
use crate::error::ApiError;
use crate::i18n::Lang;

pub type Pairs = Vec<(String, String)>;

pub fn field<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// `?lang=` if given, else `Accept-Language`.
pub fn lang(req: &HttpRequest) -> Lang {
    Query::<LangQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.into_inner().lang)
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| {
            Lang::from_accept(
                req.headers()
                    .get(actix_web::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })
}

/// The page for an error of a service: 404/403/409/422/429 as pages, the rest as the API's.
pub fn error_page(l: Lang, c: Option<&Console>, e: ApiError) -> HttpResponse {
    match e {
        ApiError::NotFound(_) => views::message(
            l,
            c,
            StatusCode::NOT_FOUND,
            "console.notfound.title",
            l.t("console.notfound.body"),
        ),
        ApiError::Forbidden(_) => views::message(
            l,
            c,
            StatusCode::FORBIDDEN,
            "console.forbidden.title",
            l.t("console.forbidden.body"),
        ),
        ApiError::Validation(errors) => {
            let detail = what_was_wrong(&errors);
            views::message(
                l,
                c,
                StatusCode::UNPROCESSABLE_ENTITY,
                "console.invalid.title",
                &detail,
            )
        }
        ApiError::TooManyRequests {
            retry_after_secs, ..
        } => {
            let mut r = views::message(
                l,
                c,
                StatusCode::TOO_MANY_REQUESTS,
                "console.limited.title",
                l.t("console.limited.body"),
            );
            if let Ok(v) =
                actix_web::http::header::HeaderValue::from_str(&retry_after_secs.to_string())
            {
                r.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            r
        }
        other => actix_web::ResponseError::error_response(&other),
    }
}

/// The 403 page for a form without this session's token.
fn csrf_refused(l: Lang, c: &Console) -> HttpResponse {
    views::message(
        l,
        Some(c),
        StatusCode::FORBIDDEN,
        "console.csrf.title",
        l.t("console.csrf.body"),
    )
}

#[derive(Debug, Deserialize)]
pub struct RangeQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    /// `csv` for a download.
    pub format: Option<String>,
    /// Platform admins: the marketplace.
    pub org_id: Option<String>,
}

/// `from..=to`, this month so far by default, checked as the API checks it.
pub fn range(q: &RangeQuery, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), ApiError> {
    if q.from.is_none() && q.to.is_none() {
        let first = today.with_day(1).unwrap_or(today);
        return Ok((first, today));
    }
    crate::kpis::service::days(q.from.as_deref(), q.to.as_deref(), today)
}

pub fn wants_csv(q: &RangeQuery) -> bool {
    q.format.as_deref() == Some("csv")
}

pub fn csv(
    header: &[String],
    rows: Vec<Vec<String>>,
    name: &str,
) -> Result<HttpResponse, ApiError> {
    let body = crate::kpis::rules::csv_document(header, rows)?;
    Ok(views::csv_response(body, name))
}

/// A console form from a signed-in user with this session's CSRF token: its fields and the
/// page's language. Without a session, the 401 page (`Console`); without the token, the 403
/// page — before any handler runs.
pub struct CheckedForm {
    pub c: Console,
    pub pairs: Pairs,
    pub l: Lang,
}

impl CheckedForm {
    pub fn field(&self, name: &str) -> Option<&str> {
        field(&self.pairs, name)
    }
}

impl actix_web::FromRequest for CheckedForm {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let console = Console::from_request(req, payload);
        let form = actix_web::web::Form::<Pairs>::from_request(req, payload);
        let l = lang(req);
        Box::pin(async move {
            let c = console.await?;
            let pairs = form.await?.into_inner();
            if !c.form_ok(field(&pairs, super::csrf::FIELD)) {
                let page = csrf_refused(l, &c);
                return Err(actix_web::error::InternalError::from_response("csrf", page).into());
            }
            Ok(CheckedForm { c, pairs, l })
        })
    }
}

/// A validation error's fields as one line for a page: `email: is taken; name: is empty`.
pub fn what_was_wrong(errors: &[crate::error::FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}
