fn main() -> std::process::ExitCode {
    faultline_lsp::run_stdio()
}
