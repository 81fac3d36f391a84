//! What the spec says every console page and form answers, written once.

use std::collections::BTreeMap;

use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

fn html(description: &str) -> RefOr<Response> {
    let schema = utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .build();
    ResponseBuilder::new()
        .description(description)
        .content(
            "text/html",
            ContentBuilder::new().schema(Some(schema)).build(),
        )
        .build()
        .into()
}

fn plain(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .build()
        .into()
}

fn shared(name: &str) -> RefOr<Response> {
    RefOr::Ref(Ref::from_response_name(name))
}

fn map(rows: Vec<(&str, RefOr<Response>)>) -> BTreeMap<String, RefOr<Response>> {
    rows.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// A console page (GET).
pub struct Page;

impl utoipa::IntoResponses for Page {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        map(vec![
            ("200", html("The page")),
            ("303", plain("Not signed in: to `/console/login`")),
            ("400", shared("BadRequest")),
            ("403", html("Not for this role (a page)")),
            ("404", html("Not found, or another party's (a page)")),
            ("422", html("A bad range (a page)")),
        ])
    }
}

/// A console download (GET): the file, or the console's pages around it.
pub struct Download;

impl utoipa::IntoResponses for Download {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let text = || {
            ContentBuilder::new()
                .schema(Some(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String)
                        .build(),
                ))
                .build()
        };
        let file = ResponseBuilder::new()
            .description("The file (JSON or zip), or the login page after the redirect")
            .content("application/json", text())
            .content("application/zip", text())
            .content("text/html", text())
            .build()
            .into();
        map(vec![
            ("200", file),
            ("303", plain("Not signed in: to `/console/login`")),
            ("400", shared("BadRequest")),
            ("404", html("Not found, or another party's (a page)")),
        ])
    }
}

/// A console form (POST).
pub struct Form;

impl utoipa::IntoResponses for Form {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        map(vec![
            ("303", plain("Done: back to the page")),
            (
                "401",
                html("Not signed in (no session, or it ended): a page linking to the login"),
            ),
            ("400", shared("BadRequest")),
            (
                "403",
                html("No or wrong CSRF token, or not for this role (a page)"),
            ),
            ("404", html("Not found, or another party's (a page)")),
            ("409", html("No longer possible: the page with a message")),
            ("413", shared("PayloadTooLarge")),
            ("415", shared("UnsupportedMediaType")),
            ("422", html("The page with what was wrong")),
        ])
    }
}
