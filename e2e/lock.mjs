// The lock at rest ("Khoá bằng mật khẩu") as the journeys drive it: the database read raw, the
// lock turned on from the settings, the lock screen answered. Shared by e2e/lock.test.mjs and the
// crash tests of e2e/durability.test.mjs.
import { BASE_URL } from "./helpers.mjs";

export const SETTINGS = new URL("soan/#/cai-dat", BASE_URL).href;

/** Every record of one of the app's databases (the member's, unless named) as the browser keeps
 * it, by object store: `{documents: [...], summaries: [...], ...}`. */
export async function rawRecords(page, name = "tusoi") {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out = {};
          for (const store of names) {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => (out[store] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    name,
  );
}

/** The same records as text, one object store a line, to search for what must not be there. */
export async function rawDatabase(page, name = "tusoi") {
  return Object.values(await rawRecords(page, name)).map((records) => JSON.stringify(records)).join("\n");
}

/** Fills the passphrase twice and asks for the recovery code; gives the code shown. */
export async function askForRecoveryCode(page, passphrase) {
  await page.fill("#lock-passphrase", passphrase);
  await page.fill("#lock-passphrase-again", passphrase);
  await page.click("#lock-turn-on");
  await page.waitForSelector("#lock-code");
  return (await page.textContent("#lock-code")).trim();
}

/** Confirms the code's last group and turns the lock on (without waiting for the end). */
export async function confirmAndTurnOn(page, code) {
  await page.fill("#lock-code-confirm", code.split("-").pop().toLowerCase());
  await page.click("#lock-turn-on");
}

/** Turns the lock on from the settings, and waits until it is on; gives the recovery code. */
export async function turnLockOn(page, passphrase) {
  await page.goto(SETTINGS);
  await page.waitForSelector("#lock-card");
  const code = await askForRecoveryCode(page, passphrase);
  await confirmAndTurnOn(page, code);
  await page.waitForSelector("#lock-status");
  return code;
}

/** Types the passphrase into the lock screen. */
export async function unlock(page, passphrase) {
  await page.fill("#unlock-passphrase", passphrase);
  await page.click("#unlock-submit");
}
