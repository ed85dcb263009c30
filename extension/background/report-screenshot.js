// A screenshot of the visible tab cropped to the reported post, as a bounded PNG data URL.
// Where the browser refuses the capture (no activeTab grant or host permission, a hidden tab,
// a rate limit), the report simply has no screenshot: it is evidence, not a precondition.

const MAX_WIDTH = 1000; // device pixels kept at most; wider crops are scaled down
const MAX_DATA_URL_CHARS = 1_500_000; // ~1.1 MB of PNG; larger is scaled down, then dropped

function toBase64(bytes) {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  }
  return btoa(bin);
}

async function pngDataUrl(canvas) {
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return 'data:image/png;base64,' + toBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** The crop rectangle in captured-image pixels, clamped to the image; null when empty. */
export function cropBox(rect, viewportWidth, image) {
  if (!rect || !image?.width || !image?.height) return null;
  const scale = viewportWidth > 0 ? image.width / viewportWidth : 1;
  const num = (v) => (Number.isFinite(Number(v)) ? Number(v) : 0);
  const x0 = Math.max(0, Math.floor(num(rect.x ?? rect.left) * scale));
  const y0 = Math.max(0, Math.floor(num(rect.y ?? rect.top) * scale));
  const x1 = Math.min(image.width, Math.ceil((num(rect.x ?? rect.left) + num(rect.width)) * scale));
  const y1 = Math.min(image.height, Math.ceil((num(rect.y ?? rect.top) + num(rect.height)) * scale));
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Boxes to paint over in the output image: `maskRects` (CSS pixels relative to the viewport,
 * e.g. where a victim's CNIC is shown) mapped into the crop `box` scaled by `outScale`.
 * Boxes outside the crop are dropped; a box is never larger than the output.
 */
export function maskBoxes(maskRects, viewportWidth, image, box, outScale) {
  if (!Array.isArray(maskRects) || !box) return [];
  const out = [];
  for (const r of maskRects.slice(0, 200)) {
    const b = cropBox(r, viewportWidth, image);
    if (!b) continue;
    const x0 = Math.max(b.x, box.x);
    const y0 = Math.max(b.y, box.y);
    const x1 = Math.min(b.x + b.width, box.x + box.width);
    const y1 = Math.min(b.y + b.height, box.y + box.height);
    if (x1 <= x0 || y1 <= y0) continue;
    // Rounded outward: a mask that falls short by a pixel could leave a digit readable.
    const ox = Math.floor((x0 - box.x) * outScale);
    const oy = Math.floor((y0 - box.y) * outScale);
    out.push({ x: ox, y: oy, width: Math.ceil((x1 - box.x) * outScale) - ox, height: Math.ceil((y1 - box.y) * outScale) - oy });
  }
  return out;
}

/**
 * Capture the visible part of `tab` and crop it to `rect` (CSS pixels relative to the viewport),
 * painting over `maskRects` (same coordinates) where the page shows victims' data.
 * Resolves to a PNG data URL, or null (with the reason logged) when not possible.
 */
export async function captureCropped(tab, rect, maskRects = []) {
  if (!tab || typeof chrome === 'undefined' || !chrome.tabs?.captureVisibleTab) return null;
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') return null;
  try {
    const shot = await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    const bitmap = await createImageBitmap(await (await fetch(shot)).blob());
    // The capture has device pixels; tab.width is the viewport in CSS pixels.
    const box = cropBox(rect, tab.width || bitmap.width, bitmap) ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    let scale = Math.min(1, MAX_WIDTH / box.width);
    for (let attempt = 0; attempt < 3; attempt++) {
      const w = Math.max(1, Math.round(box.width * scale));
      const h = Math.max(1, Math.round(box.height * scale));
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, w, h);
      ctx.fillStyle = '#000';
      for (const m of maskBoxes(maskRects, tab.width || bitmap.width, bitmap, box, w / box.width)) {
        ctx.fillRect(m.x, m.y, m.width, m.height);
      }
      const url = await pngDataUrl(canvas);
      if (url.length <= MAX_DATA_URL_CHARS) {
        bitmap.close?.();
        return url;
      }
      scale *= 0.6;
    }
    bitmap.close?.();
    return null;
  } catch (e) {
    console.info('nigehban: no screenshot for this report:', e?.message ?? e);
    return null;
  }
}
