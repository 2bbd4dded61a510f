pub mod deref_after_nil_check;
mod flow;
pub mod nil_map_write;
mod region;
mod subject;
