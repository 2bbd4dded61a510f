pub mod loop_variable_capture;
