//! faultline language server (to be written).
