//! Removing EXIF (and XMP) metadata from HEIC/HEIF photos.
//!
//! iPhones save photos as HEIC by default, and those files carry the GPS
//! position where the photo was taken in an `Exif` item. The image crate
//! cannot decode or re-encode HEIC, so the usual "decode and save again"
//! way of dropping metadata is not open to us. Instead we read the
//! ISO-BMFF box structure far enough to find where the metadata items'
//! bytes are and overwrite those bytes with zeros in a copy. Zeroing keeps
//! every box size and offset as it was, so the copy is still a valid HEIC
//! with the same image data, and the evidence file keeps its structure.
//!
//! The input is untrusted: every read is bounds-checked, every offset
//! computation is checked, and anything we cannot account for makes
//! [`strip_exif`] return `None`, so the caller refuses to serve the copy
//! rather than serving one that may still hold a location.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeSet;
use std::ops::Range;

/// Most extents we are willing to blank. Real files have one or two per
/// metadata item; the cap stops a hostile `iloc` with zero-width extent
/// fields from making us loop and allocate without bound.
const MAX_METADATA_EXTENTS: usize = 1 << 16;

/// Returns a copy of `bytes` that keeps only the primary image: the bytes
/// of every other item (Exif, XMP, a JPEG thumbnail with its own EXIF, a
/// depth map…), of every top-level box other than `ftyp`, `meta` and
/// `mdat`, and of everything in `mdat` and `idat` that is not the primary
/// image's data (or its grid tiles) are zeros, the file's length unchanged.
///
/// Returns `None` when `bytes` is not a well-formed ISO-BMFF file with one
/// top-level `meta` box, when items exist but no primary item is named, or
/// when an item's data cannot be located inside the file.
pub fn strip_exif(bytes: &[u8]) -> Option<Vec<u8>> {
    // `??`: refuse a file with no file-level meta box, or with several.
    let top_level = split_boxes(bytes, 0)?;
    let meta = at_most_one(&top_level, b"meta")??;
    let children = meta_children(meta)?;
    let items = match at_most_one(&children, b"iinf")? {
        Some(iinf) => item_ids(iinf)?,
        None => BTreeSet::new(),
    };
    let mut out = bytes.to_vec();
    // Boxes a viewer does not need may carry anything: blank them.
    for b in &top_level {
        if !matches!(&b.kind, b"ftyp" | b"meta" | b"mdat") {
            out.get_mut(b.body_range())?.fill(0);
        }
    }
    let idat = at_most_one(&children, b"idat")?.map(BmffBox::body_range);
    let mut keep = Vec::new();
    if !items.is_empty() {
        // Items exist, so the primary one must be named and one iloc must
        // say where every item is.
        let primary = primary_item(at_most_one(&children, b"pitm")??)?;
        let mut kept = BTreeSet::from([primary]);
        if let Some(iref) = at_most_one(&children, b"iref")? {
            kept.extend(derived_tiles(iref, primary)?);
        }
        if !kept.is_subset(&items) {
            return None;
        }
        let dropped: BTreeSet<u32> = items.difference(&kept).copied().collect();
        let iloc = at_most_one(&children, b"iloc")??;
        keep = merge_ranges(metadata_ranges(iloc, &kept, idat.clone(), bytes.len())?);
        if !dropped.is_empty() {
            let ranges = metadata_ranges(iloc, &dropped, idat.clone(), bytes.len())?;
            for range in merge_ranges(ranges) {
                out.get_mut(range)?.fill(0);
            }
        }
    }
    // In the data areas, only the kept items' bytes survive: nothing can
    // hide between or after them.
    let areas = top_level
        .iter()
        .filter(|b| b.kind == *b"mdat")
        .map(BmffBox::body_range)
        .chain(idat);
    for area in areas {
        for gap in outside(&area, &keep) {
            out.get_mut(gap)?.fill(0);
        }
    }
    Some(out)
}

/// The parts of `area` that no range of `keep` (sorted, merged) covers.
fn outside(area: &Range<usize>, keep: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut gaps = Vec::new();
    let mut at = area.start;
    for k in keep {
        let (start, end) = (k.start.max(area.start), k.end.min(area.end));
        if start >= end {
            continue;
        }
        if start > at {
            gaps.push(at..start);
        }
        at = at.max(end);
    }
    if at < area.end {
        gaps.push(at..area.end);
    }
    gaps
}

/// The item `pitm` names as the primary image.
fn primary_item(pitm: &BmffBox<'_>) -> Option<u32> {
    let mut reader = ByteReader::new(pitm.body);
    match reader.full_box_version()? {
        0 => reader.u16().map(u32::from),
        _ => reader.u32(),
    }
}

/// The items a primary `grid` image is made of: its `dimg` references.
fn derived_tiles(iref: &BmffBox<'_>, primary: u32) -> Option<BTreeSet<u32>> {
    let mut reader = ByteReader::new(iref.body);
    let wide = reader.full_box_version()? != 0;
    let id = |r: &mut ByteReader<'_>| {
        if wide {
            r.u32()
        } else {
            r.u16().map(u32::from)
        }
    };
    let mut tiles = BTreeSet::new();
    for reference in split_boxes(reader.rest(), 0)? {
        let mut r = ByteReader::new(reference.body);
        let from = id(&mut r)?;
        let count = r.u16()?;
        for _ in 0..count {
            let to = id(&mut r)?;
            if reference.kind == *b"dimg" && from == primary {
                tiles.insert(to);
            }
        }
    }
    Some(tiles)
}

/// The IDs of every item `iinf` declares.
fn item_ids(iinf: &BmffBox<'_>) -> Option<BTreeSet<u32>> {
    let mut reader = ByteReader::new(iinf.body);
    match reader.full_box_version()? {
        0 => reader.u16().map(drop)?,
        _ => reader.u32().map(drop)?,
    }
    let mut ids = BTreeSet::new();
    for entry in split_boxes(reader.rest(), 0)? {
        if entry.kind != *b"infe" {
            continue;
        }
        let mut r = ByteReader::new(entry.body);
        let id = match r.full_box_version()? {
            0..=2 => u32::from(r.u16()?),
            3 => r.u32()?,
            _ => return None,
        };
        ids.insert(id);
    }
    Some(ids)
}

/// A big-endian reader over a byte slice that never reads past its end:
/// every read returns `None` instead.
struct ByteReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    fn position(&self) -> usize {
        self.pos
    }

    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(len)?;
        let slice = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_be_bytes)
    }

    /// Reads an `iloc` field whose width (0, 4 or 8 bytes) the box declares.
    fn sized(&mut self, width: u8) -> Option<u64> {
        match width {
            0 => Some(0),
            4 => self.u32().map(u64::from),
            8 => self.u64(),
            _ => None,
        }
    }

    /// Reads a FullBox header and returns its version (flags are unused).
    fn full_box_version(&mut self) -> Option<u8> {
        let [version, _, _, _] = self.array::<4>()?;
        Some(version)
    }
}

/// One box: its type and body, with the body's offset in the whole file
/// so that blanking can be done on the file copy.
struct BmffBox<'a> {
    kind: [u8; 4],
    body: &'a [u8],
    body_offset: usize,
}

impl BmffBox<'_> {
    fn body_range(&self) -> Range<usize> {
        let end = self.body_offset.saturating_add(self.body.len());
        self.body_offset..end
    }
}

/// Splits `data`, which starts at file offset `offset`, into boxes. The
/// boxes must fill `data` exactly: a box running past its parent means the
/// file is damaged or hostile, and we would rather refuse it.
fn split_boxes(data: &[u8], offset: usize) -> Option<Vec<BmffBox<'_>>> {
    let mut reader = ByteReader::new(data);
    let mut boxes = Vec::new();
    while reader.remaining() > 0 {
        boxes.push(next_box(&mut reader, offset)?);
    }
    Some(boxes)
}

/// Reads one box header (32-bit size, 64-bit `largesize` when the size is
/// 1, or "to the end" when it is 0) and the body it announces.
fn next_box<'a>(reader: &mut ByteReader<'a>, offset: usize) -> Option<BmffBox<'a>> {
    let available = reader.remaining();
    let size = reader.u32()?;
    let kind = reader.array::<4>()?;
    let (header_len, total_len) = match size {
        0 => (8, available),
        1 => (16, usize::try_from(reader.u64()?).ok()?),
        n => (8, usize::try_from(n).ok()?),
    };
    let body_len = total_len.checked_sub(header_len)?;
    let body_offset = offset.checked_add(reader.position())?;
    let body = reader.take(body_len)?;
    Some(BmffBox {
        kind,
        body,
        body_offset,
    })
}

/// The boxes inside `meta`, which is a FullBox of version 0.
fn meta_children<'a>(meta: &BmffBox<'a>) -> Option<Vec<BmffBox<'a>>> {
    let mut reader = ByteReader::new(meta.body);
    if reader.full_box_version()? != 0 {
        return None;
    }
    split_boxes(
        reader.rest(),
        meta.body_offset.checked_add(reader.position())?,
    )
}

/// `Some(None)` when no box of `kind` is present, `None` when there are
/// several (which the format forbids, and which would let one hide data).
fn at_most_one<'b, 'a>(
    boxes: &'b [BmffBox<'a>],
    kind: &[u8; 4],
) -> Option<Option<&'b BmffBox<'a>>> {
    let mut matching = boxes.iter().filter(|b| b.kind == *kind);
    let first = matching.next();
    matching.next().is_none().then_some(first)
}

/// Field widths declared at the start of an `iloc` box.
struct IlocLayout {
    version: u8,
    offset_size: u8,
    length_size: u8,
    base_offset_size: u8,
    index_size: u8,
}

impl IlocLayout {
    fn read(reader: &mut ByteReader<'_>) -> Option<Self> {
        let version = reader.full_box_version()?;
        if version > 2 {
            return None;
        }
        let [offset_and_length, base_and_index] = reader.array::<2>()?;
        Some(Self {
            version,
            offset_size: offset_and_length >> 4,
            length_size: offset_and_length & 0x0f,
            base_offset_size: base_and_index >> 4,
            // Reserved in version 0.
            index_size: if version >= 1 {
                base_and_index & 0x0f
            } else {
                0
            },
        })
    }

    /// Bytes taken by one extent, so that other items can be skipped
    /// without looping over their extents.
    fn extent_len(&self) -> usize {
        usize::from(self.index_size)
            .saturating_add(usize::from(self.offset_size))
            .saturating_add(usize::from(self.length_size))
    }

    /// u16 IDs in versions 0 and 1, u32 in version 2; the same for counts.
    fn read_id_or_count(&self, reader: &mut ByteReader<'_>) -> Option<u32> {
        if self.version < 2 {
            reader.u16().map(u32::from)
        } else {
            reader.u32()
        }
    }
}

/// The file ranges holding the `targets` items' data, read from `iloc`.
/// Every target must be located, inside the file, or we return `None`.
fn metadata_ranges(
    iloc: &BmffBox<'_>,
    targets: &BTreeSet<u32>,
    idat: Option<Range<usize>>,
    file_len: usize,
) -> Option<Vec<Range<usize>>> {
    let mut reader = ByteReader::new(iloc.body);
    let layout = IlocLayout::read(&mut reader)?;
    let item_count = layout.read_id_or_count(&mut reader)?;
    let mut ranges = Vec::new();
    let mut located = BTreeSet::new();
    // Each entry takes at least six bytes, so running out of box ends a
    // loop whose count was a lie.
    for _ in 0..item_count {
        let item_id = layout.read_id_or_count(&mut reader)?;
        let construction_method = if layout.version >= 1 {
            reader.u16()? & 0x000f
        } else {
            0
        };
        let data_reference_index = reader.u16()?;
        let base_offset = reader.sized(layout.base_offset_size)?;
        let extent_count = usize::from(reader.u16()?);
        if !targets.contains(&item_id) {
            reader.take(layout.extent_len().checked_mul(extent_count)?)?;
            continue;
        }
        let area = data_area(
            construction_method,
            data_reference_index,
            idat.as_ref(),
            file_len,
        )?;
        for _ in 0..extent_count {
            let _extent_index = reader.sized(layout.index_size)?;
            let offset = reader.sized(layout.offset_size)?;
            let length = reader.sized(layout.length_size)?;
            ranges.push(resolve_extent(&area, base_offset, offset, length)?);
            if ranges.len() > MAX_METADATA_EXTENTS {
                return None;
            }
        }
        located.insert(item_id);
    }
    (located == *targets).then_some(ranges)
}

/// The part of the file that an item's extent offsets count from.
fn data_area(
    construction_method: u16,
    data_reference_index: u16,
    idat: Option<&Range<usize>>,
    file_len: usize,
) -> Option<Range<usize>> {
    match construction_method {
        // Offsets into this file; a non-zero data reference would point at
        // another file, whose data we cannot blank.
        0 if data_reference_index == 0 => Some(0..file_len),
        // Offsets into the data of the `idat` box inside `meta`.
        1 => idat.cloned(),
        // Construction from other items (2) or reserved methods: we cannot
        // tell which bytes to blank.
        _ => None,
    }
}

/// Turns one extent into a file range, refusing any that leaves `area`.
/// A length of 0 means "to the end of the area".
fn resolve_extent(
    area: &Range<usize>,
    base_offset: u64,
    offset: u64,
    length: u64,
) -> Option<Range<usize>> {
    let relative = usize::try_from(base_offset.checked_add(offset)?).ok()?;
    let start = area.start.checked_add(relative)?;
    let end = match length {
        0 => area.end,
        n => start.checked_add(usize::try_from(n).ok()?)?,
    };
    (start <= end && end <= area.end).then_some(start..end)
}

/// Sorts and merges overlapping ranges so that blanking touches each byte
/// at most once, however many hostile extents cover it.
fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

// ---------------------------------------------------------------------------
// Test fixture: a minimal HEIC carrying EXIF GPS.
//
// No HEIC encoder is available to the tests, so they build the file box by
// box. The "image" is a few dummy bytes: enough for readers of dimensions
// and metadata, not for a decoder.
// ---------------------------------------------------------------------------

/// Stand-in for the HEVC-coded image data of item 1.
const DUMMY_IMAGE_DATA: &[u8] = b"not really HEVC data";

/// Builds a minimal HEIC whose primary image is `width` x `height` and
/// whose Exif item records `lat`/`lon` (degrees, negative for S/W) and the
/// camera make "TestPhone".
#[doc(hidden)]
pub fn test_heic_with_exif(width: u32, height: u32, lat: f64, lon: f64) -> Vec<u8> {
    let exif = exif_payload(lat, lon);
    let items = [
        FixtureItem::new(*b"hvc1", DUMMY_IMAGE_DATA),
        FixtureItem::new(*b"Exif", &exif),
    ];
    build_heic(width, height, &items, Storage::Mdat)
}

/// One item of a fixture file. Item IDs are positions from 1; item 1 is the
/// primary image and every other item describes it.
struct FixtureItem<'a> {
    item_type: [u8; 4],
    /// Written only for `mime` items.
    content_type: &'a str,
    data: &'a [u8],
}

impl<'a> FixtureItem<'a> {
    fn new(item_type: [u8; 4], data: &'a [u8]) -> Self {
        Self {
            item_type,
            content_type: "",
            data,
        }
    }
}

/// Where a fixture stores its items' data: in `mdat` (construction method
/// 0, file offsets) or in `meta`'s `idat` (method 1, offsets into idat).
#[derive(Clone, Copy, PartialEq)]
enum Storage {
    Mdat,
    Idat,
}

fn build_heic(width: u32, height: u32, items: &[FixtureItem<'_>], storage: Storage) -> Vec<u8> {
    let ftyp = bmff_box(b"ftyp", &[&b"heic"[..], &[0; 4], b"mif1", b"heic"].concat());
    let mdat_data = match storage {
        Storage::Mdat => items
            .iter()
            .map(|item| item.data)
            .collect::<Vec<_>>()
            .concat(),
        Storage::Idat => Vec::new(),
    };
    // iloc's fields have fixed widths, so meta is as long whatever offsets
    // it holds: lay it out once to learn where mdat's data will start, then
    // again with the real offsets.
    let draft = meta_box(width, height, items, storage, 0);
    let mdat_data_offset = ftyp.len().saturating_add(draft.len()).saturating_add(8);
    let meta = meta_box(width, height, items, storage, mdat_data_offset);
    [ftyp, meta, bmff_box(b"mdat", &mdat_data)].concat()
}

/// `data_origin` is the file offset of item 1's data when it is in mdat.
fn meta_box(
    width: u32,
    height: u32,
    items: &[FixtureItem<'_>],
    storage: Storage,
    data_origin: usize,
) -> Vec<u8> {
    let mut children = vec![
        hdlr_box(),
        full_box(b"pitm", 0, &1u16.to_be_bytes()),
        iinf_box(items),
        iref_box(items.len()),
        iprp_box(width, height),
        iloc_box(items, storage, data_origin),
    ];
    if storage == Storage::Idat {
        let data = items.iter().map(|item| item.data).collect::<Vec<_>>();
        children.push(bmff_box(b"idat", &data.concat()));
    }
    full_box(b"meta", 0, &children.concat())
}

fn hdlr_box() -> Vec<u8> {
    // pre_defined, handler_type, three reserved words, empty name.
    let body = [&[0; 4][..], b"pict", &[0; 12], b"\0"].concat();
    full_box(b"hdlr", 0, &body)
}

fn iinf_box(items: &[FixtureItem<'_>]) -> Vec<u8> {
    let mut body = be16(items.len()).to_vec();
    for (id, item) in fixture_ids(items) {
        // item_ID, item_protection_index, item_type, empty item_name.
        let mut infe = [&be16(id)[..], &[0; 2], &item.item_type, b"\0"].concat();
        if item.item_type == *b"mime" {
            infe.extend_from_slice(item.content_type.as_bytes());
            infe.push(0);
        }
        body.extend(full_box(b"infe", 2, &infe));
    }
    full_box(b"iinf", 0, &body)
}

/// Every item after the first is a `cdsc` (content describes) of item 1.
fn iref_box(item_count: usize) -> Vec<u8> {
    let references = (2..=item_count)
        .map(|from| {
            let body = [be16(from), be16(1), be16(1)].concat();
            bmff_box(b"cdsc", &body)
        })
        .collect::<Vec<_>>();
    full_box(b"iref", 0, &references.concat())
}

fn iprp_box(width: u32, height: u32) -> Vec<u8> {
    let ispe = full_box(
        b"ispe",
        0,
        &[width.to_be_bytes(), height.to_be_bytes()].concat(),
    );
    let ipco = bmff_box(b"ipco", &ispe);
    // One entry: item 1 has one association, with property 1 (ispe), not
    // marked essential.
    let ipma = full_box(
        b"ipma",
        0,
        &[&1u32.to_be_bytes()[..], &be16(1), &[1, 0x01]].concat(),
    );
    bmff_box(b"iprp", &[ipco, ipma].concat())
}

/// Version 1 iloc with 4-byte offsets and lengths, no base offset, no
/// extent index: one extent per item, laid out back to back from
/// `data_origin`.
fn iloc_box(items: &[FixtureItem<'_>], storage: Storage, data_origin: usize) -> Vec<u8> {
    let construction_method: u16 = match storage {
        Storage::Mdat => 0,
        Storage::Idat => 1,
    };
    let mut body = vec![0x44, 0x00];
    body.extend(be16(items.len()));
    let mut offset = match storage {
        Storage::Mdat => data_origin,
        Storage::Idat => 0,
    };
    for (id, item) in fixture_ids(items) {
        body.extend(be16(id));
        body.extend(construction_method.to_be_bytes());
        body.extend(be16(0)); // data_reference_index: this file
        body.extend(be16(1)); // extent_count
        body.extend(be32(offset));
        body.extend(be32(item.data.len()));
        offset = offset.saturating_add(item.data.len());
    }
    full_box(b"iloc", 1, &body)
}

fn fixture_ids<'i, 'a>(
    items: &'i [FixtureItem<'a>],
) -> impl Iterator<Item = (usize, &'i FixtureItem<'a>)> {
    (1..).zip(items)
}

fn bmff_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    [&be32(body.len().saturating_add(8))[..], kind, body].concat()
}

fn full_box(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
    bmff_box(kind, &[&[version, 0, 0, 0][..], body].concat())
}

// The fixture's numbers are small; saturating keeps the builder panic-free.
fn be16(n: usize) -> [u8; 2] {
    u16::try_from(n).unwrap_or(u16::MAX).to_be_bytes()
}

fn be32(n: usize) -> [u8; 4] {
    u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes()
}

// TIFF tags and field types used by the fixture's Exif payload.
const TAG_MAKE: u16 = 0x010f;
const TAG_GPS_IFD: u16 = 0x8825;
const TAG_GPS_LATITUDE_REF: u16 = 1;
const TAG_GPS_LATITUDE: u16 = 2;
const TAG_GPS_LONGITUDE_REF: u16 = 3;
const TAG_GPS_LONGITUDE: u16 = 4;
const TYPE_ASCII: u16 = 2;
const TYPE_LONG: u16 = 4;
const TYPE_RATIONAL: u16 = 5;

/// The body of an Exif item: a 4-byte offset to the TIFF header (0: it
/// follows at once) and a big-endian TIFF with IFD0 and a GPS IFD.
fn exif_payload(lat: f64, lon: f64) -> Vec<u8> {
    const IFD0_OFFSET: usize = 8;
    let gps = [
        TiffEntry::ascii(TAG_GPS_LATITUDE_REF, if lat < 0.0 { "S" } else { "N" }),
        TiffEntry::rationals(TAG_GPS_LATITUDE, &dms(lat)),
        TiffEntry::ascii(TAG_GPS_LONGITUDE_REF, if lon < 0.0 { "W" } else { "E" }),
        TiffEntry::rationals(TAG_GPS_LONGITUDE, &dms(lon)),
    ];
    let ifd0 = |gps_offset| {
        let entries = [
            TiffEntry::ascii(TAG_MAKE, "TestPhone"),
            TiffEntry::long(TAG_GPS_IFD, gps_offset),
        ];
        ifd_bytes(&entries, IFD0_OFFSET)
    };
    // The GPS pointer is an inline value, so IFD0's length does not depend
    // on it: measure with a placeholder, then put the GPS IFD right after.
    let gps_offset = IFD0_OFFSET.saturating_add(ifd0(0).len());
    let tiff_header = [&b"MM\0\x2a"[..], &be32(IFD0_OFFSET)].concat();
    [
        vec![0; 4],
        tiff_header,
        ifd0(gps_offset),
        ifd_bytes(&gps, gps_offset),
    ]
    .concat()
}

/// Degrees as the three rationals (degrees, minutes, seconds) EXIF uses;
/// the sign goes into the reference tag instead.
fn dms(degrees: f64) -> [(u32, u32); 3] {
    let degrees = degrees.abs();
    let whole = degrees.trunc();
    let minutes = (degrees - whole) * 60.0;
    let seconds = (minutes - minutes.trunc()) * 60.0;
    [
        (whole as u32, 1),
        (minutes.trunc() as u32, 1),
        ((seconds * 10_000.0).round() as u32, 10_000),
    ]
}

/// One IFD entry; its value is stored inline when it fits in four bytes
/// and after the IFD's table otherwise.
struct TiffEntry {
    tag: u16,
    field_type: u16,
    count: usize,
    value: Vec<u8>,
}

impl TiffEntry {
    fn ascii(tag: u16, text: &str) -> Self {
        let value = [text.as_bytes(), b"\0"].concat();
        Self {
            tag,
            field_type: TYPE_ASCII,
            count: value.len(),
            value,
        }
    }

    fn long(tag: u16, value: usize) -> Self {
        Self {
            tag,
            field_type: TYPE_LONG,
            count: 1,
            value: be32(value).to_vec(),
        }
    }

    fn rationals(tag: u16, values: &[(u32, u32)]) -> Self {
        let value = values
            .iter()
            .flat_map(|&(num, den)| [num.to_be_bytes(), den.to_be_bytes()])
            .collect::<Vec<_>>()
            .concat();
        Self {
            tag,
            field_type: TYPE_RATIONAL,
            count: values.len(),
            value,
        }
    }
}

/// Lays out an IFD (entries sorted by tag, no next IFD) that starts at
/// TIFF offset `ifd_offset`, followed by the values that did not fit inline.
fn ifd_bytes(entries: &[TiffEntry], ifd_offset: usize) -> Vec<u8> {
    let table_len = entries.len().saturating_mul(12).saturating_add(6);
    let values_offset = ifd_offset.saturating_add(table_len);
    let mut table = be16(entries.len()).to_vec();
    let mut values = Vec::new();
    for entry in entries {
        table.extend(entry.tag.to_be_bytes());
        table.extend(entry.field_type.to_be_bytes());
        table.extend(be32(entry.count));
        if entry.value.len() <= 4 {
            let mut inline = entry.value.clone();
            inline.resize(4, 0);
            table.extend(inline);
        } else {
            table.extend(be32(values_offset.saturating_add(values.len())));
            values.extend(&entry.value);
            // TIFF wants value offsets on word boundaries.
            if values.len() % 2 == 1 {
                values.push(0);
            }
        }
    }
    table.extend(be32(0)); // no next IFD
    [table, values].concat()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
mod tests {
    use super::*;
    use exif::{In, Tag, Value};
    use std::io::Cursor;

    const PLACES: [(f64, f64); 4] = [
        (48.858_37, 2.294_481),     // N, E
        (-33.856_784, 151.215_297), // S, E
        (40.689_247, -74.044_502),  // N, W
        (-22.951_916, -43.210_487), // S, W
    ];

    fn read_exif(bytes: &[u8]) -> Option<exif::Exif> {
        exif::Reader::new()
            .read_from_container(&mut Cursor::new(bytes))
            .ok()
    }

    /// Signed degrees from a GPS rational triple and its N/S or E/W tag.
    fn gps_degrees(exif: &exif::Exif, value_tag: Tag, ref_tag: Tag) -> Option<f64> {
        let Value::Rational(dms) = &exif.get_field(value_tag, In::PRIMARY)?.value else {
            return None;
        };
        let Value::Ascii(reference) = &exif.get_field(ref_tag, In::PRIMARY)?.value else {
            return None;
        };
        let degrees = dms[0].to_f64() + dms[1].to_f64() / 60.0 + dms[2].to_f64() / 3600.0;
        let negative = matches!(reference[0].first(), Some(b'S' | b'W'));
        Some(if negative { -degrees } else { degrees })
    }

    fn make(exif: &exif::Exif) -> Option<Vec<u8>> {
        match &exif.get_field(Tag::Make, In::PRIMARY)?.value {
            Value::Ascii(parts) => parts.first().cloned(),
            _ => None,
        }
    }

    /// True when any reader path still finds a location or the make.
    fn leaks_metadata(bytes: &[u8]) -> bool {
        read_exif(bytes).is_some_and(|exif| {
            exif.get_field(Tag::GPSLatitude, In::PRIMARY).is_some()
                || exif.get_field(Tag::GPSLongitude, In::PRIMARY).is_some()
                || make(&exif).is_some()
        })
    }

    fn dimensions(bytes: &[u8]) -> (usize, usize) {
        let size = imagesize::blob_size(bytes).unwrap();
        (size.width, size.height)
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    /// Offset of the Exif item's (item 2's) extent_offset field, relying on
    /// the fixture's iloc layout: version 1, 4-byte offsets and lengths, no
    /// base offset or index, one extent per item (16-byte entries).
    fn exif_extent_offset_field(heic: &[u8]) -> usize {
        let iloc_body = find(heic, b"iloc").unwrap() + 4;
        let field = iloc_body + 4 + 2 + 2 + 16 + 8;
        // Guard the layout assumption: the field must point at the payload.
        let read = |at: usize| u32::from_be_bytes(heic[at..at + 4].try_into().unwrap()) as usize;
        assert_eq!(&heic[read(field)..][..6], b"\0\0\0\0MM");
        assert_eq!(read(field) + read(field + 4), heic.len());
        field
    }

    #[test]
    fn fixture_is_a_heif_with_its_dimensions() {
        let heic = test_heic_with_exif(4032, 3024, PLACES[0].0, PLACES[0].1);
        assert!(matches!(
            imagesize::image_type(&heic),
            Ok(imagesize::ImageType::Heif(_))
        ));
        assert_eq!(dimensions(&heic), (4032, 3024));
    }

    #[test]
    fn fixture_carries_gps_and_make() {
        for (lat, lon) in PLACES {
            let heic = test_heic_with_exif(640, 480, lat, lon);
            let exif = read_exif(&heic).expect("fixture EXIF is readable");
            let read_lat = gps_degrees(&exif, Tag::GPSLatitude, Tag::GPSLatitudeRef).unwrap();
            let read_lon = gps_degrees(&exif, Tag::GPSLongitude, Tag::GPSLongitudeRef).unwrap();
            assert!(
                (read_lat - lat).abs() < 1e-4,
                "latitude {read_lat} for {lat}"
            );
            assert!(
                (read_lon - lon).abs() < 1e-4,
                "longitude {read_lon} for {lon}"
            );
            assert_eq!(make(&exif).as_deref(), Some(&b"TestPhone"[..]));
        }
    }

    #[test]
    fn strip_removes_exif_and_keeps_the_image() {
        for (lat, lon) in PLACES {
            let heic = test_heic_with_exif(1920, 1080, lat, lon);
            let stripped = strip_exif(&heic).expect("fixture is strippable");
            assert_eq!(stripped.len(), heic.len());
            assert!(!leaks_metadata(&stripped));
            assert_eq!(dimensions(&stripped), (1920, 1080));
            assert!(matches!(
                imagesize::image_type(&stripped),
                Ok(imagesize::ImageType::Heif(_))
            ));
            // Only bytes were zeroed, and the image data is untouched.
            assert!(heic.iter().zip(&stripped).all(|(&a, &b)| a == b || b == 0));
            assert!(find(&stripped, DUMMY_IMAGE_DATA).is_some());
            assert!(find(&stripped, b"TestPhone").is_none());
            // Stripping again finds nothing more to do.
            assert_eq!(strip_exif(&stripped).as_ref(), Some(&stripped));
        }
    }

    #[test]
    fn strip_blanks_exif_stored_in_idat() {
        let exif = exif_payload(PLACES[1].0, PLACES[1].1);
        let items = [
            FixtureItem::new(*b"hvc1", DUMMY_IMAGE_DATA),
            FixtureItem::new(*b"Exif", &exif),
        ];
        let heic = build_heic(800, 600, &items, Storage::Idat);
        assert!(leaks_metadata(&heic), "kamadak-exif reads idat-stored EXIF");
        let stripped = strip_exif(&heic).unwrap();
        assert_eq!(stripped.len(), heic.len());
        assert!(!leaks_metadata(&stripped));
        assert!(find(&stripped, DUMMY_IMAGE_DATA).is_some());
        assert_eq!(dimensions(&stripped), (800, 600));
    }

    #[test]
    fn strip_blanks_xmp_mime_items() {
        let exif = exif_payload(PLACES[2].0, PLACES[2].1);
        let xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret place</x:xmpmeta>";
        let mut xmp_item = FixtureItem::new(*b"mime", xmp);
        xmp_item.content_type = "application/rdf+xml";
        let items = [
            FixtureItem::new(*b"hvc1", DUMMY_IMAGE_DATA),
            FixtureItem::new(*b"Exif", &exif),
            xmp_item,
        ];
        let heic = build_heic(10, 10, &items, Storage::Mdat);
        let stripped = strip_exif(&heic).unwrap();
        assert!(find(&stripped, b"secret place").is_none());
        assert!(!leaks_metadata(&stripped));
        assert!(find(&stripped, DUMMY_IMAGE_DATA).is_some());
    }

    #[test]
    fn file_without_exif_item_is_unchanged() {
        let heic = build_heic(
            64,
            64,
            &[FixtureItem::new(*b"hvc1", DUMMY_IMAGE_DATA)],
            Storage::Mdat,
        );
        assert_eq!(strip_exif(&heic).as_ref(), Some(&heic));

        // The full fixture with the Exif item retyped as an unknown item: not
        // the primary image, so blanked all the same (issue 24).
        let mut heic = test_heic_with_exif(64, 64, 1.0, 2.0);
        let at = find(&heic, b"Exif").unwrap();
        assert_eq!(find(&heic[at + 1..], b"Exif"), None);
        heic[at..at + 4].copy_from_slice(b"zzzz");
        let stripped = strip_exif(&heic).unwrap();
        assert!(find(&stripped, b"TestPhone").is_none());
        assert!(find(&stripped, DUMMY_IMAGE_DATA).is_some());
    }

    /// Issue 24: a JPEG preview item with its own EXIF, an unreferenced
    /// top-level box and bytes hidden in `mdat` outside any item all
    /// survived; only the primary image's data does now.
    #[test]
    fn only_the_primary_image_survives() {
        let exif = exif_payload(PLACES[0].0, PLACES[0].1);
        let preview = [&b"\xFF\xD8\xFF\xE1"[..], &exif, b"\xFF\xD9"].concat();
        let items = [
            FixtureItem::new(*b"hvc1", DUMMY_IMAGE_DATA),
            FixtureItem::new(*b"jpeg", &preview),
        ];
        let mut heic = build_heic(640, 480, &items, Storage::Mdat);
        heic.extend(bmff_box(b"udta", b"top-level secret 48.8566,2.3522"));
        heic.extend(bmff_box(b"mdat", b"mdat secret 48.8566,2.3522"));
        assert!(find(&heic, b"TestPhone").is_some());
        let stripped = strip_exif(&heic).unwrap();
        assert_eq!(stripped.len(), heic.len());
        assert!(
            find(&stripped, b"TestPhone").is_none(),
            "the preview's EXIF"
        );
        assert!(find(&stripped, b"secret").is_none(), "other boxes");
        assert!(find(&stripped, DUMMY_IMAGE_DATA).is_some(), "the image");
        assert_eq!(dimensions(&stripped), (640, 480));
        assert_eq!(strip_exif(&stripped).as_ref(), Some(&stripped));
        // Items without a primary named: refused.
        let at = find(&heic, b"pitm").unwrap();
        let mut unnamed = heic.clone();
        unnamed[at..at + 4].copy_from_slice(b"xxxx");
        assert_eq!(strip_exif(&unnamed), None);
    }

    #[test]
    fn the_gaps_outside_kept_ranges_are_found() {
        assert_eq!(outside(&(0..10), &[]), vec![0..10]);
        assert_eq!(outside(&(0..10), &[2..4, 6..12]), vec![0..2, 4..6]);
        assert_eq!(outside(&(5..10), &[0..5, 10..20]), vec![5..10]);
        let all = [Range { start: 0, end: 20 }];
        assert_eq!(outside(&(5..10), &all), Vec::<Range<usize>>::new());
    }

    #[test]
    fn non_bmff_input_is_refused() {
        assert_eq!(strip_exif(&[]), None);
        assert_eq!(
            strip_exif(b"\xff\xd8\xff\xe0 this is a JPEG, not a HEIC"),
            None
        );
        // Well-formed boxes but no meta box.
        assert_eq!(strip_exif(&bmff_box(b"ftyp", b"heic\0\0\0\0mif1")), None);
    }

    #[test]
    fn every_truncation_is_handled() {
        let heic = test_heic_with_exif(320, 240, PLACES[3].0, PLACES[3].1);
        for len in 0..heic.len() {
            let prefix = &heic[..len];
            if let Some(stripped) = strip_exif(prefix) {
                assert_eq!(stripped.len(), len);
                assert!(!leaks_metadata(&stripped), "prefix of {len} bytes");
            }
        }
    }

    #[test]
    fn box_sizes_past_the_end_are_refused() {
        let heic = test_heic_with_exif(320, 240, 1.0, 2.0);
        let meta_size = find(&heic, b"meta").unwrap() - 4;
        let mut huge = heic.clone();
        huge[meta_size..meta_size + 4].copy_from_slice(&0xffff_fff0u32.to_be_bytes());
        assert_eq!(strip_exif(&huge), None);

        let mut largesize = heic.clone();
        largesize.extend([0, 0, 0, 1]);
        largesize.extend(b"free");
        largesize.extend(u64::MAX.to_be_bytes());
        assert_eq!(strip_exif(&largesize), None);

        let mut too_small = heic;
        too_small.extend([0, 0, 0, 3]);
        too_small.extend(b"free");
        assert_eq!(strip_exif(&too_small), None);
    }

    #[test]
    fn largesize_and_to_end_boxes_are_parsed() {
        let heic = test_heic_with_exif(320, 240, 1.0, 2.0);
        let mut largesize = heic.clone();
        largesize.extend([0, 0, 0, 1]);
        largesize.extend(b"free");
        largesize.extend(20u64.to_be_bytes());
        largesize.extend(b"pad!");
        let stripped = strip_exif(&largesize).unwrap();
        assert!(!leaks_metadata(&stripped));
        // Parsed (its size was read right), and its body blanked: not a box the image needs.
        assert!(stripped.ends_with(b"free\0\0\0\0\0\0\0\x14\0\0\0\0"));

        let mut to_end = heic;
        to_end.extend([0, 0, 0, 0]);
        to_end.extend(b"free anything up to the end");
        let stripped = strip_exif(&to_end).unwrap();
        assert!(!leaks_metadata(&stripped));
    }

    #[test]
    fn exif_extent_outside_the_file_is_refused() {
        let heic = test_heic_with_exif(320, 240, 1.0, 2.0);
        let field = exif_extent_offset_field(&heic);
        let file_len = u32::try_from(heic.len()).unwrap();

        let mut past_end = heic.clone();
        past_end[field..field + 4].copy_from_slice(&(file_len + 10).to_be_bytes());
        assert_eq!(strip_exif(&past_end), None);

        let mut too_long = heic.clone();
        too_long[field + 4..field + 8].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(strip_exif(&too_long), None);

        // Length 0 means "to the end of the file": blank all of it.
        let mut to_end = heic;
        to_end[field + 4..field + 8].copy_from_slice(&0u32.to_be_bytes());
        let stripped = strip_exif(&to_end).unwrap();
        assert!(!leaks_metadata(&stripped));
    }

    #[test]
    fn exif_data_that_cannot_be_blanked_is_refused() {
        let heic = test_heic_with_exif(320, 240, 1.0, 2.0);
        // The item's construction_method and data_reference_index fields
        // come 6 and 4 bytes before its extent.
        let field = exif_extent_offset_field(&heic);

        let mut from_items = heic.clone();
        from_items[field - 6..field - 4].copy_from_slice(&2u16.to_be_bytes());
        assert_eq!(strip_exif(&from_items), None);

        let mut other_file = heic.clone();
        other_file[field - 4..field - 2].copy_from_slice(&1u16.to_be_bytes());
        assert_eq!(strip_exif(&other_file), None);

        // An Exif item that iloc does not locate at all.
        let mut unlocated = heic;
        let item_id = field - 8;
        unlocated[item_id..item_id + 2].copy_from_slice(&9u16.to_be_bytes());
        assert_eq!(strip_exif(&unlocated), None);
    }

    #[test]
    fn zero_width_extents_are_bounded() {
        // An iloc whose Exif items each have `extent_count` zero-width
        // extents (each meaning "the whole file").
        let file = |item_count: u16, extent_count: u16| {
            let infe = |id: u16| {
                full_box(
                    b"infe",
                    2,
                    &[&id.to_be_bytes()[..], &[0; 2], b"Exif", b"\0"].concat(),
                )
            };
            let ids = 1..=item_count;
            let iinf_body = [
                be16(ids.len()).to_vec(),
                ids.clone().flat_map(infe).collect(),
            ]
            .concat();
            let mut iloc_body = vec![0, 0, 0, 0, 0x00, 0x00];
            iloc_body.extend(be16(ids.len()));
            for id in ids {
                iloc_body.extend(id.to_be_bytes());
                iloc_body.extend([0, 0]); // data_reference_index
                iloc_body.extend(extent_count.to_be_bytes());
            }
            full_box(
                b"meta",
                0,
                &[
                    full_box(b"pitm", 0, &1u16.to_be_bytes()),
                    full_box(b"iinf", 0, &iinf_body),
                    bmff_box(b"iloc", &iloc_body),
                ]
                .concat(),
            )
        };
        // Control: one such extent is honoured (the primary image's, so kept whole).
        let small = file(1, 1);
        assert_eq!(strip_exif(&small), Some(small.clone()));
        // Millions of them are refused instead of looped over.
        assert_eq!(strip_exif(&file(50, u16::MAX)), None);
    }
}
