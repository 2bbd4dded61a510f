pub mod deref_after_nil_check;
pub mod nil_map_write;
