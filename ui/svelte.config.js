// Tauri has no Node server, so SvelteKit runs as a single-page app:
// adapter-static with an index.html fallback, no SSR, no prerendering.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: 'index.html',
			strict: true
		})
	}
};

export default config;
