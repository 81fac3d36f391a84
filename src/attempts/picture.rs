//! What a photo is, proven by decoding it, and the copy everyone but the evidence's readers get:
//! re-encoded (no EXIF, no maker notes, no location can survive a decode) and resized, so a
//! customer's phone never loads a 50-megapixel image. Pure: bytes in, bytes out.

use std::io::Cursor;

use chrono::{NaiveDate, NaiveDateTime};
use image::{ImageFormat, ImageReader, Limits};

use crate::error::ApiError;

/// The longest side of the served copy.
/// The image types a photo may be (sniffed from its bytes), as the API reference lists them.
pub const MEDIA_TYPES: &[&str] = &["image/jpeg", "image/png", "image/webp", "image/heic"];

pub const COPY_MAX_SIDE: u32 = 1600;
const COPY_JPEG_QUALITY: u8 = 82;

/// The copy of a photo that carries no metadata, and its content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// Why the bytes are not a photo (the header looked like one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnImage(pub String);

/// Decode the image (refusing more than `max_pixels`) and make its served copy. JPEG, PNG and
/// WebP are decoded and re-encoded as JPEG; HEIC, which no Rust decoder reads, keeps its
/// pixels and has its EXIF item blanked in place ([`super::heif`]).
pub fn served_copy(bytes: &[u8], content_type: &str, max_pixels: u64) -> Result<Copy, NotAnImage> {
    let format = match content_type {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        "image/webp" => ImageFormat::WebP,
        "image/heic" => {
            return super::heif::strip_exif(bytes)
                .map(|bytes| Copy {
                    bytes,
                    content_type: "image/heic",
                })
                .ok_or_else(|| NotAnImage("the HEIC file's structure is unreadable".to_owned()));
        }
        other => return Err(NotAnImage(format!("{other} is not a photo type"))),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    // Four bytes a pixel (RGBA) is the most a decoder of these formats holds for one image.
    limits.max_alloc = Some(max_pixels.saturating_mul(4));
    let side = u32::try_from(max_pixels).unwrap_or(u32::MAX);
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|e| NotAnImage(format!("the image does not decode: {e}")))?;
    if u64::from(image.width()) * u64::from(image.height()) > max_pixels {
        return Err(NotAnImage(format!(
            "{}x{} is more than {max_pixels} pixels",
            image.width(),
            image.height()
        )));
    }
    let image = if image.width().max(image.height()) > COPY_MAX_SIDE {
        image.thumbnail(COPY_MAX_SIDE, COPY_MAX_SIDE)
    } else {
        image
    };
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, COPY_JPEG_QUALITY);
    image
        .to_rgb8()
        .write_with_encoder(encoder)
        .map_err(|e| NotAnImage(format!("the copy could not be encoded: {e}")))?;
    Ok(Copy {
        bytes: out,
        content_type: "image/jpeg",
    })
}

/// No side of a photo may exceed this, nor its pixels the `photo_max_pixels` setting: such
/// headers are decompression bombs, refused before anything decodes them.
pub const MAX_SIDE: usize = 20_000;

/// What the bytes are, by their magic numbers and header: (content type, width, height).
pub fn sniff(bytes: &[u8], max_pixels: u64) -> Result<(&'static str, usize, usize), ApiError> {
    use imagesize::ImageType;
    let mime = match imagesize::image_type(bytes) {
        Ok(ImageType::Jpeg) => "image/jpeg",
        Ok(ImageType::Png) => "image/png",
        Ok(ImageType::Webp) => "image/webp",
        Ok(ImageType::Heif(_)) => "image/heic",
        _ => {
            return Err(ApiError::UnsupportedMediaType(
                "photos must be JPEG, PNG, WebP or HEIC images".to_owned(),
            ));
        }
    };
    let size = imagesize::blob_size(bytes)
        .map_err(|_| ApiError::validation("body", "the image header is unreadable"))?;
    if size.width == 0
        || size.height == 0
        || size.width > MAX_SIDE
        || size.height > MAX_SIDE
        || (size.width as u64).saturating_mul(size.height as u64) > max_pixels
    {
        return Err(ApiError::validation(
            "body",
            format!(
                "image dimensions {}x{} are not plausible for a photo",
                size.width, size.height
            ),
        ));
    }
    Ok((mime, size.width, size.height))
}

/// When (UTC) and where a photo was taken, from its EXIF data when present. A time without
/// an offset is read as UTC.
pub fn exif_facts(bytes: &[u8]) -> (Option<NaiveDateTime>, Option<(f64, f64)>) {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
        return (None, None);
    };
    let ascii = |tag| match exif.get_field(tag, exif::In::PRIMARY).map(|f| &f.value) {
        Some(exif::Value::Ascii(v)) => v.first().cloned(),
        _ => None,
    };
    let taken_at = ascii(exif::Tag::DateTimeOriginal).and_then(|raw| {
        let mut dt = exif::DateTime::from_ascii(&raw).ok()?;
        if let Some(off) = ascii(exif::Tag::OffsetTimeOriginal) {
            let _ = dt.parse_offset(&off);
        }
        let naive =
            NaiveDate::from_ymd_opt(i32::from(dt.year), u32::from(dt.month), u32::from(dt.day))?
                .and_hms_opt(
                    u32::from(dt.hour),
                    u32::from(dt.minute),
                    u32::from(dt.second),
                )?;
        Some(naive - chrono::Duration::minutes(i64::from(dt.offset.unwrap_or(0))))
    });
    let coord = |tag, ref_tag, negative: u8| -> Option<f64> {
        let exif::Value::Rational(v) = &exif.get_field(tag, exif::In::PRIMARY)?.value else {
            return None;
        };
        if v.len() < 3 || v.iter().any(|r| r.denom == 0) {
            return None;
        }
        let deg = v[0].to_f64() + v[1].to_f64() / 60.0 + v[2].to_f64() / 3600.0;
        let sign = match ascii(ref_tag).and_then(|r| r.first().copied()) {
            Some(c) if c == negative => -1.0,
            _ => 1.0,
        };
        Some(sign * deg)
    };
    let lat = coord(exif::Tag::GPSLatitude, exif::Tag::GPSLatitudeRef, b'S');
    let lon = coord(exif::Tag::GPSLongitude, exif::Tag::GPSLongitudeRef, b'W');
    (taken_at, lat.zip(lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 10, 10]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_real_image_gets_a_small_jpeg_copy() {
        let copy = served_copy(&png(3200, 800), "image/png", 50_000_000).unwrap();
        assert_eq!(copy.content_type, "image/jpeg");
        let back = image::load_from_memory(&copy.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (1600, 400));
        let small = served_copy(&png(64, 48), "image/png", 50_000_000).unwrap();
        let back = image::load_from_memory(&small.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (64, 48), "never enlarged");
    }

    #[test]
    fn headers_without_an_image_are_refused() {
        let mut cut = png(64, 48);
        cut.truncate(40);
        assert!(served_copy(&cut, "image/png", 50_000_000).is_err());
        // A JPEG that ends after its frame header: no scan, no picture.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0, 48, 0, 64];
        jpeg.extend_from_slice(&[0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        jpeg.extend_from_slice(&[0u8; 64]);
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        assert!(served_copy(&jpeg, "image/jpeg", 50_000_000).is_err());
    }

    #[test]
    fn too_many_pixels_are_refused() {
        assert!(served_copy(&png(200, 100), "image/png", 19_999).is_err());
        assert!(served_copy(&png(200, 100), "image/png", 20_000).is_ok());
    }
}
