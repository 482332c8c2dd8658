// End-to-end tests against the real desktop app, driven through tauri-driver (which wraps
// WebKitWebDriver on Linux). The app must already be built (the Makefile does that first):
//   JASAQ_APP=/path/to/jasaq-desktop npm run e2e     (default: $CARGO_TARGET_DIR/debug/jasaq-desktop)
// Each spec file gets its own app session and a fresh database in a new temp dir, passed to
// the app as JASAQ_DB (tauri-driver is restarted per session, so the app inherits it): every
// spec starts at first-run setup and does not depend on the order the specs run in.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SevereServiceError } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR
	? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
	: path.join(repoRoot, 'target');
const application = process.env.JASAQ_APP
	? path.resolve(process.env.JASAQ_APP)
	: path.join(targetDir, 'debug', 'jasaq-desktop');
const tauriDriverBin =
	process.env.TAURI_DRIVER ?? path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver');
// Ports are configurable so two checkouts can run their suites side by side.
const DRIVER_PORT = Number(process.env.JASAQ_E2E_PORT ?? 4444);
const NATIVE_PORT = Number(process.env.JASAQ_E2E_NATIVE_PORT ?? DRIVER_PORT + 1);

let tauriDriver: ChildProcess | undefined;
let tmpDir: string | undefined;

/** Resolves once something accepts connections on the port (or rejects after `ms`). */
export function waitForPort(port: number, ms = 15_000): Promise<void> {
	const deadline = Date.now() + ms;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			const socket = net.connect({ host: '127.0.0.1', port });
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port}`));
				else setTimeout(attempt, 200);
			});
		};
		attempt();
	});
}

/** Stops tauri-driver (and with it the app) and waits until it has exited. */
async function stopDriver(): Promise<void> {
	const driver = tauriDriver;
	tauriDriver = undefined;
	if (!driver || driver.exitCode !== null || driver.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => driver.once('exit', () => resolve()));
	driver.kill();
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

function removeTmp() {
	if (tmpDir && process.env.JASAQ_E2E_KEEP_DB !== '1') rmSync(tmpDir, { recursive: true, force: true });
	tmpDir = undefined;
}

export const config: WebdriverIO.Config = {
	runner: 'local',
	specs: ['./specs/**/*.e2e.ts'],
	maxInstances: 1,
	hostname: '127.0.0.1',
	port: DRIVER_PORT,
	capabilities: [
		{
			maxInstances: 1,
			'tauri:options': { application },
			// WebKitWebDriver has no WebDriver BiDi: stay on classic WebDriver.
			'wdio:enforceWebDriverClassic': true
		} as WebdriverIO.Capabilities
	],
	logLevel: 'warn',
	bail: 0,
	waitforTimeout: 20_000,
	connectionRetryTimeout: 120_000,
	connectionRetryCount: 1,
	framework: 'mocha',
	reporters: ['spec'],
	mochaOpts: { ui: 'bdd', timeout: 120_000 },

	onPrepare() {
		if (!existsSync(application)) {
			throw new SevereServiceError(
				`Jasaq binary not found at ${application}. Build it first, or set JASAQ_APP / CARGO_TARGET_DIR.`
			);
		}
		if (!existsSync(tauriDriverBin)) {
			throw new SevereServiceError(`tauri-driver not found at ${tauriDriverBin} (cargo install tauri-driver --locked).`);
		}
		console.log(`jasaq e2e: app ${application}`);
	},

	async beforeSession(_config, _capabilities, specs) {
		// A fresh database for this spec file. Set before tauri-driver starts: the app inherits it.
		tmpDir = mkdtempSync(path.join(os.tmpdir(), 'jasaq-e2e-'));
		const db = path.join(tmpDir, 'jasaq.db');
		// Also visible to the spec, which may prepare data with the `jasaq` CLI.
		process.env.JASAQ_DB = db;
		// Documents the app saves go here without a native dialog (the spec checks the files).
		const saveDir = path.join(tmpDir, 'saved');
		mkdirSync(saveDir);
		process.env.JASAQ_SAVE_DIR = saveDir;
		// Files the app opens: the newest file here, without a native Open dialog.
		const openDir = path.join(tmpDir, 'open');
		mkdirSync(openDir);
		process.env.JASAQ_OPEN_DIR = openDir;
		console.log(`jasaq e2e: ${specs.map((s) => path.basename(s)).join(', ')} → database ${db}`);
		tauriDriver = spawn(tauriDriverBin, ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_PORT)], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: process.env
		});
		tauriDriver.once('error', (e) => console.error(`tauri-driver failed to start: ${e.message}`));
		await waitForPort(DRIVER_PORT);
	},

	/** A failed step leaves a screenshot and what the page showed, for the log reader. */
	async afterTest(test, _context, { passed }) {
		if (passed) return;
		const dir = path.join(os.tmpdir(), 'jasaq-e2e-failures');
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${Date.now()}-${test.title.replace(/[^\w]+/g, '-').slice(0, 60)}.png`);
		try {
			await browser.saveScreenshot(file);
			const where = await browser.execute(() => `${location.href} :: ${document.body.innerText.slice(0, 600)}`);
			console.log(`jasaq e2e: failure screenshot ${file}\n${where}`);
		} catch (e) {
			console.log(`jasaq e2e: no failure screenshot (${e instanceof Error ? e.message : e})`);
		}
	},

	async afterSession() {
		await stopDriver();
		removeTmp();
	},

	async onComplete() {
		await stopDriver();
	}
};

process.once('exit', () => {
	if (tauriDriver && tauriDriver.exitCode === null) tauriDriver.kill();
});
