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
    &escape::closure_capture::ClosureCaptureEscapes,
    &escape::interface_conversion::InterfaceConversionEscapes,
    &escape::non_constant_make::NonConstantMake,
    &escape::large_stack_object::LargeStackObject,
    &escape::leaking_param::LeakingParam,
    &escape::escape_in_loop::EscapeInLoop,
    &race::loop_variable_capture::LoopVariableCapture,
    &race::unsynchronized_shared_write::UnsynchronizedSharedWrite,
    &race::concurrent_map_write::ConcurrentMapWrite,
    &race::waitgroup_add_in_goroutine::WaitGroupAddInGoroutine,
    &race::copied_lock::CopiedLock,
    &race::lock_leak::LockLeak,
    &race::channel_deadlock::ChannelDeadlock,
    &race::send_after_close::SendAfterClose,
    &race::goroutine_leak::GoroutineLeak,
    &race::lost_cancel::LostCancel,
    &race::fatal_in_goroutine::FatalInGoroutine,
    &panic::ineffective_recover::IneffectiveRecover,
    &panic::unchecked_type_assertion::UncheckedTypeAssertion,
    &panic::index_out_of_range::IndexOutOfRange,
    &panic::goroutine_without_recover::GoroutineWithoutRecover,
    &panic::panic_in_defer::PanicInDefer,
    &panic::library_panic::LibraryPanic,
    &panic::divide_by_zero::DivideByZero,
    &panic::nil_channel_close::NilChannelClose,
    &panic::swallowed_panic::SwallowedPanic,
    &panic::exit_skips_defers::ExitSkipsDefers,
];

/// Every built-in rule, in code order within each family.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    RULES
}

pub fn rule_by_code(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(code))
}
