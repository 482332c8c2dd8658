// Guards for rules the code base keeps: one IPC module, no global Tauri object, and every
// message key used in the source exists in the catalogues.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import { ROSTER_RULES } from './messages';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return files(full);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
	});
}

const sources = files(srcDir).map((file) => ({
	file: path.relative(srcDir, file),
	text: readFileSync(file, 'utf8')
}));

type Tree = { [key: string]: string | Tree };
function has(key: string): boolean {
	let node: string | Tree = en as Tree;
	for (const part of key.split('.')) {
		if (typeof node === 'string' || !(part in node)) return false;
		node = node[part];
	}
	return typeof node === 'string';
}

describe('architecture', () => {
	it('imports @tauri-apps/api only in src/lib/api.ts', () => {
		const offenders = sources
			.filter((s) => s.text.includes('@tauri-apps/api') && s.file !== path.join('lib', 'api.ts'))
			.map((s) => s.file);
		expect(offenders).toEqual([]);
	});

	it('never uses the global Tauri object', () => {
		expect(sources.filter((s) => s.text.includes('__TAURI__')).map((s) => s.file)).toEqual([]);
	});

	it('uses only message keys that exist', () => {
		const missing: string[] = [];
		for (const { file, text } of sources) {
			for (const m of text.matchAll(/\$_\(\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) {
				if (!has(m[1])) missing.push(`${file}: ${m[1]}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('has catalogue entries for the keys built at run time', () => {
		const dynamic = [
			...['volunteers', 'units', 'rosters', 'assets', 'mobilisation', 'reports'].map((a) => `nav.${a}`),
			...['volunteers', 'members', 'readiness', 'rosters', 'callouts', 'assets', 'audit'].flatMap((r) => [
				`reports.${r}.title`,
				`reports.${r}.where`
			]),
			...['users', 'districts', 'audit', 'settings'].map((p) => `nav.admin_${p}`),
			...['national_admin', 'regional_admin', 'district_operator', 'viewer'].map((r) => `roles.${r}`),
			...['kk', 'ru', 'en'].map((l) => `lang.${l}`),
			...['list', 'duplicates', 'rules', 'import'].map((p) => `nav.volunteers_${p}`),
			...['create', 'update', 'unchanged', 'refused'].map((o) => `vimport.outcome.${o}`),
			...['structure', 'readiness', 'transfer'].map((p) => `nav.units_${p}`),
			...['assign', 'transfer', 'end'].flatMap((m) => [`units.member.submit_${m}`, `units.member.done_${m}`]),
			...['russia', 'uzbekistan', 'china', 'kyrgyzstan', 'turkmenistan', 'interior'].map((d) => `units.direction.${d}`),
			...['cadre', 'forming', 'ready', 'deployed', 'disbanded'].map((s) => `units.status.${s}`),
			...['ok', 'missing', 'expired', 'expiring'].map((q) => `units.qualification.${q}`),
			...['applicant', 'eligible', 'ineligible', 'enrolled', 'discharged'].map((s) => `status.${s}`),
			...['eligible', 'ineligible'].map((s) => `eligibility.${s}`),
			...['male', 'female'].map((s) => `sex.${s}`),
			...['a', 'b', 'v', 'g', 'd'].map((h) => `health.${h}`),
			...['none', 'conscript', 'contract', 'officer', 'reserve'].map((m) => `military.${m}`),
			...['create', 'update', 'enrol', 'discharge', 'reevaluate'].map((a) => `history.volunteer_${a}`),
			...['three_eights', 'two_twelves', 'day_on_three_off', 'custom'].map((k) => `rosters.pattern_kind.${k}`),
			...ROSTER_RULES.map((r) => `rosters.rule.${r}`),
			...['no_eligible_guard', 'no_skill', 'all_unavailable', 'already_on_slot', 'overlap', 'rest', 'weekly_hours', 'consecutive_nights', 'not_reached'].map((g) => `rosters.gap.${g}`),
			...['region_id', 'effective_date', 'min_rest_hours', 'max_hours_7d', 'max_consecutive_nights'].map((f) => `rosters.limits.field.${f}`)
		];
		expect(dynamic.filter((k) => !has(k))).toEqual([]);
	});
});
