import QRCode from 'qrcode';

/**
 * A QR code as inline SVG markup, made on the server: a printed or saved page needs no image request
 * and no script. Hidden from assistive technology: the page says in words where it leads.
 */
export async function qrCodeSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return svg.replace('<svg ', '<svg class="app-qr" aria-hidden="true" focusable="false" ');
}
