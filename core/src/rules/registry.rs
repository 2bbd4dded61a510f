//! The list of every built-in rule. Adding a rule: write its file and docs,
//! then add it here.

use super::{escape, nil, panic, race, Rule};

static RULES: &[&dyn Rule] = &[
    &nil::deref_after_nil_check::DerefAfterNilCheck,
    &nil::nil_map_write::NilMapWrite,
    &nil::nil_contract_violation::NilContractViolation,
    &nil::nil_result_deref::NilResultDeref,
    &nil::use_before_error_check::UseBeforeErrorCheck,
    &nil::typed_nil_interface::TypedNilInterface,
    &nil::nil_func_call::NilFuncCall,
    &nil::nil_nil_return::NilNilReturn,
    &escape::address_escapes::AddressEscapes,
    &race::loop_variable_capture::LoopVariableCapture,
    &panic::ineffective_recover::IneffectiveRecover,
];

/// Every built-in rule, in code order within each family.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    RULES
}

pub fn rule_by_code(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(code))
}
