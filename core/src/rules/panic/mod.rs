pub mod ineffective_recover;
mod recover_helpers;
