//! The JavaScript boundary: options in, plain objects out, typed errors.

use crate::options::{resolve, Options, OptionsProblem, RawOptions, OPTION_NAMES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An options object, typed in TypeScript as `types.d.ts` says and read by [`options`].
    #[wasm_bindgen(typescript_type = "WorkspaceOptions")]
    pub type WorkspaceOptions;

    #[wasm_bindgen(typescript_type = "CheckOptions")]
    pub type CheckOptions;
}

/// Reads an options object (`undefined` and `null` mean defaults). Read by
/// hand rather than through serde so every type error names its option.
pub fn options(value: Option<JsValue>) -> Result<Options, JsValue> {
    let raw = match value {
        Some(v) if !v.is_undefined() && !v.is_null() => read_raw(&v).map_err(options_error)?,
        _ => RawOptions::default(),
    };
    resolve(raw).map_err(options_error)
}

fn read_raw(value: &JsValue) -> Result<RawOptions, OptionsProblem> {
    let Some(object) = value.dyn_ref::<js_sys::Object>().filter(|_| !js_sys::Array::is_array(value)) else {
        return Err(OptionsProblem::malformed(format!("expected an options object, found {}", describe(value))));
    };
    for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(OptionsProblem::unknown(&key));
        }
    }
    let mut severity = None;
    if let Some(map) = field(value, "severity") {
        let Some(map_object) = map.dyn_ref::<js_sys::Object>().filter(|_| !js_sys::Array::is_array(&map)) else {
            return Err(OptionsProblem::wrong_type(
                "severity",
                "an object like { NIL001: \"error\" }",
                &describe(&map),
            ));
        };
        let mut entries = std::collections::BTreeMap::new();
        for entry in js_sys::Object::entries(map_object).iter() {
            let pair = js_sys::Array::from(&entry);
            let code = pair.get(0).as_string().unwrap_or_default();
            let Some(level) = pair.get(1).as_string() else {
                return Err(OptionsProblem::wrong_type(
                    "severity",
                    "severity names as strings",
                    &describe(&pair.get(1)),
                ));
            };
            entries.insert(code, level);
        }
        severity = Some(entries);
    }
    Ok(RawOptions {
        go_version: string_field(value, "goVersion", "a string like \"1.22\"")?,
        select: string_list(value, "select")?,
        ignore: string_list(value, "ignore")?,
        severity,
        path: string_field(value, "path", "a file name string")?,
        rules: string_field(value, "rules", "TOML text with [[rule]] tables")?,
    })
}

/// A present (not `undefined`/`null`) property.
fn field(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn string_field(object: &JsValue, key: &'static str, expected: &str) -> Result<Option<String>, OptionsProblem> {
    match field(object, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| OptionsProblem::wrong_type(key, expected, &describe(&v))),
    }
}

fn string_list(object: &JsValue, key: &'static str) -> Result<Option<Vec<String>>, OptionsProblem> {
    let Some(v) = field(object, key) else { return Ok(None) };
    let expected = "an array of rule codes or families";
    if !js_sys::Array::is_array(&v) {
        return Err(OptionsProblem::wrong_type(key, expected, &describe(&v)));
    }
    js_sys::Array::from(&v)
        .iter()
        .map(|item| item.as_string().ok_or_else(|| OptionsProblem::wrong_type(key, expected, &describe(&item))))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A short description of a JS value for error messages: its type and, for
/// primitives, the value.
fn describe(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        let short: String = s.chars().take(40).collect();
        return format!("the string {short:?}");
    }
    if let Some(n) = value.as_f64() {
        return format!("the number {n}");
    }
    if let Some(b) = value.as_bool() {
        return format!("{b}");
    }
    if js_sys::Array::is_array(value) {
        return "an array".to_string();
    }
    value.js_typeof().as_string().map(|t| format!("a value of type {t}")).unwrap_or_else(|| "a value".to_string())
}

/// An `Error` named `OptionsError` with an `option` property naming the culprit.
pub fn options_error(problem: OptionsProblem) -> JsValue {
    let error = js_sys::Error::new(&problem.message);
    error.set_name("OptionsError");
    // Setting a property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("option"), &JsValue::from_str(&problem.option));
    error.into()
}

/// Plain JS objects and arrays (no `Map`s); our types always serialise.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
}
