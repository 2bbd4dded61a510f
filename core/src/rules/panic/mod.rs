pub mod ineffective_recover;
