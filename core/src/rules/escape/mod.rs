pub mod address_escapes;
mod heap_sink;
mod value_shape;
