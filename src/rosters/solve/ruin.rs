//! Ruin and recreate: the large neighbourhoods tried after the local search converges, one
//! unit's guards over a few days at a time.

use super::Search;
use crate::rosters::prep::DAY;

impl Search<'_, '_> {
    /// Ruin and recreate: empties the seats of one unit's guards over a few days around a
    /// random slot, refills them greedily (with ejections), and keeps the result unless it is
    /// worse. Ends after `LNS_PATIENCE` rounds without a strict improvement.
    pub(super) fn large_neighbourhoods(&mut self) {
        let slots = self.prep.slots.len() as u64;
        if slots == 0 {
            return;
        }
        let (mut best, _) = self.state.objective(self.instance, &self.prep);
        let mut idle = 0;
        while idle < LNS_PATIENCE {
            if idle % 64 == 0 && self.out_of_time() {
                return;
            }
            self.iterations += 1;
            idle += 1;
            let centre = self.rng.below(slots) as u32;
            let t = self.prep.times[self.prep.slots[centre as usize].shift as usize];
            let span = (1 + self.rng.below(3) as i64) * DAY;
            let unit = match self.prep.slots[centre as usize].candidates.first() {
                Some(g) => self.state.unit_of[*g as usize],
                None => continue,
            };
            let mut removed: Vec<(u32, u32)> = Vec::new();
            for &g in &self.state.members[unit as usize] {
                for w in &self.state.works[g as usize] {
                    if w.start >= t.start - span
                        && w.start < t.start + span
                        && !self.state.pinned.contains(&(w.slot, g))
                    {
                        removed.push((g, w.slot));
                    }
                }
            }
            if removed.is_empty() {
                continue;
            }
            for &(g, slot) in &removed {
                self.state.remove(&self.prep, g, slot);
            }
            let mut open: Vec<u32> = removed.iter().map(|(_, s)| *s).collect();
            open.sort_unstable();
            open.dedup();
            for i in (1..open.len()).rev() {
                open.swap(i, self.rng.below(i as u64 + 1) as usize);
            }
            let mut added: Vec<(u32, u32)> = Vec::new();
            for &slot in &open {
                while self.state.seats[slot as usize].len()
                    < self.prep.slots[slot as usize].need as usize
                {
                    match self.best_for(slot, None) {
                        Some((g, _)) => {
                            self.state.add(&self.prep, g, slot);
                            added.push((g, slot));
                        }
                        None => break,
                    }
                }
            }
            let (after, _) = self.state.objective(self.instance, &self.prep);
            if after < best - 1e-9 {
                best = after;
                idle = 0;
            } else if after > best + 1e-9 {
                for &(g, slot) in &added {
                    self.state.remove(&self.prep, g, slot);
                }
                for &(g, slot) in &removed {
                    self.state.add(&self.prep, g, slot);
                }
            }
        }
    }
}

/// Rounds of ruin and recreate without improvement before the search ends.
const LNS_PATIENCE: u32 = 3000;
