/**
 * Images arrive as data: URIs (the Markdown renderer inlined and checked them). Word needs
 * the bytes, the kind and the size in pixels; the size is read from the file's header.
 */
export interface InlineImage {
  type: 'png' | 'jpg' | 'gif' | 'svg';
  data: Buffer;
  width: number;
  height: number;
  /** What Word versions without SVG support show instead (a blank pixel: the alt text says what it is). */
  fallback?: Buffer;
}

/** A transparent 1×1 PNG. */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const DEFAULT_SIZE = { width: 300, height: 200 };

/** The image of a data: URI, or undefined when Word cannot show it (WebP) or it is not one. */
export function imageFromDataUri(uri: string): InlineImage | undefined {
  const match = /^data:image\/(png|jpeg|gif|svg\+xml)(;base64)?,(.*)$/is.exec(uri.trim());
  if (!match) return undefined;
  const data = match[2] ? Buffer.from(match[3]!, 'base64') : Buffer.from(decodeURIComponent(match[3]!), 'utf8');
  const kind = match[1]!.toLowerCase();
  if (kind === 'svg+xml') return { type: 'svg', data, fallback: BLANK_PNG, ...svgSize(data.toString('utf8')) };
  const type = kind === 'jpeg' ? 'jpg' : (kind as 'png' | 'gif');
  const size = type === 'png' ? pngSize(data) : type === 'gif' ? gifSize(data) : jpegSize(data);
  return { type, data, ...(size ?? DEFAULT_SIZE) };
}

function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24) return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function gifSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 10) return undefined;
  return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
}

/** The first start-of-frame marker holds the size. */
function jpegSize(data: Buffer): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1]!;
    const length = data.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

function svgSize(text: string): { width: number; height: number } {
  const head = /<svg[^>]*>/i.exec(text)?.[0] ?? '';
  const number = (name: string) => Number(new RegExp(`\\s${name}="\\s*([\\d.]+)(px)?\\s*"`, 'i').exec(head)?.[1]);
  const width = number('width');
  const height = number('height');
  if (width > 0 && height > 0) return { width, height };
  const box = /viewBox="\s*[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/i.exec(head);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : DEFAULT_SIZE;
}
