//! Any bytes: parsing must not panic, diagnostics must lie inside the input,
//! the plan must serialise, and rendering it must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for dialect in [None, Some(actionplan::Dialect::Council), Some(actionplan::Dialect::Commission)] {
        let options = match dialect {
            Some(d) => actionplan::ParseOptions::with_dialect(d),
            None => actionplan::ParseOptions::default(),
        };
        if let Ok(plan) = actionplan::parse_bytes(data, &options) {
            for d in &plan.diagnostics {
                assert!(d.span.end <= data.len());
                assert!(d.line >= 1);
            }
            assert!(serde_json::to_vec(&plan).is_ok());
            // Rendering places every marker; it must not panic either.
            let _ = actionplan::render(&plan);
        }
    }
});
