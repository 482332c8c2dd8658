// Districts of one region, loaded as the region changes (filters and forms).
import { api } from '$lib/api';
import type { District } from '$lib/bindings';

export class RegionDistricts {
	districts = $state<District[]>([]);
	private region = '';

	/** Loads the districts of `region` (or clears them); later answers for other regions are ignored. */
	load(region: string): void {
		this.region = region;
		if (!region) {
			this.districts = [];
			return;
		}
		api
			.listDistricts({ region_id: region, include_retired: true })
			.then((d) => {
				if (this.region === region) this.districts = d;
			})
			.catch(() => undefined);
	}
}

/** All districts seen so far, by id (to name a row's district in a list). */
export class DistrictNames {
	byId = $state<Record<string, District>>({});
	private asked = new Set<string>();

	ensure(regionIds: Iterable<string>): void {
		for (const region of regionIds) {
			if (!region || this.asked.has(region)) continue;
			this.asked.add(region);
			api
				.listDistricts({ region_id: region, include_retired: true })
				.then((list) => {
					const next = { ...this.byId };
					for (const d of list) next[d.id] = d;
					this.byId = next;
				})
				.catch(() => this.asked.delete(region));
		}
	}
}
