from enum import StrEnum


class Flag(StrEnum):
    ABSENT_WITHOUT_CONTACT = "absent_without_contact"
    ABSENT_WITHOUT_PROOF = "absent_without_proof"
    BACKDATED = "backdated"
    CLOCK_SKEW = "clock_skew"
    EARLY_WITHOUT_CONSENT = "early_without_consent"
    FAR_FROM_ADDRESS = "far_from_address"
    LATE = "late"
    LOW_GPS_ACCURACY = "low_gps_accuracy"
    NO_GPS = "no_gps"
    NO_PHOTO = "no_photo"
    PHOTO_MISMATCH = "photo_mismatch"
    UNAUTHORIZED_SAFE_PLACE = "unauthorized_safe_place"

    def __str__(self) -> str:
        return str(self.value)
