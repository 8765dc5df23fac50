// The loop of QR codes the member's phone shows ("Hiện mã QR"), read apart from the app: every
// frame as the page draws it (an SVG path of dark runs), decoded by jsQR, joined and inflated;
// and the loop recorded as a camera would film it, into a Y4M video Chromium plays as its camera
// (`--use-file-for-fake-video-capture`), for the workspace's scanner.
import assert from "node:assert/strict";
import { openSync, writeSync, closeSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import jsQR from "jsqr";

/** Base45 (RFC 9285) back to bytes, written here apart from the app's own. */
export function base45(text) {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const group = [...text.slice(i, i + 3)].map((c) => alphabet.indexOf(c));
    assert.ok(group.every((v) => v >= 0), `not Base45: ${text.slice(i, i + 3)}`);
    const n = group.reduce((sum, v, k) => sum + v * 45 ** k, 0);
    if (group.length === 3) out.push(n >> 8, n & 255);
    else out.push(n);
  }
  return Buffer.from(out);
}

/** The text of a QR code as the page draws it (an SVG path of dark runs, a viewBox with the
 * quiet zone), read by jsQR from the pixels, 4 a module. */
export function readDrawn(d, side) {
  const scale = 4;
  const px = side * scale;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let dy = 0; dy < scale; dy++) {
      const row = ((Number(y) + 4) * scale + dy) * px;
      const from = (row + (Number(x) + 4) * scale) * 4;
      for (let k = from; k < from + Number(run) * scale * 4; k += 4) data.fill(0, k, k + 3);
    }
  }
  const code = jsQR(data, px, px);
  assert.ok(code, "a frame jsQR cannot read");
  return code.data;
}

/** Every frame of the loop on `page` (it turns at 5 a second), read, in the loop's order. */
export async function readLoop(page) {
  const seen = new Map();
  let total = Infinity;
  let side = 0;
  for (let tries = 0; seen.size < total && tries < 1000; tries++) {
    const frame = await page.$eval("#qr-code", (svg) => ({ n: Number(svg.dataset.frame), of: Number(svg.dataset.frames), d: svg.querySelector("path").getAttribute("d"), side: Number(svg.getAttribute("viewBox").split(" ")[2]) }));
    total = frame.of;
    side = Math.max(side, frame.side);
    if (!seen.has(frame.n)) seen.set(frame.n, { text: readDrawn(frame.d, frame.side), d: frame.d, side: frame.side });
    await page.waitForTimeout(40);
  }
  assert.equal(seen.size, total, "every frame of the loop was shown");
  const inOrder = [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
  return { texts: inOrder.map((f) => f.text), drawn: inOrder.map(({ d, side }) => ({ d, side })), side };
}

/** The file the frames carry: `TS1:transfer:n:of:check:piece`, the pieces in order, inflated. */
export function fileOf(texts) {
  const pieces = texts.map((text, k) => {
    const fields = text.split(":");
    assert.equal(fields[0], "TS1");
    assert.deepEqual([Number(fields[2]), Number(fields[3])], [k + 1, texts.length]);
    return base45(fields.slice(5).join(":"));
  });
  return inflateRawSync(Buffer.concat(pieces)).toString("utf8");
}


/** The editor's document on `page` shown as QR codes, and every frame of the loop read: sealed
 * under `passphrase` ("Xuất có mật khẩu" → "Hiện mã QR") when one is given, else "Hiện mã QR". */
export async function shownLoop(page, passphrase) {
  if (passphrase) {
    await page.click("#export-sealed");
    await page.fill("#seal-passphrase", passphrase);
    await page.fill("#seal-passphrase-again", passphrase);
    await page.click("#seal-make");
    await page.waitForSelector("#seal-ready");
    await page.click("#seal-qr");
  } else {
    await page.click("#show-qr");
  }
  await page.waitForSelector("#qr-code");
  return readLoop(page);
}

/** The dark modules of a drawn frame, a side × side grid with the quiet zone (1 = dark). */
function modules(d, side) {
  const grid = new Uint8Array(side * side);
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    const row = (Number(y) + 4) * side;
    grid.fill(1, row + Number(x) + 4, row + Number(x) + 4 + Number(run));
  }
  return grid;
}

/**
 * Writes `frames` (each `{d, side}` as drawn, in the order shown) as a Y4M video of a phone's
 * screen filmed at arm's length: 640×480 grey, the screen's white a little grey and off centre in
 * a darker room, each QR frame held `hold` video frames at `fps` (2 at 10 a second: the loop's
 * 5 a second). Chromium plays the file as its camera, over and over.
 */
export function writeLoopVideo(path, frames, { hold = 2, fps = 10, scale = 5 } = {}) {
  const [width, height] = [640, 480];
  const fd = openSync(path, "w");
  writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  for (const { d, side } of frames) {
    const grid = modules(d, side);
    const luma = Buffer.alloc(width * height);
    const [left, top] = [Math.floor((width - side * scale) / 2) + 23, Math.max(0, Math.floor((height - side * scale) / 2) - 11)];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [mx, my] = [Math.floor((x - left) / scale), Math.floor((y - top) / scale)];
        const onScreen = x >= left && y >= top && mx < side && my < side;
        luma[y * width + x] = onScreen ? (grid[my * side + mx] ? 38 : 212) : 70 + ((x >> 4) + (y >> 4)) % 3 * 9;
      }
    }
    for (let k = 0; k < hold; k++) {
      writeSync(fd, "FRAME\n");
      writeSync(fd, luma);
      writeSync(fd, chroma);
    }
  }
  closeSync(fd);
}
