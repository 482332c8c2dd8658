// Tauri serves the built files; there is no server, so SvelteKit runs as an SPA.
export const ssr = false;
export const prerender = false;
