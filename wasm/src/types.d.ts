/**
 * Rule families; a built-in rule's code starts with its family's prefix (NIL, ESC, RACE, PANIC).
 * "custom" is every user-defined rule (the `rules` option); its code is the rule's id.
 */
export type Family = "nil-contract" | "escape-hint" | "race-risk" | "panic-path" | "custom";

export type Severity = "error" | "warning" | "info" | "hint";

/** A position in the checked JavaScript string. */
export interface Position {
  /** 1-based line; lines end at "\n". */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
  /** 0-based UTF-16 offset: `source.slice(d.start.offset, d.end.offset)` is the flagged text. */
  offset: number;
}

export interface Related {
  message: string;
  start: Position;
  end: Position;
}

/** Replace `source.slice(start, end)` (UTF-16 offsets) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** "safe": keeps the program's meaning apart from the crash it removes; "unsafe": review it. */
  applicability: "safe" | "unsafe";
  /** Non-overlapping edits. */
  edits: TextEdit[];
}

export interface Diagnostic {
  /** e.g. "PANIC001" */
  code: string;
  /** e.g. "ineffective-recover" */
  name: string;
  family: Family;
  severity: Severity;
  message: string;
  start: Position;
  end: Position;
  related: Related[];
  fix?: Fix;
}

export interface RuleInfo {
  code: string;
  name: string;
  family: Family;
  defaultSeverity: Severity;
  summary: string;
  fix: "none" | "sometimes" | "always";
}

/**
 * Selectors name rules: a code ("NIL001"), a family prefix ("NIL"), a family
 * name ("nil-contract") or "ALL". The most specific selector wins.
 */
export interface WorkspaceOptions {
  /** Go language version, e.g. "1.21"; overrides go.mod (a file's //go:build floor still wins). Default "1.22". */
  goVersion?: string;
  /** Rules to run; empty or absent means all. */
  select?: string[];
  ignore?: string[];
  /** Rule code (or custom rule id) -> severity. */
  severity?: Record<string, Severity>;
  /**
   * Custom rules: TOML text with `[[rule]]` tables (docs/custom-rules.md). Invalid rules are
   * skipped and the valid ones run; `ruleErrors(text)` lists what is wrong and where.
   */
  rules?: string;
}

/** A problem in a custom rules text, at the bad part: 1-based line, 1-based UTF-16 column. */
export interface RuleError {
  message: string;
  line: number;
  column: number;
}

export interface CheckOptions extends WorkspaceOptions {
  /** The file's name, e.g. "server_test.go". Default "main.go". */
  path?: string;
}

/**
 * Thrown for invalid options (unknown keys, unknown rule codes, bad versions or
 * severities); never for source text.
 */
export interface OptionsError extends Error {
  name: "OptionsError";
  /** The option at fault ("goVersion", "select", "ignore", "severity", or an unknown key), or "" when the value as a whole is malformed (e.g. a string, or a list where a string belongs). */
  option: string;
}
