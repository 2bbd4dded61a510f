//! The exported API, run as wasm under Node by wasm-bindgen-test:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test -p faultline-wasm --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use faultline_wasm::{check, explain, rules, version, JsWorkspace};
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn codes(found: &JsValue) -> Vec<String> {
    found.dyn_ref::<Array>().unwrap().iter().map(|d| get(&d, "code").as_string().unwrap()).collect()
}

const SOURCE: &str = "package p\n\n// 日本 😀\nfunc f() {\n\tgo func() { recover() }()\n}\n";

#[wasm_bindgen_test]
fn check_reports_utf16_positions() {
    let found = check(SOURCE.to_string(), None).unwrap();
    assert_eq!(codes(&found), ["PANIC001"]);
    let d = Array::from(&found).get(0);
    let start = get(&d, "start");
    let utf16_start = SOURCE[..SOURCE.find("recover()").unwrap()].encode_utf16().count() as f64;
    assert_eq!(get(&start, "offset").as_f64(), Some(utf16_start));
    assert_eq!(get(&start, "line").as_f64(), Some(5.0));
    assert_eq!(get(&start, "column").as_f64(), Some(14.0));
    assert_eq!(get(&get(&d, "end"), "offset").as_f64(), Some(utf16_start + 9.0));
    assert_eq!(get(&d, "family").as_string().as_deref(), Some("panic-path"));
    assert!(get(&d, "fix").is_undefined());
}

#[wasm_bindgen_test]
fn invalid_options_throw_options_error() {
    let options = js_sys::JSON::parse(r#"{"select": ["NOPE1"]}"#).unwrap();
    let error = check(SOURCE.to_string(), Some(options.unchecked_into())).unwrap_err();
    assert_eq!(get(&error, "name").as_string().as_deref(), Some("OptionsError"));
    assert_eq!(get(&error, "option").as_string().as_deref(), Some("select"));
    assert!(get(&error, "message").as_string().unwrap().contains("NOPE1"));
}

#[wasm_bindgen_test]
fn workspace_round_trip() {
    let mut ws = JsWorkspace::new(None).unwrap();
    ws.set_file("a/p.go", SOURCE.to_string());
    assert_eq!(codes(&ws.check("a/p.go")), ["PANIC001"]);
    assert!(ws.check("b.go").is_undefined());
    assert!(ws.edit_file("a/p.go", 0, SOURCE.encode_utf16().count() as u32, "package p\n"));
    assert_eq!(codes(&ws.check("a/p.go")), Vec::<String>::new());
    ws.remove_file("a/p.go");
    assert!(ws.check("a/p.go").is_undefined());
}

#[wasm_bindgen_test]
fn metadata() {
    assert_eq!(version(), faultline_core::VERSION);
    assert!(Array::from(&rules()).length() >= 5);
    assert!(explain("PANIC001").is_some_and(|d| d.contains("recover")));
    assert_eq!(explain("XYZ"), None);
}
