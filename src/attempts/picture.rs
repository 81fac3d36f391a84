//! What a photo is, proven by decoding it, and the copy everyone but the evidence's readers get:
//! re-encoded (no EXIF, no maker notes, no location can survive a decode) and resized, so a
//! customer's phone never loads a 50-megapixel image. Pure: bytes in, bytes out.

use std::io::Cursor;

use chrono::{NaiveDate, NaiveDateTime};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

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
/// WebP are decoded (a JPEG at the DCT scale of its copy), brought down to the copy's size
/// and re-encoded as JPEG (`jpeg-encoder`, 4:2:0); HEIC, which no Rust decoder reads, keeps its
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
    let picture = match format {
        ImageFormat::Jpeg => scaled_jpeg(bytes, max_pixels)?,
        _ => {
            let rgb = decode(bytes, format, max_pixels)?.into_rgb8();
            Rgb {
                width: rgb.width(),
                height: rgb.height(),
                pixels: rgb.into_raw(),
            }
        }
    };
    let copy = fit(picture)?;
    let mut out = Vec::new();
    let side = |n: u32| u16::try_from(n).map_err(|_| NotAnImage(format!("{n} px is too wide")));
    jpeg_encoder::Encoder::new(&mut out, COPY_JPEG_QUALITY)
        .encode(
            &copy.pixels,
            side(copy.width)?,
            side(copy.height)?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| NotAnImage(format!("the copy could not be encoded: {e}")))?;
    Ok(Copy {
        bytes: out,
        content_type: "image/jpeg",
    })
}

/// Decoded pixels, three bytes each.
struct Rgb {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

/// The copy's size: the picture's, its longest side brought down to `COPY_MAX_SIDE`.
pub fn copy_size(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height).max(1);
    match longest > COPY_MAX_SIDE {
        true => {
            let fit = |side: u32| {
                let scaled = (u64::from(side) * u64::from(COPY_MAX_SIDE) + u64::from(longest) / 2)
                    / u64::from(longest);
                u32::try_from(scaled).unwrap_or(COPY_MAX_SIDE).max(1)
            };
            (fit(width), fit(height))
        }
        false => (width, height),
    }
}

/// The picture brought down to the copy's size (never enlarged), with a bilinear filter
/// (`fast_image_resize`, SIMD where the CPU has it).
fn fit(picture: Rgb) -> Result<Rgb, NotAnImage> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images};
    let (width, height) = copy_size(picture.width, picture.height);
    if (width, height) == (picture.width, picture.height) {
        return Ok(picture);
    }
    let failed = |e: String| NotAnImage(format!("the copy could not be made: {e}"));
    let src = images::Image::from_vec_u8(
        picture.width,
        picture.height,
        picture.pixels,
        PixelType::U8x3,
    )
    .map_err(|e| failed(e.to_string()))?;
    let mut dst = images::Image::new(width, height, PixelType::U8x3);
    let bilinear = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&src, &mut dst, &bilinear)
        .map_err(|e| failed(e.to_string()))?;
    Ok(Rgb {
        width,
        height,
        pixels: dst.into_vec(),
    })
}

/// The whole image, refusing more than `max_pixels`.
fn decode(bytes: &[u8], format: ImageFormat, max_pixels: u64) -> Result<DynamicImage, NotAnImage> {
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
    too_many_pixels(image.width().into(), image.height().into(), max_pixels)?;
    Ok(image)
}

fn too_many_pixels(width: u64, height: u64, max_pixels: u64) -> Result<(), NotAnImage> {
    match width * height > max_pixels {
        true => Err(NotAnImage(format!(
            "{width}x{height} is more than {max_pixels} pixels"
        ))),
        false => Ok(()),
    }
}

/// The size to ask a JPEG decoder for: the copy's size, so that it decodes at the smallest DCT
/// scale (1/8, 1/4, 1/2) whose image still covers the copy. A 4032×3024 phone photo decodes
/// to 2016×1512, a quarter of the pixels and of the work after the entropy decoding.
pub fn copy_request(width: u16, height: u16) -> (u16, u16) {
    let (w, h) = copy_size(width.into(), height.into());
    // Never above the picture's own sides, which are u16.
    let side = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    (side(w), side(h))
}

/// A JPEG decoded at the DCT scale of its copy (`jpeg-decoder`; the `image` crate's decoder
/// has no scaled path). Every pixel's entropy-coded data is still read, so a truncated or
/// corrupt file fails as a full decode does; a decoder panic on a crafted header is a refusal.
fn scaled_jpeg(bytes: &[u8], max_pixels: u64) -> Result<Rgb, NotAnImage> {
    let refused = |e: String| NotAnImage(format!("the image does not decode: {e}"));
    let decoded = std::panic::catch_unwind(|| {
        let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
        decoder.read_info().map_err(|e| e.to_string())?;
        let info = decoder.info().ok_or("no frame header")?;
        too_many_pixels(info.width.into(), info.height.into(), max_pixels).map_err(|e| e.0)?;
        let (w, h) = copy_request(info.width, info.height);
        let (w, h) = decoder.scale(w, h).map_err(|e| e.to_string())?;
        decoder.set_max_decoding_buffer_size(
            usize::try_from(max_pixels.saturating_mul(4)).unwrap_or(usize::MAX),
        );
        let pixels = decoder.decode().map_err(|e| e.to_string())?;
        Ok::<_, String>((w, h, info.pixel_format, pixels))
    })
    .map_err(|_| refused("its headers are inconsistent".to_owned()))?;
    let (w, h, format, pixels) = decoded.map_err(refused)?;
    let (width, height) = (u32::from(w), u32::from(h));
    use jpeg_decoder::PixelFormat;
    let pixels: Vec<u8> = match format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        // Big-endian samples: the high byte is the 8-bit value.
        PixelFormat::L16 => pixels.chunks_exact(2).flat_map(|p| [p[0]; 3]).collect(),
        // Adobe's inverted CMYK, as scanners write it.
        PixelFormat::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let k = u16::from(p[3]);
                [p[0], p[1], p[2]].map(|c| u8::try_from(u16::from(c) * k / 255).unwrap_or(u8::MAX))
            })
            .collect(),
    };
    if pixels.len() < width as usize * height as usize * 3 {
        return Err(refused("fewer pixels than its size".to_owned()));
    }
    Ok(Rgb {
        width,
        height,
        pixels,
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

    /// A copy decoded back: (width, height, RGB pixels).
    fn back(copy: &Copy) -> (u32, u32, Vec<u8>) {
        assert_eq!(copy.content_type, "image/jpeg");
        let mut d = jpeg_decoder::Decoder::new(Cursor::new(&copy.bytes));
        let pixels = d.decode().unwrap();
        let info = d.info().unwrap();
        (info.width.into(), info.height.into(), pixels)
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 10, 10]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_real_image_gets_a_small_jpeg_copy() {
        let copy = served_copy(&png(3200, 800), "image/png", 50_000_000).unwrap();
        let (w, h, pixels) = back(&copy);
        assert_eq!((w, h), (1600, 400));
        let red = &pixels[..3];
        assert!(red[0] > 180 && red[1] < 40 && red[2] < 40, "{red:?}");
        let small = served_copy(&png(64, 48), "image/png", 50_000_000).unwrap();
        let (w, h, _) = back(&small);
        assert_eq!((w, h), (64, 48), "never enlarged");
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

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let pixels: Vec<u8> = (0..h)
            .flat_map(|y| (0..w).flat_map(move |x| [(x % 251) as u8, (y % 241) as u8, 90]))
            .collect();
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(&pixels, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn the_copy_size_picks_the_smallest_dct_scale_that_covers_it() {
        assert_eq!(copy_request(4032, 3024), (1600, 1200));
        assert_eq!(copy_request(3024, 4032), (1200, 1600));
        assert_eq!(
            copy_request(1600, 900),
            (1600, 900),
            "small enough: full scale"
        );
        assert_eq!(copy_request(40000, 1), (1600, 1), "never zero");
        assert_eq!(copy_size(2016, 1512), (1600, 1200));
        assert_eq!(copy_size(1512, 2016), (1200, 1600));
        assert_eq!(copy_size(3200, 800), (1600, 400));
        assert_eq!(copy_size(1601, 3), (1600, 3));
        assert_eq!(copy_size(20000, 1), (1600, 1), "never zero");
        assert_eq!(copy_size(800, 600), (800, 600), "never enlarged");
    }

    #[test]
    fn a_large_jpeg_is_decoded_scaled_and_its_copy_is_full_size() {
        // 3400 wide: the decoder works at 1/2 (1700 px), the copy is 1600.
        let copy = served_copy(&jpeg(3400, 1700), "image/jpeg", 50_000_000).unwrap();
        let (w, h, pixels) = back(&copy);
        assert_eq!((w, h), (1600, 800));
        // The colours survive the scaled decode and the resize (within JPEG's error).
        let middle = (400 * 1600 + 800) * 3;
        let px = &pixels[middle..middle + 3];
        assert!(px[2].abs_diff(90) < 12, "{px:?}");
        let small = served_copy(&jpeg(640, 480), "image/jpeg", 50_000_000).unwrap();
        assert_eq!(back(&small).0, 640);
    }

    #[test]
    fn a_cut_or_bombed_jpeg_fails_closed() {
        let whole = jpeg(1200, 900);
        for len in [whole.len() / 2, 600, 200] {
            assert!(
                served_copy(&whole[..len], "image/jpeg", 50_000_000).is_err(),
                "cut at {len} of {}",
                whole.len()
            );
        }
        assert!(served_copy(&whole, "image/jpeg", 1200 * 900 - 1).is_err());
        // Two components: a frame no photo has (the decoder would panic on it).
        let mut two = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0E, 0x08, 0, 48, 0, 64, 0x02];
        two.extend_from_slice(&[0x01, 0x11, 0x00, 0x02, 0x11, 0x00]);
        two.extend_from_slice(&[0xFF, 0xD9]);
        assert!(served_copy(&two, "image/jpeg", 50_000_000).is_err());
    }
}
