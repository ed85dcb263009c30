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
 * Capture the visible part of `tab` and crop it to `rect` (CSS pixels relative to the viewport).
 * Resolves to a PNG data URL, or null (with the reason logged) when not possible.
 */
export async function captureCropped(tab, rect) {
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
      canvas.getContext('2d').drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, w, h);
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
