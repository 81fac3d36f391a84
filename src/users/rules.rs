//! Pure validation of user input.

use crate::error::FieldError;

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Trim and lower-case an e-mail address so that lookups are case-insensitive.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn check_email(field: &str, email: &str, errors: &mut Vec<FieldError>) {
    let email = normalize_email(email);
    if email.len() > 254 || !email_address::EmailAddress::is_valid(&email) {
        errors.push(FieldError::new(field, "is not a valid e-mail address"));
    }
}

pub fn check_password(field: &str, password: &str, errors: &mut Vec<FieldError>) {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        errors.push(FieldError::new(
            field,
            format!("must have at least {MIN_PASSWORD_CHARS} characters"),
        ));
    } else if n > MAX_PASSWORD_CHARS {
        errors.push(FieldError::new(
            field,
            format!("must have at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
}

/// A display name: 1–200 characters after trimming, no control characters.
pub fn check_name(field: &str, name: &str, errors: &mut Vec<FieldError>) {
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 || n > 200 {
        errors.push(FieldError::new(field, "must have 1 to 200 characters"));
    } else if name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(f: impl Fn(&mut Vec<FieldError>)) -> Vec<FieldError> {
        let mut v = Vec::new();
        f(&mut v);
        v
    }

    #[test]
    fn emails() {
        assert!(errs(|e| check_email("email", " Ops@Example.com ", e)).is_empty());
        assert_eq!(normalize_email(" Ops@Example.COM "), "ops@example.com");
        assert_eq!(errs(|e| check_email("email", "nope", e))[0].field, "email");
        assert_eq!(errs(|e| check_email("email", "", e)).len(), 1);
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(errs(|e| check_email("email", &long, e)).len(), 1);
    }

    #[test]
    fn passwords_at_the_boundaries() {
        assert_eq!(errs(|e| check_password("p", &"x".repeat(11), e)).len(), 1);
        assert!(errs(|e| check_password("p", &"x".repeat(12), e)).is_empty());
        assert!(errs(|e| check_password("p", &"é".repeat(256), e)).is_empty());
        assert_eq!(errs(|e| check_password("p", &"x".repeat(257), e)).len(), 1);
    }

    #[test]
    fn names() {
        assert!(errs(|e| check_name("name", "Ada", e)).is_empty());
        assert_eq!(errs(|e| check_name("name", "   ", e)).len(), 1);
        assert_eq!(errs(|e| check_name("name", &"a".repeat(201), e)).len(), 1);
        assert_eq!(errs(|e| check_name("name", "a\u{0}b", e)).len(), 1);
    }
}
