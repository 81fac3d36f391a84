//! `/v1/orgs`: platform admins create organisations; members see their own.

use actix_web::web::{Json, Path, Query};
use actix_web::{HttpResponse, get, patch, post};

use super::model::{CreateOrg, CreatedOrg, Org, OrgFilter, OrgKind, OrgRow, UpdateOrg};
use super::store;
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, is_unique_violation};
use crate::pagination::{Page, PageParams};
use crate::users::model::{Role, UserRow};
use crate::users::rules::{check_email, check_name, check_password, normalize_email};
use crate::web::state::State;

/// Create an organisation and its first admin user (platform admins only).
#[utoipa::path(
    tag = "orgs",
    security(("bearer" = [])),
    request_body = CreateOrg,
    responses(
        (status = 201, description = "Created", body = CreatedOrg),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
        (status = 503, response = crate::error::responses::Unavailable),
    )
)]
#[post("/v1/orgs")]
pub async fn create_org(
    state: State,
    actor: Actor,
    body: Json<CreateOrg>,
) -> ApiResult<HttpResponse> {
    if actor.role != Role::PlatformAdmin {
        return Err(ApiError::Forbidden(
            "only platform admins create organisations".to_owned(),
        ));
    }
    let input = body.into_inner();
    let mut errors = Vec::new();
    check_name("name", &input.name, &mut errors);
    check_email("admin.email", &input.admin.email, &mut errors);
    check_name("admin.name", &input.admin.name, &mut errors);
    check_password("admin.password", &input.admin.password, &mut errors);
    if let Some(tz) = &input.time_zone {
        crate::timezone::check("time_zone", tz, &mut errors);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let password = input.admin.password;
    let hash = state.password_gate.hash(password).await?;
    let now = state.clock.naive();
    let org = OrgRow {
        id: crate::ids::new_id("org"),
        kind: input.kind.as_str().to_owned(),
        name: input.name.trim().to_owned(),
        created_at: now,
        time_zone: input.time_zone,
        average_speed_kmh: None,
    };
    let admin = UserRow {
        id: crate::ids::new_id("usr"),
        org_id: Some(org.id.clone()),
        email: normalize_email(&input.admin.email),
        name: input.admin.name.trim().to_owned(),
        role: Role::Admin.as_str().to_owned(),
        password_hash: hash,
        disabled_at: None,
        created_at: now,
    };
    let (org, admin) = state
        .db
        .write(move |c| {
            store::insert(c, &org)?;
            crate::users::store::insert(c, &admin).map_err(|e| {
                if is_unique_violation(&e) {
                    ApiError::Conflict("a user with this e-mail already exists".to_owned())
                } else {
                    e.into()
                }
            })?;
            Ok((org, admin))
        })
        .await?;
    tracing::info!(org_id = %org.id, kind = %org.kind, "org created");
    Ok(HttpResponse::Created().json(CreatedOrg {
        org: org.into(),
        admin: admin.into(),
    }))
}

/// Organisations the caller can see: all for platform admins, otherwise their own.
#[utoipa::path(
    tag = "orgs",
    security(("bearer" = [])),
    params(PageParams, OrgFilter),
    responses(
        (status = 200, description = "A page of organisations", body = Page<Org>),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[get("/v1/orgs")]
pub async fn list_orgs(
    state: State,
    actor: Actor,
    page: Query<PageParams>,
    filter: Query<OrgFilter>,
) -> ApiResult<Json<Page<Org>>> {
    let page = page.validate()?;
    let kind = filter.kind.map(|k| k.as_str());
    let only = match actor.role {
        Role::PlatformAdmin => None,
        _ => Some(actor.org_id.clone().unwrap_or_default()),
    };
    let req = page.clone();
    let rows = state
        .db
        .read(move |c| Ok(store::list(c, &req, kind, only.as_deref())?))
        .await?;
    Ok(Json(Page::from_rows(rows, &page, |r| &r.id, Org::from)))
}

/// One organisation, if the caller belongs to it (or is a platform admin).
#[utoipa::path(
    tag = "orgs",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Org id")),
    responses(
        (status = 200, description = "The organisation", body = Org),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/orgs/{id}")]
pub async fn get_org(state: State, actor: Actor, id: Path<String>) -> ApiResult<Json<Org>> {
    let id = id.into_inner();
    if !access::sees_org(&actor, &id) {
        return Err(ApiError::NotFound("org".to_owned()));
    }
    let row = state.db.read(move |c| Ok(store::find(c, &id)?)).await?;
    row.map(|r| Json(r.into()))
        .ok_or_else(|| ApiError::NotFound("org".to_owned()))
}

/// Change an organisation: its default time zone (a platform admin or the org's admin).
#[utoipa::path(
    tag = "orgs",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Org id")),
    request_body = UpdateOrg,
    responses(
        (status = 200, description = "Updated", body = Org),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
#[patch("/v1/orgs/{id}")]
pub async fn update_org(
    state: State,
    actor: Actor,
    id: Path<String>,
    body: Json<serde_json::Value>,
) -> ApiResult<Json<Org>> {
    let id = id.into_inner();
    if !access::sees_org(&actor, &id) {
        return Err(ApiError::NotFound("org".to_owned()));
    }
    if !access::manages_org(&actor, &id) {
        return Err(ApiError::Forbidden(
            "organisations are changed by their admins".to_owned(),
        ));
    }
    let input: UpdateOrg = crate::error::object(body.into_inner())?;
    // An empty change (`{}`, or a JSON array serde would read as one) names nothing to do.
    if input.time_zone.is_none() && input.average_speed_kmh.is_none() {
        return Err(ApiError::validation(
            "time_zone",
            "time_zone or average_speed_kmh is required (null clears it)",
        ));
    }
    let mut errors = Vec::new();
    if let Some(Some(tz)) = &input.time_zone {
        crate::timezone::check("time_zone", tz, &mut errors);
    }
    if let Some(Some(kmh)) = input.average_speed_kmh
        && !(5..=130).contains(&kmh)
    {
        errors.push(crate::error::FieldError::new(
            "average_speed_kmh",
            "must be between 5 and 130 (km/h)",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let row = state
        .db
        .write(move |c| {
            if let Some(kmh) = input.average_speed_kmh {
                let org = store::find(c, &id)?;
                if org.is_some_and(|o| o.kind != OrgKind::Courier.as_str()) {
                    return Err(ApiError::validation(
                        "average_speed_kmh",
                        "is a courier's setting",
                    ));
                }
                store::set_average_speed(c, &id, kmh)?;
            }
            if let Some(tz) = &input.time_zone {
                store::set_time_zone(c, &id, tz.as_deref())?;
            }
            Ok(store::find(c, &id)?)
        })
        .await?;
    row.map(|r| Json(r.into()))
        .ok_or_else(|| ApiError::NotFound("org".to_owned()))
}
