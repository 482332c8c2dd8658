import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Set by `tauri dev` when the app runs on a device that must reach the dev server.
const host = process.env.TAURI_DEV_HOST;

export default defineConfig({
	plugins: [sveltekit()],
	// Keep Rust compiler output visible when run under `tauri dev`.
	clearScreen: false,
	server: {
		port: 1420,
		strictPort: true,
		host: host || false,
		hmr: host ? { protocol: 'ws', host, port: 1421 } : undefined
	},
	build: {
		// WebKitGTK on Debian 12 and newer.
		target: 'safari15',
		sourcemap: false
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
