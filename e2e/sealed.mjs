// Seals a file with WebCrypto (Node's crypto.subtle, OpenSSL underneath), the way the browser
// does, independently of the app's Rust code: for the e2e tests of sealed files and for the native
// interop fixture (crates/core/tests/fixtures/seal-webcrypto.mjs). The format is docs/sealed.md.
const b64 = (bytes) => Buffer.from(bytes).toString("base64");

/// The text of a tusoi-sealed file of `plaintext` (bytes or text) under `passphrase`, with a random
/// salt and IV unless given.
export async function seal(plaintext, passphrase, {
  salt = crypto.getRandomValues(new Uint8Array(16)),
  iv = crypto.getRandomValues(new Uint8Array(12)),
  sealedAt = new Date().toISOString(),
  iterations = 600000,
} = {}) {
  const header = {
    format: "tusoi-sealed", schema_version: 1, app_version: "0.1.0", sealed_at: sealedAt,
    content: "tusoi-export", kdf: { name: "PBKDF2-SHA256", iterations, salt: b64(salt) },
    cipher: { name: "AES-256-GCM", iv: b64(iv) },
  };
  const aad = [header.format, String(header.schema_version), header.app_version, header.sealed_at, header.content,
    header.kdf.name, String(header.kdf.iterations), header.kdf.salt, header.cipher.name, header.cipher.iv].join("\n");
  const encoder = new TextEncoder();
  const data = typeof plaintext === "string" ? encoder.encode(plaintext) : plaintext;
  const base = await crypto.subtle.importKey("raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base,
    { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad), tagLength: 128 }, key, data);
  return JSON.stringify({ ...header, ciphertext: b64(new Uint8Array(ct)) }, null, 2) + "\n";
}

/// The plaintext (text) of a tusoi-sealed file under `passphrase`, opened the same independent
/// way; throws when the passphrase is wrong or a byte was changed.
export async function open(text, passphrase) {
  const file = JSON.parse(text);
  const aad = [file.format, String(file.schema_version), file.app_version, file.sealed_at, file.content,
    file.kdf.name, String(file.kdf.iterations), file.kdf.salt, file.cipher.name, file.cipher.iv].join("\n");
  const encoder = new TextEncoder();
  const bytes = (s) => new Uint8Array(Buffer.from(s, "base64"));
  const base = await crypto.subtle.importKey("raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: bytes(file.kdf.salt), iterations: file.kdf.iterations },
    base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(file.cipher.iv), additionalData: encoder.encode(aad), tagLength: 128 },
    key, bytes(file.ciphertext));
  return new TextDecoder().decode(plain);
}
