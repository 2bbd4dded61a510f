//! faultline for JavaScript (to be written).
