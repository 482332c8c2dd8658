//! Places: the 20 regions (fixed reference data, seeded by migration) and their districts
//! (reference data that national and regional administrators maintain).

mod districts;
mod regions;

pub use districts::{
    add_district, check_place, list_districts, rename_district, retire_district, District,
    ListDistrictsInput, NewDistrict, PlaceLookup, RenameDistrict,
};
pub use regions::{list_regions, region_exists, Region, RegionKind};
