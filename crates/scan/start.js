// The chi bộ workspace's QR scanner (crates/scan, bound by `cargo xtask dist` into chibo/qr/).
// The workspace adds this script when the secretary first taps "Quét mã QR"; it opens the
// scanner in the workspace's slot (#scan-slot) now, and again each time the workspace sends
// "tusoi-scan". The slot carries the workspace's callbacks (src/platform/scanner.rs),
// tusoiOnFile(file) and tusoiOnFailed(), and holds the open scanner as tusoiScanner; "Đóng máy
// ảnh" empties it.
import init, { open } from "./tusoi_scan.js";

const ready = init();

function start() {
  const slot = document.getElementById("scan-slot");
  if (!slot || slot.tusoiScanner) return;
  ready.then(
    () => {
      if (!slot.isConnected || slot.tusoiScanner) return;
      slot.tusoiScanner = open(slot, slot.tusoiOnFile, () => {
        // The camera is off: the panel goes, and the scanner's side of the object after it.
        const scanner = slot.tusoiScanner;
        slot.tusoiScanner = undefined;
        slot.replaceChildren();
        setTimeout(() => scanner?.free());
      });
    },
    () => slot.tusoiOnFailed?.()
  );
}

document.addEventListener("tusoi-scan", start);
start();
