// Reference data that rarely changes: the 20 regions, and districts by region.
import { api } from './api';
import type { District, Region } from './bindings';

class RefData {
	regions = $state<Region[]>([]);
	private pending: Promise<Region[]> | null = null;

	/** Loads the regions once; later calls reuse them. */
	loadRegions(): Promise<Region[]> {
		if (this.regions.length > 0) return Promise.resolve(this.regions);
		this.pending ??= api
			.listRegions()
			.then((r) => {
				this.regions = r;
				return r;
			})
			.finally(() => {
				this.pending = null;
			});
		return this.pending;
	}

	region(id: string | null | undefined): Region | undefined {
		return id ? this.regions.find((r) => r.id === id) : undefined;
	}
}

export const refdata = new RefData();

/** Index districts by id. */
export function districtIndex(districts: District[]): Map<string, District> {
	return new Map(districts.map((d) => [d.id, d]));
}
