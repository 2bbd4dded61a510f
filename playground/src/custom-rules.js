// The Rules tab: user-defined rules as TOML `[[rule]]` tables (the format of
// `.faultline/rules/*.toml`), passed to the wasm Workspace as
// `WorkspaceOptions.rules` when the build exports `ruleErrors` (issue 11).
// Builds without custom rules keep the text (and share it) but do not apply it.

/** The tab's key: not a valid Go file name, so it cannot clash with one. */
export const RULES_TAB = "<rules>";

export const DEFAULT_RULES = `# Custom rules: [[rule]] tables, the format of .faultline/rules/*.toml.
# They apply to every tab as you type; problems in this text show up here.
# Remove the leading "# " of the rule below to try it.
#
# [[rule]]
# id = "no-sleep"
# message = "time.Sleep makes this slow and flaky: wait for an event instead"
# severity = "warning"
# query = '''
# (call_expression
#   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn)
#   (#eq? @pkg "time") (#eq? @fn "Sleep")) @match
# '''
`;
