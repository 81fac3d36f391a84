//! Who may see and manage what. One place, pure: handlers ask here, and an object the caller
//! may not see is answered as 404 so its existence is not revealed.

use crate::auth::Actor;
use crate::auth::model::PrincipalKind;
use crate::error::ApiError;
use crate::users::model::{Role, UserRow};

/// Members of an org (any role, API keys included) see it; platform admins see all.
pub fn sees_org(actor: &Actor, org_id: &str) -> bool {
    actor.role == Role::PlatformAdmin || actor.org_id.as_deref() == Some(org_id)
}

/// Managing users and API keys takes a human admin of the org, or a platform admin.
pub fn manages_org(actor: &Actor, org_id: &str) -> bool {
    actor.role == Role::PlatformAdmin
        || (actor.kind == PrincipalKind::User
            && actor.role == Role::Admin
            && actor.org_id.as_deref() == Some(org_id))
}

/// Users are visible to themselves, to their org's admins, staff and API keys (who assign
/// drivers), and to platform admins. Drivers see only themselves.
pub fn sees_user(actor: &Actor, user: &UserRow) -> bool {
    if actor.kind == PrincipalKind::User && actor.id == user.id {
        return true;
    }
    match user.org_id.as_deref() {
        None => actor.role == Role::PlatformAdmin,
        Some(org) => sees_org(actor, org) && actor.role != Role::Driver,
    }
}

/// The org a management action applies to: an org admin acts on their own org (an `org_id`
/// naming another is refused as not found); a platform admin must name one.
pub fn managed_org(actor: &Actor, requested: Option<&str>) -> Result<String, ApiError> {
    if actor.role == Role::PlatformAdmin {
        return requested
            .map(str::to_owned)
            .ok_or_else(|| ApiError::validation("org_id", "is required for platform admins"));
    }
    let own = actor
        .org_id
        .as_deref()
        .filter(|own| manages_org(actor, own))
        .ok_or_else(|| ApiError::Forbidden("this action needs an org admin user".to_owned()))?;
    match requested {
        Some(other) if other != own => Err(ApiError::NotFound("org".to_owned())),
        _ => Ok(own.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgs::model::OrgKind;

    fn actor(kind: PrincipalKind, role: Role, org: Option<&str>) -> Actor {
        Actor {
            kind,
            id: "usr_me".to_owned(),
            role,
            name: "me".to_owned(),
            email: None,
            org_id: org.map(str::to_owned),
            org_kind: org.map(|_| OrgKind::Courier),
        }
    }

    fn user(id: &str, org: Option<&str>) -> UserRow {
        UserRow {
            id: id.to_owned(),
            org_id: org.map(str::to_owned),
            email: "x@y.z".to_owned(),
            name: "x".to_owned(),
            role: "staff".to_owned(),
            password_hash: String::new(),
            disabled_at: None,
            created_at: chrono::Utc::now().naive_utc(),
        }
    }

    #[test]
    fn org_visibility_and_management() {
        let platform = actor(PrincipalKind::User, Role::PlatformAdmin, None);
        let admin = actor(PrincipalKind::User, Role::Admin, Some("org_a"));
        let staff = actor(PrincipalKind::User, Role::Staff, Some("org_a"));
        let key = actor(PrincipalKind::ApiKey, Role::Staff, Some("org_a"));
        assert!(sees_org(&platform, "org_b"));
        assert!(sees_org(&staff, "org_a") && !sees_org(&staff, "org_b"));
        assert!(sees_org(&key, "org_a"));
        assert!(manages_org(&admin, "org_a") && !manages_org(&admin, "org_b"));
        assert!(!manages_org(&staff, "org_a"));
        assert!(
            !manages_org(&key, "org_a"),
            "API keys cannot manage users or keys"
        );
        assert!(manages_org(&platform, "org_b"));
    }

    #[test]
    fn user_visibility() {
        let driver = actor(PrincipalKind::User, Role::Driver, Some("org_a"));
        let staff = actor(PrincipalKind::User, Role::Staff, Some("org_a"));
        let platform = actor(PrincipalKind::User, Role::PlatformAdmin, None);
        assert!(sees_user(&driver, &user("usr_me", Some("org_a"))), "self");
        assert!(!sees_user(&driver, &user("usr_x", Some("org_a"))));
        assert!(sees_user(&staff, &user("usr_x", Some("org_a"))));
        assert!(!sees_user(&staff, &user("usr_x", Some("org_b"))));
        assert!(
            !sees_user(&staff, &user("usr_p", None)),
            "platform admins are hidden"
        );
        assert!(sees_user(&platform, &user("usr_x", Some("org_b"))));
    }

    #[test]
    fn managed_org_rules() {
        let admin = actor(PrincipalKind::User, Role::Admin, Some("org_a"));
        let platform = actor(PrincipalKind::User, Role::PlatformAdmin, None);
        let staff = actor(PrincipalKind::User, Role::Staff, Some("org_a"));
        assert_eq!(managed_org(&admin, None).unwrap(), "org_a");
        assert_eq!(managed_org(&admin, Some("org_a")).unwrap(), "org_a");
        assert!(matches!(
            managed_org(&admin, Some("org_b")),
            Err(ApiError::NotFound(_))
        ));
        assert!(matches!(
            managed_org(&staff, None),
            Err(ApiError::Forbidden(_))
        ));
        assert!(matches!(
            managed_org(&platform, None),
            Err(ApiError::Validation(_))
        ));
        assert_eq!(managed_org(&platform, Some("org_b")).unwrap(), "org_b");
    }
}
