pub mod address_escapes;
