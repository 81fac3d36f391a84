//! Who may see and manage what. One place, pure: handlers ask here, and an object the caller
//! may not see is answered as 404 so its existence is not revealed.

use crate::error::ApiError;
use crate::identity::{Actor, OrgKind, PrincipalKind, Role};
use crate::status::Status;

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
pub fn sees_user(actor: &Actor, user_id: &str, user_org: Option<&str>) -> bool {
    if actor.kind == PrincipalKind::User && actor.id == user_id {
        return true;
    }
    match user_org {
        None => actor.role == Role::PlatformAdmin,
        Some(org) => sees_org(actor, org) && actor.role != Role::Driver,
    }
}

/// Which rows a marketplace-or-courier list covers (disputes, ratings, KPI target misses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    /// Platform admins: every row.
    All,
    /// The marketplace's own shipments.
    Marketplace(String),
    /// The courier's deliveries.
    Courier(String),
}

/// The scope of such a list for `actor`: drivers get 403 `drivers`, parties that are neither
/// marketplace nor courier 403 `others`.
pub fn list_scope(actor: &Actor, drivers: &str, others: &str) -> Result<ListScope, ApiError> {
    match (actor.role, actor.org_kind, actor.org_id.clone()) {
        (Role::PlatformAdmin, _, _) => Ok(ListScope::All),
        (Role::Driver, _, _) => Err(ApiError::Forbidden(drivers.to_owned())),
        (_, Some(OrgKind::Marketplace), Some(org)) => Ok(ListScope::Marketplace(org)),
        (_, Some(OrgKind::Courier), Some(org)) => Ok(ListScope::Courier(org)),
        _ => Err(ApiError::Forbidden(others.to_owned())),
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

/// The parties of one shipment, as access decisions need them.
#[derive(Debug, Clone, Copy)]
pub struct ShipmentParties<'a> {
    pub marketplace_id: &'a str,
    pub supplier_id: Option<&'a str>,
    pub courier_id: Option<&'a str>,
    pub driver_id: Option<&'a str>,
    pub status: Status,
}

/// How the caller relates to a shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    PlatformAdmin,
    /// The marketplace that created it.
    Owner,
    Supplier,
    /// Courier staff and API keys (not drivers).
    Courier,
    /// The driver assigned to it.
    Driver,
}

/// Who may send a parcel back after a failed attempt: the courier carrying it (or a platform
/// admin).
pub fn may_return(p: Party) -> bool {
    matches!(p, Party::Courier | Party::PlatformAdmin)
}

/// The caller's relation to a shipment, or `None`: it does not exist for them (404).
pub fn shipment_party(actor: &Actor, s: &ShipmentParties) -> Option<Party> {
    let org = actor.org_id.as_deref();
    match actor.role {
        Role::PlatformAdmin => Some(Party::PlatformAdmin),
        Role::Driver => (actor.kind == PrincipalKind::User
            && s.driver_id == Some(actor.id.as_str()))
        .then_some(Party::Driver),
        _ if org == Some(s.marketplace_id) => Some(Party::Owner),
        _ if org.is_some() && org == s.courier_id => Some(Party::Courier),
        _ if org.is_some() && org == s.supplier_id => Some(Party::Supplier),
        _ => None,
    }
}

/// Which contact fields a party sees (DESIGN §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContactFields {
    pub name: bool,
    pub phone: bool,
    pub email: bool,
    pub address: bool,
    pub access_notes: bool,
}

impl ContactFields {
    pub const ALL: ContactFields = ContactFields {
        name: true,
        phone: true,
        email: true,
        address: true,
        access_notes: true,
    };
    pub const NONE: ContactFields = ContactFields {
        name: false,
        phone: false,
        email: false,
        address: false,
        access_notes: false,
    };

    pub fn any(self) -> bool {
        self != Self::NONE
    }

    /// Names of the visible fields, for the access log.
    pub fn names(self) -> Vec<&'static str> {
        [
            ("name", self.name),
            ("phone", self.phone),
            ("email", self.email),
            ("address", self.address),
            ("access_notes", self.access_notes),
        ]
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| n)
        .collect()
    }
}

/// Contact data flows down the chain only to whom needs it, only while they need it.
pub fn contact_fields(party: Party, status: Status) -> ContactFields {
    match party {
        Party::PlatformAdmin | Party::Owner => ContactFields::ALL,
        Party::Supplier if status == Status::AtSupplier => ContactFields {
            name: true,
            address: true,
            ..ContactFields::NONE
        },
        Party::Courier
            if matches!(
                status,
                Status::WithCourier | Status::OutForDelivery | Status::AttemptFailed
            ) =>
        {
            ContactFields::ALL
        }
        Party::Driver if matches!(status, Status::OutForDelivery | Status::AttemptFailed) => {
            ContactFields::ALL
        }
        _ => ContactFields::NONE,
    }
}

/// What of a delivery attempt a reader sees. The attempt's GPS fix is the customer's doorstep
/// and what the driver typed (the recipient's name, the intercom note) names the customer: they
/// follow the one contact-field policy (the address, the name) — so the courier and the driver
/// stop seeing them after delivery, the supplier never does; the driver's id is for parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptFields {
    pub driver: bool,
    pub gps: bool,
    pub typed: bool,
}

impl AttemptFields {
    /// The driver who just recorded it, and the customer's own view (their words, not the
    /// driver's position or id).
    pub const RECORDER: AttemptFields = AttemptFields {
        driver: true,
        gps: true,
        typed: true,
    };
    pub const CUSTOMER: AttemptFields = AttemptFields {
        driver: false,
        gps: false,
        typed: true,
    };

    /// All of it: the private digest of the chain can be checked by this reader.
    pub fn all(self) -> bool {
        self.gps && self.typed
    }
}

pub fn attempt_fields(party: Party, status: Status) -> AttemptFields {
    let f = contact_fields(party, status);
    AttemptFields {
        driver: party != Party::Supplier,
        gps: f.address,
        typed: f.name,
    }
}

/// The contact fields of a shipment in lists, in the answers to changes and in webhook payloads:
/// only its owner's (and platform admins'); others read one shipment, which logs the read.
pub fn listed_fields(party: Party) -> ContactFields {
    match party {
        Party::Owner | Party::PlatformAdmin => ContactFields::ALL,
        _ => ContactFields::NONE,
    }
}

/// Delivery attempts, contact attempts and the ETA are recorded by the assigned driver only.
pub fn may_record_delivery(party: Party) -> bool {
    party == Party::Driver
}

/// A locked handover PIN is reset by the marketplace or the courier's staff.
pub fn may_reset_pin(party: Party) -> bool {
    matches!(party, Party::Owner | Party::Courier | Party::PlatformAdmin)
}

/// Disputes are resolved by the marketplace that owns the shipment.
pub fn may_resolve_dispute(party: Party) -> bool {
    matches!(party, Party::Owner | Party::PlatformAdmin)
}

/// A re-delivery window is proposed to the customer by the courier's staff, who plan rounds.
pub fn may_propose_redelivery(party: Party) -> bool {
    matches!(party, Party::Courier | Party::PlatformAdmin)
}

/// The log of who read the customer's contact data is the marketplace's (and admins').
pub fn may_read_access_log(party: Party) -> bool {
    matches!(party, Party::Owner | Party::PlatformAdmin)
}

/// Reads by anyone but the owning marketplace are logged.
pub fn contact_read_is_logged(party: Party) -> bool {
    party != Party::Owner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_verbs_name_their_parties() {
        use Party::*;
        let all = [PlatformAdmin, Owner, Supplier, Courier, Driver];
        let who = |f: fn(Party) -> bool| all.into_iter().filter(|p| f(*p)).collect::<Vec<_>>();
        assert_eq!(who(may_record_delivery), vec![Driver]);
        assert_eq!(who(may_reset_pin), vec![PlatformAdmin, Owner, Courier]);
        assert_eq!(who(may_resolve_dispute), vec![PlatformAdmin, Owner]);
        assert_eq!(who(may_propose_redelivery), vec![PlatformAdmin, Courier]);
        assert_eq!(
            all.map(|p| listed_fields(p).any()),
            [true, true, false, false, false]
        );
    }
    use crate::status::ALL as ALL_STATUSES;

    fn actor(kind: PrincipalKind, role: Role, org: Option<&str>) -> Actor {
        Actor {
            kind,
            id: "usr_me".to_owned(),
            role,
            name: "me".to_owned(),
            email: None,
            org_id: org.map(str::to_owned),
            org_kind: org.map(|_| OrgKind::Courier),
            org_time_zone: None,
            org_average_speed_kmh: None,
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
        assert!(sees_user(&driver, "usr_me", Some("org_a")), "self");
        assert!(!sees_user(&driver, "usr_x", Some("org_a")));
        assert!(sees_user(&staff, "usr_x", Some("org_a")));
        assert!(!sees_user(&staff, "usr_x", Some("org_b")));
        assert!(
            !sees_user(&staff, "usr_p", None),
            "platform admins are hidden"
        );
        assert!(sees_user(&platform, "usr_x", Some("org_b")));
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

    fn parties(status: Status) -> ShipmentParties<'static> {
        ShipmentParties {
            marketplace_id: "org_m",
            supplier_id: Some("org_s"),
            courier_id: Some("org_c"),
            driver_id: Some("usr_d"),
            status,
        }
    }

    #[test]
    fn shipment_parties() {
        let s = parties(Status::Created);
        let user = |role, org: Option<&str>| actor(PrincipalKind::User, role, org);
        assert_eq!(
            shipment_party(&user(Role::Staff, Some("org_m")), &s),
            Some(Party::Owner)
        );
        assert_eq!(
            shipment_party(
                &actor(PrincipalKind::ApiKey, Role::Staff, Some("org_m")),
                &s
            ),
            Some(Party::Owner)
        );
        assert_eq!(
            shipment_party(&user(Role::Admin, Some("org_s")), &s),
            Some(Party::Supplier)
        );
        assert_eq!(
            shipment_party(&user(Role::Staff, Some("org_c")), &s),
            Some(Party::Courier)
        );
        assert_eq!(shipment_party(&user(Role::Staff, Some("org_x")), &s), None);
        let mut driver = user(Role::Driver, Some("org_c"));
        assert_eq!(shipment_party(&driver, &s), None, "not their parcel");
        driver.id = "usr_d".to_owned();
        assert_eq!(shipment_party(&driver, &s), Some(Party::Driver));
        assert_eq!(
            shipment_party(&user(Role::PlatformAdmin, None), &s),
            Some(Party::PlatformAdmin)
        );
        let unassigned = ShipmentParties {
            courier_id: None,
            supplier_id: None,
            ..s
        };
        assert_eq!(
            shipment_party(&user(Role::Staff, Some("org_c")), &unassigned),
            None
        );
    }

    #[test]
    fn contact_fields_follow_custody() {
        for st in ALL_STATUSES {
            assert_eq!(contact_fields(Party::Owner, st), ContactFields::ALL);
            let supplier = contact_fields(Party::Supplier, st);
            if st == Status::AtSupplier {
                assert!(
                    supplier.name && supplier.address && !supplier.phone && !supplier.access_notes
                );
            } else {
                assert!(!supplier.any(), "supplier at {st:?}");
            }
            let courier_sees = matches!(
                st,
                Status::WithCourier | Status::OutForDelivery | Status::AttemptFailed
            );
            assert_eq!(
                contact_fields(Party::Courier, st).any(),
                courier_sees,
                "courier at {st:?}"
            );
            let driver_sees = matches!(st, Status::OutForDelivery | Status::AttemptFailed);
            assert_eq!(
                contact_fields(Party::Driver, st) == ContactFields::ALL,
                driver_sees,
                "driver at {st:?}"
            );
            assert_eq!(contact_fields(Party::Driver, st).any(), driver_sees);
        }
        assert!(!contact_read_is_logged(Party::Owner));
        assert!(contact_read_is_logged(Party::Driver));
        assert_eq!(
            ContactFields {
                name: true,
                address: true,
                ..ContactFields::NONE
            }
            .names(),
            ["name", "address"]
        );
    }
}
