//! Password policy and hashing.
//!
//! Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), stored as a PHC string
//! so the parameters travel with the hash and can be raised later. Salts come from the OS RNG.
//! Hashing is deliberately slow; the desktop shell runs it off the UI thread.

use std::sync::OnceLock;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, FieldError, Result};

pub const MIN_LEN: usize = 12;
/// Long enough for any passphrase, short enough that hashing cannot be used to stall the app.
pub const MAX_LEN: usize = 256;

/// Passwords people choose first; refused whatever their length (compared case-insensitively).
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456123456",
    "111111111111",
    "000000000000",
    "123123123123",
    "121212121212",
    "qwertyuiop12",
    "qwerty123456",
    "qwerty1234567",
    "qwertyqwerty",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "asdfghjkl123",
    "zxcvbnm12345",
    "password1234",
    "password123!",
    "passw0rd1234",
    "password2024",
    "password2025",
    "password2026",
    "passwordpassword",
    "iloveyou1234",
    "administrator",
    "admin1234567",
    "adminadmin12",
    "welcome12345",
    "letmein12345",
    "changeme1234",
    "qazwsxedcrfv",
    "abcdefghijkl",
    "abc123abc123",
    "monkey123456",
    "dragon123456",
    "football1234",
    "superman1234",
    "trustno1trustno1",
    "sunshine1234",
    "kazakhstan123",
    "kazakhstan2024",
    "kazakhstan2025",
    "kazakhstan2026",
    "qazaqstan123",
    "qazaqstan2025",
    "astana123456",
    "almaty123456",
    "shymkent1234",
    "jasaq1234567",
    "йцукенгшщзхъ",
    "йцукен123456",
    "пароль123456",
    "парольпароль",
    "qwertyйцукен",
];

/// Checks a new password against the policy; `username` is the account it will belong to.
pub fn check_policy(field: &str, password: &str, username: &str) -> Result<()> {
    let len = password.chars().count();
    let problem = if len == 0 {
        Some(FieldError::new(field, "required"))
    } else if len < MIN_LEN {
        Some(FieldError::new(field, "password_too_short").with("min", MIN_LEN))
    } else if len > MAX_LEN {
        Some(FieldError::new(field, "too_long").with("max", MAX_LEN))
    } else if password.trim().to_lowercase() == username.trim().to_lowercase() {
        Some(FieldError::new(field, "password_equals_username"))
    } else if COMMON.contains(&password.to_lowercase().as_str()) {
        Some(FieldError::new(field, "password_common"))
    } else {
        None
    };
    match problem {
        Some(problem) => Err(Error::invalid(vec![problem])),
        None => Ok(()),
    }
}

fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| Error::internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes with a fresh random salt into a PHC string.
pub fn hash(password: &str) -> Result<String> {
    let hash = hasher()?
        .hash_password(password.as_bytes())
        .map_err(|e| Error::internal(format!("argon2 hash: {e}")))?;
    Ok(hash.to_string())
}

/// True when `password` matches the stored PHC string. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        tracing::error!("a stored password hash is not a valid PHC string");
        return false;
    };
    hasher()
        .map(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Verifies against a throwaway hash, so that a sign-in for an unknown username costs the same
/// time as one for a real account and timing reveals nothing.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("jasaq-timing-equaliser").unwrap_or_default());
    let _ = verify(password, phc);
}

/// A short, stable stand-in for a sign-in name no account has. Such a name may be a password
/// typed into the wrong box, so the audit log and the throttle keep this instead of the text.
/// It is an Argon2id digest with the password parameters, salted per installation (migration
/// 0017): it costs what the password check it replaces costs (the answer's timing does not tell
/// whether a name exists), and each guess at the text costs what a guess at a stored password
/// does, for one installation's digests at a time. The same name gives the same digest, so
/// repeated tries of one name still show as such.
pub fn unknown_name_digest(name: &str, salt: &str) -> String {
    let mut out = [0u8; 8];
    let digest = hasher().and_then(|h| {
        h.hash_password_into(name.as_bytes(), salt.as_bytes(), &mut out)
            .map_err(|e| Error::internal(format!("argon2 digest: {e}")))
    });
    match digest {
        Ok(()) => format!("unknown:{}", hex::encode(out)),
        Err(e) => {
            tracing::error!(%e, "sign-in name digest failed");
            "unknown".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let phc = hash("correct horse battery").expect("hashing works");
        assert!(
            phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "OWASP parameters, got {phc}"
        );
        assert!(
            verify("correct horse battery", &phc),
            "the right password verifies"
        );
        assert!(
            !verify("correct horse batterz", &phc),
            "a wrong password does not"
        );
        assert_ne!(
            phc,
            hash("correct horse battery").unwrap(),
            "each hash has its own salt"
        );
    }

    #[test]
    fn policy_refuses_short_common_and_username_passwords() {
        let rule = |pw: &str| {
            check_policy("password", pw, "aigerim.s")
                .err()
                .map(|e| e.fields[0].rule.clone())
        };
        assert_eq!(
            rule("short").as_deref(),
            Some("password_too_short"),
            "under 12 characters"
        );
        assert_eq!(
            rule("Password1234").as_deref(),
            Some("password_common"),
            "common list, any case"
        );
        assert_eq!(
            rule("AIGERIM.S").as_deref(),
            Some("password_too_short"),
            "short first"
        );
        assert_eq!(
            check_policy("password", "aigerim.sadykova", "aigerim.sadykova")
                .unwrap_err()
                .fields[0]
                .rule,
            "password_equals_username",
            "a password equal to the username is refused"
        );
        assert_eq!(
            rule(&"x".repeat(MAX_LEN + 1)).as_deref(),
            Some("too_long"),
            "bounded length"
        );
        assert_eq!(
            rule("Жасақ-түнгі-күзет-7"),
            None,
            "a long unusual passphrase is accepted"
        );
    }
}
