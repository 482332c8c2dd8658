// The unit structure as the screens show it: units arrive as a flat, scoped list (each with its
// parent's id) and are shown as one tree per region. A unit whose parent the user cannot see
// (another region's brigade, or a unit outside a district operator's scope) becomes a root of
// its own region rather than disappearing. Kept free of Svelte so it can be unit-tested.

export type TreeUnit = { id: string; parent_id: string | null; region_id: string; name: string };

export type TreeNode<U extends TreeUnit> = { unit: U; children: TreeNode<U>[]; depth: number };

/** The forest of one list of units, roots and children sorted by name in the given collation. */
export function buildTree<U extends TreeUnit>(units: readonly U[], compare: (a: string, b: string) => number): TreeNode<U>[] {
	const byId = new Map(units.map((u) => [u.id, u]));
	const children = new Map<string, U[]>();
	const roots: U[] = [];
	for (const u of units) {
		// A parent out of sight, or a broken self-reference, makes the unit a root.
		if (u.parent_id && u.parent_id !== u.id && byId.has(u.parent_id)) {
			const list = children.get(u.parent_id) ?? [];
			list.push(u);
			children.set(u.parent_id, list);
		} else roots.push(u);
	}
	const sort = (list: U[]) => [...list].sort((a, b) => compare(a.name, b.name));
	// Guards against a cycle in the data (the core refuses one, but a bad row must not hang the UI).
	const seen = new Set<string>();
	const grow = (u: U, depth: number): TreeNode<U> => {
		seen.add(u.id);
		const kids = sort(children.get(u.id) ?? []).filter((c) => !seen.has(c.id));
		return { unit: u, depth, children: kids.map((c) => grow(c, depth + 1)) };
	};
	const forest = sort(roots).map((u) => grow(u, 0));
	// Units caught in a cycle have no root: show them as roots so nothing is hidden.
	for (const u of sort(units.filter((x) => !seen.has(x.id)))) if (!seen.has(u.id)) forest.push(grow(u, 0));
	return forest;
}

/** The forest split by region, in the order of `regionOrder` (regions without units left out). */
export function treesByRegion<U extends TreeUnit>(
	units: readonly U[],
	regionOrder: readonly string[],
	compare: (a: string, b: string) => number
): { regionId: string; roots: TreeNode<U>[] }[] {
	const groups = new Map<string, U[]>();
	for (const u of units) {
		const list = groups.get(u.region_id) ?? [];
		list.push(u);
		groups.set(u.region_id, list);
	}
	const order = [...regionOrder, ...[...groups.keys()].filter((r) => !regionOrder.includes(r))];
	return order.filter((r) => groups.has(r)).map((r) => ({ regionId: r, roots: buildTree(groups.get(r) ?? [], compare) }));
}

/** The rows to show: a node, then its children while it is expanded. */
export function visibleRows<U extends TreeUnit>(roots: readonly TreeNode<U>[], expanded: ReadonlySet<string>): TreeNode<U>[] {
	const out: TreeNode<U>[] = [];
	const walk = (n: TreeNode<U>) => {
		out.push(n);
		if (expanded.has(n.unit.id)) n.children.forEach(walk);
	};
	roots.forEach(walk);
	return out;
}

/** The ids of a unit and every unit under it: none of them may become its parent. */
export function selfAndDescendants(units: readonly TreeUnit[], id: string): Set<string> {
	const children = new Map<string, string[]>();
	for (const u of units) {
		if (!u.parent_id) continue;
		const list = children.get(u.parent_id) ?? [];
		list.push(u.id);
		children.set(u.parent_id, list);
	}
	const out = new Set<string>([id]);
	const stack = [id];
	while (stack.length > 0) {
		const next = stack.pop() as string;
		for (const c of children.get(next) ?? []) {
			if (!out.has(c)) {
				out.add(c);
				stack.push(c);
			}
		}
	}
	return out;
}

/** Names from the top of the tree down to the unit ("1st Brigade › 2nd Company"). */
export function pathOf(units: readonly TreeUnit[], id: string): string[] {
	const byId = new Map(units.map((u) => [u.id, u]));
	const out: string[] = [];
	const seen = new Set<string>();
	let at = byId.get(id);
	while (at && !seen.has(at.id)) {
		seen.add(at.id);
		out.unshift(at.name);
		at = at.parent_id ? byId.get(at.parent_id) : undefined;
	}
	return out;
}
