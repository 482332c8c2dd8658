// What the requisition form hands to the asset page it opens (a "recorded" note).
export const assetHandover = $state<{ created: string | null }>({ created: null });
