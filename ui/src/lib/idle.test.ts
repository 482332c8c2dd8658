import { describe, expect, it } from 'vitest';
import { IdleWatch } from './idle';

function setup(timeoutMinutes = 15) {
	let now = 1_000_000;
	const events: string[] = [];
	const watch = new IdleWatch({
		timeoutMs: () => timeoutMinutes * 60_000,
		onIdle: () => events.push(`idle@${now}`),
		onTouch: () => events.push(`touch@${now}`),
		now: () => now
	});
	return {
		watch,
		events,
		advance(ms: number) {
			now += ms;
		}
	};
}

describe('IdleWatch', () => {
	it('fires once after the timeout without activity', () => {
		const t = setup(15);
		t.advance(15 * 60_000 - 1);
		t.watch.check();
		expect(t.events).toEqual([]);
		t.advance(1);
		t.watch.check();
		t.watch.check();
		expect(t.events).toEqual([`idle@${1_000_000 + 15 * 60_000}`]);
	});

	it('activity postpones the timeout', () => {
		const t = setup(1);
		t.advance(50_000);
		t.watch.activity();
		t.advance(50_000);
		t.watch.check();
		expect(t.events.filter((e) => e.startsWith('idle'))).toEqual([]);
		t.advance(10_000);
		t.watch.check();
		expect(t.events.filter((e) => e.startsWith('idle'))).toHaveLength(1);
	});

	it('touches the backend at most once a minute while active', () => {
		const t = setup(15);
		for (let i = 0; i < 180; i++) {
			t.advance(1_000);
			t.watch.activity();
		}
		// 180 s of constant activity: touches at 60 s, 120 s and 180 s.
		expect(t.events.filter((e) => e.startsWith('touch'))).toHaveLength(3);
	});

	it('does not touch without activity', () => {
		const t = setup(15);
		t.advance(10 * 60_000);
		t.watch.check();
		expect(t.events).toEqual([]);
	});
});
