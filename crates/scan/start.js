// Loads the chi bộ workspace's QR scanner (crates/scan, bound by `cargo xtask dist` into
// chibo/qr/) and hands the workspace its module, as a promise in `globalThis.tusoiScan`. The
// workspace adds this script only when the secretary opens "Quét mã QR".
import init, * as scan from "./tusoi_scan.js";

globalThis.tusoiScan = init().then(() => scan);
