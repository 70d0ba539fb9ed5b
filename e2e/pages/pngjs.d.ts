/** The little of pngjs (already installed with qrcode) that the QR decode check uses. */
declare module 'pngjs' {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
