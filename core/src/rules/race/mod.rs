mod iteration_end;
mod launch;
pub mod loop_variable_capture;
mod redundant_copy;
