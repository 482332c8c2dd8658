// Idle sign-out: after `timeoutMs` without keyboard or mouse activity, `onIdle` fires once.
// While the user is active, `onTouch` fires at most once per `touchEveryMs`, so the
// backend's own idle timer does not expire while someone is typing.

export type IdleOptions = {
	timeoutMs: () => number;
	onIdle: () => void;
	onTouch: () => void;
	touchEveryMs?: number;
	now?: () => number;
};

export class IdleWatch {
	private lastActivity: number;
	private lastTouch: number;
	private fired = false;
	private readonly touchEveryMs: number;
	private readonly now: () => number;

	constructor(private readonly opts: IdleOptions) {
		this.now = opts.now ?? Date.now;
		this.touchEveryMs = opts.touchEveryMs ?? 60_000;
		this.lastActivity = this.now();
		// Signing in (or loading the session) counts as a touch on the backend.
		this.lastTouch = this.lastActivity;
	}

	/** Record user activity. */
	activity(): void {
		if (this.fired) return;
		const now = this.now();
		this.lastActivity = now;
		if (now - this.lastTouch >= this.touchEveryMs) {
			this.lastTouch = now;
			this.opts.onTouch();
		}
	}

	/** Call periodically; fires `onIdle` once when the timeout has passed. */
	check(): void {
		if (this.fired) return;
		if (this.now() - this.lastActivity >= this.opts.timeoutMs()) {
			this.fired = true;
			this.opts.onIdle();
		}
	}

	get idleFor(): number {
		return this.now() - this.lastActivity;
	}
}

export const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel'] as const;

/** Attaches an IdleWatch to the window. Returns a function that detaches it. */
export function watchIdle(target: Window, opts: IdleOptions, checkEveryMs = 5_000): () => void {
	const watch = new IdleWatch(opts);
	const onActivity = () => watch.activity();
	for (const type of ACTIVITY_EVENTS) {
		target.addEventListener(type, onActivity, { passive: true, capture: true });
	}
	const timer = target.setInterval(() => watch.check(), checkEveryMs);
	// A suspended machine wakes up with the interval late: check as soon as we are visible.
	const onVisible = () => watch.check();
	target.document.addEventListener('visibilitychange', onVisible);
	return () => {
		for (const type of ACTIVITY_EVENTS) {
			target.removeEventListener(type, onActivity, { capture: true });
		}
		target.clearInterval(timer);
		target.document.removeEventListener('visibilitychange', onVisible);
	};
}
