import sharp, { type Metadata } from 'sharp';
import { DomainError, type FieldError, ValidationFailed } from '../domain/errors.ts';

/**
 * Photos people upload with their contributions (issue 11, decision 042). What is uploaded is never
 * kept or served: its type is read from its first bytes (not its name), its size and pixel count are
 * checked before it is decoded, it is decoded once with orientation applied, and only re-encoded,
 * resized copies leave here — JPEG and WebP, 400 and 1200 pixels wide, in sRGB, with no metadata at
 * all (sharp writes none unless asked: no EXIF, GPS, XMP, IPTC or ICC profile).
 *
 * HEIC: the prebuilt libvips that sharp ships decodes AVIF but not HEIC (HEVC is patent-encumbered),
 * so HEIC is refused with a message saying how to send it instead.
 */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_PHOTO_PIXELS = 40_000_000;
export const PHOTO_WIDTHS = { small: 400, large: 1200 } as const;
/** A very tall image is limited by height as well, so a 1200-wide copy stays a sensible size. */
const MAX_HEIGHT = { small: 600, large: 1600 } as const;

export type PhotoType = 'jpeg' | 'png' | 'webp';
export type ProcessedPhoto = { width: number; height: number; smallJpeg: Buffer; smallWebp: Buffer; largeJpeg: Buffer; largeWebp: Buffer };

/** Why a file is not accepted, in words for the message beside the field. */
export class PhotoRefused extends Error {}

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** The type from the file's own first bytes; what it is called does not matter. */
export function sniffPhotoType(b: Buffer): PhotoType | 'heic' | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(b.subarray(8, 12).toString('latin1'))) return 'heic';
  return undefined;
}

export async function processPhoto(file: Buffer): Promise<ProcessedPhoto> {
  if (file.length === 0) throw new PhotoRefused('The selected file is empty');
  if (file.length > MAX_PHOTO_BYTES) throw new PhotoRefused('The photo must be smaller than 15 MB');
  const type = sniffPhotoType(file);
  if (type === 'heic')
    throw new PhotoRefused('HEIC photos cannot be read here yet. Save the photo as a JPEG (most phones can share it as one) and choose it again');
  if (!type) throw new PhotoRefused('The selected file must be a photo: a JPEG, PNG or WebP');

  // The header alone first: pixel count and frames, before anything is decoded (decompression bombs).
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRefused('The photo could not be read. It may be damaged or only partly uploaded; choose it again');
  }
  if (meta.format !== type) throw new PhotoRefused('The selected file must be a photo: a JPEG, PNG or WebP');
  if (!meta.width || !meta.height) throw new PhotoRefused('The photo could not be read. It may be damaged or only partly uploaded; choose it again');
  if ((meta.pages ?? 1) > 1) throw new PhotoRefused('Animated images cannot be used. Choose a still photo');
  if (meta.width * meta.height > MAX_PHOTO_PIXELS)
    throw new PhotoRefused('The photo has too many pixels (more than 40 megapixels). Choose a smaller copy of it');

  try {
    // One decode, turned upright, brought down to the largest copy; the copies are made from that.
    const upright = await sharp(file, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'truncated', sequentialRead: true })
      .rotate()
      .resize({ width: PHOTO_WIDTHS.large, height: MAX_HEIGHT.large, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels } };
    const large = () => sharp(upright.data, raw);
    const small = () => sharp(upright.data, raw).resize({ width: PHOTO_WIDTHS.small, height: MAX_HEIGHT.small, fit: 'inside', withoutEnlargement: true });
    const [largeJpeg, largeWebp, smallJpeg, smallWebp] = await Promise.all([
      large().jpeg({ quality: 82, progressive: true }).toBuffer(),
      large().webp({ quality: 78 }).toBuffer(),
      small().jpeg({ quality: 80, progressive: true }).toBuffer(),
      small().webp({ quality: 76 }).toBuffer(),
    ]);
    return { width: upright.info.width, height: upright.info.height, smallJpeg, smallWebp, largeJpeg, largeWebp };
  } catch {
    throw new PhotoRefused('The photo could not be read. It may be damaged or only partly uploaded; choose it again');
  }
}

/** Photos and recordings one account may add in a day (decision 042, counted across contributions and walk stops since 048). */
export const PHOTOS_PER_DAY = 30;
const DAY_MS = 24 * 3600 * 1000;

export class TooManyUploads extends DomainError {
  override readonly status = 429;
}

/** Refuses (429) when `adding` more files would pass the daily limit of the account; `countSince` counts what it added since then. */
export async function withinDailyUploads(countSince: (userId: string, since: Date) => Promise<number>, userId: string, now: Date, adding: number) {
  if (adding > 0 && (await countSince(userId, new Date(now.getTime() - DAY_MS))) + adding > PHOTOS_PER_DAY) {
    throw new TooManyUploads(`You have added ${PHOTOS_PER_DAY} photos and recordings today, the most Waymark takes in a day. Try again tomorrow.`);
  }
}

/** A photo from a form: its bytes (or "too large" when multipart stopped reading), its description, and consent when it shows people. */
export type PhotoInput = { bytes: Buffer | 'too_large'; altText: string; peopleAgreed: boolean; showsPeople: boolean };
export type CheckedPhoto = { photo: PhotoInput; images: ProcessedPhoto };

/**
 * The checks every photo form makes (contributions and walk stops), with messages beside the fields:
 * a description for people who cannot see it, consent when people can be recognised, and the file itself.
 */
export async function checkPhotoUpload(photo: PhotoInput): Promise<CheckedPhoto> {
  const errors: FieldError[] = [];
  if (photo.bytes === 'too_large') throw new ValidationFailed([{ field: 'photo', message: 'The photo must be smaller than 15 MB' }]);
  if (!photo.altText.trim()) errors.push({ field: 'altText', message: 'Describe what the photo shows, for people who cannot see it' });
  if (photo.showsPeople && !photo.peopleAgreed) {
    errors.push({ field: 'peopleAgreed', message: 'Confirm that the people who can be recognised in the photo agreed to it being shared' });
  }
  try {
    const images = await processPhoto(photo.bytes);
    if (errors.length) throw new ValidationFailed(errors);
    return { photo, images };
  } catch (err) {
    if (err instanceof PhotoRefused) throw new ValidationFailed([{ field: 'photo', message: err.message }, ...errors]);
    throw err;
  }
}

/** The four copies as the repository stores them. */
export const photoCopies = (images: ProcessedPhoto) => ({
  small_jpeg: images.smallJpeg,
  small_webp: images.smallWebp,
  large_jpeg: images.largeJpeg,
  large_webp: images.largeWebp,
});
