import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PhotoRefused, processPhoto, sniffPhotoType } from './photo-images.ts';

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Secret Photographer</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A phone photo as it arrives: camera make and model, GPS position, XMP, an ICC profile and "turn me" orientation. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a6f4e' } })
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'Spyphone 9', Copyright: 'Private Person', ImageDescription: 'Taken at home' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 36/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '1/1 43/1 40/1' },
    })
    .withXmp(XMP)
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

describe('photos people upload', () => {
  it('keeps nothing of the camera, the GPS position, XMP or the profile in any copy, and turns the photo upright', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.xmp).toBeDefined();
    expect(original.includes('SecretCam')).toBe(true);

    const out = await processPhoto(original);
    for (const copy of [out.smallJpeg, out.smallWebp, out.largeJpeg, out.largeWebp]) {
      const m = await sharp(copy).metadata();
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(m.orientation).toBeUndefined();
      for (const marker of ['Exif', 'GPS', 'xmp', 'XMP', 'SecretCam', 'Spyphone', 'Secret Photographer', 'Private Person', 'Photoshop', 'ICC_PROFILE']) {
        expect(copy.includes(marker), marker).toBe(false);
      }
    }
    // Orientation 6 (turn 90°): the 800×600 photo is shown 600 wide and 800 tall.
    expect([out.width, out.height]).toEqual([600, 800]);
    expect((await sharp(out.smallJpeg).metadata()).width).toBe(400);
    expect((await sharp(out.largeWebp).metadata()).format).toBe('webp');
  });

  it('reads the type from the content, not the name', async () => {
    expect(sniffPhotoType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined();
    await expect(processPhoto(Buffer.from('<html><script>alert(1)</script></html>'))).rejects.toThrow('must be a photo');
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#fff0' } })
      .png()
      .toBuffer();
    expect(sniffPhotoType(png)).toBe('png');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(16)]);
    await expect(processPhoto(heic)).rejects.toThrow('HEIC');
  });

  it('refuses empty, truncated, animated and oversized images with a reason', async () => {
    await expect(processPhoto(Buffer.alloc(0))).rejects.toThrow('empty');
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    await expect(processPhoto(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).rejects.toThrow(PhotoRefused);
    const anim = await sharp(
      [
        await sharp({ create: { width: 20, height: 20, channels: 3, background: '#f00' } })
          .png()
          .toBuffer(),
        await sharp({ create: { width: 20, height: 20, channels: 3, background: '#00f' } })
          .png()
          .toBuffer(),
      ],
      { join: { animated: true } },
    )
      .webp()
      .toBuffer();
    await expect(processPhoto(anim)).rejects.toThrow('Animated');
    // A decompression bomb: a tiny PNG that says it is 10 000 × 10 000 (100 megapixels).
    const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(10_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    await expect(processPhoto(bomb)).rejects.toThrow('too many pixels');
  });
});
