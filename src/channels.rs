//! The channels a customer hears on (e-mail, SMS): a value kept on the shipment and on a
//! contract as `email,sms`, and configured for the server. Base layer, shared by the settings,
//! contracts, shipments and the messages themselves.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// A set of channels, kept on the shipment as `email,sms` (empty: `None`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Channels {
    pub email: bool,
    pub sms: bool,
}

impl Channels {
    pub fn decode(s: Option<&str>) -> Channels {
        let mut c = Channels::default();
        for part in s.unwrap_or_default().split(',') {
            match Channel::parse(part.trim()) {
                Some(Channel::Email) => c.email = true,
                Some(Channel::Sms) => c.sms = true,
                None => {}
            }
        }
        c
    }

    pub fn encode(self) -> Option<String> {
        let parts: Vec<&str> = self.list().iter().map(|c| c.as_str()).collect();
        (!parts.is_empty()).then(|| parts.join(","))
    }

    pub fn list(self) -> Vec<Channel> {
        let mut v = Vec::new();
        if self.email {
            v.push(Channel::Email);
        }
        if self.sms {
            v.push(Channel::Sms);
        }
        v
    }

    /// The channels in both sets (the server's and a contract's).
    pub fn and(self, other: Channels) -> Channels {
        Channels {
            email: self.email && other.email,
            sms: self.sms && other.sms,
        }
    }

    pub fn is_empty(self) -> bool {
        !self.email && !self.sms
    }

    /// The channels a new shipment's customer hears on: configured and with the contact field.
    pub fn at_creation(configured: Channels, has_email: bool, has_phone: bool) -> Channels {
        Channels {
            email: configured.email && has_email,
            sms: configured.sms && has_phone,
        }
    }

    /// The customer's choice (`None`: unchanged); switching on needs the channel to be
    /// `available` (configured, and the contact field present).
    pub fn choose(self, email: Option<bool>, sms: Option<bool>, available: Channels) -> Channels {
        Channels {
            email: email.map_or(self.email, |on| on && available.email),
            sms: sms.map_or(self.sms, |on| on && available.sms),
        }
    }
}
