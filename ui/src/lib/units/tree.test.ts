import { describe, expect, it } from 'vitest';
import { buildTree, pathOf, selfAndDescendants, treesByRegion, visibleRows, type TreeUnit } from './tree';

const cmp = (a: string, b: string) => a.localeCompare(b);
const u = (id: string, parent_id: string | null, name = id, region_id = 'KZ-11'): TreeUnit => ({ id, parent_id, name, region_id });

describe('unit tree', () => {
	const units = [u('c2', 'b', 'Company 2'), u('b', null, 'Brigade'), u('c1', 'b', 'Company 1'), u('p', 'c1', 'Platoon')];

	it('nests children under their parent, sorted by name', () => {
		const [root, ...rest] = buildTree(units, cmp);
		expect(rest, 'one brigade is the only root').toEqual([]);
		expect(root.unit.id).toBe('b');
		expect(root.children.map((c) => c.unit.id), 'companies sorted by name').toEqual(['c1', 'c2']);
		expect(root.children[0].children[0].depth, 'a platoon sits two levels down').toBe(2);
	});

	it('makes a unit whose parent is out of sight a root instead of hiding it', () => {
		const roots = buildTree([u('c1', 'hidden-brigade'), u('p', 'c1')], cmp);
		expect(roots.map((r) => r.unit.id)).toEqual(['c1']);
		expect(roots[0].children.map((c) => c.unit.id)).toEqual(['p']);
	});

	it('shows units caught in a cycle once each rather than looping', () => {
		const roots = buildTree([u('a', 'b'), u('b', 'a')], cmp);
		const ids = visibleRows(roots, new Set(['a', 'b'])).map((n) => n.unit.id);
		expect(ids.sort(), 'each unit of the cycle is shown exactly once').toEqual(['a', 'b']);
	});

	it('lists only the expanded branches', () => {
		const roots = buildTree(units, cmp);
		expect(visibleRows(roots, new Set()).map((n) => n.unit.id), 'collapsed: the brigade alone').toEqual(['b']);
		expect(visibleRows(roots, new Set(['b'])).map((n) => n.unit.id)).toEqual(['b', 'c1', 'c2']);
		expect(visibleRows(roots, new Set(['b', 'c1'])).map((n) => n.unit.id)).toEqual(['b', 'c1', 'p', 'c2']);
	});

	it('groups by region in the given order', () => {
		const groups = treesByRegion([u('x', null, 'X', 'KZ-75'), u('y', null, 'Y', 'KZ-11')], ['KZ-11', 'KZ-75'], cmp);
		expect(groups.map((g) => g.regionId)).toEqual(['KZ-11', 'KZ-75']);
	});

	it('knows which units may not become a parent', () => {
		expect([...selfAndDescendants(units, 'b')].sort(), 'a brigade cannot go under its own platoon').toEqual(['b', 'c1', 'c2', 'p']);
		expect([...selfAndDescendants(units, 'c2')]).toEqual(['c2']);
	});

	it('names the path from the top', () => {
		expect(pathOf(units, 'p')).toEqual(['Brigade', 'Company 1', 'Platoon']);
	});
});
