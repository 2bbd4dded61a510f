//! `faultline.toml` parsing and suppression comments. The input is split at
//! the first 0xFF byte (never in UTF-8): the config text, then a comment body
//! that is written into a Go file as `//nolint...`, `//faultline:...` directives
//! at the positions the suppression code distinguishes.

use faultline_core::{Config, Settings, Workspace};

const GO: &str = "package main\n\nfunc f(p *int) int {\n\t@LINE@\n\tif p == nil {\n\t\treturn *p @EOL@\n\t}\n\tvar m map[string]int\n\tm[\"a\"] = 1\n\treturn 0\n}\n";

pub fn config_and_suppressions(data: &[u8]) {
    let data = &data[..data.len().min(crate::MAX_INPUT)];
    let (config_bytes, comment_bytes) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let config_text = String::from_utf8_lossy(config_bytes);
    let settings = match Config::parse(&config_text, "faultline.toml") {
        Ok(config) => config.to_settings(),
        Err(e) => {
            let _ = e.to_string();
            Settings::default()
        }
    };
    // A comment cannot hold a newline: the rest would be code.
    let comment = String::from_utf8_lossy(comment_bytes).replace(['\n', '\r'], " ");
    let go = GO.replace("@LINE@", &format!("//{comment}")).replace("@EOL@", &format!("//{comment}")).replacen(
        "package main",
        &format!("//{comment}\npackage main"),
        1,
    );
    let mut ws = Workspace::new(settings);
    ws.set_file("p/main.go", go).expect("parse");
    crate::oracle::check_and_verify(&ws, "p/main.go");
}
